/* Reading plan files for the commands (plan_file.h). */
#include "plan_file.h"

#include <stdio.h>

#include "exit_code.h"

match_plan *lm_cli_read_plan(const char *path, const char *prefix, int *code)
{
    match_plan *plan = NULL;
    char err[1024];
    int rc = match_plan_read_json(&plan, path, err, sizeof err);
    if (rc != MATCH_OK) {
        fprintf(stderr, "match: %s%s\n", prefix, err[0] != '\0' ? err : match_strerror(rc));
        *code = lm_exit_code_of_read(rc);
        return NULL;
    }
    return plan;
}
