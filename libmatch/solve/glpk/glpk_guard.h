/*
 * Containment of GLPK. GLPK reports fatal errors by printing and calling abort(), and it
 * prints progress to stdout; a library may do neither. lm_glpk_run() runs a piece of code
 * that calls glp_* with an error hook that jumps back out, a terminal hook that passes
 * GLPK's output to the caller's log callback, and frees the thread's GLPK environment
 * afterwards.
 *
 * Rules for the body: create every GLPK object inside it and keep none after it returns
 * (glp_free_env() frees them all); keep every malloc'ed pointer in ctx, not only in the
 * body's locals, so that the caller can free it after a fault jumped out of the body.
 */
#ifndef LM_GLPK_GUARD_H
#define LM_GLPK_GUARD_H

#include "libmatch/solve.h"

/*
 * Runs body(ctx) under the guard. Returns what body returned, or MATCH_ESOLVER (or
 * MATCH_ENOMEM when GLPK ran out of memory) after a GLPK fault, with GLPK's text in errmsg
 * (LM_ERRMSG_SIZE bytes). opts may be NULL (output discarded). Calls do not nest: a body
 * that calls lm_glpk_run() gets MATCH_EINVAL.
 */
int lm_glpk_run(int (*body)(void *ctx), void *ctx, const match_options *opts, char *errmsg);

/* What lm_glpk_run_watched() returns when the deadline stopped GLPK between two of its output
 * lines: every GLPK object of the run is gone then (as after a fault). */
#define LM_GLPK_STOPPED 1

struct lm_deadline;
/* lm_glpk_run(), and on each line GLPK prints (its simplex prints one every out_frq ms when
 * msg_lev is GLP_MSG_ON) the deadline is asked whether to stop; if so GLPK is left by a jump
 * and LM_GLPK_STOPPED returned. dl may be NULL. */
/* Inside a watched run, when not paused: leaves GLPK (as a stop on a GLPK line does) if the
 * deadline says stop. For long loops of the library's own between GLPK calls (building the
 * program); elsewhere a no-op. */
void lm_glpk_poll(void);

/* While paused, GLPK's lines do not stop it: glp_intopt's branch and cut calls back, and
 * stopping there keeps its incumbent (glp_ios_terminate). */
void lm_glpk_watch_pause(int paused);

int lm_glpk_run_watched(int (*body)(void *ctx), void *ctx, const match_options *opts,
                        struct lm_deadline *dl, char *errmsg);

/* True when GLPK's progress lines would reach a log callback, so the backend can skip
 * asking GLPK for them. */
int lm_glpk_logging(const match_options *opts);

#endif
