/*
 * Adding an item with all its attributes in one call, and reading an item back.
 *
 * An add_*_attrs() call makes the calls it stands for (add, then each setter), so every rule
 * stays where it is checked today; when one fails, the new item, which nothing can name yet,
 * is dropped again without allocating, so the model is as it was (tag names interned on the
 * way stay in the tag table, which no result lists).
 */
#include <math.h>
#include <stdlib.h>

#include "model_internal.h"

/* ---- Dropping the item just added ---------------------------------------------------------- */

static void free_tags(lm_tagset *set)
{
    free(set->tags);
}

/* Removes the last item of `list` from the list and its id index (the caller frees it). */
#define DROP_LAST(list)                                                                            \
    do {                                                                                           \
        (list).len--;                                                                              \
        lm_strmap_remove(&(list).ids, (list).items[(list).len].id);                                \
    } while (0)

static int drop_unit(match_model *m, int rc)
{
    lm_unit *u = &m->units.items[m->units.len - 1];
    char *id = u->id;
    free(u->name);
    DROP_LAST(m->units);
    free(id);
    return rc;
}

static int drop_volunteer(match_model *m, int rc)
{
    lm_volunteer *v = &m->volunteers.items[m->volunteers.len - 1];
    char *id = v->id;
    free_tags(&v->skills);
    free_tags(&v->slots);
    DROP_LAST(m->volunteers);
    free(id);
    return rc;
}

static int drop_resource(match_model *m, int rc)
{
    lm_resource *r = &m->resources.items[m->resources.len - 1];
    char *id = r->id;
    free_tags(&r->categories);
    DROP_LAST(m->resources);
    free(id);
    return rc;
}

static int drop_need(match_model *m, int rc)
{
    lm_need *n = &m->needs.items[m->needs.len - 1];
    char *id = n->id;
    free(n->requests);
    free_tags(&n->skills);
    free_tags(&n->slots);
    DROP_LAST(m->needs);
    free(id);
    return rc;
}

static int check_args(match_model *m, const void *attrs, unsigned int version)
{
    if (m == NULL)
        return MATCH_EINVAL;
    if (attrs == NULL)
        return lm_fail(m, MATCH_EINVAL, "attributes: NULL");
    if (version != MATCH_ATTRS_VERSION)
        return lm_fail(m, MATCH_EINVAL, "attributes: unknown version %u (expected %d)", version,
                       MATCH_ATTRS_VERSION);
    return MATCH_OK;
}

typedef int (*tag_adder)(match_model *, const char *, const char *);

static int add_tags(match_model *m, const char *id, tag_adder add, const char *const *tags,
                    size_t n)
{
    int rc = MATCH_OK;
    if (n > 0 && tags == NULL)
        return lm_fail(m, MATCH_EINVAL, "attributes: a list of %zu entries is NULL", n);
    for (size_t k = 0; k < n && rc == MATCH_OK; ++k)
        rc = add(m, id, tags[k]);
    return rc;
}

/* ---- Adding -------------------------------------------------------------------------------- */

int match_model_add_community_attrs(match_model *m, const char *id, const match_community_attrs *a)
{
    int rc = check_args(m, a, a != NULL ? a->version : 0);
    if (rc != MATCH_OK)
        return rc;
    return match_model_add_community(m, id, a->name, a->street, a->lat, a->lon);
}

int match_model_add_unit_attrs(match_model *m, const char *id, const match_unit_attrs *a)
{
    int rc = check_args(m, a, a != NULL ? a->version : 0);
    if (rc == MATCH_OK)
        rc = match_model_add_unit(m, id, a->name, a->community);
    if (rc != MATCH_OK)
        return rc;
    if (a->min_projects != MATCH_POLICY_DEFAULT)
        rc = match_model_set_unit_min_projects(m, id, a->min_projects);
    return rc == MATCH_OK ? rc : drop_unit(m, rc);
}

int match_model_add_volunteer_attrs(match_model *m, const char *id, const match_volunteer_attrs *a)
{
    int rc = check_args(m, a, a != NULL ? a->version : 0);
    if (rc == MATCH_OK)
        rc = match_model_add_volunteer(m, id, a->community, a->hours);
    if (rc != MATCH_OK)
        return rc;
    if (a->unit != NULL)
        rc = match_model_set_volunteer_unit(m, id, a->unit);
    if (rc == MATCH_OK && a->located)
        rc = match_model_set_volunteer_location(m, id, a->lat, a->lon);
    if (rc == MATCH_OK && a->min_hours != MATCH_POLICY_DEFAULT)
        rc = match_model_set_volunteer_min_hours(m, id, a->min_hours);
    if (rc == MATCH_OK && a->max_distance_km != MATCH_POLICY_DEFAULT)
        rc = match_model_set_volunteer_max_distance(m, id, a->max_distance_km);
    if (rc == MATCH_OK)
        rc = add_tags(m, id, match_model_add_volunteer_skill, a->skills, a->n_skills);
    if (rc == MATCH_OK)
        rc = add_tags(m, id, match_model_add_volunteer_slot, a->slots, a->n_slots);
    return rc == MATCH_OK ? rc : drop_volunteer(m, rc);
}

int match_model_add_resource_attrs(match_model *m, const char *id, const match_resource_attrs *a)
{
    int rc = check_args(m, a, a != NULL ? a->version : 0);
    if (rc == MATCH_OK)
        rc = match_model_add_resource(m, id, a->unit, a->type, a->amount);
    if (rc != MATCH_OK)
        return rc;
    if (a->located)
        rc = match_model_set_resource_location(m, id, a->lat, a->lon);
    if (rc == MATCH_OK)
        rc = add_tags(m, id, match_model_add_resource_category, a->categories, a->n_categories);
    return rc == MATCH_OK ? rc : drop_resource(m, rc);
}

int match_model_add_need_attrs(match_model *m, const char *id, const match_need_attrs *a)
{
    int rc = check_args(m, a, a != NULL ? a->version : 0);
    if (rc == MATCH_OK)
        rc = match_model_add_need(m, id, a->community, a->category, a->priority);
    if (rc != MATCH_OK)
        return rc;
    rc = match_model_set_need_hours(m, id, a->hours);
    if (rc == MATCH_OK && a->min_volunteers != MATCH_POLICY_DEFAULT)
        rc = match_model_set_need_min_volunteers(m, id, a->min_volunteers);
    if (rc == MATCH_OK && a->max_volunteers != MATCH_UNLIMITED)
        rc = match_model_set_need_max_volunteers(m, id, a->max_volunteers);
    if (rc == MATCH_OK && a->n_resources > 0 && a->resources == NULL)
        rc = lm_fail(m, MATCH_EINVAL, "attributes: a list of %zu entries is NULL", a->n_resources);
    for (size_t k = 0; rc == MATCH_OK && k < a->n_resources; ++k)
        rc = match_model_add_need_resource(m, id, a->resources[k].type, a->resources[k].amount);
    if (rc == MATCH_OK)
        rc = add_tags(m, id, match_model_add_need_skill, a->skills, a->n_skills);
    if (rc == MATCH_OK)
        rc = add_tags(m, id, match_model_add_need_slot, a->slots, a->n_slots);
    if (rc == MATCH_OK)
        rc = match_model_set_need_all_or_nothing(m, id, a->all_or_nothing);
    if (rc == MATCH_OK)
        rc = match_model_set_need_required(m, id, a->required);
    return rc == MATCH_OK ? rc : drop_need(m, rc);
}

/* ---- Reading back -------------------------------------------------------------------------- */

/* Finds the item, or returns the getters' code (they set no message). */
#define FIND_OR_RETURN(index, finder, m, id, out)                                                  \
    do {                                                                                           \
        if ((m) == NULL || (id) == NULL || (out) == NULL)                                          \
            return MATCH_EINVAL;                                                                   \
        (index) = finder((m), (id));                                                               \
        if ((index) == LM_NONE)                                                                    \
            return MATCH_ENOTFOUND;                                                                \
    } while (0)

int match_model_get_community(match_community_attrs *out, const match_model *m, const char *id)
{
    size_t k;
    FIND_OR_RETURN(k, lm_find_community, m, id, out);
    const lm_community *c = &m->communities.items[k];
    *out = (match_community_attrs)MATCH_COMMUNITY_ATTRS_INIT;
    out->name = c->name;
    out->street = c->street;
    out->lat = c->lat;
    out->lon = c->lon;
    return MATCH_OK;
}

int match_model_get_unit(match_unit_attrs *out, const match_model *m, const char *id)
{
    size_t k;
    FIND_OR_RETURN(k, lm_find_unit, m, id, out);
    const lm_unit *u = &m->units.items[k];
    *out = (match_unit_attrs)MATCH_UNIT_ATTRS_INIT;
    out->name = u->name;
    out->community = m->communities.items[u->community].id;
    out->min_projects = u->has_min_projects ? u->min_projects : MATCH_POLICY_DEFAULT;
    return MATCH_OK;
}

int match_model_get_volunteer(match_volunteer_attrs *out, const match_model *m, const char *id)
{
    size_t k;
    FIND_OR_RETURN(k, lm_find_volunteer, m, id, out);
    const lm_volunteer *v = &m->volunteers.items[k];
    *out = (match_volunteer_attrs)MATCH_VOLUNTEER_ATTRS_INIT;
    out->community = m->communities.items[v->community].id;
    out->hours = v->hours;
    out->unit = v->unit != LM_NONE ? m->units.items[v->unit].id : NULL;
    out->located = v->has_location;
    if (v->has_location) {
        out->lat = v->lat;
        out->lon = v->lon;
    }
    out->min_hours = v->has_min_hours ? v->min_hours : MATCH_POLICY_DEFAULT;
    out->max_distance_km = v->has_max_distance ? v->max_distance_km : MATCH_POLICY_DEFAULT;
    out->n_skills = v->skills.len;
    out->n_slots = v->slots.len;
    return MATCH_OK;
}

int match_model_get_resource(match_resource_attrs *out, const match_model *m, const char *id)
{
    size_t k;
    FIND_OR_RETURN(k, lm_find_resource, m, id, out);
    const lm_resource *r = &m->resources.items[k];
    *out = (match_resource_attrs)MATCH_RESOURCE_ATTRS_INIT;
    out->unit = m->units.items[r->unit].id;
    out->type = lm_tag_name(m, r->type);
    out->amount = r->amount;
    out->located = r->has_location;
    if (r->has_location) {
        out->lat = r->lat;
        out->lon = r->lon;
    }
    out->n_categories = r->categories.len;
    return MATCH_OK;
}

int match_model_get_need(match_need_attrs *out, const match_model *m, const char *id)
{
    size_t k;
    FIND_OR_RETURN(k, lm_find_need, m, id, out);
    const lm_need *n = &m->needs.items[k];
    *out = (match_need_attrs)MATCH_NEED_ATTRS_INIT;
    out->community = m->communities.items[n->community].id;
    out->category = lm_tag_name(m, n->category);
    out->priority = n->priority;
    out->hours = n->hours;
    out->min_volunteers = n->has_min_volunteers ? n->min_volunteers : MATCH_POLICY_DEFAULT;
    out->max_volunteers = n->has_max_volunteers ? n->max_volunteers : MATCH_UNLIMITED;
    out->all_or_nothing = n->all_or_nothing;
    out->required = n->required;
    out->n_resources = n->n_requests;
    out->n_skills = n->skills.len;
    out->n_slots = n->slots.len;
    return MATCH_OK;
}

static const char *tag_at(const match_model *m, const lm_tagset *set, size_t k)
{
    return k < set->len ? lm_tag_name(m, set->tags[k]) : NULL;
}

#define ITEM_OR_NULL(m, list, finder, id)                                                          \
    ((m) != NULL && (id) != NULL && finder((m), (id)) != LM_NONE                                   \
         ? &(m)->list.items[finder((m), (id))]                                                     \
         : NULL)

const char *match_model_volunteer_skill(const match_model *m, const char *id, size_t k)
{
    const lm_volunteer *v = ITEM_OR_NULL(m, volunteers, lm_find_volunteer, id);
    return v != NULL ? tag_at(m, &v->skills, k) : NULL;
}

const char *match_model_volunteer_slot(const match_model *m, const char *id, size_t k)
{
    const lm_volunteer *v = ITEM_OR_NULL(m, volunteers, lm_find_volunteer, id);
    return v != NULL ? tag_at(m, &v->slots, k) : NULL;
}

const char *match_model_resource_category(const match_model *m, const char *id, size_t k)
{
    const lm_resource *r = ITEM_OR_NULL(m, resources, lm_find_resource, id);
    return r != NULL ? tag_at(m, &r->categories, k) : NULL;
}

const char *match_model_need_skill(const match_model *m, const char *id, size_t k)
{
    const lm_need *n = ITEM_OR_NULL(m, needs, lm_find_need, id);
    return n != NULL ? tag_at(m, &n->skills, k) : NULL;
}

const char *match_model_need_slot(const match_model *m, const char *id, size_t k)
{
    const lm_need *n = ITEM_OR_NULL(m, needs, lm_find_need, id);
    return n != NULL ? tag_at(m, &n->slots, k) : NULL;
}

const char *match_model_need_resource_type(const match_model *m, const char *id, size_t k)
{
    const lm_need *n = ITEM_OR_NULL(m, needs, lm_find_need, id);
    return n != NULL && k < n->n_requests ? lm_tag_name(m, n->requests[k].type) : NULL;
}

double match_model_need_resource_amount(const match_model *m, const char *id, size_t k)
{
    const lm_need *n = ITEM_OR_NULL(m, needs, lm_find_need, id);
    return n != NULL && k < n->n_requests ? n->requests[k].amount : NAN;
}

/* ---- Pairs and the plan in force ----------------------------------------------------------- */

size_t match_model_fixed_count(const match_model *m)
{
    return m != NULL ? m->n_fixed : 0;
}

size_t match_model_forbidden_count(const match_model *m)
{
    return m != NULL ? m->n_forbidden : 0;
}

size_t match_model_previous_count(const match_model *m)
{
    return m != NULL ? m->n_previous : 0;
}

/* Sets the ids of pair (v, i) where asked. */
static void pair_ids(const match_model *m, size_t v, size_t i, const char **vid, const char **nid)
{
    if (vid != NULL)
        *vid = m->volunteers.items[v].id;
    if (nid != NULL)
        *nid = m->needs.items[i].id;
}

int match_model_get_fixed(const char **vid, const char **nid, double *hours, const match_model *m,
                          size_t k)
{
    if (m == NULL || k >= m->n_fixed)
        return MATCH_EINVAL;
    pair_ids(m, m->fixed[k].volunteer, m->fixed[k].need, vid, nid);
    if (hours != NULL)
        *hours = m->fixed[k].hours;
    return MATCH_OK;
}

int match_model_get_forbidden(const char **vid, const char **nid, const match_model *m, size_t k)
{
    if (m == NULL || k >= m->n_forbidden)
        return MATCH_EINVAL;
    pair_ids(m, m->forbidden[k].volunteer, m->forbidden[k].need, vid, nid);
    return MATCH_OK;
}

int match_model_get_listed(const char **vid, const char **nid, double *value, double *hours,
                           const match_model *m, size_t k)
{
    if (m == NULL || k >= m->n_listed)
        return MATCH_EINVAL;
    pair_ids(m, m->listed[k].volunteer, m->listed[k].need, vid, nid);
    if (value != NULL)
        *value = m->listed[k].value;
    if (hours != NULL)
        *hours = m->listed[k].hours;
    return MATCH_OK;
}

int match_model_get_previous(const char **vid, const char **nid, double *hours,
                             const match_model *m, size_t k)
{
    if (m == NULL || k >= m->n_previous)
        return MATCH_EINVAL;
    pair_ids(m, m->previous[k].volunteer, m->previous[k].need, vid, nid);
    if (hours != NULL)
        *hours = m->previous[k].hours;
    return MATCH_OK;
}
