/* Model life cycle: create, destroy, copy, name, policy and error messages. */
#include "limits.h"
#include "model_internal.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lm_policy_default(lm_policy *policy)
{
    static const double weights[LM_PRIORITY_LEVELS] = {1, 2, 4, 8, 16};
    policy->objective = LM_OBJECTIVE_WEIGHTED;
    policy->eligibility = LM_ELIGIBILITY_COMPUTED;
    policy->change_penalty = 0.0;
    policy->max_distance_km = 3.0;
    memcpy(policy->priority_weights, weights, sizeof weights);
    policy->distance_cost = 0.001;
    policy->volunteer_min_hours = 0.0;
    policy->volunteer_shortfall_penalty = 0.01;
    policy->unit_min_projects = 0;
    policy->unit_shortfall_penalty = 1.0;
    policy->volunteer_min_services = 0.0;
    policy->points_per_hour = 0.0;
    policy->points_per_project = 0.0;
}

void lm_copy_text(char *buf, size_t size, const char *s)
{
    if (s == NULL)
        s = "";
    size_t n = strlen(s);
    if (n >= size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
}

int lm_fail(match_model *m, int code, const char *fmt, ...)
{
    match_error_detail *e = &m->error;
    if (!m->error_at) {
        e->kind = MATCH_KIND_NONE;
        e->item[0] = e->need[0] = e->field[0] = '\0';
    }
    m->error_at = false;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return code;
}

match_model *lm_at(match_model *m, match_item_kind kind, const char *id, const char *field)
{
    match_error_detail *e = &m->error;
    e->kind = kind;
    lm_copy_text(e->item, sizeof e->item, id);
    e->need[0] = '\0';
    lm_copy_text(e->field, sizeof e->field, field);
    m->error_at = true;
    return m;
}

match_model *lm_at_named(match_model *m, const char *kind, const char *id, const char *field)
{
    for (int k = MATCH_KIND_COMMUNITY; k <= MATCH_KIND_NEED; ++k)
        if (kind != NULL && strcmp(kind, match_item_kind_name((match_item_kind)k)) == 0)
            return lm_at(m, (match_item_kind)k, id, field);
    return lm_at(m, MATCH_KIND_NONE, id, field);
}

match_model *lm_at_pair(match_model *m, const char *volunteer_id, const char *need_id,
                        const char *field)
{
    lm_at(m, MATCH_KIND_PAIR, volunteer_id, field);
    lm_copy_text(m->error.need, sizeof m->error.need, need_id);
    return m;
}

int lm_fail_detail(match_model *m, const match_error_detail *detail)
{
    m->error = *detail;
    m->error_at = false;
    return detail->code;
}

int match_model_create(match_model **out)
{
    if (out == NULL)
        return MATCH_EINVAL;
    match_model *m = calloc(1, sizeof *m);
    *out = m;
    if (m == NULL)
        return MATCH_ENOMEM;
    lm_policy_default(&m->policy);
    m->error.kind = MATCH_KIND_NONE;
    return MATCH_OK;
}

static void free_tagset(lm_tagset *set)
{
    free(set->tags);
}

void match_model_destroy(match_model *m)
{
    if (m == NULL)
        return;
    lm_removed_free(m);
    for (size_t i = 0; i < m->communities.len; ++i) {
        free(m->communities.items[i].id);
        free(m->communities.items[i].name);
        free(m->communities.items[i].street);
    }
    for (size_t i = 0; i < m->units.len; ++i) {
        free(m->units.items[i].id);
        free(m->units.items[i].name);
    }
    for (size_t i = 0; i < m->volunteers.len; ++i) {
        free(m->volunteers.items[i].id);
        free(m->volunteers.items[i].name);
        free_tagset(&m->volunteers.items[i].skills);
        free_tagset(&m->volunteers.items[i].slots);
    }
    for (size_t i = 0; i < m->resources.len; ++i) {
        free(m->resources.items[i].id);
        free(m->resources.items[i].name);
        free_tagset(&m->resources.items[i].categories);
    }
    for (size_t i = 0; i < m->needs.len; ++i) {
        free(m->needs.items[i].id);
        free(m->needs.items[i].name);
        free(m->needs.items[i].requests);
        free_tagset(&m->needs.items[i].skills);
        free_tagset(&m->needs.items[i].slots);
    }
    free(m->communities.items);
    free(m->units.items);
    free(m->volunteers.items);
    free(m->resources.items);
    free(m->needs.items);
    lm_strmap_free(&m->communities.ids);
    lm_strmap_free(&m->units.ids);
    lm_strmap_free(&m->volunteers.ids);
    lm_strmap_free(&m->resources.ids);
    lm_strmap_free(&m->needs.ids);
    for (size_t i = 0; i < m->n_tags; ++i)
        free(m->tags[i]);
    free(m->tags);
    lm_strmap_free(&m->tag_ids);
    free(m->fixed);
    free(m->forbidden);
    free(m->listed);
    lm_pairmap_free(&m->listed_index);
    free(m->previous);
    free(m->name);
    free(m);
}

const char *match_model_errmsg(const match_model *m)
{
    return m == NULL ? "no model" : m->error.message;
}

const match_error_detail *match_model_error(const match_model *m)
{
    static const match_error_detail none = {MATCH_EINVAL, MATCH_KIND_NONE, "", "", "", "no model"};
    return m == NULL ? &none : &m->error;
}

int match_model_set_name(match_model *m, const char *name)
{
    if (m == NULL || name == NULL)
        return m == NULL ? MATCH_EINVAL : lm_fail(m, MATCH_EINVAL, "name: NULL");
    char *copy = lm_strdup(name);
    if (copy == NULL)
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    free(m->name);
    m->name = copy;
    return MATCH_OK;
}

const char *match_model_name(const match_model *m)
{
    return m == NULL || m->name == NULL ? "" : m->name;
}

/* ---- Policy ---------------------------------------------------------------------------- */

/* The numeric policy fields, in the order the scenario format lists them; one table for
 * setting, getting and naming them. unit_min_projects is an int and has no offset. */
#define LM_NO_OFFSET ((size_t)-1)
static const struct {
    const char *name;
    size_t offset;
} policy_fields[] = {
    {"max_distance_km", offsetof(lm_policy, max_distance_km)},
    {"distance_cost", offsetof(lm_policy, distance_cost)},
    {"volunteer_min_hours", offsetof(lm_policy, volunteer_min_hours)},
    {"volunteer_shortfall_penalty", offsetof(lm_policy, volunteer_shortfall_penalty)},
    {"unit_min_projects", LM_NO_OFFSET},
    {"unit_shortfall_penalty", offsetof(lm_policy, unit_shortfall_penalty)},
    {"change_penalty", offsetof(lm_policy, change_penalty)},
    {"volunteer_min_services", offsetof(lm_policy, volunteer_min_services)},
    {"points_per_hour", offsetof(lm_policy, points_per_hour)},
    {"points_per_project", offsetof(lm_policy, points_per_project)},
};

static double *policy_field(lm_policy *p, const char *field)
{
    for (size_t k = 0; k < sizeof policy_fields / sizeof policy_fields[0]; ++k)
        if (policy_fields[k].offset != LM_NO_OFFSET && strcmp(field, policy_fields[k].name) == 0)
            return (double *)((char *)p + policy_fields[k].offset);
    return NULL;
}

int match_model_set_policy(match_model *m, const char *field, double value)
{
    if (m == NULL)
        return MATCH_EINVAL;
    if (field == NULL)
        return lm_fail(m, MATCH_EINVAL, "policy: field name is NULL");
    bool is_count = strcmp(field, "unit_min_projects") == 0;
    double *slot = policy_field(&m->policy, field);
    if (slot == NULL && !is_count)
        return lm_fail(m, MATCH_EINVAL, "policy: unknown field \"%s\"", field);
    if (!isfinite(value) || value < 0)
        return lm_fail(m, MATCH_EINPUT, "policy: field \"%s\": must be a finite number >= 0",
                       field);
    if (value > lm_field_max(field))
        return lm_fail(m, MATCH_EINPUT,
                       "policy: field \"%s\": must be within 0..%g (the supported range), got %g",
                       field, lm_field_max(field), value);
    if (is_count || strcmp(field, "volunteer_min_services") == 0) {
        if (value != floor(value) || value > 1e9)
            return lm_fail(m, MATCH_EINPUT, "policy: field \"%s\": must be a whole number", field);
    }
    if (is_count)
        m->policy.unit_min_projects = (int)value;
    else
        *slot = value;
    return MATCH_OK;
}

int match_model_get_policy(const match_model *m, const char *field, double *out)
{
    if (m == NULL || field == NULL || out == NULL)
        return MATCH_EINVAL;
    if (strcmp(field, "unit_min_projects") == 0) {
        *out = m->policy.unit_min_projects;
        return MATCH_OK;
    }
    double *slot = policy_field((lm_policy *)&m->policy, field);
    if (slot == NULL)
        return MATCH_EINVAL;
    *out = *slot;
    return MATCH_OK;
}

/* The words a policy option may take, in enum order, NULL-terminated. */
static const char *const objective_words[] = {"weighted", "lexicographic", NULL};
static const char *const eligibility_words[] = {"computed", "pairs_only", NULL};

/* The words of an option field and where its value lives, or NULL for an unknown field. */
static const char *const *policy_option(lm_policy *p, const char *field, int **value)
{
    if (strcmp(field, "objective") == 0) {
        *value = (int *)&p->objective;
        return objective_words;
    }
    if (strcmp(field, "eligibility") == 0) {
        *value = (int *)&p->eligibility;
        return eligibility_words;
    }
    return NULL;
}

const char *match_policy_field_name(size_t index)
{
    return index < sizeof policy_fields / sizeof policy_fields[0] ? policy_fields[index].name
                                                                  : NULL;
}

const char *match_policy_option_name(size_t index)
{
    static const char *const names[] = {"objective", "eligibility"};
    return index < sizeof names / sizeof names[0] ? names[index] : NULL;
}

const char *match_policy_option_word(const char *field, size_t index)
{
    lm_policy unused;
    int *value;
    const char *const *words = field != NULL ? policy_option(&unused, field, &value) : NULL;
    for (size_t k = 0; words != NULL && words[k] != NULL; ++k)
        if (k == index)
            return words[k];
    return NULL;
}

int match_model_set_policy_option(match_model *m, const char *field, const char *value)
{
    if (m == NULL)
        return MATCH_EINVAL;
    if (field == NULL || value == NULL)
        return lm_fail(m, MATCH_EINVAL, "policy: %s is NULL", field == NULL ? "field" : field);
    int *slot;
    const char *const *words = policy_option(&m->policy, field, &slot);
    if (words == NULL)
        return lm_fail(m, MATCH_EINVAL, "policy: unknown option \"%s\"", field);
    for (int k = 0; words[k] != NULL; ++k) {
        if (strcmp(words[k], value) == 0) {
            *slot = k;
            return MATCH_OK;
        }
    }
    return lm_fail(m, MATCH_EINPUT, "policy: field \"%s\": \"%s\" is not one of \"%s\", \"%s\"",
                   field, value, words[0], words[1]);
}

int match_model_get_policy_option(const match_model *m, const char *field, const char **out)
{
    if (m == NULL || field == NULL || out == NULL)
        return MATCH_EINVAL;
    int *slot;
    const char *const *words = policy_option((lm_policy *)&m->policy, field, &slot);
    if (words == NULL)
        return MATCH_EINVAL;
    *out = words[*slot];
    return MATCH_OK;
}

int match_model_set_priority_weights(match_model *m, const double *weights, size_t count)
{
    if (m == NULL)
        return MATCH_EINVAL;
    if (weights == NULL || count != LM_PRIORITY_LEVELS)
        return lm_fail(m, MATCH_EINVAL,
                       "policy: field \"priority_weights\": expected %d values, got %zu",
                       LM_PRIORITY_LEVELS, weights == NULL ? (size_t)0 : count);
    for (size_t i = 0; i < count; ++i)
        if (!isfinite(weights[i]) || weights[i] < 0)
            return lm_fail(m, MATCH_EINPUT,
                           "policy: field \"priority_weights\": value %zu must be a finite "
                           "number >= 0",
                           i + 1);
    for (size_t i = 0; i < count; ++i)
        if (weights[i] > LM_MAX_PRICE)
            return lm_fail(m, MATCH_EINPUT,
                           "policy: field \"priority_weights\": value %zu must be within 0..%g "
                           "(the supported range), got %g",
                           i + 1, LM_MAX_PRICE, weights[i]);
    memcpy(m->policy.priority_weights, weights, sizeof m->policy.priority_weights);
    return MATCH_OK;
}

int match_model_get_priority_weight(const match_model *m, int priority, double *out)
{
    if (m == NULL || out == NULL || priority < 1 || priority > LM_PRIORITY_LEVELS)
        return MATCH_EINVAL;
    *out = m->policy.priority_weights[priority - 1];
    return MATCH_OK;
}

/* ---- Effective values ------------------------------------------------------------------ */

double lm_volunteer_lat(const match_model *m, const lm_volunteer *v)
{
    return v->has_location ? v->lat : m->communities.items[v->community].lat;
}

double lm_volunteer_lon(const match_model *m, const lm_volunteer *v)
{
    return v->has_location ? v->lon : m->communities.items[v->community].lon;
}

double lm_volunteer_min_hours(const match_model *m, const lm_volunteer *v)
{
    return v->has_min_hours ? v->min_hours : m->policy.volunteer_min_hours;
}

double lm_volunteer_max_distance(const match_model *m, const lm_volunteer *v)
{
    return v->has_max_distance ? v->max_distance_km : m->policy.max_distance_km;
}

double lm_resource_lat(const match_model *m, const lm_resource *r)
{
    if (r->has_location)
        return r->lat;
    return m->communities.items[m->units.items[r->unit].community].lat;
}

double lm_resource_lon(const match_model *m, const lm_resource *r)
{
    if (r->has_location)
        return r->lon;
    return m->communities.items[m->units.items[r->unit].community].lon;
}

int lm_unit_min_projects(const match_model *m, const lm_unit *u)
{
    return u->has_min_projects ? u->min_projects : m->policy.unit_min_projects;
}

int lm_need_min_volunteers(const lm_need *n)
{
    if (n->has_min_volunteers)
        return n->min_volunteers;
    /* A listed pair is a volunteer offered to the need, so a need with listed pairs asks
     * for at least one of them even without hours (docs/model.md, "Listed pairs"). */
    return n->hours > 0 || n->n_listed > 0 ? 1 : 0;
}

size_t lm_need_request_of_type(const lm_need *n, size_t type)
{
    for (size_t k = 0; k < n->n_requests; ++k)
        if (n->requests[k].type == type)
            return k;
    return LM_NONE;
}

double lm_need_request_amount(const lm_need *n, size_t type)
{
    size_t k = lm_need_request_of_type(n, type);
    return k != LM_NONE ? n->requests[k].amount : 0.0;
}

bool lm_tagset_contains(const lm_tagset *set, size_t tag)
{
    size_t lo = 0, hi = set->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (set->tags[mid] == tag)
            return true;
        if (set->tags[mid] < tag)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

bool lm_tagset_intersects(const lm_tagset *a, const lm_tagset *b)
{
    size_t i = 0, j = 0;
    while (i < a->len && j < b->len) {
        if (a->tags[i] == b->tags[j])
            return true;
        if (a->tags[i] < b->tags[j])
            ++i;
        else
            ++j;
    }
    return false;
}

const char *lm_tag_name(const match_model *m, size_t tag)
{
    return tag < m->n_tags ? m->tags[tag] : "";
}
