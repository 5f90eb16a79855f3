/*
 * Writes a plan as a plan file ("libmatch-plan-1", docs/model.md).
 *
 * The output is deterministic, so plans can be compared with diff and checked into tests:
 * keys in the order of docs/model.md, two-space indentation, UTF-8 text unescaped, a final
 * newline, and numbers in one canonical form. A number is first rounded to 12 significant
 * digits (which hides the solver's 39.99999999997-style noise); if the result is a whole
 * number below 2^53 it is written as an integer ("40", not "40.0"), otherwise as a decimal
 * of at most 12 significant digits ("0.5", "1e20"). NaN and infinities are written as null.
 */
#include "libmatch/io.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_number.h"

#include "../common/file_replace.h"
#include "../plan/plan_internal.h"

#define PLAN_FORMAT "libmatch-plan-1"

/* Builds JSON values; the first failure is kept in `rc` and later calls do nothing. */
typedef struct builder {
    int rc;
} builder;

static json_t *string(builder *b, const char *s)
{
    if (s == NULL)
        return json_null();
    json_t *value = json_string(s);
    if (value == NULL && b->rc == MATCH_OK) {
        /* json_string() fails on no memory or on bytes that are not UTF-8: tell them apart. */
        json_t *raw = json_string_nocheck(s);
        if (raw != NULL)
            b->rc = MATCH_EINVAL;
        json_decref(raw);
    }
    return value;
}

/* Adds value under key (taking it over); records a failure. */
static void put(builder *b, json_t *obj, const char *key, json_t *value)
{
    if (obj == NULL || json_object_set_new_nocheck(obj, key, value) != 0) {
        json_decref(obj == NULL ? value : NULL);
        if (b->rc == MATCH_OK)
            b->rc = MATCH_ENOMEM;
    }
}

static void append(builder *b, json_t *array, json_t *value)
{
    if (array == NULL || json_array_append_new(array, value) != 0) {
        json_decref(array == NULL ? value : NULL);
        if (b->rc == MATCH_OK)
            b->rc = MATCH_ENOMEM;
    }
}

static json_t *shares(builder *b, const lm_plan_share *list, size_t n, const char *amount_key)
{
    json_t *array = json_array();
    for (size_t k = 0; k < n; ++k) {
        json_t *share = json_object();
        put(b, share, "id", string(b, list[k].id));
        put(b, share, amount_key, lm_json_number(list[k].amount));
        append(b, array, share);
    }
    return array;
}

static json_t *need(builder *b, const lm_plan_need *n)
{
    json_t *obj = json_object();
    put(b, obj, "id", string(b, n->id));
    /* What a plan comparison groups by; a plan read back without them writes none. */
    if (n->priority >= 1)
        put(b, obj, "priority", json_integer(n->priority));
    if (n->category != NULL)
        put(b, obj, "category", string(b, n->category));
    if (n->community != NULL) {
        put(b, obj, "community", string(b, n->community));
        put(b, obj, "street", string(b, n->street));
    }
    put(b, obj, "coverage", lm_json_number(n->coverage));
    put(b, obj, "hours", lm_json_number(n->hours));
    put(b, obj, "volunteers", shares(b, n->volunteers, n->n_volunteers, "hours"));
    put(b, obj, "resources", shares(b, n->resources, n->n_resources, "amount"));
    put(b, obj, "unmet_reason", string(b, n->unmet_reason));
    return obj;
}

/* A lexicographic plan's levels: [{"name": "priority 5", "value": 16, "bound": 16}, ...]. */
static json_t *levels(builder *b, const match_plan *plan)
{
    json_t *array = json_array();
    for (size_t k = 0; k < match_plan_level_count(plan); ++k) {
        json_t *obj = json_object();
        put(b, obj, "name", string(b, match_plan_level_name(plan, k)));
        put(b, obj, "value", lm_json_number(plan->level_value[k]));
        put(b, obj, "bound", lm_json_number(plan->level_bound[k]));
        append(b, array, obj);
    }
    return array;
}

/* How the plan stands to the plan in force it was solved against. */
static json_t *previous(builder *b, const match_plan *plan)
{
    size_t moved = 0;
    for (size_t v = 0; v < plan->n_volunteers; ++v)
        moved += plan->volunteers[v].moved_hours > 0;
    json_t *obj = json_object();
    put(b, obj, "hours", lm_json_number(plan->previous_hours));
    put(b, obj, "moved_hours", lm_json_number(plan->moved_hours));
    put(b, obj, "volunteers_moved",
        isnan(plan->moved_hours) ? json_null() : json_integer((json_int_t)moved));
    put(b, obj, "ignored", json_integer((json_int_t)plan->previous_ignored));
    return obj;
}

static json_t *plan_json(builder *b, const match_plan *plan)
{
    json_t *root = json_object();
    put(b, root, "format", json_string(PLAN_FORMAT));
    put(b, root, "status", string(b, match_status_name(plan->status)));
    put(b, root, "objective", lm_json_number(plan->objective));
    put(b, root, "bound", lm_json_number(plan->bound));
    if (plan->message != NULL && plan->message[0] != '\0')
        put(b, root, "message", string(b, plan->message));
    /* Written only for the features that make them, so other plans stay as they were. */
    if (plan->lexicographic)
        put(b, root, "levels", levels(b, plan));
    if (plan->has_previous)
        put(b, root, "previous_plan", previous(b, plan));

    json_t *needs = json_array();
    for (size_t i = 0; i < plan->n_needs; ++i)
        append(b, needs, need(b, &plan->needs[i]));
    put(b, root, "needs", needs);

    json_t *volunteers = json_array();
    for (size_t i = 0; i < plan->n_volunteers; ++i) {
        json_t *obj = json_object();
        put(b, obj, "id", string(b, plan->volunteers[i].id));
        put(b, obj, "hours", lm_json_number(plan->volunteers[i].hours));
        put(b, obj, "shortfall", lm_json_number(plan->volunteers[i].shortfall));
        if (plan->has_previous)
            put(b, obj, "moved_hours", lm_json_number(plan->volunteers[i].moved_hours));
        append(b, volunteers, obj);
    }
    put(b, root, "volunteers", volunteers);

    json_t *units = json_array();
    for (size_t i = 0; i < plan->n_units; ++i) {
        json_t *obj = json_object();
        put(b, obj, "id", string(b, plan->units[i].id));
        put(b, obj, "projects", json_integer(plan->units[i].projects));
        put(b, obj, "shortfall", json_integer(plan->units[i].shortfall));
        append(b, units, obj);
    }
    put(b, root, "units", units);
    return root;
}

/* The plan file's text with its final newline, malloc'ed; the failure is in plan->errmsg. */
static int render(char **out, size_t *len, match_plan *plan)
{
    builder b = {MATCH_OK};
    json_t *root = plan_json(&b, plan);
    *out = NULL;
    if (root == NULL && b.rc == MATCH_OK)
        b.rc = MATCH_ENOMEM;
    char *text = NULL;
    size_t n = 0;
    if (b.rc == MATCH_OK) {
        /* Dump into our own buffer so match_free() is plain free() whatever jansson uses. */
        n = json_dumpb(root, NULL, 0, LM_JSON_DUMP_FLAGS);
        text = n > 0 ? malloc(n + 2) : NULL;
        if (text == NULL || json_dumpb(root, text, n, LM_JSON_DUMP_FLAGS) != n)
            b.rc = MATCH_ENOMEM;
    }
    json_decref(root);
    if (b.rc != MATCH_OK) {
        free(text);
        if (b.rc == MATCH_EINVAL)
            lm_errmsg_set(plan->errmsg, "the plan holds text that is not valid UTF-8");
        else
            lm_errmsg_set(plan->errmsg, "out of memory while writing the plan");
        return b.rc;
    }
    text[n] = '\n';
    text[n + 1] = '\0';
    *out = text;
    *len = n + 1;
    return MATCH_OK;
}

int match_plan_to_json(char **out, match_plan *plan)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || plan == NULL) {
        if (plan != NULL)
            lm_errmsg_set(plan->errmsg, "match_plan_to_json: out is NULL");
        return MATCH_EINVAL;
    }
    size_t len;
    int rc = render(out, &len, plan);
    if (rc == MATCH_OK)
        plan->errmsg[0] = '\0';
    return rc;
}

void match_free(void *ptr)
{
    free(ptr);
}

/* The rendered plan text, written by lm_file_replace() into its temporary file. */
typedef struct plan_text {
    const char *text;
    size_t len;
} plan_text;

static int write_text(FILE *f, const char *tmp_path, void *payload, char *errmsg)
{
    (void)tmp_path;
    (void)errmsg; /* MATCH_EIO with no message: the helper names errno */
    const plan_text *t = payload;
    return fwrite(t->text, 1, t->len, f) == t->len ? MATCH_OK : MATCH_EIO;
}

int match_plan_write_json(match_plan *plan, const char *path)
{
    if (plan == NULL)
        return MATCH_EINVAL;
    if (path == NULL) {
        lm_errmsg_set(plan->errmsg, "match_plan_write_json: path is NULL");
        return MATCH_EINVAL;
    }
    char *text;
    size_t len;
    int rc = render(&text, &len, plan);
    if (rc != MATCH_OK)
        return rc;
    plan_text payload = {text, len};
    rc = lm_file_replace(path, "plan", write_text, &payload, plan->errmsg);
    free(text);
    if (rc == MATCH_OK)
        plan->errmsg[0] = '\0';
    return rc;
}
