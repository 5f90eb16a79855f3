/*
 * Reasons for unmet needs (include/libmatch/explain.h): one test per reason code, each
 * checking the code, its numbers and examples, and the words in unmet_reason.
 *
 * Everything sits in one community unless a test says otherwise; the default weights are
 * [1, 2, 4, 8, 16] for priorities 1..5. Linked statically to reach the plan builder for the
 * one reason only an unfinished solve gives.
 */
#include "test_support.h"

#include <stdlib.h>

#include "libmatch/plan/plan_internal.h"
#include "libmatch/pairs/instance.h"

/* The plan's reasons for a need must be its unmet_reason, clause by clause. */
static void check_joined(const match_plan *p, size_t i)
{
    char joined[2048] = "";
    for (size_t k = 0; k < match_plan_need_reason_count(p, i); ++k) {
        if (k > 0)
            strcat(joined, "; ");
        strcat(joined, match_plan_need_reason_text(p, i, k));
    }
    assert_string_equal(joined, match_plan_need_unmet_reason(p, i));
}

/* The index of the need's first reason with this code (fails if none). */
static size_t reason_of(const match_plan *p, size_t i, match_reason_code code)
{
    check_joined(p, i);
    for (size_t k = 0; k < match_plan_need_reason_count(p, i); ++k)
        if (match_plan_need_reason_code(p, i, k) == code)
            return k;
    fail_msg("need %s has no reason %s in \"%s\"", match_plan_need_id(p, i),
             match_reason_code_name(code), match_plan_need_unmet_reason(p, i));
    return 0;
}

static match_model *one_community(void)
{
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    return m;
}

static void test_no_plan(void **state)
{
    (void)state;
    match_model *m = one_community();
    ts_need(m, "N1", "C0", 3, 4);
    TS_OK(m, match_model_set_need_required(m, "N1", 1));
    match_plan *p = ts_solve(m);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_INFEASIBLE);
    size_t i = ts_need_index(p, "N1");
    assert_int_equal(match_plan_need_reason_code(p, i, 0), MATCH_REASON_NO_PLAN);
    TS_CONTAINS(match_plan_need_reason_text(p, i, 0), "infeasible");
    /* It still says what no plan could overcome. */
    reason_of(p, i, MATCH_REASON_NO_VOLUNTEER);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* N1 asks 4 h, V1 has 2: half covered. */
static void test_partly_covered(void **state)
{
    (void)state;
    match_model *m = one_community();
    ts_need(m, "N1", "C0", 3, 4);
    ts_volunteer(m, "V1", "C0", 2);
    match_plan *p = ts_solve_optimal(m);
    size_t i = ts_need_index(p, "N1");
    assert_int_equal(match_plan_need_reason_code(p, i, 0), MATCH_REASON_PARTLY_COVERED);
    TS_NEAR(match_plan_need_reason_have(p, i, 0), 0.5, 1e-12);
    TS_NEAR(match_plan_need_reason_want(p, i, 0), 1.0, 1e-12);
    assert_string_equal(match_plan_need_reason_text(p, i, 0), "partly covered: 2 of 4 hours");
    size_t k = reason_of(p, i, MATCH_REASON_TOO_FEW_HOURS);
    TS_NEAR(match_plan_need_reason_have(p, i, k), 2, 1e-12);
    TS_NEAR(match_plan_need_reason_want(p, i, k), 4, 1e-12);
    assert_string_equal(match_plan_need_reason_text(p, i, k),
                        "eligible volunteers offer only 2 of 4 hours");
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* A team of two with one volunteer fixed to it: it got something, not a team. */
static void test_team_incomplete_and_too_few_volunteers(void **state)
{
    (void)state;
    match_model *m = one_community();
    ts_need(m, "N1", "C0", 3, 4);
    TS_OK(m, match_model_set_need_min_volunteers(m, "N1", 2));
    ts_volunteer(m, "V1", "C0", 4);
    /* One eligible volunteer for a team of 2: the need cannot be carried out, so V1 gives
     * it no hours (docs/model.md rule 2). */
    match_plan *p = ts_solve_optimal(m);
    size_t i = ts_need_index(p, "N1");
    TS_NEAR(ts_x(p, "N1", "V1"), 0, 0);
    size_t k = reason_of(p, i, MATCH_REASON_TOO_FEW_VOLUNTEERS);
    TS_NEAR(match_plan_need_reason_have(p, i, k), 1, 1e-12);
    TS_NEAR(match_plan_need_reason_want(p, i, k), 2, 1e-12);
    assert_string_equal(match_plan_need_reason_text(p, i, k),
                        "needs 2 distinct volunteers, only 1 eligible");
    match_plan_destroy(p);

    /* A team need that got a venue but no team (a plan made from a hand-written solution,
     * as a solve cut short could give it) is a team that could not be gathered. */
    TS_OK(m, match_model_add_unit(m, "U1", "unit", "C0"));
    TS_OK(m, match_model_add_resource(m, "R1", "U1", "venue", 1));
    TS_OK(m, match_model_add_need_resource(m, "N1", "venue", 1));
    char errmsg[LM_ERRMSG_SIZE];
    lm_instance inst;
    assert_int_equal(lm_instance_build(&inst, m, errmsg), MATCH_OK);
    assert_int_equal(inst.n_rpairs, 1);
    lm_solution sol;
    lm_solution_init(&sol);
    sol.status = MATCH_STATUS_FEASIBLE;
    sol.x = calloc(inst.n_pairs + 1, sizeof *sol.x);
    sol.y = calloc(inst.n_rpairs + 1, sizeof *sol.y);
    sol.c = calloc(2, sizeof *sol.c);
    sol.y[0] = 1;
    assert_int_equal(lm_plan_build(&p, &inst, &sol), MATCH_OK);
    assert_int_equal(match_plan_need_reason_code(p, 0, 0), MATCH_REASON_TEAM_INCOMPLETE);
    TS_NEAR(match_plan_need_reason_have(p, 0, 0), 0, 1e-12);
    TS_NEAR(match_plan_need_reason_want(p, 0, 0), 2, 1e-12);
    TS_CONTAINS(match_plan_need_reason_text(p, 0, 0), "needs a team of 2: only");
    match_plan_destroy(p);
    lm_solution_free(&sol);
    lm_instance_free(&inst);
    match_model_destroy(m);
}

/* Five volunteers, each removed by a different filter. */
static void test_no_volunteer(void **state)
{
    (void)state;
    match_model *m = one_community();
    ts_community(m, "FAR", 1.0); /* 111 km north */
    ts_need(m, "N1", "C0", 3, 4);
    TS_OK(m, match_model_add_need_skill(m, "N1", "medical"));
    TS_OK(m, match_model_add_need_slot(m, "N1", "weekend"));
    const char *names[] = {"V_far", "V_noskill", "V_noslot", "V_forbidden", "V_nohours"};
    for (int v = 0; v < 5; ++v) {
        ts_volunteer(m, names[v], v == 0 ? "FAR" : "C0", v == 4 ? 0 : 4);
        if (v != 1)
            TS_OK(m, match_model_add_volunteer_skill(m, names[v], "medical"));
    }
    TS_OK(m, match_model_add_volunteer_slot(m, "V_noslot", "weekday"));
    TS_OK(m, match_model_forbid_pair(m, "V_forbidden", "N1"));
    match_plan *p = ts_solve_optimal(m);
    size_t i = ts_need_index(p, "N1");
    size_t k = reason_of(p, i, MATCH_REASON_NO_VOLUNTEER);
    match_filter filters[] = {MATCH_FILTER_DISTANCE, MATCH_FILTER_SKILL, MATCH_FILTER_SLOT,
                              MATCH_FILTER_FORBIDDEN, MATCH_FILTER_CAPACITY};
    for (int f = 0; f < 5; ++f)
        assert_int_equal(match_plan_need_reason_filtered(p, i, k, filters[f]), 1);
    assert_int_equal(match_plan_need_reason_filtered(p, i, k, MATCH_FILTER_CATEGORY), 0);
    assert_null(match_plan_need_reason_type(p, i, k));
    assert_string_equal(match_plan_need_reason_text(p, i, k),
                        "no eligible volunteer: 1 out of reach, 1 lack skill medical, 1 share no "
                        "time slot, 1 forbidden, 1 have no hours to give");
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* V1 (4 h) gives all to N_hi (priority 5: 16 / 4 = 4 per hour), not N_lo (1 / 4). */
static void test_volunteers_busy(void **state)
{
    (void)state;
    match_model *m = one_community();
    ts_need(m, "N_hi", "C0", 5, 4);
    ts_need(m, "N_lo", "C0", 1, 4);
    ts_volunteer(m, "V1", "C0", 4);
    match_plan *p = ts_solve_optimal(m);
    size_t i = ts_need_index(p, "N_lo");
    size_t k = reason_of(p, i, MATCH_REASON_VOLUNTEERS_BUSY);
    TS_NEAR(match_plan_need_reason_have(p, i, k), 0, 1e-12);
    TS_NEAR(match_plan_need_reason_want(p, i, k), 4, 1e-12);
    assert_int_equal(match_plan_need_reason_example_count(p, i, k), 1);
    assert_string_equal(match_plan_need_reason_example_item(p, i, k, 0), "V1");
    assert_string_equal(match_plan_need_reason_example_need(p, i, k, 0), "N_hi");
    TS_NEAR(match_plan_need_reason_example_value(p, i, k, 0), 4.0, 1e-12);
    TS_NEAR(match_plan_need_reason_example_value_here(p, i, k, 0), 0.25, 1e-12);
    assert_string_equal(match_plan_need_reason_text(p, i, k),
                        "eligible volunteers (1) are all used by needs of higher value, e.g. V1 "
                        "on N_hi (4 vs 0.25 per hour)");
    assert_null(match_plan_need_reason_example_item(p, i, k, 1));
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* Three needs ask for a venue: none exists; the only one serves another category; the only
 * one for the category is too far. */
static void test_no_resource(void **state)
{
    (void)state;
    match_model *m = one_community();
    ts_community(m, "FAR", 1.0);
    TS_OK(m, match_model_add_unit(m, "U0", NULL, "C0"));
    TS_OK(m, match_model_add_unit(m, "UFAR", NULL, "FAR"));
    TS_OK(m, match_model_add_resource(m, "R_sport", "U0", "venue", 1));
    TS_OK(m, match_model_add_resource_category(m, "R_sport", "sport"));
    TS_OK(m, match_model_add_resource(m, "R_far", "UFAR", "venue", 1));
    TS_OK(m, match_model_add_need(m, "N_kitchen", "C0", "culture", 3));
    TS_OK(m, match_model_add_need_resource(m, "N_kitchen", "kitchen", 1));
    TS_OK(m, match_model_add_need(m, "N_venue", "C0", "culture", 3));
    TS_OK(m, match_model_add_need_resource(m, "N_venue", "venue", 1));
    match_plan *p = ts_solve_optimal(m);

    size_t i = ts_need_index(p, "N_kitchen");
    size_t k = reason_of(p, i, MATCH_REASON_NO_RESOURCE);
    assert_string_equal(match_plan_need_reason_type(p, i, k), "kitchen");
    assert_string_equal(match_plan_need_reason_text(p, i, k),
                        "no unit offers a resource of type kitchen");

    i = ts_need_index(p, "N_venue");
    k = reason_of(p, i, MATCH_REASON_NO_RESOURCE);
    assert_string_equal(match_plan_need_reason_type(p, i, k), "venue");
    assert_int_equal(match_plan_need_reason_filtered(p, i, k, MATCH_FILTER_CATEGORY), 1);
    assert_int_equal(match_plan_need_reason_filtered(p, i, k, MATCH_FILTER_DISTANCE), 1);
    assert_int_equal(match_plan_need_reason_filtered(p, i, k, MATCH_FILTER_CAPACITY), 0);
    assert_string_equal(match_plan_need_reason_text(p, i, k),
                        "no resource of type venue within reach (1 of 2 serve other categories)");
    match_plan_destroy(p);

    /* Without the far one, the category alone is why. */
    match_model *m2 = one_community();
    TS_OK(m2, match_model_add_unit(m2, "U0", NULL, "C0"));
    TS_OK(m2, match_model_add_resource(m2, "R_sport", "U0", "venue", 1));
    TS_OK(m2, match_model_add_resource_category(m2, "R_sport", "sport"));
    TS_OK(m2, match_model_add_need(m2, "N_venue", "C0", "culture", 3));
    TS_OK(m2, match_model_add_need_resource(m2, "N_venue", "venue", 1));
    p = ts_solve_optimal(m2);
    i = ts_need_index(p, "N_venue");
    k = reason_of(p, i, MATCH_REASON_NO_RESOURCE);
    assert_string_equal(match_plan_need_reason_text(p, i, k),
                        "no resource of type venue serves category culture");
    match_plan_destroy(p);
    match_model_destroy(m2);
    match_model_destroy(m);
}

/* N1 asks 3 venues; the only venue holds 1. */
static void test_too_little_resource(void **state)
{
    (void)state;
    match_model *m = one_community();
    TS_OK(m, match_model_add_unit(m, "U0", NULL, "C0"));
    TS_OK(m, match_model_add_resource(m, "R1", "U0", "venue", 1));
    TS_OK(m, match_model_add_need(m, "N1", "C0", "culture", 3));
    TS_OK(m, match_model_add_need_resource(m, "N1", "venue", 3));
    match_plan *p = ts_solve_optimal(m);
    size_t i = ts_need_index(p, "N1");
    size_t k = reason_of(p, i, MATCH_REASON_TOO_LITTLE_RESOURCE);
    assert_string_equal(match_plan_need_reason_type(p, i, k), "venue");
    TS_NEAR(match_plan_need_reason_have(p, i, k), 1, 1e-12);
    TS_NEAR(match_plan_need_reason_want(p, i, k), 3, 1e-12);
    assert_string_equal(match_plan_need_reason_text(p, i, k),
                        "resources of type venue within reach offer only 1 of 3");
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* One venue; N_hi (priority 5) and N_lo (priority 1) each ask for it. */
static void test_resources_busy(void **state)
{
    (void)state;
    match_model *m = one_community();
    TS_OK(m, match_model_add_unit(m, "U0", NULL, "C0"));
    TS_OK(m, match_model_add_resource(m, "R1", "U0", "venue", 1));
    TS_OK(m, match_model_add_need(m, "N_hi", "C0", "culture", 5));
    TS_OK(m, match_model_add_need_resource(m, "N_hi", "venue", 1));
    TS_OK(m, match_model_add_need(m, "N_lo", "C0", "culture", 1));
    TS_OK(m, match_model_add_need_resource(m, "N_lo", "venue", 1));
    match_plan *p = ts_solve_optimal(m);
    size_t i = ts_need_index(p, "N_lo");
    size_t k = reason_of(p, i, MATCH_REASON_RESOURCES_BUSY);
    assert_string_equal(match_plan_need_reason_type(p, i, k), "venue");
    assert_string_equal(match_plan_need_reason_example_item(p, i, k, 0), "R1");
    assert_string_equal(match_plan_need_reason_example_need(p, i, k, 0), "N_hi");
    assert_string_equal(match_plan_need_reason_text(p, i, k),
                        "eligible resources of type venue (1) are all used by needs of higher "
                        "value, e.g. R1 on N_hi (16 vs 1 per unit)");
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* V1 is free but 2 km away, and travel costs more than the hour is worth. */
static void test_not_worth(void **state)
{
    (void)state;
    match_model *m = one_community();
    ts_community(m, "C1", 2 / TS_KM_PER_DEG_LAT);
    TS_OK(m, match_model_set_policy(m, "distance_cost", 1.0));
    ts_need(m, "N1", "C0", 1, 4); /* 1 / 4 per hour, travel 2 per hour */
    ts_volunteer(m, "V1", "C1", 4);
    match_plan *p = ts_solve_optimal(m);
    size_t i = ts_need_index(p, "N1");
    assert_int_equal(match_plan_need_reason_count(p, i), 1);
    size_t k = reason_of(p, i, MATCH_REASON_NOT_WORTH);
    assert_string_equal(match_plan_need_reason_text(p, i, k),
                        "not worth covering at the current weights and costs");
    assert_true(isnan(match_plan_need_reason_have(p, i, k)));
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* A plan the solver did not prove optimal (made here from a hand-written solution, as a
 * solve cut short would give it): the same need is "not found", not "not worth". */
static void test_not_found(void **state)
{
    (void)state;
    match_model *m = one_community();
    ts_need(m, "N1", "C0", 3, 4);
    ts_volunteer(m, "V1", "C0", 4);
    char errmsg[LM_ERRMSG_SIZE];
    lm_instance inst;
    assert_int_equal(lm_instance_build(&inst, m, errmsg), MATCH_OK);
    lm_solution sol;
    lm_solution_init(&sol);
    sol.status = MATCH_STATUS_FEASIBLE;
    sol.x = calloc(inst.n_pairs + 1, sizeof *sol.x);
    sol.y = calloc(inst.n_rpairs + 1, sizeof *sol.y);
    sol.c = calloc(2, sizeof *sol.c);
    match_plan *p = NULL;
    assert_int_equal(lm_plan_build(&p, &inst, &sol), MATCH_OK);
    size_t k = reason_of(p, 0, MATCH_REASON_NOT_FOUND);
    assert_string_equal(match_plan_need_reason_text(p, 0, k),
                        "not covering in the best plan found before the solver stopped");
    match_plan_destroy(p);
    lm_solution_free(&sol);
    lm_instance_free(&inst);
    match_model_destroy(m);
}

/* Covered needs have no reasons; out-of-range indexes are harmless. */
static void test_covered_and_out_of_range(void **state)
{
    (void)state;
    match_model *m = one_community();
    ts_need(m, "N1", "C0", 3, 4);
    ts_volunteer(m, "V1", "C0", 4);
    match_plan *p = ts_solve_optimal(m);
    assert_int_equal(match_plan_need_reason_count(p, 0), 0);
    assert_int_equal(match_plan_need_reason_code(p, 0, 0), MATCH_REASON_NONE);
    assert_null(match_plan_need_reason_text(p, 0, 0));
    assert_int_equal(match_plan_need_reason_count(p, 5), 0);
    assert_int_equal(match_plan_need_reason_count(NULL, 0), 0);
    assert_true(isnan(match_plan_need_reason_want(NULL, 0, 0)));
    assert_int_equal(match_plan_need_reason_filtered(p, 0, 0, (match_filter)42), 0);
    assert_string_equal(match_reason_code_name(MATCH_REASON_VOLUNTEERS_BUSY), "volunteers_busy");
    assert_string_equal(match_reason_code_name((match_reason_code)99), "unknown");
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* V1 (3 h) is listed with N1 for 4 h: the pair can never be chosen. */
static void test_pairs_too_long(void **state)
{
    (void)state;
    match_model *m = one_community();
    ts_need(m, "N1", "C0", 5, 0);
    ts_volunteer(m, "V1", "C0", 3);
    TS_OK(m, match_model_add_pair(m, "V1", "N1", 2.0, 4.0));
    match_plan *p = ts_solve_optimal(m);
    size_t i = ts_need_index(p, "N1");
    TS_NEAR(match_plan_need_coverage(p, i), 0, 1e-12);
    size_t k = reason_of(p, i, MATCH_REASON_PAIRS_TOO_LONG);
    TS_NEAR(match_plan_need_reason_have(p, i, k), 3, 1e-12);
    TS_NEAR(match_plan_need_reason_want(p, i, k), 4, 1e-12);
    TS_CONTAINS(match_plan_need_reason_text(p, i, k), "V1 (4 of 3 h)");
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* N1 asks 4 h, so at least one volunteer, but allows none. */
static void test_team_limit(void **state)
{
    (void)state;
    match_model *m = one_community();
    ts_need(m, "N1", "C0", 5, 4);
    ts_volunteer(m, "V1", "C0", 4);
    TS_OK(m, match_model_set_need_max_volunteers(m, "N1", 0));
    match_plan *p = ts_solve_optimal(m);
    size_t i = ts_need_index(p, "N1");
    TS_NEAR(match_plan_need_coverage(p, i), 0, 1e-12);
    size_t k = reason_of(p, i, MATCH_REASON_TEAM_LIMIT);
    TS_NEAR(match_plan_need_reason_have(p, i, k), 0, 1e-12);
    TS_NEAR(match_plan_need_reason_want(p, i, k), 1, 1e-12);
    TS_CONTAINS(match_plan_need_reason_text(p, i, k), "max_volunteers");
    match_plan_destroy(p);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_plan),
        cmocka_unit_test(test_partly_covered),
        cmocka_unit_test(test_team_incomplete_and_too_few_volunteers),
        cmocka_unit_test(test_no_volunteer),
        cmocka_unit_test(test_volunteers_busy),
        cmocka_unit_test(test_no_resource),
        cmocka_unit_test(test_too_little_resource),
        cmocka_unit_test(test_resources_busy),
        cmocka_unit_test(test_not_worth),
        cmocka_unit_test(test_not_found),
        cmocka_unit_test(test_pairs_too_long),
        cmocka_unit_test(test_team_limit),
        cmocka_unit_test(test_covered_and_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
