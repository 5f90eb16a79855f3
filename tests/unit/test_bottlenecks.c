/*
 * Bottlenecks (include/libmatch/explain.h): the marginal value of one more volunteer-hour or
 * resource unit. Each reported value is checked against an actual re-solve with that one
 * hypothetical item added, on pure-network scenarios where the values are exact.
 */
#include "test_support.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* The objective of the model's optimal plan. */
static double optimum(match_model *m)
{
    match_plan *p = ts_solve_optimal(m);
    double objective = match_plan_objective(p);
    match_plan_destroy(p);
    return objective;
}

/* The optimum with one hypothetical volunteer-hour: at community c, skill (or none), no
 * slots, no unit, no obligation, the policy's reach (explain.h). */
static double optimum_with_hour(const match_model *m, const char *community, const char *skill)
{
    match_model *copy = NULL;
    TS_OK(copy, match_model_copy(&copy, m));
    TS_OK(copy, match_model_add_volunteer(copy, "extra volunteer", community, 1));
    TS_OK(copy, match_model_set_volunteer_min_hours(copy, "extra volunteer", 0));
    if (skill != NULL)
        TS_OK(copy, match_model_add_volunteer_skill(copy, "extra volunteer", skill));
    double objective = optimum(copy);
    match_model_destroy(copy);
    return objective;
}

/* The optimum with one hypothetical unit of a resource type at community c. */
static double optimum_with_unit(const match_model *m, const char *community, const char *type)
{
    match_model *copy = NULL;
    TS_OK(copy, match_model_copy(&copy, m));
    TS_OK(copy, match_model_add_unit(copy, "extra unit", NULL, community));
    TS_OK(copy, match_model_set_unit_min_projects(copy, "extra unit", 0));
    TS_OK(copy, match_model_add_resource(copy, "extra resource", "extra unit", type, 1));
    double objective = optimum(copy);
    match_model_destroy(copy);
    return objective;
}

static match_bottlenecks *report_of(match_model *m)
{
    match_bottlenecks *b = NULL;
    TS_OK(m, match_model_bottlenecks(&b, m));
    assert_non_null(b);
    assert_int_equal(match_bottlenecks_status(b), MATCH_STATUS_OPTIMAL);
    return b;
}

/* Checks every row of the hours and resources views against a re-solve. */
static void check_against_resolve(match_model *m)
{
    match_bottlenecks *b = report_of(m);
    assert_int_equal(match_bottlenecks_exact(b), 1);
    double before = optimum(m);
    size_t positive = 0;
    for (size_t k = 0; k < match_bottlenecks_count(b, MATCH_BOTTLENECK_HOURS); ++k) {
        double value = match_bottleneck_value(b, MATCH_BOTTLENECK_HOURS, k);
        const char *c = match_bottleneck_community(b, MATCH_BOTTLENECK_HOURS, k);
        const char *skill = match_bottleneck_skill(b, MATCH_BOTTLENECK_HOURS, k);
        double after = optimum_with_hour(m, c, skill);
        if (!(fabs(after - before - value) <= 1e-6))
            fail_msg("one more hour of %s at %s: reported %.9g, re-solve gains %.9g",
                     skill ? skill : "(no skill)", c, value, after - before);
        assert_true(value >= 0);
        if (value > 0) {
            positive++;
            assert_non_null(match_bottleneck_serves(b, MATCH_BOTTLENECK_HOURS, k));
        } else {
            assert_null(match_bottleneck_serves(b, MATCH_BOTTLENECK_HOURS, k));
        }
        if (k > 0)
            assert_true(value <= match_bottleneck_value(b, MATCH_BOTTLENECK_HOURS, k - 1));
    }
    for (size_t k = 0; k < match_bottlenecks_count(b, MATCH_BOTTLENECK_RESOURCES); ++k) {
        double value = match_bottleneck_value(b, MATCH_BOTTLENECK_RESOURCES, k);
        const char *c = match_bottleneck_community(b, MATCH_BOTTLENECK_RESOURCES, k);
        const char *type = match_bottleneck_type(b, MATCH_BOTTLENECK_RESOURCES, k);
        assert_non_null(type);
        double after = optimum_with_unit(m, c, type);
        if (!(fabs(after - before - value) <= 1e-6))
            fail_msg("one more %s at %s: reported %.9g, re-solve gains %.9g", type, c, value,
                     after - before);
        positive += value > 0;
    }
    /* A scenario where nothing is scarce would test little. */
    assert_true(positive > 0);
    match_bottlenecks_destroy(b);
}

/*
 * By hand. One community; N1 (priority 3, weight 4, 4 h) and V1 with 2 h: N1 lacks 2 h, so
 * one more hour adds 4/4 = 1 and serves N1. N2 (priority 1, weight 1, 2 h, skill "first_aid")
 * nobody can serve: a first-aider's hour is worth more at N1 (1) than at N2 (0.5), so the
 * first_aid row is worth 1 too. A venue asked by N3 (priority 2, weight 2, 2 venues) is worth 1.
 */
static void test_by_hand(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 3, 4);
    ts_need(m, "N2", "C0", 1, 2);
    TS_OK(m, match_model_add_need_skill(m, "N2", "first_aid"));
    TS_OK(m, match_model_add_need(m, "N3", "C0", "culture", 2));
    TS_OK(m, match_model_add_need_resource(m, "N3", "venue", 2));
    ts_volunteer(m, "V1", "C0", 2);

    match_bottlenecks *b = report_of(m);
    assert_int_equal(match_bottlenecks_exact(b), 1);
    /* Columns: no skill and first_aid; one community. */
    assert_int_equal(match_bottlenecks_count(b, MATCH_BOTTLENECK_HOURS), 2);
    assert_int_equal(match_bottlenecks_count(b, MATCH_BOTTLENECK_SKILLS), 2);
    assert_int_equal(match_bottlenecks_count(b, MATCH_BOTTLENECK_COMMUNITIES), 1);
    assert_int_equal(match_bottlenecks_count(b, MATCH_BOTTLENECK_STREETS), 0);
    assert_int_equal(match_bottlenecks_count(b, MATCH_BOTTLENECK_TYPES), 1);
    TS_NEAR(match_bottleneck_value(b, MATCH_BOTTLENECK_HOURS, 0), 1.0, 1e-9);
    TS_NEAR(match_bottleneck_value(b, MATCH_BOTTLENECK_HOURS, 1), 1.0, 1e-9);
    assert_null(match_bottleneck_skill(b, MATCH_BOTTLENECK_HOURS, 0)); /* ties: model order */
    assert_string_equal(match_bottleneck_skill(b, MATCH_BOTTLENECK_HOURS, 1), "first_aid");
    assert_string_equal(match_bottleneck_serves(b, MATCH_BOTTLENECK_HOURS, 1), "N1");
    assert_string_equal(match_bottleneck_gains(b, MATCH_BOTTLENECK_HOURS, 1), "N1");
    assert_string_equal(match_bottleneck_community(b, MATCH_BOTTLENECK_COMMUNITIES, 0), "C0");
    assert_null(match_bottleneck_street(b, MATCH_BOTTLENECK_COMMUNITIES, 0));
    assert_string_equal(match_bottleneck_type(b, MATCH_BOTTLENECK_TYPES, 0), "venue");
    TS_NEAR(match_bottleneck_value(b, MATCH_BOTTLENECK_TYPES, 0), 1.0, 1e-9);
    assert_string_equal(match_bottleneck_gains(b, MATCH_BOTTLENECK_TYPES, 0), "N3");
    /* Out of range and NULL: harmless. */
    assert_true(isnan(match_bottleneck_value(b, MATCH_BOTTLENECK_HOURS, 2)));
    assert_null(match_bottleneck_community(b, MATCH_BOTTLENECK_TYPES, 1));
    assert_int_equal(match_bottlenecks_count(b, (match_bottleneck_view)99), 0);
    assert_int_equal(match_bottlenecks_count(NULL, MATCH_BOTTLENECK_HOURS), 0);
    match_bottlenecks_destroy(b);
    match_bottlenecks_destroy(NULL);
    check_against_resolve(m);
    match_model_destroy(m);
}

/*
 * A chain of moves. C0, C1 and C2 lie 0, 2 and 4 km along a meridian (3 km reach), distance
 * cost 0.05 per km-hour. N1 (C0, priority 5, 2 h: 8 per hour), N2 (C1, priority 4, 2 h:
 * 4 per hour), N3 (C2, priority 2, 3 h). V1 (C1, 2 h) is the only one who reaches N1 and
 * serves it (travel 0.2); V2 (C2, 1 h) gives N2 one hour (travel 0.1). One more hour in C0
 * is worth more by taking over at N1 and sending V1 home to N2 (4 + 0.1 of travel saved =
 * 4.1) than by going to N2 itself (4 - 0.1 = 3.9): it serves N1, and N2 gains.
 */
static void test_chain_and_streets(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    TS_OK(m, match_model_set_policy(m, "distance_cost", 0.05));
    TS_OK(m, match_model_add_community(m, "C0", NULL, "新华路街道", 34.0, 113.0));
    TS_OK(m, match_model_add_community(m, "C1", NULL, "新华路街道", 34.0 + 2 / TS_KM_PER_DEG_LAT,
                                       113.0));
    TS_OK(m, match_model_add_community(m, "C2", NULL, "青石街道", 34.0 + 4 / TS_KM_PER_DEG_LAT,
                                       113.0));
    ts_need(m, "N1", "C0", 5, 2);
    ts_need(m, "N2", "C1", 4, 2);
    ts_need(m, "N3", "C2", 2, 3);
    ts_volunteer(m, "V1", "C1", 2);
    ts_volunteer(m, "V2", "C2", 1);

    match_bottlenecks *b = report_of(m);
    size_t c0 = SIZE_MAX;
    for (size_t k = 0; k < match_bottlenecks_count(b, MATCH_BOTTLENECK_HOURS); ++k)
        if (strcmp(match_bottleneck_community(b, MATCH_BOTTLENECK_HOURS, k), "C0") == 0)
            c0 = k;
    assert_true(c0 != SIZE_MAX);
    TS_NEAR(match_bottleneck_value(b, MATCH_BOTTLENECK_HOURS, c0), 4.1, 1e-9);
    assert_string_equal(match_bottleneck_serves(b, MATCH_BOTTLENECK_HOURS, c0), "N1");
    assert_string_equal(match_bottleneck_gains(b, MATCH_BOTTLENECK_HOURS, c0), "N2");
    assert_string_equal(match_bottleneck_street(b, MATCH_BOTTLENECK_HOURS, c0), "新华路街道");
    /* Streets: the best of their communities. */
    assert_int_equal(match_bottlenecks_count(b, MATCH_BOTTLENECK_STREETS), 2);
    TS_NEAR(match_bottleneck_value(b, MATCH_BOTTLENECK_STREETS, 0),
            match_bottleneck_value(b, MATCH_BOTTLENECK_COMMUNITIES, 0), 1e-12);
    match_bottlenecks_destroy(b);
    check_against_resolve(m);
    match_model_destroy(m);
}

/* A seeded pure-network scenario: skills, slots, obligations, fixed and forbidden pairs,
 * resources with categories, a required need, travel that matters and values that tie. */
static match_model *random_network(unsigned seed)
{
    srand(seed);
    match_model *m = ts_model_new();
    TS_OK(m, match_model_set_policy(m, "distance_cost", 0.02 * (rand() % 4)));
    TS_OK(m, match_model_set_policy(m, "volunteer_min_hours", rand() % 2 ? 3 : 0));
    TS_OK(m, match_model_set_policy(m, "volunteer_shortfall_penalty", 0.05));
    const char *streets[] = {"东街", "西街"};
    char id[32], id2[32];
    int nc = 4 + rand() % 3;
    for (int c = 0; c < nc; ++c) {
        snprintf(id, sizeof id, "C%d", c);
        double km = (rand() % 60) / 10.0;
        TS_OK(m, match_model_add_community(m, id, NULL, streets[c % 2],
                                           34.0 + km / TS_KM_PER_DEG_LAT, 113.0));
    }
    TS_OK(m, match_model_add_unit(m, "U0", NULL, "C0"));
    const char *skills[] = {"teaching", "medical", "repair"};
    const char *types[] = {"venue", "funds"};
    int nn = 8 + rand() % 6, nv = 5 + rand() % 5;
    for (int i = 0; i < nn; ++i) {
        snprintf(id, sizeof id, "N%d", i);
        snprintf(id2, sizeof id2, "C%d", rand() % nc);
        TS_OK(m, match_model_add_need(m, id, id2, i % 3 ? "general" : "culture", 1 + rand() % 5));
        if (rand() % 4 == 0) {
            TS_OK(m, match_model_add_need_resource(m, id, types[rand() % 2], 1 + rand() % 3));
            continue;
        }
        TS_OK(m, match_model_set_need_hours(m, id, 1 + rand() % 6));
        if (rand() % 2)
            TS_OK(m, match_model_add_need_skill(m, id, skills[rand() % 3]));
        if (rand() % 4 == 0)
            TS_OK(m, match_model_add_need_slot(m, id, "weekend"));
    }
    TS_OK(m, match_model_set_need_required(m, "N1", rand() % 3 == 0));
    for (int v = 0; v < nv; ++v) {
        snprintf(id, sizeof id, "V%d", v);
        snprintf(id2, sizeof id2, "C%d", rand() % nc);
        TS_OK(m, match_model_add_volunteer(m, id, id2, 1 + rand() % 5));
        if (rand() % 2)
            TS_OK(m, match_model_add_volunteer_skill(m, id, skills[rand() % 3]));
        if (rand() % 3 == 0)
            TS_OK(m, match_model_add_volunteer_slot(m, id, "weekday"));
    }
    for (int r = 0; r < 3; ++r) {
        snprintf(id, sizeof id, "R%d", r);
        TS_OK(m, match_model_add_resource(m, id, "U0", types[r % 2], 1 + rand() % 2));
        if (r == 2)
            TS_OK(m, match_model_add_resource_category(m, id, "culture"));
    }
    TS_OK(m, match_model_forbid_pair(m, "V0", "N0"));
    return m;
}

static void test_random_against_resolve(void **state)
{
    (void)state;
    int checked = 0;
    for (unsigned seed = 1; seed <= 12; ++seed) {
        match_model *m = random_network(seed);
        match_plan *p = ts_solve(m);
        bool feasible = match_plan_status(p) == MATCH_STATUS_OPTIMAL;
        match_plan_destroy(p);
        if (feasible) {
            check_against_resolve(m);
            checked++;
        }
        match_model_destroy(m);
    }
    /* Required needs make a few seeds infeasible; most must be checked. */
    assert_true(checked >= 8);
}

/* A team need makes the scenario coupled: the values come from the relaxation. */
static void test_coupled_is_marked(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 3, 4);
    TS_OK(m, match_model_set_need_min_volunteers(m, "N1", 2));
    ts_volunteer(m, "V1", "C0", 4);
    match_bottlenecks *b = report_of(m);
    assert_int_equal(match_bottlenecks_exact(b), 0);
    /* The relaxation lets V1 alone cover N1 (it ignores the team), so one more hour is
     * worth nothing there, although the integer program would cover N1 with it. */
    TS_NEAR(match_bottleneck_value(b, MATCH_BOTTLENECK_HOURS, 0), 0.0, 1e-9);
    match_bottlenecks_destroy(b);
    match_model_destroy(m);
}

/* A required need nobody can serve: no plan, so no marginal values. */
static void test_infeasible(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_need(m, "N1", "C0", 3, 4);
    TS_OK(m, match_model_set_need_required(m, "N1", 1));
    match_bottlenecks *b = NULL;
    TS_OK(m, match_model_bottlenecks(&b, m));
    assert_int_equal(match_bottlenecks_status(b), MATCH_STATUS_INFEASIBLE);
    assert_int_equal(match_bottlenecks_count(b, MATCH_BOTTLENECK_HOURS), 0);
    match_bottlenecks_destroy(b);
    TS_RC(MATCH_EINVAL, match_model_bottlenecks(NULL, m));
    TS_RC(MATCH_EINVAL, match_model_bottlenecks(&b, NULL));
    assert_null(b);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_hand),
        cmocka_unit_test(test_chain_and_streets),
        cmocka_unit_test(test_random_against_resolve),
        cmocka_unit_test(test_coupled_is_marked),
        cmocka_unit_test(test_infeasible),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
