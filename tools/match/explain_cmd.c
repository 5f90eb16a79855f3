/*
 * `match explain`: the plan file says what was decided and why each unmet need is unmet;
 * the scenario gives the model, from which the bottlenecks are computed (they do not depend
 * on which optimal plan was chosen). The plan file is checked to belong to the scenario.
 */
#include "explain_cmd.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "exit_code.h"
#include "plan_file.h"

static bool scenario_has_need(const match_model *model, const char *id)
{
    size_t n = match_model_count(model, MATCH_NEED);
    for (size_t i = 0; i < n; ++i)
        if (strcmp(match_model_item_id(model, MATCH_NEED, i), id) == 0)
            return true;
    return false;
}

/* The plan's header and unmet needs. Returns EXIT_OK, EXIT_BAD_INPUT or EXIT_INTERNAL. */
static int print_plan(FILE *out, const char *path, const match_model *model)
{
    int code = EXIT_OK;
    match_plan *plan = lm_cli_read_plan(path, "", &code);
    if (plan == NULL)
        return code;
    double objective = match_plan_objective(plan);
    fprintf(out, "plan: %s, status %s", path, match_status_name(match_plan_status(plan)));
    if (!isnan(objective))
        fprintf(out, ", objective %.6g", objective);
    fputc('\n', out);

    size_t n = match_plan_need_count(plan), unmet = 0;
    for (size_t i = 0; i < n; ++i) {
        const char *id = match_plan_need_id(plan, i);
        if (!scenario_has_need(model, id)) {
            fprintf(stderr,
                    "match: %s: need \"%s\" is not in the scenario: the plan was made "
                    "from another scenario\n",
                    path, id);
            match_plan_destroy(plan);
            return EXIT_BAD_INPUT;
        }
        if (match_plan_need_unmet_reason(plan, i) != NULL)
            unmet++;
    }
    fprintf(out, "unmet needs (%zu):\n", unmet);
    for (size_t i = 0; i < n; ++i) {
        const char *why = match_plan_need_unmet_reason(plan, i);
        if (why != NULL)
            fprintf(out, "  %s (coverage %.2f): %s\n", match_plan_need_id(plan, i),
                    match_plan_need_coverage(plan, i), why);
    }
    match_plan_destroy(plan);
    return EXIT_OK;
}

/* "teaching at C03 (新华路街道)": what a row adds, where. */
static void print_row(FILE *out, const match_bottlenecks *b, match_bottleneck_view view, size_t k)
{
    const char *skill = match_bottleneck_skill(b, view, k);
    const char *type = match_bottleneck_type(b, view, k);
    const char *street = match_bottleneck_street(b, view, k);
    const char *serves = match_bottleneck_serves(b, view, k);
    const char *gains = match_bottleneck_gains(b, view, k);
    fprintf(out, "    %-10.6g ", match_bottleneck_value(b, view, k));
    if (type != NULL)
        fprintf(out, "1 %s", type);
    else
        fprintf(out, "1 hour, %s", skill != NULL ? skill : "no skill");
    fprintf(out, " at %s", match_bottleneck_community(b, view, k));
    if (street != NULL)
        fprintf(out, " (%s)", street);
    if (serves != NULL) {
        fprintf(out, ": serves %s", serves);
        if (gains == NULL)
            fputs(", saving elsewhere", out);
        else if (strcmp(gains, serves) != 0)
            fprintf(out, ", so that %s gains", gains);
    }
    fputc('\n', out);
}

static void print_view(FILE *out, const match_bottlenecks *b, match_bottleneck_view view,
                       const char *title, size_t top)
{
    size_t n = match_bottlenecks_count(b, view), shown = 0;
    fprintf(out, "  %s:\n", title);
    for (size_t k = 0; k < n && shown < top; ++k) {
        if (!(match_bottleneck_value(b, view, k) > 0))
            break; /* sorted: the rest are worth nothing */
        print_row(out, b, view, k);
        shown++;
    }
    if (shown == 0)
        fputs("    (none: one more would not raise the objective)\n", out);
}

int lm_explain_print(FILE *out, const char *plan_path, const char *scenario_path,
                     match_model *model, size_t top)
{
    int code = print_plan(out, plan_path, model);
    if (code != EXIT_OK)
        return code;
    match_bottlenecks *b = NULL;
    int rc = match_model_bottlenecks(&b, model);
    if (rc != MATCH_OK) {
        fprintf(stderr, "match: %s: %s\n", scenario_path, match_model_errmsg(model));
        return EXIT_INTERNAL;
    }
    fprintf(out, "\nbottlenecks of %s: what one more unit adds to the objective (%s)\n",
            scenario_path,
            match_bottlenecks_exact(b) ? "exact" : "from the flow relaxation, an estimate");
    if (match_bottlenecks_status(b) != MATCH_STATUS_OPTIMAL) {
        fputs("  none: the scenario has no plan\n", out);
    } else {
        print_view(out, b, MATCH_BOTTLENECK_SKILLS, "volunteer-hour by skill", top);
        print_view(out, b, MATCH_BOTTLENECK_COMMUNITIES, "volunteer-hour by community", top);
        print_view(out, b, MATCH_BOTTLENECK_STREETS, "volunteer-hour by street", top);
        print_view(out, b, MATCH_BOTTLENECK_TYPES, "resource unit by type", top);
    }
    match_bottlenecks_destroy(b);
    return EXIT_OK;
}
