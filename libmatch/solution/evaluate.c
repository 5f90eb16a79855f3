/* The objective of docs/model.md and the required-needs check, from a tally of the solution. */
#include "evaluate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "libmatch/common.h"

int lm_tally_unit_projects(const lm_plan_tally *t, int *projects)
{
    const lm_instance *inst = t->inst;
    const match_model *m = inst->model;
    size_t n = m->units.len;
    /* last[u] is the need u was last counted for, so it counts once a need. */
    size_t *last = malloc((n ? n : 1) * sizeof *last);
    if (last == NULL)
        return MATCH_ENOMEM;
    for (size_t u = 0; u < n; ++u) {
        last[u] = LM_NONE;
        projects[u] = 0;
    }
    for (size_t i = 0; i < m->needs.len; ++i) {
        if (!(t->coverage[i] > 0.0))
            continue;
        for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; ++p) {
            size_t u = m->volunteers.items[inst->pairs[p].volunteer].unit;
            if (u != LM_NONE && last[u] != i && lm_plan_serves(t->sol, inst, p)) {
                last[u] = i;
                projects[u]++;
            }
        }
        for (size_t k = inst->need_rpairs[i]; k < inst->need_rpairs[i + 1]; ++k) {
            size_t u = m->resources.items[inst->rpairs[k].resource].unit;
            if (u != LM_NONE && last[u] != i && lm_plan_y(t->sol, k) >= LM_SOLVED_ONE) {
                last[u] = i;
                projects[u]++;
            }
        }
    }
    free(last);
    return MATCH_OK;
}

double lm_tally_volunteer_shortfall(const lm_plan_tally *t, size_t volunteer)
{
    const match_model *m = t->inst->model;
    return fmax(0.0, lm_volunteer_min_hours(m, &m->volunteers.items[volunteer]) -
                         t->vol_hours[volunteer]);
}

double lm_tally_moved_hours(const lm_plan_tally *t, size_t k)
{
    const lm_prev_pair *e = &t->inst->previous[k];
    double x = e->pair != LM_NONE ? lm_plan_x(t->sol, e->pair) : 0.0;
    return e->hours > x ? e->hours - x : 0.0;
}

int lm_tally_objective_terms(const lm_plan_tally *t, lm_objective_terms *terms)
{
    const lm_instance *inst = t->inst;
    const match_model *m = inst->model;
    const lm_policy *policy = &m->policy;
    int *projects = malloc((m->units.len ? m->units.len : 1) * sizeof *projects);
    if (projects == NULL)
        return MATCH_ENOMEM;
    int rc = lm_tally_unit_projects(t, projects);
    if (rc != MATCH_OK) {
        free(projects);
        return rc;
    }
    double value = 0.0, listed = 0.0, distance = 0.0, vol_short = 0.0, unit_short = 0.0;
    for (size_t i = 0; i < m->needs.len; ++i) {
        int priority = m->needs.items[i].priority;
        if (priority >= 1 && priority <= LM_PRIORITY_LEVELS)
            value += policy->priority_weights[priority - 1] * t->coverage[i];
    }
    double coverage = value;
    /* A listed pair brings its own value in place of the distance cost. */
    for (size_t p = 0; p < inst->n_pairs; ++p) {
        if (!lm_pair_is_listed(inst, p))
            distance += inst->pairs[p].distance_km * lm_plan_x(t->sol, p);
        else if (lm_plan_serves(t->sol, inst, p)) {
            /* Added to value in pair order too, so the objective keeps one summation order. */
            value += inst->value[p];
            listed += inst->value[p];
        }
    }
    for (size_t v = 0; v < m->volunteers.len; ++v)
        vol_short += lm_tally_volunteer_shortfall(t, v);
    for (size_t u = 0; u < m->units.len; ++u) {
        int short_by = lm_unit_min_projects(m, &m->units.items[u]) - projects[u];
        unit_short += short_by > 0 ? short_by : 0;
    }
    free(projects);
    double change = 0.0;
    if (m->has_previous)
        for (size_t k = 0; k < inst->n_previous; ++k)
            change += lm_tally_moved_hours(t, k);
    terms->listed_value = listed;
    terms->coverage_value = coverage;
    terms->km_hours = distance;
    terms->volunteer_shortfall = vol_short;
    terms->unit_shortfall = unit_short;
    terms->moved_hours = change;
    terms->objective =
        value - policy->distance_cost * distance - policy->volunteer_shortfall_penalty * vol_short -
        policy->unit_shortfall_penalty * unit_short - policy->change_penalty * change;
    return MATCH_OK;
}

int lm_tally_objective(const lm_plan_tally *t, double *objective)
{
    lm_objective_terms terms;
    int rc = lm_tally_objective_terms(t, &terms);
    if (rc == MATCH_OK)
        *objective = terms.objective;
    return rc;
}

int lm_solution_evaluate(const lm_instance *inst, const lm_solution *sol, double *objective,
                         bool *required_met, double *coverage)
{
    lm_plan_tally t;
    int rc = lm_plan_tally_build(&t, inst, sol);
    if (rc != MATCH_OK)
        return rc;
    const match_model *m = inst->model;
    *objective = NAN;
    if (t.has_plan)
        rc = lm_tally_objective(&t, objective);
    if (required_met != NULL) {
        *required_met = true;
        for (size_t i = 0; i < m->needs.len; ++i)
            if (m->needs.items[i].required && t.coverage[i] < 1.0 - LM_TOL_SOLVED)
                *required_met = false;
    }
    if (coverage != NULL)
        memcpy(coverage, t.coverage, m->needs.len * sizeof *coverage);
    lm_plan_tally_free(&t);
    return rc;
}
