/*
 * Writes a model as a scenario file ("libmatch-scenario-1", docs/model.md) that reads back
 * into an equal model: every item in the model's order with the attributes it sets itself
 * (unset ones are left out, so the policy still decides them), the whole policy, the pairs,
 * and the plan in force inline.
 *
 * Numbers are written exactly: whole numbers as integers, the others with the fewest
 * significant digits that read back to the same double, all with one precision per file
 * (the most any of its numbers needs). So read -> write -> read -> write gives the same
 * bytes twice.
 */
#include "libmatch/io.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../common/file_replace.h"
#include "../common/pairmap.h"
#include "../model/model_internal.h"

#define SCENARIO_FORMAT "libmatch-scenario-1"
#define PREVIOUS_FORMAT "libmatch-plan-1"

/* A document being built: the first failure sticks (later calls do nothing). */
typedef struct writer {
    const match_model *m;
    int rc;
    int digits; /* the most significant digits a real of the file needs */
} writer;

/* The fewest significant digits (1..17) that give v back. */
static int digits_for(double v)
{
    char text[40];
    for (int p = 1; p < 17; ++p) {
        snprintf(text, sizeof text, "%.*g", p, v);
        if (strtod(text, NULL) == v)
            return p;
    }
    return 17;
}

static json_t *number(writer *w, double v)
{
    if (v == floor(v) && fabs(v) < 9007199254740992.0) /* 2^53: exact as an integer */
        return json_integer((json_int_t)v);
    int p = digits_for(v);
    if (p > w->digits)
        w->digits = p;
    return json_real(v);
}

/* Sets key of obj to value (stolen); records a failure (NULL value: out of memory or not
 * UTF-8). */
static void put(writer *w, json_t *obj, const char *key, json_t *value)
{
    if (w->rc != MATCH_OK) {
        json_decref(value);
        return;
    }
    if (value == NULL || obj == NULL || json_object_set_new(obj, key, value) != 0)
        w->rc = MATCH_ENOMEM;
}

static void append(writer *w, json_t *array, json_t *value)
{
    if (w->rc != MATCH_OK) {
        json_decref(value);
        return;
    }
    if (value == NULL || array == NULL || json_array_append_new(array, value) != 0)
        w->rc = MATCH_ENOMEM;
}

static json_t *text(writer *w, const char *s)
{
    json_t *value = json_string(s);
    if (value == NULL && w->rc == MATCH_OK)
        w->rc = MATCH_EINVAL; /* not valid UTF-8 (or no memory) */
    return value;
}

static void put_tags(writer *w, json_t *obj, const char *key, const lm_tagset *set)
{
    if (set->len == 0)
        return;
    json_t *list = json_array();
    for (size_t k = 0; k < set->len; ++k)
        append(w, list, text(w, lm_tag_name(w->m, set->tags[k])));
    put(w, obj, key, list);
}

static void put_location(writer *w, json_t *obj, bool located, double lat, double lon)
{
    if (!located)
        return;
    put(w, obj, "lat", number(w, lat));
    put(w, obj, "lon", number(w, lon));
}

static json_t *policy(writer *w)
{
    const lm_policy *p = &w->m->policy;
    json_t *obj = json_object();
    put(w, obj, "max_distance_km", number(w, p->max_distance_km));
    json_t *weights = json_array();
    for (int k = 0; k < LM_PRIORITY_LEVELS; ++k)
        append(w, weights, number(w, p->priority_weights[k]));
    put(w, obj, "priority_weights", weights);
    put(w, obj, "distance_cost", number(w, p->distance_cost));
    put(w, obj, "volunteer_min_hours", number(w, p->volunteer_min_hours));
    put(w, obj, "volunteer_shortfall_penalty", number(w, p->volunteer_shortfall_penalty));
    put(w, obj, "unit_min_projects", number(w, p->unit_min_projects));
    put(w, obj, "unit_shortfall_penalty", number(w, p->unit_shortfall_penalty));
    put(w, obj, "change_penalty", number(w, p->change_penalty));
    for (size_t k = 0; match_policy_option_name(k) != NULL; ++k) {
        const char *field = match_policy_option_name(k), *word = NULL;
        match_model_get_policy_option(w->m, field, &word);
        put(w, obj, field, text(w, word));
    }
    return obj;
}

static json_t *communities(writer *w)
{
    json_t *list = json_array();
    for (size_t k = 0; k < w->m->communities.len; ++k) {
        const lm_community *c = &w->m->communities.items[k];
        json_t *obj = json_object();
        put(w, obj, "id", text(w, c->id));
        if (c->name != NULL)
            put(w, obj, "name", text(w, c->name));
        if (c->street != NULL)
            put(w, obj, "street", text(w, c->street));
        put_location(w, obj, true, c->lat, c->lon);
        append(w, list, obj);
    }
    return list;
}

static json_t *units(writer *w)
{
    json_t *list = json_array();
    for (size_t k = 0; k < w->m->units.len; ++k) {
        const lm_unit *u = &w->m->units.items[k];
        json_t *obj = json_object();
        put(w, obj, "id", text(w, u->id));
        if (u->name != NULL)
            put(w, obj, "name", text(w, u->name));
        put(w, obj, "community", text(w, w->m->communities.items[u->community].id));
        if (u->has_min_projects)
            put(w, obj, "min_projects", number(w, u->min_projects));
        append(w, list, obj);
    }
    return list;
}

static json_t *volunteers(writer *w)
{
    const match_model *m = w->m;
    json_t *list = json_array();
    for (size_t k = 0; k < m->volunteers.len; ++k) {
        const lm_volunteer *v = &m->volunteers.items[k];
        json_t *obj = json_object();
        put(w, obj, "id", text(w, v->id));
        put(w, obj, "community", text(w, m->communities.items[v->community].id));
        if (v->unit != LM_NONE)
            put(w, obj, "unit", text(w, m->units.items[v->unit].id));
        put_location(w, obj, v->has_location, v->lat, v->lon);
        put(w, obj, "hours", number(w, v->hours));
        if (v->has_min_hours)
            put(w, obj, "min_hours", number(w, v->min_hours));
        if (v->has_max_distance)
            put(w, obj, "max_distance_km", number(w, v->max_distance_km));
        put_tags(w, obj, "skills", &v->skills);
        put_tags(w, obj, "slots", &v->slots);
        append(w, list, obj);
    }
    return list;
}

static json_t *resources(writer *w)
{
    const match_model *m = w->m;
    json_t *list = json_array();
    for (size_t k = 0; k < m->resources.len; ++k) {
        const lm_resource *r = &m->resources.items[k];
        json_t *obj = json_object();
        put(w, obj, "id", text(w, r->id));
        put(w, obj, "unit", text(w, m->units.items[r->unit].id));
        put(w, obj, "type", text(w, lm_tag_name(m, r->type)));
        put(w, obj, "amount", number(w, r->amount));
        put_location(w, obj, r->has_location, r->lat, r->lon);
        put_tags(w, obj, "categories", &r->categories);
        append(w, list, obj);
    }
    return list;
}

static json_t *needs(writer *w)
{
    const match_model *m = w->m;
    json_t *list = json_array();
    for (size_t k = 0; k < m->needs.len; ++k) {
        const lm_need *n = &m->needs.items[k];
        json_t *obj = json_object();
        put(w, obj, "id", text(w, n->id));
        put(w, obj, "community", text(w, m->communities.items[n->community].id));
        put(w, obj, "category", text(w, lm_tag_name(m, n->category)));
        put(w, obj, "priority", number(w, n->priority));
        put(w, obj, "hours", number(w, n->hours));
        if (n->has_min_volunteers)
            put(w, obj, "min_volunteers", number(w, n->min_volunteers));
        if (n->has_max_volunteers)
            put(w, obj, "max_volunteers", number(w, n->max_volunteers));
        if (n->all_or_nothing)
            put(w, obj, "all_or_nothing", json_true());
        if (n->required)
            put(w, obj, "required", json_true());
        if (n->n_requests > 0) {
            json_t *asks = json_array();
            for (size_t r = 0; r < n->n_requests; ++r) {
                json_t *ask = json_object();
                put(w, ask, "type", text(w, lm_tag_name(m, n->requests[r].type)));
                put(w, ask, "amount", number(w, n->requests[r].amount));
                append(w, asks, ask);
            }
            put(w, obj, "resources", asks);
        }
        put_tags(w, obj, "skills", &n->skills);
        put_tags(w, obj, "slots", &n->slots);
        append(w, list, obj);
    }
    return list;
}

static json_t *pair(writer *w, size_t v, size_t i)
{
    json_t *obj = json_object();
    put(w, obj, "volunteer", text(w, w->m->volunteers.items[v].id));
    put(w, obj, "need", text(w, w->m->needs.items[i].id));
    return obj;
}

static json_t *pairs(writer *w)
{
    json_t *lists = json_object();
    const match_model *m = w->m;
    json_t *fixed = json_array(), *forbidden = json_array(), *listed = json_array();
    for (size_t k = 0; k < m->n_fixed; ++k) {
        json_t *obj = pair(w, m->fixed[k].volunteer, m->fixed[k].need);
        put(w, obj, "hours", number(w, m->fixed[k].hours));
        append(w, fixed, obj);
    }
    for (size_t k = 0; k < m->n_forbidden; ++k)
        append(w, forbidden, pair(w, m->forbidden[k].volunteer, m->forbidden[k].need));
    for (size_t k = 0; k < m->n_listed; ++k) {
        json_t *obj = pair(w, m->listed[k].volunteer, m->listed[k].need);
        put(w, obj, "value", number(w, m->listed[k].value));
        put(w, obj, "hours", number(w, m->listed[k].hours));
        append(w, listed, obj);
    }
    put(w, lists, "fixed", fixed);
    put(w, lists, "forbidden", forbidden);
    put(w, lists, "pairs", listed);
    return lists;
}

/* The plan in force as a plan object: per need (in model order) its volunteers, in the order
 * their pairs first appear, with each pair's latest hours; pairs of 0 hours are left out. */
static json_t *previous_plan(writer *w)
{
    const match_model *m = w->m;
    size_t n = m->n_previous, n_needs = m->needs.len;
    lm_pairmap first = {0};                       /* pair -> index of its first entry */
    double *hours = calloc(n + 1, sizeof *hours); /* at a first entry: the pair's latest hours */
    size_t *start = calloc(n_needs + 2, sizeof *start);
    size_t *order = calloc(n + 1, sizeof *order);
    if (hours == NULL || start == NULL || order == NULL)
        w->rc = MATCH_ENOMEM;
    for (size_t k = 0; w->rc == MATCH_OK && k < n; ++k) {
        const lm_previous *e = &m->previous[k];
        size_t at;
        if (lm_pairmap_get(&first, e->volunteer, e->need, &at)) {
            hours[at] = e->hours;
            hours[k] = -1; /* not a first entry */
        } else if (lm_pairmap_put(&first, e->volunteer, e->need, k)) {
            hours[k] = e->hours;
            start[e->need + 2]++;
        } else {
            w->rc = MATCH_ENOMEM;
        }
    }
    /* The first entries grouped by need, in entry order (a counting sort). */
    for (size_t i = 0; w->rc == MATCH_OK && i < n_needs; ++i)
        start[i + 2] += start[i + 1];
    for (size_t k = 0; w->rc == MATCH_OK && k < n; ++k)
        if (hours[k] >= 0)
            order[start[m->previous[k].need + 1]++] = k;
    json_t *plan = json_object();
    put(w, plan, "format", text(w, PREVIOUS_FORMAT));
    json_t *list = json_array();
    for (size_t i = 0, pos = 0; w->rc == MATCH_OK && i < n_needs; ++i) {
        json_t *shares = NULL;
        for (; pos < start[i + 1]; ++pos) {
            size_t k = order[pos];
            if (hours[k] <= 0)
                continue;
            if (shares == NULL)
                shares = json_array();
            json_t *share = json_object();
            put(w, share, "id", text(w, m->volunteers.items[m->previous[k].volunteer].id));
            put(w, share, "hours", number(w, hours[k]));
            append(w, shares, share);
        }
        if (shares == NULL)
            continue;
        json_t *need = json_object();
        put(w, need, "id", text(w, m->needs.items[i].id));
        put(w, need, "volunteers", shares);
        append(w, list, need);
    }
    put(w, plan, "needs", list);
    lm_pairmap_free(&first);
    free(hours);
    free(start);
    free(order);
    return plan;
}

/* The scenario file's text with its final newline, malloc'ed. */
static int render(match_model *m, char **out)
{
    writer w = {m, MATCH_OK, 1};
    json_t *root = json_object();
    put(&w, root, "format", text(&w, SCENARIO_FORMAT));
    if (m->name != NULL)
        put(&w, root, "name", text(&w, m->name));
    put(&w, root, "policy", policy(&w));
    put(&w, root, "communities", communities(&w));
    put(&w, root, "units", units(&w));
    put(&w, root, "volunteers", volunteers(&w));
    put(&w, root, "resources", resources(&w));
    put(&w, root, "needs", needs(&w));
    json_t *lists = pairs(&w);
    const char *key;
    json_t *value;
    json_object_foreach(lists, key, value) put(&w, root, key, json_incref(value));
    json_decref(lists);
    if (m->has_previous)
        put(&w, root, "previous_plan", previous_plan(&w));
    char *buf = NULL;
    if (w.rc == MATCH_OK) {
        size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(w.digits);
        size_t n = json_dumpb(root, NULL, 0, flags);
        buf = n > 0 ? malloc(n + 2) : NULL;
        if (buf == NULL || json_dumpb(root, buf, n, flags) != n) {
            w.rc = MATCH_ENOMEM;
        } else {
            buf[n] = '\n';
            buf[n + 1] = '\0';
        }
    }
    json_decref(root);
    if (w.rc != MATCH_OK) {
        free(buf);
        return w.rc == MATCH_EINVAL
                   ? lm_fail(m, MATCH_EINVAL,
                             "scenario: the model holds text that is not valid "
                             "UTF-8")
                   : lm_fail(m, MATCH_ENOMEM, "out of memory while writing the scenario");
    }
    *out = buf;
    return MATCH_OK;
}

int match_model_to_json(char **out, match_model *model)
{
    if (out != NULL)
        *out = NULL;
    if (model == NULL)
        return MATCH_EINVAL;
    if (out == NULL)
        return lm_fail(model, MATCH_EINVAL, "match_model_to_json: out is NULL");
    return render(model, out);
}

static int write_text(FILE *f, const char *tmp_path, void *payload, char *errmsg)
{
    (void)tmp_path;
    (void)errmsg; /* MATCH_EIO with no message: the helper names errno */
    const char *t = payload;
    size_t len = strlen(t);
    return fwrite(t, 1, len, f) == len ? MATCH_OK : MATCH_EIO;
}

int match_model_write_json(match_model *model, const char *path)
{
    if (model == NULL)
        return MATCH_EINVAL;
    if (path == NULL)
        return lm_fail(model, MATCH_EINVAL, "match_model_write_json: path is NULL");
    char *t = NULL;
    int rc = render(model, &t);
    if (rc != MATCH_OK)
        return rc;
    char errmsg[LM_ERRMSG_SIZE];
    rc = lm_file_replace(path, "scenario", write_text, t, errmsg);
    free(t);
    return rc == MATCH_OK ? MATCH_OK : lm_fail(model, rc, "%s", errmsg);
}
