/*
 * libmatch: judging a plan against a scenario (docs/evaluate.md).
 *
 * match_plan_evaluate() takes any plan (one match_model_solve() made, or one read from a
 * file another tool or a person wrote, match_plan_read_json()) and checks it against every
 * hard rule of docs/model.md. Each violation names its rule, the item, the need where one is
 * concerned, what the plan has and the rule's limit, with a sentence (`V0007 gives 30 h,
 * offers 24 h`). The objective is recomputed term by term by the code that builds libmatch's
 * own plans, from the plan's assignment and the coverage it states, and the indicators of
 * docs/evaluate.md (coverage by priority, street, community and category; hours; distance
 * per volunteer-hour; obligations met; fairness; service points) are counted.
 *
 * An evaluation is self-contained: it stays valid after its model and plan are freed. One
 * evaluation must not be used by two threads at once.
 */
#ifndef LIBMATCH_EVALUATE_H
#define LIBMATCH_EVALUATE_H

#include "common.h"
#include "model.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque evaluation. Free with match_evaluation_destroy(). */
typedef struct match_evaluation match_evaluation;

/** What a violation breaks. The rule numbers are docs/model.md's "What a plan must satisfy". */
typedef enum match_rule {
    MATCH_RULE_VOLUNTEER_HOURS = 0,       /**< 1: a volunteer gives more hours than it offers */
    MATCH_RULE_NEED_HOURS = 1,            /**< 1: a need receives more hours than it asks for */
    MATCH_RULE_RESOURCE_AMOUNT = 2,       /**< 1: a resource gives more than its amount */
    MATCH_RULE_NEED_RESOURCE = 3,         /**< 1: a need gets more of a type than it asks for */
    MATCH_RULE_WHOLE = 4,                 /**< 1: hours or amounts that are not whole numbers */
    MATCH_RULE_COVERAGE_HOURS = 5,        /**< 2: coverage above the share of hours received */
    MATCH_RULE_COVERAGE_RESOURCE = 6,     /**< 2: coverage above the share of a type received */
    MATCH_RULE_CARRIED_OUT = 7,           /**< 2: hours beyond the share carried out, sum x > c h */
    MATCH_RULE_ALL_OR_NOTHING = 8,        /**< 3: an all-or-nothing (or team) need partly covered */
    MATCH_RULE_TEAM = 9,                  /**< 3: a covered need with fewer than min_volunteers */
    MATCH_RULE_MAX_VOLUNTEERS = 10,       /**< 3: a need with more than max_volunteers */
    MATCH_RULE_REQUIRED = 11,             /**< 4: a required need not fully covered */
    MATCH_RULE_FIXED = 12,                /**< 5: a fixed pair given fewer than its hours */
    MATCH_RULE_FORBIDDEN = 13,            /**< 5: a forbidden pair given hours */
    MATCH_RULE_LISTED = 14,               /**< 6: a listed pair given other than its listed hours */
    MATCH_RULE_ELIGIBILITY = 15,          /**< who may serve what: a volunteer not eligible */
    MATCH_RULE_RESOURCE_ELIGIBILITY = 16, /**< who may serve what: a resource not eligible */
    MATCH_RULE_ITEMS = 17,  /**< an id the scenario lacks, an item listed twice or missing */
    MATCH_RULE_FIGURES = 18 /**< not a rule: a figure the plan states disagrees with its own
                             *   assignment (totals, shortfalls, projects, objective) */
} match_rule;

/** The number of match_rule values. */
#define MATCH_RULE_COUNT 19

/** The rule's code as files and bindings write it: "volunteer_hours", ... Static. */
MATCH_API const char *match_rule_name(match_rule rule);

/** The rule's number in docs/model.md (1..6), or 0 for eligibility, items and figures. */
MATCH_API int match_rule_number(match_rule rule);

/** 1 for the rules a valid plan must meet (all but MATCH_RULE_FIGURES), else 0. */
MATCH_API int match_rule_is_hard(match_rule rule);

/**
 * Evaluates @p plan against @p model. The plan's status does not matter: a plan without an
 * assignment (infeasible, time limit) is judged as the empty assignment it lists.
 * @param out receives the evaluation; free it with match_evaluation_destroy().
 * @return MATCH_OK (whether the plan is valid or not: see match_evaluation_valid()),
 *         MATCH_EINVAL for a NULL argument, MATCH_ENOMEM.
 */
MATCH_API int match_plan_evaluate(match_evaluation **out, const match_model *model,
                                  const match_plan *plan);

/** Frees an evaluation. NULL is accepted and does nothing. */
MATCH_API void match_evaluation_destroy(match_evaluation *ev);

/** 1 when the plan breaks no hard rule (figures that disagree do not count), else 0. */
MATCH_API int match_evaluation_valid(const match_evaluation *ev);

/** Violations (and figure notes), in the order: items, pairs, volunteers, resources, needs. */
MATCH_API size_t match_evaluation_violation_count(const match_evaluation *ev);
/** The rule violation k breaks; MATCH_RULE_FIGURES out of range. */
MATCH_API match_rule match_evaluation_violation_rule(const match_evaluation *ev, size_t k);
/** The item: a volunteer, need, resource or unit id ("objective" for that figure). */
MATCH_API const char *match_evaluation_violation_item(const match_evaluation *ev, size_t k);
/** The need of a volunteer-need or resource-need pair (the item is then the volunteer or the
 *  resource); NULL when the violation is about one item only (a need's own rules name the
 *  need as the item). */
MATCH_API const char *match_evaluation_violation_need(const match_evaluation *ev, size_t k);
/** What the plan has (hours, amount, coverage, volunteers, km); NaN where nothing compares. */
MATCH_API double match_evaluation_violation_have(const match_evaluation *ev, size_t k);
/** The rule's limit for it (the most or the least allowed); NaN where nothing compares. */
MATCH_API double match_evaluation_violation_limit(const match_evaluation *ev, size_t k);
/** The violation in English words, e.g. "V0007 gives 30 h, offers 24 h". Owned by ev. */
MATCH_API const char *match_evaluation_violation_text(const match_evaluation *ev, size_t k);

/** The terms of the objective (docs/model.md), each with its sign in the objective. */
typedef enum match_term {
    MATCH_TERM_COVERAGE = 0,            /**< sum weight[priority] * coverage */
    MATCH_TERM_LISTED = 1,              /**< values of chosen listed pairs */
    MATCH_TERM_DISTANCE = 2,            /**< - distance_cost * km * hours */
    MATCH_TERM_VOLUNTEER_SHORTFALL = 3, /**< - volunteer_shortfall_penalty * shortfall hours */
    MATCH_TERM_UNIT_SHORTFALL = 4,      /**< - unit_shortfall_penalty * shortfall projects */
    MATCH_TERM_CHANGE = 5               /**< - change_penalty * hours moved */
} match_term;

/** The number of match_term values. */
#define MATCH_TERM_COUNT 6

/** The term's name: "coverage", "listed", "distance", ... Static; NULL out of range. */
MATCH_API const char *match_term_name(match_term term);

/** The objective recomputed from the plan: the sum of the terms. NaN for a NULL ev. */
MATCH_API double match_evaluation_objective(const match_evaluation *ev);
/** The objective the plan states (match_plan_objective()); NaN when it states none. */
MATCH_API double match_evaluation_stated_objective(const match_evaluation *ev);
/** One term's contribution to the recomputed objective; NaN out of range. */
MATCH_API double match_evaluation_term(const match_evaluation *ev, match_term term);

/**
 * A headline indicator by name (docs/evaluate.md lists them), e.g. "coverage_mean",
 * "needs_covered", "hours_given", "distance_p90_km", "gini_hours", "members_meeting",
 * "units_meeting", "points_total". NaN for an unknown name or one without a value (a
 * median of 0 hours gives no max/median).
 */
MATCH_API double match_evaluation_indicator(const match_evaluation *ev, const char *name);

/**
 * The whole evaluation as JSON ("libmatch-evaluation-1", docs/evaluate.md): validity,
 * violations, objective terms, and every indicator, with tables by priority, street,
 * community and category, and per volunteer and unit.
 * @param out receives a NUL-terminated string the caller frees with match_free() (io.h).
 * @return MATCH_OK, MATCH_EINVAL, MATCH_ENOMEM.
 */
MATCH_API int match_evaluation_to_json(const match_evaluation *ev, char **out);

#ifdef __cplusplus
}
#endif

#endif
