/* Log lines from the solving code to the caller's match_options.log callback. */
#ifndef LM_SOLVE_LOG_H
#define LM_SOLVE_LOG_H

#include "libmatch/solve.h"

/* Formats and passes a line on when o has a callback that wants this level; o may be NULL. */
void lm_log(const match_options *o, match_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
