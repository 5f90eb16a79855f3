/*
 * The GLPK backend: the full integer program solved by glp_intopt's branch and cut, run
 * under the guard of glpk_guard.h.
 */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "../plan/plan_internal.h"
#include "../plan/plan_tally.h"
#include "backend.h"
#include "glpk_diagnose.h"
#include "glpk_formulation.h"
#include "glpk_guard.h"
#include "glpk_levels.h"
#include "glpk_warm.h"
#include "solve_log.h"
#include "warm_start.h"

/* Everything a run needs, kept outside the guarded body so it survives a GLPK fault. */
typedef struct glpk_run {
    const lm_instance *inst;
    const match_options *opts;
    lm_solution *sol;
    char *errmsg;
    lm_glpk_form form;
    lm_glpk_form diag;
    lm_glpk_levels levels; /* lexicographic mode only */
    lm_solution kept;      /* the previous level's plan while a level runs */
    bool later_level;      /* a level after the first is being solved (glpk_levels.h) */
    /* Lexicographic mode: every column's value in the last level's plan (1-based), handed
     * to the next level's search as its first incumbent; NULL before the first level. */
    double *level_incumbent;
    bool level_incumbent_given;
    double started;
    double bound;            /* best bound seen by the callback; NaN until one is */
    const lm_solution *warm; /* a valid solution to start from, or NULL */
    lm_glpk_warm incumbent;  /* warm completed for glp_ios_heur_sol() */
    bool incumbent_given;
    bool interrupted;
    bool timed_out; /* the callback stopped the search at the time limit */
} glpk_run;

static bool wants_stop(const match_options *opts)
{
    return opts != NULL && opts->interrupt != NULL && opts->interrupt(opts->interrupt_payload);
}

/* Milliseconds left of the time limit; INT_MAX without one. */
static int time_left_ms(const glpk_run *run)
{
    double limit = run->opts != NULL ? run->opts->time_limit : 0.0;
    if (limit <= 0)
        return INT_MAX;
    double left = (limit - (lm_now_seconds() - run->started)) * 1000.0;
    if (left >= (double)INT_MAX)
        return INT_MAX;
    return left < 1.0 ? 1 : (int)left;
}

static void search_callback(glp_tree *tree, void *info)
{
    glpk_run *run = info;
    /* A later level starts from the previous level's plan, which keeps every level before
     * it: the search then never lacks a plan, however the slack shapes its relaxations. */
    if (run->later_level && run->level_incumbent != NULL && !run->level_incumbent_given &&
        glp_ios_reason(tree) == GLP_IHEUR) {
        run->level_incumbent_given = true;
        glp_ios_heur_sol(tree, run->level_incumbent);
    }
    /* The active node with the best local bound bounds every plan still to be found. */
    int node = glp_ios_best_node(tree);
    double bound = node != 0 ? glp_ios_node_bound(tree, node) : NAN;
    /* Before the root relaxation is solved the bound is +-DBL_MAX: it says nothing. */
    if (fabs(bound) < 1e300)
        run->bound = bound;
    /* The first time GLPK asks for a heuristic solution, the warm start is it. */
    if (run->incumbent.ready && !run->incumbent_given && glp_ios_reason(tree) == GLP_IHEUR) {
        run->incumbent_given = true;
        glp_ios_heur_sol(tree, run->incumbent.values);
    }
    if (!run->interrupted && wants_stop(run->opts)) {
        run->interrupted = true;
        glp_ios_terminate(tree);
    }
    /* tm_lim is only checked between some of GLPK's steps (not during cut generation at
     * the root, for one); checking here too keeps the overrun smaller. */
    if (!run->timed_out && time_left_ms(run) <= 1) {
        run->timed_out = true;
        glp_ios_terminate(tree);
    }
}

static void set_params(glp_iocp *parm, glpk_run *run)
{
    glp_init_iocp(parm);
    parm->msg_lev = lm_glpk_logging(run->opts) ? GLP_MSG_ON : GLP_MSG_OFF;
    /* Without presolve glp_intopt needs an optimal LP basis first; with it, it solves the
     * relaxation itself. Cuts matter a lot on assignment-type programs. Cover cuts stay
     * off: in GLPK 5.0 their generator calls glp_add_cols(P, 0), a fatal error, whenever
     * the presolver removes every column, and they rarely apply here anyway (capacity
     * rows are over general integers, not binaries). */
    parm->presolve = GLP_ON;
    parm->gmi_cuts = GLP_ON;
    parm->mir_cuts = GLP_ON;
    parm->cov_cuts = GLP_OFF;
    parm->clq_cuts = GLP_ON;
    parm->tm_lim = time_left_ms(run);
    parm->mip_gap = run->opts != NULL ? run->opts->mip_gap : 0.0;
    if (run->later_level && parm->mip_gap < LM_GLPK_LEVEL_GAP)
        parm->mip_gap = LM_GLPK_LEVEL_GAP;
    parm->cb_func = search_callback;
    parm->cb_info = run;
}

static double clamp01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

static bool extract(glpk_run *run)
{
    const lm_instance *inst = run->inst;
    lm_solution *sol = run->sol;
    glp_prob *lp = run->form.lp;
    size_t n_needs = inst->model->needs.len;
    /* A later level of the lexicographic objective replaces an earlier level's values. */
    free(sol->x);
    free(sol->y);
    free(sol->c);
    sol->x = malloc((inst->n_pairs ? inst->n_pairs : 1) * sizeof *sol->x);
    sol->y = malloc((inst->n_rpairs ? inst->n_rpairs : 1) * sizeof *sol->y);
    sol->c = malloc((n_needs ? n_needs : 1) * sizeof *sol->c);
    if (sol->x == NULL || sol->y == NULL || sol->c == NULL)
        return false;
    if (inst->listed != NULL) {
        sol->chosen = calloc(inst->n_pairs ? inst->n_pairs : 1, sizeof *sol->chosen);
        if (sol->chosen == NULL)
            return false;
    }
    /* Integer columns come back within GLPK's integrality tolerance: round them. A listed
     * pair's column is its "chosen" binary. */
    for (size_t p = 0; p < inst->n_pairs; p++) {
        double v = round(glp_mip_col_val(lp, run->form.col_x[p]));
        if (lm_pair_is_listed(inst, p)) {
            sol->chosen[p] = v >= 0.5;
            v = sol->chosen[p] ? inst->pairs[p].upper : 0.0;
        }
        sol->x[p] = v;
    }
    for (size_t q = 0; q < inst->n_rpairs; q++)
        sol->y[q] = round(glp_mip_col_val(lp, run->form.col_y[q]));
    for (size_t i = 0; i < n_needs; i++) {
        double c = clamp01(glp_mip_col_val(lp, run->form.col_c[i]));
        sol->c[i] = lm_glpk_need_binary(&inst->model->needs.items[i]) ? round(c) : c;
    }
    sol->objective = glp_mip_obj_val(lp);
    return true;
}

/* Maps glp_intopt's return code and the MIP status to a solution status, or to an error. */
static int map_result(glpk_run *run, int ret, int mip_status, match_status *status)
{
    bool incumbent = mip_status == GLP_OPT || mip_status == GLP_FEAS;
    switch (ret) {
    case 0:
        if (mip_status == GLP_NOFEAS) {
            *status = MATCH_STATUS_INFEASIBLE;
            return MATCH_OK;
        }
        *status = mip_status == GLP_OPT ? MATCH_STATUS_OPTIMAL : MATCH_STATUS_FEASIBLE;
        return incumbent ? MATCH_OK : MATCH_ESOLVER;
    case GLP_EMIPGAP:
        /* Stopped within the gap the caller allowed: optimal by the option's definition. */
        *status = MATCH_STATUS_OPTIMAL;
        return incumbent ? MATCH_OK : MATCH_ESOLVER;
    case GLP_ETMLIM:
        *status = incumbent ? MATCH_STATUS_FEASIBLE : MATCH_STATUS_TIME_LIMIT;
        return MATCH_OK;
    case GLP_ENOPFS:
        /* The presolver or the relaxation found no feasible point. */
        *status = MATCH_STATUS_INFEASIBLE;
        return MATCH_OK;
    case GLP_ESTOP:
        if (run->interrupted) {
            lm_errmsg_set(run->errmsg, "the solve was interrupted by the caller");
            return MATCH_EINTERRUPTED;
        }
        if (run->timed_out) {
            *status = incumbent ? MATCH_STATUS_FEASIBLE : MATCH_STATUS_TIME_LIMIT;
            return MATCH_OK;
        }
        break;
    default:
        break;
    }
    lm_errmsg_set(run->errmsg, "GLPK's glp_intopt failed (code %d, MIP status %d)", ret,
                  mip_status);
    return MATCH_ESOLVER;
}

static void set_bound(glpk_run *run, int ret, match_status status)
{
    lm_solution *sol = run->sol;
    if (status == MATCH_STATUS_OPTIMAL && ret == 0) {
        sol->bound = sol->objective;
        return;
    }
    sol->bound = run->bound;
    /* Tolerances can leave the recorded bound a hair below the incumbent. */
    if (!isnan(sol->bound) && !isnan(sol->objective) && sol->bound < sol->objective)
        sol->bound = sol->objective;
}

/*
 * Prepares the warm start: completes it into an incumbent and, since GLPK takes an incumbent
 * only for the problem as given (its presolver builds a new one), turns the presolver off
 * and solves the relaxation first, as glp_intopt() then requires. When either step fails the
 * solve goes on cold.
 */
static int prepare_warm(glpk_run *run, glp_iocp *parm)
{
    char why[LM_ERRMSG_SIZE] = "";
    int rc = lm_glpk_warm_complete(&run->incumbent, &run->form, run->inst, run->warm,
                                   time_left_ms(run), why);
    if (rc != MATCH_OK || !run->incumbent.ready) {
        if (rc == MATCH_OK)
            lm_log(run->opts, MATCH_LOG_INFO, "warm start not used: %s", why);
        return rc;
    }
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = parm->msg_lev;
    smcp.meth = GLP_DUALP;
    smcp.tm_lim = time_left_ms(run);
    int ret = glp_simplex(run->form.lp, &smcp);
    if (ret != 0 || glp_get_status(run->form.lp) != GLP_OPT) {
        run->incumbent.ready = false;
        lm_log(run->opts, MATCH_LOG_INFO, "warm start not used: the relaxation was not solved");
        return MATCH_OK;
    }
    parm->presolve = GLP_OFF;
    parm->tm_lim = time_left_ms(run);
    lm_log(run->opts, MATCH_LOG_INFO, "warm start: GLPK starts from a plan of value %.10g",
           run->incumbent.objective);
    return MATCH_OK;
}

/* One glp_intopt on the problem as it stands, from the warm start when `warm`. *ret is its
 * return code; the status, the
 * values (when there is a plan) and the bound go into run->sol. */
static int solve_once(glpk_run *run, int *ret, bool warm)
{
    glp_iocp parm;
    set_params(&parm, run);
    if (warm) {
        int rc = prepare_warm(run, &parm);
        if (rc != MATCH_OK) {
            lm_errmsg_set(run->errmsg, "out of memory while preparing the warm start");
            return rc;
        }
    }
    run->bound = NAN;
    if (run->later_level && run->level_incumbent != NULL) {
        /* Without the MIP presolver (which renumbers columns) the incumbent can be handed
         * over as it is; glp_intopt then wants the relaxation solved first. */
        glp_smcp smcp;
        glp_init_smcp(&smcp);
        smcp.msg_lev = parm.msg_lev;
        smcp.presolve = GLP_ON;
        smcp.tm_lim = time_left_ms(run);
        run->level_incumbent_given = false;
        if (glp_simplex(run->form.lp, &smcp) == 0 && glp_get_status(run->form.lp) == GLP_OPT)
            parm.presolve = GLP_OFF;
        /* The relaxations sit a hair off whole numbers (the slack): round them to plans. */
        parm.fp_heur = GLP_ON;
    }
    *ret = glp_intopt(run->form.lp, &parm);
    int mip_status = glp_mip_status(run->form.lp);
    match_status status;
    int rc = map_result(run, *ret, mip_status, &status);
    if (rc != MATCH_OK)
        return rc;
    run->sol->status = status;
    if (status == MATCH_STATUS_OPTIMAL || status == MATCH_STATUS_FEASIBLE) {
        if (!extract(run)) {
            lm_errmsg_set(run->errmsg, "out of memory while reading the solution");
            return MATCH_ENOMEM;
        }
    }
    set_bound(run, *ret, status);
    return MATCH_OK;
}

/* Keeps every column's value of the problem's MIP solution for the next level. */
static int save_incumbent(glpk_run *run)
{
    int n = glp_get_num_cols(run->form.lp);
    if (run->level_incumbent == NULL) {
        run->level_incumbent = malloc(((size_t)n + 1) * sizeof *run->level_incumbent);
        if (run->level_incumbent == NULL) {
            lm_errmsg_set(run->errmsg, "out of memory while reading the solution");
            return MATCH_ENOMEM;
        }
    }
    run->level_incumbent[0] = 0.0;
    for (int j = 1; j <= n; ++j)
        run->level_incumbent[j] = glp_mip_col_val(run->form.lp, j);
    return MATCH_OK;
}

/* The objective of a solution's plan, computed as the plan will show it. */
static int plan_objective(const lm_instance *inst, const lm_solution *sol, double *objective)
{
    match_plan *plan = NULL;
    int rc = lm_plan_build(&plan, inst, sol);
    if (rc == MATCH_OK)
        *objective = plan->objective;
    match_plan_destroy(plan);
    return rc;
}

/*
 * A priority level's value in a solution, counted as the plan will count it: from the whole
 * hours and amounts, with each need's coverage the largest they allow. GLPK's own value can
 * exceed that by its tolerances, and a level kept at a value no plan reaches exactly would
 * leave the next level without a plan.
 */
static int exact_level_value(const lm_instance *inst, int level, const lm_solution *sol,
                             double *value)
{
    lm_plan_tally tally;
    int rc = lm_plan_tally_build(&tally, inst, sol);
    if (rc != MATCH_OK)
        return rc;
    *value = lm_glpk_level_value(inst, level, tally.coverage);
    lm_plan_tally_free(&tally);
    return MATCH_OK;
}

/* Whether a level's time-limited plan `now` beats the previous level's plan `before` on this
 * level. Both keep the levels before at their optimum, so on the cost level the plans'
 * objectives tell. */
static int level_improves(const lm_instance *inst, int level, const lm_solution *now,
                          const lm_solution *before, bool *better)
{
    double a = NAN, b = NAN;
    if (level != LM_COST_LEVEL) {
        int rc = exact_level_value(inst, level, now, &a);
        if (rc == MATCH_OK)
            rc = exact_level_value(inst, level, before, &b);
        *better = a > b;
        return rc;
    }
    int rc = plan_objective(inst, now, &a);
    if (rc == MATCH_OK)
        rc = plan_objective(inst, before, &b);
    *better = a > b;
    return rc;
}

/*
 * The lexicographic objective: the levels one after another (glpk_levels.h). A level that
 * runs out of time ends the sequence: its best plan is kept if it beats the previous level's
 * plan on this level, and the plan is "feasible". The levels' bounds go into run->sol.
 */
static int solve_levels(glpk_run *run)
{
    const lm_instance *inst = run->inst;
    lm_solution *sol = run->sol;
    int rc = lm_glpk_levels_init(&run->levels, &run->form, inst);
    if (rc != MATCH_OK) {
        lm_errmsg_set(run->errmsg, "out of memory while building the integer program");
        return rc;
    }
    bool have_plan = false;
    lm_solution *kept = &run->kept;
    for (int level = 0; level < LM_LEVELS; ++level) {
        if (!lm_glpk_level_active(inst, level))
            continue;
        if (have_plan && time_left_ms(run) <= 1) {
            sol->status = MATCH_STATUS_FEASIBLE;
            break;
        }
        lm_glpk_level_objective(&run->levels, &run->form, inst, level);
        if (have_plan) { /* keep the plan so far in case this level finds none better */
            *kept = *sol;
            sol->x = sol->y = sol->c = NULL;
        }
        int ret;
        run->later_level = have_plan;
        rc = solve_once(run, &ret, false);
        run->later_level = false;
        if (rc != MATCH_OK)
            return rc;
        match_status status = sol->status;
        bool found = status == MATCH_STATUS_OPTIMAL || status == MATCH_STATUS_FEASIBLE;
        if (!have_plan && !found) /* infeasible, or no plan in time: levels cannot change it */
            return MATCH_OK;
        if (have_plan) {
            bool better = status == MATCH_STATUS_OPTIMAL;
            if (!better && found) {
                rc = level_improves(inst, level, sol, kept, &better);
                if (rc != MATCH_OK) {
                    lm_errmsg_set(run->errmsg, "out of memory while comparing plans");
                    return rc;
                }
            }
            if (!better) {
                /* This level found nothing better in time (or, through the arithmetic,
                 * nothing at all): the previous level's plan stands. */
                double bound = sol->bound;
                lm_solution_free(sol);
                *sol = *kept;
                lm_solution_init(kept);
                sol->level_bound[level] = bound;
                sol->status = MATCH_STATUS_FEASIBLE;
                lm_log(run->opts, MATCH_LOG_INFO, "level %d of %d: no better plan in time",
                       level + 1, LM_LEVELS);
                break;
            }
            lm_solution_free(kept);
        }
        have_plan = true;
        rc = save_incumbent(run);
        if (rc != MATCH_OK)
            return rc;
        sol->level_bound[level] = sol->bound;
        sol->level_optimal[level] = status == MATCH_STATUS_OPTIMAL && ret == 0;
        lm_log(run->opts, MATCH_LOG_INFO, "level %d of %d: %s, value %.10g", level + 1, LM_LEVELS,
               match_status_name(status), sol->objective);
        if (status != MATCH_STATUS_OPTIMAL)
            break;
        if (level != LM_COST_LEVEL) {
            double value;
            rc = exact_level_value(inst, level, sol, &value);
            if (rc != MATCH_OK) {
                lm_errmsg_set(run->errmsg, "out of memory while reading the solution");
                return rc;
            }
            lm_glpk_level_keep(&run->levels, &run->form, inst, level, value);
        }
    }
    for (int level = 0; have_plan && level < LM_LEVELS; ++level)
        if (!lm_glpk_level_active(inst, level))
            sol->level_optimal[level] = true; /* no need can give it value: 0 */
    /* The plan's objective is recomputed from its numbers; the weighted objective has no
     * bound in this mode (the levels have). */
    sol->objective = NAN;
    sol->bound = NAN;
    return MATCH_OK;
}

static int solve_body(void *ctx)
{
    glpk_run *run = ctx;
    if (wants_stop(run->opts)) {
        lm_errmsg_set(run->errmsg, "the solve was interrupted by the caller");
        return MATCH_EINTERRUPTED;
    }
    double build_started = lm_now_seconds();
    int rc = lm_glpk_form_build(&run->form, run->inst, LM_FORM_FULL, NULL, run->errmsg);
    /* The split of match_plan_phase_seconds(): the rest of the backend's time is solving. */
    run->sol->build_seconds = lm_now_seconds() - build_started;
    if (rc != MATCH_OK)
        return rc;
    int ret;
    if (run->inst->model->policy.objective == LM_OBJECTIVE_LEXICOGRAPHIC)
        rc = solve_levels(run);
    else
        rc = solve_once(run, &ret, run->warm != NULL);
    if (rc != MATCH_OK)
        return rc;
    match_status status = run->sol->status;
    glp_delete_prob(run->form.lp);
    run->form.lp = NULL;
    if (status != MATCH_STATUS_INFEASIBLE)
        return MATCH_OK;
    glp_iocp parm;
    set_params(&parm, run);
    rc = lm_glpk_diagnose(run->inst, &parm, &run->diag, run->sol, run->errmsg);
    if (rc == MATCH_OK && run->interrupted) {
        lm_errmsg_set(run->errmsg, "the solve was interrupted by the caller");
        return MATCH_EINTERRUPTED;
    }
    return rc;
}

int lm_glpk_solve_from(const lm_instance *inst, const match_options *opts, const lm_solution *warm,
                       lm_solution *sol, char *errmsg)
{
    glpk_run run = {.inst = inst, .opts = opts, .sol = sol, .errmsg = errmsg, .warm = warm};
    lm_solution_init(&run.kept);
    run.started = lm_now_seconds();
    run.bound = NAN;
    int rc = lm_glpk_run(solve_body, &run, opts, errmsg);
    lm_glpk_form_free(&run.form);
    lm_glpk_form_free(&run.diag);
    lm_glpk_warm_free(&run.incumbent);
    lm_glpk_levels_free(&run.levels);
    lm_solution_free(&run.kept);
    free(run.level_incumbent);
    return rc;
}

/* The backend entry: the warm start of the options, if any, mapped onto the instance. */
static int glpk_solve(const lm_instance *inst, const match_options *opts, lm_solution *sol,
                      char *errmsg)
{
    lm_solution warm;
    bool usable = false;
    lm_solution_init(&warm);
    if (opts != NULL && opts->warm_start != NULL) {
        char why[LM_ERRMSG_SIZE] = "";
        int rc = lm_warm_start_map(inst, opts->warm_start, &warm, &usable, why);
        if (rc != MATCH_OK) {
            lm_errmsg_set(errmsg, "out of memory while mapping the warm start");
            return rc;
        }
        if (!usable)
            lm_log(opts, MATCH_LOG_INFO, "warm start not used: %s", why);
    }
    int rc = lm_glpk_solve_from(inst, opts, usable ? &warm : NULL, sol, errmsg);
    lm_solution_free(&warm);
    return rc;
}

const lm_backend lm_backend_glpk = {"glpk", glpk_solve};
