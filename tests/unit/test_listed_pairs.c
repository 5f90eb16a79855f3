/*
 * Listed pairs and max_volunteers (docs/model.md, "Listed pairs"): one test per rule, with
 * optima worked out by hand in each comment, then the input errors.
 *
 * Unless said otherwise everything is in community C0, so distances are 0 and the default
 * priority weights (1, 2, 4, 8, 16) and costs apply. C5 is 5.56 km away, beyond the 3 km
 * circle.
 */
#include "test_support.h"

#include <stdlib.h>

/* Solves with the given solver; the call must succeed and the plan be optimal. */
static match_plan *solve_with(match_model *m, match_solver solver)
{
    match_plan *p = ts_solve_with(m, solver);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
    return p;
}

/* ---- Whole or nothing, exact hours ---------------------------------------------------------- */

/*
 * V1 has 3 h; N1 (priority 5, 4 h) lists (V1, N1) for 4 h. The pair does not fit in V1's
 * hours and cannot be split, so N1 gets nothing: objective 0. The same scenario without the
 * listed pair gives N1 3 h (coverage 3/4, objective 12): a solver that treated the pair as
 * divisible hours would give that.
 */
static void test_whole_or_nothing(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 3);
    ts_need(m, "N1", "C0", 5, 4);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 3, TS_EPS);
    TS_NEAR(match_plan_objective(p), 12, TS_EPS);
    match_plan_destroy(p);

    TS_OK(m, match_model_add_pair(m, "V1", "N1", 0, 4));
    p = ts_solve_optimal(m);
    assert_int_equal(match_plan_need_volunteer_count(p, ts_need_index(p, "N1")), 0);
    TS_NEAR(ts_coverage(p, "N1"), 0, TS_EPS);
    TS_NEAR(match_plan_objective(p), 0, TS_EPS);
    TS_CONTAINS(match_plan_need_unmet_reason(p, ts_need_index(p, "N1")),
                "1 listed pair asks more hours than its volunteer has, e.g. V1 (4 of 3 h)");
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * V1 has 10 h. N1 (priority 5, 4 h) lists (V1, N1) for 6 h: chosen, V1 gives N1 exactly 6 h
 * (more than N1's own 4 h: a listed pair's hours are what the caller says) and N1 is covered.
 * N2 (priority 1, 10 h, computed pair) gets the 4 h left: coverage 0.4.
 * Objective 16 + 0.4 = 16.4.
 */
static void test_exact_hours(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 10);
    ts_need(m, "N1", "C0", 5, 4);
    ts_need(m, "N2", "C0", 1, 10);
    TS_OK(m, match_model_add_pair(m, "V1", "N1", 0, 6));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 6, 0);
    TS_NEAR(ts_x(p, "N2", "V1"), 4, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 1, 0);
    TS_NEAR(ts_coverage(p, "N2"), 0.4, TS_EPS);
    TS_NEAR(ts_volunteer_hours(p, "V1"), 10, TS_EPS);
    TS_NEAR(match_plan_objective(p), 16.4, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Hours need not be whole, and may be 0. V1 (5 h) lists N1 (priority 1, 2.5 h) for 2.5 h
 * and N2 (priority 2, no hours) for 0 h, value 0. Both are chosen: N1 covered by 2.5 h, N2
 * by V1's presence (a need with listed pairs asks for one volunteer). Objective 1 + 2 = 3;
 * V1 gives 2.5 h in all.
 */
static void test_fractional_and_zero_hours(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 5);
    ts_need(m, "N1", "C0", 1, 2.5);
    TS_OK(m, match_model_add_need(m, "N2", "C0", "general", 2));
    TS_OK(m, match_model_add_pair(m, "V1", "N1", 0, 2.5));
    TS_OK(m, match_model_add_pair(m, "V1", "N2", 0, 0));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 2.5, 0);
    size_t n2 = ts_need_index(p, "N2");
    assert_int_equal(match_plan_need_volunteer_count(p, n2), 1);
    assert_string_equal(match_plan_need_volunteer_id(p, n2, 0), "V1");
    TS_NEAR(match_plan_need_volunteer_hours(p, n2, 0), 0, 0);
    TS_NEAR(ts_coverage(p, "N1"), 1, 0);
    TS_NEAR(ts_coverage(p, "N2"), 1, 0);
    TS_NEAR(ts_volunteer_hours(p, "V1"), 2.5, 0);
    TS_NEAR(match_plan_objective(p), 3, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* ---- Values -----------------------------------------------------------------------------------
 */

/*
 * The value replaces the distance cost and is counted whole. V1 lives in C5 (out of reach of
 * C0: listed pairs exist whatever the rules say) with 3 h; N1 in C0 (priority 1, weight 0
 * here, 3 h). Listed (V1, N1) for 3 h, value 12.5: objective 12.5 exactly (no distance cost,
 * although V1 travels 5.56 km).
 */
static void test_value_counted(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    static const double weights[5] = {0, 2, 4, 8, 16};
    TS_OK(m, match_model_set_priority_weights(m, weights, 5));
    ts_community(m, "C0", 0);
    ts_community(m, "C5", 0.05);
    ts_volunteer(m, "V1", "C5", 3);
    ts_need(m, "N1", "C0", 1, 3);
    TS_OK(m, match_model_add_pair(m, "V1", "N1", 12.5, 3));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 3, 0);
    TS_NEAR(match_plan_objective(p), 12.5, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Negative values are costs. N1 (priority 3, weight 4, no hours) is served by listed pairs
 * (V1, N1) value -3 and (V2, N1) value -5, each 1 h. Covering N1 with V1 is worth 4 - 3 = 1,
 * so V1 is chosen and V2 is not. With weight 2 instead of 4, covering is worth 2 - 3 < 0 and
 * nothing is chosen (objective 0) — unless N1 is required: then V1 anyway, objective -1.
 */
static void test_negative_values(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 1);
    ts_volunteer(m, "V2", "C0", 1);
    TS_OK(m, match_model_add_need(m, "N1", "C0", "general", 3));
    TS_OK(m, match_model_add_pair(m, "V1", "N1", -3, 1));
    TS_OK(m, match_model_add_pair(m, "V2", "N1", -5, 1));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 1, 0);
    TS_NEAR(ts_x(p, "N1", "V2"), 0, 0);
    TS_NEAR(match_plan_objective(p), 1, TS_EPS);
    match_plan_destroy(p);

    static const double weights[5] = {1, 2, 2, 8, 16};
    TS_OK(m, match_model_set_priority_weights(m, weights, 5));
    p = ts_solve_optimal(m);
    assert_int_equal(match_plan_need_volunteer_count(p, ts_need_index(p, "N1")), 0);
    TS_NEAR(match_plan_objective(p), 0, TS_EPS);
    match_plan_destroy(p);

    TS_OK(m, match_model_set_need_required(m, "N1", 1));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 1, 0);
    TS_NEAR(ts_coverage(p, "N1"), 1, 0);
    TS_NEAR(match_plan_objective(p), -1, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* ---- min_volunteers and max_volunteers ------------------------------------------------------- */

/*
 * N1 (priority 5, no hours) lists three volunteers with values 1, 2 and 3, 1 h each.
 * Without limits all three are chosen: 16 + 6 = 22. With max_volunteers 2 the two best:
 * 16 + 5 = 21. With min_volunteers 3 and max 2... refused; with min 3 (no max) and V3's pair
 * costing -20, covering needs all three: 16 + 1 + 2 - 20 = -1 < 0 + 3 (V1, V2 alone, N1
 * uncovered): objective 3 and N1 has two volunteers but coverage 0.
 */
static void test_min_and_max_volunteers(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 1);
    ts_volunteer(m, "V2", "C0", 1);
    ts_volunteer(m, "V3", "C0", 1);
    TS_OK(m, match_model_add_need(m, "N1", "C0", "general", 5));
    TS_OK(m, match_model_add_pair(m, "V1", "N1", 1, 1));
    TS_OK(m, match_model_add_pair(m, "V2", "N1", 2, 1));
    TS_OK(m, match_model_add_pair(m, "V3", "N1", 3, 1));

    match_plan *p = ts_solve_optimal(m);
    assert_int_equal(match_plan_need_volunteer_count(p, ts_need_index(p, "N1")), 3);
    TS_NEAR(match_plan_objective(p), 22, TS_EPS);
    match_plan_destroy(p);

    TS_OK(m, match_model_set_need_max_volunteers(m, "N1", 2));
    p = ts_solve_optimal(m);
    assert_int_equal(match_plan_need_volunteer_count(p, ts_need_index(p, "N1")), 2);
    TS_NEAR(ts_x(p, "N1", "V1"), 0, 0);
    TS_NEAR(match_plan_objective(p), 21, TS_EPS);
    match_plan_destroy(p);

    TS_RC(MATCH_EINPUT, match_model_set_need_min_volunteers(m, "N1", 3));
    TS_OK(m, match_model_set_need_max_volunteers(m, "N1", -1)); /* unlimited again */
    TS_OK(m, match_model_set_need_min_volunteers(m, "N1", 3));

    match_model *costly = ts_model_new();
    ts_community(costly, "C0", 0);
    ts_volunteer(costly, "V1", "C0", 1);
    ts_volunteer(costly, "V2", "C0", 1);
    ts_volunteer(costly, "V3", "C0", 1);
    TS_OK(costly, match_model_add_need(costly, "N1", "C0", "general", 5));
    TS_OK(costly, match_model_set_need_min_volunteers(costly, "N1", 3));
    TS_OK(costly, match_model_add_pair(costly, "V1", "N1", 1, 1));
    TS_OK(costly, match_model_add_pair(costly, "V2", "N1", 2, 1));
    TS_OK(costly, match_model_add_pair(costly, "V3", "N1", -20, 1));
    p = ts_solve_optimal(costly);
    TS_NEAR(ts_coverage(p, "N1"), 0, 0);
    /* A listed pair is chosen only where its need is carried out (docs/model.md rule 2): the
     * team of 3 costs more than it is worth (16 + 1 + 2 - 20), so V1 and V2 serve nothing. */
    assert_int_equal(match_plan_need_volunteer_count(p, ts_need_index(p, "N1")), 0);
    TS_NEAR(match_plan_objective(p), 0, TS_EPS);
    TS_CONTAINS(match_plan_need_unmet_reason(p, ts_need_index(p, "N1")), "not worth covering");
    match_plan_destroy(p);
    match_model_destroy(costly);

    p = ts_solve_optimal(m);
    TS_NEAR(match_plan_objective(p), 22, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * max_volunteers counts computed pairs too. N1 (priority 5, 10 h) and V1..V3 with 4 h each
 * (computed pairs): all three give 10 h together (coverage 1, objective 16 - 0). With
 * max_volunteers 2 only two may give hours: 8 of 10 h, coverage 0.8, objective 12.8.
 */
static void test_max_volunteers_on_computed_pairs(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 4);
    ts_volunteer(m, "V2", "C0", 4);
    ts_volunteer(m, "V3", "C0", 4);
    ts_need(m, "N1", "C0", 5, 10);

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N1"), 1, TS_EPS);
    assert_int_equal(match_plan_need_volunteer_count(p, ts_need_index(p, "N1")), 3);
    match_plan_destroy(p);

    TS_OK(m, match_model_set_need_max_volunteers(m, "N1", 2));
    p = ts_solve_optimal(m);
    assert_int_equal(match_plan_need_volunteer_count(p, ts_need_index(p, "N1")), 2);
    TS_NEAR(ts_coverage(p, "N1"), 0.8, TS_EPS);
    TS_NEAR(match_plan_objective(p), 12.8, TS_EPS);
    TS_CONTAINS(match_plan_need_unmet_reason(p, ts_need_index(p, "N1")), "8 of 10 hours");
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* ---- Eligibility: computed (listed pairs added or overriding) and pairs_only ----------------- */

/*
 * N1 (priority 5, 4 h); V1 and V2 (4 h each) are both eligible. Listed (V1, N1) for 1 h
 * replaces the computed (V1, N1): V1 gives exactly 1 h, V2 the other 3 (coverage 1), and the
 * instance has 2 pairs, not 3. V3 in C5 is out of reach and not listed: no pair.
 * Under pairs_only only the listed pair exists: 1 of 4 h, coverage 0.25, objective 4.
 */
static void test_computed_overriding_and_pairs_only(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_community(m, "C5", 0.05);
    ts_volunteer(m, "V1", "C0", 4);
    ts_volunteer(m, "V2", "C0", 4);
    ts_volunteer(m, "V3", "C5", 4);
    ts_need(m, "N1", "C0", 5, 4);
    TS_OK(m, match_model_add_pair(m, "V1", "N1", 0, 1));

    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 1, 0);
    TS_NEAR(ts_x(p, "N1", "V2"), 3, TS_EPS);
    TS_NEAR(ts_coverage(p, "N1"), 1, TS_EPS);
    assert_int_equal(match_plan_pair_count(p), 2);
    match_plan_destroy(p);

    TS_OK(m, match_model_set_policy_option(m, "eligibility", "pairs_only"));
    p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 1, 0);
    TS_NEAR(ts_x(p, "N1", "V2"), 0, 0);
    TS_NEAR(ts_coverage(p, "N1"), 0.25, TS_EPS);
    TS_NEAR(match_plan_objective(p), 4, TS_EPS);
    assert_int_equal(match_plan_pair_count(p), 1);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* Under pairs_only a need nobody lists has no volunteer, and its reason says why. */
static void test_pairs_only_unlisted_need(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    TS_OK(m, match_model_set_policy_option(m, "eligibility", "pairs_only"));
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 4);
    ts_need(m, "N1", "C0", 5, 4);
    ts_need(m, "N2", "C0", 1, 4);
    TS_OK(m, match_model_add_pair(m, "V1", "N2", 0, 4));
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_coverage(p, "N2"), 1, 0);
    TS_NEAR(ts_coverage(p, "N1"), 0, 0);
    TS_CONTAINS(match_plan_need_unmet_reason(p, ts_need_index(p, "N1")), "pairs_only");
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* ---- Required needs, fixed pairs, obligations ------------------------------------------------ */

/*
 * A required need whose only listed pair cannot fit: infeasible, and the message names it.
 * N1 (required, no hours) lists (V1, N1) for 5 h; V1 has 4 h.
 */
static void test_required_needs(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 4);
    TS_OK(m, match_model_add_need(m, "N1", "C0", "general", 1));
    TS_OK(m, match_model_set_need_required(m, "N1", 1));
    TS_OK(m, match_model_add_pair(m, "V1", "N1", 0, 5));
    match_plan *p = ts_solve(m);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_INFEASIBLE);
    TS_CONTAINS(match_plan_message(p), "N1");
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * A fixed listed pair is always chosen, even at a cost: V1 listed with N1 (priority 1, no
 * hours) at value -10 for 2 h, fixed for 1 h. Chosen: V1 gives exactly 2 h; objective
 * 1 - 10 = -9.
 */
static void test_fixed_listed_pair_is_chosen(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 4);
    TS_OK(m, match_model_add_need(m, "N1", "C0", "general", 1));
    TS_OK(m, match_model_add_pair(m, "V1", "N1", -10, 2));
    TS_OK(m, match_model_fix_pair(m, "V1", "N1", 1));
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 2, 0);
    TS_NEAR(match_plan_objective(p), -9, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/*
 * Listed hours count toward a volunteer's min_hours and a chosen listed pair makes its
 * volunteer's unit take part. V1 (unit U1, which must join 1 project; 3 h, min_hours 3)
 * lists N1 (priority 1, no hours) at value -1.5 for 3 h. Choosing it: 1 - 1.5 = -0.5;
 * leaving it: unit shortfall 1 (-1) and volunteer shortfall 3 h (-0.03). Chosen: objective
 * -0.5, U1 has 1 project and V1 no shortfall.
 */
static void test_obligations_count_listed_pairs(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    TS_OK(m, match_model_add_unit(m, "U1", NULL, "C0"));
    TS_OK(m, match_model_set_unit_min_projects(m, "U1", 1));
    ts_volunteer(m, "V1", "C0", 3);
    TS_OK(m, match_model_set_volunteer_unit(m, "V1", "U1"));
    TS_OK(m, match_model_set_volunteer_min_hours(m, "V1", 3));
    TS_OK(m, match_model_add_need(m, "N1", "C0", "general", 1));
    TS_OK(m, match_model_add_pair(m, "V1", "N1", -1.5, 3));
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(ts_x(p, "N1", "V1"), 3, 0);
    assert_int_equal(match_plan_unit_projects(p, ts_unit_index(p, "U1")), 1);
    TS_NEAR(match_plan_volunteer_shortfall(p, ts_volunteer_index(p, "V1")), 0, 0);
    TS_NEAR(match_plan_objective(p), -0.5, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
}

/* ---- Routing, copies, determinism --------------------------------------------------------------
 */

typedef struct log_capture {
    char lines[2048];
} log_capture;

static void capture(match_log_level level, const char *message, void *payload)
{
    log_capture *c = payload;
    if (level == MATCH_LOG_INFO)
        snprintf(c->lines + strlen(c->lines), sizeof c->lines - strlen(c->lines), "%s\n", message);
}

/* The scenario of test_whole_or_nothing is otherwise a pure network: with listed pairs or
 * max_volunteers AUTO must go to GLPK (the flow paths would split the pair or ignore the
 * limit), and the flow solver must refuse it. */
static void test_routing(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 3);
    ts_volunteer(m, "V2", "C0", 3);
    ts_need(m, "N1", "C0", 5, 4);
    ts_need(m, "N2", "C0", 5, 4);

    match_options o = MATCH_OPTIONS_INIT;
    log_capture log = {""};
    o.log = capture;
    o.log_payload = &log;
    match_plan *p = NULL;
    TS_OK(m, match_model_solve(&p, m, &o));
    TS_CONTAINS(log.lines, "solving with network simplex");
    match_plan_destroy(p);

    TS_OK(m, match_model_set_need_max_volunteers(m, "N2", 1));
    log.lines[0] = '\0';
    TS_OK(m, match_model_solve(&p, m, &o));
    TS_CONTAINS(log.lines, "solving with glpk");
    match_plan_destroy(p);
    o.solver = MATCH_SOLVER_FLOW;
    TS_RC(MATCH_EINVAL, match_model_solve(&p, m, &o));
    TS_CONTAINS(match_model_errmsg(m), "at most 1 volunteers");
    assert_null(p);

    TS_OK(m, match_model_set_need_max_volunteers(m, "N2", -1));
    TS_OK(m, match_model_add_pair(m, "V1", "N1", 0, 4));
    o.solver = MATCH_SOLVER_AUTO;
    log.lines[0] = '\0';
    TS_OK(m, match_model_solve(&p, m, &o));
    TS_CONTAINS(log.lines, "solving with glpk");
    /* V1's pair cannot be chosen: V2 gives N1 3 h, V1 gives N2 3 h (it may still give N2). */
    TS_NEAR(ts_x(p, "N1", "V1"), 0, 0);
    TS_NEAR(ts_x(p, "N1", "V2") + ts_x(p, "N2", "V2"), 3, TS_EPS);
    TS_NEAR(match_plan_objective(p), 24, TS_EPS);
    match_plan_destroy(p);
    o.solver = MATCH_SOLVER_FLOW;
    TS_RC(MATCH_EINVAL, match_model_solve(&p, m, &o));
    TS_CONTAINS(match_model_errmsg(m), "listed pairs");
    match_model_destroy(m);
}

/* Same answer from AUTO and GLPK, byte-identical plans twice over, and a copy carries the
 * listed pairs and max_volunteers. */
static void test_copy_and_determinism(void **state)
{
    (void)state;
    match_model *m = ts_random_model(7, 24, 10);
    char vid[16], nid[16];
    for (int v = 0; v < 24; v += 3) {
        snprintf(vid, sizeof vid, "V%03d", v);
        snprintf(nid, sizeof nid, "N%03d", v % 10);
        TS_OK(m, match_model_add_pair(m, vid, nid, (v % 7) - 2.5, 1 + v % 4));
    }
    TS_OK(m, match_model_set_need_max_volunteers(m, "N003", 1));
    match_plan *a = solve_with(m, MATCH_SOLVER_AUTO);
    match_plan *b = solve_with(m, MATCH_SOLVER_GLPK);
    TS_NEAR(match_plan_objective(a), match_plan_objective(b), TS_EPS);
    assert_true(match_plan_need_volunteer_count(a, ts_need_index(a, "N003")) <= 1);

    match_model *copy = NULL;
    TS_RC(MATCH_OK, match_model_copy(&copy, m));
    assert_int_equal(match_model_pair_count(copy), match_model_pair_count(m));
    double value = 0, hours = 0;
    TS_RC(MATCH_OK, match_model_get_pair(copy, "V003", "N003", &value, &hours));
    TS_NEAR(value, 0.5, 0);
    TS_NEAR(hours, 4, 0);
    match_plan *c = solve_with(copy, MATCH_SOLVER_AUTO);
    char *ja = NULL, *jc = NULL;
    TS_RC(MATCH_OK, match_plan_to_json(&ja, a));
    TS_RC(MATCH_OK, match_plan_to_json(&jc, c));
    /* Timings differ between runs; everything else must not. */
    char *ta = strstr(ja, "\"needs\""), *tc = strstr(jc, "\"needs\"");
    assert_non_null(ta);
    assert_non_null(tc);
    assert_string_equal(ta, tc);
    /* Changing the copy leaves the original alone. */
    TS_OK(copy, match_model_add_pair(copy, "V001", "N001", 100, 1));
    assert_int_equal(match_model_pair_count(copy), match_model_pair_count(m) + 1);
    TS_RC(MATCH_ENOTFOUND, match_model_get_pair(m, "V001", "N001", NULL, NULL));
    match_free(ja);
    match_free(jc);
    match_plan_destroy(a);
    match_plan_destroy(b);
    match_plan_destroy(c);
    match_model_destroy(copy);
    match_model_destroy(m);
}

/* ---- Input errors --------------------------------------------------------------------------- */

static match_model *error_model(void)
{
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 4);
    ts_volunteer(m, "V2", "C0", 4);
    ts_need(m, "N1", "C0", 3, 4);
    return m;
}

static void test_bad_pairs(void **state)
{
    (void)state;
    match_model *m = error_model();
    TS_RC(MATCH_EINVAL, match_model_add_pair(NULL, "V1", "N1", 0, 1));
    TS_RC(MATCH_EINVAL, match_model_add_pair(m, NULL, "N1", 0, 1));
    TS_RC(MATCH_EINVAL, match_model_add_pair(m, "V1", "", 0, 1));
    TS_RC(MATCH_ENOTFOUND, match_model_add_pair(m, "V9", "N1", 0, 1));
    TS_CONTAINS(match_model_errmsg(m), "field \"volunteer\": no volunteer with id \"V9\"");
    TS_RC(MATCH_ENOTFOUND, match_model_add_pair(m, "V1", "需求九", 0, 1));
    TS_CONTAINS(match_model_errmsg(m), "field \"need\": no need with id \"需求九\"");
    TS_RC(MATCH_EINPUT, match_model_add_pair(m, "V1", "N1", NAN, 1));
    TS_CONTAINS(match_model_errmsg(m), "listed pair (\"V1\", \"N1\"): field \"value\"");
    TS_RC(MATCH_EINPUT, match_model_add_pair(m, "V1", "N1", INFINITY, 1));
    TS_RC(MATCH_EINPUT, match_model_add_pair(m, "V1", "N1", 0, -1));
    TS_CONTAINS(match_model_errmsg(m), "field \"hours\": must be a finite number >= 0");
    TS_RC(MATCH_EINPUT, match_model_add_pair(m, "V1", "N1", 0, NAN));
    TS_RC(MATCH_EINPUT, match_model_add_pair(m, "V1", "N1", 0, INFINITY));
    assert_int_equal(match_model_pair_count(m), 0); /* failed calls change nothing */

    TS_OK(m, match_model_add_pair(m, "V1", "N1", 1, 2));
    TS_RC(MATCH_EINPUT, match_model_add_pair(m, "V1", "N1", 1, 2));
    TS_CONTAINS(match_model_errmsg(m), "listed twice");
    assert_int_equal(match_model_pair_count(m), 1);

    /* Listed and forbidden, in either order. */
    TS_RC(MATCH_EINPUT, match_model_forbid_pair(m, "V1", "N1"));
    TS_CONTAINS(match_model_errmsg(m), "forbidden pair (\"V1\", \"N1\"): the pair is also listed");
    TS_OK(m, match_model_forbid_pair(m, "V2", "N1"));
    TS_RC(MATCH_EINPUT, match_model_add_pair(m, "V2", "N1", 1, 2));
    TS_CONTAINS(match_model_errmsg(m), "listed pair (\"V2\", \"N1\"): the pair is also forbidden");

    /* Fixed to more hours than listed, in either order; up to the listed hours is fine. */
    TS_RC(MATCH_EINPUT, match_model_fix_pair(m, "V1", "N1", 3));
    TS_CONTAINS(match_model_errmsg(m), "fixed pair (\"V1\", \"N1\"): field \"hours\": 3 is more");
    TS_OK(m, match_model_fix_pair(m, "V1", "N1", 2));
    match_model_destroy(m);

    m = error_model();
    TS_OK(m, match_model_fix_pair(m, "V2", "N1", 3));
    TS_RC(MATCH_EINPUT, match_model_add_pair(m, "V2", "N1", 0, 2));
    TS_CONTAINS(match_model_errmsg(m), "field \"hours\": 2 is less than the 3 hours");
    match_model_destroy(m);
}

static void test_bad_max_volunteers(void **state)
{
    (void)state;
    match_model *m = error_model();
    TS_RC(MATCH_ENOTFOUND, match_model_set_need_max_volunteers(m, "N9", 1));
    TS_RC(MATCH_EINVAL, match_model_set_need_max_volunteers(m, NULL, 1));
    TS_RC(MATCH_EINPUT, match_model_set_need_max_volunteers(m, "N1", -2));
    TS_CONTAINS(match_model_errmsg(m), "need \"N1\": field \"max_volunteers\"");

    /* Against min_volunteers, in either order. */
    TS_OK(m, match_model_set_need_min_volunteers(m, "N1", 2));
    TS_RC(MATCH_EINPUT, match_model_set_need_max_volunteers(m, "N1", 1));
    TS_CONTAINS(match_model_errmsg(m), "1 is less than its min_volunteers 2");
    TS_OK(m, match_model_set_need_max_volunteers(m, "N1", 2));
    TS_RC(MATCH_EINPUT, match_model_set_need_min_volunteers(m, "N1", 3));
    TS_CONTAINS(match_model_errmsg(m), "3 is more than its max_volunteers 2");

    /* Against fixed pairs, in either order. */
    TS_OK(m, match_model_set_need_min_volunteers(m, "N1", 0));
    TS_OK(m, match_model_set_need_max_volunteers(m, "N1", 1));
    TS_OK(m, match_model_fix_pair(m, "V1", "N1", 1));
    TS_RC(MATCH_EINPUT, match_model_fix_pair(m, "V2", "N1", 1));
    TS_CONTAINS(match_model_errmsg(m), "allows at most 1 volunteer");
    TS_OK(m, match_model_set_need_max_volunteers(m, "N1", -1));
    TS_OK(m, match_model_fix_pair(m, "V2", "N1", 1));
    TS_RC(MATCH_EINPUT, match_model_set_need_max_volunteers(m, "N1", 1));
    TS_CONTAINS(match_model_errmsg(m), "1 is less than its 2 fixed pairs");
    match_model_destroy(m);
}

/* The scenario file: "pairs" and "max_volunteers" read, errors name file, item and field. */
static void test_scenario_file(void **state)
{
    (void)state;
    const char *good =
        "{\"format\": \"libmatch-scenario-1\","
        " \"policy\": {\"eligibility\": \"pairs_only\"},"
        " \"communities\": [{\"id\": \"C0\", \"lat\": 34, \"lon\": 113}],"
        " \"volunteers\": [{\"id\": \"志愿者1\", \"community\": \"C0\", \"hours\": 4}],"
        " \"needs\": [{\"id\": \"N1\", \"community\": \"C0\", \"category\": \"x\","
        "   \"priority\": 2, \"max_volunteers\": 1}],"
        " \"pairs\": [{\"volunteer\": \"志愿者1\", \"need\": \"N1\", \"value\": 12.5,"
        "   \"hours\": 3, \"x_rating\": 4.5}]}";
    char err[512];
    match_model *m = NULL;
    int rc = match_model_read_json_string(&m, good, "good.json", err, sizeof err);
    if (rc != MATCH_OK)
        fail_msg("%s", err);
    double value = 0, hours = 0;
    TS_RC(MATCH_OK, match_model_get_pair(m, "志愿者1", "N1", &value, &hours));
    TS_NEAR(value, 12.5, 0);
    TS_NEAR(hours, 3, 0);
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(match_plan_objective(p), 2 + 12.5, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);

    static const struct {
        const char *pairs, *needs_extra, *expect;
        int code;
    } bad[] = {
        {"[{\"volunteer\": \"志愿者1\", \"need\": \"N9\", \"hours\": 1}]", "",
         "pairs[0] (volunteer \"志愿者1\", need \"N9\"): field \"need\": no need with id \"N9\"",
         MATCH_ENOTFOUND},
        {"[{\"volunteer\": \"志愿者1\", \"need\": \"N1\"}]", "",
         "pairs[0] (volunteer \"志愿者1\", need \"N1\"): field \"hours\": required field is "
         "missing",
         MATCH_EINPUT},
        {"[{\"volunteer\": \"志愿者1\", \"need\": \"N1\", \"hours\": -1}]", "",
         "field \"hours\": expected a number >= 0, got -1", MATCH_EINPUT},
        {"[{\"volunteer\": \"志愿者1\", \"need\": \"N1\", \"hours\": 1, \"value\": \"high\"}]", "",
         "field \"value\": expected a finite number, got \"high\"", MATCH_EINPUT},
        {"[{\"volunteer\": \"志愿者1\", \"need\": \"N1\", \"hours\": 1, \"vaule\": 2}]", "",
         "unknown field \"vaule\"", MATCH_EINPUT},
        {"[{\"volunteer\": \"志愿者1\", \"need\": \"N1\", \"hours\": 1},"
         " {\"volunteer\": \"志愿者1\", \"need\": \"N1\", \"hours\": 2}]",
         "", "pairs[1] (volunteer \"志愿者1\", need \"N1\"): listed pair", MATCH_EINPUT},
        {"[]", ", \"max_volunteers\": 1.5", "field \"max_volunteers\": expected a whole number",
         MATCH_EINPUT},
        {"[]", ", \"max_volunteers\": 1, \"min_volunteers\": 2",
         "field \"max_volunteers\": 1 is less than its min_volunteers 2", MATCH_EINPUT},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char json[1024];
        snprintf(json, sizeof json,
                 "{\"format\": \"libmatch-scenario-1\","
                 " \"communities\": [{\"id\": \"C0\", \"lat\": 34, \"lon\": 113}],"
                 " \"volunteers\": [{\"id\": \"志愿者1\", \"community\": \"C0\", \"hours\": 4}],"
                 " \"needs\": [{\"id\": \"N1\", \"community\": \"C0\", \"category\": \"x\","
                 "   \"priority\": 2%s}],"
                 " \"pairs\": %s}",
                 bad[k].needs_extra, bad[k].pairs);
        m = NULL;
        rc = match_model_read_json_string(&m, json, "bad.json", err, sizeof err);
        if (rc != bad[k].code)
            fail_msg("case %zu: code %d, expected %d: %s", k, rc, bad[k].code, err);
        assert_null(m);
        TS_CONTAINS(err, "bad.json");
        TS_CONTAINS(err, bad[k].expect);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_or_nothing),
        cmocka_unit_test(test_exact_hours),
        cmocka_unit_test(test_fractional_and_zero_hours),
        cmocka_unit_test(test_value_counted),
        cmocka_unit_test(test_negative_values),
        cmocka_unit_test(test_min_and_max_volunteers),
        cmocka_unit_test(test_max_volunteers_on_computed_pairs),
        cmocka_unit_test(test_computed_overriding_and_pairs_only),
        cmocka_unit_test(test_pairs_only_unlisted_need),
        cmocka_unit_test(test_required_needs),
        cmocka_unit_test(test_fixed_listed_pair_is_chosen),
        cmocka_unit_test(test_obligations_count_listed_pairs),
        cmocka_unit_test(test_routing),
        cmocka_unit_test(test_copy_and_determinism),
        cmocka_unit_test(test_bad_pairs),
        cmocka_unit_test(test_bad_max_volunteers),
        cmocka_unit_test(test_scenario_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
