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
 * True when no rule couples pairs beyond what a flow expresses: no unit obligation with a
 * penalty, no all-or-nothing need, no need asking for more than one volunteer, and no need
 * with more than one kind of requirement (hours, or a single resource type). Otherwise false,
 * with the first coupling rule found described in why (a buffer of why_size bytes; may be
 * NULL).
 */
bool lm_instance_is_network(const lm_instance *inst, char *why, size_t why_size);

#endif
