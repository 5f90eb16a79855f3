/* A need receives volunteer hours only as far as it is carried out (carry.h). */
#include "carry.h"

#include <math.h>

#include "libmatch/common.h"

/* Whole hours are exact; the slack only forgives a fractional need's rounding. */
static double slack(double hours)
{
    return LM_TOL_SOLVED * (hours > 1.0 ? hours : 1.0);
}

static double computed_hours(const lm_plan_tally *t, size_t i)
{
    const lm_instance *inst = t->inst;
    double sum = 0.0;
    for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; ++p)
        if (!lm_pair_is_listed(inst, p))
            sum += lm_plan_x(t->sol, p);
    return sum;
}

double lm_tally_uncarried_hours(const lm_plan_tally *t, size_t i)
{
    if (!t->has_plan)
        return 0.0;
    const lm_instance *inst = t->inst;
    double hours = inst->model->needs.items[i].hours;
    double excess = computed_hours(t, i) - t->coverage[i] * (hours > 0 ? hours : 0.0);
    if (excess <= slack(hours))
        excess = 0.0;
    if (t->coverage[i] <= 0.0)
        for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; ++p)
            if (lm_pair_is_listed(inst, p) && lm_plan_serves(t->sol, inst, p))
                excess += inst->pairs[p].upper > 0 ? inst->pairs[p].upper : LM_TOL_SOLVED;
    return excess;
}

size_t lm_tally_first_uncarried(const lm_plan_tally *t)
{
    for (size_t i = 0; i < t->inst->model->needs.len; ++i)
        if (lm_tally_uncarried_hours(t, i) > 0.0)
            return i;
    return LM_NONE;
}

/* The least x of a computed pair: its fixed hours rounded up, as the integer program has it. */
static double least_hours(const lm_pair *pair)
{
    return pair->fixed_hours > 0 ? lm_whole_up(pair->fixed_hours) : 0.0;
}

/* Cuts need i's computed pairs to `target` hours in all, from the last pair on. */
static size_t cut_need(const lm_instance *inst, lm_solution *sol, size_t i, double target)
{
    double over = -target;
    for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; ++p)
        if (!lm_pair_is_listed(inst, p))
            over += lm_plan_x(sol, p);
    size_t stuck = LM_NONE;
    for (size_t p = inst->need_pairs[i + 1]; p-- > inst->need_pairs[i] && over > LM_TOL_SOLVED;) {
        if (lm_pair_is_listed(inst, p))
            continue;
        double x = lm_plan_x(sol, p), least = least_hours(&inst->pairs[p]);
        double cut = fmin(over, x - least);
        if (cut > 0) {
            sol->x[p] = x - cut;
            over -= cut;
        }
        if (least > 0)
            stuck = p;
    }
    return over > LM_TOL_SOLVED ? stuck : LM_NONE;
}

/* Unchooses the listed pairs of need i (its coverage is 0); a fixed one cannot be. */
static size_t unchoose_listed(const lm_instance *inst, lm_solution *sol, size_t i)
{
    size_t stuck = LM_NONE;
    for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; ++p) {
        if (!lm_pair_is_listed(inst, p) || !lm_plan_serves(sol, inst, p))
            continue;
        if (inst->pairs[p].fixed_hours > 0) {
            if (stuck == LM_NONE)
                stuck = p;
            continue;
        }
        sol->x[p] = 0.0;
        if (sol->chosen != NULL)
            sol->chosen[p] = 0;
    }
    return stuck;
}

int lm_solution_carry(const lm_instance *inst, lm_solution *sol, size_t *stuck)
{
    *stuck = LM_NONE;
    if (sol->x == NULL)
        return MATCH_OK;
    lm_plan_tally t;
    int rc = lm_plan_tally_build(&t, inst, sol);
    if (rc != MATCH_OK)
        return rc;
    const match_model *m = inst->model;
    for (size_t i = 0; i < m->needs.len; ++i) {
        if (lm_tally_uncarried_hours(&t, i) <= 0.0)
            continue;
        double hours = m->needs.items[i].hours;
        /* Coverage counts whole hours, so the hours it carries are floor(c * hours). */
        double target = hours > 0 ? floor(t.coverage[i] * hours + slack(hours)) : 0.0;
        size_t at = cut_need(inst, sol, i, target);
        if (at != LM_NONE && *stuck == LM_NONE)
            *stuck = at;
    }
    lm_plan_tally_free(&t);
    /* Listed pairs: only needs the cuts left at 0 % matter, so tally again. */
    if (inst->listed == NULL)
        return MATCH_OK;
    rc = lm_plan_tally_build(&t, inst, sol);
    if (rc != MATCH_OK)
        return rc;
    for (size_t i = 0; i < m->needs.len; ++i) {
        if (t.coverage[i] > 0.0)
            continue;
        size_t at = unchoose_listed(inst, sol, i);
        if (at != LM_NONE && *stuck == LM_NONE)
            *stuck = at;
    }
    lm_plan_tally_free(&t);
    return MATCH_OK;
}

int lm_solution_keep_carried(const lm_instance *inst, lm_solution *sol, bool *cut)
{
    *cut = false;
    if (sol->x == NULL)
        return MATCH_OK;
    lm_plan_tally t;
    int rc = lm_plan_tally_build(&t, inst, sol);
    if (rc != MATCH_OK)
        return rc;
    bool broken = lm_tally_first_uncarried(&t) != LM_NONE;
    lm_plan_tally_free(&t);
    if (!broken)
        return MATCH_OK;
    size_t stuck = LM_NONE;
    rc = lm_solution_carry(inst, sol, &stuck);
    *cut = rc == MATCH_OK;
    return rc;
}
