/*
 * GLPK's cost from the program's size (glpk_cost.h). Calibrated on generated coupled cities
 * on a 2-core machine (docs/performance.md, "Time limits"): build + presolve + scaling grows
 * with the non-zeros, the dual simplex on the relaxation about as rows x non-zeros
 * (1,000 x 250 city: 45 k rows, 391 k non-zeros, 7-21 s; 2,000 x 300: 90 k rows, 475 k
 * non-zeros, 50 s to over 150 s; 3,000 x 800: 400 k rows, 3.7 M non-zeros, far beyond a
 * minute). The estimate is the optimistic end: GLPK is skipped only when even that cannot fit.
 */
#include "glpk_cost.h"

/* Seconds per non-zero of building, scaling and presolving. */
#define LM_GLPK_SETUP_PER_NONZERO 3.5e-6
/* Seconds per (row x non-zero) of the LP relaxation's dual simplex. */
#define LM_GLPK_LP_PER_ROW_NONZERO 3.0e-10
/* The formulation's sizes per column (pairs, resource pairs, needs), from the same cities. */
#define LM_GLPK_ROWS_PER_COL 0.42
#define LM_GLPK_NONZEROS_PER_COL 3.9

double lm_glpk_setup_seconds(double rows, double cols, double nonzeros)
{
    (void)rows;
    (void)cols;
    return LM_GLPK_SETUP_PER_NONZERO * nonzeros;
}

double lm_glpk_cost_seconds(double rows, double cols, double nonzeros)
{
    return lm_glpk_setup_seconds(rows, cols, nonzeros) +
           LM_GLPK_LP_PER_ROW_NONZERO * rows * nonzeros;
}

double lm_glpk_cost_estimate(const lm_instance *inst, double *rows, double *cols, double *nonzeros)
{
    double c = (double)inst->n_pairs + (double)inst->n_rpairs + (double)inst->model->needs.len;
    double r = LM_GLPK_ROWS_PER_COL * c, nz = LM_GLPK_NONZEROS_PER_COL * c;
    if (rows != NULL)
        *rows = r;
    if (cols != NULL)
        *cols = c;
    if (nonzeros != NULL)
        *nonzeros = nz;
    return lm_glpk_cost_seconds(r, c, nz);
}
