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
 * Called at least every 0.2 s of solving (network simplex pivots, Lagrangian rounds, GLPK's
 * branch and cut, between phases); return non-zero to stop it. The call then returns
 * MATCH_OK and the best plan found so far with status MATCH_STATUS_INTERRUPTED (with no
 * assignments when none was found yet) and the best bound proven so far. GLPK's scaling,
 * presolve and simplex do not call back: there a stop is seen at GLPK's next progress line.
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

/**
 * A snapshot of a running solve, passed to a match_progress_fn. Objectives are maximised:
 * `incumbent` never decreases and `bound` never increases from one call to the next.
 */
typedef struct match_progress {
    const char *phase; /**< "pairs", "flow", "flow bound", "flow plan", "glpk", "level 2", ...*/
    double elapsed;    /**< wall seconds since match_model_solve() was entered */
    double incumbent;  /**< objective of the best plan so far; NaN when none (or lexicographic) */
    double bound;      /**< best proven upper bound on the objective; NaN when none yet */
    double gap;        /**< (bound - incumbent) / max(|bound|, 1e-9); NaN without both */
} match_progress;

/**
 * Receives progress: at each phase change and improvement, and at least once a second
 * while the solve polls (see match_interrupt_fn). The snapshot is valid only during the call.
 */
typedef void (*match_progress_fn)(const match_progress *progress, void *payload);

/* Version 2 added progress and progress_payload; version 1 structs are still accepted. */
#define MATCH_OPTIONS_VERSION 2

/** Solve options. Initialise with MATCH_OPTIONS_INIT or match_options_init(). */
typedef struct match_options {
    unsigned int version; /**< MATCH_OPTIONS_VERSION */
    /** wall seconds for the whole call (pairs, every solver phase, the plan); 0 = no limit.
     * When it runs out, the best plan so far is returned with status feasible (or
     * time_limit without one) and its proven bound. */
    double time_limit;
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
    match_progress_fn progress; /**< NULL: no progress reports (version 2) */
    void *progress_payload;     /**< passed to progress (version 2) */
} match_options;

#define MATCH_OPTIONS_INIT                                                                         \
    {                                                                                              \
        .version = MATCH_OPTIONS_VERSION, .time_limit = 0.0, .mip_gap = 0.0,                       \
        .solver = MATCH_SOLVER_AUTO, .log_level = MATCH_LOG_INFO, .log = NULL,                     \
        .log_payload = NULL, .interrupt = NULL, .interrupt_payload = NULL, .warm_start = NULL,     \
        .progress = NULL, .progress_payload = NULL                                                 \
    }

/**
 * Fills @p options with the defaults.
 * @param version MATCH_OPTIONS_VERSION (or 1, for the struct without progress).
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
 *         message in match_model_errmsg() holds its text). An interrupt is not an error:
 *         the plan's status is MATCH_STATUS_INTERRUPTED.
 */
MATCH_API int match_model_solve(match_plan **out, match_model *model, const match_options *options);

#ifdef __cplusplus
}
#endif

#endif
