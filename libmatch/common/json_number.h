/*
 * The number form of the JSON files libmatch writes (plan files, plan comparisons): 12
 * significant digits, whole numbers as integers, NaN and infinities as null. Files that
 * quote each other's numbers (a comparison quotes its plans) must use the same form.
 */
#ifndef LM_JSON_NUMBER_H
#define LM_JSON_NUMBER_H

#include <jansson.h>

#define LM_JSON_DIGITS 12
/* Flags for json_dumpb(): indented, keys in insertion order, LM_JSON_DIGITS digits. */
#define LM_JSON_DUMP_FLAGS                                                                         \
    (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(LM_JSON_DIGITS))

/* A new JSON number (or null) for v in that form; NULL when out of memory. */
json_t *lm_json_number(double v);

#endif
