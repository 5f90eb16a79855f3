/* The scenario reader's core, shared by the JSON and the spreadsheet readers. */
#ifndef LM_SCENARIO_INTERNAL_H
#define LM_SCENARIO_INTERNAL_H

#include <jansson.h>

#include "json_fields.h"
#include "libmatch/model.h"

/*
 * Validates a parsed scenario document and builds a new model from it. On failure *out is
 * NULL and ctx holds the first error, with its position as data (ctx->err_list, ...).
 * base_dir: where a "previous_plan" file name is read from (NULL: the current directory).
 */
int lm_scenario_from_json(match_model **out, const json_t *root, lm_json_ctx *ctx,
                          const char *base_dir);

#endif
