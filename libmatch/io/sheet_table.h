/*
 * A spreadsheet read into memory: what the CSV and XLSX readers give the scenario mapping
 * (sheet_scenario.c). Cell text is UTF-8; row numbers are the ones the spreadsheet shows.
 */
#ifndef LM_SHEET_TABLE_H
#define LM_SHEET_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#define LM_SHEET_MSG_SIZE 1024

/* What a cell held, beyond its text. */
enum {
    LM_CELL_NUMBER = 1, /* a numeric cell (XLSX); its text is the stored value */
    LM_CELL_DATE = 2,   /* a numeric cell formatted as a date or time */
    LM_CELL_ERROR = 4   /* a formula error such as #N/A */
};

typedef struct lm_cell {
    char *text; /* NULL: empty */
    unsigned flags;
} lm_cell;

typedef struct lm_row {
    unsigned number; /* as the spreadsheet shows it, 1-based */
    lm_cell *cells;
    size_t n_cells;
} lm_row;

typedef struct lm_sheet {
    char *file;   /* the file, as the caller named it */
    char *name;   /* the sheet's name (a CSV file's name without ".csv") */
    lm_row *rows; /* rows that hold at least one cell, in order */
    size_t n_rows, cap_rows;
    char *merged_header; /* a merged range such as "A1:B1" that touches the first row, or NULL */
} lm_sheet;

typedef struct lm_book {
    lm_sheet *sheets;
    size_t n_sheets, cap_sheets;
} lm_book;

void lm_book_free(lm_book *book);

/* Adds an empty sheet; NULL on no memory. */
lm_sheet *lm_book_add(lm_book *book, const char *file, const char *name);

/* Sets cell (row number `row`, 0-based column `col`) to a copy of text[0..len). Rows must
 * come in increasing order. false on no memory. */
bool lm_sheet_set(lm_sheet *sheet, unsigned row, size_t col, const char *text, size_t len,
                  unsigned flags);

/* The text of a cell, or NULL when it is empty or out of range. */
const char *lm_sheet_text(const lm_sheet *sheet, size_t row_index, size_t col);

/* Column letters of a 0-based column: 0 -> "A", 27 -> "AB". buf holds at least 8 bytes. */
void lm_column_letters(size_t col, char *buf);

/*
 * Reads a CSV file as one sheet. encoding: NULL or "auto" (UTF-8 with or without a BOM,
 * else GB18030), "utf-8", "gb18030" or "gbk". Returns MATCH_OK or an error code with the
 * message in msg (LM_SHEET_MSG_SIZE bytes), naming the file and the row.
 */
int lm_csv_read(lm_book *book, const char *path, const char *sheet_name, const char *encoding,
                char *msg);

/* Reads every worksheet of an XLSX workbook. Same conventions. */
int lm_xlsx_read(lm_book *book, const char *path, char *msg);

/* UTF-8 validity of text[0..len); *bad receives the offset of the first bad byte. */
bool lm_utf8_valid(const char *text, size_t len, size_t *bad);

/* Writes the message (LM_SHEET_MSG_SIZE bytes at most) into msg and returns code, so that a
 * reader can `return lm_sheet_fail(msg, MATCH_EINPUT, ...)`. */
int lm_sheet_fail(char *msg, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
