/* `match diff BEFORE.json AFTER.json`: what changed between two plan files. */
#include "diff_command.h"
#include "output_check.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "exit_code.h"
#include "libmatch/libmatch.h"
#include "plan_file.h"

/* How many volunteer moves the text lists without --all; --json always has them all. */
#define MOVES_SHOWN 20

static int usage_error(const char *what)
{
    fprintf(stderr,
            "match: %s\nUsage: match diff BEFORE.json AFTER.json [--json] [--all] "
            "[-o FILE]\nTry 'match --help'.\n",
            what);
    return EXIT_USAGE;
}

/* ---- Text ------------------------------------------------------------------------------ */

static void print_number(FILE *out, double v)
{
    if (v != v) /* NaN: no plan */
        fputs("none", out);
    else
        fprintf(out, "%.6g", v);
}

static void print_objective(FILE *out, const match_diff *d)
{
    double before = match_diff_objective(d, MATCH_BEFORE);
    double after = match_diff_objective(d, MATCH_AFTER);
    fputs("objective: ", out);
    print_number(out, before);
    fputs(" -> ", out);
    print_number(out, after);
    if (before == before && after == after)
        fprintf(out, " (%+.6g)", after - before);
    fprintf(out, "; status %s -> %s\n", match_status_name(match_diff_status(d, MATCH_BEFORE)),
            match_status_name(match_diff_status(d, MATCH_AFTER)));
}

static void print_needs(FILE *out, const match_diff *d, match_change change, const char *title)
{
    size_t count = 0;
    for (size_t k = 0; k < match_diff_need_count(d); ++k)
        count += match_diff_need_change(d, k) == change;
    fprintf(out, "needs %s: %zu\n", title, count);
    for (size_t k = 0; k < match_diff_need_count(d); ++k) {
        if (match_diff_need_change(d, k) != change)
            continue;
        /* Street names come last: byte widths would misalign text that is not ASCII. */
        const char *street = match_diff_need_street(d, k);
        fprintf(out, "  %-12s P%d  coverage %.3g -> %.3g  %s%s%s\n", match_diff_need_id(d, k),
                match_diff_need_priority(d, k), match_diff_need_coverage(d, k, MATCH_BEFORE),
                match_diff_need_coverage(d, k, MATCH_AFTER), match_diff_need_category(d, k),
                street[0] != '\0' ? ", " : "", street);
    }
}

static void print_moves(FILE *out, const match_diff *d, bool all)
{
    size_t n = match_diff_move_count(d);
    fprintf(out, "volunteers moved: %zu (%zu changes of hours)\n", match_diff_volunteers_moved(d),
            n);
    size_t shown = all || n <= MOVES_SHOWN ? n : MOVES_SHOWN;
    for (size_t k = 0; k < shown; ++k)
        fprintf(out, "  %-12s %-12s hours %g -> %g\n", match_diff_move_volunteer(d, k),
                match_diff_move_need(d, k), match_diff_move_hours(d, k, MATCH_BEFORE),
                match_diff_move_hours(d, k, MATCH_AFTER));
    if (shown < n)
        fprintf(out, "  ... and %zu more (--all or --json lists them all)\n", n - shown);
}

static void print_groups(FILE *out, const match_diff *d, match_grouping by, const char *title)
{
    fprintf(out, "covered by %s (fully covered/needs before -> after, coverage sum; * changed):\n",
            title);
    for (size_t k = 0; k < match_diff_group_count(d, by); ++k) {
        const char *key = match_diff_group_key(d, by, k);
        size_t met_b = match_diff_group_met(d, by, k, MATCH_BEFORE);
        size_t met_a = match_diff_group_met(d, by, k, MATCH_AFTER);
        double cov_b = match_diff_group_coverage(d, by, k, MATCH_BEFORE);
        double cov_a = match_diff_group_coverage(d, by, k, MATCH_AFTER);
        bool changed = met_a != met_b || cov_a - cov_b > 1e-9 || cov_b - cov_a > 1e-9;
        /* The key comes last, for the same reason as street names above. */
        fprintf(out, "  %c %3zu/%-3zu -> %3zu/%-3zu  %7.2f -> %7.2f  %s%s\n", changed ? '*' : ' ',
                met_b, match_diff_group_needs(d, by, k, MATCH_BEFORE), met_a,
                match_diff_group_needs(d, by, k, MATCH_AFTER), cov_b, cov_a,
                by == MATCH_BY_PRIORITY ? "P" : "", key[0] != '\0' ? key : "(none)");
    }
}

static void print_text(FILE *out, const char *before, const char *after, const match_diff *d,
                       bool all)
{
    fprintf(out, "%s -> %s\n", before, after);
    print_objective(out, d);
    print_needs(out, d, MATCH_CHANGE_GAINED, "gained (now fully covered)");
    print_needs(out, d, MATCH_CHANGE_LOST, "lost (no longer fully covered)");
    print_needs(out, d, MATCH_CHANGE_RAISED, "raised (partly covered, more)");
    print_needs(out, d, MATCH_CHANGE_LOWERED, "lowered (partly covered, less)");
    print_moves(out, d, all);
    print_groups(out, d, MATCH_BY_PRIORITY, "priority");
    print_groups(out, d, MATCH_BY_STREET, "street");
    print_groups(out, d, MATCH_BY_CATEGORY, "category");
}

/* ---- The command ------------------------------------------------------------------------ */

static int write_output(const char *output, const char *before, const char *after,
                        const match_diff *d, bool json, bool all)
{
    FILE *out = output != NULL ? fopen(output, "w") : stdout;
    if (out == NULL) {
        perror(output);
        return EXIT_WRITE;
    }
    int code = EXIT_OK;
    if (json) {
        char *text = NULL;
        if (match_diff_to_json(&text, d) != MATCH_OK) {
            fputs("match: out of memory while writing the comparison\n", stderr);
            code = EXIT_INTERNAL;
        } else {
            fputs(text, out);
            match_free(text);
        }
    } else {
        print_text(out, before, after, d, all);
    }
    bool ok = output != NULL ? fclose(out) == 0 : fflush(out) == 0;
    if (!ok && code == EXIT_OK) {
        fprintf(stderr, "match: cannot write the comparison to %s\n",
                output != NULL ? output : "standard output");
        code = EXIT_WRITE;
    }
    return code;
}

int lm_diff_command(int argc, char **argv)
{
    static const struct option longopts[] = {{"json", no_argument, NULL, 'j'},
                                             {"all", no_argument, NULL, 'a'},
                                             {"output", required_argument, NULL, 'o'},
                                             {NULL, 0, NULL, 0}};
    bool json = false, all = false;
    const char *output = NULL;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        if (opt == 'j')
            json = true;
        else if (opt == 'a')
            all = true;
        else if (opt == 'o')
            output = optarg;
        else
            return usage_error("bad option for 'diff'");
    }
    if (argc - optind != 2)
        return usage_error("'diff' needs two plan files: BEFORE.json AFTER.json");
    const char *before_path = argv[optind], *after_path = argv[optind + 1];
    const match_input inputs[] = {{before_path, "the plan BEFORE"}, {after_path, "the plan AFTER"}};
    match_output_verdict verdict = match_output_check(output, inputs, 2);
    if (verdict != MATCH_OUTPUT_OK)
        return verdict == MATCH_OUTPUT_IS_INPUT ? EXIT_USAGE : EXIT_WRITE;
    int code = EXIT_OK;
    match_plan *before = lm_cli_read_plan(before_path, "", &code);
    match_plan *after = before != NULL ? lm_cli_read_plan(after_path, "", &code) : NULL;
    if (after != NULL) {
        match_diff *d = NULL;
        if (match_plan_diff(&d, before, after) != MATCH_OK) {
            fputs("match: out of memory while comparing the plans\n", stderr);
            code = EXIT_INTERNAL;
        } else {
            code = write_output(output, before_path, after_path, d, json, all);
        }
        match_diff_destroy(d);
    }
    match_plan_destroy(before);
    match_plan_destroy(after);
    return code;
}
