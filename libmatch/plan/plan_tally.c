/* One pass over a backend's solution: totals per need, volunteer and resource, and coverage. */
#include "plan_tally.h"

#include <math.h>
#include <stdlib.h>

#include "libmatch/common.h"

static double snap(double v)
{
    /* !(v > 0) also catches NaN, which a broken backend must not turn into a plan value. */
    if (!(v > 0.0))
        return 0.0;
    double r = round(v);
    return fabs(v - r) <= LM_PLAN_EPS ? r : v;
}

double lm_plan_x(const lm_solution *sol, size_t pair)
{
    return sol->x != NULL ? snap(sol->x[pair]) : 0.0;
}

double lm_plan_y(const lm_solution *sol, size_t rpair)
{
    return sol->y != NULL ? snap(sol->y[rpair]) : 0.0;
}

bool lm_plan_serves(const lm_solution *sol, const lm_instance *inst, size_t pair)
{
    if (lm_pair_is_listed(inst, pair)) {
        if (sol->chosen != NULL)
            return sol->chosen[pair] != 0;
        /* A backend that does not say: a listed pair is chosen when it carries its hours. */
        return inst->pairs[pair].upper > 0 && lm_plan_x(sol, pair) > 0;
    }
    return lm_plan_x(sol, pair) >= LM_PLAN_ONE;
}

static void top_init(lm_plan_top *top)
{
    top->need[0] = top->need[1] = LM_NONE;
    top->amount[0] = top->amount[1] = 0.0;
}

/* Needs arrive in increasing order, so strict comparisons keep the earlier need on ties. */
static void top_add(lm_plan_top *top, size_t need, double amount)
{
    if (amount > top->amount[0]) {
        top->need[1] = top->need[0];
        top->amount[1] = top->amount[0];
        top->need[0] = need;
        top->amount[0] = amount;
    } else if (amount > top->amount[1]) {
        top->need[1] = need;
        top->amount[1] = amount;
    }
}

size_t lm_plan_top_other(const lm_plan_top *top, size_t need)
{
    return top->need[0] != need ? top->need[0] : top->need[1];
}

double lm_plan_request_supply(const lm_plan_tally *t, size_t need, size_t request)
{
    const lm_instance *inst = t->inst;
    double supply = 0.0;
    for (size_t k = inst->need_rpairs[need]; k < inst->need_rpairs[need + 1]; ++k)
        if (inst->rpairs[k].request == request)
            supply += lm_plan_y(t->sol, k);
    return supply;
}

/* docs/model.md rules 2 and 3: the largest c the assignment supports. */
static double need_coverage(const lm_plan_tally *t, size_t i)
{
    if (!t->has_plan)
        return 0.0;
    const lm_need *n = &t->inst->model->needs.items[i];
    double c = 1.0;
    if (n->hours > 0.0)
        c = fmin(c, t->need_hours[i] / n->hours);
    for (size_t k = 0; k < n->n_requests; ++k)
        if (n->requests[k].amount > 0.0)
            c = fmin(c, lm_plan_request_supply(t, i, k) / n->requests[k].amount);
    if (c < 0.0)
        c = 0.0;
    int min_volunteers = lm_need_min_volunteers(n);
    if (n->all_or_nothing || min_volunteers > 1)
        c = c >= 1.0 - LM_PLAN_EPS ? 1.0 : 0.0;
    if (min_volunteers > 0 && t->need_team[i] < (size_t)min_volunteers)
        c = 0.0;
    /* Whole-number hours over whole-number needs are exact, but fractional needs are not. */
    if (c >= 1.0 - 1e-9)
        c = 1.0;
    return c;
}

static void *zalloc(size_t n, size_t size)
{
    /* calloc(0) may return NULL; one element keeps "NULL means no memory" true. */
    return calloc(n > 0 ? n : 1, size);
}

int lm_plan_tally_build(lm_plan_tally *t, const lm_instance *inst, const lm_solution *sol)
{
    const match_model *m = inst->model;
    size_t n_needs = m->needs.len, n_vols = m->volunteers.len, n_res = m->resources.len;

    t->inst = inst;
    t->sol = sol;
    t->has_plan = sol->x != NULL;
    t->need_hours = zalloc(n_needs, sizeof *t->need_hours);
    t->need_team = zalloc(n_needs, sizeof *t->need_team);
    t->coverage = zalloc(n_needs, sizeof *t->coverage);
    t->vol_hours = zalloc(n_vols, sizeof *t->vol_hours);
    t->vol_top = zalloc(n_vols, sizeof *t->vol_top);
    t->res_amount = zalloc(n_res, sizeof *t->res_amount);
    t->res_top = zalloc(n_res, sizeof *t->res_top);
    if (!t->need_hours || !t->need_team || !t->coverage || !t->vol_hours || !t->vol_top ||
        !t->res_amount || !t->res_top) {
        lm_plan_tally_free(t);
        return MATCH_ENOMEM;
    }
    for (size_t v = 0; v < n_vols; ++v)
        top_init(&t->vol_top[v]);
    for (size_t r = 0; r < n_res; ++r)
        top_init(&t->res_top[r]);

    for (size_t p = 0; p < inst->n_pairs; ++p) {
        const lm_pair *pair = &inst->pairs[p];
        double x = lm_plan_x(sol, p);
        t->need_hours[pair->need] += x;
        t->vol_hours[pair->volunteer] += x;
        if (lm_plan_serves(sol, inst, p)) {
            t->need_team[pair->need]++;
            top_add(&t->vol_top[pair->volunteer], pair->need, x);
        }
    }
    for (size_t k = 0; k < inst->n_rpairs; ++k) {
        const lm_rpair *rp = &inst->rpairs[k];
        double y = lm_plan_y(sol, k);
        t->res_amount[rp->resource] += y;
        if (y >= LM_PLAN_ONE)
            top_add(&t->res_top[rp->resource], rp->need, y);
    }
    for (size_t i = 0; i < n_needs; ++i)
        t->coverage[i] = need_coverage(t, i);
    return MATCH_OK;
}

void lm_plan_tally_free(lm_plan_tally *t)
{
    free(t->need_hours);
    free(t->need_team);
    free(t->coverage);
    free(t->vol_hours);
    free(t->vol_top);
    free(t->res_amount);
    free(t->res_top);
    t->need_hours = t->coverage = t->vol_hours = t->res_amount = NULL;
    t->need_team = NULL;
    t->vol_top = t->res_top = NULL;
}
