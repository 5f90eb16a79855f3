/*
 * The library's numeric tolerances, written once, and the roundings made with them.
 *
 * Two sizes. LM_TOL_EXACT forgives the last bits of floating-point arithmetic in numbers
 * that are whole or equal by construction: hours and amounts read from files (3 hours
 * stored as 2.9999999), a distance against a service radius, two objective values compared.
 * LM_TOL_SOLVED forgives a backend's rounding noise in its solution values (GLPK returns
 * integer columns within its integrality tolerance).
 */
#ifndef LM_TOLERANCE_H
#define LM_TOLERANCE_H

#include <math.h>
#include <stdint.h>

#define LM_TOL_EXACT 1e-9
#define LM_TOL_SOLVED 1e-6

/* A solution value this large carries one whole unit (an hour, a resource unit). */
#define LM_SOLVED_ONE (1.0 - LM_TOL_SOLVED)

/* The whole units in v, forgiving LM_TOL_EXACT below the next one: floor(v + tol). */
static inline double lm_whole_down(double v)
{
    return floor(v + LM_TOL_EXACT);
}

/* The least whole number >= v, forgiving LM_TOL_EXACT above the one below: ceil(v - tol). */
static inline double lm_whole_up(double v)
{
    return ceil(v - LM_TOL_EXACT);
}

/* lm_whole_down() and lm_whole_up() as integers, for the exact arithmetic of flows. */
static inline int64_t lm_units_down(double v)
{
    return (int64_t)floor(v + LM_TOL_EXACT);
}

static inline int64_t lm_units_up(double v)
{
    return (int64_t)ceil(v - LM_TOL_EXACT);
}

/* The whole units in a solution's value, forgiving the backend's noise: floor(v + tol). */
static inline double lm_solved_whole_down(double v)
{
    return floor(v + LM_TOL_SOLVED);
}

/* The slack for comparing two values of about x's size: LM_TOL_EXACT relative, or absolute
 * near zero. */
static inline double lm_tol_scaled(double x)
{
    return LM_TOL_EXACT * (1.0 + fabs(x));
}

#endif
