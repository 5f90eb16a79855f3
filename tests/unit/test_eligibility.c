/*
 * Who may serve what (docs/model.md, "Who may serve what"): the distance limit (the
 * volunteer's own max_distance_km and the policy default), skills (any of) and slots (empty
 * means any time).
 *
 * Communities lie on the meridian lon = 113 at lat = 34 + dlat, so the haversine distance
 * between two of them is exactly |dlat| * 6371 * pi / 180 = |dlat| * 111.19492664 km:
 * 0.01 deg = 1.11195 km, 0.02 deg = 2.22390 km, 0.03 deg = 3.33585 km, 0.05 deg = 5.55975 km.
 */
#include "test_support.h"

#define D002 (0.02 * TS_KM_PER_DEG_LAT) /* 2.22389853 km */
#define D003 (0.03 * TS_KM_PER_DEG_LAT) /* 3.33584780 km */

/*
 * Policy default (3 km): N1 in C0 asks 4 h, priority 1 (weight 1).
 * Vnear lives 2.224 km away (2 h), Vfar 3.336 km away (10 h).
 * Only Vnear may serve: x(Vnear) = 2, coverage 2/4 = 0.5,
 * objective = 0.5 - 0.001 * 2.22389853 * 2 = 0.49555220.
 */
static void test_distance_policy_default(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0.0);
    ts_community(m, "C2", 0.02);
    ts_community(m, "C3", 0.03);
    ts_need(m, "N1", "C0", 1, 4);
    ts_volunteer(m, "Vnear", "C2", 2);
    ts_volunteer(m, "Vfar", "C3", 10);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "Vnear"), 2, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "Vfar"), 0, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 0.5, TS_EPS);
    TS_NEAR(match_plan_objective(p), 0.5 - 0.001 * D002 * 2, TS_EPS);
    assert_non_null(match_plan_need_unmet_reason(p, ts_need_index(p, "N1")));
    /* Pairs that passed the eligibility rules: only (Vnear, N1). */
    assert_int_equal(match_plan_pair_count(p), 1);
    match_plan_destroy(p);

    /* A 2 km policy circle leaves nobody within reach: coverage 0, objective 0. */
    TS_OK(m, match_model_set_policy(m, "max_distance_km", 2.0));
    double got = 0;
    TS_OK(m, match_model_get_policy(m, "max_distance_km", &got));
    TS_NEAR(got, 2.0, 0);
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "Vnear"), 0, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 0, TS_EPS);
    assert_int_equal(match_plan_pair_count(p), 0);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * The volunteer's own max_distance_km overrides the policy both ways.
 * Policy 3 km. N1 in C0: 10 h, priority 1.
 * Vnear 2.224 km away with max 2.0 km (10 h): too far for it.
 * Vfar 3.336 km away with max 4.0 km (3 h): may serve although beyond the policy circle.
 * x(Vfar) = 3, coverage 0.3, objective = 0.3 - 0.001 * 3.33584780 * 3 = 0.28999246.
 */
static void test_distance_volunteer_override(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0.0);
    ts_community(m, "C2", 0.02);
    ts_community(m, "C3", 0.03);
    ts_need(m, "N1", "C0", 1, 10);
    ts_volunteer(m, "Vnear", "C2", 10);
    TS_OK(m, match_model_set_volunteer_max_distance(m, "Vnear", 2.0));
    ts_volunteer(m, "Vfar", "C3", 3);
    TS_OK(m, match_model_set_volunteer_max_distance(m, "Vfar", 4.0));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "Vnear"), 0, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "Vfar"), 3, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 0.3, TS_EPS);
    TS_NEAR(match_plan_objective(p), 0.3 - 0.001 * D003 * 3, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * A volunteer's own location replaces its community's.
 * V1 lives in C0 (where N1 is) but is placed 0.05 deg (5.56 km) north: out of reach.
 * V2 lives in C5 (5.56 km away) but is placed at 0.02 deg (2.224 km): in reach.
 * N1: 4 h, priority 1. V1 4 h, V2 4 h.
 * x(V2) = 4, coverage 1, objective = 1 - 0.001 * 2.22389853 * 4 = 0.99110441.
 */
static void test_volunteer_location(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0.0);
    ts_community(m, "C5", 0.05);
    ts_need(m, "N1", "C0", 1, 4);
    ts_volunteer(m, "V1", "C0", 4);
    TS_OK(m, match_model_set_volunteer_location(m, "V1", 34.05, 113.0));
    ts_volunteer(m, "V2", "C5", 4);
    TS_OK(m, match_model_set_volunteer_location(m, "V2", 34.02, 113.0));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 0, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V2"), 4, TS_EPS);
    TS_NEAR(match_plan_objective(p), 1.0 - 0.001 * D002 * 4, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Skills are any-of. N1 (priority 1, 5 h) asks for medical or nursing.
 * V1 has nursing (3 h): eligible. V2 has teaching (10 h), V3 has no skills (10 h): not.
 * All in one community (distance 0). x(V1) = 3, coverage 0.6, objective 0.6.
 * N2 (priority 1, 2 h) asks for no skill: anyone may serve it, so V2/V3 cover it fully.
 * Objective 0.6 + 1 = 1.6.
 */
static void test_skills_any_of(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0.0);
    ts_need(m, "N1", "C0", 1, 5);
    TS_OK(m, match_model_add_need_skill(m, "N1", "medical"));
    TS_OK(m, match_model_add_need_skill(m, "N1", "nursing"));
    ts_need(m, "N2", "C0", 1, 2);
    ts_volunteer(m, "V1", "C0", 3);
    TS_OK(m, match_model_add_volunteer_skill(m, "V1", "nursing"));
    TS_OK(m, match_model_add_volunteer_skill(m, "V1", "nursing")); /* twice is harmless */
    ts_volunteer(m, "V2", "C0", 10);
    TS_OK(m, match_model_add_volunteer_skill(m, "V2", "teaching"));
    ts_volunteer(m, "V3", "C0", 10);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 3, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V2"), 0, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V3"), 0, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 0.6, TS_EPS);
    TS_NEAR(ts_coverage(p, "N2"), 1.0, TS_EPS);
    TS_NEAR(ts_x(p, "N2", "V1"), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 1.6, TS_EPS);
    /* Eligible pairs: (V1,N1), (V1,N2), (V2,N2), (V3,N2). */
    assert_int_equal(match_plan_pair_count(p), 4);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Slots: a need with slots may be served by a volunteer with no slots or a shared slot.
 * N1 (priority 3, weight 4, 4 h) only at the weekend; N2 (priority 1, 10 h) any time.
 * V1 weekday only (10 h): may serve N2 only. V2 weekend and evening (2 h): both.
 * V3 no slots (1 h): both.
 * N1 is worth 1 per hour, N2 0.1 per hour: V2 and V3 give N1 3 h (coverage 0.75, value 3),
 * V1 gives N2 10 h (coverage 1, value 1). Objective 4.
 */
static void test_slots(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0.0);
    ts_need(m, "N1", "C0", 3, 4);
    TS_OK(m, match_model_add_need_slot(m, "N1", "weekend"));
    ts_need(m, "N2", "C0", 1, 10);
    ts_volunteer(m, "V1", "C0", 10);
    TS_OK(m, match_model_add_volunteer_slot(m, "V1", "weekday_day"));
    ts_volunteer(m, "V2", "C0", 2);
    TS_OK(m, match_model_add_volunteer_slot(m, "V2", "weekend"));
    TS_OK(m, match_model_add_volunteer_slot(m, "V2", "weekday_evening"));
    ts_volunteer(m, "V3", "C0", 1);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 0, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V2"), 2, TS_EPS);
    TS_NEAR(ts_x(p, "N1", "V3"), 1, TS_EPS);
    TS_NEAR(ts_x(p, "N2", "V1"), 10, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 0.75, TS_EPS);
    TS_NEAR(ts_coverage(p, "N2"), 1.0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 4.0, TS_EPS);
    /* Eligible: (V1,N2), (V2,N1), (V2,N2), (V3,N1), (V3,N2). */
    assert_int_equal(match_plan_pair_count(p), 5);
    match_plan_destroy(p);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance_policy_default),
        cmocka_unit_test(test_distance_volunteer_override),
        cmocka_unit_test(test_volunteer_location),
        cmocka_unit_test(test_skills_any_of),
        cmocka_unit_test(test_slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
