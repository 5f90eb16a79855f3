/*
 * Listed pairs (scenario "pairs") and a need's max_volunteers: the builder calls, and the
 * checks that keep them consistent with fixed and forbidden pairs (docs/model.md, "Listed
 * pairs"). Every call checks everything before changing anything.
 */
#include "limits.h"
#include "model_internal.h"

#include <math.h>
#include <stdlib.h>

size_t lm_find_listed(const match_model *m, size_t v, size_t i)
{
    size_t k;
    return lm_pairmap_get(&m->listed_index, v, i, &k) ? k : LM_NONE;
}

int lm_need_max_volunteers(const lm_need *n)
{
    return n->has_max_volunteers ? n->max_volunteers : -1;
}

/* The hours of fixed pair (v, i), or 0 when the pair is not fixed. */
static double fixed_hours(const match_model *m, size_t v, size_t i)
{
    for (size_t k = 0; k < m->n_fixed; ++k)
        if (m->fixed[k].volunteer == v && m->fixed[k].need == i)
            return m->fixed[k].hours;
    return 0.0;
}

static bool is_forbidden(const match_model *m, size_t v, size_t i)
{
    for (size_t k = 0; k < m->n_forbidden; ++k)
        if (m->forbidden[k].volunteer == v && m->forbidden[k].need == i)
            return true;
    return false;
}

static size_t fixed_at_need(const match_model *m, size_t i)
{
    size_t count = 0;
    for (size_t k = 0; k < m->n_fixed; ++k)
        count += m->fixed[k].need == i;
    return count;
}

int match_model_add_pair(match_model *m, const char *volunteer_id, const char *need_id,
                         double value, double hours)
{
    size_t v, i;
    int rc = lm_resolve_pair(m, "listed", volunteer_id, need_id, &v, &i);
    if (rc != MATCH_OK)
        return rc;
    const char *vid = volunteer_id, *nid = need_id;
    if (!isfinite(value))
        return lm_fail(lm_at_pair(m, vid, nid, "value"), MATCH_EINPUT,
                       "listed pair (\"%s\", \"%s\"): field \"value\": must be a finite number",
                       vid, nid);
    if (!isfinite(hours) || hours < 0)
        return lm_fail(lm_at_pair(m, vid, nid, "hours"), MATCH_EINPUT,
                       "listed pair (\"%s\", \"%s\"): field \"hours\": must be a finite number "
                       ">= 0",
                       vid, nid);
    if (!lm_in_range(value, -LM_MAX_PRICE, LM_MAX_PRICE))
        return lm_fail(m, MATCH_EINPUT,
                       "listed pair (\"%s\", \"%s\"): field \"value\": must be within "
                       "-%g..%g (the supported range), got %g",
                       vid, nid, LM_MAX_PRICE, LM_MAX_PRICE, value);
    if (hours > LM_MAX_QUANTITY)
        return lm_fail(m, MATCH_EINPUT,
                       "listed pair (\"%s\", \"%s\"): field \"hours\": must be within 0..%g "
                       "(the supported range), got %g",
                       vid, nid, LM_MAX_QUANTITY, hours);
    if (lm_find_listed(m, v, i) != LM_NONE)
        return lm_fail(lm_at_pair(m, vid, nid, NULL), MATCH_EINPUT,
                       "listed pair (\"%s\", \"%s\"): the pair is listed twice", vid, nid);
    if (is_forbidden(m, v, i))
        return lm_fail(lm_at_pair(m, vid, nid, NULL), MATCH_EINPUT,
                       "listed pair (\"%s\", \"%s\"): the pair is also forbidden", vid, nid);
    double fixed = fixed_hours(m, v, i);
    if (fixed > hours)
        return lm_fail(
            lm_at_pair(m, vid, nid, "hours"), MATCH_EINPUT,
            "listed pair (\"%s\", \"%s\"): field \"hours\": %.10g is less than the %.10g "
            "hours the pair is fixed to (a listed pair gives exactly its hours)",
            vid, nid, hours, fixed);
    if (!lm_reserve((void **)&m->listed, &m->cap_listed, m->n_listed + 1, sizeof *m->listed) ||
        !lm_pairmap_put(&m->listed_index, v, i, m->n_listed))
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    m->listed[m->n_listed++] = (lm_listed){v, i, value, hours};
    m->needs.items[i].n_listed++;
    return MATCH_OK;
}

int match_model_set_need_max_volunteers(match_model *m, const char *need_id, int max_volunteers)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc != MATCH_OK)
        return rc;
    lm_need *n = &m->needs.items[i];
    if (max_volunteers < -1)
        return lm_fail(lm_at(m, MATCH_KIND_NEED, need_id, "max_volunteers"), MATCH_EINPUT,
                       "need \"%s\": field \"max_volunteers\": must be >= 0 (or -1: unlimited)",
                       need_id);
    if (max_volunteers >= 0 && n->has_min_volunteers && n->min_volunteers > max_volunteers)
        return lm_fail(lm_at(m, MATCH_KIND_NEED, need_id, "max_volunteers"), MATCH_EINPUT,
                       "need \"%s\": field \"max_volunteers\": %d is less than its "
                       "min_volunteers %d",
                       need_id, max_volunteers, n->min_volunteers);
    size_t fixed = fixed_at_need(m, i);
    if (max_volunteers >= 0 && fixed > (size_t)max_volunteers)
        return lm_fail(lm_at(m, MATCH_KIND_NEED, need_id, "max_volunteers"), MATCH_EINPUT,
                       "need \"%s\": field \"max_volunteers\": %d is less than its %zu fixed "
                       "pairs",
                       need_id, max_volunteers, fixed);
    n->max_volunteers = max_volunteers;
    n->has_max_volunteers = max_volunteers >= 0;
    return MATCH_OK;
}

int lm_check_new_fixed(match_model *m, size_t v, size_t i, double hours)
{
    const char *vid = m->volunteers.items[v].id, *nid = m->needs.items[i].id;
    size_t k = lm_find_listed(m, v, i);
    if (k != LM_NONE && hours > m->listed[k].hours)
        return lm_fail(lm_at_pair(m, vid, nid, "hours"), MATCH_EINPUT,
                       "fixed pair (\"%s\", \"%s\"): field \"hours\": %.10g is more than the "
                       "%.10g hours of the listed pair (a listed pair gives exactly its hours)",
                       vid, nid, hours, m->listed[k].hours);
    int max = lm_need_max_volunteers(&m->needs.items[i]);
    if (max >= 0 && fixed_at_need(m, i) >= (size_t)max)
        return lm_fail(lm_at_pair(m, vid, nid, NULL), MATCH_EINPUT,
                       "fixed pair (\"%s\", \"%s\"): need \"%s\" allows at most %d %s "
                       "(max_volunteers), and that many pairs are fixed to it already",
                       vid, nid, nid, max, max == 1 ? "volunteer" : "volunteers");
    return MATCH_OK;
}

int lm_check_new_forbidden(match_model *m, size_t v, size_t i)
{
    if (lm_find_listed(m, v, i) != LM_NONE)
        return lm_fail(lm_at_pair(m, m->volunteers.items[v].id, m->needs.items[i].id, NULL),
                       MATCH_EINPUT, "forbidden pair (\"%s\", \"%s\"): the pair is also listed",
                       m->volunteers.items[v].id, m->needs.items[i].id);
    return MATCH_OK;
}

int lm_check_min_volunteers(match_model *m, size_t i, int min_volunteers)
{
    int max = lm_need_max_volunteers(&m->needs.items[i]);
    if (max >= 0 && min_volunteers > max)
        return lm_fail(lm_at(m, MATCH_KIND_NEED, m->needs.items[i].id, "min_volunteers"),
                       MATCH_EINPUT,
                       "need \"%s\": field \"min_volunteers\": %d is more than its "
                       "max_volunteers %d",
                       m->needs.items[i].id, min_volunteers, max);
    return MATCH_OK;
}

int match_model_get_pair(const match_model *m, const char *volunteer_id, const char *need_id,
                         double *value, double *hours)
{
    if (m == NULL || volunteer_id == NULL || need_id == NULL)
        return MATCH_EINVAL;
    size_t v = lm_find_volunteer(m, volunteer_id), i = lm_find_need(m, need_id);
    size_t k = v == LM_NONE || i == LM_NONE ? LM_NONE : lm_find_listed(m, v, i);
    if (k == LM_NONE)
        return MATCH_ENOTFOUND;
    if (value != NULL)
        *value = m->listed[k].value;
    if (hours != NULL)
        *hours = m->listed[k].hours;
    return MATCH_OK;
}

size_t match_model_pair_count(const match_model *m)
{
    return m == NULL ? 0 : m->n_listed;
}
