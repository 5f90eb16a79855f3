/*
 * Spreadsheets out: scenario documents as workbooks or CSV folders, the empty template, and
 * the project list of a plan (include/libmatch/sheets.h). Every sheet is first built as a
 * table (a JSON array of rows of strings and numbers), then written by libxlsxwriter or as
 * CSV (UTF-8 with a byte-order mark, which Excel needs to show Chinese text).
 */
#include "libmatch/sheets.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <jansson.h>
#include <xlsxwriter.h>

#include "../common/file_replace.h"
#include "../common/util.h"
#include "../model/model_internal.h"
#include "../plan/plan_internal.h"
#include "libmatch/io.h"
#include "scenario_internal.h"
#include "sheet_scenario.h"
#include "sheet_schema.h"
#include "sheet_table.h"

typedef struct writer {
    char msg[LM_SHEET_MSG_SIZE];
    int code;
    bool zh;
} writer;

static int wfail(writer *w, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int wfail(writer *w, int code, const char *fmt, ...)
{
    if (w->code != MATCH_OK)
        return w->code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->msg, sizeof w->msg, fmt, ap);
    va_end(ap);
    w->code = code;
    return code;
}

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* ---- Tables --------------------------------------------------------------------------- */

/* A book of tables: [{"name": ..., "rows": [[cell, ...], ...]}, ...]; cells are strings,
 * numbers or null. */
static json_t *add_table(json_t *book, const char *name)
{
    json_t *t = json_pack("{s:s, s:[]}", "name", name, "rows");
    if (t == NULL || json_array_append_new(book, t) != 0)
        return NULL;
    return json_object_get(t, "rows");
}

static json_t *add_row(json_t *rows)
{
    json_t *row = json_array();
    if (row == NULL || json_array_append_new(rows, row) != 0)
        return NULL;
    return row;
}

/* The shortest decimal text that reads back as v. */
static void number_text(double v, char *buf, size_t size)
{
    for (int digits = 15; digits <= 17; ++digits) {
        snprintf(buf, size, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

typedef struct table_job {
    const json_t *book;
    bool csv;
} table_job;

static int write_xlsx(FILE *f, const char *tmp_path, void *payload, char *errmsg)
{
    (void)f;
    const table_job *job = payload;
    lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(tmp_path, &opts);
    if (wb == NULL) {
        lm_errmsg_set(errmsg, "libxlsxwriter cannot create the workbook");
        return MATCH_EIO;
    }
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    size_t i;
    json_t *table;
    json_array_foreach(job->book, i, table)
    {
        lxw_worksheet *ws =
            workbook_add_worksheet(wb, json_string_value(json_object_get(table, "name")));
        if (ws == NULL) {
            workbook_close(wb);
            lm_errmsg_set(errmsg, "libxlsxwriter cannot add sheet %s",
                          json_string_value(json_object_get(table, "name")));
            return MATCH_EIO;
        }
        size_t r, c;
        json_t *row, *cell;
        size_t widths[64] = {0};
        json_array_foreach(json_object_get(table, "rows"), r, row)
        {
            json_array_foreach(row, c, cell)
            {
                if (json_is_string(cell)) {
                    worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, json_string_value(cell),
                                           r == 0 ? bold : NULL);
                    size_t len = strlen(json_string_value(cell));
                    if (c < 64 && len > widths[c])
                        widths[c] = len;
                } else if (json_is_number(cell)) {
                    worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, json_number_value(cell),
                                           NULL);
                }
            }
        }
        for (size_t k = 0; k < 64; ++k)
            if (widths[k] > 0)
                worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k,
                                     widths[k] < 10   ? 10
                                     : widths[k] > 60 ? 60
                                                      : (double)widths[k],
                                     NULL);
        worksheet_freeze_panes(ws, 1, 0);
    }
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) {
        lm_errmsg_set(errmsg, "libxlsxwriter: %s", lxw_strerror(err));
        return MATCH_EIO;
    }
    return MATCH_OK;
}

static bool csv_needs_quotes(const char *s)
{
    size_t n = strlen(s);
    return strpbrk(s, ",\"\r\n") != NULL || (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
}

typedef struct csv_job {
    const json_t *rows;
} csv_job;

static int write_csv(FILE *f, const char *tmp_path, void *payload, char *errmsg)
{
    (void)tmp_path;
    (void)errmsg;
    const csv_job *job = payload;
    fputs("\xEF\xBB\xBF", f);
    size_t r, c;
    json_t *row, *cell;
    json_array_foreach(job->rows, r, row)
    {
        json_array_foreach(row, c, cell)
        {
            if (c > 0)
                fputc(',', f);
            if (json_is_string(cell)) {
                const char *s = json_string_value(cell);
                if (!csv_needs_quotes(s)) {
                    fputs(s, f);
                    continue;
                }
                fputc('"', f);
                for (; *s != '\0'; ++s) {
                    if (*s == '"')
                        fputc('"', f);
                    fputc(*s, f);
                }
                fputc('"', f);
            } else if (json_is_number(cell)) {
                char buf[64];
                number_text(json_number_value(cell), buf, sizeof buf);
                fputs(buf, f);
            }
        }
        fputs("\r\n", f);
    }
    return ferror(f) ? MATCH_EIO : MATCH_OK;
}

/* Writes the book: an .xlsx workbook, one .csv file (the first table), or a folder. */
static int write_book(const json_t *book, const char *path, const char *what, writer *w)
{
    char errmsg[LM_ERRMSG_SIZE] = "";
    int rc;
    if (ends_with_ci(path, ".xlsx")) {
        table_job job = {book, false};
        rc = lm_file_replace(path, what, write_xlsx, &job, errmsg);
    } else if (ends_with_ci(path, ".csv")) {
        csv_job job = {json_object_get(json_array_get(book, 0), "rows")};
        rc = lm_file_replace(path, what, write_csv, &job, errmsg);
    } else {
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return wfail(w, MATCH_EIO, "cannot create the folder %s: %s", path, strerror(errno));
        rc = MATCH_OK;
        size_t i;
        json_t *table;
        json_array_foreach(book, i, table)
        {
            const char *name = json_string_value(json_object_get(table, "name"));
            size_t len = strlen(path) + strlen(name) + 6;
            char *file = malloc(len);
            if (file == NULL)
                return wfail(w, MATCH_ENOMEM, "out of memory");
            bool slash = path[strlen(path) - 1] == '/';
            snprintf(file, len, "%s%s%s.csv", path, slash ? "" : "/", name);
            csv_job job = {json_object_get(table, "rows")};
            rc = lm_file_replace(file, what, write_csv, &job, errmsg);
            free(file);
            if (rc != MATCH_OK)
                break;
        }
    }
    if (rc != MATCH_OK)
        return wfail(w, rc, "%s", errmsg[0] != '\0' ? errmsg : "cannot write");
    return MATCH_OK;
}

/* ---- Scenario documents to tables ----------------------------------------------------- */

static const char *yes_no(bool v, bool zh)
{
    return zh ? (v ? "是" : "否") : (v ? "yes" : "no");
}

/* A list value (tags, numbers, requests) as one cell's text. */
static json_t *join_list(const json_t *list, lm_cell_kind kind, bool zh)
{
    const char *sep = zh ? "、" : ", ";
    size_t cap = 64, len = 0;
    char *buf = malloc(cap);
    if (buf == NULL)
        return NULL;
    buf[0] = '\0';
    size_t k;
    json_t *v;
    json_array_foreach(list, k, v)
    {
        char piece[256];
        if (kind == LM_KIND_REQUESTS) {
            char amount[64];
            number_text(json_number_value(json_object_get(v, "amount")), amount, sizeof amount);
            snprintf(piece, sizeof piece, "%s:%s",
                     json_string_value(json_object_get(v, "type"))
                         ? json_string_value(json_object_get(v, "type"))
                         : "",
                     amount);
        } else if (json_is_number(v)) {
            number_text(json_number_value(v), piece, sizeof piece);
        } else {
            snprintf(piece, sizeof piece, "%s", json_is_string(v) ? json_string_value(v) : "");
        }
        size_t need = len + strlen(sep) + strlen(piece) + 1;
        if (need > cap) {
            char *grown = realloc(buf, need * 2);
            if (grown == NULL) {
                free(buf);
                return NULL;
            }
            buf = grown;
            cap = need * 2;
        }
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", k > 0 ? sep : "", piece);
    }
    json_t *s = json_string(buf);
    free(buf);
    return s;
}

static json_t *cell_of(const json_t *value, lm_cell_kind kind, bool zh)
{
    if (value == NULL || json_is_null(value))
        return json_null();
    if (json_is_boolean(value))
        return json_string(yes_no(json_is_true(value), zh));
    if (json_is_array(value))
        return join_list(value, kind, zh);
    if (json_is_number(value))
        return json_real(json_number_value(value));
    if (json_is_string(value))
        return json_incref((json_t *)value);
    return json_null();
}

static const char *header_of(const lm_column_spec *c, bool zh)
{
    return zh ? c->zh : c->field;
}

/* Adds a list's sheet: the required columns, every other column some item uses (all of them
 * with `all`), and the x_ fields. */
static int list_table(json_t *book, const lm_list_spec *spec, const json_t *items, bool all,
                      writer *w)
{
    bool used[32] = {false};
    json_t *extras = json_array();
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item)
    {
        for (size_t k = 0; k < spec->n_columns; ++k)
            used[k] = used[k] || json_object_get(item, spec->columns[k].field) != NULL;
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)item, key, v)
        {
            if (strncmp(key, "x_", 2) != 0)
                continue;
            bool seen = false;
            for (size_t e = 0; e < json_array_size(extras) && !seen; ++e)
                seen = strcmp(json_string_value(json_array_get(extras, e)), key) == 0;
            if (!seen)
                json_array_append_new(extras, json_string(key));
        }
    }
    json_t *rows = add_table(book, w->zh ? spec->zh : spec->key);
    json_t *head = rows != NULL ? add_row(rows) : NULL;
    if (head == NULL || extras == NULL) {
        json_decref(extras);
        return wfail(w, MATCH_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < spec->n_columns; ++k)
        if (all || used[k] || spec->columns[k].required)
            json_array_append_new(head, json_string(header_of(&spec->columns[k], w->zh)));
    for (size_t e = 0; e < json_array_size(extras); ++e)
        json_array_append(head, json_array_get(extras, e));
    json_array_foreach(items, i, item)
    {
        json_t *row = add_row(rows);
        if (row == NULL)
            break;
        for (size_t k = 0; k < spec->n_columns; ++k)
            if (all || used[k] || spec->columns[k].required)
                json_array_append_new(row, cell_of(json_object_get(item, spec->columns[k].field),
                                                   spec->columns[k].kind, w->zh));
        for (size_t e = 0; e < json_array_size(extras); ++e)
            json_array_append_new(
                row, cell_of(json_object_get(item, json_string_value(json_array_get(extras, e))),
                             LM_KIND_TEXT, w->zh));
    }
    json_decref(extras);
    return MATCH_OK;
}

static int policy_table(json_t *book, const json_t *doc, bool all, writer *w)
{
    const json_t *policy = json_object_get(doc, "policy");
    json_t *rows = add_table(book, w->zh ? lm_sheet_policy.zh : lm_sheet_policy.key);
    json_t *head = rows != NULL ? add_row(rows) : NULL;
    if (head == NULL)
        return wfail(w, MATCH_ENOMEM, "out of memory");
    json_array_append_new(head, json_string(header_of(&lm_policy_key_column, w->zh)));
    json_array_append_new(head, json_string(header_of(&lm_policy_value_column, w->zh)));
    json_array_append_new(head, json_string(header_of(&lm_policy_note_column, w->zh)));
    for (size_t k = 0; k < lm_sheet_policy.n_columns; ++k) {
        const lm_column_spec *c = &lm_sheet_policy.columns[k];
        bool top = strcmp(c->field, "name") == 0 || strcmp(c->field, "previous_plan") == 0;
        const json_t *v = json_object_get(top ? doc : policy, c->field);
        if (v == NULL && !all)
            continue;
        json_t *row = add_row(rows);
        if (row == NULL)
            return wfail(w, MATCH_ENOMEM, "out of memory");
        json_array_append_new(row, json_string(header_of(c, w->zh)));
        json_array_append_new(row, cell_of(v, c->kind, w->zh));
        json_array_append_new(row, json_string(w->zh ? c->help_zh : c->help_en));
    }
    return MATCH_OK;
}

/* The tables of a scenario document; `all`: every sheet and column (the template). */
static json_t *scenario_tables(const json_t *doc, bool all, writer *w)
{
    json_t *book = json_array();
    if (book == NULL) {
        wfail(w, MATCH_ENOMEM, "out of memory");
        return NULL;
    }
    bool has_policy = json_object_get(doc, "policy") != NULL ||
                      json_object_get(doc, "name") != NULL ||
                      json_object_get(doc, "previous_plan") != NULL;
    if ((all || has_policy) && policy_table(book, doc, all, w) != MATCH_OK) {
        json_decref(book);
        return NULL;
    }
    for (size_t k = 0; k < lm_sheet_n_lists; ++k) {
        const json_t *items = json_object_get(doc, lm_sheet_lists[k].key);
        if (items == NULL && !all)
            continue;
        json_t *empty = items == NULL ? json_array() : NULL;
        int rc = list_table(book, &lm_sheet_lists[k], items != NULL ? items : empty, all, w);
        json_decref(empty);
        if (rc != MATCH_OK) {
            json_decref(book);
            return NULL;
        }
    }
    return book;
}

static bool want_zh(const match_sheet_options *o, bool dflt)
{
    if (o == NULL || o->lang == NULL)
        return dflt;
    return strcasecmp(o->lang, "en") != 0;
}

static int check_lang(const match_sheet_options *o, writer *w)
{
    if (o != NULL && o->lang != NULL && strcasecmp(o->lang, "zh") != 0 &&
        strcasecmp(o->lang, "en") != 0)
        return wfail(w, MATCH_EINVAL, "unknown language \"%s\" (zh or en)", o->lang);
    return MATCH_OK;
}

static int finish(const writer *w, char *errbuf, size_t size)
{
    if (errbuf != NULL && size > 0)
        snprintf(errbuf, size, "%s", w->code == MATCH_OK ? "" : w->msg);
    return w->code;
}

/* ---- Convert -------------------------------------------------------------------------- */

/* Reads a JSON scenario as a document, validated. */
static int read_json_doc(const char *path, json_t **out, writer *w)
{
    json_error_t error;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &error);
    if (doc == NULL)
        return wfail(w, error.line > 0 ? MATCH_EPARSE : MATCH_EIO, "%s:%d:%d: %s", path, error.line,
                     error.column, error.text);
    match_model *m = NULL;
    char msg[1024];
    int rc = match_model_read_json(&m, path, msg, sizeof msg);
    match_model_destroy(m);
    if (rc != MATCH_OK) {
        json_decref(doc);
        return wfail(w, rc, "%s", msg);
    }
    *out = doc;
    return MATCH_OK;
}

static bool is_json(const char *path)
{
    return ends_with_ci(path, ".json");
}

typedef struct dump_job {
    const json_t *doc;
} dump_job;

static int write_json(FILE *f, const char *tmp_path, void *payload, char *errmsg)
{
    (void)tmp_path;
    (void)errmsg;
    const dump_job *job = payload;
    if (json_dumpf(job->doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) !=
        0)
        return MATCH_EIO;
    fputc('\n', f);
    return ferror(f) ? MATCH_EIO : MATCH_OK;
}

int match_scenario_convert(const char *in, const char *out, const match_sheet_options *options,
                           char *errbuf, size_t errbuf_size)
{
    writer w = {.code = MATCH_OK};
    if (in == NULL || out == NULL)
        return wfail(&w, MATCH_EINVAL, "NULL argument"), finish(&w, errbuf, errbuf_size);
    if (check_lang(options, &w) != MATCH_OK)
        return finish(&w, errbuf, errbuf_size);
    json_t *doc = NULL;
    bool chinese = false;
    if (is_json(in)) {
        read_json_doc(in, &doc, &w);
        chinese = true; /* sheets for offices: Chinese unless asked otherwise */
    } else {
        int rc = lm_sheets_read(in, options, &doc, NULL, &chinese, w.msg, sizeof w.msg);
        if (rc != MATCH_OK)
            w.code = rc;
    }
    if (w.code == MATCH_OK) {
        w.zh = want_zh(options, chinese);
        if (is_json(out)) {
            char errmsg[LM_ERRMSG_SIZE] = "";
            dump_job job = {doc};
            int rc = lm_file_replace(out, "scenario", write_json, &job, errmsg);
            if (rc != MATCH_OK)
                wfail(&w, rc, "%s", errmsg);
        } else {
            json_t *book = scenario_tables(doc, false, &w);
            if (book != NULL)
                write_book(book, out, "workbook", &w);
            json_decref(book);
        }
    }
    json_decref(doc);
    return finish(&w, errbuf, errbuf_size);
}

/* ---- Template ------------------------------------------------------------------------- */

/* An example value from its text, as the column's kind reads it. */
static json_t *example_value(const lm_column_spec *c)
{
    if (c->example[0] == '\0')
        return NULL;
    switch (c->kind) {
    case LM_KIND_NUMBER:
    case LM_KIND_INT:
        return json_real(strtod(c->example, NULL));
    case LM_KIND_BOOL:
        return json_boolean(strcmp(c->example, "是") == 0);
    case LM_KIND_TAGS:
    case LM_KIND_NUMBERS:
    case LM_KIND_REQUESTS: {
        json_t *list = json_array();
        char buf[256];
        snprintf(buf, sizeof buf, "%s", c->example);
        char *save = NULL;
        /* the examples separate with 、 only */
        for (char *p = buf; p != NULL;) {
            char *sep = strstr(p, "、");
            if (sep != NULL)
                *sep = '\0';
            (void)save;
            if (c->kind == LM_KIND_TAGS) {
                json_array_append_new(list, json_string(p));
            } else if (c->kind == LM_KIND_NUMBERS) {
                json_array_append_new(list, json_real(strtod(p, NULL)));
            } else {
                char *colon = strchr(p, ':');
                if (colon != NULL)
                    *colon = '\0';
                json_array_append_new(list,
                                      json_pack("{s:s, s:f}", "type", p, "amount",
                                                colon != NULL ? strtod(colon + 1, NULL) : 1.0));
            }
            p = sep != NULL ? sep + strlen("、") : NULL;
        }
        return list;
    }
    default:
        return json_string(c->example);
    }
}

static json_t *example_item(const lm_list_spec *spec)
{
    json_t *item = json_object();
    for (size_t k = 0; k < spec->n_columns; ++k) {
        json_t *v = example_value(&spec->columns[k]);
        if (v != NULL)
            json_object_set_new(item, spec->columns[k].field, v);
    }
    return item;
}

static const char *kind_name(lm_cell_kind kind, bool zh)
{
    static const char *const en[] = {"id",     "text", "number",           "whole number",
                                     "yes/no", "list", "type:amount list", "list of numbers"};
    static const char *const cn[] = {"编号",  "文字",           "数字",           "整数",
                                     "是/否", "列表（、分隔）", "类型:数量 列表", "数字列表"};
    return zh ? cn[kind] : en[kind];
}

static void help_rows(json_t *rows, const lm_list_spec *spec, const char *sheet, bool zh)
{
    for (size_t k = 0; k < spec->n_columns; ++k) {
        const lm_column_spec *c = &spec->columns[k];
        json_t *row = add_row(rows);
        json_array_append_new(row, json_string(sheet));
        json_array_append_new(row, json_string(header_of(c, zh)));
        json_array_append_new(row, json_string(c->field));
        json_array_append_new(row, json_string(c->required ? (zh ? "必填" : "required")
                                                           : (zh ? "可选" : "optional")));
        json_array_append_new(row, json_string(kind_name(c->kind, zh)));
        char aliases[256];
        snprintf(aliases, sizeof aliases, "%s%s%s", zh ? c->field : c->zh, c->aliases[0] ? "|" : "",
                 c->aliases);
        json_array_append_new(row, json_string(aliases));
        json_array_append_new(row, json_string(zh ? c->help_zh : c->help_en));
        json_array_append_new(row, json_string(c->example));
    }
}

int match_sheets_write_template(const char *path, const match_sheet_options *options, char *errbuf,
                                size_t errbuf_size)
{
    writer w = {.code = MATCH_OK};
    if (path == NULL)
        return wfail(&w, MATCH_EINVAL, "NULL argument"), finish(&w, errbuf, errbuf_size);
    if (check_lang(options, &w) != MATCH_OK)
        return finish(&w, errbuf, errbuf_size);
    w.zh = want_zh(options, true);
    /* One example row per core list; fixed, forbidden and pairs get their headers only (an
     * example pair would change the example plan), and the help sheet shows their columns. */
    json_t *doc = json_pack("{s:s}", "format", "libmatch-scenario-1");
    json_object_set_new(doc, "name", json_string("新华路街道 2026"));
    json_t *policy = json_object();
    json_object_set_new(policy, "max_distance_km", json_real(3));
    json_object_set_new(policy, "priority_weights", json_pack("[i,i,i,i,i]", 1, 2, 4, 8, 16));
    json_object_set_new(doc, "policy", policy);
    for (size_t k = 0; k < lm_sheet_n_lists; ++k) {
        json_t *items = json_array();
        if (k < 5)
            json_array_append_new(items, example_item(&lm_sheet_lists[k]));
        json_object_set_new(doc, lm_sheet_lists[k].key, items);
    }
    json_t *book = scenario_tables(doc, true, &w);
    json_decref(doc);
    if (book != NULL) {
        json_t *rows = add_table(book, w.zh ? "说明" : "help");
        json_t *head = add_row(rows);
        const char *zh_heads[] = {"工作表", "列名", "字段", "必填", "类型", "别名", "说明", "示例"};
        const char *en_heads[] = {"sheet", "column",  "field",   "required",
                                  "type",  "aliases", "meaning", "example"};
        for (size_t k = 0; k < 8; ++k)
            json_array_append_new(head, json_string(w.zh ? zh_heads[k] : en_heads[k]));
        help_rows(rows, &lm_sheet_policy,
                  w.zh ? "参数（每行一个参数）" : "policy (one field a row)", w.zh);
        for (size_t k = 0; k < lm_sheet_n_lists; ++k)
            help_rows(rows, &lm_sheet_lists[k], w.zh ? lm_sheet_lists[k].zh : lm_sheet_lists[k].key,
                      w.zh);
        write_book(book, path, "template", &w);
    }
    json_decref(book);
    return finish(&w, errbuf, errbuf_size);
}

/* ---- The project list ----------------------------------------------------------------- */

static json_t *str_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

/* "name (id)" or "id" */
static void label(char *buf, size_t size, const char *id, const char *name)
{
    if (name != NULL && name[0] != '\0')
        snprintf(buf, size, "%s(%s)", name, id);
    else
        snprintf(buf, size, "%s", id);
}

/* Appends to a growable text. */
typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void text_add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void text_add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !lm_reserve((void **)&t->s, &t->cap, t->len + (size_t)n + 1, 1))
        return;
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

static json_t *text_take(text *t)
{
    json_t *s = json_string(t->s != NULL ? t->s : "");
    free(t->s);
    *t = (text){0};
    return s;
}

static void heads(json_t *row, const char *const *zh, const char *const *en, size_t n, bool use_zh)
{
    for (size_t k = 0; k < n; ++k)
        json_array_append_new(row, json_string(use_zh ? zh[k] : en[k]));
}

static json_t *plan_tables(const match_plan *plan, const match_model *m, bool zh)
{
    json_t *book = json_array();
    const char *sep = zh ? "、" : "; ";
    char buf[512];
    /* Projects */
    static const char *const p_zh[] = {"编号",         "名称",   "社区",     "街道",
                                       "类别",         "优先级", "完成度",   "服务时长",
                                       "志愿者及时长", "资源",   "参与单位", "未满足原因"};
    static const char *const p_en[] = {"id",         "name",      "community", "street",
                                       "category",   "priority",  "coverage",  "hours",
                                       "volunteers", "resources", "units",     "unmet_reason"};
    json_t *rows = add_table(book, zh ? "项目清单" : "projects");
    heads(add_row(rows), p_zh, p_en, 12, zh);
    size_t n_units = m != NULL ? m->units.len : 0;
    bool *takes_part = calloc(n_units + 1, sizeof *takes_part);
    for (size_t i = 0; i < plan->n_needs; ++i) {
        const lm_plan_need *n = &plan->needs[i];
        json_t *row = add_row(rows);
        size_t mc =
            n->community != NULL && m != NULL ? lm_find_community(m, n->community) : LM_NONE;
        const char *cname = mc != LM_NONE ? m->communities.items[mc].name : NULL;
        json_array_append_new(row, json_string(n->id));
        json_array_append_new(row, str_or_null(n->name));
        if (n->community != NULL) {
            label(buf, sizeof buf, n->community, cname);
            json_array_append_new(row, json_string(buf));
        } else {
            json_array_append_new(row, json_null());
        }
        json_array_append_new(row, str_or_null(n->street));
        json_array_append_new(row, str_or_null(n->category));
        json_array_append_new(row, n->priority > 0 ? json_integer(n->priority) : json_null());
        json_array_append_new(row, json_real(n->coverage));
        json_array_append_new(row, json_real(n->hours));
        text t = {0};
        memset(takes_part, 0, (n_units + 1) * sizeof *takes_part);
        for (size_t k = 0; k < n->n_volunteers; ++k) {
            size_t v = m != NULL ? lm_find_volunteer(m, n->volunteers[k].id) : LM_NONE;
            label(buf, sizeof buf, n->volunteers[k].id,
                  v != LM_NONE ? m->volunteers.items[v].name : NULL);
            char h[64];
            number_text(n->volunteers[k].amount, h, sizeof h);
            text_add(&t, "%s%s %s%s", k > 0 ? sep : "", buf, h, zh ? "小时" : " h");
            if (v != LM_NONE && m->volunteers.items[v].unit != LM_NONE)
                takes_part[m->volunteers.items[v].unit] = true;
        }
        json_array_append_new(row, text_take(&t));
        for (size_t k = 0; k < n->n_resources; ++k) {
            size_t r = m != NULL ? lm_find_resource(m, n->resources[k].id) : LM_NONE;
            label(buf, sizeof buf, n->resources[k].id,
                  r != LM_NONE ? m->resources.items[r].name : NULL);
            char a[64];
            number_text(n->resources[k].amount, a, sizeof a);
            text_add(&t, "%s%s×%s", k > 0 ? sep : "", buf, a);
            if (r != LM_NONE)
                takes_part[m->resources.items[r].unit] = true;
        }
        json_array_append_new(row, text_take(&t));
        size_t shown = 0;
        for (size_t u = 0; u < n_units && n->coverage > 0; ++u) {
            if (!takes_part[u])
                continue;
            label(buf, sizeof buf, m->units.items[u].id, m->units.items[u].name);
            text_add(&t, "%s%s", shown++ > 0 ? sep : "", buf);
        }
        json_array_append_new(row, text_take(&t));
        json_array_append_new(row, str_or_null(n->unmet_reason));
    }
    free(takes_part);
    /* Assignments */
    static const char *const a_zh[] = {"志愿者编号", "姓名", "需求编号", "项目名称", "时长"};
    static const char *const a_en[] = {"volunteer", "volunteer_name", "need", "need_name", "hours"};
    rows = add_table(book, zh ? "派单" : "assignments");
    heads(add_row(rows), a_zh, a_en, 5, zh);
    size_t *services = calloc(plan->n_volunteers + 1, sizeof *services);
    for (size_t i = 0; i < plan->n_needs; ++i) {
        const lm_plan_need *n = &plan->needs[i];
        for (size_t k = 0; k < n->n_volunteers; ++k) {
            size_t v = m != NULL ? lm_find_volunteer(m, n->volunteers[k].id) : LM_NONE;
            json_t *row = add_row(rows);
            json_array_append_new(row, json_string(n->volunteers[k].id));
            json_array_append_new(row,
                                  str_or_null(v != LM_NONE ? m->volunteers.items[v].name : NULL));
            json_array_append_new(row, json_string(n->id));
            json_array_append_new(row, str_or_null(n->name));
            json_array_append_new(row, json_real(n->volunteers[k].amount));
            for (size_t pv = 0; pv < plan->n_volunteers && services != NULL; ++pv)
                if (strcmp(plan->volunteers[pv].id, n->volunteers[k].id) == 0) {
                    services[pv]++;
                    break;
                }
        }
    }
    /* Volunteers */
    static const char *const v_zh[] = {"编号",         "姓名",     "所属单位", "服务时长",
                                       "年度最低时长", "是否达标", "差额",     "服务次数"};
    static const char *const v_en[] = {"id",        "name",        "unit",      "hours",
                                       "min_hours", "minimum_met", "shortfall", "services"};
    rows = add_table(book, zh ? "志愿者" : "volunteers");
    heads(add_row(rows), v_zh, v_en, 8, zh);
    for (size_t k = 0; k < plan->n_volunteers; ++k) {
        const lm_plan_volunteer *pv = &plan->volunteers[k];
        size_t v = m != NULL ? lm_find_volunteer(m, pv->id) : LM_NONE;
        const lm_volunteer *vol = v != LM_NONE ? &m->volunteers.items[v] : NULL;
        json_t *row = add_row(rows);
        json_array_append_new(row, json_string(pv->id));
        json_array_append_new(row, str_or_null(pv->name));
        json_array_append_new(
            row,
            str_or_null(vol != NULL && vol->unit != LM_NONE ? m->units.items[vol->unit].id : NULL));
        json_array_append_new(row, json_real(pv->hours));
        json_array_append_new(row, vol != NULL ? json_real(lm_volunteer_min_hours(m, vol))
                                               : json_null());
        json_array_append_new(row, json_string(yes_no(pv->shortfall <= 0, zh)));
        json_array_append_new(row, json_real(pv->shortfall));
        json_array_append_new(row, json_integer(services != NULL ? (json_int_t)services[k] : 0));
    }
    free(services);
    /* Units */
    static const char *const u_zh[] = {"编号",       "名称",     "参与项目数",
                                       "最少项目数", "是否达标", "差额"};
    static const char *const u_en[] = {"id",           "name",           "projects",
                                       "min_projects", "obligation_met", "shortfall"};
    rows = add_table(book, zh ? "单位" : "units");
    heads(add_row(rows), u_zh, u_en, 6, zh);
    for (size_t k = 0; k < plan->n_units; ++k) {
        const lm_plan_unit *pu = &plan->units[k];
        size_t u = m != NULL ? lm_find_unit(m, pu->id) : LM_NONE;
        json_t *row = add_row(rows);
        json_array_append_new(row, json_string(pu->id));
        json_array_append_new(row, str_or_null(pu->name));
        json_array_append_new(row, json_integer(pu->projects));
        json_array_append_new(row, u != LM_NONE
                                       ? json_integer(lm_unit_min_projects(m, &m->units.items[u]))
                                       : json_null());
        json_array_append_new(row, json_string(yes_no(pu->shortfall <= 0, zh)));
        json_array_append_new(row, json_integer(pu->shortfall));
    }
    return book;
}

int match_plan_write_sheets(const match_plan *plan, const match_model *model, const char *path,
                            const match_sheet_options *options, char *errbuf, size_t errbuf_size)
{
    writer w = {.code = MATCH_OK};
    if (plan == NULL || path == NULL)
        return wfail(&w, MATCH_EINVAL, "NULL argument"), finish(&w, errbuf, errbuf_size);
    if (check_lang(options, &w) != MATCH_OK)
        return finish(&w, errbuf, errbuf_size);
    json_t *book = plan_tables(plan, model, want_zh(options, true));
    if (book == NULL)
        wfail(&w, MATCH_ENOMEM, "out of memory");
    else
        write_book(book, path, "project list", &w);
    json_decref(book);
    return finish(&w, errbuf, errbuf_size);
}
