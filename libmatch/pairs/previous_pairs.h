/*
 * The plan in force (stable re-planning) mapped onto an instance's pairs, and the change
 * term of the objective it gives (docs/model.md):
 *   - change_penalty * sum over pairs of max(0, previous hours - new hours).
 */
#ifndef LM_PREVIOUS_PAIRS_H
#define LM_PREVIOUS_PAIRS_H

#include "instance.h"

/* Fills inst->previous, inst->pair_previous and inst->previous_unpaired from the model.
 * Returns MATCH_OK or MATCH_ENOMEM. */
int lm_instance_map_previous(lm_instance *inst);

/* The index of pair (volunteer, need), or LM_NONE. */
size_t lm_instance_find_pair(const lm_instance *inst, size_t volunteer, size_t need);

/* The index of resource pair (resource, need), or LM_NONE. */
size_t lm_instance_find_rpair(const lm_instance *inst, size_t resource, size_t need);

/* Whether the objective has a change term: a plan in force that gives someone hours, and a
 * change penalty > 0. */
bool lm_instance_has_change_term(const lm_instance *inst);

#endif
