/* The plan's storage: a self-contained copy of everything the plan file shows. */
#ifndef LM_PLAN_INTERNAL_H
#define LM_PLAN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "libmatch/plan.h"
#include "../common/util.h"
#include "../solution/solution.h"

typedef struct lm_plan_share {
    char *id;
    double amount; /* hours for a volunteer, amount for a resource */
} lm_plan_share;

/* A busy volunteer or resource named by a reason, and the need it serves instead. */
typedef struct lm_reason_example {
    char *item;
    char *need;
    char *item_name; /* the item's and need's names, for the text; NULL when unnamed */
    char *need_name;
    double value_there; /* per hour (unit) at that need */
    double value_here;  /* per hour (unit) at the need explained */
} lm_reason_example;

#define LM_REASON_EXAMPLES 3
#define LM_REASON_FILTERS 6 /* match_filter values */

/* One reason a need is not fully covered (include/libmatch/explain.h). */
typedef struct lm_reason {
    int code;   /* match_reason_code */
    char *text; /* the clause, as in unmet_reason */
    char *type; /* resource type, or NULL */
    size_t filtered[LM_REASON_FILTERS];
    double have, want; /* NaN where the code compares nothing */
    lm_reason_example examples[LM_REASON_EXAMPLES];
    size_t n_examples;
} lm_reason;

/* Frees what a reason owns (not the reason itself). */
void lm_reason_clear(lm_reason *r);

typedef struct lm_plan_need {
    char *id;
    char *name;      /* the need's title; NULL when it has none */
    int priority;    /* 1..5; 0 when a plan file read back did not say */
    char *category;  /* NULL when a plan file read back did not say */
    char *community; /* id; NULL likewise */
    char *street;    /* the community's street; NULL when it has none */
    double coverage;
    double hours;
    char *unmet_reason; /* NULL when fully covered */
    lm_reason *reasons; /* the clauses of unmet_reason, one by one */
    size_t n_reasons;
    lm_plan_share *volunteers;
    size_t n_volunteers;
    lm_plan_share *resources;
    size_t n_resources;
} lm_plan_need;

typedef struct lm_plan_volunteer {
    char *id;
    char *name; /* NULL when the volunteer has none */
    double hours;
    double shortfall;
    double moved_hours; /* hours moved away from the plan in force; NaN without one */
} lm_plan_volunteer;

typedef struct lm_plan_unit {
    char *id;
    char *name; /* NULL when the unit has none */
    int projects;
    int shortfall;
} lm_plan_unit;

struct match_plan {
    match_status status;
    char *message; /* never NULL */
    double objective;
    double bound;
    double solve_seconds;
    double phase_seconds[MATCH_PHASE_PLAN + 1]; /* indexed by match_phase */
    size_t pair_count;
    lm_plan_need *needs;
    size_t n_needs;
    lm_plan_volunteer *volunteers;
    size_t n_volunteers;
    lm_plan_unit *units;
    size_t n_units;
    /* Stable re-planning: set when the model held a plan in force. */
    bool has_previous;
    double previous_hours; /* the hours it gives, on volunteers and needs that still exist */
    double moved_hours;    /* of those, the hours this plan moves away; NaN without a plan */
    size_t previous_ignored;
    /* Lexicographic mode (policy "objective"): each level's value and proven bound, levels
     * numbered as in solve/backend.h. */
    bool lexicographic;
    double level_value[LM_LEVELS];
    double level_bound[LM_LEVELS];
    match_error_detail error; /* the last failure (match_plan_error()); about no item */
};

/* Sets the plan's error (code and message, about no item) and returns code. */
int lm_plan_fail(match_plan *plan, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Clears the plan's error after a successful call that reports one (code MATCH_OK). */
void lm_plan_error_clear(match_plan *plan);

struct lm_plan_tally;

/* Fills the moved hours of the plan and of its volunteers from the tally (plan_change.c).
 * The volunteers must be built. */
void lm_plan_fill_change(match_plan *plan, const struct lm_plan_tally *t);

/* Fills the levels of a lexicographic plan from its needs and objective (plan_levels.c). */
void lm_plan_fill_levels(match_plan *plan, const struct lm_plan_tally *t);

/*
 * Makes the plan from a backend's solution: coverage is the largest value the assignment
 * allows (docs/model.md rules 2 and 3), projects and shortfalls are counted from it, the
 * objective is recomputed from the plan's own numbers, and every need not fully covered
 * gets a reason. sol may hold no plan (infeasible, time limit): every item is then listed
 * with nothing assigned. Returns MATCH_OK or MATCH_ENOMEM.
 */
int lm_plan_build(match_plan **out, const lm_instance *inst, const lm_solution *sol);

/* lm_plan_build() on a tally that is already built: the plan takes each need's coverage
 * from t->coverage, which a caller may have set (match_plan_evaluate() puts there the
 * coverage a plan file states). reasons: whether needs not fully covered get reasons. */
int lm_plan_build_tallied(match_plan **out, const struct lm_plan_tally *t, bool reasons);

/* Why need i is not fully covered under this solution (malloc'ed; NULL on no memory). */
char *lm_unmet_reason(const lm_instance *inst, const lm_solution *sol, size_t need);

/* The reasons of need i one by one, and their texts joined (what lm_unmet_reason gives).
 * Returns MATCH_OK or MATCH_ENOMEM (nothing then to free). */
int lm_unmet_reasons(const lm_instance *inst, const lm_solution *sol, size_t need, char **text,
                     lm_reason **reasons, size_t *n_reasons);

/* lm_unmet_reason() on a tally that is already built (malloc'ed; NULL on no memory). */
char *lm_unmet_reason_tallied(const struct lm_plan_tally *t, size_t need);

/* lm_unmet_reasons() on a tally that is already built. */
int lm_unmet_reasons_tallied(const struct lm_plan_tally *t, size_t need, char **text,
                             lm_reason **reasons, size_t *n_reasons);

#endif
