/* The storage of a plan comparison (diff.h), shared by the builder and the JSON writer. */
#ifndef LM_PLAN_DIFF_INTERNAL_H
#define LM_PLAN_DIFF_INTERNAL_H

#include <stddef.h>

#include "libmatch/diff.h"
#include "plan_internal.h"

#define LM_DIFF_GROUPINGS 3 /* match_grouping values */

typedef struct lm_diff_need {
    char *id;
    match_change change;
    double coverage[2]; /* by match_side */
    int priority;
    char *category; /* "" when unknown */
    char *street;   /* "" when unknown or none */
} lm_diff_need;

typedef struct lm_diff_move {
    char *volunteer;
    char *need;
    double hours[2];
} lm_diff_move;

typedef struct lm_diff_group {
    char *key;
    size_t needs[2];
    size_t met[2];
    double coverage[2];
} lm_diff_group;

struct match_diff {
    double objective[2];
    match_status status[2];
    lm_diff_need *needs;
    size_t n_needs;
    lm_diff_move *moves;
    size_t n_moves;
    size_t volunteers_moved;
    lm_diff_group *groups[LM_DIFF_GROUPINGS]; /* by match_grouping */
    size_t n_groups[LM_DIFF_GROUPINGS];
};

#endif
