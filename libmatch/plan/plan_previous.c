/*
 * A whole plan made the plan in force (stable re-planning): its assignments, mapped by id onto
 * the model's entries of model/previous.c. It reads the plan, so it lives above both.
 */
#include "plan_internal.h"

#include <math.h>
#include <stdlib.h>

#include "../model/model_internal.h"

int match_model_set_previous_plan(match_model *m, const match_plan *plan)
{
    if (m == NULL)
        return MATCH_EINVAL;
    if (plan == NULL)
        return lm_fail(m, MATCH_EINVAL, "previous plan: the plan is NULL");
    /* Built aside, so that running out of memory leaves the model as it was. */
    size_t count = 0;
    for (size_t i = 0; i < plan->n_needs; ++i)
        count += plan->needs[i].n_volunteers;
    lm_previous *entries = malloc((count ? count : 1) * sizeof *entries);
    if (entries == NULL)
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    size_t used = 0, ignored = 0;
    for (size_t k = 0; k < plan->n_needs; ++k) {
        const lm_plan_need *pn = &plan->needs[k];
        size_t i = lm_find_need(m, pn->id);
        for (size_t j = 0; j < pn->n_volunteers; ++j) {
            size_t v = lm_find_volunteer(m, pn->volunteers[j].id);
            if (i == LM_NONE || v == LM_NONE) {
                ++ignored;
                continue;
            }
            /* Plans hold whole hours; rounding only removes a solver's noise. */
            entries[used++] = (lm_previous){v, i, round(pn->volunteers[j].amount)};
        }
    }
    free(m->previous);
    m->previous = entries;
    m->n_previous = used;
    m->cap_previous = count ? count : 1;
    m->has_previous = true;
    m->previous_ignored = ignored;
    return MATCH_OK;
}
