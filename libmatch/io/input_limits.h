/*
 * Limits on a scenario file (docs/model.md, "Limits on input"): its size, how deeply its
 * JSON nests, the length of an id and the number of items in a list. Each is far beyond any
 * real scenario and keeps a hostile or broken file from exhausting memory; exceeding one is
 * an input error that names the limit, which `match check` reports like any other.
 */
#ifndef LM_INPUT_LIMITS_H
#define LM_INPUT_LIMITS_H

#include <stddef.h>

#define LM_INPUT_MAX_BYTES ((size_t)512 * 1024 * 1024) /* 512 MiB */
#define LM_INPUT_MAX_DEPTH 32                          /* arrays and objects inside each other */
#define LM_INPUT_MAX_ID_BYTES 256                      /* an id or a reference, in UTF-8 bytes */
#define LM_INPUT_MAX_ITEMS ((size_t)10000000)          /* items in one list */

/* The deepest nesting of arrays and objects in `len` bytes of JSON text (strings skipped),
 * stopping as soon as it passes `limit`; *line receives the line where it did (1-based). */
int lm_json_text_depth(const char *text, size_t len, int limit, int *line);

#endif
