/* The storage of an evaluation (include/libmatch/evaluate.h), shared by the rule checks
 * (plan_evaluate.c) and the indicators (evaluate_indicators.c). */
#ifndef LM_EVALUATE_INTERNAL_H
#define LM_EVALUATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "libmatch/evaluate.h"
#include "plan_internal.h"
#include "../solution/evaluate.h"

typedef struct lm_violation {
    match_rule rule;
    char *item;
    char *need; /* NULL when about one item */
    double have, limit;
    char *text;
} lm_violation;

struct match_evaluation {
    lm_violation *violations;
    size_t n_violations, cap_violations;
    bool valid;
    double objective;
    double stated_objective;
    double terms[MATCH_TERM_COUNT];
    json_t *doc;      /* the whole evaluation, libmatch-evaluation-1 */
    json_t *headline; /* borrowed from doc */
};

/*
 * Adds the indicators of docs/evaluate.md to ev->doc (which holds the validity, violations
 * and objective already) and sets ev->headline. rec is the plan the builder made from the
 * evaluated plan's assignment and stated coverage; t the tally it was made from.
 * Returns MATCH_OK or MATCH_ENOMEM.
 */
int lm_evaluation_indicators(match_evaluation *ev, const match_plan *rec, const lm_plan_tally *t);

#endif
