#include "flow_levels.h"

#include <math.h>
#include <stdlib.h>

/* The solver's cost limit is (nodes + 2) * (max |cost| + 1) <= 2^60; keep a factor 4. */
static double cost_limit(const lm_flow_net *net)
{
    return ldexp(1.0, 58) / ((double)lm_ns_node_count(net->ns) + 2.0) - 1.0;
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Whether the sink arc of slot s belongs to the need of this priority that earns value. */
static bool slot_of_priority(const lm_flow_net *net, size_t need, int priority)
{
    return net->inst->model->needs.items[need].priority == priority;
}

/*
 * Prices the level of `priority`: its needs' sink arcs cost -scale / requirement, every other
 * arc 0, with scale L (the least common multiple of the requirements) when that is exact and
 * fits, else the largest scale that fits. Returns false when the level has no sink arc.
 */
static bool price_priority(lm_flow_net *net, int64_t *cost, int priority)
{
    const match_model *m = net->inst->model;
    size_t n_arcs = lm_ns_arc_count(net->ns);
    for (size_t a = 0; a < n_arcs; ++a)
        cost[a] = 0;
    double limit = cost_limit(net), smallest = INFINITY;
    uint64_t lcm = 1;
    bool whole = true, any = false;
    for (size_t i = 0; i < m->needs.len; ++i) {
        if (!slot_of_priority(net, i, priority))
            continue;
        for (size_t s = net->slot_start[i]; s < net->slot_start[i + 1]; ++s) {
            if (net->sink_arc[s] == LM_NONE)
                continue;
            double r = net->slot_requirement[s];
            any = true;
            smallest = fmin(smallest, r);
            if (!whole || r != floor(r) || r > limit) {
                whole = false;
                continue;
            }
            uint64_t step = (uint64_t)r / gcd(lcm, (uint64_t)r);
            whole = (double)lcm * (double)step <= limit;
            if (whole)
                lcm *= step;
        }
    }
    if (!any)
        return false;
    double scale = whole ? (double)lcm : limit * smallest;
    for (size_t i = 0; i < m->needs.len; ++i) {
        if (!slot_of_priority(net, i, priority))
            continue;
        for (size_t s = net->slot_start[i]; s < net->slot_start[i + 1]; ++s)
            if (net->sink_arc[s] != LM_NONE)
                cost[net->sink_arc[s]] = -(int64_t)llround(scale / net->slot_requirement[s]);
    }
    return true;
}

/* Prices the cost level: every arc its own cost except the sink arcs (their value belongs to
 * the priority levels), scaled as large as the limit allows. */
static void price_costs(lm_flow_net *net, int64_t *cost, const bool *sink)
{
    size_t n_arcs = lm_ns_arc_count(net->ns);
    double largest = 0.0;
    for (size_t a = 0; a < n_arcs; ++a)
        if (!sink[a])
            largest = fmax(largest, fabs(net->arcs[a].cost));
    double scale = fmin(1e12, (cost_limit(net) + 1.0) / (largest + 1.0));
    for (size_t a = 0; a < n_arcs; ++a)
        cost[a] = sink[a] ? 0 : (int64_t)llround(net->arcs[a].cost * scale);
}

static int apply_costs(lm_flow_net *net, const int64_t *cost)
{
    size_t n_arcs = lm_ns_arc_count(net->ns);
    for (size_t a = 0; a < n_arcs; ++a) {
        int rc = lm_ns_set_cost(net->ns, a, cost[a]);
        if (rc != LM_NS_OK)
            return rc;
    }
    return LM_NS_OK;
}

/* Fixes every arc of non-zero reduced cost at its flow (see flow_levels.h). The solution
 * is read in full first: changing a bound discards it. `fixed` has room for every arc and
 * receives the flows, LM_NS_INF marking the arcs left free. */
static int keep_optimal_face(lm_flow_net *net, const int64_t *cost, int64_t *fixed)
{
    size_t n_arcs = lm_ns_arc_count(net->ns);
    for (size_t a = 0; a < n_arcs; ++a) {
        /* |potential| <= 2^61 and |cost| <= 2^58: the sum fits in 64 bits. */
        int64_t reduced = cost[a] + lm_ns_potential(net->ns, net->arcs[a].tail) -
                          lm_ns_potential(net->ns, net->arcs[a].head);
        fixed[a] = reduced != 0 ? lm_ns_flow(net->ns, a) : LM_NS_INF;
    }
    for (size_t a = 0; a < n_arcs; ++a) {
        if (fixed[a] == LM_NS_INF)
            continue;
        int rc = lm_ns_set_bounds(net->ns, a, fixed[a], fixed[a]);
        if (rc != LM_NS_OK)
            return rc;
    }
    return LM_NS_OK;
}

int lm_flow_solve_levels(lm_flow_net *net, lm_solution *sol)
{
    const match_model *m = net->inst->model;
    size_t n_arcs = lm_ns_arc_count(net->ns);
    int64_t *cost = malloc((n_arcs ? n_arcs : 1) * sizeof *cost);
    int64_t *fixed = malloc((n_arcs ? n_arcs : 1) * sizeof *fixed);
    bool *sink = calloc(n_arcs ? n_arcs : 1, sizeof *sink);
    if (cost == NULL || fixed == NULL || sink == NULL) {
        free(cost);
        free(fixed);
        free(sink);
        return LM_NS_NOMEM;
    }
    for (size_t s = 0; s < net->slot_start[m->needs.len]; ++s)
        if (net->sink_arc[s] != LM_NONE)
            sink[net->sink_arc[s]] = true;
    int rc = LM_NS_OK;
    for (int level = 0; rc == LM_NS_OK && level < LM_PRIORITY_LEVELS; ++level) {
        int priority = LM_PRIORITY_LEVELS - level;
        if (!(m->policy.priority_weights[priority - 1] > 0) || !price_priority(net, cost, priority))
            continue;
        rc = apply_costs(net, cost);
        if (rc == LM_NS_OK)
            rc = lm_ns_solve(net->ns);
        if (rc == LM_NS_OPTIMAL)
            rc = keep_optimal_face(net, cost, fixed);
    }
    if (rc == LM_NS_OK) {
        price_costs(net, cost, sink);
        rc = apply_costs(net, cost);
    }
    if (rc == LM_NS_OK)
        rc = lm_ns_solve(net->ns);
    free(cost);
    free(fixed);
    free(sink);
    if (rc != LM_NS_OPTIMAL)
        return rc;
    if (lm_flow_extract(net, sol) != MATCH_OK)
        return LM_NS_NOMEM;
    sol->status = MATCH_STATUS_OPTIMAL;
    for (int level = 0; level < LM_LEVELS; ++level)
        sol->level_optimal[level] = true;
    /* The plan recomputes the objective; the weighted one has no bound in this mode. */
    sol->objective = NAN;
    sol->bound = NAN;
    return LM_NS_OPTIMAL;
}
