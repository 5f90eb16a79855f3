/*
 * The indicators of an evaluation (docs/evaluate.md): coverage by priority, street,
 * community and category; hours given and received; distance per volunteer-hour; members
 * and units meeting their obligations; fairness of the load; service points. All are counted
 * from the plan the builder made from the evaluated plan (rec) and the tally behind it.
 */
#include "evaluate_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/json_number.h"

static void *zalloc(size_t n, size_t size)
{
    return calloc(n > 0 ? n : 1, size);
}

/* A json_object_set_new that remembers failure. */
static void put(json_t *obj, const char *key, json_t *value, int *bad)
{
    if (value == NULL || json_object_set_new(obj, key, value) != 0)
        *bad = 1;
}

static void put_num(json_t *obj, const char *key, double v, int *bad)
{
    put(obj, key, lm_json_number(v), bad);
}

static json_t *string_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

/* ---- Groups of needs ------------------------------------------------------------------- */

typedef struct group_acc {
    size_t needs, covered, partial;
    double coverage, hours_asked, hours_received, value, max_value;
} group_acc;

static void acc_add(group_acc *g, const lm_policy *policy, const lm_need *n, double c, double h)
{
    g->needs++;
    g->covered += c >= 1.0;
    g->partial += c > 0.0 && c < 1.0;
    g->coverage += c;
    g->hours_asked += n->hours;
    g->hours_received += h;
    double w = policy->priority_weights[n->priority - 1];
    g->value += w * c;
    g->max_value += w;
}

static json_t *acc_json(const group_acc *g, int *bad)
{
    json_t *o = json_object();
    if (o == NULL) {
        *bad = 1;
        return NULL;
    }
    put(o, "needs", json_integer((json_int_t)g->needs), bad);
    put(o, "covered", json_integer((json_int_t)g->covered), bad);
    put(o, "partial", json_integer((json_int_t)g->partial), bad);
    put(o, "unmet", json_integer((json_int_t)(g->needs - g->covered - g->partial)), bad);
    put_num(o, "coverage_mean", g->needs > 0 ? g->coverage / (double)g->needs : NAN, bad);
    put_num(o, "hours_asked", g->hours_asked, bad);
    put_num(o, "hours_received", g->hours_received, bad);
    put_num(o, "value", g->value, bad);
    put_num(o, "max_value", g->max_value, bad);
    put_num(o, "value_share", g->max_value > 0 ? g->value / g->max_value : NAN, bad);
    return o;
}

/* The index of string s in the list names[0..*n) (NULL counts as ""), added if absent. */
static size_t street_index(const char **names, size_t *n, const char *s)
{
    if (s == NULL)
        s = "";
    for (size_t k = 0; k < *n; ++k)
        if (strcmp(names[k], s) == 0)
            return k;
    names[*n] = s;
    return (*n)++;
}

/* ---- Statistics ------------------------------------------------------------------------ */

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Gini coefficient of n values >= 0 (sorted in place): 0 when all are equal or all 0. */
static double gini(double *v, size_t n)
{
    if (n == 0)
        return NAN;
    qsort(v, n, sizeof *v, compare_doubles);
    double sum = 0.0, weighted = 0.0;
    for (size_t k = 0; k < n; ++k) {
        sum += v[k];
        weighted += (double)(k + 1) * v[k];
    }
    if (!(sum > 0))
        return 0.0;
    return 2.0 * weighted / ((double)n * sum) - ((double)n + 1.0) / (double)n;
}

/* Median of n sorted values. */
static double median(const double *v, size_t n)
{
    if (n == 0)
        return NAN;
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

typedef struct km_hours {
    double km, hours;
} km_hours;

static int compare_km(const void *a, const void *b)
{
    double x = ((const km_hours *)a)->km, y = ((const km_hours *)b)->km;
    return x < y ? -1 : x > y;
}

/* Distance per volunteer-hour over the pairs that are not listed (listed pairs carry their
 * own value, not a distance): the hour-weighted mean, 90th percentile and maximum. */
static int distance_stats(const lm_plan_tally *t, json_t *head, int *bad)
{
    const lm_instance *inst = t->inst;
    km_hours *list = zalloc(inst->n_pairs, sizeof *list);
    if (list == NULL)
        return MATCH_ENOMEM;
    size_t n = 0;
    double hours = 0.0, km_hours_sum = 0.0;
    for (size_t p = 0; p < inst->n_pairs; ++p) {
        double x = lm_plan_x(t->sol, p);
        if (lm_pair_is_listed(inst, p) || !(x > 0))
            continue;
        list[n++] = (km_hours){inst->pairs[p].distance_km, x};
        hours += x;
        km_hours_sum += x * inst->pairs[p].distance_km;
    }
    double mean = NAN, p90 = NAN, max = NAN;
    if (n > 0 && hours > 0) {
        qsort(list, n, sizeof *list, compare_km);
        mean = km_hours_sum / hours;
        max = list[n - 1].km;
        double cum = 0.0;
        for (size_t k = 0; k < n; ++k) {
            cum += list[k].hours;
            if (cum >= 0.9 * hours - 1e-9) {
                p90 = list[k].km;
                break;
            }
        }
    }
    free(list);
    put_num(head, "distance_mean_km", mean, bad);
    put_num(head, "distance_p90_km", p90, bad);
    put_num(head, "distance_max_km", max, bad);
    return MATCH_OK;
}

/* ---- Needs ----------------------------------------------------------------------------- */

static int needs_section(match_evaluation *ev, const match_plan *rec, const lm_plan_tally *t,
                         json_t *head, int *bad)
{
    const match_model *m = t->inst->model;
    const lm_policy *policy = &m->policy;
    size_t n_comm = m->communities.len;
    group_acc all = {0}, prio[LM_PRIORITY_LEVELS] = {{0}};
    group_acc *comm = zalloc(n_comm, sizeof *comm);
    group_acc *street = zalloc(n_comm, sizeof *street);
    group_acc *cat = zalloc(m->n_tags, sizeof *cat);
    const char **street_names = zalloc(n_comm, sizeof *street_names);
    size_t *comm_street = zalloc(n_comm, sizeof *comm_street);
    json_t *needs = json_array();
    int rc = MATCH_ENOMEM;
    if (!comm || !street || !cat || !street_names || !comm_street || !needs)
        goto done;
    size_t n_streets = 0;
    for (size_t c = 0; c < n_comm; ++c)
        comm_street[c] = street_index(street_names, &n_streets, m->communities.items[c].street);

    size_t required = 0, required_met = 0;
    for (size_t i = 0; i < m->needs.len; ++i) {
        const lm_need *n = &m->needs.items[i];
        double c = rec->needs[i].coverage, h = rec->needs[i].hours;
        acc_add(&all, policy, n, c, h);
        acc_add(&prio[n->priority - 1], policy, n, c, h);
        acc_add(&comm[n->community], policy, n, c, h);
        acc_add(&street[comm_street[n->community]], policy, n, c, h);
        acc_add(&cat[n->category], policy, n, c, h);
        required += n->required;
        required_met += n->required && c >= 1.0;
        json_t *o = json_object();
        if (o == NULL || json_array_append_new(needs, o) != 0)
            goto done;
        const lm_community *home = &m->communities.items[n->community];
        put(o, "id", json_string(n->id), bad);
        put(o, "priority", json_integer(n->priority), bad);
        put(o, "category", json_string(lm_tag_name(m, n->category)), bad);
        put(o, "community", json_string(home->id), bad);
        put(o, "street", string_or_null(home->street), bad);
        put_num(o, "hours_asked", n->hours, bad);
        put_num(o, "hours", h, bad);
        put_num(o, "coverage", c, bad);
        put(o, "volunteers", json_integer((json_int_t)t->need_team[i]), bad);
        put(o, "required", json_boolean(n->required), bad);
    }
    put(ev->doc, "needs", needs, bad);
    needs = NULL;

    put(head, "needs", json_integer((json_int_t)all.needs), bad);
    put(head, "needs_covered", json_integer((json_int_t)all.covered), bad);
    put(head, "needs_partial", json_integer((json_int_t)all.partial), bad);
    put(head, "needs_unmet", json_integer((json_int_t)(all.needs - all.covered - all.partial)),
        bad);
    put_num(head, "coverage_mean", all.needs > 0 ? all.coverage / (double)all.needs : NAN, bad);
    put_num(head, "value_share", all.max_value > 0 ? all.value / all.max_value : NAN, bad);
    put_num(head, "hours_asked", all.hours_asked, bad);
    put_num(head, "hours_received", all.hours_received, bad);
    put(head, "required_needs", json_integer((json_int_t)required), bad);
    put(head, "required_met", json_integer((json_int_t)required_met), bad);

    json_t *by = json_array();
    put(ev->doc, "by_priority", by, bad);
    for (int p = LM_PRIORITY_LEVELS; p >= 1 && by != NULL; --p) {
        json_t *o = acc_json(&prio[p - 1], bad);
        if (o != NULL) {
            put(o, "key", json_integer(p), bad);
            put_num(o, "weight", policy->priority_weights[p - 1], bad);
            if (json_array_append_new(by, o) != 0)
                *bad = 1;
        }
    }
    by = json_array();
    put(ev->doc, "by_street", by, bad);
    for (size_t s = 0; s < n_streets && by != NULL; ++s) {
        json_t *o = acc_json(&street[s], bad);
        if (o != NULL) {
            put(o, "key", json_string(street_names[s]), bad);
            if (json_array_append_new(by, o) != 0)
                *bad = 1;
        }
    }
    by = json_array();
    put(ev->doc, "by_community", by, bad);
    for (size_t c = 0; c < n_comm && by != NULL; ++c) {
        const lm_community *home = &m->communities.items[c];
        json_t *o = acc_json(&comm[c], bad);
        if (o != NULL) {
            put(o, "key", json_string(home->id), bad);
            put(o, "name", string_or_null(home->name), bad);
            put(o, "street", string_or_null(home->street), bad);
            put_num(o, "lat", home->lat, bad);
            put_num(o, "lon", home->lon, bad);
            if (json_array_append_new(by, o) != 0)
                *bad = 1;
        }
    }
    by = json_array();
    put(ev->doc, "by_category", by, bad);
    for (size_t k = 0; k < m->n_tags && by != NULL; ++k) {
        if (cat[k].needs == 0)
            continue;
        json_t *o = acc_json(&cat[k], bad);
        if (o != NULL) {
            put(o, "key", json_string(m->tags[k]), bad);
            if (json_array_append_new(by, o) != 0)
                *bad = 1;
        }
    }
    rc = MATCH_OK;
done:
    json_decref(needs);
    free(comm);
    free(street);
    free(cat);
    free(street_names);
    free(comm_street);
    return rc;
}

/* ---- Volunteers, units, points --------------------------------------------------------- */

typedef struct people_scratch {
    double *services;     /* per volunteer: covered needs it serves */
    double *hours;        /* per volunteer, for the Gini (sorted) */
    double *given;        /* hours of volunteers who give some, for the median (sorted) */
    double *projects;     /* per unit, for the Gini (sorted) */
    double *member_hours; /* per unit: its members' hours */
    double *street_vpoints, *street_upoints;
    const char **street_names;
    size_t *comm_street;
} people_scratch;

static void scratch_free(people_scratch *s)
{
    free(s->services);
    free(s->hours);
    free(s->given);
    free(s->projects);
    free(s->member_hours);
    free(s->street_vpoints);
    free(s->street_upoints);
    free(s->street_names);
    free(s->comm_street);
}

static int people_section(match_evaluation *ev, const match_plan *rec, const lm_plan_tally *t,
                          json_t *head, int *bad)
{
    const lm_instance *inst = t->inst;
    const match_model *m = inst->model;
    const lm_policy *policy = &m->policy;
    size_t nv = m->volunteers.len, nu = m->units.len, nc = m->communities.len;
    people_scratch s = {0};
    s.services = zalloc(nv, sizeof *s.services);
    s.hours = zalloc(nv, sizeof *s.hours);
    s.given = zalloc(nv, sizeof *s.given);
    s.projects = zalloc(nu, sizeof *s.projects);
    s.member_hours = zalloc(nu, sizeof *s.member_hours);
    s.street_vpoints = zalloc(nc, sizeof *s.street_vpoints);
    s.street_upoints = zalloc(nc, sizeof *s.street_upoints);
    s.street_names = zalloc(nc, sizeof *s.street_names);
    s.comm_street = zalloc(nc, sizeof *s.comm_street);
    json_t *vols = json_array(), *units = json_array(), *by_street = json_array();
    int rc = MATCH_ENOMEM;
    if (!s.services || !s.hours || !s.given || !s.projects || !s.member_hours ||
        !s.street_vpoints || !s.street_upoints || !s.street_names || !s.comm_street || !vols ||
        !units || !by_street)
        goto done;
    size_t n_streets = 0;
    for (size_t c = 0; c < nc; ++c)
        s.comm_street[c] = street_index(s.street_names, &n_streets, m->communities.items[c].street);
    for (size_t p = 0; p < inst->n_pairs; ++p)
        if (rec->needs[inst->pairs[p].need].coverage > 0 && lm_plan_serves(t->sol, inst, p))
            s.services[inst->pairs[p].volunteer] += 1;

    double min_services = policy->volunteer_min_services;
    size_t members = 0, meeting = 0, serving = 0;
    double offered = 0.0, given_total = 0.0, points_total = 0.0;
    for (size_t v = 0; v < nv; ++v) {
        const lm_volunteer *vol = &m->volunteers.items[v];
        double h = rec->volunteers[v].hours, min_hours = lm_volunteer_min_hours(m, vol);
        bool obliged = min_hours > 0 || min_services > 0;
        bool meets = h >= min_hours - 1e-9 && s.services[v] >= min_services;
        members += obliged;
        meeting += obliged && meets;
        offered += vol->hours;
        given_total += h;
        s.hours[v] = h;
        if (h > 0)
            s.given[serving++] = h;
        double points = policy->points_per_hour * h + policy->points_per_project * s.services[v];
        points_total += points;
        s.street_vpoints[s.comm_street[vol->community]] += points;
        if (vol->unit != LM_NONE)
            s.member_hours[vol->unit] += h;
        json_t *o = json_object();
        if (o == NULL || json_array_append_new(vols, o) != 0)
            goto done;
        put(o, "id", json_string(vol->id), bad);
        put(o, "community", json_string(m->communities.items[vol->community].id), bad);
        put(o, "unit",
            vol->unit != LM_NONE ? json_string(m->units.items[vol->unit].id) : json_null(), bad);
        put_num(o, "offered", vol->hours, bad);
        put_num(o, "hours", h, bad);
        put_num(o, "min_hours", min_hours, bad);
        put_num(o, "shortfall", rec->volunteers[v].shortfall, bad);
        put_num(o, "services", s.services[v], bad);
        put(o, "meets", obliged ? json_boolean(meets) : json_null(), bad);
        put_num(o, "points", points, bad);
    }
    put(ev->doc, "volunteers", vols, bad);
    vols = NULL;

    size_t obliged_units = 0, units_meeting = 0;
    double projects_sum = 0.0, projects_max = 0.0, unit_points_total = 0.0;
    for (size_t u = 0; u < nu; ++u) {
        const lm_unit *unit = &m->units.items[u];
        int projects = rec->units[u].projects, min_projects = lm_unit_min_projects(m, unit);
        obliged_units += min_projects > 0;
        units_meeting += min_projects > 0 && projects >= min_projects;
        s.projects[u] = projects;
        projects_sum += projects;
        projects_max = fmax(projects_max, projects);
        double points =
            policy->points_per_project * projects + policy->points_per_hour * s.member_hours[u];
        unit_points_total += points;
        s.street_upoints[s.comm_street[unit->community]] += points;
        json_t *o = json_object();
        if (o == NULL || json_array_append_new(units, o) != 0)
            goto done;
        put(o, "id", json_string(unit->id), bad);
        put(o, "name", string_or_null(unit->name), bad);
        put(o, "community", json_string(m->communities.items[unit->community].id), bad);
        put(o, "projects", json_integer(projects), bad);
        put(o, "min_projects", json_integer(min_projects), bad);
        put(o, "shortfall", json_integer(rec->units[u].shortfall), bad);
        put(o, "meets", min_projects > 0 ? json_boolean(projects >= min_projects) : json_null(),
            bad);
        put_num(o, "member_hours", s.member_hours[u], bad);
        put_num(o, "points", points, bad);
    }
    put(ev->doc, "units", units, bad);
    units = NULL;

    put_num(head, "hours_offered", offered, bad);
    put_num(head, "hours_given", given_total, bad);
    put(head, "volunteers", json_integer((json_int_t)nv), bad);
    put(head, "volunteers_serving", json_integer((json_int_t)serving), bad);
    put(head, "members", json_integer((json_int_t)members), bad);
    put(head, "members_meeting", json_integer((json_int_t)meeting), bad);
    put(head, "units", json_integer((json_int_t)nu), bad);
    put(head, "units_with_obligation", json_integer((json_int_t)obliged_units), bad);
    put(head, "units_meeting", json_integer((json_int_t)units_meeting), bad);
    put_num(head, "gini_hours", gini(s.hours, nv), bad);
    qsort(s.given, serving, sizeof *s.given, compare_doubles);
    double med = median(s.given, serving);
    put_num(head, "max_median_hours", med > 0 ? s.given[serving - 1] / med : NAN, bad);
    put_num(head, "projects_per_unit_mean", nu > 0 ? projects_sum / (double)nu : NAN, bad);
    put_num(head, "projects_per_unit_max", nu > 0 ? projects_max : NAN, bad);
    put_num(head, "gini_projects", gini(s.projects, nu), bad);
    put_num(head, "points_total", points_total, bad);
    put_num(head, "unit_points_total", unit_points_total, bad);

    json_t *points = json_object();
    put(ev->doc, "points", points, bad);
    if (points != NULL) {
        put_num(points, "per_hour", policy->points_per_hour, bad);
        put_num(points, "per_project", policy->points_per_project, bad);
        put_num(points, "volunteers", points_total, bad);
        put_num(points, "units", unit_points_total, bad);
        put(points, "by_street", by_street, bad);
        by_street = NULL;
        json_t *list = json_object_get(points, "by_street");
        for (size_t k = 0; k < n_streets && list != NULL; ++k) {
            json_t *o = json_object();
            if (o == NULL || json_array_append_new(list, o) != 0) {
                *bad = 1;
                break;
            }
            put(o, "street", json_string(s.street_names[k]), bad);
            put_num(o, "volunteers", s.street_vpoints[k], bad);
            put_num(o, "units", s.street_upoints[k], bad);
        }
    }
    rc = MATCH_OK;
done:
    json_decref(vols);
    json_decref(units);
    json_decref(by_street);
    scratch_free(&s);
    return rc;
}

/* Whether UTF-8 text holds a character of the CJK blocks (lead bytes E3..E9). */
static bool has_chinese(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p != NULL && *p; ++p)
        if (*p >= 0xE3 && *p <= 0xE9)
            return true;
    return false;
}

/* "zh" when the scenario's name or a community's name or street is Chinese, else "en": the
 * language reports and summaries default to. */
static const char *scenario_lang(const json_t *doc)
{
    if (has_chinese(json_string_value(json_object_get(doc, "scenario"))))
        return "zh";
    const json_t *list = json_object_get(doc, "by_community");
    for (size_t k = 0; k < json_array_size(list); ++k) {
        const json_t *c = json_array_get(list, k);
        if (has_chinese(json_string_value(json_object_get(c, "name"))) ||
            has_chinese(json_string_value(json_object_get(c, "street"))))
            return "zh";
    }
    return "en";
}

int lm_evaluation_indicators(match_evaluation *ev, const match_plan *rec, const lm_plan_tally *t)
{
    int bad = 0;
    json_t *head = json_object();
    if (head == NULL || json_object_set_new(ev->doc, "headline", head) != 0)
        return MATCH_ENOMEM;
    ev->headline = head;
    size_t hard = 0;
    for (size_t k = 0; k < ev->n_violations; ++k)
        hard += match_rule_is_hard(ev->violations[k].rule);
    put(head, "violations", json_integer((json_int_t)hard), &bad);
    put_num(head, "objective", ev->objective, &bad);
    int rc = needs_section(ev, rec, t, head, &bad);
    if (rc == MATCH_OK)
        rc = distance_stats(t, head, &bad);
    if (rc == MATCH_OK)
        rc = people_section(ev, rec, t, head, &bad);
    if (rc == MATCH_OK)
        put(ev->doc, "lang", json_string(scenario_lang(ev->doc)), &bad);
    if (rc == MATCH_OK && bad)
        rc = MATCH_ENOMEM;
    return rc;
}
