/*
 * Fuzz target: read then solve, on small scenarios.
 *
 * Inputs over MAX_INPUT bytes, and models with more than MAX_ITEMS volunteers, needs or
 * resources, are skipped. Each model is solved with the default solver (and, when tiny, with
 * GLPK alone too) under a short time limit, and every plan with a status of optimal or
 * feasible is checked against docs/model.md, using the model's own storage as the reference:
 * every need, volunteer and unit listed once in the model's order; capacities, need hours,
 * resource amounts and requests kept; forbidden pairs unused, fixed pairs served, required
 * needs covered; the totals the plan reports match its assignments; and the objective
 * recomputed from the assignments equals the one the plan reports. Two optimal solves must
 * agree on the objective.
 */
#include <math.h>
#include <time.h>

#include <libmatch/libmatch.h>

#include "libmatch/model/geo.h"
#include "libmatch/model/model_internal.h"

#include "fuzz_common.h"

#define MAX_INPUT 4096
#define MAX_ITEMS 24
#define TINY_ITEMS 8
#define TOL 1e-6

static int near(double a, double b)
{
    return fabs(a - b) <= TOL * (1.0 + fabs(a) + fabs(b));
}

/* A wall-clock backstop behind the time limit: the solve is interrupted after 5 s. */
static int past_deadline(void *payload)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec >= *(const time_t *)payload;
}

static double need_distance(const match_model *m, const lm_volunteer *v, const lm_need *n)
{
    const lm_community *c = &m->communities.items[n->community];
    return lm_haversine_km(lm_volunteer_lat(m, v), lm_volunteer_lon(m, v), c->lat, c->lon);
}

static void check_listing(const match_model *m, const match_plan *p)
{
    FUZZ_CHECK(match_plan_need_count(p) == m->needs.len, "%zu needs listed, model has %zu",
               match_plan_need_count(p), m->needs.len);
    FUZZ_CHECK(match_plan_volunteer_count(p) == m->volunteers.len, "volunteers %zu of %zu",
               match_plan_volunteer_count(p), m->volunteers.len);
    FUZZ_CHECK(match_plan_unit_count(p) == m->units.len, "units %zu of %zu",
               match_plan_unit_count(p), m->units.len);
    for (size_t i = 0; i < m->needs.len; i++)
        FUZZ_CHECK(strcmp(match_plan_need_id(p, i), m->needs.items[i].id) == 0, "need %zu", i);
    for (size_t v = 0; v < m->volunteers.len; v++)
        FUZZ_CHECK(strcmp(match_plan_volunteer_id(p, v), m->volunteers.items[v].id) == 0,
                   "volunteer %zu", v);
    for (size_t u = 0; u < m->units.len; u++)
        FUZZ_CHECK(strcmp(match_plan_unit_id(p, u), m->units.items[u].id) == 0, "unit %zu", u);
}

/* Checks the plan's rules and returns the objective recomputed from its assignments. */
static double check_plan(const match_model *m, const match_plan *p)
{
    const lm_policy *pol = &m->policy;
    size_t nv = m->volunteers.len, nr = m->resources.len, nu = m->units.len;
    double *vol_total = calloc(nv + 1, sizeof *vol_total);
    double *res_total = calloc(nr + 1, sizeof *res_total);
    int *projects = calloc(nu + 1, sizeof *projects);
    /* unit_seen[u] == i + 1 when unit u was already counted for need i */
    size_t *unit_seen = calloc(nu + 1, sizeof *unit_seen);
    FUZZ_CHECK(vol_total && res_total && projects && unit_seen, "out of memory in the check");

    double value = 0.0;
    for (size_t i = 0; i < m->needs.len; i++) {
        const lm_need *n = &m->needs.items[i];
        double cov = match_plan_need_coverage(p, i);
        FUZZ_CHECK(cov >= -TOL && cov <= 1 + TOL, "%s: coverage %g", n->id, cov);
        value += pol->priority_weights[n->priority - 1] * cov;
        if (n->required)
            FUZZ_CHECK(near(cov, 1.0), "required need %s has coverage %g", n->id, cov);
        double hours = 0.0, computed = 0.0;
        size_t served = match_plan_need_volunteer_count(p, i);
        for (size_t k = 0; k < served; k++) {
            const char *vid = match_plan_need_volunteer_id(p, i, k);
            double h = match_plan_need_volunteer_hours(p, i, k);
            size_t v = lm_find_volunteer(m, vid);
            FUZZ_CHECK(v != LM_NONE, "%s: unknown volunteer %s", n->id, vid);
            for (size_t j = 0; j < k; j++)
                FUZZ_CHECK(strcmp(match_plan_need_volunteer_id(p, i, j), vid) != 0,
                           "%s: volunteer %s listed twice", n->id, vid);
            for (size_t f = 0; f < m->n_forbidden; f++)
                FUZZ_CHECK(m->forbidden[f].volunteer != v || m->forbidden[f].need != i,
                           "%s: forbidden volunteer %s serves", n->id, vid);
            const lm_volunteer *vol = &m->volunteers.items[v];
            size_t l = lm_find_listed(m, v, i);
            if (l != LM_NONE) {
                FUZZ_CHECK(near(h, m->listed[l].hours), "%s: listed %s gives %g, not %g", n->id,
                           vid, h, m->listed[l].hours);
                value += m->listed[l].value;
            } else {
                FUZZ_CHECK(h >= 1 - TOL && near(h, round(h)), "%s: %s gives %g hours", n->id, vid,
                           h);
                computed += h;
                value -= pol->distance_cost * need_distance(m, vol, n) * h;
            }
            hours += h;
            vol_total[v] += h;
            if (cov > TOL && vol->unit != LM_NONE && (l != LM_NONE || h >= 1 - TOL) &&
                unit_seen[vol->unit] != i + 1) {
                unit_seen[vol->unit] = i + 1;
                projects[vol->unit]++;
            }
        }
        FUZZ_CHECK(near(hours, match_plan_need_hours(p, i)), "%s: hours %g, volunteers give %g",
                   n->id, match_plan_need_hours(p, i), hours);
        FUZZ_CHECK(computed <= n->hours + TOL * (1 + n->hours), "%s: %g hours exceed the %g asked",
                   n->id, computed, n->hours);
        FUZZ_CHECK(cov * n->hours <= hours + TOL * (1 + hours), "%s: coverage %g, hours %g of %g",
                   n->id, cov, hours, n->hours);
        if (cov > TOL)
            FUZZ_CHECK((int)served >= lm_need_min_volunteers(n), "%s: %zu volunteers, needs %d",
                       n->id, served, lm_need_min_volunteers(n));
        if (lm_need_max_volunteers(n) >= 0)
            FUZZ_CHECK((int)served <= lm_need_max_volunteers(n), "%s: %zu volunteers, max %d",
                       n->id, served, lm_need_max_volunteers(n));

        double *by_request = calloc(n->n_requests + 1, sizeof *by_request);
        FUZZ_CHECK(by_request != NULL, "out of memory in the check");
        for (size_t k = 0; k < match_plan_need_resource_count(p, i); k++) {
            const char *rid = match_plan_need_resource_id(p, i, k);
            double amt = match_plan_need_resource_amount(p, i, k);
            size_t r = lm_find_resource(m, rid);
            FUZZ_CHECK(r != LM_NONE, "%s: unknown resource %s", n->id, rid);
            FUZZ_CHECK(amt >= 1 - TOL && near(amt, round(amt)), "%s: %s amount %g", n->id, rid,
                       amt);
            const lm_resource *res = &m->resources.items[r];
            size_t q = 0;
            while (q < n->n_requests && n->requests[q].type != res->type)
                q++;
            FUZZ_CHECK(q < n->n_requests, "%s: gets %s, of a type it does not ask for", n->id, rid);
            by_request[q] += amt;
            res_total[r] += amt;
            if (cov > TOL && amt >= 1 - TOL && unit_seen[res->unit] != i + 1) {
                unit_seen[res->unit] = i + 1;
                projects[res->unit]++;
            }
        }
        for (size_t q = 0; q < n->n_requests; q++) {
            double asked = n->requests[q].amount;
            FUZZ_CHECK(by_request[q] <= asked + TOL * (1 + asked), "%s: request %zu gets %g of %g",
                       n->id, q, by_request[q], asked);
            FUZZ_CHECK(cov * asked <= by_request[q] + TOL * (1 + asked),
                       "%s: coverage %g, request %zu gets %g of %g", n->id, cov, q, by_request[q],
                       asked);
        }
        free(by_request);
    }

    for (size_t f = 0; f < m->n_fixed; f++) {
        const lm_fixed *fx = &m->fixed[f];
        double got = 0.0;
        for (size_t k = 0; k < match_plan_need_volunteer_count(p, fx->need); k++)
            if (strcmp(match_plan_need_volunteer_id(p, fx->need, k),
                       m->volunteers.items[fx->volunteer].id) == 0)
                got = match_plan_need_volunteer_hours(p, fx->need, k);
        FUZZ_CHECK(got >= fx->hours - TOL, "fixed pair %zu gets %g of %g hours", f, got, fx->hours);
    }
    for (size_t v = 0; v < nv; v++) {
        const lm_volunteer *vol = &m->volunteers.items[v];
        FUZZ_CHECK(vol_total[v] <= vol->hours + TOL * (1 + vol->hours), "%s gives %g of %g hours",
                   vol->id, vol_total[v], vol->hours);
        FUZZ_CHECK(near(match_plan_volunteer_hours(p, v), vol_total[v]), "%s: hours %g, gives %g",
                   vol->id, match_plan_volunteer_hours(p, v), vol_total[v]);
        double short_h = fmax(0.0, lm_volunteer_min_hours(m, vol) - vol_total[v]);
        FUZZ_CHECK(near(match_plan_volunteer_shortfall(p, v), short_h), "%s: shortfall %g, not %g",
                   vol->id, match_plan_volunteer_shortfall(p, v), short_h);
        value -= pol->volunteer_shortfall_penalty * short_h;
    }
    for (size_t r = 0; r < nr; r++) {
        const lm_resource *res = &m->resources.items[r];
        FUZZ_CHECK(res_total[r] <= res->amount + TOL * (1 + res->amount), "%s gives %g of %g",
                   res->id, res_total[r], res->amount);
    }
    for (size_t u = 0; u < nu; u++) {
        const lm_unit *unit = &m->units.items[u];
        FUZZ_CHECK(match_plan_unit_projects(p, u) == projects[u], "%s: projects %d, not %d",
                   unit->id, match_plan_unit_projects(p, u), projects[u]);
        int short_p = lm_unit_min_projects(m, unit) - projects[u];
        short_p = short_p > 0 ? short_p : 0;
        FUZZ_CHECK(match_plan_unit_shortfall(p, u) == short_p, "%s: shortfall %d, not %d", unit->id,
                   match_plan_unit_shortfall(p, u), short_p);
        value -= pol->unit_shortfall_penalty * short_p;
    }
    if (match_plan_has_previous(p))
        value -= pol->change_penalty * match_plan_moved_hours(p);
    free(vol_total);
    free(res_total);
    free(projects);
    free(unit_seen);
    return value;
}

/* Solves with one solver and checks the plan; returns its status, or -1 without a plan. */
static int solve_and_check(match_model *m, match_solver solver, double *objective)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    time_t deadline = now.tv_sec + 5;
    match_options options = MATCH_OPTIONS_INIT;
    options.time_limit = 1.0;
    options.solver = solver;
    options.interrupt = past_deadline;
    options.interrupt_payload = &deadline;
    match_plan *p = NULL;
    int rc = match_model_solve(&p, m, &options);
    FUZZ_CHECK((rc == MATCH_OK) == (p != NULL), "solve: code %d, plan %p", rc, (void *)p);
    if (rc != MATCH_OK) {
        /* The flow solver refuses what it cannot express; nothing else may fail here. */
        FUZZ_CHECK((solver == MATCH_SOLVER_FLOW && rc == MATCH_EINVAL) || rc == MATCH_EINTERRUPTED,
                   "solver %d failed: %d (%s)", (int)solver, rc, match_model_errmsg(m));
        return -1;
    }
    check_listing(m, p);
    int status = (int)match_plan_status(p);
    if (status == MATCH_STATUS_OPTIMAL || status == MATCH_STATUS_FEASIBLE) {
        double recomputed = check_plan(m, p);
        *objective = match_plan_objective(p);
        FUZZ_CHECK(near(recomputed, *objective), "solver %d: objective %.9g, recomputed %.9g",
                   (int)solver, *objective, recomputed);
    }
    char *json = NULL;
    FUZZ_CHECK(match_plan_to_json(&json, p) == MATCH_OK, "the plan does not write");
    match_free(json);
    match_plan_destroy(p);
    return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    char *json = fuzz_string(data, size);
    if (json == NULL)
        return 0;
    match_model *m = NULL;
    char err[512];
    int rc = match_model_read_json_string(&m, json, "fuzz.json", err, sizeof err);
    free(json);
    if (rc != MATCH_OK)
        return 0;
    size_t items = m->volunteers.len;
    items = m->needs.len > items ? m->needs.len : items;
    items = m->resources.len > items ? m->resources.len : items;
    if (items <= MAX_ITEMS) {
        double auto_obj = 0.0, glpk_obj = 0.0;
        int auto_status = solve_and_check(m, MATCH_SOLVER_AUTO, &auto_obj);
        if (items <= TINY_ITEMS) {
            int glpk_status = solve_and_check(m, MATCH_SOLVER_GLPK, &glpk_obj);
            if (auto_status == MATCH_STATUS_OPTIMAL && glpk_status == MATCH_STATUS_OPTIMAL)
                FUZZ_CHECK(fabs(auto_obj - glpk_obj) <= 1e-5 * (1 + fabs(auto_obj)),
                           "optimal objectives differ: auto %.9g, glpk %.9g", auto_obj, glpk_obj);
        }
    }
    match_model_destroy(m);
    return 0;
}
