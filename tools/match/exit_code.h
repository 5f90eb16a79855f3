/* The exit statuses of `match` (documented in its usage text and README.md), for every
 * command: scripts tell what happened without parsing text. */
#ifndef MATCH_TOOL_EXIT_CODE_H
#define MATCH_TOOL_EXIT_CODE_H

#include "libmatch/common.h"

enum exit_code {
    EXIT_OK = 0,           /* done: solved (optimal or feasible), checked, written */
    EXIT_USAGE = 1,        /* bad command line */
    EXIT_BAD_INPUT = 2,    /* an input file is unreadable or breaks a rule */
    EXIT_INFEASIBLE = 3,   /* no plan meets the required needs and fixed pairs */
    EXIT_TIME_LIMIT = 4,   /* no plan found within the time limit */
    EXIT_INTERNAL = 5,     /* out of memory, or a solver failure */
    EXIT_WRITE = 6,        /* an output file could not be written */
    EXIT_INTERRUPTED = 7,  /* SIGINT or SIGTERM: the best plan so far was written */
    EXIT_PLAN_INVALID = 8, /* evaluate, report: the plan breaks a hard rule */
    /* A second SIGINT: the process ends at once, nothing written (128 + SIGINT). */
    EXIT_ABORTED = 130
};

/* The exit status for a failed read of an input file (a MATCH_* code): bad input, or an
 * internal failure such as running out of memory. */
static inline int lm_exit_code_of_read(int rc)
{
    switch (rc) {
    case MATCH_EIO:
    case MATCH_EPARSE:
    case MATCH_EINPUT:
    case MATCH_ENOTFOUND:
    case MATCH_EDUPLICATE:
        return EXIT_BAD_INPUT;
    default:
        return EXIT_INTERNAL;
    }
}

#endif
