/*
 * match_model_solve(): checks the arguments, prepares the pairs, hands them to a backend
 * and turns the backend's raw answer into a plan.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "libmatch/solve.h"
#include "../model/model_internal.h"
#include "../plan/plan_internal.h"
#include "../solution/carry.h"
#include "backend.h"
#include "deadline.h"
#include "../pairs/instance.h"
#include "../pairs/network_check.h"
#include "solve_log.h"

int match_options_init(match_options *options, unsigned int version)
{
    if (options == NULL || (version != MATCH_OPTIONS_VERSION && version != 1))
        return MATCH_EINVAL;
    match_options defaults = MATCH_OPTIONS_INIT;
    defaults.version = version;
    /* A version 1 struct ends before the progress fields. */
    memcpy(options, &defaults, version == 1 ? offsetof(match_options, progress) : sizeof defaults);
    return MATCH_OK;
}

static bool known_solver(match_solver solver)
{
    return solver == MATCH_SOLVER_AUTO || solver == MATCH_SOLVER_GLPK ||
           solver == MATCH_SOLVER_FLOW;
}

/* The network simplex where the scenario is a pure network (exact and far faster); else flow
 * bounds and plans first, then GLPK's branch and cut if a gap remains; straight to GLPK when
 * the scenario has rules the flow relaxation would ignore (listed pairs, max_volunteers).
 * NULL, with the reason in errmsg, when the flow solver is asked for a scenario it cannot
 * express. The lexicographic objective is solved level by level by the network simplex or
 * by GLPK (flow_levels.c, glpk_levels.c); the coupled path's bounds are for the weighted
 * objective, so such scenarios go to GLPK. */
static const lm_backend *pick_backend(match_solver solver, const lm_instance *inst, char *errmsg)
{
    if (solver == MATCH_SOLVER_GLPK)
        return &lm_backend_glpk_checked;
    char why[LM_ERRMSG_SIZE / 2];
    if (lm_instance_is_network(inst, why, sizeof why))
        return &lm_backend_flow;
    if (solver == MATCH_SOLVER_FLOW) {
        lm_errmsg_set(errmsg, "options: solver \"flow\" needs a pure network, but %s", why);
        return NULL;
    }
    if (lm_instance_needs_mip(inst, NULL, 0) ||
        inst->model->policy.objective == LM_OBJECTIVE_LEXICOGRAPHIC)
        return &lm_backend_glpk_checked;
    return &lm_backend_coupled;
}

static int check_options(match_model *model, const match_options *o)
{
    if (o->version != MATCH_OPTIONS_VERSION && o->version != 1)
        return lm_fail(model, MATCH_EINVAL, "options: unknown version %u (expected 1 or %d)",
                       o->version, MATCH_OPTIONS_VERSION);
    if (!isfinite(o->time_limit) || o->time_limit < 0)
        return lm_fail(model, MATCH_EINVAL, "options: time_limit must be finite and >= 0");
    if (!isfinite(o->mip_gap) || o->mip_gap < 0)
        return lm_fail(model, MATCH_EINVAL, "options: mip_gap must be finite and >= 0");
    if (!known_solver(o->solver))
        return lm_fail(model, MATCH_EINVAL, "options: unknown solver %d", (int)o->solver);
    if (o->log_level < MATCH_LOG_ERROR || o->log_level > MATCH_LOG_DEBUG)
        return lm_fail(model, MATCH_EINVAL, "options: unknown log level %d", (int)o->log_level);
    return MATCH_OK;
}

int match_model_solve(match_plan **out, match_model *model, const match_options *options)
{
    if (out != NULL)
        *out = NULL;
    if (model == NULL)
        return MATCH_EINVAL;
    if (out == NULL)
        return lm_fail(model, MATCH_EINVAL, "match_model_solve: out is NULL");
    match_options defaults = MATCH_OPTIONS_INIT;
    if (options != NULL && options->version == 1) /* without the progress fields */
        memcpy(&defaults, options, offsetof(match_options, progress));
    else if (options != NULL)
        defaults = *options;
    const match_options *o = &defaults;
    int rc = check_options(model, o);
    if (rc != MATCH_OK)
        return rc;

    /* The time limit counts from here to the return, for every phase of every path. */
    lm_deadline dl;
    lm_deadline_start(&dl, o, model->policy.objective != LM_OBJECTIVE_LEXICOGRAPHIC);
    double started = dl.started;
    char errmsg[LM_ERRMSG_SIZE] = "";
    lm_instance inst;
    rc = lm_instance_build(&inst, model, errmsg);
    if (rc != MATCH_OK)
        return lm_fail(model, rc, "%s", errmsg);
    double pairs_seconds = lm_now_seconds() - started;
    const lm_backend *backend = pick_backend(o->solver, &inst, errmsg);
    if (backend == NULL) {
        lm_instance_free(&inst);
        return lm_fail(model, MATCH_EINVAL, "%s", errmsg);
    }
    lm_log(o, MATCH_LOG_INFO, "%zu volunteer pairs and %zu resource pairs; solving with %s",
           inst.n_pairs, inst.n_rpairs, backend->name);

    lm_solution sol;
    lm_solution_init(&sol);
    double backend_started = lm_now_seconds();
    /* Building the plan after the solvers must fit in the limit too. */
    lm_deadline_reserve(&dl, LM_PLAN_SECONDS_PER_PAIR * (double)(inst.n_pairs + inst.n_rpairs));
    (void)lm_deadline_stop(&dl); /* asks the interrupt at least once per solve */
    rc = backend->solve(&inst, o, &dl, &sol, errmsg);
    const lm_backend *answered = backend;
    if (rc == MATCH_OK && sol.status == MATCH_STATUS_INFEASIBLE && backend == &lm_backend_flow) {
        /* Only the GLPK backend can name the required needs or fixed pairs that conflict. */
        lm_solution_free(&sol);
        lm_solution_init(&sol);
        rc = lm_backend_glpk.solve(&inst, o, &dl, &sol, errmsg);
        answered = &lm_backend_glpk;
    }
    /* A stop by the interrupt ends like the time limit in the backends; named here. */
    if (rc == MATCH_OK && dl.interrupted && sol.status != MATCH_STATUS_OPTIMAL &&
        sol.status != MATCH_STATUS_INFEASIBLE)
        sol.status = MATCH_STATUS_INTERRUPTED;
    /* No hours beyond what a need is carried out to (docs/model.md rule 2). A backend keeps
     * the rule, but GLPK's tolerances can break it with numbers near the supported maxima;
     * such hours are cut, and the plan is then no longer claimed optimal. A flow plan keeps
     * the rule by construction (each need has one requirement), so city-size networks are
     * spared the extra pass. */
    bool cut = false;
    if (rc == MATCH_OK && answered != &lm_backend_flow)
        rc = lm_solution_keep_carried(&inst, &sol, &cut);
    if (rc == MATCH_OK && cut) {
        lm_log(o, MATCH_LOG_INFO, "hours beyond what their needs are carried out to were cut");
        if (sol.status == MATCH_STATUS_OPTIMAL)
            sol.status = MATCH_STATUS_FEASIBLE;
    }
    if (rc == MATCH_ENOMEM)
        lm_errmsg_set(errmsg, "out of memory while checking the plan");
    double backend_seconds = lm_now_seconds() - backend_started;
    lm_deadline_phase(&dl, "plan");
    double plan_started = lm_now_seconds();
    if (rc == MATCH_OK) {
        rc = lm_plan_build(out, &inst, &sol);
        if (rc != MATCH_OK)
            lm_errmsg_set(errmsg, "out of memory while building the plan");
    }
    if (rc == MATCH_OK) {
        double finished = lm_now_seconds();
        (*out)->solve_seconds = finished - started;
        (*out)->pair_count = inst.n_pairs;
        /* The backend reports how much of its time went into building; clamped so that the
         * phases never add up to more than the total. */
        double build = sol.build_seconds > 0 ? fmin(sol.build_seconds, backend_seconds) : 0.0;
        (*out)->phase_seconds[MATCH_PHASE_PAIRS] = pairs_seconds;
        (*out)->phase_seconds[MATCH_PHASE_BUILD] = build;
        (*out)->phase_seconds[MATCH_PHASE_SOLVE] = backend_seconds - build;
        (*out)->phase_seconds[MATCH_PHASE_PLAN] = finished - plan_started;
        lm_log(o, MATCH_LOG_INFO, "%s in %.3f s: objective %g, bound %g",
               match_status_name(sol.status), (*out)->solve_seconds, (*out)->objective,
               (*out)->bound);
        lm_deadline_incumbent(&dl, (*out)->objective);
        lm_deadline_bound(&dl, (*out)->bound);
        lm_deadline_phase(&dl, match_status_name(sol.status));
    } else {
        *out = NULL;
        lm_log(o, MATCH_LOG_ERROR, "%s", errmsg);
    }
    lm_solution_free(&sol);
    lm_instance_free(&inst);
    return rc == MATCH_OK ? MATCH_OK : lm_fail(model, rc, "%s", errmsg);
}
