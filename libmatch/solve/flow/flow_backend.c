/*
 * The flow backend: a pure-network scenario (network_check.h) solved exactly as the min-cost
 * flow of flow_network.h. The plan's objective is recomputed from the flows by the plan
 * module, as for every backend.
 */
#include "../../solution/evaluate.h"
#include "../backend.h"
#include "flow_levels.h"
#include "flow_network.h"
#include "../solve_log.h"

int lm_flow_status_to_match(int ns_rc, lm_solution *sol, char *errmsg)
{
    switch (ns_rc) {
    case LM_NS_OPTIMAL:
        return MATCH_OK;
    case LM_NS_INFEASIBLE:
        sol->status = MATCH_STATUS_INFEASIBLE;
        return MATCH_OK;
    case LM_NS_STOPPED: /* the deadline: no plan from this solve */
        sol->status = MATCH_STATUS_TIME_LIMIT;
        return MATCH_OK;
    case LM_NS_NOMEM:
        lm_errmsg_set(errmsg, "out of memory in the network simplex");
        return MATCH_ENOMEM;
    default:
        lm_errmsg_set(errmsg,
                      "network simplex failed (code %d): the scenario's numbers are too large "
                      "for exact flow arithmetic",
                      ns_rc);
        return MATCH_ESOLVER;
    }
}

static int flow_solve(const lm_instance *inst, const match_options *opts, lm_deadline *dl,
                      lm_solution *sol, char *errmsg)
{
    /* The network simplex asks the deadline every LM_NS_STOP_PIVOTS pivots. It starts from
     * its own basis, not from a plan, so a warm start has nothing to offer it. */
    if (opts != NULL && opts->warm_start != NULL)
        lm_log(opts, MATCH_LOG_INFO,
               "warm start not used: the network simplex solves pure networks from scratch");
    lm_flow_net net;
    double build_started = lm_now_seconds();
    int rc = lm_flow_build(&net, inst, false);
    sol->build_seconds = lm_now_seconds() - build_started;
    if (rc == LM_NS_OK)
        lm_ns_set_stop(net.ns, lm_deadline_ns_stop, dl);
    lm_deadline_phase(dl, "flow");
    if (rc == LM_NS_OK && net.arcs != NULL) { /* lexicographic: the levels in turn */
        rc = lm_flow_solve_levels(&net, sol);
        int result = lm_flow_status_to_match(rc, sol, errmsg);
        lm_flow_free(&net);
        return result;
    }
    if (rc == LM_NS_OK)
        rc = lm_ns_solve(net.ns);
    int result = lm_flow_status_to_match(rc, sol, errmsg);
    if (result == MATCH_OK && rc == LM_NS_OPTIMAL) {
        result = lm_flow_extract(&net, sol);
        if (result == MATCH_OK) {
            sol->status = MATCH_STATUS_OPTIMAL;
            /* The flow is optimal (to the rounding of its costs, lm_flow_rounding_slack()):
             * its bound is its plan's value, counted as the plan counts it. */
            result = lm_solution_evaluate(inst, sol, &sol->objective, NULL, NULL);
            if (result != MATCH_OK)
                lm_errmsg_set(errmsg, "out of memory while reading the flow");
            sol->bound = sol->objective;
            lm_deadline_bound(dl, sol->bound);
            lm_deadline_incumbent(dl, sol->objective);
        }
    }
    lm_flow_free(&net);
    return result;
}

const lm_backend lm_backend_flow = {"network simplex", flow_solve};
