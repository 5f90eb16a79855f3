/*
 * The objective's cost terms (docs/model.md, "The plan and its objective"): the distance
 * cost, the volunteer shortfall penalty and the unit shortfall penalty, each traded
 * against coverage value.
 *
 * Communities lie on the meridian lon = 113 at lat = 34 + dlat: distance = dlat * 111.19492664
 * km per degree (0.01 deg = 1.11194927 km, 0.02 deg = 2.22389853 km).
 */
#include "test_support.h"

#define D001 (0.01 * TS_KM_PER_DEG_LAT)
#define D002 (0.02 * TS_KM_PER_DEG_LAT)

/*
 * The distance cost breaks ties: N1 (priority 1, 4 h) in C0; Vnear 1.112 km away and Vfar
 * 2.224 km away, 4 h each. Both could cover N1; the nearer one does:
 * objective = 1 - 0.001 * 1.11194927 * 4 = 0.99555220.
 * With distance_cost 0.01: 1 - 0.01 * 1.11194927 * 4 = 0.95552203.
 */
static void test_distance_cost_tie_break(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_community(m, "C1", 0.01);
    ts_community(m, "C2", 0.02);
    ts_need(m, "N1", "C0", 1, 4);
    ts_volunteer(m, "Vfar", "C2", 4); /* listed first, so model order does not decide */
    ts_volunteer(m, "Vnear", "C1", 4);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "Vnear"), 4, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "Vfar"), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 1 - 0.001 * D001 * 4, TS_EPS);
    match_plan_destroy(p);

    TS_OK(m, match_model_set_policy(m, "distance_cost", 0.01));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "Vnear"), 4, TS_EPS);
    TS_NEAR(match_plan_objective(p), 1 - 0.01 * D001 * 4, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * The distance cost can outweigh the value: with distance_cost 1.0 an hour from 1.112 km
 * costs 1.112 while it is worth 1/4 (N1: priority 1, 4 h). Nobody serves: objective 0.
 */
static void test_distance_cost_outweighs_value(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_community(m, "C1", 0.01);
    ts_need(m, "N1", "C0", 1, 4);
    ts_volunteer(m, "V1", "C1", 4);
    TS_OK(m, match_model_set_policy(m, "distance_cost", 1.0));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 0, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 0, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Volunteer shortfall: V1 (10 h, min_hours 8) and N1 (priority 1, 5 h) in one community.
 * V1 can give only 5 h: shortfall 3, objective = 1 - 0.01 * 3 = 0.97.
 */
static void test_volunteer_shortfall(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 1, 5);
    ts_volunteer(m, "V1", "C0", 10);
    TS_OK(m, match_model_set_volunteer_min_hours(m, "V1", 8));

    match_plan *p = ts_solve_optimal(m);
    size_t v = ts_volunteer_index(p, "V1");
    TS_NEAR(match_plan_volunteer_hours(p, v), 5, TS_EPS);
    TS_NEAR(match_plan_volunteer_shortfall(p, v), 3, TS_EPS);
    TS_NEAR(match_plan_objective(p), 1 - 0.01 * 3, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * The shortfall penalty trades against the distance cost. All weights 0, so coverage is
 * worth nothing. V1 (10 h) lives 2.224 km from N1 (10 h); policy volunteer_min_hours 6.
 * An hour costs 0.001 * 2.22389853 = 0.00222390.
 * - penalty 0.01 per hour > 0.0022: V1 gives exactly 6 h (more only costs):
 *   objective = -0.00222390 * 6 = -0.01334339, shortfall 0.
 * - penalty 0.001 per hour < 0.0022: V1 stays home: shortfall 6, objective -0.006.
 */
static void test_volunteer_shortfall_vs_distance(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    const double zero[5] = {0, 0, 0, 0, 0};
    TS_OK(m, match_model_set_priority_weights(m, zero, 5));
    TS_OK(m, match_model_set_policy(m, "volunteer_min_hours", 6));
    ts_community(m, "C0", 0);
    ts_community(m, "C2", 0.02);
    ts_need(m, "N1", "C0", 3, 10);
    ts_volunteer(m, "V1", "C2", 10);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 6, TS_EPS);
    TS_NEAR(match_plan_volunteer_shortfall(p, 0), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), -0.001 * D002 * 6, TS_EPS);
    match_plan_destroy(p);

    TS_OK(m, match_model_set_policy(m, "volunteer_shortfall_penalty", 0.001));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 0, TS_EPS);
    TS_NEAR(match_plan_volunteer_shortfall(p, 0), 6, TS_EPS);
    TS_NEAR(match_plan_objective(p), -0.006, TS_EPS);
    match_plan_destroy(p);

    /* The volunteer's own min_hours (2) overrides the policy: 2 h short, -0.002. */
    TS_OK(m, match_model_set_volunteer_min_hours(m, "V1", 2));
    p = ts_solve_optimal(m);
    TS_NEAR(match_plan_volunteer_shortfall(p, 0), 2, TS_EPS);
    TS_NEAR(match_plan_objective(p), -0.002, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Unit obligations trade against a better use of the hours. U1 must join 2 projects; its
 * only member V1 has 4 h. N1 (priority 3, weight 4, 4 h), N2 (priority 1, weight 1, 4 h).
 * With a N1-hours, 4-a N2-hours the value is a + (4 - a) / 4 = 1 + 0.75 a.
 * - a = 4: value 4, but U1 joins 1 project: 4 - 1.0 = 3.
 * - a = 3: value 3.25 and U1 joins 2 projects: 3.25. Best with penalty 1.0.
 * With unit_shortfall_penalty 0.2: a = 4 gives 4 - 0.2 = 3.8 > 3.25: V1 serves only N1.
 */
static void test_unit_obligation_trade(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    TS_OK(m, match_model_add_unit(m, "U1", "Hospital", "C0"));
    TS_OK(m, match_model_set_unit_min_projects(m, "U1", 2));
    ts_need(m, "N1", "C0", 3, 4);
    ts_need(m, "N2", "C0", 1, 4);
    ts_volunteer(m, "V1", "C0", 4);
    TS_OK(m, match_model_set_volunteer_unit(m, "V1", "U1"));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 3, TS_EPS);
    TS_NEAR(ts_x(p, "N2", "V1"), 1, TS_EPS);
    size_t u = ts_unit_index(p, "U1");
    assert_int_equal(match_plan_unit_projects(p, u), 2);
    assert_int_equal(match_plan_unit_shortfall(p, u), 0);
    TS_NEAR(match_plan_objective(p), 3.25, TS_EPS);
    match_plan_destroy(p);

    TS_OK(m, match_model_set_policy(m, "unit_shortfall_penalty", 0.2));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 4, TS_EPS);
    TS_NEAR(ts_x(p, "N2", "V1"), 0, TS_EPS);
    u = ts_unit_index(p, "U1");
    assert_int_equal(match_plan_unit_projects(p, u), 1);
    assert_int_equal(match_plan_unit_shortfall(p, u), 1);
    TS_NEAR(match_plan_objective(p), 3.8, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * The policy's unit_min_projects is the default for units added afterwards and applies
 * like the unit's own value. Same data as above with policy unit_min_projects = 2:
 * objective 3.25. A unit with no members or resources (U2) falls 2 short whatever happens:
 * 3.25 - 2 * 1.0 = 1.25, and it is still listed in the plan.
 */
static void test_unit_policy_default(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    TS_OK(m, match_model_set_policy(m, "unit_min_projects", 2));
    ts_community(m, "C0", 0);
    TS_OK(m, match_model_add_unit(m, "U1", NULL, "C0"));
    TS_OK(m, match_model_add_unit(m, "U2", NULL, "C0"));
    ts_need(m, "N1", "C0", 3, 4);
    ts_need(m, "N2", "C0", 1, 4);
    ts_volunteer(m, "V1", "C0", 4);
    TS_OK(m, match_model_set_volunteer_unit(m, "V1", "U1"));

    match_plan *p = ts_solve_optimal(m);
    assert_int_equal(match_plan_unit_count(p), 2);
    assert_int_equal(match_plan_unit_projects(p, ts_unit_index(p, "U1")), 2);
    assert_int_equal(match_plan_unit_projects(p, ts_unit_index(p, "U2")), 0);
    assert_int_equal(match_plan_unit_shortfall(p, ts_unit_index(p, "U2")), 2);
    TS_NEAR(match_plan_objective(p), 3.25 - 2.0, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance_cost_tie_break),
        cmocka_unit_test(test_distance_cost_outweighs_value),
        cmocka_unit_test(test_volunteer_shortfall),
        cmocka_unit_test(test_volunteer_shortfall_vs_distance),
        cmocka_unit_test(test_unit_obligation_trade),
        cmocka_unit_test(test_unit_policy_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
