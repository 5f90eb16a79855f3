/*
 * Scenario workbooks and CSV folders in (include/libmatch/sheets.h).
 *
 * The rows become the scenario document the JSON reader reads, and that document is
 * validated by the JSON reader's own core (lm_scenario_from_json), so a workbook obeys
 * exactly the rules of a scenario file. Each item of the document remembers the sheet row
 * it came from and each field its column, so the first error the validation finds ("item
 * volunteers[16], field hours") is told as the office sees it: the file, the sheet, the row
 * number the spreadsheet shows, the column header and the cell.
 */
#include "libmatch/sheets.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <jansson.h>

#include "../common/util.h"
#include "libmatch/io.h"
#include "scenario_internal.h"
#include "sheet_scenario.h"
#include "sheet_schema.h"
#include "sheet_table.h"

#define NO_COL ((size_t)-1)
#define NO_ROW ((size_t)-1)

typedef struct reader {
    char msg[LM_SHEET_MSG_SIZE];
    int code;
    bool chinese; /* a header or sheet name was Chinese */
} reader;

static int fail(reader *r, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(reader *r, int code, const char *fmt, ...)
{
    if (r->code != MATCH_OK)
        return r->code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->msg, sizeof r->msg, fmt, ap);
    va_end(ap);
    r->code = code;
    return code;
}

static int nomem(reader *r)
{
    return fail(r, MATCH_ENOMEM, "out of memory");
}

/* Where a list's rows are, and which column holds which field. */
typedef struct list_src {
    const lm_list_spec *spec;
    const lm_sheet *sheet;     /* NULL: the list is absent */
    size_t col[32];            /* per spec column: the sheet column, or NO_COL */
    size_t key_col, value_col; /* the policy sheet's two columns */
    size_t *rows;              /* per item of the document: its row index in the sheet */
    size_t n_items;
    size_t *extra_cols; /* x_ columns */
    size_t n_extra;
} list_src;

typedef struct sources {
    list_src lists[16];
    size_t n_lists;
    list_src policy;
    size_t policy_rows[32]; /* per policy field: its row index, or NO_ROW */
} sources;

static void sources_free(sources *s)
{
    for (size_t k = 0; k < s->n_lists; ++k) {
        free(s->lists[k].rows);
        free(s->lists[k].extra_cols);
    }
    free(s->policy.extra_cols);
}

static bool has_non_ascii(const char *s)
{
    for (; s != NULL && *s != '\0'; ++s)
        if ((unsigned char)*s >= 0x80)
            return true;
    return false;
}

/* "file, sheet S, row N, column H" */
static void position(char *buf, size_t size, const lm_sheet *sh, size_t row, size_t col)
{
    int n = snprintf(buf, size, "%s, sheet %s", sh->file, sh->name);
    if (row != NO_ROW && row < sh->n_rows && n > 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, ", row %u", sh->rows[row].number);
    if (col != NO_COL && n > 0 && (size_t)n < size) {
        const char *header = lm_sheet_text(sh, 0, col);
        char letters[8];
        lm_column_letters(col, letters);
        snprintf(buf + n, size - (size_t)n, ", column %s", header != NULL ? header : letters);
    }
}

static int cell_fail(reader *r, const lm_sheet *sh, size_t row, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int cell_fail(reader *r, const lm_sheet *sh, size_t row, size_t col, const char *fmt, ...)
{
    if (r->code != MATCH_OK)
        return r->code;
    char where[512], what[512];
    position(where, sizeof where, sh, row, col);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return fail(r, MATCH_EINPUT, "%s: %s", where, what);
}

/* ---- Loading the sheets --------------------------------------------------------------- */

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int match_path_is_sheets(const char *path)
{
    return path != NULL && (ends_with_ci(path, ".xlsx") || is_dir(path));
}

static int csv_filter(const struct dirent *e)
{
    return e->d_name[0] != '.' && ends_with_ci(e->d_name, ".csv");
}

static int load_folder(lm_book *book, const char *dir, const char *encoding, reader *r)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, csv_filter, alphasort);
    if (n < 0)
        return fail(r, MATCH_EIO, "%s: cannot list the folder: %s", dir, strerror(errno));
    int rc = MATCH_OK;
    for (int k = 0; k < n; ++k) {
        if (rc == MATCH_OK) {
            size_t len = strlen(dir) + strlen(names[k]->d_name) + 2;
            char *path = malloc(len), *stem = lm_strdup(names[k]->d_name);
            if (path == NULL || stem == NULL)
                rc = nomem(r);
            else {
                bool slash = dir[0] != '\0' && dir[strlen(dir) - 1] == '/';
                snprintf(path, len, "%s%s%s", dir, slash ? "" : "/", names[k]->d_name);
                stem[strlen(stem) - 4] = '\0';
                rc = lm_csv_read(book, path, stem, encoding, r->msg);
                if (rc != MATCH_OK)
                    r->code = rc;
            }
            free(path);
            free(stem);
        }
        free(names[k]);
    }
    free(names);
    if (rc == MATCH_OK && n == 0)
        rc = fail(r, MATCH_EINPUT,
                  "%s: no CSV files in the folder (one per sheet: 社区.csv or "
                  "communities.csv, 志愿者.csv or volunteers.csv, ...)",
                  dir);
    return rc;
}

static int load_book(lm_book *book, const char *path, const char *encoding, reader *r)
{
    if (is_dir(path))
        return load_folder(book, path, encoding, r);
    if (ends_with_ci(path, ".csv"))
        return fail(r, MATCH_EINPUT,
                    "%s: a scenario is a folder of CSV files, one per sheet; give the folder",
                    path);
    int rc = lm_xlsx_read(book, path, r->msg);
    if (rc != MATCH_OK)
        r->code = rc;
    return rc;
}

/* ---- Sheets to lists ------------------------------------------------------------------ */

static bool ignored_sheet(const char *name)
{
    return strncmp(name, "x_", 2) == 0 || lm_header_matches(name, "help", "说明", "readme|帮助");
}

static int assign_sheets(const lm_book *book, sources *s, reader *r)
{
    s->n_lists = lm_sheet_n_lists;
    for (size_t k = 0; k < s->n_lists; ++k)
        s->lists[k].spec = &lm_sheet_lists[k];
    s->policy.spec = &lm_sheet_policy;
    for (size_t i = 0; i < book->n_sheets; ++i) {
        const lm_sheet *sh = &book->sheets[i];
        if (ignored_sheet(sh->name))
            continue;
        list_src *target = NULL;
        for (size_t k = 0; k < s->n_lists && target == NULL; ++k) {
            const lm_list_spec *spec = s->lists[k].spec;
            if (lm_header_matches(sh->name, spec->key, spec->zh, spec->aliases))
                target = &s->lists[k];
        }
        if (target == NULL && lm_header_matches(sh->name, lm_sheet_policy.key, lm_sheet_policy.zh,
                                                lm_sheet_policy.aliases))
            target = &s->policy;
        if (target == NULL)
            return fail(r, MATCH_EINPUT,
                        "%s, sheet %s: unknown sheet (the sheets are 社区/communities, "
                        "单位/units, 志愿者/volunteers, 资源/resources, 需求/needs, 参数/policy, "
                        "指定安排/fixed, 禁止安排/forbidden, 候选配对/pairs; name it x_... to "
                        "keep it unread)",
                        sh->file, sh->name);
        if (target->sheet != NULL)
            return fail(r, MATCH_EINPUT, "%s, sheet %s: the %s list is already in %s, sheet %s",
                        sh->file, sh->name, target->spec->key, target->sheet->file,
                        target->sheet->name);
        target->sheet = sh;
        r->chinese = r->chinese || has_non_ascii(sh->name);
    }
    return MATCH_OK;
}

/* Matches the header row of a list's sheet to its columns. */
static int read_headers(list_src *src, bool policy, reader *r)
{
    const lm_sheet *sh = src->sheet;
    const lm_list_spec *spec = src->spec;
    for (size_t k = 0; k < 32; ++k)
        src->col[k] = NO_COL;
    src->key_col = src->value_col = NO_COL;
    if (sh->n_rows == 0)
        return fail(r, MATCH_EINPUT,
                    "%s, sheet %s: the sheet is empty; it needs a header row (%s), or leave the "
                    "sheet out",
                    sh->file, sh->name, policy ? "参数/field, 值/value" : spec->columns[0].zh);
    if (sh->merged_header != NULL)
        return fail(r, MATCH_EINPUT,
                    "%s, sheet %s, row %u: header cells %s are merged; unmerge them so each "
                    "column has a header of its own",
                    sh->file, sh->name, sh->rows[0].number, sh->merged_header);
    const lm_row *head = &sh->rows[0];
    src->extra_cols = calloc(head->n_cells + 1, sizeof *src->extra_cols);
    if (src->extra_cols == NULL)
        return nomem(r);
    for (size_t c = 0; c < head->n_cells; ++c) {
        const char *h = head->cells[c].text;
        if (h == NULL)
            continue;
        r->chinese = r->chinese || has_non_ascii(h);
        if (strncmp(h, "x_", 2) == 0) {
            src->extra_cols[src->n_extra++] = c;
            continue;
        }
        size_t *slot = NULL;
        const char *field = NULL;
        if (policy) {
            const lm_column_spec *pc[3] = {&lm_policy_key_column, &lm_policy_value_column,
                                           &lm_policy_note_column};
            size_t note_col = NO_COL;
            size_t *slots[3] = {&src->key_col, &src->value_col, &note_col};
            for (size_t k = 0; k < 3 && slot == NULL; ++k)
                if (lm_header_matches(h, pc[k]->field, pc[k]->zh, pc[k]->aliases)) {
                    slot = k < 2 ? slots[k] : NULL;
                    field = pc[k]->field;
                    if (k == 2)
                        break;
                }
            if (field != NULL && slot == NULL)
                continue; /* the note column */
        } else {
            for (size_t k = 0; k < spec->n_columns && slot == NULL; ++k)
                if (lm_header_matches(h, spec->columns[k].field, spec->columns[k].zh,
                                      spec->columns[k].aliases)) {
                    slot = &src->col[k];
                    field = spec->columns[k].field;
                }
        }
        if (slot == NULL) {
            char known[1024];
            size_t n = 0;
            for (size_t k = 0; !policy && k < spec->n_columns && n + 64 < sizeof known; ++k)
                n += (size_t)snprintf(known + n, sizeof known - n, "%s%s/%s", k > 0 ? ", " : "",
                                      spec->columns[k].zh, spec->columns[k].field);
            if (policy)
                snprintf(known, sizeof known, "参数/field, 值/value, 说明/note");
            return cell_fail(r, sh, 0, c,
                             "unknown column (the columns of this sheet are %s; start a header "
                             "with x_ to keep a column of your own)",
                             known);
        }
        if (*slot != NO_COL) {
            char first[8];
            lm_column_letters(*slot, first);
            return cell_fail(r, sh, 0, c,
                             "a second column for field \"%s\" (the first is %s, "
                             "column %s)",
                             field, first, lm_sheet_text(sh, 0, *slot));
        }
        *slot = c;
    }
    if (policy) {
        if (src->key_col == NO_COL || src->value_col == NO_COL)
            return fail(r, MATCH_EINPUT, "%s, sheet %s: missing column %s", sh->file, sh->name,
                        src->key_col == NO_COL ? "参数 (field)" : "值 (value)");
        return MATCH_OK;
    }
    for (size_t k = 0; k < spec->n_columns; ++k)
        if (spec->columns[k].required && src->col[k] == NO_COL)
            return fail(r, MATCH_EINPUT, "%s, sheet %s: missing column %s (%s): every row needs it",
                        sh->file, sh->name, spec->columns[k].zh, spec->columns[k].field);
    return MATCH_OK;
}

/* ---- Cells to values ------------------------------------------------------------------ */

static void trim(const char *text, const char **start, size_t *len)
{
    const char *s = text, *e = text + strlen(text);
    while (s < e && strchr(" \t\r\n", *s) != NULL)
        ++s;
    while (e > s && strchr(" \t\r\n", e[-1]) != NULL)
        --e;
    *start = s;
    *len = (size_t)(e - s);
}

/* Parses a whole number text; false when it is not one. */
static bool parse_number(const char *text, size_t len, double *out)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, text, len);
    buf[len] = '\0';
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (end == buf || *end != '\0' || errno == ERANGE || v != v)
        return false;
    /* strtod also reads "inf", "nan" and hexadecimal; a spreadsheet means none of them. */
    for (const char *p = buf; *p != '\0'; ++p)
        if (strchr("0123456789+-.eE", *p) == NULL)
            return false;
    *out = v;
    return true;
}

static json_t *number_value(double v)
{
    if (v == (double)(json_int_t)v && v > -1e15 && v < 1e15)
        return json_integer((json_int_t)v);
    return json_real(v);
}

/* The length of a list separator at p (、 ， , ; ； or whitespace), or 0. */
static size_t separator_at(const char *p)
{
    if (strchr(",; \t\r\n", *p) != NULL && *p != '\0')
        return 1;
    if (strncmp(p, "\xE3\x80\x81", 3) == 0 || strncmp(p, "\xEF\xBC\x8C", 3) == 0 ||
        strncmp(p, "\xEF\xBC\x9B", 3) == 0 || strncmp(p, "\xE3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

/* Splits a list cell into its words: calls each(word, len) for every non-empty one. */
typedef int (*word_fn)(const char *word, size_t len, void *payload);

static int split_words(const char *text, word_fn each, void *payload)
{
    const char *p = text, *start = text;
    for (;;) {
        size_t sep = *p == '\0' ? 1 : separator_at(p);
        if (sep > 0) {
            if (p > start) {
                int rc = each(start, (size_t)(p - start), payload);
                if (rc != MATCH_OK)
                    return rc;
            }
            if (*p == '\0')
                return MATCH_OK;
            p += sep;
            start = p;
        } else {
            ++p;
        }
    }
}

typedef struct words {
    json_t *array;
    reader *r;
    const lm_sheet *sh;
    size_t row, col;
    lm_cell_kind kind;
} words;

static int add_word(const char *word, size_t len, void *payload)
{
    words *w = payload;
    json_t *value = NULL;
    if (w->kind == LM_KIND_TAGS) {
        value = json_stringn(word, len);
    } else if (w->kind == LM_KIND_NUMBERS) {
        double v;
        if (!parse_number(word, len, &v))
            return cell_fail(w->r, w->sh, w->row, w->col, "\"%.*s\" is not a number", (int)len,
                             word);
        value = number_value(v);
    } else { /* a resource request: type:amount, or type alone for 1 */
        const char *colon = NULL;
        size_t colon_len = 0;
        for (size_t k = 0; k < len && colon == NULL; ++k) {
            if (word[k] == ':') {
                colon = word + k;
                colon_len = 1;
            } else if (k + 3 <= len && strncmp(word + k, "\xEF\xBC\x9A", 3) == 0) { /* ： */
                colon = word + k;
                colon_len = 3;
            }
        }
        size_t type_len = colon != NULL ? (size_t)(colon - word) : len;
        double amount = 1;
        if (colon != NULL) {
            const char *a = colon + colon_len;
            size_t alen = len - type_len - colon_len;
            if (!parse_number(a, alen, &amount))
                return cell_fail(w->r, w->sh, w->row, w->col,
                                 "\"%.*s\": the amount \"%.*s\" is not a number (write "
                                 "type:amount, such as venue:1)",
                                 (int)len, word, (int)alen, a);
        }
        if (type_len == 0)
            return cell_fail(w->r, w->sh, w->row, w->col,
                             "\"%.*s\": no resource type before the colon", (int)len, word);
        value = json_object();
        if (value != NULL &&
            (json_object_set_new(value, "type", json_stringn(word, type_len)) != 0 ||
             json_object_set_new(value, "amount", number_value(amount)) != 0)) {
            json_decref(value);
            value = NULL;
        }
    }
    if (value == NULL || json_array_append_new(w->array, value) != 0)
        return nomem(w->r);
    return MATCH_OK;
}

static bool word_is(const char *s, size_t len, const char *const *list)
{
    for (size_t k = 0; list[k] != NULL; ++k)
        if (strlen(list[k]) == len && strncasecmp(s, list[k], len) == 0)
            return true;
    return false;
}

/* The value of cell (row, col) as the column's kind wants it; *out NULL for an empty cell. */
static int cell_value(reader *r, const lm_sheet *sh, size_t row, size_t col, lm_cell_kind kind,
                      json_t **out)
{
    *out = NULL;
    if (row >= sh->n_rows || col >= sh->rows[row].n_cells)
        return MATCH_OK;
    const lm_cell *cell = &sh->rows[row].cells[col];
    if (cell->text == NULL)
        return MATCH_OK;
    const char *s;
    size_t len;
    trim(cell->text, &s, &len);
    if (len == 0)
        return MATCH_OK;
    if (cell->flags & LM_CELL_ERROR)
        return cell_fail(r, sh, row, col, "the formula gives the error %s", cell->text);
    double v = 0;
    switch (kind) {
    case LM_KIND_ID:
    case LM_KIND_TEXT:
        if ((cell->flags & LM_CELL_NUMBER) && parse_number(s, len, &v)) {
            char buf[64];
            snprintf(buf, sizeof buf, "%.15g", v);
            *out = json_string(buf);
        } else {
            *out = json_stringn(s, len);
        }
        break;
    case LM_KIND_NUMBER:
    case LM_KIND_INT:
        if (cell->flags & LM_CELL_DATE)
            return cell_fail(r, sh, row, col,
                             "the cell is formatted as a date or time, not a number; give it "
                             "the General or Number format");
        if (!parse_number(s, len, &v))
            return cell_fail(r, sh, row, col, "\"%.*s\" is not a number", (int)len, s);
        *out = number_value(v);
        break;
    case LM_KIND_BOOL: {
        static const char *const yes[] = {"是", "y", "yes", "true", "1", "对", "√", NULL};
        static const char *const no[] = {"否", "n", "no", "false", "0", "不", "×", NULL};
        if (word_is(s, len, yes))
            *out = json_true();
        else if (word_is(s, len, no))
            *out = json_false();
        else
            return cell_fail(r, sh, row, col,
                             "\"%.*s\" is not yes or no (write 是/否, Y/N, true/false or 1/0)",
                             (int)len, s);
        break;
    }
    case LM_KIND_TAGS:
    case LM_KIND_NUMBERS:
    case LM_KIND_REQUESTS: {
        char *copy = malloc(len + 1);
        words w = {json_array(), r, sh, row, col, kind};
        if (copy == NULL || w.array == NULL) {
            free(copy);
            json_decref(w.array);
            return nomem(r);
        }
        memcpy(copy, s, len);
        copy[len] = '\0';
        int rc = split_words(copy, add_word, &w);
        free(copy);
        if (rc != MATCH_OK) {
            json_decref(w.array);
            return rc;
        }
        *out = w.array;
        break;
    }
    }
    return *out != NULL ? MATCH_OK : nomem(r);
}

/* ---- Rows to the document ------------------------------------------------------------- */

static bool row_empty(const lm_row *row)
{
    for (size_t c = 0; c < row->n_cells; ++c) {
        const char *s;
        size_t len;
        if (row->cells[c].text == NULL)
            continue;
        trim(row->cells[c].text, &s, &len);
        if (len > 0)
            return false;
    }
    return true;
}

static int read_list_rows(list_src *src, json_t *root, reader *r)
{
    const lm_sheet *sh = src->sheet;
    const lm_list_spec *spec = src->spec;
    json_t *array = json_array();
    src->rows = calloc(sh->n_rows + 1, sizeof *src->rows);
    if (array == NULL || src->rows == NULL || json_object_set_new(root, spec->key, array) != 0)
        return nomem(r);
    for (size_t row = 1; row < sh->n_rows; ++row) {
        if (row_empty(&sh->rows[row]))
            continue;
        json_t *item = json_object();
        if (item == NULL || json_array_append_new(array, item) != 0)
            return nomem(r);
        src->rows[src->n_items++] = row;
        /* A value under an empty header would be lost: refuse it. */
        const lm_row *cells = &sh->rows[row];
        for (size_t c = 0; c < cells->n_cells; ++c) {
            const char *t = cells->cells[c].text, *start;
            size_t len;
            if (t == NULL || lm_sheet_text(sh, 0, c) != NULL)
                continue;
            trim(t, &start, &len);
            if (len > 0)
                return cell_fail(r, sh, row, c,
                                 "\"%.*s\" is in a column without a header; give the column a "
                                 "header or clear it",
                                 (int)len, start);
        }
        for (size_t k = 0; k < spec->n_columns; ++k) {
            if (src->col[k] == NO_COL)
                continue;
            json_t *value;
            int rc = cell_value(r, sh, row, src->col[k], spec->columns[k].kind, &value);
            if (rc != MATCH_OK)
                return rc;
            if (value != NULL && json_object_set_new(item, spec->columns[k].field, value) != 0)
                return nomem(r);
        }
        for (size_t k = 0; k < src->n_extra; ++k) {
            json_t *value;
            int rc = cell_value(r, sh, row, src->extra_cols[k], LM_KIND_TEXT, &value);
            if (rc != MATCH_OK)
                return rc;
            const char *key = lm_sheet_text(sh, 0, src->extra_cols[k]);
            if (value != NULL && json_object_set_new(item, key, value) != 0)
                return nomem(r);
        }
    }
    return MATCH_OK;
}

static int read_policy_rows(sources *s, json_t *root, reader *r)
{
    list_src *src = &s->policy;
    const lm_sheet *sh = src->sheet;
    json_t *policy = json_object();
    if (policy == NULL)
        return nomem(r);
    for (size_t k = 0; k < 32; ++k)
        s->policy_rows[k] = NO_ROW;
    for (size_t row = 1; row < sh->n_rows; ++row) {
        if (row_empty(&sh->rows[row]))
            continue;
        const char *key = lm_sheet_text(sh, row, src->key_col);
        size_t k = 0;
        for (; key != NULL && k < lm_sheet_policy.n_columns; ++k) {
            const lm_column_spec *c = &lm_sheet_policy.columns[k];
            if (lm_header_matches(key, c->field, c->zh, c->aliases))
                break;
        }
        if (key == NULL || k == lm_sheet_policy.n_columns) {
            json_decref(policy);
            return cell_fail(r, sh, row, src->key_col,
                             "\"%s\" is not a policy field (see the 说明/help sheet or "
                             "docs/spreadsheets.md)",
                             key != NULL ? key : "");
        }
        const lm_column_spec *c = &lm_sheet_policy.columns[k];
        if (s->policy_rows[k] != NO_ROW) {
            json_decref(policy);
            return cell_fail(r, sh, row, src->key_col, "\"%s\" is given again (first in row %u)",
                             key, sh->rows[s->policy_rows[k]].number);
        }
        s->policy_rows[k] = row;
        json_t *value;
        int rc = cell_value(r, sh, row, src->value_col, c->kind, &value);
        if (rc != MATCH_OK) {
            json_decref(policy);
            return rc;
        }
        if (value == NULL)
            continue;
        bool top = strcmp(c->field, "name") == 0 || strcmp(c->field, "previous_plan") == 0;
        if (json_object_set_new(top ? root : policy, c->field, value) != 0) {
            json_decref(policy);
            return nomem(r);
        }
    }
    if (json_object_size(policy) == 0) {
        json_decref(policy);
        return MATCH_OK;
    }
    return json_object_set_new(root, "policy", policy) == 0 ? MATCH_OK : nomem(r);
}

static int build_document(const lm_book *book, sources *s, json_t **out, reader *r)
{
    int rc = assign_sheets(book, s, r);
    for (size_t k = 0; k < s->n_lists && rc == MATCH_OK; ++k)
        if (s->lists[k].sheet != NULL)
            rc = read_headers(&s->lists[k], false, r);
    if (rc == MATCH_OK && s->policy.sheet != NULL)
        rc = read_headers(&s->policy, true, r);
    if (rc != MATCH_OK)
        return rc;
    json_t *root = json_object();
    if (root == NULL || json_object_set_new(root, "format", json_string("libmatch-scenario-1")))
        return nomem(r);
    if (s->policy.sheet != NULL)
        rc = read_policy_rows(s, root, r);
    for (size_t k = 0; k < s->n_lists && rc == MATCH_OK; ++k)
        if (s->lists[k].sheet != NULL)
            rc = read_list_rows(&s->lists[k], root, r);
    if (rc != MATCH_OK) {
        json_decref(root);
        return rc;
    }
    /* "name" and "previous_plan" came from the policy sheet; keep the file's usual order. */
    json_t *name = json_object_get(root, "name");
    if (name != NULL) {
        json_incref(name);
        json_object_del(root, "name");
        json_t *ordered = json_object();
        if (ordered == NULL) {
            json_decref(name);
            json_decref(root);
            return nomem(r);
        }
        json_object_set(ordered, "format", json_object_get(root, "format"));
        json_object_set_new(ordered, "name", name);
        json_object_update(ordered, root);
        json_decref(root);
        root = ordered;
    }
    *out = root;
    return MATCH_OK;
}

/* ---- Validation errors back to cells -------------------------------------------------- */

/* The field an error is about: the sub-list, else the field without "[k]", else the
 * `field "x"` a builder message names. */
static void error_field(const lm_json_ctx *ctx, char *field, size_t size)
{
    const char *f = ctx->err_sub != NULL ? ctx->err_sub : ctx->err_field;
    if (f[0] == '\0') {
        const char *p = strstr(ctx->msg + ctx->err_detail, "field \"");
        if (p != NULL) {
            p += 7;
            const char *q = strchr(p, '"');
            size_t n = q != NULL ? (size_t)(q - p) : 0;
            snprintf(field, size, "%.*s", (int)(n < size ? n : size - 1), p);
            return;
        }
    }
    snprintf(field, size, "%s", f);
    char *bracket = strchr(field, '[');
    if (bracket != NULL)
        *bracket = '\0';
}

static int map_error(const sources *s, const lm_json_ctx *ctx, reader *r)
{
    const char *detail = ctx->msg + ctx->err_detail;
    if (ctx->err_list == NULL)
        return fail(r, ctx->code, "%s", ctx->msg);
    char field[64];
    error_field(ctx, field, sizeof field);
    const lm_sheet *sh = NULL;
    size_t row = NO_ROW, col = NO_COL;
    const list_src *src = NULL;
    if (strcmp(ctx->err_list, "policy") == 0) {
        src = &s->policy;
        sh = src->sheet;
        for (size_t k = 0; k < lm_sheet_policy.n_columns; ++k)
            if (strcmp(lm_sheet_policy.columns[k].field, field) == 0)
                row = s->policy_rows[k];
        col = src->value_col;
    } else {
        for (size_t k = 0; k < s->n_lists; ++k)
            if (strcmp(s->lists[k].spec->key, ctx->err_list) == 0)
                src = &s->lists[k];
        if (src == NULL || src->sheet == NULL || ctx->err_index >= src->n_items)
            return fail(r, ctx->code, "%s", ctx->msg);
        sh = src->sheet;
        row = src->rows[ctx->err_index];
        for (size_t k = 0; k < src->spec->n_columns; ++k)
            if (strcmp(src->spec->columns[k].field, field) == 0)
                col = src->col[k];
    }
    if (sh == NULL)
        return fail(r, ctx->code, "%s", ctx->msg);
    char where[512];
    position(where, sizeof where, sh, row, col);
    const char *cell = col != NO_COL && row != NO_ROW ? lm_sheet_text(sh, row, col) : NULL;
    /* A second use of an id: say which row had it first. */
    if (ctx->code == MATCH_EDUPLICATE && strcmp(field, "id") == 0 && cell != NULL &&
        src != &s->policy) {
        for (size_t k = 0; k < ctx->err_index; ++k)
            if (lm_sheet_text(sh, src->rows[k], col) != NULL &&
                strcmp(lm_sheet_text(sh, src->rows[k], col), cell) == 0)
                return fail(r, ctx->code, "%s: \"%s\": the id is already used in row %u", where,
                            cell, sh->rows[src->rows[k]].number);
    }
    if (cell != NULL)
        return fail(r, ctx->code, "%s: \"%s\": %s", where, cell, detail);
    return fail(r, ctx->code, "%s: %s", where, detail);
}

/* ---- Entry points --------------------------------------------------------------------- */

int match_sheet_options_init(match_sheet_options *o, int version)
{
    if (o == NULL || version != MATCH_SHEET_OPTIONS_VERSION)
        return MATCH_EINVAL;
    *o = (match_sheet_options){.version = version};
    return MATCH_OK;
}

static int finish(const reader *r, char *errbuf, size_t errbuf_size)
{
    if (errbuf != NULL && errbuf_size > 0)
        snprintf(errbuf, errbuf_size, "%s", r->code == MATCH_OK ? "" : r->msg);
    return r->code;
}

/* The folder of path (for a "previous_plan" file name); malloc'ed. */
static char *base_dir_of(const char *path)
{
    if (is_dir(path))
        return lm_strdup(path);
    char *dir = lm_strdup(path);
    if (dir == NULL)
        return NULL;
    char *slash = strrchr(dir, '/');
    if (slash == NULL)
        dir[0] = '\0';
    else
        slash[slash == dir ? 1 : 0] = '\0';
    return dir;
}

int lm_sheets_read(const char *path, const match_sheet_options *options, json_t **doc,
                   match_model **model, bool *chinese, char *msg, size_t msg_size)
{
    reader r = {.code = MATCH_OK};
    lm_book book = {0};
    sources s = {0};
    json_t *root = NULL;
    match_model *m = NULL;
    const char *encoding = options != NULL ? options->encoding : NULL;
    if (path == NULL)
        fail(&r, MATCH_EINVAL, "NULL argument");
    else if (load_book(&book, path, encoding, &r) == MATCH_OK &&
             build_document(&book, &s, &root, &r) == MATCH_OK) {
        char *dir = base_dir_of(path);
        lm_json_ctx ctx;
        lm_json_ctx_init(&ctx, path);
        if (dir == NULL)
            nomem(&r);
        else if (lm_scenario_from_json(&m, root, &ctx, dir) != MATCH_OK)
            map_error(&s, &ctx, &r);
        free(dir);
    }
    sources_free(&s);
    lm_book_free(&book);
    if (r.code != MATCH_OK) {
        json_decref(root);
        match_model_destroy(m);
        root = NULL;
        m = NULL;
    }
    if (doc != NULL)
        *doc = root;
    else
        json_decref(root);
    if (model != NULL)
        *model = m;
    else
        match_model_destroy(m);
    if (chinese != NULL)
        *chinese = r.chinese;
    finish(&r, msg, msg_size);
    return r.code;
}

int match_sheets_to_json(char **json, const char **lang, const char *path,
                         const match_sheet_options *options, char *errbuf, size_t errbuf_size)
{
    if (json != NULL)
        *json = NULL;
    if (json == NULL) {
        if (errbuf != NULL && errbuf_size > 0)
            snprintf(errbuf, errbuf_size, "NULL argument");
        return MATCH_EINVAL;
    }
    json_t *doc = NULL;
    bool chinese = false;
    int rc = lm_sheets_read(path, options, &doc, NULL, &chinese, errbuf, errbuf_size);
    if (rc != MATCH_OK)
        return rc;
    *json = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(doc);
    if (*json == NULL) {
        if (errbuf != NULL && errbuf_size > 0)
            snprintf(errbuf, errbuf_size, "out of memory");
        return MATCH_ENOMEM;
    }
    if (lang != NULL)
        *lang = chinese ? "zh" : "en";
    return MATCH_OK;
}

int match_model_read_sheets(match_model **out, const char *path, const match_sheet_options *options,
                            char *errbuf, size_t errbuf_size)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL) {
        if (errbuf != NULL && errbuf_size > 0)
            snprintf(errbuf, errbuf_size, "NULL argument");
        return MATCH_EINVAL;
    }
    return lm_sheets_read(path, options, NULL, out, NULL, errbuf, errbuf_size);
}

int match_model_read_any(match_model **out, const char **lang, const char *path,
                         const match_sheet_options *options, char *errbuf, size_t errbuf_size)
{
    if (lang != NULL)
        *lang = "en";
    if (path != NULL && match_path_is_sheets(path)) {
        bool chinese = false;
        if (out != NULL)
            *out = NULL;
        if (out == NULL) {
            if (errbuf != NULL && errbuf_size > 0)
                snprintf(errbuf, errbuf_size, "NULL argument");
            return MATCH_EINVAL;
        }
        int rc = lm_sheets_read(path, options, NULL, out, &chinese, errbuf, errbuf_size);
        if (rc == MATCH_OK && lang != NULL)
            *lang = chinese ? "zh" : "en";
        return rc;
    }
    return match_model_read_json(out, path, errbuf, errbuf_size);
}
