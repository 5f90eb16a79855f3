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

/**
 * The last failed call on this model in parts: code, the kind and id of the item, the field
 * and the message (the one match_model_errmsg() gives). After a successful call it still
 * describes the last failure (code MATCH_OK and empty texts if none failed). Owned by the
 * model; valid until the next call on it. Never NULL (a NULL model gives a static detail
 * with code MATCH_EINVAL).
 */
MATCH_API const match_error_detail *match_model_error(const match_model *model);

/** Sets the scenario's display name (copied). */
MATCH_API int match_model_set_name(match_model *model, const char *name);

/** The scenario's display name; "" when unset. Owned by the model. */
MATCH_API const char *match_model_name(const match_model *model);

/* ---- Policy ----------------------------------------------------------------------------- */

/**
 * Sets a numeric policy field by its scenario-file name: "max_distance_km",
 * "distance_cost", "volunteer_min_hours", "volunteer_shortfall_penalty",
 * "unit_min_projects", "unit_shortfall_penalty", "change_penalty" (per volunteer-hour moved
 * away from the plan in force, see match_model_set_previous_plan()), and three fields that
 * only the indicators of match_plan_evaluate() read: "volunteer_min_services" (a whole
 * number: services a member's yearly minimum asks for, with its min_hours), "points_per_hour"
 * and "points_per_project" (service points; 0, the default, turns them off). Values must be finite
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
 * The name of numeric policy field @p index (0-based), the names match_model_set_policy()
 * takes, in the order of docs/model.md; NULL past the last. Static strings.
 */
MATCH_API const char *match_policy_field_name(size_t index);

/** The name of word-valued policy field @p index ("objective", "eligibility"); NULL past
 * the last. */
MATCH_API const char *match_policy_option_name(size_t index);

/**
 * Word @p index that word-valued policy field @p field takes; word 0 is the default. NULL
 * past the last word or for an unknown field. Static strings.
 */
MATCH_API const char *match_policy_option_word(const char *field, size_t index);

/** Needs have a priority 1..MATCH_PRIORITY_LEVELS; the policy has one weight per level. */
#define MATCH_PRIORITY_LEVELS 5

/** match_model_set_need_max_volunteers(): no limit on a need's volunteers. */
#define MATCH_UNLIMITED (-1)

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

/* ---- Adding an item in one call ----------------------------------------------------------- */

/*
 * Each match_model_add_<kind>_attrs() call adds an item with all its attributes at once: it
 * either succeeds or fails and changes nothing (the error in match_model_error()). Start
 * from the ..._INIT macro, which gives every optional attribute its "not given" value, and
 * set what the item has:
 *
 *     match_volunteer_attrs v = MATCH_VOLUNTEER_ATTRS_INIT;
 *     v.community = "C01";
 *     v.hours = 24;
 *     const char *skills[] = {"medical"};
 *     v.skills = skills;
 *     v.n_skills = 1;
 *     rc = match_model_add_volunteer_attrs(model, "V1", &v);
 *
 * MATCH_POLICY_DEFAULT in a number field means "the policy's value" (the item sets
 * none). The strings are copied. The same structs are filled by the match_model_get_<kind>()
 * getters below, which read an item back.
 */

/** The version of the attribute structs, in their version member. */
#define MATCH_ATTRS_VERSION 1

/**
 * In an attribute's number: not set on the item, the policy's value applies. (A value no
 * input means by mistake: a plain -1 is refused like any other negative number.)
 */
#define MATCH_POLICY_DEFAULT (-2147483647 - 1)

/** A community's attributes (match_model_add_community()). */
typedef struct match_community_attrs {
    unsigned int version; /**< MATCH_ATTRS_VERSION */
    const char *name;     /**< NULL: none */
    const char *street;   /**< NULL: none */
    double lat, lon;      /**< degrees, required */
} match_community_attrs;

#define MATCH_COMMUNITY_ATTRS_INIT                                                                 \
    {                                                                                              \
        .version = MATCH_ATTRS_VERSION, .name = NULL, .street = NULL, .lat = 0.0, .lon = 0.0       \
    }

/** A unit's attributes (match_model_add_unit()). */
typedef struct match_unit_attrs {
    unsigned int version;  /**< MATCH_ATTRS_VERSION */
    const char *name;      /**< NULL: none */
    const char *community; /**< the community it is located in, required */
    int min_projects;      /**< >= 0, or MATCH_POLICY_DEFAULT */
} match_unit_attrs;

#define MATCH_UNIT_ATTRS_INIT                                                                      \
    {                                                                                              \
        .version = MATCH_ATTRS_VERSION, .name = NULL, .community = NULL,                           \
        .min_projects = MATCH_POLICY_DEFAULT                                                       \
    }

/** A volunteer's attributes (match_model_add_volunteer() and the setters after it). */
typedef struct match_volunteer_attrs {
    unsigned int version;      /**< MATCH_ATTRS_VERSION */
    const char *community;     /**< where the volunteer lives, required */
    double hours;              /**< hours offered a year, >= 0 */
    const char *unit;          /**< NULL: in no unit */
    int located;               /**< non-zero: at (lat, lon) instead of the community */
    double lat, lon;           /**< degrees, when located */
    double min_hours;          /**< yearly obligation, >= 0, or MATCH_POLICY_DEFAULT */
    double max_distance_km;    /**< >= 0, or MATCH_POLICY_DEFAULT */
    const char *const *skills; /**< n_skills non-empty strings (getters: NULL) */
    size_t n_skills;
    const char *const *slots; /**< n_slots non-empty strings (getters: NULL) */
    size_t n_slots;
} match_volunteer_attrs;

#define MATCH_VOLUNTEER_ATTRS_INIT                                                                 \
    {                                                                                              \
        .version = MATCH_ATTRS_VERSION, .community = NULL, .hours = 0.0, .unit = NULL,             \
        .located = 0, .lat = 0.0, .lon = 0.0, .min_hours = MATCH_POLICY_DEFAULT,                   \
        .max_distance_km = MATCH_POLICY_DEFAULT, .skills = NULL, .n_skills = 0, .slots = NULL,     \
        .n_slots = 0                                                                               \
    }

/** A resource's attributes (match_model_add_resource()). */
typedef struct match_resource_attrs {
    unsigned int version;          /**< MATCH_ATTRS_VERSION */
    const char *unit;              /**< the unit offering it, required */
    const char *type;              /**< its type, required */
    double amount;                 /**< whole units, >= 0 */
    int located;                   /**< non-zero: at (lat, lon) instead of the unit's community */
    double lat, lon;               /**< degrees, when located */
    const char *const *categories; /**< need categories it serves (none: any; getters: NULL) */
    size_t n_categories;
} match_resource_attrs;

#define MATCH_RESOURCE_ATTRS_INIT                                                                  \
    {                                                                                              \
        .version = MATCH_ATTRS_VERSION, .unit = NULL, .type = NULL, .amount = 0.0, .located = 0,   \
        .lat = 0.0, .lon = 0.0, .categories = NULL, .n_categories = 0                              \
    }

/** A need's request for one resource type. */
typedef struct match_request {
    const char *type; /**< the resource type */
    double amount;    /**< > 0 */
} match_request;

/** A need's attributes (match_model_add_need() and the setters after it). */
typedef struct match_need_attrs {
    unsigned int version;  /**< MATCH_ATTRS_VERSION */
    const char *community; /**< where it was raised, required */
    const char *category;  /**< required */
    int priority;          /**< 1..MATCH_PRIORITY_LEVELS */
    double hours;          /**< volunteer-hours asked for, >= 0 */
    int min_volunteers;    /**< >= 0, or MATCH_POLICY_DEFAULT (1 if hours > 0 or listed pairs) */
    int max_volunteers;    /**< >= 0, or MATCH_UNLIMITED */
    int all_or_nothing;    /**< non-zero: coverage 0 or 1 */
    int required;          /**< non-zero: every plan covers it fully */
    const match_request *resources; /**< n_resources requests, one per type (getters: NULL) */
    size_t n_resources;
    const char *const *skills; /**< a serving volunteer has one of them (getters: NULL) */
    size_t n_skills;
    const char *const *slots; /**< when it may be served (none: any time; getters: NULL) */
    size_t n_slots;
} match_need_attrs;

#define MATCH_NEED_ATTRS_INIT                                                                      \
    {                                                                                              \
        .version = MATCH_ATTRS_VERSION, .community = NULL, .category = NULL, .priority = 1,        \
        .hours = 0.0, .min_volunteers = MATCH_POLICY_DEFAULT, .max_volunteers = MATCH_UNLIMITED,   \
        .all_or_nothing = 0, .required = 0, .resources = NULL, .n_resources = 0, .skills = NULL,   \
        .n_skills = 0, .slots = NULL, .n_slots = 0                                                 \
    }

/**
 * Adds an item with all its attributes, or nothing (see above).
 * @return MATCH_OK; MATCH_EINVAL (NULL argument, unknown version); MATCH_EDUPLICATE;
 *         MATCH_ENOTFOUND; MATCH_EINPUT; MATCH_ENOMEM, as the calls it stands for.
 */
MATCH_API int match_model_add_community_attrs(match_model *model, const char *id,
                                              const match_community_attrs *attrs);
MATCH_API int match_model_add_unit_attrs(match_model *model, const char *id,
                                         const match_unit_attrs *attrs);
MATCH_API int match_model_add_volunteer_attrs(match_model *model, const char *id,
                                              const match_volunteer_attrs *attrs);
MATCH_API int match_model_add_resource_attrs(match_model *model, const char *id,
                                             const match_resource_attrs *attrs);
MATCH_API int match_model_add_need_attrs(match_model *model, const char *id,
                                         const match_need_attrs *attrs);

/* ---- Reading an item back ------------------------------------------------------------------ */

/*
 * match_model_get_<kind>() fills an attribute struct with the item's own attributes: the
 * strings are the model's (valid until the item or the model changes), an unset number is
 * MATCH_POLICY_DEFAULT (max_volunteers: MATCH_UNLIMITED), and lists are given by their
 * length only (the array members are NULL): read their entries with the calls below, in the
 * model's order. They set no message: MATCH_ENOTFOUND for an unknown id, MATCH_EINVAL for a
 * NULL argument.
 */
MATCH_API int match_model_get_community(match_community_attrs *out, const match_model *model,
                                        const char *id);
MATCH_API int match_model_get_unit(match_unit_attrs *out, const match_model *model, const char *id);
MATCH_API int match_model_get_volunteer(match_volunteer_attrs *out, const match_model *model,
                                        const char *id);
MATCH_API int match_model_get_resource(match_resource_attrs *out, const match_model *model,
                                       const char *id);
MATCH_API int match_model_get_need(match_need_attrs *out, const match_model *model, const char *id);

/** Entry @p k of a volunteer's skills or slots; NULL for an unknown id or past the end. */
MATCH_API const char *match_model_volunteer_skill(const match_model *model, const char *id,
                                                  size_t k);
MATCH_API const char *match_model_volunteer_slot(const match_model *model, const char *id,
                                                 size_t k);
/** Entry @p k of a resource's categories; NULL for an unknown id or past the end. */
MATCH_API const char *match_model_resource_category(const match_model *model, const char *id,
                                                    size_t k);
/** Entry @p k of a need's skills, slots or requested resource types; NULL past the end. */
MATCH_API const char *match_model_need_skill(const match_model *model, const char *id, size_t k);
MATCH_API const char *match_model_need_slot(const match_model *model, const char *id, size_t k);
MATCH_API const char *match_model_need_resource_type(const match_model *model, const char *id,
                                                     size_t k);
/** The amount the need asks of request @p k (match_model_need_resource_type()); NaN past
 * the end. */
MATCH_API double match_model_need_resource_amount(const match_model *model, const char *id,
                                                  size_t k);

/** Numbers of fixed and forbidden pairs and of the entries of the plan in force. */
MATCH_API size_t match_model_fixed_count(const match_model *model);
MATCH_API size_t match_model_forbidden_count(const match_model *model);
MATCH_API size_t match_model_previous_count(const match_model *model);

/**
 * Fixed pair, forbidden pair, listed pair or plan-in-force entry @p k (0-based, in the
 * order they were added; for the plan in force a later entry of a pair replaces an earlier
 * one). Any out-parameter may be NULL; ids are the model's strings.
 * @return MATCH_OK, or MATCH_EINVAL for a NULL model or @p k out of range. Sets no message.
 */
MATCH_API int match_model_get_fixed(const char **volunteer_id, const char **need_id, double *hours,
                                    const match_model *model, size_t k);
MATCH_API int match_model_get_forbidden(const char **volunteer_id, const char **need_id,
                                        const match_model *model, size_t k);
MATCH_API int match_model_get_listed(const char **volunteer_id, const char **need_id, double *value,
                                     double *hours, const match_model *model, size_t k);
MATCH_API int match_model_get_previous(const char **volunteer_id, const char **need_id,
                                       double *hours, const match_model *model, size_t k);

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
