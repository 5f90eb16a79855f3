/*
 * Primal network simplex for minimum-cost flow (see network_simplex.h for the problem).
 *
 * Internal problem. GEQ is turned into LEQ by reversing every arc and negating the supplies
 * (potentials are negated back on output). Lower bounds are removed by shifting supplies, so
 * internally 0 <= x <= cap. Node n is an artificial root. Internal arcs:
 *   [0, m)            the real arcs, stored in a mixed order (pos[] maps a user arc to its
 *                     slot) so that one pricing block sees arcs of many different nodes;
 *   [m, m + n)        one zero-cost, uncapacitated arc v -> root per node: the slack of the
 *                     LEQ constraint (priced), or in EQ mode a starting arc only (not priced);
 *   [m + n, ...)      one big-M arc root -> v per node with negative shifted supply.
 * The starting tree holds, for each node v, the v -> root arc carrying b(v) >= 0 or the
 * big-M arc carrying -b(v) > 0. Every zero-flow tree arc then points towards the root, so a
 * positive amount can be sent from any node to the root: the tree is strongly feasible, and
 * choosing as leaving arc the last blocking arc met when walking the pivot cycle in the flow
 * direction from its apex keeps it so. This rules out cycling without any perturbation.
 * big-M = (n + 2) * (max |cost| + 1) exceeds the cost of any simple path, so a big-M arc
 * carries flow at the optimum only if the problem is infeasible.
 *
 * Tree storage (all indexed by node, root included): parent, pred (arc to the parent), dir
 * (+1 if pred points from the node to its parent, -1 otherwise), thread (successor in a
 * preorder walk, circular through the root), rev (predecessor in that walk), size (nodes in
 * the subtree) and last (last node of the subtree in preorder, so the subtree is the thread
 * segment from the node to last). Potentials satisfy cost + pi(src) - pi(dst) = 0 on tree arcs.
 *
 * Arithmetic is exact in int64_t; the limits checked before solving keep every flow below
 * 2^62 and every potential below 2^61 in magnitude, so reduced costs cannot overflow.
 */
#include "libmatch/flow/network_simplex.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define NS_NONE UINT32_MAX
#define NS_STATE_UPPER ((int8_t)-1)
#define NS_STATE_TREE ((int8_t)0)
#define NS_STATE_LOWER ((int8_t)1)
#define NS_UP ((int8_t)1)
#define NS_DOWN ((int8_t)-1)
#define NS_FLOW_LIMIT ((int64_t)1 << 62)
#define NS_BIGM_LIMIT ((int64_t)1 << 60)
#define NS_MIN_BLOCK 10u
/* How far the root's potential may drift before every potential is shifted back (see
 * ns_shift_potentials): within it, |pi| stays below 2^61 + 2^59 and reduced costs fit. */
#define NS_DRIFT_LIMIT ((int64_t)1 << 59)

/* Hook for consistency checks in development builds: called after every pivot. */
#ifndef NS_DEBUG_AFTER_PIVOT
#define NS_DEBUG_AFTER_PIVOT(ns) ((void)0)
#endif

struct lm_ns {
    /* ---- the problem, as given (user arc order) ---- */
    uint32_t n;
    size_t m, m_cap;
    uint32_t *tail, *head;
    int64_t *lower, *upper, *cost;
    int64_t *supply;
    lm_ns_supply_type stype;

    /* ---- bookkeeping ---- */
    int status;         /* last solve result, LM_NS_INVALID before the first */
    bool basis_ok;      /* the stored tree is an optimal basis of the current structure */
    bool costs_changed; /* costs changed since that basis was found */
    uint64_t pivots;

    /* ---- solver state (sizes fixed at the last cold start) ---- */
    uint32_t work_m;       /* real arcs the work arrays were built for */
    uint32_t arcs_all;     /* internal arcs in use */
    uint32_t arcs_search;  /* internal arcs [0, arcs_search) are priced */
    uint32_t penalty_from; /* first big-M arc */
    int64_t big_m;
    uint32_t block, next_arc;

    uint32_t *pos;        /* user arc -> internal arc */
    uint32_t *src, *dst;  /* internal arcs */
    int64_t *c, *cap, *x; /* cost, capacity (LM_NS_INF = none), flow */
    int8_t *state;
    uint32_t *parent, *pred, *thread, *rev, *size, *last; /* n + 1 nodes */
    int8_t *dir;
    int64_t *pi;
    uint32_t *stem, *stem_last, *stem_before, *stem_next, *stem_end; /* n + 1, pivot scratch */
};

/* ---------------------------------------------------------------------------------------- */
/* Small helpers                                                                             */

static int64_t ns_abs(int64_t v)
{
    return v < 0 ? -v : v;
}

/* a + b saturated at +-NS_FLOW_LIMIT (inputs never exceed 2^62 in magnitude). */
static int64_t ns_add_sat(int64_t a, int64_t b)
{
    int64_t s = a + b; /* both within 2^62: no overflow */
    if (s > NS_FLOW_LIMIT)
        return NS_FLOW_LIMIT;
    if (s < -NS_FLOW_LIMIT)
        return -NS_FLOW_LIMIT;
    return s;
}

static void *ns_alloc(size_t count, size_t elem)
{
    if (count == 0)
        count = 1;
    if (count > SIZE_MAX / elem)
        return NULL;
    return malloc(count * elem);
}

static uint32_t ns_isqrt(uint32_t v)
{
    uint32_t r = 0;
    for (uint32_t bit = 1u << 30; bit != 0; bit >>= 2) {
        if (v >= r + bit) {
            v -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
    }
    return r;
}

static bool ns_value_ok(int64_t v)
{
    return v >= -LM_NS_MAX_VALUE && v <= LM_NS_MAX_VALUE;
}

static bool ns_bounds_ok(int64_t lower, int64_t upper)
{
    return ns_value_ok(lower) && (upper == LM_NS_INF || ns_value_ok(upper));
}

static bool ns_cost_ok(int64_t cost)
{
    return cost >= -LM_NS_MAX_COST && cost <= LM_NS_MAX_COST;
}

/* Any change but a cost change: the next solve starts from scratch. */
static void ns_touch(lm_ns *ns)
{
    ns->basis_ok = false;
    ns->status = LM_NS_INVALID;
}

/* ---------------------------------------------------------------------------------------- */
/* Construction and problem data                                                             */

lm_ns *lm_ns_create(size_t n_nodes, size_t arc_capacity_hint)
{
    if (n_nodes > LM_NS_MAX_NODES)
        return NULL;
    lm_ns *ns = calloc(1, sizeof *ns);
    if (ns == NULL)
        return NULL;
    ns->n = (uint32_t)n_nodes;
    ns->status = LM_NS_INVALID;
    ns->stype = LM_NS_SUPPLY_EQ;
    ns->supply = calloc(n_nodes ? n_nodes : 1, sizeof *ns->supply);
    if (ns->supply == NULL) {
        free(ns);
        return NULL;
    }
    if (arc_capacity_hint > ((size_t)UINT32_MAX - 2u * n_nodes - 2u))
        arc_capacity_hint = 0; /* cannot be used anyway; grow on demand */
    if (arc_capacity_hint > 0) {
        size_t h = arc_capacity_hint;
        ns->tail = ns_alloc(h, sizeof *ns->tail);
        ns->head = ns_alloc(h, sizeof *ns->head);
        ns->lower = ns_alloc(h, sizeof *ns->lower);
        ns->upper = ns_alloc(h, sizeof *ns->upper);
        ns->cost = ns_alloc(h, sizeof *ns->cost);
        if (!ns->tail || !ns->head || !ns->lower || !ns->upper || !ns->cost) {
            lm_ns_destroy(ns);
            return NULL;
        }
        ns->m_cap = h;
    }
    return ns;
}

static void ns_free_work(lm_ns *ns)
{
    void *arrays[] = {ns->pos,  ns->src,       ns->dst,         ns->c,         ns->cap,
                      ns->x,    ns->state,     ns->parent,      ns->pred,      ns->thread,
                      ns->rev,  ns->size,      ns->last,        ns->dir,       ns->pi,
                      ns->stem, ns->stem_last, ns->stem_before, ns->stem_next, ns->stem_end};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        free(arrays[i]);
    ns->pos = ns->src = ns->dst = NULL;
    ns->c = ns->cap = ns->x = NULL;
    ns->state = ns->dir = NULL;
    ns->parent = ns->pred = ns->thread = ns->rev = ns->size = ns->last = NULL;
    ns->pi = NULL;
    ns->stem = ns->stem_last = ns->stem_before = ns->stem_next = ns->stem_end = NULL;
    ns->work_m = 0;
    ns->basis_ok = false;
}

void lm_ns_destroy(lm_ns *ns)
{
    if (ns == NULL)
        return;
    ns_free_work(ns);
    free(ns->tail);
    free(ns->head);
    free(ns->lower);
    free(ns->upper);
    free(ns->cost);
    free(ns->supply);
    free(ns);
}

size_t lm_ns_node_count(const lm_ns *ns)
{
    return ns ? ns->n : 0;
}

size_t lm_ns_arc_count(const lm_ns *ns)
{
    return ns ? ns->m : 0;
}

/* Grows one array to new_cap elements; on failure the old array stays valid. */
static bool ns_grow(void **array, size_t new_cap, size_t elem)
{
    if (new_cap > SIZE_MAX / elem)
        return false;
    void *p = realloc(*array, new_cap * elem);
    if (p == NULL)
        return false;
    *array = p;
    return true;
}

int lm_ns_add_arc(lm_ns *ns, size_t tail, size_t head, int64_t lower, int64_t upper, int64_t cost)
{
    if (ns == NULL || tail >= ns->n || head >= ns->n || !ns_bounds_ok(lower, upper) ||
        !ns_cost_ok(cost))
        return LM_NS_INVALID;
    size_t max_arcs = (size_t)UINT32_MAX - 2u * (size_t)ns->n - 2u;
    if (ns->m >= max_arcs)
        return LM_NS_INVALID;
    if (ns->m == ns->m_cap) {
        size_t nc = ns->m_cap < 16 ? 16 : ns->m_cap + ns->m_cap / 2;
        if (nc > max_arcs)
            nc = max_arcs;
        /* Each array keeps its old contents if a later one fails; m_cap only grows once all
         * five succeeded, so a partial failure just leaves some arrays larger. */
        if (!ns_grow((void **)&ns->tail, nc, sizeof *ns->tail) ||
            !ns_grow((void **)&ns->head, nc, sizeof *ns->head) ||
            !ns_grow((void **)&ns->lower, nc, sizeof *ns->lower) ||
            !ns_grow((void **)&ns->upper, nc, sizeof *ns->upper) ||
            !ns_grow((void **)&ns->cost, nc, sizeof *ns->cost))
            return LM_NS_NOMEM;
        ns->m_cap = nc;
    }
    size_t a = ns->m++;
    ns->tail[a] = (uint32_t)tail;
    ns->head[a] = (uint32_t)head;
    ns->lower[a] = lower;
    ns->upper[a] = upper;
    ns->cost[a] = cost;
    ns_touch(ns);
    return LM_NS_OK;
}

int lm_ns_get_arc(const lm_ns *ns, size_t arc, size_t *tail, size_t *head, int64_t *lower,
                  int64_t *upper, int64_t *cost)
{
    if (ns == NULL || arc >= ns->m)
        return LM_NS_INVALID;
    if (tail != NULL)
        *tail = ns->tail[arc];
    if (head != NULL)
        *head = ns->head[arc];
    if (lower != NULL)
        *lower = ns->lower[arc];
    if (upper != NULL)
        *upper = ns->upper[arc];
    if (cost != NULL)
        *cost = ns->cost[arc];
    return LM_NS_OK;
}

int64_t lm_ns_supply(const lm_ns *ns, size_t node)
{
    return ns != NULL && node < ns->n ? ns->supply[node] : 0;
}

int lm_ns_set_cost(lm_ns *ns, size_t arc, int64_t cost)
{
    if (ns == NULL || arc >= ns->m || !ns_cost_ok(cost))
        return LM_NS_INVALID;
    if (ns->cost[arc] != cost) {
        ns->cost[arc] = cost;
        ns->costs_changed = true;
        ns->status = LM_NS_INVALID;
    }
    return LM_NS_OK;
}

int lm_ns_set_bounds(lm_ns *ns, size_t arc, int64_t lower, int64_t upper)
{
    if (ns == NULL || arc >= ns->m || !ns_bounds_ok(lower, upper))
        return LM_NS_INVALID;
    ns->lower[arc] = lower;
    ns->upper[arc] = upper;
    ns_touch(ns);
    return LM_NS_OK;
}

int lm_ns_set_supply(lm_ns *ns, size_t node, int64_t supply)
{
    if (ns == NULL || node >= ns->n || !ns_value_ok(supply))
        return LM_NS_INVALID;
    ns->supply[node] = supply;
    ns_touch(ns);
    return LM_NS_OK;
}

int lm_ns_set_supply_type(lm_ns *ns, lm_ns_supply_type type)
{
    if (ns == NULL ||
        (type != LM_NS_SUPPLY_EQ && type != LM_NS_SUPPLY_LEQ && type != LM_NS_SUPPLY_GEQ))
        return LM_NS_INVALID;
    ns->stype = type;
    ns_touch(ns);
    return LM_NS_OK;
}

/* ---------------------------------------------------------------------------------------- */
/* Cold start                                                                                */

/* (Re)allocates the work arrays for the current number of arcs. */
static int ns_alloc_work(lm_ns *ns)
{
    size_t n1 = (size_t)ns->n + 1;
    size_t all = ns->m + 2 * (size_t)ns->n;
    if (ns->pos != NULL && ns->work_m == ns->m)
        return LM_NS_OK;
    ns_free_work(ns);
    ns->pos = ns_alloc(ns->m, sizeof *ns->pos);
    ns->src = ns_alloc(all, sizeof *ns->src);
    ns->dst = ns_alloc(all, sizeof *ns->dst);
    ns->c = ns_alloc(all, sizeof *ns->c);
    ns->cap = ns_alloc(all, sizeof *ns->cap);
    ns->x = ns_alloc(all, sizeof *ns->x);
    ns->state = ns_alloc(all, sizeof *ns->state);
    ns->parent = ns_alloc(n1, sizeof *ns->parent);
    ns->pred = ns_alloc(n1, sizeof *ns->pred);
    ns->thread = ns_alloc(n1, sizeof *ns->thread);
    ns->rev = ns_alloc(n1, sizeof *ns->rev);
    ns->size = ns_alloc(n1, sizeof *ns->size);
    ns->last = ns_alloc(n1, sizeof *ns->last);
    ns->dir = ns_alloc(n1, sizeof *ns->dir);
    ns->pi = ns_alloc(n1, sizeof *ns->pi);
    ns->stem = ns_alloc(n1, sizeof *ns->stem);
    ns->stem_last = ns_alloc(n1, sizeof *ns->stem_last);
    ns->stem_before = ns_alloc(n1, sizeof *ns->stem_before);
    ns->stem_next = ns_alloc(n1, sizeof *ns->stem_next);
    ns->stem_end = ns_alloc(n1, sizeof *ns->stem_end);
    if (!ns->pos || !ns->src || !ns->dst || !ns->c || !ns->cap || !ns->x || !ns->state ||
        !ns->parent || !ns->pred || !ns->thread || !ns->rev || !ns->size || !ns->last || !ns->dir ||
        !ns->pi || !ns->stem || !ns->stem_last || !ns->stem_before || !ns->stem_next ||
        !ns->stem_end) {
        ns_free_work(ns);
        return LM_NS_NOMEM;
    }
    ns->work_m = (uint32_t)ns->m;
    return LM_NS_OK;
}

/*
 * Big-M from the largest cost magnitude; LM_NS_RANGE if (n + 2) * (C + 1) > 2^60.
 * Then |pi| <= big-M + n * C <= 2^61 and reduced costs stay below 2^63.
 */
static int ns_compute_big_m(lm_ns *ns)
{
    int64_t cmax = 0;
    for (size_t a = 0; a < ns->m; a++) {
        int64_t v = ns_abs(ns->cost[a]);
        if (v > cmax)
            cmax = v;
    }
    int64_t factor = (int64_t)ns->n + 2;
    if (cmax + 1 > NS_BIGM_LIMIT / factor)
        return LM_NS_RANGE;
    ns->big_m = factor * (cmax + 1);
    return LM_NS_OK;
}

/*
 * Copies user arc a into internal slot i (bounds shifted to 0 <= x <= cap, GEQ reversed) and
 * adds its finite capacity to *total; returns false if upper < lower.
 */
static bool ns_copy_arc(lm_ns *ns, uint32_t a, uint32_t i, bool geq, int64_t *total)
{
    int64_t lo = ns->lower[a], up = ns->upper[a];
    ns->pos[a] = i;
    ns->src[i] = geq ? ns->head[a] : ns->tail[a];
    ns->dst[i] = geq ? ns->tail[a] : ns->head[a];
    ns->c[i] = ns->cost[a];
    ns->x[i] = 0;
    ns->state[i] = NS_STATE_LOWER;
    if (up == LM_NS_INF) {
        ns->cap[i] = LM_NS_INF;
    } else if (up < lo) {
        ns->cap[i] = 0;
        return false;
    } else {
        ns->cap[i] = up - lo; /* <= 2^61 */
        *total = ns_add_sat(*total, ns->cap[i]);
    }
    return true;
}

/*
 * Lays the real arcs out in a mixed order so that a pricing block samples the whole graph
 * (callers usually add arcs node by node). With S "columns", user arc a = t * S + r goes to
 * slot off(r) + t: internal neighbours are S user arcs apart, S ~ m / max(m / n, 3) (about n).
 * This is a matrix transposition, done in tiles to stay cache friendly. Returns false if some
 * arc has upper < lower.
 */
#define NS_TILE 64u
static bool ns_layout_arcs(lm_ns *ns, bool geq, int64_t *total)
{
    const uint32_t m = (uint32_t)ns->m;
    if (m == 0)
        return true;
    uint32_t per = ns->n ? m / ns->n : 3;
    if (per < 3)
        per = 3;
    const uint32_t cols = (m + per - 1) / per;
    const uint32_t q = m / cols, rem = m % cols; /* columns r < rem hold q + 1 arcs */
    const uint32_t rows = q + (rem ? 1 : 0);
    bool ok = true;
    for (uint32_t t0 = 0; t0 < rows; t0 += NS_TILE) {
        uint32_t t1 = rows - t0 < NS_TILE ? rows : t0 + NS_TILE;
        for (uint32_t r0 = 0; r0 < cols; r0 += NS_TILE) {
            uint32_t r1 = cols - r0 < NS_TILE ? cols : r0 + NS_TILE;
            for (uint32_t r = r0; r < r1; r++) {
                uint32_t off = r * q + (r < rem ? r : rem);
                for (uint32_t t = t0; t < t1; t++) {
                    uint64_t a = (uint64_t)t * cols + r;
                    if (a < m && !ns_copy_arc(ns, (uint32_t)a, off + t, geq, total))
                        ok = false;
                }
            }
        }
    }
    return ok;
}

/* Builds the internal problem and the starting tree; returns a status or an error. */
static int ns_cold_start(lm_ns *ns)
{
    int rc = ns_alloc_work(ns);
    if (rc != LM_NS_OK)
        return rc;
    rc = ns_compute_big_m(ns);
    if (rc != LM_NS_OK)
        return rc;

    const uint32_t n = ns->n, m = (uint32_t)ns->m, root = n;
    const bool geq = ns->stype == LM_NS_SUPPLY_GEQ;
    int64_t *b = ns->pi; /* shifted supplies, kept in pi until the tree is built */

    int64_t total = 0; /* sum of finite capacities, then plus sum of |b| */
    bool infeasible = !ns_layout_arcs(ns, geq, &total);
    for (uint32_t v = 0; v < n; v++)
        b[v] = geq ? -ns->supply[v] : ns->supply[v];
    for (uint32_t a = 0; a < m; a++) {
        int64_t lo = ns->lower[a];
        if (lo != 0) {
            uint32_t i = ns->pos[a];
            /* |b| could exceed 2^62 with many arcs: saturate, the sum check rejects it. */
            b[ns->src[i]] = ns_add_sat(b[ns->src[i]], -lo);
            b[ns->dst[i]] = ns_add_sat(b[ns->dst[i]], lo);
        }
    }
    int64_t sum_b = 0;
    for (uint32_t v = 0; v < n; v++) {
        total = ns_add_sat(total, ns_abs(b[v]));
        sum_b = ns_add_sat(sum_b, b[v]);
    }
    if (total >= NS_FLOW_LIMIT)
        return LM_NS_RANGE;
    if (infeasible)
        return LM_NS_INFEASIBLE;
    if (ns->stype == LM_NS_SUPPLY_EQ ? sum_b != 0 : sum_b < 0)
        return LM_NS_INFEASIBLE;

    /* Artificial arcs and the starting tree: root -> 0 -> 1 -> ... -> n-1 -> root. */
    uint32_t f = m + n;
    ns->penalty_from = f;
    ns->parent[root] = NS_NONE;
    ns->pred[root] = NS_NONE;
    ns->dir[root] = 0;
    ns->size[root] = n + 1;
    ns->last[root] = n ? n - 1 : root;
    ns->thread[root] = n ? 0 : root;
    ns->rev[root] = n ? n - 1 : root;
    for (uint32_t v = 0; v < n; v++) {
        uint32_t e = m + v;
        ns->src[e] = v;
        ns->dst[e] = root;
        ns->c[e] = 0;
        ns->cap[e] = LM_NS_INF;
        ns->parent[v] = root;
        ns->thread[v] = v + 1 < n ? v + 1 : root;
        ns->rev[v] = v ? v - 1 : root;
        ns->size[v] = 1;
        ns->last[v] = v;
        if (b[v] >= 0) {
            ns->x[e] = b[v];
            ns->state[e] = NS_STATE_TREE;
            ns->pred[v] = e;
            ns->dir[v] = NS_UP;
            b[v] = 0; /* potential */
        } else {
            ns->x[e] = 0;
            ns->state[e] = NS_STATE_LOWER;
            ns->src[f] = root;
            ns->dst[f] = v;
            ns->c[f] = ns->big_m;
            ns->cap[f] = LM_NS_INF;
            ns->x[f] = -b[v];
            ns->state[f] = NS_STATE_TREE;
            ns->pred[v] = f;
            ns->dir[v] = NS_DOWN;
            b[v] = ns->big_m; /* potential: big_m + 0 - pi(v) = 0 */
            f++;
        }
    }
    ns->pi[root] = 0;
    ns->arcs_all = f;
    ns->arcs_search = ns->stype == LM_NS_SUPPLY_EQ ? m : m + n;
    uint32_t blk = ns_isqrt(ns->arcs_search);
    if ((uint64_t)blk * blk < ns->arcs_search)
        blk++;
    ns->block = blk < NS_MIN_BLOCK ? NS_MIN_BLOCK : blk;
    ns->next_arc = 0;
    return LM_NS_OPTIMAL; /* "ready to pivot" */
}

/* Warm start after cost changes: new costs, new big-M, potentials recomputed from the tree. */
static int ns_warm_start(lm_ns *ns)
{
    int rc = ns_compute_big_m(ns);
    if (rc != LM_NS_OK)
        return rc;
    for (size_t a = 0; a < ns->m; a++)
        ns->c[ns->pos[a]] = ns->cost[a];
    for (uint32_t e = ns->penalty_from; e < ns->arcs_all; e++)
        ns->c[e] = ns->big_m;
    const uint32_t root = ns->n;
    ns->pi[root] = 0;
    for (uint32_t v = ns->thread[root]; v != root; v = ns->thread[v]) {
        uint32_t e = ns->pred[v], p = ns->parent[v];
        ns->pi[v] = ns->dir[v] == NS_UP ? ns->pi[p] - ns->c[e] : ns->pi[p] + ns->c[e];
    }
    return LM_NS_OPTIMAL;
}

/* ---------------------------------------------------------------------------------------- */
/* Pivoting                                                                                  */

/* Block search: scans blocks of arcs, stops after the first block that holds an improving
 * arc and returns the most negative one of the arcs scanned. */
static bool ns_find_entering(lm_ns *ns, uint32_t *in_arc)
{
    const uint32_t total = ns->arcs_search;
    const uint32_t *src = ns->src, *dst = ns->dst;
    const int64_t *c = ns->c, *pi = ns->pi;
    const int8_t *state = ns->state;
    const uint32_t block = ns->block;
    int64_t best = 0;
    uint32_t best_arc = 0, count = block, e = ns->next_arc;

    for (int pass = 0; pass < 2; pass++) {
        uint32_t end = pass == 0 ? total : ns->next_arc;
        for (; e < end; e++) {
            int64_t r = state[e] * (c[e] + pi[src[e]] - pi[dst[e]]);
            if (r < best) {
                best = r;
                best_arc = e;
            }
            if (--count == 0) {
                if (best < 0) {
                    ns->next_arc = e + 1 < total ? e + 1 : 0;
                    *in_arc = best_arc;
                    return true;
                }
                count = block;
            }
        }
        e = 0;
    }
    if (best < 0) {
        ns->next_arc = best_arc + 1 < total ? best_arc + 1 : 0;
        *in_arc = best_arc;
        return true;
    }
    return false;
}

/* Residual capacity of arc e for increasing its flow. */
static int64_t ns_room(const lm_ns *ns, uint32_t e)
{
    return ns->cap[e] == LM_NS_INF ? LM_NS_INF : ns->cap[e] - ns->x[e];
}

/*
 * Re-hangs the subtree of u_out (whose pred arc leaves) from v_in through the entering arc,
 * re-rooting it at u_in (a node of that subtree). The stem s[0] = u_in, s[1], ..., s[k] =
 * u_out is the old tree path; its parent links are reversed. The new preorder of the moved
 * subtree is: the old subtree of s[0], then for j = 1..k: s[j] with the part of its old
 * subtree before s[j-1]'s ("A_j") and the part after it ("C_j"), in their old order.
 */
static void ns_update_tree(lm_ns *ns, uint32_t in, uint32_t u_in, uint32_t v_in, uint32_t u_out,
                           uint32_t join)
{
    uint32_t *par = ns->parent, *thr = ns->thread, *rev = ns->rev, *size = ns->size,
             *last = ns->last, *pred = ns->pred;
    int8_t *dir = ns->dir;
    uint32_t *s = ns->stem, *L = ns->stem_last, *B = ns->stem_before, *T = ns->stem_next,
             *E = ns->stem_end;

    uint32_t k = 0;
    s[0] = u_in;
    while (s[k] != u_out) {
        s[k + 1] = par[s[k]];
        k++;
    }
    for (uint32_t j = 0; j <= k; j++) {
        L[j] = last[s[j]];
        B[j] = rev[s[j]];
    }
    E[0] = L[0];
    for (uint32_t j = 1; j <= k; j++) {
        T[j] = thr[L[j - 1]];
        E[j] = L[j] != L[j - 1] ? L[j] : B[j - 1];
    }
    const uint32_t moved = size[u_out], v_out = par[u_out];
    const uint32_t old_last = L[k], old_before = B[k], end = E[k];

    /* Cut the old segment [u_out, old_last] out of the thread. */
    uint32_t after = thr[old_last];
    thr[old_before] = after;
    rev[after] = old_before;
    /* Splice the new sequence in right after v_in. */
    after = thr[v_in];
    thr[v_in] = s[0];
    rev[s[0]] = v_in;
    for (uint32_t j = 1; j <= k; j++) {
        thr[E[j - 1]] = s[j];
        rev[s[j]] = E[j - 1];
        if (L[j] != L[j - 1]) {
            thr[B[j - 1]] = T[j];
            rev[T[j]] = B[j - 1];
        }
    }
    thr[end] = after;
    rev[after] = end;

    /* Reverse the stem (from the top, so each step reads not yet overwritten values). */
    for (uint32_t j = k; j >= 1; j--) {
        uint32_t child = s[j - 1], node = s[j];
        par[node] = child;
        pred[node] = pred[child];
        dir[node] = (int8_t)-dir[child];
        size[node] = moved - size[child];
        last[node] = end;
    }
    par[u_in] = v_in;
    pred[u_in] = in;
    dir[u_in] = ns->src[in] == u_in ? NS_UP : NS_DOWN;
    size[u_in] = moved;
    last[u_in] = end;

    /* Subtree sizes between the cut and the splice points and the join node. */
    for (uint32_t a = v_out; a != join; a = par[a])
        size[a] -= moved;
    for (uint32_t a = v_in; a != join; a = par[a])
        size[a] += moved;
    /* Last successors: ancestors that ended with the cut segment now end before it; those
     * ending at v_in now end with the spliced segment. */
    for (uint32_t a = v_out; a != NS_NONE && last[a] == old_last; a = par[a])
        last[a] = old_before;
    for (uint32_t a = v_in; a != NS_NONE && last[a] == v_in; a = par[a])
        last[a] = end;
}

/* Makes the root's potential 0 again (the potentials the header documents). */
static void ns_normalize_potentials(lm_ns *ns)
{
    const int64_t base = ns->pi[ns->n];
    if (base != 0)
        for (uint32_t v = 0; v <= ns->n; v++)
            ns->pi[v] -= base;
}

/*
 * After a pivot re-hung the subtree of u_in, its potentials must all change by sigma. Only
 * differences of potentials matter (reduced costs), so shifting every other node by -sigma
 * instead is the same pivot: the smaller of the two sets is walked. The root's potential
 * then drifts from 0; it is brought back when the drift grows and when the solve ends.
 */
static void ns_shift_potentials(lm_ns *ns, uint32_t u_in, int64_t sigma)
{
    int64_t *pi = ns->pi;
    const uint32_t *thread = ns->thread;
    const uint32_t end = ns->last[u_in];
    if (2 * (uint64_t)ns->size[u_in] <= (uint64_t)ns->n + 1) {
        for (uint32_t u = u_in;; u = thread[u]) {
            pi[u] += sigma;
            if (u == end)
                break;
        }
        return;
    }
    /* The thread is circular through the root and the subtree is its segment u_in..end. */
    for (uint32_t u = thread[end]; u != u_in; u = thread[u])
        pi[u] -= sigma;
    const int64_t drift = pi[ns->n];
    if (drift > NS_DRIFT_LIMIT || drift < -NS_DRIFT_LIMIT)
        ns_normalize_potentials(ns);
}

/* Runs pivots until optimal; returns LM_NS_OPTIMAL or LM_NS_UNBOUNDED. */
static int ns_pivot_loop(lm_ns *ns)
{
    uint32_t *par = ns->parent, *size = ns->size, *pred = ns->pred, *src = ns->src, *dst = ns->dst;
    int64_t *x = ns->x, *pi = ns->pi;
    int8_t *state = ns->state, *dir = ns->dir;
    uint32_t in;

    while (ns_find_entering(ns, &in)) {
        ns->pivots++;
        /* Apex of the cycle. */
        uint32_t u = src[in], v = dst[in];
        while (u != v) {
            if (size[u] < size[v])
                u = par[u];
            else
                v = par[v];
        }
        const uint32_t join = u;
        /* Flow runs first -> second on the entering arc. */
        const uint32_t first = state[in] == NS_STATE_LOWER ? src[in] : dst[in];
        const uint32_t second = first == src[in] ? dst[in] : src[in];

        /* Leaving arc: the last blocking arc in flow order from the apex: on the first side
         * (flow goes down towards `first`) the one nearest `first`, the entering arc itself,
         * then on the second side (flow goes up) the one nearest the apex. */
        int64_t delta = ns->cap[in];
        uint32_t u_out = NS_NONE;
        int side = 0;
        for (u = first; u != join; u = par[u]) {
            uint32_t e = pred[u];
            int64_t d = dir[u] == NS_UP ? x[e] : ns_room(ns, e);
            if (d < delta) {
                delta = d;
                u_out = u;
                side = 1;
            }
        }
        for (u = second; u != join; u = par[u]) {
            uint32_t e = pred[u];
            int64_t d = dir[u] == NS_UP ? ns_room(ns, e) : x[e];
            if (d <= delta) {
                delta = d;
                u_out = u;
                side = 2;
            }
        }
        if (delta == LM_NS_INF)
            return LM_NS_UNBOUNDED;

        /* Push delta around the cycle (val along the arc's direction). */
        if (delta > 0) {
            int64_t val = state[in] * delta;
            x[in] += val;
            for (u = src[in]; u != join; u = par[u])
                x[pred[u]] -= dir[u] * val;
            for (u = dst[in]; u != join; u = par[u])
                x[pred[u]] += dir[u] * val;
        }
        if (side == 0) {
            state[in] = (int8_t)-state[in]; /* bound flip, tree unchanged */
            NS_DEBUG_AFTER_PIVOT(ns);
            continue;
        }

        const uint32_t u_in = side == 1 ? first : second;
        const uint32_t v_in = side == 1 ? second : first;
        const uint32_t out = pred[u_out];
        state[in] = NS_STATE_TREE;
        state[out] = x[out] == 0 ? NS_STATE_LOWER : NS_STATE_UPPER;

        int64_t new_pi = u_in == src[in] ? pi[v_in] - ns->c[in] : pi[v_in] + ns->c[in];
        int64_t sigma = new_pi - pi[u_in];
        ns_update_tree(ns, in, u_in, v_in, u_out, join);
        if (sigma != 0)
            ns_shift_potentials(ns, u_in, sigma);
        NS_DEBUG_AFTER_PIVOT(ns);
    }
    ns_normalize_potentials(ns);
    return LM_NS_OPTIMAL;
}

int lm_ns_solve(lm_ns *ns)
{
    if (ns == NULL)
        return LM_NS_INVALID;
    int rc;
    ns->pivots = 0;
    if (ns->basis_ok && ns->work_m == ns->m) {
        rc = ns_warm_start(ns);
    } else {
        ns->basis_ok = false;
        rc = ns_cold_start(ns);
    }
    ns->costs_changed = false;
    if (rc != LM_NS_OPTIMAL) {
        ns->basis_ok = false;
        ns->status = rc;
        return rc;
    }
    rc = ns_pivot_loop(ns);
    if (rc == LM_NS_OPTIMAL) {
        for (uint32_t e = ns->penalty_from; e < ns->arcs_all; e++) {
            if (ns->x[e] != 0) {
                rc = LM_NS_INFEASIBLE;
                break;
            }
        }
    }
    ns->basis_ok = rc == LM_NS_OPTIMAL;
    ns->status = rc;
    return rc;
}

/* ---------------------------------------------------------------------------------------- */
/* Results                                                                                   */

int lm_ns_status(const lm_ns *ns)
{
    return ns ? ns->status : LM_NS_INVALID;
}

static bool ns_has_solution(const lm_ns *ns)
{
    return ns != NULL && ns->status == LM_NS_OPTIMAL;
}

int64_t lm_ns_flow(const lm_ns *ns, size_t arc)
{
    if (!ns_has_solution(ns) || arc >= ns->m)
        return 0;
    return ns->lower[arc] + ns->x[ns->pos[arc]];
}

int64_t lm_ns_potential(const lm_ns *ns, size_t node)
{
    if (!ns_has_solution(ns) || node >= ns->n)
        return 0;
    return ns->stype == LM_NS_SUPPLY_GEQ ? -ns->pi[node] : ns->pi[node];
}

double lm_ns_total_cost(const lm_ns *ns)
{
    if (!ns_has_solution(ns))
        return 0.0;
    long double sum = 0.0L;
    for (size_t a = 0; a < ns->m; a++)
        sum += (long double)ns->cost[a] * (long double)lm_ns_flow(ns, a);
    return (double)sum;
}

int lm_ns_total_cost_exact(const lm_ns *ns, int64_t *out)
{
    if (!ns_has_solution(ns) || out == NULL)
        return LM_NS_INVALID;
    int64_t sum = 0;
    for (size_t a = 0; a < ns->m; a++) {
        int64_t f = lm_ns_flow(ns, a), c = ns->cost[a];
        if (f == 0 || c == 0)
            continue;
        if (ns_abs(f) > INT64_MAX / ns_abs(c))
            return LM_NS_RANGE;
        int64_t p = f * c;
        if ((p > 0 && sum > INT64_MAX - p) || (p < 0 && sum < INT64_MIN - p))
            return LM_NS_RANGE;
        sum += p;
    }
    *out = sum;
    return LM_NS_OK;
}

uint64_t lm_ns_pivot_count(const lm_ns *ns)
{
    return ns ? ns->pivots : 0;
}

int lm_ns_arc(const lm_ns *ns, size_t arc, size_t *tail, size_t *head, int64_t *lower,
              int64_t *upper, int64_t *cost)
{
    if (ns == NULL || arc >= ns->m)
        return LM_NS_INVALID;
    *tail = ns->tail[arc];
    *head = ns->head[arc];
    *lower = ns->lower[arc];
    *upper = ns->upper[arc];
    *cost = ns->cost[arc];
    return LM_NS_OK;
}
