/*
 * Builder errors: duplicate ids (MATCH_EDUPLICATE), unknown references (MATCH_ENOTFOUND),
 * bad values (MATCH_EINPUT), NULL arguments (MATCH_EINVAL). Messages name the item and the
 * field; a failed call changes nothing.
 */
#include "test_support.h"

/* A small valid model every test starts from: C0, U1, V1 (in U1), R1 (venue), N1. */
static int setup(void **state)
{
    match_model *m = NULL;
    if (match_model_create(&m) != MATCH_OK)
        return -1;
    if (match_model_add_community(m, "C0", "Xinhui", "Xinhua Road", 34.53, 113.38) != MATCH_OK ||
        match_model_add_unit(m, "U1", "Hospital", "C0") != MATCH_OK ||
        match_model_add_volunteer(m, "V1", "C0", 10) != MATCH_OK ||
        match_model_set_volunteer_unit(m, "V1", "U1") != MATCH_OK ||
        match_model_add_resource(m, "R1", "U1", "venue", 2) != MATCH_OK ||
        match_model_add_need(m, "N1", "C0", "after_school", 3) != MATCH_OK) {
        match_model_destroy(m);
        return -1;
    }
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    match_model_destroy(*state);
    return 0;
}

static void test_duplicates(void **state)
{
    match_model *m = *state;
    TS_RC(MATCH_EDUPLICATE, match_model_add_community(m, "C0", NULL, NULL, 34.5, 113.4));
    TS_CONTAINS(match_model_errmsg(m), "C0");
    TS_RC(MATCH_EDUPLICATE, match_model_add_unit(m, "U1", NULL, "C0"));
    TS_CONTAINS(match_model_errmsg(m), "U1");
    TS_RC(MATCH_EDUPLICATE, match_model_add_volunteer(m, "V1", "C0", 5));
    TS_CONTAINS(match_model_errmsg(m), "V1");
    TS_RC(MATCH_EDUPLICATE, match_model_add_resource(m, "R1", "U1", "van", 1));
    TS_CONTAINS(match_model_errmsg(m), "R1");
    TS_RC(MATCH_EDUPLICATE, match_model_add_need(m, "N1", "C0", "medical", 2));
    TS_CONTAINS(match_model_errmsg(m), "N1");
    /* Ids are unique within their list only. */
    TS_OK(m, match_model_add_need(m, "V1", "C0", "medical", 2));
    /* Nothing was added by the failed calls. */
    assert_int_equal(match_model_count(m, MATCH_COMMUNITY), 1);
    assert_int_equal(match_model_count(m, MATCH_UNIT), 1);
    assert_int_equal(match_model_count(m, MATCH_VOLUNTEER), 1);
    assert_int_equal(match_model_count(m, MATCH_RESOURCE), 1);
    assert_int_equal(match_model_count(m, MATCH_NEED), 2);
    /* A successful call does not clear the meaning of a later failure. */
    TS_RC(MATCH_EDUPLICATE, match_model_add_volunteer(m, "V1", "C0", 5));
    TS_CONTAINS(match_model_errmsg(m), "V1");
}

static void test_unknown_references(void **state)
{
    match_model *m = *state;
    TS_RC(MATCH_ENOTFOUND, match_model_add_unit(m, "U2", NULL, "C404"));
    TS_CONTAINS(match_model_errmsg(m), "C404");
    TS_RC(MATCH_ENOTFOUND, match_model_add_volunteer(m, "V2", "C404", 5));
    TS_CONTAINS(match_model_errmsg(m), "C404");
    TS_RC(MATCH_ENOTFOUND, match_model_add_need(m, "N2", "C404", "medical", 2));
    TS_CONTAINS(match_model_errmsg(m), "C404");
    TS_RC(MATCH_ENOTFOUND, match_model_add_resource(m, "R2", "U404", "venue", 1));
    TS_CONTAINS(match_model_errmsg(m), "U404");
    TS_RC(MATCH_ENOTFOUND, match_model_set_volunteer_unit(m, "V1", "U404"));
    TS_CONTAINS(match_model_errmsg(m), "U404");
    TS_RC(MATCH_ENOTFOUND, match_model_set_volunteer_unit(m, "V404", "U1"));
    TS_CONTAINS(match_model_errmsg(m), "V404");
    TS_RC(MATCH_ENOTFOUND, match_model_add_volunteer_skill(m, "V404", "medical"));
    TS_RC(MATCH_ENOTFOUND, match_model_set_need_hours(m, "N404", 4));
    TS_CONTAINS(match_model_errmsg(m), "N404");
    TS_RC(MATCH_ENOTFOUND, match_model_add_resource_category(m, "R404", "culture"));
    TS_CONTAINS(match_model_errmsg(m), "R404");
    TS_RC(MATCH_ENOTFOUND, match_model_set_unit_min_projects(m, "U404", 1));
    TS_RC(MATCH_ENOTFOUND, match_model_fix_pair(m, "V1", "N404", 2));
    TS_CONTAINS(match_model_errmsg(m), "N404");
    TS_RC(MATCH_ENOTFOUND, match_model_fix_pair(m, "V404", "N1", 2));
    TS_CONTAINS(match_model_errmsg(m), "V404");
    TS_RC(MATCH_ENOTFOUND, match_model_forbid_pair(m, "V1", "N404"));
    TS_CONTAINS(match_model_errmsg(m), "N404");
    assert_int_equal(match_model_count(m, MATCH_UNIT), 1);
    assert_int_equal(match_model_count(m, MATCH_VOLUNTEER), 1);
    assert_int_equal(match_model_count(m, MATCH_NEED), 1);
    assert_int_equal(match_model_count(m, MATCH_RESOURCE), 1);
}

static void test_bad_values(void **state)
{
    match_model *m = *state;
    TS_RC(MATCH_EINPUT, match_model_add_community(m, "C1", NULL, NULL, 91.0, 113.0));
    TS_CONTAINS(match_model_errmsg(m), "C1");
    TS_CONTAINS(match_model_errmsg(m), "lat");
    TS_RC(MATCH_EINPUT, match_model_add_community(m, "C1", NULL, NULL, 34.0, -180.5));
    TS_CONTAINS(match_model_errmsg(m), "lon");
    TS_RC(MATCH_EINPUT, match_model_add_community(m, "C1", NULL, NULL, NAN, 113.0));
    assert_int_equal(match_model_count(m, MATCH_COMMUNITY), 1);

    TS_RC(MATCH_EINPUT, match_model_add_volunteer(m, "V7", "C0", -1));
    TS_CONTAINS(match_model_errmsg(m), "V7");
    TS_CONTAINS(match_model_errmsg(m), "hours");
    TS_RC(MATCH_EINPUT, match_model_add_volunteer(m, "V7", "C0", NAN));
    TS_RC(MATCH_EINPUT, match_model_add_volunteer(m, "V7", "C0", INFINITY));
    assert_int_equal(match_model_count(m, MATCH_VOLUNTEER), 1);
    TS_RC(MATCH_EINPUT, match_model_set_volunteer_min_hours(m, "V1", -2));
    TS_CONTAINS(match_model_errmsg(m), "V1");
    TS_CONTAINS(match_model_errmsg(m), "min_hours");
    TS_RC(MATCH_EINPUT, match_model_set_volunteer_max_distance(m, "V1", -0.5));
    TS_CONTAINS(match_model_errmsg(m), "max_distance_km");
    TS_RC(MATCH_EINPUT, match_model_set_volunteer_location(m, "V1", 34.0, 200.0));
    TS_CONTAINS(match_model_errmsg(m), "V1");

    TS_RC(MATCH_EINPUT, match_model_add_need(m, "N2", "C0", "medical", 0));
    TS_CONTAINS(match_model_errmsg(m), "N2");
    TS_CONTAINS(match_model_errmsg(m), "priority");
    TS_RC(MATCH_EINPUT, match_model_add_need(m, "N2", "C0", "medical", 6));
    TS_CONTAINS(match_model_errmsg(m), "priority");
    assert_int_equal(match_model_count(m, MATCH_NEED), 1);
    TS_RC(MATCH_EINPUT, match_model_set_need_hours(m, "N1", -4));
    TS_CONTAINS(match_model_errmsg(m), "N1");
    TS_CONTAINS(match_model_errmsg(m), "hours");
    TS_RC(MATCH_EINPUT, match_model_set_need_min_volunteers(m, "N1", -1));
    TS_CONTAINS(match_model_errmsg(m), "min_volunteers");
    TS_RC(MATCH_EINPUT, match_model_add_need_resource(m, "N1", "venue", 0));
    TS_CONTAINS(match_model_errmsg(m), "N1");
    TS_OK(m, match_model_add_need_resource(m, "N1", "venue", 1));
    TS_RC(MATCH_EINPUT, match_model_add_need_resource(m, "N1", "venue", 2)); /* type twice */
    TS_CONTAINS(match_model_errmsg(m), "venue");

    TS_RC(MATCH_EINPUT, match_model_add_resource(m, "R2", "U1", "van", -1));
    TS_CONTAINS(match_model_errmsg(m), "R2");
    TS_CONTAINS(match_model_errmsg(m), "amount");
    assert_int_equal(match_model_count(m, MATCH_RESOURCE), 1);
    TS_RC(MATCH_EINPUT, match_model_set_unit_min_projects(m, "U1", -1));
    TS_CONTAINS(match_model_errmsg(m), "U1");
    TS_CONTAINS(match_model_errmsg(m), "min_projects");

    TS_RC(MATCH_EINPUT, match_model_fix_pair(m, "V1", "N1", 0));
    TS_RC(MATCH_EINPUT, match_model_fix_pair(m, "V1", "N1", -3));
    TS_CONTAINS(match_model_errmsg(m), "hours");

    TS_RC(MATCH_EINPUT, match_model_set_policy(m, "max_distance_km", -1));
    TS_CONTAINS(match_model_errmsg(m), "max_distance_km");
    TS_RC(MATCH_EINPUT, match_model_set_policy(m, "distance_cost", NAN));
    TS_CONTAINS(match_model_errmsg(m), "distance_cost");
    TS_RC(MATCH_EINPUT, match_model_set_policy(m, "unit_min_projects", 1.5));
    TS_CONTAINS(match_model_errmsg(m), "unit_min_projects");
    TS_RC(MATCH_EINVAL, match_model_set_policy(m, "max_distance", 2));
    TS_CONTAINS(match_model_errmsg(m), "max_distance");
    double got = 0;
    TS_OK(m, match_model_get_policy(m, "max_distance_km", &got));
    TS_NEAR(got, 3.0, 0); /* unchanged by the failed calls */

    const double negative[5] = {1, 2, -4, 8, 16};
    TS_RC(MATCH_EINPUT, match_model_set_priority_weights(m, negative, 5));
    TS_CONTAINS(match_model_errmsg(m), "priority_weights");
    const double four[4] = {1, 2, 4, 8};
    int rc = match_model_set_priority_weights(m, four, 4);
    if (rc != MATCH_EINVAL && rc != MATCH_EINPUT)
        fail_msg("4 priority weights gave %d (%s)", rc, match_strerror(rc));
}

/* The failed calls above changed nothing: the model still solves to the same optimum. */
static void test_failed_calls_change_nothing(void **state)
{
    match_model *m = *state;
    TS_OK(m, match_model_set_need_hours(m, "N1", 4));
    TS_RC(MATCH_EINPUT, match_model_set_need_hours(m, "N1", -4));
    TS_RC(MATCH_EINPUT, match_model_set_policy(m, "max_distance_km", -1));
    const double negative[5] = {1, 2, -4, 8, 16};
    TS_RC(MATCH_EINPUT, match_model_set_priority_weights(m, negative, 5));
    TS_RC(MATCH_EINPUT, match_model_add_volunteer(m, "V2", "C0", -1));
    /* V1 (10 h) covers N1 (priority 3, weight 4, 4 h) at distance 0: objective 4. */
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 4, TS_EPS);
    TS_NEAR(match_plan_objective(p), 4, TS_EPS);
    assert_int_equal(match_plan_volunteer_count(p), 1);
    match_plan_destroy(p);
}

/* NULL strings for skills, slots and categories are bad arguments too (an empty string is
 * bad input instead). */
static void test_null_tag_arguments(void **state)
{
    match_model *m = *state;
    TS_RC(MATCH_EINVAL, match_model_add_volunteer_skill(m, "V1", NULL));
    TS_RC(MATCH_EINVAL, match_model_add_volunteer_slot(m, "V1", NULL));
    TS_RC(MATCH_EINVAL, match_model_add_need_skill(m, "N1", NULL));
    TS_RC(MATCH_EINVAL, match_model_add_need_slot(m, "N1", NULL));
    TS_RC(MATCH_EINVAL, match_model_add_resource_category(m, "R1", NULL));
    TS_RC(MATCH_EINPUT, match_model_add_volunteer_skill(m, "V1", ""));
}

static void test_null_arguments(void **state)
{
    match_model *m = *state;
    TS_RC(MATCH_EINVAL, match_model_create(NULL));
    TS_RC(MATCH_EINVAL, match_model_add_community(NULL, "C1", NULL, NULL, 34, 113));
    TS_RC(MATCH_EINVAL, match_model_add_community(m, NULL, NULL, NULL, 34, 113));
    TS_RC(MATCH_EINVAL, match_model_add_unit(m, "U2", NULL, NULL));
    TS_RC(MATCH_EINVAL, match_model_add_volunteer(m, NULL, "C0", 1));
    TS_RC(MATCH_EINVAL, match_model_add_volunteer(NULL, "V2", "C0", 1));
    TS_RC(MATCH_EINVAL, match_model_add_need(m, "N2", "C0", NULL, 1));
    TS_RC(MATCH_EINVAL, match_model_add_resource(m, "R2", "U1", NULL, 1));
    TS_RC(MATCH_EINVAL, match_model_fix_pair(m, NULL, "N1", 1));
    TS_RC(MATCH_EINVAL, match_model_forbid_pair(m, "V1", NULL));
    TS_RC(MATCH_EINVAL, match_model_set_policy(m, NULL, 1));
    TS_RC(MATCH_EINVAL, match_model_get_policy(m, "distance_cost", NULL));
    TS_RC(MATCH_EINVAL, match_model_set_priority_weights(m, NULL, 5));
    TS_RC(MATCH_EINVAL, match_model_set_name(m, NULL));
    TS_RC(MATCH_EINVAL, match_model_copy(NULL, m));
    match_model *copy = (match_model *)0x1;
    TS_RC(MATCH_EINVAL, match_model_copy(&copy, NULL));

    match_plan *p = NULL;
    TS_RC(MATCH_EINVAL, match_model_solve(NULL, m, NULL));
    TS_RC(MATCH_EINVAL, match_model_solve(&p, NULL, NULL));
    assert_null(p);
    match_options bad = MATCH_OPTIONS_INIT;
    bad.version = 999;
    TS_RC(MATCH_EINVAL, match_model_solve(&p, m, &bad));
    assert_null(p);
    bad = (match_options)MATCH_OPTIONS_INIT;
    bad.time_limit = -1;
    TS_RC(MATCH_EINVAL, match_model_solve(&p, m, &bad));
    assert_null(p);

    TS_RC(MATCH_EINVAL, match_plan_write_json(NULL, "plan.json"));
    char *text = NULL;
    TS_RC(MATCH_EINVAL, match_plan_to_json(&text, NULL));
    TS_RC(MATCH_EINVAL, match_plan_to_json(NULL, NULL));
    match_model *r = (match_model *)0x1;
    TS_RC(MATCH_EINVAL, match_model_read_json(&r, NULL, NULL, 0));
    assert_null(r); /* on failure *out is NULL */
    TS_RC(MATCH_EINVAL, match_model_read_json(NULL, "x.json", NULL, 0));
    TS_RC(MATCH_EINVAL, match_model_read_json_string(&r, NULL, NULL, NULL, 0));

    /* Nothing was added along the way. */
    assert_int_equal(match_model_count(m, MATCH_COMMUNITY), 1);
    assert_int_equal(match_model_count(m, MATCH_VOLUNTEER), 1);
    assert_int_equal(match_model_count(m, MATCH_NEED), 1);
}

/* Word-valued policy fields: defaults, the words they take, and errors that name them. */
static void test_policy_options(void **state)
{
    match_model *m = *state;
    const char *word = NULL;
    TS_OK(m, match_model_get_policy_option(m, "objective", &word));
    assert_string_equal(word, "weighted");
    TS_OK(m, match_model_get_policy_option(m, "eligibility", &word));
    assert_string_equal(word, "computed");
    TS_OK(m, match_model_set_policy_option(m, "objective", "lexicographic"));
    TS_OK(m, match_model_set_policy_option(m, "eligibility", "pairs_only"));
    TS_OK(m, match_model_get_policy_option(m, "objective", &word));
    assert_string_equal(word, "lexicographic");
    TS_OK(m, match_model_get_policy_option(m, "eligibility", &word));
    assert_string_equal(word, "pairs_only");

    TS_RC(MATCH_EINPUT, match_model_set_policy_option(m, "objective", "Weighted"));
    TS_CONTAINS(match_model_errmsg(m), "objective");
    TS_CONTAINS(match_model_errmsg(m), "lexicographic");
    TS_OK(m, match_model_get_policy_option(m, "objective", &word));
    assert_string_equal(word, "lexicographic"); /* unchanged by the failed call */
    TS_RC(MATCH_EINVAL, match_model_set_policy_option(m, "speed", "high"));
    TS_CONTAINS(match_model_errmsg(m), "speed");
    TS_RC(MATCH_EINVAL, match_model_set_policy_option(m, "objective", NULL));
    TS_RC(MATCH_EINVAL, match_model_get_policy_option(m, "max_distance_km", &word));

    double penalty = -1;
    TS_OK(m, match_model_get_policy(m, "change_penalty", &penalty));
    assert_true(penalty == 0);
    TS_OK(m, match_model_set_policy(m, "change_penalty", 0.25));
    TS_OK(m, match_model_get_policy(m, "change_penalty", &penalty));
    assert_true(penalty == 0.25);
    TS_RC(MATCH_EINPUT, match_model_set_policy(m, "change_penalty", -1));
}

/* The priority weights read back one by one; priorities outside 1..5 are refused. */
static void test_priority_weight_getter(void **state)
{
    match_model *m = *state;
    double w = -1;
    TS_OK(m, match_model_get_priority_weight(m, 5, &w));
    assert_true(w == 16);
    const double weights[5] = {1, 3, 9, 27, 81};
    TS_OK(m, match_model_set_priority_weights(m, weights, 5));
    for (int p = 1; p <= 5; ++p) {
        TS_OK(m, match_model_get_priority_weight(m, p, &w));
        assert_true(w == weights[p - 1]);
    }
    TS_RC(MATCH_EINVAL, match_model_get_priority_weight(m, 0, &w));
    TS_RC(MATCH_EINVAL, match_model_get_priority_weight(m, 6, &w));
    TS_RC(MATCH_EINVAL, match_model_get_priority_weight(m, 1, NULL));
    TS_RC(MATCH_EINVAL, match_model_get_priority_weight(NULL, 1, &w));
}

/* The same fields in a scenario file, and a bad word named with its field. */
static void test_policy_options_from_json(void **state)
{
    (void)state;
    static const char ok[] =
        "{\"format\": \"libmatch-scenario-1\", \"policy\": {\"objective\": \"lexicographic\", "
        "\"eligibility\": \"pairs_only\", \"change_penalty\": 2}, \"communities\": [], "
        "\"units\": [], \"volunteers\": [], \"resources\": [], \"needs\": []}";
    match_model *m = NULL;
    char err[512];
    assert_int_equal(match_model_read_json_string(&m, ok, "s.json", err, sizeof err), MATCH_OK);
    const char *word = NULL;
    double penalty = 0;
    TS_OK(m, match_model_get_policy_option(m, "objective", &word));
    assert_string_equal(word, "lexicographic");
    TS_OK(m, match_model_get_policy_option(m, "eligibility", &word));
    assert_string_equal(word, "pairs_only");
    TS_OK(m, match_model_get_policy(m, "change_penalty", &penalty));
    assert_true(penalty == 2);
    match_model_destroy(m);

    static const char bad[] = "{\"format\": \"libmatch-scenario-1\", \"policy\": {\"objective\": "
                              "\"fair\"}, \"communities\": [], \"units\": [], "
                              "\"volunteers\": [], \"resources\": [], \"needs\": []}";
    m = NULL;
    assert_int_equal(match_model_read_json_string(&m, bad, "s.json", err, sizeof err),
                     MATCH_EINPUT);
    assert_null(m);
    TS_CONTAINS(err, "s.json");
    TS_CONTAINS(err, "objective");
    TS_CONTAINS(err, "fair");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_duplicates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_references, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_calls_change_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_null_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_null_tag_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_policy_options, setup, teardown),
        cmocka_unit_test_setup_teardown(test_priority_weight_getter, setup, teardown),
        cmocka_unit_test(test_policy_options_from_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
