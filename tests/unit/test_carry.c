/*
 * docs/model.md rule 2: a need receives volunteer hours only as far as it is carried out
 * (sum x <= coverage * hours; a listed pair only where coverage > 0), on every path: GLPK,
 * the coupled path, the flow path, the lexicographic levels and the warm start; and a fixed
 * pair on a need that cannot be carried out makes the scenario infeasible, naming the pair.
 */
#include "test_support.h"

#include <stdlib.h>

#include "libmatch/pairs/instance.h"
#include "libmatch/solution/carry.h"
#include "libmatch/solve/warm_start.h"

/* Hours given to need `need_id` in all. */
static double need_hours(const match_plan *p, const char *need_id)
{
    return match_plan_need_hours(p, ts_need_index(p, need_id));
}

/*
 * V1 (20 h, yearly minimum 20, shortfall 1 per hour: every hour given is worth 1) and two
 * needs of 10 h in one community. N1 asks for a venue nobody offers (it cannot be carried
 * out); N2 asks for two funds and one unit offers one (half). Before the rule V1 gave N1 10 h
 * and N2 10 h to avoid its shortfall.
 */
static match_model *short_of_resources(void)
{
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    TS_OK(m, match_model_add_unit(m, "U1", "unit", "C0"));
    TS_OK(m, match_model_add_resource(m, "R1", "U1", "funds", 1));
    ts_volunteer(m, "V1", "C0", 20);
    TS_OK(m, match_model_set_volunteer_min_hours(m, "V1", 20));
    TS_OK(m, match_model_set_policy(m, "volunteer_shortfall_penalty", 1.0));
    ts_need(m, "N1", "C0", 3, 10);
    TS_OK(m, match_model_add_need_resource(m, "N1", "venue", 1));
    ts_need(m, "N2", "C0", 3, 10);
    TS_OK(m, match_model_add_need_resource(m, "N2", "funds", 2));
    return m;
}

static void check_short_of_resources(const match_plan *p)
{
    assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
    TS_NEAR(ts_coverage(p, "N1"), 0, 0);
    TS_NEAR(need_hours(p, "N1"), 0, 0); /* no hours on a need left at 0 % */
    TS_NEAR(ts_coverage(p, "N2"), 0.5, 1e-12);
    TS_NEAR(need_hours(p, "N2"), 5, 0); /* half its funds: half its hours, no more */
    /* weight 4 * 0.5, minus the 15 hours V1 falls short */
    TS_NEAR(match_plan_objective(p), 2.0 - 15.0, TS_EPS);
}

static void test_glpk_path(void **state)
{
    (void)state;
    match_model *m = short_of_resources();
    match_plan *p = ts_solve_with(m, MATCH_SOLVER_GLPK);
    check_short_of_resources(p);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* Needs with two kinds of requirement: AUTO takes the coupled path (flow plan, GLPK when a
 * gap stays). */
static void test_coupled_path(void **state)
{
    (void)state;
    match_model *m = short_of_resources();
    match_plan *p = ts_solve_with(m, MATCH_SOLVER_AUTO);
    check_short_of_resources(p);
    match_plan_destroy(p);
    match_model_destroy(m);
}

static void test_lexicographic_path(void **state)
{
    (void)state;
    match_model *m = short_of_resources();
    TS_OK(m, match_model_set_policy_option(m, "objective", "lexicographic"));
    match_plan *p = ts_solve_with(m, MATCH_SOLVER_AUTO);
    TS_NEAR(need_hours(p, "N1"), 0, 0);
    TS_NEAR(need_hours(p, "N2"), 5, 0);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* One requirement per need: the flow path, where coverage is the share of hours received, so
 * the rule holds by construction and nothing changes. */
static void test_flow_path(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 20);
    TS_OK(m, match_model_set_volunteer_min_hours(m, "V1", 20));
    ts_need(m, "N1", "C0", 3, 8);
    ts_need(m, "N2", "C0", 1, 30);
    match_plan *p = ts_solve_with(m, MATCH_SOLVER_FLOW);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
    TS_NEAR(need_hours(p, "N1"), 8, 0);
    TS_NEAR(need_hours(p, "N2"), 12, 0);
    TS_NEAR(ts_coverage(p, "N2"), 12.0 / 30.0, 1e-12);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* A team need (c in {0, 1}) that cannot be gathered gets no hours, on both paths, however
 * much its hours would save a shortfall; an all-or-nothing need short of volunteers too. */
static void test_binary_needs(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 20);
    TS_OK(m, match_model_set_volunteer_min_hours(m, "V1", 20));
    TS_OK(m, match_model_set_policy(m, "volunteer_shortfall_penalty", 1.0));
    ts_need(m, "TEAM", "C0", 3, 8);
    TS_OK(m, match_model_set_need_min_volunteers(m, "TEAM", 2));
    ts_need(m, "WHOLE", "C0", 3, 30);
    TS_OK(m, match_model_set_need_all_or_nothing(m, "WHOLE", 1));
    ts_need(m, "PART", "C0", 1, 6);
    for (int k = 0; k < 2; k++) {
        match_plan *p = ts_solve_with(m, k == 0 ? MATCH_SOLVER_GLPK : MATCH_SOLVER_AUTO);
        assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
        TS_NEAR(need_hours(p, "TEAM"), 0, 0);
        TS_NEAR(need_hours(p, "WHOLE"), 0, 0);
        TS_NEAR(need_hours(p, "PART"), 6, 0);
        TS_NEAR(match_plan_volunteer_shortfall(p, ts_volunteer_index(p, "V1")), 14, 0);
        match_plan_destroy(p);
    }
    match_model_destroy(m);
}

/* A listed pair worth 5 on a need nobody can supply with its venue is not chosen; once the
 * venue exists it is. */
static void test_listed_pair(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 4);
    TS_OK(m, match_model_add_need(m, "N1", "C0", "general", 2));
    TS_OK(m, match_model_add_need_resource(m, "N1", "venue", 1));
    TS_OK(m, match_model_add_pair(m, "V1", "N1", 5, 4));
    match_plan *p = ts_solve_optimal(m);
    assert_int_equal(match_plan_need_volunteer_count(p, 0), 0);
    TS_NEAR(match_plan_objective(p), 0, TS_EPS);
    match_plan_destroy(p);

    TS_OK(m, match_model_add_unit(m, "U1", "unit", "C0"));
    TS_OK(m, match_model_add_resource(m, "R1", "U1", "venue", 1));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 4, 0);
    TS_NEAR(match_plan_objective(p), 2 + 5, TS_EPS); /* weight 2, covered, plus the value */
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* A fixed pair carries its need at least that far: where the need cannot be carried out the
 * scenario is infeasible, and the message names the pair, on every path that takes it. */
static void test_fixed_pair_on_need_not_carried_out(void **state)
{
    (void)state;
    match_model *m = short_of_resources();
    TS_OK(m, match_model_fix_pair(m, "V1", "N1", 3));
    for (int k = 0; k < 2; k++) {
        match_plan *p = ts_solve_with(m, k == 0 ? MATCH_SOLVER_GLPK : MATCH_SOLVER_AUTO);
        assert_int_equal(match_plan_status(p), MATCH_STATUS_INFEASIBLE);
        TS_CONTAINS(match_plan_message(p), "fixed pairs give needs hours they cannot carry out");
        TS_CONTAINS(match_plan_message(p), "V1 at N1 (0 of 10 hours can be carried out)");
        match_plan_destroy(p);
    }
    match_model_destroy(m);

    /* Half a need's funds carry half its hours: 5 fixed hours are fine, 6 are not. */
    m = short_of_resources();
    TS_OK(m, match_model_fix_pair(m, "V1", "N2", 5));
    match_plan *p = ts_solve_with(m, MATCH_SOLVER_AUTO);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
    TS_NEAR(ts_x(p, "N2", "V1"), 5, 0);
    match_plan_destroy(p);
    match_model_destroy(m);
    m = short_of_resources();
    TS_OK(m, match_model_fix_pair(m, "V1", "N2", 6));
    p = ts_solve_with(m, MATCH_SOLVER_AUTO);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_INFEASIBLE);
    TS_CONTAINS(match_plan_message(p), "V1 at N2 (5 of 10 hours can be carried out)");
    match_plan_destroy(p);
    match_model_destroy(m);

    /* A team of 2 with one volunteer in reach. */
    m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 4);
    ts_need(m, "N1", "C0", 3, 4);
    TS_OK(m, match_model_set_need_min_volunteers(m, "N1", 2));
    TS_OK(m, match_model_fix_pair(m, "V1", "N1", 2));
    p = ts_solve_with(m, MATCH_SOLVER_AUTO);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_INFEASIBLE);
    TS_CONTAINS(match_plan_message(p), "V1 at N1");
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* lm_solution_carry() on hand-written solutions: cuts from the last pair, never below a
 * fixed pair, and names the fixed pair it cannot cut. */
static void test_carry_cut(void **state)
{
    (void)state;
    match_model *m = short_of_resources();
    ts_volunteer(m, "V2", "C0", 20);
    TS_OK(m, match_model_fix_pair(m, "V1", "N2", 2));
    char errmsg[LM_ERRMSG_SIZE];
    lm_instance inst;
    assert_int_equal(lm_instance_build(&inst, m, errmsg), MATCH_OK);
    assert_int_equal(inst.n_pairs, 4); /* (V1, N1), (V2, N1), (V1, N2), (V2, N2) */
    assert_int_equal(inst.n_rpairs, 1);
    lm_solution sol;
    lm_solution_init(&sol);
    sol.status = MATCH_STATUS_FEASIBLE;
    sol.x = calloc(inst.n_pairs, sizeof *sol.x);
    sol.y = calloc(inst.n_rpairs, sizeof *sol.y);
    sol.c = calloc(2, sizeof *sol.c);
    assert_non_null(sol.x);
    size_t p1 = inst.need_pairs[0], p2 = inst.need_pairs[1];
    sol.x[p1] = 3;     /* V1 at N1, which cannot be carried out */
    sol.x[p1 + 1] = 4; /* V2 at N1 */
    sol.x[p2] = 4;     /* V1 at N2 (fixed to 2) */
    sol.x[p2 + 1] = 4; /* V2 at N2: 8 h where half the funds carry 5 */
    sol.y[0] = 1;
    lm_plan_tally t;
    assert_int_equal(lm_plan_tally_build(&t, &inst, &sol), MATCH_OK);
    TS_NEAR(lm_tally_uncarried_hours(&t, 0), 7, 1e-12);
    TS_NEAR(lm_tally_uncarried_hours(&t, 1), 8 - 0.5 * 10, 1e-12);
    assert_int_equal(lm_tally_first_uncarried(&t), 0);
    lm_plan_tally_free(&t);

    size_t stuck = 0;
    assert_int_equal(lm_solution_carry(&inst, &sol, &stuck), MATCH_OK);
    assert_int_equal(stuck, LM_NONE);
    TS_NEAR(sol.x[p1] + sol.x[p1 + 1], 0, 0);
    TS_NEAR(sol.x[p2], 4, 0);     /* the earlier pair stays */
    TS_NEAR(sol.x[p2 + 1], 1, 0); /* the last pair is cut: 4 + 1 = 5 */
    assert_int_equal(lm_plan_tally_build(&t, &inst, &sol), MATCH_OK);
    assert_int_equal(lm_tally_first_uncarried(&t), LM_NONE);
    lm_plan_tally_free(&t);

    /* No funds at all: N2 carries nothing, and V1's 2 fixed hours cannot be cut. */
    sol.y[0] = 0;
    assert_int_equal(lm_solution_carry(&inst, &sol, &stuck), MATCH_OK);
    assert_int_equal(stuck, p2);
    TS_NEAR(sol.x[p2], 2, 0);
    TS_NEAR(sol.x[p2 + 1], 0, 0);
    lm_solution_free(&sol);
    lm_instance_free(&inst);
    match_model_destroy(m);
}

/* A warm start whose need can no longer be carried out (its venue now serves other
 * categories only) loses those hours in the mapping, and the mapped start keeps the rule. */
static void test_warm_start_mapping(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    TS_OK(m, match_model_add_unit(m, "U1", "unit", "C0"));
    TS_OK(m, match_model_add_resource(m, "R1", "U1", "venue", 1));
    ts_volunteer(m, "V1", "C0", 10);
    ts_need(m, "N1", "C0", 3, 10);
    TS_OK(m, match_model_add_need_resource(m, "N1", "venue", 1));
    match_plan *before = ts_solve_optimal(m);
    TS_NEAR(ts_x(before, "N1", "V1"), 10, 0);

    TS_OK(m, match_model_add_resource_category(m, "R1", "culture"));
    char errmsg[LM_ERRMSG_SIZE], why[LM_ERRMSG_SIZE] = "";
    lm_instance inst;
    assert_int_equal(lm_instance_build(&inst, m, errmsg), MATCH_OK);
    assert_int_equal(inst.n_rpairs, 0);
    lm_solution sol;
    bool usable = false;
    assert_int_equal(lm_warm_start_map(&inst, before, &sol, &usable, why), MATCH_OK);
    assert_true(usable);
    TS_NEAR(sol.x[0], 0, 0);
    assert_true(lm_warm_start_valid(&inst, &sol, why));
    lm_solution_free(&sol);

    /* A start that breaks the rule is refused, and says why. */
    lm_solution_init(&sol);
    sol.x = calloc(1, sizeof *sol.x);
    sol.y = calloc(1, sizeof *sol.y);
    sol.c = calloc(1, sizeof *sol.c);
    sol.x[0] = 10;
    assert_false(lm_warm_start_valid(&inst, &sol, why));
    TS_CONTAINS(why, "more hours than it is carried out to");
    lm_solution_free(&sol);
    lm_instance_free(&inst);

    /* And the solve from that plan agrees with a cold one. */
    match_options o = MATCH_OPTIONS_INIT;
    o.warm_start = before;
    match_plan *after = NULL;
    TS_OK(m, match_model_solve(&after, m, &o));
    ts_check_plan_consistent(m, after);
    TS_NEAR(ts_x(after, "N1", "V1"), 0, 0);
    match_plan_destroy(after);
    match_plan_destroy(before);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glpk_path),
        cmocka_unit_test(test_coupled_path),
        cmocka_unit_test(test_lexicographic_path),
        cmocka_unit_test(test_flow_path),
        cmocka_unit_test(test_binary_needs),
        cmocka_unit_test(test_listed_pair),
        cmocka_unit_test(test_fixed_pair_on_need_not_carried_out),
        cmocka_unit_test(test_carry_cut),
        cmocka_unit_test(test_warm_start_mapping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
