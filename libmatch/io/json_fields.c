/* Typed field readers for scenario files, and the messages they give when a field is wrong. */
#include "json_fields.h"

#include "input_limits.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* How much of a wrong value a message quotes; longer values are cut with "...". */
#define QUOTE_BYTES 40

void lm_json_ctx_init(lm_json_ctx *ctx, const char *source)
{
    ctx->source = source;
    ctx->where[0] = '\0';
    ctx->msg[0] = '\0';
    ctx->code = MATCH_OK;
    memset(&ctx->at, 0, sizeof ctx->at);
    ctx->at.kind = MATCH_KIND_NONE;
    ctx->error = ctx->at;
    ctx->list = ctx->sub = ctx->err_list = ctx->err_sub = NULL;
    ctx->index = ctx->err_index = 0;
    ctx->err_field[0] = '\0';
    ctx->err_detail = 0;
}

/* Copies at most size - 1 bytes of s (NULL: "") into buf. */
static void copy_text(char *buf, size_t size, const char *s)
{
    snprintf(buf, size, "%s", s != NULL ? s : "");
}

void lm_json_at_section(lm_json_ctx *ctx, const char *section)
{
    snprintf(ctx->where, sizeof ctx->where, "%s", section);
    ctx->at.kind = MATCH_KIND_NONE;
    ctx->at.item[0] = ctx->at.need[0] = '\0';
    if (section[0] == '\0')
        ctx->list = NULL;
    else if (strcmp(section, "policy") == 0)
        ctx->list = "policy";
    ctx->sub = NULL;
}

/* The kind of the items of a list of a scenario or plan file. */
static match_item_kind list_kind(const char *list)
{
    static const struct {
        const char *list;
        match_item_kind kind;
    } kinds[] = {{"communities", MATCH_KIND_COMMUNITY},
                 {"units", MATCH_KIND_UNIT},
                 {"volunteers", MATCH_KIND_VOLUNTEER},
                 {"resources", MATCH_KIND_RESOURCE},
                 {"needs", MATCH_KIND_NEED},
                 {"fixed", MATCH_KIND_PAIR},
                 {"forbidden", MATCH_KIND_PAIR},
                 {"pairs", MATCH_KIND_PAIR}};
    const char *dot = strrchr(list, '.'); /* "previous_plan.needs" */
    if (dot != NULL)
        list = dot + 1;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; ++k)
        if (strcmp(list, kinds[k].list) == 0)
            return kinds[k].kind;
    return MATCH_KIND_NONE;
}

void lm_json_at_pair(lm_json_ctx *ctx, const char *volunteer, const char *need)
{
    ctx->at.kind = MATCH_KIND_PAIR;
    copy_text(ctx->at.item, sizeof ctx->at.item, volunteer);
    copy_text(ctx->at.need, sizeof ctx->at.need, need);
}

void lm_json_at_item(lm_json_ctx *ctx, const char *list, size_t index, const char *id)
{
    ctx->at.kind = list_kind(list);
    copy_text(ctx->at.item, sizeof ctx->at.item, id);
    ctx->at.need[0] = '\0';
    ctx->list = list;
    ctx->index = index;
    ctx->sub = NULL;
    if (id != NULL)
        snprintf(ctx->where, sizeof ctx->where, "%s[%zu] (id \"%s\")", list, index, id);
    else
        snprintf(ctx->where, sizeof ctx->where, "%s[%zu]", list, index);
}

size_t lm_json_enter(lm_json_ctx *ctx, const char *list, size_t index)
{
    size_t mark = strlen(ctx->where);
    ctx->sub = list;
    snprintf(ctx->where + mark, sizeof ctx->where - mark, ": %s[%zu]", list, index);
    return mark;
}

void lm_json_leave(lm_json_ctx *ctx, size_t mark)
{
    if (mark < sizeof ctx->where)
        ctx->where[mark] = '\0';
    ctx->sub = NULL;
}

/* Appends to ctx->msg at *pos; output past the end is cut off. */
static void add_text(lm_json_ctx *ctx, size_t *pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add_text(lm_json_ctx *ctx, size_t *pos, const char *fmt, ...)
{
    if (*pos >= sizeof ctx->msg - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(ctx->msg + *pos, sizeof ctx->msg - *pos, fmt, ap);
    va_end(ap);
    if (n > 0)
        *pos += (size_t)n < sizeof ctx->msg - *pos ? (size_t)n : sizeof ctx->msg - 1 - *pos;
}

static void vfail(lm_json_ctx *ctx, int code, const char *field, const char *fmt, va_list ap)
{
    /* The first error is the one the user needs: later ones are usually its echoes. */
    if (ctx->code != MATCH_OK)
        return;
    size_t pos = 0;
    add_text(ctx, &pos, "%s", ctx->source);
    if (ctx->where[0] != '\0')
        add_text(ctx, &pos, ": %s", ctx->where);
    if (field != NULL)
        add_text(ctx, &pos, ": field \"%s\"", field);
    add_text(ctx, &pos, ": ");
    ctx->err_list = ctx->list;
    ctx->err_index = ctx->index;
    ctx->err_sub = ctx->sub;
    snprintf(ctx->err_field, sizeof ctx->err_field, "%s", field != NULL ? field : "");
    ctx->err_detail = pos;
    if (pos < sizeof ctx->msg - 1)
        vsnprintf(ctx->msg + pos, sizeof ctx->msg - pos, fmt, ap);
    ctx->code = code;
    ctx->error = ctx->at;
    copy_text(ctx->error.field, sizeof ctx->error.field, field);
}

int lm_json_fail(lm_json_ctx *ctx, int code, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(ctx, code, field, fmt, ap);
    va_end(ap);
    return code;
}

static const char *type_name(const json_t *value)
{
    switch (json_typeof(value)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
        return "true";
    case JSON_FALSE:
        return "false";
    default:
        return "null";
    }
}

/* The value as compact JSON, cut at a character boundary when long. */
static void quote_value(const json_t *value, char *buf, size_t size)
{
    char *text = json_dumps(value, JSON_ENCODE_ANY | JSON_COMPACT);
    if (text == NULL) {
        snprintf(buf, size, "%s", type_name(value));
        return;
    }
    size_t n = strlen(text);
    if (n <= QUOTE_BYTES) {
        snprintf(buf, size, "%s", text);
    } else {
        size_t cut = QUOTE_BYTES;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
            --cut; /* do not split a UTF-8 sequence */
        snprintf(buf, size, "%.*s...", (int)cut, text);
    }
    /* json_dumps() allocates with jansson's allocator, which the application may replace. */
    json_free_t free_fn;
    json_get_alloc_funcs(NULL, &free_fn);
    free_fn(text);
}

int lm_json_fail_value(lm_json_ctx *ctx, const char *field, const char *expected,
                       const json_t *value)
{
    char got[QUOTE_BYTES + 8];
    quote_value(value, got, sizeof got);
    return lm_json_fail(ctx, MATCH_EINPUT, field, "expected %s, got %s", expected, got);
}

int lm_json_fail_builder(lm_json_ctx *ctx, const match_model *model, int code)
{
    /* The builder's message already names the field: only the detail takes it. */
    bool first = ctx->code == MATCH_OK;
    lm_json_fail(ctx, code, NULL, "%s", match_model_errmsg(model));
    const char *field = match_model_error(model)->field;
    if (first && field[0] != '\0')
        copy_text(ctx->error.field, sizeof ctx->error.field, field);
    return code;
}

int lm_json_finish(int rc, const lm_json_ctx *ctx, char *errbuf, size_t errbuf_size)
{
    if (errbuf != NULL && errbuf_size > 0)
        snprintf(errbuf, errbuf_size, "%s", rc == MATCH_OK ? "" : ctx->msg);
    return rc;
}

int lm_json_finish_detail(int rc, const lm_json_ctx *ctx, match_error_detail *detail)
{
    if (detail == NULL)
        return rc;
    if (rc == MATCH_OK) {
        memset(detail, 0, sizeof *detail);
        detail->kind = MATCH_KIND_NONE;
        return rc;
    }
    *detail = ctx->error;
    detail->code = rc;
    copy_text(detail->message, sizeof detail->message, ctx->msg);
    return rc;
}

int lm_json_check_object(lm_json_ctx *ctx, const json_t *value, const char *field,
                         const char *const *allowed)
{
    if (!json_is_object(value))
        return lm_json_fail_value(ctx, field, "an object", value);
    const char *key;
    json_t *member;
    json_object_foreach((json_t *)value, key, member)
    {
        if (strncmp(key, "x_", 2) == 0)
            continue;
        bool known = false;
        for (size_t k = 0; allowed[k] != NULL && !known; ++k)
            known = strcmp(key, allowed[k]) == 0;
        if (!known)
            return lm_json_fail(ctx, MATCH_EINPUT, field, "unknown field \"%s\"", key);
    }
    return MATCH_OK;
}

/* The member, or NULL when absent or null (both mean "not given"). */
static json_t *member_of(const json_t *obj, const char *key)
{
    json_t *value = json_object_get(obj, key);
    return json_is_null(value) ? NULL : value;
}

static int missing(lm_json_ctx *ctx, const char *key)
{
    return lm_json_fail(ctx, MATCH_EINPUT, key, "required field is missing");
}

int lm_json_get_array(lm_json_ctx *ctx, const json_t *obj, const char *key, json_t **out)
{
    json_t *value = member_of(obj, key);
    *out = NULL;
    if (value == NULL)
        return MATCH_OK;
    if (!json_is_array(value))
        return lm_json_fail_value(ctx, key, "an array", value);
    *out = value;
    return MATCH_OK;
}

int lm_json_get_object(lm_json_ctx *ctx, const json_t *obj, const char *key, json_t **out)
{
    json_t *value = member_of(obj, key);
    *out = NULL;
    if (value == NULL)
        return MATCH_OK;
    if (!json_is_object(value))
        return lm_json_fail_value(ctx, key, "an object", value);
    *out = value;
    return MATCH_OK;
}

static int get_string(lm_json_ctx *ctx, const json_t *obj, const char *key, bool required,
                      bool nonempty, const char **out)
{
    json_t *value = member_of(obj, key);
    *out = NULL;
    if (value == NULL)
        return required ? missing(ctx, key) : MATCH_OK;
    if (!json_is_string(value) || (nonempty && json_string_length(value) == 0))
        return lm_json_fail_value(ctx, key, nonempty ? "a non-empty string" : "a string", value);
    *out = json_string_value(value);
    return MATCH_OK;
}

int lm_json_get_id(lm_json_ctx *ctx, const json_t *obj, const char *key, bool required,
                   const char **out)
{
    int rc = get_string(ctx, obj, key, required, true, out);
    if (rc == MATCH_OK && *out != NULL && strlen(*out) > LM_INPUT_MAX_ID_BYTES)
        return lm_json_fail(ctx, MATCH_EINPUT, key, "%zu bytes long, more than the supported %d",
                            strlen(*out), LM_INPUT_MAX_ID_BYTES);
    return rc;
}

int lm_json_get_string(lm_json_ctx *ctx, const json_t *obj, const char *key, bool required,
                       const char **out)
{
    return get_string(ctx, obj, key, required, false, out);
}

static bool in_range(double v, lm_json_range range)
{
    switch (range) {
    case LM_JSON_NONNEG:
        return isfinite(v) && v >= 0;
    case LM_JSON_POSITIVE:
        return isfinite(v) && v > 0;
    case LM_JSON_LAT:
        return v >= -90 && v <= 90;
    case LM_JSON_FINITE:
        return isfinite(v);
    default:
        return v >= -180 && v <= 180;
    }
}

static const char *range_text(lm_json_range range)
{
    switch (range) {
    case LM_JSON_NONNEG:
        return "a number >= 0";
    case LM_JSON_POSITIVE:
        return "a number > 0";
    case LM_JSON_LAT:
        return "a latitude from -90 to 90";
    case LM_JSON_FINITE:
        return "a finite number";
    default:
        return "a longitude from -180 to 180";
    }
}

int lm_json_get_number(lm_json_ctx *ctx, const json_t *obj, const char *key, bool required,
                       lm_json_range range, bool *present, double *out)
{
    json_t *value = member_of(obj, key);
    if (present != NULL)
        *present = value != NULL;
    if (value == NULL)
        return required ? missing(ctx, key) : MATCH_OK;
    if (!json_is_number(value) || !in_range(json_number_value(value), range))
        return lm_json_fail_value(ctx, key, range_text(range), value);
    *out = json_number_value(value);
    return MATCH_OK;
}

int lm_json_get_int(lm_json_ctx *ctx, const json_t *obj, const char *key, bool required, int min,
                    int max, bool *present, int *out)
{
    json_t *value = member_of(obj, key);
    if (present != NULL)
        *present = value != NULL;
    if (value == NULL)
        return required ? missing(ctx, key) : MATCH_OK;
    double v = json_is_number(value) ? json_number_value(value) : NAN;
    if (!(v >= min && v <= max && v == floor(v))) {
        char expected[64];
        if (max == INT_MAX)
            snprintf(expected, sizeof expected, "a whole number >= %d", min);
        else
            snprintf(expected, sizeof expected, "a whole number from %d to %d", min, max);
        return lm_json_fail_value(ctx, key, expected, value);
    }
    *out = (int)v;
    return MATCH_OK;
}

int lm_json_get_bool(lm_json_ctx *ctx, const json_t *obj, const char *key, bool *present, bool *out)
{
    json_t *value = member_of(obj, key);
    *present = value != NULL;
    if (value == NULL)
        return MATCH_OK;
    if (!json_is_boolean(value))
        return lm_json_fail_value(ctx, key, "true or false", value);
    *out = json_is_true(value);
    return MATCH_OK;
}

int lm_json_get_tags(lm_json_ctx *ctx, const json_t *obj, const char *key, json_t **out)
{
    json_t *list = member_of(obj, key);
    *out = NULL;
    if (list == NULL)
        return MATCH_OK;
    if (!json_is_array(list))
        return lm_json_fail_value(ctx, key, "an array of strings", list);
    for (size_t k = 0; k < json_array_size(list); ++k) {
        json_t *tag = json_array_get(list, k);
        if (!json_is_string(tag) || json_string_length(tag) == 0) {
            char field[128];
            snprintf(field, sizeof field, "%s[%zu]", key, k);
            return lm_json_fail_value(ctx, field, "a non-empty string", tag);
        }
    }
    *out = list;
    return MATCH_OK;
}

int lm_json_get_location(lm_json_ctx *ctx, const json_t *obj, bool required, bool *present,
                         double *lat, double *lon)
{
    bool has_lat = member_of(obj, "lat") != NULL;
    bool has_lon = member_of(obj, "lon") != NULL;
    *present = has_lat && has_lon;
    if (!has_lat && !has_lon)
        return required ? missing(ctx, "lat") : MATCH_OK;
    if (!has_lon)
        return lm_json_fail(ctx, MATCH_EINPUT, "lon", "required when \"lat\" is given");
    if (!has_lat)
        return lm_json_fail(ctx, MATCH_EINPUT, "lat", "required when \"lon\" is given");
    int rc = lm_json_get_number(ctx, obj, "lat", true, LM_JSON_LAT, NULL, lat);
    if (rc == MATCH_OK)
        rc = lm_json_get_number(ctx, obj, "lon", true, LM_JSON_LON, NULL, lon);
    return rc;
}
