/*
 * `match batch`: solves many scenario files, one model per task, on a pool of threads
 * (--jobs N), writing each plan beside its scenario (NAME.json -> NAME.plan.json) and a
 * results table (CSV) in input order. The table does not depend on --jobs: every task is
 * independent and the rows are written after all are done. --scheduler ADDRESS hands the
 * same batch to a running Dask scheduler by running `python3 -m libmatch.batch` (the
 * interpreter the build was configured with, or $LIBMATCH_PYTHON), which writes the same
 * table and plans. docs/scale-out.md.
 */
#include "batch_cmd.h"
#include "cli_number.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libmatch/libmatch.h"

#ifndef LIBMATCH_PYTHON
#define LIBMATCH_PYTHON "python3"
#endif

enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_UNSOLVED = 3, EXIT_INTERNAL = 5, EXIT_WRITE = 6 };
enum { OPT_SCHEDULER = 256 };

#define PLAN_SUFFIX ".plan.json"

/* ---- A growing list of owned strings --------------------------------------------------- */

typedef struct strlist {
    char **items;
    size_t count, cap;
} strlist;

static bool list_push(strlist *l, char *owned)
{
    if (owned == NULL)
        return false;
    if (l->count == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        char **items = realloc(l->items, cap * sizeof *items);
        if (items == NULL) {
            free(owned);
            return false;
        }
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = owned;
    return true;
}

static void list_free(strlist *l)
{
    for (size_t k = 0; k < l->count; ++k)
        free(l->items[k]);
    free(l->items);
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy != NULL)
        memcpy(copy, s, n);
    return copy;
}

/* dir + "/" + name (no second slash when dir ends with one); dir "" gives name. */
static char *join_path(const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    bool slash = d > 0 && dir[d - 1] != '/';
    char *out = malloc(d + slash + n + 1);
    if (out == NULL)
        return NULL;
    memcpy(out, dir, d);
    if (slash)
        out[d] = '/';
    memcpy(out + d + slash, name, n + 1);
    return out;
}

static bool ends_with(const char *text, const char *suffix)
{
    size_t n = strlen(text), k = strlen(suffix);
    return n >= k && strcmp(text + n - k, suffix) == 0;
}

/* ---- Which files: a directory, a scenario file, or a list of files -------------------- */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's *.json files but *.plan.json (the plans a batch writes) and hidden files,
 * sorted by name. */
static int add_directory(strlist *files, const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "match batch: cannot read the directory %s: %s\n", dir, strerror(errno));
        return EXIT_USAGE;
    }
    strlist names = {0};
    struct dirent *entry;
    int code = EXIT_OK;
    while ((entry = readdir(d)) != NULL) {
        const char *name = entry->d_name;
        if (name[0] == '.' || !ends_with(name, ".json") || ends_with(name, PLAN_SUFFIX))
            continue;
        char *path = join_path(dir, name);
        struct stat st;
        if (path == NULL || !list_push(&names, path)) {
            code = EXIT_INTERNAL;
            break;
        }
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            free(names.items[--names.count]);
    }
    closedir(d);
    if (code == EXIT_OK) {
        qsort(names.items, names.count, sizeof *names.items, compare_names);
        for (size_t k = 0; k < names.count && code == EXIT_OK; ++k) {
            if (!list_push(files, names.items[k]))
                code = EXIT_INTERNAL;
            names.items[k] = NULL;
        }
    }
    list_free(&names);
    if (code != EXIT_OK)
        fputs("match batch: out of memory\n", stderr);
    return code;
}

/* A list file: one path per line, relative to the list's directory; blank lines and lines
 * starting with '#' are skipped. */
static int add_list(strlist *files, const char *list)
{
    FILE *f = fopen(list, "r");
    if (f == NULL) {
        fprintf(stderr, "match batch: cannot read the list %s: %s\n", list, strerror(errno));
        return EXIT_USAGE;
    }
    char *base = dup_string(list);
    char *line = NULL;
    size_t cap = 0;
    int code = base == NULL ? EXIT_INTERNAL : EXIT_OK;
    if (base != NULL) {
        char *slash = strrchr(base, '/');
        if (slash == NULL)
            base[0] = '\0';
        else
            slash[slash == base ? 1 : 0] = '\0';
    }
    while (code == EXIT_OK && getline(&line, &cap, f) != -1) {
        char *start = line, *end = line + strlen(line);
        while (*start == ' ' || *start == '\t' || *start == '\r' || *start == '\n')
            ++start;
        while (end > start &&
               (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
            --end;
        *end = '\0';
        if (*start == '\0' || *start == '#')
            continue;
        char *path = start[0] == '/' ? dup_string(start) : join_path(base, start);
        if (!list_push(files, path))
            code = EXIT_INTERNAL;
    }
    if (code == EXIT_OK && ferror(f)) {
        fprintf(stderr, "match batch: cannot read the list %s\n", list);
        code = EXIT_USAGE;
    } else if (code == EXIT_INTERNAL) {
        fputs("match batch: out of memory\n", stderr);
    }
    free(line);
    free(base);
    fclose(f);
    return code;
}

static int add_inputs(strlist *files, const char *arg)
{
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        return add_directory(files, arg);
    if (ends_with(arg, ".json"))
        return list_push(files, dup_string(arg)) ? EXIT_OK : EXIT_INTERNAL;
    return add_list(files, arg);
}

/* NAME.json -> NAME.plan.json; any other name gets .plan.json appended. */
static char *plan_path_of(const char *scenario)
{
    size_t n = strlen(scenario);
    if (ends_with(scenario, ".json"))
        n -= 5;
    char *out = malloc(n + sizeof PLAN_SUFFIX);
    if (out == NULL)
        return NULL;
    memcpy(out, scenario, n);
    memcpy(out + n, PLAN_SUFFIX, sizeof PLAN_SUFFIX);
    return out;
}

/* ---- One task ------------------------------------------------------------------------- */

typedef struct task {
    const char *scenario;
    char *plan_path;   /* where the plan goes */
    bool plan_blocked; /* the plan path is one of the inputs: not written */
    bool plan_written;
    bool write_failed;
    bool solved; /* a plan exists: the indicators below are set */
    char status[16];
    char *name;
    char *message;
    double objective, bound, coverage, hours;
    size_t needs, met;
    size_t met_p[5];      /* by priority 5 .. 1 */
    double coverage_p[5]; /* by priority 5 .. 1 */
} task;

typedef struct batch {
    task *tasks;
    size_t count;
    size_t next, done;
    pthread_mutex_t lock;
    double time_limit, mip_gap;
    match_solver solver;
    bool quiet;
} batch;

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

static void set_error(task *t, const char *message)
{
    snprintf(t->status, sizeof t->status, "error");
    free(t->message);
    t->message = dup_string(message);
}

/* The plan's message, then the note about the plan file. */
static void add_note(task *t, const char *note)
{
    const char *old = t->message != NULL ? t->message : "";
    size_t n = strlen(old) + strlen(note) + 3;
    char *joined = malloc(n);
    if (joined == NULL)
        return;
    snprintf(joined, n, "%s%s%s", old, old[0] != '\0' ? "; " : "", note);
    free(t->message);
    t->message = joined;
}

static void tally(task *t, const match_plan *plan)
{
    t->solved = true;
    t->objective = match_plan_objective(plan);
    t->bound = match_plan_bound(plan);
    t->needs = match_plan_need_count(plan);
    for (size_t i = 0; i < t->needs; ++i) {
        double coverage = match_plan_need_coverage(plan, i);
        int priority = match_plan_need_priority(plan, i);
        bool met = coverage >= 1.0;
        t->met += met;
        t->coverage += coverage;
        t->hours += match_plan_need_hours(plan, i);
        if (priority >= 1 && priority <= 5) {
            t->met_p[5 - priority] += met;
            t->coverage_p[5 - priority] += coverage;
        }
    }
}

static void run_task(const batch *b, task *t)
{
    if (interrupted) {
        set_error(t, "interrupted");
        return;
    }
    char err[1024];
    match_model *model = NULL;
    int rc = match_model_read_json(&model, t->scenario, err, sizeof err);
    if (rc != MATCH_OK) {
        set_error(t, err[0] != '\0' ? err : match_strerror(rc));
        return;
    }
    t->name = dup_string(match_model_name(model));
    match_options options;
    match_options_init(&options, MATCH_OPTIONS_VERSION);
    options.time_limit = b->time_limit;
    options.mip_gap = b->mip_gap;
    options.solver = b->solver;
    options.interrupt = should_stop;
    match_plan *plan = NULL;
    rc = match_model_solve(&plan, model, &options);
    if (rc != MATCH_OK) {
        const char *detail = match_model_errmsg(model);
        set_error(t, rc == MATCH_EINTERRUPTED ? "interrupted"
                     : detail[0] != '\0'      ? detail
                                              : match_strerror(rc));
        match_model_destroy(model);
        return;
    }
    snprintf(t->status, sizeof t->status, "%s", match_status_name(match_plan_status(plan)));
    tally(t, plan);
    t->message = dup_string(match_plan_message(plan));
    if (t->plan_blocked) {
        char note[1024];
        snprintf(note, sizeof note, "plan not written: %s is a scenario file", t->plan_path);
        add_note(t, note);
    } else if (match_plan_write_json(plan, t->plan_path) == MATCH_OK) {
        t->plan_written = true;
    } else {
        t->write_failed = true;
        fprintf(stderr, "match batch: %s\n", match_plan_errmsg(plan));
    }
    match_plan_destroy(plan);
    match_model_destroy(model);
}

static void *worker(void *arg)
{
    batch *b = arg;
    for (;;) {
        pthread_mutex_lock(&b->lock);
        size_t k = b->next++;
        pthread_mutex_unlock(&b->lock);
        if (k >= b->count)
            break;
        task *t = &b->tasks[k];
        run_task(b, t);
        pthread_mutex_lock(&b->lock);
        size_t done = ++b->done;
        if (!b->quiet) {
            fprintf(stderr, "[%zu/%zu] %s: %s", done, b->count, t->scenario, t->status);
            if (t->solved && !isnan(t->objective))
                fprintf(stderr, " %.6g", t->objective);
            if (t->message != NULL && t->message[0] != '\0')
                fprintf(stderr, ": %s", t->message);
            fputc('\n', stderr);
        }
        pthread_mutex_unlock(&b->lock);
    }
    return NULL;
}

/* ---- The table -------------------------------------------------------------------------- */

static const char *const columns =
    "scenario,name,status,objective,bound,gap,needs,met,coverage,met_p5,met_p4,met_p3,met_p2,"
    "met_p1,coverage_p5,coverage_p4,coverage_p3,coverage_p2,coverage_p1,hours,plan,message\n";

/* A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
static void put_field(FILE *f, const char *text, bool last)
{
    if (text == NULL)
        text = "";
    if (strpbrk(text, ",\"\n\r") == NULL) {
        fputs(text, f);
    } else {
        fputc('"', f);
        for (const char *p = text; *p != '\0'; ++p) {
            if (*p == '"')
                fputc('"', f);
            fputc(*p, f);
        }
        fputc('"', f);
    }
    fputc(last ? '\n' : ',', f);
}

static void put_real(FILE *f, double value)
{
    if (!isnan(value))
        fprintf(f, "%.6f", value);
    fputc(',', f);
}

static void put_row(FILE *f, const task *t)
{
    put_field(f, t->scenario, false);
    put_field(f, t->name, false);
    put_field(f, t->status, false);
    if (!t->solved) {
        /* objective .. hours: 17 empty fields */
        fputs(",,,,,,,,,,,,,,,,,", f);
    } else {
        put_real(f, t->objective);
        put_real(f, t->bound);
        /* The gap as `match solve` prints it. */
        if (!isnan(t->objective) && !isnan(t->bound)) {
            double scale = t->bound < 0.0 ? -t->bound : t->bound;
            double gap = (t->bound - t->objective) / (scale > 1e-9 ? scale : 1e-9);
            put_real(f, gap > 0.0 ? gap : 0.0);
        } else {
            fputc(',', f);
        }
        fprintf(f, "%zu,%zu,", t->needs, t->met);
        put_real(f, t->coverage);
        for (int p = 0; p < 5; ++p)
            fprintf(f, "%zu,", t->met_p[p]);
        for (int p = 0; p < 5; ++p)
            put_real(f, t->coverage_p[p]);
        fprintf(f, "%.10g,", t->hours);
    }
    put_field(f, t->plan_written ? t->plan_path : "", false);
    put_field(f, t->message, true);
}

/* Writes the table to a temporary file beside `path`, then renames it into place. */
static int write_table(const char *path, const batch *b)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 8);
    if (tmp == NULL)
        return EXIT_INTERNAL;
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".XXXXXX", 8);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f == NULL) {
        fprintf(stderr, "match batch: cannot write %s: %s\n", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        return EXIT_WRITE;
    }
    fputs(columns, f);
    for (size_t k = 0; k < b->count; ++k)
        put_row(f, &b->tasks[k]);
    bool ok = !ferror(f);
    ok = fclose(f) == 0 && ok;
    /* mkstemp() makes the file 0600; a table is as readable as any file the tool writes. */
    mode_t mask = umask(0);
    umask(mask);
    ok = ok && chmod(tmp, 0666 & ~mask) == 0;
    if (!ok || rename(tmp, path) != 0) {
        fprintf(stderr, "match batch: cannot write %s: %s\n", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return EXIT_WRITE;
    }
    free(tmp);
    return EXIT_OK;
}

/* ---- Arguments and the two ways to run ---------------------------------------------------- */

static void usage(FILE *out)
{
    fputs("Usage: match batch DIR_OR_LIST... -o RESULTS.csv [--jobs N] [--time-limit SEC]\n"
          "                   [--mip-gap G] [--solver auto|glpk|flow] [--scheduler ADDRESS]\n"
          "                   [--quiet]\n"
          "\n"
          "Solves many scenarios: a directory's *.json files (but *.plan.json), scenario\n"
          "files, or list files (one path per line, relative to the list). Each plan is\n"
          "written beside its scenario, NAME.json -> NAME.plan.json (never over an input),\n"
          "and RESULTS.csv gets one row per scenario in input order: status, objective,\n"
          "bound, gap, needs met and coverage by priority, hours, the plan file, message.\n"
          "\n"
          "  -o, --output FILE      the results table (CSV), replaced atomically\n"
          "  -j, --jobs N           solve N scenarios at a time on threads (default 1)\n"
          "  -t, --time-limit SEC   per scenario (0: no limit)\n"
          "  -g, --mip-gap G        accept plans within relative gap G of the bound\n"
          "  -s, --solver NAME      auto, glpk or flow, as for 'match solve'\n"
          "      --scheduler ADDR   run the batch on a Dask cluster (tcp://HOST:8786) through\n"
          "                         python3 -m libmatch.batch (docs/scale-out.md)\n"
          "  -q, --quiet            no line per scenario on standard error\n"
          "\n"
          "Exit status: 0 every scenario solved (optimal or feasible); 1 usage error;\n"
          "3 some scenario not solved (bad input, infeasible, time limit: see its row);\n"
          "5 internal error or interrupted; 6 the table or a plan could not be written.\n",
          out);
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("match batch: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'match batch --help'.\n", stderr);
    return EXIT_USAGE;
}

typedef struct batch_args {
    const char *output;
    const char *scheduler;
    const char *solver_name;
    const char *time_limit_text, *mip_gap_text;
    double jobs;
    bool jobs_given;
} batch_args;

/* Runs python3 -m libmatch.batch with the files; returns only when that cannot start. */
static int run_on_cluster(const batch_args *a, const batch *b, const strlist *files)
{
    const char *python = getenv("LIBMATCH_PYTHON");
    if (python == NULL || python[0] == '\0')
        python = LIBMATCH_PYTHON;
    size_t max = 16 + files->count;
    const char **argv = calloc(max, sizeof *argv);
    if (argv == NULL)
        return EXIT_INTERNAL;
    size_t n = 0;
    argv[n++] = python;
    argv[n++] = "-m";
    argv[n++] = "libmatch.batch";
    argv[n++] = "--scheduler";
    argv[n++] = a->scheduler;
    argv[n++] = "-o";
    argv[n++] = a->output;
    if (a->time_limit_text != NULL) {
        argv[n++] = "--time-limit";
        argv[n++] = a->time_limit_text;
    }
    if (a->mip_gap_text != NULL) {
        argv[n++] = "--mip-gap";
        argv[n++] = a->mip_gap_text;
    }
    if (a->solver_name != NULL) {
        argv[n++] = "--solver";
        argv[n++] = a->solver_name;
    }
    if (b->quiet)
        argv[n++] = "--quiet";
    argv[n++] = "--files";
    argv[n++] = "--";
    for (size_t k = 0; k < files->count; ++k)
        argv[n++] = files->items[k];
    argv[n] = NULL;
    fflush(NULL);
    execvp(python, (char *const *)argv);
    fprintf(stderr, "match batch: cannot run %s -m libmatch.batch: %s\n", python, strerror(errno));
    free(argv);
    return EXIT_INTERNAL;
}

static int run_here(batch *b, size_t jobs)
{
    if (jobs > b->count)
        jobs = b->count;
    pthread_t *threads = calloc(jobs, sizeof *threads);
    if (threads == NULL || pthread_mutex_init(&b->lock, NULL) != 0) {
        free(threads);
        fputs("match batch: cannot start the threads\n", stderr);
        return EXIT_INTERNAL;
    }
    struct sigaction action, previous;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous);
    size_t started = 0;
    for (; started < jobs; ++started)
        if (pthread_create(&threads[started], NULL, worker, b) != 0)
            break;
    if (started == 0) /* no thread at all: do the work here */
        worker(b);
    for (size_t k = 0; k < started; ++k)
        pthread_join(threads[k], NULL);
    sigaction(SIGINT, &previous, NULL);
    pthread_mutex_destroy(&b->lock);
    free(threads);
    return interrupted ? EXIT_INTERNAL : EXIT_OK;
}

static int parse(batch_args *a, batch *b, strlist *inputs, int argc, char **argv)
{
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {"time-limit", required_argument, NULL, 't'},
                                             {"mip-gap", required_argument, NULL, 'g'},
                                             {"solver", required_argument, NULL, 's'},
                                             {"scheduler", required_argument, NULL, OPT_SCHEDULER},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:j:t:g:s:qh", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o':
            a->output = optarg;
            break;
        case 'j':
            if (!lm_cli_parse_number(optarg, &a->jobs) || a->jobs != floor(a->jobs) ||
                a->jobs < 1 || a->jobs > 1024)
                return usage_error("--jobs wants a whole number 1..1024, not '%s'", optarg);
            a->jobs_given = true;
            break;
        case 't':
            if (!lm_cli_parse_number(optarg, &b->time_limit))
                return usage_error("--time-limit wants seconds >= 0, not '%s'", optarg);
            a->time_limit_text = optarg;
            break;
        case 'g':
            if (!lm_cli_parse_number(optarg, &b->mip_gap))
                return usage_error("--mip-gap wants a number >= 0, not '%s'", optarg);
            a->mip_gap_text = optarg;
            break;
        case 's':
            if (strcmp(optarg, "auto") == 0)
                b->solver = MATCH_SOLVER_AUTO;
            else if (strcmp(optarg, "glpk") == 0)
                b->solver = MATCH_SOLVER_GLPK;
            else if (strcmp(optarg, "flow") == 0)
                b->solver = MATCH_SOLVER_FLOW;
            else
                return usage_error("--solver wants auto, glpk or flow, not '%s'", optarg);
            a->solver_name = optarg;
            break;
        case OPT_SCHEDULER:
            a->scheduler = optarg;
            break;
        case 'q':
            b->quiet = true;
            break;
        case 'h':
            usage(stdout);
            return EXIT_OK;
        default:
            fputs("Try 'match batch --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return usage_error("%s", "give a directory, scenario files or a list of them");
    if (a->output == NULL)
        return usage_error("%s", "give the results table: -o RESULTS.csv");
    if (a->scheduler != NULL && a->jobs_given)
        return usage_error("%s", "--jobs runs threads here; --scheduler runs on a cluster: "
                                 "give one");
    for (int k = optind; k < argc; ++k) {
        int code = add_inputs(inputs, argv[k]);
        if (code != EXIT_OK)
            return code;
    }
    if (inputs->count == 0)
        return usage_error("%s", "no scenario files found");
    return -1;
}

int lm_batch_command(int argc, char **argv)
{
    batch_args a = {.jobs = 1};
    batch b = {.solver = MATCH_SOLVER_AUTO};
    strlist files = {0};
    int code = parse(&a, &b, &files, argc, argv);
    if (code >= 0) {
        list_free(&files);
        return code;
    }
    for (size_t k = 0; k < files.count && code < 0; ++k)
        if (strcmp(files.items[k], a.output) == 0)
            code = usage_error("-o %s is one of the scenario files", a.output);
    if (code >= 0) {
        list_free(&files);
        return code;
    }
    if (a.scheduler != NULL) {
        code = run_on_cluster(&a, &b, &files);
        list_free(&files);
        return code;
    }

    b.count = files.count;
    b.tasks = calloc(b.count, sizeof *b.tasks);
    code = b.tasks == NULL ? EXIT_INTERNAL : EXIT_OK;
    for (size_t k = 0; k < b.count && code == EXIT_OK; ++k) {
        task *t = &b.tasks[k];
        t->scenario = files.items[k];
        t->plan_path = plan_path_of(t->scenario);
        if (t->plan_path == NULL) {
            code = EXIT_INTERNAL;
            break;
        }
        for (size_t j = 0; j < files.count; ++j)
            if (strcmp(files.items[j], t->plan_path) == 0)
                t->plan_blocked = true;
    }
    if (code == EXIT_OK)
        code = run_here(&b, (size_t)a.jobs);
    else
        fputs("match batch: out of memory\n", stderr);
    if (code == EXIT_OK || code == EXIT_INTERNAL) {
        int written = write_table(a.output, &b);
        bool unsolved = false, plan_failed = false;
        for (size_t k = 0; k < b.count; ++k) {
            unsolved |= strcmp(b.tasks[k].status, "optimal") != 0 &&
                        strcmp(b.tasks[k].status, "feasible") != 0;
            plan_failed |= b.tasks[k].write_failed;
        }
        if (code == EXIT_OK)
            code = written != EXIT_OK ? written
                   : plan_failed      ? EXIT_WRITE
                   : unsolved         ? EXIT_UNSOLVED
                                      : EXIT_OK;
    }
    for (size_t k = 0; b.tasks != NULL && k < b.count; ++k) {
        free(b.tasks[k].plan_path);
        free(b.tasks[k].name);
        free(b.tasks[k].message);
    }
    free(b.tasks);
    list_free(&files);
    return code;
}
