/*
 * The lexicographic objective (policy "objective": "lexicographic") on the GLPK problem: one
 * solve per level, priority 5's coverage value first, then 4, ..., 1, then the cost terms;
 * after each level a row keeps its value at the optimum found, within lm_glpk_level_slack().
 * Call inside lm_glpk_run() (glpk_guard.h) only.
 */
#ifndef LM_GLPK_LEVELS_H
#define LM_GLPK_LEVELS_H

#include <stdbool.h>

#include "../backend.h"
#include "glpk_formulation.h"

typedef struct lm_glpk_levels {
    double *objective; /* the built objective: [0] the constant, [j] column j's coefficient */
    int n_cols;
    int *ind; /* scratch for the rows that keep a level (1-based, as GLPK wants) */
    double *val;
} lm_glpk_levels;

/* Remembers the objective of the built problem. Returns MATCH_OK or MATCH_ENOMEM. */
int lm_glpk_levels_init(lm_glpk_levels *lv, const lm_glpk_form *f, const lm_instance *inst);
void lm_glpk_levels_free(lm_glpk_levels *lv);

/* Whether a level can be anything but 0: a priority level needs a need of its priority and a
 * weight > 0; the cost level always counts. */
bool lm_glpk_level_active(const lm_instance *inst, int level);

/* Makes the problem's objective the level's value (levels as in backend.h). */
void lm_glpk_level_objective(const lm_glpk_levels *lv, const lm_glpk_form *f,
                             const lm_instance *inst, int level);

/*
 * How far below its optimum `value` a later level may push a level: LM_GLPK_LEVEL_SLACK of
 * the value (of 1 for values below 1), near GLPK's own feasibility tolerance: a row kept
 * tighter than GLPK can represent it sends its simplex into numerical trouble, and a looser
 * one lets the relaxations of the later levels exploit the slack, which opens gaps the
 * branch and cut search cannot close. Far below what one hour changes (a need of weight 16
 * and 100 hours gains 0.16 an hour; a level worth 10^4 keeps within 10^-4).
 */
#define LM_GLPK_LEVEL_SLACK 1e-8

/*
 * The relative gap at which the levels after the first stop their search: the slack above
 * can still open gaps of this order, which GLPK's search would try to close for ever.
 */
#define LM_GLPK_LEVEL_GAP 1e-6

double lm_glpk_level_slack(const lm_instance *inst, int level, double value);

/* The level's value of a solution's coverage (a priority level only). */
double lm_glpk_level_value(const lm_instance *inst, int level, const double *c);

/* Adds the row "level value >= value - slack" (a priority level only). */
void lm_glpk_level_keep(lm_glpk_levels *lv, const lm_glpk_form *f, const lm_instance *inst,
                        int level, double value);

#endif
