/*
 * The integer program of docs/model.md as a GLPK problem. Build it only inside
 * lm_glpk_run() (glpk_guard.h): every glp_* call may fault.
 */
#ifndef LM_GLPK_FORMULATION_H
#define LM_GLPK_FORMULATION_H

#include <glpk.h>
#include <stdbool.h>
#include <stddef.h>

#include "../../pairs/instance.h"

typedef enum lm_form_mode {
    /* The full objective of docs/model.md; required needs have c = 1. */
    LM_FORM_FULL,
    /* For explaining infeasibility: required needs get a free binary c and the objective
     * counts how many of them are met; the soft parts (distance, shortfalls) are left out. */
    LM_FORM_DIAGNOSE
} lm_form_mode;

/* How exported row and column names spell items: by id where every id of the kind is safe
 * in MPS and CPLEX LP names, else by 0-based position (docs in include/libmatch/export.h). */
typedef struct lm_glpk_naming {
    bool volunteer_ids, need_ids, resource_ids, unit_ids, type_names;
} lm_glpk_naming;

/* Chooses the spelling for a model. */
void lm_glpk_naming_init(lm_glpk_naming *naming, const match_model *m);

/* A unit's "takes part in a covered need" binary. */
typedef struct lm_glpk_project {
    size_t unit;
    int col;
} lm_glpk_project;

typedef struct lm_glpk_form {
    glp_prob *lp; /* owned by the thread's GLPK environment, not by this struct */
    int *col_x;   /* per pair: column of x */
    int *col_y;   /* per rpair: column of y */
    int *col_c;   /* per need: column of c */
    /* Everything below is scratch kept here so that a GLPK fault, which jumps out of the
     * builder, cannot leak it. */
    int *col_ind;                     /* per pair: binary "x >= 1", 0 when not made */
    int *col_rind;                    /* per rpair: binary "y >= 1", 0 when not made */
    size_t *vol_offsets, *vol_pairs;  /* pairs grouped by volunteer */
    size_t *res_offsets, *res_rpairs; /* rpairs grouped by resource */
    size_t *unit_stamp, *need_units;  /* distinct units taking part in one need */
    lm_glpk_project *proj;            /* project variables p[u,i] */
    size_t n_proj, cap_proj;
    int *ind;
    double *val;
    size_t cap_ind, cap_val;
} lm_glpk_form;

/* Builds the problem into f->lp (a new glp_prob, maximisation). With a naming, every row and
 * column gets a name (x_<volunteer>_<need>, cap_v_<volunteer>, ...) for exported files; a
 * solve passes NULL and skips that work. Returns MATCH_OK or MATCH_ENOMEM with the message in
 * errmsg. */
int lm_glpk_form_build(lm_glpk_form *f, const lm_instance *inst, lm_form_mode mode,
                       const lm_glpk_naming *naming, char *errmsg);

/* Frees the arrays; never the problem (glp_free_env() does). Safe on a zeroed struct. */
void lm_glpk_form_free(lm_glpk_form *f);

/* Whether need i's coverage is binary in the full model (all-or-nothing or
 * min_volunteers > 1). */
int lm_glpk_need_binary(const lm_need *n);

#endif
