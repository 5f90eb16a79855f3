/*
 * Stable re-planning in the plan: how many of the hours of the plan in force this plan keeps
 * and how many it moves away, per volunteer and in all. The objective's change term
 * (docs/model.md) is change_penalty times the hours moved.
 */
#include "plan_internal.h"

#include <math.h>

#include "../model/model_internal.h"
#include "../solution/evaluate.h"

void lm_plan_fill_change(match_plan *plan, const lm_plan_tally *t)
{
    const lm_instance *inst = t->inst;
    const match_model *m = inst->model;
    plan->has_previous = m->has_previous;
    plan->previous_ignored = m->has_previous ? m->previous_ignored : 0;
    plan->previous_hours = m->has_previous ? 0.0 : NAN;
    plan->moved_hours = m->has_previous && t->has_plan ? 0.0 : NAN;
    for (size_t v = 0; v < plan->n_volunteers; ++v)
        plan->volunteers[v].moved_hours = plan->moved_hours;
    if (!m->has_previous)
        return;
    for (size_t k = 0; k < inst->n_previous; ++k) {
        const lm_prev_pair *e = &inst->previous[k];
        plan->previous_hours += e->hours;
        if (!t->has_plan)
            continue;
        double moved = lm_tally_moved_hours(t, k);
        plan->moved_hours += moved;
        plan->volunteers[e->volunteer].moved_hours += moved;
    }
}
