/* `match diff`: compares two plan files, as text or as JSON (docs/analysis.md). */
#ifndef MATCH_TOOL_DIFF_COMMAND_H
#define MATCH_TOOL_DIFF_COMMAND_H

#include <stdio.h>

/*
 * Runs `match diff BEFORE.json AFTER.json [--json] [--all] [-o FILE]`; argv[0] is "diff".
 * Returns the exit status: 0, 1 (usage), 2 (a plan file cannot be read), 5, 6 (cannot write).
 */
int lm_diff_command(int argc, char **argv);

#endif
