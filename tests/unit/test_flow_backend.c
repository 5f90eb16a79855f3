/*
 * The network-simplex fast path against GLPK's branch and cut: on random pure-network
 * scenarios both must reach the same optimum (and the same status when no plan exists), and
 * the flow solver must refuse scenarios with rules a flow cannot express.
 */
#include "test_support.h"

#include <stdlib.h>

/* A small deterministic generator, so every run tests the same scenarios. */
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

static const char *const skills[] = {"medical", "teaching", "legal", "cooking"};

/* A random pure-network scenario: volunteers with obligations, fractional hours, skills,
 * individual circles; needs of hours or of one resource type; some fixed, forbidden and
 * required pairs. */
static match_model *random_network(uint64_t seed)
{
    rng_state = seed * 2654435761ULL + 1;
    match_model *m = ts_model_new();
    char id[32], other[32];
    int n_communities = rng_int(2, 5), n_volunteers = rng_int(3, 14), n_needs = rng_int(2, 9);
    TS_OK(m, match_model_set_policy(m, "volunteer_min_hours", rng_int(0, 3) == 0 ? 0 : 5.5));
    TS_OK(m, match_model_set_policy(m, "distance_cost", 0.01 * rng_int(0, 5)));
    for (int c = 0; c < n_communities; ++c) {
        snprintf(id, sizeof id, "C%d", c);
        ts_community(m, id, 0.01 * rng_int(0, 40));
    }
    TS_OK(m, match_model_add_unit(m, "U0", "unit", "C0"));
    TS_OK(m, match_model_add_resource(m, "R0", "U0", "venue", rng_int(0, 3)));
    TS_OK(m, match_model_add_resource(m, "R1", "U0", "funds", rng_int(1, 5) + 0.5));
    for (int v = 0; v < n_volunteers; ++v) {
        snprintf(id, sizeof id, "V%d", v);
        snprintf(other, sizeof other, "C%d", rng_int(0, n_communities - 1));
        ts_volunteer(m, id, other, rng_int(0, 12) + (rng_int(0, 3) == 0 ? 0.5 : 0.0));
        TS_OK(m, match_model_add_volunteer_skill(m, id, skills[rng_int(0, 3)]));
        if (rng_int(0, 4) == 0)
            TS_OK(m, match_model_set_volunteer_max_distance(m, id, rng_int(1, 6)));
        if (rng_int(0, 4) == 0)
            TS_OK(m, match_model_set_volunteer_min_hours(m, id, rng_int(1, 8) + 0.25));
    }
    for (int i = 0; i < n_needs; ++i) {
        snprintf(id, sizeof id, "N%d", i);
        snprintf(other, sizeof other, "C%d", rng_int(0, n_communities - 1));
        int kind = rng_int(0, 5);
        ts_need(m, id, other, rng_int(1, 5), kind == 0 ? 0 : rng_int(1, 20) + 0.5 * (kind == 1));
        if (kind == 0)
            TS_OK(m, match_model_add_need_resource(m, id, rng_int(0, 1) ? "venue" : "funds",
                                                   rng_int(1, 3)));
        if (kind >= 2)
            TS_OK(m, match_model_add_need_skill(m, id, skills[rng_int(0, 3)]));
        if (rng_int(0, 14) == 0)
            TS_OK(m, match_model_set_need_required(m, id, 1));
    }
    for (int k = 0; k < 2; ++k) {
        snprintf(id, sizeof id, "V%d", rng_int(0, n_volunteers - 1));
        snprintf(other, sizeof other, "N%d", rng_int(0, n_needs - 1));
        if (rng_int(0, 3) == 0)
            match_model_fix_pair(m, id, other, rng_int(1, 3)); /* may clash: ignored */
        else
            match_model_forbid_pair(m, id, other);
    }
    return m;
}

static match_plan *solve_with(match_model *m, match_solver solver)
{
    match_options o = MATCH_OPTIONS_INIT;
    o.solver = solver;
    match_plan *plan = NULL;
    TS_OK(m, match_model_solve(&plan, m, &o));
    return plan;
}

static void test_flow_equals_glpk(void **state)
{
    (void)state;
    int optimal = 0, infeasible = 0;
    for (uint64_t seed = 1; seed <= 150; ++seed) {
        match_model *m = random_network(seed);
        match_plan *flow = solve_with(m, MATCH_SOLVER_FLOW);
        match_plan *glpk = solve_with(m, MATCH_SOLVER_GLPK);
        if (match_plan_status(flow) != match_plan_status(glpk))
            fail_msg("seed %llu: flow says %s, GLPK says %s", (unsigned long long)seed,
                     match_status_name(match_plan_status(flow)),
                     match_status_name(match_plan_status(glpk)));
        if (match_plan_status(glpk) == MATCH_STATUS_OPTIMAL) {
            ++optimal;
            double a = match_plan_objective(flow), b = match_plan_objective(glpk);
            if (!(fabs(a - b) <= 1e-6 * (1 + fabs(b))))
                fail_msg("seed %llu: flow objective %.12g, GLPK %.12g", (unsigned long long)seed, a,
                         b);
            TS_NEAR(match_plan_bound(flow), a, 1e-6 * (1 + fabs(a)));
        } else {
            assert_int_equal(match_plan_status(glpk), MATCH_STATUS_INFEASIBLE);
            /* The flow path hands infeasible scenarios to GLPK for the explanation. */
            assert_string_equal(match_plan_message(flow), match_plan_message(glpk));
            ++infeasible;
        }
        match_plan_destroy(flow);
        match_plan_destroy(glpk);
        match_model_destroy(m);
    }
    /* The generator must exercise both outcomes, or this test proves little. */
    assert_true(optimal >= 80);
    assert_true(infeasible >= 10);
}

static void test_auto_uses_flow_result(void **state)
{
    (void)state;
    for (uint64_t seed = 200; seed < 220; ++seed) {
        match_model *m = random_network(seed);
        match_plan *automatic = solve_with(m, MATCH_SOLVER_AUTO);
        match_plan *flow = solve_with(m, MATCH_SOLVER_FLOW);
        char *a = NULL, *b = NULL;
        assert_int_equal(match_plan_to_json(&a, automatic), MATCH_OK);
        assert_int_equal(match_plan_to_json(&b, flow), MATCH_OK);
        assert_string_equal(a, b);
        match_free(a);
        match_free(b);
        match_plan_destroy(automatic);
        match_plan_destroy(flow);
        match_model_destroy(m);
    }
}

/* random_network plus every coupling rule: teams, all-or-nothing needs, unit obligations,
 * needs with hours and a resource. */
static match_model *random_coupled(uint64_t seed)
{
    match_model *m = random_network(seed);
    char id[32];
    size_t needs = match_model_count(m, MATCH_NEED);
    TS_OK(m, match_model_set_unit_min_projects(m, "U0", rng_int(1, 3)));
    TS_OK(m, match_model_set_policy(m, "unit_shortfall_penalty", 0.5 * rng_int(1, 6)));
    for (size_t i = 0; i < needs; ++i) {
        snprintf(id, sizeof id, "N%zu", i);
        int roll = rng_int(0, 5);
        if (roll == 0)
            TS_OK(m, match_model_set_need_min_volunteers(m, id, rng_int(2, 3)));
        else if (roll == 1)
            TS_OK(m, match_model_set_need_all_or_nothing(m, id, 1));
        else if (roll == 2)
            match_model_add_need_resource(m, id, "venue", 1); /* may be asked already */
    }
    for (size_t v = 0; v < 4 && v < match_model_count(m, MATCH_VOLUNTEER); ++v) {
        snprintf(id, sizeof id, "V%zu", v);
        TS_OK(m, match_model_set_volunteer_unit(m, id, "U0"));
    }
    return m;
}

/* AUTO on coupled scenarios (flow bound and plan, GLPK when a gap remains) against GLPK on
 * the full integer program. */
static void test_coupled_equals_glpk(void **state)
{
    (void)state;
    int compared = 0;
    for (uint64_t seed = 300; seed < 460; ++seed) {
        match_model *m = random_coupled(seed);
        match_plan *automatic = solve_with(m, MATCH_SOLVER_AUTO);
        match_plan *glpk = solve_with(m, MATCH_SOLVER_GLPK);
        if (match_plan_status(automatic) != match_plan_status(glpk))
            fail_msg("seed %llu: auto says %s, GLPK says %s", (unsigned long long)seed,
                     match_status_name(match_plan_status(automatic)),
                     match_status_name(match_plan_status(glpk)));
        if (match_plan_status(glpk) == MATCH_STATUS_OPTIMAL) {
            double a = match_plan_objective(automatic), b = match_plan_objective(glpk);
            if (!(fabs(a - b) <= 1e-6 * (1 + fabs(b))))
                fail_msg("seed %llu: auto objective %.12g, GLPK %.12g", (unsigned long long)seed, a,
                         b);
            assert_true(match_plan_bound(automatic) >= a - 1e-6 * (1 + fabs(a)));
            ++compared;
        }
        match_plan_destroy(automatic);
        match_plan_destroy(glpk);
        match_model_destroy(m);
    }
    /* Fixed pairs on needs they cannot carry out make some seeds infeasible: 57 of the
     * first 120 are optimal, so 160 seeds keep the comparison as wide as it was. */
    assert_true(compared >= 60);
}

/* Each coupling rule makes the flow solver refuse, naming the item. */
static void test_flow_refuses_coupled(void **state)
{
    (void)state;
    static const char *const rules[] = {"team", "all_or_nothing", "two_kinds", "unit"};
    for (size_t k = 0; k < sizeof rules / sizeof *rules; ++k) {
        match_model *m = ts_model_new();
        ts_community(m, "C0", 0);
        ts_volunteer(m, "V0", "C0", 10);
        ts_need(m, "N0", "C0", 3, 5);
        TS_OK(m, match_model_add_unit(m, "U0", NULL, "C0"));
        if (strcmp(rules[k], "team") == 0)
            TS_OK(m, match_model_set_need_min_volunteers(m, "N0", 2));
        else if (strcmp(rules[k], "all_or_nothing") == 0)
            TS_OK(m, match_model_set_need_all_or_nothing(m, "N0", 1));
        else if (strcmp(rules[k], "two_kinds") == 0)
            TS_OK(m, match_model_add_need_resource(m, "N0", "venue", 1));
        else
            TS_OK(m, match_model_set_unit_min_projects(m, "U0", 1));
        match_options o = MATCH_OPTIONS_INIT;
        o.solver = MATCH_SOLVER_FLOW;
        match_plan *plan = NULL;
        TS_RC(MATCH_EINVAL, match_model_solve(&plan, m, &o));
        assert_null(plan);
        TS_CONTAINS(match_model_errmsg(m), strcmp(rules[k], "unit") == 0 ? "U0" : "N0");
        /* AUTO still solves it, through GLPK. */
        o.solver = MATCH_SOLVER_AUTO;
        TS_OK(m, match_model_solve(&plan, m, &o));
        assert_int_equal(match_plan_status(plan), MATCH_STATUS_OPTIMAL);
        match_plan_destroy(plan);
        match_model_destroy(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flow_equals_glpk),
        cmocka_unit_test(test_auto_uses_flow_result),
        cmocka_unit_test(test_flow_refuses_coupled),
        cmocka_unit_test(test_coupled_equals_glpk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
