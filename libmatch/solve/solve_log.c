#include "solve_log.h"

#include <stdarg.h>
#include <stdio.h>

#include "../common/util.h"

void lm_log(const match_options *o, match_log_level level, const char *fmt, ...)
{
    if (o == NULL || o->log == NULL || o->log_level < level)
        return;
    char line[LM_ERRMSG_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    o->log(level, line, o->log_payload);
}
