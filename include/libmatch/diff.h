/*
 * libmatch: comparing two plans (what changed between a baseline and a what-if).
 *
 * match_plan_diff() compares a plan "before" with a plan "after" by ids: plans of two
 * different models (a need added, a volunteer removed) compare as well as two plans of one.
 * It lists
 *   - the needs whose coverage changed: gained (fully covered now, not before), lost (fully
 *     covered before, not now), raised or lowered (partly covered, more or less than before);
 *     a need only one plan has counts as coverage 0 in the other;
 *   - the volunteers moved: every (volunteer, need) pair whose hours changed;
 *   - the objective and status of both plans;
 *   - coverage by group, by priority, by street and by category: how many needs each plan
 *     has in the group, how many it covers fully, and the sum of their coverage.
 * Street and category come from the plans (plan files carry them since this version); a
 * plan file that lacks them groups its needs under "" (and priority 0 under "0").
 *
 * Indexes are 0-based; out of range gives NULL, 0 or NaN as in plan.h. The diff copies what
 * it needs: either plan may be freed first.
 */
#ifndef LIBMATCH_DIFF_H
#define LIBMATCH_DIFF_H

#include "common.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque comparison of two plans. Free with match_diff_destroy(). */
typedef struct match_diff match_diff;

/** Which of the two plans a value is read from. */
typedef enum match_side { MATCH_SIDE_BEFORE = 0, MATCH_SIDE_AFTER = 1 } match_side;

/* Deprecated names of the sides (to be removed in the next release). */
#define MATCH_BEFORE MATCH_SIDE_BEFORE
#define MATCH_AFTER MATCH_SIDE_AFTER

/** How a need's coverage changed. */
typedef enum match_change {
    MATCH_CHANGE_GAINED = 0, /**< fully covered after, not before */
    MATCH_CHANGE_LOST = 1,   /**< fully covered before, not after */
    MATCH_CHANGE_RAISED = 2, /**< partly covered after, with more coverage than before */
    MATCH_CHANGE_LOWERED = 3 /**< partly covered before, less after (but not lost) */
} match_change;

/** What needs are grouped by in match_diff_group_*(). */
typedef enum match_grouping {
    MATCH_GROUP_BY_PRIORITY = 0, /**< keys "5" down to "1" */
    MATCH_GROUP_BY_STREET = 1,   /**< street names in byte order; "" for needs without a street */
    MATCH_GROUP_BY_CATEGORY = 2  /**< categories in byte order */
} match_grouping;

/* Deprecated names of the groupings (to be removed in the next release). */
#define MATCH_BY_PRIORITY MATCH_GROUP_BY_PRIORITY
#define MATCH_BY_STREET MATCH_GROUP_BY_STREET
#define MATCH_BY_CATEGORY MATCH_GROUP_BY_CATEGORY

/**
 * Compares two plans.
 * @param out receives the diff; the caller frees it with match_diff_destroy().
 * @return MATCH_OK, MATCH_EINVAL (a NULL argument), MATCH_ENOMEM.
 */
MATCH_API int match_plan_diff(match_diff **out, const match_plan *before, const match_plan *after);

/** Frees a diff. NULL is accepted and does nothing. */
MATCH_API void match_diff_destroy(match_diff *diff);

/** The objective of one side (NaN when that plan has none). */
MATCH_API double match_diff_objective(const match_diff *diff, match_side side);

/** The status of one side. */
MATCH_API match_status match_diff_status(const match_diff *diff, match_side side);

/* ---- Needs whose coverage changed, in the after plan's order, then needs only before has. */

MATCH_API size_t match_diff_need_count(const match_diff *diff);
MATCH_API const char *match_diff_need_id(const match_diff *diff, size_t k);
MATCH_API match_change match_diff_need_change(const match_diff *diff, size_t k);
/** Coverage on one side; 0 when that plan does not have the need. */
MATCH_API double match_diff_need_coverage(const match_diff *diff, size_t k, match_side side);
/** Priority (from the after plan when it has the need); 0 when unknown. */
MATCH_API int match_diff_need_priority(const match_diff *diff, size_t k);
/** Category and street ("" when unknown or none). */
MATCH_API const char *match_diff_need_category(const match_diff *diff, size_t k);
MATCH_API const char *match_diff_need_street(const match_diff *diff, size_t k);

/* ---- Volunteers moved: (volunteer, need) pairs whose hours changed, in the order needs are
 * listed (after plan first), then by volunteer as the plans list them. */

MATCH_API size_t match_diff_move_count(const match_diff *diff);
MATCH_API const char *match_diff_move_volunteer(const match_diff *diff, size_t k);
MATCH_API const char *match_diff_move_need(const match_diff *diff, size_t k);
/** Hours the volunteer gives the need on one side (0 when none). */
MATCH_API double match_diff_move_hours(const match_diff *diff, size_t k, match_side side);
/** The number of distinct volunteers among the moves. */
MATCH_API size_t match_diff_volunteers_moved(const match_diff *diff);

/* ---- Coverage by group ------------------------------------------------------------------ */

/** The number of groups (every key either plan has). */
MATCH_API size_t match_diff_group_count(const match_diff *diff, match_grouping by);
/** The group's key (see match_grouping). Owned by the diff. */
MATCH_API const char *match_diff_group_key(const match_diff *diff, match_grouping by, size_t k);
/** Needs of the group in one plan. */
MATCH_API size_t match_diff_group_needs(const match_diff *diff, match_grouping by, size_t k,
                                        match_side side);
/** Needs of the group fully covered in one plan. */
MATCH_API size_t match_diff_group_met(const match_diff *diff, match_grouping by, size_t k,
                                      match_side side);
/** Sum of the coverage of the group's needs in one plan. */
MATCH_API double match_diff_group_coverage(const match_diff *diff, match_grouping by, size_t k,
                                           match_side side);

/**
 * The diff as JSON (format "libmatch-diff-1", keys as in docs/analysis.md), deterministic.
 * @param out receives a NUL-terminated string the caller frees with match_free() (io.h).
 * @return MATCH_OK, MATCH_EINVAL, MATCH_ENOMEM.
 */
MATCH_API int match_diff_to_json(char **out, const match_diff *diff);

#ifdef __cplusplus
}
#endif

#endif
