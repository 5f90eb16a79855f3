/*
 * The API's general promises: version, error strings, destroy(NULL), options, model copies,
 * a plan that outlives its model and lists every need, volunteer and unit exactly once.
 */
#include "test_support.h"

#include <stdlib.h>

static void test_version(void **state)
{
    (void)state;
    assert_int_equal(match_version_number(), MATCH_VERSION_NUMBER);
    assert_string_equal(match_version(), MATCH_VERSION_STRING);
    const char *glpk = match_glpk_version();
    assert_non_null(glpk);
    assert_true(glpk[0] >= '0' && glpk[0] <= '9');
}

static void test_strerror(void **state)
{
    (void)state;
    const int codes[] = {MATCH_OK,      MATCH_EINVAL,      MATCH_ENOMEM,    MATCH_EIO,
                         MATCH_EPARSE,  MATCH_EINPUT,      MATCH_ENOTFOUND, MATCH_EDUPLICATE,
                         MATCH_ESOLVER, MATCH_EINTERRUPTED};
    for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++) {
        const char *s = match_strerror(codes[k]);
        assert_non_null(s);
        assert_true(strlen(s) > 0);
        assert_string_not_equal(s, "unknown error");
        for (size_t j = 0; j < k; j++)
            assert_string_not_equal(s, match_strerror(codes[j]));
    }
    assert_string_equal(match_strerror(-1000), "unknown error");
    assert_string_equal(match_strerror(42), "unknown error");
}

static void test_destroy_null(void **state)
{
    (void)state;
    match_model_destroy(NULL);
    match_plan_destroy(NULL);
    match_free(NULL);
}

/* A NULL plan behaves as an empty one. */
static void test_null_plan_accessors(void **state)
{
    (void)state;
    assert_int_equal(match_plan_need_count(NULL), 0);
    assert_int_equal(match_plan_volunteer_count(NULL), 0);
    assert_int_equal(match_plan_unit_count(NULL), 0);
    assert_null(match_plan_need_id(NULL, 0));
    assert_true(isnan(match_plan_objective(NULL)));
    assert_true(isnan(match_plan_need_coverage(NULL, 0)));
    assert_int_equal(match_model_count(NULL, MATCH_NEED), 0);
    assert_null(match_model_item_id(NULL, MATCH_NEED, 0));
}

static void test_options(void **state)
{
    (void)state;
    match_options a = MATCH_OPTIONS_INIT;
    match_options b;
    memset(&b, 0xAB, sizeof b);
    TS_RC(MATCH_OK, match_options_init(&b, MATCH_OPTIONS_VERSION));
    assert_int_equal(a.version, MATCH_OPTIONS_VERSION);
    assert_int_equal(b.version, a.version);
    assert_true(b.time_limit == a.time_limit);
    assert_true(b.mip_gap == a.mip_gap);
    assert_int_equal(b.solver, a.solver);
    assert_int_equal(b.log_level, a.log_level);
    assert_null(b.log);
    assert_null(b.interrupt);
    TS_RC(MATCH_EINVAL, match_options_init(NULL, MATCH_OPTIONS_VERSION));
    TS_RC(MATCH_EINVAL, match_options_init(&b, MATCH_OPTIONS_VERSION + 99));
}

static void test_policy_defaults(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    const struct {
        const char *field;
        double value;
    } defaults[] = {{"max_distance_km", 3.0},   {"distance_cost", 0.001},
                    {"volunteer_min_hours", 0}, {"volunteer_shortfall_penalty", 0.01},
                    {"unit_min_projects", 0},   {"unit_shortfall_penalty", 1.0}};
    for (size_t k = 0; k < sizeof defaults / sizeof defaults[0]; k++) {
        double got = -1;
        TS_OK(m, match_model_get_policy(m, defaults[k].field, &got));
        if (fabs(got - defaults[k].value) > 1e-12)
            fail_msg("policy %s = %g, expected %g", defaults[k].field, got, defaults[k].value);
    }
    double got = 0;
    TS_RC(MATCH_EINVAL, match_model_get_policy(m, "no_such_field", &got));
    assert_string_equal(match_model_name(m), "");
    TS_OK(m, match_model_set_name(m, "Xinhua Road street, 2026"));
    assert_string_equal(match_model_name(m), "Xinhua Road street, 2026");
    assert_string_equal(match_model_errmsg(m), "");
    match_model_destroy(m);
}

/* A copy is independent: changing it leaves the original alone, and both solve alike. */
static void test_model_copy(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 2, 4);
    ts_volunteer(m, "V1", "C0", 4);

    match_model *c = NULL;
    TS_OK(m, match_model_copy(&c, m));
    assert_non_null(c);
    ts_volunteer(c, "V2", "C0", 4);
    TS_OK(c, match_model_forbid_pair(c, "V1", "N1"));
    assert_int_equal(match_model_count(m, MATCH_VOLUNTEER), 1);
    assert_int_equal(match_model_count(c, MATCH_VOLUNTEER), 2);

    /* Original: V1 covers N1 (weight 2). */
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 4, TS_EPS);
    TS_NEAR(match_plan_objective(p), 2, TS_EPS);
    match_plan_destroy(p);
    /* Copy: V1 is forbidden, V2 covers N1. */
    match_model_destroy(m);
    p = ts_solve_optimal(c);
    TS_NEAR(ts_x(p, "N1", "V1"), 0, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V2"), 4, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(c);
}

/*
 * Every need, volunteer and unit appears once, in model order, matched or not: unreachable
 * needs, idle volunteers and units with no members included. The plan stays readable after
 * the model is freed, and solving does not change the model.
 */
static void test_plan_lists_everything(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_community(m, "C9", 0.09); /* 10 km away from C0 */
    TS_OK(m, match_model_add_unit(m, "U2", "Bank", "C9"));
    TS_OK(m, match_model_add_unit(m, "U1", "School", "C0"));
    TS_OK(m, match_model_add_unit(m, "U3", "Idle office", "C0"));
    ts_need(m, "N3", "C0", 2, 4);
    ts_need(m, "N1", "C9", 5, 4); /* nobody lives near C9 */
    ts_need(m, "N2", "C0", 1, 0); /* asks no hours, only a van nobody has */
    TS_OK(m, match_model_add_need_resource(m, "N2", "van", 1));
    TS_OK(m, match_model_add_need_skill(m, "N3", "nursing"));
    ts_volunteer(m, "V3", "C0", 10);
    TS_OK(m, match_model_add_volunteer_skill(m, "V3", "nursing"));
    TS_OK(m, match_model_set_volunteer_unit(m, "V3", "U1"));
    ts_volunteer(m, "V1", "C0", 5); /* no skill: idle */
    TS_OK(m, match_model_set_volunteer_unit(m, "V1", "U2"));
    ts_volunteer(m, "V2", "C0", 0);
    TS_OK(m, match_model_add_resource(m, "R1", "U3", "venue", 2));

    assert_int_equal(match_model_count(m, MATCH_COMMUNITY), 2);
    assert_int_equal(match_model_count(m, MATCH_UNIT), 3);
    assert_int_equal(match_model_count(m, MATCH_VOLUNTEER), 3);
    assert_int_equal(match_model_count(m, MATCH_RESOURCE), 1);
    assert_int_equal(match_model_count(m, MATCH_NEED), 3);
    assert_string_equal(match_model_item_id(m, MATCH_NEED, 0), "N3");
    assert_string_equal(match_model_item_id(m, MATCH_UNIT, 0), "U2");
    assert_string_equal(match_model_item_id(m, MATCH_RESOURCE, 0), "R1");
    assert_string_equal(match_model_item_id(m, MATCH_COMMUNITY, 1), "C9");
    assert_null(match_model_item_id(m, MATCH_NEED, 3));

    match_plan *p = ts_solve_optimal(m); /* also checks listing order and uniqueness */
    assert_int_equal(match_model_count(m, MATCH_VOLUNTEER), 3);
    match_model_destroy(m);

    assert_int_equal(match_plan_need_count(p), 3);
    assert_int_equal(match_plan_volunteer_count(p), 3);
    assert_int_equal(match_plan_unit_count(p), 3);
    assert_string_equal(match_plan_need_id(p, 0), "N3");
    assert_string_equal(match_plan_need_id(p, 1), "N1");
    assert_string_equal(match_plan_need_id(p, 2), "N2");
    assert_string_equal(match_plan_volunteer_id(p, 0), "V3");
    assert_string_equal(match_plan_volunteer_id(p, 1), "V1");
    assert_string_equal(match_plan_volunteer_id(p, 2), "V2");
    assert_string_equal(match_plan_unit_id(p, 0), "U2");
    assert_string_equal(match_plan_unit_id(p, 1), "U1");
    assert_string_equal(match_plan_unit_id(p, 2), "U3");
    /* N3 covered by V3 (weight 2); N1 out of reach and N2 without a van, with reasons. */
    TS_NEAR(match_plan_need_coverage(p, 0), 1, TS_EPS);
    TS_NEAR(match_plan_need_coverage(p, 1), 0, TS_EPS);
    const char *why = match_plan_need_unmet_reason(p, 1);
    assert_non_null(why);
    assert_true(strlen(why) > 0);
    assert_int_equal(match_plan_need_volunteer_count(p, 1), 0);
    TS_NEAR(match_plan_need_coverage(p, 2), 0, TS_EPS);
    assert_non_null(match_plan_need_unmet_reason(p, 2));
    TS_NEAR(match_plan_volunteer_hours(p, 1), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 2, TS_EPS);
    assert_int_equal(match_plan_unit_projects(p, 1), 1);
    assert_int_equal(match_plan_unit_projects(p, 0), 0);
    /* Out-of-range indexes. */
    assert_null(match_plan_need_id(p, 3));
    assert_true(isnan(match_plan_need_coverage(p, 3)));
    assert_int_equal(match_plan_need_volunteer_count(p, 3), 0);
    assert_null(match_plan_need_volunteer_id(p, 0, 1));
    assert_true(isnan(match_plan_need_volunteer_hours(p, 0, 1)));
    assert_int_equal(match_plan_need_priority(p, 3), 0);
    assert_true(match_plan_solve_seconds(p) >= 0);
    match_plan_destroy(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),      cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_destroy_null), cmocka_unit_test(test_null_plan_accessors),
        cmocka_unit_test(test_options),      cmocka_unit_test(test_policy_defaults),
        cmocka_unit_test(test_model_copy),   cmocka_unit_test(test_plan_lists_everything),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
