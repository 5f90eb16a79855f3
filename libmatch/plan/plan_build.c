/*
 * Turns a backend's raw solution into a self-contained plan. Every backend goes through
 * this code, so coverage, projects, shortfalls and the objective are always counted the
 * same way, from the plan's own numbers (docs/model.md), whatever the backend reported.
 */
#include "plan_internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "libmatch/common.h"
#include "plan_tally.h"

static void *zalloc(size_t n, size_t size)
{
    return calloc(n > 0 ? n : 1, size);
}

/* Copies the volunteers (x >= 1, or a chosen listed pair) and resources (y >= 1) of need i. Pairs
 * are sorted by need, then by volunteer or resource, so the shares come out in model order. */
static int build_need(lm_plan_need *out, const lm_plan_tally *t, size_t i)
{
    const lm_instance *inst = t->inst;
    const match_model *m = inst->model;
    const lm_need *n = &m->needs.items[i];

    out->id = lm_strdup(n->id);
    out->priority = n->priority;
    out->category = lm_strdup(lm_tag_name(m, n->category));
    const lm_community *home = &m->communities.items[n->community];
    out->community = lm_strdup(home->id);
    out->street = lm_strdup(home->street);
    out->coverage = t->coverage[i];
    out->hours = t->need_hours[i];
    if (out->id == NULL || out->category == NULL || out->community == NULL ||
        (home->street != NULL && out->street == NULL))
        return MATCH_ENOMEM;

    size_t lo = inst->need_pairs[i], hi = inst->need_pairs[i + 1];
    out->volunteers = zalloc(hi - lo, sizeof *out->volunteers);
    if (out->volunteers == NULL)
        return MATCH_ENOMEM;
    for (size_t p = lo; p < hi; ++p) {
        double x = lm_plan_x(t->sol, p);
        if (!lm_plan_serves(t->sol, inst, p))
            continue;
        lm_plan_share *share = &out->volunteers[out->n_volunteers];
        share->id = lm_strdup(m->volunteers.items[inst->pairs[p].volunteer].id);
        share->amount = x;
        if (share->id == NULL)
            return MATCH_ENOMEM;
        out->n_volunteers++;
    }

    lo = inst->need_rpairs[i];
    hi = inst->need_rpairs[i + 1];
    out->resources = zalloc(hi - lo, sizeof *out->resources);
    if (out->resources == NULL)
        return MATCH_ENOMEM;
    for (size_t k = lo; k < hi; ++k) {
        double y = lm_plan_y(t->sol, k);
        if (y < LM_PLAN_ONE)
            continue;
        lm_plan_share *share = &out->resources[out->n_resources];
        share->id = lm_strdup(m->resources.items[inst->rpairs[k].resource].id);
        share->amount = y;
        if (share->id == NULL)
            return MATCH_ENOMEM;
        out->n_resources++;
    }

    if (out->coverage < 1.0) {
        int rc = lm_unmet_reasons_tallied(t, i, &out->unmet_reason, &out->reasons, &out->n_reasons);
        if (rc != MATCH_OK)
            return rc;
    }
    return MATCH_OK;
}

static int build_needs(match_plan *plan, const lm_plan_tally *t)
{
    size_t n = t->inst->model->needs.len;
    plan->needs = zalloc(n, sizeof *plan->needs);
    if (plan->needs == NULL)
        return MATCH_ENOMEM;
    plan->n_needs = n;
    for (size_t i = 0; i < n; ++i) {
        int rc = build_need(&plan->needs[i], t, i);
        if (rc != MATCH_OK)
            return rc;
    }
    return MATCH_OK;
}

static int build_volunteers(match_plan *plan, const lm_plan_tally *t)
{
    const match_model *m = t->inst->model;
    size_t n = m->volunteers.len;
    plan->volunteers = zalloc(n, sizeof *plan->volunteers);
    if (plan->volunteers == NULL)
        return MATCH_ENOMEM;
    plan->n_volunteers = n;
    for (size_t v = 0; v < n; ++v) {
        const lm_volunteer *vol = &m->volunteers.items[v];
        lm_plan_volunteer *out = &plan->volunteers[v];
        out->id = lm_strdup(vol->id);
        if (out->id == NULL)
            return MATCH_ENOMEM;
        out->hours = t->vol_hours[v];
        out->shortfall = fmax(0.0, lm_volunteer_min_hours(m, vol) - out->hours);
    }
    return MATCH_OK;
}

/* projects[u]: covered needs (coverage > 0) u takes part in through a volunteer or a
 * resource. last[u] remembers the need u was last counted for, so it counts once a need. */
static int build_units(match_plan *plan, const lm_plan_tally *t)
{
    const lm_instance *inst = t->inst;
    const match_model *m = inst->model;
    size_t n = m->units.len;
    plan->units = zalloc(n, sizeof *plan->units);
    size_t *last = zalloc(n, sizeof *last);
    if (plan->units == NULL || last == NULL) {
        free(last);
        return MATCH_ENOMEM;
    }
    plan->n_units = n;
    for (size_t u = 0; u < n; ++u)
        last[u] = LM_NONE;

    for (size_t i = 0; i < m->needs.len; ++i) {
        if (!(t->coverage[i] > 0.0))
            continue;
        for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; ++p) {
            size_t u = m->volunteers.items[inst->pairs[p].volunteer].unit;
            if (u != LM_NONE && last[u] != i && lm_plan_serves(t->sol, inst, p)) {
                last[u] = i;
                plan->units[u].projects++;
            }
        }
        for (size_t k = inst->need_rpairs[i]; k < inst->need_rpairs[i + 1]; ++k) {
            size_t u = m->resources.items[inst->rpairs[k].resource].unit;
            if (u != LM_NONE && last[u] != i && lm_plan_y(t->sol, k) >= LM_PLAN_ONE) {
                last[u] = i;
                plan->units[u].projects++;
            }
        }
    }
    free(last);

    for (size_t u = 0; u < n; ++u) {
        lm_plan_unit *out = &plan->units[u];
        out->id = lm_strdup(m->units.items[u].id);
        if (out->id == NULL)
            return MATCH_ENOMEM;
        int short_by = lm_unit_min_projects(m, &m->units.items[u]) - out->projects;
        out->shortfall = short_by > 0 ? short_by : 0;
    }
    return MATCH_OK;
}

/* The objective of docs/model.md, from the plan's numbers. */
static double plan_objective(const match_plan *plan, const lm_plan_tally *t)
{
    const lm_instance *inst = t->inst;
    const lm_policy *policy = &inst->model->policy;
    double value = 0.0, distance = 0.0, vol_short = 0.0, unit_short = 0.0;

    for (size_t i = 0; i < plan->n_needs; ++i) {
        int priority = plan->needs[i].priority;
        if (priority >= 1 && priority <= LM_PRIORITY_LEVELS)
            value += policy->priority_weights[priority - 1] * plan->needs[i].coverage;
    }
    /* A listed pair brings its own value in place of the distance cost. */
    for (size_t p = 0; p < inst->n_pairs; ++p) {
        if (!lm_pair_is_listed(inst, p))
            distance += inst->pairs[p].distance_km * lm_plan_x(t->sol, p);
        else if (lm_plan_serves(t->sol, inst, p))
            value += inst->value[p];
    }
    for (size_t v = 0; v < plan->n_volunteers; ++v)
        vol_short += plan->volunteers[v].shortfall;
    for (size_t u = 0; u < plan->n_units; ++u)
        unit_short += plan->units[u].shortfall;

    double change = plan->has_previous ? plan->moved_hours : 0.0;
    return value - policy->distance_cost * distance -
           policy->volunteer_shortfall_penalty * vol_short -
           policy->unit_shortfall_penalty * unit_short - policy->change_penalty * change;
}

int lm_plan_build(match_plan **out, const lm_instance *inst, const lm_solution *sol)
{
    *out = NULL;
    lm_plan_tally t;
    int rc = lm_plan_tally_build(&t, inst, sol);
    if (rc != MATCH_OK)
        return rc;

    match_plan *plan = calloc(1, sizeof *plan);
    if (plan == NULL) {
        lm_plan_tally_free(&t);
        return MATCH_ENOMEM;
    }
    plan->status = sol->status;
    /* GLPK reports +-DBL_MAX when it has no bound; plan.h promises NaN for "none". */
    plan->bound = fabs(sol->bound) < DBL_MAX ? sol->bound : NAN;
    plan->objective = NAN;
    /* The caller times the whole solve; the plan cannot know it here. */
    plan->solve_seconds = 0.0;
    plan->pair_count = inst->n_pairs;
    plan->message = lm_strdup(sol->message);
    rc = plan->message != NULL ? MATCH_OK : MATCH_ENOMEM;
    if (rc == MATCH_OK)
        rc = build_needs(plan, &t);
    if (rc == MATCH_OK)
        rc = build_volunteers(plan, &t);
    if (rc == MATCH_OK)
        rc = build_units(plan, &t);
    if (rc == MATCH_OK)
        lm_plan_fill_change(plan, &t);
    if (rc == MATCH_OK && t.has_plan)
        plan->objective = plan_objective(plan, &t);
    if (rc == MATCH_OK)
        lm_plan_fill_levels(plan, &t);
    lm_plan_tally_free(&t);

    if (rc != MATCH_OK) {
        match_plan_destroy(plan);
        return rc;
    }
    *out = plan;
    return MATCH_OK;
}
