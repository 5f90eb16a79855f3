/*
 * What the three JSON readers (scenario_read.c, plan_read.c, previous_read.c) share: the
 * format tags, the early return on a failed step, the format check and the loading of a
 * file or a string into a JSON value, with one wording of every error.
 */
#ifndef LM_JSON_READ_H
#define LM_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "../common/util.h"
#include "json_fields.h"

#define LM_SCENARIO_FORMAT "libmatch-scenario-1"
#define LM_PLAN_FORMAT "libmatch-plan-1"

/* Checks obj's "format" field against `format`; an absent field passes unless required. */
int lm_json_check_format(lm_json_ctx *ctx, const json_t *obj, const char *format, bool required);

/* Reads the whole file `path` into a malloc'ed buffer (*data, *len). MATCH_EIO ("cannot
 * open: ...", "cannot read: ...") or MATCH_ENOMEM. */
int lm_json_slurp(lm_json_ctx *ctx, const char *path, char **data, size_t *len);

/* Parses `len` bytes of JSON (after a UTF-8 byte-order mark, which editors on Windows often
 * write) into *root, rejecting duplicate keys. A syntax error is MATCH_EPARSE in jansson's
 * "source:line:column: text" shape, so that editors can jump to it. */
int lm_json_parse(lm_json_ctx *ctx, const char *text, size_t len, json_t **root);

/* lm_json_slurp() and lm_json_parse() of a file; ctx->source names it. */
int lm_json_load_file(lm_json_ctx *ctx, const char *path, json_t **root);

#endif
