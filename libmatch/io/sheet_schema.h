/*
 * The workbook format (docs/spreadsheets.md): which sheet holds which list of the scenario,
 * which column holds which field, in Chinese and English, and how each cell is read.
 */
#ifndef LM_SHEET_SCHEMA_H
#define LM_SHEET_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

typedef enum lm_cell_kind {
    LM_KIND_ID,       /* a non-empty word: an id or a reference */
    LM_KIND_TEXT,     /* any text */
    LM_KIND_NUMBER,   /* a number */
    LM_KIND_INT,      /* a whole number */
    LM_KIND_BOOL,     /* 是/否, Y/N, yes/no, true/false, 1/0 */
    LM_KIND_TAGS,     /* a list of words split on 、 ， , ; and whitespace */
    LM_KIND_REQUESTS, /* resource requests: "venue:1、funds:2" */
    LM_KIND_NUMBERS   /* a list of numbers (priority weights) */
} lm_cell_kind;

typedef struct lm_column_spec {
    const char *field; /* the scenario field, also the English header */
    lm_cell_kind kind;
    bool required;       /* the column must be there (and the field given on every row) */
    const char *zh;      /* the Chinese header */
    const char *aliases; /* further headers accepted, '|'-separated, or "" */
    const char *example; /* the template's example value */
    const char *help_zh;
    const char *help_en;
} lm_column_spec;

typedef struct lm_list_spec {
    const char *key; /* the scenario list, also the English sheet name */
    const char *zh;  /* the Chinese sheet name */
    const char *aliases;
    const lm_column_spec *columns;
    size_t n_columns;
} lm_list_spec;

/* The lists in the order a scenario file has them; the policy sheet is last. */
extern const lm_list_spec lm_sheet_lists[];
extern const size_t lm_sheet_n_lists;

/* The policy sheet's rows ("field" column values), as columns of a virtual list. */
extern const lm_list_spec lm_sheet_policy;

/* The policy sheet's own two columns. */
extern const lm_column_spec lm_policy_key_column, lm_policy_value_column, lm_policy_note_column;

/* Does the header (or sheet name) `text` name this column (or list)? Spaces, a trailing unit
 * in brackets ("可服务时长（小时）") and ASCII case are ignored. */
bool lm_header_matches(const char *text, const char *field, const char *zh, const char *aliases);

#endif
