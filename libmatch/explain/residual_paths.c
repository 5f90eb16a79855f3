/* Dijkstra's algorithm on the reversed residual network, with the solver's potentials. */
#include "residual_paths.h"

#include <stdlib.h>

#define NO_NODE ((size_t)-1)

/* A residual arc u -> w, stored in the list of arcs entering w. */
typedef struct in_arc {
    size_t from;     /* u */
    size_t arc;      /* the solver's arc */
    int64_t reduced; /* reduced cost, >= 0 */
} in_arc;

typedef struct heap_item {
    int64_t key;
    size_t node;
} heap_item;

typedef struct heap {
    heap_item *items;
    size_t len, cap;
} heap;

/* Orders by key, then by node, so that ties always break the same way. */
static bool before(const heap_item *a, const heap_item *b)
{
    return a->key < b->key || (a->key == b->key && a->node < b->node);
}

static bool heap_push(heap *h, int64_t key, size_t node)
{
    if (h->len == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 64;
        heap_item *items = realloc(h->items, cap * sizeof *items);
        if (items == NULL)
            return false;
        h->items = items;
        h->cap = cap;
    }
    size_t k = h->len++;
    h->items[k] = (heap_item){key, node};
    while (k > 0) {
        size_t parent = (k - 1) / 2;
        if (!before(&h->items[k], &h->items[parent]))
            break;
        heap_item t = h->items[k];
        h->items[k] = h->items[parent];
        h->items[parent] = t;
        k = parent;
    }
    return true;
}

static heap_item heap_pop(heap *h)
{
    heap_item top = h->items[0];
    h->items[0] = h->items[--h->len];
    size_t k = 0;
    for (;;) {
        size_t l = 2 * k + 1, r = l + 1, best = k;
        if (l < h->len && before(&h->items[l], &h->items[best]))
            best = l;
        if (r < h->len && before(&h->items[r], &h->items[best]))
            best = r;
        if (best == k)
            break;
        heap_item t = h->items[k];
        h->items[k] = h->items[best];
        h->items[best] = t;
        k = best;
    }
    return top;
}

/* The residual arcs grouped by the node they enter (counting sort, arcs in order). */
typedef struct in_lists {
    size_t *start; /* n + 1 */
    in_arc *arcs;
} in_lists;

static int add_residual(in_lists *lists, size_t *fill, bool count_only, size_t from, size_t to,
                        size_t arc, int64_t reduced)
{
    if (reduced < 0)
        return LM_NS_INVALID; /* the potentials do not prove the flow optimal */
    if (count_only)
        lists->start[to + 1]++;
    else
        lists->arcs[fill[to]++] = (in_arc){from, arc, reduced};
    return LM_NS_OK;
}

/* One pass over the arcs: counts (count_only) or stores the residual arcs. */
static int scan_arcs(in_lists *lists, size_t *fill, bool count_only, const lm_ns *ns,
                     size_t skip_arc)
{
    size_t m = lm_ns_arc_count(ns);
    for (size_t a = 0; a < m; a++) {
        if (a == skip_arc)
            continue;
        size_t tail, head;
        int64_t lower, upper, cost;
        lm_ns_arc(ns, a, &tail, &head, &lower, &upper, &cost);
        int64_t flow = lm_ns_flow(ns, a);
        int64_t reduced = cost + lm_ns_potential(ns, tail) - lm_ns_potential(ns, head);
        int rc = LM_NS_OK;
        if (upper == LM_NS_INF || flow < upper)
            rc = add_residual(lists, fill, count_only, tail, head, a, reduced);
        if (rc == LM_NS_OK && flow > lower)
            rc = add_residual(lists, fill, count_only, head, tail, a, -reduced);
        if (rc != LM_NS_OK)
            return rc;
    }
    return LM_NS_OK;
}

static int build_in_lists(in_lists *lists, const lm_ns *ns, size_t skip_arc)
{
    size_t n = lm_ns_node_count(ns);
    lists->start = calloc(n + 1, sizeof *lists->start);
    size_t *fill = malloc((n + 1) * sizeof *fill);
    int rc = lists->start != NULL && fill != NULL ? LM_NS_OK : LM_NS_NOMEM;
    if (rc == LM_NS_OK)
        rc = scan_arcs(lists, fill, true, ns, skip_arc);
    if (rc == LM_NS_OK) {
        for (size_t v = 0; v < n; v++)
            lists->start[v + 1] += lists->start[v];
        lists->arcs = malloc((lists->start[n] ? lists->start[n] : 1) * sizeof *lists->arcs);
        if (lists->arcs == NULL)
            rc = LM_NS_NOMEM;
    }
    if (rc == LM_NS_OK) {
        for (size_t v = 0; v < n; v++)
            fill[v] = lists->start[v];
        rc = scan_arcs(lists, fill, false, ns, skip_arc);
    }
    free(fill);
    return rc;
}

int lm_residual_paths_build(lm_residual_paths *out, const lm_ns *ns, size_t target_a,
                            size_t target_b, size_t skip_arc)
{
    *out = (lm_residual_paths){0};
    if (lm_ns_status(ns) != LM_NS_OPTIMAL)
        return LM_NS_INVALID;
    size_t n = lm_ns_node_count(ns);
    in_lists lists = {NULL, NULL};
    heap h = {NULL, 0, 0};
    /* Dijkstra runs on reduced labels; a node's true cost is its label minus its potential
     * plus the sink's, which makes both targets cost 0. */
    int64_t *label = malloc((n ? n : 1) * sizeof *label);
    bool *done = calloc(n ? n : 1, sizeof *done);
    out->n_nodes = n;
    out->cost = malloc((n ? n : 1) * sizeof *out->cost);
    out->next = malloc((n ? n : 1) * sizeof *out->next);
    out->next_arc = malloc((n ? n : 1) * sizeof *out->next_arc);
    int rc = label && done && out->cost && out->next && out->next_arc ? LM_NS_OK : LM_NS_NOMEM;
    if (rc == LM_NS_OK)
        rc = build_in_lists(&lists, ns, skip_arc);
    int64_t pi_sink = lm_ns_potential(ns, target_a);
    for (size_t v = 0; rc == LM_NS_OK && v < n; v++) {
        label[v] = LM_RP_UNREACHABLE;
        out->next[v] = out->next_arc[v] = NO_NODE;
    }
    size_t targets[2] = {target_a, target_b};
    for (int t = 0; rc == LM_NS_OK && t < 2; t++) {
        size_t v = targets[t];
        label[v] = lm_ns_potential(ns, v) - pi_sink;
        if (!heap_push(&h, label[v], v))
            rc = LM_NS_NOMEM;
    }
    while (rc == LM_NS_OK && h.len > 0) {
        heap_item it = heap_pop(&h);
        size_t w = it.node;
        if (done[w] || it.key != label[w])
            continue;
        done[w] = true;
        for (size_t k = lists.start[w]; k < lists.start[w + 1]; k++) {
            const in_arc *a = &lists.arcs[k];
            if (done[a->from] || a->reduced > INT64_MAX - 1 - label[w])
                continue;
            int64_t via = label[w] + a->reduced;
            if (via < label[a->from]) {
                label[a->from] = via;
                out->next[a->from] = w;
                out->next_arc[a->from] = a->arc;
                if (!heap_push(&h, via, a->from)) {
                    rc = LM_NS_NOMEM;
                    break;
                }
            }
        }
    }
    for (size_t v = 0; rc == LM_NS_OK && v < n; v++)
        out->cost[v] = label[v] == LM_RP_UNREACHABLE ? LM_RP_UNREACHABLE
                                                     : label[v] - lm_ns_potential(ns, v) + pi_sink;
    free(label);
    free(done);
    free(h.items);
    free(lists.start);
    free(lists.arcs);
    if (rc != LM_NS_OK)
        lm_residual_paths_free(out);
    return rc;
}

void lm_residual_paths_free(lm_residual_paths *rp)
{
    free(rp->cost);
    free(rp->next);
    free(rp->next_arc);
    *rp = (lm_residual_paths){0};
}
