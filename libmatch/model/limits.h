/*
 * The supported range of every number of the model (docs/model.md, "Supported ranges"),
 * checked where a number enters the model: the C API's setters, and so every reader. Inside
 * these ranges every solver path (the network simplex's integer-scaled costs, GLPK's
 * tolerances) gives the same optimum; outside them a number is an input error that names
 * the item, the field and the range, so that checking and solving always agree.
 */
#ifndef LM_LIMITS_H
#define LM_LIMITS_H

#include <stdbool.h>

/* Hours, amounts, obligations (min_hours), fixed and listed hours: 0..1e5. GLPK accepts a
 * binary within its integrality tolerance (libmatch sets 1e-6) of a whole number, and a
 * coverage of 1 - 1/hours must never pass for 1. */
#define LM_MAX_QUANTITY 1e5
/* Counts (min_volunteers, max_volunteers, min_projects, unit_min_projects): 0..1e5. */
#define LM_MAX_COUNT 100000
/* Priority weights, distance_cost, the shortfall and change penalties: 0..1e4; a listed
 * pair's value: -1e4..1e4: GLPK decides optimality with tolerances relative to
 * its largest coefficients, and a penalty of 1e6 hid the value of 1e5 hours of a
 * need of weight 8. */
#define LM_MAX_PRICE 1e4
/* Distances (max_distance_km): 0..1e5 km (half the Earth's circumference is 20,015 km). */
#define LM_MAX_DISTANCE_KM 1e5

/* Whether value is finite and within lo..hi. */
bool lm_in_range(double value, double lo, double hi);

/* The largest value a field that must be >= 0 may have: by the field's name ("hours",
 * "min_hours", "amount", "max_distance_km", a policy field), LM_MAX_QUANTITY when unknown. */
double lm_field_max(const char *field);

#endif
