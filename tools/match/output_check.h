/*
 * Output safety: before a command reads much or solves anything, its output file is checked
 * against every file the command reads (the same file after following links, by device
 * and inode) and its directory for write access, so that no command ever replaces one of
 * its own inputs and no long solve ends in an unwritable place.
 */
#ifndef MATCH_OUTPUT_CHECK_H
#define MATCH_OUTPUT_CHECK_H

#include <stddef.h>

/* One file a command reads: its path (NULL: none) and what it is ("the scenario"). */
typedef struct match_input {
    const char *path;
    const char *what;
} match_input;

/* The outcome of match_output_check(). */
typedef enum match_output_verdict {
    MATCH_OUTPUT_OK = 0,
    MATCH_OUTPUT_IS_INPUT,  /* the output resolves to an input: a usage error */
    MATCH_OUTPUT_UNWRITABLE /* the output's directory cannot be written, or it is a directory */
} match_output_verdict;

/* Checks `output` (NULL: standard output, always fine) against the n inputs; on a refusal
 * prints "match: ..." to standard error naming the output and the input. */
match_output_verdict match_output_check(const char *output, const match_input *inputs, size_t n);

#endif
