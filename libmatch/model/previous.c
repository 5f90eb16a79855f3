/*
 * The plan in force (stable re-planning): the hours a previous plan gives each pair, kept in
 * the model so that a solve can pay for every hour moved away from it.
 *
 * Entries are appended as they are set; a later entry for the same pair wins. That keeps
 * setting a whole plan linear, and the solver sorts the entries once anyway
 * (solve/previous_pairs.c).
 */
#include "limits.h"
#include "model_internal.h"

#include <math.h>
#include <stdlib.h>

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
        return lm_fail(lm_at_pair(m, volunteer_id, need_id, "volunteer"), MATCH_ENOTFOUND,
                       "previous plan (\"%s\", \"%s\"): field \"volunteer\": no volunteer with "
                       "id \"%s\"",
                       volunteer_id, need_id, volunteer_id);
    size_t i = lm_find_need(m, need_id);
    if (i == LM_NONE)
        return lm_fail(lm_at_pair(m, volunteer_id, need_id, "need"), MATCH_ENOTFOUND,
                       "previous plan (\"%s\", \"%s\"): field \"need\": no need with id \"%s\"",
                       volunteer_id, need_id, need_id);
    if (!isfinite(hours) || hours < 0 || hours != floor(hours) || hours > LM_MAX_QUANTITY)
        return lm_fail(lm_at_pair(m, volunteer_id, need_id, "hours"), MATCH_EINPUT,
                       "previous plan (\"%s\", \"%s\"): field \"hours\": must be a whole number "
                       "within 0..%g (the supported range)",
                       volunteer_id, need_id, LM_MAX_QUANTITY);
    return lm_previous_add(m, v, i, hours);
}
