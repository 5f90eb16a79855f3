/* A plan mapped by id onto an instance and repaired into a valid solution (warm_start.h). */
#include "warm_start.h"

#include <math.h>
#include <stdlib.h>

#include "../plan/plan_internal.h"
#include "../plan/plan_tally.h"

#define LM_WS_EPS 1e-9

static double whole(double v)
{
    double w = floor(v + LM_WS_EPS);
    return w > 0 ? w : 0.0;
}

/* The least x of pair p: its fixed hours rounded up, as the integer program has it. */
static double lower_of(const lm_pair *p)
{
    return p->fixed_hours > 0 ? ceil(p->fixed_hours - LM_WS_EPS) : 0.0;
}

/* The pair of volunteer v at need i (pairs of a need are sorted by volunteer), or LM_NONE. */
static size_t find_pair(const lm_instance *inst, size_t i, size_t v)
{
    size_t lo = inst->need_pairs[i], hi = inst->need_pairs[i + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (inst->pairs[mid].volunteer == v)
            return mid;
        if (inst->pairs[mid].volunteer < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return LM_NONE;
}

static size_t find_rpair(const lm_instance *inst, size_t i, size_t r)
{
    for (size_t q = inst->need_rpairs[i]; q < inst->need_rpairs[i + 1]; ++q)
        if (inst->rpairs[q].resource == r)
            return q;
    return LM_NONE;
}

/* Copies the plan's hours and amounts onto the pairs that still exist, within their bounds. */
static void copy_assignments(const lm_instance *inst, const match_plan *plan, lm_solution *sol)
{
    const match_model *m = inst->model;
    for (size_t k = 0; k < plan->n_needs; ++k) {
        const lm_plan_need *pn = &plan->needs[k];
        size_t i = lm_find_need(m, pn->id);
        if (i == LM_NONE)
            continue;
        for (size_t s = 0; s < pn->n_volunteers; ++s) {
            size_t v = lm_find_volunteer(m, pn->volunteers[s].id);
            size_t p = v != LM_NONE ? find_pair(inst, i, v) : LM_NONE;
            if (p != LM_NONE)
                sol->x[p] = fmin(whole(pn->volunteers[s].amount), inst->pairs[p].upper);
        }
        for (size_t s = 0; s < pn->n_resources; ++s) {
            size_t r = lm_find_resource(m, pn->resources[s].id);
            size_t q = r != LM_NONE ? find_rpair(inst, i, r) : LM_NONE;
            if (q != LM_NONE)
                sol->y[q] = fmin(whole(pn->resources[s].amount), inst->rpairs[q].upper);
        }
    }
    for (size_t p = 0; p < inst->n_pairs; ++p)
        sol->x[p] = fmax(sol->x[p], lower_of(&inst->pairs[p]));
}

/*
 * Cuts values down until every group's total is within its capacity: key(p) names the group
 * of entry p (LM_NONE: none), cap[g] its capacity, lower[p] how far p may go down. Entries
 * are cut from the last, so earlier assignments stay whole. offsets is passed on to key.
 */
typedef size_t (*group_fn)(const lm_instance *inst, const size_t *offsets, size_t entry);

static int cut_to_capacity(const lm_instance *inst, double *values, const double *lower,
                           size_t n_entries, group_fn key, const size_t *offsets, const double *cap,
                           size_t n_groups)
{
    double *over = calloc(n_groups ? n_groups : 1, sizeof *over);
    if (over == NULL)
        return MATCH_ENOMEM;
    for (size_t e = 0; e < n_entries; ++e) {
        size_t g = key(inst, offsets, e);
        if (g != LM_NONE)
            over[g] += values[e];
    }
    for (size_t g = 0; g < n_groups; ++g)
        over[g] -= cap[g];
    for (size_t e = n_entries; e-- > 0;) {
        size_t g = key(inst, offsets, e);
        if (g == LM_NONE || over[g] <= LM_WS_EPS)
            continue;
        double floor_value = lower != NULL ? lower[e] : 0.0;
        double cut = fmin(over[g], values[e] - floor_value);
        if (cut > 0) {
            values[e] -= ceil(cut - LM_WS_EPS);
            over[g] -= ceil(cut - LM_WS_EPS);
        }
    }
    free(over);
    return MATCH_OK;
}

static size_t pair_volunteer(const lm_instance *inst, const size_t *offsets, size_t p)
{
    (void)offsets;
    return inst->pairs[p].volunteer;
}

static size_t pair_need(const lm_instance *inst, const size_t *offsets, size_t p)
{
    (void)offsets;
    return inst->pairs[p].need;
}

static size_t rpair_resource(const lm_instance *inst, const size_t *offsets, size_t q)
{
    (void)offsets;
    return inst->rpairs[q].resource;
}

/* Requests are numbered need by need: request k of need i is group offsets[i] + k. */
static size_t rpair_request(const lm_instance *inst, const size_t *offsets, size_t q)
{
    return offsets[inst->rpairs[q].need] + inst->rpairs[q].request;
}

static int repair(const lm_instance *inst, lm_solution *sol)
{
    const match_model *m = inst->model;
    size_t nv = m->volunteers.len, nn = m->needs.len, nr = m->resources.len;
    size_t *offsets = calloc(nn + 1, sizeof *offsets);
    double *lower = calloc(inst->n_pairs ? inst->n_pairs : 1, sizeof *lower);
    size_t groups = nv > nn ? nv : nn;
    if (offsets != NULL)
        for (size_t i = 0; i < nn; ++i)
            offsets[i + 1] = offsets[i] + m->needs.items[i].n_requests;
    size_t n_requests = offsets != NULL ? offsets[nn] : 0;
    if (nr > groups)
        groups = nr;
    if (n_requests > groups)
        groups = n_requests;
    double *cap = calloc(groups ? groups : 1, sizeof *cap);
    int rc = offsets && lower && cap ? MATCH_OK : MATCH_ENOMEM;
    if (rc == MATCH_OK) {
        for (size_t p = 0; p < inst->n_pairs; ++p)
            lower[p] = lower_of(&inst->pairs[p]);
        for (size_t v = 0; v < nv; ++v)
            cap[v] = whole(m->volunteers.items[v].hours);
        rc = cut_to_capacity(inst, sol->x, lower, inst->n_pairs, pair_volunteer, NULL, cap, nv);
    }
    if (rc == MATCH_OK) {
        for (size_t i = 0; i < nn; ++i)
            cap[i] = whole(m->needs.items[i].hours);
        rc = cut_to_capacity(inst, sol->x, lower, inst->n_pairs, pair_need, NULL, cap, nn);
    }
    if (rc == MATCH_OK) {
        for (size_t r = 0; r < nr; ++r)
            cap[r] = whole(m->resources.items[r].amount);
        rc = cut_to_capacity(inst, sol->y, NULL, inst->n_rpairs, rpair_resource, NULL, cap, nr);
    }
    if (rc == MATCH_OK) {
        for (size_t i = 0; i < nn; ++i)
            for (size_t k = 0; k < m->needs.items[i].n_requests; ++k)
                cap[offsets[i] + k] = whole(m->needs.items[i].requests[k].amount);
        rc = cut_to_capacity(inst, sol->y, NULL, inst->n_rpairs, rpair_request, offsets, cap,
                             n_requests);
    }
    free(offsets);
    free(lower);
    free(cap);
    return rc;
}

bool lm_warm_start_valid(const lm_instance *inst, const lm_solution *sol, char *why)
{
    const match_model *m = inst->model;
    lm_plan_tally t;
    if (lm_plan_tally_build(&t, inst, sol) != MATCH_OK) {
        lm_errmsg_set(why, "out of memory");
        return false;
    }
    bool ok = true;
    for (size_t v = 0; v < m->volunteers.len && ok; ++v)
        if (t.vol_hours[v] > m->volunteers.items[v].hours + LM_WS_EPS) {
            lm_errmsg_set(why, "volunteer \"%s\" would give more hours than it has",
                          m->volunteers.items[v].id);
            ok = false;
        }
    for (size_t i = 0; i < m->needs.len && ok; ++i) {
        const lm_need *n = &m->needs.items[i];
        if (inst->need_pairs[i] < inst->need_pairs[i + 1] &&
            t.need_hours[i] > n->hours + LM_WS_EPS) {
            lm_errmsg_set(why, "fixed pairs give need \"%s\" more hours than it asks for", n->id);
            ok = false;
        } else if (n->required && t.coverage[i] < 1.0 - LM_PLAN_EPS) {
            lm_errmsg_set(why, "it leaves the required need \"%s\" uncovered", n->id);
            ok = false;
        }
    }
    for (size_t r = 0; r < m->resources.len && ok; ++r)
        if (t.res_amount[r] > m->resources.items[r].amount + LM_WS_EPS) {
            lm_errmsg_set(why, "resource \"%s\" would give more than it has",
                          m->resources.items[r].id);
            ok = false;
        }
    for (size_t p = 0; p < inst->n_pairs && ok; ++p)
        if (sol->x[p] < lower_of(&inst->pairs[p]) - LM_WS_EPS) {
            lm_errmsg_set(why, "a fixed pair of volunteer \"%s\" cannot get its hours",
                          m->volunteers.items[inst->pairs[p].volunteer].id);
            ok = false;
        }
    lm_plan_tally_free(&t);
    return ok;
}

int lm_warm_start_map(const lm_instance *inst, const match_plan *plan, lm_solution *sol,
                      bool *usable, char *why)
{
    size_t n_needs = inst->model->needs.len;
    *usable = false;
    lm_solution_init(sol);
    sol->x = calloc(inst->n_pairs ? inst->n_pairs : 1, sizeof *sol->x);
    sol->y = calloc(inst->n_rpairs ? inst->n_rpairs : 1, sizeof *sol->y);
    sol->c = calloc(n_needs ? n_needs : 1, sizeof *sol->c);
    int rc = sol->x && sol->y && sol->c ? MATCH_OK : MATCH_ENOMEM;
    if (rc == MATCH_OK) {
        copy_assignments(inst, plan, sol);
        rc = repair(inst, sol);
    }
    match_plan *mapped = NULL;
    if (rc == MATCH_OK && lm_warm_start_valid(inst, sol, why)) {
        sol->status = MATCH_STATUS_FEASIBLE;
        rc = lm_plan_build(&mapped, inst, sol);
        if (rc == MATCH_OK) {
            for (size_t i = 0; i < n_needs; ++i)
                sol->c[i] = mapped->needs[i].coverage;
            sol->objective = mapped->objective;
            *usable = true;
        }
    }
    match_plan_destroy(mapped);
    if (rc != MATCH_OK || !*usable)
        lm_solution_free(sol);
    return rc;
}
