/* Naming the required needs and fixed pairs that make a model infeasible. */
#include "glpk_diagnose.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/tolerance.h"

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

/* The most coverage need i could get if it had every eligible volunteer and resource to
 * itself: 0 when it may have, or has pairs for, fewer volunteers than it asks for, or when
 * its coverage is all or nothing and its pairs cannot bring its hours or a requested type
 * in full. */
static double coverage_ceiling(const lm_instance *inst, size_t i)
{
    const lm_need *n = &inst->model->needs.items[i];
    int team = lm_need_min_volunteers(n), max = lm_need_max_volunteers(n);
    size_t pairs = inst->need_pairs[i + 1] - inst->need_pairs[i];
    if ((max >= 0 && max < team) || (team > 0 && pairs < (size_t)team))
        return 0.0;
    double ceiling = 1.0;
    if (n->hours > 0) {
        double reach = 0.0; /* hours every pair could bring, each volunteer to this need alone */
        for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; p++)
            reach += inst->pairs[p].upper;
        ceiling = fmin(ceiling, reach / n->hours);
    }
    for (size_t k = 0; k < n->n_requests; k++) {
        double supply = 0.0;
        for (size_t q = inst->need_rpairs[i]; q < inst->need_rpairs[i + 1]; q++)
            if (inst->rpairs[q].request == k)
                supply += inst->rpairs[q].upper;
        if (n->requests[k].amount > 0)
            ceiling = fmin(ceiling, supply / n->requests[k].amount);
    }
    if (lm_glpk_need_binary(n) && ceiling < 1.0 - LM_TOL_EXACT)
        return 0.0;
    return ceiling;
}

/* Fixed pairs that give a need more hours than it can be carried out to (docs/model.md rule
 * 2: hours only as far as the need is carried out), each named "volunteer at need". */
static void name_uncarried_fixed(const lm_instance *inst, const double *by_need, message *msg)
{
    const match_model *m = inst->model;
    for (size_t i = 0; i < m->needs.len; i++) {
        const lm_need *n = &m->needs.items[i];
        double ceiling = coverage_ceiling(inst, i);
        double carried = lm_whole_down(ceiling * (n->hours > 0 ? n->hours : 0.0));
        bool hours_over = by_need[i] > carried + LM_TOL_EXACT;
        for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; p++) {
            const lm_pair *pr = &inst->pairs[p];
            bool listed = lm_pair_is_listed(inst, p);
            if (pr->fixed_hours <= 0 || (listed ? ceiling > 0.0 : !hours_over))
                continue;
            char name[2 * LM_ERRMSG_SIZE / 8];
            snprintf(name, sizeof name, "%s at %s (%g of %g hours can be carried out)",
                     m->volunteers.items[pr->volunteer].id, n->id, carried, n->hours);
            append_name(msg, name);
        }
    }
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
        by_vol[pr->volunteer] += lm_whole_up(pr->fixed_hours);
        by_need[pr->need] += lm_whole_up(pr->fixed_hours);
    }
    message msg = {.buf = sol->message};
    sol->message[0] = '\0';
    append(&msg, "fixed pairs exceed the hours of: ");
    size_t prefix = msg.len;
    for (size_t v = 0; v < m->volunteers.len; v++)
        if (by_vol[v] > m->volunteers.items[v].hours + LM_TOL_EXACT)
            append_name(&msg, m->volunteers.items[v].id);
    for (size_t i = 0; i < m->needs.len; i++)
        if (by_need[i] > m->needs.items[i].hours + LM_TOL_EXACT)
            append_name(&msg, m->needs.items[i].id);
    if (msg.len == prefix && msg.more == 0) {
        msg = (message){.buf = sol->message};
        sol->message[0] = '\0';
        append(&msg, "fixed pairs give needs hours they cannot carry out: ");
        name_uncarried_fixed(inst, by_need, &msg);
    }
    free(by_vol);
    free(by_need);
    if (msg.named == 0 && msg.more == 0)
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
