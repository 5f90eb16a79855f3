/*
 * Reads a plan file ("libmatch-plan-1", docs/model.md) back into a plan, for comparing plans
 * (diff.h) and warm-starting a solve from a plan written earlier (solve.h).
 *
 * The reader is strict about what it uses (types, ranges, the format tag) and tolerant of
 * what it does not: keys it does not know are skipped, so plans written by later versions,
 * which may carry more fields, still read. Fields that older plans lack (a need's priority,
 * category, community and street) read as unknown: 0 and NULL.
 */
#include "libmatch/io.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../plan/plan_internal.h"
#include "json_fields.h"
#include "json_read.h"

static int nomem(lm_json_ctx *ctx)
{
    return lm_json_fail(ctx, MATCH_ENOMEM, NULL, "out of memory");
}

/* A copy of an optional string field into *out (NULL when absent or null). */
static int copy_string(lm_json_ctx *ctx, const json_t *obj, const char *key, bool required,
                       char **out)
{
    const char *text = NULL;
    LM_TRY(lm_json_get_string(ctx, obj, key, required, &text));
    if (text != NULL && (*out = lm_strdup(text)) == NULL)
        return nomem(ctx);
    return MATCH_OK;
}

/* A number field that may also be null (objective and bound of a plan without one). */
static int number_or_null(lm_json_ctx *ctx, const json_t *obj, const char *key, double *out)
{
    const json_t *value = json_object_get(obj, key);
    *out = NAN;
    if (value == NULL)
        return lm_json_fail(ctx, MATCH_EINPUT, key, "missing");
    if (json_is_null(value))
        return MATCH_OK;
    if (!json_is_number(value) || !isfinite(json_number_value(value)))
        return lm_json_fail_value(ctx, key, "a number or null", value);
    *out = json_number_value(value);
    return MATCH_OK;
}

/* The entries of a need's "volunteers" or "resources": [{"id": ..., amount_key: ...}]. */
static int read_shares(lm_json_ctx *ctx, const json_t *need, const char *list,
                       const char *amount_key, lm_plan_share **out, size_t *n_out)
{
    json_t *array = NULL;
    LM_TRY(lm_json_get_array(ctx, need, list, &array));
    if (array == NULL)
        return lm_json_fail(ctx, MATCH_EINPUT, list, "missing");
    size_t n = json_array_size(array);
    *out = calloc(n > 0 ? n : 1, sizeof **out);
    if (*out == NULL)
        return nomem(ctx);
    for (size_t k = 0; k < n; ++k) {
        const json_t *entry = json_array_get(array, k);
        size_t mark = lm_json_enter(ctx, list, k);
        if (!json_is_object(entry))
            return lm_json_fail_value(ctx, NULL, "an object", entry);
        LM_TRY(copy_string(ctx, entry, "id", true, &(*out)[k].id));
        *n_out = k + 1; /* owned from here, freed with the plan */
        LM_TRY(lm_json_get_number(ctx, entry, amount_key, true, LM_JSON_NONNEG, NULL,
                                  &(*out)[k].amount));
        lm_json_leave(ctx, mark);
    }
    return MATCH_OK;
}

static int read_need(lm_json_ctx *ctx, const json_t *obj, lm_plan_need *n)
{
    LM_TRY(copy_string(ctx, obj, "id", true, &n->id));
    LM_TRY(copy_string(ctx, obj, "name", false, &n->name));
    bool present = false;
    LM_TRY(lm_json_get_int(ctx, obj, "priority", false, 1, 5, &present, &n->priority));
    if (!present)
        n->priority = 0;
    LM_TRY(copy_string(ctx, obj, "category", false, &n->category));
    LM_TRY(copy_string(ctx, obj, "community", false, &n->community));
    LM_TRY(copy_string(ctx, obj, "street", false, &n->street));
    LM_TRY(lm_json_get_number(ctx, obj, "coverage", true, LM_JSON_NONNEG, NULL, &n->coverage));
    if (n->coverage > 1.0)
        return lm_json_fail(ctx, MATCH_EINPUT, "coverage", "must be within 0..1");
    LM_TRY(lm_json_get_number(ctx, obj, "hours", true, LM_JSON_NONNEG, NULL, &n->hours));
    LM_TRY(read_shares(ctx, obj, "volunteers", "hours", &n->volunteers, &n->n_volunteers));
    LM_TRY(read_shares(ctx, obj, "resources", "amount", &n->resources, &n->n_resources));
    return copy_string(ctx, obj, "unmet_reason", false, &n->unmet_reason);
}

static int read_needs(lm_json_ctx *ctx, const json_t *root, match_plan *plan)
{
    json_t *array = NULL;
    lm_json_at_section(ctx, "");
    LM_TRY(lm_json_get_array(ctx, root, "needs", &array));
    if (array == NULL)
        return lm_json_fail(ctx, MATCH_EINPUT, "needs", "missing");
    size_t n = json_array_size(array);
    plan->needs = calloc(n > 0 ? n : 1, sizeof *plan->needs);
    if (plan->needs == NULL)
        return nomem(ctx);
    plan->n_needs = n;
    for (size_t k = 0; k < n; ++k) {
        const json_t *obj = json_array_get(array, k);
        const json_t *id = json_is_object(obj) ? json_object_get(obj, "id") : NULL;
        lm_json_at_item(ctx, "needs", k, json_is_string(id) ? json_string_value(id) : NULL);
        if (!json_is_object(obj))
            return lm_json_fail_value(ctx, NULL, "an object", obj);
        LM_TRY(read_need(ctx, obj, &plan->needs[k]));
    }
    return MATCH_OK;
}

static int read_volunteers(lm_json_ctx *ctx, const json_t *root, match_plan *plan)
{
    json_t *array = NULL;
    lm_json_at_section(ctx, "");
    LM_TRY(lm_json_get_array(ctx, root, "volunteers", &array));
    size_t n = array != NULL ? json_array_size(array) : 0;
    plan->volunteers = calloc(n > 0 ? n : 1, sizeof *plan->volunteers);
    if (plan->volunteers == NULL)
        return nomem(ctx);
    plan->n_volunteers = n;
    for (size_t k = 0; k < n; ++k) {
        const json_t *obj = json_array_get(array, k);
        lm_json_at_item(ctx, "volunteers", k, NULL);
        if (!json_is_object(obj))
            return lm_json_fail_value(ctx, NULL, "an object", obj);
        lm_plan_volunteer *v = &plan->volunteers[k];
        LM_TRY(copy_string(ctx, obj, "id", true, &v->id));
        LM_TRY(copy_string(ctx, obj, "name", false, &v->name));
        LM_TRY(lm_json_get_number(ctx, obj, "hours", true, LM_JSON_NONNEG, NULL, &v->hours));
        LM_TRY(
            lm_json_get_number(ctx, obj, "shortfall", true, LM_JSON_NONNEG, NULL, &v->shortfall));
    }
    return MATCH_OK;
}

static int read_units(lm_json_ctx *ctx, const json_t *root, match_plan *plan)
{
    json_t *array = NULL;
    lm_json_at_section(ctx, "");
    LM_TRY(lm_json_get_array(ctx, root, "units", &array));
    size_t n = array != NULL ? json_array_size(array) : 0;
    plan->units = calloc(n > 0 ? n : 1, sizeof *plan->units);
    if (plan->units == NULL)
        return nomem(ctx);
    plan->n_units = n;
    for (size_t k = 0; k < n; ++k) {
        const json_t *obj = json_array_get(array, k);
        lm_json_at_item(ctx, "units", k, NULL);
        if (!json_is_object(obj))
            return lm_json_fail_value(ctx, NULL, "an object", obj);
        lm_plan_unit *u = &plan->units[k];
        LM_TRY(copy_string(ctx, obj, "id", true, &u->id));
        LM_TRY(lm_json_get_int(ctx, obj, "projects", true, 0, 1 << 30, NULL, &u->projects));
        LM_TRY(lm_json_get_int(ctx, obj, "shortfall", true, 0, 1 << 30, NULL, &u->shortfall));
    }
    return MATCH_OK;
}

static int read_status(lm_json_ctx *ctx, const json_t *root, match_plan *plan)
{
    const char *status = NULL;
    LM_TRY(lm_json_check_format(ctx, root, LM_PLAN_FORMAT, true));
    LM_TRY(lm_json_get_string(ctx, root, "status", true, &status));
    static const match_status all[] = {MATCH_STATUS_OPTIMAL,    MATCH_STATUS_FEASIBLE,
                                       MATCH_STATUS_INFEASIBLE, MATCH_STATUS_TIME_LIMIT,
                                       MATCH_STATUS_ERROR,      MATCH_STATUS_INTERRUPTED};
    size_t k = 0;
    while (k < sizeof all / sizeof all[0] && strcmp(match_status_name(all[k]), status) != 0)
        ++k;
    if (k == sizeof all / sizeof all[0])
        return lm_json_fail(ctx, MATCH_EINPUT, "status",
                            "\"%s\" is not one of optimal, feasible, infeasible, time_limit, "
                            "error, interrupted",
                            status);
    plan->status = all[k];
    LM_TRY(number_or_null(ctx, root, "objective", &plan->objective));
    LM_TRY(number_or_null(ctx, root, "bound", &plan->bound));
    char *message = NULL;
    LM_TRY(copy_string(ctx, root, "message", false, &message));
    if (message != NULL) {
        free(plan->message);
        plan->message = message;
    }
    return MATCH_OK;
}

static int read_root(lm_json_ctx *ctx, const json_t *root, match_plan *plan)
{
    if (!json_is_object(root))
        return lm_json_fail_value(ctx, NULL, "a plan object", root);
    LM_TRY(read_status(ctx, root, plan));
    LM_TRY(read_needs(ctx, root, plan));
    LM_TRY(read_volunteers(ctx, root, plan));
    return read_units(ctx, root, plan);
}

/* Makes a plan of the loaded root (rc: how loading went; root is released here). */
static int read_loaded(match_plan **out, json_t *root, int rc, lm_json_ctx *ctx)
{
    if (rc != MATCH_OK)
        return rc;
    match_plan *plan = calloc(1, sizeof *plan);
    if (plan != NULL)
        plan->error.kind = MATCH_KIND_NONE;
    if (plan == NULL || (plan->message = lm_strdup("")) == NULL)
        rc = nomem(ctx);
    if (rc == MATCH_OK) {
        plan->objective = plan->bound = NAN;
        rc = read_root(ctx, root, plan);
    }
    json_decref(root);
    if (rc != MATCH_OK) {
        match_plan_destroy(plan);
        return rc;
    }
    *out = plan;
    return MATCH_OK;
}

/* Reads a plan from a file (json NULL) or a string into *out; the error stays in ctx. */
static int read_plan_source(match_plan **out, const char *path, const char *json, lm_json_ctx *ctx)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || (path == NULL && json == NULL))
        return lm_json_fail(ctx, MATCH_EINVAL, NULL, "NULL argument");
    json_t *root = NULL;
    int rc = json != NULL ? lm_json_parse(ctx, json, strlen(json), &root)
                          : lm_json_load_file(ctx, path, &root);
    return read_loaded(out, root, rc, ctx);
}

int match_plan_load_json(match_plan **out, const char *path, match_error_detail *detail)
{
    lm_json_ctx ctx;
    lm_json_ctx_init(&ctx, path != NULL ? path : "<null>");
    int rc = read_plan_source(out, path, NULL, &ctx);
    return lm_json_finish_detail(rc, &ctx, detail);
}

int match_plan_load_json_string(match_plan **out, const char *json, const char *source_name,
                                match_error_detail *detail)
{
    lm_json_ctx ctx;
    lm_json_ctx_init(&ctx, source_name != NULL ? source_name : "<string>");
    int rc = read_plan_source(out, NULL, json, &ctx);
    return lm_json_finish_detail(rc, &ctx, detail);
}

int match_plan_read_json(match_plan **out, const char *path, char *errbuf, size_t errbuf_size)
{
    lm_json_ctx ctx;
    lm_json_ctx_init(&ctx, path != NULL ? path : "<null>");
    int rc = read_plan_source(out, path, NULL, &ctx);
    return lm_json_finish(rc, &ctx, errbuf, errbuf_size);
}

int match_plan_read_json_string(match_plan **out, const char *json, const char *source_name,
                                char *errbuf, size_t errbuf_size)
{
    lm_json_ctx ctx;
    lm_json_ctx_init(&ctx, source_name != NULL ? source_name : "<string>");
    int rc = read_plan_source(out, NULL, json, &ctx);
    return lm_json_finish(rc, &ctx, errbuf, errbuf_size);
}
