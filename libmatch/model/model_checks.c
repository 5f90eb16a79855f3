/*
 * Argument checks and look-ups shared by the calls that add items (model_items.c) and those
 * that change them afterwards (model_edit.c), so that both phrase their errors alike:
 * `volunteer "V01": field "hours": ...`.
 */
#include <math.h>
#include <stdlib.h>

#include "model_internal.h"

bool lm_nonempty(const char *s)
{
    return s != NULL && s[0] != '\0';
}

int lm_check_nonneg(match_model *m, const char *kind, const char *id, const char *field,
                    double value)
{
    if (!isfinite(value) || value < 0)
        return lm_fail(m, MATCH_EINPUT, "%s \"%s\": field \"%s\": must be a finite number >= 0",
                       kind, id, field);
    return MATCH_OK;
}

int lm_check_location(match_model *m, const char *kind, const char *id, double lat, double lon)
{
    if (!isfinite(lat) || lat < -90 || lat > 90)
        return lm_fail(m, MATCH_EINPUT, "%s \"%s\": field \"lat\": must be within -90..90", kind,
                       id);
    if (!isfinite(lon) || lon < -180 || lon > 180)
        return lm_fail(m, MATCH_EINPUT, "%s \"%s\": field \"lon\": must be within -180..180", kind,
                       id);
    return MATCH_OK;
}

int lm_resolve_ref(match_model *m, const char *kind, const char *id, const char *field,
                   const char *target, size_t (*find)(const match_model *, const char *),
                   const char *ref, size_t *out)
{
    if (!lm_nonempty(ref))
        return lm_fail(m, MATCH_EINVAL, "%s \"%s\": field \"%s\": must be a non-empty id", kind, id,
                       field);
    *out = find(m, ref);
    if (*out == LM_NONE)
        return lm_fail(m, MATCH_ENOTFOUND, "%s \"%s\": field \"%s\": no %s with id \"%s\"", kind,
                       id, field, target, ref);
    return MATCH_OK;
}

int lm_find_existing(match_model *m, const char *kind,
                     size_t (*find)(const match_model *, const char *), const char *id, size_t *out)
{
    if (m == NULL)
        return MATCH_EINVAL;
    if (!lm_nonempty(id))
        return lm_fail(m, MATCH_EINVAL, "%s: id must be a non-empty string", kind);
    *out = find(m, id);
    if (*out == LM_NONE)
        return lm_fail(m, MATCH_ENOTFOUND, "no %s with id \"%s\"", kind, id);
    return MATCH_OK;
}

int lm_intern_tag(match_model *m, const char *name, size_t *tag)
{
    if (lm_strmap_get(&m->tag_ids, name, tag))
        return MATCH_OK;
    char *copy = lm_strdup(name);
    if (copy == NULL ||
        !lm_reserve((void **)&m->tags, &m->cap_tags, m->n_tags + 1, sizeof *m->tags) ||
        !lm_strmap_put(&m->tag_ids, copy, m->n_tags)) {
        free(copy);
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    }
    m->tags[m->n_tags] = copy;
    *tag = m->n_tags++;
    return MATCH_OK;
}

int lm_resolve_pair(match_model *m, const char *kind, const char *volunteer_id, const char *need_id,
                    size_t *v, size_t *i)
{
    if (m == NULL)
        return MATCH_EINVAL;
    const char *vid = volunteer_id ? volunteer_id : "";
    const char *nid = need_id ? need_id : "";
    if (!lm_nonempty(volunteer_id) || !lm_nonempty(need_id))
        return lm_fail(m, MATCH_EINVAL, "%s pair (\"%s\", \"%s\"): ids must be non-empty", kind,
                       vid, nid);
    *v = lm_find_volunteer(m, volunteer_id);
    if (*v == LM_NONE)
        return lm_fail(m, MATCH_ENOTFOUND,
                       "%s pair (\"%s\", \"%s\"): field \"volunteer\": no volunteer with id \"%s\"",
                       kind, vid, nid, vid);
    *i = lm_find_need(m, need_id);
    if (*i == LM_NONE)
        return lm_fail(m, MATCH_ENOTFOUND,
                       "%s pair (\"%s\", \"%s\"): field \"need\": no need with id \"%s\"", kind,
                       vid, nid, nid);
    return MATCH_OK;
}
