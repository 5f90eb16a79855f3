/*
 * Adding items in one call (match_model_add_*_attrs()): a failure at any attribute changes
 * nothing and names the item and field; the getters read every attribute back.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "test_support.h"

static match_model *base(void)
{
    match_model *m = ts_model_new();
    match_community_attrs c = MATCH_COMMUNITY_ATTRS_INIT;
    c.lat = 34.53;
    c.lon = 113.38;
    c.name = "新惠街社区";
    TS_OK(m, match_model_add_community_attrs(m, "C0", &c));
    match_unit_attrs u = MATCH_UNIT_ATTRS_INIT;
    u.community = "C0";
    u.min_projects = 2;
    TS_OK(m, match_model_add_unit_attrs(m, "U1", &u));
    return m;
}

static void test_volunteer_in_one_call(void **state)
{
    (void)state;
    match_model *m = base();
    const char *skills[] = {"medical", "teaching"};
    const char *slots[] = {"weekend"};
    match_volunteer_attrs v = MATCH_VOLUNTEER_ATTRS_INIT;
    v.community = "C0";
    v.hours = 24;
    v.unit = "U1";
    v.located = 1;
    v.lat = 34.54;
    v.lon = 113.39;
    v.max_distance_km = 5;
    v.skills = skills;
    v.n_skills = 2;
    v.slots = slots;
    v.n_slots = 1;
    TS_OK(m, match_model_add_volunteer_attrs(m, "V1", &v));

    match_volunteer_attrs back;
    TS_RC(MATCH_OK, match_model_get_volunteer(&back, m, "V1"));
    assert_string_equal(back.community, "C0");
    assert_string_equal(back.unit, "U1");
    assert_true(back.located);
    assert_true(back.lat == 34.54 && back.lon == 113.39 && back.hours == 24);
    assert_true(back.min_hours == MATCH_POLICY_DEFAULT && back.max_distance_km == 5);
    assert_int_equal(back.n_skills, 2);
    assert_int_equal(back.n_slots, 1);
    assert_null(back.skills);
    assert_string_equal(match_model_volunteer_skill(m, "V1", 0), "medical");
    assert_string_equal(match_model_volunteer_skill(m, "V1", 1), "teaching");
    assert_null(match_model_volunteer_skill(m, "V1", 2));
    assert_string_equal(match_model_volunteer_slot(m, "V1", 0), "weekend");
    TS_RC(MATCH_ENOTFOUND, match_model_get_volunteer(&back, m, "V404"));

    match_unit_attrs u;
    TS_RC(MATCH_OK, match_model_get_unit(&u, m, "U1"));
    assert_int_equal(u.min_projects, 2);
    assert_null(u.name);
    match_community_attrs c;
    TS_RC(MATCH_OK, match_model_get_community(&c, m, "C0"));
    assert_string_equal(c.name, "新惠街社区");
    assert_null(c.street);
    match_model_destroy(m);
}

static void test_failure_changes_nothing(void **state)
{
    (void)state;
    match_model *m = base();
    /* Enough volunteers that the id index probes past its first slots. */
    char id[32];
    for (int k = 0; k < 200; ++k) {
        snprintf(id, sizeof id, "V%d", k);
        match_volunteer_attrs v = MATCH_VOLUNTEER_ATTRS_INIT;
        v.community = "C0";
        v.hours = k;
        TS_OK(m, match_model_add_volunteer_attrs(m, id, &v));
    }
    const char *skills[] = {"medical", ""};
    match_volunteer_attrs bad = MATCH_VOLUNTEER_ATTRS_INIT;
    bad.community = "C0";
    bad.hours = 3;
    bad.unit = "U1";
    bad.skills = skills;
    bad.n_skills = 2;
    TS_RC(MATCH_EINPUT, match_model_add_volunteer_attrs(m, "X", &bad));
    const match_error_detail *d = match_model_error(m);
    assert_int_equal(d->kind, MATCH_KIND_VOLUNTEER);
    assert_string_equal(d->item, "X");
    assert_string_equal(d->field, "skills");
    assert_int_equal(match_model_count(m, MATCH_KIND_VOLUNTEER), 200);
    match_volunteer_attrs back;
    TS_RC(MATCH_ENOTFOUND, match_model_get_volunteer(&back, m, "X"));
    for (int k = 0; k < 200; ++k) {
        snprintf(id, sizeof id, "V%d", k);
        TS_RC(MATCH_OK, match_model_get_volunteer(&back, m, id));
        assert_true(back.hours == k);
    }

    bad.n_skills = 1;
    bad.unit = "U9";
    TS_RC(MATCH_ENOTFOUND, match_model_add_volunteer_attrs(m, "X", &bad));
    assert_string_equal(match_model_error(m)->field, "unit");
    bad.unit = NULL;
    bad.min_hours = -2;
    TS_RC(MATCH_EINPUT, match_model_add_volunteer_attrs(m, "X", &bad));
    assert_string_equal(match_model_error(m)->field, "min_hours");
    bad.min_hours = MATCH_POLICY_DEFAULT;
    TS_OK(m, match_model_add_volunteer_attrs(m, "X", &bad));
    assert_int_equal(match_model_count(m, MATCH_KIND_VOLUNTEER), 201);
    assert_string_equal(match_model_item_id(m, MATCH_KIND_VOLUNTEER, 200), "X");

    /* A need whose second request repeats a type: nothing is added. */
    match_request asks[] = {{"venue", 1}, {"venue", 2}};
    match_need_attrs n = MATCH_NEED_ATTRS_INIT;
    n.community = "C0";
    n.category = "health";
    n.priority = 4;
    n.hours = 10;
    n.resources = asks;
    n.n_resources = 2;
    TS_RC(MATCH_EINPUT, match_model_add_need_attrs(m, "N1", &n));
    assert_int_equal(match_model_count(m, MATCH_KIND_NEED), 0);
    n.n_resources = 1;
    n.min_volunteers = 3;
    n.max_volunteers = 2;
    TS_RC(MATCH_EINPUT, match_model_add_need_attrs(m, "N1", &n));
    assert_string_equal(match_model_error(m)->field, "max_volunteers");
    n.max_volunteers = 4;
    n.required = 1;
    TS_OK(m, match_model_add_need_attrs(m, "N1", &n));
    match_need_attrs nb;
    TS_RC(MATCH_OK, match_model_get_need(&nb, m, "N1"));
    assert_string_equal(nb.category, "health");
    assert_int_equal(nb.priority, 4);
    assert_int_equal(nb.min_volunteers, 3);
    assert_int_equal(nb.max_volunteers, 4);
    assert_true(nb.required && !nb.all_or_nothing);
    assert_int_equal(nb.n_resources, 1);
    assert_string_equal(match_model_need_resource_type(m, "N1", 0), "venue");
    assert_true(match_model_need_resource_amount(m, "N1", 0) == 1);
    assert_true(isnan(match_model_need_resource_amount(m, "N1", 1)));

    /* A resource with a bad location is not added. */
    match_resource_attrs r = MATCH_RESOURCE_ATTRS_INIT;
    r.unit = "U1";
    r.type = "venue";
    r.amount = 2;
    r.located = 1;
    r.lat = 95;
    TS_RC(MATCH_EINPUT, match_model_add_resource_attrs(m, "R1", &r));
    assert_string_equal(match_model_error(m)->field, "lat");
    assert_int_equal(match_model_count(m, MATCH_KIND_RESOURCE), 0);
    r.lat = 34.5;
    TS_OK(m, match_model_add_resource_attrs(m, "R1", &r));
    match_resource_attrs rb;
    TS_RC(MATCH_OK, match_model_get_resource(&rb, m, "R1"));
    assert_string_equal(rb.type, "venue");
    assert_true(rb.located && rb.lat == 34.5);

    TS_RC(MATCH_EINVAL, match_model_add_need_attrs(m, "N2", NULL));
    match_need_attrs old = MATCH_NEED_ATTRS_INIT;
    old.version = 99;
    TS_RC(MATCH_EINVAL, match_model_add_need_attrs(m, "N2", &old));
    match_model_destroy(m);
}

static void test_pairs_read_back(void **state)
{
    (void)state;
    match_model *m = base();
    ts_volunteer(m, "V1", "C0", 10);
    ts_need(m, "N1", "C0", 3, 5);
    ts_need(m, "N2", "C0", 3, 5);
    TS_OK(m, match_model_fix_pair(m, "V1", "N1", 2));
    TS_OK(m, match_model_forbid_pair(m, "V1", "N2"));
    TS_OK(m, match_model_set_previous_hours(m, "V1", "N1", 3));
    assert_int_equal(match_model_fixed_count(m), 1);
    assert_int_equal(match_model_forbidden_count(m), 1);
    assert_int_equal(match_model_previous_count(m), 1);
    const char *v, *n;
    double h;
    TS_RC(MATCH_OK, match_model_get_fixed(&v, &n, &h, m, 0));
    assert_string_equal(v, "V1");
    assert_string_equal(n, "N1");
    assert_true(h == 2);
    TS_RC(MATCH_OK, match_model_get_forbidden(&v, &n, m, 0));
    assert_string_equal(n, "N2");
    TS_RC(MATCH_OK, match_model_get_previous(NULL, &n, &h, m, 0));
    assert_true(h == 3);
    TS_RC(MATCH_EINVAL, match_model_get_fixed(&v, &n, &h, m, 1));
    match_model_destroy(m);
}

static void test_remove_cascade(void **state)
{
    (void)state;
    match_model *m = base(); /* C0, U1 in C0 */
    ts_community(m, "C1", 0.01);
    ts_volunteer(m, "V0", "C0", 10);
    ts_volunteer(m, "V1", "C1", 10);
    TS_OK(m, match_model_set_volunteer_unit(m, "V1", "U1"));
    ts_need(m, "N0", "C0", 3, 5);
    ts_need(m, "N1", "C1", 3, 5);
    TS_OK(m, match_model_add_resource(m, "R1", "U1", "venue", 1));
    TS_OK(m, match_model_fix_pair(m, "V0", "N1", 2));

    /* Without the flag a community others name is refused, and nothing is reported. */
    TS_RC(MATCH_EINPUT, match_model_remove_ex(m, MATCH_KIND_COMMUNITY, "C0", 0));
    assert_int_equal(match_model_removed_count(m), 0);
    TS_RC(MATCH_ENOTFOUND,
          match_model_remove_ex(m, MATCH_KIND_COMMUNITY, "C9", MATCH_REMOVE_CASCADE));

    TS_OK(m, match_model_remove_ex(m, MATCH_KIND_COMMUNITY, "C0", MATCH_REMOVE_CASCADE));
    const char *expected_ids[] = {"V0", "N0", "R1", "U1", "C0"};
    const match_item_kind expected_kinds[] = {MATCH_KIND_VOLUNTEER, MATCH_KIND_NEED,
                                              MATCH_KIND_RESOURCE, MATCH_KIND_UNIT,
                                              MATCH_KIND_COMMUNITY};
    assert_int_equal(match_model_removed_count(m), 5);
    for (size_t k = 0; k < 5; ++k) {
        assert_string_equal(match_model_removed_id(m, k), expected_ids[k]);
        assert_int_equal(match_model_removed_kind(m, k), expected_kinds[k]);
    }
    assert_null(match_model_removed_id(m, 5));
    /* V1 lives in C1: it stays, without its unit; V0's fixed pair went with V0. */
    match_volunteer_attrs v;
    TS_RC(MATCH_OK, match_model_get_volunteer(&v, m, "V1"));
    assert_null(v.unit);
    assert_int_equal(match_model_fixed_count(m), 0);
    assert_int_equal(match_model_count(m, MATCH_KIND_COMMUNITY), 1);
    assert_int_equal(match_model_count(m, MATCH_KIND_NEED), 1);

    TS_OK(m, match_model_remove_ex(m, MATCH_KIND_NEED, "N1", MATCH_REMOVE_CASCADE));
    assert_int_equal(match_model_removed_count(m), 1);
    match_plan *p = ts_solve(m);
    match_plan_destroy(p);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_volunteer_in_one_call),
        cmocka_unit_test(test_failure_changes_nothing),
        cmocka_unit_test(test_pairs_read_back),
        cmocka_unit_test(test_remove_cascade),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
