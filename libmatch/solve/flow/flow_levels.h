/*
 * The lexicographic objective (policy "objective": "lexicographic") on a pure network, solved
 * exactly by the network simplex: one solve per level, and between levels every arc whose
 * reduced cost is not zero is fixed at its flow.
 *
 * Why that is exact: for a linear program, a feasible flow is optimal exactly when it meets
 * complementary slackness with an optimal dual, any optimal dual. With the potentials of one
 * optimal solve, an arc of positive reduced cost sits at its lower bound in every optimal
 * flow and one of negative reduced cost at its upper bound; fixing them leaves exactly the
 * optimal flows, so the next level optimises over the optimal flows of the levels before it.
 * Bounds stay whole numbers, so every solve still has an integral optimum.
 *
 * A priority level's value per unit of flow into a need is weight / requirement. The weight is
 * common to the level and drops out; 1 / requirement becomes the integer L / requirement with
 * L the least common multiple of the level's requirements, which is exact while L stays
 * within the solver's cost limit (any realistic set of whole hours). Otherwise the costs are
 * rounded at the largest scale the limit allows (a relative error below 2^-28 per unit on any
 * scenario of up to 2^30 nodes). The cost level is scaled and rounded as the weighted
 * objective is (flow_network.h).
 */
#ifndef LM_FLOW_LEVELS_H
#define LM_FLOW_LEVELS_H

#include "flow_network.h"

/*
 * Solves the levels on a network built in lexicographic mode (net->arcs set) and fills sol
 * (flows, coverage, every level marked optimal). Returns an LM_NS_* code: LM_NS_OPTIMAL,
 * LM_NS_INFEASIBLE, or a failure.
 */
int lm_flow_solve_levels(lm_flow_net *net, lm_solution *sol);

#endif
