/*
 * Warm starts (match_options.warm_start): a what-if solved from the plan before the change
 * reaches the same optimum as a cold solve, on every backend, whatever the plan holds
 * (items and pairs that no longer exist, hours beyond what the model now allows, a plan that
 * breaks a rule); and the GLPK and coupled paths do take the plan when it is usable.
 */
#include "test_support.h"

#include <stdlib.h>

/* Collects the solver's log lines into one string. */
typedef struct log_text {
    char text[16384];
    size_t len;
} log_text;

static void collect(match_log_level level, const char *message, void *payload)
{
    (void)level;
    log_text *log = payload;
    int n = snprintf(log->text + log->len, sizeof log->text - log->len, "%s\n", message);
    if (n > 0 && (size_t)n < sizeof log->text - log->len)
        log->len += (size_t)n;
}

static match_plan *solve_with(match_model *m, match_solver solver, const match_plan *warm,
                              log_text *log)
{
    match_options o = MATCH_OPTIONS_INIT;
    o.solver = solver;
    o.warm_start = warm;
    if (log != NULL) {
        log->len = 0;
        log->text[0] = '\0';
        o.log = collect;
        o.log_payload = log;
    }
    match_plan *p = NULL;
    TS_OK(m, match_model_solve(&p, m, &o));
    assert_non_null(p);
    return p;
}

/* A what-if of the random model: fewer hours for one volunteer, a need raised to priority 5,
 * another volunteer gone, a unit obligation higher. */
static void change(match_model *m)
{
    const char *v0 = match_model_item_id(m, MATCH_VOLUNTEER, 0);
    TS_OK(m, match_model_set_volunteer_hours(m, v0, 2));
    const char *n3 = match_model_item_id(m, MATCH_NEED, 3);
    TS_OK(m, match_model_set_need_priority(m, n3, 5));
    char gone[64];
    snprintf(gone, sizeof gone, "%s", match_model_item_id(m, MATCH_VOLUNTEER, 1));
    TS_OK(m, match_model_remove(m, MATCH_VOLUNTEER, gone));
    TS_OK(m, match_model_set_policy(m, "unit_min_projects", 2));
}

static void check_same_optimum(match_model *m, match_solver solver, const match_plan *warm)
{
    match_plan *cold = solve_with(m, solver, NULL, NULL);
    match_plan *hot = solve_with(m, solver, warm, NULL);
    assert_int_equal(match_plan_status(cold), MATCH_STATUS_OPTIMAL);
    assert_int_equal(match_plan_status(hot), MATCH_STATUS_OPTIMAL);
    TS_NEAR(match_plan_objective(hot), match_plan_objective(cold), 1e-6);
    ts_check_plan_consistent(m, hot);
    match_plan_destroy(cold);
    match_plan_destroy(hot);
}

static void what_if_same_optimum_every_backend(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 6; ++seed) {
        match_model *base = ts_random_model(seed, 24, 14);
        match_plan *before = ts_solve_optimal(base);
        match_model *m = NULL;
        TS_RC(MATCH_OK, match_model_copy(&m, base));
        change(m);
        check_same_optimum(m, MATCH_SOLVER_AUTO, before);
        check_same_optimum(m, MATCH_SOLVER_GLPK, before);
        /* Its own optimum as the warm start: nothing to improve, the same value. */
        match_plan *own = ts_solve_optimal(m);
        check_same_optimum(m, MATCH_SOLVER_GLPK, own);
        match_plan_destroy(own);
        match_plan_destroy(before);
        match_model_destroy(m);
        match_model_destroy(base);
    }
}

/* A pure network: the network simplex ignores nothing it must honour. */
static void pure_network_same_optimum(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C1", 0.0);
    ts_community(m, "C2", 0.01);
    ts_volunteer(m, "V1", "C1", 10);
    ts_volunteer(m, "V2", "C2", 6);
    ts_need(m, "N1", "C1", 3, 8);
    ts_need(m, "N2", "C2", 5, 9);
    match_plan *before = ts_solve_optimal(m);
    TS_OK(m, match_model_set_volunteer_hours(m, "V1", 3));
    TS_OK(m, match_model_set_need_priority(m, "N1", 5));
    check_same_optimum(m, MATCH_SOLVER_AUTO, before);
    check_same_optimum(m, MATCH_SOLVER_FLOW, before);
    check_same_optimum(m, MATCH_SOLVER_GLPK, before);
    log_text log;
    match_plan *p = solve_with(m, MATCH_SOLVER_AUTO, before, &log);
    TS_CONTAINS(log.text, "warm start not used: the network simplex");
    match_plan_destroy(p);
    match_plan_destroy(before);
    match_model_destroy(m);
}

/* The GLPK path starts from a usable warm start, and says so. */
static void glpk_takes_the_plan(void **state)
{
    (void)state;
    match_model *m = ts_random_model(3, 24, 14);
    match_plan *before = ts_solve_optimal(m);
    log_text log;
    match_plan *p = solve_with(m, MATCH_SOLVER_GLPK, before, &log);
    TS_CONTAINS(log.text, "warm start: GLPK starts from a plan of value");
    TS_NEAR(match_plan_objective(p), match_plan_objective(before), 1e-6);
    match_plan_destroy(p);
    /* Without a warm start nothing is said about one. */
    p = solve_with(m, MATCH_SOLVER_GLPK, NULL, &log);
    assert_null(strstr(log.text, "warm start"));
    match_plan_destroy(p);
    match_plan_destroy(before);
    match_model_destroy(m);
}

/* A plan that leaves a required need uncovered is not used, and the solve is unharmed. */
static void unusable_plan_is_not_used(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C1", 0.0);
    ts_volunteer(m, "V1", "C1", 10);
    ts_volunteer(m, "V2", "C1", 8); /* 18 hours for 20 asked: one need goes short */
    ts_need(m, "N1", "C1", 5, 10);
    ts_need(m, "N2", "C1", 1, 10);
    TS_OK(m, match_model_set_need_min_volunteers(m, "N2", 2));
    match_plan *before = ts_solve_optimal(m);
    /* Now N2 is required: the old plan (N1 first) does not cover it. */
    TS_OK(m, match_model_set_need_required(m, "N2", 1));
    TS_OK(m, match_model_set_need_priority(m, "N1", 1));
    assert_true(ts_coverage(before, "N2") < 1.0);
    log_text log;
    match_plan *p = solve_with(m, MATCH_SOLVER_GLPK, before, &log);
    TS_CONTAINS(log.text, "warm start not used");
    TS_CONTAINS(log.text, "N2");
    assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
    TS_NEAR(ts_coverage(p, "N2"), 1.0, 1e-9);
    match_plan_destroy(p);
    check_same_optimum(m, MATCH_SOLVER_AUTO, before);
    match_plan_destroy(before);
    match_model_destroy(m);
}

/* Hours beyond what the model now allows are cut, fixed pairs raised: the warm plan stays
 * valid and the coupled path may keep it when it is as good as its own. */
static void plan_is_repaired(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C1", 0.0);
    ts_volunteer(m, "V1", "C1", 12);
    ts_volunteer(m, "V2", "C1", 12);
    ts_need(m, "N1", "C1", 4, 12);
    ts_need(m, "N2", "C1", 3, 12);
    TS_OK(m, match_model_set_need_min_volunteers(m, "N2", 2));
    match_plan *before = ts_solve_optimal(m);
    TS_OK(m, match_model_set_volunteer_hours(m, "V1", 5));
    TS_OK(m, match_model_set_need_hours(m, "N1", 4));
    TS_OK(m, match_model_fix_pair(m, "V2", "N1", 2));
    check_same_optimum(m, MATCH_SOLVER_AUTO, before);
    check_same_optimum(m, MATCH_SOLVER_GLPK, before);
    match_plan_destroy(before);
    match_model_destroy(m);
}

/* A warm start read back from a plan file works as one from a solve. */
static void plan_file_as_warm_start(void **state)
{
    (void)state;
    match_model *m = ts_random_model(5, 20, 12);
    match_plan *before = ts_solve_optimal(m);
    char *json = NULL;
    assert_int_equal(match_plan_to_json(&json, before), MATCH_OK);
    match_plan *read = NULL;
    char err[256];
    assert_int_equal(match_plan_read_json_string(&read, json, "before.json", err, sizeof err),
                     MATCH_OK);
    match_free(json);
    TS_OK(m, match_model_set_volunteer_hours(m, match_model_item_id(m, MATCH_VOLUNTEER, 2), 0));
    check_same_optimum(m, MATCH_SOLVER_AUTO, read);
    check_same_optimum(m, MATCH_SOLVER_GLPK, read);
    match_plan_destroy(read);
    match_plan_destroy(before);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(what_if_same_optimum_every_backend),
        cmocka_unit_test(pure_network_same_optimum),
        cmocka_unit_test(glpk_takes_the_plan),
        cmocka_unit_test(unusable_plan_is_not_used),
        cmocka_unit_test(plan_is_repaired),
        cmocka_unit_test(plan_file_as_warm_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
