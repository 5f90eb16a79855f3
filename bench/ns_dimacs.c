/*
 * libmatch's network simplex alone on a DIMACS min-cost flow file (such as the network
 * `match export --dimacs` writes), the counterpart of lemon_dimacs.cpp: the same graph, the
 * same kind of timings, for profiling the solver apart from reading scenarios and writing plans.
 *
 *   ns_dimacs FILE.dimacs
 *
 * prints "ns KEY VALUE" lines: read, build and solve seconds, pivots, status and the minimum cost.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libmatch/flow/network_simplex.h"

typedef struct arc_row {
    size_t tail, head;
    int64_t lower, upper, cost;
} arc_row;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.dimacs\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    double t0 = now_seconds();
    static char line[4096];
    long nodes = -1, arcs = -1, n_arcs = 0;
    arc_row *rows = NULL;
    int64_t *supply = NULL;
    while (fgets(line, sizeof line, f) != NULL) {
        if (line[0] == 'p') {
            if (sscanf(line, "p min %ld %ld", &nodes, &arcs) != 2 || nodes < 0 || arcs < 0)
                break;
            rows = malloc(((size_t)arcs + 1) * sizeof *rows);
            supply = calloc((size_t)nodes + 1, sizeof *supply);
            if (rows == NULL || supply == NULL)
                break;
        } else if (line[0] == 'n' && supply != NULL) {
            long v;
            int64_t s;
            if (sscanf(line, "n %ld %" SCNd64, &v, &s) == 2 && v >= 1 && v <= nodes)
                supply[v - 1] = s;
        } else if (line[0] == 'a' && rows != NULL && n_arcs < arcs) {
            arc_row *r = &rows[n_arcs];
            char *p = line + 1, *end;
            r->tail = strtoull(p, &end, 10) - 1;
            r->head = strtoull(p = end, &end, 10) - 1;
            r->lower = strtoll(p = end, &end, 10);
            r->upper = strtoll(p = end, &end, 10);
            r->cost = strtoll(p = end, &end, 10);
            if (r->upper < r->lower)
                r->upper = LM_NS_INF;
            n_arcs++;
        }
    }
    fclose(f);
    if (rows == NULL || n_arcs != arcs) {
        fprintf(stderr, "%s: not a complete DIMACS min-cost flow file\n", argv[1]);
        free(rows);
        free(supply);
        return 2;
    }
    double t1 = now_seconds();
    lm_ns *ns = lm_ns_create((size_t)nodes, (size_t)arcs);
    int rc = ns == NULL ? LM_NS_NOMEM : LM_NS_OK;
    for (long a = 0; rc == LM_NS_OK && a < arcs; a++)
        rc = lm_ns_add_arc(ns, rows[a].tail, rows[a].head, rows[a].lower, rows[a].upper,
                           rows[a].cost);
    for (long v = 0; rc == LM_NS_OK && v < nodes; v++)
        rc = lm_ns_set_supply(ns, (size_t)v, supply[v]);
    free(rows);
    free(supply);
    double t2 = now_seconds();
    int st = rc == LM_NS_OK ? lm_ns_solve(ns) : rc;
    double t3 = now_seconds();
    printf("ns read %.6f s\nns build %.6f s\nns solve %.6f s\n", t1 - t0, t2 - t1, t3 - t2);
    printf("ns pivots %" PRIu64 "\n", lm_ns_pivot_count(ns));
    printf("ns status %s\n", st == LM_NS_OPTIMAL      ? "optimal"
                             : st == LM_NS_INFEASIBLE ? "infeasible"
                                                      : "error");
    int64_t cost;
    if (st == LM_NS_OPTIMAL && lm_ns_total_cost_exact(ns, &cost) == LM_NS_OK)
        printf("ns cost %" PRId64 "\n", cost);
    lm_ns_destroy(ns);
    return st == LM_NS_OPTIMAL ? 0 : 1;
}
