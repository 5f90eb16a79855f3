/*
 * libmatch: building a matching model item by item.
 *
 * A match_model holds one scenario: policy, communities, units, volunteers, resources,
 * needs, and fixed, forbidden and listed pairs (see docs/model.md for their meaning). Build it
 * from C with the calls below, or read it from a scenario file with match_model_read_json()
 * (io.h). Items are added in dependency order: a community before the units, volunteers and
 * needs that name it, a unit before the volunteers and resources that name it, volunteers
 * and needs before the pairs that name them. Every reference is checked when it is added.
 *
 * All strings are UTF-8 and copied: the caller keeps ownership of what it passes in.
 * Ids are unique within their list (two volunteers cannot share an id; a volunteer and a
 * need may). A failed call changes nothing and leaves the reason in match_model_errmsg().
 */
#ifndef LIBMATCH_MODEL_H
#define LIBMATCH_MODEL_H

#include "common.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque scenario. Create with match_model_create(), free with match_model_destroy(). */
typedef struct match_model match_model;

/** The kinds of item a model holds, for match_model_count() and match_model_item_id(). */
typedef enum match_item_kind {
    MATCH_COMMUNITY = 0,
    MATCH_UNIT = 1,
    MATCH_VOLUNTEER = 2,
    MATCH_RESOURCE = 3,
    MATCH_NEED = 4
} match_item_kind;

/**
 * Creates an empty model with the default policy.
 * @param out receives the new model; the caller frees it with match_model_destroy().
 * @return MATCH_OK, MATCH_EINVAL if out is NULL, MATCH_ENOMEM.
 */
MATCH_API int match_model_create(match_model **out);

/** Frees a model and everything it owns. NULL is accepted and does nothing. */
MATCH_API void match_model_destroy(match_model *model);

/**
 * Makes an independent deep copy of a model (for what-if runs).
 * @param out receives the copy; the caller frees it with match_model_destroy().
 * @return MATCH_OK, MATCH_EINVAL, MATCH_ENOMEM.
 */
MATCH_API int match_model_copy(match_model **out, const match_model *model);

/**
 * The message of the last failed call on this model, or "" if none failed. Owned by the
 * model; valid until the next call on it. Never NULL for a non-NULL model.
 */
MATCH_API const char *match_model_errmsg(const match_model *model);

/** Sets the scenario's display name (copied). */
MATCH_API int match_model_set_name(match_model *model, const char *name);

/** The scenario's display name; "" when unset. Owned by the model. */
MATCH_API const char *match_model_name(const match_model *model);

/* ---- Policy ----------------------------------------------------------------------------- */

/**
 * Sets a numeric policy field by its scenario-file name: "max_distance_km",
 * "distance_cost", "volunteer_min_hours", "volunteer_shortfall_penalty",
 * "unit_min_projects", "unit_shortfall_penalty", "change_penalty" (per volunteer-hour moved
 * away from the plan in force, see match_model_set_previous_plan()). Values must be finite
 * and >= 0 ("unit_min_projects" a whole number).
 * @return MATCH_OK; MATCH_EINVAL for an unknown field; MATCH_EINPUT for a bad value.
 */
MATCH_API int match_model_set_policy(match_model *model, const char *field, double value);

/**
 * Reads a numeric policy field by name (same names as match_model_set_policy()).
 * @param out receives the value.
 * @return MATCH_OK or MATCH_EINVAL for an unknown field.
 */
MATCH_API int match_model_get_policy(const match_model *model, const char *field, double *out);

/**
 * Sets a policy field whose value is a word, by its scenario-file name:
 * "objective" ("weighted", the default: one weighted sum; or "lexicographic": the most
 * priority-5 value first, then priority 4, ... 1, then the cost terms, each level kept at its
 * optimum, see docs/model.md) and
 * "eligibility" ("computed", the default, or "pairs_only"). The value is copied.
 * @return MATCH_OK; MATCH_EINVAL for an unknown field or a NULL argument; MATCH_EINPUT for
 *         a word the field does not take (the message lists the words it takes).
 */
MATCH_API int match_model_set_policy_option(match_model *model, const char *field,
                                            const char *value);

/**
 * Reads a word-valued policy field (same names as match_model_set_policy_option()).
 * @param word receives the word, a static string.
 * @return MATCH_OK or MATCH_EINVAL for an unknown field.
 */
MATCH_API int match_model_get_policy_option(const match_model *model, const char *field,
                                            const char **word);

/**
 * Sets the value of fully covering a need of priority 1..5.
 * @param weights array of exactly @p count = 5 finite, non-negative values.
 */
MATCH_API int match_model_set_priority_weights(match_model *model, const double *weights,
                                               size_t count);

/**
 * Reads the value of fully covering a need of one priority.
 * @param priority 1..5.
 * @param out receives the weight.
 * @return MATCH_OK; MATCH_EINVAL for a NULL argument or a priority outside 1..5.
 */
MATCH_API int match_model_get_priority_weight(const match_model *model, int priority, double *out);

/* ---- Items ------------------------------------------------------------------------------ */

/**
 * Adds a community at (lat, lon) in degrees. name and street may be NULL.
 * @return MATCH_OK, MATCH_EDUPLICATE, MATCH_EINPUT (lat outside -90..90, lon outside
 *         -180..180), MATCH_EINVAL, MATCH_ENOMEM.
 */
MATCH_API int match_model_add_community(match_model *model, const char *id, const char *name,
                                        const char *street, double lat, double lon);

/**
 * Adds a co-building unit located in an existing community. name may be NULL.
 * Its project obligation is the policy's "unit_min_projects" until set below.
 */
MATCH_API int match_model_add_unit(match_model *model, const char *id, const char *name,
                                   const char *community_id);

/** Sets how many projects a unit must take part in (overrides the policy default). */
MATCH_API int match_model_set_unit_min_projects(match_model *model, const char *unit_id,
                                                int min_projects);

/**
 * Adds a volunteer who lives in an existing community and offers @p hours (>= 0) a year.
 * Optional attributes are set with the calls that follow.
 */
MATCH_API int match_model_add_volunteer(match_model *model, const char *id,
                                        const char *community_id, double hours);

/** Makes the volunteer a member of an existing unit (counts toward its projects). */
MATCH_API int match_model_set_volunteer_unit(match_model *model, const char *volunteer_id,
                                             const char *unit_id);

/** Places the volunteer at (lat, lon) instead of at its community. */
MATCH_API int match_model_set_volunteer_location(match_model *model, const char *volunteer_id,
                                                 double lat, double lon);

/** Sets the volunteer's yearly obligation in hours (overrides "volunteer_min_hours"). */
MATCH_API int match_model_set_volunteer_min_hours(match_model *model, const char *volunteer_id,
                                                  double min_hours);

/** Sets how far (km) the volunteer may travel (overrides the policy's "max_distance_km"). */
MATCH_API int match_model_set_volunteer_max_distance(match_model *model, const char *volunteer_id,
                                                     double km);

/** Adds a skill to the volunteer (adding one twice is harmless). */
MATCH_API int match_model_add_volunteer_skill(match_model *model, const char *volunteer_id,
                                              const char *skill);

/** Adds a time slot in which the volunteer is available. */
MATCH_API int match_model_add_volunteer_slot(match_model *model, const char *volunteer_id,
                                             const char *slot);

/** Adds a resource of @p type offered by an existing unit: @p amount (>= 0) whole units. */
MATCH_API int match_model_add_resource(match_model *model, const char *id, const char *unit_id,
                                       const char *type, double amount);

/** Places the resource at (lat, lon) instead of at its unit's community. */
MATCH_API int match_model_set_resource_location(match_model *model, const char *resource_id,
                                                double lat, double lon);

/** Restricts the resource to a need category (none added: it serves any category). */
MATCH_API int match_model_add_resource_category(match_model *model, const char *resource_id,
                                                const char *category);

/**
 * Adds a need raised in an existing community, of a category, with priority 1..5.
 * It starts with 0 hours, no skills, slots or resources, not all-or-nothing, not required.
 */
MATCH_API int match_model_add_need(match_model *model, const char *id, const char *community_id,
                                   const char *category, int priority);

/** Sets the volunteer-hours the need asks for (>= 0). */
MATCH_API int match_model_set_need_hours(match_model *model, const char *need_id, double hours);

/** Sets the least number of distinct volunteers (>= 0); default 1 if hours > 0, else 0. */
MATCH_API int match_model_set_need_min_volunteers(match_model *model, const char *need_id,
                                                  int min_volunteers);

/** Asks for @p amount (> 0) of a resource type; each type may be asked for once. */
MATCH_API int match_model_add_need_resource(match_model *model, const char *need_id,
                                            const char *type, double amount);

/** Adds a skill of which a serving volunteer must have at least one. */
MATCH_API int match_model_add_need_skill(match_model *model, const char *need_id,
                                         const char *skill);

/** Adds a slot in which the need may be served (none added: any time). */
MATCH_API int match_model_add_need_slot(match_model *model, const char *need_id, const char *slot);

/**
 * Sets the most distinct volunteers the need may have: volunteers giving it at least one
 * hour through computed pairs, plus its chosen listed pairs (match_model_add_pair()).
 * @param max_volunteers >= 0, or -1 for unlimited (the default).
 * @return MATCH_OK; MATCH_EINPUT when it is below the need's own min_volunteers or below the
 *         number of pairs fixed to the need, or below -1.
 */
MATCH_API int match_model_set_need_max_volunteers(match_model *model, const char *need_id,
                                                  int max_volunteers);

/** A non-zero flag makes the need all-or-nothing: coverage 0 or 1. */
MATCH_API int match_model_set_need_all_or_nothing(match_model *model, const char *need_id,
                                                  int flag);

/** A non-zero flag makes the need required: every plan covers it fully, or none exists. */
MATCH_API int match_model_set_need_required(match_model *model, const char *need_id, int flag);

/**
 * Fixes a pair: the volunteer gives the need at least @p hours (> 0), whether or not the
 * eligibility rules would pair them. A pair fixed twice, fixed and forbidden, fixed to more
 * hours than it lists (match_model_add_pair()), or fixed to a need that already has
 * max_volunteers fixed pairs is MATCH_EINPUT.
 */
MATCH_API int match_model_fix_pair(match_model *model, const char *volunteer_id,
                                   const char *need_id, double hours);

/** Forbids a pair: the volunteer gives the need no hours. A listed pair cannot be forbidden
 * (MATCH_EINPUT). */
MATCH_API int match_model_forbid_pair(match_model *model, const char *volunteer_id,
                                      const char *need_id);

/**
 * Lists a pair whose value the caller computed (for example from feedback ratings): the
 * pair is chosen whole or not at all; when chosen the volunteer spends exactly @p hours on
 * the need and the objective gains @p value (negative for a cost) instead of the distance
 * cost. Under the policy's eligibility "computed" (the default) a listed pair is added to the
 * pairs the rules make, replacing the rules' pair of the same volunteer and need, and it
 * exists whatever the rules say; under "pairs_only" the listed pairs (and fixed pairs) are
 * the only ones. A need with listed pairs asks for at least one volunteer unless its
 * min_volunteers says otherwise. See docs/model.md, "Listed pairs".
 * @param value any finite number.
 * @param hours finite, >= 0; not a whole number necessarily.
 * @return MATCH_OK; MATCH_ENOTFOUND for an unknown id; MATCH_EINPUT for a bad value or hours,
 *         a pair listed twice, a pair also forbidden, or a pair fixed to more hours than it
 *         lists (a fixed listed pair is always chosen).
 */
MATCH_API int match_model_add_pair(match_model *model, const char *volunteer_id,
                                   const char *need_id, double value, double hours);

/* ---- The plan in force (stable re-planning) ------------------------------------------------ */

/*
 * A model may hold the plan in force, the "previous plan": how many hours each volunteer
 * gives each need today. With the policy's "change_penalty" > 0 the objective pays that much
 * per volunteer-hour moved away from it, change_penalty * sum over pairs of
 * max(0, previous hours - new hours), so a re-plan moves only what the gain pays for
 * (docs/model.md). Without a change penalty the previous plan changes nothing but the moved
 * hours the plan reports. A model copy (match_model_copy()) copies it.
 */

/**
 * Makes @p plan the plan in force, replacing any previous one: every volunteer's hours at
 * every need. Entries that name a volunteer or need this model does not have (the scenario
 * changed since) are left out and counted in match_model_previous_ignored(). The plan is
 * only read; it may come from another model.
 * @return MATCH_OK, MATCH_EINVAL (NULL argument), MATCH_ENOMEM (the model is unchanged).
 */
MATCH_API int match_model_set_previous_plan(match_model *model, const match_plan *plan);

/**
 * Sets the hours the plan in force gives one pair (0 removes the pair from it), starting an
 * empty plan in force if the model has none. Setting a pair again replaces its hours.
 * @param hours a whole number >= 0 (plans give whole hours).
 * @return MATCH_OK; MATCH_ENOTFOUND (no such volunteer or need); MATCH_EINPUT (bad hours);
 *         MATCH_EINVAL; MATCH_ENOMEM.
 */
MATCH_API int match_model_set_previous_hours(match_model *model, const char *volunteer_id,
                                             const char *need_id, double hours);

/** Forgets the plan in force (the model then has none). */
MATCH_API int match_model_clear_previous_plan(match_model *model);

/** 1 when the model holds a plan in force, else 0. */
MATCH_API int match_model_has_previous_plan(const match_model *model);

/**
 * How many entries of the last plan in force given (by match_model_set_previous_plan(), a
 * plan file or a scenario's "previous_plan") named a volunteer or need the model does not
 * have and were left out. 0 when none were, or without a plan in force.
 */
MATCH_API size_t match_model_previous_ignored(const match_model *model);

/* ---- Reading the model back -------------------------------------------------------------- */

/** Number of items of a kind (0 for an unknown kind or a NULL model). */
MATCH_API size_t match_model_count(const match_model *model, match_item_kind kind);

/** Id of item @p index (0-based, < match_model_count()) of a kind; NULL when out of range. */
MATCH_API const char *match_model_item_id(const match_model *model, match_item_kind kind,
                                          size_t index);

/**
 * Display name of item @p index of a kind (a community's or unit's name, a volunteer's,
 * resource's or need's optional "name"); NULL when it has none or the index is out of range.
 * Owned by the model.
 */
MATCH_API const char *match_model_item_name(const match_model *model, match_item_kind kind,
                                            size_t index);

/**
 * Sets the display name of an existing volunteer, resource or need (copied; NULL clears it).
 * Communities and units take theirs in match_model_add_community() / match_model_add_unit().
 * @return MATCH_OK; MATCH_ENOTFOUND (no such item); MATCH_EINVAL (NULL model or id, or
 *         another kind); MATCH_ENOMEM.
 */
MATCH_API int match_model_set_item_name(match_model *model, match_item_kind kind, const char *id,
                                        const char *name);

/**
 * Looks a listed pair up (match_model_add_pair()).
 * @param value, hours receive the pair's value and hours; either may be NULL.
 * @return MATCH_OK when the pair is listed; MATCH_ENOTFOUND when it is not, or when an id is
 *         unknown; MATCH_EINVAL for a NULL model or id. Sets no message.
 */
MATCH_API int match_model_get_pair(const match_model *model, const char *volunteer_id,
                                   const char *need_id, double *value, double *hours);

/** Number of listed pairs (0 for a NULL model). */
MATCH_API size_t match_model_pair_count(const match_model *model);

#ifdef __cplusplus
}
#endif

#endif
