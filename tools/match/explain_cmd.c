/*
 * `match explain`: the plan file says what was decided and why each unmet need is unmet;
 * the scenario gives the model, from which the bottlenecks are computed (they do not depend
 * on which optimal plan was chosen). The plan file is checked to belong to the scenario.
 */
#include "explain_cmd.h"

#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

enum { EXIT_OK = 0, EXIT_BAD_INPUT = 2, EXIT_INTERNAL = 5 };

static bool scenario_has_need(const match_model *model, const char *id)
{
    size_t n = match_model_count(model, MATCH_NEED);
    for (size_t i = 0; i < n; ++i)
        if (strcmp(match_model_item_id(model, MATCH_NEED, i), id) == 0)
            return true;
    return false;
}

/* The plan's header and unmet needs. Returns EXIT_OK or EXIT_BAD_INPUT. */
static int print_plan(FILE *out, const char *path, const match_model *model)
{
    json_error_t err;
    json_t *plan = json_load_file(path, 0, &err);
    if (plan == NULL) {
        fprintf(stderr, "match: %s:%d: %s\n", path, err.line, err.text);
        return EXIT_BAD_INPUT;
    }
    const char *format = json_string_value(json_object_get(plan, "format"));
    json_t *needs = json_object_get(plan, "needs");
    if (format == NULL || strcmp(format, "libmatch-plan-1") != 0 || !json_is_array(needs)) {
        fprintf(stderr, "match: %s: not a libmatch-plan-1 file\n", path);
        json_decref(plan);
        return EXIT_BAD_INPUT;
    }
    const char *status = json_string_value(json_object_get(plan, "status"));
    json_t *objective = json_object_get(plan, "objective");
    fprintf(out, "plan: %s, status %s", path, status ? status : "?");
    if (json_is_number(objective))
        fprintf(out, ", objective %.6g", json_number_value(objective));
    fputc('\n', out);

    size_t k, unmet = 0;
    json_t *need;
    json_array_foreach(needs, k, need)
    {
        const char *id = json_string_value(json_object_get(need, "id"));
        if (id == NULL || !scenario_has_need(model, id)) {
            fprintf(stderr,
                    "match: %s: need \"%s\" is not in the scenario: the plan was made "
                    "from another scenario\n",
                    path, id ? id : "?");
            json_decref(plan);
            return EXIT_BAD_INPUT;
        }
        if (json_is_string(json_object_get(need, "unmet_reason")))
            unmet++;
    }
    fprintf(out, "unmet needs (%zu):\n", unmet);
    json_array_foreach(needs, k, need)
    {
        const char *why = json_string_value(json_object_get(need, "unmet_reason"));
        if (why != NULL)
            fprintf(out, "  %s (coverage %.2f): %s\n",
                    json_string_value(json_object_get(need, "id")),
                    json_number_value(json_object_get(need, "coverage")), why);
    }
    json_decref(plan);
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
