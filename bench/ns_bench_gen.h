/*
 * Seeded random volunteer -> need instance for the min-cost-flow benchmarks, shared by
 * ns_bench.c and lemon_bench.cpp (valid C11 and C++) so both solve exactly the same network.
 *
 * Volunteers and needs sit at random points of a 1000 x 1000 square. Volunteer v offers
 * hours(v) in [1, 40]; need j asks demand(j) in [1, 2 * 20 * V / N] hours (so total demand is
 * about total supply) and has a priority in 1..5. Each volunteer gets `per` arcs to needs
 * drawn at random (repeats allowed: parallel arcs), capacity min(hours, demand) and cost
 * round(distance) - 100 * priority (negative = worth serving). A sink takes unused hours
 * (volunteer -> sink, uncapacitated, cost 0) and met demand (need -> sink, capacity demand,
 * cost 0). Supplies: hours(v) at each volunteer, -sum(hours) at the sink, so the problem is a
 * balanced (EQ) min-cost flow that is always feasible.
 *
 * Nodes: volunteers 0..V-1, needs V..V+N-1, sink V+N. Arcs: V * per pair arcs (volunteer by
 * volunteer), then V volunteer -> sink arcs, then N need -> sink arcs.
 */
#ifndef NS_BENCH_GEN_H
#define NS_BENCH_GEN_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct {
    size_t n_nodes, n_arcs;
    uint32_t *tail, *head;
    int64_t *cap, *cost; /* cap < 0: uncapacitated */
    int64_t *supply;
} ns_bench_instance;

static uint64_t ns_bench_rng(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t ns_bench_below(uint64_t *s, uint64_t n)
{
    return ns_bench_rng(s) % n;
}

static void ns_bench_free(ns_bench_instance *in)
{
    free(in->tail);
    free(in->head);
    free(in->cap);
    free(in->cost);
    free(in->supply);
}

/* Returns 0, or -1 if out of memory (the instance is then freed). */
static int ns_bench_generate(ns_bench_instance *in, size_t n_vol, size_t n_need, size_t per,
                             uint64_t seed)
{
    size_t n = n_vol + n_need + 1, m = n_vol * per + n_vol + n_need;
    uint64_t s = seed;
    double *px = (double *)malloc(n * sizeof(double));
    double *py = (double *)malloc(n * sizeof(double));
    int64_t *prio = (int64_t *)malloc(n * sizeof(int64_t));
    in->n_nodes = n;
    in->n_arcs = m;
    in->tail = (uint32_t *)malloc(m * sizeof(uint32_t));
    in->head = (uint32_t *)malloc(m * sizeof(uint32_t));
    in->cap = (int64_t *)malloc(m * sizeof(int64_t));
    in->cost = (int64_t *)malloc(m * sizeof(int64_t));
    in->supply = (int64_t *)calloc(n, sizeof(int64_t));
    if (!px || !py || !prio || !in->tail || !in->head || !in->cap || !in->cost || !in->supply) {
        free(px);
        free(py);
        free(prio);
        ns_bench_free(in);
        return -1;
    }
    uint64_t max_demand = n_need ? 2 * 20 * (uint64_t)n_vol / n_need : 1;
    if (max_demand < 1)
        max_demand = 1;
    int64_t total = 0;
    for (size_t v = 0; v < n_vol + n_need; v++) {
        px[v] = (double)ns_bench_below(&s, 1000000) / 1000.0;
        py[v] = (double)ns_bench_below(&s, 1000000) / 1000.0;
        if (v < n_vol) {
            in->supply[v] = 1 + (int64_t)ns_bench_below(&s, 40);
            total += in->supply[v];
        } else {
            in->supply[v] =
                -(1 + (int64_t)ns_bench_below(&s, max_demand)); /* demand, fixed below */
            prio[v] = 1 + (int64_t)ns_bench_below(&s, 5);
        }
    }
    size_t a = 0;
    for (size_t v = 0; v < n_vol && n_need > 0; v++) {
        for (size_t k = 0; k < per; k++, a++) {
            size_t j = n_vol + (size_t)ns_bench_below(&s, n_need);
            double dx = px[v] - px[j], dy = py[v] - py[j];
            int64_t demand = -in->supply[j];
            in->tail[a] = (uint32_t)v;
            in->head[a] = (uint32_t)j;
            in->cap[a] = in->supply[v] < demand ? in->supply[v] : demand;
            in->cost[a] = (int64_t)llround(sqrt(dx * dx + dy * dy)) - 100 * prio[j];
        }
    }
    for (size_t v = 0; v < n_vol; v++, a++) {
        in->tail[a] = (uint32_t)v;
        in->head[a] = (uint32_t)(n - 1);
        in->cap[a] = -1;
        in->cost[a] = 0;
    }
    for (size_t j = n_vol; j < n_vol + n_need; j++, a++) {
        in->tail[a] = (uint32_t)j;
        in->head[a] = (uint32_t)(n - 1);
        in->cap[a] = -in->supply[j];
        in->cost[a] = 0;
        in->supply[j] = 0; /* needs only pass flow on to the sink */
    }
    in->n_arcs = a;
    in->supply[n - 1] = -total;
    free(px);
    free(py);
    free(prio);
    return 0;
}

#endif
