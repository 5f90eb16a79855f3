/*
 * The levels of a lexicographic plan (policy "objective": "lexicographic"), and the public
 * calls that read them and the re-planning figures back.
 *
 * A level's value is computed from the plan's own numbers, like the objective: priority p's
 * level is weight[p] times the summed coverage of the needs of priority p, and the cost level
 * is what the objective subtracts (distance, shortfalls, changes), negated, so that the
 * levels add up to the objective. A level the solver proved optimal has its value as its
 * bound; the other bounds come from the solver.
 */
#include "plan_internal.h"

#include <math.h>

#include "../model/model_internal.h"
#include "../solution/tally.h"

static const char *const level_names[LM_LEVELS] = {"priority 5", "priority 4", "priority 3",
                                                   "priority 2", "priority 1", "costs"};

void lm_plan_fill_levels(match_plan *plan, const lm_plan_tally *t)
{
    const lm_policy *policy = &t->inst->model->policy;
    plan->lexicographic = policy->objective == LM_OBJECTIVE_LEXICOGRAPHIC;
    for (int k = 0; k < LM_LEVELS; ++k) {
        plan->level_value[k] = NAN;
        plan->level_bound[k] = t->sol->level_bound[k];
    }
    if (!plan->lexicographic)
        return;
    /* The weighted objective has no proven bound in this mode: the levels have. */
    plan->bound = NAN;
    if (!t->has_plan)
        return;
    double covered = 0.0;
    for (int k = 0; k < LM_PRIORITY_LEVELS; ++k)
        plan->level_value[k] = 0.0;
    for (size_t i = 0; i < plan->n_needs; ++i) {
        int priority = plan->needs[i].priority;
        if (priority < 1 || priority > LM_PRIORITY_LEVELS)
            continue;
        double value = policy->priority_weights[priority - 1] * plan->needs[i].coverage;
        plan->level_value[LM_PRIORITY_LEVELS - priority] += value;
        covered += value;
    }
    plan->level_value[LM_COST_LEVEL] = plan->objective - covered;
    for (int k = 0; k < LM_LEVELS; ++k)
        if (t->sol->level_optimal[k])
            plan->level_bound[k] = plan->level_value[k];
}

const char *match_plan_objective_mode(const match_plan *plan)
{
    return plan != NULL && plan->lexicographic ? "lexicographic" : "weighted";
}

size_t match_plan_level_count(const match_plan *plan)
{
    return plan != NULL && plan->lexicographic ? LM_LEVELS : 0;
}

const char *match_plan_level_name(const match_plan *plan, size_t level)
{
    return level < match_plan_level_count(plan) ? level_names[level] : NULL;
}

double match_plan_level_value(const match_plan *plan, size_t level)
{
    return level < match_plan_level_count(plan) ? plan->level_value[level] : NAN;
}

double match_plan_level_bound(const match_plan *plan, size_t level)
{
    return level < match_plan_level_count(plan) ? plan->level_bound[level] : NAN;
}

int match_plan_has_previous(const match_plan *plan)
{
    return plan != NULL && plan->has_previous;
}

double match_plan_previous_hours(const match_plan *plan)
{
    return plan != NULL && plan->has_previous ? plan->previous_hours : NAN;
}

double match_plan_moved_hours(const match_plan *plan)
{
    return plan != NULL && plan->has_previous ? plan->moved_hours : NAN;
}

size_t match_plan_previous_ignored(const match_plan *plan)
{
    return plan != NULL && plan->has_previous ? plan->previous_ignored : 0;
}

double match_plan_volunteer_moved_hours(const match_plan *plan, size_t volunteer)
{
    if (plan == NULL || !plan->has_previous || volunteer >= plan->n_volunteers)
        return NAN;
    return plan->volunteers[volunteer].moved_hours;
}
