/*
 * Cheapest ways to absorb one more unit of flow, read off an optimal min-cost flow.
 *
 * After lm_ns_solve() returned LM_NS_OPTIMAL, the residual network (every arc that may still
 * carry more flow forward, or give some back) has no negative cycle, and the solver's node
 * potentials make every residual arc's reduced cost non-negative. Dijkstra's algorithm on the
 * reduced costs therefore finds, for every node u, the exact cost of the cheapest residual
 * path from u to a target. Injecting one extra unit at u and routing it along that path is an
 * optimal way to re-solve with that unit (successive shortest paths), so this cost is the
 * exact change of the optimum for one more unit at u, not an estimate from the duals.
 */
#ifndef LM_RESIDUAL_PATHS_H
#define LM_RESIDUAL_PATHS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../flow/network_simplex.h"

/* No residual path to a target. */
#define LM_RP_UNREACHABLE INT64_MAX

typedef struct lm_residual_paths {
    size_t n_nodes;
    int64_t *cost;    /* per node: cost (solver units) of the cheapest path to a target */
    size_t *next;     /* per node: the next node on that path; (size_t)-1 at a target */
    size_t *next_arc; /* per node: the arc taken to next, forward or backward */
} lm_residual_paths;

/*
 * Computes the cheapest residual paths from every node to either target (each a node whose
 * own cost is 0: the flow's sink, and a source whose unused supply may grow). skip_arc is an
 * arc left out of the residual network ((size_t)-1: none), such as the arc that carries the
 * unused supply, which the two targets already stand for. Returns LM_NS_OK, LM_NS_NOMEM, or
 * LM_NS_INVALID when the solver holds no optimal flow or its potentials do not prove it
 * optimal (which would be a solver bug).
 */
int lm_residual_paths_build(lm_residual_paths *out, const lm_ns *ns, size_t target_a,
                            size_t target_b, size_t skip_arc);
void lm_residual_paths_free(lm_residual_paths *rp);

#endif
