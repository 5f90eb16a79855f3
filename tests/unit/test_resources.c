/*
 * Resources (docs/model.md): a resource may serve a need that asks for its type, when its
 * categories are empty or hold the need's category, within the policy's max_distance_km of
 * its location (its unit's community unless placed). A need gets no more of a type than it
 * asks; coverage is at most the supplied share of every type asked for; a unit takes part in
 * a need through its resources too.
 *
 * C0 is at (34, 113); C5 at (34.05, 113), 5.56 km away.
 */
#include "test_support.h"

static void base(match_model *m)
{
    ts_community(m, "C0", 0);
    ts_community(m, "C5", 0.05);
    TS_OK(m, match_model_add_unit(m, "U1", "School", "C0"));
    TS_OK(m, match_model_add_unit(m, "U5", "Bank", "C5"));
}

/*
 * N1 (after_school, priority 3, weight 4, no hours) asks for 4 venues.
 * R1 venue 1 for after_school (U1, C0)      eligible
 * R2 venue 5 for medical only (U1, C0)      wrong category
 * R3 van 3 (U1, C0)                         wrong type
 * R4 venue 3, any category (U5, 5.56 km)    too far
 * R5 venue 1, any category (U5, placed at C0) eligible
 * Venues supplied: 2 of 4, coverage 0.5, objective 4 * 0.5 = 2.
 */
static void test_resource_eligibility(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    base(m);
    TS_OK(m, match_model_add_need(m, "N1", "C0", "after_school", 3));
    TS_OK(m, match_model_add_need_resource(m, "N1", "venue", 4));
    TS_OK(m, match_model_add_resource(m, "R1", "U1", "venue", 1));
    TS_OK(m, match_model_add_resource_category(m, "R1", "after_school"));
    TS_OK(m, match_model_add_resource(m, "R2", "U1", "venue", 5));
    TS_OK(m, match_model_add_resource_category(m, "R2", "medical"));
    TS_OK(m, match_model_add_resource(m, "R3", "U1", "van", 3));
    TS_OK(m, match_model_add_resource(m, "R4", "U5", "venue", 3));
    TS_OK(m, match_model_add_resource(m, "R5", "U5", "venue", 1));
    TS_OK(m, match_model_set_resource_location(m, "R5", 34.0, 113.0));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_y(p, "N1", "R1"), 1, TS_EPS);
    TS_NEAR(ts_y(p, "N1", "R2"), 0, TS_EPS);
    TS_NEAR(ts_y(p, "N1", "R3"), 0, TS_EPS);
    TS_NEAR(ts_y(p, "N1", "R4"), 0, TS_EPS);
    TS_NEAR(ts_y(p, "N1", "R5"), 1, TS_EPS);
    size_t i = ts_need_index(p, "N1");
    assert_int_equal(match_plan_need_resource_count(p, i), 2);
    /* Resources are listed in the model's order. */
    assert_string_equal(match_plan_need_resource_id(p, i, 0), "R1");
    assert_string_equal(match_plan_need_resource_id(p, i, 1), "R5");
    TS_NEAR(ts_coverage(p, "N1"), 0.5, TS_EPS);
    assert_non_null(match_plan_need_unmet_reason(p, i));
    TS_NEAR(match_plan_objective(p), 2, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Per-type cap and resource capacity: R1 offers 3 venues for any category.
 * N1 (priority 3, weight 4) asks 2 venues, N2 (priority 1, weight 1) asks 2 venues.
 * N1 gets 2 (not 3: no more than it asks), N2 the last 1: coverage 0.5.
 * Objective 4 + 0.5 = 4.5.
 */
static void test_resource_caps(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    base(m);
    TS_OK(m, match_model_add_need(m, "N1", "C0", "culture", 3));
    TS_OK(m, match_model_add_need_resource(m, "N1", "venue", 2));
    TS_OK(m, match_model_add_need(m, "N2", "C0", "sports", 1));
    TS_OK(m, match_model_add_need_resource(m, "N2", "venue", 2));
    TS_OK(m, match_model_add_resource(m, "R1", "U1", "venue", 3));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_y(p, "N1", "R1"), 2, TS_EPS);
    TS_NEAR(ts_y(p, "N2", "R1"), 1, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 1, TS_EPS);
    TS_NEAR(ts_coverage(p, "N2"), 0.5, TS_EPS);
    TS_NEAR(match_plan_objective(p), 4.5, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Coverage is bounded by hours and by every resource type at once. N1 (priority 3, weight 4)
 * asks 4 h and 1 venue; V1 has 4 h. Without a venue coverage is 0 (objective 0); with R1
 * (venue 1) it is 1 (objective 4).
 * N2 (priority 1) asks 2 venues and 1 van, no hours; with only R2 (2 venues) it stays at 0.
 */
static void test_resource_and_hours(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    base(m);
    TS_OK(m, match_model_add_need(m, "N1", "C0", "medical", 3));
    TS_OK(m, match_model_set_need_hours(m, "N1", 4));
    TS_OK(m, match_model_add_need_resource(m, "N1", "venue", 1));
    ts_volunteer(m, "V1", "C0", 4);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 0, TS_EPS);
    match_plan_destroy(p);

    TS_OK(m, match_model_add_resource(m, "R1", "U1", "venue", 1));
    TS_OK(m, match_model_add_need(m, "N2", "C0", "culture", 1));
    TS_OK(m, match_model_add_need_resource(m, "N2", "venue", 2));
    TS_OK(m, match_model_add_need_resource(m, "N2", "van", 1));
    TS_OK(m, match_model_add_resource(m, "R2", "U1", "venue", 2));
    TS_OK(m, match_model_add_resource_category(m, "R2", "culture"));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 1, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V1"), 4, TS_EPS);
    TS_NEAR(ts_y(p, "N1", "R1"), 1, TS_EPS);
    TS_NEAR(ts_coverage(p, "N2"), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 4, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Units take part in needs through their resources. U1 (R1: 1 venue) and U5 (R5: 1 venue,
 * placed at C0) must each join 1 project. N1 and N2 (priority 1, weight 1) each ask 1 venue.
 * Each resource serves one need: both units join a project, objective 1 + 1 = 2.
 * (Were resources not counted, both units would fall short: 2 - 2 = 0.)
 */
static void test_resource_counts_for_unit(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    base(m);
    TS_OK(m, match_model_set_unit_min_projects(m, "U1", 1));
    TS_OK(m, match_model_set_unit_min_projects(m, "U5", 1));
    TS_OK(m, match_model_add_need(m, "N1", "C0", "culture", 1));
    TS_OK(m, match_model_add_need_resource(m, "N1", "venue", 1));
    TS_OK(m, match_model_add_need(m, "N2", "C0", "culture", 1));
    TS_OK(m, match_model_add_need_resource(m, "N2", "venue", 1));
    TS_OK(m, match_model_add_resource(m, "R1", "U1", "venue", 1));
    TS_OK(m, match_model_add_resource(m, "R5", "U5", "venue", 1));
    TS_OK(m, match_model_set_resource_location(m, "R5", 34.0, 113.0));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 1, TS_EPS);
    TS_NEAR(ts_coverage(p, "N2"), 1, TS_EPS);
    assert_int_equal(match_plan_unit_projects(p, ts_unit_index(p, "U1")), 1);
    assert_int_equal(match_plan_unit_projects(p, ts_unit_index(p, "U5")), 1);
    assert_int_equal(match_plan_unit_shortfall(p, ts_unit_index(p, "U1")), 0);
    assert_int_equal(match_plan_unit_shortfall(p, ts_unit_index(p, "U5")), 0);
    TS_NEAR(match_plan_objective(p), 2, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resource_eligibility),
        cmocka_unit_test(test_resource_caps),
        cmocka_unit_test(test_resource_and_hours),
        cmocka_unit_test(test_resource_counts_for_unit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
