/*
 * Explains why a need is not fully covered, in plain English an analyst can act on. A
 * reason is a list of clauses joined by "; ", in this order:
 *   1. what the plan gave (partly covered, or a team need that could not be completed);
 *   2. hard limits no plan could beat (nobody eligible, too few, no resource of a type);
 *   3. competition: the eligible people or resources are busy with other needs;
 *   4. otherwise, the objective's choice: not worth covering at the current weights.
 * Every clause is computed from the model and the solution only, in model order, so the
 * same plan always gets the same words. Each clause is also kept as a structured reason (a
 * match_reason_code with its numbers, include/libmatch/explain.h).
 */
#include "plan_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libmatch/explain.h"
#include "../model/geo.h"
#include "../pairs/pair_index.h"
#include "../pairs/previous_pairs.h"
#include "../solution/tally.h"

/* How many busy volunteers or resources a reason names as examples. */
#define EXAMPLES LM_REASON_EXAMPLES

/* ---- A growable string; a failed allocation sticks and is reported once at the end. --- */

typedef struct text {
    char *s;
    size_t len, cap;
    bool failed;
    /* The clauses as structured reasons; starts[k] is where clause k's words begin. */
    lm_reason *reasons;
    size_t *starts;
    size_t n_reasons, cap_reasons, cap_starts;
    lm_reason scratch; /* filled in, and dropped, when memory ran out */
} text;

static void text_add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void text_add(text *t, const char *fmt, ...)
{
    if (t->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !lm_reserve((void **)&t->s, &t->cap, t->len + (size_t)n + 1, 1)) {
        t->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

/* Starts a new clause ("; " after an earlier one) and its structured reason, returned for
 * the caller to fill in. */
static lm_reason *text_clause(text *t, match_reason_code code)
{
    if (t->len > 0)
        text_add(t, "; ");
    if (t->failed ||
        !lm_reserve((void **)&t->reasons, &t->cap_reasons, t->n_reasons + 1, sizeof *t->reasons) ||
        !lm_reserve((void **)&t->starts, &t->cap_starts, t->n_reasons + 1, sizeof *t->starts)) {
        t->failed = true;
        lm_reason_clear(&t->scratch); /* what an earlier dropped clause copied */
        return &t->scratch;
    }
    lm_reason *r = &t->reasons[t->n_reasons];
    *r = (lm_reason){.code = code, .have = NAN, .want = NAN};
    t->starts[t->n_reasons++] = t->len;
    return r;
}

static char *copy_string(text *t, const char *s)
{
    char *c = lm_strdup(s);
    if (c == NULL)
        t->failed = true;
    return c;
}

void lm_reason_clear(lm_reason *r)
{
    free(r->text);
    free(r->type);
    for (size_t e = 0; e < r->n_examples; ++e) {
        free(r->examples[e].item);
        free(r->examples[e].need);
        free(r->examples[e].item_name);
        free(r->examples[e].need_name);
    }
    *r = (lm_reason){0};
}

static void text_free(text *t)
{
    for (size_t k = 0; k < t->n_reasons; ++k)
        lm_reason_clear(&t->reasons[k]);
    lm_reason_clear(&t->scratch);
    free(t->reasons);
    free(t->starts);
    free(t->s);
    *t = (text){0};
}

/* Hands over the joined words and the reasons, each with its own words. */
static int text_finish(text *t, char **words, lm_reason **reasons, size_t *n_reasons)
{
    for (size_t k = 0; !t->failed && k < t->n_reasons; ++k) {
        size_t end = k + 1 < t->n_reasons ? t->starts[k + 1] - 2 : t->len; /* before "; " */
        size_t len = end - t->starts[k];
        char *c = malloc(len + 1);
        if (c == NULL) {
            t->failed = true;
            break;
        }
        memcpy(c, t->s + t->starts[k], len);
        c[len] = '\0';
        t->reasons[k].text = c;
    }
    if (t->failed || t->s == NULL) {
        text_free(t);
        return MATCH_ENOMEM;
    }
    *words = t->s;
    *reasons = t->reasons;
    *n_reasons = t->n_reasons;
    free(t->starts);
    return MATCH_OK;
}

/* ---- Helpers -------------------------------------------------------------------------- */

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* Hours the volunteer has left after the whole plan, in whole hours. */
static double volunteer_free(const lm_plan_tally *t, size_t v)
{
    double left = t->inst->model->volunteers.items[v].hours - t->vol_hours[v];
    return left > 0.0 ? lm_solved_whole_down(left) : 0.0;
}

static double resource_free(const lm_plan_tally *t, size_t r)
{
    double left = t->inst->model->resources.items[r].amount - t->res_amount[r];
    return left > 0.0 ? lm_solved_whole_down(left) : 0.0;
}

/* The pair of need j with volunteer (or resource) `item`, LM_NONE if none. */
static size_t find_pair(const lm_instance *inst, bool volunteers, size_t j, size_t item)
{
    return volunteers ? lm_instance_find_pair(inst, item, j)
                      : lm_instance_find_rpair(inst, item, j);
}

/* What one hour of volunteer pair p (or one unit of resource pair p) is worth to its need:
 * the need's weight over the hours (amount of the type) it asks, less the hour's travel. */
static double unit_value(const lm_instance *inst, bool volunteers, size_t p)
{
    const match_model *m = inst->model;
    size_t need = volunteers ? inst->pairs[p].need : inst->rpairs[p].need;
    const lm_need *n = &m->needs.items[need];
    double weight = m->policy.priority_weights[n->priority - 1];
    if (!volunteers)
        return weight / n->requests[inst->rpairs[p].request].amount;
    double per_hour = n->hours > 0.0 ? weight / n->hours : 0.0;
    return per_hour - m->policy.distance_cost * inst->pairs[p].distance_km;
}

/* Fills r's examples: up to EXAMPLES eligible items with no whole hour (unit) left that
 * serve another need, in model order, each with what an hour is worth there and here. */
static void collect_examples(text *out, lm_reason *r, const lm_plan_tally *t, size_t need,
                             bool volunteers, size_t request)
{
    const lm_instance *inst = t->inst;
    const match_model *m = inst->model;
    size_t lo = volunteers ? inst->need_pairs[need] : inst->need_rpairs[need];
    size_t hi = volunteers ? inst->need_pairs[need + 1] : inst->need_rpairs[need + 1];
    for (size_t p = lo; p < hi && r->n_examples < EXAMPLES; ++p) {
        const char *id, *name;
        size_t item, other;
        if (volunteers) {
            item = inst->pairs[p].volunteer;
            if (volunteer_free(t, item) >= 1.0)
                continue;
            id = m->volunteers.items[item].id;
            name = m->volunteers.items[item].name;
            other = lm_plan_top_other(&t->vol_top[item], need);
        } else {
            if (inst->rpairs[p].request != request)
                continue;
            item = inst->rpairs[p].resource;
            if (resource_free(t, item) >= 1.0)
                continue;
            id = m->resources.items[item].id;
            name = m->resources.items[item].name;
            other = lm_plan_top_other(&t->res_top[item], need);
        }
        size_t there = other != LM_NONE ? find_pair(inst, volunteers, other, item) : LM_NONE;
        if (there == LM_NONE)
            continue;
        lm_reason_example *e = &r->examples[r->n_examples++];
        e->item = copy_string(out, id);
        e->need = copy_string(out, m->needs.items[other].id);
        e->item_name = name != NULL ? copy_string(out, name) : NULL;
        e->need_name = m->needs.items[other].name != NULL
                           ? copy_string(out, m->needs.items[other].name)
                           : NULL;
        e->value_there = unit_value(inst, volunteers, there);
        e->value_here = unit_value(inst, volunteers, p);
    }
}

/* Whom the busy items serve, as exactly as the examples allow: "needs of higher value" only
 * when every example is worth more there than here. */
static const char *busy_with(const lm_reason *r)
{
    if (r->n_examples == 0)
        return "other needs";
    bool higher = true, at_least = true;
    for (size_t e = 0; e < r->n_examples; ++e) {
        double there = r->examples[e].value_there, here = r->examples[e].value_here;
        higher = higher && there > here + LM_TOL_SOLVED;
        at_least = at_least && there >= here - LM_TOL_SOLVED;
    }
    return higher     ? "needs of higher value"
           : at_least ? "needs of equal or higher value"
                      : "other needs";
}

/* ", e.g. V0003 on N0007 (8 vs 2 per hour), ..." */
static void add_examples(text *out, const lm_reason *r, const char *unit)
{
    for (size_t e = 0; e < r->n_examples; ++e) {
        const lm_reason_example *x = &r->examples[e];
        text_add(out, "%s %s", e == 0 ? ", e.g." : ",", x->item ? x->item : "");
        if (x->item_name != NULL)
            text_add(out, " (%s)", x->item_name);
        text_add(out, " on %s", x->need ? x->need : "");
        if (x->need_name != NULL)
            text_add(out, " (%s)", x->need_name);
        text_add(out, " (%.4g vs %.4g per %s)", x->value_there, x->value_here, unit);
    }
}

/* ---- 1. What the plan gave ------------------------------------------------------------ */

static bool need_got_something(const lm_plan_tally *t, size_t i)
{
    if (t->need_hours[i] >= LM_SOLVED_ONE || t->need_team[i] > 0)
        return true;
    const lm_instance *inst = t->inst;
    for (size_t k = inst->need_rpairs[i]; k < inst->need_rpairs[i + 1]; ++k)
        if (lm_plan_y(t->sol, k) >= LM_SOLVED_ONE)
            return true;
    return false;
}

/* "30 of 40 hours, 2 of 3 volunteers, 0 of 1 venue": what falls short of the request. */
static void add_shortfalls(text *out, const lm_plan_tally *t, size_t i, bool team)
{
    const match_model *m = t->inst->model;
    const lm_need *n = &m->needs.items[i];
    const char *sep = "";
    if (n->hours > 0.0 && t->need_hours[i] < n->hours - LM_TOL_SOLVED) {
        text_add(out, "%.10g of %.10g hours", t->need_hours[i], n->hours);
        sep = ", ";
    }
    int min_volunteers = lm_need_min_volunteers(n);
    if (team && min_volunteers > 0 && t->need_team[i] < (size_t)min_volunteers) {
        text_add(out, "%s%zu of %d volunteers", sep, t->need_team[i], min_volunteers);
        sep = ", ";
    }
    for (size_t k = 0; k < n->n_requests; ++k) {
        double supply = lm_plan_request_supply(t, i, k);
        if (supply < n->requests[k].amount - LM_TOL_SOLVED) {
            text_add(out, "%s%.10g of %.10g %s", sep, supply, n->requests[k].amount,
                     lm_tag_name(m, n->requests[k].type));
            sep = ", ";
        }
    }
}

static bool add_state(text *out, const lm_plan_tally *t, size_t i)
{
    const lm_need *n = &t->inst->model->needs.items[i];
    int min_volunteers = lm_need_min_volunteers(n);
    bool team = n->all_or_nothing || min_volunteers > 1;

    if (t->coverage[i] > 0.0) {
        lm_reason *r = text_clause(out, MATCH_REASON_PARTLY_COVERED);
        r->have = t->coverage[i];
        r->want = 1.0;
        text_add(out, "partly covered: ");
        add_shortfalls(out, t, i, false);
        return true;
    }
    if (!team || !need_got_something(t, i))
        return false;
    lm_reason *r = text_clause(out, MATCH_REASON_TEAM_INCOMPLETE);
    if (min_volunteers > 1) {
        r->have = (double)t->need_team[i];
        r->want = min_volunteers;
    }
    if (n->all_or_nothing)
        text_add(out, "all-or-nothing: only ");
    else
        text_add(out, "needs a team of %d: only ", min_volunteers);
    add_shortfalls(out, t, i, true);
    text_add(out, " could be gathered");
    return true;
}

/* ---- 2. Hard limits ------------------------------------------------------------------- */

static void add_skills(text *out, const match_model *m, const lm_need *n)
{
    for (size_t k = 0; k < n->skills.len; ++k)
        text_add(out, "%s%s", k == 0 ? "" : " or ", lm_tag_name(m, n->skills.tags[k]));
}

static void add_no_volunteer(text *out, const lm_plan_tally *t, size_t i)
{
    const match_model *m = t->inst->model;
    const lm_need *n = &m->needs.items[i];
    lm_reason *r = text_clause(out, MATCH_REASON_NO_VOLUNTEER);
    r->have = 0.0;
    r->want = n->hours;
    text_add(out, "no eligible volunteer");
    if (m->volunteers.len == 0) {
        text_add(out, ": the scenario has no volunteers");
        return;
    }
    if (m->policy.eligibility == LM_ELIGIBILITY_PAIRS_ONLY) {
        text_add(out, ": no pair lists it, and the policy's eligibility is pairs_only");
        return;
    }
    if (t->inst->filters == NULL)
        return;
    const lm_need_filters *f = &t->inst->filters[i];
    r->filtered[MATCH_FILTER_DISTANCE] = f->out_of_reach;
    r->filtered[MATCH_FILTER_SKILL] = f->no_skill;
    r->filtered[MATCH_FILTER_SLOT] = f->no_slot;
    r->filtered[MATCH_FILTER_FORBIDDEN] = f->forbidden;
    r->filtered[MATCH_FILTER_CAPACITY] = f->no_hours;
    const char *sep = ": ";
    if (f->out_of_reach > 0) {
        text_add(out, "%s%zu out of reach", sep, f->out_of_reach);
        sep = ", ";
    }
    if (f->no_skill > 0) {
        text_add(out, "%s%zu lack %s ", sep, f->no_skill, plural(n->skills.len, "skill", "skills"));
        add_skills(out, m, n);
        sep = ", ";
    }
    if (f->no_slot > 0) {
        text_add(out, "%s%zu share no time slot", sep, f->no_slot);
        sep = ", ";
    }
    if (f->forbidden > 0) {
        text_add(out, "%s%zu forbidden", sep, f->forbidden);
        sep = ", ";
    }
    if (f->no_hours > 0)
        text_add(out, "%s%zu have no hours to give", sep, f->no_hours);
}

/* What pair p could give its need at most: its bound, except that a listed pair whose hours
 * exceed its volunteer's can give nothing (it is chosen whole or not at all). */
static double pair_offer(const lm_instance *inst, size_t p)
{
    const lm_pair *pr = &inst->pairs[p];
    if (lm_pair_is_listed(inst, p) &&
        pr->upper > inst->model->volunteers.items[pr->volunteer].hours + LM_TOL_SOLVED)
        return 0.0;
    return pr->upper;
}

/* "2 listed pairs ask more hours than their volunteers have, e.g. V1 (4 of 3 h)". */
static bool add_listed_too_long(text *out, const lm_plan_tally *t, size_t i)
{
    const lm_instance *inst = t->inst;
    const match_model *m = inst->model;
    size_t count = 0, example = LM_NONE;
    for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; ++p) {
        if (lm_pair_is_listed(inst, p) && pair_offer(inst, p) <= 0 && inst->pairs[p].upper > 0) {
            if (count++ == 0)
                example = p;
        }
    }
    if (count == 0)
        return false;
    const lm_pair *pr = &inst->pairs[example];
    lm_reason *r = text_clause(out, MATCH_REASON_PAIRS_TOO_LONG);
    r->have = m->volunteers.items[pr->volunteer].hours;
    r->want = pr->upper;
    text_add(out, "%zu listed %s more hours than %s volunteer%s, e.g. %s (%.10g of %.10g h)", count,
             plural(count, "pair asks", "pairs ask"), plural(count, "its", "their"),
             plural(count, " has", "s have"), m->volunteers.items[pr->volunteer].id, pr->upper,
             m->volunteers.items[pr->volunteer].hours);
    return true;
}

static bool add_volunteer_limits(text *out, const lm_plan_tally *t, size_t i)
{
    const lm_instance *inst = t->inst;
    const lm_need *n = &inst->model->needs.items[i];
    size_t lo = inst->need_pairs[i], hi = inst->need_pairs[i + 1];
    size_t eligible = hi - lo;
    int min_volunteers = lm_need_min_volunteers(n);
    bool any = false;

    if ((n->hours > 0.0 || n->n_listed > 0) && eligible == 0) {
        add_no_volunteer(out, t, i);
        return true;
    }
    int max_volunteers = lm_need_max_volunteers(n);
    if (max_volunteers >= 0 && max_volunteers < min_volunteers) {
        lm_reason *r = text_clause(out, MATCH_REASON_TEAM_LIMIT);
        r->have = max_volunteers;
        r->want = min_volunteers;
        text_add(out, "needs %d distinct %s but allows at most %d (max_volunteers)", min_volunteers,
                 plural((size_t)min_volunteers, "volunteer", "volunteers"), max_volunteers);
        any = true;
    }
    if (min_volunteers > 0 && eligible < (size_t)min_volunteers) {
        lm_reason *r = text_clause(out, MATCH_REASON_TOO_FEW_VOLUNTEERS);
        r->have = (double)eligible;
        r->want = min_volunteers;
        text_add(out, "needs %d distinct %s, only %zu eligible", min_volunteers,
                 plural((size_t)min_volunteers, "volunteer", "volunteers"), eligible);
        any = true;
    }
    if (add_listed_too_long(out, t, i))
        any = true;
    if (n->hours > 0.0) {
        double offered = 0.0;
        for (size_t p = lo; p < hi; ++p)
            offered += pair_offer(inst, p);
        if (offered < n->hours - LM_TOL_SOLVED) {
            lm_reason *r = text_clause(out, MATCH_REASON_TOO_FEW_HOURS);
            r->have = offered;
            r->want = n->hours;
            text_add(out, "eligible volunteers offer only %.10g of %.10g hours", offered, n->hours);
            any = true;
        }
    }
    return any;
}

/* Why no resource of the requested type was paired with the need: none exists, or each
 * resource of the type fails a rule of lm_resource_may_serve(), counted at the first it
 * fails. */
static void add_no_resource(text *out, const lm_plan_tally *t, size_t i, size_t k)
{
    const match_model *m = t->inst->model;
    const lm_need *n = &m->needs.items[i];
    size_t type = n->requests[k].type;
    size_t of_type = 0, other_category = 0, far = 0, empty = 0;
    for (size_t r = 0; r < m->resources.len; ++r) {
        const lm_resource *res = &m->resources.items[r];
        if (res->type != type)
            continue;
        of_type++;
        switch (lm_resource_may_serve(m, res, n, k, NULL, NULL)) {
        case LM_RESOURCE_OTHER_CATEGORY:
            other_category++;
            break;
        case LM_RESOURCE_OUT_OF_REACH:
            far++;
            break;
        case LM_RESOURCE_NO_WHOLE_UNIT:
            empty++;
            break;
        case LM_RESOURCE_SERVES:
            break;
        }
    }
    const char *name = lm_tag_name(m, type);
    lm_reason *r = text_clause(out, MATCH_REASON_NO_RESOURCE);
    r->type = copy_string(out, name);
    r->filtered[MATCH_FILTER_CATEGORY] = other_category;
    r->filtered[MATCH_FILTER_DISTANCE] = far;
    r->filtered[MATCH_FILTER_CAPACITY] = empty;
    r->have = 0.0;
    r->want = n->requests[k].amount;
    if (of_type == 0) {
        text_add(out, "no unit offers a resource of type %s", name);
    } else if (other_category == of_type) {
        text_add(out, "no resource of type %s serves category %s", name,
                 lm_tag_name(m, n->category));
    } else if (empty == 0) {
        text_add(out, "no resource of type %s within reach", name);
        if (other_category > 0)
            text_add(out, " (%zu of %zu serve other categories)", other_category, of_type);
    } else {
        text_add(out, "no resource of type %s within reach has a whole unit to give", name);
    }
}

static bool add_resource_limits(text *out, const lm_plan_tally *t, size_t i)
{
    const lm_instance *inst = t->inst;
    const match_model *m = inst->model;
    const lm_need *n = &m->needs.items[i];
    bool any = false;
    for (size_t k = 0; k < n->n_requests; ++k) {
        size_t count = 0;
        double offered = 0.0;
        for (size_t p = inst->need_rpairs[i]; p < inst->need_rpairs[i + 1]; ++p) {
            if (inst->rpairs[p].request == k) {
                count++;
                offered += inst->rpairs[p].upper;
            }
        }
        if (count == 0) {
            add_no_resource(out, t, i, k);
            any = true;
        } else if (offered < n->requests[k].amount - LM_TOL_SOLVED) {
            lm_reason *r = text_clause(out, MATCH_REASON_TOO_LITTLE_RESOURCE);
            r->type = copy_string(out, lm_tag_name(m, n->requests[k].type));
            r->have = offered;
            r->want = n->requests[k].amount;
            text_add(out, "resources of type %s within reach offer only %.10g of %.10g",
                     lm_tag_name(m, n->requests[k].type), offered, n->requests[k].amount);
            any = true;
        }
    }
    return any;
}

/* ---- 3. Competition ------------------------------------------------------------------- */

static bool add_volunteer_competition(text *out, const lm_plan_tally *t, size_t i)
{
    const lm_instance *inst = t->inst;
    const lm_need *n = &inst->model->needs.items[i];
    size_t lo = inst->need_pairs[i], hi = inst->need_pairs[i + 1];
    if (lo == hi)
        return false;

    /* available: what the need could get if nobody else gave more; offered: what it could
     * get if the volunteers served it alone. The gap is what other needs took. */
    double available = 0.0, offered = 0.0;
    size_t free_people = 0;
    for (size_t p = lo; p < hi; ++p) {
        double x = lm_plan_x(t->sol, p);
        double left = volunteer_free(t, inst->pairs[p].volunteer);
        double offer = pair_offer(inst, p);
        if (lm_pair_is_listed(inst, p))
            /* Whole or nothing: the pair fits in what is left, or gives nothing. */
            available +=
                lm_plan_serves(t->sol, inst, p) || left >= offer - LM_TOL_SOLVED ? offer : 0;
        else
            available += fmin(offer, x + left);
        offered += offer;
        if (lm_plan_serves(t->sol, inst, p) || left >= LM_SOLVED_ONE)
            free_people++;
    }
    size_t eligible = hi - lo;
    int min_volunteers = lm_need_min_volunteers(n);

    if (n->hours > 0.0 && t->need_hours[i] < n->hours - LM_TOL_SOLVED &&
        available < n->hours - LM_TOL_SOLVED && available < offered - LM_TOL_SOLVED) {
        lm_reason *r = text_clause(out, MATCH_REASON_VOLUNTEERS_BUSY);
        r->have = available;
        r->want = n->hours;
        collect_examples(out, r, t, i, true, 0);
        if (available <= t->need_hours[i] + LM_TOL_SOLVED)
            text_add(out, "eligible volunteers (%zu) are all used by %s", eligible, busy_with(r));
        else
            text_add(out,
                     "eligible volunteers (%zu) have only %.10g of the %.10g hours free, the "
                     "rest is used by %s",
                     eligible, available, n->hours, busy_with(r));
        add_examples(out, r, "hour");
        return true;
    }
    if (min_volunteers > 1 && eligible >= (size_t)min_volunteers &&
        free_people < (size_t)min_volunteers) {
        lm_reason *r = text_clause(out, MATCH_REASON_VOLUNTEERS_BUSY);
        r->have = (double)free_people;
        r->want = min_volunteers;
        collect_examples(out, r, t, i, true, 0);
        text_add(out,
                 "only %zu of %zu eligible volunteers have hours free, %d needed; the others "
                 "are used by %s",
                 free_people, eligible, min_volunteers, busy_with(r));
        add_examples(out, r, "hour");
        return true;
    }
    return false;
}

static bool add_resource_competition(text *out, const lm_plan_tally *t, size_t i)
{
    const lm_instance *inst = t->inst;
    const match_model *m = inst->model;
    const lm_need *n = &m->needs.items[i];
    bool any = false;
    for (size_t k = 0; k < n->n_requests; ++k) {
        double amount = n->requests[k].amount;
        double available = 0.0, offered = 0.0;
        size_t count = 0;
        for (size_t p = inst->need_rpairs[i]; p < inst->need_rpairs[i + 1]; ++p) {
            const lm_rpair *rp = &inst->rpairs[p];
            if (rp->request != k)
                continue;
            double y = lm_plan_y(t->sol, p);
            available += fmin(rp->upper, y + resource_free(t, rp->resource));
            offered += rp->upper;
            count++;
        }
        double supply = lm_plan_request_supply(t, i, k);
        if (count == 0 || supply >= amount - LM_TOL_SOLVED || available >= amount - LM_TOL_SOLVED ||
            available >= offered - LM_TOL_SOLVED)
            continue;
        const char *name = lm_tag_name(m, n->requests[k].type);
        lm_reason *r = text_clause(out, MATCH_REASON_RESOURCES_BUSY);
        r->type = copy_string(out, name);
        r->have = available;
        r->want = amount;
        collect_examples(out, r, t, i, false, k);
        if (available <= supply + LM_TOL_SOLVED)
            text_add(out, "eligible resources of type %s (%zu) are all used by %s", name, count,
                     busy_with(r));
        else
            text_add(out,
                     "eligible resources of type %s (%zu) have only %.10g of the %.10g free, "
                     "the rest is used by %s",
                     name, count, available, amount, busy_with(r));
        add_examples(out, r, "unit");
        any = true;
    }
    return any;
}

/* ---- Putting it together -------------------------------------------------------------- */

static const char *no_plan_reason(match_status status)
{
    switch (status) {
    case MATCH_STATUS_INFEASIBLE:
        return "no plan: the scenario is infeasible";
    case MATCH_STATUS_TIME_LIMIT:
        return "no plan: time ran out before a plan was found";
    case MATCH_STATUS_INTERRUPTED:
        return "no plan: the solve was interrupted before a plan was found";
    default:
        return "no plan: the solver failed";
    }
}

int lm_unmet_reasons_tallied(const lm_plan_tally *t, size_t need, char **words, lm_reason **reasons,
                             size_t *n_reasons)
{
    text out = {0};
    if (!t->has_plan) {
        text_clause(&out, MATCH_REASON_NO_PLAN);
        text_add(&out, "%s", no_plan_reason(t->sol->status));
        add_volunteer_limits(&out, t, need);
        add_resource_limits(&out, t, need);
        return text_finish(&out, words, reasons, n_reasons);
    }
    if (t->coverage[need] >= 1.0) {
        /* Fully covered: words for a caller that asks anyway, and no reason. */
        text_add(&out, "fully covered");
        return text_finish(&out, words, reasons, n_reasons);
    }

    bool state = add_state(&out, t, need);
    bool hard = add_volunteer_limits(&out, t, need);
    hard = add_resource_limits(&out, t, need) || hard;
    bool busy = add_volunteer_competition(&out, t, need);
    busy = add_resource_competition(&out, t, need) || busy;
    if (!hard && !busy) {
        /* Nothing outside blocked it, so the objective chose not to (or, short of optimal,
         * the solver had not found the better plan yet). */
        bool proven = t->sol->status == MATCH_STATUS_OPTIMAL;
        const char *what = !state                    ? "covering"
                           : t->coverage[need] > 0.0 ? "covering further"
                                                     : "completing";
        text_clause(&out, proven ? MATCH_REASON_NOT_WORTH : MATCH_REASON_NOT_FOUND);
        if (proven)
            text_add(&out, "not worth %s at the current weights and costs", what);
        else
            text_add(&out, "not %s in the best plan found before the solver stopped", what);
    }
    return text_finish(&out, words, reasons, n_reasons);
}

static void reasons_free(lm_reason *reasons, size_t n)
{
    for (size_t k = 0; k < n; ++k)
        lm_reason_clear(&reasons[k]);
    free(reasons);
}

char *lm_unmet_reason_tallied(const lm_plan_tally *t, size_t need)
{
    char *words = NULL;
    lm_reason *reasons = NULL;
    size_t n = 0;
    if (lm_unmet_reasons_tallied(t, need, &words, &reasons, &n) != MATCH_OK)
        return NULL;
    reasons_free(reasons, n);
    return words;
}

int lm_unmet_reasons(const lm_instance *inst, const lm_solution *sol, size_t need, char **words,
                     lm_reason **reasons, size_t *n_reasons)
{
    lm_plan_tally t;
    if (lm_plan_tally_build(&t, inst, sol) != MATCH_OK)
        return MATCH_ENOMEM;
    int rc = lm_unmet_reasons_tallied(&t, need, words, reasons, n_reasons);
    lm_plan_tally_free(&t);
    return rc;
}

char *lm_unmet_reason(const lm_instance *inst, const lm_solution *sol, size_t need)
{
    lm_plan_tally t;
    if (lm_plan_tally_build(&t, inst, sol) != MATCH_OK)
        return NULL;
    char *reason = lm_unmet_reason_tallied(&t, need);
    lm_plan_tally_free(&t);
    return reason;
}
