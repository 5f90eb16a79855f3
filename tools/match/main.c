/*
 * match: the command-line front end of libmatch.
 *
 * A scenario is a JSON file, an .xlsx workbook or a folder of CSV files (docs/spreadsheets.md).
 *
 *   match solve SCENARIO.json [-o PLAN.json] [-o PLAN.xlsx] [--time-limit SEC] [--mip-gap G]
 *               [--solver auto|glpk|flow] [--warm-start PLAN.json] [--previous PLAN.json]
 *               [--timings] [-q] [-v]
 *   match check SCENARIO.json
 *   match export SCENARIO.json -o FILE [--mps | --lp | --dimacs]
 *   match explain PLAN.json --scenario SCENARIO.json [--top N]
 *   match diff BEFORE.json AFTER.json [--json] [--all] [-o FILE]
 *   match batch DIR_OR_LIST... -o RESULTS.csv [--jobs N] [--time-limit S] [--scheduler ADDR]
 *   match evaluate SCENARIO.json PLAN.json [--json] [--optimum] [--time-limit SEC] [--lang zh|en]
 *   match report SCENARIO.json PLAN.json -o REPORT.html [--lang zh|en] [--previous PLAN.json]
 *   match convert IN -o OUT [--lang zh|en] [--encoding E]
 *   match template -o BOOK.xlsx [--lang zh|en]
 *   match help | --help | --version
 *
 * The exit status tells scripts what happened without parsing text (see usage()).
 */
#include <getopt.h>
#include <jansson.h>
#include <libgen.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch_cmd.h"
#include "diff_command.h"
#include "evaluate_cmd.h"
#include "libmatch/libmatch.h"
#include "cli_number.h"
#include "exit_code.h"
#include "explain_cmd.h"
#include "output_check.h"
#include "plan_file.h"
#include "summary.h"

/* An export format chosen by --mps, --lp or --dimacs; FORMAT_FROM_NAME: by the file's
 * extension. */
enum { FORMAT_FROM_NAME = -1 };

typedef struct cli {
    const char *command;
    const char *scenario;
    const char *output;       /* NULL: standard output */
    const char *sheet_output; /* solve: a second -o naming a project list (.xlsx, .csv, folder) */
    const char *encoding;     /* --encoding: of CSV files */
    const char *lang;         /* --lang: of sheets written */
    const char *warm_start;   /* a plan file to start the solve from, or NULL */
    double time_limit;
    double mip_gap;
    match_solver solver;
    const char *previous; /* --previous: the plan in force, NULL: the scenario's, if any */
    int format;           /* match_export_format or FORMAT_FROM_NAME */
    bool quiet;
    bool verbose;
    bool progress;
    bool timings;
    const char *solve_option;     /* the first option given that only `solve` takes */
    const char *export_option;    /* the first option given that only `export` takes */
    const char *plan;             /* explain: the plan file */
    const char *explain_scenario; /* explain: --scenario */
    double top;                   /* explain: --top, rows per view */
    const char *explain_option;   /* the first option given that only `explain` takes */
} cli;

static void usage(FILE *out)
{
    fputs("Usage: match solve SCENARIO.json [-o PLAN.json] [--time-limit SEC] [--mip-gap G]\n"
          "                   [--solver auto|glpk|flow] [--warm-start PLAN.json]\n"
          "                   [--previous PLAN.json] [--timings]\n"
          "                   [--progress] [--quiet] [--verbose]\n"
          "       match check SCENARIO.json\n"
          "       match export SCENARIO.json -o FILE [--mps | --lp | --dimacs]\n"
          "       match explain PLAN.json --scenario SCENARIO.json [--top N]\n"
          "       match diff BEFORE.json AFTER.json [--json] [--all] [-o FILE]\n"
          "       match batch DIR_OR_LIST... -o RESULTS.csv [--jobs N] [--time-limit SEC]\n"
          "                   [--scheduler ADDRESS]   (match batch --help)\n"
          "       match evaluate SCENARIO.json PLAN.json [--json] [--optimum]\n"
          "                      [--time-limit SEC] [--lang zh|en]\n"
          "       match report SCENARIO.json PLAN.json -o REPORT.html [--lang zh|en]\n"
          "                    [--previous PLAN.json]\n"
          "       match convert IN -o OUT [--lang zh|en] [--encoding E]\n"
          "       match template -o BOOK.xlsx [--lang zh|en]\n"
          "       match help | --help | --version\n"
          "\n"
          "A scenario is a JSON file, an .xlsx workbook or a folder of CSV files with one\n"
          "sheet per list, in Chinese or English (docs/spreadsheets.md).\n"
          "\n"
          "Matches community needs with volunteers and co-building resources and writes\n"
          "the best project list (libmatch-plan-1 JSON).\n"
          "\n"
          "Commands:\n"
          "  solve  read the scenario, solve it and write the plan: to PLAN.json, or to\n"
          "         standard output without -o; a summary goes to standard error\n"
          "  check  validate the scenario and print its sizes, without solving\n"
          "  export write the scenario's integer program to FILE for another solver: free\n"
          "         MPS or CPLEX LP, by --mps / --lp or else by FILE's extension (.mps, .lp).\n"
          "         The objective is maximised; MPS files carry no sense, so tell the\n"
          "         solver (cbc FILE.mps -max -solve; glpsol --freemps FILE.mps --max).\n"
          "         --dimacs (or .dimacs, .min) writes instead the min-cost flow network that\n"
          "         the network simplex solves, for a pure-network scenario only; comment\n"
          "         lines give the objective: libmatch-constant - cost / libmatch-scale\n"
          "  explain print the plan's unmet needs with their reasons and the scenario's\n"
          "         bottlenecks: what one more volunteer-hour (by skill, community,\n"
          "         street) or resource unit (by type) would add to the objective, and\n"
          "         the need it would cover next. The scenario is the one PLAN.json was\n"
          "         solved from (plan files do not record it)\n"
          "  diff   compare two plan files: the objective, needs gained, lost, raised and\n"
          "         lowered, volunteers moved, and coverage by priority, street and\n"
          "         category; --json for the libmatch-diff-1 JSON, --all to list every move\n"
          "  batch  solve many scenarios on threads (--jobs) or a Dask cluster (--scheduler),\n"
          "         each plan beside its scenario, and a results table: 'match batch --help'\n"
          "  evaluate check any plan (one another tool or a person made) against every\n"
          "         hard rule of the model, list each violation with its rule, item and\n"
          "         amounts, recompute the objective term by term and print the indicators\n"
          "         (coverage by priority, street and category, hours, distance, obligations,\n"
          "         fairness, service points); --json for libmatch-evaluation-1 JSON,\n"
          "         --optimum to solve too and print the plan's gap to the best plan and bound\n"
          "         (--time-limit bounds that solve)\n"
          "  report write a self-contained HTML report of the plan (charts and tables, opens\n"
          "         offline): Chinese when the scenario's names are, else English (--lang);\n"
          "         --previous PLAN adds what changed since that plan\n"
          "  convert convert a scenario between JSON, .xlsx and a CSV folder (by OUT's name:\n"
          "         .json, .xlsx, anything else a folder)\n"
          "  template write an empty workbook (.xlsx, or a CSV folder) with every sheet, its\n"
          "         headers, one example row and a sheet explaining each column\n"
          "  help   print this help\n"
          "\n"
          "Options:\n"
          "  -o, --output FILE       write the plan (or the exported program) to this file,\n"
          "                          replaced atomically. solve: a name ending in .xlsx or\n"
          "                          .csv (or /, a folder) writes the project list (项目清单)\n"
          "                          as a spreadsheet; give -o twice for both\n"
          "      --lang zh|en        sheets written: Chinese or English headers (default:\n"
          "                          as the scenario's sheets, Chinese for JSON)\n"
          "      --encoding E        CSV files read: auto (default: UTF-8, else GB18030),\n"
          "                          utf-8, gb18030 or gbk\n"
          "  -t, --time-limit SEC    wall seconds for the whole solve (0: no limit); then the\n"
          "                          best plan so far is written, with its proven bound\n"
          "  -g, --mip-gap G         accept a plan within relative gap G of the bound\n"
          "  -s, --solver NAME       auto (default: the network simplex for pure networks,\n"
          "                          else flow bounds and plans, then GLPK if a gap remains),\n"
          "                          glpk (GLPK's branch and cut alone) or flow (the network\n"
          "                          simplex; refused when the scenario is not a network)\n"
          "      --warm-start PLAN   start the solve from a plan file (usually the plan before\n"
          "                          a what-if change); the optimum is the same, found sooner\n"
          "  -p, --previous PLAN     re-plan against this plan in force (a plan file), in\n"
          "                          place of the scenario's \"previous_plan\"; with the\n"
          "                          policy's change_penalty, moving its hours costs\n"
          "                          that much per hour\n"
          "      --timings           print the wall seconds of each phase (read, pairs,\n"
          "                          build, solve, plan, write) and the peak memory to\n"
          "                          standard error\n"
          "      --mps, --lp, --dimacs  the export format\n"
          "      --scenario FILE     explain: the scenario the plan was solved from\n"
          "      --top N             explain: rows per bottleneck table (default 5)\n"
          "      --progress          show a live progress line on standard error (the\n"
          "                          default when it is a terminal)\n"
          "  -q, --quiet             print no summary and no progress\n"
          "  -v, --verbose           pass the solver's log to standard error\n"
          "  -h, --help              print this help and exit\n"
          "  -V, --version           print the libmatch and GLPK versions and exit\n"
          "\n"
          "Exit status:\n"
          "  0  solved (optimal or feasible), the check passed, or the program was exported\n"
          "  1  usage error (also: --dimacs or --solver flow for a scenario that is not a\n"
          "     pure network, and an output file that is one of the command's inputs, after\n"
          "     following links: refused before anything is read or solved)\n"
          "  2  bad scenario: unreadable, malformed JSON, invalid data or references\n"
          "  3  infeasible: no plan meets the required needs and fixed pairs\n"
          "     (the plan is still written, every item listed)\n"
          "  4  the time limit ran out before any plan was found (the plan is still written)\n"
          "  5  internal or solver error\n"
          "  6  the plan (or the exported program, or the report) could not be written\n"
          "  7  interrupted (SIGINT or SIGTERM): the best plan so far was written, with\n"
          "     status \"interrupted\"\n"
          "  8  evaluate, report: the plan breaks a hard rule (the violations are listed;\n"
          "     a report is still written); 0 when it breaks none, 2 for unreadable files\n"
          "  130 a second SIGINT: stopped at once, nothing written (a file given with -o\n"
          "     keeps its old content)\n",
          out);
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("match: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'match --help'.\n", stderr);
    return EXIT_USAGE;
}

/* Long options without a short form. */
enum {
    OPT_TIMINGS = 256,
    OPT_MPS,
    OPT_LP,
    OPT_DIMACS,
    OPT_SCENARIO,
    OPT_TOP,
    OPT_WARM_START,
    OPT_PROGRESS,
    OPT_LANG,
    OPT_ENCODING
};

static bool parse_solver(const char *text, match_solver *out)
{
    if (strcmp(text, "auto") == 0)
        *out = MATCH_SOLVER_AUTO;
    else if (strcmp(text, "glpk") == 0)
        *out = MATCH_SOLVER_GLPK;
    else if (strcmp(text, "flow") == 0)
        *out = MATCH_SOLVER_FLOW;
    else
        return false;
    return true;
}

static bool ends_with(const char *text, const char *suffix)
{
    size_t n = strlen(text), k = strlen(suffix);
    return n >= k && strcmp(text + n - k, suffix) == 0;
}

/* A plan output that is a spreadsheet: .xlsx, .csv, or a folder (a trailing slash). */
static bool is_sheet_output(const char *path)
{
    return ends_with(path, ".xlsx") || ends_with(path, ".XLSX") || ends_with(path, ".csv") ||
           ends_with(path, ".CSV") || ends_with(path, "/");
}

/* Checks that the options given fit the command; returns -1 or EXIT_USAGE. */
static int check_command_options(cli *c)
{
    bool is_solve = strcmp(c->command, "solve") == 0;
    bool is_export = strcmp(c->command, "export") == 0;
    if (!is_solve && c->solve_option != NULL)
        return usage_error("%s applies to 'solve' only", c->solve_option);
    if (!is_export && c->export_option != NULL)
        return usage_error("%s applies to 'export' only", c->export_option);
    if (strcmp(c->command, "convert") == 0)
        return -1;
    if (strcmp(c->command, "check") == 0 && c->output != NULL)
        return usage_error("%s", "-o applies to 'solve' and 'export' only");
    if (!is_export)
        return -1;
    if (c->output == NULL)
        return usage_error("%s", "'export' needs an output file: -o FILE");
    if (c->format == FORMAT_FROM_NAME) {
        if (ends_with(c->output, ".mps") || ends_with(c->output, ".MPS"))
            c->format = MATCH_EXPORT_MPS;
        else if (ends_with(c->output, ".lp") || ends_with(c->output, ".LP"))
            c->format = MATCH_EXPORT_LP;
        else if (ends_with(c->output, ".dimacs") || ends_with(c->output, ".min"))
            c->format = MATCH_EXPORT_DIMACS;
        else
            return usage_error("cannot tell the format of '%s' (not .mps, .lp, .dimacs or .min): "
                               "give --mps, --lp or --dimacs",
                               c->output);
    }
    return -1;
}

/* Returns -1 to go on, or an exit status (help, version, usage error). */
static int parse_args(cli *c, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"time-limit", required_argument, NULL, 't'},
        {"mip-gap", required_argument, NULL, 'g'},
        {"solver", required_argument, NULL, 's'},
        {"timings", no_argument, NULL, OPT_TIMINGS},
        {"mps", no_argument, NULL, OPT_MPS},
        {"lp", no_argument, NULL, OPT_LP},
        {"dimacs", no_argument, NULL, OPT_DIMACS},
        {"quiet", no_argument, NULL, 'q'},
        {"progress", no_argument, NULL, OPT_PROGRESS},
        {"warm-start", required_argument, NULL, OPT_WARM_START},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"scenario", required_argument, NULL, OPT_SCENARIO},
        {"top", required_argument, NULL, OPT_TOP},
        {"previous", required_argument, NULL, 'p'},
        {"lang", required_argument, NULL, OPT_LANG},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {NULL, 0, NULL, 0}};
    int opt;
    while ((opt = getopt_long(argc, argv, "o:t:g:s:p:qvhV", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o':
            if (c->output == NULL)
                c->output = optarg;
            else if (c->sheet_output == NULL)
                c->sheet_output = optarg;
            else
                return usage_error("%s", "-o is given at most twice");
            break;
        case OPT_LANG:
            if (strcmp(optarg, "zh") != 0 && strcmp(optarg, "en") != 0)
                return usage_error("--lang wants zh or en, not '%s'", optarg);
            c->lang = optarg;
            break;
        case OPT_ENCODING:
            c->encoding = optarg;
            break;
        case 't':
            if (!lm_cli_parse_number(optarg, &c->time_limit))
                return usage_error("--time-limit wants seconds >= 0, not '%s'", optarg);
            c->solve_option = c->solve_option ? c->solve_option : "--time-limit";
            break;
        case 'g':
            if (!lm_cli_parse_number(optarg, &c->mip_gap))
                return usage_error("--mip-gap wants a number >= 0, not '%s'", optarg);
            c->solve_option = c->solve_option ? c->solve_option : "--mip-gap";
            break;
        case 's':
            if (!parse_solver(optarg, &c->solver))
                return usage_error("--solver wants auto or glpk, not '%s'", optarg);
            c->solve_option = c->solve_option ? c->solve_option : "--solver";
            break;
        case OPT_WARM_START:
            c->warm_start = optarg;
            c->solve_option = c->solve_option ? c->solve_option : "--warm-start";
            break;
        case 'p':
            c->previous = optarg;
            c->solve_option = c->solve_option ? c->solve_option : "--previous";
            break;
        case OPT_TIMINGS:
            c->timings = true;
            c->solve_option = c->solve_option ? c->solve_option : "--timings";
            break;
        case OPT_MPS:
        case OPT_LP:
        case OPT_DIMACS: {
            int format = opt == OPT_MPS  ? MATCH_EXPORT_MPS
                         : opt == OPT_LP ? MATCH_EXPORT_LP
                                         : MATCH_EXPORT_DIMACS;
            if (c->format != FORMAT_FROM_NAME && c->format != format)
                return usage_error("%s", "give one of --mps, --lp and --dimacs");
            c->format = format;
            c->export_option = c->export_option ? c->export_option : argv[optind - 1];
            break;
        }
        case OPT_SCENARIO:
            c->explain_scenario = optarg;
            c->explain_option = c->explain_option ? c->explain_option : "--scenario";
            break;
        case OPT_TOP:
            if (!lm_cli_parse_number(optarg, &c->top) || c->top != floor(c->top) || c->top < 1)
                return usage_error("--top wants a whole number >= 1, not '%s'", optarg);
            c->explain_option = c->explain_option ? c->explain_option : "--top";
            break;
        case 'q':
            c->quiet = true;
            break;
        case OPT_PROGRESS:
            c->progress = true;
            c->solve_option = c->solve_option ? c->solve_option : "--progress";
            break;
        case 'v':
            c->verbose = true;
            break;
        case 'h':
            usage(stdout);
            return EXIT_OK;
        case 'V':
            printf("match (libmatch) %s\nGLPK %s\n", match_version(), match_glpk_version());
            return EXIT_OK;
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
        return EXIT_OK;
    }
    if (strcmp(c->command, "solve") != 0 && strcmp(c->command, "check") != 0 &&
        strcmp(c->command, "export") != 0 && strcmp(c->command, "explain") != 0 &&
        strcmp(c->command, "convert") != 0 && strcmp(c->command, "template") != 0)
        return usage_error("unknown command '%s'", c->command);
    bool is_solve = strcmp(c->command, "solve") == 0;
    if (c->sheet_output != NULL && !is_solve)
        return usage_error("%s", "-o is given twice (only 'solve' writes two outputs)");
    if (is_solve && c->output != NULL && c->sheet_output == NULL && is_sheet_output(c->output)) {
        c->sheet_output = c->output;
        c->output = NULL;
    }
    if (is_solve && c->sheet_output != NULL && !is_sheet_output(c->sheet_output))
        return usage_error("the second -o '%s' is not a spreadsheet (.xlsx, .csv or a folder/)",
                           c->sheet_output);
    if (strcmp(c->command, "template") == 0) {
        if (optind < argc)
            return usage_error("unexpected argument '%s'", argv[optind]);
        if (c->output == NULL)
            return usage_error("%s", "'template' needs an output: -o BOOK.xlsx");
        return -1;
    }
    if (strcmp(c->command, "convert") == 0 && c->output == NULL)
        return usage_error("%s", "'convert' needs an output: -o OUT (.json, .xlsx or a folder)");
    if (strcmp(c->command, "explain") == 0) {
        if (optind >= argc)
            return usage_error("%s", "'explain' needs a plan file");
        c->plan = argv[optind++];
        if (optind < argc)
            return usage_error("unexpected argument '%s'", argv[optind]);
        if (c->explain_scenario == NULL)
            return usage_error("%s", "'explain' needs the plan's scenario: --scenario FILE");
        if (c->solve_option != NULL || c->export_option != NULL || c->output != NULL)
            return usage_error("%s applies to another command", c->solve_option ? c->solve_option
                                                                : c->export_option
                                                                    ? c->export_option
                                                                    : "-o");
        c->scenario = c->explain_scenario;
        return -1;
    }
    if (c->explain_option != NULL)
        return usage_error("%s applies to 'explain' only", c->explain_option);
    if (optind >= argc)
        return usage_error("'%s' needs a scenario file", c->command);
    c->scenario = argv[optind++];
    if (optind < argc)
        return usage_error("unexpected argument '%s'", argv[optind]);
    return check_command_options(c);
}

/* The options of the spreadsheet readers and writers from the command line. */
static match_sheet_options sheet_options(const cli *c)
{
    match_sheet_options o;
    match_sheet_options_init(&o, MATCH_SHEET_OPTIONS_VERSION);
    o.encoding = c->encoding;
    o.lang = c->lang;
    return o;
}

/* "zh" or "en": the language of the scenario's sheets, for the project list. */
static const char *scenario_lang = "en";

static match_model *read_scenario(const cli *c, const char *path, int *exit_code)
{
    match_model *model = NULL;
    char err[1024];
    match_sheet_options o = sheet_options(c);
    int rc = match_model_read_any(&model, &scenario_lang, path, &o, err, sizeof err);
    if (rc != MATCH_OK) {
        fprintf(stderr, "match: %s\n", err[0] != '\0' ? err : match_strerror(rc));
        *exit_code = lm_exit_code_of_read(rc);
        return NULL;
    }
    return model;
}

/* ---- Timings --------------------------------------------------------------------------- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One line per phase, "timing NAME SECONDS s", then the peak resident memory: a stable form
 * that benchmark scripts can parse. read and write are timed here, the rest by the library. */
static void print_timings(double read_seconds, const match_plan *plan, double write_seconds,
                          double total_seconds)
{
    static const struct {
        const char *name;
        match_phase phase;
    } phases[] = {{"pairs", MATCH_PHASE_PAIRS},
                  {"build", MATCH_PHASE_BUILD},
                  {"solve", MATCH_PHASE_SOLVE},
                  {"plan", MATCH_PHASE_PLAN}};
    fprintf(stderr, "timing read %.6f s\n", read_seconds);
    for (size_t k = 0; k < sizeof phases / sizeof phases[0]; ++k)
        fprintf(stderr, "timing %s %.6f s\n", phases[k].name,
                match_plan_phase_seconds(plan, phases[k].phase));
    fprintf(stderr, "timing write %.6f s\n", write_seconds);
    fprintf(stderr, "timing total %.6f s\n", total_seconds);
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) == 0) /* ru_maxrss is in KiB on Linux */
        fprintf(stderr, "memory peak %.1f MiB\n", (double)usage.ru_maxrss / 1024.0);
}

/* ---- Solving ------------------------------------------------------------------------- */

/* Ctrl-C (or SIGTERM) asks the solver to stop at its next check instead of killing the
 * process: the solve returns its best plan so far, which is written as usual. A second
 * SIGINT ends the process at once, writing nothing (a plan file being replaced keeps its
 * old content: the replacement is a rename). */
static volatile sig_atomic_t interrupted = 0;

static void on_signal(int sig)
{
    if (interrupted && sig == SIGINT)
        _exit(EXIT_ABORTED);
    interrupted = 1;
}

static int should_stop(void *payload)
{
    (void)payload;
    return interrupted != 0;
}

/* Whether a progress line is on the terminal and must be ended before other output. */
static bool progress_shown = false;

static void end_progress_line(void)
{
    if (progress_shown)
        fputs("\r\033[K", stderr);
    progress_shown = false;
}

static void log_to_stderr(match_log_level level, const char *message, void *payload)
{
    (void)payload;
    end_progress_line();
    fprintf(stderr, "%s%s\n", level == MATCH_LOG_ERROR ? "error: " : "", message);
}

/* One live line: phase, elapsed seconds, plan, bound and gap. */
static void show_progress(const match_progress *p, void *payload)
{
    (void)payload;
    char plan[32] = "none", bound[32] = "none", gap[32] = "";
    if (p->incumbent == p->incumbent) /* not NaN (the tool does not link libm) */
        snprintf(plan, sizeof plan, "%.10g", p->incumbent);
    if (p->bound == p->bound)
        snprintf(bound, sizeof bound, "%.10g", p->bound);
    if (p->gap == p->gap)
        snprintf(gap, sizeof gap, "  gap %.4f%%", 100.0 * p->gap);
    fprintf(stderr, "\r\033[K%6.1f s  %-16s plan %s  bound %s%s%s", p->elapsed, p->phase, plan,
            bound, gap, interrupted ? "  (stopping)" : "");
    fflush(stderr);
    progress_shown = true;
}

static int write_plan(match_plan *plan, const char *output)
{
    if (output != NULL) {
        if (match_plan_write_json(plan, output) != MATCH_OK) {
            fprintf(stderr, "match: %s\n", match_plan_errmsg(plan));
            return EXIT_WRITE;
        }
        return EXIT_OK;
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
    return EXIT_OK;
}

static int status_exit_code(match_status status)
{
    switch (status) {
    case MATCH_STATUS_OPTIMAL:
    case MATCH_STATUS_FEASIBLE:
        return EXIT_OK;
    case MATCH_STATUS_INFEASIBLE:
        return EXIT_INFEASIBLE;
    case MATCH_STATUS_TIME_LIMIT:
        return EXIT_TIME_LIMIT;
    case MATCH_STATUS_INTERRUPTED:
        return EXIT_INTERRUPTED;
    default:
        return EXIT_INTERNAL;
    }
}

/* started: when the command began (before reading); read_seconds: how long reading took. */
static int run_solve(const cli *c, match_model *model, double started, double read_seconds)
{
    if (c->previous != NULL) {
        char err[1024];
        int rc = match_model_read_previous_plan(model, c->previous, err, sizeof err);
        if (rc != MATCH_OK) {
            fprintf(stderr, "match: %s\n", err[0] != '\0' ? err : match_strerror(rc));
            return lm_exit_code_of_read(rc);
        }
    }
    match_options options;
    match_options_init(&options, MATCH_OPTIONS_VERSION);
    options.time_limit = c->time_limit;
    options.mip_gap = c->mip_gap;
    options.solver = c->solver;
    options.interrupt = should_stop;
    match_plan *warm = NULL;
    if (c->warm_start != NULL) {
        int code = EXIT_OK;
        warm = lm_cli_read_plan(c->warm_start, "--warm-start: ", &code);
        if (warm == NULL)
            return code;
        options.warm_start = warm;
    }
    if (c->verbose) {
        options.log = log_to_stderr;
        options.log_level = MATCH_LOG_DEBUG;
    }
    if (!c->quiet && (c->progress || isatty(STDERR_FILENO)))
        options.progress = show_progress;

    /* The handlers stay until the plan is written: a first signal during the write changes
     * nothing, a second SIGINT ends the process without finishing it. */
    struct sigaction action, previous_int, previous_term;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_int);
    sigaction(SIGTERM, &action, &previous_term);
    match_plan *plan = NULL;
    int rc = match_model_solve(&plan, model, &options);
    end_progress_line();
    match_plan_destroy(warm);

    if (rc != MATCH_OK) {
        sigaction(SIGINT, &previous_int, NULL);
        sigaction(SIGTERM, &previous_term, NULL);
        const char *detail = match_model_errmsg(model);
        fprintf(stderr, "match: solve failed%s%s\n", detail[0] != '\0' ? ": " : "", detail);
        /* A refusal (a solver the scenario does not suit, a bad option) is a usage error. */
        return rc == MATCH_EINVAL ? EXIT_USAGE : EXIT_INTERNAL;
    }
    double write_started = now_seconds();
    int code = c->sheet_output != NULL && c->output == NULL ? EXIT_OK : write_plan(plan, c->output);
    if (code == EXIT_OK && c->sheet_output != NULL) {
        match_sheet_options o = sheet_options(c);
        /* Chinese headers by default, unless the scenario came in English sheets. */
        if (o.lang == NULL)
            o.lang = match_path_is_sheets(c->scenario) ? scenario_lang : "zh";
        char err[1024];
        if (match_plan_write_sheets(plan, model, c->sheet_output, &o, err, sizeof err) !=
            MATCH_OK) {
            fprintf(stderr, "match: %s\n", err);
            code = EXIT_WRITE;
        }
    }
    double written = now_seconds();
    sigaction(SIGINT, &previous_int, NULL);
    sigaction(SIGTERM, &previous_term, NULL);
    if (!c->quiet)
        lm_summary_print(stderr, c->scenario, model, plan);
    if (c->timings)
        print_timings(read_seconds, plan, written - write_started, written - started);
    if (code == EXIT_OK)
        code = status_exit_code(match_plan_status(plan));
    match_plan_destroy(plan);
    return code;
}

static int run_export(const cli *c, match_model *model)
{
    int rc = match_model_export(model, c->output, (match_export_format)c->format);
    if (rc != MATCH_OK) {
        const char *detail = match_model_errmsg(model);
        fprintf(stderr, "match: export failed: %s\n",
                detail[0] != '\0' ? detail : match_strerror(rc));
        if (rc == MATCH_EINVAL && c->format == MATCH_EXPORT_DIMACS)
            return EXIT_USAGE; /* not a pure network: ask for another format */
        return rc == MATCH_EIO ? EXIT_WRITE : EXIT_INTERNAL;
    }
    if (!c->quiet) {
        if (c->format == MATCH_EXPORT_MPS)
            fprintf(stderr,
                    "%s: wrote the integer program to %s (free MPS; maximise it, for example: "
                    "cbc %s -max -solve)\n",
                    c->scenario, c->output, c->output);
        else if (c->format == MATCH_EXPORT_LP)
            fprintf(stderr, "%s: wrote the integer program to %s (CPLEX LP)\n", c->scenario,
                    c->output);
        else
            fprintf(stderr, "%s: wrote the flow network to %s (DIMACS min-cost flow)\n",
                    c->scenario, c->output);
    }
    return EXIT_OK;
}

static int run_check(const cli *c, const match_model *model)
{
    if (!c->quiet) {
        fprintf(stderr, "%s: ", c->scenario);
        lm_summary_sizes(stderr, model);
        fputs("\nok\n", stderr);
    }
    return EXIT_OK;
}

/* The plan file a scenario's "previous_plan" names, resolved as the reader resolves it
 * (against the scenario's directory); NULL when it names none. Read only when the output
 * file exists already: a file still to be made cannot be an input. */
static char *scenario_previous_file(const char *scenario)
{
    json_t *root = json_load_file(scenario, 0, NULL);
    const char *name = json_string_value(json_object_get(root, "previous_plan"));
    char *path = NULL;
    if (name != NULL && name[0] == '/') {
        path = strdup(name);
    } else if (name != NULL) {
        char *copy = strdup(scenario);
        const char *dir = copy != NULL ? dirname(copy) : NULL;
        size_t len = dir != NULL ? strlen(dir) + strlen(name) + 2 : 0;
        path = dir != NULL ? malloc(len) : NULL;
        if (path != NULL)
            snprintf(path, len, "%s/%s", dir, name);
        free(copy);
    }
    json_decref(root);
    return path;
}

/* Refuses an output that is one of the command's inputs, or that cannot be written, before
 * anything is solved: -1 to go on, else the exit status. */
/* An output that will be a folder of CSV files: convert's and template's OUT unless it names a
 * .json or .xlsx file, and solve's project list given with a trailing slash. */
static bool names_folder(const cli *c, const char *path)
{
    if (strcmp(c->command, "convert") == 0 || strcmp(c->command, "template") == 0)
        return !(ends_with(path, ".json") || ends_with(path, ".xlsx") || ends_with(path, ".XLSX"));
    return path == c->sheet_output && ends_with(path, "/");
}

static int check_one_output(const cli *c, const char *output);

/* The outputs of the command (the plan file and a project-list spreadsheet). A folder of CSV
 * files is written file by file, each atomically, and is not checked as a file here. */
static int check_output(const cli *c)
{
    int code =
        c->output != NULL && !names_folder(c, c->output) ? check_one_output(c, c->output) : -1;
    if (code < 0 && c->sheet_output != NULL && c->sheet_output != c->output &&
        !names_folder(c, c->sheet_output))
        code = check_one_output(c, c->sheet_output);
    return code;
}

static int check_one_output(const cli *c, const char *output)
{
    struct stat st;
    char *previous = stat(output, &st) == 0 ? scenario_previous_file(c->scenario) : NULL;
    const match_input inputs[] = {{c->scenario, "the scenario"},
                                  {c->warm_start, "the warm-start plan (--warm-start)"},
                                  {c->previous, "the plan in force (--previous)"},
                                  {previous, "the scenario's previous_plan"}};
    match_output_verdict v = match_output_check(output, inputs, sizeof inputs / sizeof *inputs);
    free(previous);
    if (v == MATCH_OUTPUT_IS_INPUT)
        return EXIT_USAGE;
    return v == MATCH_OUTPUT_OK ? -1 : EXIT_WRITE;
}

int main(int argc, char **argv)
{
    /* Past the file-size limit (ulimit -f) a write fails with EFBIG rather than killing the
     * process: the writers then report it (exit 6) and remove their temporary file. */
    signal(SIGXFSZ, SIG_IGN);
    /* diff reads plan files, not a scenario: it has its own arguments. */
    if (argc >= 2 && strcmp(argv[1], "diff") == 0)
        return lm_diff_command(argc - 1, argv + 1);
    /* batch runs many scenarios: its own arguments too. */
    if (argc >= 2 && strcmp(argv[1], "batch") == 0)
        return lm_batch_command(argc - 1, argv + 1);
    /* evaluate and report read a scenario and a plan: they have their own arguments too. */
    if (argc >= 2 && strcmp(argv[1], "evaluate") == 0)
        return lm_evaluate_command(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "report") == 0)
        return lm_report_command(argc - 1, argv + 1);
    cli c = {.solver = MATCH_SOLVER_AUTO, .format = FORMAT_FROM_NAME};
    int code = parse_args(&c, argc, argv);
    if (code >= 0)
        return code;

    code = check_output(&c);
    if (code >= 0)
        return code;
    if (strcmp(c.command, "template") == 0 || strcmp(c.command, "convert") == 0) {
        match_sheet_options o = sheet_options(&c);
        char err[1024];
        int rc = strcmp(c.command, "template") == 0
                     ? match_sheets_write_template(c.output, &o, err, sizeof err)
                     : match_scenario_convert(c.scenario, c.output, &o, err, sizeof err);
        if (rc != MATCH_OK) {
            fprintf(stderr, "match: %s\n", err[0] != '\0' ? err : match_strerror(rc));
            return rc == MATCH_EIO && strstr(err, "cannot write") != NULL
                       ? EXIT_WRITE
                       : lm_exit_code_of_read(rc);
        }
        if (!c.quiet)
            fprintf(stderr, "wrote %s\n", c.output);
        return EXIT_OK;
    }
    double started = now_seconds();
    match_model *model = read_scenario(&c, c.scenario, &code);
    if (model == NULL)
        return code;
    double read_seconds = now_seconds() - started;
    if (strcmp(c.command, "check") == 0)
        code = run_check(&c, model);
    else if (strcmp(c.command, "explain") == 0)
        code = lm_explain_print(stdout, c.plan, c.scenario, model, c.top > 0 ? (size_t)c.top : 5);
    else if (strcmp(c.command, "export") == 0)
        code = run_export(&c, model);
    else
        code = run_solve(&c, model, started, read_seconds);
    match_model_destroy(model);
    return code;
}
