/*
 * XLSX workbooks as sheets, through libzip (the container) and expat (its XML parts):
 * xl/workbook.xml names the sheets, xl/_rels/workbook.xml.rels finds their parts,
 * xl/sharedStrings.xml holds most text, xl/styles.xml tells which numbers are dates.
 * Formulas are read by their cached values, as the spreadsheet last showed them.
 */
#include "sheet_table.h"

#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../common/util.h"
#include "libmatch/common.h"

/* A growable string. */
typedef struct buf {
    char *data;
    size_t len, cap;
    bool nomem;
} buf;

static void buf_add(buf *b, const char *s, size_t n)
{
    if (b->nomem || !lm_reserve((void **)&b->data, &b->cap, b->len + n + 1, 1)) {
        b->nomem = true;
        return;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* The local name of an element ("x:row" -> "row"). */
static const char *local(const char *name)
{
    const char *colon = strrchr(name, ':');
    return colon != NULL ? colon + 1 : name;
}

static const char *attr(const char **atts, const char *key)
{
    for (size_t k = 0; atts[k] != NULL; k += 2)
        if (strcmp(atts[k], key) == 0 || strcmp(local(atts[k]), key) == 0)
            return atts[k + 1];
    return NULL;
}

/* Reads one part of the archive; MATCH_ENOTFOUND when it is absent. */
static int read_part(zip_t *z, const char *name, char **out, size_t *len)
{
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        return MATCH_ENOTFOUND;
    char *data = malloc(st.size + 1);
    if (data == NULL)
        return MATCH_ENOMEM;
    zip_file_t *f = zip_fopen(z, name, 0);
    if (f == NULL) {
        free(data);
        return MATCH_EIO;
    }
    zip_int64_t got = zip_fread(f, data, st.size);
    zip_fclose(f);
    if (got < 0 || (zip_uint64_t)got != st.size) {
        free(data);
        return MATCH_EIO;
    }
    data[st.size] = '\0';
    *out = data;
    *len = st.size;
    return MATCH_OK;
}

/* Parses XML with the handlers; false on malformed XML (line in *line). */
static bool parse_xml(const char *data, size_t len, void *state, XML_StartElementHandler start,
                      XML_EndElementHandler end, XML_CharacterDataHandler text, unsigned *line)
{
    XML_Parser p = XML_ParserCreate(NULL);
    if (p == NULL)
        return false;
    XML_SetUserData(p, state);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, text);
    bool ok = XML_Parse(p, data, (int)len, 1) != XML_STATUS_ERROR;
    if (!ok)
        *line = (unsigned)XML_GetCurrentLineNumber(p);
    XML_ParserFree(p);
    return ok;
}

/* ---- Workbook and relationships ------------------------------------------------------- */

typedef struct sheet_ref {
    char *name, *rid, *target;
} sheet_ref;

typedef struct book_state {
    sheet_ref *sheets;
    size_t n, cap;
    bool nomem;
} book_state;

static void book_start(void *ud, const char *el, const char **atts)
{
    book_state *st = ud;
    if (strcmp(local(el), "sheet") != 0)
        return;
    const char *name = attr(atts, "name"), *rid = attr(atts, "id");
    if (name == NULL || rid == NULL)
        return;
    if (!lm_reserve((void **)&st->sheets, &st->cap, st->n + 1, sizeof *st->sheets)) {
        st->nomem = true;
        return;
    }
    sheet_ref *s = &st->sheets[st->n++];
    s->name = lm_strdup(name);
    s->rid = lm_strdup(rid);
    s->target = NULL;
    st->nomem = st->nomem || s->name == NULL || s->rid == NULL;
}

static void rels_start(void *ud, const char *el, const char **atts)
{
    book_state *st = ud;
    if (strcmp(local(el), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (id == NULL || target == NULL)
        return;
    for (size_t k = 0; k < st->n; ++k) {
        if (strcmp(st->sheets[k].rid, id) != 0 || st->sheets[k].target != NULL)
            continue;
        char *path = malloc(strlen(target) + 4);
        if (path == NULL) {
            st->nomem = true;
            return;
        }
        if (target[0] == '/')
            strcpy(path, target + 1);
        else
            snprintf(path, strlen(target) + 4, "xl/%s", target);
        st->sheets[k].target = path;
    }
}

static void no_end(void *ud, const char *el)
{
    (void)ud;
    (void)el;
}

static void no_text(void *ud, const char *s, int len)
{
    (void)ud;
    (void)s;
    (void)len;
}

/* ---- Shared strings ------------------------------------------------------------------- */

typedef struct strings_state {
    char **items;
    size_t n, cap;
    buf cur;
    bool in_si, in_t;
    int in_phonetic; /* <rPh> runs: readings, not text */
    bool nomem;
} strings_state;

static void strings_start(void *ud, const char *el, const char **atts)
{
    (void)atts;
    strings_state *st = ud;
    const char *name = local(el);
    if (strcmp(name, "si") == 0) {
        st->in_si = true;
        st->cur.len = 0;
        buf_add(&st->cur, "", 0);
    } else if (strcmp(name, "rPh") == 0)
        st->in_phonetic++;
    else if (strcmp(name, "t") == 0)
        st->in_t = true;
}

static void strings_end(void *ud, const char *el)
{
    strings_state *st = ud;
    const char *name = local(el);
    if (strcmp(name, "t") == 0)
        st->in_t = false;
    else if (strcmp(name, "rPh") == 0)
        st->in_phonetic--;
    else if (strcmp(name, "si") == 0) {
        st->in_si = false;
        if (!lm_reserve((void **)&st->items, &st->cap, st->n + 1, sizeof *st->items)) {
            st->nomem = true;
            return;
        }
        st->items[st->n] = lm_strdup(st->cur.data != NULL ? st->cur.data : "");
        st->nomem = st->nomem || st->items[st->n] == NULL;
        st->n++;
    }
}

static void strings_text(void *ud, const char *s, int len)
{
    strings_state *st = ud;
    if (st->in_si && st->in_t && st->in_phonetic == 0)
        buf_add(&st->cur, s, (size_t)len);
}

/* ---- Styles: which cell formats show dates -------------------------------------------- */

typedef struct fmt_code {
    unsigned id;
    bool date;
} fmt_code;

typedef struct styles_state {
    fmt_code *custom;
    size_t n_custom, cap_custom;
    unsigned *xf_fmt; /* numFmtId of each cellXfs entry */
    size_t n_xf, cap_xf;
    bool in_cell_xfs;
    bool nomem;
} styles_state;

/* A custom format shows a date or time when it has d, m, y, h or s outside quotes and
 * brackets ("[Red]" is a colour, "[h]" elapsed hours, both ignored: conservative). */
static bool code_is_date(const char *code)
{
    bool quoted = false;
    int bracket = 0;
    for (const char *p = code; *p != '\0'; ++p) {
        char c = *p;
        if (c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == '\\' && p[1] != '\0')
            ++p;
        else if (c == '[')
            bracket++;
        else if (c == ']' && bracket > 0)
            bracket--;
        else if (bracket == 0 && strchr("dmyhsDMYHS", c) != NULL)
            return true;
    }
    return false;
}

static void styles_start(void *ud, const char *el, const char **atts)
{
    styles_state *st = ud;
    const char *name = local(el);
    if (strcmp(name, "numFmt") == 0) {
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        if (id == NULL || code == NULL)
            return;
        if (!lm_reserve((void **)&st->custom, &st->cap_custom, st->n_custom + 1,
                        sizeof *st->custom)) {
            st->nomem = true;
            return;
        }
        st->custom[st->n_custom++] =
            (fmt_code){(unsigned)strtoul(id, NULL, 10), code_is_date(code)};
    } else if (strcmp(name, "cellXfs") == 0) {
        st->in_cell_xfs = true;
    } else if (strcmp(name, "xf") == 0 && st->in_cell_xfs) {
        const char *id = attr(atts, "numFmtId");
        if (!lm_reserve((void **)&st->xf_fmt, &st->cap_xf, st->n_xf + 1, sizeof *st->xf_fmt)) {
            st->nomem = true;
            return;
        }
        st->xf_fmt[st->n_xf++] = id != NULL ? (unsigned)strtoul(id, NULL, 10) : 0;
    }
}

static void styles_end(void *ud, const char *el)
{
    styles_state *st = ud;
    if (strcmp(local(el), "cellXfs") == 0)
        st->in_cell_xfs = false;
}

static bool style_is_date(const styles_state *st, unsigned style)
{
    if (style >= st->n_xf)
        return false;
    unsigned id = st->xf_fmt[style];
    for (size_t k = 0; k < st->n_custom; ++k)
        if (st->custom[k].id == id)
            return st->custom[k].date;
    /* Built-in formats: 14-22 dates and times, 45-47 times, 27-36 and 50-58 East Asian dates. */
    return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
           (id >= 50 && id <= 58);
}

/* ---- A worksheet ---------------------------------------------------------------------- */

typedef struct ws_state {
    lm_sheet *sheet;
    const strings_state *strings;
    const styles_state *styles;
    unsigned row;
    size_t col;
    char type[16];
    unsigned style;
    bool in_v, in_is_t;
    buf value;
    bool has_value;
    char *merged_first_row; /* first merged range touching the header row */
    buf merges;             /* every merged range, ' '-separated, resolved at the end */
    bool nomem;
    bool bad_string_index;
} ws_state;

/* "B12" -> column 1, row 12; false when malformed. */
static bool parse_ref(const char *ref, size_t *col, unsigned *row)
{
    size_t c = 0;
    const char *p = ref;
    if (*p < 'A' || *p > 'Z')
        return false;
    while (*p >= 'A' && *p <= 'Z')
        c = c * 26 + (size_t)(*p++ - 'A' + 1);
    char *end;
    unsigned long r = strtoul(p, &end, 10);
    if (end == p || *end != '\0' || r == 0)
        return false;
    *col = c - 1;
    *row = (unsigned)r;
    return true;
}

static void ws_start(void *ud, const char *el, const char **atts)
{
    ws_state *st = ud;
    const char *name = local(el);
    if (strcmp(name, "row") == 0) {
        const char *r = attr(atts, "r");
        st->row = r != NULL ? (unsigned)strtoul(r, NULL, 10) : st->row + 1;
        st->col = (size_t)-1;
    } else if (strcmp(name, "c") == 0) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
        size_t col;
        unsigned row;
        if (r != NULL && parse_ref(r, &col, &row)) {
            st->col = col;
            st->row = row;
        } else {
            st->col++;
        }
        snprintf(st->type, sizeof st->type, "%s", t != NULL ? t : "n");
        st->style = s != NULL ? (unsigned)strtoul(s, NULL, 10) : 0;
        st->value.len = 0;
        st->has_value = false;
    } else if (strcmp(name, "v") == 0) {
        st->in_v = true;
        st->value.len = 0;
    } else if (strcmp(name, "t") == 0) {
        st->in_is_t = true;
    } else if (strcmp(name, "mergeCell") == 0) {
        const char *ref = attr(atts, "ref");
        if (ref != NULL) {
            if (st->merges.len > 0)
                buf_add(&st->merges, " ", 1);
            buf_add(&st->merges, ref, strlen(ref));
        }
    }
}

static void ws_end(void *ud, const char *el)
{
    ws_state *st = ud;
    const char *name = local(el);
    if (strcmp(name, "v") == 0) {
        st->in_v = false;
        st->has_value = true;
    } else if (strcmp(name, "t") == 0) {
        st->in_is_t = false;
        st->has_value = true;
    } else if (strcmp(name, "c") == 0) {
        if (!st->has_value)
            return;
        const char *text = st->value.len > 0 ? st->value.data : "";
        size_t len = st->value.len;
        unsigned flags = 0;
        if (strcmp(st->type, "s") == 0) {
            unsigned long k = strtoul(text, NULL, 10);
            if (k >= st->strings->n) {
                st->bad_string_index = true;
                return;
            }
            text = st->strings->items[k];
            len = strlen(text);
        } else if (strcmp(st->type, "n") == 0) {
            flags = LM_CELL_NUMBER;
            if (style_is_date(st->styles, st->style))
                flags |= LM_CELL_DATE;
        } else if (strcmp(st->type, "d") == 0) {
            flags = LM_CELL_DATE;
        } else if (strcmp(st->type, "e") == 0) {
            flags = LM_CELL_ERROR;
        }
        /* Blank text cells are no cells: the row may still be empty. */
        bool blank = true;
        for (size_t k = 0; k < len && blank; ++k)
            blank = strchr(" \t\r\n", text[k]) != NULL;
        if (!blank && !lm_sheet_set(st->sheet, st->row, st->col, text, len, flags))
            st->nomem = true;
    }
}

static void ws_text(void *ud, const char *s, int len)
{
    ws_state *st = ud;
    if (st->in_v || st->in_is_t)
        buf_add(&st->value, s, (size_t)len);
}

/* Records the first merged range that touches the header row (the first row with cells). */
static bool find_merged_header(ws_state *st)
{
    if (st->merges.len == 0 || st->sheet->n_rows == 0)
        return true;
    unsigned header = st->sheet->rows[0].number;
    char *save = NULL;
    for (char *range = strtok_r(st->merges.data, " ", &save); range != NULL;
         range = strtok_r(NULL, " ", &save)) {
        char *colon = strchr(range, ':');
        if (colon == NULL)
            continue;
        *colon = '\0';
        size_t c1, c2;
        unsigned r1, r2;
        bool ok = parse_ref(range, &c1, &r1) && parse_ref(colon + 1, &c2, &r2);
        *colon = ':';
        if (ok && r1 <= header && header <= r2) {
            st->sheet->merged_header = lm_strdup(range);
            return st->sheet->merged_header != NULL;
        }
    }
    return true;
}

int lm_xlsx_read(lm_book *book, const char *path, char *msg)
{
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    if (z == NULL) {
        if (zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ)
            return lm_sheet_fail(msg, MATCH_EIO, "%s: cannot open: %s", path, strerror(errno));
        return lm_sheet_fail(msg, MATCH_EPARSE, "%s: not an XLSX workbook (not a zip archive)",
                             path);
    }
    book_state bk = {0};
    strings_state ss = {0};
    styles_state sy = {0};
    char *data = NULL;
    size_t len = 0;
    unsigned line = 0;
    int rc = read_part(z, "xl/workbook.xml", &data, &len);
    if (rc == MATCH_ENOTFOUND)
        rc =
            lm_sheet_fail(msg, MATCH_EPARSE, "%s: not an XLSX workbook (no xl/workbook.xml)", path);
    else if (rc != MATCH_OK)
        rc = lm_sheet_fail(msg, rc, "%s: cannot read xl/workbook.xml", path);
    else if (!parse_xml(data, len, &bk, book_start, no_end, no_text, &line))
        rc = lm_sheet_fail(msg, MATCH_EPARSE, "%s: xl/workbook.xml, line %u: malformed XML", path,
                           line);
    free(data);
    data = NULL;
    if (rc == MATCH_OK) {
        rc = read_part(z, "xl/_rels/workbook.xml.rels", &data, &len);
        if (rc != MATCH_OK)
            rc = lm_sheet_fail(msg, MATCH_EPARSE,
                               "%s: not an XLSX workbook (no workbook relationships)", path);
        else if (!parse_xml(data, len, &bk, rels_start, no_end, no_text, &line))
            rc = lm_sheet_fail(msg, MATCH_EPARSE,
                               "%s: workbook relationships, line %u: malformed XML", path, line);
        free(data);
        data = NULL;
    }
    if (rc == MATCH_OK) {
        int got = read_part(z, "xl/sharedStrings.xml", &data, &len);
        if (got == MATCH_OK &&
            !parse_xml(data, len, &ss, strings_start, strings_end, strings_text, &line))
            rc = lm_sheet_fail(msg, MATCH_EPARSE,
                               "%s: xl/sharedStrings.xml, line %u: malformed XML", path, line);
        else if (got != MATCH_OK && got != MATCH_ENOTFOUND)
            rc = lm_sheet_fail(msg, got, "%s: cannot read xl/sharedStrings.xml", path);
        free(data);
        data = NULL;
    }
    if (rc == MATCH_OK) {
        int got = read_part(z, "xl/styles.xml", &data, &len);
        if (got == MATCH_OK && !parse_xml(data, len, &sy, styles_start, styles_end, no_text, &line))
            rc = lm_sheet_fail(msg, MATCH_EPARSE, "%s: xl/styles.xml, line %u: malformed XML", path,
                               line);
        free(data);
        data = NULL;
    }
    if (rc == MATCH_OK && (bk.nomem || ss.nomem || ss.cur.nomem || sy.nomem))
        rc = lm_sheet_fail(msg, MATCH_ENOMEM, "out of memory");
    for (size_t k = 0; k < bk.n && rc == MATCH_OK; ++k) {
        sheet_ref *ref = &bk.sheets[k];
        if (ref->target == NULL)
            continue; /* a chart sheet or similar: no cells */
        lm_sheet *sheet = lm_book_add(book, path, ref->name);
        if (sheet == NULL) {
            rc = lm_sheet_fail(msg, MATCH_ENOMEM, "out of memory");
            break;
        }
        rc = read_part(z, ref->target, &data, &len);
        if (rc != MATCH_OK) {
            rc = lm_sheet_fail(msg, rc == MATCH_ENOMEM ? rc : MATCH_EPARSE,
                               "%s, sheet %s: cannot read %s", path, ref->name, ref->target);
            break;
        }
        ws_state ws = {.sheet = sheet, .strings = &ss, .styles = &sy};
        if (!parse_xml(data, len, &ws, ws_start, ws_end, ws_text, &line))
            rc = lm_sheet_fail(msg, MATCH_EPARSE, "%s, sheet %s: %s, line %u: malformed XML", path,
                               ref->name, ref->target, line);
        else if (ws.bad_string_index)
            rc = lm_sheet_fail(msg, MATCH_EPARSE,
                               "%s, sheet %s: a cell names a shared string that "
                               "does not exist",
                               path, ref->name);
        else if (ws.nomem || ws.value.nomem || ws.merges.nomem || !find_merged_header(&ws))
            rc = lm_sheet_fail(msg, MATCH_ENOMEM, "out of memory");
        free(ws.value.data);
        free(ws.merges.data);
        free(data);
        data = NULL;
    }
    for (size_t k = 0; k < bk.n; ++k) {
        free(bk.sheets[k].name);
        free(bk.sheets[k].rid);
        free(bk.sheets[k].target);
    }
    free(bk.sheets);
    for (size_t k = 0; k < ss.n; ++k)
        free(ss.items[k]);
    free(ss.items);
    free(ss.cur.data);
    free(sy.custom);
    free(sy.xf_fmt);
    zip_discard(z);
    return rc;
}
