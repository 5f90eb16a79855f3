/* Spreadsheets in memory (sheet_table.h). */
#include "sheet_table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"

void lm_book_free(lm_book *book)
{
    for (size_t s = 0; s < book->n_sheets; ++s) {
        lm_sheet *sh = &book->sheets[s];
        for (size_t r = 0; r < sh->n_rows; ++r) {
            for (size_t c = 0; c < sh->rows[r].n_cells; ++c)
                free(sh->rows[r].cells[c].text);
            free(sh->rows[r].cells);
        }
        free(sh->rows);
        free(sh->file);
        free(sh->name);
        free(sh->merged_header);
    }
    free(book->sheets);
    *book = (lm_book){0};
}

lm_sheet *lm_book_add(lm_book *book, const char *file, const char *name)
{
    if (!lm_reserve((void **)&book->sheets, &book->cap_sheets, book->n_sheets + 1,
                    sizeof *book->sheets))
        return NULL;
    lm_sheet *sh = &book->sheets[book->n_sheets];
    *sh = (lm_sheet){0};
    sh->file = lm_strdup(file);
    sh->name = lm_strdup(name);
    if (sh->file == NULL || sh->name == NULL) {
        free(sh->file);
        free(sh->name);
        return NULL;
    }
    book->n_sheets++;
    return sh;
}

bool lm_sheet_set(lm_sheet *sheet, unsigned row, size_t col, const char *text, size_t len,
                  unsigned flags)
{
    if (sheet->n_rows == 0 || sheet->rows[sheet->n_rows - 1].number != row) {
        if (!lm_reserve((void **)&sheet->rows, &sheet->cap_rows, sheet->n_rows + 1,
                        sizeof *sheet->rows))
            return false;
        sheet->rows[sheet->n_rows++] = (lm_row){.number = row};
    }
    lm_row *r = &sheet->rows[sheet->n_rows - 1];
    if (col >= r->n_cells) {
        lm_cell *cells = realloc(r->cells, (col + 1) * sizeof *cells);
        if (cells == NULL)
            return false;
        memset(cells + r->n_cells, 0, (col + 1 - r->n_cells) * sizeof *cells);
        r->cells = cells;
        r->n_cells = col + 1;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return false;
    memcpy(copy, text, len);
    copy[len] = '\0';
    free(r->cells[col].text);
    r->cells[col].text = copy;
    r->cells[col].flags = flags;
    return true;
}

const char *lm_sheet_text(const lm_sheet *sheet, size_t row_index, size_t col)
{
    if (row_index >= sheet->n_rows || col >= sheet->rows[row_index].n_cells)
        return NULL;
    return sheet->rows[row_index].cells[col].text;
}

void lm_column_letters(size_t col, char *buf)
{
    char tmp[8];
    size_t n = 0;
    col += 1;
    while (col > 0 && n < sizeof tmp) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (size_t k = 0; k < n; ++k)
        buf[k] = tmp[n - 1 - k];
    buf[n] = '\0';
}

bool lm_utf8_valid(const char *text, size_t len, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        unsigned min;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
            n = 3;
            min = 0x10000;
        } else {
            *bad = i;
            return false;
        }
        unsigned cp = c & (0x3F >> n);
        for (size_t k = 1; k <= n; ++k) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80) {
                *bad = i;
                return false;
            }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            *bad = i;
            return false;
        }
        i += n + 1;
    }
    return true;
}

int lm_sheet_fail(char *msg, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, LM_SHEET_MSG_SIZE, fmt, ap);
    va_end(ap);
    return code;
}
