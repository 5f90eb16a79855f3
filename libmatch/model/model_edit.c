/*
 * Changing items after they were added (edit.h): new values for the fields model.h sets only
 * when adding, undoing optional settings, and taking tags and pairs away. Every call checks
 * its arguments fully before changing anything, as the builder does.
 */
#include "libmatch/edit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

/* ---- Checks ---------------------------------------------------------------------------- */

static int check_word(match_model *m, const char *kind, const char *id, const char *field,
                      const char *word)
{
    if (!lm_nonempty(word))
        return lm_fail(m, word == NULL ? MATCH_EINVAL : MATCH_EINPUT,
                       "%s \"%s\": field \"%s\": must be a non-empty string", kind, id, field);
    return MATCH_OK;
}

/* Replaces *slot with a copy of text (NULL clears it). */
static int replace_text(match_model *m, char **slot, const char *text)
{
    char *copy = NULL;
    if (text != NULL && (copy = lm_strdup(text)) == NULL)
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    free(*slot);
    *slot = copy;
    return MATCH_OK;
}

/* Takes tag `name` out of a sorted set; MATCH_ENOTFOUND when it is not there. */
static int remove_tag(match_model *m, lm_tagset *set, const char *kind, const char *id,
                      const char *field, const char *name)
{
    if (name == NULL)
        return lm_fail(m, MATCH_EINVAL, "%s \"%s\": field \"%s\": entry is NULL", kind, id, field);
    size_t tag;
    if (!lm_strmap_get(&m->tag_ids, name, &tag) || !lm_tagset_contains(set, tag))
        return lm_fail(m, MATCH_ENOTFOUND, "%s \"%s\": field \"%s\": has no \"%s\"", kind, id,
                       field, name);
    size_t k = 0;
    while (set->tags[k] != tag)
        ++k;
    memmove(set->tags + k, set->tags + k + 1, (set->len - k - 1) * sizeof *set->tags);
    set->len--;
    return MATCH_OK;
}

/* ---- Communities ----------------------------------------------------------------------- */

int match_model_set_community_location(match_model *m, const char *community_id, double lat,
                                       double lon)
{
    size_t c;
    int rc = lm_find_existing(m, "community", lm_find_community, community_id, &c);
    if (rc != MATCH_OK)
        return rc;
    rc = lm_check_location(m, "community", community_id, lat, lon);
    if (rc != MATCH_OK)
        return rc;
    m->communities.items[c].lat = lat;
    m->communities.items[c].lon = lon;
    return MATCH_OK;
}

int match_model_set_community_name(match_model *m, const char *community_id, const char *name)
{
    size_t c;
    int rc = lm_find_existing(m, "community", lm_find_community, community_id, &c);
    return rc != MATCH_OK ? rc : replace_text(m, &m->communities.items[c].name, name);
}

int match_model_set_community_street(match_model *m, const char *community_id, const char *street)
{
    size_t c;
    int rc = lm_find_existing(m, "community", lm_find_community, community_id, &c);
    return rc != MATCH_OK ? rc : replace_text(m, &m->communities.items[c].street, street);
}

/* ---- Units ----------------------------------------------------------------------------- */

int match_model_set_unit_name(match_model *m, const char *unit_id, const char *name)
{
    size_t u;
    int rc = lm_find_existing(m, "unit", lm_find_unit, unit_id, &u);
    return rc != MATCH_OK ? rc : replace_text(m, &m->units.items[u].name, name);
}

int match_model_set_unit_community(match_model *m, const char *unit_id, const char *community_id)
{
    size_t u, c;
    int rc = lm_find_existing(m, "unit", lm_find_unit, unit_id, &u);
    if (rc == MATCH_OK)
        rc = lm_resolve_ref(m, "unit", unit_id, "community", "community", lm_find_community,
                            community_id, &c);
    if (rc == MATCH_OK)
        m->units.items[u].community = c;
    return rc;
}

int match_model_clear_unit_min_projects(match_model *m, const char *unit_id)
{
    size_t u;
    int rc = lm_find_existing(m, "unit", lm_find_unit, unit_id, &u);
    if (rc == MATCH_OK)
        m->units.items[u].has_min_projects = false;
    return rc;
}

/* ---- Volunteers ------------------------------------------------------------------------ */

int match_model_set_volunteer_hours(match_model *m, const char *volunteer_id, double hours)
{
    size_t v;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    if (rc == MATCH_OK)
        rc = lm_check_nonneg(m, "volunteer", volunteer_id, "hours", hours);
    if (rc == MATCH_OK)
        m->volunteers.items[v].hours = hours;
    return rc;
}

int match_model_set_volunteer_community(match_model *m, const char *volunteer_id,
                                        const char *community_id)
{
    size_t v, c;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    if (rc == MATCH_OK)
        rc = lm_resolve_ref(m, "volunteer", volunteer_id, "community", "community",
                            lm_find_community, community_id, &c);
    if (rc == MATCH_OK)
        m->volunteers.items[v].community = c;
    return rc;
}

int match_model_clear_volunteer_unit(match_model *m, const char *volunteer_id)
{
    size_t v;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    if (rc == MATCH_OK)
        m->volunteers.items[v].unit = LM_NONE;
    return rc;
}

int match_model_clear_volunteer_location(match_model *m, const char *volunteer_id)
{
    size_t v;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    if (rc == MATCH_OK)
        m->volunteers.items[v].has_location = false;
    return rc;
}

int match_model_clear_volunteer_min_hours(match_model *m, const char *volunteer_id)
{
    size_t v;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    if (rc == MATCH_OK)
        m->volunteers.items[v].has_min_hours = false;
    return rc;
}

int match_model_clear_volunteer_max_distance(match_model *m, const char *volunteer_id)
{
    size_t v;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    if (rc == MATCH_OK)
        m->volunteers.items[v].has_max_distance = false;
    return rc;
}

int match_model_remove_volunteer_skill(match_model *m, const char *volunteer_id, const char *skill)
{
    size_t v;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    return rc != MATCH_OK ? rc
                          : remove_tag(m, &m->volunteers.items[v].skills, "volunteer", volunteer_id,
                                       "skills", skill);
}

int match_model_remove_volunteer_slot(match_model *m, const char *volunteer_id, const char *slot)
{
    size_t v;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    return rc != MATCH_OK ? rc
                          : remove_tag(m, &m->volunteers.items[v].slots, "volunteer", volunteer_id,
                                       "slots", slot);
}

/* ---- Resources ------------------------------------------------------------------------- */

int match_model_set_resource_amount(match_model *m, const char *resource_id, double amount)
{
    size_t r;
    int rc = lm_find_existing(m, "resource", lm_find_resource, resource_id, &r);
    if (rc == MATCH_OK)
        rc = lm_check_nonneg(m, "resource", resource_id, "amount", amount);
    if (rc == MATCH_OK)
        m->resources.items[r].amount = amount;
    return rc;
}

int match_model_set_resource_type(match_model *m, const char *resource_id, const char *type)
{
    size_t r, tag;
    int rc = lm_find_existing(m, "resource", lm_find_resource, resource_id, &r);
    if (rc == MATCH_OK)
        rc = check_word(m, "resource", resource_id, "type", type);
    if (rc == MATCH_OK)
        rc = lm_intern_tag(m, type, &tag);
    if (rc == MATCH_OK)
        m->resources.items[r].type = tag;
    return rc;
}

int match_model_set_resource_unit(match_model *m, const char *resource_id, const char *unit_id)
{
    size_t r, u;
    int rc = lm_find_existing(m, "resource", lm_find_resource, resource_id, &r);
    if (rc == MATCH_OK)
        rc = lm_resolve_ref(m, "resource", resource_id, "unit", "unit", lm_find_unit, unit_id, &u);
    if (rc == MATCH_OK)
        m->resources.items[r].unit = u;
    return rc;
}

int match_model_clear_resource_location(match_model *m, const char *resource_id)
{
    size_t r;
    int rc = lm_find_existing(m, "resource", lm_find_resource, resource_id, &r);
    if (rc == MATCH_OK)
        m->resources.items[r].has_location = false;
    return rc;
}

int match_model_remove_resource_category(match_model *m, const char *resource_id,
                                         const char *category)
{
    size_t r;
    int rc = lm_find_existing(m, "resource", lm_find_resource, resource_id, &r);
    return rc != MATCH_OK ? rc
                          : remove_tag(m, &m->resources.items[r].categories, "resource",
                                       resource_id, "categories", category);
}

/* ---- Needs ----------------------------------------------------------------------------- */

int match_model_set_need_priority(match_model *m, const char *need_id, int priority)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc != MATCH_OK)
        return rc;
    if (priority < 1 || priority > LM_PRIORITY_LEVELS)
        return lm_fail(m, MATCH_EINPUT, "need \"%s\": field \"priority\": must be 1..%d, got %d",
                       need_id, LM_PRIORITY_LEVELS, priority);
    m->needs.items[i].priority = priority;
    return MATCH_OK;
}

int match_model_set_need_category(match_model *m, const char *need_id, const char *category)
{
    size_t i, tag;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc == MATCH_OK)
        rc = check_word(m, "need", need_id, "category", category);
    if (rc == MATCH_OK)
        rc = lm_intern_tag(m, category, &tag);
    if (rc == MATCH_OK)
        m->needs.items[i].category = tag;
    return rc;
}

int match_model_set_need_community(match_model *m, const char *need_id, const char *community_id)
{
    size_t i, c;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc == MATCH_OK)
        rc = lm_resolve_ref(m, "need", need_id, "community", "community", lm_find_community,
                            community_id, &c);
    if (rc == MATCH_OK)
        m->needs.items[i].community = c;
    return rc;
}

int match_model_clear_need_min_volunteers(match_model *m, const char *need_id)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc == MATCH_OK)
        m->needs.items[i].has_min_volunteers = false;
    return rc;
}

/* The position of the need's request for a type named `type`, or LM_NONE. */
static size_t find_request(const match_model *m, const lm_need *n, const char *type)
{
    size_t tag;
    if (!lm_strmap_get(&m->tag_ids, type, &tag))
        return LM_NONE;
    for (size_t k = 0; k < n->n_requests; ++k)
        if (n->requests[k].type == tag)
            return k;
    return LM_NONE;
}

int match_model_set_need_resource(match_model *m, const char *need_id, const char *type,
                                  double amount)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc == MATCH_OK)
        rc = check_word(m, "need", need_id, "resources", type);
    if (rc != MATCH_OK)
        return rc;
    if (!isfinite(amount) || amount <= 0)
        return lm_fail(m, MATCH_EINPUT,
                       "need \"%s\": field \"resources\": amount of \"%s\" must be a finite "
                       "number > 0",
                       need_id, type);
    size_t k = find_request(m, &m->needs.items[i], type);
    if (k == LM_NONE)
        return match_model_add_need_resource(m, need_id, type, amount);
    m->needs.items[i].requests[k].amount = amount;
    return MATCH_OK;
}

int match_model_remove_need_resource(match_model *m, const char *need_id, const char *type)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc == MATCH_OK && type == NULL)
        rc = lm_fail(m, MATCH_EINVAL, "need \"%s\": field \"resources\": type is NULL", need_id);
    if (rc != MATCH_OK)
        return rc;
    lm_need *n = &m->needs.items[i];
    size_t k = find_request(m, n, type);
    if (k == LM_NONE)
        return lm_fail(m, MATCH_ENOTFOUND, "need \"%s\": field \"resources\": asks for no \"%s\"",
                       need_id, type);
    memmove(n->requests + k, n->requests + k + 1, (n->n_requests - k - 1) * sizeof *n->requests);
    n->n_requests--;
    return MATCH_OK;
}

int match_model_remove_need_skill(match_model *m, const char *need_id, const char *skill)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    return rc != MATCH_OK
               ? rc
               : remove_tag(m, &m->needs.items[i].skills, "need", need_id, "skills", skill);
}

int match_model_remove_need_slot(match_model *m, const char *need_id, const char *slot)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    return rc != MATCH_OK ? rc
                          : remove_tag(m, &m->needs.items[i].slots, "need", need_id, "slots", slot);
}

/* ---- Pairs ----------------------------------------------------------------------------- */

int match_model_unfix_pair(match_model *m, const char *volunteer_id, const char *need_id)
{
    size_t v, i;
    int rc = lm_resolve_pair(m, "fixed", volunteer_id, need_id, &v, &i);
    if (rc != MATCH_OK)
        return rc;
    for (size_t k = 0; k < m->n_fixed; ++k) {
        if (m->fixed[k].volunteer == v && m->fixed[k].need == i) {
            memmove(m->fixed + k, m->fixed + k + 1, (m->n_fixed - k - 1) * sizeof *m->fixed);
            m->n_fixed--;
            return MATCH_OK;
        }
    }
    return lm_fail(m, MATCH_ENOTFOUND, "fixed pair (\"%s\", \"%s\"): the pair is not fixed",
                   volunteer_id, need_id);
}

int match_model_unforbid_pair(match_model *m, const char *volunteer_id, const char *need_id)
{
    size_t v, i;
    int rc = lm_resolve_pair(m, "forbidden", volunteer_id, need_id, &v, &i);
    if (rc != MATCH_OK)
        return rc;
    for (size_t k = 0; k < m->n_forbidden; ++k) {
        if (m->forbidden[k].volunteer == v && m->forbidden[k].need == i) {
            memmove(m->forbidden + k, m->forbidden + k + 1,
                    (m->n_forbidden - k - 1) * sizeof *m->forbidden);
            m->n_forbidden--;
            return MATCH_OK;
        }
    }
    return lm_fail(m, MATCH_ENOTFOUND, "forbidden pair (\"%s\", \"%s\"): the pair is not forbidden",
                   volunteer_id, need_id);
}
