/* Naming the required needs and fixed pairs that make a model infeasible. */
#include "glpk_diagnose.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Names listed before "and N more": the message must stay readable and fit its buffer. */
#define LM_MAX_NAMED 10

/* A message assembled piece by piece; a piece that does not fit whole is dropped, so a
 * multi-byte UTF-8 id is never cut in the middle. */
typedef struct message {
    char *buf;
    size_t len;
    size_t named;
    size_t more;
} message;

static bool append(message *msg, const char *piece)
{
    size_t n = strlen(piece);
    if (msg->len + n + 1 > LM_ERRMSG_SIZE - 32) /* room kept for "and N more" */
        return false;
    memcpy(msg->buf + msg->len, piece, n + 1);
    msg->len += n;
    return true;
}

static void append_name(message *msg, const char *name)
{
    if (msg->named < LM_MAX_NAMED && append(msg, msg->named ? ", " : "")) {
        if (append(msg, name)) {
            msg->named++;
            return;
        }
        /* The separator went in but the name did not: take it out again. */
        if (msg->named > 0)
            msg->buf[msg->len -= 2] = '\0';
    }
    msg->more++;
}

static void finish(message *msg)
{
    if (msg->more > 0) {
        size_t room = LM_ERRMSG_SIZE - msg->len;
        snprintf(msg->buf + msg->len, room, "%sand %zu more", msg->named ? " " : "", msg->more);
    }
}

/* Solved copy with required needs free: list those it leaves uncovered. */
static void name_unmet_required(const lm_instance *inst, const lm_glpk_form *diag, lm_solution *sol)
{
    const match_model *m = inst->model;
    message msg = {.buf = sol->message};
    sol->message[0] = '\0';
    append(&msg, "required needs that cannot be met: ");
    size_t prefix = msg.len;
    for (size_t i = 0; i < m->needs.len; i++) {
        const lm_need *n = &m->needs.items[i];
        if (n->required && glp_mip_col_val(diag->lp, diag->col_c[i]) < 0.5)
            append_name(&msg, n->id);
    }
    if (msg.len == prefix && msg.more == 0) {
        lm_errmsg_set(sol->message, "no plan meets the required needs and fixed pairs");
        return;
    }
    finish(&msg);
}

static double whole_hours(double fixed)
{
    return ceil(fixed - 1e-9);
}

/* Even with every required need let go the problem is infeasible: the fixed pairs ask more
 * of a volunteer, or give a need more, than the hours there are. A fixed listed pair takes
 * exactly its listed hours from the volunteer, and is outside the need's own hours. */
static int name_fixed_conflicts(const lm_instance *inst, lm_solution *sol)
{
    const match_model *m = inst->model;
    size_t nv = m->volunteers.len ? m->volunteers.len : 1;
    size_t nn = m->needs.len ? m->needs.len : 1;
    double *by_vol = calloc(nv, sizeof *by_vol);
    double *by_need = calloc(nn, sizeof *by_need);
    if (by_vol == NULL || by_need == NULL) {
        free(by_vol);
        free(by_need);
        return MATCH_ENOMEM;
    }
    for (size_t p = 0; p < inst->n_pairs; p++) {
        const lm_pair *pr = &inst->pairs[p];
        if (pr->fixed_hours <= 0)
            continue;
        if (lm_pair_is_listed(inst, p)) {
            by_vol[pr->volunteer] += pr->upper;
            continue;
        }
        by_vol[pr->volunteer] += whole_hours(pr->fixed_hours);
        by_need[pr->need] += whole_hours(pr->fixed_hours);
    }
    message msg = {.buf = sol->message};
    sol->message[0] = '\0';
    append(&msg, "fixed pairs exceed the hours of: ");
    size_t prefix = msg.len;
    for (size_t v = 0; v < m->volunteers.len; v++)
        if (by_vol[v] > m->volunteers.items[v].hours + 1e-9)
            append_name(&msg, m->volunteers.items[v].id);
    for (size_t i = 0; i < m->needs.len; i++)
        if (by_need[i] > m->needs.items[i].hours + 1e-9)
            append_name(&msg, m->needs.items[i].id);
    free(by_vol);
    free(by_need);
    if (msg.len == prefix && msg.more == 0)
        lm_errmsg_set(sol->message, "the fixed pairs cannot all be met together");
    else
        finish(&msg);
    return MATCH_OK;
}

int lm_glpk_diagnose(const lm_instance *inst, const glp_iocp *parm, lm_glpk_form *diag,
                     lm_solution *sol, char *errmsg)
{
    int rc = lm_glpk_form_build(diag, inst, LM_FORM_DIAGNOSE, NULL, errmsg);
    if (rc != MATCH_OK)
        return rc;
    int ret = glp_intopt(diag->lp, parm);
    int status = glp_mip_status(diag->lp);
    /* Any plan found, even one cut short by the time limit, names a set of required needs
     * that together cannot be met; the best plan names the fewest. */
    if ((ret == 0 || ret == GLP_EMIPGAP || ret == GLP_ETMLIM || ret == GLP_ESTOP) &&
        (status == GLP_OPT || status == GLP_FEAS)) {
        name_unmet_required(inst, diag, sol);
        return MATCH_OK;
    }
    if (ret == GLP_ENOPFS || (ret == 0 && status == GLP_NOFEAS))
        return name_fixed_conflicts(inst, sol);
    lm_errmsg_set(sol->message, "no plan meets the required needs and fixed pairs");
    return MATCH_OK;
}
