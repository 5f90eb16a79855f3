/*
 * Completing a warm start into a full GLPK incumbent (glpk_warm.h). The solution fixes the
 * assignment (x and y); every other column of the program follows from it, but working
 * each out by hand would repeat the formulation. Instead GLPK solves the program with the
 * assignment fixed, which its presolver reduces to almost nothing, and checks the solution
 * against every row on the way: a warm start that breaks a rule yields no incumbent.
 */
#include "glpk_warm.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void lm_glpk_warm_free(lm_glpk_warm *w)
{
    free(w->values);
    free(w->type);
    free(w->lb);
    free(w->ub);
    memset(w, 0, sizeof *w);
}

/* Saves column j's bounds in slot k and fixes it at value. */
static void fix_column(lm_glpk_warm *w, glp_prob *lp, size_t k, int j, double value)
{
    w->type[k] = glp_get_col_type(lp, j);
    w->lb[k] = glp_get_col_lb(lp, j);
    w->ub[k] = glp_get_col_ub(lp, j);
    glp_set_col_bnds(lp, j, GLP_FX, value, value);
}

static void restore_column(const lm_glpk_warm *w, glp_prob *lp, size_t k, int j)
{
    glp_set_col_bnds(lp, j, w->type[k], w->lb[k], w->ub[k]);
}

int lm_glpk_warm_complete(lm_glpk_warm *w, const lm_glpk_form *f, const lm_instance *inst,
                          const lm_solution *warm, int tm_lim, char *why)
{
    glp_prob *lp = f->lp;
    size_t n_fixed = inst->n_pairs + inst->n_rpairs;
    int n_cols = glp_get_num_cols(lp);
    w->type = malloc((n_fixed ? n_fixed : 1) * sizeof *w->type);
    w->lb = malloc((n_fixed ? n_fixed : 1) * sizeof *w->lb);
    w->ub = malloc((n_fixed ? n_fixed : 1) * sizeof *w->ub);
    double *values = w->values = malloc(((size_t)n_cols + 1) * sizeof *values);
    if (w->type == NULL || w->lb == NULL || w->ub == NULL || values == NULL)
        return MATCH_ENOMEM;
    for (size_t p = 0; p < inst->n_pairs; ++p)
        fix_column(w, lp, p, f->col_x[p], warm->x[p]);
    for (size_t q = 0; q < inst->n_rpairs; ++q)
        fix_column(w, lp, inst->n_pairs + q, f->col_y[q], warm->y[q]);

    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.tm_lim = tm_lim;
    int ret = glp_intopt(lp, &parm);
    int status = glp_mip_status(lp);
    bool found = ret == 0 && status == GLP_OPT;
    if (found) {
        values[0] = 0.0;
        for (int j = 1; j <= n_cols; ++j) {
            double v = glp_mip_col_val(lp, j);
            /* Integer columns come back within the integrality tolerance. */
            values[j] = glp_get_col_kind(lp, j) == GLP_CV ? v : round(v);
        }
        w->objective = glp_mip_obj_val(lp);
    } else {
        lm_errmsg_set(why, ret == GLP_ETMLIM || ret == GLP_ESTOP
                               ? "no time left to check it against the integer program"
                               : "it breaks a rule of the integer program");
    }

    for (size_t p = 0; p < inst->n_pairs; ++p)
        restore_column(w, lp, p, f->col_x[p]);
    for (size_t q = 0; q < inst->n_rpairs; ++q)
        restore_column(w, lp, inst->n_pairs + q, f->col_y[q]);
    w->ready = found;
    return MATCH_OK;
}
