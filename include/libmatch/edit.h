/*
 * libmatch: changing a model after it is built, for what-if runs.
 *
 * model.h adds items and sets their optional fields; the calls here change every other value
 * of an item, undo optional settings, take tags and pairs away and remove whole items. A
 * typical what-if copies a model (match_model_copy()), changes the copy with these calls and
 * solves it warm-started from the first plan (match_options.warm_start in solve.h).
 *
 * The rules are those of model.h: every argument is checked before anything changes, so a
 * failed call changes nothing and leaves the reason in match_model_errmsg(); messages name
 * the item and the field. Codes: MATCH_OK; MATCH_EINVAL (NULL model, NULL or empty id);
 * MATCH_ENOTFOUND (no item with that id, or nothing of that name to take away);
 * MATCH_EINPUT (a value the field does not take, or a removal that would leave a reference
 * dangling); MATCH_ENOMEM.
 *
 * Removing items. An item that other items name (a community with units, volunteers or needs
 * in it; a unit with members or resources) is not removed: the call fails with MATCH_EINPUT
 * and the message names how many items refer to it and the first of them. Remove or move
 * those first; nothing disappears that the caller did not name. Fixed and forbidden pairs
 * are not items but facts about a volunteer and a need: removing either removes its pairs.
 * Removal keeps the order of the remaining items, so plans list them as before.
 */
#ifndef LIBMATCH_EDIT_H
#define LIBMATCH_EDIT_H

#include "common.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Communities ------------------------------------------------------------------------ */

/** Moves a community to (lat, lon) in degrees; items placed at it move with it. */
MATCH_API int match_model_set_community_location(match_model *model, const char *community_id,
                                                 double lat, double lon);

/** Sets a community's display name (copied; NULL clears it). */
MATCH_API int match_model_set_community_name(match_model *model, const char *community_id,
                                             const char *name);

/** Sets the street a community belongs to (copied; NULL clears it). */
MATCH_API int match_model_set_community_street(match_model *model, const char *community_id,
                                               const char *street);

/* ---- Units ------------------------------------------------------------------------------ */

/** Sets a unit's display name (copied; NULL clears it). */
MATCH_API int match_model_set_unit_name(match_model *model, const char *unit_id, const char *name);

/** Moves a unit to another existing community (its resources without a location follow). */
MATCH_API int match_model_set_unit_community(match_model *model, const char *unit_id,
                                             const char *community_id);

/** Forgets the unit's own min_projects: the policy's "unit_min_projects" applies again. */
MATCH_API int match_model_clear_unit_min_projects(match_model *model, const char *unit_id);

/* ---- Volunteers ------------------------------------------------------------------------- */

/** Sets the hours (>= 0) a volunteer offers. */
MATCH_API int match_model_set_volunteer_hours(match_model *model, const char *volunteer_id,
                                              double hours);

/** Moves a volunteer's home to another existing community. */
MATCH_API int match_model_set_volunteer_community(match_model *model, const char *volunteer_id,
                                                  const char *community_id);

/** Takes the volunteer out of its unit (no unit: counts toward no unit's projects). */
MATCH_API int match_model_clear_volunteer_unit(match_model *model, const char *volunteer_id);

/** Forgets the volunteer's own location: it is at its community again. */
MATCH_API int match_model_clear_volunteer_location(match_model *model, const char *volunteer_id);

/** Forgets the volunteer's own min_hours: the policy's "volunteer_min_hours" applies. */
MATCH_API int match_model_clear_volunteer_min_hours(match_model *model, const char *volunteer_id);

/** Forgets the volunteer's own max_distance_km: the policy's applies. */
MATCH_API int match_model_clear_volunteer_max_distance(match_model *model,
                                                       const char *volunteer_id);

/** Takes a skill away from a volunteer; MATCH_ENOTFOUND if the volunteer lacks it. */
MATCH_API int match_model_remove_volunteer_skill(match_model *model, const char *volunteer_id,
                                                 const char *skill);

/** Takes a time slot away from a volunteer; MATCH_ENOTFOUND if it has no such slot. */
MATCH_API int match_model_remove_volunteer_slot(match_model *model, const char *volunteer_id,
                                                const char *slot);

/* ---- Resources -------------------------------------------------------------------------- */

/** Sets the whole units (>= 0) of a resource. */
MATCH_API int match_model_set_resource_amount(match_model *model, const char *resource_id,
                                              double amount);

/** Sets a resource's type (a non-empty word). */
MATCH_API int match_model_set_resource_type(match_model *model, const char *resource_id,
                                            const char *type);

/** Gives a resource to another existing unit. */
MATCH_API int match_model_set_resource_unit(match_model *model, const char *resource_id,
                                            const char *unit_id);

/** Forgets the resource's own location: it is at its unit's community again. */
MATCH_API int match_model_clear_resource_location(match_model *model, const char *resource_id);

/** Takes a category away from a resource (none left: it serves any category). */
MATCH_API int match_model_remove_resource_category(match_model *model, const char *resource_id,
                                                   const char *category);

/* ---- Needs ------------------------------------------------------------------------------ */

/** Sets a need's priority, 1..5. */
MATCH_API int match_model_set_need_priority(match_model *model, const char *need_id, int priority);

/** Sets a need's category (a non-empty word). */
MATCH_API int match_model_set_need_category(match_model *model, const char *need_id,
                                            const char *category);

/** Moves a need to another existing community. */
MATCH_API int match_model_set_need_community(match_model *model, const char *need_id,
                                             const char *community_id);

/** Forgets the need's own min_volunteers: the default (1 if hours > 0, else 0) applies. */
MATCH_API int match_model_clear_need_min_volunteers(match_model *model, const char *need_id);

/**
 * Asks for @p amount (> 0) of a resource type, replacing what the need asked for of that
 * type before (match_model_add_need_resource() refuses a type asked for twice).
 */
MATCH_API int match_model_set_need_resource(match_model *model, const char *need_id,
                                            const char *type, double amount);

/** Withdraws the need's request for a resource type; MATCH_ENOTFOUND if it asks for none. */
MATCH_API int match_model_remove_need_resource(match_model *model, const char *need_id,
                                               const char *type);

/** Takes a skill away from a need (none left: anyone may serve it). */
MATCH_API int match_model_remove_need_skill(match_model *model, const char *need_id,
                                            const char *skill);

/** Takes a time slot away from a need (none left: any time). */
MATCH_API int match_model_remove_need_slot(match_model *model, const char *need_id,
                                           const char *slot);

/* ---- Pairs ------------------------------------------------------------------------------ */

/** Undoes match_model_fix_pair(); MATCH_ENOTFOUND if the pair is not fixed. */
MATCH_API int match_model_unfix_pair(match_model *model, const char *volunteer_id,
                                     const char *need_id);

/** Undoes match_model_forbid_pair(); MATCH_ENOTFOUND if the pair is not forbidden. */
MATCH_API int match_model_unforbid_pair(match_model *model, const char *volunteer_id,
                                        const char *need_id);

/* ---- Removing items --------------------------------------------------------------------- */

/**
 * Removes the item of a kind with this id (see "Removing items" above): a volunteer or need
 * together with its fixed and forbidden pairs; a resource; a unit or community only when no
 * item refers to it (else MATCH_EINPUT, naming the first item that does).
 */
MATCH_API int match_model_remove(match_model *model, match_item_kind kind, const char *id);

/** match_model_remove_ex() flag: also remove the item's dependents. */
#define MATCH_REMOVE_CASCADE 1u

/**
 * Removes an item as match_model_remove() does, or with MATCH_REMOVE_CASCADE in @p flags
 * together with its dependents, the items that cannot exist without it: a community's
 * volunteers, needs and units, a unit's resources (and a community's units' resources).
 * Volunteers of a removed unit who live elsewhere stay, without a unit. Each removal follows
 * match_model_remove()'s rules (a volunteer or need goes with its pairs).
 * What was removed is reported by match_model_removed_count() and the two calls after it,
 * dependents first and the item last. On failure (an unknown item, out of memory midway)
 * the report lists what was removed before it.
 * @return MATCH_OK; MATCH_ENOTFOUND; MATCH_EINPUT (without the flag: other items name it);
 *         MATCH_EINVAL; MATCH_ENOMEM.
 */
MATCH_API int match_model_remove_ex(match_model *model, match_item_kind kind, const char *id,
                                    unsigned int flags);

/** How many items the last match_model_remove_ex() removed (0 before any). */
MATCH_API size_t match_model_removed_count(const match_model *model);

/** The id and kind of removed item @p k (0-based, in the order they went); NULL and
 * MATCH_KIND_NONE out of range. The id is owned by the model until its next removal. */
MATCH_API const char *match_model_removed_id(const match_model *model, size_t k);
MATCH_API match_item_kind match_model_removed_kind(const match_model *model, size_t k);

#ifdef __cplusplus
}
#endif

#endif
