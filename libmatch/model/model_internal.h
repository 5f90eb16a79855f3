/*
 * The model's storage, shared by the builder, the file reader, pair generation and the
 * solver backends. Items refer to each other by 0-based index; LM_NONE means "no item".
 * Skills, slots, categories and resource types are interned into one tag table so that
 * comparisons are integer comparisons; each item keeps its tags sorted and unique.
 */
#ifndef LM_MODEL_INTERNAL_H
#define LM_MODEL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "libmatch/model.h"
#include "../common/pairmap.h"
#include "../common/strmap.h"
#include "../common/util.h"

#define LM_NONE ((size_t)-1)
#define LM_PRIORITY_LEVELS MATCH_PRIORITY_LEVELS

/* A sorted set of tag indexes. */
typedef struct lm_tagset {
    size_t *tags;
    size_t len;
    size_t cap;
} lm_tagset;

/* What the objective ranks first (policy "objective"). */
typedef enum lm_objective_mode {
    LM_OBJECTIVE_WEIGHTED = 0, /* one weighted sum of every term */
    LM_OBJECTIVE_LEXICOGRAPHIC /* priority 5 first, then 4, ..., then the cost terms */
} lm_objective_mode;

/* Which volunteer-need pairs exist (policy "eligibility"). */
typedef enum lm_eligibility_mode {
    LM_ELIGIBILITY_COMPUTED = 0, /* the rules, plus or overridden by listed pairs */
    LM_ELIGIBILITY_PAIRS_ONLY    /* only the listed pairs */
} lm_eligibility_mode;

typedef struct lm_policy {
    lm_objective_mode objective;
    lm_eligibility_mode eligibility;
    double change_penalty; /* per volunteer-hour moved away from the previous plan */
    double max_distance_km;
    double priority_weights[LM_PRIORITY_LEVELS];
    double distance_cost;
    double volunteer_min_hours;
    double volunteer_shortfall_penalty;
    int unit_min_projects;
    double unit_shortfall_penalty;
    /* Indicators only (match_plan_evaluate()); the solve ignores them. */
    double volunteer_min_services; /* whole: services a member's yearly minimum asks for */
    double points_per_hour;        /* service points per volunteer-hour */
    double points_per_project;     /* service points per project served */
} lm_policy;

typedef struct lm_community {
    char *id;
    char *name;   /* may be NULL */
    char *street; /* may be NULL */
    double lat, lon;
} lm_community;

typedef struct lm_unit {
    char *id;
    char *name; /* may be NULL */
    size_t community;
    int min_projects; /* valid when has_min_projects */
    bool has_min_projects;
} lm_unit;

typedef struct lm_volunteer {
    char *id;
    char *name; /* may be NULL */
    size_t community;
    size_t unit;     /* LM_NONE: not in a unit */
    double lat, lon; /* valid when has_location */
    bool has_location;
    double hours;
    double min_hours; /* valid when has_min_hours */
    bool has_min_hours;
    double max_distance_km; /* valid when has_max_distance */
    bool has_max_distance;
    lm_tagset skills;
    lm_tagset slots;
} lm_volunteer;

typedef struct lm_resource {
    char *id;
    char *name; /* may be NULL */
    size_t unit;
    size_t type; /* tag */
    double amount;
    double lat, lon; /* valid when has_location */
    bool has_location;
    lm_tagset categories; /* empty: any category */
} lm_resource;

/* A need's request for one resource type. */
typedef struct lm_request {
    size_t type; /* tag */
    double amount;
} lm_request;

typedef struct lm_need {
    char *id;
    char *name; /* may be NULL: a title for reports */
    size_t community;
    size_t category; /* tag */
    int priority;    /* 1..5 */
    double hours;
    int min_volunteers; /* valid when has_min_volunteers */
    bool has_min_volunteers;
    int max_volunteers; /* valid when has_max_volunteers */
    bool has_max_volunteers;
    size_t n_listed; /* listed pairs naming this need (they change the min_volunteers default) */
    lm_request *requests;
    size_t n_requests;
    size_t cap_requests;
    bool all_or_nothing;
    bool required;
    lm_tagset skills;
    lm_tagset slots;
} lm_need;

typedef struct lm_fixed {
    size_t volunteer, need;
    double hours;
} lm_fixed;

typedef struct lm_forbidden {
    size_t volunteer, need;
} lm_forbidden;

/* A pair the caller listed (scenario "pairs"): chosen whole or not at all. */
typedef struct lm_listed {
    size_t volunteer, need;
    double value; /* added to the objective when chosen; negative for a cost */
    double hours; /* the volunteer spends exactly this when chosen */
} lm_listed;

/* Hours the plan in force gives a pair (stable re-planning, policy "change_penalty"). Entries
 * are kept in the order they were set; a later entry for the same pair replaces an earlier
 * one (solve/previous_pairs.c resolves that). */
typedef struct lm_previous {
    size_t volunteer, need;
    double hours; /* whole, >= 0 */
} lm_previous;

/* One list of items of one kind with its id index. Every item struct starts with its id. */
#define LM_LIST(type)                                                                              \
    struct {                                                                                       \
        type *items;                                                                               \
        size_t len;                                                                                \
        size_t cap;                                                                                \
        lm_strmap ids;                                                                             \
    }

struct match_model {
    char *name; /* NULL: unnamed */
    lm_policy policy;
    LM_LIST(lm_community) communities;
    LM_LIST(lm_unit) units;
    LM_LIST(lm_volunteer) volunteers;
    LM_LIST(lm_resource) resources;
    LM_LIST(lm_need) needs;
    lm_fixed *fixed;
    size_t n_fixed, cap_fixed;
    lm_forbidden *forbidden;
    size_t n_forbidden, cap_forbidden;
    lm_listed *listed;
    size_t n_listed, cap_listed;
    lm_pairmap listed_index; /* (volunteer, need) -> index into listed */

    /* The plan in force, when has_previous: its hours per pair, and how many of its entries
     * named a volunteer or need this model does not have (they were left out). */
    bool has_previous;
    lm_previous *previous;
    size_t n_previous, cap_previous;
    size_t previous_ignored;
    /* Interned tag names; tag_ids maps a name to its index. */
    char **tags;
    size_t n_tags, cap_tags;
    lm_strmap tag_ids;
    /* The last failure (match_model_error()); error_at: lm_at() named its item for the next
     * lm_fail(). */
    match_error_detail error;
    bool error_at;
    /* What the last match_model_remove_ex() removed, in order (model_cascade.c). */
    struct lm_removed *removed;
    size_t n_removed, cap_removed;
};

/* Frees the report of removed items (model_cascade.c). */
void lm_removed_free(match_model *m);

/* The policy of docs/model.md with its defaults. */
void lm_policy_default(lm_policy *policy);

/* Checks and look-ups shared by the builder and the editing calls (model_checks.c). Each
 * failure sets the model's message, naming the item (kind, id) and the field. */
bool lm_nonempty(const char *s);
int lm_check_nonneg(match_model *m, const char *kind, const char *id, const char *field,
                    double value);
int lm_check_location(match_model *m, const char *kind, const char *id, double lat, double lon);
/* Resolves the id `ref` that field `field` of item (kind, id) names, in list `target`. */
int lm_resolve_ref(match_model *m, const char *kind, const char *id, const char *field,
                   const char *target, size_t (*find)(const match_model *, const char *),
                   const char *ref, size_t *out);
/* Looks up the existing item a setter is about (MATCH_EINVAL for a NULL model). */
int lm_find_existing(match_model *m, const char *kind,
                     size_t (*find)(const match_model *, const char *), const char *id,
                     size_t *out);
/* Resolves the volunteer and need of a pair of some kind ("fixed", "forbidden", "listed"),
 * with messages such as `fixed pair ("V1", "N9"): field "need": no need with id "N9"`. */
int lm_resolve_pair(match_model *m, const char *kind, const char *volunteer_id, const char *need_id,
                    size_t *v, size_t *i);
/* Interns a tag name; *tag receives its index. */
int lm_intern_tag(match_model *m, const char *name, size_t *tag);

/* Effective values: the item's own setting or the policy default. */
double lm_volunteer_lat(const match_model *m, const lm_volunteer *v);
double lm_volunteer_lon(const match_model *m, const lm_volunteer *v);
double lm_volunteer_min_hours(const match_model *m, const lm_volunteer *v);
double lm_volunteer_max_distance(const match_model *m, const lm_volunteer *v);
double lm_resource_lat(const match_model *m, const lm_resource *r);
double lm_resource_lon(const match_model *m, const lm_resource *r);
int lm_unit_min_projects(const match_model *m, const lm_unit *u);
int lm_need_min_volunteers(const lm_need *n);
/* The need's max_volunteers, or -1 when unlimited. */
int lm_need_max_volunteers(const lm_need *n);
/* Index into m->listed of the pair (volunteer v, need i), or LM_NONE. */
size_t lm_find_listed(const match_model *m, size_t v, size_t i);
/* The request of need n for resource type `type` (a tag), LM_NONE if it asks for none. A
 * need asks for a type once (the builder refuses a second request); were it asked twice,
 * the first would count. */
size_t lm_need_request_of_type(const lm_need *n, size_t type);
/* The amount of resource type `type` the need asks for; 0 if it asks for none. */
double lm_need_request_amount(const lm_need *n, size_t type);

/* Checks that keep listed, fixed and forbidden pairs and team bounds consistent
 * (model_pairs.c): each returns MATCH_OK or MATCH_EINPUT with the message set. */
int lm_check_new_fixed(match_model *m, size_t v, size_t i, double hours);
int lm_check_new_forbidden(match_model *m, size_t v, size_t i);
int lm_check_min_volunteers(match_model *m, size_t i, int min_volunteers);

/* True when the two sorted sets share an element. */
bool lm_tagset_intersects(const lm_tagset *a, const lm_tagset *b);
bool lm_tagset_contains(const lm_tagset *set, size_t tag);

/* Index of the item with this id, or LM_NONE. */
size_t lm_find_community(const match_model *m, const char *id);
size_t lm_find_unit(const match_model *m, const char *id);
size_t lm_find_volunteer(const match_model *m, const char *id);
size_t lm_find_resource(const match_model *m, const char *id);
size_t lm_find_need(const match_model *m, const char *id);
/* The tag's name. */
const char *lm_tag_name(const match_model *m, size_t tag);

/* Appends an entry to the previous plan (which it starts if there was none). Returns
 * MATCH_OK or MATCH_ENOMEM (message set). */
int lm_previous_add(match_model *m, size_t volunteer, size_t need, double hours);

/* Sets the model's error (code and message) and returns code (so callers can
 * `return lm_fail(m, code, ...)`). The error is about no item unless lm_at() named one. */
int lm_fail(match_model *m, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Names the item and field the next lm_fail() is about and returns m, for
 * `return lm_fail(lm_at(m, MATCH_KIND_NEED, id, "hours"), MATCH_EINPUT, ...)`. id and field
 * may be NULL. lm_at_named() takes the kind by its name ("volunteer"); lm_at_pair() is about
 * the pair (volunteer_id, need_id). */
match_model *lm_at(match_model *m, match_item_kind kind, const char *id, const char *field);
match_model *lm_at_named(match_model *m, const char *kind, const char *id, const char *field);
match_model *lm_at_pair(match_model *m, const char *volunteer_id, const char *need_id,
                        const char *field);

/* Copies a detail filled elsewhere (a reader's) into the model's error; returns its code. */
int lm_fail_detail(match_model *m, const match_error_detail *detail);

/* Copies at most size - 1 bytes of s (NULL: "") into buf, NUL-terminated. */
void lm_copy_text(char *buf, size_t size, const char *s);

#endif
