/* The short human summary that `match` prints to standard error. */
#ifndef MATCH_TOOL_SUMMARY_H
#define MATCH_TOOL_SUMMARY_H

#include <stdio.h>

#include "libmatch/libmatch.h"

/* One line: "6 communities, 8 units, 40 volunteers, 10 resources, 15 needs". */
void lm_summary_sizes(FILE *out, const match_model *model);

/*
 * The solve summary: scenario name and sizes, eligible pairs, status, objective and bound,
 * the priority mode (with each level in lexicographic mode), coverage by priority, the hours
 * moved away from the plan in force and by whom, volunteer and unit obligations, the top unmet
 * needs with their reasons, and the solve time. path names the scenario file.
 */
void lm_summary_print(FILE *out, const char *path, const match_model *model,
                      const match_plan *plan);

#endif
