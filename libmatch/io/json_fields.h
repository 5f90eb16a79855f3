/*
 * Typed readers for the fields of a scenario file. Each reader checks one field of one JSON
 * object and, when it is wrong, leaves a message that names the file, the item and the field:
 *
 *   xinmi.json: volunteers[3] (id "V0004"): field "hours": expected a number >= 0, got "abc"
 *
 * The readers share a context that knows the file name and where in the file we are. They
 * return MATCH_OK or the error code (the message is then in ctx->msg). Optional fields that
 * are absent, or null, count as not given.
 */
#ifndef LM_JSON_FIELDS_H
#define LM_JSON_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "libmatch/model.h"

#define LM_JSON_WHERE_SIZE 256
#define LM_JSON_MSG_SIZE 1024

typedef struct lm_json_ctx {
    const char *source;             /* the file name, as the caller gave it */
    char where[LM_JSON_WHERE_SIZE]; /* "volunteers[3] (id "V0004")", "" at the top level */
    char msg[LM_JSON_MSG_SIZE];     /* the message of the first error */
    int code;                       /* the code of the first error, MATCH_OK if none */
    match_error_detail at;          /* the position as an item: kind, item, need */
    match_error_detail error;       /* the first error's kind, item, need and field */
    /* Where we are, as data (for readers that map an error back to their own source, such
     * as a spreadsheet row): the list and index of the current item (list NULL at the top
     * level, "policy" in the policy), and the sub-list entered ("resources") or NULL. */
    const char *list;
    size_t index;
    const char *sub;
    /* The same for the first error, with its field ("" when about the whole item) and the
     * offset in msg where the text after the position starts. */
    const char *err_list;
    size_t err_index;
    const char *err_sub;
    char err_field[64];
    size_t err_detail;
} lm_json_ctx;

/* The range a number must lie in. */
typedef enum lm_json_range {
    LM_JSON_NONNEG,   /* finite, >= 0 */
    LM_JSON_POSITIVE, /* finite, > 0 */
    LM_JSON_LAT,      /* -90..90 */
    LM_JSON_LON,      /* -180..180 */
    LM_JSON_FINITE    /* any finite number */
} lm_json_range;

void lm_json_ctx_init(lm_json_ctx *ctx, const char *source);

/* Sets the position to a named section ("policy"), or the top level for "". */
void lm_json_at_section(lm_json_ctx *ctx, const char *section);

/* Sets the position to item `index` of `list`, naming its id when known (id may be NULL). */
void lm_json_at_item(lm_json_ctx *ctx, const char *list, size_t index, const char *id);

/* Names the position a pair (volunteer, need) of the current list. */
void lm_json_at_pair(lm_json_ctx *ctx, const char *volunteer, const char *need);

/* Descends into element `index` of the sub-list `list`; returns a mark for lm_json_leave(). */
size_t lm_json_enter(lm_json_ctx *ctx, const char *list, size_t index);
void lm_json_leave(lm_json_ctx *ctx, size_t mark);

/* Records an error about `field` (NULL: about the item as a whole) and returns `code`. */
int lm_json_fail(lm_json_ctx *ctx, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Records "expected <expected>, got <value>" (MATCH_EINPUT) and returns MATCH_EINPUT. */
int lm_json_fail_value(lm_json_ctx *ctx, const char *field, const char *expected,
                       const json_t *value);

/*
 * Records a failure of a model builder call with the builder's own message, which already
 * names the item and the field ("need \"N001\": field \"priority\": ...").
 */
int lm_json_fail_builder(lm_json_ctx *ctx, const match_model *model, int code);

/* Ends a reader's entry point: copies the context's message (or "" on success) into the
 * caller's buffer, when there is one, and returns rc. */
int lm_json_finish(int rc, const lm_json_ctx *ctx, char *errbuf, size_t errbuf_size);

/* Ends a reader's entry point with a structured error: fills *detail (when not NULL) with
 * rc, the first error's item and field, and the message (all empty on success). */
int lm_json_finish_detail(int rc, const lm_json_ctx *ctx, match_error_detail *detail);

/*
 * Checks that `value` is an object whose keys are all in `allowed` (a NULL-terminated list).
 * Keys that start with "x_" are always accepted and ignored: they are the extension point
 * where producers keep their own data (source system ids, notes) without breaking readers.
 * Every other unknown key is an error, so that a misspelt field never passes silently.
 * `field` names the value in messages (NULL: the current item).
 */
int lm_json_check_object(lm_json_ctx *ctx, const json_t *value, const char *field,
                         const char *const *allowed);

/* An optional array field; *out is NULL when absent. */
int lm_json_get_array(lm_json_ctx *ctx, const json_t *obj, const char *key, json_t **out);

/* An optional object field; *out is NULL when absent. */
int lm_json_get_object(lm_json_ctx *ctx, const json_t *obj, const char *key, json_t **out);

/* An id or a reference: a non-empty string. *out is NULL when absent and optional. */
int lm_json_get_id(lm_json_ctx *ctx, const json_t *obj, const char *key, bool required,
                   const char **out);

/* Any string (names may be empty). *out is NULL when absent and optional. */
int lm_json_get_string(lm_json_ctx *ctx, const json_t *obj, const char *key, bool required,
                       const char **out);

/* A number in `range`. *present tells whether it was given (may be NULL if required). */
int lm_json_get_number(lm_json_ctx *ctx, const json_t *obj, const char *key, bool required,
                       lm_json_range range, bool *present, double *out);

/* A whole number in min..max (1.5 is rejected, 2.0 accepted). */
int lm_json_get_int(lm_json_ctx *ctx, const json_t *obj, const char *key, bool required, int min,
                    int max, bool *present, int *out);

/* An optional true/false. */
int lm_json_get_bool(lm_json_ctx *ctx, const json_t *obj, const char *key, bool *present,
                     bool *out);

/* An optional array of non-empty strings (skills, slots, categories); *out NULL when absent. */
int lm_json_get_tags(lm_json_ctx *ctx, const json_t *obj, const char *key, json_t **out);

/*
 * "lat" and "lon", given together or not at all. With required, both must be given.
 * *present tells whether they were.
 */
int lm_json_get_location(lm_json_ctx *ctx, const json_t *obj, bool required, bool *present,
                         double *lat, double *lon);

#endif
