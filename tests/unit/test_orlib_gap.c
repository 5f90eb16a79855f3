/*
 * The generalized assignment problem through listed pairs (docs/model.md, "Listed pairs"):
 * the twenty OR-Library instances gap1-gap4 (tests/data/orlib, format in its README.md),
 * each solved for its minimum cost and for its maximum profit. Every one must come back
 * optimal at the published optimum of optima.csv.
 *
 * An instance becomes a model through the builder API alone: agents are volunteers whose
 * hours are their capacities, jobs are required needs with max_volunteers 1, and every
 * (agent, job) is a listed pair whose hours are the capacity the job uses at the agent and
 * whose value is the job's value there (negated for the minimum). Eligibility is pairs_only
 * and the priority weights are 0, so the objective is the sum of the chosen values.
 */
#include "test_support.h"

#include <stdbool.h>
#include <stdlib.h>

#define ORLIB_DIR LIBMATCH_TEST_DATA_DIR "/orlib"
#define MAX_CASES 64

typedef struct gap_case {
    char instance[32];
    bool maximise;
    double optimum; /* published: the least total cost, or the largest total value */
    char name[48];
} gap_case;

typedef struct gap_instance {
    int agents, jobs;
    double *value;    /* agents x jobs, row by agent */
    double *use;      /* agents x jobs */
    double *capacity; /* agents */
} gap_instance;

static void gap_free(gap_instance *g)
{
    free(g->value);
    free(g->use);
    free(g->capacity);
}

static bool read_numbers(FILE *f, double *out, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (fscanf(f, "%lf", &out[k]) != 1)
            return false;
    return true;
}

/* Reads "m n", the m x n values, the m x n capacity uses and the m capacities. */
static void gap_read(gap_instance *g, const char *instance)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ORLIB_DIR, instance);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    if (fscanf(f, "%d %d", &g->agents, &g->jobs) != 2 || g->agents <= 0 || g->jobs <= 0) {
        fclose(f);
        fail_msg("%s: bad header", path);
    }
    size_t cells = (size_t)g->agents * (size_t)g->jobs;
    g->value = malloc(cells * sizeof *g->value);
    g->use = malloc(cells * sizeof *g->use);
    g->capacity = malloc((size_t)g->agents * sizeof *g->capacity);
    bool ok = g->value != NULL && g->use != NULL && g->capacity != NULL &&
              read_numbers(f, g->value, cells) && read_numbers(f, g->use, cells) &&
              read_numbers(f, g->capacity, (size_t)g->agents);
    double extra;
    ok = ok && fscanf(f, "%lf", &extra) != 1; /* nothing may follow */
    fclose(f);
    if (!ok) {
        gap_free(g);
        fail_msg("%s: truncated or malformed", path);
    }
}

/* The model of the module comment, built through the public API. */
static match_model *gap_model(const gap_instance *g, bool maximise)
{
    match_model *m = ts_model_new();
    static const double zero[5] = {0, 0, 0, 0, 0};
    TS_OK(m, match_model_set_priority_weights(m, zero, 5));
    TS_OK(m, match_model_set_policy_option(m, "eligibility", "pairs_only"));
    ts_community(m, "C", 0);
    char id[32], job[32];
    for (int i = 0; i < g->agents; i++) {
        snprintf(id, sizeof id, "A%d", i + 1);
        ts_volunteer(m, id, "C", g->capacity[i]);
    }
    for (int j = 0; j < g->jobs; j++) {
        snprintf(job, sizeof job, "J%d", j + 1);
        TS_OK(m, match_model_add_need(m, job, "C", "job", 1));
        TS_OK(m, match_model_set_need_required(m, job, 1));
        TS_OK(m, match_model_set_need_max_volunteers(m, job, 1));
    }
    for (int i = 0; i < g->agents; i++) {
        snprintf(id, sizeof id, "A%d", i + 1);
        for (int j = 0; j < g->jobs; j++) {
            snprintf(job, sizeof job, "J%d", j + 1);
            double v = g->value[(size_t)i * (size_t)g->jobs + (size_t)j];
            double use = g->use[(size_t)i * (size_t)g->jobs + (size_t)j];
            TS_OK(m, match_model_add_pair(m, id, job, maximise ? v : -v, use));
        }
    }
    return m;
}

/* The plan is a GAP solution: every job has exactly one agent, giving exactly the job's
 * use there, no agent over capacity; its total value is the plan's objective. */
static double check_assignment(const gap_instance *g, const match_plan *p, bool maximise)
{
    double total = 0.0;
    double *load = calloc((size_t)g->agents, sizeof *load);
    assert_non_null(load);
    for (int j = 0; j < g->jobs; j++) {
        char job[32];
        snprintf(job, sizeof job, "J%d", j + 1);
        size_t n = ts_need_index(p, job);
        assert_int_equal(match_plan_need_volunteer_count(p, n), 1);
        TS_NEAR(match_plan_need_coverage(p, n), 1, 0);
        const char *agent = match_plan_need_volunteer_id(p, n, 0);
        int i = atoi(agent + 1) - 1;
        assert_true(i >= 0 && i < g->agents);
        size_t cell = (size_t)i * (size_t)g->jobs + (size_t)j;
        TS_NEAR(match_plan_need_volunteer_hours(p, n, 0), g->use[cell], 0);
        load[i] += g->use[cell];
        total += maximise ? g->value[cell] : -g->value[cell];
    }
    for (int i = 0; i < g->agents; i++)
        assert_true(load[i] <= g->capacity[i]);
    free(load);
    return total;
}

static void test_gap_instance(void **state)
{
    const gap_case *c = *state;
    gap_instance g;
    gap_read(&g, c->instance);
    match_model *m = gap_model(&g, c->maximise);
    match_plan *p = ts_solve_optimal(m);
    double want = c->maximise ? c->optimum : -c->optimum;
    TS_NEAR(match_plan_objective(p), want, TS_EPS);
    TS_NEAR(match_plan_bound(p), want, TS_EPS);
    TS_NEAR(check_assignment(&g, p, c->maximise), want, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);
    gap_free(&g);
}

/* Reads optima.csv: instance,agents,jobs,min_cost_optimum,max_profit_optimum. */
static size_t read_cases(gap_case *cases, size_t max)
{
    FILE *f = fopen(ORLIB_DIR "/optima.csv", "r");
    if (f == NULL)
        return 0;
    char line[256];
    size_t n = 0;
    if (fgets(line, sizeof line, f) == NULL) { /* the header */
        fclose(f);
        return 0;
    }
    while (fgets(line, sizeof line, f) != NULL && n + 2 <= max) {
        char instance[32];
        int agents, jobs;
        double least, most;
        if (sscanf(line, "%31[^,],%d,%d,%lf,%lf", instance, &agents, &jobs, &least, &most) != 5)
            continue;
        for (int sense = 0; sense < 2; sense++) {
            gap_case *c = &cases[n++];
            snprintf(c->instance, sizeof c->instance, "%s", instance);
            c->maximise = sense == 1;
            c->optimum = sense == 1 ? most : least;
            snprintf(c->name, sizeof c->name, "%s_%s", instance, sense ? "max_profit" : "min_cost");
        }
    }
    fclose(f);
    return n;
}

int main(void)
{
    static gap_case cases[MAX_CASES];
    static struct CMUnitTest tests[MAX_CASES];
    size_t n = read_cases(cases, MAX_CASES);
    if (n != 40) {
        fprintf(stderr, "%s/optima.csv: expected 20 instances (40 cases), read %zu cases\n",
                ORLIB_DIR, n);
        return 1;
    }
    for (size_t k = 0; k < n; k++)
        tests[k] = (struct CMUnitTest){cases[k].name, test_gap_instance, NULL, NULL, &cases[k]};
    return _cmocka_run_group_tests("orlib_gap", tests, n, NULL, NULL);
}
