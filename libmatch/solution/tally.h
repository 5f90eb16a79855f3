/*
 * Measures a backend's solution: what each need, volunteer and resource received, and the
 * coverage each need reaches. The plan builder and the unmet-need explanations both read
 * these numbers, so a reason never contradicts the plan it explains. One pass over the
 * pairs fills everything, which keeps explaining every need linear in the pair count.
 */
#ifndef LM_PLAN_TALLY_H
#define LM_PLAN_TALLY_H

#include <stdbool.h>
#include <stddef.h>

#include "../common/tolerance.h"
#include "solution.h"

/* The two needs an item gives the most to (ties: the earlier need), LM_NONE if fewer. */
typedef struct lm_plan_top {
    size_t need[2];
    double amount[2];
} lm_plan_top;

typedef struct lm_plan_tally {
    const lm_instance *inst;
    const lm_solution *sol;
    bool has_plan;        /* false: sol holds no values, everything below is zero */
    double *need_hours;   /* per need: sum of x */
    size_t *need_team;    /* per need: distinct volunteers serving it (lm_plan_serves) */
    double *coverage;     /* per need: the largest coverage the assignment allows */
    double *vol_hours;    /* per volunteer: sum of x */
    lm_plan_top *vol_top; /* per volunteer */
    double *res_amount;   /* per resource: sum of y */
    lm_plan_top *res_top; /* per resource */
} lm_plan_tally;

/* The solution's value of a pair, snapped to a whole number when within LM_TOL_SOLVED, and
 * never negative; 0 without a plan. */
double lm_plan_x(const lm_solution *sol, size_t pair);
double lm_plan_y(const lm_solution *sol, size_t rpair);

/* Whether volunteer pair p serves its need: a listed pair when chosen (whatever its hours),
 * any other pair when it carries at least one hour. */
bool lm_plan_serves(const lm_solution *sol, const lm_instance *inst, size_t pair);

/* Fills t from the solution. Returns MATCH_OK or MATCH_ENOMEM (t then needs no free). */
int lm_plan_tally_build(lm_plan_tally *t, const lm_instance *inst, const lm_solution *sol);
void lm_plan_tally_free(lm_plan_tally *t);

/* Amount of the need's request `request` that its resource pairs supply. */
double lm_plan_request_supply(const lm_plan_tally *t, size_t need, size_t request);

/* The need, other than `need`, that the item gives the most to; LM_NONE if none. */
size_t lm_plan_top_other(const lm_plan_top *top, size_t need);

#endif
