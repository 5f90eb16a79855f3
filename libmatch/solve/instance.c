/*
 * Pair generation: which volunteers and resources may serve which needs (docs/model.md,
 * "Who may serve what"). Needs are the outer loop so that pairs come out already sorted by
 * need, then by volunteer or resource, and the CSR offsets fall out of the same pass.
 */
#include "instance.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../model/geo.h"

/* Slack for comparisons of values that went through floating-point arithmetic, so that a
 * volunteer exactly on the edge of the circle, or 3 hours stored as 2.9999999, still counts. */
#define LM_EPS 1e-9

/* Per-volunteer scratch for the need being processed. A stamp equal to need + 1 means the
 * entry is set for that need, which saves clearing the arrays between needs. */
typedef struct pair_marks {
    size_t *forbidden_stamp;
    size_t *fixed_stamp;
    double *fixed_hours;
} pair_marks;

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

/* Forbidden and fixed pairs grouped by need: offsets[i]..offsets[i+1] index into order. */
typedef struct by_need {
    size_t *offsets;
    size_t *order;
} by_need;

static size_t forbidden_need(const match_model *m, size_t k)
{
    return m->forbidden[k].need;
}

static size_t fixed_need(const match_model *m, size_t k)
{
    return m->fixed[k].need;
}

static bool group_by_need(by_need *g, const match_model *m, size_t n,
                          size_t (*need_of)(const match_model *, size_t))
{
    size_t n_needs = m->needs.len;
    g->offsets = calloc(n_needs + 1, sizeof *g->offsets);
    g->order = malloc((n ? n : 1) * sizeof *g->order);
    if (g->offsets == NULL || g->order == NULL)
        return false;
    for (size_t k = 0; k < n; k++)
        g->offsets[need_of(m, k) + 1]++;
    for (size_t i = 0; i < n_needs; i++)
        g->offsets[i + 1] += g->offsets[i];
    size_t *fill = malloc((n_needs ? n_needs : 1) * sizeof *fill);
    if (fill == NULL)
        return false;
    memcpy(fill, g->offsets, n_needs * sizeof *fill);
    for (size_t k = 0; k < n; k++)
        g->order[fill[need_of(m, k)]++] = k;
    free(fill);
    return true;
}

static void by_need_free(by_need *g)
{
    free(g->offsets);
    free(g->order);
}

static bool push_pair(lm_instance *inst, size_t *cap, const lm_pair *p)
{
    if (!lm_reserve((void **)&inst->pairs, cap, inst->n_pairs + 1, sizeof *inst->pairs))
        return false;
    inst->pairs[inst->n_pairs++] = *p;
    return true;
}

static bool push_rpair(lm_instance *inst, size_t *cap, const lm_rpair *q)
{
    if (!lm_reserve((void **)&inst->rpairs, cap, inst->n_rpairs + 1, sizeof *inst->rpairs))
        return false;
    inst->rpairs[inst->n_rpairs++] = *q;
    return true;
}

/* Applies the rules to one volunteer and one need; returns the filter it fails, counting it,
 * or NULL when the pair is eligible. */
static size_t *first_failed_rule(lm_need_filters *f, const match_model *m, const lm_need *n,
                                 const lm_volunteer *v, double dist, bool forbidden)
{
    if (dist > lm_volunteer_max_distance(m, v) + LM_EPS)
        return &f->out_of_reach;
    if (n->skills.len > 0 && !lm_tagset_intersects(&n->skills, &v->skills))
        return &f->no_skill;
    if (n->slots.len > 0 && v->slots.len > 0 && !lm_tagset_intersects(&n->slots, &v->slots))
        return &f->no_slot;
    if (forbidden)
        return &f->forbidden;
    return NULL;
}

static int build_volunteer_pairs(lm_instance *inst, const match_model *m, pair_marks *marks,
                                 const by_need *forb, const by_need *fix)
{
    size_t cap = 0;
    size_t n_vol = m->volunteers.len;
    for (size_t i = 0; i < m->needs.len; i++) {
        const lm_need *n = &m->needs.items[i];
        const lm_community *home = &m->communities.items[n->community];
        lm_need_filters *f = &inst->filters[i];
        for (size_t k = forb->offsets[i]; k < forb->offsets[i + 1]; k++)
            marks->forbidden_stamp[m->forbidden[forb->order[k]].volunteer] = i + 1;
        for (size_t k = fix->offsets[i]; k < fix->offsets[i + 1]; k++) {
            const lm_fixed *fx = &m->fixed[fix->order[k]];
            marks->fixed_stamp[fx->volunteer] = i + 1;
            marks->fixed_hours[fx->volunteer] = fx->hours;
        }
        inst->need_pairs[i] = inst->n_pairs;
        for (size_t vi = 0; vi < n_vol; vi++) {
            const lm_volunteer *v = &m->volunteers.items[vi];
            bool fixed = marks->fixed_stamp[vi] == i + 1;
            bool forbidden = marks->forbidden_stamp[vi] == i + 1;
            lm_pair p = {.volunteer = vi, .need = i};
            p.distance_km = lm_haversine_km(lm_volunteer_lat(m, v), lm_volunteer_lon(m, v),
                                            home->lat, home->lon);
            p.upper = floor_eps(fmin(v->hours, n->hours));
            if (p.upper < 0)
                p.upper = 0;
            if (fixed) {
                /* A person decided this pair: it bypasses the rules and is not counted in
                 * the filters, which explain what the rules did. x is whole hours, so the
                 * bound is the fixed hours rounded up. */
                p.fixed_hours = marks->fixed_hours[vi];
                p.upper = fmax(p.upper, ceil_eps(p.fixed_hours));
            } else {
                size_t *failed = first_failed_rule(f, m, n, v, p.distance_km, forbidden);
                if (failed != NULL) {
                    (*failed)++;
                    continue;
                }
                if (p.upper < 1) {
                    f->no_hours++;
                    continue;
                }
                f->eligible++;
            }
            if (!push_pair(inst, &cap, &p))
                return MATCH_ENOMEM;
        }
    }
    inst->need_pairs[m->needs.len] = inst->n_pairs;
    return MATCH_OK;
}

/* The index of the need's request for this type, or LM_NONE. */
static size_t request_of_type(const lm_need *n, size_t type)
{
    for (size_t k = 0; k < n->n_requests; k++)
        if (n->requests[k].type == type)
            return k;
    return LM_NONE;
}

static int build_resource_pairs(lm_instance *inst, const match_model *m)
{
    size_t cap = 0;
    double reach = m->policy.max_distance_km;
    for (size_t i = 0; i < m->needs.len; i++) {
        const lm_need *n = &m->needs.items[i];
        const lm_community *home = &m->communities.items[n->community];
        inst->need_rpairs[i] = inst->n_rpairs;
        if (n->n_requests == 0)
            continue;
        for (size_t ri = 0; ri < m->resources.len; ri++) {
            const lm_resource *r = &m->resources.items[ri];
            size_t k = request_of_type(n, r->type);
            if (k == LM_NONE)
                continue;
            if (r->categories.len > 0 && !lm_tagset_contains(&r->categories, n->category))
                continue;
            lm_rpair q = {.resource = ri, .need = i, .request = k};
            q.distance_km =
                lm_haversine_km(lm_resource_lat(m, r), lm_resource_lon(m, r), home->lat, home->lon);
            if (q.distance_km > reach + LM_EPS)
                continue;
            q.upper = floor_eps(fmin(r->amount, n->requests[k].amount));
            if (q.upper < 1)
                continue;
            if (!push_rpair(inst, &cap, &q))
                return MATCH_ENOMEM;
        }
    }
    inst->need_rpairs[m->needs.len] = inst->n_rpairs;
    return MATCH_OK;
}

int lm_instance_build(lm_instance *inst, const match_model *model, char *errmsg)
{
    memset(inst, 0, sizeof *inst);
    inst->model = model;
    size_t n_needs = model->needs.len;
    size_t n_vol = model->volunteers.len;
    by_need forb = {0}, fix = {0};
    pair_marks marks = {0};
    int rc = MATCH_ENOMEM;

    inst->need_pairs = calloc(n_needs + 1, sizeof *inst->need_pairs);
    inst->need_rpairs = calloc(n_needs + 1, sizeof *inst->need_rpairs);
    inst->filters = calloc(n_needs ? n_needs : 1, sizeof *inst->filters);
    marks.forbidden_stamp = calloc(n_vol ? n_vol : 1, sizeof *marks.forbidden_stamp);
    marks.fixed_stamp = calloc(n_vol ? n_vol : 1, sizeof *marks.fixed_stamp);
    marks.fixed_hours = calloc(n_vol ? n_vol : 1, sizeof *marks.fixed_hours);
    if (inst->need_pairs == NULL || inst->need_rpairs == NULL || inst->filters == NULL ||
        marks.forbidden_stamp == NULL || marks.fixed_stamp == NULL || marks.fixed_hours == NULL)
        goto done;
    if (!group_by_need(&forb, model, model->n_forbidden, forbidden_need) ||
        !group_by_need(&fix, model, model->n_fixed, fixed_need))
        goto done;
    rc = build_volunteer_pairs(inst, model, &marks, &forb, &fix);
    if (rc == MATCH_OK)
        rc = build_resource_pairs(inst, model);
done:
    by_need_free(&forb);
    by_need_free(&fix);
    free(marks.forbidden_stamp);
    free(marks.fixed_stamp);
    free(marks.fixed_hours);
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
    memset(inst, 0, sizeof *inst);
}
