/* The number options of the command line (--time-limit, --mip-gap, ...), for every command. */
#ifndef MATCH_TOOL_CLI_NUMBER_H
#define MATCH_TOOL_CLI_NUMBER_H

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

/* A number option: the whole argument must be a finite value >= 0. */
static inline bool lm_cli_parse_number(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !isfinite(v) || v < 0.0)
        return false;
    *out = v;
    return true;
}

#endif
