/*
 * The plan in force (stable re-planning): the hours a previous plan gives each pair, kept in
 * the model so that a solve can pay for every hour moved away from it.
 *
 * Entries are appended as they are set; a later entry for the same pair wins. That keeps
 * setting a whole plan linear, and the solver sorts the entries once anyway
 * (solve/previous_pairs.c).
 */
#include "model_internal.h"

#include <math.h>
#include <stdlib.h>

#include "../plan/plan_internal.h"

int lm_previous_add(match_model *m, size_t volunteer, size_t need, double hours)
{
    if (!lm_reserve((void **)&m->previous, &m->cap_previous, m->n_previous + 1,
                    sizeof *m->previous))
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    m->previous[m->n_previous++] = (lm_previous){volunteer, need, hours};
    m->has_previous = true;
    return MATCH_OK;
}

static void clear(match_model *m)
{
    m->n_previous = 0;
    m->has_previous = false;
    m->previous_ignored = 0;
}

int match_model_clear_previous_plan(match_model *m)
{
    if (m == NULL)
        return MATCH_EINVAL;
    clear(m);
    return MATCH_OK;
}

int match_model_has_previous_plan(const match_model *m)
{
    return m != NULL && m->has_previous;
}

size_t match_model_previous_ignored(const match_model *m)
{
    return m != NULL && m->has_previous ? m->previous_ignored : 0;
}

int match_model_set_previous_hours(match_model *m, const char *volunteer_id, const char *need_id,
                                   double hours)
{
    if (m == NULL)
        return MATCH_EINVAL;
    if (volunteer_id == NULL || need_id == NULL)
        return lm_fail(m, MATCH_EINVAL, "previous plan: volunteer and need ids must not be NULL");
    size_t v = lm_find_volunteer(m, volunteer_id);
    if (v == LM_NONE)
        return lm_fail(m, MATCH_ENOTFOUND,
                       "previous plan (\"%s\", \"%s\"): field \"volunteer\": no volunteer with "
                       "id \"%s\"",
                       volunteer_id, need_id, volunteer_id);
    size_t i = lm_find_need(m, need_id);
    if (i == LM_NONE)
        return lm_fail(m, MATCH_ENOTFOUND,
                       "previous plan (\"%s\", \"%s\"): field \"need\": no need with id \"%s\"",
                       volunteer_id, need_id, need_id);
    if (!isfinite(hours) || hours < 0 || hours != floor(hours) || hours > 1e15)
        return lm_fail(m, MATCH_EINPUT,
                       "previous plan (\"%s\", \"%s\"): field \"hours\": must be a whole number "
                       ">= 0",
                       volunteer_id, need_id);
    return lm_previous_add(m, v, i, hours);
}

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
