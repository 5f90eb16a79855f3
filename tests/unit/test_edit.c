/*
 * Changing a built model (edit.h): each setter changes what the solve sees, each bad value
 * is refused with a message naming the item and field and changes nothing, and removals take
 * an item with its pairs or refuse while other items name it.
 */
#include "test_support.h"

/* C1 and C2 are 1.11 km apart; U1 in C1 with volunteer V1 (10 h, medical) and resource R1
 * (2 venues); V2 in C2 (10 h); need N1 in C1 (medical, 6 h, asks a venue), N2 in C2 (4 h). */
static match_model *small_model(void)
{
    match_model *m = ts_model_new();
    ts_community(m, "C1", 0.0);
    ts_community(m, "C2", 0.01);
    TS_OK(m, match_model_set_community_street(m, "C1", "新华路街道"));
    TS_OK(m, match_model_add_unit(m, "U1", "unit", "C1"));
    ts_volunteer(m, "V1", "C1", 10);
    TS_OK(m, match_model_set_volunteer_unit(m, "V1", "U1"));
    TS_OK(m, match_model_add_volunteer_skill(m, "V1", "medical"));
    ts_volunteer(m, "V2", "C2", 10);
    TS_OK(m, match_model_add_resource(m, "R1", "U1", "venue", 2));
    ts_need(m, "N1", "C1", 4, 6);
    TS_OK(m, match_model_add_need_skill(m, "N1", "medical"));
    TS_OK(m, match_model_add_need_resource(m, "N1", "venue", 1));
    ts_need(m, "N2", "C2", 2, 4);
    return m;
}

static void volunteer_setters_change_the_plan(void **state)
{
    (void)state;
    match_model *m = small_model();
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_volunteer_hours(p, "V1"), 6, 1e-9);
    match_plan_destroy(p);

    TS_OK(m, match_model_set_volunteer_hours(m, "V1", 3));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 3, 1e-9);
    TS_NEAR(ts_coverage(p, "N1"), 0.5, 1e-9);
    match_plan_destroy(p);

    /* Without the skill V1 cannot serve N1 at all; with it back, it can again. */
    TS_OK(m, match_model_remove_volunteer_skill(m, "V1", "medical"));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 0.0, 1e-9);
    match_plan_destroy(p);
    TS_RC(MATCH_ENOTFOUND, match_model_remove_volunteer_skill(m, "V1", "medical"));
    TS_CONTAINS(match_model_errmsg(m), "volunteer \"V1\": field \"skills\": has no \"medical\"");
    TS_OK(m, match_model_add_volunteer_skill(m, "V1", "medical"));

    /* Moved far away and back: the location reverts to the community's. */
    TS_OK(m, match_model_set_volunteer_location(m, "V1", 40.0, 113.0));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_volunteer_hours(p, "V1"), 0, 1e-9);
    match_plan_destroy(p);
    TS_OK(m, match_model_clear_volunteer_location(m, "V1"));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 3, 1e-9);
    match_plan_destroy(p);

    /* V2 moves next to N1's community, within the default 3 km either way. */
    TS_OK(m, match_model_set_volunteer_community(m, "V2", "C1"));
    TS_OK(m, match_model_set_volunteer_max_distance(m, "V2", 0.5));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N2", "V2"), 0, 1e-9); /* N2 is 1.11 km from C1 */
    match_plan_destroy(p);
    TS_OK(m, match_model_clear_volunteer_max_distance(m, "V2"));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N2", "V2"), 4, 1e-9);
    match_plan_destroy(p);

    TS_RC(MATCH_EINPUT, match_model_set_volunteer_hours(m, "V1", -1));
    TS_CONTAINS(match_model_errmsg(m), "volunteer \"V1\": field \"hours\"");
    TS_RC(MATCH_ENOTFOUND, match_model_set_volunteer_hours(m, "V9", 1));
    TS_RC(MATCH_ENOTFOUND, match_model_set_volunteer_community(m, "V1", "C9"));
    TS_CONTAINS(match_model_errmsg(m), "volunteer \"V1\": field \"community\": no community");
    TS_RC(MATCH_EINVAL, match_model_set_volunteer_hours(NULL, "V1", 1));
    TS_RC(MATCH_EINVAL, match_model_set_volunteer_hours(m, "", 1));
    match_model_destroy(m);
}

static void obligations_revert_to_policy(void **state)
{
    (void)state;
    match_model *m = small_model();
    TS_OK(m, match_model_set_policy(m, "volunteer_min_hours", 0));
    TS_OK(m, match_model_set_volunteer_min_hours(m, "V2", 8));
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(match_plan_volunteer_shortfall(p, ts_volunteer_index(p, "V2")), 4, 1e-9);
    match_plan_destroy(p);
    TS_OK(m, match_model_clear_volunteer_min_hours(m, "V2"));
    p = ts_solve_optimal(m);
    TS_NEAR(match_plan_volunteer_shortfall(p, ts_volunteer_index(p, "V2")), 0, 1e-9);
    match_plan_destroy(p);

    /* Three projects wanted, two possible (V1 also reaches N2): short by one. */
    TS_OK(m, match_model_set_unit_min_projects(m, "U1", 3));
    p = ts_solve_optimal(m);
    assert_int_equal(match_plan_unit_shortfall(p, ts_unit_index(p, "U1")), 1);
    match_plan_destroy(p);
    TS_OK(m, match_model_clear_unit_min_projects(m, "U1"));
    p = ts_solve_optimal(m);
    assert_int_equal(match_plan_unit_shortfall(p, ts_unit_index(p, "U1")), 0);
    match_plan_destroy(p);

    TS_OK(m, match_model_clear_volunteer_unit(m, "V1"));
    TS_OK(m, match_model_set_resource_unit(m, "R1", "U1"));
    TS_RC(MATCH_ENOTFOUND, match_model_set_resource_unit(m, "R1", "U9"));
    p = ts_solve_optimal(m);
    assert_int_equal(match_plan_unit_projects(p, ts_unit_index(p, "U1")), 1); /* R1 only */
    match_plan_destroy(p);
    match_model_destroy(m);
}

static void need_setters_change_the_plan(void **state)
{
    (void)state;
    match_model *m = small_model();
    TS_OK(m, match_model_set_need_priority(m, "N2", 5));
    TS_OK(m, match_model_set_need_category(m, "N2", "elderly"));
    match_plan *p = ts_solve_optimal(m);
    size_t n2 = ts_need_index(p, "N2");
    assert_int_equal(match_plan_need_priority(p, n2), 5);
    assert_string_equal(match_plan_need_category(p, n2), "elderly");
    assert_string_equal(match_plan_need_community(p, n2), "C2");
    assert_null(match_plan_need_street(p, n2));
    assert_string_equal(match_plan_need_street(p, ts_need_index(p, "N1")), "新华路街道");
    match_plan_destroy(p);
    TS_RC(MATCH_EINPUT, match_model_set_need_priority(m, "N2", 6));
    TS_CONTAINS(match_model_errmsg(m), "need \"N2\": field \"priority\": must be 1..5, got 6");
    TS_RC(MATCH_EINPUT, match_model_set_need_category(m, "N2", ""));

    /* Two venues asked for: R1 has two. Then three: only two can come. */
    TS_OK(m, match_model_set_need_resource(m, "N1", "venue", 2));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_y(p, "N1", "R1"), 2, 1e-9);
    match_plan_destroy(p);
    TS_OK(m, match_model_set_resource_amount(m, "R1", 1));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 0.5, 1e-9);
    match_plan_destroy(p);
    TS_OK(m, match_model_remove_need_resource(m, "N1", "venue"));
    TS_RC(MATCH_ENOTFOUND, match_model_remove_need_resource(m, "N1", "venue"));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 1.0, 1e-9);
    TS_NEAR(ts_y(p, "N1", "R1"), 0, 1e-9);
    match_plan_destroy(p);
    TS_RC(MATCH_EINPUT, match_model_set_need_resource(m, "N1", "venue", 0));
    TS_OK(m, match_model_set_resource_type(m, "R1", "funds"));
    TS_OK(m, match_model_set_need_resource(m, "N1", "funds", 1));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_y(p, "N1", "R1"), 1, 1e-9);
    match_plan_destroy(p);

    /* Without its skill rule anyone may serve N1; moved to C2, V2 is right there. */
    TS_OK(m, match_model_remove_need_skill(m, "N1", "medical"));
    TS_OK(m, match_model_set_need_community(m, "N1", "C2"));
    TS_OK(m, match_model_set_volunteer_hours(m, "V1", 0));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V2"), 6, 1e-9);
    match_plan_destroy(p);

    TS_OK(m, match_model_add_need_slot(m, "N2", "weekend"));
    TS_OK(m, match_model_remove_need_slot(m, "N2", "weekend"));
    TS_RC(MATCH_ENOTFOUND, match_model_remove_need_slot(m, "N2", "weekend"));
    TS_OK(m, match_model_set_need_min_volunteers(m, "N2", 2));
    TS_OK(m, match_model_clear_need_min_volunteers(m, "N2"));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N2"), 1.0, 1e-9); /* one volunteer is enough again */
    match_plan_destroy(p);
    match_model_destroy(m);
}

static void community_and_unit_setters(void **state)
{
    (void)state;
    match_model *m = small_model();
    /* C2 moved 10 km away: V2 and N2 move with it, V1 can no longer reach N2. */
    TS_OK(m, match_model_set_community_location(m, "C2", 34.1, 113.0));
    TS_OK(m, match_model_set_volunteer_hours(m, "V2", 0));
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N2"), 0.0, 1e-9);
    match_plan_destroy(p);
    TS_RC(MATCH_EINPUT, match_model_set_community_location(m, "C2", 91, 0));
    TS_OK(m, match_model_set_community_name(m, "C2", "新惠街社区"));
    TS_OK(m, match_model_set_community_name(m, "C2", NULL));
    TS_OK(m, match_model_set_community_street(m, "C1", NULL));
    TS_OK(m, match_model_set_unit_name(m, "U1", "郑煤总医院"));
    /* The unit moves to C2: R1 has no location of its own, so it goes along, out of reach. */
    TS_OK(m, match_model_set_unit_community(m, "U1", "C2"));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_y(p, "N1", "R1"), 0, 1e-9);
    assert_null(match_plan_need_street(p, ts_need_index(p, "N1")));
    match_plan_destroy(p);
    TS_OK(m, match_model_set_resource_location(m, "R1", 34.0, 113.0));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_y(p, "N1", "R1"), 1, 1e-9);
    match_plan_destroy(p);
    TS_OK(m, match_model_clear_resource_location(m, "R1"));
    TS_OK(m, match_model_add_resource_category(m, "R1", "health"));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_y(p, "N1", "R1"), 0, 1e-9);
    match_plan_destroy(p);
    TS_OK(m, match_model_remove_resource_category(m, "R1", "health"));
    TS_RC(MATCH_ENOTFOUND, match_model_remove_resource_category(m, "R1", "health"));
    match_model_destroy(m);
}

static void pairs_fixed_and_forbidden_undone(void **state)
{
    (void)state;
    match_model *m = small_model();
    TS_OK(m, match_model_forbid_pair(m, "V1", "N1"));
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 0, 1e-9);
    match_plan_destroy(p);
    TS_OK(m, match_model_unforbid_pair(m, "V1", "N1"));
    TS_RC(MATCH_ENOTFOUND, match_model_unforbid_pair(m, "V1", "N1"));
    TS_CONTAINS(match_model_errmsg(m), "not forbidden");
    /* Fixed, then unfixed, then fixed again with other hours (fixing twice is refused). */
    TS_OK(m, match_model_fix_pair(m, "V2", "N1", 2));
    TS_RC(MATCH_EINPUT, match_model_fix_pair(m, "V2", "N1", 3));
    TS_OK(m, match_model_unfix_pair(m, "V2", "N1"));
    TS_OK(m, match_model_fix_pair(m, "V2", "N1", 3));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V2"), 3, 1e-9);
    match_plan_destroy(p);
    TS_RC(MATCH_ENOTFOUND, match_model_unfix_pair(m, "V1", "N2"));
    TS_RC(MATCH_ENOTFOUND, match_model_unfix_pair(m, "V9", "N2"));
    TS_RC(MATCH_EINVAL, match_model_unfix_pair(m, NULL, "N2"));
    match_model_destroy(m);
}

static void removing_items(void **state)
{
    (void)state;
    match_model *m = small_model();
    TS_OK(m, match_model_fix_pair(m, "V2", "N2", 2));
    TS_OK(m, match_model_forbid_pair(m, "V2", "N1"));
    TS_OK(m, match_model_forbid_pair(m, "V1", "N2"));

    /* Named by other items: refused, with the count and the first of them. */
    TS_RC(MATCH_EINPUT, match_model_remove(m, MATCH_COMMUNITY, "C1"));
    TS_CONTAINS(match_model_errmsg(m),
                "community \"C1\" cannot be removed: 3 items refer to it (first: unit \"U1\")");
    TS_RC(MATCH_EINPUT, match_model_remove(m, MATCH_UNIT, "U1"));
    TS_CONTAINS(match_model_errmsg(m), "2 items refer to it (first: volunteer \"V1\")");
    assert_int_equal(match_model_count(m, MATCH_COMMUNITY), 2);
    TS_RC(MATCH_ENOTFOUND, match_model_remove(m, MATCH_NEED, "N9"));
    TS_RC(MATCH_EINVAL, match_model_remove(m, MATCH_NEED, ""));
    TS_RC(MATCH_EINVAL, match_model_remove(m, (match_item_kind)9, "N1"));

    /* A volunteer goes with its pairs: V1's renumbered pairs still name the right items. */
    TS_OK(m, match_model_remove(m, MATCH_VOLUNTEER, "V1"));
    assert_int_equal(match_model_count(m, MATCH_VOLUNTEER), 1);
    assert_string_equal(match_model_item_id(m, MATCH_VOLUNTEER, 0), "V2");
    TS_RC(MATCH_ENOTFOUND, match_model_unforbid_pair(m, "V1", "N2"));
    TS_OK(m, match_model_unforbid_pair(m, "V2", "N1"));
    TS_OK(m, match_model_forbid_pair(m, "V2", "N1"));

    /* The first need goes: N2's fixed pair follows it to its new position. */
    TS_OK(m, match_model_remove(m, MATCH_NEED, "N1"));
    assert_string_equal(match_model_item_id(m, MATCH_NEED, 0), "N2");
    TS_RC(MATCH_ENOTFOUND, match_model_unforbid_pair(m, "V2", "N1"));
    match_plan *p = ts_solve_optimal(m);
    assert_int_equal(match_plan_need_count(p), 1);
    TS_NEAR(ts_x(p, "N2", "V2"), 4, 1e-9);
    ts_check_plan_consistent(m, p);
    match_plan_destroy(p);
    TS_OK(m, match_model_unfix_pair(m, "V2", "N2"));

    /* With its members and resources gone a unit can go, and then its community. */
    TS_OK(m, match_model_remove(m, MATCH_RESOURCE, "R1"));
    TS_OK(m, match_model_remove(m, MATCH_UNIT, "U1"));
    TS_OK(m, match_model_remove(m, MATCH_COMMUNITY, "C1"));
    assert_int_equal(match_model_count(m, MATCH_COMMUNITY), 1);
    assert_string_equal(match_model_item_id(m, MATCH_COMMUNITY, 0), "C2");
    /* References were renumbered: C2's items still work, and ids can be reused. */
    ts_community(m, "C1", 0.0);
    ts_volunteer(m, "V1", "C2", 5);
    p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N2"), 1.0, 1e-9);
    ts_check_plan_consistent(m, p);
    match_plan_destroy(p);
    /* Passing an id the model owns is safe even though the item frees it. */
    TS_OK(m, match_model_remove(m, MATCH_VOLUNTEER, match_model_item_id(m, MATCH_VOLUNTEER, 1)));
    assert_int_equal(match_model_count(m, MATCH_VOLUNTEER), 1);
    match_model_destroy(m);
}

/* A copy changed by the setters leaves the original alone. */
static void copy_is_independent(void **state)
{
    (void)state;
    match_model *m = small_model();
    match_model *c = NULL;
    TS_RC(MATCH_OK, match_model_copy(&c, m));
    TS_OK(c, match_model_set_volunteer_hours(c, "V1", 0));
    TS_OK(c, match_model_remove(c, MATCH_NEED, "N2"));
    TS_OK(c, match_model_set_community_street(c, "C1", "另一条街"));
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 6, 1e-9);
    assert_int_equal(match_plan_need_count(p), 2);
    assert_string_equal(match_plan_need_street(p, 0), "新华路街道");
    match_plan_destroy(p);
    match_model_destroy(c);
    match_model_destroy(m);
}

/* Removing a volunteer or a need also removes its listed pairs; the others keep their values
 * under their new positions, and a solve sees only them. */
static void removing_items_with_listed_pairs(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 4);
    ts_volunteer(m, "V2", "C0", 4);
    ts_volunteer(m, "V3", "C0", 4);
    ts_need(m, "N1", "C0", 1, 0);
    ts_need(m, "N2", "C0", 1, 0);
    TS_OK(m, match_model_add_pair(m, "V1", "N1", 1.0, 2));
    TS_OK(m, match_model_add_pair(m, "V2", "N2", 2.0, 2));
    TS_OK(m, match_model_add_pair(m, "V3", "N2", 3.0, 2));
    TS_OK(m, match_model_add_pair(m, "V3", "N1", 4.0, 2));

    TS_OK(m, match_model_remove(m, MATCH_VOLUNTEER, "V2"));
    assert_int_equal(match_model_pair_count(m), 3);
    double value = 0, hours = 0;
    TS_OK(m, match_model_get_pair(m, "V3", "N2", &value, &hours));
    assert_true(value == 3.0 && hours == 2);
    TS_OK(m, match_model_get_pair(m, "V3", "N1", &value, &hours));
    assert_true(value == 4.0);
    /* The removed volunteer's pair can be listed again for someone new. */
    ts_volunteer(m, "V2", "C0", 4);
    TS_OK(m, match_model_add_pair(m, "V2", "N2", 5.0, 2));

    TS_OK(m, match_model_remove(m, MATCH_NEED, "N1"));
    assert_int_equal(match_model_pair_count(m), 2);
    TS_OK(m, match_model_get_pair(m, "V3", "N2", &value, &hours));
    assert_true(value == 3.0);
    TS_RC(MATCH_EINPUT, match_model_add_pair(m, "V3", "N2", 1.0, 1)); /* still listed */

    /* N2 (value 1) with V2's pair (5) or V3's (3), one volunteer each: 1 + 5 + 3. */
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(match_plan_objective(p), 1 + 5 + 3, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(volunteer_setters_change_the_plan),
        cmocka_unit_test(obligations_revert_to_policy),
        cmocka_unit_test(need_setters_change_the_plan),
        cmocka_unit_test(community_and_unit_setters),
        cmocka_unit_test(pairs_fixed_and_forbidden_undone),
        cmocka_unit_test(removing_items),
        cmocka_unit_test(removing_items_with_listed_pairs),
        cmocka_unit_test(copy_is_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
