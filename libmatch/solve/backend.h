/*
 * The interface every solver backend implements. A backend receives the prepared instance
 * and returns raw decision values; turning them into a plan (coverage, projects, objective,
 * reasons) is the plan module's job, so every backend is judged by the same code.
 */
#ifndef LM_BACKEND_H
#define LM_BACKEND_H

#include "libmatch/solve.h"
#include "../solution/solution.h"
#include "deadline.h"

typedef struct lm_backend {
    const char *name;
    /* Fills sol (arrays malloc'ed, freed by lm_solution_free). Returns MATCH_OK,
     * MATCH_ENOMEM or MATCH_ESOLVER with the text in errmsg. dl is the call's deadline:
     * when it says stop, the backend returns MATCH_OK with its best plan so far (status
     * feasible) or none (time_limit); match_model_solve() turns that into "interrupted"
     * when the interrupt stopped it. */
    int (*solve)(const lm_instance *inst, const match_options *opts, lm_deadline *dl,
                 lm_solution *sol, char *errmsg);
} lm_backend;

extern const lm_backend lm_backend_glpk;
extern const lm_backend lm_backend_flow;
extern const lm_backend lm_backend_coupled;
/* GLPK whose "infeasible" is confirmed before it is reported (coupled/glpk_checked.c). */
extern const lm_backend lm_backend_glpk_checked;

#endif
