/*
 * A model prepared for solving: the eligible volunteer-need pairs and resource-need pairs
 * (docs/model.md, "Who may serve what"), grouped by need, plus per-need counts of why
 * candidates were filtered out (used to explain unmet needs).
 */
#ifndef LM_INSTANCE_H
#define LM_INSTANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "../model/model_internal.h"

/* A volunteer-need pair that may carry hours. A listed pair (lm_instance.listed) carries
 * exactly `upper` hours or none. */
typedef struct lm_pair {
    size_t volunteer;
    size_t need;
    double distance_km;
    double fixed_hours; /* > 0 when the pair is fixed: x >= fixed_hours */
    double upper;       /* floor(min(volunteer hours, need hours)), at least fixed_hours; for a
                         * listed pair its hours */
} lm_pair;

/* A resource-need pair. */
typedef struct lm_rpair {
    size_t resource;
    size_t need;
    size_t request; /* index into the need's requests */
    double distance_km;
    double upper; /* floor(min(resource amount, requested amount)) */
} lm_rpair;

/* Whether a resource may serve one request of a need (docs/model.md, "Who may serve what"),
 * or the first rule it fails, in this order. The resource's type is the request's: callers
 * look only at resources of the requested type. */
typedef enum lm_resource_rule {
    LM_RESOURCE_SERVES = 0,
    LM_RESOURCE_OTHER_CATEGORY, /* it has categories, and not the need's */
    LM_RESOURCE_OUT_OF_REACH,   /* farther than the policy's max_distance_km */
    LM_RESOURCE_NO_WHOLE_UNIT   /* it, or the request, has less than one whole unit */
} lm_resource_rule;

/* Checks resource r against request `request` of need n. distance_km (when the category
 * passes) and upper (when the distance passes: floor(min(amount, requested))) are set when
 * not NULL. */
lm_resource_rule lm_resource_may_serve(const match_model *m, const lm_resource *r, const lm_need *n,
                                       size_t request, double *distance_km, double *upper);

/* Why volunteers were not paired with a need: each volunteer counts once, for the first
 * rule it fails in this order. */
typedef struct lm_need_filters {
    size_t out_of_reach; /* farther than the volunteer's max_distance_km */
    size_t no_skill;     /* within reach, lacks every skill the need asks for */
    size_t no_slot;      /* within reach and skilled, no common slot */
    size_t forbidden;    /* would be eligible, but the pair is forbidden */
    size_t no_hours;     /* would be eligible, but has no hours to give */
    size_t eligible;     /* pairs made by the rules (fixed pairs not counted) */
} lm_need_filters;

/* A pair of the plan in force (stable re-planning), one per pair with hours > 0. */
typedef struct lm_prev_pair {
    size_t volunteer, need;
    size_t pair; /* its index in pairs, LM_NONE when the pair no longer exists */
    double hours;
} lm_prev_pair;

typedef struct lm_instance {
    const match_model *model;
    lm_pair *pairs; /* sorted by need, then volunteer */
    size_t n_pairs;
    /* n_needs + 1 offsets: the pairs of need i are [need_pairs[i], need_pairs[i + 1]). */
    size_t *need_pairs;
    lm_rpair *rpairs; /* sorted by need, then resource */
    size_t n_rpairs;
    size_t *need_rpairs;      /* n_needs + 1 offsets into rpairs */
    lm_need_filters *filters; /* one per need */
    /* Per pair, only when the model lists pairs (else both NULL): non-zero for a listed
     * pair, and its value. Kept apart from lm_pair so that scenarios without listed pairs,
     * which may have millions of pairs, pay nothing for them. */
    unsigned char *listed;
    double *value;
    size_t n_listed; /* listed pairs among the pairs */
    /* The model's plan in force mapped onto the pairs (previous_pairs.c); NULL and 0 when
     * the model has none or it gives nobody hours. */
    lm_prev_pair *previous; /* sorted by need, then volunteer; a pair at most once */
    size_t n_previous;
    double *pair_previous; /* per pair: the hours the plan in force gives it */
    /* Hours of the plan in force on pairs that no longer exist: moved whatever the plan. */
    double previous_unpaired;
} lm_instance;

/* Whether pair p is a listed pair (chosen whole: exactly its upper hours, or none). */
static inline bool lm_pair_is_listed(const lm_instance *inst, size_t p)
{
    return inst->listed != NULL && inst->listed[p] != 0;
}

/*
 * Builds the pairs of a model. Fixed pairs are always included (with their lower bound);
 * forbidden pairs never. Listed pairs replace the rules' pair of the same volunteer and
 * need; under eligibility "pairs_only" the rules make no pair at all (and count nothing in
 * the filters). Returns MATCH_OK or MATCH_ENOMEM (message in errmsg, a buffer of
 * LM_ERRMSG_SIZE bytes).
 */
int lm_instance_build(lm_instance *inst, const match_model *model, char *errmsg);
void lm_instance_free(lm_instance *inst);

#endif
