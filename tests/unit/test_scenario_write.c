/*
 * The scenario writer (match_model_write_json(), match_model_to_json()): read -> write ->
 * read -> write gives the same bytes, and the model read back solves to the same plan, for
 * the examples and for a model built and edited item by item.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define EXAMPLES LIBMATCH_TEST_DATA_DIR "/../../examples/"

static char *plan_text(match_model *m)
{
    match_plan *p = ts_solve(m);
    char *text = NULL;
    TS_RC(MATCH_OK, match_plan_to_json(&text, p));
    match_plan_destroy(p);
    return text;
}

/* Writes m, reads it back, writes again: the same bytes, and the same plan. */
static void check_round_trip(match_model *m)
{
    char *first = NULL, *second = NULL;
    TS_OK(m, match_model_to_json(&first, m));
    match_model *back = NULL;
    match_error_detail d;
    int rc = match_model_load_json_string(&back, first, "written.json", &d);
    if (rc != MATCH_OK)
        fail_msg("%s", d.message);
    TS_OK(back, match_model_to_json(&second, back));
    assert_string_equal(first, second);
    char *plan_a = plan_text(m), *plan_b = plan_text(back);
    assert_string_equal(plan_a, plan_b);
    match_free(plan_a);
    match_free(plan_b);
    match_free(first);
    match_free(second);
    match_model_destroy(back);
}

static void test_examples_round_trip(void **state)
{
    (void)state;
    const char *files[] = {EXAMPLES "xinmi.json", EXAMPLES "xinmi-urgent.json",
                           EXAMPLES "home_visits.json", LIBMATCH_TEST_DATA_DIR "/tiny.json"};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; ++k) {
        match_model *m = NULL;
        match_error_detail d;
        if (match_model_load_json(&m, files[k], &d) != MATCH_OK)
            fail_msg("%s", d.message);
        check_round_trip(m);
        match_model_destroy(m);
    }
}

static void test_built_model_round_trip(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    TS_OK(m, match_model_set_name(m, "新华路 \"quoted\""));
    TS_OK(m, match_model_set_policy(m, "distance_cost", 0.1 + 0.2)); /* needs 17 digits */
    TS_OK(m, match_model_set_policy_option(m, "objective", "lexicographic"));
    TS_OK(m, match_model_set_policy(m, "change_penalty", 0.5));
    ts_community(m, "C0", 0);
    ts_community(m, "C1", 0.01);
    TS_OK(m, match_model_add_unit(m, "U1", "单位", "C1"));
    TS_OK(m, match_model_set_unit_min_projects(m, "U1", 1));
    ts_volunteer(m, "V1", "C0", 10.5);
    ts_volunteer(m, "V2", "C1", 8);
    TS_OK(m, match_model_set_volunteer_unit(m, "V2", "U1"));
    TS_OK(m, match_model_set_volunteer_location(m, "V2", 34.5312345678, 113.4));
    TS_OK(m, match_model_set_volunteer_min_hours(m, "V2", 2));
    TS_OK(m, match_model_add_volunteer_skill(m, "V1", "teaching"));
    TS_OK(m, match_model_add_volunteer_skill(m, "V1", "medical"));
    TS_OK(m, match_model_add_resource(m, "R1", "U1", "venue", 2));
    TS_OK(m, match_model_add_resource_category(m, "R1", "culture"));
    ts_need(m, "N1", "C0", 4, 6);
    ts_need(m, "N2", "C1", 2, 5);
    TS_OK(m, match_model_add_need_skill(m, "N1", "medical"));
    TS_OK(m, match_model_add_need_resource(m, "N2", "venue", 1));
    TS_OK(m, match_model_set_need_max_volunteers(m, "N2", 2));
    TS_OK(m, match_model_set_need_all_or_nothing(m, "N2", 1));
    TS_OK(m, match_model_fix_pair(m, "V1", "N1", 1));
    TS_OK(m, match_model_forbid_pair(m, "V2", "N1"));
    TS_OK(m, match_model_add_pair(m, "V1", "N2", 2.25, 3));
    TS_OK(m, match_model_set_previous_hours(m, "V2", "N2", 4));
    TS_OK(m, match_model_set_previous_hours(m, "V1", "N1", 2));
    TS_OK(m, match_model_set_previous_hours(m, "V2", "N2", 5)); /* replaces the 4 */
    check_round_trip(m);

    char *text = NULL;
    TS_OK(m, match_model_to_json(&text, m));
    TS_CONTAINS(text, "\"distance_cost\": 0.30000000000000004");
    TS_CONTAINS(text, "\"hours\": 5");
    assert_null(strstr(text, "\"hours\": 4"));
    match_free(text);

    /* Writing to a file replaces it; a bad path names it. */
    char dir[256], path[300];
    assert_true(ts_make_temp_dir(dir, sizeof dir, "scenario_write"));
    snprintf(path, sizeof path, "%s/s.json", dir);
    TS_OK(m, match_model_write_json(m, path));
    match_model *back = NULL;
    TS_RC(MATCH_OK, match_model_load_json(&back, path, NULL));
    assert_int_equal(match_model_count(back, MATCH_KIND_NEED), 2);
    match_model_destroy(back);
    snprintf(path, sizeof path, "%s/no/such/s.json", dir);
    TS_RC(MATCH_EIO, match_model_write_json(m, path));
    TS_CONTAINS(match_model_errmsg(m), "s.json");
    ts_remove_tree(dir);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_examples_round_trip),
        cmocka_unit_test(test_built_model_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
