/*
 * The plan in force, read from a plan file or from a plan object in a scenario.
 *
 * Only what re-planning needs is read: each need's id and its volunteers' ids and hours.
 * Everything else a plan file holds (status, coverage, reasons, units, fields added by later
 * versions) is skipped, so any plan libmatch wrote can be read back. Ids the model does not
 * have are skipped and counted: the scenario may have changed since the plan was made. What
 * is read must still make sense: hours are whole numbers >= 0, and a need, or a volunteer
 * within a need, is listed once.
 */
#include "libmatch/io.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/model_internal.h"
#include "previous_read.h"

#define PLAN_FORMAT "libmatch-plan-1"

#define TRY(expr)                                                                                  \
    do {                                                                                           \
        int rc_ = (expr);                                                                          \
        if (rc_ != MATCH_OK)                                                                       \
            return rc_;                                                                            \
    } while (0)

/* What one reading collects before it replaces the model's plan in force. */
typedef struct previous_read {
    lm_previous *entries;
    size_t len, cap;
    size_t ignored;
    size_t *need_seen; /* per model need: 1 once listed */
    size_t *vol_stamp; /* per model volunteer: position of the need it was last listed at + 1 */
} previous_read;

static void read_free(previous_read *r)
{
    free(r->entries);
    free(r->need_seen);
    free(r->vol_stamp);
}

static int read_volunteers(lm_json_ctx *ctx, const match_model *m, previous_read *r,
                           const json_t *need, size_t i, size_t position)
{
    json_t *list;
    TRY(lm_json_get_array(ctx, need, "volunteers", &list));
    for (size_t k = 0; k < json_array_size(list); ++k) {
        json_t *share = json_array_get(list, k);
        size_t mark = lm_json_enter(ctx, "volunteers", k);
        const char *id;
        double hours = 0;
        if (!json_is_object(share))
            return lm_json_fail_value(ctx, NULL, "an object", share);
        TRY(lm_json_get_id(ctx, share, "id", true, &id));
        TRY(lm_json_get_number(ctx, share, "hours", true, LM_JSON_NONNEG, NULL, &hours));
        if (hours != floor(hours) || hours > 1e15)
            return lm_json_fail_value(ctx, "hours", "a whole number >= 0",
                                      json_object_get(share, "hours"));
        size_t v = lm_find_volunteer(m, id);
        if (v != LM_NONE && r->vol_stamp[v] == position + 1)
            return lm_json_fail(ctx, MATCH_EINPUT, "id", "volunteer \"%s\" is listed twice", id);
        if (v == LM_NONE || i == LM_NONE) {
            r->ignored++;
        } else {
            r->vol_stamp[v] = position + 1;
            if (!lm_reserve((void **)&r->entries, &r->cap, r->len + 1, sizeof *r->entries))
                return lm_json_fail(ctx, MATCH_ENOMEM, NULL, "out of memory");
            r->entries[r->len++] = (lm_previous){v, i, hours};
        }
        lm_json_leave(ctx, mark);
    }
    return MATCH_OK;
}

/* Reads a plan object; `list` names its needs in messages ("needs" or
 * "previous_plan.needs"), `section` the plan itself ("" or "previous_plan"). */
static int read_plan(lm_json_ctx *ctx, const match_model *m, previous_read *r, const json_t *plan,
                     const char *section, const char *list)
{
    lm_json_at_section(ctx, section);
    if (!json_is_object(plan))
        return lm_json_fail_value(ctx, NULL, "a plan object", plan);
    const char *format;
    TRY(lm_json_get_string(ctx, plan, "format", false, &format));
    if (format != NULL && strcmp(format, PLAN_FORMAT) != 0)
        return lm_json_fail_value(ctx, "format", "\"" PLAN_FORMAT "\"",
                                  json_object_get(plan, "format"));
    json_t *needs = json_object_get(plan, "needs");
    if (needs == NULL || json_is_null(needs))
        return lm_json_fail(ctx, MATCH_EINPUT, "needs", "required field is missing");
    TRY(lm_json_get_array(ctx, plan, "needs", &needs));
    r->need_seen = calloc(m->needs.len ? m->needs.len : 1, sizeof *r->need_seen);
    r->vol_stamp = calloc(m->volunteers.len ? m->volunteers.len : 1, sizeof *r->vol_stamp);
    if (r->need_seen == NULL || r->vol_stamp == NULL)
        return lm_json_fail(ctx, MATCH_ENOMEM, NULL, "out of memory");
    for (size_t k = 0; k < json_array_size(needs); ++k) {
        json_t *need = json_array_get(needs, k);
        lm_json_at_item(ctx, list, k, NULL);
        if (!json_is_object(need))
            return lm_json_fail_value(ctx, NULL, "an object", need);
        const char *id;
        TRY(lm_json_get_id(ctx, need, "id", true, &id));
        lm_json_at_item(ctx, list, k, id);
        size_t i = lm_find_need(m, id);
        if (i != LM_NONE) {
            if (r->need_seen[i])
                return lm_json_fail(ctx, MATCH_EINPUT, "id", "need \"%s\" is listed twice", id);
            r->need_seen[i] = 1;
        }
        TRY(read_volunteers(ctx, m, r, need, i, k));
    }
    lm_json_at_section(ctx, "");
    return MATCH_OK;
}

/* Replaces the model's plan in force with what was read. */
static void install(match_model *m, previous_read *r)
{
    free(m->previous);
    m->previous = r->entries;
    m->n_previous = r->len;
    m->cap_previous = r->cap;
    m->has_previous = true;
    m->previous_ignored = r->ignored;
    r->entries = NULL;
}

/* Loads a plan file into root; ctx->source names the file. */
static int load_file(lm_json_ctx *ctx, const char *path, json_t **root)
{
    json_error_t error;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return lm_json_fail(ctx, MATCH_EIO, NULL, "cannot open: %s", strerror(errno));
    *root = json_loadf(f, JSON_REJECT_DUPLICATES, &error);
    fclose(f);
    if (*root != NULL)
        return MATCH_OK;
    if (json_error_code(&error) == json_error_out_of_memory)
        return lm_json_fail(ctx, MATCH_ENOMEM, NULL, "out of memory");
    /* Jansson's own "file:line:column: text" shape, as for scenario files. */
    snprintf(ctx->msg, sizeof ctx->msg, "%s:%d:%d: %s", ctx->source, error.line, error.column,
             error.text);
    ctx->code = MATCH_EPARSE;
    return MATCH_EPARSE;
}

/* Reads the plan file `path` into the model; the message (in ctx) starts with the path. */
static int read_plan_file(lm_json_ctx *ctx, match_model *m, const char *path)
{
    json_t *root = NULL;
    previous_read r = {0};
    int rc = load_file(ctx, path, &root);
    if (rc == MATCH_OK)
        rc = read_plan(ctx, m, &r, root, "", "needs");
    if (rc == MATCH_OK)
        install(m, &r);
    read_free(&r);
    json_decref(root);
    return rc;
}

int lm_previous_read_value(lm_json_ctx *ctx, match_model *m, const json_t *value,
                           const char *base_dir)
{
    lm_json_at_section(ctx, "");
    if (json_is_object(value)) {
        previous_read r = {0};
        int rc = read_plan(ctx, m, &r, value, "previous_plan", "previous_plan.needs");
        if (rc == MATCH_OK)
            install(m, &r);
        read_free(&r);
        return rc;
    }
    if (!json_is_string(value) || json_string_length(value) == 0)
        return lm_json_fail_value(ctx, "previous_plan", "a plan file name or a plan object", value);
    const char *name = json_string_value(value);
    char *path = NULL;
    if (base_dir != NULL && base_dir[0] != '\0' && name[0] != '/') {
        size_t len = strlen(base_dir) + 1 + strlen(name) + 1;
        path = malloc(len);
        if (path != NULL)
            snprintf(path, len, "%s/%s", base_dir, name);
    } else {
        path = lm_strdup(name);
    }
    if (path == NULL)
        return lm_json_fail(ctx, MATCH_ENOMEM, "previous_plan", "out of memory");
    lm_json_ctx file_ctx;
    lm_json_ctx_init(&file_ctx, path);
    int rc = read_plan_file(&file_ctx, m, path);
    if (rc != MATCH_OK)
        lm_json_fail(ctx, rc, "previous_plan", "%s", file_ctx.msg);
    free(path);
    return rc;
}

/* ---- Entry points ---------------------------------------------------------------------- */

/* As lm_json_finish(), and the model's message says the same. */
static int finish(int rc, const lm_json_ctx *ctx, match_model *m, char *errbuf, size_t errbuf_size)
{
    if (rc != MATCH_OK && m != NULL)
        lm_fail(m, rc, "%s", ctx->msg);
    return lm_json_finish(rc, ctx, errbuf, errbuf_size);
}

int match_model_read_previous_plan(match_model *model, const char *path, char *errbuf,
                                   size_t errbuf_size)
{
    lm_json_ctx ctx;
    lm_json_ctx_init(&ctx, path != NULL ? path : "<null>");
    if (model == NULL || path == NULL)
        return finish(lm_json_fail(&ctx, MATCH_EINVAL, NULL, "NULL argument"), &ctx, model, errbuf,
                      errbuf_size);
    return finish(read_plan_file(&ctx, model, path), &ctx, model, errbuf, errbuf_size);
}

int match_model_read_previous_plan_string(match_model *model, const char *json,
                                          const char *source_name, char *errbuf, size_t errbuf_size)
{
    lm_json_ctx ctx;
    lm_json_ctx_init(&ctx, source_name != NULL ? source_name : "<string>");
    if (model == NULL || json == NULL)
        return finish(lm_json_fail(&ctx, MATCH_EINVAL, NULL, "NULL argument"), &ctx, model, errbuf,
                      errbuf_size);
    json_error_t error;
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, &error);
    if (root == NULL) {
        if (json_error_code(&error) == json_error_out_of_memory)
            return finish(lm_json_fail(&ctx, MATCH_ENOMEM, NULL, "out of memory"), &ctx, model,
                          errbuf, errbuf_size);
        snprintf(ctx.msg, sizeof ctx.msg, "%s:%d:%d: %s", ctx.source, error.line, error.column,
                 error.text);
        return finish(MATCH_EPARSE, &ctx, model, errbuf, errbuf_size);
    }
    previous_read r = {0};
    int rc = read_plan(&ctx, model, &r, root, "", "needs");
    if (rc == MATCH_OK)
        install(model, &r);
    read_free(&r);
    json_decref(root);
    return finish(rc, &ctx, model, errbuf, errbuf_size);
}
