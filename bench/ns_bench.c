/*
 * Benchmark of the network simplex solver on a seeded random volunteer -> need instance
 * (ns_bench_gen.h).
 *
 *   ns_bench VOLUNTEERS NEEDS ARCS_PER_VOLUNTEER SEED
 *
 * prints the instance size, the wall-clock seconds to load it into the solver and to solve it,
 * the number of pivots and the optimal objective. Timings live here, never in unit tests.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "libmatch/flow/network_simplex.h"
#include "ns_bench_gen.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int parse_size(const char *s, size_t *out)
{
    char *end = NULL;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end != '\0')
        return -1;
    *out = (size_t)v;
    return 0;
}

int main(int argc, char **argv)
{
    size_t n_vol, n_need, per, seed;
    if (argc != 5 || parse_size(argv[1], &n_vol) || parse_size(argv[2], &n_need) ||
        parse_size(argv[3], &per) || parse_size(argv[4], &seed)) {
        fprintf(stderr, "usage: %s VOLUNTEERS NEEDS ARCS_PER_VOLUNTEER SEED\n", argv[0]);
        return 2;
    }
    ns_bench_instance in;
    if (ns_bench_generate(&in, n_vol, n_need, per, (uint64_t)seed) != 0) {
        fprintf(stderr, "out of memory generating the instance\n");
        return 1;
    }
    double t0 = now_seconds();
    lm_ns *ns = lm_ns_create(in.n_nodes, in.n_arcs);
    if (ns == NULL) {
        fprintf(stderr, "out of memory creating the solver\n");
        ns_bench_free(&in);
        return 1;
    }
    for (size_t a = 0; a < in.n_arcs; a++) {
        int64_t up = in.cap[a] < 0 ? LM_NS_INF : in.cap[a];
        if (lm_ns_add_arc(ns, in.tail[a], in.head[a], 0, up, in.cost[a]) != LM_NS_OK) {
            fprintf(stderr, "add_arc failed\n");
            return 1;
        }
    }
    for (size_t v = 0; v < in.n_nodes; v++)
        lm_ns_set_supply(ns, v, in.supply[v]);
    double t1 = now_seconds();
    int st = lm_ns_solve(ns);
    double t2 = now_seconds();
    int64_t obj = 0;
    if (st == LM_NS_OPTIMAL)
        lm_ns_total_cost_exact(ns, &obj);
    printf("instance: %zu volunteers, %zu needs, %zu arcs per volunteer, seed %zu: %zu nodes, "
           "%zu arcs\n",
           n_vol, n_need, per, seed, in.n_nodes, in.n_arcs);
    printf("status %d  load %.3f s  solve %.3f s  pivots %" PRIu64 "  objective %" PRId64 "\n", st,
           t1 - t0, t2 - t1, lm_ns_pivot_count(ns), obj);
    lm_ns_destroy(ns);
    ns_bench_free(&in);
    return st == LM_NS_OPTIMAL ? 0 : 1;
}
