/*
 * The flow backend: a pure-network scenario (network_check.h) solved exactly as a min-cost
 * flow by the network simplex of libmatch/flow.
 *
 * The network. A source S sends every volunteer-hour and resource unit either to the sink T
 * directly (left unused) or through a volunteer or resource node, along a pair arc, into a
 * need node and on to T:
 *
 *   S -> v      capacity floor(hours); when v has an obligation, its first min_hours hours
 *               run on separate arcs earning the shortfall penalty (an hour given is an hour
 *               of shortfall avoided), the rest on a free arc
 *   S -> r      capacity floor(amount)
 *   v -> i      one arc per eligible pair: [fixed hours, upper], cost distance_cost * km
 *   r -> i      one arc per eligible resource pair: [0, upper], free
 *   i -> T      capacity floor(requirement), value weight / requirement per unit, lower bound
 *               the requirement when the need is required
 *   S -> T      the unused supply
 *
 * Since each need has one kind of requirement, coverage is flow / requirement, and the flow
 * cost is the model's objective negated, less constants (needs without requirements count
 * fully; obligations count -penalty * min_hours before the bonus arcs pay it back).
 *
 * Costs are scaled to integers (the solver is exact on integers); the scale is as large as
 * the solver's overflow limits allow, so rounding moves the optimum by at most
 * total flow * 0.5 / scale, far below any meaningful difference. The plan's objective is
 * recomputed from the flows in floating point by the plan module, as for every backend.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "../flow/network_simplex.h"
#include "backend.h"

/* Node numbering. */
enum { NODE_SOURCE = 0, NODE_SINK = 1, NODE_FIRST = 2 };

typedef struct flow_net {
    const lm_instance *inst;
    lm_ns *ns;
    size_t first_resource, first_need; /* node indexes */
    size_t first_pair_arc, first_rpair_arc;
    double scale;
    int64_t total_supply;
} flow_net;

static double need_requirement(const lm_need *n)
{
    if (n->hours > 0)
        return n->hours;
    return n->n_requests == 1 ? n->requests[0].amount : 0.0;
}

/* A need that asks for a volunteer but can have none (no hours) is never covered. */
static bool need_is_dead(const lm_need *n)
{
    return n->hours <= 0 && lm_need_min_volunteers(n) > 0;
}

/* The largest real cost per unit of flow, to choose the scale. */
static double largest_cost(const lm_instance *inst)
{
    const match_model *m = inst->model;
    double largest = m->policy.volunteer_shortfall_penalty;
    for (size_t i = 0; i < m->needs.len; ++i) {
        const lm_need *n = &m->needs.items[i];
        double requirement = need_requirement(n);
        if (requirement > 0) {
            double per_unit = m->policy.priority_weights[n->priority - 1] / requirement;
            if (per_unit > largest)
                largest = per_unit;
        }
    }
    for (size_t p = 0; p < inst->n_pairs; ++p) {
        double travel = m->policy.distance_cost * inst->pairs[p].distance_km;
        if (travel > largest)
            largest = travel;
    }
    return largest;
}

static int64_t scaled(const flow_net *net, double cost)
{
    return (int64_t)llround(cost * net->scale);
}

static int64_t whole(double value)
{
    return (int64_t)floor(value + 1e-9);
}

static int add_arc(flow_net *net, size_t tail, size_t head, int64_t lower, int64_t upper,
                   double cost)
{
    return lm_ns_add_arc(net->ns, tail, head, lower, upper, scaled(net, cost));
}

/* S -> v arcs: obligation hours first (each earns the penalty), then the rest. */
static int add_volunteer_supply(flow_net *net, size_t v, double *constant)
{
    const match_model *m = net->inst->model;
    const lm_volunteer *vol = &m->volunteers.items[v];
    int64_t hours = whole(vol->hours);
    double penalty = m->policy.volunteer_shortfall_penalty;
    double min_hours = lm_volunteer_min_hours(m, vol);
    size_t node = NODE_FIRST + v;
    net->total_supply += hours;
    int64_t bonus_hours = 0;
    int rc = LM_NS_OK;
    if (penalty > 0 && min_hours > 0) {
        *constant -= penalty * min_hours;
        int64_t full = whole(min_hours);
        if (full > hours)
            full = hours;
        rc = add_arc(net, NODE_SOURCE, node, 0, full, -penalty);
        bonus_hours = full;
        /* A fractional obligation: the next hour removes only the fraction left. */
        double rest = min_hours - (double)full;
        if (rc == LM_NS_OK && rest > 1e-9 && bonus_hours < hours) {
            rc = add_arc(net, NODE_SOURCE, node, 0, 1, -penalty * (rest < 1 ? rest : 1));
            bonus_hours += 1;
        }
    }
    if (rc == LM_NS_OK && hours > bonus_hours)
        rc = add_arc(net, NODE_SOURCE, node, 0, hours - bonus_hours, 0.0);
    return rc;
}

static int add_need_demand(flow_net *net, size_t i, double *constant)
{
    const match_model *m = net->inst->model;
    const lm_need *n = &m->needs.items[i];
    double weight = m->policy.priority_weights[n->priority - 1];
    double requirement = need_requirement(n);
    if (need_is_dead(n))
        return LM_NS_OK;
    if (requirement <= 0) {
        *constant += weight; /* nothing asked: covered by definition */
        return LM_NS_OK;
    }
    int64_t upper = whole(requirement);
    int64_t lower = n->required ? (int64_t)ceil(requirement - 1e-9) : 0;
    if (lower > upper) /* a required fractional requirement can never be met exactly */
        return LM_NS_INFEASIBLE;
    return add_arc(net, net->first_need + i, NODE_SINK, lower, upper, -weight / requirement);
}

static int build_network(flow_net *net, double *constant)
{
    const lm_instance *inst = net->inst;
    const match_model *m = inst->model;
    size_t n_nodes = NODE_FIRST + m->volunteers.len + m->resources.len + m->needs.len;
    net->first_resource = NODE_FIRST + m->volunteers.len;
    net->first_need = net->first_resource + m->resources.len;
    double largest = largest_cost(inst) + 1.0;
    /* The solver needs (n + 2) * (max |cost| + 1) <= 2^60; keep a factor 4 of headroom. */
    net->scale = ldexp(1.0, 58) / ((double)(n_nodes + 2) * largest);
    if (net->scale > 1e12)
        net->scale = 1e12;
    net->ns = lm_ns_create(n_nodes, inst->n_pairs + inst->n_rpairs + 2 * n_nodes);
    if (net->ns == NULL)
        return LM_NS_NOMEM;

    /* Pair arcs first, so that arc k + first_pair_arc is pair k. */
    net->first_pair_arc = 0;
    for (size_t p = 0; p < inst->n_pairs; ++p) {
        const lm_pair *pair = &inst->pairs[p];
        int64_t lower = (int64_t)ceil(pair->fixed_hours - 1e-9);
        /* The need's node also collects resource units, so its hours cap must sit on the pair
         * arcs: a fixed pair can reach a need that asks for no hours at all. */
        int64_t upper = whole(pair->upper);
        int64_t need_hours = whole(m->needs.items[pair->need].hours);
        if (upper > need_hours)
            upper = need_hours;
        if (lower > upper)
            return LM_NS_INFEASIBLE;
        int rc = add_arc(net, NODE_FIRST + pair->volunteer, net->first_need + pair->need, lower,
                         upper, m->policy.distance_cost * pair->distance_km);
        if (rc != LM_NS_OK)
            return rc;
    }
    net->first_rpair_arc = inst->n_pairs;
    for (size_t q = 0; q < inst->n_rpairs; ++q) {
        const lm_rpair *rp = &inst->rpairs[q];
        int rc = add_arc(net, net->first_resource + rp->resource, net->first_need + rp->need, 0,
                         whole(rp->upper), 0.0);
        if (rc != LM_NS_OK)
            return rc;
    }
    for (size_t v = 0; v < m->volunteers.len; ++v) {
        int rc = add_volunteer_supply(net, v, constant);
        if (rc != LM_NS_OK)
            return rc;
    }
    for (size_t r = 0; r < m->resources.len; ++r) {
        int64_t amount = whole(m->resources.items[r].amount);
        net->total_supply += amount;
        int rc = add_arc(net, NODE_SOURCE, net->first_resource + r, 0, amount, 0.0);
        if (rc != LM_NS_OK)
            return rc;
    }
    for (size_t i = 0; i < m->needs.len; ++i) {
        int rc = add_need_demand(net, i, constant);
        if (rc != LM_NS_OK)
            return rc;
    }
    int rc = add_arc(net, NODE_SOURCE, NODE_SINK, 0, net->total_supply, 0.0);
    if (rc == LM_NS_OK)
        rc = lm_ns_set_supply(net->ns, NODE_SOURCE, net->total_supply);
    if (rc == LM_NS_OK)
        rc = lm_ns_set_supply(net->ns, NODE_SINK, -net->total_supply);
    return rc;
}

/* Copies the flows into the solution; coverage is flow / requirement. */
static int extract(const flow_net *net, lm_solution *sol)
{
    const lm_instance *inst = net->inst;
    const match_model *m = inst->model;
    sol->x = calloc(inst->n_pairs ? inst->n_pairs : 1, sizeof *sol->x);
    sol->y = calloc(inst->n_rpairs ? inst->n_rpairs : 1, sizeof *sol->y);
    sol->c = calloc(m->needs.len ? m->needs.len : 1, sizeof *sol->c);
    if (sol->x == NULL || sol->y == NULL || sol->c == NULL)
        return MATCH_ENOMEM;
    double *received = sol->c; /* accumulate per need, then divide */
    for (size_t p = 0; p < inst->n_pairs; ++p) {
        sol->x[p] = (double)lm_ns_flow(net->ns, net->first_pair_arc + p);
        received[inst->pairs[p].need] += sol->x[p];
    }
    for (size_t q = 0; q < inst->n_rpairs; ++q) {
        sol->y[q] = (double)lm_ns_flow(net->ns, net->first_rpair_arc + q);
        received[inst->rpairs[q].need] += sol->y[q];
    }
    for (size_t i = 0; i < m->needs.len; ++i) {
        const lm_need *n = &m->needs.items[i];
        double requirement = need_requirement(n);
        if (need_is_dead(n))
            sol->c[i] = 0.0;
        else if (requirement <= 0)
            sol->c[i] = 1.0;
        else
            sol->c[i] = fmin(1.0, received[i] / requirement);
    }
    return MATCH_OK;
}

static int flow_solve(const lm_instance *inst, const match_options *opts, lm_solution *sol,
                      char *errmsg)
{
    (void)opts; /* the network simplex has no time limit or log: it finishes in seconds */
    flow_net net = {.inst = inst};
    double constant = 0.0;
    int rc = build_network(&net, &constant);
    if (rc == LM_NS_OK)
        rc = lm_ns_solve(net.ns);
    int result = MATCH_OK;
    if (rc == LM_NS_OPTIMAL) {
        result = extract(&net, sol);
        if (result == MATCH_OK) {
            sol->status = MATCH_STATUS_OPTIMAL;
            sol->objective = constant - lm_ns_total_cost(net.ns) / net.scale;
            sol->bound = sol->objective;
        }
    } else if (rc == LM_NS_INFEASIBLE) {
        /* Required needs or fixed pairs cannot all be met; the caller asks the GLPK backend
         * which ones, since it can explain them. */
        sol->status = MATCH_STATUS_INFEASIBLE;
    } else if (rc == LM_NS_NOMEM) {
        result = MATCH_ENOMEM;
        lm_errmsg_set(errmsg, "out of memory in the network simplex");
    } else {
        result = MATCH_ESOLVER;
        lm_errmsg_set(errmsg,
                      "network simplex failed (code %d): the scenario's numbers are "
                      "too large for exact flow arithmetic",
                      rc);
    }
    lm_ns_destroy(net.ns);
    return result;
}

const lm_backend lm_backend_flow = {"network simplex", flow_solve};
