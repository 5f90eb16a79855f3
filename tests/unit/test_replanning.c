/*
 * Stable re-planning: a plan in force (match_model_set_previous_plan() and friends, or a
 * scenario's "previous_plan") and the policy's change_penalty per volunteer-hour moved away
 * from it (docs/model.md, "Stable re-planning").
 */
#include "test_support.h"

#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

/* V1 and V2 (10 h each) serve N1 and N2 (priority 1, 10 h each) in one community. */
static match_model *two_by_two(void)
{
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 10);
    ts_volunteer(m, "V2", "C0", 10);
    ts_need(m, "N1", "C0", 1, 10);
    ts_need(m, "N2", "C0", 1, 10);
    return m;
}

/* A small urgent need moves just the hours it needs: U (priority 5, 3 h) arrives; moving
 * 3 hours costs 3 * 0.1 and gains 16 - 3/10 of N1's or N2's value. */
static void test_urgent_need_moves_just_enough(void **state)
{
    (void)state;
    match_model *m = two_by_two();
    TS_OK(m, match_model_set_previous_hours(m, "V1", "N1", 10));
    TS_OK(m, match_model_set_previous_hours(m, "V2", "N2", 10));
    ts_need(m, "U", "C0", 5, 3);
    TS_OK(m, match_model_set_policy(m, "change_penalty", 0.1));
    for (int solver = MATCH_SOLVER_AUTO; solver <= MATCH_SOLVER_GLPK; ++solver) {
        match_plan *p = ts_solve_with(m, (match_solver)solver);
        assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
        TS_NEAR(ts_coverage(p, "U"), 1, TS_EPS);
        assert_true(match_plan_has_previous(p));
        TS_NEAR(match_plan_previous_hours(p), 20, TS_EPS);
        TS_NEAR(match_plan_moved_hours(p), 3, TS_EPS);
        double a = match_plan_volunteer_moved_hours(p, ts_volunteer_index(p, "V1"));
        double b = match_plan_volunteer_moved_hours(p, ts_volunteer_index(p, "V2"));
        TS_NEAR(a + b, 3, TS_EPS);
        /* U's 16, N1 and N2 17 hours of 20 (1.7), 3 hours moved at 0.1. */
        TS_NEAR(match_plan_objective(p), 16 + 1 + 0.7 - 0.1 * 3, TS_EPS);
        match_plan_destroy(p);
    }
    match_model_destroy(m);
}

/* A change penalty of 0 gives the optimum of the model without a plan in force. */
static void test_zero_penalty_changes_nothing(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 12; ++seed) {
        match_model *m = ts_random_model(seed, 12, 8);
        match_plan *before = ts_solve_with(m, MATCH_SOLVER_AUTO);
        assert_int_equal(match_plan_status(before), MATCH_STATUS_OPTIMAL);
        match_model *next = NULL;
        TS_RC(MATCH_OK, match_model_copy(&next, m));
        TS_OK(next, match_model_set_previous_plan(next, before));
        ts_need(next, "URGENT", match_model_item_id(m, MATCH_COMMUNITY, 0), 5, 6);
        match_plan *with = ts_solve_with(next, MATCH_SOLVER_AUTO);
        TS_OK(next, match_model_clear_previous_plan(next));
        assert_false(match_model_has_previous_plan(next));
        match_plan *without = ts_solve_with(next, MATCH_SOLVER_AUTO);
        TS_NEAR(match_plan_objective(with), match_plan_objective(without), 1e-6);
        assert_true(match_plan_has_previous(with));
        assert_false(match_plan_has_previous(without));
        assert_true(isnan(match_plan_moved_hours(without)));
        match_plan_destroy(before);
        match_plan_destroy(with);
        match_plan_destroy(without);
        match_model_destroy(m);
        match_model_destroy(next);
    }
}

/* Hours moved per volunteer and need, from two plans (for the large-penalty test). */
static double hours_in(const match_plan *p, const char *need, const char *volunteer)
{
    for (size_t i = 0; i < match_plan_need_count(p); ++i)
        if (strcmp(match_plan_need_id(p, i), need) == 0)
            for (size_t k = 0; k < match_plan_need_volunteer_count(p, i); ++k)
                if (strcmp(match_plan_need_volunteer_id(p, i, k), volunteer) == 0)
                    return match_plan_need_volunteer_hours(p, i, k);
    return 0;
}

/* A penalty larger than any gain keeps every hour of the plan in force where it was. */
static void test_large_penalty_keeps_the_plan(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 12; ++seed) {
        match_model *m = ts_random_model(seed, 12, 8);
        match_plan *before = ts_solve_with(m, MATCH_SOLVER_AUTO);
        match_model *next = NULL;
        TS_RC(MATCH_OK, match_model_copy(&next, m));
        TS_OK(next, match_model_set_previous_plan(next, before));
        ts_need(next, "URGENT", match_model_item_id(m, MATCH_COMMUNITY, 0), 5, 6);
        TS_OK(next, match_model_set_policy(next, "change_penalty", 1000));
        match_plan *after = ts_solve_with(next, MATCH_SOLVER_AUTO);
        assert_int_equal(match_plan_status(after), MATCH_STATUS_OPTIMAL);
        TS_NEAR(match_plan_moved_hours(after), 0, TS_EPS);
        for (size_t i = 0; i < match_plan_need_count(before); ++i) {
            const char *need = match_plan_need_id(before, i);
            for (size_t k = 0; k < match_plan_need_volunteer_count(before, i); ++k) {
                const char *v = match_plan_need_volunteer_id(before, i, k);
                assert_true(hours_in(after, need, v) >=
                            match_plan_need_volunteer_hours(before, i, k) - TS_EPS);
            }
        }
        match_plan_destroy(before);
        match_plan_destroy(after);
        match_model_destroy(m);
        match_model_destroy(next);
    }
}

/* The objective is the plan's own numbers with the change term: recomputed by hand. */
static void test_objective_counts_lost_pairs(void **state)
{
    (void)state;
    match_model *m = two_by_two();
    ts_community(m, "C9", 0.5); /* 55 km away: nobody there can serve N1 */
    TS_OK(m, match_model_set_previous_hours(m, "V1", "N1", 4));
    TS_OK(m, match_model_set_previous_hours(m, "V1", "N1", 6)); /* set again: replaces */
    TS_OK(m, match_model_set_previous_hours(m, "V2", "N2", 0)); /* 0: not in the plan */
    TS_OK(m, match_model_set_policy(m, "change_penalty", 0.5));
    ts_volunteer(m, "Vfar", "C9", 5);
    TS_OK(m, match_model_set_previous_hours(m, "Vfar", "N1", 5)); /* no such pair any more */
    for (int solver = MATCH_SOLVER_AUTO; solver <= MATCH_SOLVER_GLPK; ++solver) {
        match_plan *p = ts_solve_with(m, (match_solver)solver);
        TS_NEAR(match_plan_previous_hours(p), 11, TS_EPS);
        /* Vfar's 5 hours are lost whatever the plan; V1 keeps its 6 at N1. */
        TS_NEAR(match_plan_moved_hours(p), 5, TS_EPS);
        TS_NEAR(ts_x(p, "N1", "V1") >= 6 ? 1 : 0, 1, TS_EPS);
        TS_NEAR(match_plan_objective(p), 2 - 0.5 * 5, TS_EPS);
        TS_NEAR(match_plan_volunteer_moved_hours(p, ts_volunteer_index(p, "Vfar")), 5, TS_EPS);
        match_plan_destroy(p);
    }
    match_model_destroy(m);
}

/* A plan in force from another model: ids it has and this model lacks are left out and
 * counted; a copy of the model keeps the plan in force. */
static void test_plan_from_other_model(void **state)
{
    (void)state;
    match_model *old = two_by_two();
    ts_volunteer(old, "Vgone", "C0", 5);
    ts_need(old, "Ngone", "C0", 5, 5);
    match_plan *before = ts_solve_with(old, MATCH_SOLVER_AUTO);
    match_model *m = two_by_two();
    TS_OK(m, match_model_set_previous_plan(m, before));
    assert_true(match_model_has_previous_plan(m));
    assert_int_equal(match_model_previous_ignored(m), 1); /* Vgone's hours at Ngone */
    match_model *copy = NULL;
    TS_RC(MATCH_OK, match_model_copy(&copy, m));
    assert_true(match_model_has_previous_plan(copy));
    assert_int_equal(match_model_previous_ignored(copy), 1);
    TS_OK(copy, match_model_set_policy(copy, "change_penalty", 1));
    match_plan *p = ts_solve_with(copy, MATCH_SOLVER_AUTO);
    assert_int_equal(match_plan_previous_ignored(p), 1);
    TS_NEAR(match_plan_moved_hours(p), 0, TS_EPS);
    match_plan_destroy(p);
    match_plan_destroy(before);
    match_model_destroy(old);
    match_model_destroy(m);
    match_model_destroy(copy);
}

static void test_builder_errors(void **state)
{
    (void)state;
    match_model *m = two_by_two();
    TS_RC(MATCH_ENOTFOUND, match_model_set_previous_hours(m, "V9", "N1", 2));
    TS_CONTAINS(match_model_errmsg(m), "no volunteer with id \"V9\"");
    TS_RC(MATCH_ENOTFOUND, match_model_set_previous_hours(m, "V1", "N9", 2));
    TS_CONTAINS(match_model_errmsg(m), "no need with id \"N9\"");
    TS_RC(MATCH_EINPUT, match_model_set_previous_hours(m, "V1", "N1", 2.5));
    TS_CONTAINS(match_model_errmsg(m), "whole number");
    TS_RC(MATCH_EINPUT, match_model_set_previous_hours(m, "V1", "N1", -1));
    TS_RC(MATCH_EINVAL, match_model_set_previous_plan(m, NULL));
    assert_false(match_model_has_previous_plan(m));
    TS_RC(MATCH_EINVAL, match_model_set_previous_plan(NULL, NULL));
    assert_int_equal(match_model_previous_ignored(NULL), 0);
    match_model_destroy(m);
}

/* Plan files: written by the library, read back as the plan in force; errors name the file,
 * the need and the field. */
static void test_plan_file(void **state)
{
    (void)state;
    match_model *m = two_by_two();
    match_plan *p = ts_solve_with(m, MATCH_SOLVER_AUTO);
    char path[] = "/tmp/libmatch-replan-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    TS_RC(MATCH_OK, match_plan_write_json(p, path));
    char err[512];
    TS_RC(MATCH_OK, match_model_read_previous_plan(m, path, err, sizeof err));
    assert_true(match_model_has_previous_plan(m));
    TS_OK(m, match_model_set_policy(m, "change_penalty", 1));
    match_plan *again = ts_solve_with(m, MATCH_SOLVER_AUTO);
    TS_NEAR(match_plan_previous_hours(again), 20, TS_EPS);
    TS_NEAR(match_plan_moved_hours(again), 0, TS_EPS);
    match_plan_destroy(again);
    match_plan_destroy(p);

    static const struct {
        const char *json, *message;
        int code;
    } bad[] = {
        {"{\"needs\": [{\"id\": \"N1\", \"volunteers\": [{\"id\": \"V1\", \"hours\": 2.5}]}]}",
         "plan.json: needs[0] (id \"N1\"): volunteers[0]: field \"hours\": expected a whole "
         "number >= 0, got 2.5",
         MATCH_EINPUT},
        {"{\"format\": \"libmatch-scenario-1\", \"needs\": []}",
         "plan.json: field \"format\": expected \"libmatch-plan-1\"", MATCH_EINPUT},
        {"{\"status\": \"optimal\"}", "plan.json: field \"needs\": required field is missing",
         MATCH_EINPUT},
        {"{\"needs\": [{\"id\": \"N1\", \"volunteers\": [{\"id\": \"V1\", \"hours\": 1}, "
         "{\"id\": \"V1\", \"hours\": 2}]}]}",
         "volunteer \"V1\" is listed twice", MATCH_EINPUT},
        {"{\"needs\": [{\"id\": \"N1\"}, {\"id\": \"N1\"}]}",
         "needs[1] (id \"N1\"): field \"id\": need \"N1\" is listed twice", MATCH_EINPUT},
        {"{\"needs\": [", "plan.json:1:", MATCH_EPARSE},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; ++k) {
        TS_RC(bad[k].code,
              match_model_read_previous_plan_string(m, bad[k].json, "plan.json", err, sizeof err));
        TS_CONTAINS(err, bad[k].message);
        TS_CONTAINS(match_model_errmsg(m), bad[k].message);
        /* A failed read leaves the plan in force as it was. */
        assert_true(match_model_has_previous_plan(m));
    }
    /* Unknown ids are left out and counted. */
    TS_RC(MATCH_OK,
          match_model_read_previous_plan_string(
              m,
              "{\"needs\": [{\"id\": \"N1\", \"volunteers\": [{\"id\": \"V9\", \"hours\": 3}, "
              "{\"id\": \"V1\", \"hours\": 3}]}, {\"id\": \"N9\", \"volunteers\": [{\"id\": "
              "\"V1\", \"hours\": 1}]}]}",
              NULL, err, sizeof err));
    assert_int_equal(match_model_previous_ignored(m), 2);
    TS_RC(MATCH_EIO, match_model_read_previous_plan(m, "/nonexistent/plan.json", err, sizeof err));
    TS_CONTAINS(err, "/nonexistent/plan.json");
    remove(path);
    match_model_destroy(m);
}

/* A scenario file names its plan in force by a path relative to itself, or inline. */
static void test_scenario_previous_plan(void **state)
{
    (void)state;
    char dir[] = "/tmp/libmatch-replan-dir-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char plan_path[256], scen_path[256];
    snprintf(plan_path, sizeof plan_path, "%s/plan.json", dir);
    snprintf(scen_path, sizeof scen_path, "%s/scenario.json", dir);
    const char *plan = "{\"format\": \"libmatch-plan-1\", \"needs\": [{\"id\": \"N1\", "
                       "\"volunteers\": [{\"id\": \"V1\", \"hours\": 4}]}, {\"id\": \"N2\", "
                       "\"volunteers\": [{\"id\": \"Vx\", \"hours\": 4}]}]}";
    const char *body = "{\"format\": \"libmatch-scenario-1\", \"policy\": {\"change_penalty\": "
                       "2}, \"communities\": [{\"id\": \"C0\", \"lat\": 34, \"lon\": 113}], "
                       "\"volunteers\": [{\"id\": \"V1\", \"community\": \"C0\", \"hours\": 4}], "
                       "\"needs\": [{\"id\": \"N1\", \"community\": \"C0\", \"category\": \"x\", "
                       "\"priority\": 1, \"hours\": 4}, {\"id\": \"N2\", \"community\": \"C0\", "
                       "\"category\": \"x\", \"priority\": 2, \"hours\": 4}], "
                       "\"previous_plan\": %s}";
    FILE *f = fopen(plan_path, "w");
    assert_non_null(f);
    fputs(plan, f);
    fclose(f);
    char text[2048];
    for (int inline_plan = 0; inline_plan < 2; ++inline_plan) {
        snprintf(text, sizeof text, body, inline_plan ? plan : "\"plan.json\"");
        f = fopen(scen_path, "w");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
        match_model *m = NULL;
        char err[512];
        TS_RC(MATCH_OK, match_model_read_json(&m, scen_path, err, sizeof err));
        assert_true(match_model_has_previous_plan(m));
        assert_int_equal(match_model_previous_ignored(m), 1);
        /* N2 is worth 2, N1 1; moving V1's 4 hours costs 8: V1 stays at N1. */
        match_plan *p = ts_solve_optimal(m);
        TS_NEAR(ts_x(p, "N1", "V1"), 4, TS_EPS);
        TS_NEAR(match_plan_objective(p), 1, TS_EPS);
        match_plan_destroy(p);
        match_model_destroy(m);
    }
    /* Errors name the scenario, the plan file, the item and the field. */
    f = fopen(plan_path, "w");
    assert_non_null(f);
    fputs("{\"needs\": [{\"id\": \"N1\", \"volunteers\": [{\"id\": \"V1\"}]}]}", f);
    fclose(f);
    snprintf(text, sizeof text, body, "\"plan.json\"");
    f = fopen(scen_path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    match_model *m = NULL;
    char err[1024], expected[1024];
    TS_RC(MATCH_EINPUT, match_model_read_json(&m, scen_path, err, sizeof err));
    assert_null(m);
    snprintf(expected, sizeof expected,
             "%s: field \"previous_plan\": %s: needs[0] (id \"N1\"): volunteers[0]: field "
             "\"hours\": required field is missing",
             scen_path, plan_path);
    assert_string_equal(err, expected);
    remove(plan_path);
    TS_RC(MATCH_EIO, match_model_read_json(&m, scen_path, err, sizeof err));
    TS_CONTAINS(err, "field \"previous_plan\"");
    snprintf(text, sizeof text, body, "3");
    TS_RC(MATCH_EINPUT, match_model_read_json_string(&m, text, "s.json", err, sizeof err));
    TS_CONTAINS(err, "s.json: field \"previous_plan\": expected a plan file name or a plan object");
    remove(scen_path);
    rmdir(dir);
}

/* ---- The flow path against GLPK --------------------------------------------------------- */

static uint64_t rng_state;

static int rng_int(int lo, int hi)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + (int)((uint32_t)(rng_state >> 33) % (uint32_t)(hi - lo + 1));
}

/* A random pure network (hours only, skills, distances, obligations, a fixed pair), solved
 * once; then changed (a new urgent need, other hours) and re-planned against the first
 * plan. */
static bool check_random_replan(uint64_t seed, bool coupled)
{
    rng_state = seed * 2654435761ULL + 3;
    match_model *m = ts_model_new();
    char id[32], other[32];
    int nc = rng_int(2, 4), nv = rng_int(3, 10), nn = rng_int(3, 9);
    TS_OK(m, match_model_set_policy(m, "distance_cost", 0.01 * rng_int(0, 5)));
    TS_OK(m, match_model_set_policy(m, "volunteer_min_hours", rng_int(0, 1) * 3.0));
    for (int c = 0; c < nc; ++c) {
        snprintf(id, sizeof id, "C%d", c);
        ts_community(m, id, 0.01 * rng_int(0, 30));
    }
    for (int v = 0; v < nv; ++v) {
        snprintf(id, sizeof id, "V%d", v);
        snprintf(other, sizeof other, "C%d", rng_int(0, nc - 1));
        ts_volunteer(m, id, other, rng_int(1, 9));
        TS_OK(m, match_model_add_volunteer_skill(m, id, rng_int(0, 1) ? "a" : "b"));
    }
    for (int i = 0; i < nn; ++i) {
        snprintf(id, sizeof id, "N%d", i);
        snprintf(other, sizeof other, "C%d", rng_int(0, nc - 1));
        ts_need(m, id, other, rng_int(1, 5), rng_int(1, 10));
        if (rng_int(0, 1))
            TS_OK(m, match_model_add_need_skill(m, id, rng_int(0, 1) ? "a" : "b"));
        if (coupled && rng_int(0, 3) == 0)
            TS_OK(m, match_model_set_need_min_volunteers(m, id, 2));
    }
    match_plan *before = ts_solve_with(m, MATCH_SOLVER_GLPK);
    TS_OK(m, match_model_set_previous_plan(m, before));
    /* The change: an urgent need, a volunteer with fewer hours, other weights. */
    ts_need(m, "URGENT", "C0", 5, rng_int(2, 8));
    TS_OK(m, match_model_add_volunteer(m, "Vnew", "C1", rng_int(0, 4)));
    TS_OK(m, match_model_add_volunteer_skill(m, "Vnew", "a"));
    static const double penalties[] = {0.05, 0.3, 1.0, 5.0};
    TS_OK(m, match_model_set_policy(m, "change_penalty", penalties[rng_int(0, 3)]));
    match_plan *flow = ts_solve_with(m, MATCH_SOLVER_AUTO);
    match_plan *glpk = ts_solve_with(m, MATCH_SOLVER_GLPK);
    assert_int_equal(match_plan_status(flow), MATCH_STATUS_OPTIMAL);
    assert_int_equal(match_plan_status(glpk), MATCH_STATUS_OPTIMAL);
    double a = match_plan_objective(flow), b = match_plan_objective(glpk);
    if (!(fabs(a - b) <= 1e-6 * (1 + fabs(b))))
        fail_msg("seed %llu: auto %.12g, GLPK %.12g", (unsigned long long)seed, a, b);
    TS_NEAR(match_plan_bound(flow), a, 1e-6 * (1 + fabs(a)));
    /* Moving some hours, and not all of them, is what exercises the change term. */
    double moved = match_plan_moved_hours(glpk);
    bool partly = moved > 0 && moved < match_plan_previous_hours(glpk);
    match_plan_destroy(before);
    match_plan_destroy(flow);
    match_plan_destroy(glpk);
    match_model_destroy(m);
    return partly;
}

static void test_random_flow_equals_glpk(void **state)
{
    (void)state;
    int partly = 0;
    for (uint64_t seed = 1; seed <= 80; ++seed)
        partly += check_random_replan(seed, false);
    assert_true(partly >= 20);
}

static void test_random_coupled_equals_glpk(void **state)
{
    (void)state;
    int partly = 0;
    for (uint64_t seed = 100; seed <= 140; ++seed)
        partly += check_random_replan(seed, true);
    assert_true(partly >= 10);
}

/* Lexicographic mode: the change penalty is a cost term, ranked after every priority. */
static void test_lexicographic_change(void **state)
{
    (void)state;
    match_model *m = two_by_two();
    TS_OK(m, match_model_set_previous_hours(m, "V1", "N1", 10));
    TS_OK(m, match_model_set_previous_hours(m, "V2", "N2", 10));
    ts_need(m, "N3", "C0", 2, 3); /* worth 2: not worth moving 3 h at a penalty of 1 */
    TS_OK(m, match_model_set_policy(m, "change_penalty", 1));
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N3"), 0, TS_EPS);
    match_plan_destroy(p);
    TS_OK(m, match_model_set_policy_option(m, "objective", "lexicographic"));
    for (int solver = MATCH_SOLVER_AUTO; solver <= MATCH_SOLVER_GLPK; ++solver) {
        p = ts_solve_with(m, (match_solver)solver);
        TS_NEAR(ts_coverage(p, "N3"), 1, TS_EPS);
        TS_NEAR(match_plan_moved_hours(p), 3, TS_EPS);
        TS_NEAR(match_plan_level_value(p, 5), -3, TS_EPS);
        match_plan_destroy(p);
    }
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urgent_need_moves_just_enough),
        cmocka_unit_test(test_zero_penalty_changes_nothing),
        cmocka_unit_test(test_large_penalty_keeps_the_plan),
        cmocka_unit_test(test_objective_counts_lost_pairs),
        cmocka_unit_test(test_plan_from_other_model),
        cmocka_unit_test(test_builder_errors),
        cmocka_unit_test(test_plan_file),
        cmocka_unit_test(test_scenario_previous_plan),
        cmocka_unit_test(test_random_flow_equals_glpk),
        cmocka_unit_test(test_random_coupled_equals_glpk),
        cmocka_unit_test(test_lexicographic_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
