/* `match evaluate` and `match report`: judge a plan against its scenario, as text, JSON or
 * a self-contained HTML report (docs/evaluate.md, docs/report.md). */
#ifndef MATCH_TOOL_EVALUATE_CMD_H
#define MATCH_TOOL_EVALUATE_CMD_H

#include <jansson.h>

#include "libmatch/libmatch.h"

/* The exit statuses of both commands: those of exit_code.h. */
#include "exit_code.h"
enum {
    EVAL_VALID = EXIT_OK,
    EVAL_USAGE = EXIT_USAGE,
    EVAL_BAD_INPUT = EXIT_BAD_INPUT,
    EVAL_INTERNAL = EXIT_INTERNAL,
    EVAL_WRITE = EXIT_WRITE,
    EVAL_INVALID = EXIT_PLAN_INVALID
};

/*
 * Runs `match evaluate SCENARIO PLAN [--json] [--optimum] [--time-limit SEC] [--lang zh|en]`;
 * argv[0] is "evaluate". Returns 0 (valid), 8 (the plan breaks a hard rule; the violations
 * are listed), 1 (usage), 2 (a file cannot be read), 5 (internal or solver error).
 */
int lm_evaluate_command(int argc, char **argv);

/*
 * Runs `match report SCENARIO PLAN -o REPORT.html [--lang zh|en] [--previous PLAN]`;
 * argv[0] is "report". Returns as lm_evaluate_command() (7 when the plan is invalid: the
 * report is still written, with the violations), and 6 when the report cannot be written.
 */
int lm_report_command(int argc, char **argv);

/* Shared by both: reads the scenario and the plan and evaluates it. Returns an exit status;
 * on EVAL_VALID the three out-params are set and owned by the caller. */
int lm_eval_load(const char *scenario, const char *plan_path, match_model **model,
                 match_plan **plan, json_t **doc);

/* "zh" when the scenario's names hold Chinese characters (its name, communities, streets),
 * else "en"; the evaluation document holds those names. */
const char *lm_eval_default_lang(const json_t *doc);

/* Solves the model and adds "optimum" to doc: libmatch's best plan's status, objective and
 * bound, and the gaps of the evaluated plan to them. Returns an exit status. */
int lm_eval_add_optimum(json_t *doc, match_model *model, double time_limit);

#endif
