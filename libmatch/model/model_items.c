/*
 * Adding items to a model and setting their optional fields. Every call checks its
 * arguments fully before changing anything, so a failed call leaves the model as it was.
 * Messages name the item and the field: `volunteer "V01": field "hours": ...`.
 */
#include "model_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Argument checks ------------------------------------------------------------------- */

/* Checks a new item's id: non-empty and not yet in the list. */
static int check_new_id(match_model *m, const char *kind, const lm_strmap *ids, const char *id)
{
    size_t existing;
    if (!lm_nonempty(id))
        return lm_fail(m, MATCH_EINVAL, "%s: field \"id\": must be a non-empty string", kind);
    if (lm_strmap_get(ids, id, &existing))
        return lm_fail(m, MATCH_EDUPLICATE,
                       "%s \"%s\": field \"id\": duplicate id (item %zu has it)", kind, id,
                       existing + 1);
    return MATCH_OK;
}

/* ---- Growing lists ----------------------------------------------------------------------- */

/* Reserves one more item in a list and registers its id (the id string must be the one the
 * item will own). On failure nothing changes. */
#define LIST_APPEND(m, list, id_copy)                                                              \
    (lm_reserve((void **)&(list).items, &(list).cap, (list).len + 1, sizeof *(list).items) &&      \
     lm_strmap_put(&(list).ids, (id_copy), (list).len))

/* Adds tag `name` to a sorted set (no-op if present). */
static int add_tag(match_model *m, lm_tagset *set, const char *kind, const char *id,
                   const char *field, const char *name)
{
    if (name == NULL)
        return lm_fail(m, MATCH_EINVAL, "%s \"%s\": field \"%s\": entry is NULL", kind, id, field);
    if (!lm_nonempty(name))
        return lm_fail(m, MATCH_EINPUT,
                       "%s \"%s\": field \"%s\": entries must be non-empty strings", kind, id,
                       field);
    size_t tag;
    int rc = lm_intern_tag(m, name, &tag);
    if (rc != MATCH_OK)
        return rc;
    if (lm_tagset_contains(set, tag))
        return MATCH_OK;
    if (!lm_reserve((void **)&set->tags, &set->cap, set->len + 1, sizeof *set->tags))
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    size_t pos = set->len;
    while (pos > 0 && set->tags[pos - 1] > tag) {
        set->tags[pos] = set->tags[pos - 1];
        --pos;
    }
    set->tags[pos] = tag;
    set->len++;
    return MATCH_OK;
}

/* ---- Communities and units --------------------------------------------------------------- */

int match_model_add_community(match_model *m, const char *id, const char *name, const char *street,
                              double lat, double lon)
{
    if (m == NULL)
        return MATCH_EINVAL;
    int rc = check_new_id(m, "community", &m->communities.ids, id);
    if (rc == MATCH_OK)
        rc = lm_check_location(m, "community", id, lat, lon);
    if (rc != MATCH_OK)
        return rc;
    lm_community c = {lm_strdup(id), lm_strdup(name), lm_strdup(street), lat, lon};
    if (c.id == NULL || (name && !c.name) || (street && !c.street) ||
        !LIST_APPEND(m, m->communities, c.id)) {
        free(c.id);
        free(c.name);
        free(c.street);
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    }
    m->communities.items[m->communities.len++] = c;
    return MATCH_OK;
}

int match_model_add_unit(match_model *m, const char *id, const char *name, const char *community_id)
{
    if (m == NULL)
        return MATCH_EINVAL;
    size_t community;
    int rc = check_new_id(m, "unit", &m->units.ids, id);
    if (rc == MATCH_OK)
        rc = lm_resolve_ref(m, "unit", id, "community", "community", lm_find_community,
                            community_id, &community);
    if (rc != MATCH_OK)
        return rc;
    lm_unit u = {lm_strdup(id), lm_strdup(name), community, 0, false};
    if (u.id == NULL || (name && !u.name) || !LIST_APPEND(m, m->units, u.id)) {
        free(u.id);
        free(u.name);
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    }
    m->units.items[m->units.len++] = u;
    return MATCH_OK;
}

int match_model_set_unit_min_projects(match_model *m, const char *unit_id, int min_projects)
{
    size_t u;
    int rc = lm_find_existing(m, "unit", lm_find_unit, unit_id, &u);
    if (rc != MATCH_OK)
        return rc;
    if (min_projects < 0)
        return lm_fail(m, MATCH_EINPUT, "unit \"%s\": field \"min_projects\": must be >= 0",
                       unit_id);
    m->units.items[u].min_projects = min_projects;
    m->units.items[u].has_min_projects = true;
    return MATCH_OK;
}

/* ---- Volunteers -------------------------------------------------------------------------- */

int match_model_add_volunteer(match_model *m, const char *id, const char *community_id,
                              double hours)
{
    if (m == NULL)
        return MATCH_EINVAL;
    size_t community;
    int rc = check_new_id(m, "volunteer", &m->volunteers.ids, id);
    if (rc == MATCH_OK)
        rc = lm_resolve_ref(m, "volunteer", id, "community", "community", lm_find_community,
                            community_id, &community);
    if (rc == MATCH_OK)
        rc = lm_check_nonneg(m, "volunteer", id, "hours", hours);
    if (rc != MATCH_OK)
        return rc;
    lm_volunteer v = {0};
    v.id = lm_strdup(id);
    v.community = community;
    v.unit = LM_NONE;
    v.hours = hours;
    if (v.id == NULL || !LIST_APPEND(m, m->volunteers, v.id)) {
        free(v.id);
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    }
    m->volunteers.items[m->volunteers.len++] = v;
    return MATCH_OK;
}

int match_model_set_volunteer_unit(match_model *m, const char *volunteer_id, const char *unit_id)
{
    size_t v, u;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    if (rc == MATCH_OK)
        rc =
            lm_resolve_ref(m, "volunteer", volunteer_id, "unit", "unit", lm_find_unit, unit_id, &u);
    if (rc != MATCH_OK)
        return rc;
    m->volunteers.items[v].unit = u;
    return MATCH_OK;
}

int match_model_set_volunteer_location(match_model *m, const char *volunteer_id, double lat,
                                       double lon)
{
    size_t v;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    if (rc == MATCH_OK)
        rc = lm_check_location(m, "volunteer", volunteer_id, lat, lon);
    if (rc != MATCH_OK)
        return rc;
    m->volunteers.items[v].lat = lat;
    m->volunteers.items[v].lon = lon;
    m->volunteers.items[v].has_location = true;
    return MATCH_OK;
}

int match_model_set_volunteer_min_hours(match_model *m, const char *volunteer_id, double min_hours)
{
    size_t v;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    if (rc == MATCH_OK)
        rc = lm_check_nonneg(m, "volunteer", volunteer_id, "min_hours", min_hours);
    if (rc != MATCH_OK)
        return rc;
    m->volunteers.items[v].min_hours = min_hours;
    m->volunteers.items[v].has_min_hours = true;
    return MATCH_OK;
}

int match_model_set_volunteer_max_distance(match_model *m, const char *volunteer_id, double km)
{
    size_t v;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    if (rc == MATCH_OK)
        rc = lm_check_nonneg(m, "volunteer", volunteer_id, "max_distance_km", km);
    if (rc != MATCH_OK)
        return rc;
    m->volunteers.items[v].max_distance_km = km;
    m->volunteers.items[v].has_max_distance = true;
    return MATCH_OK;
}

int match_model_add_volunteer_skill(match_model *m, const char *volunteer_id, const char *skill)
{
    size_t v;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    if (rc != MATCH_OK)
        return rc;
    return add_tag(m, &m->volunteers.items[v].skills, "volunteer", volunteer_id, "skills", skill);
}

int match_model_add_volunteer_slot(match_model *m, const char *volunteer_id, const char *slot)
{
    size_t v;
    int rc = lm_find_existing(m, "volunteer", lm_find_volunteer, volunteer_id, &v);
    if (rc != MATCH_OK)
        return rc;
    return add_tag(m, &m->volunteers.items[v].slots, "volunteer", volunteer_id, "slots", slot);
}

/* ---- Resources --------------------------------------------------------------------------- */

int match_model_add_resource(match_model *m, const char *id, const char *unit_id, const char *type,
                             double amount)
{
    if (m == NULL)
        return MATCH_EINVAL;
    size_t unit, tag;
    int rc = check_new_id(m, "resource", &m->resources.ids, id);
    if (rc == MATCH_OK)
        rc = lm_resolve_ref(m, "resource", id, "unit", "unit", lm_find_unit, unit_id, &unit);
    if (rc == MATCH_OK && !lm_nonempty(type))
        rc = lm_fail(m, type == NULL ? MATCH_EINVAL : MATCH_EINPUT,
                     "resource \"%s\": field \"type\": must be a non-empty string", id);
    if (rc == MATCH_OK)
        rc = lm_check_nonneg(m, "resource", id, "amount", amount);
    if (rc == MATCH_OK)
        rc = lm_intern_tag(m, type, &tag);
    if (rc != MATCH_OK)
        return rc;
    lm_resource r = {0};
    r.id = lm_strdup(id);
    r.unit = unit;
    r.type = tag;
    r.amount = amount;
    if (r.id == NULL || !LIST_APPEND(m, m->resources, r.id)) {
        free(r.id);
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    }
    m->resources.items[m->resources.len++] = r;
    return MATCH_OK;
}

int match_model_set_resource_location(match_model *m, const char *resource_id, double lat,
                                      double lon)
{
    size_t r;
    int rc = lm_find_existing(m, "resource", lm_find_resource, resource_id, &r);
    if (rc == MATCH_OK)
        rc = lm_check_location(m, "resource", resource_id, lat, lon);
    if (rc != MATCH_OK)
        return rc;
    m->resources.items[r].lat = lat;
    m->resources.items[r].lon = lon;
    m->resources.items[r].has_location = true;
    return MATCH_OK;
}

int match_model_add_resource_category(match_model *m, const char *resource_id, const char *category)
{
    size_t r;
    int rc = lm_find_existing(m, "resource", lm_find_resource, resource_id, &r);
    if (rc != MATCH_OK)
        return rc;
    return add_tag(m, &m->resources.items[r].categories, "resource", resource_id, "categories",
                   category);
}

/* ---- Needs ------------------------------------------------------------------------------- */

int match_model_add_need(match_model *m, const char *id, const char *community_id,
                         const char *category, int priority)
{
    if (m == NULL)
        return MATCH_EINVAL;
    size_t community, tag;
    int rc = check_new_id(m, "need", &m->needs.ids, id);
    if (rc == MATCH_OK)
        rc = lm_resolve_ref(m, "need", id, "community", "community", lm_find_community,
                            community_id, &community);
    if (rc == MATCH_OK && !lm_nonempty(category))
        rc = lm_fail(m, category == NULL ? MATCH_EINVAL : MATCH_EINPUT,
                     "need \"%s\": field \"category\": must be a non-empty string", id);
    if (rc == MATCH_OK && (priority < 1 || priority > LM_PRIORITY_LEVELS))
        rc = lm_fail(m, MATCH_EINPUT, "need \"%s\": field \"priority\": must be 1..%d, got %d", id,
                     LM_PRIORITY_LEVELS, priority);
    if (rc == MATCH_OK)
        rc = lm_intern_tag(m, category, &tag);
    if (rc != MATCH_OK)
        return rc;
    lm_need n = {0};
    n.id = lm_strdup(id);
    n.community = community;
    n.category = tag;
    n.priority = priority;
    if (n.id == NULL || !LIST_APPEND(m, m->needs, n.id)) {
        free(n.id);
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    }
    m->needs.items[m->needs.len++] = n;
    return MATCH_OK;
}

int match_model_set_need_hours(match_model *m, const char *need_id, double hours)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc == MATCH_OK)
        rc = lm_check_nonneg(m, "need", need_id, "hours", hours);
    if (rc != MATCH_OK)
        return rc;
    m->needs.items[i].hours = hours;
    return MATCH_OK;
}

int match_model_set_need_min_volunteers(match_model *m, const char *need_id, int min_volunteers)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc != MATCH_OK)
        return rc;
    if (min_volunteers < 0)
        return lm_fail(m, MATCH_EINPUT, "need \"%s\": field \"min_volunteers\": must be >= 0",
                       need_id);
    rc = lm_check_min_volunteers(m, i, min_volunteers);
    if (rc != MATCH_OK)
        return rc;
    m->needs.items[i].min_volunteers = min_volunteers;
    m->needs.items[i].has_min_volunteers = true;
    return MATCH_OK;
}

int match_model_add_need_resource(match_model *m, const char *need_id, const char *type,
                                  double amount)
{
    size_t i, tag;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc != MATCH_OK)
        return rc;
    if (!lm_nonempty(type))
        return lm_fail(m, type == NULL ? MATCH_EINVAL : MATCH_EINPUT,
                       "need \"%s\": field \"resources\": \"type\" must be a non-empty string",
                       need_id);
    if (!isfinite(amount) || amount <= 0)
        return lm_fail(m, MATCH_EINPUT,
                       "need \"%s\": field \"resources\": amount of \"%s\" must be a finite "
                       "number > 0",
                       need_id, type);
    rc = lm_intern_tag(m, type, &tag);
    if (rc != MATCH_OK)
        return rc;
    lm_need *n = &m->needs.items[i];
    for (size_t k = 0; k < n->n_requests; ++k)
        if (n->requests[k].type == tag)
            return lm_fail(m, MATCH_EINPUT,
                           "need \"%s\": field \"resources\": type \"%s\" is asked for twice",
                           need_id, type);
    if (!lm_reserve((void **)&n->requests, &n->cap_requests, n->n_requests + 1,
                    sizeof *n->requests))
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    n->requests[n->n_requests++] = (lm_request){tag, amount};
    return MATCH_OK;
}

int match_model_add_need_skill(match_model *m, const char *need_id, const char *skill)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc != MATCH_OK)
        return rc;
    return add_tag(m, &m->needs.items[i].skills, "need", need_id, "skills", skill);
}

int match_model_add_need_slot(match_model *m, const char *need_id, const char *slot)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc != MATCH_OK)
        return rc;
    return add_tag(m, &m->needs.items[i].slots, "need", need_id, "slots", slot);
}

int match_model_set_need_all_or_nothing(match_model *m, const char *need_id, int flag)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc != MATCH_OK)
        return rc;
    m->needs.items[i].all_or_nothing = flag != 0;
    return MATCH_OK;
}

int match_model_set_need_required(match_model *m, const char *need_id, int flag)
{
    size_t i;
    int rc = lm_find_existing(m, "need", lm_find_need, need_id, &i);
    if (rc != MATCH_OK)
        return rc;
    m->needs.items[i].required = flag != 0;
    return MATCH_OK;
}

/* ---- Fixed and forbidden pairs --------------------------------------------------------- */

static bool pair_listed_fixed(const match_model *m, size_t v, size_t i)
{
    for (size_t k = 0; k < m->n_fixed; ++k)
        if (m->fixed[k].volunteer == v && m->fixed[k].need == i)
            return true;
    return false;
}

static bool pair_listed_forbidden(const match_model *m, size_t v, size_t i)
{
    for (size_t k = 0; k < m->n_forbidden; ++k)
        if (m->forbidden[k].volunteer == v && m->forbidden[k].need == i)
            return true;
    return false;
}

int match_model_fix_pair(match_model *m, const char *volunteer_id, const char *need_id,
                         double hours)
{
    size_t v, i;
    int rc = lm_resolve_pair(m, "fixed", volunteer_id, need_id, &v, &i);
    if (rc != MATCH_OK)
        return rc;
    if (!isfinite(hours) || hours <= 0)
        return lm_fail(m, MATCH_EINPUT,
                       "fixed pair (\"%s\", \"%s\"): field \"hours\": must be a finite number > 0",
                       volunteer_id, need_id);
    if (pair_listed_fixed(m, v, i))
        return lm_fail(m, MATCH_EINPUT, "fixed pair (\"%s\", \"%s\"): the pair is fixed twice",
                       volunteer_id, need_id);
    if (pair_listed_forbidden(m, v, i))
        return lm_fail(m, MATCH_EINPUT, "fixed pair (\"%s\", \"%s\"): the pair is also forbidden",
                       volunteer_id, need_id);
    rc = lm_check_new_fixed(m, v, i, hours);
    if (rc != MATCH_OK)
        return rc;
    if (!lm_reserve((void **)&m->fixed, &m->cap_fixed, m->n_fixed + 1, sizeof *m->fixed))
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    m->fixed[m->n_fixed++] = (lm_fixed){v, i, hours};
    return MATCH_OK;
}

int match_model_forbid_pair(match_model *m, const char *volunteer_id, const char *need_id)
{
    size_t v, i;
    int rc = lm_resolve_pair(m, "forbidden", volunteer_id, need_id, &v, &i);
    if (rc != MATCH_OK)
        return rc;
    if (pair_listed_fixed(m, v, i))
        return lm_fail(m, MATCH_EINPUT, "forbidden pair (\"%s\", \"%s\"): the pair is also fixed",
                       volunteer_id, need_id);
    rc = lm_check_new_forbidden(m, v, i);
    if (rc != MATCH_OK)
        return rc;
    if (pair_listed_forbidden(m, v, i))
        return MATCH_OK; /* forbidding twice changes nothing */
    if (!lm_reserve((void **)&m->forbidden, &m->cap_forbidden, m->n_forbidden + 1,
                    sizeof *m->forbidden))
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    m->forbidden[m->n_forbidden++] = (lm_forbidden){v, i};
    return MATCH_OK;
}
