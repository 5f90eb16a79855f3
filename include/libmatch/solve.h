/*
 * libmatch: solving a model into a plan.
 *
 * Solving never changes the model. "No plan exists" and "time ran out" are not errors: the
 * call returns MATCH_OK and the plan's status says what happened. An error code means the
 * call itself failed (bad argument, out of memory, solver fault); no plan is returned then.
 *
 * Threads: each solve uses the GLPK environment of the calling thread and frees it before
 * returning, so separate models may be solved in separate threads at the same time. Do not
 * keep GLPK objects of your own alive in a thread across a call to match_model_solve().
 */
#ifndef LIBMATCH_SOLVE_H
#define LIBMATCH_SOLVE_H

#include "common.h"
#include "model.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Severity of a log line passed to a match_log_fn. */
typedef enum match_log_level {
    MATCH_LOG_ERROR = 0,
    MATCH_LOG_INFO = 1,
    MATCH_LOG_DEBUG = 2 /**< the solver's own progress output */
} match_log_level;

/**
 * Receives log lines (UTF-8, without a trailing newline). The string is valid only during
 * the call. payload is match_options.log_payload.
 */
typedef void (*match_log_fn)(match_log_level level, const char *message, void *payload);

/**
 * Called now and then during a solve; return non-zero to stop it. The call then returns
 * MATCH_EINTERRUPTED and no plan.
 */
typedef int (*match_interrupt_fn)(void *payload);

/** Which solver to use. */
typedef enum match_solver {
    /** the network simplex when the scenario is a pure network (docs/model.md), else GLPK */
    MATCH_SOLVER_AUTO = 0,
    MATCH_SOLVER_GLPK = 1, /**< GLPK's branch and cut on the full integer program */
    /** the network simplex; MATCH_EINVAL when the scenario has rules a flow cannot express */
    MATCH_SOLVER_FLOW = 2
} match_solver;

#define MATCH_OPTIONS_VERSION 1

/** Solve options. Initialise with MATCH_OPTIONS_INIT or match_options_init(). */
typedef struct match_options {
    unsigned int version;         /**< MATCH_OPTIONS_VERSION */
    double time_limit;            /**< wall seconds for the solver; 0 = no limit */
    double mip_gap;               /**< stop when (bound - objective) / |bound| <= this; 0 */
    match_solver solver;          /**< MATCH_SOLVER_AUTO */
    match_log_level log_level;    /**< lines above this level are not passed on */
    match_log_fn log;             /**< NULL: the solver's output is discarded */
    void *log_payload;            /**< passed to log */
    match_interrupt_fn interrupt; /**< NULL: never interrupted */
    void *interrupt_payload;      /**< passed to interrupt */
    /**
     * NULL, or a plan to start from: usually the plan of the model before a what-if change
     * (from match_model_solve() or match_plan_read_json()). It is matched to the model by
     * ids; items the model no longer has and pairs no longer eligible are dropped, hours are
     * cut to what the model allows now, and a plan that still breaks a rule (a required need
     * left uncovered) is not used. The solve finds the same optimum with or without it; the
     * plan only gives the solvers a good first incumbent (GLPK's branch and cut, and the
     * flow heuristic of the coupled path); the network simplex of pure networks starts
     * from scratch and says so in the log. The plan is only read, during the call.
     */
    const match_plan *warm_start;
} match_options;

#define MATCH_OPTIONS_INIT                                                                         \
    {                                                                                              \
        .version = MATCH_OPTIONS_VERSION, .time_limit = 0.0, .mip_gap = 0.0,                       \
        .solver = MATCH_SOLVER_AUTO, .log_level = MATCH_LOG_INFO, .log = NULL,                     \
        .log_payload = NULL, .interrupt = NULL, .interrupt_payload = NULL, .warm_start = NULL      \
    }

/**
 * Fills @p options with the defaults.
 * @param version MATCH_OPTIONS_VERSION.
 * @return MATCH_OK, or MATCH_EINVAL for NULL or an unknown version.
 */
MATCH_API int match_options_init(match_options *options, unsigned int version);

/**
 * Solves the model: finds the best project list as docs/model.md defines it.
 * @param out receives the plan (also for infeasible or timed-out solves); the caller frees
 *        it with match_plan_destroy(). The plan does not refer to the model: either may be
 *        freed first.
 * @param options NULL for the defaults.
 * @param model not changed, except for the message match_model_errmsg() returns.
 * @return MATCH_OK; MATCH_EINVAL; MATCH_ENOMEM; MATCH_ESOLVER (the solver failed: the
 *         message in match_model_errmsg() holds its text); MATCH_EINTERRUPTED.
 */
MATCH_API int match_model_solve(match_plan **out, match_model *model, const match_options *options);

#ifdef __cplusplus
}
#endif

#endif
