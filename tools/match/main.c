/*
 * match: the command-line front end of libmatch.
 *
 *   match solve SCENARIO.json [-o PLAN.json] [--time-limit SEC] [--mip-gap G] [-q] [-v]
 *   match check SCENARIO.json
 *   match help | --help | --version
 *
 * The exit status tells scripts what happened without parsing text (see usage()).
 */
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libmatch/libmatch.h"
#include "summary.h"

enum exit_code {
    EXIT_SOLVED = 0,
    EXIT_USAGE = 1,
    EXIT_BAD_INPUT = 2,
    EXIT_INFEASIBLE = 3,
    EXIT_TIME_LIMIT = 4,
    EXIT_INTERNAL = 5,
    EXIT_WRITE = 6
};

typedef struct cli {
    const char *command;
    const char *scenario;
    const char *output; /* NULL: standard output */
    double time_limit;
    double mip_gap;
    bool quiet;
    bool verbose;
    bool solve_only; /* an option that only `solve` takes was given */
} cli;

static void usage(FILE *out)
{
    fputs("Usage: match solve SCENARIO.json [-o PLAN.json] [--time-limit SEC] [--mip-gap G]\n"
          "                   [--quiet] [--verbose]\n"
          "       match check SCENARIO.json\n"
          "       match help | --help | --version\n"
          "\n"
          "Matches community needs with volunteers and co-building resources and writes\n"
          "the best project list (libmatch-plan-1 JSON).\n"
          "\n"
          "Commands:\n"
          "  solve  read the scenario, solve it and write the plan: to PLAN.json, or to\n"
          "         standard output without -o; a summary goes to standard error\n"
          "  check  validate the scenario and print its sizes, without solving\n"
          "  help   print this help\n"
          "\n"
          "Options:\n"
          "  -o, --output PLAN.json  write the plan to this file (replaced atomically)\n"
          "  -t, --time-limit SEC    stop the solver after SEC wall seconds (0: no limit)\n"
          "  -g, --mip-gap G         accept a plan within relative gap G of the bound\n"
          "  -q, --quiet             print no summary\n"
          "  -v, --verbose           pass the solver's log to standard error\n"
          "  -h, --help              print this help and exit\n"
          "  -V, --version           print the libmatch and GLPK versions and exit\n"
          "\n"
          "Exit status:\n"
          "  0  solved (optimal or feasible), or the check passed\n"
          "  1  usage error\n"
          "  2  bad scenario: unreadable, malformed JSON, invalid data or references\n"
          "  3  infeasible: no plan meets the required needs and fixed pairs\n"
          "     (the plan is still written, every item listed)\n"
          "  4  the time limit ran out before any plan was found (the plan is still written)\n"
          "  5  internal or solver error, or interrupted\n"
          "  6  the plan could not be written\n",
          out);
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("match: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'match --help'.\n", stderr);
    return EXIT_USAGE;
}

/* A number option: the whole argument must be a finite value >= 0. */
static bool parse_number(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !isfinite(v) || v < 0.0)
        return false;
    *out = v;
    return true;
}

/* Returns -1 to go on, or an exit status (help, version, usage error). */
static int parse_args(cli *c, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},  {"time-limit", required_argument, NULL, 't'},
        {"mip-gap", required_argument, NULL, 'g'}, {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},       {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},       {NULL, 0, NULL, 0}};
    int opt;
    while ((opt = getopt_long(argc, argv, "o:t:g:qvhV", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o':
            c->output = optarg;
            c->solve_only = true;
            break;
        case 't':
            if (!parse_number(optarg, &c->time_limit))
                return usage_error("--time-limit wants seconds >= 0, not '%s'", optarg);
            c->solve_only = true;
            break;
        case 'g':
            if (!parse_number(optarg, &c->mip_gap))
                return usage_error("--mip-gap wants a number >= 0, not '%s'", optarg);
            c->solve_only = true;
            break;
        case 'q':
            c->quiet = true;
            break;
        case 'v':
            c->verbose = true;
            break;
        case 'h':
            usage(stdout);
            return EXIT_SOLVED;
        case 'V':
            printf("match (libmatch) %s\nGLPK %s\n", match_version(), match_glpk_version());
            return EXIT_SOLVED;
        default:
            /* getopt_long has already said what was wrong. */
            fputs("Try 'match --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return usage_error("%s", "no command given");
    c->command = argv[optind++];
    if (strcmp(c->command, "help") == 0) {
        usage(stdout);
        return EXIT_SOLVED;
    }
    if (strcmp(c->command, "solve") != 0 && strcmp(c->command, "check") != 0)
        return usage_error("unknown command '%s'", c->command);
    if (optind >= argc)
        return usage_error("'%s' needs a scenario file", c->command);
    c->scenario = argv[optind++];
    if (optind < argc)
        return usage_error("unexpected argument '%s'", argv[optind]);
    if (strcmp(c->command, "check") == 0 && c->solve_only)
        return usage_error("%s", "-o, --time-limit and --mip-gap apply to 'solve' only");
    return -1;
}

static int read_exit_code(int rc)
{
    switch (rc) {
    case MATCH_EIO:
    case MATCH_EPARSE:
    case MATCH_EINPUT:
    case MATCH_ENOTFOUND:
    case MATCH_EDUPLICATE:
        return EXIT_BAD_INPUT;
    default:
        return EXIT_INTERNAL;
    }
}

static match_model *read_scenario(const char *path, int *exit_code)
{
    match_model *model = NULL;
    char err[1024];
    int rc = match_model_read_json(&model, path, err, sizeof err);
    if (rc != MATCH_OK) {
        fprintf(stderr, "match: %s\n", err[0] != '\0' ? err : match_strerror(rc));
        *exit_code = read_exit_code(rc);
        return NULL;
    }
    return model;
}

/* ---- Solving ------------------------------------------------------------------------- */

/* Ctrl-C asks the solver to stop at its next check instead of killing the process, so the
 * library can free GLPK's memory on the way out. */
static volatile sig_atomic_t interrupted = 0;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

static int should_stop(void *payload)
{
    (void)payload;
    return interrupted != 0;
}

static void log_to_stderr(match_log_level level, const char *message, void *payload)
{
    (void)payload;
    fprintf(stderr, "%s%s\n", level == MATCH_LOG_ERROR ? "error: " : "", message);
}

static int write_plan(match_plan *plan, const char *output)
{
    if (output != NULL) {
        if (match_plan_write_json(plan, output) != MATCH_OK) {
            fprintf(stderr, "match: %s\n", match_plan_errmsg(plan));
            return EXIT_WRITE;
        }
        return EXIT_SOLVED;
    }
    char *json = NULL;
    int rc = match_plan_to_json(&json, plan);
    if (rc != MATCH_OK) {
        fprintf(stderr, "match: cannot write the plan: %s\n", match_strerror(rc));
        return EXIT_WRITE;
    }
    size_t len = strlen(json);
    bool ok = fwrite(json, 1, len, stdout) == len;
    if (ok && (len == 0 || json[len - 1] != '\n'))
        ok = fputc('\n', stdout) != EOF;
    ok = fflush(stdout) == 0 && ok;
    match_free(json);
    if (!ok) {
        fprintf(stderr, "match: cannot write the plan to standard output\n");
        return EXIT_WRITE;
    }
    return EXIT_SOLVED;
}

static int status_exit_code(match_status status)
{
    switch (status) {
    case MATCH_STATUS_OPTIMAL:
    case MATCH_STATUS_FEASIBLE:
        return EXIT_SOLVED;
    case MATCH_STATUS_INFEASIBLE:
        return EXIT_INFEASIBLE;
    case MATCH_STATUS_TIME_LIMIT:
        return EXIT_TIME_LIMIT;
    default:
        return EXIT_INTERNAL;
    }
}

static int run_solve(const cli *c, match_model *model)
{
    match_options options;
    match_options_init(&options, MATCH_OPTIONS_VERSION);
    options.time_limit = c->time_limit;
    options.mip_gap = c->mip_gap;
    options.interrupt = should_stop;
    if (c->verbose) {
        options.log = log_to_stderr;
        options.log_level = MATCH_LOG_DEBUG;
    }

    struct sigaction action, previous;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous);
    match_plan *plan = NULL;
    int rc = match_model_solve(&plan, model, &options);
    sigaction(SIGINT, &previous, NULL);

    if (rc != MATCH_OK) {
        const char *detail = match_model_errmsg(model);
        fprintf(stderr, "match: %s%s%s\n",
                rc == MATCH_EINTERRUPTED ? "interrupted" : "solve failed",
                detail[0] != '\0' ? ": " : "", detail);
        return EXIT_INTERNAL;
    }
    int code = write_plan(plan, c->output);
    if (!c->quiet)
        lm_summary_print(stderr, c->scenario, model, plan);
    if (code == EXIT_SOLVED)
        code = status_exit_code(match_plan_status(plan));
    match_plan_destroy(plan);
    return code;
}

static int run_check(const cli *c, const match_model *model)
{
    if (!c->quiet) {
        fprintf(stderr, "%s: ", c->scenario);
        lm_summary_sizes(stderr, model);
        fputs("\nok\n", stderr);
    }
    return EXIT_SOLVED;
}

int main(int argc, char **argv)
{
    cli c = {NULL, NULL, NULL, 0.0, 0.0, false, false, false};
    int code = parse_args(&c, argc, argv);
    if (code >= 0)
        return code;

    match_model *model = read_scenario(c.scenario, &code);
    if (model == NULL)
        return code;
    code = strcmp(c.command, "check") == 0 ? run_check(&c, model) : run_solve(&c, model);
    match_model_destroy(model);
    return code;
}
