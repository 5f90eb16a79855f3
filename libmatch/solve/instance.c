/*
 * Pair generation: which volunteers and resources may serve which needs (docs/model.md,
 * "Who may serve what").
 *
 * A city has 10^4-10^5 volunteers and 10^3-10^4 needs, but each need is within reach of only
 * the volunteers of a few nearby communities. So needs are taken community by community: a
 * spatial index (pair_index.h) lists once the volunteers within reach of the community, and
 * each of its needs applies the other rules to that list alone. The work is proportional to
 * the pairs within reach instead of volunteers x needs. What comes out is exactly what a scan
 * of every volunteer for every need gives: pairs sorted by need, then volunteer, with the same
 * distances and bounds, and the same lm_need_filters counts; the volunteers out of reach are
 * counted without being visited.
 */
#include "instance.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../model/geo.h"
#include "pair_index.h"
#include "previous_pairs.h"

/* A volunteer a person put on a need: fixed to it, listed with it, or both. Such pairs
 * bypass the rules. */
typedef struct pinned_entry {
    size_t volunteer;
    double fixed_hours; /* 0: not fixed */
    size_t listed;      /* index into the model's listed pairs, or LM_NONE */
    size_t seq;         /* order among the entries of one volunteer, for sorting */
} pinned_entry;

/* Pinned pairs by need, each need's sorted by volunteer: offsets[i]..offsets[i+1] index into
 * items. */
typedef struct pinned_by_need {
    size_t *offsets;
    pinned_entry *items;
} pinned_by_need;

/* Forbidden pairs by need: offsets[i]..offsets[i+1] index into volunteers. */
typedef struct forbidden_by_need {
    size_t *offsets;
    size_t *volunteers;
} forbidden_by_need;

/* Skills or slots as bit masks, used when the needs ask for at most 64 distinct tags of the
 * kind. Only tags some need names get a bit, and a need only asks whether a volunteer has
 * one of its own tags, so two masks meet exactly when the tag sets do. With more tags the
 * sorted sets are intersected instead. */
typedef struct tag_masks {
    bool on;
    uint64_t *need; /* one per need; the volunteers' are in volunteer_facts */
} tag_masks;

/* What the rules read of a volunteer, packed: the volunteers within reach of a community are
 * read again for each of its needs, and the full records are several times larger. */
typedef struct volunteer_facts {
    uint64_t skills, slots; /* masks, where tag_masks is on */
    double hours;
    bool has_slots;
} volunteer_facts;

/* Everything the volunteer pass reads, built once per model. */
typedef struct pair_context {
    const match_model *model;
    lm_pair_index index;
    pinned_by_need pinned;
    forbidden_by_need forbidden;
    bool pairs_only; /* policy eligibility "pairs_only": the rules make no pair */
    /* forbidden_stamp[v] == i + 1 when (v, i) is forbidden; set need by need, which saves
     * clearing the array between needs. */
    size_t *forbidden_stamp;
    tag_masks skills, slots;
    volunteer_facts *facts; /* one per volunteer */
    /* Needs grouped by community: community c's are needs[offsets[c]..offsets[c+1]). */
    size_t *community_offsets;
    size_t *community_needs;
} pair_context;

static double floor_eps(double v)
{
    return floor(v + LM_EPS);
}

static double ceil_eps(double v)
{
    return ceil(v - LM_EPS);
}

static int fail_nomem(char *errmsg)
{
    lm_errmsg_set(errmsg, "out of memory while building the pairs");
    return MATCH_ENOMEM;
}

/* malloc of n elements that never asks for 0 bytes, so NULL always means failure. */
static void *alloc_array(size_t n, size_t size)
{
    return n != 0 && n > SIZE_MAX / size ? NULL : malloc((n ? n : 1) * size);
}

/* Counting sort of n items by key into offsets (n_keys + 1, filled) and order (the item
 * indexes, increasing within a key). */
static bool bucket_by(size_t *offsets, size_t *order, size_t n_keys, size_t n,
                      size_t (*key_of)(const match_model *, size_t), const match_model *m)
{
    memset(offsets, 0, (n_keys + 1) * sizeof *offsets);
    for (size_t k = 0; k < n; k++)
        offsets[key_of(m, k) + 1]++;
    for (size_t c = 0; c < n_keys; c++)
        offsets[c + 1] += offsets[c];
    size_t *fill = alloc_array(n_keys, sizeof *fill);
    if (fill == NULL)
        return false;
    memcpy(fill, offsets, n_keys * sizeof *fill);
    for (size_t k = 0; k < n; k++)
        order[fill[key_of(m, k)]++] = k;
    free(fill);
    return true;
}

static size_t forbidden_need(const match_model *m, size_t k)
{
    return m->forbidden[k].need;
}

static size_t need_community(const match_model *m, size_t i)
{
    return m->needs.items[i].community;
}

static size_t resource_type(const match_model *m, size_t r)
{
    return m->resources.items[r].type;
}

static bool group_forbidden(forbidden_by_need *g, const match_model *m)
{
    size_t n = m->n_forbidden;
    g->offsets = alloc_array(m->needs.len + 1, sizeof *g->offsets);
    g->volunteers = alloc_array(n, sizeof *g->volunteers);
    if (g->offsets == NULL || g->volunteers == NULL ||
        !bucket_by(g->offsets, g->volunteers, m->needs.len, n, forbidden_need, m))
        return false;
    for (size_t k = 0; k < n; k++)
        g->volunteers[k] = m->forbidden[g->volunteers[k]].volunteer;
    return true;
}

static int compare_pinned(const void *a, const void *b)
{
    const pinned_entry *x = a, *y = b;
    if (x->volunteer != y->volunteer)
        return x->volunteer < y->volunteer ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Puts entry e of need i at its place, counting (items NULL) or writing. */
static void pinned_place(pinned_by_need *g, size_t *fill, size_t i, pinned_entry e)
{
    if (g->items == NULL)
        g->offsets[i + 1]++;
    else
        g->items[fill[i]++] = e;
}

/* Fixed and listed pairs by need, sorted by volunteer so that they merge into the volunteers
 * within reach; a pair both fixed and listed becomes one entry. Should a pair be fixed twice
 * (the builder refuses that), the later hours win, as they did when each pair simply
 * overwrote the previous one. */
static bool group_pinned(pinned_by_need *g, const match_model *m)
{
    size_t n_needs = m->needs.len, n = m->n_fixed + m->n_listed;
    g->offsets = alloc_array(n_needs + 1, sizeof *g->offsets);
    size_t *fill = alloc_array(n_needs, sizeof *fill);
    if (g->offsets == NULL || fill == NULL) {
        free(fill);
        return false;
    }
    memset(g->offsets, 0, (n_needs + 1) * sizeof *g->offsets);
    for (int pass = 0; pass < 2; pass++) {
        /* seq: listed first (0), then the fixed pairs from the last listed to the first. */
        for (size_t k = 0; k < m->n_listed; k++)
            pinned_place(g, fill, m->listed[k].need,
                         (pinned_entry){m->listed[k].volunteer, 0.0, k, 0});
        for (size_t k = 0; k < m->n_fixed; k++)
            pinned_place(
                g, fill, m->fixed[k].need,
                (pinned_entry){m->fixed[k].volunteer, m->fixed[k].hours, LM_NONE, m->n_fixed - k});
        if (pass == 0) {
            for (size_t i = 0; i < n_needs; i++)
                g->offsets[i + 1] += g->offsets[i];
            memcpy(fill, g->offsets, n_needs * sizeof *fill);
            g->items = alloc_array(n, sizeof *g->items);
            if (g->items == NULL) {
                free(fill);
                return false;
            }
        }
    }
    free(fill);
    size_t out = 0;
    for (size_t i = 0; i < n_needs; i++) {
        size_t lo = g->offsets[i], hi = g->offsets[i + 1];
        qsort(g->items + lo, hi - lo, sizeof *g->items, compare_pinned);
        g->offsets[i] = out;
        for (size_t k = lo; k < hi; k++) {
            pinned_entry e = g->items[k];
            if (out > g->offsets[i] && g->items[out - 1].volunteer == e.volunteer) {
                pinned_entry *prev = &g->items[out - 1];
                if (prev->listed == LM_NONE)
                    prev->listed = e.listed;
                if (prev->fixed_hours <= 0)
                    prev->fixed_hours = e.fixed_hours;
                continue;
            }
            g->items[out++] = e;
        }
    }
    g->offsets[n_needs] = out;
    return true;
}

static const lm_tagset *volunteer_tags(const lm_volunteer *v, bool slots)
{
    return slots ? &v->slots : &v->skills;
}

static const lm_tagset *need_tags(const lm_need *n, bool slots)
{
    return slots ? &n->slots : &n->skills;
}

static uint64_t mask_of(const lm_tagset *set, const size_t *bit)
{
    uint64_t mask = 0;
    for (size_t k = 0; k < set->len; k++)
        if (bit[set->tags[k]] != LM_NONE)
            mask |= (uint64_t)1 << bit[set->tags[k]];
    return mask;
}

static bool tag_masks_build(tag_masks *tm, volunteer_facts *facts, const match_model *m, bool slots)
{
    size_t *bit = alloc_array(m->n_tags, sizeof *bit);
    if (bit == NULL)
        return false;
    for (size_t t = 0; t < m->n_tags; t++)
        bit[t] = LM_NONE;
    size_t n_bits = 0;
    for (size_t i = 0; i < m->needs.len && n_bits <= 64; i++) {
        const lm_tagset *set = need_tags(&m->needs.items[i], slots);
        for (size_t k = 0; k < set->len; k++)
            if (bit[set->tags[k]] == LM_NONE)
                bit[set->tags[k]] = n_bits++;
    }
    tm->on = n_bits <= 64;
    if (tm->on) {
        tm->need = alloc_array(m->needs.len, sizeof *tm->need);
        if (tm->need == NULL) {
            free(bit);
            return false;
        }
        for (size_t v = 0; v < m->volunteers.len; v++) {
            uint64_t mask = mask_of(volunteer_tags(&m->volunteers.items[v], slots), bit);
            *(slots ? &facts[v].slots : &facts[v].skills) = mask;
        }
        for (size_t i = 0; i < m->needs.len; i++)
            tm->need[i] = mask_of(need_tags(&m->needs.items[i], slots), bit);
    }
    free(bit);
    return true;
}

/* True when a volunteer with this mask and tag set has one of the tags of need i (of the
 * kind tm stands for). */
static bool shares_tag(const tag_masks *tm, uint64_t volunteer_mask, size_t i,
                       const lm_tagset *need_set, const lm_tagset *volunteer_set)
{
    if (tm->on)
        return (volunteer_mask & tm->need[i]) != 0;
    return lm_tagset_intersects(need_set, volunteer_set);
}

static bool facts_build(pair_context *ctx, const match_model *m)
{
    ctx->facts = alloc_array(m->volunteers.len, sizeof *ctx->facts);
    if (ctx->facts == NULL)
        return false;
    for (size_t v = 0; v < m->volunteers.len; v++) {
        const lm_volunteer *vol = &m->volunteers.items[v];
        ctx->facts[v] = (volunteer_facts){.hours = vol->hours, .has_slots = vol->slots.len > 0};
    }
    return tag_masks_build(&ctx->skills, ctx->facts, m, false) &&
           tag_masks_build(&ctx->slots, ctx->facts, m, true);
}

static bool context_build(pair_context *ctx, const match_model *m)
{
    size_t n_comm = m->communities.len, n_needs = m->needs.len;
    ctx->model = m;
    ctx->pairs_only = m->policy.eligibility == LM_ELIGIBILITY_PAIRS_ONLY;
    ctx->forbidden_stamp =
        calloc(m->volunteers.len ? m->volunteers.len : 1, sizeof *ctx->forbidden_stamp);
    ctx->community_offsets = alloc_array(n_comm + 1, sizeof *ctx->community_offsets);
    ctx->community_needs = alloc_array(n_needs, sizeof *ctx->community_needs);
    return ctx->forbidden_stamp != NULL && ctx->community_offsets != NULL &&
           ctx->community_needs != NULL &&
           bucket_by(ctx->community_offsets, ctx->community_needs, n_comm, n_needs, need_community,
                     m) &&
           group_forbidden(&ctx->forbidden, m) && group_pinned(&ctx->pinned, m) &&
           facts_build(ctx, m) && (ctx->pairs_only || lm_pair_index_build(&ctx->index, m));
}

static void context_free(pair_context *ctx)
{
    lm_pair_index_free(&ctx->index);
    free(ctx->pinned.offsets);
    free(ctx->pinned.items);
    free(ctx->forbidden.offsets);
    free(ctx->forbidden.volunteers);
    free(ctx->forbidden_stamp);
    free(ctx->facts);
    free(ctx->skills.need);
    free(ctx->slots.need);
    free(ctx->community_offsets);
    free(ctx->community_needs);
}

/* The pair upper bound before any fixed hours: whole hours both sides can give. */
static double hours_bound(double volunteer_hours, const lm_need *n)
{
    double upper = floor_eps(fmin(volunteer_hours, n->hours));
    return upper < 0 ? 0 : upper;
}

/* Where need_pairs() writes: the pairs, and for a model with listed pairs which of them are
 * listed and their values (at the same positions). NULL pairs: count only. */
typedef struct pair_out {
    lm_pair *pairs;
    unsigned char *listed;
    double *value;
} pair_out;

static void put_pair(const pair_out *out, size_t k, lm_pair p)
{
    if (out->pairs == NULL)
        return;
    out->pairs[k] = p;
    if (out->listed != NULL) {
        out->listed[k] = 0;
        out->value[k] = 0.0;
    }
}

/* A person decided this pair (fixed, listed or both): it bypasses the rules and is not
 * counted in the filters, which explain what the rules did. x is whole hours, so a fixed
 * pair's bound is the fixed hours rounded up; a listed pair gives exactly its hours. */
static void put_pinned(const pair_out *out, size_t k, const match_model *m, size_t i,
                       const pinned_entry *e, double dist)
{
    if (out->pairs == NULL)
        return;
    lm_pair p = {.volunteer = e->volunteer, .need = i, .distance_km = dist};
    p.fixed_hours = e->fixed_hours;
    if (e->listed != LM_NONE) {
        p.upper = m->listed[e->listed].hours;
        put_pair(out, k, p);
        out->listed[k] = 1;
        out->value[k] = m->listed[e->listed].value;
        return;
    }
    p.upper = hours_bound(m->volunteers.items[e->volunteer].hours, &m->needs.items[i]);
    p.upper = fmax(p.upper, ceil_eps(p.fixed_hours));
    put_pair(out, k, p);
}

/* A pinned pair whose volunteer is out of reach (or not looked for), so the index gave no
 * distance. */
static void put_pinned_far(const pair_out *out, size_t k, const match_model *m, size_t i,
                           const pinned_entry *e)
{
    if (out->pairs == NULL)
        return;
    const lm_volunteer *v = &m->volunteers.items[e->volunteer];
    const lm_community *home = &m->communities.items[m->needs.items[i].community];
    double dist =
        lm_haversine_km(lm_volunteer_lat(m, v), lm_volunteer_lon(m, v), home->lat, home->lon);
    put_pinned(out, k, m, i, e, dist);
}

/*
 * The pairs of need i: counts them, and writes them to out (from position `at`) unless
 * out->pairs is NULL. reach lists the volunteers within reach of the need's community, by
 * volunteer; the need's pinned pairs are merged in, in volunteer order. Each volunteer that
 * is not pinned is counted in f once, for the first rule it fails, in the order of
 * lm_need_filters. Under "pairs_only" reach is empty and f counts nothing.
 */
static size_t need_pairs(const pair_out *out, size_t at, const pair_context *ctx, size_t i,
                         const lm_reach_list *reach, lm_need_filters *f)
{
    const match_model *m = ctx->model;
    const lm_need *n = &m->needs.items[i];
    for (size_t k = ctx->forbidden.offsets[i]; k < ctx->forbidden.offsets[i + 1]; k++)
        ctx->forbidden_stamp[ctx->forbidden.volunteers[k]] = i + 1;
    const pinned_entry *pe = ctx->pinned.items + ctx->pinned.offsets[i];
    const pinned_entry *pe_end = ctx->pinned.items + ctx->pinned.offsets[i + 1];
    size_t n_pinned = (size_t)(pe_end - pe), pinned_in_reach = 0, len = 0;

    for (size_t k = 0; k < reach->len; k++) {
        size_t vi = reach->items[k].volunteer;
        double dist = reach->items[k].distance_km;
        for (; pe < pe_end && pe->volunteer < vi; pe++, len++)
            put_pinned_far(out, at + len, m, i, pe);
        if (pe < pe_end && pe->volunteer == vi) {
            put_pinned(out, at + len, m, i, pe, dist);
            pe++;
            len++;
            pinned_in_reach++;
            continue;
        }
        const volunteer_facts *v = &ctx->facts[vi];
        const lm_volunteer *vol = &m->volunteers.items[vi];
        if (n->skills.len > 0 &&
            !shares_tag(&ctx->skills, v->skills, i, &n->skills, &vol->skills)) {
            f->no_skill++;
            continue;
        }
        if (n->slots.len > 0 && v->has_slots &&
            !shares_tag(&ctx->slots, v->slots, i, &n->slots, &vol->slots)) {
            f->no_slot++;
            continue;
        }
        if (ctx->forbidden_stamp[vi] == i + 1) {
            f->forbidden++;
            continue;
        }
        double upper = hours_bound(v->hours, n);
        if (upper < 1) {
            f->no_hours++;
            continue;
        }
        f->eligible++;
        put_pair(out, at + len,
                 (lm_pair){.volunteer = vi, .need = i, .distance_km = dist, .upper = upper});
        len++;
    }
    for (; pe < pe_end; pe++, len++)
        put_pinned_far(out, at + len, m, i, pe);
    /* Every volunteer that is neither pinned nor within reach is out of reach. */
    if (!ctx->pairs_only)
        f->out_of_reach = (m->volunteers.len - n_pinned) - (reach->len - pinned_in_reach);
    return len;
}

/*
 * Volunteer pairs, generated community by community in two passes: the first counts each
 * need's pairs (and fills the filters), so that the second writes every pair straight to its
 * final place in an array of the exact size. Pairs are most of the memory of a city, and
 * growing and reordering them cost more than listing the volunteers within reach twice.
 */
static int build_volunteer_pairs(lm_instance *inst, const pair_context *ctx)
{
    const match_model *m = ctx->model;
    size_t n_needs = m->needs.len;
    lm_reach_list reach = {0};
    pair_out out = {0};
    int rc = MATCH_ENOMEM;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t c = 0; c < m->communities.len; c++) {
            size_t lo = ctx->community_offsets[c], hi = ctx->community_offsets[c + 1];
            if (lo == hi)
                continue;
            const lm_community *home = &m->communities.items[c];
            /* Under "pairs_only" the rules pair nobody: the reach list stays empty. */
            if (!ctx->pairs_only && !lm_pair_index_reach(&ctx->index, home->lat, home->lon, &reach))
                goto done;
            for (size_t k = lo; k < hi; k++) {
                size_t i = ctx->community_needs[k];
                if (pass == 0) {
                    inst->need_pairs[i + 1] =
                        need_pairs(&out, 0, ctx, i, &reach, &inst->filters[i]);
                } else {
                    lm_need_filters again = {0};
                    need_pairs(&out, inst->need_pairs[i], ctx, i, &reach, &again);
                }
            }
        }
        if (pass == 0) {
            for (size_t i = 0; i < n_needs; i++)
                inst->need_pairs[i + 1] += inst->need_pairs[i];
            inst->n_pairs = inst->need_pairs[n_needs];
            if (inst->n_pairs == 0)
                break;
            inst->pairs = alloc_array(inst->n_pairs, sizeof *inst->pairs);
            if (inst->pairs == NULL)
                goto done;
            if (m->n_listed > 0) {
                inst->listed = alloc_array(inst->n_pairs, sizeof *inst->listed);
                inst->value = alloc_array(inst->n_pairs, sizeof *inst->value);
                if (inst->listed == NULL || inst->value == NULL)
                    goto done;
            }
            out = (pair_out){inst->pairs, inst->listed, inst->value};
        }
    }
    for (size_t p = 0; inst->listed != NULL && p < inst->n_pairs; p++)
        inst->n_listed += inst->listed[p];
    rc = MATCH_OK;
done:
    free(reach.items);
    return rc;
}

/* The index of the need's request for this type, or LM_NONE. */
static size_t request_of_type(const lm_need *n, size_t type)
{
    for (size_t k = 0; k < n->n_requests; k++)
        if (n->requests[k].type == type)
            return k;
    return LM_NONE;
}

/* A resource that may serve a need, for the request of its type. */
typedef struct resource_candidate {
    size_t resource;
    size_t request;
} resource_candidate;

static int compare_candidates(const void *a, const void *b)
{
    const resource_candidate *x = a, *y = b;
    return x->resource < y->resource ? -1 : x->resource > y->resource;
}

static bool push_rpair(lm_instance *inst, size_t *cap, const lm_rpair *q)
{
    if (!lm_reserve((void **)&inst->rpairs, cap, inst->n_rpairs + 1, sizeof *inst->rpairs))
        return false;
    inst->rpairs[inst->n_rpairs++] = *q;
    return true;
}

/* Resource pairs. Resources are grouped by type, and each need looks only at the resources
 * of the types it requests (in resource order, as the pairs must come). */
static int build_resource_pairs(lm_instance *inst, const match_model *m)
{
    size_t n_res = m->resources.len, cap = 0;
    double reach = m->policy.max_distance_km;
    size_t *type_offsets = alloc_array(m->n_tags + 1, sizeof *type_offsets);
    size_t *by_type = alloc_array(n_res, sizeof *by_type);
    resource_candidate *cand = alloc_array(n_res, sizeof *cand);
    int rc = MATCH_ENOMEM;
    if (type_offsets == NULL || by_type == NULL || cand == NULL ||
        !bucket_by(type_offsets, by_type, m->n_tags, n_res, resource_type, m))
        goto done;
    for (size_t i = 0; i < m->needs.len; i++) {
        const lm_need *n = &m->needs.items[i];
        const lm_community *home = &m->communities.items[n->community];
        inst->need_rpairs[i] = inst->n_rpairs;
        size_t n_cand = 0;
        for (size_t k = 0; k < n->n_requests; k++) {
            size_t type = n->requests[k].type;
            if (request_of_type(n, type) != k) /* a type asked for twice: the first counts */
                continue;
            for (size_t j = type_offsets[type]; j < type_offsets[type + 1]; j++)
                cand[n_cand++] = (resource_candidate){by_type[j], k};
        }
        if (n->n_requests > 1)
            qsort(cand, n_cand, sizeof *cand, compare_candidates);
        for (size_t j = 0; j < n_cand; j++) {
            const lm_resource *r = &m->resources.items[cand[j].resource];
            size_t k = cand[j].request;
            if (r->categories.len > 0 && !lm_tagset_contains(&r->categories, n->category))
                continue;
            lm_rpair q = {.resource = cand[j].resource, .need = i, .request = k};
            q.distance_km =
                lm_haversine_km(lm_resource_lat(m, r), lm_resource_lon(m, r), home->lat, home->lon);
            if (q.distance_km > reach + LM_EPS)
                continue;
            q.upper = floor_eps(fmin(r->amount, n->requests[k].amount));
            if (q.upper < 1)
                continue;
            if (!push_rpair(inst, &cap, &q))
                goto done;
        }
    }
    inst->need_rpairs[m->needs.len] = inst->n_rpairs;
    rc = MATCH_OK;
done:
    free(type_offsets);
    free(by_type);
    free(cand);
    return rc;
}

int lm_instance_build(lm_instance *inst, const match_model *model, char *errmsg)
{
    memset(inst, 0, sizeof *inst);
    inst->model = model;
    size_t n_needs = model->needs.len;
    pair_context ctx = {0};
    int rc = MATCH_ENOMEM;

    inst->need_pairs = calloc(n_needs + 1, sizeof *inst->need_pairs);
    inst->need_rpairs = calloc(n_needs + 1, sizeof *inst->need_rpairs);
    inst->filters = calloc(n_needs ? n_needs : 1, sizeof *inst->filters);
    if (inst->need_pairs == NULL || inst->need_rpairs == NULL || inst->filters == NULL ||
        !context_build(&ctx, model))
        goto done;
    rc = build_volunteer_pairs(inst, &ctx);
    if (rc == MATCH_OK)
        rc = build_resource_pairs(inst, model);
    if (rc == MATCH_OK)
        rc = lm_instance_map_previous(inst);
done:
    context_free(&ctx);
    if (rc != MATCH_OK) {
        lm_instance_free(inst);
        return fail_nomem(errmsg);
    }
    return MATCH_OK;
}

void lm_instance_free(lm_instance *inst)
{
    if (inst == NULL)
        return;
    free(inst->pairs);
    free(inst->need_pairs);
    free(inst->rpairs);
    free(inst->need_rpairs);
    free(inst->filters);
    free(inst->listed);
    free(inst->value);
    free(inst->previous);
    free(inst->pair_previous);
    memset(inst, 0, sizeof *inst);
}
