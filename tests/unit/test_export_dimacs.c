/*
 * match_model_export() with MATCH_EXPORT_DIMACS: the file holds the documented nodes and arcs
 * of the flow network; solved as read back, its minimum cost converted with the file's
 * libmatch-scale and libmatch-constant gives the optimal plan's objective; scenarios that are
 * not pure networks are refused with the rule that couples them, and leave no file.
 *
 * The file is read back into the library's own network simplex (internal code: the test
 * links the static library), which knows nothing of scenarios: only the file's numbers reach it.
 */
#include "test_support.h"

#include <inttypes.h>
#include <stdlib.h>

#include "libmatch/flow/network_simplex.h"

typedef struct fixture {
    char dir[256];
    char path[300];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    if (!ts_make_temp_dir(f->dir, sizeof f->dir, "dimacs")) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/net.dimacs", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ts_remove_tree(f->dir);
    free(f);
    return 0;
}

/* A DIMACS file as read back. */
typedef struct dimacs {
    size_t nodes, arcs, arcs_read;
    size_t *tail, *head; /* 1-based, as in the file */
    int64_t *lower, *upper, *cost;
    int64_t *supply; /* by 1-based node */
    double scale, constant;
    int has_scale, has_constant;
} dimacs;

static void dimacs_free(dimacs *d)
{
    free(d->tail);
    free(d->head);
    free(d->lower);
    free(d->upper);
    free(d->cost);
    free(d->supply);
}

static void dimacs_read(dimacs *d, const char *path)
{
    memset(d, 0, sizeof *d);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024];
    int p_lines = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        switch (line[0]) {
        case 'c':
            if (sscanf(line, "c libmatch-scale %lf", &d->scale) == 1)
                d->has_scale = 1;
            if (sscanf(line, "c libmatch-constant %lf", &d->constant) == 1)
                d->has_constant = 1;
            break;
        case 'p':
            assert_int_equal(sscanf(line, "p min %zu %zu", &d->nodes, &d->arcs), 2);
            ++p_lines;
            d->tail = calloc(d->arcs + 1, sizeof *d->tail);
            d->head = calloc(d->arcs + 1, sizeof *d->head);
            d->lower = calloc(d->arcs + 1, sizeof *d->lower);
            d->upper = calloc(d->arcs + 1, sizeof *d->upper);
            d->cost = calloc(d->arcs + 1, sizeof *d->cost);
            d->supply = calloc(d->nodes + 1, sizeof *d->supply);
            assert_true(d->tail && d->head && d->lower && d->upper && d->cost && d->supply);
            break;
        case 'n': {
            size_t v;
            int64_t s;
            assert_int_equal(p_lines, 1);
            assert_int_equal(sscanf(line, "n %zu %" SCNd64, &v, &s), 2);
            assert_true(v >= 1 && v <= d->nodes);
            d->supply[v] = s;
            break;
        }
        case 'a': {
            size_t a = d->arcs_read++;
            assert_int_equal(p_lines, 1);
            assert_true(a < d->arcs);
            assert_int_equal(sscanf(line, "a %zu %zu %" SCNd64 " %" SCNd64 " %" SCNd64, &d->tail[a],
                                    &d->head[a], &d->lower[a], &d->upper[a], &d->cost[a]),
                             5);
            assert_true(d->tail[a] >= 1 && d->tail[a] <= d->nodes);
            assert_true(d->head[a] >= 1 && d->head[a] <= d->nodes);
            break;
        }
        default:
            fail_msg("unexpected line in %s: %s", path, line);
        }
    }
    fclose(f);
    assert_int_equal(p_lines, 1);
    assert_int_equal(d->arcs_read, d->arcs);
    assert_true(d->has_scale && d->has_constant);
    assert_true(d->scale > 0);
}

/* Index of the arc tail -> head (1-based nodes); fails if there is not exactly one. */
static size_t find_arc(const dimacs *d, size_t tail, size_t head)
{
    size_t found = SIZE_MAX;
    for (size_t a = 0; a < d->arcs; ++a)
        if (d->tail[a] == tail && d->head[a] == head) {
            assert_int_equal(found, SIZE_MAX);
            found = a;
        }
    assert_int_not_equal(found, SIZE_MAX);
    return found;
}

/* The model's objective from the file alone: its network solved, C - cost / S. */
static double dimacs_objective(const dimacs *d)
{
    lm_ns *ns = lm_ns_create(d->nodes, d->arcs);
    assert_non_null(ns);
    for (size_t a = 0; a < d->arcs; ++a)
        assert_int_equal(
            lm_ns_add_arc(ns, d->tail[a] - 1, d->head[a] - 1, d->lower[a], d->upper[a], d->cost[a]),
            LM_NS_OK);
    for (size_t v = 1; v <= d->nodes; ++v)
        assert_int_equal(lm_ns_set_supply(ns, v - 1, d->supply[v]), LM_NS_OK);
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
    int64_t cost;
    assert_int_equal(lm_ns_total_cost_exact(ns, &cost), LM_NS_OK);
    lm_ns_destroy(ns);
    return d->constant - (double)cost / d->scale;
}

/* One volunteer 0.01 degrees of latitude from one need: every arc checked by hand. */
static void test_arcs_of_a_small_network(void **state)
{
    fixture *f = *state;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0.0);
    ts_community(m, "C1", 0.01);
    TS_OK(m, match_model_set_policy(m, "volunteer_min_hours", 4));
    ts_volunteer(m, "V1", "C0", 10);
    ts_need(m, "N1", "C1", 3, 6); /* weight 4 */
    TS_OK(m, match_model_set_need_required(m, "N1", 1));
    TS_OK(m, match_model_export(m, f->path, MATCH_EXPORT_DIMACS));

    dimacs d;
    dimacs_read(&d, f->path);
    /* source, sink, V1, N1's hours node */
    assert_int_equal(d.nodes, 4);
    assert_int_equal(d.supply[1], 10);
    assert_int_equal(d.supply[2], -10);
    assert_int_equal(d.supply[3], 0);
    assert_int_equal(d.supply[4], 0);
    double km = 0.01 * TS_KM_PER_DEG_LAT;
    size_t pair = find_arc(&d, 3, 4);
    assert_int_equal(pair, 0); /* pairs come first */
    assert_int_equal(d.lower[pair], 0);
    assert_int_equal(d.upper[pair], 6);
    TS_NEAR((double)d.cost[pair], 0.001 * km * d.scale, 1.0);
    size_t sink = find_arc(&d, 4, 2);
    assert_int_equal(d.lower[sink], 6); /* required: all 6 hours */
    assert_int_equal(d.upper[sink], 6);
    TS_NEAR((double)d.cost[sink], -4.0 / 6.0 * d.scale, 1.0);
    assert_int_equal(d.arcs, 5); /* the pair, two supply arcs, the sink arc, source-sink */
    int obligation = 0, rest = 0;
    for (size_t a = 0; a < d.arcs; ++a) {
        if (d.tail[a] != 1 || d.head[a] != 3)
            continue;
        if (d.cost[a] < 0) { /* the first 4 hours avoid a shortfall of 0.01 per hour */
            assert_int_equal(d.upper[a], 4);
            TS_NEAR((double)d.cost[a], -0.01 * d.scale, 1.0);
            ++obligation;
        } else {
            assert_int_equal(d.upper[a], 6);
            assert_int_equal(d.cost[a], 0);
            ++rest;
        }
    }
    assert_int_equal(obligation, 1);
    assert_int_equal(rest, 1);
    size_t unused = find_arc(&d, 1, 2);
    assert_int_equal(d.upper[unused], 10);
    assert_int_equal(d.cost[unused], 0);
    TS_NEAR(d.constant, -0.01 * 4, 1e-12); /* the shortfall if V1 gave nothing */

    double expected = 4.0 - 0.001 * km * 6;
    TS_NEAR(dimacs_objective(&d), expected, 1e-9);
    match_plan *plan = ts_solve_optimal(m);
    TS_NEAR(match_plan_objective(plan), expected, 1e-9);
    match_plan_destroy(plan);
    dimacs_free(&d);
    match_model_destroy(m);
}

/* A pure network with resources, obligations, individual circles, a fixed and a forbidden
 * pair: the file's optimum is the plan's, to 1e-9 relative. */
static match_model *network_scenario(int seed)
{
    static const char *const skills[] = {"medical", "teaching", "legal"};
    unsigned r = (unsigned)seed * 2654435761u + 7u;
    match_model *m = ts_model_new();
    char id[32], c[8];
    TS_OK(m, match_model_set_policy(m, "volunteer_min_hours", 3.5));
    for (int k = 0; k < 4; ++k) {
        snprintf(id, sizeof id, "C%d", k);
        ts_community(m, id, 0.008 * k);
    }
    TS_OK(m, match_model_add_unit(m, "U0", "unit", "C1"));
    TS_OK(m, match_model_add_resource(m, "R0", "U0", "venue", 2));
    TS_OK(m, match_model_add_resource(m, "R1", "U0", "funds", 3));
    for (int v = 0; v < 25; ++v) {
        snprintf(id, sizeof id, "V%d", v);
        r = r * 1103515245u + 12345u;
        snprintf(c, sizeof c, "C%u", (r >> 16) % 4);
        ts_volunteer(m, id, c, 2 + (r >> 8) % 9);
        TS_OK(m, match_model_add_volunteer_skill(m, id, skills[(r >> 4) % 3]));
        if ((r >> 20) % 5 == 0)
            TS_OK(m, match_model_set_volunteer_max_distance(m, id, 1.0));
    }
    for (int i = 0; i < 10; ++i) {
        snprintf(id, sizeof id, "N%d", i);
        r = r * 1103515245u + 12345u;
        snprintf(c, sizeof c, "C%u", (r >> 16) % 4);
        if (i % 4 == 3) {
            ts_need(m, id, c, 1 + (int)((r >> 8) % 5), 0);
            TS_OK(m, match_model_add_need_resource(m, id, i % 8 == 3 ? "venue" : "funds", 2));
        } else {
            ts_need(m, id, c, 1 + (int)((r >> 8) % 5), 3 + (r >> 4) % 12);
            TS_OK(m, match_model_add_need_skill(m, id, skills[(r >> 12) % 3]));
        }
    }
    TS_OK(m, match_model_fix_pair(m, "V3", "N0", 1));
    TS_OK(m, match_model_forbid_pair(m, "V4", "N1"));
    return m;
}

static void test_optimum_matches_the_plan(void **state)
{
    fixture *f = *state;
    for (int seed = 1; seed <= 8; ++seed) {
        match_model *m = network_scenario(seed);
        TS_OK(m, match_model_export(m, f->path, MATCH_EXPORT_DIMACS));
        dimacs d;
        dimacs_read(&d, f->path);
        /* 2 + volunteers + resources nodes, then one per requirement slot. */
        assert_int_equal(d.nodes, 2 + 25 + 2 + 10 + 2);
        match_plan *plan = ts_solve_optimal(m);
        double want = match_plan_objective(plan), got = dimacs_objective(&d);
        if (!(fabs(got - want) <= 1e-9 * fmax(1.0, fabs(want))))
            fail_msg("seed %d: DIMACS optimum %.12g, plan %.12g", seed, got, want);
        match_plan_destroy(plan);
        dimacs_free(&d);
        match_model_destroy(m);
    }
}

static void test_coupled_scenario_is_refused(void **state)
{
    fixture *f = *state;
    match_model *m = ts_random_model(3, 8, 5); /* unit U1 must join 2 projects */
    TS_RC(MATCH_EINVAL, match_model_export(m, f->path, MATCH_EXPORT_DIMACS));
    TS_CONTAINS(match_model_errmsg(m), "not a pure network");
    TS_CONTAINS(match_model_errmsg(m), "U1");
    assert_int_equal(ts_count_entries(f->dir), 0);
    /* An all-or-nothing need, in a model otherwise a network. */
    match_model *n = network_scenario(1);
    TS_OK(n, match_model_set_need_all_or_nothing(n, "N2", 1));
    TS_RC(MATCH_EINVAL, match_model_export(n, f->path, MATCH_EXPORT_DIMACS));
    TS_CONTAINS(match_model_errmsg(n), "N2");
    assert_int_equal(ts_count_entries(f->dir), 0);
    match_model_destroy(n);
    match_model_destroy(m);
}

static void test_unwritable_path(void **state)
{
    fixture *f = *state;
    match_model *m = network_scenario(2);
    char path[400];
    snprintf(path, sizeof path, "%s/missing/net.dimacs", f->dir);
    TS_RC(MATCH_EIO, match_model_export(m, path, MATCH_EXPORT_DIMACS));
    TS_CONTAINS(match_model_errmsg(m), "missing/net.dimacs");
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_arcs_of_a_small_network, setup, teardown),
        cmocka_unit_test_setup_teardown(test_optimum_matches_the_plan, setup, teardown),
        cmocka_unit_test_setup_teardown(test_coupled_scenario_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_path, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
