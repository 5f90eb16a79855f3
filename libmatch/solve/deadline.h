/*
 * One deadline per match_model_solve() call: the time limit counted from the call's entry,
 * the caller's interrupt callback (asked at most every LM_POLL_SECONDS) and the progress
 * reports. Every phase asks it how much time is left and whether to stop, so the limit is
 * wall time for the whole call on every path and a stop is seen within a fraction of a
 * second wherever the solvers can poll.
 */
#ifndef LM_DEADLINE_H
#define LM_DEADLINE_H

#include <stdbool.h>

#include "libmatch/solve.h"

/* How often the caller's interrupt callback is asked, at most. */
#define LM_POLL_SECONDS 0.05
/* How often progress is reported while nothing improves, at most. */
#define LM_PROGRESS_SECONDS 1.0

typedef struct lm_deadline {
    const match_options *opts;
    double started; /* lm_now_seconds() at match_model_solve() entry */
    double end;     /* started + time_limit; INFINITY without a limit */
    bool interrupted;
    bool expired;
    double last_poll;
    double last_report;
    const char *phase;
    bool values; /* incumbent and bound are the weighted objective (not lexicographic) */
    double incumbent, bound; /* best reported so far; NaN until one */
} lm_deadline;

void lm_deadline_start(lm_deadline *d, const match_options *opts, bool values);

/* Building the plan, per pair, reserved from the time limit for after the solvers. */
#define LM_PLAN_SECONDS_PER_PAIR 4e-7

/* Keeps `seconds` (at most half the limit) of the limit for after the solvers. */
void lm_deadline_reserve(lm_deadline *d, double seconds);

/* Seconds left; INFINITY without a limit; never negative. */
double lm_deadline_left(const lm_deadline *d);

/* Seconds since the call was entered. */
double lm_deadline_elapsed(const lm_deadline *d);

/* Whether to stop now: the interrupt callback said so (asked at most every LM_POLL_SECONDS)
 * or the time ran out. Sticky. Also reports progress when LM_PROGRESS_SECONDS have passed.
 * d may be NULL (never stops). */
bool lm_deadline_stop(lm_deadline *d);

/* The status a solve stopped by d ends with: interrupted, or the time limit's (feasible with
 * a plan, time_limit without). */
match_status lm_deadline_status(const lm_deadline *d, bool have_plan);

/* A new phase begins: reported at once, and the interrupt asked. */
void lm_deadline_phase(lm_deadline *d, const char *phase);

/* A plan of this objective exists / this bound is proven: reported when it improves (a new
 * plan also asks the interrupt). NaN and worse values are ignored. */
void lm_deadline_incumbent(lm_deadline *d, double objective);
void lm_deadline_bound(lm_deadline *d, double bound);

/* lm_deadline_stop() in the shape of the network simplex's stop hook (payload: the deadline). */
int lm_deadline_ns_stop(void *payload);

#endif
