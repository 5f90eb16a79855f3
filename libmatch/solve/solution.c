/* A backend's raw answer: decision values plus status, objective and bound. */
#include "backend.h"

#include <math.h>
#include <stdlib.h>

void lm_solution_init(lm_solution *sol)
{
    sol->status = MATCH_STATUS_ERROR;
    sol->x = NULL;
    sol->y = NULL;
    sol->c = NULL;
    sol->chosen = NULL;
    sol->objective = NAN;
    sol->bound = NAN;
    sol->build_seconds = 0.0;
    sol->message[0] = '\0';
    for (int k = 0; k < LM_LEVELS; ++k) {
        sol->level_optimal[k] = false;
        sol->level_bound[k] = NAN;
    }
}

void lm_solution_free(lm_solution *sol)
{
    if (sol == NULL)
        return;
    free(sol->x);
    free(sol->y);
    free(sol->c);
    free(sol->chosen);
    lm_solution_init(sol);
}
