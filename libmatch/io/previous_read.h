/*
 * Reading the plan in force (stable re-planning) from a plan file ("libmatch-plan-1") or from
 * a plan object inside a scenario's "previous_plan".
 */
#ifndef LM_PREVIOUS_READ_H
#define LM_PREVIOUS_READ_H

#include "json_fields.h"

/*
 * Reads a scenario's "previous_plan" value: a plan object, or a string naming a plan file
 * (relative to base_dir, NULL: the current directory; absolute names are kept). On success
 * the model's plan in force is replaced; on failure it is unchanged and ctx holds the
 * message, which names the scenario, the plan file, the item and the field.
 */
int lm_previous_read_value(lm_json_ctx *ctx, match_model *m, const json_t *value,
                           const char *base_dir);

#endif
