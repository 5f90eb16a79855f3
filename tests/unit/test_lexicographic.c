/*
 * Priority modes (policy "objective"): "lexicographic" covers as much priority-5 value as
 * possible, then priority 4, ..., 1, then the cost terms, each level kept at its optimum
 * (docs/model.md, "Priority modes"). Checked by hand on small cases, against separate solves
 * of one level, and the network simplex against GLPK on random scenarios.
 */
#include "test_support.h"

#include <stdbool.h>
#include <stdlib.h>

static void set_lexicographic(match_model *m)
{
    TS_OK(m, match_model_set_policy_option(m, "objective", "lexicographic"));
}

/* Captures the "solving with <backend>" line, to see which path a solve took. */
typedef struct route {
    char backend[128];
} route;

static void capture_route(match_log_level level, const char *message, void *payload)
{
    (void)level;
    route *r = payload;
    const char *at = strstr(message, "solving with ");
    if (at != NULL)
        snprintf(r->backend, sizeof r->backend, "%s", at + strlen("solving with "));
}

static match_plan *solve_with(match_model *m, match_solver solver, route *r)
{
    match_options o = MATCH_OPTIONS_INIT;
    o.solver = solver;
    if (r != NULL) {
        r->backend[0] = '\0';
        o.log = capture_route;
        o.log_payload = r;
    }
    match_plan *plan = NULL;
    TS_OK(m, match_model_solve(&plan, m, &o));
    assert_non_null(plan);
    ts_check_plan_consistent(m, plan);
    return plan;
}

/* One volunteer with 10 h; an urgent need U (priority 5, weight 16, 10 h) and ten small
 * needs (priority 4, weight 8, 1 h each). Weighted: the small needs are worth 80 > 16. */
static match_model *urgent_against_small(void)
{
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 10);
    ts_need(m, "U", "C0", 5, 10);
    char id[16];
    for (int k = 0; k < 10; ++k) {
        snprintf(id, sizeof id, "S%d", k);
        ts_need(m, id, "C0", 4, 1);
    }
    return m;
}

static void check_urgent_wins(const match_plan *p)
{
    assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
    TS_NEAR(ts_coverage(p, "U"), 1, TS_EPS);
    TS_NEAR(ts_coverage(p, "S0"), 0, TS_EPS);
    assert_string_equal(match_plan_objective_mode(p), "lexicographic");
    assert_int_equal(match_plan_level_count(p), 6);
    assert_string_equal(match_plan_level_name(p, 0), "priority 5");
    assert_string_equal(match_plan_level_name(p, 5), "costs");
    assert_null(match_plan_level_name(p, 6));
    TS_NEAR(match_plan_level_value(p, 0), 16, TS_EPS);
    TS_NEAR(match_plan_level_value(p, 1), 0, TS_EPS);
    double sum = 0;
    for (size_t k = 0; k < 6; ++k) {
        TS_NEAR(match_plan_level_bound(p, k), match_plan_level_value(p, k), TS_EPS);
        sum += match_plan_level_value(p, k);
    }
    /* The levels add up to the weighted objective of the plan. */
    TS_NEAR(sum, match_plan_objective(p), TS_EPS);
    assert_true(isnan(match_plan_bound(p)));
}

static void test_urgent_beats_many_small(void **state)
{
    (void)state;
    match_model *m = urgent_against_small();
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "U"), 0, TS_EPS); /* weighted: the small needs win */
    TS_NEAR(match_plan_objective(p), 80, TS_EPS);
    assert_string_equal(match_plan_objective_mode(p), "weighted");
    assert_int_equal(match_plan_level_count(p), 0);
    assert_true(isnan(match_plan_level_value(p, 0)));
    match_plan_destroy(p);

    set_lexicographic(m);
    route r;
    p = solve_with(m, MATCH_SOLVER_AUTO, &r);
    TS_CONTAINS(r.backend, "network simplex");
    check_urgent_wins(p);
    TS_NEAR(match_plan_objective(p), 16, TS_EPS);
    match_plan_destroy(p);
    p = solve_with(m, MATCH_SOLVER_GLPK, NULL);
    check_urgent_wins(p);
    TS_NEAR(match_plan_objective(p), 16, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* The same with a unit obligation, which the network cannot express: AUTO must take GLPK's
 * levels, not the coupled path (whose flow bounds are for the weighted objective). */
static void test_urgent_coupled_routes_to_glpk(void **state)
{
    (void)state;
    match_model *m = urgent_against_small();
    TS_OK(m, match_model_add_unit(m, "U1", NULL, "C0"));
    TS_OK(m, match_model_set_volunteer_unit(m, "V1", "U1"));
    TS_OK(m, match_model_set_unit_min_projects(m, "U1", 3));
    set_lexicographic(m);
    route r;
    match_plan *p = solve_with(m, MATCH_SOLVER_AUTO, &r);
    assert_string_equal(r.backend, "glpk");
    check_urgent_wins(p);
    /* One project of three: the cost level pays two projects of shortfall. */
    TS_NEAR(match_plan_level_value(p, 5), -2.0, TS_EPS);
    match_plan_destroy(p);
    /* The flow solver refuses it, as in weighted mode. */
    match_options o = MATCH_OPTIONS_INIT;
    o.solver = MATCH_SOLVER_FLOW;
    TS_RC(MATCH_EINVAL, match_model_solve(&p, m, &o));
    match_model_destroy(m);
}

/* Ties on every priority level are broken by the cost terms: Vnear and Vfar can each cover
 * U; the nearer one does. */
static void test_costs_break_ties(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_community(m, "C1", 0.01);
    ts_community(m, "C2", 0.02);
    ts_need(m, "U", "C0", 5, 4);
    ts_volunteer(m, "Vfar", "C2", 4);
    ts_volunteer(m, "Vnear", "C1", 4);
    set_lexicographic(m);
    for (int solver = MATCH_SOLVER_AUTO; solver <= MATCH_SOLVER_GLPK; ++solver) {
        match_plan *p = solve_with(m, (match_solver)solver, NULL);
        assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
        TS_NEAR(ts_x(p, "U", "Vnear"), 4, TS_EPS);
        TS_NEAR(ts_x(p, "U", "Vfar"), 0, TS_EPS);
        TS_NEAR(match_plan_level_value(p, 5), -0.001 * 0.01 * TS_KM_PER_DEG_LAT * 4, 1e-9);
        match_plan_destroy(p);
    }
    match_model_destroy(m);
}

/* A required need is a rule, not a level: covered even when it costs priority-5 value; and
 * an impossible one makes the scenario infeasible, with the need named, on both paths. */
static void test_required_and_infeasible(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 6);
    ts_need(m, "U", "C0", 5, 6);
    ts_need(m, "R", "C0", 1, 2);
    TS_OK(m, match_model_set_need_required(m, "R", 1));
    set_lexicographic(m);
    for (int solver = MATCH_SOLVER_AUTO; solver <= MATCH_SOLVER_GLPK; ++solver) {
        match_plan *p = solve_with(m, (match_solver)solver, NULL);
        assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
        TS_NEAR(ts_coverage(p, "R"), 1, TS_EPS);
        TS_NEAR(ts_coverage(p, "U"), 4.0 / 6.0, TS_EPS);
        TS_NEAR(match_plan_level_value(p, 0), 16 * 4.0 / 6.0, TS_EPS);
        match_plan_destroy(p);
    }
    TS_OK(m, match_model_set_need_hours(m, "R", 7));
    for (int solver = MATCH_SOLVER_AUTO; solver <= MATCH_SOLVER_GLPK; ++solver) {
        match_plan *p = solve_with(m, (match_solver)solver, NULL);
        assert_int_equal(match_plan_status(p), MATCH_STATUS_INFEASIBLE);
        TS_CONTAINS(match_plan_message(p), "cannot be met: R");
        assert_true(isnan(match_plan_objective(p)));
        for (size_t k = 0; k < match_plan_level_count(p); ++k)
            assert_true(isnan(match_plan_level_value(p, k)));
        match_plan_destroy(p);
    }
    match_model_destroy(m);
}

/* A level whose weight is 0 is worth nothing and decides nothing: the next level does. */
static void test_zero_weight_level(void **state)
{
    (void)state;
    match_model *m = urgent_against_small();
    const double weights[5] = {1, 2, 4, 8, 0};
    TS_OK(m, match_model_set_priority_weights(m, weights, 5));
    set_lexicographic(m);
    for (int solver = MATCH_SOLVER_AUTO; solver <= MATCH_SOLVER_GLPK; ++solver) {
        match_plan *p = solve_with(m, (match_solver)solver, NULL);
        TS_NEAR(ts_coverage(p, "S3"), 1, TS_EPS);
        TS_NEAR(match_plan_level_value(p, 0), 0, TS_EPS);
        TS_NEAR(match_plan_level_bound(p, 0), 0, TS_EPS);
        TS_NEAR(match_plan_level_value(p, 1), 80, TS_EPS);
        match_plan_destroy(p);
    }
    match_model_destroy(m);
}

/* ---- Random scenarios ---------------------------------------------------------------------- */

static uint64_t rng_state;

static uint32_t rng_next(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

static int rng_int(int lo, int hi)
{
    return lo + (int)(rng_next() % (uint32_t)(hi - lo + 1));
}

static const char *const skills[] = {"medical", "teaching", "legal"};

/* A random scenario where priorities compete: more hours asked than given, every priority,
 * skills and distances. With coupled, some needs are teams or all-or-nothing. */
static match_model *random_scenario(uint64_t seed, bool coupled)
{
    rng_state = seed * 2654435761ULL + 7;
    match_model *m = ts_model_new();
    char id[32], other[32];
    int n_communities = rng_int(2, 4), n_volunteers = rng_int(3, 10), n_needs = rng_int(4, 12);
    TS_OK(m, match_model_set_policy(m, "distance_cost", 0.01 * rng_int(0, 5)));
    TS_OK(m, match_model_set_policy(m, "volunteer_min_hours", rng_int(0, 1) * 4.0));
    for (int c = 0; c < n_communities; ++c) {
        snprintf(id, sizeof id, "C%d", c);
        ts_community(m, id, 0.01 * rng_int(0, 30));
    }
    for (int v = 0; v < n_volunteers; ++v) {
        snprintf(id, sizeof id, "V%d", v);
        snprintf(other, sizeof other, "C%d", rng_int(0, n_communities - 1));
        ts_volunteer(m, id, other, rng_int(1, 6));
        TS_OK(m, match_model_add_volunteer_skill(m, id, skills[rng_int(0, 2)]));
    }
    for (int i = 0; i < n_needs; ++i) {
        snprintf(id, sizeof id, "N%d", i);
        snprintf(other, sizeof other, "C%d", rng_int(0, n_communities - 1));
        ts_need(m, id, other, rng_int(1, 5), rng_int(1, 12));
        if (rng_int(0, 1))
            TS_OK(m, match_model_add_need_skill(m, id, skills[rng_int(0, 2)]));
        if (coupled && rng_int(0, 3) == 0)
            TS_OK(m, match_model_set_need_min_volunteers(m, id, 2));
        else if (coupled && rng_int(0, 3) == 0)
            TS_OK(m, match_model_set_need_all_or_nothing(m, id, 1));
    }
    return m;
}

/* The largest priority-5 value any plan reaches: a weighted solve that values only it. */
static double best_top_level(const match_model *m)
{
    match_model *alone = NULL;
    TS_RC(MATCH_OK, match_model_copy(&alone, m));
    const double weights[5] = {0, 0, 0, 0, 16};
    TS_OK(alone, match_model_set_priority_weights(alone, weights, 5));
    TS_OK(alone, match_model_set_policy_option(alone, "objective", "weighted"));
    TS_OK(alone, match_model_set_policy(alone, "distance_cost", 0));
    TS_OK(alone, match_model_set_policy(alone, "volunteer_shortfall_penalty", 0));
    match_plan *p = solve_with(alone, MATCH_SOLVER_GLPK, NULL);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
    double best = match_plan_objective(p);
    match_plan_destroy(p);
    match_model_destroy(alone);
    return best;
}

/* Priority 5 at the optimum of a separate solve; the flow path and GLPK agree on every
 * level; lexicographic never has less priority-5 value than weighted. */
static void check_random(uint64_t seed, bool coupled, int *differs)
{
    match_model *m = random_scenario(seed, coupled);
    match_plan *weighted = solve_with(m, MATCH_SOLVER_GLPK, NULL);
    set_lexicographic(m);
    match_plan *lexi = solve_with(m, MATCH_SOLVER_AUTO, NULL);
    match_plan *glpk = solve_with(m, MATCH_SOLVER_GLPK, NULL);
    assert_int_equal(match_plan_status(lexi), MATCH_STATUS_OPTIMAL);
    assert_int_equal(match_plan_status(glpk), MATCH_STATUS_OPTIMAL);
    double top = best_top_level(m);
    TS_NEAR(match_plan_level_value(lexi, 0), top, 1e-6);
    for (size_t k = 0; k < 6; ++k) {
        double a = match_plan_level_value(lexi, k), b = match_plan_level_value(glpk, k);
        if (!(fabs(a - b) <= 1e-6 * (1 + fabs(b))))
            fail_msg("seed %llu level %zu: auto %.12g, GLPK %.12g", (unsigned long long)seed, k, a,
                     b);
    }
    double w5 = 0;
    for (size_t i = 0; i < match_plan_need_count(weighted); ++i)
        if (match_plan_need_priority(weighted, i) == 5)
            w5 += 16 * match_plan_need_coverage(weighted, i);
    assert_true(match_plan_level_value(lexi, 0) >= w5 - 1e-6);
    if (match_plan_level_value(lexi, 0) > w5 + 1e-6 ||
        fabs(match_plan_objective(lexi) - match_plan_objective(weighted)) > 1e-6)
        ++*differs;
    /* The weighted optimum is at least the lexicographic plan's weighted objective. */
    assert_true(match_plan_objective(weighted) >= match_plan_objective(lexi) - 1e-6);
    match_plan_destroy(weighted);
    match_plan_destroy(lexi);
    match_plan_destroy(glpk);
    match_model_destroy(m);
}

static void test_random_network_levels(void **state)
{
    (void)state;
    int differs = 0;
    for (uint64_t seed = 1; seed <= 60; ++seed)
        check_random(seed, false, &differs);
    /* The scenarios must make the modes differ often, or the test proves little. */
    assert_true(differs >= 10);
}

static void test_random_coupled_levels(void **state)
{
    (void)state;
    int differs = 0;
    for (uint64_t seed = 100; seed <= 150; ++seed)
        check_random(seed, true, &differs);
    assert_true(differs >= 5);
}

/* The option by name, and a word it does not take. */
static void test_policy_option(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    const char *word = NULL;
    TS_OK(m, match_model_get_policy_option(m, "objective", &word));
    assert_string_equal(word, "weighted");
    set_lexicographic(m);
    TS_OK(m, match_model_get_policy_option(m, "objective", &word));
    assert_string_equal(word, "lexicographic");
    TS_RC(MATCH_EINPUT, match_model_set_policy_option(m, "objective", "priority"));
    TS_CONTAINS(match_model_errmsg(m), "lexicographic");
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urgent_beats_many_small),
        cmocka_unit_test(test_urgent_coupled_routes_to_glpk),
        cmocka_unit_test(test_costs_break_ties),
        cmocka_unit_test(test_required_and_infeasible),
        cmocka_unit_test(test_zero_weight_level),
        cmocka_unit_test(test_random_network_levels),
        cmocka_unit_test(test_random_coupled_levels),
        cmocka_unit_test(test_policy_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
