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
#include "../solution/evaluate.h"

/* Copies the volunteers (x >= 1, or a chosen listed pair) and resources (y >= 1) of need i. Pairs
 * are sorted by need, then by volunteer or resource, so the shares come out in model order. */
static int build_need(lm_plan_need *out, const lm_plan_tally *t, size_t i, bool reasons)
{
    const lm_instance *inst = t->inst;
    const match_model *m = inst->model;
    const lm_need *n = &m->needs.items[i];

    out->id = lm_strdup(n->id);
    if (n->name != NULL && (out->name = lm_strdup(n->name)) == NULL)
        return MATCH_ENOMEM;
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
    out->volunteers = lm_zalloc(hi - lo, sizeof *out->volunteers);
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
    out->resources = lm_zalloc(hi - lo, sizeof *out->resources);
    if (out->resources == NULL)
        return MATCH_ENOMEM;
    for (size_t k = lo; k < hi; ++k) {
        double y = lm_plan_y(t->sol, k);
        if (y < LM_SOLVED_ONE)
            continue;
        lm_plan_share *share = &out->resources[out->n_resources];
        share->id = lm_strdup(m->resources.items[inst->rpairs[k].resource].id);
        share->amount = y;
        if (share->id == NULL)
            return MATCH_ENOMEM;
        out->n_resources++;
    }

    if (reasons && out->coverage < 1.0) {
        int rc = lm_unmet_reasons_tallied(t, i, &out->unmet_reason, &out->reasons, &out->n_reasons);
        if (rc != MATCH_OK)
            return rc;
    }
    return MATCH_OK;
}

static int build_needs(match_plan *plan, const lm_plan_tally *t, bool reasons)
{
    size_t n = t->inst->model->needs.len;
    plan->needs = lm_zalloc(n, sizeof *plan->needs);
    if (plan->needs == NULL)
        return MATCH_ENOMEM;
    plan->n_needs = n;
    for (size_t i = 0; i < n; ++i) {
        int rc = build_need(&plan->needs[i], t, i, reasons);
        if (rc != MATCH_OK)
            return rc;
    }
    return MATCH_OK;
}

static int build_volunteers(match_plan *plan, const lm_plan_tally *t)
{
    const match_model *m = t->inst->model;
    size_t n = m->volunteers.len;
    plan->volunteers = lm_zalloc(n, sizeof *plan->volunteers);
    if (plan->volunteers == NULL)
        return MATCH_ENOMEM;
    plan->n_volunteers = n;
    for (size_t v = 0; v < n; ++v) {
        const lm_volunteer *vol = &m->volunteers.items[v];
        lm_plan_volunteer *out = &plan->volunteers[v];
        out->id = lm_strdup(vol->id);
        if (out->id == NULL || (vol->name != NULL && (out->name = lm_strdup(vol->name)) == NULL))
            return MATCH_ENOMEM;
        out->hours = t->vol_hours[v];
        out->shortfall = lm_tally_volunteer_shortfall(t, v);
    }
    return MATCH_OK;
}

static int build_units(match_plan *plan, const lm_plan_tally *t)
{
    const match_model *m = t->inst->model;
    size_t n = m->units.len;
    plan->units = lm_zalloc(n, sizeof *plan->units);
    int *projects = lm_zalloc(n, sizeof *projects);
    int rc = plan->units != NULL && projects != NULL ? MATCH_OK : MATCH_ENOMEM;
    if (rc == MATCH_OK) {
        plan->n_units = n;
        rc = lm_tally_unit_projects(t, projects);
    }
    for (size_t u = 0; u < n && rc == MATCH_OK; ++u) {
        lm_plan_unit *out = &plan->units[u];
        const char *name = m->units.items[u].name;
        out->id = lm_strdup(m->units.items[u].id);
        if (out->id == NULL || (name != NULL && (out->name = lm_strdup(name)) == NULL))
            rc = MATCH_ENOMEM;
        out->projects = projects[u];
        int short_by = lm_unit_min_projects(m, &m->units.items[u]) - out->projects;
        out->shortfall = short_by > 0 ? short_by : 0;
    }
    free(projects);
    return rc;
}

int lm_plan_build_tallied(match_plan **out, const lm_plan_tally *t, bool reasons)
{
    *out = NULL;
    const lm_instance *inst = t->inst;
    const lm_solution *sol = t->sol;
    match_plan *plan = calloc(1, sizeof *plan);
    if (plan == NULL)
        return MATCH_ENOMEM;
    plan->error.kind = MATCH_KIND_NONE;
    plan->status = sol->status;
    /* GLPK reports +-DBL_MAX when it has no bound; plan.h promises NaN for "none". */
    plan->bound = fabs(sol->bound) < DBL_MAX ? sol->bound : NAN;
    plan->objective = NAN;
    /* The caller times the whole solve; the plan cannot know it here. */
    plan->solve_seconds = 0.0;
    plan->pair_count = inst->n_pairs;
    plan->message = lm_strdup(sol->message);
    int rc = plan->message != NULL ? MATCH_OK : MATCH_ENOMEM;
    if (rc == MATCH_OK)
        rc = build_needs(plan, t, reasons);
    if (rc == MATCH_OK)
        rc = build_volunteers(plan, t);
    if (rc == MATCH_OK)
        rc = build_units(plan, t);
    if (rc == MATCH_OK)
        lm_plan_fill_change(plan, t);
    if (rc == MATCH_OK && t->has_plan)
        rc = lm_tally_objective(t, &plan->objective);
    if (rc == MATCH_OK)
        lm_plan_fill_levels(plan, t);
    if (rc != MATCH_OK) {
        match_plan_destroy(plan);
        return rc;
    }
    *out = plan;
    return MATCH_OK;
}

int lm_plan_build(match_plan **out, const lm_instance *inst, const lm_solution *sol)
{
    *out = NULL;
    lm_plan_tally t;
    int rc = lm_plan_tally_build(&t, inst, sol);
    if (rc != MATCH_OK)
        return rc;
    rc = lm_plan_build_tallied(out, &t, true);
    lm_plan_tally_free(&t);
    return rc;
}
