/*
 * What GLPK costs before its branch and cut can improve anything: building the program,
 * scaling and presolve (none of which looks at the clock or calls back) and the LP relaxation
 * (GLPK's dual simplex, which checks tm_lim but stalls on large assignment programs). The
 * solve never starts GLPK when this estimate does not fit the time that is left.
 */
#ifndef LM_GLPK_COST_H
#define LM_GLPK_COST_H

#include "../../pairs/instance.h"

/* Seconds for building, scaling and presolving a program of this size. */
double lm_glpk_setup_seconds(double rows, double cols, double nonzeros);

/* Seconds for all of it, the LP relaxation included. */
double lm_glpk_cost_seconds(double rows, double cols, double nonzeros);

/* lm_glpk_cost_seconds() for the instance's program before it is built; *rows, *cols and
 * *nonzeros (may be NULL) receive the sizes it assumed. */
double lm_glpk_cost_estimate(const lm_instance *inst, double *rows, double *cols, double *nonzeros);

#endif
