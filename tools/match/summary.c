/* The human summary of a solve. Only the public API is used: it is what users link. */
#include "summary.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* How many unmet needs the summary lists; the plan file has them all. */
#define TOP_UNMET 5

void lm_summary_sizes(FILE *out, const match_model *model)
{
    fprintf(out, "%zu communities, %zu units, %zu volunteers, %zu resources, %zu needs",
            match_model_count(model, MATCH_COMMUNITY), match_model_count(model, MATCH_UNIT),
            match_model_count(model, MATCH_VOLUNTEER), match_model_count(model, MATCH_RESOURCE),
            match_model_count(model, MATCH_NEED));
    size_t listed = match_model_pair_count(model);
    if (listed > 0)
        fprintf(out, ", %zu listed %s", listed, listed == 1 ? "pair" : "pairs");
}

static void print_objective(FILE *out, const match_plan *plan)
{
    double objective = match_plan_objective(plan);
    double bound = match_plan_bound(plan);
    if (isnan(objective)) {
        fprintf(out, "objective: none (no plan)\n");
        return;
    }
    fprintf(out, "objective: %.6g", objective);
    if (isnan(bound)) {
        fprintf(out, ", bound: none\n");
        return;
    }
    /* A bound a hair below the objective is rounding in the solver, not a negative gap.
     * (Plain arithmetic here: the tool does not link the maths library.) */
    double scale = bound < 0.0 ? -bound : bound;
    double gap = (bound - objective) / (scale > 1e-9 ? scale : 1e-9);
    /* A gap too small for two decimals is still not zero: say so rather than "0.00%". */
    double percent = gap > 0.0 ? 100.0 * gap : 0.0;
    if (percent > 0.0 && percent < 0.01)
        fprintf(out, ", bound: %.10g, gap: < 0.01%% (%.2g%%)\n", bound, percent);
    else
        fprintf(out, ", bound: %.6g, gap: %.2f%%\n", bound, percent);
}

/* The priority mode, and in lexicographic mode each level's value and bound. */
static void print_mode(FILE *out, const match_plan *plan)
{
    size_t levels = match_plan_level_count(plan);
    fprintf(out, "mode: %s%s\n", match_plan_objective_mode(plan),
            levels > 0 ? " (priority 5 first, then 4 ... 1, then costs; the objective above is "
                         "the weighted one, for comparison)"
                       : "");
    for (size_t k = 0; k < levels; ++k) {
        double value = match_plan_level_value(plan, k);
        double bound = match_plan_level_bound(plan, k);
        fprintf(out, "  %s: ", match_plan_level_name(plan, k));
        if (isnan(value))
            fprintf(out, "none");
        else
            fprintf(out, "%.6g", value);
        if (isnan(bound))
            fprintf(out, ", bound: none\n");
        else
            fprintf(out, ", bound: %.6g\n", bound);
    }
}

/* Re-planning: how much of the plan in force moved, and who moved (the most hours first). */
#define TOP_MOVED 8

typedef struct moved {
    size_t index;
    double hours;
} moved;

static int moved_compare(const void *a, const void *b)
{
    const moved *x = a, *y = b;
    if (x->hours != y->hours)
        return x->hours > y->hours ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void print_previous(FILE *out, const match_plan *plan)
{
    if (!match_plan_has_previous(plan))
        return;
    double previous = match_plan_previous_hours(plan), total = match_plan_moved_hours(plan);
    size_t ignored = match_plan_previous_ignored(plan);
    fprintf(out, "plan in force: %.6g volunteer-hours", previous);
    if (ignored > 0)
        fprintf(out, " (%zu entries name items no longer in the scenario: left out)", ignored);
    if (isnan(total)) {
        fprintf(out, "\n");
        return;
    }
    size_t n = match_plan_volunteer_count(plan), count = 0;
    moved *list = malloc((n > 0 ? n : 1) * sizeof *list);
    if (list == NULL) {
        fprintf(out, "; %.6g moved\n", total);
        return;
    }
    for (size_t v = 0; v < n; ++v) {
        double h = match_plan_volunteer_moved_hours(plan, v);
        if (h > 0)
            list[count++] = (moved){v, h};
    }
    qsort(list, count, sizeof *list, moved_compare);
    fprintf(out, "; %.6g moved, by %zu volunteer%s%s", total, count, count == 1 ? "" : "s",
            count > 0 ? ":" : "");
    for (size_t k = 0; k < count && k < TOP_MOVED; ++k)
        fprintf(out, "%s%s (%.6g h)", k > 0 ? ", " : " ",
                match_plan_volunteer_id(plan, list[k].index), list[k].hours);
    if (count > TOP_MOVED)
        fprintf(out, ", ... (%zu more)", count - TOP_MOVED);
    fprintf(out, "\n");
    free(list);
}

static void print_priorities(FILE *out, const match_plan *plan)
{
    size_t total[6] = {0}, full[6] = {0}, part[6] = {0};
    size_t n = match_plan_need_count(plan);
    for (size_t i = 0; i < n; ++i) {
        int p = match_plan_need_priority(plan, i);
        if (p < 1 || p > 5)
            continue;
        double c = match_plan_need_coverage(plan, i);
        total[p]++;
        if (c >= 1.0)
            full[p]++;
        else if (c > 0.0)
            part[p]++;
    }
    fprintf(out, "needs covered:");
    const char *sep = " ";
    for (int p = 5; p >= 1; --p) {
        if (total[p] == 0)
            continue;
        fprintf(out, "%spriority %d: %zu/%zu covered, %zu partly", sep, p, full[p], total[p],
                part[p]);
        sep = "; ";
    }
    fprintf(out, "%s\n", n == 0 ? " none (no needs)" : "");
}

static void print_obligations(FILE *out, const match_plan *plan)
{
    size_t n = match_plan_volunteer_count(plan), serving = 0, below = 0;
    double short_hours = 0.0;
    for (size_t v = 0; v < n; ++v) {
        if (match_plan_volunteer_hours(plan, v) > 0.0)
            serving++;
        double s = match_plan_volunteer_shortfall(plan, v);
        if (s > 0.0) {
            below++;
            short_hours += s;
        }
    }
    fprintf(out, "volunteers: %zu of %zu serve, %zu below their minimum hours (%.6g hours short)\n",
            serving, n, below, short_hours);

    size_t m = match_plan_unit_count(plan), joined = 0, units_below = 0;
    long short_projects = 0;
    for (size_t u = 0; u < m; ++u) {
        if (match_plan_unit_projects(plan, u) > 0)
            joined++;
        int s = match_plan_unit_shortfall(plan, u);
        if (s > 0) {
            units_below++;
            short_projects += s;
        }
    }
    fprintf(out, "units: %zu of %zu take part, %zu below their minimum projects (%ld short)\n",
            joined, m, units_below, short_projects);
}

typedef struct unmet {
    size_t index;
    int priority;
    double coverage;
} unmet;

/* Most urgent first: higher priority, then lower coverage, then model order. */
static int unmet_compare(const void *a, const void *b)
{
    const unmet *x = a, *y = b;
    if (x->priority != y->priority)
        return x->priority > y->priority ? -1 : 1;
    if (x->coverage != y->coverage)
        return x->coverage < y->coverage ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Without a plan every need is unmet for the same reason; only the needs whose reason also
 * names a limit of their own (after "; ") tell the user what to fix. */
static bool worth_listing(const match_plan *plan, size_t i, bool has_plan)
{
    if (has_plan)
        return true;
    const char *reason = match_plan_need_unmet_reason(plan, i);
    return reason != NULL && strstr(reason, "; ") != NULL;
}

static void print_unmet(FILE *out, const match_plan *plan)
{
    bool has_plan = !isnan(match_plan_objective(plan));
    size_t n = match_plan_need_count(plan), count = 0;
    unmet *list = malloc((n > 0 ? n : 1) * sizeof *list);
    if (list == NULL) {
        fprintf(out, "unmet needs: (not listed: out of memory)\n");
        return;
    }
    for (size_t i = 0; i < n; ++i) {
        double c = match_plan_need_coverage(plan, i);
        if (c < 1.0 && worth_listing(plan, i, has_plan))
            list[count++] = (unmet){i, match_plan_need_priority(plan, i), c};
    }
    qsort(list, count, sizeof *list, unmet_compare);
    const char *what = has_plan ? "unmet needs" : "needs with a limit of their own";
    if (count == 0)
        fprintf(out, "%s: none\n", what);
    else if (count > TOP_UNMET)
        fprintf(out, "%s (top %d of %zu):\n", what, TOP_UNMET, count);
    else
        fprintf(out, "%s (%zu):\n", what, count);
    for (size_t k = 0; k < count && k < TOP_UNMET; ++k) {
        const char *reason = match_plan_need_unmet_reason(plan, list[k].index);
        const char *title = match_plan_need_name(plan, list[k].index);
        fprintf(out, "  %s%s%s%s (priority %d, coverage %.2f): %s\n",
                match_plan_need_id(plan, list[k].index), title != NULL ? " \"" : "",
                title != NULL ? title : "", title != NULL ? "\"" : "", list[k].priority,
                list[k].coverage, reason != NULL ? reason : "");
    }
    free(list);
}

void lm_summary_print(FILE *out, const char *path, const match_model *model, const match_plan *plan)
{
    const char *name = match_model_name(model);
    fprintf(out, "scenario: %s (%s)\n  ", name[0] != '\0' ? name : "unnamed", path);
    lm_summary_sizes(out, model);
    fprintf(out, "; %zu eligible pairs\n", match_plan_pair_count(plan));

    match_status status = match_plan_status(plan);
    const char *message = match_plan_message(plan);
    fprintf(out, "status: %s%s%s\n", match_status_name(status), message[0] ? ": " : "", message);
    print_objective(out, plan);
    print_mode(out, plan);
    print_priorities(out, plan);
    print_previous(out, plan);
    print_obligations(out, plan);
    print_unmet(out, plan);
    fprintf(out, "solve time: %.3f s\n", match_plan_solve_seconds(plan));
}
