/*
 * What a solution is worth, counted exactly as its plan will count it (docs/model.md): the
 * objective term by term and whether every required need is met. Backends compare
 * candidate solutions with it, and the plan builder takes its objective from it, so a
 * backend's choice and the plan's figure can never disagree, and no backend has to build a
 * whole plan (ids, reasons) just to read a number.
 */
#ifndef LM_EVALUATE_H
#define LM_EVALUATE_H

#include <stdbool.h>

#include "tally.h"

/* Projects of each unit (m->units.len entries): the needs with coverage > 0 it takes part in
 * through a volunteer who serves or a resource that supplies. Returns MATCH_OK or
 * MATCH_ENOMEM. */
int lm_tally_unit_projects(const lm_plan_tally *t, int *projects);

/* A volunteer's shortfall against the yearly minimum, given the hours the tally gives. */
double lm_tally_volunteer_shortfall(const lm_plan_tally *t, size_t volunteer);

/* Hours of the plan in force's entry k (inst->previous[k]) that the solution moves away. */
double lm_tally_moved_hours(const lm_plan_tally *t, size_t k);

/* The objective of docs/model.md term by term. */
typedef struct lm_objective_terms {
    double coverage_value;      /* sum of weight[priority] * coverage */
    double listed_value;        /* sum of the values of chosen listed pairs */
    double km_hours;            /* sum of km * hours over the other pairs */
    double volunteer_shortfall; /* hours */
    double unit_shortfall;      /* projects */
    double moved_hours;         /* away from the plan in force; 0 without one */
    double objective;
} lm_objective_terms;

/* The terms of the tallied solution (t->has_plan must be true). MATCH_OK or MATCH_ENOMEM. */
int lm_tally_objective_terms(const lm_plan_tally *t, lm_objective_terms *terms);

/* The objective of the tallied solution. t->has_plan must be true. MATCH_OK or MATCH_ENOMEM. */
int lm_tally_objective(const lm_plan_tally *t, double *objective);

/* The objective of sol, and (when required_met is not NULL) whether it covers every
 * required need fully; coverage, when not NULL, receives each need's coverage. Returns
 * MATCH_OK or MATCH_ENOMEM. */
int lm_solution_evaluate(const lm_instance *inst, const lm_solution *sol, double *objective,
                         bool *required_met, double *coverage);

#endif
