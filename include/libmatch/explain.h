/*
 * libmatch: why a plan is what it is, and what would change it.
 *
 * Two tools for analysts (docs/analysis.md, "Bottlenecks and reasons"):
 *
 * - Reasons. Every need a plan does not fully cover carries one or more reasons, each a code
 *   with details (which eligibility filter removed the candidates, which volunteers or
 *   resources are busy and on which needs). match_plan_need_unmet_reason() joins their
 *   texts with "; "; the getters below give them one by one.
 *
 * - Bottlenecks. The marginal value of one more volunteer-hour (by skill, community and
 *   street) and of one more unit of each resource type, and the need each would cover next.
 *   They are computed from the model's network (the flow relaxation): exact for a
 *   pure-network scenario, an upper estimate from the relaxation otherwise
 *   (match_bottlenecks_exact() says which).
 *
 * Indexes are 0-based. An index out of range gives NULL for strings, 0 for counts and NaN
 * for numbers; NULL objects behave as empty ones.
 */
#ifndef LIBMATCH_EXPLAIN_H
#define LIBMATCH_EXPLAIN_H

#include "common.h"
#include "model.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Reasons for unmet needs ---------------------------------------------------------- */

/** Why a need is not fully covered. A need may have several reasons, in this order. */
typedef enum match_reason_code {
    MATCH_REASON_NONE = -1,               /**< no such reason (index out of range) */
    MATCH_REASON_NO_PLAN = 0,             /**< the solve found no plan (infeasible, time limit) */
    MATCH_REASON_PARTLY_COVERED = 1,      /**< the plan gives part of it: have/want are hours or
                                               amounts of the first short requirement */
    MATCH_REASON_TEAM_INCOMPLETE = 2,     /**< a team or all-or-nothing need could only be
                                               gathered in part, so it counts as not covered */
    MATCH_REASON_NO_VOLUNTEER = 3,        /**< no volunteer passes the eligibility filters;
                                               match_plan_need_reason_filtered() says which
                                               filter removed how many */
    MATCH_REASON_TOO_FEW_VOLUNTEERS = 4,  /**< fewer eligible volunteers (have) than
                                               min_volunteers (want) */
    MATCH_REASON_TOO_FEW_HOURS = 5,       /**< the eligible volunteers have fewer hours in all
                                               (have) than the need asks (want) */
    MATCH_REASON_VOLUNTEERS_BUSY = 6,     /**< the eligible volunteers' hours are used by other
                                               needs: have = hours they could still give it,
                                               want = hours asked; examples name who and where */
    MATCH_REASON_NO_RESOURCE = 7,         /**< a requested type has no eligible resource */
    MATCH_REASON_TOO_LITTLE_RESOURCE = 8, /**< the eligible resources of a type hold less in
                                               all (have) than asked (want) */
    MATCH_REASON_RESOURCES_BUSY = 9,      /**< the eligible resources of a type are used by other
                                               needs; examples name which and where */
    MATCH_REASON_NOT_WORTH = 10,          /**< nothing blocks it: the plan is optimal and covering
                                               it (further) would lower the objective */
    MATCH_REASON_NOT_FOUND = 11,          /**< nothing blocks it, but the solver stopped before
                                               proving the plan optimal */
    MATCH_REASON_PAIRS_TOO_LONG = 12,     /**< listed pairs ask more hours than their volunteers
                                               have (have = the volunteer's hours, want = the
                                               pair's, of the first example) */
    MATCH_REASON_TEAM_LIMIT = 13          /**< max_volunteers (have) is below min_volunteers
                                               (want): the need can never be covered */
} match_reason_code;

/** Eligibility filters, for match_plan_need_reason_filtered(). */
typedef enum match_filter {
    MATCH_FILTER_DISTANCE = 0,  /**< farther than the service distance */
    MATCH_FILTER_SKILL = 1,     /**< volunteers: has none of the skills asked */
    MATCH_FILTER_SLOT = 2,      /**< volunteers: shares no time slot */
    MATCH_FILTER_FORBIDDEN = 3, /**< volunteers: the pair is forbidden */
    MATCH_FILTER_CAPACITY = 4,  /**< has no whole hour or unit to give */
    MATCH_FILTER_CATEGORY = 5   /**< resources: does not serve the need's category */
} match_filter;

/** The code's name as documentation and bindings use it ("no_volunteer", ...). Static. */
MATCH_API const char *match_reason_code_name(match_reason_code code);

/** The number of reasons need `need` has (0 when it is fully covered). */
MATCH_API size_t match_plan_need_reason_count(const match_plan *plan, size_t need);

/** Reason k's code. */
MATCH_API match_reason_code match_plan_need_reason_code(const match_plan *plan, size_t need,
                                                        size_t k);

/** Reason k in words (one clause of match_plan_need_unmet_reason()). Owned by the plan. */
MATCH_API const char *match_plan_need_reason_text(const match_plan *plan, size_t need, size_t k);

/** The resource type reason k is about; NULL for reasons about volunteers. Owned by the plan. */
MATCH_API const char *match_plan_need_reason_type(const match_plan *plan, size_t need, size_t k);

/**
 * For MATCH_REASON_NO_VOLUNTEER and MATCH_REASON_NO_RESOURCE: how many volunteers (or
 * resources of the type) the filter removed. Each candidate counts once, for the first filter
 * it fails in the order distance, skill, slot, forbidden, capacity for volunteers (fixed pairs
 * bypass the filters and are not counted) and category, distance, capacity for resources.
 * 0 for other reasons and other filters.
 */
MATCH_API size_t match_plan_need_reason_filtered(const match_plan *plan, size_t need, size_t k,
                                                 match_filter filter);

/** The numbers the reason compares (see match_reason_code); NaN where it compares none. */
MATCH_API double match_plan_need_reason_have(const match_plan *plan, size_t need, size_t k);
MATCH_API double match_plan_need_reason_want(const match_plan *plan, size_t need, size_t k);

/**
 * For the *_BUSY reasons: some of the busy volunteers (or resources) with no whole hour
 * (unit) left, each with the need it gives the most to. At most three, in model order.
 */
MATCH_API size_t match_plan_need_reason_example_count(const match_plan *plan, size_t need,
                                                      size_t k);
/** The busy volunteer's (or resource's) id. Owned by the plan. */
MATCH_API const char *match_plan_need_reason_example_item(const match_plan *plan, size_t need,
                                                          size_t k, size_t e);
/** The need it serves instead. Owned by the plan. */
MATCH_API const char *match_plan_need_reason_example_need(const match_plan *plan, size_t need,
                                                          size_t k, size_t e);
/**
 * What one hour (unit) of it is worth there and what it would be worth here: the need's
 * priority weight divided by the hours (amount of the type) it asks, less the travel cost of
 * that hour. A busy reason says "needs of higher value" only when every example is worth at
 * least as much there as here.
 */
MATCH_API double match_plan_need_reason_example_value(const match_plan *plan, size_t need, size_t k,
                                                      size_t e);
MATCH_API double match_plan_need_reason_example_value_here(const match_plan *plan, size_t need,
                                                           size_t k, size_t e);

/* ---- Bottlenecks ---------------------------------------------------------------------- */

/** An opaque bottleneck report. Free with match_bottlenecks_destroy(). */
typedef struct match_bottlenecks match_bottlenecks;

/** The tables of a report. Each row is one hypothetical extra unit and what it is worth. */
typedef enum match_bottleneck_view {
    MATCH_BOTTLENECK_HOURS = 0,       /**< one row per (skill or none, community) */
    MATCH_BOTTLENECK_SKILLS = 1,      /**< the best row of each skill (NULL: no skill) */
    MATCH_BOTTLENECK_COMMUNITIES = 2, /**< the best hour row of each community */
    MATCH_BOTTLENECK_STREETS = 3,     /**< the best hour row of each street */
    MATCH_BOTTLENECK_RESOURCES = 4,   /**< one row per (resource type, community) */
    MATCH_BOTTLENECK_TYPES = 5        /**< the best resource row of each type */
} match_bottleneck_view;

/**
 * Computes the marginal values of the model as it is now (the report does not depend on
 * any plan: every optimal plan has the same ones).
 *
 * One more volunteer-hour with skill s in community c means one hypothetical volunteer at
 * c's location with the single skill s (or none), no time slots, no unit, no obligation,
 * the policy's max_distance_km, and 1 hour; one more unit of type t in community c means a
 * hypothetical resource of type t at c's location, serving every category, amount 1. A
 * row's value is the optimal objective with that item minus the optimal objective without
 * it (never negative: an item that cannot help stays unused). It is exact for one whole
 * hour or unit, also where the marginal value changes at the current point (it is the
 * right-hand difference, not a dual value that may lie anywhere between the left and right
 * ones). For a scenario that is not a pure network it is computed on the flow relaxation
 * the solver bounds with, so it estimates rather than equals the change.
 *
 * Rows of every view are sorted by value, highest first (ties in model order). Returns
 * MATCH_OK (*out set; an infeasible scenario gives a report with status infeasible and no
 * rows), MATCH_EINVAL, MATCH_ENOMEM or MATCH_ESOLVER (message on the model).
 */
MATCH_API int match_model_bottlenecks(match_bottlenecks **out, match_model *model);

/** Frees a report. NULL is accepted. */
MATCH_API void match_bottlenecks_destroy(match_bottlenecks *report);

/** MATCH_STATUS_OPTIMAL, or MATCH_STATUS_INFEASIBLE when the (relaxed) scenario has no plan. */
MATCH_API match_status match_bottlenecks_status(const match_bottlenecks *report);

/** 1 when the values are exact (a pure-network scenario), 0 when from the relaxation. */
MATCH_API int match_bottlenecks_exact(const match_bottlenecks *report);

/** The number of rows in a view. */
MATCH_API size_t match_bottlenecks_count(const match_bottlenecks *report,
                                         match_bottleneck_view view);

/** The row's marginal value: objective gained by the one extra hour or unit (>= 0). */
MATCH_API double match_bottleneck_value(const match_bottlenecks *report, match_bottleneck_view view,
                                        size_t row);
/** The skill of an hour row (NULL: a volunteer without skills, or a resource row). */
MATCH_API const char *match_bottleneck_skill(const match_bottlenecks *report,
                                             match_bottleneck_view view, size_t row);
/** The resource type of a resource row (NULL for hour rows). */
MATCH_API const char *match_bottleneck_type(const match_bottlenecks *report,
                                            match_bottleneck_view view, size_t row);
/** The community the extra item would be placed in. */
MATCH_API const char *match_bottleneck_community(const match_bottlenecks *report,
                                                 match_bottleneck_view view, size_t row);
/** That community's street (NULL when it has none). */
MATCH_API const char *match_bottleneck_street(const match_bottlenecks *report,
                                              match_bottleneck_view view, size_t row);
/** The need the extra item would serve itself (NULL when it would stay unused). */
MATCH_API const char *match_bottleneck_serves(const match_bottlenecks *report,
                                              match_bottleneck_view view, size_t row);
/**
 * The need whose coverage would rise: the one it serves, or the end of a chain of moves
 * (the extra volunteer takes over from someone who moves on). NULL when the value comes
 * only from a saving (shorter travel, an obligation met) with no need covered further.
 */
MATCH_API const char *match_bottleneck_gains(const match_bottlenecks *report,
                                             match_bottleneck_view view, size_t row);

#ifdef __cplusplus
}
#endif

#endif
