/* `match evaluate SCENARIO PLAN`: the plan's rule violations, its objective term by term and
 * its indicators (docs/evaluate.md), as text in English or Chinese, or as JSON. */
#include "evaluate_cmd.h"

#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage_error(const char *what)
{
    fprintf(stderr,
            "match: %s\nUsage: match evaluate SCENARIO.json PLAN.json [--json] [--optimum]\n"
            "                      [--time-limit SEC] [--lang zh|en]\nTry 'match --help'.\n",
            what);
    return EVAL_USAGE;
}

int lm_eval_load(const char *scenario, const char *plan_path, match_model **model,
                 match_plan **plan, json_t **doc)
{
    char err[1024];
    *model = NULL;
    *plan = NULL;
    *doc = NULL;
    int rc = match_model_read_json(model, scenario, err, sizeof err);
    if (rc == MATCH_OK)
        rc = match_plan_read_json(plan, plan_path, err, sizeof err);
    if (rc != MATCH_OK) {
        fprintf(stderr, "match: %s\n", err[0] != '\0' ? err : match_strerror(rc));
        match_model_destroy(*model);
        *model = NULL;
        return rc == MATCH_ENOMEM ? EVAL_INTERNAL : EVAL_BAD_INPUT;
    }
    match_evaluation *ev = NULL;
    char *text = NULL;
    rc = match_plan_evaluate(&ev, *model, *plan);
    if (rc == MATCH_OK)
        rc = match_evaluation_to_json(ev, &text);
    match_evaluation_destroy(ev);
    if (rc == MATCH_OK) {
        json_error_t jerr;
        *doc = json_loads(text, 0, &jerr);
        rc = *doc != NULL ? MATCH_OK : MATCH_ENOMEM;
    }
    match_free(text);
    if (rc != MATCH_OK) {
        fprintf(stderr, "match: evaluate: %s\n", match_strerror(rc));
        match_plan_destroy(*plan);
        match_model_destroy(*model);
        *plan = NULL;
        *model = NULL;
        return EVAL_INTERNAL;
    }
    return EVAL_VALID;
}

const char *lm_eval_default_lang(const json_t *doc)
{
    /* The library detects it from the scenario's names ("lang" in the evaluation). */
    /* A static string: the caller may free doc before it is done with the language. */
    const char *lang = json_string_value(json_object_get(doc, "lang"));
    return lang != NULL && strcmp(lang, "zh") == 0 ? "zh" : "en";
}

static void set_number(json_t *obj, const char *key, double v)
{
    json_object_set_new(obj, key, isfinite(v) ? json_real(v) : json_null());
}

int lm_eval_add_optimum(json_t *doc, match_model *model, double time_limit)
{
    match_options options;
    match_options_init(&options, MATCH_OPTIONS_VERSION);
    options.time_limit = time_limit;
    match_plan *best = NULL;
    int rc = match_model_solve(&best, model, &options);
    if (rc != MATCH_OK) {
        fprintf(stderr, "match: --optimum: %s\n", match_model_errmsg(model));
        return EVAL_INTERNAL;
    }
    double own =
        json_number_value(json_object_get(json_object_get(doc, "objective"), "recomputed"));
    double objective = match_plan_objective(best), bound = match_plan_bound(best);
    /* Within rounding of each other, the plans are equally good. */
    double scale = 1e-9 * fmax(1.0, fabs(own));
    json_t *o = json_object();
    json_object_set_new(o, "status", json_string(match_status_name(match_plan_status(best))));
    set_number(o, "objective", objective);
    set_number(o, "bound", bound);
    double gap = fabs(objective - own) <= scale ? 0.0 : objective - own;
    double to_bound = fabs(bound - own) <= scale ? 0.0 : bound - own;
    set_number(o, "gap", gap);
    set_number(o, "relative_gap", gap / fmax(1e-9, fabs(objective)));
    set_number(o, "gap_to_bound", to_bound);
    set_number(o, "time_limit", time_limit);
    json_object_set_new(doc, "optimum", o);
    match_plan_destroy(best);
    return EVAL_VALID;
}

/* ---- Text ------------------------------------------------------------------------------ */

typedef struct words {
    const char *valid, *invalid, *violations, *notes, *objective, *stated, *recomputed, *none;
    const char *needs, *covered, *partial, *unmet, *mean_cov, *value_share, *hours, *asked,
        *received, *offered, *given, *distance, *members, *units, *fairness, *points, *by_priority,
        *by_street, *by_category, *optimum, *best, *bound, *gap, *rule, *key;
} words;

static const words en = {"valid",
                         "INVALID",
                         "violations",
                         "notes (figures the plan states)",
                         "objective",
                         "stated",
                         "recomputed",
                         "none",
                         "needs",
                         "covered",
                         "partly",
                         "unmet",
                         "mean coverage",
                         "value share",
                         "hours",
                         "asked",
                         "received",
                         "offered",
                         "given",
                         "km per volunteer-hour (mean / p90 / max)",
                         "members meeting the yearly minimum",
                         "units meeting their project obligation",
                         "fairness: Gini of hours, max/median hours, projects per unit (mean, max)",
                         "service points (volunteers / units)",
                         "by priority",
                         "by street",
                         "by category",
                         "optimum",
                         "libmatch's best",
                         "bound",
                         "gap",
                         "rule",
                         "group"};
static const words zh = {"有效",
                         "无效",
                         "违规",
                         "提示（计划所列数字）",
                         "目标值",
                         "计划所列",
                         "重新计算",
                         "无",
                         "需求",
                         "满足",
                         "部分",
                         "未满足",
                         "平均覆盖率",
                         "价值占比",
                         "小时",
                         "所需",
                         "获得",
                         "可提供",
                         "已付出",
                         "每志愿小时公里数（均值 / 90分位 / 最大）",
                         "达到年度最低要求的党员",
                         "完成项目任务的单位",
                         "公平性：时长基尼系数、最大/中位时长、单位项目数（均值、最大）",
                         "服务积分（志愿者 / 单位）",
                         "按优先级",
                         "按街道",
                         "按类别",
                         "最优",
                         "libmatch 最优计划",
                         "上界",
                         "差距",
                         "规则",
                         "分组"};

static const char *const rule_zh[] = {"志愿者时长超出",
                                      "需求时长超出",
                                      "资源数量超出",
                                      "资源类型超出",
                                      "非整数",
                                      "覆盖率超出所得时长",
                                      "覆盖率超出所得资源",
                                      "时长超出实际开展部分",
                                      "全有或全无",
                                      "人数不足",
                                      "人数超出上限",
                                      "必须满足的需求",
                                      "固定配对",
                                      "禁止配对",
                                      "指定配对",
                                      "不具备资格",
                                      "资源不具备资格",
                                      "条目",
                                      "数字不符"};

static double num(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

static void print_num(FILE *out, double v)
{
    if (isnan(v))
        fputs("-", out);
    else if (v == floor(v) && fabs(v) < 1e15)
        fprintf(out, "%.0f", v);
    else
        fprintf(out, "%.6g", v);
}

/* Columns on a terminal: a CJK character (UTF-8 lead byte E3..E9) takes two, others one. */
static size_t display_width(const char *s)
{
    size_t width = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; ++p) {
        if ((*p & 0xC0) == 0x80)
            continue;
        width += *p >= 0xE3 && *p <= 0xE9 ? 2 : 1;
    }
    return width;
}

/* Prints s right-aligned in `width` columns, after one space. */
static void print_heading(FILE *out, const char *s, size_t width)
{
    fputc(' ', out);
    for (size_t w = display_width(s); w < width; ++w)
        fputc(' ', out);
    fputs(s, out);
}

static void print_groups(FILE *out, const json_t *doc, const char *key, const char *title,
                         const words *w)
{
    const json_t *list = json_object_get(doc, key);
    fprintf(out, "%s:\n ", title);
    const char *heads[] = {w->needs, w->covered, w->partial, w->unmet,
                           "cov",    w->asked,   w->received};
    const size_t widths[] = {8, 7, 7, 7, 7, 9, 10};
    for (size_t k = 0; k < sizeof heads / sizeof heads[0]; ++k)
        print_heading(out, heads[k], widths[k]);
    fprintf(out, "  %s\n", w->key);
    for (size_t k = 0; k < json_array_size(list); ++k) {
        const json_t *g = json_array_get(list, k);
        const json_t *name = json_object_get(g, "key");
        char keybuf[32];
        const char *label = json_string_value(name);
        if (json_is_integer(name)) {
            snprintf(keybuf, sizeof keybuf, "P%lld", (long long)json_integer_value(name));
            label = keybuf;
        }
        fprintf(out, "  %8.0f %7.0f %7.0f %7.0f %7.3f %9.6g %10.6g  %s\n", num(g, "needs"),
                num(g, "covered"), num(g, "partial"), num(g, "unmet"), num(g, "coverage_mean"),
                num(g, "hours_asked"), num(g, "hours_received"),
                label != NULL && label[0] != '\0' ? label : "-");
    }
}

static void print_text(FILE *out, const json_t *doc, const char *plan_path, bool chinese)
{
    const words *w = chinese ? &zh : &en;
    bool valid = json_is_true(json_object_get(doc, "valid"));
    const json_t *viol = json_object_get(doc, "violations");
    size_t hard = 0, soft = 0;
    for (size_t k = 0; k < json_array_size(viol); ++k)
        json_is_true(json_object_get(json_array_get(viol, k), "hard")) ? ++hard : ++soft;
    fprintf(out, "%s: %s", plan_path, valid ? w->valid : w->invalid);
    if (hard > 0)
        fprintf(out, " (%zu %s)", hard, w->violations);
    fputc('\n', out);
    for (int pass = 0; pass < 2; ++pass) {
        if ((pass == 0 ? hard : soft) == 0)
            continue;
        fprintf(out, "%s:\n", pass == 0 ? w->violations : w->notes);
        for (size_t k = 0; k < json_array_size(viol); ++k) {
            const json_t *v = json_array_get(viol, k);
            if (json_is_true(json_object_get(v, "hard")) != (pass == 0))
                continue;
            const char *rule = json_string_value(json_object_get(v, "rule"));
            long long number = (long long)json_integer_value(json_object_get(v, "rule_number"));
            fprintf(out, "  [");
            if (number > 0)
                fprintf(out, "%s %lld ", w->rule, number);
            fprintf(out, "%s", rule);
            if (chinese) {
                for (int r = 0; r < MATCH_RULE_COUNT; ++r)
                    if (strcmp(match_rule_name((match_rule)r), rule) == 0)
                        fprintf(out, " %s", rule_zh[r]);
            }
            fprintf(out, "] %s\n", json_string_value(json_object_get(v, "text")));
        }
    }

    const json_t *obj = json_object_get(doc, "objective");
    fprintf(out, "%s: %s ", w->objective, w->recomputed);
    print_num(out, num(obj, "recomputed"));
    fprintf(out, ", %s ", w->stated);
    print_num(out, num(obj, "stated"));
    fputc('\n', out);
    const json_t *terms = json_object_get(obj, "terms");
    const char *key;
    const json_t *value;
    json_object_foreach((json_t *)terms, key, value)
    {
        fprintf(out, "  %-20s %+.9g\n", key, json_number_value(value));
    }

    const json_t *h = json_object_get(doc, "headline");
    fprintf(out, "%s: %.0f; %s %.0f, %s %.0f, %s %.0f; %s %.3f; %s %.3f\n", w->needs,
            num(h, "needs"), w->covered, num(h, "needs_covered"), w->partial,
            num(h, "needs_partial"), w->unmet, num(h, "needs_unmet"), w->mean_cov,
            num(h, "coverage_mean"), w->value_share, num(h, "value_share"));
    fprintf(out, "%s: %s %.6g, %s %.6g; %s %.6g, %s %.6g\n", w->hours, w->asked,
            num(h, "hours_asked"), w->received, num(h, "hours_received"), w->offered,
            num(h, "hours_offered"), w->given, num(h, "hours_given"));
    fprintf(out, "%s: ", w->distance);
    print_num(out, num(h, "distance_mean_km"));
    fputs(" / ", out);
    print_num(out, num(h, "distance_p90_km"));
    fputs(" / ", out);
    print_num(out, num(h, "distance_max_km"));
    fprintf(out, "\n%s: %.0f / %.0f\n", w->members, num(h, "members_meeting"), num(h, "members"));
    fprintf(out, "%s: %.0f / %.0f\n", w->units, num(h, "units_meeting"),
            num(h, "units_with_obligation"));
    fprintf(out, "%s: ", w->fairness);
    print_num(out, num(h, "gini_hours"));
    fputs(", ", out);
    print_num(out, num(h, "max_median_hours"));
    fputs(", ", out);
    print_num(out, num(h, "projects_per_unit_mean"));
    fputs(", ", out);
    print_num(out, num(h, "projects_per_unit_max"));
    fprintf(out, "\n%s: ", w->points);
    print_num(out, num(h, "points_total"));
    fputs(" / ", out);
    print_num(out, num(h, "unit_points_total"));
    fputc('\n', out);
    print_groups(out, doc, "by_priority", w->by_priority, w);
    print_groups(out, doc, "by_street", w->by_street, w);
    print_groups(out, doc, "by_category", w->by_category, w);

    const json_t *opt = json_object_get(doc, "optimum");
    if (opt != NULL) {
        fprintf(out, "%s: %s ", w->optimum, w->best);
        print_num(out, num(opt, "objective"));
        fprintf(out, " (%s), %s ", json_string_value(json_object_get(opt, "status")), w->bound);
        print_num(out, num(opt, "bound"));
        fprintf(out, "; %s %.6g (%.2f%%), %s %s %.6g\n", w->gap, num(opt, "gap"),
                100.0 * num(opt, "relative_gap"), w->gap, w->bound, num(opt, "gap_to_bound"));
    }
}

/* ---- The command ----------------------------------------------------------------------- */

int lm_evaluate_command(int argc, char **argv)
{
    enum { OPT_JSON = 256, OPT_OPTIMUM, OPT_LANG };
    static const struct option longopts[] = {{"json", no_argument, NULL, OPT_JSON},
                                             {"optimum", no_argument, NULL, OPT_OPTIMUM},
                                             {"lang", required_argument, NULL, OPT_LANG},
                                             {"time-limit", required_argument, NULL, 't'},
                                             {NULL, 0, NULL, 0}};
    bool as_json = false, optimum = false;
    const char *lang = NULL;
    double time_limit = 0.0;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "t:", longopts, NULL)) != -1) {
        char *end = NULL;
        switch (opt) {
        case OPT_JSON:
            as_json = true;
            break;
        case OPT_OPTIMUM:
            optimum = true;
            break;
        case OPT_LANG:
            if (strcmp(optarg, "zh") != 0 && strcmp(optarg, "en") != 0)
                return usage_error("--lang wants zh or en");
            lang = optarg;
            break;
        case 't':
            time_limit = strtod(optarg, &end);
            if (end == optarg || *end != '\0' || !(time_limit >= 0) || !isfinite(time_limit))
                return usage_error("--time-limit wants seconds >= 0");
            break;
        default:
            return usage_error("unknown option");
        }
    }
    if (argc - optind != 2)
        return usage_error("evaluate wants a scenario and a plan");
    const char *scenario = argv[optind], *plan_path = argv[optind + 1];
    match_model *model = NULL;
    match_plan *plan = NULL;
    json_t *doc = NULL;
    int code = lm_eval_load(scenario, plan_path, &model, &plan, &doc);
    if (code != EVAL_VALID)
        return code;
    if (optimum)
        code = lm_eval_add_optimum(doc, model, time_limit);
    if (code == EVAL_VALID) {
        if (as_json) {
            json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
            fputc('\n', stdout);
        } else {
            if (lang == NULL)
                lang = lm_eval_default_lang(doc);
            print_text(stdout, doc, plan_path, strcmp(lang, "zh") == 0);
        }
        if (fflush(stdout) != 0)
            code = EVAL_WRITE;
    }
    if (code == EVAL_VALID && !json_is_true(json_object_get(doc, "valid")))
        code = EVAL_INVALID;
    json_decref(doc);
    match_plan_destroy(plan);
    match_model_destroy(model);
    return code;
}
