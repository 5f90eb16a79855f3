/*
 * match_plan_evaluate() (evaluate.h): libmatch's own plans, evaluated in memory, break none of
 * rules 1-5 and recompute to their own objective; a plan changed by hand names its
 * violation with its amounts; the evaluation is self-contained; NULL arguments.
 */
#include "test_support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static match_evaluation *evaluate(const match_model *m, const match_plan *p)
{
    match_evaluation *ev = NULL;
    assert_int_equal(match_plan_evaluate(&ev, m, p), MATCH_OK);
    assert_non_null(ev);
    return ev;
}

/* Hard violations other than carried_out, the rule the solvers do not obey yet. */
static size_t rules_1_to_5_broken(const match_evaluation *ev)
{
    size_t n = 0;
    for (size_t k = 0; k < match_evaluation_violation_count(ev); ++k) {
        match_rule r = match_evaluation_violation_rule(ev, k);
        if (match_rule_is_hard(r) && r != MATCH_RULE_CARRIED_OUT) {
            print_message("unexpected: %s\n", match_evaluation_violation_text(ev, k));
            ++n;
        }
    }
    return n;
}

static void check_own_plan(match_model *m)
{
    match_plan *p = ts_solve(m);
    assert_true(match_plan_status(p) == MATCH_STATUS_OPTIMAL ||
                match_plan_status(p) == MATCH_STATUS_FEASIBLE);
    match_evaluation *ev = evaluate(m, p);
    assert_int_equal(rules_1_to_5_broken(ev), 0);
    double objective = match_plan_objective(p);
    assert_true(fabs(match_evaluation_objective(ev) - objective) <= 1e-9);
    assert_true(match_evaluation_stated_objective(ev) == objective);
    double sum = 0.0;
    for (int t = 0; t < MATCH_TERM_COUNT; ++t)
        sum += match_evaluation_term(ev, (match_term)t);
    assert_true(fabs(sum - match_evaluation_objective(ev)) <= 1e-9);
    /* Indicators against the plan's own numbers. */
    double covered = 0, given = 0;
    for (size_t i = 0; i < match_plan_need_count(p); ++i)
        covered += match_plan_need_coverage(p, i) >= 1.0;
    for (size_t v = 0; v < match_plan_volunteer_count(p); ++v)
        given += match_plan_volunteer_hours(p, v);
    assert_true(match_evaluation_indicator(ev, "needs_covered") == covered);
    assert_true(fabs(match_evaluation_indicator(ev, "hours_given") - given) <= 1e-9);
    assert_true(isnan(match_evaluation_indicator(ev, "no_such_indicator")));
    /* Self-contained: usable after the plan is gone. */
    match_plan_destroy(p);
    char *json = NULL;
    assert_int_equal(match_evaluation_to_json(ev, &json), MATCH_OK);
    assert_non_null(strstr(json, "\"libmatch-evaluation-1\""));
    match_free(json);
    match_evaluation_destroy(ev);
}

static void xinmi_plan(void **state)
{
    (void)state;
    match_model *m = NULL;
    char err[512];
    assert_int_equal(match_model_read_json(&m, LIBMATCH_EXAMPLE, err, sizeof err), MATCH_OK);
    check_own_plan(m);
    match_model_destroy(m);
}

static void random_plans(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 6; ++seed) {
        match_model *m = ts_random_model(seed, 25, 12);
        check_own_plan(m);
        match_model_destroy(m);
    }
}

/* V1 offers 5 hours; the plan says it gives 7 to N1. */
static void capacity_violation(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C1", 0.0);
    ts_volunteer(m, "V1", "C1", 5);
    ts_need(m, "N1", "C1", 3, 10);
    const char *json =
        "{\"format\": \"libmatch-plan-1\", \"status\": \"feasible\", \"objective\": null,"
        " \"bound\": null, \"needs\": [{\"id\": \"N1\", \"coverage\": 0.7, \"hours\": 7,"
        " \"volunteers\": [{\"id\": \"V1\", \"hours\": 7}], \"resources\": []}]}";
    match_plan *p = NULL;
    char err[512];
    assert_int_equal(match_plan_read_json_string(&p, json, "hand.json", err, sizeof err), MATCH_OK);
    match_evaluation *ev = evaluate(m, p);
    assert_false(match_evaluation_valid(ev));
    size_t hard = 0, at = 0;
    for (size_t k = 0; k < match_evaluation_violation_count(ev); ++k)
        if (match_rule_is_hard(match_evaluation_violation_rule(ev, k))) {
            ++hard;
            at = k;
        }
    assert_int_equal(hard, 1);
    assert_int_equal(match_evaluation_violation_rule(ev, at), MATCH_RULE_VOLUNTEER_HOURS);
    assert_string_equal(match_rule_name(MATCH_RULE_VOLUNTEER_HOURS), "volunteer_hours");
    assert_int_equal(match_rule_number(MATCH_RULE_VOLUNTEER_HOURS), 1);
    assert_string_equal(match_evaluation_violation_item(ev, at), "V1");
    assert_null(match_evaluation_violation_need(ev, at));
    assert_true(match_evaluation_violation_have(ev, at) == 7);
    assert_true(match_evaluation_violation_limit(ev, at) == 5);
    assert_string_equal(match_evaluation_violation_text(ev, at), "V1 gives 7 h, offers 5 h");
    /* 4 * 0.7 coverage value, no distance, no obligations. */
    assert_true(fabs(match_evaluation_objective(ev) - 2.8) <= 1e-12);
    assert_true(isnan(match_evaluation_stated_objective(ev)));
    match_evaluation_destroy(ev);
    match_plan_destroy(p);
    match_model_destroy(m);
}

static void null_arguments(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    match_evaluation *ev = (match_evaluation *)&ev;
    assert_int_equal(match_plan_evaluate(&ev, m, NULL), MATCH_EINVAL);
    assert_null(ev);
    assert_int_equal(match_plan_evaluate(NULL, m, NULL), MATCH_EINVAL);
    match_evaluation_destroy(NULL);
    assert_int_equal(match_evaluation_valid(NULL), 0);
    assert_int_equal(match_evaluation_violation_count(NULL), 0);
    assert_null(match_evaluation_violation_text(NULL, 0));
    assert_true(isnan(match_evaluation_objective(NULL)));
    assert_true(isnan(match_evaluation_term(NULL, MATCH_TERM_COVERAGE)));
    assert_null(match_rule_name((match_rule)99));
    assert_null(match_term_name((match_term)99));
    char *json = NULL;
    assert_int_equal(match_evaluation_to_json(NULL, &json), MATCH_EINVAL);
    match_model_destroy(m);
}

/* The new policy fields: read back, and a fractional number of services refused. */
static void policy_fields(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    double v = -1;
    assert_int_equal(match_model_get_policy(m, "points_per_hour", &v), MATCH_OK);
    assert_true(v == 0);
    assert_int_equal(match_model_set_policy(m, "points_per_project", 5), MATCH_OK);
    assert_int_equal(match_model_get_policy(m, "points_per_project", &v), MATCH_OK);
    assert_true(v == 5);
    assert_int_equal(match_model_set_policy(m, "volunteer_min_services", 4), MATCH_OK);
    assert_int_equal(match_model_set_policy(m, "volunteer_min_services", 2.5), MATCH_EINPUT);
    assert_int_equal(match_model_get_policy(m, "volunteer_min_services", &v), MATCH_OK);
    assert_true(v == 4);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(xinmi_plan),         cmocka_unit_test(random_plans),
        cmocka_unit_test(capacity_violation), cmocka_unit_test(null_arguments),
        cmocka_unit_test(policy_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
