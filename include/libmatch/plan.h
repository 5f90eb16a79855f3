/*
 * libmatch: reading a plan (the project list) back.
 *
 * A plan is made by match_model_solve() and is self-contained: it copies every id it
 * mentions, so it stays valid after its model is freed. Every need, volunteer and unit of
 * the model appears in the plan exactly once, in the model's order, matched or not.
 *
 * Indexes are 0-based. An index out of range gives NULL for strings, 0 for counts and NaN
 * for numbers; a NULL plan behaves as an empty one.
 */
#ifndef LIBMATCH_PLAN_H
#define LIBMATCH_PLAN_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque plan. Free with match_plan_destroy(). */
typedef struct match_plan match_plan;

/**
 * What the solver established: the *solution status* of a plan. It is apart from the *call
 * status* (the int a call returns, common.h): a solve that fails returns an error code and
 * no plan, so a plan from match_model_solve() always has one of the first four values.
 */
typedef enum match_status {
    MATCH_STATUS_OPTIMAL = 0,    /**< proven best (within the mip_gap option, if set) */
    MATCH_STATUS_FEASIBLE = 1,   /**< a valid plan, stopped before optimality was proven */
    MATCH_STATUS_INFEASIBLE = 2, /**< no plan meets the required needs and fixed pairs */
    MATCH_STATUS_TIME_LIMIT = 3, /**< time ran out before any valid plan was found */
    MATCH_STATUS_UNKNOWN = 4,    /**< no solve outcome: what a NULL plan gives, or a plan file
                                      whose status says "error"; no solve returns it */
    /** the interrupt callback stopped the solve: the plan is the best found so far (maybe
     * none), its bound the best proven */
    MATCH_STATUS_INTERRUPTED = 5
} match_status;

/** Deprecated name of MATCH_STATUS_UNKNOWN (to be removed in the next release). */
#define MATCH_STATUS_ERROR MATCH_STATUS_UNKNOWN

/** Frees a plan. NULL is accepted and does nothing. */
MATCH_API void match_plan_destroy(match_plan *plan);

/** The status, as a match_status. */
MATCH_API match_status match_plan_status(const match_plan *plan);

/** The status as the plan file writes it: "optimal", "feasible", "infeasible", ... Static. */
MATCH_API const char *match_status_name(match_status status);

/**
 * A sentence on the outcome; for an infeasible plan it names the required needs (and fixed
 * pairs) that cannot be met. "" when there is nothing to add. Owned by the plan.
 */
MATCH_API const char *match_plan_message(const match_plan *plan);

/** The objective of docs/model.md computed from the plan's own numbers; NaN with no plan. */
MATCH_API double match_plan_objective(const match_plan *plan);

/** The best proven upper bound on the objective (equal to it when optimal); NaN if none. */
MATCH_API double match_plan_bound(const match_plan *plan);

/**
 * Wall seconds match_model_solve() took in all (making the pairs, building the solver's
 * model, solving and making the plan, without file I/O). The phases of
 * match_plan_phase_seconds() add up to at most this.
 */
MATCH_API double match_plan_solve_seconds(const match_plan *plan);

/** The phases of a solve that match_plan_phase_seconds() times. */
typedef enum match_phase {
    MATCH_PHASE_PAIRS = 0, /**< making the eligible volunteer-need and resource-need pairs */
    MATCH_PHASE_BUILD = 1, /**< building the solver's model (GLPK's integer program) */
    MATCH_PHASE_SOLVE = 2, /**< solving it, including explaining an infeasible scenario */
    MATCH_PHASE_PLAN = 3   /**< turning the solution into the plan (coverage, reasons) */
} match_phase;

/**
 * Wall seconds spent in one phase of the solve that made the plan; >= 0, and the phases
 * add up to at most match_plan_solve_seconds() (the rest is checks and choosing a solver).
 * A solver that builds no separate model (the network simplex) reports its whole time under
 * MATCH_PHASE_SOLVE and 0 under MATCH_PHASE_BUILD. NaN for a NULL plan or an unknown phase.
 */
MATCH_API double match_plan_phase_seconds(const match_plan *plan, match_phase phase);

/** The number of volunteer-need pairs that passed the eligibility rules (plus fixed ones). */
MATCH_API size_t match_plan_pair_count(const match_plan *plan);

/** The error message of the last failed call on this plan ("" if none). Owned by the plan. */
MATCH_API const char *match_plan_errmsg(const match_plan *plan);

/**
 * The last failed call on this plan in parts (see match_error_detail; plan errors are about
 * no item). Owned by the plan; valid until the next call on it. Never NULL.
 */
MATCH_API const match_error_detail *match_plan_error(const match_plan *plan);

/* ---- Needs ------------------------------------------------------------------------------- */

MATCH_API size_t match_plan_need_count(const match_plan *plan);
MATCH_API const char *match_plan_need_id(const match_plan *plan, size_t need);
/** The need's title (its optional "name"); NULL when it has none. Owned by the plan. */
MATCH_API const char *match_plan_need_name(const match_plan *plan, size_t need);
/** The need's priority 1..5 (0 when out of range, or when a plan file read back does not say). */
MATCH_API int match_plan_need_priority(const match_plan *plan, size_t need);
/** The need's category; NULL when a plan file read back does not say. Owned by the plan. */
MATCH_API const char *match_plan_need_category(const match_plan *plan, size_t need);
/** The id of the need's community; NULL when a plan file read back does not say. */
MATCH_API const char *match_plan_need_community(const match_plan *plan, size_t need);
/** The street of the need's community; NULL when it has none (or a plan file does not say). */
MATCH_API const char *match_plan_need_street(const match_plan *plan, size_t need);
/** Coverage in [0, 1]. */
MATCH_API double match_plan_need_coverage(const match_plan *plan, size_t need);
/** Volunteer-hours the plan gives the need. */
MATCH_API double match_plan_need_hours(const match_plan *plan, size_t need);
/** Why the need is not fully covered; NULL when coverage is 1. Owned by the plan. */
MATCH_API const char *match_plan_need_unmet_reason(const match_plan *plan, size_t need);

/** Volunteers serving the need, in the model's volunteer order. */
MATCH_API size_t match_plan_need_volunteer_count(const match_plan *plan, size_t need);
MATCH_API const char *match_plan_need_volunteer_id(const match_plan *plan, size_t need, size_t k);
MATCH_API double match_plan_need_volunteer_hours(const match_plan *plan, size_t need, size_t k);

/** Resources given to the need, in the model's resource order. */
MATCH_API size_t match_plan_need_resource_count(const match_plan *plan, size_t need);
MATCH_API const char *match_plan_need_resource_id(const match_plan *plan, size_t need, size_t k);
MATCH_API double match_plan_need_resource_amount(const match_plan *plan, size_t need, size_t k);

/* ---- Volunteers and units ---------------------------------------------------------------- */

MATCH_API size_t match_plan_volunteer_count(const match_plan *plan);
MATCH_API const char *match_plan_volunteer_id(const match_plan *plan, size_t volunteer);
/** The volunteer's name; NULL when it has none. Owned by the plan. */
MATCH_API const char *match_plan_volunteer_name(const match_plan *plan, size_t volunteer);
/** Hours the volunteer gives in all. */
MATCH_API double match_plan_volunteer_hours(const match_plan *plan, size_t volunteer);
/** max(0, min_hours - hours). */
MATCH_API double match_plan_volunteer_shortfall(const match_plan *plan, size_t volunteer);

MATCH_API size_t match_plan_unit_count(const match_plan *plan);
MATCH_API const char *match_plan_unit_id(const match_plan *plan, size_t unit);
/** The unit's name; NULL when it has none (plan files do not carry unit names). */
MATCH_API const char *match_plan_unit_name(const match_plan *plan, size_t unit);
/** Covered needs (coverage > 0) the unit takes part in through a volunteer or resource. */
MATCH_API int match_plan_unit_projects(const match_plan *plan, size_t unit);
/** max(0, min_projects - projects). */
MATCH_API int match_plan_unit_shortfall(const match_plan *plan, size_t unit);

/* ---- Priority levels (policy "objective": "lexicographic") ------------------------------- */

/*
 * In lexicographic mode the solver maximises, in turn, the coverage value of priority 5, 4,
 * 3, 2 and 1, then the cost terms, each level kept at its optimum (docs/model.md). The plan's
 * objective is still the weighted objective of docs/model.md computed from the plan (so that
 * plans of either mode compare), and match_plan_bound() is NaN: what the solver proves is a
 * bound per level, below.
 */

/** "weighted" or "lexicographic": the policy the plan was solved under. Static. */
MATCH_API const char *match_plan_objective_mode(const match_plan *plan);

/** The number of levels: 6 in lexicographic mode (priority 5, 4, 3, 2, 1, costs), else 0. */
MATCH_API size_t match_plan_level_count(const match_plan *plan);

/** The level's name: "priority 5", ..., "priority 1", "costs"; NULL out of range. Static. */
MATCH_API const char *match_plan_level_name(const match_plan *plan, size_t level);

/**
 * The level's value in the plan: for a priority level, its weight times the summed coverage
 * of its needs; for "costs", minus the distance cost, shortfall penalties and change
 * penalty. The levels add up to match_plan_objective(). NaN without a plan.
 */
MATCH_API double match_plan_level_value(const match_plan *plan, size_t level);

/**
 * The best proven upper bound on the level's value given the levels before it at their
 * values: equal to the value for every level when the plan is optimal. NaN for the levels
 * the solver did not reach (time limit) or without a plan.
 */
MATCH_API double match_plan_level_bound(const match_plan *plan, size_t level);

/* ---- Stable re-planning (a plan in force, policy "change_penalty") ------------------------- */

/** 1 when the model held a plan in force (match_model_set_previous_plan()), else 0. */
MATCH_API int match_plan_has_previous(const match_plan *plan);

/** The hours the plan in force gives, counting only volunteers and needs that still exist;
 *  NaN without a plan in force. */
MATCH_API double match_plan_previous_hours(const match_plan *plan);

/** Of those, the hours this plan moves away: sum over pairs of max(0, previous - new hours).
 *  The objective subtracts change_penalty times this. NaN without a plan in force or without
 *  a plan. */
MATCH_API double match_plan_moved_hours(const match_plan *plan);

/** How many entries of the plan in force named items the model does not have (left out). */
MATCH_API size_t match_plan_previous_ignored(const match_plan *plan);

/** Hours the volunteer's part of the plan in force this plan moves away; NaN as above. */
MATCH_API double match_plan_volunteer_moved_hours(const match_plan *plan, size_t volunteer);

#ifdef __cplusplus
}
#endif

#endif
