#include "flow_network.h"

#include <math.h>
#include <stdlib.h>

#include "previous_pairs.h"

/* Node numbering: the source, the sink, then volunteers, resources and requirement slots. */
enum { NODE_SOURCE = 0, NODE_SINK = 1, NODE_FIRST = 2 };

/* Whole units of a quantity, forgiving the rounding of values read from files. */
static int64_t whole(double value)
{
    return (int64_t)floor(value + 1e-9);
}

static int64_t whole_up(double value)
{
    return (int64_t)ceil(value - 1e-9);
}

/* A need that asks for a volunteer but may be given no hours is never covered. */
static bool need_is_dead(const lm_need *n)
{
    return n->hours <= 0 && lm_need_min_volunteers(n) > 0;
}

static int requirement_count(const lm_need *n)
{
    return (n->hours > 0 ? 1 : 0) + (int)n->n_requests;
}

/* The largest real cost per unit of flow, to choose the scale. */
static double largest_cost(const lm_instance *inst)
{
    const match_model *m = inst->model;
    double largest = m->policy.volunteer_shortfall_penalty;
    for (size_t i = 0; i < m->needs.len; ++i) {
        const lm_need *n = &m->needs.items[i];
        double weight = m->policy.priority_weights[n->priority - 1];
        if (n->hours > 0 && weight / n->hours > largest)
            largest = weight / n->hours;
        for (size_t k = 0; k < n->n_requests; ++k)
            if (weight / n->requests[k].amount > largest)
                largest = weight / n->requests[k].amount;
    }
    /* A kept hour of the plan in force earns the change penalty back on the pair's arc. */
    double change = lm_instance_has_change_term(inst) ? m->policy.change_penalty : 0.0;
    for (size_t p = 0; p < inst->n_pairs; ++p) {
        double travel = m->policy.distance_cost * inst->pairs[p].distance_km + change;
        if (travel > largest)
            largest = travel;
    }
    return largest;
}

static int add_arc(lm_flow_net *net, size_t tail, size_t head, int64_t lower, int64_t upper,
                   double cost)
{
    if (net->arcs != NULL) {
        size_t arc = lm_ns_arc_count(net->ns);
        if (!lm_reserve((void **)&net->arcs, &net->cap_arcs, arc + 1, sizeof *net->arcs))
            return LM_NS_NOMEM;
        net->arcs[arc] = (lm_flow_arc){tail, head, cost};
    }
    return lm_ns_add_arc(net->ns, tail, head, lower, upper, (int64_t)llround(cost * net->scale));
}

/* S -> v arcs: obligation hours first (each earns the penalty), then the rest. */
static int add_volunteer_supply(lm_flow_net *net, size_t v)
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
        net->constant -= penalty * min_hours;
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

/* One requirement slot's sink arc: up to `requirement` units worth `value` in all. */
static int add_slot_sink(lm_flow_net *net, size_t slot, double requirement, double value,
                         bool required)
{
    int64_t upper = whole(requirement);
    int64_t lower = required ? whole_up(requirement) : 0;
    if (lower > upper) /* a required fractional requirement can never be met exactly */
        return LM_NS_INFEASIBLE;
    net->sink_arc[slot] = lm_ns_arc_count(net->ns);
    net->slot_requirement[slot] = requirement;
    return add_arc(net, net->first_slot_node + slot, NODE_SINK, lower, upper, -value / requirement);
}

static int add_need_sinks(lm_flow_net *net, size_t i)
{
    const match_model *m = net->inst->model;
    const lm_need *n = &m->needs.items[i];
    double weight = m->policy.priority_weights[n->priority - 1];
    int kinds = requirement_count(n);
    if (need_is_dead(n))
        return n->required ? LM_NS_INFEASIBLE : LM_NS_OK;
    if (kinds == 0) {
        net->constant += weight; /* nothing asked: covered by definition */
        return LM_NS_OK;
    }
    size_t slot = net->slot_start[i];
    int rc = LM_NS_OK;
    if (n->hours > 0)
        rc = add_slot_sink(net, slot, n->hours, weight / kinds, n->required);
    for (size_t k = 0; rc == LM_NS_OK && k < n->n_requests; ++k)
        rc = add_slot_sink(net, slot + 1 + k, n->requests[k].amount, weight / kinds, n->required);
    return rc;
}

/* A pair arc's bounds; false when they contradict each other. */
static bool pair_bounds(const lm_flow_net *net, size_t p, bool team_caps, int64_t *lower,
                        int64_t *upper)
{
    const lm_pair *pair = &net->inst->pairs[p];
    const lm_need *n = &net->inst->model->needs.items[pair->need];
    *lower = whole_up(pair->fixed_hours);
    /* The hours cap sits on the pair arcs too, since a fixed pair can reach a need that
     * asks for no hours at all. */
    *upper = whole(pair->upper);
    if (*upper > whole(n->hours))
        *upper = whole(n->hours);
    int team = lm_need_min_volunteers(n);
    if (team_caps && team >= 2) {
        int64_t share = whole(n->hours / team);
        if (*upper > share)
            *upper = share > *lower ? share : *lower;
    }
    return *lower <= *upper;
}

/* How many of a pair's hours run on its first arc, which earns the change penalty back:
 * those the plan in force gives it (0 without a change term). */
static int64_t kept_hours(const lm_flow_net *net, size_t p, int64_t upper)
{
    const lm_instance *inst = net->inst;
    if (net->extra_arc == NULL || !(inst->pair_previous[p] > 0))
        return 0;
    int64_t kept = whole(inst->pair_previous[p]);
    return kept < upper ? kept : upper;
}

/* The second arc of each pair of the plan in force: the hours beyond those it gives. */
static int add_extra_arcs(lm_flow_net *net, bool team_caps)
{
    const lm_instance *inst = net->inst;
    if (net->extra_arc == NULL)
        return LM_NS_OK;
    for (size_t p = 0; p < inst->n_pairs; ++p) {
        int64_t lower, upper;
        pair_bounds(net, p, team_caps, &lower, &upper); /* checked when arc p was added */
        int64_t kept = kept_hours(net, p, upper);
        if (kept <= 0 || upper <= kept)
            continue;
        int64_t rest_lower = lower > kept ? lower - kept : 0;
        const lm_pair *pair = &inst->pairs[p];
        net->extra_arc[p] = lm_ns_arc_count(net->ns);
        int rc = add_arc(net, NODE_FIRST + pair->volunteer,
                         net->first_slot_node + net->slot_start[pair->need], rest_lower,
                         upper - kept, inst->model->policy.distance_cost * pair->distance_km);
        if (rc != LM_NS_OK)
            return rc;
    }
    return LM_NS_OK;
}

static int add_pair_arcs(lm_flow_net *net, bool team_caps)
{
    const lm_instance *inst = net->inst;
    const match_model *m = inst->model;
    double change = m->policy.change_penalty;
    if (lm_instance_has_change_term(inst)) {
        net->extra_arc = malloc((inst->n_pairs ? inst->n_pairs : 1) * sizeof *net->extra_arc);
        if (net->extra_arc == NULL)
            return LM_NS_NOMEM;
        for (size_t p = 0; p < inst->n_pairs; ++p)
            net->extra_arc[p] = LM_NONE;
        /* Every hour of the plan in force counts as moved until a kept hour earns it back. */
        for (size_t k = 0; k < inst->n_previous; ++k)
            net->constant -= change * inst->previous[k].hours;
    }
    for (size_t p = 0; p < inst->n_pairs; ++p) {
        const lm_pair *pair = &inst->pairs[p];
        int64_t lower, upper;
        if (!pair_bounds(net, p, team_caps, &lower, &upper))
            return LM_NS_INFEASIBLE;
        double travel = m->policy.distance_cost * pair->distance_km;
        int64_t kept = kept_hours(net, p, upper);
        if (kept > 0) { /* the first `kept` hours; the rest go on the extra arc below */
            upper = kept;
            lower = lower < kept ? lower : kept;
            travel -= change;
        }
        int rc = add_arc(net, NODE_FIRST + pair->volunteer,
                         net->first_slot_node + net->slot_start[pair->need], lower, upper, travel);
        if (rc != LM_NS_OK)
            return rc;
    }
    net->first_rpair_arc = inst->n_pairs;
    for (size_t q = 0; q < inst->n_rpairs; ++q) {
        const lm_rpair *rp = &inst->rpairs[q];
        size_t slot = net->slot_start[rp->need] + 1 + rp->request;
        int rc = add_arc(net, net->first_resource + rp->resource, net->first_slot_node + slot, 0,
                         whole(rp->upper), 0.0);
        if (rc != LM_NS_OK)
            return rc;
    }
    return add_extra_arcs(net, team_caps);
}

static int number_slots(lm_flow_net *net)
{
    const match_model *m = net->inst->model;
    net->slot_start = malloc((m->needs.len + 1) * sizeof *net->slot_start);
    if (net->slot_start == NULL)
        return LM_NS_NOMEM;
    size_t slots = 0;
    for (size_t i = 0; i < m->needs.len; ++i) {
        net->slot_start[i] = slots;
        slots += 1 + m->needs.items[i].n_requests;
    }
    net->slot_start[m->needs.len] = slots;
    net->sink_arc = malloc((slots ? slots : 1) * sizeof *net->sink_arc);
    net->slot_requirement = calloc(slots ? slots : 1, sizeof *net->slot_requirement);
    if (net->sink_arc == NULL || net->slot_requirement == NULL)
        return LM_NS_NOMEM;
    for (size_t s = 0; s < slots; ++s)
        net->sink_arc[s] = LM_NONE;
    return LM_NS_OK;
}

int lm_flow_build(lm_flow_net *net, const lm_instance *inst, bool team_caps)
{
    const match_model *m = inst->model;
    *net = (lm_flow_net){.inst = inst};
    int rc = number_slots(net);
    if (rc != LM_NS_OK)
        return rc;
    size_t slots = net->slot_start[m->needs.len];
    net->first_resource = NODE_FIRST + m->volunteers.len;
    net->first_slot_node = net->first_resource + m->resources.len;
    size_t n_nodes = net->first_slot_node + slots;
    /* The solver needs (n + 2) * (max |cost| + 1) <= 2^60; keep a factor 4 of headroom. */
    net->scale = ldexp(1.0, 58) / ((double)(n_nodes + 2) * (largest_cost(inst) + 1.0));
    if (net->scale > 1e12)
        net->scale = 1e12;
    net->ns = lm_ns_create(n_nodes, inst->n_pairs + inst->n_rpairs + 2 * n_nodes);
    if (net->ns == NULL)
        return LM_NS_NOMEM;
    if (m->policy.objective == LM_OBJECTIVE_LEXICOGRAPHIC) {
        net->cap_arcs = inst->n_pairs + inst->n_rpairs + 2 * n_nodes + 1;
        net->arcs = malloc(net->cap_arcs * sizeof *net->arcs);
        if (net->arcs == NULL)
            return LM_NS_NOMEM;
    }

    rc = add_pair_arcs(net, team_caps); /* first, so that arc p is pair p */
    for (size_t v = 0; rc == LM_NS_OK && v < m->volunteers.len; ++v)
        rc = add_volunteer_supply(net, v);
    for (size_t r = 0; rc == LM_NS_OK && r < m->resources.len; ++r) {
        int64_t amount = whole(m->resources.items[r].amount);
        net->total_supply += amount;
        rc = add_arc(net, NODE_SOURCE, net->first_resource + r, 0, amount, 0.0);
    }
    for (size_t i = 0; rc == LM_NS_OK && i < m->needs.len; ++i)
        rc = add_need_sinks(net, i);
    if (rc == LM_NS_OK)
        rc = add_arc(net, NODE_SOURCE, NODE_SINK, 0, net->total_supply, 0.0);
    if (rc == LM_NS_OK)
        rc = lm_ns_set_supply(net->ns, NODE_SOURCE, net->total_supply);
    if (rc == LM_NS_OK)
        rc = lm_ns_set_supply(net->ns, NODE_SINK, -net->total_supply);
    return rc;
}

void lm_flow_free(lm_flow_net *net)
{
    lm_ns_destroy(net->ns);
    free(net->slot_start);
    free(net->sink_arc);
    free(net->slot_requirement);
    free(net->extra_arc);
    free(net->arcs);
    *net = (lm_flow_net){0};
}

int lm_flow_drop_need(lm_flow_net *net, size_t need)
{
    for (size_t s = net->slot_start[need]; s < net->slot_start[need + 1]; ++s)
        if (net->sink_arc[s] != LM_NONE) {
            int rc = lm_ns_set_cost(net->ns, net->sink_arc[s], 0);
            if (rc != LM_NS_OK)
                return rc;
        }
    return LM_NS_OK;
}

int lm_flow_set_shares(lm_flow_net *net, size_t need, const double *shares)
{
    const lm_need *n = &net->inst->model->needs.items[need];
    double weight = net->inst->model->policy.priority_weights[n->priority - 1];
    size_t first = net->slot_start[need];
    for (size_t s = first; s < net->slot_start[need + 1]; ++s) {
        if (net->sink_arc[s] == LM_NONE)
            continue;
        double cost = -weight * shares[s - first] / net->slot_requirement[s];
        int rc = lm_ns_set_cost(net->ns, net->sink_arc[s], (int64_t)llround(cost * net->scale));
        if (rc != LM_NS_OK)
            return rc;
    }
    return LM_NS_OK;
}

double lm_flow_slot_received(const lm_flow_net *net, size_t slot)
{
    return net->sink_arc[slot] == LM_NONE ? 0.0 : (double)lm_ns_flow(net->ns, net->sink_arc[slot]);
}

double lm_flow_objective(const lm_flow_net *net)
{
    return net->constant - lm_ns_total_cost(net->ns) / net->scale;
}

int lm_flow_extract(const lm_flow_net *net, lm_solution *sol)
{
    const lm_instance *inst = net->inst;
    const match_model *m = inst->model;
    size_t slots = net->slot_start[m->needs.len];
    sol->x = calloc(inst->n_pairs ? inst->n_pairs : 1, sizeof *sol->x);
    sol->y = calloc(inst->n_rpairs ? inst->n_rpairs : 1, sizeof *sol->y);
    sol->c = calloc(m->needs.len ? m->needs.len : 1, sizeof *sol->c);
    double *received = calloc(slots ? slots : 1, sizeof *received);
    if (sol->x == NULL || sol->y == NULL || sol->c == NULL || received == NULL) {
        free(received);
        return MATCH_ENOMEM;
    }
    for (size_t p = 0; p < inst->n_pairs; ++p) {
        sol->x[p] = (double)lm_ns_flow(net->ns, p);
        if (net->extra_arc != NULL && net->extra_arc[p] != LM_NONE)
            sol->x[p] += (double)lm_ns_flow(net->ns, net->extra_arc[p]);
        received[net->slot_start[inst->pairs[p].need]] += sol->x[p];
    }
    for (size_t q = 0; q < inst->n_rpairs; ++q) {
        const lm_rpair *rp = &inst->rpairs[q];
        sol->y[q] = (double)lm_ns_flow(net->ns, net->first_rpair_arc + q);
        received[net->slot_start[rp->need] + 1 + rp->request] += sol->y[q];
    }
    for (size_t i = 0; i < m->needs.len; ++i) {
        const lm_need *n = &m->needs.items[i];
        size_t slot = net->slot_start[i];
        double c = need_is_dead(n) ? 0.0 : 1.0;
        if (n->hours > 0)
            c = fmin(c, received[slot] / n->hours);
        for (size_t k = 0; k < n->n_requests; ++k)
            c = fmin(c, received[slot + 1 + k] / n->requests[k].amount);
        sol->c[i] = c;
    }
    free(received);
    return MATCH_OK;
}
