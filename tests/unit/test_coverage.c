/*
 * Capacities and coverage rules (docs/model.md, hard rules 1-4): volunteer and need
 * capacity, partial coverage, min_volunteers teams, all_or_nothing, required needs, and
 * the priority weights that value coverage.
 *
 * Everything sits in one community (distance 0, so the distance cost is 0) unless a test
 * says otherwise; the default weights are [1, 2, 4, 8, 16] for priorities 1..5.
 */
#include "test_support.h"

/*
 * Volunteer capacity: V1 has 10 h. N1 (priority 3, weight 4, 6 h) is worth 4/6 per hour,
 * N2 (priority 2, weight 2, 6 h) 2/6 per hour. Best: N1 gets 6 h (value 4), N2 the
 * remaining 4 h (coverage 4/6, value 4/3). Objective 16/3 = 5.3333.
 */
static void test_volunteer_capacity(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 3, 6);
    ts_need(m, "N2", "C0", 2, 6);
    ts_volunteer(m, "V1", "C0", 10);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 6, TS_EPS);
    TS_NEAR(ts_x(p, "N2", "V1"), 4, TS_EPS);
    TS_NEAR(ts_volunteer_hours(p, "V1"), 10, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 1, TS_EPS);
    TS_NEAR(ts_coverage(p, "N2"), 4.0 / 6.0, TS_EPS);
    TS_NEAR(match_plan_need_hours(p, ts_need_index(p, "N2")), 4, TS_EPS);
    TS_NEAR(match_plan_objective(p), 4.0 + 2.0 * 4.0 / 6.0, TS_EPS);
    TS_NEAR(match_plan_bound(p), match_plan_objective(p), TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Need capacity: N1 (priority 3, 8 h) and two volunteers with 20 h each. The need gets no
 * more than its 8 h whatever the split. Objective 4. The volunteers give 8 h between them.
 */
static void test_need_capacity(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 3, 8);
    ts_volunteer(m, "V1", "C0", 20);
    ts_volunteer(m, "V2", "C0", 20);

    match_plan *p = ts_solve_optimal(m);
    size_t i = ts_need_index(p, "N1");
    TS_NEAR(match_plan_need_hours(p, i), 8, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V1") + ts_x(p, "N1", "V2"), 8, TS_EPS);
    TS_NEAR(ts_volunteer_hours(p, "V1") + ts_volunteer_hours(p, "V2"), 8, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 1, TS_EPS);
    assert_null(match_plan_need_unmet_reason(p, i));
    TS_NEAR(match_plan_objective(p), 4, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Partial coverage: N1 (priority 4, weight 8, 10 h); V1 3 h, V2 4 h. Coverage 7/10,
 * objective 8 * 0.7 = 5.6, and the need says why it is not fully covered.
 */
static void test_coverage_partial(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 4, 10);
    ts_volunteer(m, "V1", "C0", 3);
    ts_volunteer(m, "V2", "C0", 4);

    match_plan *p = ts_solve_optimal(m);
    size_t i = ts_need_index(p, "N1");
    TS_NEAR(match_plan_need_coverage(p, i), 0.7, TS_EPS);
    TS_NEAR(match_plan_need_hours(p, i), 7, TS_EPS);
    assert_int_equal(match_plan_need_volunteer_count(p, i), 2);
    /* Volunteers are listed in the model's order. */
    assert_string_equal(match_plan_need_volunteer_id(p, i, 0), "V1");
    assert_string_equal(match_plan_need_volunteer_id(p, i, 1), "V2");
    TS_NEAR(match_plan_need_volunteer_hours(p, i, 0), 3, TS_EPS);
    TS_NEAR(match_plan_need_volunteer_hours(p, i, 1), 4, TS_EPS);
    assert_int_equal(match_plan_need_priority(p, i), 4);
    const char *why = match_plan_need_unmet_reason(p, i);
    assert_non_null(why);
    assert_true(strlen(why) > 0);
    TS_NEAR(match_plan_objective(p), 5.6, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * min_volunteers = 2 makes coverage all-or-nothing and needs two distinct volunteers.
 * N1 (priority 3, weight 4, 4 h, min 2). V1 has 10 h: alone it cannot cover N1,
 * although it has the hours. Objective 0, coverage 0.
 * Adding V2 (1 h): V1 3 h + V2 1 h cover N1. Objective 4.
 */
static void test_min_volunteers(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 3, 4);
    TS_OK(m, match_model_set_need_min_volunteers(m, "N1", 2));
    ts_volunteer(m, "V1", "C0", 10);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 0, TS_EPS);
    assert_non_null(match_plan_need_unmet_reason(p, ts_need_index(p, "N1")));
    match_plan_destroy(p);

    ts_volunteer(m, "V2", "C0", 1);
    p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 1, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V1"), 3, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V2"), 1, TS_EPS);
    TS_NEAR(match_plan_objective(p), 4, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * A min_volunteers team need is all-or-nothing: N1 (priority 5, weight 16, 20 h, min 2) with
 * only V1 10 h + V2 1 h = 11 h available stays at coverage 0 (11/20 is not allowed), so the
 * hours go to N2 (priority 1, 100 h, partial): coverage 0.11, objective 0.11.
 */
static void test_min_volunteers_is_all_or_nothing(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 5, 20);
    TS_OK(m, match_model_set_need_min_volunteers(m, "N1", 2));
    ts_need(m, "N2", "C0", 1, 100);
    ts_volunteer(m, "V1", "C0", 10);
    ts_volunteer(m, "V2", "C0", 1);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 0, TS_EPS);
    TS_NEAR(ts_coverage(p, "N2"), 0.11, TS_EPS);
    TS_NEAR(match_plan_objective(p), 0.11, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * all_or_nothing: N1 (priority 5, weight 16, 10 h, all or nothing), N2 (priority 1, 10 h).
 * V1 has 9 h: N1 cannot be covered fully, so V1 gives N2 9 h: objective 0.9.
 * With 10 h V1 covers N1: objective 16.
 */
static void test_all_or_nothing(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 5, 10);
    TS_OK(m, match_model_set_need_all_or_nothing(m, "N1", 1));
    ts_need(m, "N2", "C0", 1, 10);
    ts_volunteer(m, "V1", "C0", 9);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 0, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V1"), 0, TS_EPS);
    TS_NEAR(ts_x(p, "N2", "V1"), 9, TS_EPS);
    TS_NEAR(match_plan_objective(p), 0.9, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);

    m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 5, 10);
    TS_OK(m, match_model_set_need_all_or_nothing(m, "N1", 1));
    ts_need(m, "N2", "C0", 1, 10);
    ts_volunteer(m, "V1", "C0", 10);
    p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 1, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V1"), 10, TS_EPS);
    TS_NEAR(match_plan_objective(p), 16, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * A required need that cannot be met: N1 required, 10 h; V1 has 5 h. No plan exists: the
 * call still succeeds, the status is infeasible and the message names N1 (and not N2, a
 * required need that can be met on its own).
 */
static void test_required_infeasible(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 2, 10);
    TS_OK(m, match_model_set_need_required(m, "N1", 1));
    ts_need(m, "N2", "C0", 1, 2);
    TS_OK(m, match_model_add_need_skill(m, "N2", "legal"));
    TS_OK(m, match_model_set_need_required(m, "N2", 1));
    ts_volunteer(m, "V1", "C0", 5);
    ts_volunteer(m, "V2", "C0", 2);
    TS_OK(m, match_model_add_volunteer_skill(m, "V2", "legal"));
    TS_OK(m, match_model_forbid_pair(m, "V2", "N1"));

    match_plan *p = NULL;
    TS_OK(m, match_model_solve(&p, m, NULL));
    assert_non_null(p);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_INFEASIBLE);
    assert_string_equal(match_status_name(MATCH_STATUS_INFEASIBLE), "infeasible");
    TS_CONTAINS(match_plan_message(p), "N1");
    if (strstr(match_plan_message(p), "N2") != NULL)
        fail_msg("the message blames N2, which can be met: \"%s\"", match_plan_message(p));
    /* Every item is still listed. */
    assert_int_equal(match_plan_need_count(p), 2);
    assert_int_equal(match_plan_volunteer_count(p), 2);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * A required need is met even when the hours are worth more elsewhere: N1 required,
 * priority 1 (weight 1), 4 h; N2 priority 5 (weight 16), 4 h; V1 has 4 h. Without the rule
 * V1 would serve N2 (objective 16); with it V1 serves N1: objective 1.
 */
static void test_required_met(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 1, 4);
    ts_need(m, "N2", "C0", 5, 4);
    ts_volunteer(m, "V1", "C0", 4);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(match_plan_objective(p), 16, TS_EPS);
    TS_NEAR(ts_x(p, "N2", "V1"), 4, TS_EPS);
    match_plan_destroy(p);

    TS_OK(m, match_model_set_need_required(m, "N1", 1));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 1, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V1"), 4, TS_EPS);
    TS_NEAR(ts_coverage(p, "N2"), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 1, TS_EPS);
    match_plan_destroy(p);

    /* Clearing the flag restores the first optimum. */
    TS_OK(m, match_model_set_need_required(m, "N1", 0));
    p = ts_solve_optimal(m);
    TS_NEAR(match_plan_objective(p), 16, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Priority weights value full coverage. Reversed weights [5, 4, 3, 2, 1]: N1 (priority 1,
 * now weight 5, 4 h) beats N2 (priority 5, now weight 1, 4 h) for V1's 4 h: objective 5.
 * With the default weights N2 (16) wins: objective 16.
 */
static void test_priority_weights(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 1, 4);
    ts_need(m, "N2", "C0", 5, 4);
    ts_volunteer(m, "V1", "C0", 4);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N2", "V1"), 4, TS_EPS);
    TS_NEAR(match_plan_objective(p), 16, TS_EPS);
    assert_int_equal(match_plan_need_priority(p, ts_need_index(p, "N1")), 1);
    assert_int_equal(match_plan_need_priority(p, ts_need_index(p, "N2")), 5);
    match_plan_destroy(p);

    const double reversed[5] = {5, 4, 3, 2, 1};
    TS_OK(m, match_model_set_priority_weights(m, reversed, 5));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 4, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 1, TS_EPS);
    TS_NEAR(ts_coverage(p, "N2"), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 5, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_volunteer_capacity),
        cmocka_unit_test(test_need_capacity),
        cmocka_unit_test(test_coverage_partial),
        cmocka_unit_test(test_min_volunteers),
        cmocka_unit_test(test_min_volunteers_is_all_or_nothing),
        cmocka_unit_test(test_all_or_nothing),
        cmocka_unit_test(test_required_infeasible),
        cmocka_unit_test(test_required_met),
        cmocka_unit_test(test_priority_weights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
