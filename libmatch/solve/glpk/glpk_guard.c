/*
 * The GLPK guard: error hook + longjmp, terminal hook into the log callback, and
 * glp_free_env() after every run.
 */
#include "glpk_guard.h"

#include <glpk.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include "../../common/util.h"
#include "../deadline.h"

/* GLPK's longest lines (progress, error text) are well under this; longer ones are passed
 * on in pieces rather than dropped. */
#define LM_GLPK_LINE_SIZE 1024

typedef struct lm_glpk_guard {
    jmp_buf jump;
    const match_options *opts;
    bool active;
    char line[LM_GLPK_LINE_SIZE];
    size_t line_len;
    char error[LM_ERRMSG_SIZE];
    size_t error_len;
    bool error_pending_break;
    lm_deadline *watch; /* lm_glpk_run_watched() */
    bool watch_paused;
} lm_glpk_guard;

/* Thread-local rather than on lm_glpk_run()'s stack: the hooks change it between setjmp and
 * longjmp, and automatic objects changed there are indeterminate after the jump unless they
 * are volatile. One per thread suffices because GLPK's environment is per thread too. */
static _Thread_local lm_glpk_guard lm_guard;

int lm_glpk_logging(const match_options *opts)
{
    return opts != NULL && opts->log != NULL && opts->log_level >= MATCH_LOG_DEBUG;
}

static void emit(lm_glpk_guard *g, match_log_level level, const char *text)
{
    const match_options *o = g->opts;
    if (o != NULL && o->log != NULL && o->log_level >= level)
        o->log(level, text, o->log_payload);
}

static void flush_line(lm_glpk_guard *g, match_log_level level)
{
    if (g->line_len == 0)
        return;
    g->line[g->line_len] = '\0';
    emit(g, level, g->line);
    g->line_len = 0;
}

/* Keeps the error text on one line: GLPK writes the message and then "Error detected in
 * file ... at line ..." on a line of its own; lines are joined with "; ". */
static void capture_error(lm_glpk_guard *g, const char *s)
{
    for (; *s != '\0'; s++) {
        if (*s == '\n') {
            g->error_pending_break = g->error_len > 0;
            continue;
        }
        size_t need = g->error_pending_break ? 3 : 1;
        if (g->error_len + need >= sizeof g->error)
            break;
        if (g->error_pending_break) {
            g->error[g->error_len++] = ';';
            g->error[g->error_len++] = ' ';
            g->error_pending_break = false;
        }
        g->error[g->error_len++] = *s;
    }
    g->error[g->error_len] = '\0';
}

static int term_hook(void *info, const char *s)
{
    lm_glpk_guard *g = info;
    match_log_level level = MATCH_LOG_DEBUG;
    if (glp_at_error()) {
        capture_error(g, s);
        level = MATCH_LOG_ERROR;
    }
    for (; *s != '\0'; s++) {
        if (*s == '\n') {
            flush_line(g, level);
            continue;
        }
        if (g->line_len + 1 >= sizeof g->line)
            flush_line(g, level);
        g->line[g->line_len++] = *s;
    }
    /* GLPK's scaling, presolve and simplex never call back; their output lines are the only
     * moments a stop can be seen there. */
    if (g->watch != NULL && !g->watch_paused && !glp_at_error() && lm_deadline_stop(g->watch))
        longjmp(g->jump, 2);
    /* Non-zero: GLPK must not write to stdout itself. */
    return 1;
}

static void error_hook(void *info)
{
    lm_glpk_guard *g = info;
    longjmp(g->jump, 1);
}

static int fault(lm_glpk_guard *g, char *errmsg)
{
    lm_errmsg_set(errmsg, "GLPK failed: %s", g->error_len ? g->error : "unknown error");
    /* GLPK's allocator reports exhaustion as a fatal error like any other. */
    if (strstr(g->error, "no memory") != NULL)
        return MATCH_ENOMEM;
    return MATCH_ESOLVER;
}

void lm_glpk_poll(void)
{
    lm_glpk_guard *g = &lm_guard;
    if (g->active && g->watch != NULL && !g->watch_paused && lm_deadline_stop(g->watch))
        longjmp(g->jump, 2);
}

void lm_glpk_watch_pause(int paused)
{
    lm_guard.watch_paused = paused != 0;
}

int lm_glpk_run(int (*body)(void *ctx), void *ctx, const match_options *opts, char *errmsg)
{
    return lm_glpk_run_watched(body, ctx, opts, NULL, errmsg);
}

int lm_glpk_run_watched(int (*body)(void *ctx), void *ctx, const match_options *opts,
                        lm_deadline *dl, char *errmsg)
{
    lm_glpk_guard *g = &lm_guard;
    if (g->active) {
        lm_errmsg_set(errmsg, "internal error: nested GLPK run");
        return MATCH_EINVAL;
    }
    /* Creating the environment explicitly: if GLPK creates it implicitly and fails, it
     * aborts the process. */
    int env = glp_init_env();
    if (env != 0 && env != 1) {
        lm_errmsg_set(errmsg, "GLPK could not initialise its environment");
        return env == 2 ? MATCH_ENOMEM : MATCH_ESOLVER;
    }
    g->active = true;
    g->opts = opts;
    g->line_len = 0;
    g->error_len = 0;
    g->error[0] = '\0';
    g->error_pending_break = false;
    g->watch = dl;
    g->watch_paused = false;
    /* The hooks live in the thread's environment, which every glp_free_env() below discards,
     * so they are installed anew on every run. */
    glp_term_hook(term_hook, g);
    glp_error_hook(error_hook, g);

    volatile int rc;
    int jumped = setjmp(g->jump);
    if (jumped == 0) {
        rc = body(ctx);
    } else if (jumped == 2) {
        g->line_len = 0;
        rc = LM_GLPK_STOPPED;
    } else {
        flush_line(g, MATCH_LOG_ERROR);
        rc = fault(g, errmsg);
    }
    flush_line(g, MATCH_LOG_DEBUG);
    /* Free the whole environment after every run, successful or not: after a fault GLPK is
     * in an undefined state and this is the only way back; after a success it releases the
     * memory GLPK keeps per thread, which would otherwise stay allocated until the caller's
     * thread called glp_free_env() itself (a leak in thread pools, and under valgrind). */
    glp_free_env();
    g->active = false;
    g->opts = NULL;
    g->watch = NULL;
    return rc;
}
