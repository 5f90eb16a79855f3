/*
 * docs/model.md rule 2, its second half: a need receives volunteer hours only as far as it
 * is carried out, sum x[v,i] <= c[i] * hours[i] over the pairs the rules (or a fixed pair)
 * made, and a listed pair is chosen only where the need's coverage is above zero. c is the
 * coverage the plan gives (tally.h), so a need left at 0 % gets no hours, and a need whose
 * resources are short gets no more hours than its resources carry.
 *
 * The backends keep the rule; the coupled path and the warm start use lm_solution_carry() to
 * repair the plans they make, and the solve checks every backend's answer before the plan is
 * made from it (lm_solution_keep_carried()).
 */
#ifndef LM_CARRY_H
#define LM_CARRY_H

#include <stdbool.h>
#include <stddef.h>

#include "tally.h"

/* Hours of need i's computed pairs beyond coverage * hours (0 when the rule holds), plus
 * the hours of any listed pair chosen while the need's coverage is 0. */
double lm_tally_uncarried_hours(const lm_plan_tally *t, size_t need);

/* The first need that breaks the rule, or LM_NONE when every need keeps it. */
size_t lm_tally_first_uncarried(const lm_plan_tally *t);

/*
 * Cuts sol's hours down to what each need carries: a need's computed pairs lose hours from
 * the last pair on (never below a fixed pair's hours) until they give at most
 * floor(coverage * hours), and the listed pairs of a need left at 0 % are no longer chosen.
 * Cutting never lowers another need's coverage, so one pass is enough. *stuck is the first
 * fixed pair that keeps its need beyond what it carries (LM_NONE: sol now keeps the rule).
 * Returns MATCH_OK or MATCH_ENOMEM.
 */
int lm_solution_carry(const lm_instance *inst, lm_solution *sol, size_t *stuck);

/* lm_solution_carry() when sol breaks the rule, which a solver's tolerances can make it do
 * with extreme numbers; *cut says whether anything changed. MATCH_OK or MATCH_ENOMEM. */
int lm_solution_keep_carried(const lm_instance *inst, lm_solution *sol, bool *cut);

#endif
