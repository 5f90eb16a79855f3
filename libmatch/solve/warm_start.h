/*
 * Warm starts (match_options.warm_start): a plan, usually of an earlier version of the model,
 * turned into a valid solution of the instance at hand, for the backends to start from.
 *
 * Mapping is by id. A need, volunteer or resource the model no longer has, and a pair that
 * is no longer eligible, is dropped; hours and amounts are cut to what the pairs, the
 * volunteers, the needs, the resources and the requests allow now (from the last pair of
 * each, so the earliest assignments stay), and fixed pairs get at least their hours; then
 * each need keeps only the hours it is carried out to (carry.h). The
 * result is checked against every rule the plan builder checks; a warm start that breaks one
 * that cutting cannot repair (a required need left uncovered, fixed hours beyond a capacity)
 * is not used. A warm start never changes the optimum a solve finds, only how fast.
 */
#ifndef LM_WARM_START_H
#define LM_WARM_START_H

#include <stdbool.h>

#include "backend.h"

/*
 * Maps `plan` onto the instance. On MATCH_OK with *usable true, sol holds x, y and c (the
 * coverage the plan builder gives them), status MATCH_STATUS_FEASIBLE and the plan's
 * objective; with *usable false, sol holds nothing and `why` (LM_ERRMSG_SIZE bytes) says
 * what could not be repaired. Returns MATCH_OK or MATCH_ENOMEM.
 */
int lm_warm_start_map(const lm_instance *inst, const match_plan *plan, lm_solution *sol,
                      bool *usable, char *why);

/* Whether a solution meets every capacity, fixed pair and required need and gives no need
 * hours beyond what it is carried out to (rules 1, 2, 4, 5 of docs/model.md); coverage,
 * teams and projects the plan builder derives. */
bool lm_warm_start_valid(const lm_instance *inst, const lm_solution *sol, char *why);

#endif
