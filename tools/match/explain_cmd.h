/* `match explain PLAN.json --scenario SCENARIO.json`: why the plan is what it is. */
#ifndef MATCH_TOOL_EXPLAIN_CMD_H
#define MATCH_TOOL_EXPLAIN_CMD_H

#include <stddef.h>
#include <stdio.h>

#include "libmatch/libmatch.h"

/*
 * Prints to out the plan's outcome and its unmet needs with their reasons (read from the
 * plan file), then the top bottlenecks of the scenario's model: the `top` most valuable
 * rows of each view. Problems go to stderr. Returns 0, 2 when the plan file is unreadable
 * or does not belong to the scenario (a need id the scenario lacks), or 5 on a library
 * error.
 */
int lm_explain_print(FILE *out, const char *plan_path, const char *scenario_path,
                     match_model *model, size_t top);

#endif
