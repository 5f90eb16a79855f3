/*
 * Reads a scenario file ("libmatch-scenario-1", docs/model.md) into a model.
 *
 * The JSON is checked field by field here (types, ranges, unknown fields), and the model is
 * built through the public builder calls, so the rules on references, duplicates and pairs
 * live in the builder alone; its failures are re-worded with the file, item and field.
 * Lists are read in dependency order, so every reference points backwards.
 * Nothing half-built escapes: on any error the partial model is freed.
 */
#include "libmatch/io.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_fields.h"
#include "previous_read.h"
#include "../model/model_internal.h"

#define SCENARIO_FORMAT "libmatch-scenario-1"

#define TRY(expr)                                                                                  \
    do {                                                                                           \
        int rc_ = (expr);                                                                          \
        if (rc_ != MATCH_OK)                                                                       \
            return rc_;                                                                            \
    } while (0)

static const char *const kind_names[] = {"community", "unit", "volunteer", "resource", "need"};
static const char *const list_names[] = {"communities", "units", "volunteers", "resources",
                                         "needs"};

static size_t find_item(const match_model *m, match_item_kind kind, const char *id)
{
    switch (kind) {
    case MATCH_COMMUNITY:
        return lm_find_community(m, id);
    case MATCH_UNIT:
        return lm_find_unit(m, id);
    case MATCH_VOLUNTEER:
        return lm_find_volunteer(m, id);
    case MATCH_RESOURCE:
        return lm_find_resource(m, id);
    default:
        return lm_find_need(m, id);
    }
}

/*
 * Explains a failed builder call that adds item `id` of `kind` and may name one reference
 * (`ref_field` = `ref_value`, an item of `ref_kind`). Other failures keep the builder's
 * message.
 */
static int add_failed(lm_json_ctx *ctx, const match_model *m, int rc, match_item_kind kind,
                      const char *id, const char *ref_field, match_item_kind ref_kind,
                      const char *ref_value)
{
    if (rc == MATCH_EDUPLICATE)
        return lm_json_fail(ctx, rc, "id", "id \"%s\" is already used by %s[%zu]", id,
                            list_names[kind], find_item(m, kind, id));
    if (rc == MATCH_ENOTFOUND && ref_field != NULL)
        return lm_json_fail(ctx, rc, ref_field, "no %s with id \"%s\"", kind_names[ref_kind],
                            ref_value);
    return lm_json_fail_builder(ctx, m, rc);
}

/* Checks the result of a builder call that sets `field`, which may be a reference. */
static int set_result(lm_json_ctx *ctx, const match_model *m, int rc, const char *field,
                      match_item_kind ref_kind, const char *ref_value)
{
    if (rc == MATCH_OK)
        return MATCH_OK;
    if (rc == MATCH_ENOTFOUND && ref_value != NULL)
        return lm_json_fail(ctx, rc, field, "no %s with id \"%s\"", kind_names[ref_kind],
                            ref_value);
    return lm_json_fail_builder(ctx, m, rc);
}

typedef int (*tag_adder)(match_model *, const char *, const char *);

/* Adds each tag of the optional string list `key` with `add`. */
static int add_tags(lm_json_ctx *ctx, match_model *m, const json_t *item, const char *key,
                    const char *id, tag_adder add)
{
    json_t *tags;
    TRY(lm_json_get_tags(ctx, item, key, &tags));
    for (size_t k = 0; k < json_array_size(tags); ++k) {
        int rc = add(m, id, json_string_value(json_array_get(tags, k)));
        if (rc != MATCH_OK)
            return lm_json_fail_builder(ctx, m, rc);
    }
    return MATCH_OK;
}

/* ---- Policy ---------------------------------------------------------------------------- */

static const char *const policy_fields[] = {"max_distance_km",
                                            "priority_weights",
                                            "distance_cost",
                                            "volunteer_min_hours",
                                            "volunteer_shortfall_penalty",
                                            "unit_min_projects",
                                            "unit_shortfall_penalty",
                                            "change_penalty",
                                            "objective",
                                            "eligibility",
                                            NULL};

static int read_weights(lm_json_ctx *ctx, match_model *m, const json_t *policy)
{
    json_t *list;
    TRY(lm_json_get_array(ctx, policy, "priority_weights", &list));
    if (list == NULL)
        return MATCH_OK;
    double weights[LM_PRIORITY_LEVELS];
    if (json_array_size(list) != LM_PRIORITY_LEVELS)
        return lm_json_fail_value(ctx, "priority_weights", "an array of 5 numbers >= 0", list);
    for (size_t k = 0; k < LM_PRIORITY_LEVELS; ++k) {
        json_t *w = json_array_get(list, k);
        if (!json_is_number(w) || !(json_number_value(w) >= 0)) {
            char field[32];
            snprintf(field, sizeof field, "priority_weights[%zu]", k);
            return lm_json_fail_value(ctx, field, "a number >= 0", w);
        }
        weights[k] = json_number_value(w);
    }
    int rc = match_model_set_priority_weights(m, weights, LM_PRIORITY_LEVELS);
    return set_result(ctx, m, rc, "priority_weights", MATCH_COMMUNITY, NULL);
}

static int read_policy_option(lm_json_ctx *ctx, match_model *m, const json_t *policy,
                              const char *field)
{
    const char *word = NULL;
    TRY(lm_json_get_string(ctx, policy, field, false, &word));
    if (word == NULL)
        return MATCH_OK;
    int rc = match_model_set_policy_option(m, field, word);
    if (rc == MATCH_EINPUT)
        return lm_json_fail_value(ctx, field,
                                  strcmp(field, "objective") == 0
                                      ? "\"weighted\" or \"lexicographic\""
                                      : "\"computed\" or \"pairs_only\"",
                                  json_object_get(policy, field));
    return set_result(ctx, m, rc, field, MATCH_COMMUNITY, NULL);
}

static int read_policy(lm_json_ctx *ctx, match_model *m, const json_t *root)
{
    json_t *policy;
    TRY(lm_json_get_object(ctx, root, "policy", &policy));
    if (policy == NULL)
        return MATCH_OK;
    lm_json_at_section(ctx, "policy");
    TRY(lm_json_check_object(ctx, policy, NULL, policy_fields));
    for (size_t k = 0; policy_fields[k] != NULL; ++k) {
        const char *field = policy_fields[k];
        bool present = false;
        double value = 0;
        if (strcmp(field, "priority_weights") == 0) {
            TRY(read_weights(ctx, m, policy));
            continue;
        }
        if (strcmp(field, "objective") == 0 || strcmp(field, "eligibility") == 0) {
            TRY(read_policy_option(ctx, m, policy, field));
            continue;
        }
        if (strcmp(field, "unit_min_projects") == 0) {
            int count = 0;
            TRY(lm_json_get_int(ctx, policy, field, false, 0, INT_MAX, &present, &count));
            value = count;
        } else {
            TRY(lm_json_get_number(ctx, policy, field, false, LM_JSON_NONNEG, &present, &value));
        }
        if (present)
            TRY(set_result(ctx, m, match_model_set_policy(m, field, value), field, MATCH_COMMUNITY,
                           NULL));
    }
    return MATCH_OK;
}

/* ---- Items ----------------------------------------------------------------------------- */

static int read_community(lm_json_ctx *ctx, match_model *m, const json_t *item, const char *id)
{
    const char *name, *street;
    double lat = 0, lon = 0;
    bool located;
    TRY(lm_json_get_string(ctx, item, "name", false, &name));
    TRY(lm_json_get_string(ctx, item, "street", false, &street));
    TRY(lm_json_get_location(ctx, item, true, &located, &lat, &lon));
    int rc = match_model_add_community(m, id, name, street, lat, lon);
    if (rc != MATCH_OK)
        return add_failed(ctx, m, rc, MATCH_COMMUNITY, id, NULL, MATCH_COMMUNITY, NULL);
    return MATCH_OK;
}

static int read_unit(lm_json_ctx *ctx, match_model *m, const json_t *item, const char *id)
{
    const char *name, *community;
    int min_projects = 0;
    bool has_min;
    TRY(lm_json_get_string(ctx, item, "name", false, &name));
    TRY(lm_json_get_id(ctx, item, "community", true, &community));
    TRY(lm_json_get_int(ctx, item, "min_projects", false, 0, INT_MAX, &has_min, &min_projects));
    int rc = match_model_add_unit(m, id, name, community);
    if (rc != MATCH_OK)
        return add_failed(ctx, m, rc, MATCH_UNIT, id, "community", MATCH_COMMUNITY, community);
    if (has_min)
        TRY(set_result(ctx, m, match_model_set_unit_min_projects(m, id, min_projects),
                       "min_projects", MATCH_UNIT, NULL));
    return MATCH_OK;
}

static int read_volunteer(lm_json_ctx *ctx, match_model *m, const json_t *item, const char *id)
{
    const char *community, *unit;
    double hours = 0, lat = 0, lon = 0, min_hours = 0, km = 0;
    bool located, has_min, has_km;
    TRY(lm_json_get_id(ctx, item, "community", true, &community));
    TRY(lm_json_get_number(ctx, item, "hours", true, LM_JSON_NONNEG, NULL, &hours));
    TRY(lm_json_get_id(ctx, item, "unit", false, &unit));
    TRY(lm_json_get_location(ctx, item, false, &located, &lat, &lon));
    TRY(lm_json_get_number(ctx, item, "min_hours", false, LM_JSON_NONNEG, &has_min, &min_hours));
    TRY(lm_json_get_number(ctx, item, "max_distance_km", false, LM_JSON_NONNEG, &has_km, &km));

    int rc = match_model_add_volunteer(m, id, community, hours);
    if (rc != MATCH_OK)
        return add_failed(ctx, m, rc, MATCH_VOLUNTEER, id, "community", MATCH_COMMUNITY, community);
    if (unit != NULL)
        TRY(set_result(ctx, m, match_model_set_volunteer_unit(m, id, unit), "unit", MATCH_UNIT,
                       unit));
    if (located)
        TRY(set_result(ctx, m, match_model_set_volunteer_location(m, id, lat, lon), "lat",
                       MATCH_VOLUNTEER, NULL));
    if (has_min)
        TRY(set_result(ctx, m, match_model_set_volunteer_min_hours(m, id, min_hours), "min_hours",
                       MATCH_VOLUNTEER, NULL));
    if (has_km)
        TRY(set_result(ctx, m, match_model_set_volunteer_max_distance(m, id, km), "max_distance_km",
                       MATCH_VOLUNTEER, NULL));
    TRY(add_tags(ctx, m, item, "skills", id, match_model_add_volunteer_skill));
    return add_tags(ctx, m, item, "slots", id, match_model_add_volunteer_slot);
}

static int read_resource(lm_json_ctx *ctx, match_model *m, const json_t *item, const char *id)
{
    const char *unit, *type;
    double amount = 0, lat = 0, lon = 0;
    bool located;
    TRY(lm_json_get_id(ctx, item, "unit", true, &unit));
    TRY(lm_json_get_id(ctx, item, "type", true, &type));
    TRY(lm_json_get_number(ctx, item, "amount", true, LM_JSON_NONNEG, NULL, &amount));
    TRY(lm_json_get_location(ctx, item, false, &located, &lat, &lon));

    int rc = match_model_add_resource(m, id, unit, type, amount);
    if (rc != MATCH_OK)
        return add_failed(ctx, m, rc, MATCH_RESOURCE, id, "unit", MATCH_UNIT, unit);
    if (located)
        TRY(set_result(ctx, m, match_model_set_resource_location(m, id, lat, lon), "lat",
                       MATCH_RESOURCE, NULL));
    return add_tags(ctx, m, item, "categories", id, match_model_add_resource_category);
}

static const char *const request_fields[] = {"type", "amount", NULL};

/* A need's "resources": [{"type": ..., "amount": ...}, ...]. */
static int read_requests(lm_json_ctx *ctx, match_model *m, const json_t *item, const char *id)
{
    json_t *list;
    TRY(lm_json_get_array(ctx, item, "resources", &list));
    for (size_t k = 0; k < json_array_size(list); ++k) {
        json_t *request = json_array_get(list, k);
        size_t mark = lm_json_enter(ctx, "resources", k);
        const char *type;
        double amount = 0;
        TRY(lm_json_check_object(ctx, request, NULL, request_fields));
        TRY(lm_json_get_id(ctx, request, "type", true, &type));
        TRY(lm_json_get_number(ctx, request, "amount", true, LM_JSON_POSITIVE, NULL, &amount));
        TRY(set_result(ctx, m, match_model_add_need_resource(m, id, type, amount), "type",
                       MATCH_NEED, NULL));
        lm_json_leave(ctx, mark);
    }
    return MATCH_OK;
}

static int read_need(lm_json_ctx *ctx, match_model *m, const json_t *item, const char *id)
{
    const char *community, *category;
    int priority = 0, min_volunteers = 0, max_volunteers = 0;
    double hours = 0;
    bool has_hours, has_min, has_max, has_aon, aon = false, has_required, required = false;
    TRY(lm_json_get_id(ctx, item, "community", true, &community));
    TRY(lm_json_get_id(ctx, item, "category", true, &category));
    TRY(lm_json_get_int(ctx, item, "priority", true, 1, LM_PRIORITY_LEVELS, NULL, &priority));
    TRY(lm_json_get_number(ctx, item, "hours", false, LM_JSON_NONNEG, &has_hours, &hours));
    TRY(lm_json_get_int(ctx, item, "min_volunteers", false, 0, INT_MAX, &has_min, &min_volunteers));
    TRY(lm_json_get_int(ctx, item, "max_volunteers", false, 0, INT_MAX, &has_max, &max_volunteers));
    TRY(lm_json_get_bool(ctx, item, "all_or_nothing", &has_aon, &aon));
    TRY(lm_json_get_bool(ctx, item, "required", &has_required, &required));

    int rc = match_model_add_need(m, id, community, category, priority);
    if (rc != MATCH_OK)
        return add_failed(ctx, m, rc, MATCH_NEED, id, "community", MATCH_COMMUNITY, community);
    if (has_hours)
        TRY(set_result(ctx, m, match_model_set_need_hours(m, id, hours), "hours", MATCH_NEED,
                       NULL));
    if (has_min)
        TRY(set_result(ctx, m, match_model_set_need_min_volunteers(m, id, min_volunteers),
                       "min_volunteers", MATCH_NEED, NULL));
    if (has_max)
        TRY(set_result(ctx, m, match_model_set_need_max_volunteers(m, id, max_volunteers),
                       "max_volunteers", MATCH_NEED, NULL));
    if (has_aon)
        TRY(set_result(ctx, m, match_model_set_need_all_or_nothing(m, id, aon), "all_or_nothing",
                       MATCH_NEED, NULL));
    if (has_required)
        TRY(set_result(ctx, m, match_model_set_need_required(m, id, required), "required",
                       MATCH_NEED, NULL));
    TRY(read_requests(ctx, m, item, id));
    TRY(add_tags(ctx, m, item, "skills", id, match_model_add_need_skill));
    return add_tags(ctx, m, item, "slots", id, match_model_add_need_slot);
}

/* ---- Pairs ----------------------------------------------------------------------------- */

static int pair_failed(lm_json_ctx *ctx, const match_model *m, int rc, const char *volunteer,
                       const char *need)
{
    if (rc == MATCH_ENOTFOUND && lm_find_volunteer(m, volunteer) == LM_NONE)
        return lm_json_fail(ctx, rc, "volunteer", "no volunteer with id \"%s\"", volunteer);
    if (rc == MATCH_ENOTFOUND && lm_find_need(m, need) == LM_NONE)
        return lm_json_fail(ctx, rc, "need", "no need with id \"%s\"", need);
    return lm_json_fail_builder(ctx, m, rc);
}

/* Reads the volunteer and need of a pair and names them in the position. */
static int read_pair(lm_json_ctx *ctx, const json_t *item, const char *list, size_t index,
                     const char **volunteer, const char **need)
{
    TRY(lm_json_get_id(ctx, item, "volunteer", true, volunteer));
    TRY(lm_json_get_id(ctx, item, "need", true, need));
    char where[LM_JSON_WHERE_SIZE];
    snprintf(where, sizeof where, "%s[%zu] (volunteer \"%s\", need \"%s\")", list, index,
             *volunteer, *need);
    lm_json_at_section(ctx, where);
    return MATCH_OK;
}

static int read_fixed(lm_json_ctx *ctx, match_model *m, const json_t *item, size_t index)
{
    const char *volunteer, *need;
    double hours = 0;
    TRY(read_pair(ctx, item, "fixed", index, &volunteer, &need));
    TRY(lm_json_get_number(ctx, item, "hours", true, LM_JSON_POSITIVE, NULL, &hours));
    int rc = match_model_fix_pair(m, volunteer, need, hours);
    return rc == MATCH_OK ? MATCH_OK : pair_failed(ctx, m, rc, volunteer, need);
}

static int read_forbidden(lm_json_ctx *ctx, match_model *m, const json_t *item, size_t index)
{
    const char *volunteer, *need;
    TRY(read_pair(ctx, item, "forbidden", index, &volunteer, &need));
    int rc = match_model_forbid_pair(m, volunteer, need);
    return rc == MATCH_OK ? MATCH_OK : pair_failed(ctx, m, rc, volunteer, need);
}

/* A listed pair: {"volunteer", "need", "hours", "value" (default 0)}. */
static int read_listed(lm_json_ctx *ctx, match_model *m, const json_t *item, size_t index)
{
    const char *volunteer, *need;
    double hours = 0, value = 0;
    TRY(read_pair(ctx, item, "pairs", index, &volunteer, &need));
    TRY(lm_json_get_number(ctx, item, "hours", true, LM_JSON_NONNEG, NULL, &hours));
    TRY(lm_json_get_number(ctx, item, "value", false, LM_JSON_FINITE, NULL, &value));
    int rc = match_model_add_pair(m, volunteer, need, value, hours);
    return rc == MATCH_OK ? MATCH_OK : pair_failed(ctx, m, rc, volunteer, need);
}

/* ---- Lists ----------------------------------------------------------------------------- */

typedef struct list_spec {
    const char *key;
    const char *const *fields; /* the allowed keys, NULL-terminated */
    int (*read_item)(lm_json_ctx *, match_model *, const json_t *, const char *id);
    int (*read_pair)(lm_json_ctx *, match_model *, const json_t *, size_t index);
} list_spec;

static const char *const community_fields[] = {"id", "name", "street", "lat", "lon", NULL};
static const char *const unit_fields[] = {"id", "name", "community", "min_projects", NULL};
static const char *const volunteer_fields[] = {"id",     "unit",  "community", "lat",
                                               "lon",    "hours", "min_hours", "max_distance_km",
                                               "skills", "slots", NULL};
static const char *const resource_fields[] = {"id",  "unit", "type",       "amount",
                                              "lat", "lon",  "categories", NULL};
static const char *const need_fields[] = {
    "id",        "community",      "category", "priority", "hours",          "skills",
    "resources", "all_or_nothing", "required", "slots",    "min_volunteers", "max_volunteers",
    NULL};
static const char *const fixed_fields[] = {"volunteer", "need", "hours", NULL};
static const char *const forbidden_fields[] = {"volunteer", "need", NULL};
static const char *const listed_fields[] = {"volunteer", "need", "value", "hours", NULL};

/* In dependency order: each list refers only to the ones before it. */
static const list_spec lists[] = {
    {"communities", community_fields, read_community, NULL},
    {"units", unit_fields, read_unit, NULL},
    {"volunteers", volunteer_fields, read_volunteer, NULL},
    {"resources", resource_fields, read_resource, NULL},
    {"needs", need_fields, read_need, NULL},
    {"fixed", fixed_fields, NULL, read_fixed},
    {"forbidden", forbidden_fields, NULL, read_forbidden},
    {"pairs", listed_fields, NULL, read_listed},
};

static int read_list(lm_json_ctx *ctx, match_model *m, const json_t *root, const list_spec *spec)
{
    json_t *list;
    lm_json_at_section(ctx, "");
    TRY(lm_json_get_array(ctx, root, spec->key, &list));
    for (size_t i = 0; i < json_array_size(list); ++i) {
        json_t *item = json_array_get(list, i);
        lm_json_at_item(ctx, spec->key, i, NULL);
        if (!json_is_object(item))
            return lm_json_fail_value(ctx, NULL, "an object", item);
        if (spec->read_pair != NULL) {
            TRY(lm_json_check_object(ctx, item, NULL, spec->fields));
            TRY(spec->read_pair(ctx, m, item, i));
            continue;
        }
        const char *id;
        TRY(lm_json_get_id(ctx, item, "id", true, &id));
        lm_json_at_item(ctx, spec->key, i, id);
        TRY(lm_json_check_object(ctx, item, NULL, spec->fields));
        TRY(spec->read_item(ctx, m, item, id));
    }
    return MATCH_OK;
}

static const char *const top_fields[] = {
    "format", "name",  "policy",    "communities", "units",         "volunteers", "resources",
    "needs",  "fixed", "forbidden", "pairs",       "previous_plan", NULL};

/* base_dir: where a "previous_plan" file name is read from (NULL: the current directory). */
static int read_scenario(lm_json_ctx *ctx, match_model *m, const json_t *root, const char *base_dir)
{
    const char *format, *name;
    if (!json_is_object(root))
        return lm_json_fail_value(ctx, NULL, "an object", root);
    TRY(lm_json_get_string(ctx, root, "format", true, &format));
    if (strcmp(format, SCENARIO_FORMAT) != 0)
        return lm_json_fail_value(ctx, "format", "\"" SCENARIO_FORMAT "\"",
                                  json_object_get(root, "format"));
    TRY(lm_json_check_object(ctx, root, NULL, top_fields));
    TRY(lm_json_get_string(ctx, root, "name", false, &name));
    if (name != NULL)
        TRY(set_result(ctx, m, match_model_set_name(m, name), "name", MATCH_COMMUNITY, NULL));
    TRY(read_policy(ctx, m, root));
    for (size_t k = 0; k < sizeof lists / sizeof lists[0]; ++k)
        TRY(read_list(ctx, m, root, &lists[k]));
    json_t *previous = json_object_get(root, "previous_plan");
    if (previous != NULL && !json_is_null(previous))
        TRY(lm_previous_read_value(ctx, m, previous, base_dir));
    return MATCH_OK;
}

/* ---- Entry points ---------------------------------------------------------------------- */

/* Parses and reads `len` bytes of JSON; `source` names them in messages. */
static int read_buffer(match_model **out, const char *text, size_t len, lm_json_ctx *ctx,
                       const char *base_dir)
{
    /* Editors on Windows often start UTF-8 files with a byte-order mark; JSON has no use for it. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    json_error_t error;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &error);
    if (root == NULL) {
        if (json_error_code(&error) == json_error_out_of_memory)
            return lm_json_fail(ctx, MATCH_ENOMEM, NULL, "out of memory");
        /* Jansson's own "file:line:column: text" shape, so editors can jump to it. */
        snprintf(ctx->msg, sizeof ctx->msg, "%s:%d:%d: %s", ctx->source, error.line, error.column,
                 error.text);
        ctx->code = MATCH_EPARSE;
        return MATCH_EPARSE;
    }
    match_model *m = NULL;
    int rc = match_model_create(&m);
    if (rc != MATCH_OK)
        rc = lm_json_fail(ctx, rc, NULL, "out of memory");
    else
        rc = read_scenario(ctx, m, root, base_dir);
    json_decref(root);
    if (rc != MATCH_OK) {
        match_model_destroy(m);
        m = NULL;
    }
    *out = m;
    return rc;
}

/* Reads the whole file into a malloc'ed buffer. */
static int slurp(const char *path, char **data, size_t *len, lm_json_ctx *ctx)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return lm_json_fail(ctx, MATCH_EIO, NULL, "cannot open: %s", strerror(errno));
    char *buf = NULL;
    size_t used = 0, cap = 0;
    int rc = MATCH_OK;
    for (;;) {
        if (!lm_reserve((void **)&buf, &cap, used + 65536, 1)) {
            rc = lm_json_fail(ctx, MATCH_ENOMEM, NULL, "out of memory");
            break;
        }
        size_t got = fread(buf + used, 1, cap - used, f);
        used += got;
        if (got == 0) {
            if (ferror(f))
                rc = lm_json_fail(ctx, MATCH_EIO, NULL, "cannot read: %s", strerror(errno));
            break;
        }
    }
    fclose(f);
    if (rc != MATCH_OK) {
        free(buf);
        return rc;
    }
    *data = buf;
    *len = used;
    return MATCH_OK;
}

int match_model_read_json(match_model **out, const char *path, char *errbuf, size_t errbuf_size)
{
    lm_json_ctx ctx;
    lm_json_ctx_init(&ctx, path != NULL ? path : "<null>");
    if (out != NULL)
        *out = NULL;
    if (out == NULL || path == NULL)
        return lm_json_finish(lm_json_fail(&ctx, MATCH_EINVAL, NULL, "NULL argument"), &ctx, errbuf,
                              errbuf_size);
    char *data = NULL;
    size_t len = 0;
    int rc = slurp(path, &data, &len, &ctx);
    /* A plan file the scenario names is found beside it. */
    char *dir = rc == MATCH_OK ? lm_strdup(path) : NULL;
    if (rc == MATCH_OK && dir == NULL)
        rc = lm_json_fail(&ctx, MATCH_ENOMEM, NULL, "out of memory");
    if (rc == MATCH_OK) {
        char *slash = strrchr(dir, '/');
        if (slash == NULL)
            dir[0] = '\0';
        else
            slash[slash == dir ? 1 : 0] = '\0';
        rc = read_buffer(out, data, len, &ctx, dir);
    }
    free(dir);
    free(data);
    return lm_json_finish(rc, &ctx, errbuf, errbuf_size);
}

int match_model_read_json_string(match_model **out, const char *json, const char *source_name,
                                 char *errbuf, size_t errbuf_size)
{
    lm_json_ctx ctx;
    lm_json_ctx_init(&ctx, source_name != NULL ? source_name : "<string>");
    if (out != NULL)
        *out = NULL;
    if (out == NULL || json == NULL)
        return lm_json_finish(lm_json_fail(&ctx, MATCH_EINVAL, NULL, "NULL argument"), &ctx, errbuf,
                              errbuf_size);
    return lm_json_finish(read_buffer(out, json, strlen(json), &ctx, NULL), &ctx, errbuf,
                          errbuf_size);
}
