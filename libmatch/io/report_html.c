/*
 * The plan as one self-contained HTML report (include/libmatch/report.h, docs/report.md).
 * The page is the template libmatch/io/report_template.html with Chart.js and the data
 * inlined (both compiled in: cmake/embed_assets.cmake): the evaluation (evaluate.h), the
 * unmet needs with the plan's reasons, the scenario's bottlenecks (explain.h) and, given a
 * previous plan, the comparison (diff.h). Only the public API is used.
 */
#include "libmatch/report.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "libmatch/diff.h"
#include "libmatch/evaluate.h"
#include "libmatch/explain.h"
#include "libmatch/io.h"

/* report_assets.c, generated at build time. */
extern const char lm_report_chartjs[];
extern const char lm_report_template[];

int match_report_has_charts(void)
{
    return lm_report_chartjs[0] != '\0';
}

static json_t *string_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

/* Parses what a to_json call made (and frees it); NULL on failure. */
static json_t *parse_owned(char *text)
{
    json_t *doc = text != NULL ? json_loads(text, 0, NULL) : NULL;
    match_free(text);
    return doc;
}

/* The needs not fully covered, with the plan's reasons, in the evaluation's order. */
static json_t *unmet_needs(const json_t *doc, const match_plan *plan)
{
    json_t *list = json_array();
    const json_t *needs = json_object_get(doc, "needs");
    for (size_t k = 0; k < json_array_size(needs) && list != NULL; ++k) {
        const json_t *n = json_array_get(needs, k);
        if (json_number_value(json_object_get(n, "coverage")) >= 1.0)
            continue;
        json_t *row = json_deep_copy(n);
        const char *id = json_string_value(json_object_get(n, "id"));
        const char *reason = NULL;
        for (size_t i = 0; i < match_plan_need_count(plan) && id != NULL; ++i)
            if (strcmp(match_plan_need_id(plan, i), id) == 0)
                reason = match_plan_need_unmet_reason(plan, i);
        json_object_set_new(row, "reason", string_or_null(reason));
        json_array_append_new(list, row);
    }
    return list;
}

static json_t *bottleneck_rows(const match_bottlenecks *b, match_bottleneck_view view, size_t top)
{
    json_t *rows = json_array();
    size_t n = match_bottlenecks_count(b, view);
    for (size_t k = 0; k < n && k < top; ++k) {
        json_t *r = json_object();
        json_object_set_new(r, "value", json_real(match_bottleneck_value(b, view, k)));
        json_object_set_new(r, "skill", string_or_null(match_bottleneck_skill(b, view, k)));
        json_object_set_new(r, "type", string_or_null(match_bottleneck_type(b, view, k)));
        json_object_set_new(r, "community", string_or_null(match_bottleneck_community(b, view, k)));
        json_object_set_new(r, "street", string_or_null(match_bottleneck_street(b, view, k)));
        json_object_set_new(r, "gains", string_or_null(match_bottleneck_gains(b, view, k)));
        json_array_append_new(rows, r);
    }
    return rows;
}

/* The scenario's bottlenecks, or null when they cannot be computed. */
static json_t *bottlenecks(match_model *model)
{
    match_bottlenecks *b = NULL;
    if (match_model_bottlenecks(&b, model) != MATCH_OK)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "status", json_string(match_status_name(match_bottlenecks_status(b))));
    json_object_set_new(o, "exact", json_boolean(match_bottlenecks_exact(b)));
    json_object_set_new(o, "skills", bottleneck_rows(b, MATCH_BOTTLENECK_SKILLS, 10));
    json_object_set_new(o, "communities", bottleneck_rows(b, MATCH_BOTTLENECK_COMMUNITIES, 10));
    json_object_set_new(o, "types", bottleneck_rows(b, MATCH_BOTTLENECK_TYPES, 10));
    match_bottlenecks_destroy(b);
    return o;
}

static json_t *compare(const match_plan *before, const match_plan *after)
{
    match_diff *diff = NULL;
    char *text = NULL;
    if (match_plan_diff(&diff, before, after) == MATCH_OK)
        match_diff_to_json(&text, diff);
    match_diff_destroy(diff);
    return parse_owned(text);
}

/* The evaluation says which language the scenario's names are in. */
static const char *default_lang(const json_t *doc)
{
    /* A static string: the caller may free doc before it is done with the language. */
    const char *lang = json_string_value(json_object_get(doc, "lang"));
    return lang != NULL && strcmp(lang, "zh") == 0 ? "zh" : "en";
}

/* Writes the template with its placeholders filled. */
static void write_page(FILE *out, const char *lang, const char *title, const char *data)
{
    static const char *const marks[] = {"@LANG@", "@TITLE@", "/*@CHARTJS@*/", "@DATA@"};
    const char *fill[] = {lang, title, lm_report_chartjs, data};
    const char *p = lm_report_template;
    for (;;) {
        const char *next = NULL;
        size_t which = 0;
        for (size_t k = 0; k < sizeof marks / sizeof marks[0]; ++k) {
            const char *at = strstr(p, marks[k]);
            if (at != NULL && (next == NULL || at < next)) {
                next = at;
                which = k;
            }
        }
        if (next == NULL) {
            fputs(p, out);
            return;
        }
        fwrite(p, 1, (size_t)(next - p), out);
        if (which == 1) {
            /* The title is text: escape what HTML would read as markup. */
            for (const char *c = fill[1]; *c; ++c) {
                if (*c == '<')
                    fputs("&lt;", out);
                else if (*c == '>')
                    fputs("&gt;", out);
                else if (*c == '&')
                    fputs("&amp;", out);
                else
                    fputc(*c, out);
            }
        } else {
            fputs(fill[which], out);
        }
        p = next + strlen(marks[which]);
    }
}

int match_report_html(char **out, match_model *model, const match_plan *plan,
                      const match_plan *previous, const char *lang, const char *plan_label)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || model == NULL || plan == NULL ||
        (lang != NULL && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0))
        return MATCH_EINVAL;
    match_evaluation *ev = NULL;
    int rc = match_plan_evaluate(&ev, model, plan);
    if (rc != MATCH_OK)
        return rc;
    char *text = NULL;
    rc = match_evaluation_to_json(ev, &text);
    match_evaluation_destroy(ev);
    if (rc != MATCH_OK)
        return rc;
    json_t *doc = parse_owned(text);
    if (doc == NULL)
        return MATCH_ENOMEM;
    if (lang == NULL)
        lang = default_lang(doc);

    json_t *data = json_object();
    if (data == NULL) {
        json_decref(doc);
        return MATCH_ENOMEM;
    }
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_object_set_new(data, "lang", json_string(lang));
    json_object_set_new(data, "generated", json_string(stamp));
    json_object_set_new(data, "plan_file", json_string(plan_label != NULL ? plan_label : ""));
    json_object_set_new(data, "chartjs", json_boolean(match_report_has_charts()));
    json_object_set_new(data, "unmet", unmet_needs(doc, plan));
    json_object_set_new(data, "bottlenecks", bottlenecks(model));
    json_object_set_new(data, "diff", previous != NULL ? compare(previous, plan) : json_null());
    json_object_set_new(data, "evaluation", doc);

    /* JSON_ESCAPE_SLASH writes "</" as "<\/": the data cannot close its script element. */
    char *blob = json_dumps(data, JSON_COMPACT | JSON_ESCAPE_SLASH | JSON_REAL_PRECISION(12));
    json_decref(data);
    if (blob == NULL)
        return MATCH_ENOMEM;
    char *page = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&page, &size);
    if (mem == NULL) {
        free(blob);
        return MATCH_ENOMEM;
    }
    const char *title = match_model_name(model);
    write_page(mem, lang, title[0] != '\0' ? title : "libmatch", blob);
    int bad = ferror(mem);
    bad |= fclose(mem);
    free(blob);
    if (bad != 0 || page == NULL) {
        free(page);
        return MATCH_ENOMEM;
    }
    *out = page;
    return MATCH_OK;
}
