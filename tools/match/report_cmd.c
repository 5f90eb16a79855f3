/*
 * `match report SCENARIO PLAN -o REPORT.html`: one self-contained HTML file (docs/report.md).
 * The page is the template tools/match/report_template.html with Chart.js and the data
 * inlined: the evaluation (evaluate.h), the unmet needs with the plan's reasons, the
 * scenario's bottlenecks (explain.h) and, with --previous, the comparison (diff.h). Nothing
 * is fetched when the page is viewed.
 */
#include "evaluate_cmd.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* report_assets.c, generated at build time (cmake/embed_assets.cmake). */
extern const char lm_report_chartjs[];
extern const char lm_report_template[];

static int usage_error(const char *what)
{
    fprintf(stderr,
            "match: %s\nUsage: match report SCENARIO.json PLAN.json -o REPORT.html "
            "[--lang zh|en] [--previous PLAN.json]\nTry 'match --help'.\n",
            what);
    return EVAL_USAGE;
}

static json_t *string_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

/* The needs not fully covered, with the plan's reasons, in the evaluation's order. */
static json_t *unmet_needs(const json_t *doc, const match_plan *plan)
{
    json_t *list = json_array();
    const json_t *needs = json_object_get(doc, "needs");
    for (size_t k = 0; k < json_array_size(needs); ++k) {
        const json_t *n = json_array_get(needs, k);
        if (json_number_value(json_object_get(n, "coverage")) >= 1.0)
            continue;
        json_t *row = json_deep_copy(n);
        const char *id = json_string_value(json_object_get(n, "id"));
        const char *reason = NULL;
        for (size_t i = 0; i < match_plan_need_count(plan); ++i)
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

/* The bottlenecks of the scenario, or null (with a note on standard error) when they cannot
 * be computed. */
static json_t *bottlenecks(match_model *model)
{
    match_bottlenecks *b = NULL;
    if (match_model_bottlenecks(&b, model) != MATCH_OK) {
        fprintf(stderr, "match: report: no bottlenecks: %s\n", match_model_errmsg(model));
        return json_null();
    }
    json_t *o = json_object();
    json_object_set_new(o, "status", json_string(match_status_name(match_bottlenecks_status(b))));
    json_object_set_new(o, "exact", json_boolean(match_bottlenecks_exact(b)));
    json_object_set_new(o, "skills", bottleneck_rows(b, MATCH_BOTTLENECK_SKILLS, 10));
    json_object_set_new(o, "communities", bottleneck_rows(b, MATCH_BOTTLENECK_COMMUNITIES, 10));
    json_object_set_new(o, "types", bottleneck_rows(b, MATCH_BOTTLENECK_TYPES, 10));
    match_bottlenecks_destroy(b);
    return o;
}

/* The comparison with a previous plan (libmatch-diff-1), or NULL with the exit status set. */
static json_t *compare(const char *previous, const match_plan *plan, int *code)
{
    match_plan *before = NULL;
    char err[1024];
    int rc = match_plan_read_json(&before, previous, err, sizeof err);
    if (rc != MATCH_OK) {
        fprintf(stderr, "match: --previous: %s\n", err[0] != '\0' ? err : match_strerror(rc));
        *code = rc == MATCH_ENOMEM ? EVAL_INTERNAL : EVAL_BAD_INPUT;
        return NULL;
    }
    match_diff *diff = NULL;
    char *text = NULL;
    json_t *out = NULL;
    rc = match_plan_diff(&diff, before, plan);
    if (rc == MATCH_OK)
        rc = match_diff_to_json(&text, diff);
    if (rc == MATCH_OK) {
        json_error_t jerr;
        out = json_loads(text, 0, &jerr);
    }
    match_free(text);
    match_diff_destroy(diff);
    match_plan_destroy(before);
    if (out == NULL) {
        fprintf(stderr, "match: --previous: %s\n", match_strerror(rc));
        *code = EVAL_INTERNAL;
    }
    return out;
}

/* Writes the template with its three placeholders filled. */
static int write_page(FILE *out, const char *lang, const char *title, const char *data)
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
            break;
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
    return ferror(out) ? -1 : 0;
}

int lm_report_command(int argc, char **argv)
{
    enum { OPT_LANG = 256 };
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"lang", required_argument, NULL, OPT_LANG},
                                             {"previous", required_argument, NULL, 'p'},
                                             {NULL, 0, NULL, 0}};
    const char *output = NULL, *lang = NULL, *previous = NULL;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:p:", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o':
            output = optarg;
            break;
        case 'p':
            previous = optarg;
            break;
        case OPT_LANG:
            if (strcmp(optarg, "zh") != 0 && strcmp(optarg, "en") != 0)
                return usage_error("--lang wants zh or en");
            lang = optarg;
            break;
        default:
            return usage_error("unknown option");
        }
    }
    if (argc - optind != 2)
        return usage_error("report wants a scenario and a plan");
    if (output == NULL)
        return usage_error("report needs an output file: -o REPORT.html");
    const char *scenario = argv[optind], *plan_path = argv[optind + 1];
    match_model *model = NULL;
    match_plan *plan = NULL;
    json_t *doc = NULL;
    int code = lm_eval_load(scenario, plan_path, &model, &plan, &doc);
    if (code != EVAL_VALID)
        return code;
    if (lang == NULL)
        lang = lm_eval_default_lang(doc);

    json_t *data = json_object();
    json_object_set_new(data, "lang", json_string(lang));
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_object_set_new(data, "generated", json_string(stamp));
    json_object_set_new(data, "scenario_file", json_string(scenario));
    json_object_set_new(data, "plan_file", json_string(plan_path));
    json_object_set_new(data, "chartjs", json_boolean(lm_report_chartjs[0] != '\0'));
    json_object_set_new(data, "unmet", unmet_needs(doc, plan));
    json_object_set_new(data, "bottlenecks", bottlenecks(model));
    json_t *diff = json_null();
    if (previous != NULL) {
        json_object_set_new(data, "previous_file", json_string(previous));
        diff = compare(previous, plan, &code);
    }
    if (diff != NULL)
        json_object_set_new(data, "diff", diff);
    json_object_set(data, "evaluation", doc);

    if (code == EVAL_VALID) {
        /* JSON_ESCAPE_SLASH writes "</" as "<\/": the data cannot close its script element. */
        char *text = json_dumps(data, JSON_COMPACT | JSON_ESCAPE_SLASH | JSON_REAL_PRECISION(12));
        const char *title = match_model_name(model);
        FILE *out = text != NULL ? fopen(output, "w") : NULL;
        if (text == NULL) {
            code = EVAL_INTERNAL;
        } else if (out == NULL) {
            perror(output);
            code = EVAL_WRITE;
        } else {
            int bad = write_page(out, lang, title[0] != '\0' ? title : scenario, text);
            if (fclose(out) != 0 || bad != 0) {
                perror(output);
                code = EVAL_WRITE;
            }
        }
        free(text);
    }
    if (code == EVAL_VALID && !json_is_true(json_object_get(doc, "valid")))
        code = EVAL_INVALID;
    json_decref(data);
    json_decref(doc);
    match_plan_destroy(plan);
    match_model_destroy(model);
    return code;
}
