/*
 * match_model_export(): the integer program of the GLPK backend, built by the same
 * formulation code with names on every row and column, written by GLPK's MPS or CPLEX LP
 * writer into the temporary file of an atomic replacement (common/file_replace.h).
 */
#include "libmatch/export.h"

#include <glpk.h>
#include <stdbool.h>
#include <stdio.h>

#include "../common/file_replace.h"
#include "../model/model_internal.h"
#include "flow_export.h"
#include "../solve/glpk/glpk_formulation.h"
#include "../solve/glpk/glpk_guard.h"
#include "../pairs/instance.h"

/* Kept outside the guarded body so that it survives a GLPK fault (glpk_guard.h). */
typedef struct export_run {
    const lm_instance *inst;
    match_export_format format;
    const char *path; /* as the caller gave it, for messages */
    const char *tmp_path;
    char *errmsg;
    lm_glpk_form form;
    /* GLPK says why a write failed only in its terminal output: the last line is kept. */
    char last_line[LM_ERRMSG_SIZE / 2];
} export_run;

static void keep_last_line(match_log_level level, const char *message, void *payload)
{
    (void)level;
    export_run *run = payload;
    snprintf(run->last_line, sizeof run->last_line, "%s", message);
}

/*
 * Columns in no row trip GLPK's writers or other readers: the LP writer writes a problem
 * without rows (or columns) as an empty file no reader accepts, dropping the objective; the
 * MPS writer faults on such a column when there are no rows, and otherwise marks it with a
 * "$ empty column" comment that CBC rejects. They occur only in corner cases (no needs at
 * all, needs that ask for nothing, priority weights of 0). Such columns are put into one row
 * "redundant" that only repeats their upper bounds, and an empty program gets a column
 * "dummy" fixed at 0: the optimum is unchanged. Returns false on no memory.
 */
static bool pad_empty(export_run *run)
{
    glp_prob *lp = run->form.lp;
    if (glp_get_num_cols(lp) == 0) {
        int j = glp_add_cols(lp, 1);
        glp_set_col_name(lp, j, "dummy");
        glp_set_col_bnds(lp, j, GLP_FX, 0.0, 0.0);
    }
    int n = glp_get_num_cols(lp), len = 0;
    double bound = 0.0;
    lm_glpk_form *f = &run->form;
    if (!lm_reserve((void **)&f->ind, &f->cap_ind, (size_t)n + 1, sizeof *f->ind) ||
        !lm_reserve((void **)&f->val, &f->cap_val, (size_t)n + 1, sizeof *f->val))
        return false;
    for (int j = 1; j <= n; j++) {
        if (glp_get_mat_col(lp, j, NULL, NULL) != 0)
            continue;
        f->ind[++len] = j;
        f->val[len] = 1.0;
        bound += glp_get_col_ub(lp, j); /* finite: coverage and the column above */
    }
    if (len > 0) {
        int i = glp_add_rows(lp, 1);
        glp_set_row_name(lp, i, "redundant");
        glp_set_row_bnds(lp, i, GLP_UP, 0.0, bound);
        glp_set_mat_row(lp, i, len, f->ind, f->val);
    }
    return true;
}

/*
 * The objective's constant term (obligations beyond a volunteer's hours, hours of the plan
 * in force on pairs that no longer exist) as a column "constant" fixed at 1: GLPK's LP
 * writer keeps a constant term only as a comment, which every reader drops.
 */
static void carry_constant(glp_prob *lp)
{
    double constant = glp_get_obj_coef(lp, 0);
    if (constant == 0.0)
        return;
    int j = glp_add_cols(lp, 1);
    glp_set_col_name(lp, j, "constant");
    glp_set_col_bnds(lp, j, GLP_FX, 1.0, 1.0);
    glp_set_obj_coef(lp, j, constant);
    glp_set_obj_coef(lp, 0, 0.0);
}

static int export_body(void *ctx)
{
    export_run *run = ctx;
    lm_glpk_naming naming;
    lm_glpk_naming_init(&naming, run->inst->model);
    int rc = lm_glpk_form_build(&run->form, run->inst, LM_FORM_FULL, &naming, run->errmsg);
    if (rc != MATCH_OK)
        return rc;
    carry_constant(run->form.lp);
    if (!pad_empty(run)) {
        lm_errmsg_set(run->errmsg, "out of memory while exporting the integer program");
        return MATCH_ENOMEM;
    }
    int ret = run->format == MATCH_EXPORT_MPS
                  ? glp_write_mps(run->form.lp, GLP_MPS_FILE, NULL, run->tmp_path)
                  : glp_write_lp(run->form.lp, NULL, run->tmp_path);
    glp_delete_prob(run->form.lp);
    run->form.lp = NULL;
    if (ret != 0) {
        lm_errmsg_set(run->errmsg, "cannot write model %s: GLPK: %s", run->path,
                      run->last_line[0] != '\0' ? run->last_line : "write failed");
        return MATCH_EIO;
    }
    return MATCH_OK;
}

/* The content of the temporary file: GLPK opens it by name and writes it itself. */
static int write_program(FILE *f, const char *tmp_path, void *payload, char *errmsg)
{
    (void)f;
    export_run *run = payload;
    run->tmp_path = tmp_path;
    run->errmsg = errmsg;
    match_options opts = MATCH_OPTIONS_INIT;
    opts.log = keep_last_line;
    opts.log_level = MATCH_LOG_DEBUG;
    opts.log_payload = run;
    return lm_glpk_run(export_body, run, &opts, errmsg);
}

int match_model_export(match_model *model, const char *path, match_export_format format)
{
    if (model == NULL)
        return MATCH_EINVAL;
    if (path == NULL)
        return lm_fail(model, MATCH_EINVAL, "match_model_export: path is NULL");
    if (format != MATCH_EXPORT_MPS && format != MATCH_EXPORT_LP && format != MATCH_EXPORT_DIMACS)
        return lm_fail(model, MATCH_EINVAL, "match_model_export: unknown format %d", (int)format);
    char errmsg[LM_ERRMSG_SIZE] = "";
    if (format == MATCH_EXPORT_DIMACS) {
        int rc = lm_flow_export_dimacs(model, path, errmsg);
        return rc == MATCH_OK ? MATCH_OK : lm_fail(model, rc, "%s", errmsg);
    }
    lm_instance inst;
    int rc = lm_instance_build(&inst, model, errmsg);
    if (rc != MATCH_OK)
        return lm_fail(model, rc, "%s", errmsg);
    export_run run = {.inst = &inst, .format = format, .path = path};
    rc = lm_file_replace(path, "model", write_program, &run, errmsg);
    lm_glpk_form_free(&run.form);
    lm_instance_free(&inst);
    return rc == MATCH_OK ? MATCH_OK : lm_fail(model, rc, "%s", errmsg);
}
