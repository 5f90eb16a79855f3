/*
 * The solve's deadline, interrupt polling and progress reports (deadline.h).
 */
#include "deadline.h"

#include <math.h>

#include "../common/util.h"

void lm_deadline_start(lm_deadline *d, const match_options *opts, bool values)
{
    double now = lm_now_seconds();
    double limit = opts != NULL ? opts->time_limit : 0.0;
    *d = (lm_deadline){.opts = opts,
                       .started = now,
                       .end = limit > 0 ? now + limit : INFINITY,
                       .last_poll = -INFINITY, /* the first check asks at once */
                       .last_report = now,
                       .phase = "pairs",
                       .values = values,
                       .incumbent = NAN,
                       .bound = NAN};
}

void lm_deadline_reserve(lm_deadline *d, double seconds)
{
    if (isinf(d->end))
        return;
    double limit = d->end - d->started;
    d->end -= fmin(seconds, 0.5 * limit);
}

double lm_deadline_left(const lm_deadline *d)
{
    if (d == NULL || isinf(d->end))
        return INFINITY;
    double left = d->end - lm_now_seconds();
    return left > 0 ? left : 0.0;
}

double lm_deadline_elapsed(const lm_deadline *d)
{
    return d != NULL ? lm_now_seconds() - d->started : 0.0;
}

static bool has_progress(const lm_deadline *d)
{
    return d->opts != NULL && d->opts->version >= 2 && d->opts->progress != NULL;
}

static void report(lm_deadline *d, double now)
{
    d->last_report = now;
    if (!has_progress(d))
        return;
    match_progress p = {.phase = d->phase,
                        .elapsed = now - d->started,
                        .incumbent = d->values ? d->incumbent : NAN,
                        .bound = d->values ? d->bound : NAN,
                        .gap = NAN};
    if (!isnan(p.incumbent) && !isnan(p.bound)) {
        double gap = (p.bound - p.incumbent) / fmax(fabs(p.bound), 1e-9);
        p.gap = gap > 0 ? gap : 0.0;
    }
    d->opts->progress(&p, d->opts->progress_payload);
}

static void poll(lm_deadline *d, double now)
{
    d->last_poll = now;
    const match_options *o = d->opts;
    if (!d->interrupted && o != NULL && o->interrupt != NULL && o->interrupt(o->interrupt_payload))
        d->interrupted = true;
}

bool lm_deadline_stop(lm_deadline *d)
{
    if (d == NULL)
        return false;
    if (d->interrupted || d->expired)
        return true;
    double now = lm_now_seconds();
    if (now >= d->end) {
        d->expired = true;
        return true;
    }
    if (now - d->last_report >= LM_PROGRESS_SECONDS)
        report(d, now);
    if (now - d->last_poll >= LM_POLL_SECONDS)
        poll(d, now);
    return d->interrupted;
}

match_status lm_deadline_status(const lm_deadline *d, bool have_plan)
{
    if (d != NULL && d->interrupted)
        return MATCH_STATUS_INTERRUPTED;
    return have_plan ? MATCH_STATUS_FEASIBLE : MATCH_STATUS_TIME_LIMIT;
}

void lm_deadline_phase(lm_deadline *d, const char *phase)
{
    if (d == NULL)
        return;
    d->phase = phase;
    double now = lm_now_seconds();
    report(d, now);
    poll(d, now); /* between phases, whatever the time since the last poll */
}

void lm_deadline_incumbent(lm_deadline *d, double objective)
{
    if (d == NULL || isnan(objective) || !(isnan(d->incumbent) || objective > d->incumbent))
        return;
    d->incumbent = objective;
    double now = lm_now_seconds();
    report(d, now);
    poll(d, now); /* a caller may stop as soon as a plan exists */
}

void lm_deadline_bound(lm_deadline *d, double bound)
{
    if (d == NULL || !(fabs(bound) < 1e300) || !(isnan(d->bound) || bound < d->bound))
        return;
    d->bound = bound;
    report(d, lm_now_seconds());
}

int lm_deadline_ns_stop(void *payload)
{
    return lm_deadline_stop(payload);
}
