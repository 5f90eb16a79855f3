/*
 * libmatch: exporting the integer program, so that a scenario can be handed to any solver.
 *
 * The exported program is the one libmatch's GLPK solver builds for the model (the "integer
 * program" section of docs/model.md), built by the same code: its optimum is the objective of
 * the optimal plan. Files are written by GLPK's own writers.
 *
 * Names. Rows and columns are named after what they mean, with the ids of the items:
 *   columns  x_<volunteer>_<need>   volunteer-hours        y_<resource>_<need>  resource amount
 *            c_<need>               coverage               z_<volunteer>_<need> "gives an hour"
 *            zr_<resource>_<need>   "gives a unit"         g_<need>             "coverage > 0"
 *            k_<unit>_<need>        unit counts the need   s_<volunteer>        hours short
 *            t_<unit>               projects short         u_<volunteer>_<need> listed pair chosen
 *   rows     cap_v_<volunteer>, cap_r_<resource>, cap_n_<need>, cap_n_<need>_<type>  capacity
 *            cov_<need>, cov_<need>_<type>    coverage       team_<need>  team size
 *            ind_<volunteer>_<need>, indr_<resource>_<need>  z <= x, zr <= y
 *            act_<need>, act_<need>_<type>    g <= supply    kg_<unit>_<need>, kz_<unit>_<need>
 *            act_team_<need>        g <= volunteers (a need with listed pairs)
 *            maxv_<need>            max_volunteers  maxz_<volunteer>_<need>  x <= upper z
 *            short_v_<volunteer>, short_u_<unit>             shortfalls
 *            req_<need>             a required need that can get nothing (c <= 0)
 *            redundant              only in corner cases (needs that ask for nothing,
 *                                   weights of 0): repeats the upper bounds of columns in no
 *                                   other row, which some readers reject; with no needs at
 *                                   all it holds a column "dummy" fixed at 0
 * The objective is named "value" (the LP file) and the problem after the scenario's name
 * when that name is safe, else "libmatch". No name starts with "e" or "E", which the LP
 * format reserves for exponents.
 * An id is used as it is when it is 1 to 40 ASCII letters, digits or '.' ('_' would make
 * names ambiguous; '-' is rewritten by the LP format; spaces and other characters, such as
 * Chinese ids, are not allowed by the formats). If any id of a kind (volunteers, needs,
 * resources, units, resource types) is not safe, every item of that kind is named by its
 * 0-based position in the model (match_model_item_id() order, the scenario file's list
 * order) instead, as in x_12_7 (a resource type: its position among the need's requests,
 * as in cov_N1_0): mixing ids and positions could make two names equal.
 *
 * The objective is maximised. The CPLEX LP file says so ("Maximize"). The free MPS format
 * has no objective sense and GLPK writes none, so a reader minimises unless told otherwise:
 * solve an MPS file with, for example, "cbc FILE.mps -max -solve" or
 * "glpsol --freemps FILE.mps --max". The objective row of the MPS file is named R0000000.
 * GLPK's MPS writer keeps numbers to 12 characters (distance costs lose digits beyond
 * about the ninth); the LP writer keeps 15 significant digits.
 *
 * DIMACS. For a scenario that is a pure network (no unit obligations, no team or
 * all-or-nothing needs, one kind of requirement per need: what `match solve` hands to its
 * network simplex), MATCH_EXPORT_DIMACS writes that min-cost flow network instead, exactly as
 * the network simplex receives it, in the DIMACS minimum-cost flow format ("p min NODES ARCS",
 * "n NODE SUPPLY", "a TAIL HEAD LOWER CAPACITY COST", nodes numbered from 1): any min-cost
 * flow solver can then be run on the same graph. Costs are the model's costs times a scale,
 * rounded to integers, and some objective terms lie outside the flow; two comment lines carry
 * them, so that
 *     objective (maximised) = C - (minimum total cost) / S
 * with "c libmatch-scale S" and "c libmatch-constant C" (printed with 17 significant digits).
 * Node 1 is the source and node 2 the sink; then come the volunteers and the resources in
 * file order, then one node per requirement of each need (its hours, then each resource
 * request). Arcs: the eligible volunteer-need pairs (by need, then volunteer), the resource
 * pairs, the arcs from the source (a volunteer's obligation hours on arcs of their own, which
 * earn the shortfall penalty), each requirement's arc to the sink (its value per unit, with
 * a lower bound when the need is required), and the source-sink arc for unused supply. For
 * any other scenario the export fails with MATCH_EINVAL and says which rule couples it.
 */
#ifndef LIBMATCH_EXPORT_H
#define LIBMATCH_EXPORT_H

#include "common.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The file formats match_model_export() writes. */
typedef enum match_export_format {
    MATCH_EXPORT_MPS = 0,   /**< free MPS (GLPK's GLP_MPS_FILE); no objective sense, see above */
    MATCH_EXPORT_LP = 1,    /**< CPLEX LP, "Maximize" */
    MATCH_EXPORT_DIMACS = 2 /**< the min-cost flow network of a pure network, see above */
} match_export_format;

/**
 * Writes the model's integer program (or, for DIMACS, its flow network) to a file. The file
 * is written to a temporary file beside @p path and renamed over it, so a failure never
 * leaves a partial file (a file that was there is kept as it was).
 * The model is not changed, except for the message match_model_errmsg() returns. Like
 * match_model_solve(), the MPS and LP exports use the calling thread's GLPK environment and
 * free it before returning; the DIMACS export does not call GLPK.
 * @return MATCH_OK; MATCH_EINVAL (NULL model or path, unknown format; DIMACS for a scenario
 *         that is not a pure network, or whose bounds contradict themselves); MATCH_EIO (the
 *         file cannot be written: the message in match_model_errmsg() names the path);
 *         MATCH_ENOMEM; MATCH_ESOLVER (GLPK failed: the message holds its text).
 */
MATCH_API int match_model_export(match_model *model, const char *path, match_export_format format);

#ifdef __cplusplus
}
#endif

#endif
