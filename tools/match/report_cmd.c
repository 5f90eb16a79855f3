/*
 * `match report SCENARIO PLAN -o REPORT.html`: one self-contained HTML file (docs/report.md),
 * made by match_report_html() (report.h).
 */
#include "evaluate_cmd.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage_error(const char *what)
{
    fprintf(stderr,
            "match: %s\nUsage: match report SCENARIO.json PLAN.json -o REPORT.html "
            "[--lang zh|en] [--previous PLAN.json]\nTry 'match --help'.\n",
            what);
    return EVAL_USAGE;
}

/* The file name without its folders: how the page names the plan. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

static int write_file(const char *path, const char *text)
{
    FILE *out = fopen(path, "w");
    if (out == NULL) {
        perror(path);
        return EVAL_WRITE;
    }
    bool bad = fputs(text, out) < 0;
    if (fclose(out) != 0 || bad) {
        perror(path);
        return EVAL_WRITE;
    }
    return EVAL_VALID;
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
    match_plan *plan = NULL, *before = NULL;
    json_t *doc = NULL;
    int code = lm_eval_load(scenario, plan_path, &model, &plan, &doc);
    if (code != EVAL_VALID)
        return code;
    if (previous != NULL) {
        char err[1024];
        int rc = match_plan_read_json(&before, previous, err, sizeof err);
        if (rc != MATCH_OK) {
            fprintf(stderr, "match: --previous: %s\n", err[0] != '\0' ? err : match_strerror(rc));
            code = rc == MATCH_ENOMEM ? EVAL_INTERNAL : EVAL_BAD_INPUT;
        }
    }
    if (code == EVAL_VALID) {
        char *html = NULL;
        int rc = match_report_html(&html, model, plan, before, lang, base_name(plan_path));
        if (rc != MATCH_OK) {
            fprintf(stderr, "match: report: %s\n", match_strerror(rc));
            code = EVAL_INTERNAL;
        } else {
            code = write_file(output, html);
        }
        match_free(html);
    }
    if (code == EVAL_VALID && !json_is_true(json_object_get(doc, "valid")))
        code = EVAL_INVALID;
    json_decref(doc);
    match_plan_destroy(before);
    match_plan_destroy(plan);
    match_model_destroy(model);
    return code;
}
