/*
 * Bad scenario files. Driven by data/bad/EXPECTED.txt, one line per fixture:
 *
 *     file CODE "substring"
 *
 * CODE is an error code name (MATCH_EINPUT or EINPUT) or its number; the substring is the
 * text between the first and the last double quote of the line. Reading the file must
 * fail with that code, return no model, and give a message naming the file and containing
 * the substring. Blank lines and lines starting with # are ignored. Every .json file in
 * data/bad must be listed.
 */
#include "test_support.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>

#define BAD_DIR LIBMATCH_TEST_DATA_DIR "/bad"

static const struct {
    const char *name;
    int code;
} CODES[] = {{"OK", MATCH_OK},
             {"EINVAL", MATCH_EINVAL},
             {"ENOMEM", MATCH_ENOMEM},
             {"EIO", MATCH_EIO},
             {"EPARSE", MATCH_EPARSE},
             {"EINPUT", MATCH_EINPUT},
             {"ENOTFOUND", MATCH_ENOTFOUND},
             {"EDUPLICATE", MATCH_EDUPLICATE},
             {"ESOLVER", MATCH_ESOLVER},
             {"EINTERRUPTED", MATCH_EINTERRUPTED}};

static int parse_code(const char *tok, int *code)
{
    if (strncmp(tok, "MATCH_", 6) == 0)
        tok += 6;
    for (size_t k = 0; k < sizeof CODES / sizeof CODES[0]; k++) {
        if (strcmp(tok, CODES[k].name) == 0) {
            *code = CODES[k].code;
            return 0;
        }
    }
    char *end;
    long v = strtol(tok, &end, 10);
    if (*tok != '\0' && *end == '\0') {
        *code = (int)v;
        return 0;
    }
    return -1;
}

#define MAX_CASES 256

typedef struct bad_case {
    char file[128];
    int code;
    char substring[256];
    int line;
} bad_case;

/* Parses EXPECTED.txt; fails the test on a malformed line. Returns the number of cases. */
static size_t load_cases(bad_case *cases)
{
    FILE *fp = fopen(BAD_DIR "/EXPECTED.txt", "r");
    if (fp == NULL)
        fail_msg("cannot open %s", BAD_DIR "/EXPECTED.txt");
    char line[1024];
    size_t n = 0;
    int lineno = 0;
    while (fgets(line, sizeof line, fp) != NULL) {
        lineno++;
        char *s = line;
        while (isspace((unsigned char)*s))
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        assert_true(n < MAX_CASES);
        bad_case *c = &cases[n];
        c->line = lineno;
        char code[64];
        int used = 0;
        if (sscanf(s, "%127s %63s %n", c->file, code, &used) < 2 || used == 0)
            fail_msg("EXPECTED.txt:%d: expected `file CODE \"substring\"`", lineno);
        if (parse_code(code, &c->code) != 0)
            fail_msg("EXPECTED.txt:%d: unknown code %s", lineno, code);
        /* The substring lies between the first and the last double quote of the line; it
         * may itself contain double quotes. */
        char *q = s + used;
        char *last = strrchr(q, '"');
        if (*q != '"' || last == q)
            fail_msg("EXPECTED.txt:%d: the substring must be in double quotes", lineno);
        q++;
        size_t k = (size_t)(last - q);
        if (k == 0 || k >= sizeof c->substring)
            fail_msg("EXPECTED.txt:%d: empty or too long substring", lineno);
        memcpy(c->substring, q, k);
        c->substring[k] = '\0';
        n++;
    }
    fclose(fp);
    return n;
}

static void test_expected_fixtures(void **state)
{
    (void)state;
    static bad_case cases[MAX_CASES];
    size_t n = load_cases(cases);
    assert_true(n > 0);
    int failures = 0;
    for (size_t k = 0; k < n; k++) {
        bad_case *c = &cases[k];
        char path[512];
        if (snprintf(path, sizeof path, "%s/%s", BAD_DIR, c->file) >= (int)sizeof path)
            fail_msg("fixture path too long: %s", c->file);
        char err[1024] = "";
        match_model *m = (match_model *)0x1;
        int rc = match_model_read_json(&m, path, err, sizeof err);
        const char *base = strrchr(c->file, '/') ? strrchr(c->file, '/') + 1 : c->file;
        if (rc != c->code) {
            print_error("%s (EXPECTED.txt:%d): code %d (%s), expected %d (%s); message: %s\n",
                        c->file, c->line, rc, match_strerror(rc), c->code, match_strerror(c->code),
                        err);
            failures++;
        } else if (strstr(err, base) == NULL || strstr(err, c->substring) == NULL) {
            print_error("%s (EXPECTED.txt:%d): message \"%s\" lacks the file name or \"%s\"\n",
                        c->file, c->line, err, c->substring);
            failures++;
        }
        if (rc != MATCH_OK && m != NULL) {
            print_error("%s: *out is not NULL after a failure\n", c->file);
            failures++;
        }
        if (rc == MATCH_OK)
            match_model_destroy(m);
    }
    if (failures > 0)
        fail_msg("%d of %zu bad-input fixtures misbehaved (see above)", failures, n);
}

/* Every .json fixture in data/bad is listed in EXPECTED.txt (none is silently skipped). */
static void test_every_fixture_listed(void **state)
{
    (void)state;
    static bad_case cases[MAX_CASES];
    size_t n = load_cases(cases);
    DIR *d = opendir(BAD_DIR);
    assert_non_null(d);
    struct dirent *e;
    int missing = 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        int found = 0;
        for (size_t k = 0; k < n && !found; k++)
            found = strcmp(cases[k].file, e->d_name) == 0;
        if (!found) {
            print_error("%s is not listed in EXPECTED.txt\n", e->d_name);
            missing++;
        }
    }
    closedir(d);
    assert_int_equal(missing, 0);
}

/* Malformed JSON is MATCH_EPARSE with the source name and a line number. */
static void test_parse_error_in_string(void **state)
{
    (void)state;
    match_model *m = (match_model *)0x1;
    char err[512] = "";
    TS_RC(MATCH_EPARSE,
          match_model_read_json_string(&m, "{\n  \"format\": \"libmatch-scenario-1\",\n  oops\n}",
                                       "broken.json", err, sizeof err));
    assert_null(m);
    TS_CONTAINS(err, "broken.json");
    TS_CONTAINS(err, "3"); /* the line of the error */

    /* Without a source name the message says "<string>". */
    TS_RC(MATCH_EPARSE, match_model_read_json_string(&m, "[1, 2", NULL, err, sizeof err));
    TS_CONTAINS(err, "<string>");
}

/* The message is truncated to the buffer, NUL included; a NULL buffer is fine. */
static void test_errbuf_truncation(void **state)
{
    (void)state;
    match_model *m = NULL;
    char err[8];
    memset(err, 'x', sizeof err);
    TS_RC(MATCH_EPARSE,
          match_model_read_json_string(&m, "{", "a-rather-long-name.json", err, sizeof err));
    assert_true(memchr(err, '\0', sizeof err) != NULL);
    assert_int_equal(strlen(err), sizeof err - 1);
    TS_RC(MATCH_EPARSE, match_model_read_json_string(&m, "{", "x.json", NULL, 0));
    assert_null(m);
}

/* Data errors in a string: the message names the item, its id and the field. */
static void test_data_error_in_string(void **state)
{
    (void)state;
    match_model *m = NULL;
    char err[512] = "";
    const char *json =
        "{\"format\": \"libmatch-scenario-1\",\n"
        " \"communities\": [{\"id\": \"C01\", \"lat\": 34.5, \"lon\": 113.4}],\n"
        " \"volunteers\": [{\"id\": \"V0001\", \"community\": \"C01\", \"hours\": 4},\n"
        "                {\"id\": \"V0002\", \"community\": \"C01\", \"hours\": -4}],\n"
        " \"units\": [], \"resources\": [], \"needs\": []}";
    TS_RC(MATCH_EINPUT, match_model_read_json_string(&m, json, "xinmi.json", err, sizeof err));
    assert_null(m);
    TS_CONTAINS(err, "xinmi.json");
    TS_CONTAINS(err, "V0002");
    TS_CONTAINS(err, "hours");

    const char *dangling = "{\"format\": \"libmatch-scenario-1\",\n"
                           " \"communities\": [{\"id\": \"C01\", \"lat\": 34.5, \"lon\": 113.4}],\n"
                           " \"volunteers\": [{\"id\": \"V0001\", \"community\": \"C09\", "
                           "\"hours\": 4}],\n"
                           " \"units\": [], \"resources\": [], \"needs\": []}";
    TS_RC(MATCH_ENOTFOUND,
          match_model_read_json_string(&m, dangling, "xinmi.json", err, sizeof err));
    TS_CONTAINS(err, "C09");
    TS_CONTAINS(err, "V0001");

    const char *dup = "{\"format\": \"libmatch-scenario-1\",\n"
                      " \"communities\": [{\"id\": \"C01\", \"lat\": 34.5, \"lon\": 113.4},\n"
                      "                 {\"id\": \"C01\", \"lat\": 34.6, \"lon\": 113.4}],\n"
                      " \"units\": [], \"volunteers\": [], \"resources\": [], \"needs\": []}";
    TS_RC(MATCH_EDUPLICATE, match_model_read_json_string(&m, dup, "xinmi.json", err, sizeof err));
    TS_CONTAINS(err, "C01");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expected_fixtures),     cmocka_unit_test(test_every_fixture_listed),
        cmocka_unit_test(test_parse_error_in_string), cmocka_unit_test(test_errbuf_truncation),
        cmocka_unit_test(test_data_error_in_string),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
