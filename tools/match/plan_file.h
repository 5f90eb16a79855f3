/* Plan files, read the one way the library offers (match_plan_read_json()). */
#ifndef MATCH_TOOL_PLAN_FILE_H
#define MATCH_TOOL_PLAN_FILE_H

#include "libmatch/libmatch.h"

/*
 * Reads the plan file `path`. On failure prints "match: <prefix><message>" to stderr, sets
 * *code to the exit status (lm_exit_code_of_read()) and
 * returns NULL. prefix may be "" (or name the option the file came with: "--warm-start: ").
 */
match_plan *lm_cli_read_plan(const char *path, const char *prefix, int *code);

#endif
