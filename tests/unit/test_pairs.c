/*
 * Fixed and forbidden pairs (docs/model.md, hard rule 5): a fixed pair gets at least its
 * hours even where the eligibility rules would not pair them; a forbidden pair gets none;
 * a pair both fixed and forbidden is an input error.
 *
 * C0 is at (34, 113); C5 at (34.05, 113): 0.05 * 111.19492664 = 5.55974633 km away, beyond
 * the default 3 km circle.
 */
#include "test_support.h"

#define D005 (0.05 * TS_KM_PER_DEG_LAT)

/*
 * V1 (C5, 3 h) is fixed to N1 (C0, priority 1, 4 h) for 3 h although 5.56 km is too far;
 * left alone V1 would serve N2 (C5, priority 5, weight 16, 3 h) next door. V2 (C0, 1 h) adds
 * its hour to N1. N1 is covered (value 1), N2 not:
 * objective = 1 - 0.001 * 5.55974633 * 3 = 0.98332076.
 * Without the fixed pair: V1 -> N2 (16), V2 -> N1 1 h (0.25): objective 16.25.
 */
static void test_fixed_pair_overrides_eligibility(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_community(m, "C5", 0.05);
    ts_need(m, "N1", "C0", 1, 4);
    ts_need(m, "N2", "C5", 5, 3);
    ts_volunteer(m, "V1", "C5", 3);
    ts_volunteer(m, "V2", "C0", 1);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N2", "V1"), 3, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V2"), 1, TS_EPS);
    TS_NEAR(match_plan_objective(p), 16.25, TS_EPS);
    match_plan_destroy(p);

    TS_OK(m, match_model_fix_pair(m, "V1", "N1", 3));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 3, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V2"), 1, TS_EPS);
    TS_NEAR(ts_x(p, "N2", "V1"), 0, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 1, TS_EPS);
    TS_NEAR(ts_coverage(p, "N2"), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 1 - 0.001 * D005 * 3, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * A fixed pair gets at least its hours, also against a skill mismatch and when more would
 * be better elsewhere: N1 (priority 1, 6 h, asks "legal") and N2 (priority 4, weight 8,
 * 4 h); V1 (no skills, 6 h) fixed to N1 for 2 h. V1 gives N1 exactly 2 h (1/3 coverage,
 * value 1/3) and N2 4 h (value 8). Objective 8 + 1/3.
 */
static void test_fixed_pair_minimum_hours(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 1, 6);
    TS_OK(m, match_model_add_need_skill(m, "N1", "legal"));
    ts_need(m, "N2", "C0", 4, 4);
    ts_volunteer(m, "V1", "C0", 6);
    TS_OK(m, match_model_fix_pair(m, "V1", "N1", 2));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 2, TS_EPS);
    TS_NEAR(ts_x(p, "N2", "V1"), 4, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 2.0 / 6.0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 8 + 1.0 / 3.0, TS_EPS);
    /* The fixed pair counts among the pairs although not eligible: (V1,N1), (V1,N2). */
    assert_int_equal(match_plan_pair_count(p), 2);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * A fixed pair that asks more hours than the volunteer has cannot be honoured: the solve
 * succeeds with an infeasible plan that says so.
 */
static void test_fixed_pair_infeasible(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 1, 10);
    ts_volunteer(m, "V1", "C0", 3);
    TS_OK(m, match_model_fix_pair(m, "V1", "N1", 5));

    match_plan *p = NULL;
    TS_OK(m, match_model_solve(&p, m, NULL));
    assert_int_equal(match_plan_status(p), MATCH_STATUS_INFEASIBLE);
    assert_true(strlen(match_plan_message(p)) > 0);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * A forbidden pair gets nothing: N1 (priority 1, 4 h); V1 (4 h) forbidden, V2 (1 h) free.
 * Coverage 1/4, objective 0.25.
 */
static void test_forbidden_pair(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 1, 4);
    ts_volunteer(m, "V1", "C0", 4);
    ts_volunteer(m, "V2", "C0", 1);
    TS_OK(m, match_model_forbid_pair(m, "V1", "N1"));
    TS_OK(m, match_model_forbid_pair(m, "V1", "N1")); /* forbidding twice is harmless */

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 0, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V2"), 1, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 0.25, TS_EPS);
    TS_NEAR(match_plan_objective(p), 0.25, TS_EPS);
    assert_int_equal(match_plan_pair_count(p), 1);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* Fixed and forbidden at once is MATCH_EINPUT, in either order; so is fixing a pair twice. */
static void test_fixed_and_forbidden(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 1, 4);
    ts_need(m, "N2", "C0", 1, 4);
    ts_volunteer(m, "V1", "C0", 4);

    TS_OK(m, match_model_fix_pair(m, "V1", "N1", 2));
    TS_RC(MATCH_EINPUT, match_model_forbid_pair(m, "V1", "N1"));
    TS_CONTAINS(match_model_errmsg(m), "V1");
    TS_CONTAINS(match_model_errmsg(m), "N1");
    TS_RC(MATCH_EINPUT, match_model_fix_pair(m, "V1", "N1", 1));
    TS_CONTAINS(match_model_errmsg(m), "N1");

    TS_OK(m, match_model_forbid_pair(m, "V1", "N2"));
    TS_RC(MATCH_EINPUT, match_model_fix_pair(m, "V1", "N2", 2));
    TS_CONTAINS(match_model_errmsg(m), "V1");
    TS_CONTAINS(match_model_errmsg(m), "N2");

    /* The failed calls changed nothing: V1 gives N1 its fixed 2 h and more, never N2. */
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 4, TS_EPS);
    TS_NEAR(ts_x(p, "N2", "V1"), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 1, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_pair_overrides_eligibility),
        cmocka_unit_test(test_fixed_pair_minimum_hours),
        cmocka_unit_test(test_fixed_pair_infeasible),
        cmocka_unit_test(test_forbidden_pair),
        cmocka_unit_test(test_fixed_and_forbidden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
