/*
 * The flow network of a scenario, solved by the network simplex of libmatch/flow.
 *
 * For a pure-network scenario (network_check.h) its optimum is the model's optimum. For any
 * other scenario it is a relaxation, so its optimum bounds the model's from above: teams and
 * all-or-nothing needs may be covered in part, unit obligations are left out (their penalty
 * only lowers the objective), and a need with several requirements earns weight / K on each
 * of its K requirements (the model earns weight * min of the K shares, which is at most
 * their average).
 *
 * The network. A source S sends every volunteer-hour and resource unit either to the sink T
 * directly (left unused) or through a volunteer or resource node, along a pair arc, into a
 * requirement node of a need and on to T:
 *
 *   S -> v      capacity floor(hours); when v has an obligation, its first min_hours hours
 *               run on arcs earning the shortfall penalty (an hour given is an hour of
 *               shortfall avoided), the rest on a free arc
 *   S -> r      capacity floor(amount)
 *   v -> (i,h)  one arc per eligible pair: [fixed hours, upper], cost distance_cost * km;
 *               a pair the plan in force gives h0 hours has two (with a change penalty):
 *               its first h0 hours earn the penalty back (an hour kept is an hour not
 *               moved), the rest do not
 *   r -> (i,t)  one arc per eligible resource pair into the node of its requested type
 *   (i,k) -> T  capacity floor(requirement k), value weight / K / requirement per unit,
 *               lower bound the requirement when the need is required
 *   S -> T      the unused supply
 *
 * Costs are scaled to integers (the solver is exact on integers); the scale is as large as
 * the solver's overflow limits allow, so rounding moves the optimum by at most
 * total flow * 0.5 / scale, far below any meaningful difference.
 */
#ifndef LM_FLOW_NETWORK_H
#define LM_FLOW_NETWORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../flow/network_simplex.h"
#include "../backend.h"

/* The source and sink nodes; the arc from one to the other, which carries the unused supply,
 * is the last arc lm_flow_build() adds. */
enum { LM_FLOW_SOURCE = 0, LM_FLOW_SINK = 1 };
/* What lexicographic solves need to know of an arc. */
typedef struct lm_flow_arc {
    size_t tail, head;
    double cost;
} lm_flow_arc;

typedef struct lm_flow_net {
    const lm_instance *inst;
    lm_ns *ns;
    size_t first_resource; /* node of resource 0 */
    /* Requirement slots: need i owns slots slot_start[i] + k, k = 0 for its hours and 1 + r
     * for its request r; slot s is node first_slot_node + s and drains through sink_arc[s]
     * (LM_NONE when it earns nothing). */
    size_t *slot_start; /* n_needs + 1 */
    size_t *sink_arc;
    double *slot_requirement; /* per slot; 0 for an hours slot of a need without hours */
    size_t first_slot_node;
    size_t first_rpair_arc; /* arc of resource pair 0; pair p is arc p */
    /* Per pair: its second arc, for the hours beyond those of the plan in force (LM_NONE
     * when it has none); NULL when no pair has one. */
    size_t *extra_arc;
    /* Lexicographic mode only (else NULL): every arc's ends and its cost in the model's
     * units, so that the levels can re-price arcs and read reduced costs (flow_levels.c). */
    struct lm_flow_arc *arcs;
    size_t cap_arcs;
    double scale;    /* integer cost = real cost * scale */
    double constant; /* objective terms outside the flow */
    int64_t total_supply;
} lm_flow_net;

/*
 * Builds the network. With team_caps, a pair of a need asking for m >= 2 volunteers carries
 * at most floor(hours / m) hours, so covering the need fully takes at least m volunteers:
 * a restriction used to find plans, not a relaxation. Returns an LM_NS_* code
 * (LM_NS_INFEASIBLE when a bound is contradictory on its face, such as a fixed pair into a
 * need that asks for no hours).
 */
int lm_flow_build(lm_flow_net *net, const lm_instance *inst, bool team_caps);
void lm_flow_free(lm_flow_net *net);

/* Stops need i from earning anything (its sink arcs cost 0): for plans without it. */
int lm_flow_drop_need(lm_flow_net *net, size_t need);

/* Lets need i's hours slot receive at most `hours` (never below what a required need
 * must get): for plans that give a need no more hours than it is carried out to. A bound
 * change: the next solve starts from scratch. */
int lm_flow_cap_hours(lm_flow_net *net, size_t need, double hours);

/*
 * Divides need i's weight among its requirement slots in the given shares (one per slot of
 * the need, summing to 1; slots without a requirement are ignored). Any division keeps the
 * network a relaxation, since weight * min of the shares is at most any weighted average of
 * them; the best division gives the tightest bound. A cost change only: the next solve
 * warm-starts.
 */
int lm_flow_set_shares(lm_flow_net *net, size_t need, const double *shares);

/* Units slot s received in the last solve. */
double lm_flow_slot_received(const lm_flow_net *net, size_t slot);

/* The objective value of the last optimal solve, in the model's units. */
double lm_flow_objective(const lm_flow_net *net);

/* How far the rounding of costs to integers can move lm_flow_objective() from the true
 * optimum of the network, either way: a bound from the relaxation adds it. */
double lm_flow_rounding_slack(const lm_flow_net *net);

/*
 * Copies the flows into sol->x and sol->y (allocated here) and sets sol->c to the coverage
 * the flows give each need: the least share over its requirements, as rule 2 says.
 */
int lm_flow_extract(const lm_flow_net *net, lm_solution *sol);

/* Maps an LM_NS_* code to a MATCH_* code: infeasible sets sol->status and is no error. */
int lm_flow_status_to_match(int ns_rc, lm_solution *sol, char *errmsg);

#endif
