/*
 * The coupled backend, for scenarios a flow cannot express exactly (teams, all-or-nothing
 * needs, unit obligations, needs with several requirements). It stays exact, and gives a
 * plan with a proven gap within seconds even at city scale:
 *
 *  1. The flow relaxation (flow_network.h) bounds the optimum from above.
 *  2. A plan is found by network flows too: team needs get pair caps that force a team of
 *     the right size, and needs that still come out incomplete are dropped and the flow
 *     re-solved (a cost change only, so the solver warm-starts), until every team and
 *     all-or-nothing need it serves is complete; a need is given no more hours than it is
 *     carried out to (its hours slot is capped, and the hours freed go elsewhere), and what
 *     the rounds leave over is cut (carry.h). Any flow so repaired is a valid plan.
 *  3. When the plan meets the bound (within the mip_gap option), it is optimal and GLPK is
 *     not needed. Otherwise GLPK's branch and cut solves the full integer program in the
 *     time that is left, and the better of the two plans is returned with the best bound.
 */
#include <math.h>
#include <stdlib.h>

#include "../../common/tolerance.h"
#include "../../solution/carry.h"
#include "../../solution/evaluate.h"
#include "../backend.h"
#include "../deadline.h"
#include "../flow/flow_network.h"
#include "../glpk/glpk_cost.h"
#include "../glpk/glpk_warm.h"
#include "../solve_log.h"
#include "../warm_start.h"

/* Drop rounds before settling; each round only removes needs or lowers caps, so few are
 * ever needed. */
#define LM_REPAIR_ROUNDS 8

static bool is_binary_need(const lm_need *n)
{
    return n->all_or_nothing || lm_need_min_volunteers(n) >= 2;
}

/* Drops the binary needs the flow covers only in part, and caps the hours of every need
 * the flow gives more hours than it carries out (docs/model.md rule 2: a binary need
 * dropped gets none, any other need at most floor(coverage * hours)); *changed counts the
 * needs dropped or capped. */
static int drop_incomplete(lm_flow_net *net, const lm_solution *sol, size_t *changed)
{
    const match_model *m = net->inst->model;
    lm_plan_tally tally;
    int rc = lm_plan_tally_build(&tally, net->inst, sol);
    if (rc != MATCH_OK)
        return rc;
    *changed = 0;
    for (size_t i = 0; i < m->needs.len && rc == MATCH_OK; ++i) {
        const lm_need *n = &m->needs.items[i];
        if (is_binary_need(n)) {
            if (tally.coverage[i] >= 1.0 - LM_TOL_SOLVED)
                continue;
            bool received = tally.need_hours[i] > 0;
            for (size_t k = 0; !received && k < n->n_requests; ++k)
                received = lm_plan_request_supply(&tally, i, k) > 0;
            if (!received) /* an incomplete need that already earns nothing is left alone */
                continue;
            if (lm_flow_drop_need(net, i) != LM_NS_OK || lm_flow_cap_hours(net, i, 0) != LM_NS_OK)
                rc = MATCH_ENOMEM;
            ++*changed;
        } else if (lm_tally_uncarried_hours(&tally, i) > 0) {
            double carried = floor(tally.coverage[i] * n->hours + LM_TOL_SOLVED);
            if (lm_flow_cap_hours(net, i, carried) != LM_NS_OK)
                rc = MATCH_ENOMEM;
            ++*changed;
        }
    }
    lm_plan_tally_free(&tally);
    return rc;
}

/* The objective of a solution's plan, and whether that plan meets every required need. */
static int evaluate(const lm_instance *inst, const lm_solution *sol, double *objective, bool *valid)
{
    return lm_solution_evaluate(inst, sol, objective, valid, NULL);
}

/*
 * Step 2: a valid plan from flows. *found is false when the restricted network has no flow
 * or the plan misses a required need; GLPK then has to find one.
 */
static int find_plan(const lm_instance *inst, lm_deadline *dl, lm_solution *plan_sol, bool *found)
{
    *found = false;
    lm_flow_net net;
    int rc = lm_flow_build(&net, inst, true);
    if (rc == LM_NS_OK)
        lm_ns_set_stop(net.ns, lm_deadline_ns_stop, dl);
    /* A round stopped by the deadline leaves the previous round's flow: still a valid plan
     * (its incomplete needs count as uncovered). */
    bool stopped = false;
    for (int round = 0; rc == LM_NS_OK && round < LM_REPAIR_ROUNDS; ++round) {
        rc = lm_ns_solve(net.ns);
        if (rc == LM_NS_STOPPED) {
            stopped = true;
            rc = LM_NS_OPTIMAL;
            break;
        }
        if (rc != LM_NS_OPTIMAL)
            break;
        lm_solution_free(plan_sol);
        lm_solution_init(plan_sol);
        if (lm_flow_extract(&net, plan_sol) != MATCH_OK) {
            lm_flow_free(&net);
            return MATCH_ENOMEM;
        }
        size_t dropped = 0;
        if (drop_incomplete(&net, plan_sol, &dropped) != MATCH_OK) {
            lm_flow_free(&net);
            return MATCH_ENOMEM;
        }
        *found = dropped == 0;
        if (*found)
            break;
    }
    lm_flow_free(&net);
    if (rc == LM_NS_NOMEM)
        return MATCH_ENOMEM;
    /* After the last round the needs still incomplete count as uncovered, and the hours
     * they (or needs short of resources) get beyond what they carry out are cut; a fixed
     * pair that keeps such hours leaves the plan to GLPK. */
    if (!*found && rc != LM_NS_NOMEM && plan_sol->x != NULL)
        *found = true;
    (void)stopped;
    if (*found) {
        size_t stuck;
        if (lm_solution_carry(inst, plan_sol, &stuck) != MATCH_OK)
            return MATCH_ENOMEM;
        *found = stuck == LM_NONE;
    }
    if (*found) {
        bool valid;
        if (evaluate(inst, plan_sol, &plan_sol->objective, &valid) != MATCH_OK)
            return MATCH_ENOMEM;
        *found = valid;
        plan_sol->status = MATCH_STATUS_FEASIBLE;
    }
    return MATCH_OK;
}

/*
 * Step 1: the relaxation's bound, tightened by choosing how each multi-requirement need's
 * weight is divided among its requirements (a Lagrangian dual, searched by multiplicative
 * weights: weight moves to the requirement the flow serves least, where the model's min
 * bites). Every round's optimum is a valid bound; the least is kept.
 */
typedef struct bound_search {
    lm_flow_net net;
    lm_deadline *dl;
    double *shares; /* per slot */
    double best;
    double slack; /* lm_flow_rounding_slack(): best + slack bounds the optimum */
    int rounds;
} bound_search;

/* Rounds of the dual search; each is a warm-started re-solve after cost changes. */
#define LM_BOUND_ROUNDS 40

static int active_slots(const lm_flow_net *net, size_t need)
{
    int active = 0;
    for (size_t s = net->slot_start[need]; s < net->slot_start[need + 1]; ++s)
        active += net->sink_arc[s] != LM_NONE;
    return active;
}

/* Even shares, except that a requirement nothing can supply takes the whole weight: the
 * need can never be covered, and the bound then says so. */
static void initial_shares(bound_search *b)
{
    const lm_instance *inst = b->net.inst;
    size_t n_needs = inst->model->needs.len;
    size_t slots = b->net.slot_start[n_needs];
    double *supplied = b->shares; /* count incoming arcs first, then turn into shares */
    for (size_t s = 0; s < slots; ++s)
        supplied[s] = 0.0;
    for (size_t p = 0; p < inst->n_pairs; ++p)
        supplied[b->net.slot_start[inst->pairs[p].need]] += 1.0;
    for (size_t q = 0; q < inst->n_rpairs; ++q)
        supplied[b->net.slot_start[inst->rpairs[q].need] + 1 + inst->rpairs[q].request] += 1.0;
    for (size_t i = 0; i < n_needs; ++i) {
        size_t first = b->net.slot_start[i], end = b->net.slot_start[i + 1];
        int active = active_slots(&b->net, i);
        size_t starved = LM_NONE;
        for (size_t s = first; s < end; ++s)
            if (b->net.sink_arc[s] != LM_NONE && supplied[s] == 0.0 && starved == LM_NONE)
                starved = s;
        for (size_t s = first; s < end; ++s) {
            if (b->net.sink_arc[s] == LM_NONE)
                b->shares[s] = 0.0;
            else if (starved != LM_NONE)
                b->shares[s] = s == starved ? 1.0 : 0.0;
            else
                b->shares[s] = 1.0 / active;
        }
    }
}

static int apply_shares(bound_search *b)
{
    size_t n_needs = b->net.inst->model->needs.len;
    for (size_t i = 0; i < n_needs; ++i)
        if (active_slots(&b->net, i) >= 2) {
            int rc = lm_flow_set_shares(&b->net, i, b->shares + b->net.slot_start[i]);
            if (rc != LM_NS_OK)
                return rc;
        }
    return LM_NS_OK;
}

static int bound_round(bound_search *b)
{
    int rc = lm_ns_solve(b->net.ns);
    if (rc == LM_NS_OPTIMAL) {
        double value = lm_flow_objective(&b->net);
        if (!(value >= b->best))
            b->best = value;
        b->rounds++;
        lm_deadline_bound(b->dl, b->best);
    }
    return rc;
}

static int bound_start(bound_search *b, const lm_instance *inst, lm_deadline *dl, bool *infeasible,
                       char *errmsg)
{
    *b = (bound_search){.best = NAN, .dl = dl};
    *infeasible = false;
    int rc = lm_flow_build(&b->net, inst, false);
    if (rc == LM_NS_OK) {
        lm_ns_set_stop(b->net.ns, lm_deadline_ns_stop, dl);
        b->slack = lm_flow_rounding_slack(&b->net);
    }
    if (rc == LM_NS_OK) {
        size_t slots = b->net.slot_start[inst->model->needs.len];
        b->shares = malloc((slots ? slots : 1) * sizeof *b->shares);
        if (b->shares == NULL)
            rc = LM_NS_NOMEM;
    }
    if (rc == LM_NS_OK) {
        initial_shares(b);
        rc = apply_shares(b);
    }
    if (rc == LM_NS_OK)
        rc = bound_round(b);
    lm_solution scratch;
    lm_solution_init(&scratch);
    int result = lm_flow_status_to_match(rc, &scratch, errmsg);
    *infeasible = scratch.status == MATCH_STATUS_INFEASIBLE;
    return result;
}

static void bound_free(bound_search *b)
{
    lm_flow_free(&b->net);
    free(b->shares);
}

/* More rounds until the bound reaches `target` (a plan's value), `max_rounds` are done, or
 * the time `until` (INFINITY: none) passes or the deadline says stop. A round the deadline
 * stops leaves the best bound of the rounds before. */
static int bound_tighten(bound_search *b, double target, const match_options *opts, int max_rounds,
                         double until)
{
    size_t n_needs = b->net.inst->model->needs.len;
    while (b->rounds < max_rounds && !(b->best - target <= lm_tol_scaled(b->best))) {
        if (lm_now_seconds() > until || lm_deadline_stop(b->dl))
            break;
        double step = 3.0 / sqrt((double)b->rounds);
        for (size_t i = 0; i < n_needs; ++i) {
            if (active_slots(&b->net, i) < 2)
                continue;
            size_t first = b->net.slot_start[i], end = b->net.slot_start[i + 1];
            double total = 0.0;
            for (size_t s = first; s < end; ++s) {
                if (b->net.sink_arc[s] == LM_NONE)
                    continue;
                double share = lm_flow_slot_received(&b->net, s) / b->net.slot_requirement[s];
                b->shares[s] *= exp(-step * share);
                total += b->shares[s];
            }
            for (size_t s = first; s < end; ++s)
                b->shares[s] = total > 0 ? b->shares[s] / total : b->shares[s];
        }
        int rc = apply_shares(b);
        if (rc == LM_NS_OK)
            rc = bound_round(b);
        if (rc == LM_NS_STOPPED)
            break;
        if (rc != LM_NS_OPTIMAL)
            return rc == LM_NS_NOMEM ? MATCH_ENOMEM : MATCH_ESOLVER;
    }
    lm_log(opts, MATCH_LOG_INFO, "flow relaxation bound %.10g after %d rounds", b->best, b->rounds);
    return MATCH_OK;
}

/* Whether the plan meets the bound; bound includes the rounding slack, which a plan that
 * meets the relaxation's own optimum may fall short of twice over. */
static bool gap_closed(double objective, double bound, double slack, const match_options *opts)
{
    double gap = bound - objective;
    double tolerance = lm_tol_scaled(bound) + 2.0 * slack;
    double relative = opts != NULL ? opts->mip_gap * fabs(bound) : 0.0;
    return gap <= (relative > tolerance ? relative : tolerance);
}

static void take(lm_solution *dst, lm_solution *src)
{
    lm_solution_free(dst);
    *dst = *src;
    lm_solution_init(src);
}

/* With a warm start in the options, the better of it and the flow plan becomes the plan to
 * beat (the flow plan on a tie, so that a warm start never changes a plan for the worse). */
static int seed_with_warm_start(const lm_instance *inst, const match_options *opts,
                                lm_solution *found, bool *have_plan, char *errmsg)
{
    if (opts == NULL || opts->warm_start == NULL)
        return MATCH_OK;
    lm_solution warm;
    bool usable = false;
    char why[LM_ERRMSG_SIZE] = "";
    if (lm_warm_start_map(inst, opts->warm_start, &warm, &usable, why) != MATCH_OK) {
        lm_errmsg_set(errmsg, "out of memory while mapping the warm start");
        return MATCH_ENOMEM;
    }
    if (!usable) {
        lm_log(opts, MATCH_LOG_INFO, "warm start not used: %s", why);
        return MATCH_OK;
    }
    bool better = !*have_plan || warm.objective > found->objective + lm_tol_scaled(warm.objective);
    lm_log(opts, MATCH_LOG_INFO, "warm start plan %.10g%s", warm.objective,
           better ? ", better than the flow plan" : "");
    if (better) {
        take(found, &warm);
        *have_plan = true;
    }
    lm_solution_free(&warm);
    return MATCH_OK;
}

/* Rounds of the dual search when GLPK will not be started: the time left is the search's. */
#define LM_BOUND_ROUNDS_ALONE 1000

static int coupled_solve(const lm_instance *inst, const match_options *opts, lm_deadline *dl,
                         lm_solution *sol, char *errmsg)
{
    /* Its bounds and plans are for the weighted objective; the levels are GLPK's. */
    if (inst->model->policy.objective == LM_OBJECTIVE_LEXICOGRAPHIC)
        return lm_backend_glpk.solve(inst, opts, dl, sol, errmsg);
    double started = lm_now_seconds();
    bool infeasible = false;
    bound_search bounds;
    lm_deadline_phase(dl, "flow bound");
    int rc = bound_start(&bounds, inst, dl, &infeasible, errmsg);
    if (rc != MATCH_OK || infeasible) {
        bound_free(&bounds);
        /* GLPK names the required needs or fixed pairs at fault */
        return rc != MATCH_OK ? rc : lm_backend_glpk.solve(inst, opts, dl, sol, errmsg);
    }

    lm_solution found;
    lm_solution_init(&found);
    bool have_plan = false;
    lm_deadline_phase(dl, "flow plan");
    rc = find_plan(inst, dl, &found, &have_plan);
    if (rc == MATCH_OK && have_plan)
        lm_log(opts, MATCH_LOG_INFO, "flow plan %.10g in %.3f s", found.objective,
               lm_now_seconds() - started);
    if (rc == MATCH_OK)
        rc = seed_with_warm_start(inst, opts, &found, &have_plan, errmsg);
    if (have_plan)
        lm_deadline_incumbent(dl, found.objective);
    /* GLPK only helps when its set-up and relaxation fit the time left (glpk_cost.h). Then
     * the dual search gets at most a quarter of that time; else all of it. */
    double glpk_cost = lm_glpk_cost_estimate(inst, NULL, NULL, NULL);
    double left = lm_deadline_left(dl);
    bool glpk_fits = glpk_cost <= left;
    lm_deadline_phase(dl, "flow bound");
    if (rc == MATCH_OK)
        rc = bound_tighten(&bounds, have_plan ? found.objective : -INFINITY, opts,
                           glpk_fits ? LM_BOUND_ROUNDS : LM_BOUND_ROUNDS_ALONE,
                           glpk_fits ? lm_now_seconds() + 0.25 * left : INFINITY);
    /* Rounded costs may put the flow's optimum a hair below the true one. */
    double slack = bounds.slack;
    double bound = bounds.best + slack;
    bound_free(&bounds);
    if (rc != MATCH_OK) {
        lm_solution_free(&found);
        lm_errmsg_set(errmsg, "out of memory while searching for a plan");
        return rc;
    }
    if (have_plan && gap_closed(found.objective, bound, slack, opts)) {
        found.status = MATCH_STATUS_OPTIMAL;
        /* Optimal to the rounding of the flow's costs: the plan's value is its bound. */
        found.bound = found.objective;
        take(sol, &found);
        return MATCH_OK;
    }

    /* Step 3: GLPK in the time that is left, if it fits; else (or when the deadline says
     * stop) the flow plan and its bound are the answer. */
    glpk_fits = glpk_cost <= lm_deadline_left(dl);
    if (have_plan && (!glpk_fits || lm_deadline_stop(dl))) {
        if (!glpk_fits)
            lm_log(opts, MATCH_LOG_INFO,
                   "GLPK not started: %.1f s left, about %.1f s needed to set it up and solve "
                   "its relaxation",
                   lm_deadline_left(dl), glpk_cost);
        found.status = MATCH_STATUS_FEASIBLE;
        found.bound = bound;
        take(sol, &found);
        return MATCH_OK;
    }
    lm_solution exact;
    lm_solution_init(&exact);
    /* GLPK starts from the plan to beat (the flow plan, or a better warm start) as its first
     * incumbent and prunes with it from the first node. That needs GLPK's presolver off, a
     * price worth paying: on the S coupled city of bench/ (2,000 volunteers, 300 needs) GLPK
     * from its own start ends at a 0.18 % gap after 60 s, and from the flow plan it proves
     * the optimum in 51 s. */
    if (have_plan)
        rc = lm_glpk_solve_from(inst, opts, dl, &found, &exact, errmsg);
    else
        rc = lm_backend_glpk_checked.solve(inst, opts, dl, &exact, errmsg);
    if (rc != MATCH_OK) {
        lm_solution_free(&exact);
        lm_solution_free(&found);
        return rc;
    }
    bool glpk_has_plan = exact.x != NULL;
    if (glpk_has_plan) {
        /* Compare plans by the objective the plan will show, computed the same way. */
        bool valid;
        if (evaluate(inst, &exact, &exact.objective, &valid) != MATCH_OK) {
            lm_solution_free(&exact);
            lm_solution_free(&found);
            lm_errmsg_set(errmsg, "out of memory while comparing plans");
            return MATCH_ENOMEM;
        }
    }
    if (exact.status == MATCH_STATUS_OPTIMAL || exact.status == MATCH_STATUS_INFEASIBLE ||
        !have_plan || (glpk_has_plan && exact.objective >= found.objective)) {
        if (exact.status != MATCH_STATUS_OPTIMAL && isfinite(bound) && !(exact.bound <= bound))
            exact.bound = bound;
        take(sol, &exact);
    } else {
        /* Time ran out and the flow plan is the better one; the bound is the tighter of
         * the relaxation's and whatever GLPK proved. */
        found.status = MATCH_STATUS_FEASIBLE;
        found.bound = exact.bound < bound ? exact.bound : bound;
        take(sol, &found);
    }
    lm_solution_free(&exact);
    lm_solution_free(&found);
    return MATCH_OK;
}

const lm_backend lm_backend_coupled = {"flow bound and plan, then GLPK branch and cut",
                                       coupled_solve};
