/*
 * The network simplex solver (libmatch/flow/network_simplex.h): small instances solved by
 * hand, error handling, allocation failures (malloc/calloc/realloc are wrapped with
 * -Wl,--wrap=... so a chosen call can fail), and seeded random instances cross-checked against
 * an independent reference solver in this file (successive shortest paths with Bellman-Ford):
 * equal status and optimal cost, feasible flows, and potentials that satisfy complementary
 * slackness, also after warm-started re-solves with changed costs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "libmatch/flow/network_simplex.h"

/* ---- allocation failure injection ------------------------------------------------------- */

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *ptr, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *ptr, size_t size);

/* -1: never fail; otherwise the number of allocations that still succeed before every
 * further one fails (until the countdown is reset to -1). */
static long alloc_countdown = -1;
static long alloc_failures = 0;

static bool alloc_should_fail(void)
{
    if (alloc_countdown < 0)
        return false;
    if (alloc_countdown == 0) {
        alloc_failures++;
        return true;
    }
    alloc_countdown--;
    return false;
}

void *__wrap_malloc(size_t size)
{
    return alloc_should_fail() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t count, size_t size)
{
    return alloc_should_fail() ? NULL : __real_calloc(count, size);
}

void *__wrap_realloc(void *ptr, size_t size)
{
    return alloc_should_fail() ? NULL : __real_realloc(ptr, size);
}

/* ---- problem description shared by the hand-made and random tests ----------------------- */

#define MAX_N 40
#define MAX_M 240

typedef struct {
    int n, m;
    lm_ns_supply_type type;
    int tail[MAX_M], head[MAX_M];
    int64_t lower[MAX_M], upper[MAX_M], cost[MAX_M];
    int64_t supply[MAX_N];
} problem;

static void pb_init(problem *p, int n, lm_ns_supply_type type)
{
    memset(p, 0, sizeof *p);
    p->n = n;
    p->type = type;
}

static int pb_arc(problem *p, int tail, int head, int64_t lower, int64_t upper, int64_t cost)
{
    assert_true(p->m < MAX_M);
    int a = p->m++;
    p->tail[a] = tail;
    p->head[a] = head;
    p->lower[a] = lower;
    p->upper[a] = upper;
    p->cost[a] = cost;
    return a;
}

static lm_ns *pb_build(const problem *p)
{
    lm_ns *ns = lm_ns_create((size_t)p->n, (size_t)p->m);
    assert_non_null(ns);
    assert_int_equal(lm_ns_set_supply_type(ns, p->type), LM_NS_OK);
    for (int v = 0; v < p->n; v++)
        assert_int_equal(lm_ns_set_supply(ns, (size_t)v, p->supply[v]), LM_NS_OK);
    for (int a = 0; a < p->m; a++) {
        assert_int_equal(lm_ns_arc_count(ns), (size_t)a);
        assert_int_equal(lm_ns_add_arc(ns, (size_t)p->tail[a], (size_t)p->head[a], p->lower[a],
                                       p->upper[a], p->cost[a]),
                         LM_NS_OK);
    }
    return ns;
}

/*
 * Checks an optimal answer: bounds, conservation for the supply type, complementary slackness
 * of the potentials, and the exact total cost equal to expect_cost.
 */
static void check_optimal(const lm_ns *ns, const problem *p, int64_t expect_cost)
{
    int64_t net[MAX_N] = {0};
    int64_t total = 0;
    for (int a = 0; a < p->m; a++) {
        int64_t f = lm_ns_flow(ns, (size_t)a);
        assert_true(f >= p->lower[a]);
        assert_true(p->upper[a] == LM_NS_INF || f <= p->upper[a]);
        net[p->tail[a]] += f;
        net[p->head[a]] -= f;
        total += f * p->cost[a];
        int64_t rc = p->cost[a] + lm_ns_potential(ns, (size_t)p->tail[a]) -
                     lm_ns_potential(ns, (size_t)p->head[a]);
        if (f > p->lower[a])
            assert_true(rc <= 0);
        if (p->upper[a] == LM_NS_INF || f < p->upper[a])
            assert_true(rc >= 0);
    }
    for (int v = 0; v < p->n; v++) {
        int64_t pi = lm_ns_potential(ns, (size_t)v);
        switch (p->type) {
        case LM_NS_SUPPLY_EQ:
            assert_true(net[v] == p->supply[v]);
            break;
        case LM_NS_SUPPLY_LEQ:
            assert_true(net[v] <= p->supply[v]);
            assert_true(pi >= 0);
            if (net[v] < p->supply[v])
                assert_true(pi == 0);
            break;
        case LM_NS_SUPPLY_GEQ:
            assert_true(net[v] >= p->supply[v]);
            assert_true(pi <= 0);
            if (net[v] > p->supply[v])
                assert_true(pi == 0);
            break;
        }
    }
    int64_t exact = 0;
    assert_int_equal(lm_ns_total_cost_exact(ns, &exact), LM_NS_OK);
    assert_true(exact == total);
    assert_true(lm_ns_total_cost(ns) == (double)total);
    assert_true(total == expect_cost);
}

static void solve_expect(const problem *p, int expect_status, int64_t expect_cost)
{
    lm_ns *ns = pb_build(p);
    int st = lm_ns_solve(ns);
    assert_int_equal(st, expect_status);
    assert_int_equal(lm_ns_status(ns), expect_status);
    if (st == LM_NS_OPTIMAL)
        check_optimal(ns, p, expect_cost);
    lm_ns_destroy(ns);
}

/* ---- hand-computed instances ------------------------------------------------------------ */

/*
 * Transportation 2 x 3: supplies 20, 30; demands 10, 25, 15.
 * costs  s0: 8 6 10     s1: 9 12 13
 * s0 must ship 20 and s1 30. Optimum (checked by enumerating the basis): s0 -> d1 20,
 * s1 -> d0 10, s1 -> d1 5, s1 -> d2 15: 120 + 90 + 60 + 195 = 465.
 */
/* The stop hook: asked before the solve and every LM_NS_STOP_PIVOTS pivots; a stop ends the
 * solve with LM_NS_STOPPED and no solution, and the next solve without a stop is exact. */
typedef struct stop_after {
    int calls, stop_at;
} stop_after;

static int stop_hook(void *payload)
{
    stop_after *s = payload;
    return ++s->calls >= s->stop_at;
}

static void test_stop_hook(void **state)
{
    (void)state;
    /* An assignment of 500 x 500 with scattered costs: more than 1,024 pivots. */
    const size_t n = 500;
    lm_ns *ns = lm_ns_create(2 * n, n * n);
    assert_non_null(ns);
    for (size_t i = 0; i < n; ++i) {
        assert_int_equal(lm_ns_set_supply(ns, i, 1), LM_NS_OK);
        assert_int_equal(lm_ns_set_supply(ns, n + i, -1), LM_NS_OK);
        for (size_t j = 0; j < n; ++j)
            assert_int_equal(
                lm_ns_add_arc(ns, i, n + j, 0, 1, (int64_t)((i * 7919 + j * 104729) % 1000)),
                LM_NS_OK);
    }
    stop_after first = {0, 1};
    lm_ns_set_stop(ns, stop_hook, &first);
    assert_int_equal(lm_ns_solve(ns), LM_NS_STOPPED);
    assert_int_equal(first.calls, 1);
    assert_int_equal(lm_ns_pivot_count(ns), 0);

    stop_after later = {0, 2};
    lm_ns_set_stop(ns, stop_hook, &later);
    assert_int_equal(lm_ns_solve(ns), LM_NS_STOPPED);
    assert_int_equal(later.calls, 2);
    assert_int_equal(lm_ns_pivot_count(ns), LM_NS_STOP_PIVOTS);
    assert_int_equal(lm_ns_status(ns), LM_NS_STOPPED);
    assert_true(lm_ns_flow(ns, 0) == 0); /* no solution after a stop */

    stop_after never = {0, 1 << 30};
    lm_ns_set_stop(ns, stop_hook, &never);
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
    uint64_t pivots = lm_ns_pivot_count(ns);
    assert_true(pivots > LM_NS_STOP_PIVOTS);
    assert_int_equal(never.calls, 1 + (int)(pivots / LM_NS_STOP_PIVOTS));
    double with_hook = lm_ns_total_cost(ns);
    lm_ns_set_stop(ns, NULL, NULL);
    assert_int_equal(lm_ns_set_supply(ns, 0, 1), LM_NS_OK); /* a cold start again */
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
    assert_true(lm_ns_total_cost(ns) == with_hook);
    lm_ns_destroy(ns);
}

static void test_transportation_2x3(void **state)
{
    (void)state;
    problem p;
    pb_init(&p, 5, LM_NS_SUPPLY_EQ);
    p.supply[0] = 20;
    p.supply[1] = 30;
    p.supply[2] = -10;
    p.supply[3] = -25;
    p.supply[4] = -15;
    const int64_t cost[2][3] = {{8, 6, 10}, {9, 12, 13}};
    for (int s = 0; s < 2; s++)
        for (int d = 0; d < 3; d++)
            pb_arc(&p, s, 2 + d, 0, LM_NS_INF, cost[s][d]);
    solve_expect(&p, LM_NS_OPTIMAL, 465);

    lm_ns *ns = pb_build(&p);
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
    assert_int_equal(lm_ns_flow(ns, 1), 20); /* s0 -> d1 */
    assert_int_equal(lm_ns_flow(ns, 3), 10); /* s1 -> d0 */
    assert_int_equal(lm_ns_flow(ns, 4), 5);  /* s1 -> d1 */
    assert_int_equal(lm_ns_flow(ns, 5), 15); /* s1 -> d2 */
    assert_int_equal(lm_ns_flow(ns, 0), 0);
    assert_int_equal(lm_ns_flow(ns, 2), 0);
    assert_true(lm_ns_total_cost(ns) == 465.0);
    lm_ns_destroy(ns);
}

/*
 * Assignment 3 x 3, costs
 *   4 1 3
 *   2 0 5
 *   3 2 2
 * Optimum 5: (0,1) 1 + (1,0) 2 + (2,2) 2.
 */
static void test_assignment_3x3(void **state)
{
    (void)state;
    problem p;
    pb_init(&p, 6, LM_NS_SUPPLY_EQ);
    const int64_t cost[3][3] = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
    for (int i = 0; i < 3; i++) {
        p.supply[i] = 1;
        p.supply[3 + i] = -1;
        for (int j = 0; j < 3; j++)
            pb_arc(&p, i, 3 + j, 0, 1, cost[i][j]);
    }
    solve_expect(&p, LM_NS_OPTIMAL, 5);
    lm_ns *ns = pb_build(&p);
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
    assert_int_equal(lm_ns_flow(ns, 0 * 3 + 1), 1);
    assert_int_equal(lm_ns_flow(ns, 1 * 3 + 0), 1);
    assert_int_equal(lm_ns_flow(ns, 2 * 3 + 2), 1);
    lm_ns_destroy(ns);
}

/* Demand 10 but the only arc carries at most 6; unbalanced supplies; reversed bounds. */
static void test_infeasible(void **state)
{
    (void)state;
    problem p;
    pb_init(&p, 2, LM_NS_SUPPLY_EQ);
    p.supply[0] = 10;
    p.supply[1] = -10;
    pb_arc(&p, 0, 1, 0, 6, 1);
    solve_expect(&p, LM_NS_INFEASIBLE, 0);

    p.upper[0] = 10;
    p.supply[1] = -9; /* sum 1 != 0 */
    solve_expect(&p, LM_NS_INFEASIBLE, 0);

    p.supply[1] = -10;
    p.lower[0] = 11; /* lower > upper */
    solve_expect(&p, LM_NS_INFEASIBLE, 0);

    /* No path at all: 0 and 1 are not connected. */
    pb_init(&p, 3, LM_NS_SUPPLY_EQ);
    p.supply[0] = 1;
    p.supply[1] = -1;
    pb_arc(&p, 1, 0, 0, 5, 1);
    pb_arc(&p, 2, 1, 0, 5, 1);
    solve_expect(&p, LM_NS_INFEASIBLE, 0);

    /* LEQ needs sum >= 0, GEQ needs sum <= 0. */
    pb_init(&p, 2, LM_NS_SUPPLY_LEQ);
    p.supply[0] = 1;
    p.supply[1] = -2;
    pb_arc(&p, 0, 1, 0, LM_NS_INF, 1);
    solve_expect(&p, LM_NS_INFEASIBLE, 0);
    pb_init(&p, 2, LM_NS_SUPPLY_GEQ);
    p.supply[0] = 2;
    p.supply[1] = -1;
    pb_arc(&p, 0, 1, 0, LM_NS_INF, 1);
    solve_expect(&p, LM_NS_INFEASIBLE, 0);
}

/*
 * Lower bounds: 0 -> 1 (cost 5, at least 4), 0 -> 2 -> 1 (cost 1 + 1, at most 10),
 * supply 6 at 0, demand 6 at 1: 4 units must take the dear arc, 2 go round: 20 + 4 = 24.
 * With a circulation arc 1 -> 0 forced to carry 3 (cost -1): 3 more units go round (cost 2
 * each, the round path still has room: 5 <= 10): 24 + 6 - 3 = 27.
 */
static void test_lower_bounds(void **state)
{
    (void)state;
    problem p;
    pb_init(&p, 3, LM_NS_SUPPLY_EQ);
    p.supply[0] = 6;
    p.supply[1] = -6;
    pb_arc(&p, 0, 1, 4, 100, 5);
    pb_arc(&p, 0, 2, 0, 10, 1);
    pb_arc(&p, 2, 1, 0, 10, 1);
    solve_expect(&p, LM_NS_OPTIMAL, 24);
    pb_arc(&p, 1, 0, 3, 3, -1);
    solve_expect(&p, LM_NS_OPTIMAL, 27);

    /* Negative lower bound: flow may run backwards on arc 0 -> 1 (down to -5), cost 2. */
    pb_init(&p, 2, LM_NS_SUPPLY_EQ);
    p.supply[0] = -3;
    p.supply[1] = 3;
    pb_arc(&p, 0, 1, -5, 5, 2);
    solve_expect(&p, LM_NS_OPTIMAL, -6);
}

/* Parallel arcs with different costs and capacities are filled cheapest first. */
static void test_parallel_arcs(void **state)
{
    (void)state;
    problem p;
    pb_init(&p, 2, LM_NS_SUPPLY_EQ);
    p.supply[0] = 10;
    p.supply[1] = -10;
    pb_arc(&p, 0, 1, 0, 3, 7);
    pb_arc(&p, 0, 1, 0, 4, 2);
    pb_arc(&p, 0, 1, 0, 5, 4);
    pb_arc(&p, 0, 1, 0, LM_NS_INF, 9);
    /* 4 * 2 + 5 * 4 + 1 * 7 = 35 */
    solve_expect(&p, LM_NS_OPTIMAL, 35);
    lm_ns *ns = pb_build(&p);
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
    assert_int_equal(lm_ns_flow(ns, 0), 1);
    assert_int_equal(lm_ns_flow(ns, 1), 4);
    assert_int_equal(lm_ns_flow(ns, 2), 5);
    assert_int_equal(lm_ns_flow(ns, 3), 0);
    lm_ns_destroy(ns);
}

/* Zero-cost cycles (uncapacitated) are harmless; negative cycles with capacity are saturated;
 * a negative self-loop too; a negative uncapacitated cycle is unbounded. */
static void test_cycles(void **state)
{
    (void)state;
    problem p;
    pb_init(&p, 3, LM_NS_SUPPLY_EQ);
    pb_arc(&p, 0, 1, 0, LM_NS_INF, 0);
    pb_arc(&p, 1, 2, 0, LM_NS_INF, 0);
    pb_arc(&p, 2, 0, 0, LM_NS_INF, 0);
    solve_expect(&p, LM_NS_OPTIMAL, 0);
    p.supply[0] = 2;
    p.supply[2] = -2;
    solve_expect(&p, LM_NS_OPTIMAL, 0);

    /* Capacitated negative cycle: 0 -> 1 -> 2 -> 0 costs 1 + 1 - 5 = -3 per unit, cap 4. */
    pb_init(&p, 3, LM_NS_SUPPLY_EQ);
    pb_arc(&p, 0, 1, 0, LM_NS_INF, 1);
    pb_arc(&p, 1, 2, 0, LM_NS_INF, 1);
    pb_arc(&p, 2, 0, 0, 4, -5);
    pb_arc(&p, 1, 1, 0, 7, -1); /* self-loop */
    solve_expect(&p, LM_NS_OPTIMAL, -12 - 7);

    /* Uncapacitated negative cycle. */
    pb_init(&p, 2, LM_NS_SUPPLY_EQ);
    pb_arc(&p, 0, 1, 0, LM_NS_INF, 1);
    pb_arc(&p, 1, 0, 0, LM_NS_INF, -2);
    solve_expect(&p, LM_NS_UNBOUNDED, 0);
    pb_init(&p, 1, LM_NS_SUPPLY_EQ);
    pb_arc(&p, 0, 0, 0, LM_NS_INF, -1);
    solve_expect(&p, LM_NS_UNBOUNDED, 0);
}

/*
 * LEQ: two volunteers (4 and 6 hours) may serve one need of 5 hours; need -> must receive at
 * least 5. Costs 3 and 1: all 5 from volunteer 1 (cost 5), volunteer 0 keeps its hours.
 * GEQ on the same data: every supply must be shipped (10 hours) but the need takes at most
 * 5: infeasible; with demand 12: 4 * 3 + 6 * 1 = 18.
 */
static void test_supply_types(void **state)
{
    (void)state;
    problem p;
    pb_init(&p, 3, LM_NS_SUPPLY_LEQ);
    p.supply[0] = 4;
    p.supply[1] = 6;
    p.supply[2] = -5;
    pb_arc(&p, 0, 2, 0, LM_NS_INF, 3);
    pb_arc(&p, 1, 2, 0, LM_NS_INF, 1);
    solve_expect(&p, LM_NS_OPTIMAL, 5);
    p.type = LM_NS_SUPPLY_GEQ;
    solve_expect(&p, LM_NS_INFEASIBLE, 0);
    p.supply[2] = -12;
    solve_expect(&p, LM_NS_OPTIMAL, 18);

    /* Benefits (negative costs) with LEQ: serve as much as is worth it. */
    pb_init(&p, 3, LM_NS_SUPPLY_LEQ);
    p.supply[0] = 4;
    p.supply[1] = 6;
    pb_arc(&p, 0, 2, 0, 3, -2);
    pb_arc(&p, 1, 2, 0, LM_NS_INF, 1);
    solve_expect(&p, LM_NS_OPTIMAL, -6);
}

/* Re-solving after cost changes (warm start) agrees with a fresh solve. */
static void test_warm_start(void **state)
{
    (void)state;
    problem p;
    pb_init(&p, 5, LM_NS_SUPPLY_EQ);
    p.supply[0] = 20;
    p.supply[1] = 30;
    p.supply[2] = -10;
    p.supply[3] = -25;
    p.supply[4] = -15;
    const int64_t cost[2][3] = {{8, 6, 10}, {9, 12, 13}};
    for (int s = 0; s < 2; s++)
        for (int d = 0; d < 3; d++)
            pb_arc(&p, s, 2 + d, 0, LM_NS_INF, cost[s][d]);
    lm_ns *ns = pb_build(&p);
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
    /* Make s1 -> d1 very cheap: s1 ships d1 fully (25), the rest 5 to d0; s0: d0 5, d2 15. */
    assert_int_equal(lm_ns_set_cost(ns, 4, 1), LM_NS_OK);
    p.cost[4] = 1;
    assert_int_equal(lm_ns_status(ns), LM_NS_INVALID);
    assert_int_equal(lm_ns_flow(ns, 4), 0); /* no solution until the next solve */
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
    check_optimal(ns, &p, 5 * 8 + 15 * 10 + 5 * 9 + 25 * 1);
    /* Costs far larger than before (big-M must grow). */
    for (int a = 0; a < 6; a++) {
        p.cost[a] = (a + 1) * 1000000;
        assert_int_equal(lm_ns_set_cost(ns, (size_t)a, p.cost[a]), LM_NS_OK);
    }
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
    lm_ns *fresh = pb_build(&p);
    assert_int_equal(lm_ns_solve(fresh), LM_NS_OPTIMAL);
    int64_t a_cost = 0, b_cost = 0;
    assert_int_equal(lm_ns_total_cost_exact(ns, &a_cost), LM_NS_OK);
    assert_int_equal(lm_ns_total_cost_exact(fresh, &b_cost), LM_NS_OK);
    assert_true(a_cost == b_cost);
    check_optimal(ns, &p, b_cost);
    /* A supply change forces a cold start and still works. */
    assert_int_equal(lm_ns_set_supply(ns, 0, 25), LM_NS_OK);
    assert_int_equal(lm_ns_set_supply(ns, 4, -20), LM_NS_OK);
    p.supply[0] = 25;
    p.supply[4] = -20;
    lm_ns_destroy(fresh);
    fresh = pb_build(&p);
    assert_int_equal(lm_ns_solve(fresh), LM_NS_OPTIMAL);
    assert_int_equal(lm_ns_total_cost_exact(fresh, &b_cost), LM_NS_OK);
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
    check_optimal(ns, &p, b_cost);
    lm_ns_destroy(fresh);
    lm_ns_destroy(ns);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    lm_ns_destroy(NULL);
    assert_null(lm_ns_create(LM_NS_MAX_NODES + 1, 0));
    assert_int_equal(lm_ns_solve(NULL), LM_NS_INVALID);
    assert_int_equal(lm_ns_status(NULL), LM_NS_INVALID);
    assert_int_equal(lm_ns_arc_count(NULL), 0);

    lm_ns *ns = lm_ns_create(2, 0);
    assert_non_null(ns);
    assert_int_equal(lm_ns_node_count(ns), 2);
    assert_int_equal(lm_ns_status(ns), LM_NS_INVALID);
    assert_int_equal(lm_ns_add_arc(ns, 0, 2, 0, 1, 0), LM_NS_INVALID);
    assert_int_equal(lm_ns_add_arc(ns, 2, 0, 0, 1, 0), LM_NS_INVALID);
    assert_int_equal(lm_ns_add_arc(ns, 0, 1, 0, 1, LM_NS_MAX_COST + 1), LM_NS_INVALID);
    assert_int_equal(lm_ns_add_arc(ns, 0, 1, -LM_NS_MAX_VALUE - 1, 1, 0), LM_NS_INVALID);
    assert_int_equal(lm_ns_add_arc(ns, 0, 1, 0, LM_NS_MAX_VALUE + 1, 0), LM_NS_INVALID);
    assert_int_equal(lm_ns_arc_count(ns), 0);
    assert_int_equal(lm_ns_set_supply(ns, 2, 1), LM_NS_INVALID);
    assert_int_equal(lm_ns_set_supply(ns, 0, LM_NS_MAX_VALUE + 1), LM_NS_INVALID);
    assert_int_equal(lm_ns_set_cost(ns, 0, 1), LM_NS_INVALID);
    assert_int_equal(lm_ns_set_bounds(ns, 0, 0, 1), LM_NS_INVALID);
    assert_int_equal(lm_ns_set_supply_type(ns, (lm_ns_supply_type)7), LM_NS_INVALID);

    /* Costs too large for the node count: (n + 2) * (C + 1) > 2^60. */
    assert_int_equal(lm_ns_add_arc(ns, 0, 1, 0, 1, LM_NS_MAX_COST), LM_NS_OK);
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL); /* 4 * (2^50 + 1) fits */
    lm_ns_destroy(ns);
    ns = lm_ns_create(2000, 0);
    assert_non_null(ns);
    assert_int_equal(lm_ns_add_arc(ns, 0, 1, 0, 1, LM_NS_MAX_COST), LM_NS_OK);
    assert_int_equal(lm_ns_solve(ns), LM_NS_RANGE);
    assert_int_equal(lm_ns_flow(ns, 0), 0);
    assert_int_equal(lm_ns_set_cost(ns, 0, 5), LM_NS_OK);
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
    /* Flows that could overflow: many arcs with huge capacities. */
    for (int i = 0; i < 5; i++)
        assert_int_equal(lm_ns_add_arc(ns, 0, 1, 0, LM_NS_MAX_VALUE, -1), LM_NS_OK);
    assert_int_equal(lm_ns_solve(ns), LM_NS_RANGE);
    int64_t out = 0;
    assert_int_equal(lm_ns_total_cost_exact(ns, &out), LM_NS_INVALID);
    lm_ns_destroy(ns);

    /* No nodes at all. */
    ns = lm_ns_create(0, 0);
    assert_non_null(ns);
    assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
    assert_true(lm_ns_total_cost(ns) == 0.0);
    lm_ns_destroy(ns);
}

/* Every allocation made while building and solving fails in turn: the calls report it and the
 * object stays usable (checked under valgrind for leaks). */
static void test_allocation_failures(void **state)
{
    (void)state;
    problem p;
    pb_init(&p, 6, LM_NS_SUPPLY_EQ);
    const int64_t cost[3][3] = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
    for (int i = 0; i < 3; i++) {
        p.supply[i] = 1;
        p.supply[3 + i] = -1;
    }
    for (int k = 0; k < 200; k++) {
        alloc_failures = 0;
        alloc_countdown = k;
        lm_ns *ns = lm_ns_create(6, 0);
        if (ns == NULL) {
            alloc_countdown = -1;
            assert_true(alloc_failures >= 1);
            continue;
        }
        bool failed = false;
        for (int i = 0; i < 3; i++) {
            lm_ns_set_supply(ns, (size_t)i, 1);
            lm_ns_set_supply(ns, (size_t)(3 + i), -1);
        }
        for (int i = 0; i < 3 && !failed; i++)
            for (int j = 0; j < 3 && !failed; j++) {
                int rc = lm_ns_add_arc(ns, (size_t)i, (size_t)(3 + j), 0, 1, cost[i][j]);
                failed = rc == LM_NS_NOMEM;
                if (!failed)
                    assert_int_equal(rc, LM_NS_OK);
            }
        if (failed) {
            alloc_countdown = -1;
            lm_ns_destroy(ns);
            continue;
        }
        int st = lm_ns_solve(ns);
        long failures = alloc_failures;
        alloc_countdown = -1;
        if (st == LM_NS_NOMEM) {
            assert_true(failures >= 1);
            assert_int_equal(lm_ns_status(ns), LM_NS_NOMEM);
            assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL); /* still usable */
        } else {
            assert_int_equal(st, LM_NS_OPTIMAL);
        }
        int64_t total = 0;
        assert_int_equal(lm_ns_total_cost_exact(ns, &total), LM_NS_OK);
        assert_true(total == 5);
        lm_ns_destroy(ns);
        if (failures == 0)
            return; /* every allocation has failed once */
    }
    fail_msg("allocation countdown never reached the end of the solve");
}

/* ---- reference solver: successive shortest paths with Bellman-Ford ---------------------- */

#define REF_N (MAX_N + 1)
#define REF_M (MAX_M + MAX_N)
#define REF_INF INT64_MAX

typedef struct {
    int n, m;
    int from[REF_M], to[REF_M];
    int64_t cap[REF_M], cost[REF_M], flow[REF_M];
    int64_t need[REF_N]; /* flow that still has to leave the node (negative: arrive) */
} ref_graph;

/* Returns LM_NS_OPTIMAL with *cost_out, or LM_NS_INFEASIBLE. Needs: no arc with infinite
 * capacity and negative cost (then no negative cycle can be unbounded). */
static int ref_solve(const problem *p, int64_t *cost_out)
{
    static ref_graph g;
    memset(&g, 0, sizeof g);
    int64_t sum = 0;
    for (int v = 0; v < p->n; v++)
        sum += p->supply[v];
    if ((p->type == LM_NS_SUPPLY_EQ && sum != 0) || (p->type == LM_NS_SUPPLY_LEQ && sum < 0) ||
        (p->type == LM_NS_SUPPLY_GEQ && sum > 0))
        return LM_NS_INFEASIBLE;
    /* Extra node R absorbs (LEQ) or provides (GEQ) the unused supply. */
    const int r = p->n;
    g.n = p->n + 1;
    for (int v = 0; v < p->n; v++)
        g.need[v] = p->supply[v];
    g.need[r] = -sum;
    for (int a = 0; a < p->m; a++) {
        if (p->upper[a] != LM_NS_INF && p->upper[a] < p->lower[a])
            return LM_NS_INFEASIBLE;
        assert_true(p->upper[a] != LM_NS_INF || p->cost[a] >= 0);
        int e = g.m++;
        g.from[e] = p->tail[a];
        g.to[e] = p->head[a];
        g.cost[e] = p->cost[a];
        g.cap[e] = p->upper[a] == LM_NS_INF ? REF_INF : p->upper[a] - p->lower[a];
        g.need[p->tail[a]] -= p->lower[a];
        g.need[p->head[a]] += p->lower[a];
    }
    if (p->type != LM_NS_SUPPLY_EQ) {
        for (int v = 0; v < p->n; v++) {
            int e = g.m++;
            g.from[e] = p->type == LM_NS_SUPPLY_LEQ ? v : r;
            g.to[e] = p->type == LM_NS_SUPPLY_LEQ ? r : v;
            g.cap[e] = REF_INF;
        }
    }
    /* Saturate negative arcs: afterwards the residual graph has no negative cycle. */
    for (int e = 0; e < g.m; e++) {
        if (g.cost[e] < 0) {
            g.flow[e] = g.cap[e];
            g.need[g.from[e]] -= g.cap[e];
            g.need[g.to[e]] += g.cap[e];
        }
    }
    for (;;) {
        /* Bellman-Ford from every node that still has flow to send. Residual arc 2e is e
         * forwards, 2e + 1 is e backwards. */
        int64_t dist[REF_N];
        int via[REF_N];
        bool any = false;
        for (int v = 0; v < g.n; v++) {
            dist[v] = g.need[v] > 0 ? 0 : REF_INF;
            via[v] = -1;
            any = any || g.need[v] > 0;
        }
        if (!any)
            break;
        for (int round = 0; round < g.n; round++) {
            bool changed = false;
            for (int e = 0; e < g.m; e++) {
                int u = g.from[e], v = g.to[e];
                if (g.cap[e] == REF_INF || g.flow[e] < g.cap[e]) {
                    if (dist[u] != REF_INF && dist[u] + g.cost[e] < dist[v]) {
                        dist[v] = dist[u] + g.cost[e];
                        via[v] = 2 * e;
                        changed = true;
                    }
                }
                if (g.flow[e] > 0) {
                    if (dist[v] != REF_INF && dist[v] - g.cost[e] < dist[u]) {
                        dist[u] = dist[v] - g.cost[e];
                        via[u] = 2 * e + 1;
                        changed = true;
                    }
                }
            }
            if (!changed)
                break;
            assert_true(round < g.n - 1); /* no negative cycle */
        }
        int t = -1;
        for (int v = 0; v < g.n; v++)
            if (g.need[v] < 0 && dist[v] != REF_INF && (t < 0 || dist[v] < dist[t]))
                t = v;
        if (t < 0)
            return LM_NS_INFEASIBLE;
        /* Path bottleneck. */
        int64_t amount = -g.need[t];
        int v = t;
        while (via[v] >= 0) {
            int e = via[v] / 2;
            int64_t room;
            if (via[v] % 2 == 0) {
                room = g.cap[e] == REF_INF ? REF_INF : g.cap[e] - g.flow[e];
                v = g.from[e];
            } else {
                room = g.flow[e];
                v = g.to[e];
            }
            if (room < amount)
                amount = room;
        }
        if (g.need[v] < amount)
            amount = g.need[v];
        assert_true(amount > 0);
        g.need[v] -= amount;
        g.need[t] += amount;
        for (v = t; via[v] >= 0;) {
            int e = via[v] / 2;
            if (via[v] % 2 == 0) {
                g.flow[e] += amount;
                v = g.from[e];
            } else {
                g.flow[e] -= amount;
                v = g.to[e];
            }
        }
    }
    int64_t total = 0;
    for (int a = 0; a < p->m; a++)
        total += p->cost[a] * (p->lower[a] + g.flow[a]);
    *cost_out = total;
    return LM_NS_OPTIMAL;
}

/* ---- random cross-checks ----------------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    /* splitmix64 */
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static int64_t rng_range(int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rng_next() % (uint64_t)(hi - lo + 1));
}

static void random_problem(problem *p, uint64_t seed)
{
    rng_state = seed * 7919u + 17u;
    int kind = (int)(seed % 4); /* 0: general, 1: bipartite, 2: dense small, 3: sparse big */
    int n = kind == 3 ? (int)rng_range(15, MAX_N) : (int)rng_range(2, 10);
    lm_ns_supply_type type = (lm_ns_supply_type)rng_range(0, 2);
    pb_init(p, n, type);
    if (kind == 1) {
        int left = (int)rng_range(1, n - 1);
        for (int v = 0; v < n; v++)
            p->supply[v] = v < left ? rng_range(0, 12) : -rng_range(0, 12);
        for (int u = 0; u < left; u++)
            for (int v = left; v < n; v++)
                if (rng_range(0, 99) < 60) {
                    int64_t cost = rng_range(-5, 30);
                    bool inf = cost >= 0 && rng_range(0, 3) == 0;
                    pb_arc(p, u, v, 0, inf ? LM_NS_INF : rng_range(1, 10), cost);
                }
    } else {
        int m = kind == 2 ? (int)rng_range(n, 4 * n) : (int)rng_range(0, 3 * n);
        if (kind == 3)
            m = (int)rng_range(2 * n, MAX_M);
        for (int v = 0; v < n; v++)
            p->supply[v] = rng_range(-8, 8);
        for (int a = 0; a < m; a++) {
            int t = (int)rng_range(0, n - 1), h = (int)rng_range(0, n - 1);
            int64_t lower = rng_range(0, 9) < 7 ? 0 : rng_range(-3, 4);
            int64_t cost = rng_range(-10, 25);
            int64_t upper = lower + rng_range(0, 9);
            if (cost >= 0 && rng_range(0, 9) == 0)
                upper = LM_NS_INF;
            pb_arc(p, t, h, lower, upper, cost);
        }
    }
    /* Mostly add an uncapacitated ring so that most instances are feasible. */
    if (kind != 1 && rng_range(0, 3) != 0)
        for (int v = 0; v < n && p->m < MAX_M; v++)
            pb_arc(p, v, (v + 1) % n, 0, LM_NS_INF, rng_range(0, 30));
    /* Totals of the wrong sign are infeasible: mostly correct them. */
    if (rng_range(0, 9) != 0) {
        int64_t sum = 0;
        for (int v = 0; v < n; v++)
            sum += p->supply[v];
        if (type == LM_NS_SUPPLY_EQ || (type == LM_NS_SUPPLY_LEQ && sum < 0) ||
            (type == LM_NS_SUPPLY_GEQ && sum > 0))
            p->supply[rng_range(0, n - 1)] -= sum;
    }
}

static void test_random_against_reference(void **state)
{
    (void)state;
    int counts[3] = {0, 0, 0};
    int warm_checked = 0;
    for (uint64_t seed = 1; seed <= 200; seed++) {
        problem p;
        random_problem(&p, seed);
        int64_t ref_cost = 0;
        int ref = ref_solve(&p, &ref_cost);
        lm_ns *ns = pb_build(&p);
        int st = lm_ns_solve(ns);
        if (st != ref)
            fail_msg("seed %llu: status %d, reference %d", (unsigned long long)seed, st, ref);
        counts[st]++;
        if (st == LM_NS_OPTIMAL) {
            check_optimal(ns, &p, ref_cost);
            /* Change a third of the costs and re-solve from the previous basis. */
            for (int a = 0; a < p.m; a++) {
                if (rng_range(0, 2) != 0)
                    continue;
                int64_t c = rng_range(-10, 25);
                if (p.upper[a] == LM_NS_INF && c < 0)
                    c = -c;
                p.cost[a] = c;
                assert_int_equal(lm_ns_set_cost(ns, (size_t)a, c), LM_NS_OK);
            }
            assert_int_equal(ref_solve(&p, &ref_cost), LM_NS_OPTIMAL);
            assert_int_equal(lm_ns_solve(ns), LM_NS_OPTIMAL);
            check_optimal(ns, &p, ref_cost);
            warm_checked++;
        }
        lm_ns_destroy(ns);
    }
    print_message("random: %d optimal, %d infeasible\n", counts[0], counts[1]);
    /* The generator must exercise both outcomes. */
    assert_true(counts[LM_NS_OPTIMAL] >= 100);
    assert_true(counts[LM_NS_INFEASIBLE] >= 10);
    assert_int_equal(counts[LM_NS_UNBOUNDED], 0);
    assert_int_equal(warm_checked, counts[LM_NS_OPTIMAL]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stop_hook),
        cmocka_unit_test(test_transportation_2x3),
        cmocka_unit_test(test_assignment_3x3),
        cmocka_unit_test(test_infeasible),
        cmocka_unit_test(test_lower_bounds),
        cmocka_unit_test(test_parallel_arcs),
        cmocka_unit_test(test_cycles),
        cmocka_unit_test(test_supply_types),
        cmocka_unit_test(test_warm_start),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_random_against_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
