/*
 * The interface every solver backend implements. A backend receives the prepared instance
 * and returns raw decision values; turning them into a plan (coverage, projects, objective,
 * reasons) is the plan module's job, so every backend is judged by the same code.
 */
#ifndef LM_BACKEND_H
#define LM_BACKEND_H

#include "libmatch/solve.h"
#include "instance.h"

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

typedef struct lm_backend {
    const char *name;
    /* Fills sol (arrays malloc'ed, freed by lm_solution_free). Returns MATCH_OK,
     * MATCH_ENOMEM, MATCH_ESOLVER or MATCH_EINTERRUPTED with the text in errmsg. */
    int (*solve)(const lm_instance *inst, const match_options *opts, lm_solution *sol,
                 char *errmsg);
} lm_backend;

void lm_solution_init(lm_solution *sol);
void lm_solution_free(lm_solution *sol);

extern const lm_backend lm_backend_glpk;
extern const lm_backend lm_backend_flow;
extern const lm_backend lm_backend_coupled;

#endif
