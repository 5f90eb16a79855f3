/*
 * Deciding whether a prepared instance is a pure network: a min-cost flow problem that the
 * network simplex solves exactly, with no integer program needed.
 */
#ifndef LM_NETWORK_CHECK_H
#define LM_NETWORK_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "instance.h"

/*
 * True when no rule couples pairs beyond what a flow expresses: nothing of
 * lm_instance_needs_mip(), no unit obligation with a penalty, no all-or-nothing need, no need
 * asking for more than one volunteer, and no need with more than one kind of requirement (hours, or
 * a single resource type). Otherwise false, with the first coupling rule found described in why (a
 * buffer of why_size bytes; may be NULL).
 */
bool lm_instance_is_network(const lm_instance *inst, char *why, size_t why_size);

/*
 * True when the scenario has a rule that only the full integer program honours: listed pairs
 * (chosen whole, where the flow relaxation would split them) or a need's max_volunteers (a
 * count of volunteers, which no flow expresses). Neither the network simplex nor the coupled
 * path's flow bound and heuristic may see such a scenario. The first such rule found is
 * described in why (may be NULL).
 */
bool lm_instance_needs_mip(const lm_instance *inst, char *why, size_t why_size);

#endif
