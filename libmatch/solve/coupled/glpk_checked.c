/*
 * GLPK's "infeasible" confirmed before it is reported. GLPK decides feasibility with
 * tolerances; a verdict of "no plan" is believed only when nothing disproves it:
 *
 *  1. the plan that gives every fixed pair its hours and nothing else, when it keeps every
 *     capacity and covers every required need, is a plan;
 *  2. for a scenario the network can carry (no listed pairs, no max_volunteers), a flow
 *     with team caps (flow_network.h) whose plan meets every rule is a plan;
 *  3. the flow relaxation having no flow at all confirms the verdict (logged).
 *
 * When a plan is found, GLPK solves again from it as its first incumbent (so it cannot call
 * the scenario infeasible again); should it still find nothing, that plan is the answer,
 * "feasible" with no bound.
 */
#include <math.h>
#include <stdlib.h>

#include "../../pairs/network_check.h"
#include "../../solution/evaluate.h"
#include "../backend.h"
#include "../flow/flow_network.h"
#include "../glpk/glpk_warm.h"
#include "../solve_log.h"
#include "../warm_start.h"

/* Whether sol meets every capacity, fixed pair and required need; sets its objective. */
static int plan_is_valid(const lm_instance *inst, lm_solution *sol, bool *valid)
{
    char why[LM_ERRMSG_SIZE];
    bool met = false;
    *valid = false;
    if (!lm_warm_start_valid(inst, sol, why))
        return MATCH_OK;
    int rc = lm_solution_evaluate(inst, sol, &sol->objective, &met, sol->c);
    *valid = rc == MATCH_OK && met;
    sol->status = MATCH_STATUS_FEASIBLE;
    return rc;
}

/* Certificate 1: every fixed pair at its hours (a fixed listed pair chosen), nothing else. */
static int fixed_only_plan(const lm_instance *inst, lm_solution *sol, bool *found)
{
    size_t n_needs = inst->model->needs.len;
    *found = false;
    lm_solution_init(sol);
    sol->x = calloc(inst->n_pairs ? inst->n_pairs : 1, sizeof *sol->x);
    sol->y = calloc(inst->n_rpairs ? inst->n_rpairs : 1, sizeof *sol->y);
    sol->c = calloc(n_needs ? n_needs : 1, sizeof *sol->c);
    if (inst->listed != NULL)
        sol->chosen = calloc(inst->n_pairs ? inst->n_pairs : 1, sizeof *sol->chosen);
    if (sol->x == NULL || sol->y == NULL || sol->c == NULL ||
        (inst->listed != NULL && sol->chosen == NULL))
        return MATCH_ENOMEM;
    for (size_t p = 0; p < inst->n_pairs; ++p) {
        const lm_pair *pr = &inst->pairs[p];
        if (!(pr->fixed_hours > 0))
            continue;
        if (lm_pair_is_listed(inst, p)) {
            sol->chosen[p] = 1;
            sol->x[p] = pr->upper;
        } else {
            sol->x[p] = lm_whole_up(pr->fixed_hours);
        }
    }
    return plan_is_valid(inst, sol, found);
}

/* Certificate 2: a flow plan with team caps. *relaxed_infeasible: the relaxation (no caps)
 * has no flow, which confirms GLPK's verdict. */
static int flow_plan(const lm_instance *inst, lm_solution *sol, bool *found,
                     bool *relaxed_infeasible)
{
    *found = false;
    *relaxed_infeasible = false;
    lm_solution_init(sol);
    lm_flow_net net;
    int rc = lm_flow_build(&net, inst, false);
    if (rc == LM_NS_OK)
        rc = lm_ns_solve(net.ns);
    lm_flow_free(&net);
    if (rc == LM_NS_NOMEM)
        return MATCH_ENOMEM;
    if (rc == LM_NS_INFEASIBLE) {
        *relaxed_infeasible = true;
        return MATCH_OK;
    }
    if (rc != LM_NS_OPTIMAL)
        return MATCH_OK; /* nothing to say either way */
    rc = lm_flow_build(&net, inst, true);
    if (rc == LM_NS_OK)
        rc = lm_ns_solve(net.ns);
    int result = MATCH_OK;
    if (rc == LM_NS_OPTIMAL) {
        result = lm_flow_extract(&net, sol);
        if (result == MATCH_OK)
            result = plan_is_valid(inst, sol, found);
    } else if (rc == LM_NS_NOMEM) {
        result = MATCH_ENOMEM;
    }
    lm_flow_free(&net);
    return result;
}

static int checked_solve(const lm_instance *inst, const match_options *opts, lm_deadline *dl,
                         lm_solution *sol, char *errmsg)
{
    int rc = lm_backend_glpk.solve(inst, opts, dl, sol, errmsg);
    if (rc != MATCH_OK || sol->status != MATCH_STATUS_INFEASIBLE)
        return rc;
    lm_solution plan;
    bool found = false, relaxed_infeasible = false;
    rc = fixed_only_plan(inst, &plan, &found);
    if (rc == MATCH_OK && !found && !lm_instance_needs_mip(inst, NULL, 0)) {
        lm_solution_free(&plan);
        rc = flow_plan(inst, &plan, &found, &relaxed_infeasible);
    }
    if (rc != MATCH_OK) {
        lm_solution_free(&plan);
        lm_errmsg_set(errmsg, "out of memory while checking GLPK's verdict");
        return rc;
    }
    if (!found) {
        lm_solution_free(&plan);
        lm_log(opts, MATCH_LOG_INFO, "GLPK: no plan%s",
               relaxed_infeasible ? "; confirmed: the flow relaxation "
                                    "has no flow either"
                                  : "");
        return MATCH_OK;
    }
    lm_log(opts, MATCH_LOG_INFO,
           "GLPK reported no plan, but a plan of value %.10g exists: solving again from it",
           plan.objective);
    lm_solution again;
    lm_solution_init(&again);
    rc = lm_glpk_solve_from(inst, opts, dl, &plan, &again, errmsg);
    if (rc == MATCH_OK && again.x != NULL &&
        (again.status == MATCH_STATUS_OPTIMAL || again.status == MATCH_STATUS_FEASIBLE)) {
        lm_solution_free(sol);
        *sol = again;
        lm_solution_free(&plan);
        return MATCH_OK;
    }
    lm_solution_free(&again);
    if (rc != MATCH_OK && rc != MATCH_ESOLVER) {
        lm_solution_free(&plan);
        return rc;
    }
    /* GLPK found nothing even from a plan: the plan stands, with nothing proven about it. */
    lm_solution_free(sol);
    *sol = plan;
    sol->status = MATCH_STATUS_FEASIBLE;
    sol->bound = NAN;
    return MATCH_OK;
}

const lm_backend lm_backend_glpk_checked = {"glpk", checked_solve};
