/*
 * Exact minimum-cost flow by the primal network simplex method.
 *
 * A standalone solver for scenarios that are pure networks (volunteer-hours flowing to needs).
 * It depends on nothing else in libmatch. Internal: the lm_ns_ prefix is private to the
 * library and never appears under include/.
 *
 * Problem. A directed graph with nodes 0..n-1 and arcs 0..m-1 (numbered in the order they are
 * added). Arc a from tail(a) to head(a) has integer bounds lower(a) <= flow(a) <= upper(a)
 * (upper may be LM_NS_INF) and an integer cost. Node v has an integer supply b(v). Minimise
 *     sum over arcs of cost(a) * flow(a)
 * subject to the bounds and, for every node v, with net(v) = outflow(v) - inflow(v):
 *     LM_NS_SUPPLY_EQ  (default)  net(v) == b(v)   (needs sum of b == 0)
 *     LM_NS_SUPPLY_LEQ            net(v) <= b(v)   (needs sum of b >= 0): supplies are upper
 *                                 limits ("at most b(v) hours"), demands -b(v) must be met
 *     LM_NS_SUPPLY_GEQ            net(v) >= b(v)   (needs sum of b <= 0): supplies must be
 *                                 shipped, demands -b(v) are upper limits
 * With EQ a caller that wants "supply may stay unused" adds a sink node and zero-cost arcs.
 *
 * Why integer costs. Network simplex adds and subtracts costs along tree paths millions of
 * times; with doubles the potentials drift and every optimality test needs a tolerance that
 * depends on the data. With int64 costs the solver is exact: the returned flow is a provably
 * optimal vertex, the potentials satisfy complementary slackness exactly, and the result is the
 * same on every platform. Callers with real costs (priority weight per hour minus a distance
 * cost) scale them, e.g. cost = llround(real_cost * 1e6), and solve the rounded problem; the
 * optimum of the rounded problem is within sum(|flow|) * 0.5 / scale of the real optimum.
 * Limits: |cost| <= LM_NS_MAX_COST and (n + 2) * (max |cost| + 1) <= 2^60 (checked by
 * lm_ns_solve, which returns LM_NS_RANGE otherwise); finite bounds and supplies have
 * magnitude <= LM_NS_MAX_VALUE, and the sum of |supply| after removing lower bounds plus the
 * sum of finite capacities (upper - lower) must be <= 2^62 (so no flow can overflow).
 *
 * Algorithm: primal network simplex on a strongly feasible spanning tree (an artificial root
 * joined to every node, big-M artificial costs), block-search pivoting (block ~ sqrt(m)),
 * spanning tree stored as parent / preorder thread / subtree size / last successor arrays.
 *
 * Ownership and threads: one lm_ns per thread; separate objects are independent (no globals).
 * The solver never prints and never aborts; allocation failure is reported as LM_NS_NOMEM and
 * leaves the object usable.
 */
#ifndef LM_NETWORK_SIMPLEX_H
#define LM_NETWORK_SIMPLEX_H

#include <stddef.h>
#include <stdint.h>

/* Opaque solver object. */
typedef struct lm_ns lm_ns;

/* Call status (negative: the call failed) and solution status (>= 0) of lm_ns_solve. */
enum {
    LM_NS_OK = 0,         /* call succeeded */
    LM_NS_OPTIMAL = 0,    /* lm_ns_solve: an optimal flow was found */
    LM_NS_INFEASIBLE = 1, /* lm_ns_solve: no flow satisfies the bounds and supplies */
    LM_NS_UNBOUNDED = 2,  /* lm_ns_solve: a negative-cost cycle of uncapacitated arcs exists */
    LM_NS_STOPPED = 3,    /* lm_ns_solve: the stop hook asked to stop; no solution */
    LM_NS_NOMEM = -1,     /* out of memory; the object is unchanged and still usable */
    LM_NS_INVALID = -2,   /* bad argument: index out of range, value outside its limit */
    LM_NS_RANGE = -3      /* the data could overflow 64-bit arithmetic (see the limits above) */
};

/* Supply types, see the top of this file. */
typedef enum { LM_NS_SUPPLY_EQ = 0, LM_NS_SUPPLY_LEQ = 1, LM_NS_SUPPLY_GEQ = 2 } lm_ns_supply_type;

/* Upper bound meaning "no capacity limit". */
#define LM_NS_INF INT64_MAX
/* Largest magnitude of a finite bound or a supply. */
#define LM_NS_MAX_VALUE ((int64_t)1 << 60)
/* Largest magnitude of an arc cost (the solve also checks (n + 2) * (max |cost| + 1) <= 2^60). */
#define LM_NS_MAX_COST ((int64_t)1 << 50)
/* Largest number of nodes; arcs are limited so that arcs + 2 * nodes < 2^32 - 1. */
#define LM_NS_MAX_NODES ((size_t)1 << 30)

/*
 * Creates a solver for a graph with n_nodes nodes (0..n_nodes-1, all supplies 0, supply type
 * EQ) and no arcs. arc_capacity_hint reserves room for that many arcs (0 is fine; arrays grow
 * as needed). Returns NULL if out of memory or n_nodes > LM_NS_MAX_NODES. Free with
 * lm_ns_destroy.
 */
lm_ns *lm_ns_create(size_t n_nodes, size_t arc_capacity_hint);

/* Frees the solver and everything it owns. NULL is accepted and ignored. */
void lm_ns_destroy(lm_ns *ns);

/* Number of nodes given to lm_ns_create. */
size_t lm_ns_node_count(const lm_ns *ns);

/* Number of arcs added so far; the next lm_ns_add_arc creates the arc with this index. */
size_t lm_ns_arc_count(const lm_ns *ns);

/*
 * Adds an arc tail -> head with lower <= flow <= upper and the given cost per unit of flow;
 * its index is lm_ns_arc_count() before the call. upper may be LM_NS_INF; lower > upper is
 * accepted and makes the problem infeasible. Self-loops and parallel arcs are allowed.
 * Returns LM_NS_OK, LM_NS_INVALID (node index out of range, |lower| or finite |upper| above
 * LM_NS_MAX_VALUE, |cost| above LM_NS_MAX_COST, too many arcs) or LM_NS_NOMEM (the arc is
 * not added).
 */
int lm_ns_add_arc(lm_ns *ns, size_t tail, size_t head, int64_t lower, int64_t upper, int64_t cost);

/*
 * The data of an arc as last set: its end nodes, bounds and cost (any pointer may be NULL).
 * Returns LM_NS_OK or LM_NS_INVALID (arc out of range).
 */
int lm_ns_get_arc(const lm_ns *ns, size_t arc, size_t *tail, size_t *head, int64_t *lower,
                  int64_t *upper, int64_t *cost);

/* The supply of a node as last set (0 for a node out of range). */
int64_t lm_ns_supply(const lm_ns *ns, size_t node);

/*
 * Changes the cost of an existing arc. Only costs changed since the last lm_ns_solve lets the
 * next solve warm-start from the previous optimal basis. Returns LM_NS_OK or LM_NS_INVALID.
 */
int lm_ns_set_cost(lm_ns *ns, size_t arc, int64_t cost);

/*
 * Changes the bounds of an existing arc (same limits as lm_ns_add_arc). The next solve starts
 * from scratch. Returns LM_NS_OK or LM_NS_INVALID.
 */
int lm_ns_set_bounds(lm_ns *ns, size_t arc, int64_t lower, int64_t upper);

/*
 * Sets the supply of a node: positive = it provides flow, negative = it demands flow.
 * The next solve starts from scratch. Returns LM_NS_OK or LM_NS_INVALID (node out of range,
 * |supply| > LM_NS_MAX_VALUE).
 */
int lm_ns_set_supply(lm_ns *ns, size_t node, int64_t supply);

/*
 * Chooses how supplies constrain nodes (see the top of this file; default EQ). The next solve
 * starts from scratch. Returns LM_NS_OK or LM_NS_INVALID.
 */
int lm_ns_set_supply_type(lm_ns *ns, lm_ns_supply_type type);

/*
 * Solves the problem. Returns a solution status: LM_NS_OPTIMAL, LM_NS_INFEASIBLE or
 * LM_NS_UNBOUNDED (a cycle of negative cost whose arcs all have upper == LM_NS_INF; reported
 * as soon as it is found, feasibility is then not decided); or a call status: LM_NS_NOMEM or
 * LM_NS_RANGE (see the limits at the top of this file). If only arc costs changed since the
 * previous call that returned LM_NS_OPTIMAL, the solve continues from that basis (warm
 * start); any other change (arcs, bounds, supplies, supply type) restarts from scratch.
 * No polynomial bound on the number of pivots is guaranteed (none is known for practical
 * pivot rules); in practice it grows roughly linearly with the number of arcs.
 */
int lm_ns_solve(lm_ns *ns);

/* Status returned by the last lm_ns_solve (LM_NS_INVALID if it was never called). */
int lm_ns_status(const lm_ns *ns);

/*
 * Flow on an arc in the optimal solution. Valid only after lm_ns_solve returned
 * LM_NS_OPTIMAL and before the problem is changed; otherwise (or for an arc out of range)
 * returns 0.
 */
int64_t lm_ns_flow(const lm_ns *ns, size_t arc);

/*
 * Optimal dual value (potential) pi of a node, same validity as lm_ns_flow. With the reduced
 * cost rc(a) = cost(a) + pi(tail) - pi(head), every arc satisfies
 *     flow(a) > lower(a)  =>  rc(a) <= 0,        flow(a) < upper(a)  =>  rc(a) >= 0,
 * and the nodes satisfy: LEQ: pi(v) >= 0, and pi(v) == 0 if net(v) < b(v); GEQ: pi(v) <= 0,
 * and pi(v) == 0 if net(v) > b(v); EQ: no sign condition (potentials of each connected
 * component are then only defined up to a common constant; nodes whose tree path runs through
 * a zero-flow artificial arc may carry the large artificial cost, still a valid dual).
 * Returns 0 for a node out of range or without an optimal solution.
 */
int64_t lm_ns_potential(const lm_ns *ns, size_t node);

/*
 * Total cost sum(cost * flow) of the optimal solution as a double (exact while the value and
 * every partial sum stay below 2^53 in magnitude). 0 without an optimal solution.
 */
double lm_ns_total_cost(const lm_ns *ns);

/*
 * Exact total cost into *out. Returns LM_NS_OK, LM_NS_RANGE (it does not fit in int64_t;
 * *out untouched) or LM_NS_INVALID (no optimal solution, or a NULL argument).
 */
int lm_ns_total_cost_exact(const lm_ns *ns, int64_t *out);

/*
 * The arc as it was added (or last changed): its end nodes, bounds and cost. For callers that
 * walk the residual network of an optimal flow (libmatch/explain). Returns LM_NS_OK or
 * LM_NS_INVALID (arc out of range).
 */
int lm_ns_arc(const lm_ns *ns, size_t arc, size_t *tail, size_t *head, int64_t *lower,
              int64_t *upper, int64_t *cost);

/*
 * A hook asked by lm_ns_solve before it starts and then every LM_NS_STOP_PIVOTS pivots; when
 * it returns non-zero the solve stops with LM_NS_STOPPED (the next solve starts from
 * scratch). NULL removes it. The hook should be cheap: it is a counter away from the pivots.
 */
#define LM_NS_STOP_PIVOTS 1024u
void lm_ns_set_stop(lm_ns *ns, int (*stop)(void *payload), void *payload);

/* Number of simplex pivots made by the last lm_ns_solve (including warm-started ones). */
uint64_t lm_ns_pivot_count(const lm_ns *ns);

#endif
