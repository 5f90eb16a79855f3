/*
 * A backend's raw answer: decision values per pair, coverage per need, status, objective and
 * bound. Every solver returns one; the plan is made from it (plan/), and solution/ measures it
 * (tally.h, evaluate.h) without making a plan.
 */
#ifndef LM_SOLUTION_H
#define LM_SOLUTION_H

#include <stdbool.h>

#include "libmatch/solve.h"
#include "../common/util.h"
#include "../pairs/instance.h"

/* The levels of the lexicographic objective (policy "objective"), in the order they are
 * optimised: level 0 is priority 5's coverage value, ..., level 4 priority 1's, and level 5
 * the cost terms (distance, shortfalls, changes). */
#define LM_LEVELS (LM_PRIORITY_LEVELS + 1)
#define LM_COST_LEVEL LM_PRIORITY_LEVELS

typedef struct lm_solution {
    match_status status; /* OPTIMAL, FEASIBLE, INFEASIBLE or TIME_LIMIT */
    double *x;           /* per pair (inst->n_pairs): volunteer-hours; NULL without a plan */
    double *y;           /* per rpair: resource amounts; NULL without a plan */
    double *c;           /* per need: coverage; NULL without a plan */
    /* Per pair, only for an instance with listed pairs: 1 where a listed pair is chosen (its
     * x is then its hours, which may be 0), else 0. NULL otherwise, or without a plan. */
    unsigned char *chosen;
    double objective; /* the backend's objective value (NaN without a plan) */
    double bound;     /* best proven bound (NaN if none) */
    /* Wall seconds the backend spent building its solver's model (the rest of its time is
     * solving); 0 for a backend that builds none. For match_plan_phase_seconds(). */
    double build_seconds;
    char message[LM_ERRMSG_SIZE]; /* e.g. which required needs cannot be met; "" if none */
    /* Lexicographic mode only: which levels were solved to optimality (their bound is
     * their value), and for the others the best proven bound on the level's value with
     * the levels before it kept at their values (NaN where none was proven). */
    bool level_optimal[LM_LEVELS];
    double level_bound[LM_LEVELS];
} lm_solution;

void lm_solution_init(lm_solution *sol);
void lm_solution_free(lm_solution *sol);

#endif
