/*
 * A warm start for GLPK's branch and cut: a valid solution (warm_start.h) completed into
 * values for every column of the integer program, to hand to glp_ios_heur_sol() as the first
 * incumbent. Call only inside lm_glpk_run() (glpk_guard.h): every glp_* call may fault, so
 * the arrays live in a struct the caller frees after the guarded body.
 */
#ifndef LM_GLPK_WARM_H
#define LM_GLPK_WARM_H

#include <stdbool.h>

#include "../backend.h"
#include "glpk_formulation.h"

typedef struct lm_glpk_warm {
    double *values; /* 1-based, one per column: the incumbent when ready */
    bool ready;
    double objective;
    /* Scratch: the x and y columns' bounds, kept while they are fixed. */
    int *type;
    double *lb, *ub;
} lm_glpk_warm;

/*
 * Fixes the x and y columns of f at the solution's values, lets GLPK choose every other
 * column (coverage, indicators, projects, shortfalls) at their best, and restores the
 * bounds. On success w->ready is set and w->values holds the completed incumbent; when GLPK
 * finds none (the solution breaks a row of the program) or time runs out, w->ready stays
 * false and `why` says so. tm_lim: milliseconds for the completion. Returns MATCH_OK or
 * MATCH_ENOMEM.
 */
int lm_glpk_warm_complete(lm_glpk_warm *w, const lm_glpk_form *f, const lm_instance *inst,
                          const lm_solution *warm, int tm_lim, char *why);

/* Frees the arrays; safe on a zeroed struct. */
void lm_glpk_warm_free(lm_glpk_warm *w);

/* The GLPK backend started from `warm` (a valid solution of the instance, or NULL for a cold
 * start); lm_backend_glpk.solve is this with the options' warm start mapped. */
struct lm_deadline;
int lm_glpk_solve_from(const lm_instance *inst, const match_options *opts, struct lm_deadline *dl,
                       const lm_solution *warm, lm_solution *sol, char *errmsg);

#endif
