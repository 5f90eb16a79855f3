/*
 * A solve that can be stopped and watched: the interrupt callback stops every path (network
 * simplex, coupled flow bound and plan, GLPK, lexicographic levels) with the best plan so
 * far and status "interrupted"; progress reports a bound that never rises and a plan value
 * that never falls. No timings: stops are triggered by what the callbacks have seen.
 */
#include "test_support.h"

#include <stdbool.h>
#include <stdlib.h>

typedef struct watch {
    int polls;
    int stop_at_poll;    /* stop at this poll (1: the first); 0: not by count */
    bool stop_once_plan; /* stop once progress has reported a plan */
    const char *stop_at; /* stop once progress has reported this phase */
    bool stop;           /* what the interrupt answers now */
    int reports;
    double elapsed, incumbent, bound; /* the last report */
    bool monotone;
    char backend[128];
} watch;

static int on_interrupt(void *payload)
{
    watch *w = payload;
    w->polls++;
    if (w->stop_at_poll > 0 && w->polls >= w->stop_at_poll)
        w->stop = true;
    return w->stop;
}

static void on_progress(const match_progress *p, void *payload)
{
    watch *w = payload;
    if (w->reports > 0) {
        if (p->elapsed < w->elapsed)
            w->monotone = false;
        if (!isnan(w->incumbent) && !(p->incumbent >= w->incumbent)) /* NaN again: wrong */
            w->monotone = false;
        if (!isnan(w->bound) && !(p->bound <= w->bound))
            w->monotone = false;
    }
    if (!isnan(p->incumbent) && !isnan(p->bound) && !(p->gap >= 0))
        w->monotone = false;
    w->reports++;
    w->elapsed = p->elapsed;
    w->incumbent = p->incumbent;
    w->bound = p->bound;
    if (w->stop_once_plan && !isnan(p->incumbent))
        w->stop = true;
    if (w->stop_at != NULL && strcmp(p->phase, w->stop_at) == 0)
        w->stop = true;
}

static void on_log(match_log_level level, const char *message, void *payload)
{
    (void)level;
    watch *w = payload;
    const char *at = strstr(message, "solving with ");
    if (at != NULL)
        snprintf(w->backend, sizeof w->backend, "%s", at + strlen("solving with "));
}

static match_plan *solve_watched(match_model *m, match_solver solver, watch *w, double limit)
{
    w->monotone = true;
    w->incumbent = w->bound = NAN;
    match_options o = MATCH_OPTIONS_INIT;
    o.solver = solver;
    o.time_limit = limit;
    o.interrupt = on_interrupt;
    o.interrupt_payload = w;
    o.progress = on_progress;
    o.progress_payload = w;
    o.log = on_log;
    o.log_payload = w;
    match_plan *plan = NULL;
    TS_OK(m, match_model_solve(&plan, m, &o));
    assert_non_null(plan);
    ts_check_plan_consistent(m, plan);
    return plan;
}

/* A pure network: volunteers' hours to needs, no teams or obligations. */
static match_model *network_model(void)
{
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0.0);
    ts_community(m, "C1", 0.01);
    char id[16];
    for (int v = 0; v < 30; ++v) {
        snprintf(id, sizeof id, "V%02d", v);
        ts_volunteer(m, id, v % 2 ? "C0" : "C1", 3 + v % 7);
    }
    for (int i = 0; i < 12; ++i) {
        snprintf(id, sizeof id, "N%02d", i);
        ts_need(m, id, i % 2 ? "C1" : "C0", 1 + i % 5, 4 + i % 9);
    }
    return m;
}

static void assert_no_assignments(const match_plan *p)
{
    assert_true(isnan(match_plan_objective(p)));
    for (size_t v = 0; v < match_plan_volunteer_count(p); ++v)
        assert_true(match_plan_volunteer_hours(p, v) == 0.0);
}

/* Stopped at the first poll, every path returns a plan (with nothing in it yet). */
static void test_interrupt_at_once_every_path(void **state)
{
    (void)state;
    struct {
        match_model *m;
        match_solver solver;
        const char *backend;
    } cases[] = {{network_model(), MATCH_SOLVER_AUTO, "network simplex"},
                 {ts_random_model(7, 40, 15), MATCH_SOLVER_AUTO, "flow bound and plan"},
                 {ts_random_model(7, 40, 15), MATCH_SOLVER_GLPK, "glpk"},
                 {ts_random_model(7, 40, 15), MATCH_SOLVER_AUTO, "glpk"}};
    TS_OK(cases[3].m, match_model_set_policy_option(cases[3].m, "objective", "lexicographic"));
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; ++k) {
        watch w = {.stop_at_poll = 1};
        match_plan *p = solve_watched(cases[k].m, cases[k].solver, &w, 0.0);
        TS_CONTAINS(w.backend, cases[k].backend);
        assert_int_equal(match_plan_status(p), MATCH_STATUS_INTERRUPTED);
        assert_string_equal(match_status_name(match_plan_status(p)), "interrupted");
        assert_no_assignments(p);
        assert_true(w.monotone);
        match_plan_destroy(p);
        match_model_destroy(cases[k].m);
    }
}

/* A stop at a later poll (between phases, or from the network simplex's pivots) still ends
 * the solve with "interrupted"; without a stop the same model is solved to optimality. */
static void test_interrupt_network_simplex(void **state)
{
    (void)state;
    match_model *m = network_model();
    watch w = {.stop_at_poll = 2};
    match_plan *p = solve_watched(m, MATCH_SOLVER_FLOW, &w, 0.0);
    assert_true(w.polls >= 2);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_INTERRUPTED);
    match_plan_destroy(p);
    /* Unstopped, the same model is solved to optimality. */
    watch quiet = {0};
    p = solve_watched(m, MATCH_SOLVER_FLOW, &quiet, 0.0);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
    assert_true(quiet.polls >= 1);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* Stopped once a plan exists: the coupled path and GLPK return that plan, valid, with its
 * value at least the one reported and at most the optimum. */
/* A coupled city whose flow plan (25.19) is below its flow bound (35.42): GLPK closes the
 * gap (optimum 28.21). bench/gen_scenario.py --coupled --volunteers 30 --needs 12 --seed 3 */
static match_model *coupled_gap_model(void)
{
    match_model *m = NULL;
    char err[512];
    int rc = match_model_read_json(&m, LIBMATCH_TEST_DATA_DIR "/coupled_gap.json", err, sizeof err);
    if (rc != MATCH_OK)
        fail_msg("coupled_gap.json: %s", err);
    return m;
}

static void test_interrupt_after_a_plan(void **state)
{
    (void)state;
    match_solver solvers[] = {MATCH_SOLVER_AUTO, MATCH_SOLVER_GLPK};
    for (size_t k = 0; k < 2; ++k) {
        match_model *m = coupled_gap_model();
        match_plan *best = ts_solve_optimal(m);
        watch w = {.stop_once_plan = true};
        match_plan *p = solve_watched(m, solvers[k], &w, 0.0);
        assert_int_equal(match_plan_status(p), MATCH_STATUS_INTERRUPTED);
        double value = match_plan_objective(p);
        assert_false(isnan(value));
        assert_true(value >= w.incumbent - TS_EPS || isnan(w.incumbent));
        assert_true(value <= match_plan_objective(best) + TS_EPS);
        assert_true(!(match_plan_bound(p) < value - TS_EPS)); /* a bound, or NaN */
        assert_true(w.monotone);
        match_plan_destroy(p);
        match_plan_destroy(best);
        match_model_destroy(m);
    }
}

/* Lexicographic levels share the deadline: stopped when a later level starts, the plan of
 * the levels before comes back. */
static void test_interrupt_between_levels(void **state)
{
    (void)state;
    match_model *m = ts_random_model(5, 40, 15);
    TS_OK(m, match_model_set_policy_option(m, "objective", "lexicographic"));
    watch w = {.stop_at = "glpk level"};
    match_plan *p = solve_watched(m, MATCH_SOLVER_AUTO, &w, 0.0);
    TS_CONTAINS(w.backend, "glpk");
    assert_true(w.stop);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_INTERRUPTED);
    assert_false(isnan(match_plan_objective(p)));
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* Progress: at least one report per phase and at the end, bound never up, plan never down,
 * the last report the plan's value. */
static void test_progress_monotone(void **state)
{
    (void)state;
    for (unsigned seed = 20; seed < 24; ++seed) {
        match_model *m = seed == 20 ? coupled_gap_model() : ts_random_model(seed, 50, 18);
        watch w = {0};
        match_plan *p = solve_watched(m, MATCH_SOLVER_AUTO, &w, 0.0);
        assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
        assert_true(w.reports >= 3);
        assert_true(w.monotone);
        assert_false(isnan(w.incumbent));
        assert_true(w.incumbent >= match_plan_objective(p) - TS_EPS);
        assert_true(w.bound >= w.incumbent - TS_EPS);
        match_plan_destroy(p);
        match_model_destroy(m);
    }
}

/* A limit too short for anything: the answer is "time_limit", never "interrupted". */
static void test_time_limit_is_not_interrupt(void **state)
{
    (void)state;
    match_model *m = ts_random_model(3, 40, 15);
    watch w = {0};
    match_plan *p = solve_watched(m, MATCH_SOLVER_AUTO, &w, 1e-9);
    match_status s = match_plan_status(p);
    assert_true(s == MATCH_STATUS_TIME_LIMIT || s == MATCH_STATUS_FEASIBLE);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* Options of version 1 (without the progress fields) are still accepted. */
static void test_options_version_1(void **state)
{
    (void)state;
    match_options o;
    assert_int_equal(match_options_init(&o, 1), MATCH_OK);
    assert_int_equal(o.version, 1);
    match_model *m = network_model();
    match_plan *p = NULL;
    TS_OK(m, match_model_solve(&p, m, &o));
    assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
    match_plan_destroy(p);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_interrupt_at_once_every_path),
        cmocka_unit_test(test_interrupt_network_simplex),
        cmocka_unit_test(test_interrupt_after_a_plan),
        cmocka_unit_test(test_interrupt_between_levels),
        cmocka_unit_test(test_progress_monotone),
        cmocka_unit_test(test_time_limit_is_not_interrupt),
        cmocka_unit_test(test_options_version_1),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
