/*
 * Judges a plan against a scenario (include/libmatch/evaluate.h, docs/evaluate.md).
 *
 * The plan's assignment is laid onto the scenario's pairs: the pairs the eligibility rules
 * make, plus one more pair for each volunteer-need or resource-need entry of the plan that
 * the rules would not make (each such entry is a violation, and still counts, so that its
 * hours weigh on capacities and its distance on the objective). The plan builder's tally
 * then measures it, every hard rule is checked against those numbers, and the builder makes
 * a plan from the same assignment with the coverage the evaluated plan states: its objective
 * is the evaluated plan's objective, counted by the code that counts libmatch's own.
 */
#include "evaluate_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/json_number.h"
#include "../model/geo.h"
#include "../pairs/previous_pairs.h"

/* Amounts within this share of the limit (and at least this much) pass: plan files carry 12
 * significant digits, so a stated coverage of 1/3 times 30 hours is 9.99999999999. */
#define EVAL_TOL 1e-6

static double tol(double limit)
{
    return EVAL_TOL * fmax(1.0, fabs(limit));
}

static const char *const rule_names[MATCH_RULE_COUNT] = {"volunteer_hours",
                                                         "need_hours",
                                                         "resource_amount",
                                                         "need_resource",
                                                         "whole",
                                                         "coverage_hours",
                                                         "coverage_resource",
                                                         "carried_out",
                                                         "all_or_nothing",
                                                         "team",
                                                         "max_volunteers",
                                                         "required",
                                                         "fixed",
                                                         "forbidden",
                                                         "listed",
                                                         "eligibility",
                                                         "resource_eligibility",
                                                         "items",
                                                         "figures"};

static const int rule_numbers[MATCH_RULE_COUNT] = {1, 1, 1, 1, 1, 2, 2, 2, 3, 3,
                                                   3, 4, 5, 5, 6, 0, 0, 0, 0};

const char *match_rule_name(match_rule rule)
{
    return (unsigned)rule < MATCH_RULE_COUNT ? rule_names[rule] : NULL;
}

int match_rule_number(match_rule rule)
{
    return (unsigned)rule < MATCH_RULE_COUNT ? rule_numbers[rule] : 0;
}

int match_rule_is_hard(match_rule rule)
{
    return (unsigned)rule < MATCH_RULE_COUNT && rule != MATCH_RULE_FIGURES;
}

static const char *const term_names[MATCH_TERM_COUNT] = {
    "coverage", "listed", "distance", "volunteer_shortfall", "unit_shortfall", "change"};

const char *match_term_name(match_term term)
{
    return (unsigned)term < MATCH_TERM_COUNT ? term_names[term] : NULL;
}

/* ---- Violations ------------------------------------------------------------------------ */

/* Amounts in words: whole numbers without a decimal point. */
static void amount_text(char *buf, size_t size, double v)
{
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%.6g", v);
}

static int add_violation(match_evaluation *ev, match_rule rule, const char *item, const char *need,
                         double have, double limit, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static int add_violation(match_evaluation *ev, match_rule rule, const char *item, const char *need,
                         double have, double limit, const char *fmt, ...)
{
    if (!lm_reserve((void **)&ev->violations, &ev->cap_violations, ev->n_violations + 1,
                    sizeof *ev->violations))
        return MATCH_ENOMEM;
    char text[LM_ERRMSG_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    lm_violation *v = &ev->violations[ev->n_violations];
    v->rule = rule;
    v->item = lm_strdup(item != NULL ? item : "");
    v->need = lm_strdup(need);
    v->text = lm_strdup(text);
    v->have = have;
    v->limit = limit;
    if (v->item == NULL || v->text == NULL || (need != NULL && v->need == NULL)) {
        free(v->item);
        free(v->need);
        free(v->text);
        return MATCH_ENOMEM;
    }
    ev->n_violations++;
    if (match_rule_is_hard(rule))
        ev->valid = false;
    return MATCH_OK;
}

/* ---- The plan laid onto the scenario's pairs --------------------------------------------- */

typedef struct eval_pair {
    lm_pair pair;
    unsigned char listed;
    unsigned char chosen;
    double value;
    double x;
} eval_pair;

typedef struct eval_rpair {
    lm_rpair rpair;
    double y;
} eval_rpair;

typedef struct eval_state {
    const match_model *m;
    const match_plan *plan;
    match_evaluation *ev;
    lm_instance base; /* the pairs the rules make */
    lm_instance inst; /* those plus the plan's other entries */
    eval_pair *pairs; /* base pairs, then the extra ones */
    size_t n_pairs, cap_pairs;
    eval_rpair *rpairs;
    size_t n_rpairs, cap_rpairs;
    double *coverage; /* per model need: the coverage the plan states (0 when absent) */
    bool *in_plan;    /* per model need */
    size_t *vol_mark; /* per volunteer: 1 + the need it was last seen at */
    size_t *res_mark; /* per resource: likewise */
    lm_solution sol;
} eval_state;

static size_t find_rpair(const lm_instance *inst, size_t r, size_t i)
{
    for (size_t k = inst->need_rpairs[i]; k < inst->need_rpairs[i + 1]; ++k)
        if (inst->rpairs[k].resource == r)
            return k;
    return LM_NONE;
}

static size_t request_of_type(const lm_need *n, size_t type)
{
    for (size_t k = 0; k < n->n_requests; ++k)
        if (n->requests[k].type == type)
            return k;
    return LM_NONE;
}

static bool is_forbidden(const match_model *m, size_t v, size_t i)
{
    for (size_t k = 0; k < m->n_forbidden; ++k)
        if (m->forbidden[k].volunteer == v && m->forbidden[k].need == i)
            return true;
    return false;
}

/* A volunteer-need entry the rules do not pair: which rule it breaks, if any. */
static int judge_unpaired(eval_state *s, size_t v, size_t i, double km, double hours)
{
    const match_model *m = s->m;
    const lm_volunteer *vol = &m->volunteers.items[v];
    const lm_need *n = &m->needs.items[i];
    char h[32];
    amount_text(h, sizeof h, hours);
    if (is_forbidden(m, v, i))
        return add_violation(s->ev, MATCH_RULE_FORBIDDEN, vol->id, n->id, hours, 0.0,
                             "%s gives %s %s h, a forbidden pair", vol->id, n->id, h);
    if (m->policy.eligibility == LM_ELIGIBILITY_PAIRS_ONLY)
        return add_violation(s->ev, MATCH_RULE_ELIGIBILITY, vol->id, n->id, hours, NAN,
                             "%s gives %s %s h, not a listed or fixed pair (eligibility "
                             "pairs_only)",
                             vol->id, n->id, h);
    double reach = lm_volunteer_max_distance(m, vol);
    if (km > reach + 1e-9)
        return add_violation(s->ev, MATCH_RULE_ELIGIBILITY, vol->id, n->id, km, reach,
                             "%s gives %s %s h from %.3g km away, reaches %.3g km", vol->id, n->id,
                             h, km, reach);
    if (n->skills.len > 0 && !lm_tagset_intersects(&vol->skills, &n->skills))
        return add_violation(s->ev, MATCH_RULE_ELIGIBILITY, vol->id, n->id, NAN, NAN,
                             "%s gives %s %s h without any of the skills it asks for", vol->id,
                             n->id, h);
    if (n->slots.len > 0 && vol->slots.len > 0 && !lm_tagset_intersects(&vol->slots, &n->slots))
        return add_violation(s->ev, MATCH_RULE_ELIGIBILITY, vol->id, n->id, NAN, NAN,
                             "%s gives %s %s h with no time slot in common", vol->id, n->id, h);
    /* Eligible, but a pair that could carry no whole hour: the capacity checks say why. */
    return MATCH_OK;
}

static int judge_unpaired_resource(eval_state *s, size_t r, size_t i, double km, double amount)
{
    const match_model *m = s->m;
    const lm_resource *res = &m->resources.items[r];
    const lm_need *n = &m->needs.items[i];
    char a[32];
    amount_text(a, sizeof a, amount);
    if (request_of_type(n, res->type) == LM_NONE)
        return MATCH_OK; /* the per-type check names it */
    if (res->categories.len > 0 && !lm_tagset_contains(&res->categories, n->category))
        return add_violation(s->ev, MATCH_RULE_RESOURCE_ELIGIBILITY, res->id, n->id, NAN, NAN,
                             "%s gives %s %s %s, but does not serve category %s", res->id, n->id, a,
                             lm_tag_name(m, res->type), lm_tag_name(m, n->category));
    double reach = m->policy.max_distance_km;
    if (km > reach + 1e-9)
        return add_violation(s->ev, MATCH_RULE_RESOURCE_ELIGIBILITY, res->id, n->id, km, reach,
                             "%s gives %s %s %s from %.3g km away, reaches %.3g km", res->id, n->id,
                             a, lm_tag_name(m, res->type), km, reach);
    return MATCH_OK;
}

static int push_pair(eval_state *s, const eval_pair *p)
{
    if (!lm_reserve((void **)&s->pairs, &s->cap_pairs, s->n_pairs + 1, sizeof *s->pairs))
        return MATCH_ENOMEM;
    s->pairs[s->n_pairs++] = *p;
    return MATCH_OK;
}

static int push_rpair(eval_state *s, const eval_rpair *q)
{
    if (!lm_reserve((void **)&s->rpairs, &s->cap_rpairs, s->n_rpairs + 1, sizeof *s->rpairs))
        return MATCH_ENOMEM;
    s->rpairs[s->n_rpairs++] = *q;
    return MATCH_OK;
}

static int map_volunteers(eval_state *s, const lm_plan_need *pn, size_t i)
{
    const match_model *m = s->m;
    const lm_need *n = &m->needs.items[i];
    for (size_t k = 0; k < pn->n_volunteers; ++k) {
        const lm_plan_share *share = &pn->volunteers[k];
        size_t v = lm_find_volunteer(m, share->id);
        if (v == LM_NONE) {
            LM_TRY(add_violation(s->ev, MATCH_RULE_ITEMS, share->id, n->id, NAN, NAN,
                                 "%s lists volunteer %s, which the scenario does not have", n->id,
                                 share->id));
            continue;
        }
        if (s->vol_mark[v] == i + 1) {
            LM_TRY(add_violation(s->ev, MATCH_RULE_ITEMS, share->id, n->id, NAN, NAN,
                                 "%s lists volunteer %s twice", n->id, share->id));
            continue;
        }
        s->vol_mark[v] = i + 1;
        double hours = share->amount;
        size_t p = lm_instance_find_pair(&s->base, v, i);
        bool listed = p != LM_NONE && lm_pair_is_listed(&s->base, p);
        if (!listed && hours != floor(hours)) {
            char h[32];
            amount_text(h, sizeof h, hours);
            LM_TRY(add_violation(s->ev, MATCH_RULE_WHOLE, share->id, n->id, hours, floor(hours),
                                 "%s gives %s %s h, not a whole number", share->id, n->id, h));
        }
        if (p != LM_NONE) {
            s->pairs[p].x = hours;
            s->pairs[p].chosen = listed;
            continue;
        }
        const lm_volunteer *vol = &m->volunteers.items[v];
        const lm_community *home = &m->communities.items[n->community];
        double km = lm_haversine_km(lm_volunteer_lat(m, vol), lm_volunteer_lon(m, vol), home->lat,
                                    home->lon);
        if (hours > 0) /* an entry of 0 hours gives nothing: no pair to judge */
            LM_TRY(judge_unpaired(s, v, i, km, hours));
        eval_pair e = {.pair = {.volunteer = v, .need = i, .distance_km = km, .upper = hours},
                       .x = hours};
        LM_TRY(push_pair(s, &e));
    }
    return MATCH_OK;
}

static int map_resources(eval_state *s, const lm_plan_need *pn, size_t i)
{
    const match_model *m = s->m;
    const lm_need *n = &m->needs.items[i];
    for (size_t k = 0; k < pn->n_resources; ++k) {
        const lm_plan_share *share = &pn->resources[k];
        size_t r = lm_find_resource(m, share->id);
        if (r == LM_NONE) {
            LM_TRY(add_violation(s->ev, MATCH_RULE_ITEMS, share->id, n->id, NAN, NAN,
                                 "%s lists resource %s, which the scenario does not have", n->id,
                                 share->id));
            continue;
        }
        if (s->res_mark[r] == i + 1) {
            LM_TRY(add_violation(s->ev, MATCH_RULE_ITEMS, share->id, n->id, NAN, NAN,
                                 "%s lists resource %s twice", n->id, share->id));
            continue;
        }
        s->res_mark[r] = i + 1;
        double amount = share->amount;
        if (amount != floor(amount)) {
            char a[32];
            amount_text(a, sizeof a, amount);
            LM_TRY(add_violation(s->ev, MATCH_RULE_WHOLE, share->id, n->id, amount, floor(amount),
                                 "%s gives %s %s, not a whole number", share->id, n->id, a));
        }
        size_t q = find_rpair(&s->base, r, i);
        if (q != LM_NONE) {
            s->rpairs[q].y = amount;
            continue;
        }
        const lm_resource *res = &m->resources.items[r];
        const lm_community *home = &m->communities.items[n->community];
        double km =
            lm_haversine_km(lm_resource_lat(m, res), lm_resource_lon(m, res), home->lat, home->lon);
        if (amount > 0)
            LM_TRY(judge_unpaired_resource(s, r, i, km, amount));
        eval_rpair e = {.rpair = {.resource = r,
                                  .need = i,
                                  .request = request_of_type(n, res->type),
                                  .distance_km = km,
                                  .upper = amount},
                        .y = amount};
        LM_TRY(push_rpair(s, &e));
    }
    return MATCH_OK;
}

static int map_needs(eval_state *s)
{
    const match_model *m = s->m;
    const match_plan *plan = s->plan;
    for (size_t k = 0; k < plan->n_needs; ++k) {
        const lm_plan_need *pn = &plan->needs[k];
        size_t i = lm_find_need(m, pn->id);
        if (i == LM_NONE) {
            LM_TRY(add_violation(s->ev, MATCH_RULE_ITEMS, pn->id, NULL, NAN, NAN,
                                 "the plan lists need %s, which the scenario does not have",
                                 pn->id));
            continue;
        }
        if (s->in_plan[i]) {
            LM_TRY(add_violation(s->ev, MATCH_RULE_ITEMS, pn->id, NULL, NAN, NAN,
                                 "the plan lists need %s twice", pn->id));
            continue;
        }
        s->in_plan[i] = true;
        s->coverage[i] = pn->coverage;
        LM_TRY(map_volunteers(s, pn, i));
        LM_TRY(map_resources(s, pn, i));
    }
    for (size_t i = 0; i < m->needs.len; ++i)
        if (!s->in_plan[i])
            LM_TRY(add_violation(s->ev, MATCH_RULE_ITEMS, m->needs.items[i].id, NULL, NAN, NAN,
                                 "need %s is missing from the plan", m->needs.items[i].id));
    return MATCH_OK;
}

static int compare_pairs(const void *a, const void *b)
{
    const lm_pair *x = &((const eval_pair *)a)->pair, *y = &((const eval_pair *)b)->pair;
    if (x->need != y->need)
        return x->need < y->need ? -1 : 1;
    return x->volunteer < y->volunteer ? -1 : x->volunteer > y->volunteer;
}

static int compare_rpairs(const void *a, const void *b)
{
    const lm_rpair *x = &((const eval_rpair *)a)->rpair, *y = &((const eval_rpair *)b)->rpair;
    if (x->need != y->need)
        return x->need < y->need ? -1 : 1;
    return x->resource < y->resource ? -1 : x->resource > y->resource;
}

static void *zalloc(size_t n, size_t size)
{
    return calloc(n > 0 ? n : 1, size);
}

/* Builds s->inst and s->sol from the mapped pairs. */
static int build_instance(eval_state *s)
{
    const match_model *m = s->m;
    size_t n_needs = m->needs.len;
    lm_instance *inst = &s->inst;
    memset(inst, 0, sizeof *inst);
    inst->model = m;
    if (s->n_pairs > 0)
        qsort(s->pairs, s->n_pairs, sizeof *s->pairs, compare_pairs);
    if (s->n_rpairs > 0)
        qsort(s->rpairs, s->n_rpairs, sizeof *s->rpairs, compare_rpairs);
    inst->n_pairs = s->n_pairs;
    inst->n_rpairs = s->n_rpairs;
    inst->pairs = zalloc(s->n_pairs, sizeof *inst->pairs);
    inst->rpairs = zalloc(s->n_rpairs, sizeof *inst->rpairs);
    inst->need_pairs = zalloc(n_needs + 1, sizeof *inst->need_pairs);
    inst->need_rpairs = zalloc(n_needs + 1, sizeof *inst->need_rpairs);
    inst->filters = zalloc(n_needs, sizeof *inst->filters);
    bool listed = s->base.listed != NULL;
    if (listed) {
        inst->listed = zalloc(s->n_pairs, sizeof *inst->listed);
        inst->value = zalloc(s->n_pairs, sizeof *inst->value);
        inst->n_listed = s->base.n_listed;
    }
    s->sol.x = zalloc(s->n_pairs, sizeof *s->sol.x);
    s->sol.y = zalloc(s->n_rpairs, sizeof *s->sol.y);
    s->sol.c = zalloc(n_needs, sizeof *s->sol.c);
    if (listed)
        s->sol.chosen = zalloc(s->n_pairs, sizeof *s->sol.chosen);
    if (!inst->pairs || !inst->rpairs || !inst->need_pairs || !inst->need_rpairs ||
        !inst->filters || (listed && (!inst->listed || !inst->value || !s->sol.chosen)) ||
        !s->sol.x || !s->sol.y || !s->sol.c)
        return MATCH_ENOMEM;
    if (n_needs > 0)
        memcpy(inst->filters, s->base.filters, n_needs * sizeof *inst->filters);
    for (size_t p = 0; p < s->n_pairs; ++p) {
        inst->pairs[p] = s->pairs[p].pair;
        inst->need_pairs[s->pairs[p].pair.need + 1]++;
        s->sol.x[p] = s->pairs[p].x;
        if (listed) {
            inst->listed[p] = s->pairs[p].listed;
            inst->value[p] = s->pairs[p].value;
            s->sol.chosen[p] = s->pairs[p].chosen;
        }
    }
    for (size_t k = 0; k < s->n_rpairs; ++k) {
        inst->rpairs[k] = s->rpairs[k].rpair;
        inst->need_rpairs[s->rpairs[k].rpair.need + 1]++;
        s->sol.y[k] = s->rpairs[k].y;
    }
    for (size_t i = 0; i < n_needs; ++i) {
        inst->need_pairs[i + 1] += inst->need_pairs[i];
        inst->need_rpairs[i + 1] += inst->need_rpairs[i];
        s->sol.c[i] = s->coverage[i];
    }
    s->sol.status = s->plan->status;
    s->sol.objective = s->plan->objective;
    s->sol.bound = s->plan->bound;
    return lm_instance_map_previous(inst);
}

/* ---- The rules ------------------------------------------------------------------------- */

static int check_pairs(eval_state *s)
{
    const match_model *m = s->m;
    const lm_instance *inst = &s->inst;
    char h[32], f[32];
    for (size_t k = 0; k < m->n_fixed; ++k) {
        const lm_fixed *fx = &m->fixed[k];
        size_t p = lm_instance_find_pair(inst, fx->volunteer, fx->need);
        double x = p != LM_NONE ? lm_plan_x(&s->sol, p) : 0.0;
        if (x < fx->hours - tol(fx->hours)) {
            const char *v = m->volunteers.items[fx->volunteer].id, *n = m->needs.items[fx->need].id;
            amount_text(h, sizeof h, x);
            amount_text(f, sizeof f, fx->hours);
            LM_TRY(add_violation(s->ev, MATCH_RULE_FIXED, v, n, x, fx->hours,
                                 "%s gives %s %s h, fixed at %s h", v, n, h, f));
        }
    }
    for (size_t p = 0; p < inst->n_pairs; ++p) {
        if (!lm_pair_is_listed(inst, p) || !s->sol.chosen[p])
            continue;
        double x = s->sol.x[p], want = inst->pairs[p].upper;
        if (fabs(x - want) > 1e-9 * fmax(1.0, want)) {
            const char *v = m->volunteers.items[inst->pairs[p].volunteer].id;
            const char *n = m->needs.items[inst->pairs[p].need].id;
            amount_text(h, sizeof h, x);
            amount_text(f, sizeof f, want);
            LM_TRY(add_violation(s->ev, MATCH_RULE_LISTED, v, n, x, want,
                                 "%s gives %s %s h, a listed pair of %s h (all or none)", v, n, h,
                                 f));
        }
    }
    return MATCH_OK;
}

static int check_capacities(eval_state *s, const lm_plan_tally *t)
{
    const match_model *m = s->m;
    char h[32], f[32];
    for (size_t v = 0; v < m->volunteers.len; ++v) {
        const lm_volunteer *vol = &m->volunteers.items[v];
        if (t->vol_hours[v] > vol->hours + tol(vol->hours)) {
            amount_text(h, sizeof h, t->vol_hours[v]);
            amount_text(f, sizeof f, vol->hours);
            LM_TRY(add_violation(s->ev, MATCH_RULE_VOLUNTEER_HOURS, vol->id, NULL, t->vol_hours[v],
                                 vol->hours, "%s gives %s h, offers %s h", vol->id, h, f));
        }
    }
    for (size_t r = 0; r < m->resources.len; ++r) {
        const lm_resource *res = &m->resources.items[r];
        if (t->res_amount[r] > res->amount + tol(res->amount)) {
            amount_text(h, sizeof h, t->res_amount[r]);
            amount_text(f, sizeof f, res->amount);
            LM_TRY(add_violation(s->ev, MATCH_RULE_RESOURCE_AMOUNT, res->id, NULL, t->res_amount[r],
                                 res->amount, "%s gives %s %s, has %s", res->id, h,
                                 lm_tag_name(m, res->type), f));
        }
    }
    return MATCH_OK;
}

/* Rule 1's per-type limit: every type the need gets, asked for or not. */
static int check_types(eval_state *s, size_t i)
{
    const match_model *m = s->m;
    const lm_instance *inst = &s->inst;
    const lm_need *n = &m->needs.items[i];
    size_t lo = inst->need_rpairs[i], hi = inst->need_rpairs[i + 1];
    char h[32], f[32];
    for (size_t k = lo; k < hi; ++k) {
        size_t type = m->resources.items[inst->rpairs[k].resource].type;
        bool first = true;
        for (size_t j = lo; j < k && first; ++j)
            first = m->resources.items[inst->rpairs[j].resource].type != type;
        if (!first)
            continue;
        double got = 0.0;
        for (size_t j = k; j < hi; ++j)
            if (m->resources.items[inst->rpairs[j].resource].type == type)
                got += lm_plan_y(&s->sol, j);
        double asked = lm_need_request_amount(n, type);
        if (got > asked + tol(asked)) {
            amount_text(h, sizeof h, got);
            amount_text(f, sizeof f, asked);
            LM_TRY(add_violation(s->ev, MATCH_RULE_NEED_RESOURCE, n->id, NULL, got, asked,
                                 "%s gets %s %s, asks for %s", n->id, h, lm_tag_name(m, type), f));
        }
    }
    return MATCH_OK;
}

static int check_need(eval_state *s, const lm_plan_tally *t, size_t i)
{
    const match_model *m = s->m;
    const lm_instance *inst = &s->inst;
    const lm_need *n = &m->needs.items[i];
    double c = s->coverage[i];
    char h[32], f[32], cv[32];
    snprintf(cv, sizeof cv, "%.6g", c);

    double own = 0.0; /* hours through pairs that are not listed */
    for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; ++p)
        if (!lm_pair_is_listed(inst, p))
            own += lm_plan_x(&s->sol, p);
    if (own > n->hours + tol(n->hours)) {
        amount_text(h, sizeof h, own);
        amount_text(f, sizeof f, n->hours);
        LM_TRY(add_violation(s->ev, MATCH_RULE_NEED_HOURS, n->id, NULL, own, n->hours,
                             "%s receives %s h, asks for %s h", n->id, h, f));
    }
    LM_TRY(check_types(s, i));

    double received = t->need_hours[i];
    if (n->hours > 0 && c * n->hours > received + tol(n->hours)) {
        amount_text(h, sizeof h, received);
        amount_text(f, sizeof f, n->hours);
        LM_TRY(add_violation(s->ev, MATCH_RULE_COVERAGE_HOURS, n->id, NULL, c, received / n->hours,
                             "%s is at coverage %s with %s h of %s h", n->id, cv, h, f));
    }
    for (size_t k = 0; k < n->n_requests; ++k) {
        double asked = n->requests[k].amount;
        double supply = lm_plan_request_supply(t, i, k);
        if (asked > 0 && c * asked > supply + tol(asked)) {
            amount_text(h, sizeof h, supply);
            amount_text(f, sizeof f, asked);
            LM_TRY(add_violation(s->ev, MATCH_RULE_COVERAGE_RESOURCE, n->id, NULL, c,
                                 supply / asked, "%s is at coverage %s with %s %s of %s", n->id, cv,
                                 h, lm_tag_name(m, n->requests[k].type), f));
        }
    }
    /* Hours land on a need only as far as it is carried out (2026-12). */
    if (n->hours > 0 && own > c * n->hours + tol(n->hours)) {
        amount_text(h, sizeof h, own);
        amount_text(f, sizeof f, c * n->hours);
        LM_TRY(add_violation(s->ev, MATCH_RULE_CARRIED_OUT, n->id, NULL, own, c * n->hours,
                             "%s receives %s h at coverage %s, carries out %s h", n->id, h, cv, f));
    }

    int min_volunteers = lm_need_min_volunteers(n);
    bool whole = n->all_or_nothing || min_volunteers > 1;
    if (whole && c > EVAL_TOL && c < 1.0 - EVAL_TOL) {
        if (n->all_or_nothing)
            LM_TRY(add_violation(s->ev, MATCH_RULE_ALL_OR_NOTHING, n->id, NULL, c, 1.0,
                                 "%s is all-or-nothing at coverage %s", n->id, cv));
        else
            LM_TRY(add_violation(s->ev, MATCH_RULE_ALL_OR_NOTHING, n->id, NULL, c, 1.0,
                                 "%s needs a team of %d, so all or nothing, at coverage %s", n->id,
                                 min_volunteers, cv));
    }
    size_t team = t->need_team[i];
    if (c > EVAL_TOL && min_volunteers > 0 && team < (size_t)min_volunteers)
        LM_TRY(add_violation(s->ev, MATCH_RULE_TEAM, n->id, NULL, (double)team, min_volunteers,
                             "%s has %zu volunteer%s at coverage %s, needs at least %d", n->id,
                             team, team == 1 ? "" : "s", cv, min_volunteers));
    int max_volunteers = lm_need_max_volunteers(n);
    if (max_volunteers >= 0 && team > (size_t)max_volunteers)
        LM_TRY(add_violation(s->ev, MATCH_RULE_MAX_VOLUNTEERS, n->id, NULL, (double)team,
                             max_volunteers, "%s has %zu volunteers, at most %d", n->id, team,
                             max_volunteers));
    if (n->required && c < 1.0 - EVAL_TOL)
        LM_TRY(add_violation(s->ev, MATCH_RULE_REQUIRED, n->id, NULL, c, 1.0,
                             "%s is required, at coverage %s", n->id, cv));
    return MATCH_OK;
}

/* ---- Figures the plan states ------------------------------------------------------------- */

static bool differs(double stated, double counted)
{
    return fabs(stated - counted) > 1e-7 * fmax(1.0, fabs(counted));
}

static int check_figures(eval_state *s, const match_plan *rec)
{
    const match_model *m = s->m;
    const match_plan *plan = s->plan;
    match_evaluation *ev = s->ev;
    char a[32], b[32];
    for (size_t k = 0; k < plan->n_needs; ++k) {
        size_t i = lm_find_need(m, plan->needs[k].id);
        if (i == LM_NONE)
            continue;
        double stated = plan->needs[k].hours, counted = rec->needs[i].hours;
        if (differs(stated, counted)) {
            amount_text(a, sizeof a, stated);
            amount_text(b, sizeof b, counted);
            LM_TRY(add_violation(ev, MATCH_RULE_FIGURES, plan->needs[k].id, NULL, stated, counted,
                                 "%s states %s h, its volunteers give %s h", plan->needs[k].id, a,
                                 b));
        }
    }
    bool *seen = zalloc(m->volunteers.len, sizeof *seen);
    if (seen == NULL)
        return MATCH_ENOMEM;
    int rc = MATCH_OK;
    for (size_t k = 0; k < plan->n_volunteers && rc == MATCH_OK; ++k) {
        const lm_plan_volunteer *pv = &plan->volunteers[k];
        size_t v = lm_find_volunteer(m, pv->id);
        if (v == LM_NONE) {
            rc = add_violation(ev, MATCH_RULE_ITEMS, pv->id, NULL, NAN, NAN,
                               "the plan lists volunteer %s, which the scenario does not have",
                               pv->id);
            continue;
        }
        seen[v] = true;
        const lm_plan_volunteer *cv = &rec->volunteers[v];
        if (differs(pv->hours, cv->hours) || differs(pv->shortfall, cv->shortfall)) {
            amount_text(a, sizeof a, pv->hours);
            amount_text(b, sizeof b, cv->hours);
            rc = add_violation(ev, MATCH_RULE_FIGURES, pv->id, NULL, pv->hours, cv->hours,
                               "%s states %s h (shortfall %.6g), the needs list %s h (shortfall "
                               "%.6g)",
                               pv->id, a, pv->shortfall, b, cv->shortfall);
        }
    }
    for (size_t v = 0; v < m->volunteers.len && rc == MATCH_OK && plan->n_volunteers > 0; ++v)
        if (!seen[v])
            rc = add_violation(ev, MATCH_RULE_FIGURES, m->volunteers.items[v].id, NULL, NAN, NAN,
                               "volunteer %s is missing from the plan's volunteers",
                               m->volunteers.items[v].id);
    free(seen);
    LM_TRY(rc);
    for (size_t k = 0; k < plan->n_units; ++k) {
        const lm_plan_unit *pu = &plan->units[k];
        size_t u = lm_find_unit(m, pu->id);
        if (u == LM_NONE) {
            LM_TRY(add_violation(ev, MATCH_RULE_ITEMS, pu->id, NULL, NAN, NAN,
                                 "the plan lists unit %s, which the scenario does not have",
                                 pu->id));
            continue;
        }
        const lm_plan_unit *cu = &rec->units[u];
        if (pu->projects != cu->projects || pu->shortfall != cu->shortfall)
            LM_TRY(add_violation(ev, MATCH_RULE_FIGURES, pu->id, NULL, pu->projects, cu->projects,
                                 "%s states %d projects (shortfall %d), the needs give %d "
                                 "(shortfall %d)",
                                 pu->id, pu->projects, pu->shortfall, cu->projects, cu->shortfall));
    }
    if (isfinite(plan->objective) && differs(plan->objective, ev->objective))
        LM_TRY(add_violation(ev, MATCH_RULE_FIGURES, "objective", NULL, plan->objective,
                             ev->objective,
                             "the plan states objective %.12g, its numbers give %.12g",
                             plan->objective, ev->objective));
    return MATCH_OK;
}

/* ---- The evaluation -------------------------------------------------------------------- */

static int set_terms(match_evaluation *ev, const lm_plan_tally *t)
{
    const lm_policy *policy = &t->inst->model->policy;
    lm_objective_terms terms;
    int rc_terms = lm_tally_objective_terms(t, &terms);
    if (rc_terms != MATCH_OK)
        return rc_terms;
    ev->terms[MATCH_TERM_COVERAGE] = terms.coverage_value;
    ev->terms[MATCH_TERM_LISTED] = terms.listed_value;
    ev->terms[MATCH_TERM_DISTANCE] = -policy->distance_cost * terms.km_hours;
    ev->terms[MATCH_TERM_VOLUNTEER_SHORTFALL] =
        -policy->volunteer_shortfall_penalty * terms.volunteer_shortfall;
    ev->terms[MATCH_TERM_UNIT_SHORTFALL] = -policy->unit_shortfall_penalty * terms.unit_shortfall;
    ev->terms[MATCH_TERM_CHANGE] = -policy->change_penalty * terms.moved_hours;
    ev->objective = terms.objective;

    json_t *obj = json_object(), *tj = json_object();
    if (obj == NULL || tj == NULL || json_object_set_new(ev->doc, "objective", obj) != 0) {
        json_decref(obj);
        json_decref(tj);
        return MATCH_ENOMEM;
    }
    int bad = json_object_set_new(obj, "stated", lm_json_number(ev->stated_objective));
    bad |= json_object_set_new(obj, "recomputed", lm_json_number(ev->objective));
    bad |= json_object_set_new(obj, "terms", tj);
    for (int k = 0; k < MATCH_TERM_COUNT; ++k)
        bad |= json_object_set_new(tj, term_names[k], lm_json_number(ev->terms[k]));
    bad |= json_object_set_new(obj, "km_hours", lm_json_number(terms.km_hours));
    bad |= json_object_set_new(obj, "volunteer_shortfall_hours",
                               lm_json_number(terms.volunteer_shortfall));
    bad |=
        json_object_set_new(obj, "unit_shortfall_projects", lm_json_number(terms.unit_shortfall));
    bad |= json_object_set_new(obj, "moved_hours", lm_json_number(terms.moved_hours));
    bad |= json_object_set_new(obj, "bound", lm_json_number(t->sol->bound));
    return bad ? MATCH_ENOMEM : MATCH_OK;
}

static int violations_json(match_evaluation *ev)
{
    json_t *list = json_array();
    if (list == NULL || json_object_set_new(ev->doc, "violations", list) != 0)
        return MATCH_ENOMEM;
    int bad = 0;
    for (size_t k = 0; k < ev->n_violations && !bad; ++k) {
        const lm_violation *v = &ev->violations[k];
        json_t *o = json_object();
        if (o == NULL || json_array_append_new(list, o) != 0)
            return MATCH_ENOMEM;
        bad |= json_object_set_new(o, "rule", json_string(rule_names[v->rule]));
        bad |= json_object_set_new(o, "rule_number", json_integer(rule_numbers[v->rule]));
        bad |= json_object_set_new(o, "hard", json_boolean(match_rule_is_hard(v->rule)));
        bad |= json_object_set_new(o, "item", json_string(v->item));
        bad |= json_object_set_new(o, "need", v->need != NULL ? json_string(v->need) : json_null());
        bad |= json_object_set_new(o, "have", lm_json_number(v->have));
        bad |= json_object_set_new(o, "limit", lm_json_number(v->limit));
        bad |= json_object_set_new(o, "text", json_string(v->text));
    }
    bad |= json_object_set_new(ev->doc, "valid", json_boolean(ev->valid));
    return bad ? MATCH_ENOMEM : MATCH_OK;
}

static void state_free(eval_state *s)
{
    lm_instance_free(&s->base);
    lm_instance_free(&s->inst);
    lm_solution_free(&s->sol);
    free(s->pairs);
    free(s->rpairs);
    free(s->coverage);
    free(s->in_plan);
    free(s->vol_mark);
    free(s->res_mark);
}

static int state_init(eval_state *s)
{
    const match_model *m = s->m;
    char errmsg[LM_ERRMSG_SIZE];
    LM_TRY(lm_instance_build(&s->base, m, errmsg));
    s->coverage = zalloc(m->needs.len, sizeof *s->coverage);
    s->in_plan = zalloc(m->needs.len, sizeof *s->in_plan);
    s->vol_mark = zalloc(m->volunteers.len, sizeof *s->vol_mark);
    s->res_mark = zalloc(m->resources.len, sizeof *s->res_mark);
    if (!s->coverage || !s->in_plan || !s->vol_mark || !s->res_mark)
        return MATCH_ENOMEM;
    for (size_t p = 0; p < s->base.n_pairs; ++p) {
        eval_pair e = {.pair = s->base.pairs[p]};
        if (lm_pair_is_listed(&s->base, p)) {
            e.listed = 1;
            e.value = s->base.value[p];
        }
        LM_TRY(push_pair(s, &e));
    }
    for (size_t k = 0; k < s->base.n_rpairs; ++k) {
        eval_rpair e = {.rpair = s->base.rpairs[k]};
        LM_TRY(push_rpair(s, &e));
    }
    return MATCH_OK;
}

static int evaluate(match_evaluation *ev, const match_model *m, const match_plan *plan)
{
    eval_state s;
    memset(&s, 0, sizeof s);
    s.m = m;
    s.plan = plan;
    s.ev = ev;
    lm_solution_init(&s.sol);
    lm_plan_tally t;
    bool tallied = false;
    match_plan *rec = NULL;
    int rc = state_init(&s);
    if (rc == MATCH_OK)
        rc = map_needs(&s);
    if (rc == MATCH_OK)
        rc = build_instance(&s);
    if (rc == MATCH_OK)
        rc = lm_plan_tally_build(&t, &s.inst, &s.sol);
    tallied = rc == MATCH_OK;
    if (rc == MATCH_OK)
        rc = check_pairs(&s);
    if (rc == MATCH_OK)
        rc = check_capacities(&s, &t);
    for (size_t i = 0; i < m->needs.len && rc == MATCH_OK; ++i)
        rc = check_need(&s, &t, i);
    if (rc == MATCH_OK) {
        /* The plan keeps the coverage it states; the builder counts the rest from it. */
        for (size_t i = 0; i < m->needs.len; ++i)
            t.coverage[i] = s.coverage[i];
        rc = lm_plan_build_tallied(&rec, &t, false);
    }
    if (rc == MATCH_OK)
        rc = set_terms(ev, &t);
    if (rc == MATCH_OK)
        rc = check_figures(&s, rec);
    if (rc == MATCH_OK)
        rc = violations_json(ev);
    if (rc == MATCH_OK)
        rc = lm_evaluation_indicators(ev, rec, &t);
    match_plan_destroy(rec);
    if (tallied)
        lm_plan_tally_free(&t);
    state_free(&s);
    return rc;
}

int match_plan_evaluate(match_evaluation **out, const match_model *model, const match_plan *plan)
{
    if (out == NULL)
        return MATCH_EINVAL;
    *out = NULL;
    if (model == NULL || plan == NULL)
        return MATCH_EINVAL;
    match_evaluation *ev = calloc(1, sizeof *ev);
    if (ev == NULL)
        return MATCH_ENOMEM;
    ev->valid = true;
    ev->objective = NAN;
    ev->stated_objective = plan->objective;
    ev->doc = json_object();
    int rc = ev->doc != NULL ? MATCH_OK : MATCH_ENOMEM;
    if (rc == MATCH_OK) {
        int bad = json_object_set_new(ev->doc, "format", json_string("libmatch-evaluation-1"));
        bad |= json_object_set_new(ev->doc, "scenario", json_string(match_model_name(model)));
        bad |= json_object_set_new(ev->doc, "status", json_string(match_status_name(plan->status)));
        rc = bad ? MATCH_ENOMEM : MATCH_OK;
    }
    if (rc == MATCH_OK)
        rc = evaluate(ev, model, plan);
    if (rc != MATCH_OK) {
        match_evaluation_destroy(ev);
        return rc;
    }
    *out = ev;
    return MATCH_OK;
}

void match_evaluation_destroy(match_evaluation *ev)
{
    if (ev == NULL)
        return;
    for (size_t k = 0; k < ev->n_violations; ++k) {
        free(ev->violations[k].item);
        free(ev->violations[k].need);
        free(ev->violations[k].text);
    }
    free(ev->violations);
    json_decref(ev->doc);
    free(ev);
}

int match_evaluation_valid(const match_evaluation *ev)
{
    return ev != NULL && ev->valid;
}

size_t match_evaluation_violation_count(const match_evaluation *ev)
{
    return ev != NULL ? ev->n_violations : 0;
}

static const lm_violation *violation(const match_evaluation *ev, size_t k)
{
    return ev != NULL && k < ev->n_violations ? &ev->violations[k] : NULL;
}

match_rule match_evaluation_violation_rule(const match_evaluation *ev, size_t k)
{
    const lm_violation *v = violation(ev, k);
    return v != NULL ? v->rule : MATCH_RULE_FIGURES;
}

const char *match_evaluation_violation_item(const match_evaluation *ev, size_t k)
{
    const lm_violation *v = violation(ev, k);
    return v != NULL ? v->item : NULL;
}

const char *match_evaluation_violation_need(const match_evaluation *ev, size_t k)
{
    const lm_violation *v = violation(ev, k);
    return v != NULL ? v->need : NULL;
}

double match_evaluation_violation_have(const match_evaluation *ev, size_t k)
{
    const lm_violation *v = violation(ev, k);
    return v != NULL ? v->have : NAN;
}

double match_evaluation_violation_limit(const match_evaluation *ev, size_t k)
{
    const lm_violation *v = violation(ev, k);
    return v != NULL ? v->limit : NAN;
}

const char *match_evaluation_violation_text(const match_evaluation *ev, size_t k)
{
    const lm_violation *v = violation(ev, k);
    return v != NULL ? v->text : NULL;
}

double match_evaluation_objective(const match_evaluation *ev)
{
    return ev != NULL ? ev->objective : NAN;
}

double match_evaluation_stated_objective(const match_evaluation *ev)
{
    return ev != NULL ? ev->stated_objective : NAN;
}

double match_evaluation_term(const match_evaluation *ev, match_term term)
{
    return ev != NULL && (unsigned)term < MATCH_TERM_COUNT ? ev->terms[term] : NAN;
}

double match_evaluation_indicator(const match_evaluation *ev, const char *name)
{
    if (ev == NULL || name == NULL || ev->headline == NULL)
        return NAN;
    const json_t *v = json_object_get(ev->headline, name);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

int match_evaluation_to_json(const match_evaluation *ev, char **out)
{
    if (out == NULL)
        return MATCH_EINVAL;
    *out = NULL;
    if (ev == NULL)
        return MATCH_EINVAL;
    /* Dumped into our own buffer so that match_free() is plain free(). */
    size_t n = json_dumpb(ev->doc, NULL, 0, LM_JSON_DUMP_FLAGS);
    char *text = n > 0 ? malloc(n + 1) : NULL;
    if (text == NULL || json_dumpb(ev->doc, text, n, LM_JSON_DUMP_FLAGS) != n) {
        free(text);
        return MATCH_ENOMEM;
    }
    text[n] = '\0';
    *out = text;
    return MATCH_OK;
}
