/*
 * Reading plan files back and comparing two plans (io.h, diff.h), on hand-made plans whose
 * differences are known by construction.
 */
#include "test_support.h"

#include <stdlib.h>

static match_plan *read_plan(const char *json)
{
    match_plan *p = NULL;
    char err[512];
    int rc = match_plan_read_json_string(&p, json, "test.json", err, sizeof err);
    if (rc != MATCH_OK)
        fail_msg("reading the plan failed (%d): %s", rc, err);
    return p;
}

/* N1 (P5, street A, health) fully covered by V1 8 h; N2 (P3, street B, culture) half covered
 * by V2 2 h + V3 2 h; N3 (P1, street A, culture) uncovered; N4 (P2, no street) full by V3. */
static const char *const before_json =
    "{\"format\": \"libmatch-plan-1\", \"status\": \"optimal\", \"objective\": 20.5,"
    " \"bound\": 20.5, \"needs\": ["
    "{\"id\": \"N1\", \"priority\": 5, \"category\": \"health\", \"community\": \"C1\","
    " \"street\": \"A\", \"coverage\": 1, \"hours\": 8, \"volunteers\": [{\"id\": \"V1\","
    " \"hours\": 8}], \"resources\": [], \"unmet_reason\": null},"
    "{\"id\": \"N2\", \"priority\": 3, \"category\": \"culture\", \"community\": \"C2\","
    " \"street\": \"B\", \"coverage\": 0.5, \"hours\": 4, \"volunteers\": [{\"id\": \"V2\","
    " \"hours\": 2}, {\"id\": \"V3\", \"hours\": 2}], \"resources\": [], \"unmet_reason\": \"x\"},"
    "{\"id\": \"N3\", \"priority\": 1, \"category\": \"culture\", \"community\": \"C1\","
    " \"street\": \"A\", \"coverage\": 0, \"hours\": 0, \"volunteers\": [], \"resources\": [],"
    " \"unmet_reason\": \"y\"},"
    "{\"id\": \"N4\", \"priority\": 2, \"category\": \"health\", \"community\": \"C3\","
    " \"street\": null, \"coverage\": 1, \"hours\": 3, \"volunteers\": [{\"id\": \"V3\","
    " \"hours\": 3}], \"resources\": [], \"unmet_reason\": null}],"
    " \"volunteers\": [], \"units\": []}";

/* N1 lost (V1 moved to N3), N2 raised to 0.75 (V2 4 h, V3 gone from it), N3 gained, N4 the
 * same, N5 new and half covered. */
static const char *const after_json =
    "{\"format\": \"libmatch-plan-1\", \"status\": \"feasible\", \"objective\": 18,"
    " \"bound\": 19, \"needs\": ["
    "{\"id\": \"N1\", \"priority\": 5, \"category\": \"health\", \"community\": \"C1\","
    " \"street\": \"A\", \"coverage\": 0.25, \"hours\": 2, \"volunteers\": [{\"id\": \"V4\","
    " \"hours\": 2}], \"resources\": [], \"unmet_reason\": \"z\"},"
    "{\"id\": \"N2\", \"priority\": 3, \"category\": \"culture\", \"community\": \"C2\","
    " \"street\": \"B\", \"coverage\": 0.75, \"hours\": 3, \"volunteers\": [{\"id\": \"V2\","
    " \"hours\": 3}], \"resources\": [], \"unmet_reason\": \"x\"},"
    "{\"id\": \"N3\", \"priority\": 1, \"category\": \"culture\", \"community\": \"C1\","
    " \"street\": \"A\", \"coverage\": 1, \"hours\": 8, \"volunteers\": [{\"id\": \"V1\","
    " \"hours\": 8}], \"resources\": [], \"unmet_reason\": null},"
    "{\"id\": \"N4\", \"priority\": 2, \"category\": \"health\", \"community\": \"C3\","
    " \"street\": null, \"coverage\": 1, \"hours\": 3, \"volunteers\": [{\"id\": \"V3\","
    " \"hours\": 3}], \"resources\": [], \"unmet_reason\": null},"
    "{\"id\": \"N5\", \"priority\": 4, \"category\": \"safety\", \"community\": \"C2\","
    " \"street\": \"B\", \"coverage\": 0.5, \"hours\": 1, \"volunteers\": [{\"id\": \"V5\","
    " \"hours\": 1}], \"resources\": [], \"unmet_reason\": \"w\", \"x_note\": 1}],"
    " \"volunteers\": [], \"units\": [], \"x_extra\": {\"ignored\": true}}";

static size_t need_in_diff(const match_diff *d, const char *id)
{
    for (size_t k = 0; k < match_diff_need_count(d); ++k)
        if (strcmp(match_diff_need_id(d, k), id) == 0)
            return k;
    fail_msg("need %s not in the diff", id);
    return 0;
}

static size_t group_in_diff(const match_diff *d, match_grouping by, const char *key)
{
    for (size_t k = 0; k < match_diff_group_count(d, by); ++k)
        if (strcmp(match_diff_group_key(d, by, k), key) == 0)
            return k;
    fail_msg("group %s not in the diff", key);
    return 0;
}

static void needs_gained_lost_raised(void **state)
{
    (void)state;
    match_plan *a = read_plan(before_json), *b = read_plan(after_json);
    match_diff *d = NULL;
    assert_int_equal(match_plan_diff(&d, a, b), MATCH_OK);
    TS_NEAR(match_diff_objective(d, MATCH_BEFORE), 20.5, 1e-12);
    TS_NEAR(match_diff_objective(d, MATCH_AFTER), 18, 1e-12);
    assert_int_equal(match_diff_status(d, MATCH_AFTER), MATCH_STATUS_FEASIBLE);

    /* N4 did not change; the others did, in the after plan's order. */
    assert_int_equal(match_diff_need_count(d), 4);
    const char *order[] = {"N1", "N2", "N3", "N5"};
    match_change changes[] = {MATCH_CHANGE_LOST, MATCH_CHANGE_RAISED, MATCH_CHANGE_GAINED,
                              MATCH_CHANGE_RAISED};
    for (size_t k = 0; k < 4; ++k) {
        assert_string_equal(match_diff_need_id(d, k), order[k]);
        assert_int_equal(match_diff_need_change(d, k), changes[k]);
    }
    size_t n1 = need_in_diff(d, "N1");
    TS_NEAR(match_diff_need_coverage(d, n1, MATCH_BEFORE), 1.0, 1e-12);
    TS_NEAR(match_diff_need_coverage(d, n1, MATCH_AFTER), 0.25, 1e-12);
    assert_int_equal(match_diff_need_priority(d, n1), 5);
    assert_string_equal(match_diff_need_street(d, n1), "A");
    assert_string_equal(match_diff_need_category(d, n1), "health");
    size_t n5 = need_in_diff(d, "N5");
    TS_NEAR(match_diff_need_coverage(d, n5, MATCH_BEFORE), 0.0, 1e-12);

    /* The reverse comparison mirrors it: N5 is lowered (it exists only before). */
    match_diff *r = NULL;
    assert_int_equal(match_plan_diff(&r, b, a), MATCH_OK);
    assert_int_equal(match_diff_need_change(r, need_in_diff(r, "N1")), MATCH_CHANGE_GAINED);
    assert_int_equal(match_diff_need_change(r, need_in_diff(r, "N3")), MATCH_CHANGE_LOST);
    assert_int_equal(match_diff_need_change(r, need_in_diff(r, "N2")), MATCH_CHANGE_LOWERED);
    assert_int_equal(match_diff_need_change(r, need_in_diff(r, "N5")), MATCH_CHANGE_LOWERED);
    assert_string_equal(match_diff_need_id(r, match_diff_need_count(r) - 1), "N5");
    match_diff_destroy(r);
    match_diff_destroy(d);
    match_plan_destroy(a);
    match_plan_destroy(b);
}

static void volunteers_moved(void **state)
{
    (void)state;
    match_plan *a = read_plan(before_json), *b = read_plan(after_json);
    match_diff *d = NULL;
    assert_int_equal(match_plan_diff(&d, a, b), MATCH_OK);
    /* N1: V4 +2, V1 -8; N2: V2 2->3, V3 2->0; N3: V1 +8; N5: V5 +1. N4 unchanged. */
    static const struct {
        const char *volunteer, *need;
        double before, after;
    } expected[] = {{"V4", "N1", 0, 2}, {"V1", "N1", 8, 0}, {"V2", "N2", 2, 3},
                    {"V3", "N2", 2, 0}, {"V1", "N3", 0, 8}, {"V5", "N5", 0, 1}};
    assert_int_equal(match_diff_move_count(d), 6);
    for (size_t k = 0; k < 6; ++k) {
        assert_string_equal(match_diff_move_volunteer(d, k), expected[k].volunteer);
        assert_string_equal(match_diff_move_need(d, k), expected[k].need);
        TS_NEAR(match_diff_move_hours(d, k, MATCH_BEFORE), expected[k].before, 1e-12);
        TS_NEAR(match_diff_move_hours(d, k, MATCH_AFTER), expected[k].after, 1e-12);
    }
    assert_int_equal(match_diff_volunteers_moved(d), 5);
    assert_null(match_diff_move_volunteer(d, 6));
    assert_true(isnan(match_diff_move_hours(d, 6, MATCH_AFTER)));
    match_diff_destroy(d);
    match_plan_destroy(a);
    match_plan_destroy(b);
}

static void coverage_by_group(void **state)
{
    (void)state;
    match_plan *a = read_plan(before_json), *b = read_plan(after_json);
    match_diff *d = NULL;
    assert_int_equal(match_plan_diff(&d, a, b), MATCH_OK);

    assert_int_equal(match_diff_group_count(d, MATCH_BY_PRIORITY), 5);
    for (size_t k = 0; k < 5; ++k) {
        char key[2] = {(char)('5' - k), '\0'};
        assert_string_equal(match_diff_group_key(d, MATCH_BY_PRIORITY, k), key);
    }
    size_t p5 = group_in_diff(d, MATCH_BY_PRIORITY, "5");
    assert_int_equal(match_diff_group_met(d, MATCH_BY_PRIORITY, p5, MATCH_BEFORE), 1);
    assert_int_equal(match_diff_group_met(d, MATCH_BY_PRIORITY, p5, MATCH_AFTER), 0);
    size_t p4 = group_in_diff(d, MATCH_BY_PRIORITY, "4");
    assert_int_equal(match_diff_group_needs(d, MATCH_BY_PRIORITY, p4, MATCH_BEFORE), 0);
    assert_int_equal(match_diff_group_needs(d, MATCH_BY_PRIORITY, p4, MATCH_AFTER), 1);

    /* Streets in byte order, "" (no street) first. */
    assert_int_equal(match_diff_group_count(d, MATCH_BY_STREET), 3);
    assert_string_equal(match_diff_group_key(d, MATCH_BY_STREET, 0), "");
    assert_string_equal(match_diff_group_key(d, MATCH_BY_STREET, 1), "A");
    assert_string_equal(match_diff_group_key(d, MATCH_BY_STREET, 2), "B");
    size_t sb = group_in_diff(d, MATCH_BY_STREET, "B");
    assert_int_equal(match_diff_group_needs(d, MATCH_BY_STREET, sb, MATCH_BEFORE), 1);
    assert_int_equal(match_diff_group_needs(d, MATCH_BY_STREET, sb, MATCH_AFTER), 2);
    TS_NEAR(match_diff_group_coverage(d, MATCH_BY_STREET, sb, MATCH_BEFORE), 0.5, 1e-12);
    TS_NEAR(match_diff_group_coverage(d, MATCH_BY_STREET, sb, MATCH_AFTER), 1.25, 1e-12);
    size_t sa = group_in_diff(d, MATCH_BY_STREET, "A");
    assert_int_equal(match_diff_group_met(d, MATCH_BY_STREET, sa, MATCH_BEFORE), 1);
    assert_int_equal(match_diff_group_met(d, MATCH_BY_STREET, sa, MATCH_AFTER), 1);

    size_t culture = group_in_diff(d, MATCH_BY_CATEGORY, "culture");
    TS_NEAR(match_diff_group_coverage(d, MATCH_BY_CATEGORY, culture, MATCH_BEFORE), 0.5, 1e-12);
    TS_NEAR(match_diff_group_coverage(d, MATCH_BY_CATEGORY, culture, MATCH_AFTER), 1.75, 1e-12);
    assert_int_equal(match_diff_group_count(d, MATCH_BY_CATEGORY), 3);
    assert_null(match_diff_group_key(d, MATCH_BY_CATEGORY, 3));
    assert_null(match_diff_group_key(d, (match_grouping)7, 0));

    char *json = NULL;
    assert_int_equal(match_diff_to_json(&json, d), MATCH_OK);
    TS_CONTAINS(json, "\"format\": \"libmatch-diff-1\"");
    TS_CONTAINS(json, "\"gained\": [\n      {\n        \"id\": \"N3\"");
    TS_CONTAINS(json, "\"volunteers_moved\": 5");
    match_free(json);
    match_diff_destroy(d);
    match_plan_destroy(a);
    match_plan_destroy(b);
}

/* A plan compared with itself: nothing changed. A solved plan survives the file. */
static void solved_plan_round_trip(void **state)
{
    (void)state;
    match_model *m = ts_random_model(7, 16, 10);
    match_plan *p = ts_solve_optimal(m);
    char *json = NULL;
    assert_int_equal(match_plan_to_json(&json, p), MATCH_OK);
    match_plan *back = read_plan(json);
    char *again = NULL;
    assert_int_equal(match_plan_to_json(&again, back), MATCH_OK);
    assert_string_equal(again, json);
    match_diff *d = NULL;
    assert_int_equal(match_plan_diff(&d, p, back), MATCH_OK);
    assert_int_equal(match_diff_need_count(d), 0);
    assert_int_equal(match_diff_move_count(d), 0);
    TS_NEAR(match_diff_objective(d, MATCH_AFTER), match_plan_objective(p), 1e-9);
    match_diff_destroy(d);
    match_free(json);
    match_free(again);
    match_plan_destroy(back);
    match_plan_destroy(p);
    match_model_destroy(m);
}

static void bad_plan_files(void **state)
{
    (void)state;
    match_plan *p = NULL;
    char err[512];
    assert_int_equal(match_plan_read_json_string(&p, "{\"format\": \"libmatch-scenario-1\"}",
                                                 "s.json", err, sizeof err),
                     MATCH_EINPUT);
    TS_CONTAINS(err, "s.json: field \"format\": expected \"libmatch-plan-1\"");
    assert_null(p);
    assert_int_equal(match_plan_read_json_string(&p, "{\"format\": ", "p.json", err, sizeof err),
                     MATCH_EPARSE);
    TS_CONTAINS(err, "p.json:1:");
    const char *bad_need =
        "{\"format\": \"libmatch-plan-1\", \"status\": \"optimal\", \"objective\": 1,"
        " \"bound\": 1, \"needs\": [{\"id\": \"需求1\", \"coverage\": 1.5, \"hours\": 1,"
        " \"volunteers\": [], \"resources\": []}]}";
    assert_int_equal(match_plan_read_json_string(&p, bad_need, "p.json", err, sizeof err),
                     MATCH_EINPUT);
    TS_CONTAINS(err, "p.json: needs[0] (id \"需求1\"): field \"coverage\"");
    const char *bad_status =
        "{\"format\": \"libmatch-plan-1\", \"status\": \"great\", \"objective\": null,"
        " \"bound\": null, \"needs\": []}";
    assert_int_equal(match_plan_read_json_string(&p, bad_status, "p.json", err, sizeof err),
                     MATCH_EINPUT);
    TS_CONTAINS(err, "field \"status\": \"great\" is not one of");
    const char *bad_share =
        "{\"format\": \"libmatch-plan-1\", \"status\": \"optimal\", \"objective\": 1,"
        " \"bound\": 1, \"needs\": [{\"id\": \"N1\", \"coverage\": 1, \"hours\": 1,"
        " \"volunteers\": [{\"id\": \"V1\", \"hours\": -1}], \"resources\": []}]}";
    assert_int_equal(match_plan_read_json_string(&p, bad_share, "p.json", err, sizeof err),
                     MATCH_EINPUT);
    TS_CONTAINS(err, "needs[0] (id \"N1\"): volunteers[0]: field \"hours\"");
    assert_int_equal(match_plan_read_json(&p, "/nonexistent/plan.json", err, sizeof err),
                     MATCH_EIO);
    TS_CONTAINS(err, "/nonexistent/plan.json");
    assert_int_equal(match_plan_read_json(NULL, "x", err, sizeof err), MATCH_EINVAL);

    /* An older plan (no priority, category or street) still reads and compares. */
    const char *old = "{\"format\": \"libmatch-plan-1\", \"status\": \"optimal\", \"objective\": 1,"
                      " \"bound\": 1, \"needs\": [{\"id\": \"N1\", \"coverage\": 1, \"hours\": 1,"
                      " \"volunteers\": [], \"resources\": [], \"unmet_reason\": null}],"
                      " \"volunteers\": [], \"units\": []}";
    p = read_plan(old);
    assert_int_equal(match_plan_need_priority(p, 0), 0);
    assert_null(match_plan_need_category(p, 0));
    match_diff *d = NULL;
    assert_int_equal(match_plan_diff(&d, p, p), MATCH_OK);
    assert_int_equal(match_diff_group_count(d, MATCH_BY_PRIORITY), 6); /* 5..1 and "0" */
    assert_string_equal(match_diff_group_key(d, MATCH_BY_PRIORITY, 5), "0");
    assert_string_equal(match_diff_group_key(d, MATCH_BY_CATEGORY, 0), "");
    assert_int_equal(match_plan_diff(NULL, p, p), MATCH_EINVAL);
    match_diff *none = NULL;
    assert_int_equal(match_plan_diff(&none, p, NULL), MATCH_EINVAL);
    assert_null(none);
    match_diff_destroy(NULL);
    match_diff_destroy(d);
    match_plan_destroy(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(needs_gained_lost_raised), cmocka_unit_test(volunteers_moved),
        cmocka_unit_test(coverage_by_group),        cmocka_unit_test(solved_plan_round_trip),
        cmocka_unit_test(bad_plan_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
