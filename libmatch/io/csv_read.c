/*
 * CSV files as sheets, through libcsv. The bytes are decoded first (UTF-8 with or without a
 * byte-order mark, or GB18030/GBK as Chinese Excel saves "CSV"), then parsed one line at a
 * time so that every record knows the line it starts on: the row number a spreadsheet shows.
 */
#include "sheet_table.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/util.h"
#include "libmatch/common.h"

static int slurp(const char *path, char **data, size_t *len, char *msg)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return lm_sheet_fail(msg, MATCH_EIO, "%s: cannot open: %s", path, strerror(errno));
    char *buf = NULL;
    size_t used = 0, cap = 0;
    for (;;) {
        if (!lm_reserve((void **)&buf, &cap, used + 65536, 1)) {
            fclose(f);
            free(buf);
            return lm_sheet_fail(msg, MATCH_ENOMEM, "out of memory");
        }
        size_t got = fread(buf + used, 1, cap - used - 1, f);
        used += got;
        if (got == 0)
            break;
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad) {
        free(buf);
        return lm_sheet_fail(msg, MATCH_EIO, "%s: cannot read: %s", path, strerror(errno));
    }
    buf[used] = '\0';
    *data = buf;
    *len = used;
    return MATCH_OK;
}

/* The 1-based line that byte `offset` is on. */
static unsigned line_of(const char *text, size_t offset)
{
    unsigned line = 1;
    for (size_t k = 0; k < offset; ++k)
        line += text[k] == '\n';
    return line;
}

/* Converts text[0..len) from GB18030 to UTF-8; *bad: offset of the first byte it cannot. */
static int from_gb18030(const char *text, size_t len, char **out, size_t *out_len, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return MATCH_EINVAL;
    size_t cap = len * 2 + 16;
    char *buf = malloc(cap);
    if (buf == NULL) {
        iconv_close(cd);
        return MATCH_ENOMEM;
    }
    char *in = (char *)text, *o = buf;
    size_t in_left = len, out_left = cap - 1;
    int rc = MATCH_OK;
    while (in_left > 0) {
        if (iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1)
            continue;
        if (errno == E2BIG) {
            size_t used = (size_t)(o - buf);
            char *grown = realloc(buf, cap * 2);
            if (grown == NULL) {
                rc = MATCH_ENOMEM;
                break;
            }
            buf = grown;
            cap *= 2;
            o = buf + used;
            out_left = cap - 1 - used;
            continue;
        }
        *bad = (size_t)(in - text);
        rc = MATCH_EINPUT;
        break;
    }
    iconv_close(cd);
    if (rc != MATCH_OK) {
        free(buf);
        return rc;
    }
    *o = '\0';
    *out = buf;
    *out_len = (size_t)(o - buf);
    return MATCH_OK;
}

/* Up to four bytes at text[offset] in hex, for a message. */
static void show_bytes(const char *text, size_t len, size_t offset, char *buf, size_t size)
{
    size_t pos = 0;
    buf[0] = '\0';
    for (size_t k = offset; k < len && k < offset + 4 && pos + 6 < size; ++k)
        pos += (size_t)snprintf(buf + pos, size - pos, "%s0x%02x", k > offset ? " " : "",
                                (unsigned char)text[k]);
}

/* Decodes the file's bytes to UTF-8 (*out is text itself, or a new buffer). */
static int decode(const char *path, const char *encoding, char *text, size_t len, char **out,
                  size_t *out_len, bool *owned, char *msg)
{
    *owned = false;
    bool bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
    bool force_utf8 = encoding != NULL &&
                      (strcasecmp(encoding, "utf-8") == 0 || strcasecmp(encoding, "utf8") == 0);
    bool force_gb = encoding != NULL &&
                    (strcasecmp(encoding, "gb18030") == 0 || strcasecmp(encoding, "gbk") == 0 ||
                     strcasecmp(encoding, "gb2312") == 0);
    if (encoding != NULL && strcasecmp(encoding, "auto") != 0 && !force_utf8 && !force_gb)
        return lm_sheet_fail(msg, MATCH_EINVAL,
                             "%s: unknown encoding \"%s\" (known: auto, utf-8, gb18030, gbk)", path,
                             encoding);
    size_t bad = 0;
    char bytes[32];
    if (!force_gb) {
        char *body = bom ? text + 3 : text;
        size_t body_len = bom ? len - 3 : len;
        if (lm_utf8_valid(body, body_len, &bad)) {
            *out = body;
            *out_len = body_len;
            return MATCH_OK;
        }
        bad += bom ? 3 : 0;
        if (force_utf8 || bom) {
            show_bytes(text, len, bad, bytes, sizeof bytes);
            return lm_sheet_fail(
                msg, MATCH_EINPUT, "%s, row %u: not valid UTF-8 (bytes %s at byte %zu)%s", path,
                line_of(text, bad), bytes, bad,
                force_utf8 ? "; if the file was saved as GB18030 or GBK, read it with "
                             "--encoding gb18030"
                           : "");
        }
    }
    size_t utf8_bad = bad;
    char *converted = NULL;
    int rc = from_gb18030(text, len, &converted, out_len, &bad);
    if (rc == MATCH_ENOMEM)
        return lm_sheet_fail(msg, rc, "out of memory");
    if (rc == MATCH_EINVAL)
        return lm_sheet_fail(msg, rc, "%s: this system cannot convert from GB18030 (iconv)", path);
    if (rc != MATCH_OK) {
        /* The reading that got further is the likelier intent: show where it broke. */
        if (!force_gb && utf8_bad > bad)
            bad = utf8_bad;
        show_bytes(text, len, bad, bytes, sizeof bytes);
        return lm_sheet_fail(
            msg, MATCH_EINPUT,
            "%s, row %u: the file is neither UTF-8 nor GB18030 (bytes %s at byte %zu "
            "cannot be read as either); save it as \"CSV UTF-8\" or name its encoding "
            "with --encoding",
            path, line_of(text, bad), bytes, bad);
    }
    *out = converted;
    *owned = true;
    return MATCH_OK;
}

/* ---- Parsing -------------------------------------------------------------------------- */

typedef struct parse_state {
    lm_sheet *sheet;
    unsigned line; /* the line being fed */
    unsigned row;  /* the row of the record being read; 0 before its first field */
    size_t col;
    bool nomem;
} parse_state;

static void on_field(void *data, size_t len, void *payload)
{
    parse_state *st = payload;
    if (st->row == 0)
        st->row = st->line;
    /* Empty fields make no cell, so a row of empty fields makes no row. */
    if (len > 0 && !lm_sheet_set(st->sheet, st->row, st->col, data, len, 0))
        st->nomem = true;
    st->col++;
}

static void on_record(int c, void *payload)
{
    (void)c;
    parse_state *st = payload;
    st->row = 0;
    st->col = 0;
}

/* The delimiter: a comma, unless the first line has none and has tabs or semicolons. */
static unsigned char guess_delimiter(const char *text, size_t len)
{
    size_t commas = 0, tabs = 0, semis = 0;
    for (size_t k = 0; k < len && text[k] != '\n'; ++k) {
        commas += text[k] == ',';
        tabs += text[k] == '\t';
        semis += text[k] == ';';
    }
    if (commas == 0 && tabs > 0)
        return '\t';
    if (commas == 0 && semis > 0)
        return ';';
    return ',';
}

int lm_csv_read(lm_book *book, const char *path, const char *sheet_name, const char *encoding,
                char *msg)
{
    char *raw = NULL, *text = NULL;
    size_t raw_len = 0, len = 0;
    int rc = slurp(path, &raw, &raw_len, msg);
    if (rc != MATCH_OK)
        return rc;
    bool owned = false;
    rc = decode(path, encoding, raw, raw_len, &text, &len, &owned, msg);
    if (rc != MATCH_OK) {
        free(raw);
        return rc;
    }
    lm_sheet *sheet = lm_book_add(book, path, sheet_name);
    struct csv_parser p;
    if (sheet == NULL || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        if (owned)
            free(text);
        free(raw);
        return lm_sheet_fail(msg, MATCH_ENOMEM, "out of memory");
    }
    csv_set_delim(&p, guess_delimiter(text, len));
    parse_state st = {.sheet = sheet, .line = 1};
    size_t start = 0;
    while (start < len && rc == MATCH_OK) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl != NULL ? (size_t)(nl - text) + 1 : len;
        if (csv_parse(&p, text + start, end - start, on_field, on_record, &st) != end - start)
            rc = lm_sheet_fail(msg, MATCH_EPARSE,
                               "%s, row %u: %s (a quote not closed, or text after a "
                               "closing quote)",
                               path, st.row != 0 ? st.row : st.line, csv_strerror(csv_error(&p)));
        st.line++;
        start = end;
        if (st.nomem && rc == MATCH_OK)
            rc = lm_sheet_fail(msg, MATCH_ENOMEM, "out of memory");
    }
    if (rc == MATCH_OK && csv_fini(&p, on_field, on_record, &st) != 0)
        rc = lm_sheet_fail(msg, MATCH_EPARSE,
                           "%s, row %u: a quoted cell is not closed by the end of the file", path,
                           st.row != 0 ? st.row : st.line);
    if (rc == MATCH_OK && st.nomem)
        rc = lm_sheet_fail(msg, MATCH_ENOMEM, "out of memory");
    csv_free(&p);
    if (owned)
        free(text);
    free(raw);
    return rc;
}
