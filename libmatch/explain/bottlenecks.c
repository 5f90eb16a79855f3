/*
 * match_model_bottlenecks(): what one more volunteer-hour or resource unit would be worth.
 *
 * The model's flow network (solve/flow_network.h) is solved once; the cheapest residual
 * paths to the sink (residual_paths.h) then price every hypothetical extra item at once. A
 * hypothetical volunteer at community c with skill s enters the network as a node with one
 * unit of supply and an arc to the hours node of every need it may serve, costing the
 * travel of one hour; the cheapest of "arc + cheapest path onward" is the exact change of
 * the optimum when that hour is added (a negative cost is a gain), and zero when no path
 * gains (the hour stays unused). A hypothetical resource works the same way through the
 * request nodes of its type, with no travel cost.
 */
#include "libmatch/explain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../model/geo.h"
#include "../model/model_internal.h"
#include "../solve/flow_network.h"
#include "../solve/instance.h"
#include "../solve/network_check.h"
#include "../solve/pair_index.h"
#include "residual_paths.h"

#define VIEWS (MATCH_BOTTLENECK_TYPES + 1)

typedef struct bn_row {
    char *skill, *type, *community, *street, *serves, *gains;
    double value;
} bn_row;

struct match_bottlenecks {
    match_status status;
    bool exact;
    bn_row *rows; /* hour rows, then resource rows, in model order */
    size_t n_rows;
    size_t *view[VIEWS]; /* row indexes, best first */
    size_t view_len[VIEWS];
};

/* ---- Reading the report --------------------------------------------------------------- */

void match_bottlenecks_destroy(match_bottlenecks *b)
{
    if (b == NULL)
        return;
    for (size_t r = 0; r < b->n_rows; ++r) {
        bn_row *row = &b->rows[r];
        free(row->skill);
        free(row->type);
        free(row->community);
        free(row->street);
        free(row->serves);
        free(row->gains);
    }
    free(b->rows);
    for (int v = 0; v < VIEWS; ++v)
        free(b->view[v]);
    free(b);
}

match_status match_bottlenecks_status(const match_bottlenecks *b)
{
    return b != NULL ? b->status : MATCH_STATUS_ERROR;
}

int match_bottlenecks_exact(const match_bottlenecks *b)
{
    return b != NULL && b->exact ? 1 : 0;
}

size_t match_bottlenecks_count(const match_bottlenecks *b, match_bottleneck_view view)
{
    if (b == NULL || (int)view < 0 || (int)view >= VIEWS)
        return 0;
    return b->view_len[view];
}

static const bn_row *row_at(const match_bottlenecks *b, match_bottleneck_view view, size_t k)
{
    if (k >= match_bottlenecks_count(b, view))
        return NULL;
    return &b->rows[b->view[view][k]];
}

double match_bottleneck_value(const match_bottlenecks *b, match_bottleneck_view view, size_t k)
{
    const bn_row *row = row_at(b, view, k);
    return row != NULL ? row->value : NAN;
}

#define ROW_STRING(name)                                                                           \
    const char *match_bottleneck_##name(const match_bottlenecks *b, match_bottleneck_view view,    \
                                        size_t k)                                                  \
    {                                                                                              \
        const bn_row *row = row_at(b, view, k);                                                    \
        return row != NULL ? row->name : NULL;                                                     \
    }

ROW_STRING(skill)
ROW_STRING(type)
ROW_STRING(community)
ROW_STRING(street)
ROW_STRING(serves)
ROW_STRING(gains)

/* ---- Computing it --------------------------------------------------------------------- */

/* Everything the pricing needs, built once. */
typedef struct pricing {
    const match_model *model;
    lm_flow_net net;
    lm_residual_paths paths;
    size_t *slot_need; /* per requirement slot: its need */
    size_t n_slots;
    /* The tags needs ask for: skills[k] is the skill of hour column k + 1 (column 0: no
     * skill); types[k] the type of resource column k. skill_column / type_column map a tag
     * back (LM_NONE: nobody asks for it). */
    size_t *skills, n_skills, *skill_column;
    size_t *types, n_types, *type_column;
    /* Needs grouped by community: community_needs[community_start[c] ..]. */
    size_t *community_start, *community_needs;
} pricing;

/* One column of the table for one community: the cheapest way found so far. */
typedef struct best {
    int64_t cost; /* LM_RP_UNREACHABLE: none */
    size_t need;  /* the need served directly */
    size_t slot;  /* its slot, where the path onward starts */
} best;

static void pricing_free(pricing *p)
{
    lm_flow_free(&p->net);
    lm_residual_paths_free(&p->paths);
    free(p->slot_need);
    free(p->skills);
    free(p->skill_column);
    free(p->types);
    free(p->type_column);
    free(p->community_start);
    free(p->community_needs);
}

static void *zalloc(size_t n, size_t size)
{
    return calloc(n > 0 ? n : 1, size);
}

/* Columns: the tags some need asks for, in tag order. */
static bool collect_tags(pricing *p)
{
    const match_model *m = p->model;
    p->skill_column = zalloc(m->n_tags, sizeof *p->skill_column);
    p->type_column = zalloc(m->n_tags, sizeof *p->type_column);
    bool *skill = zalloc(m->n_tags, sizeof *skill), *type = zalloc(m->n_tags, sizeof *type);
    p->skills = zalloc(m->n_tags, sizeof *p->skills);
    p->types = zalloc(m->n_tags, sizeof *p->types);
    bool ok = p->skill_column && p->type_column && skill && type && p->skills && p->types;
    for (size_t i = 0; ok && i < m->needs.len; ++i) {
        const lm_need *n = &m->needs.items[i];
        for (size_t k = 0; k < n->skills.len; ++k)
            skill[n->skills.tags[k]] = true;
        for (size_t k = 0; k < n->n_requests; ++k)
            type[n->requests[k].type] = true;
    }
    for (size_t t = 0; ok && t < m->n_tags; ++t) {
        p->skill_column[t] = p->type_column[t] = LM_NONE;
        if (skill[t]) {
            p->skill_column[t] = 1 + p->n_skills;
            p->skills[p->n_skills++] = t;
        }
        if (type[t]) {
            p->type_column[t] = p->n_types;
            p->types[p->n_types++] = t;
        }
    }
    free(skill);
    free(type);
    return ok;
}

static bool group_needs(pricing *p)
{
    const match_model *m = p->model;
    size_t nc = m->communities.len;
    p->community_start = zalloc(nc + 1, sizeof *p->community_start);
    p->community_needs = zalloc(m->needs.len, sizeof *p->community_needs);
    size_t *fill = zalloc(nc, sizeof *fill);
    bool ok = p->community_start && p->community_needs && fill;
    for (size_t i = 0; ok && i < m->needs.len; ++i)
        p->community_start[m->needs.items[i].community + 1]++;
    for (size_t c = 0; ok && c < nc; ++c) {
        p->community_start[c + 1] += p->community_start[c];
        fill[c] = p->community_start[c];
    }
    for (size_t i = 0; ok && i < m->needs.len; ++i)
        p->community_needs[fill[m->needs.items[i].community]++] = i;
    free(fill);
    return ok;
}

static bool map_slots(pricing *p)
{
    const match_model *m = p->model;
    p->n_slots = p->net.slot_start[m->needs.len];
    p->slot_need = zalloc(p->n_slots, sizeof *p->slot_need);
    if (p->slot_need == NULL)
        return false;
    for (size_t i = 0; i < m->needs.len; ++i)
        for (size_t s = p->net.slot_start[i]; s < p->net.slot_start[i + 1]; ++s)
            p->slot_need[s] = i;
    return true;
}

/* Whole units, as the flow network counts them. */
static int64_t whole(double value)
{
    return (int64_t)floor(value + 1e-9);
}

static void offer(best *b, int64_t cost, size_t need, size_t slot)
{
    if (cost < b->cost)
        *b = (best){cost, need, slot};
}

/* The cost onward from a slot, plus an arc cost; LM_RP_UNREACHABLE if there is no path. */
static int64_t through(const pricing *p, size_t slot, int64_t arc_cost)
{
    int64_t onward = p->paths.cost[p->net.first_slot_node + slot];
    if (onward == LM_RP_UNREACHABLE)
        return LM_RP_UNREACHABLE;
    return onward + arc_cost;
}

/* A type asked for twice: only the first request gets resource pairs (instance.c). */
static bool first_request_of_type(const lm_need *n, size_t r)
{
    for (size_t k = 0; k < r; ++k)
        if (n->requests[k].type == n->requests[r].type)
            return false;
    return true;
}

/* Prices every column of community c: hours[0 .. n_skills] and units[0 .. n_types - 1]. */
static void price_community(const pricing *p, size_t c, best *hours, best *units)
{
    const match_model *m = p->model;
    const lm_community *home = &m->communities.items[c];
    for (size_t k = 0; k <= p->n_skills; ++k)
        hours[k] = (best){LM_RP_UNREACHABLE, LM_NONE, 0};
    for (size_t k = 0; k < p->n_types; ++k)
        units[k] = (best){LM_RP_UNREACHABLE, LM_NONE, 0};
    /* The hypothetical items stand at c and reach as far as the policy allows; volunteers
     * and resources both use that distance here. */
    double reach = m->policy.max_distance_km + LM_EPS;
    for (size_t d = 0; d < m->communities.len; ++d) {
        const lm_community *there = &m->communities.items[d];
        double km = lm_haversine_km(home->lat, home->lon, there->lat, there->lon);
        if (km > reach)
            continue;
        int64_t travel = (int64_t)llround(m->policy.distance_cost * km * p->net.scale);
        for (size_t j = p->community_start[d]; j < p->community_start[d + 1]; ++j) {
            size_t i = p->community_needs[j];
            const lm_need *n = &m->needs.items[i];
            size_t slot = p->net.slot_start[i];
            if (whole(n->hours) >= 1) {
                int64_t cost = through(p, slot, travel);
                if (n->skills.len == 0)
                    for (size_t k = 0; k <= p->n_skills; ++k)
                        offer(&hours[k], cost, i, slot);
                else
                    for (size_t k = 0; k < n->skills.len; ++k)
                        offer(&hours[p->skill_column[n->skills.tags[k]]], cost, i, slot);
            }
            for (size_t r = 0; r < n->n_requests; ++r) {
                size_t type = n->requests[r].type;
                if (!first_request_of_type(n, r) || whole(n->requests[r].amount) < 1)
                    continue;
                offer(&units[p->type_column[type]], through(p, slot + 1 + r, 0), i, slot + 1 + r);
            }
        }
    }
}

/* The need whose sink arc the path from slot ends on; LM_NONE if it ends at the source. */
static size_t gaining_need(const pricing *p, size_t slot)
{
    size_t node = p->net.first_slot_node + slot, steps = 0;
    size_t last = node;
    while (p->paths.next[node] != (size_t)-1 && steps++ <= p->paths.n_nodes) {
        last = node;
        node = p->paths.next[node];
    }
    if (node != LM_FLOW_SINK || last < p->net.first_slot_node)
        return LM_NONE;
    return p->slot_need[last - p->net.first_slot_node];
}

/* String copies that remember a failed allocation. */
static char *copy(const char *s, bool *ok)
{
    if (s == NULL)
        return NULL;
    char *c = lm_strdup(s);
    if (c == NULL)
        *ok = false;
    return c;
}

static void fill_row(bn_row *row, const pricing *p, const best *b, size_t c, bool *ok)
{
    const match_model *m = p->model;
    const lm_community *home = &m->communities.items[c];
    row->community = copy(home->id, ok);
    row->street = copy(home->street, ok);
    if (b->need == LM_NONE || b->cost >= 0) {
        row->value = 0.0;
        return;
    }
    row->value = -(double)b->cost / p->net.scale;
    row->serves = copy(m->needs.items[b->need].id, ok);
    size_t gains = gaining_need(p, b->slot);
    if (gains != LM_NONE)
        row->gains = copy(m->needs.items[gains].id, ok);
}

/* ---- Views ---------------------------------------------------------------------------- */

/* A row index with its value, sorted highest value first, then in model order. */
typedef struct ranked {
    double value;
    size_t row;
} ranked;

static int by_value(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* Sorts a view by value (qsort is not stable, but ties are broken by row: a total order). */
static bool sort_view(match_bottlenecks *b, int view)
{
    size_t n = b->view_len[view];
    ranked *r = zalloc(n, sizeof *r);
    if (r == NULL)
        return false;
    for (size_t k = 0; k < n; ++k)
        r[k] = (ranked){b->rows[b->view[view][k]].value, b->view[view][k]};
    qsort(r, n, sizeof *r, by_value);
    for (size_t k = 0; k < n; ++k)
        b->view[view][k] = r[k].row;
    free(r);
    return true;
}

static bool same(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The key a row is grouped by in a roll-up view. */
static const char *group_key(const bn_row *row, match_bottleneck_view view)
{
    switch (view) {
    case MATCH_BOTTLENECK_SKILLS:
        return row->skill;
    case MATCH_BOTTLENECK_COMMUNITIES:
        return row->community;
    case MATCH_BOTTLENECK_STREETS:
        return row->street;
    default:
        return row->type;
    }
}

/* A roll-up: the best row of each group among rows [lo, hi), groups in first-seen order.
 * The street view leaves out communities without a street. */
static bool roll_up(match_bottlenecks *b, match_bottleneck_view view, size_t lo, size_t hi)
{
    size_t *out = zalloc(hi - lo, sizeof *out), n = 0;
    if (out == NULL)
        return false;
    for (size_t r = lo; r < hi; ++r) {
        const char *key = group_key(&b->rows[r], view);
        if (view == MATCH_BOTTLENECK_STREETS && key == NULL)
            continue;
        size_t g = 0;
        while (g < n && !same(group_key(&b->rows[out[g]], view), key))
            ++g;
        if (g == n)
            out[n++] = r;
        else if (b->rows[r].value > b->rows[out[g]].value)
            out[g] = r;
    }
    b->view[view] = out;
    b->view_len[view] = n;
    return true;
}

static bool all_rows(match_bottlenecks *b, match_bottleneck_view view, size_t lo, size_t hi)
{
    size_t *out = zalloc(hi - lo, sizeof *out);
    if (out == NULL)
        return false;
    for (size_t r = lo; r < hi; ++r)
        out[r - lo] = r;
    b->view[view] = out;
    b->view_len[view] = hi - lo;
    return true;
}

static bool make_views(match_bottlenecks *b, size_t n_hour_rows)
{
    bool ok = all_rows(b, MATCH_BOTTLENECK_HOURS, 0, n_hour_rows) &&
              roll_up(b, MATCH_BOTTLENECK_SKILLS, 0, n_hour_rows) &&
              roll_up(b, MATCH_BOTTLENECK_COMMUNITIES, 0, n_hour_rows) &&
              roll_up(b, MATCH_BOTTLENECK_STREETS, 0, n_hour_rows) &&
              all_rows(b, MATCH_BOTTLENECK_RESOURCES, n_hour_rows, b->n_rows) &&
              roll_up(b, MATCH_BOTTLENECK_TYPES, n_hour_rows, b->n_rows);
    for (int v = 0; ok && v < VIEWS; ++v)
        ok = sort_view(b, v);
    return ok;
}

static int make_rows(match_bottlenecks *b, const pricing *p)
{
    const match_model *m = p->model;
    size_t nc = m->communities.len, hour_cols = p->n_skills + 1;
    size_t n_hour_rows = nc * hour_cols;
    b->rows = zalloc(n_hour_rows + nc * p->n_types, sizeof *b->rows);
    best *hours = zalloc(hour_cols, sizeof *hours), *units = zalloc(p->n_types, sizeof *units);
    bool ok = b->rows != NULL && hours != NULL && units != NULL;
    if (b->rows != NULL)
        b->n_rows = n_hour_rows + nc * p->n_types; /* zeroed rows free harmlessly */
    for (size_t c = 0; ok && c < nc; ++c) {
        price_community(p, c, hours, units);
        for (size_t k = 0; k < hour_cols; ++k) {
            bn_row *row = &b->rows[c * hour_cols + k];
            fill_row(row, p, &hours[k], c, &ok);
            if (k > 0)
                row->skill = copy(lm_tag_name(m, p->skills[k - 1]), &ok);
        }
        for (size_t k = 0; k < p->n_types; ++k) {
            bn_row *row = &b->rows[n_hour_rows + c * p->n_types + k];
            fill_row(row, p, &units[k], c, &ok);
            row->type = copy(lm_tag_name(m, p->types[k]), &ok);
        }
    }
    free(hours);
    free(units);
    return ok && make_views(b, n_hour_rows) ? MATCH_OK : MATCH_ENOMEM;
}

static int ns_error(match_model *model, int ns_rc)
{
    if (ns_rc == LM_NS_NOMEM)
        return lm_fail(model, MATCH_ENOMEM, "bottlenecks: out of memory");
    return lm_fail(model, MATCH_ESOLVER,
                   "bottlenecks: the network simplex failed (code %d): the scenario's numbers "
                   "are too large for exact flow arithmetic",
                   ns_rc);
}

static int compute(match_bottlenecks *b, match_model *model, const lm_instance *inst)
{
    pricing p = {.model = model};
    int rc = lm_flow_build(&p.net, inst, false);
    if (rc == LM_NS_OK)
        rc = lm_ns_solve(p.net.ns);
    if (rc == LM_NS_INFEASIBLE) {
        b->status = MATCH_STATUS_INFEASIBLE;
        pricing_free(&p);
        return MATCH_OK;
    }
    if (rc == LM_NS_OK)
        rc = lm_residual_paths_build(&p.paths, p.net.ns, LM_FLOW_SINK, LM_FLOW_SOURCE,
                                     lm_ns_arc_count(p.net.ns) - 1);
    if (rc != LM_NS_OK) {
        pricing_free(&p);
        return ns_error(model, rc);
    }
    rc = collect_tags(&p) && group_needs(&p) && map_slots(&p) ? MATCH_OK : MATCH_ENOMEM;
    if (rc == MATCH_OK)
        rc = make_rows(b, &p);
    pricing_free(&p);
    return rc == MATCH_OK ? MATCH_OK : lm_fail(model, rc, "bottlenecks: out of memory");
}

int match_model_bottlenecks(match_bottlenecks **out, match_model *model)
{
    if (out != NULL)
        *out = NULL;
    if (model == NULL)
        return MATCH_EINVAL;
    if (out == NULL)
        return lm_fail(model, MATCH_EINVAL, "match_model_bottlenecks: out is NULL");
    char errmsg[LM_ERRMSG_SIZE] = "";
    lm_instance inst;
    int rc = lm_instance_build(&inst, model, errmsg);
    if (rc != MATCH_OK)
        return lm_fail(model, rc, "%s", errmsg);
    match_bottlenecks *b = calloc(1, sizeof *b);
    if (b == NULL) {
        lm_instance_free(&inst);
        return lm_fail(model, MATCH_ENOMEM, "bottlenecks: out of memory");
    }
    b->status = MATCH_STATUS_OPTIMAL;
    b->exact = lm_instance_is_network(&inst, NULL, 0);
    rc = compute(b, model, &inst);
    lm_instance_free(&inst);
    if (rc != MATCH_OK) {
        match_bottlenecks_destroy(b);
        return rc;
    }
    *out = b;
    return MATCH_OK;
}
