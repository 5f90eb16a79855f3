/*
 * Names and the spreadsheet calls through the C API (include/libmatch/sheets.h): a name set
 * and read back, carried into the plan and its file; a template written and read; a CSV
 * folder read; failures leave no model and no output, and name the file, sheet, row and
 * column.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "libmatch/libmatch.h"
#include "test_support.h"

static void test_names_reach_the_plan(void **state)
{
    (void)state;
    match_model *m = ts_model_new();
    ts_community(m, "C1", 0);
    ts_volunteer(m, "V1", "C1", 10);
    ts_need(m, "N1", "C1", 3, 10);
    assert_int_equal(match_model_set_item_name(m, MATCH_NEED, "N1", "社区老年食堂"), MATCH_OK);
    assert_int_equal(match_model_set_item_name(m, MATCH_VOLUNTEER, "V1", "张伟"), MATCH_OK);
    assert_int_equal(match_model_set_item_name(m, MATCH_NEED, "N9", "x"), MATCH_ENOTFOUND);
    assert_int_equal(match_model_set_item_name(m, MATCH_COMMUNITY, "C1", "x"), MATCH_EINVAL);
    assert_string_equal(match_model_item_name(m, MATCH_NEED, 0), "社区老年食堂");
    assert_null(match_model_item_name(m, MATCH_NEED, 1));

    match_model *copy = NULL;
    assert_int_equal(match_model_copy(&copy, m), MATCH_OK);
    assert_string_equal(match_model_item_name(copy, MATCH_VOLUNTEER, 0), "张伟");
    match_model_destroy(copy);

    match_plan *p = ts_solve(m);
    assert_string_equal(match_plan_need_name(p, 0), "社区老年食堂");
    assert_string_equal(match_plan_volunteer_name(p, 0), "张伟");
    char *json = NULL;
    assert_int_equal(match_plan_to_json(&json, p), MATCH_OK);
    assert_non_null(strstr(json, "\"name\": \"社区老年食堂\""));
    match_plan *back = NULL;
    char err[512];
    assert_int_equal(match_plan_read_json_string(&back, json, NULL, err, sizeof err), MATCH_OK);
    assert_string_equal(match_plan_need_name(back, 0), "社区老年食堂");
    match_plan_destroy(back);
    match_free(json);
    assert_int_equal(match_model_set_item_name(m, MATCH_NEED, "N1", NULL), MATCH_OK);
    assert_null(match_model_item_name(m, MATCH_NEED, 0));
    match_plan_destroy(p);
    match_model_destroy(m);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_template_and_csv_folder(void **state)
{
    (void)state;
    char dir[256], path[1024];
    assert_true(ts_make_temp_dir(dir, sizeof dir, "sheets"));
    snprintf(path, sizeof path, "%s/template.xlsx", dir);
    char err[1024];
    match_sheet_options o;
    assert_int_equal(match_sheet_options_init(&o, MATCH_SHEET_OPTIONS_VERSION), MATCH_OK);
    assert_int_equal(match_sheets_write_template(path, &o, err, sizeof err), MATCH_OK);
    match_model *m = NULL;
    assert_int_equal(match_model_read_sheets(&m, path, NULL, err, sizeof err), MATCH_OK);
    assert_int_equal(match_model_count(m, MATCH_NEED), 1);
    assert_string_equal(match_model_item_name(m, MATCH_NEED, 0), "四点半课堂");
    match_model_destroy(m);

    char lists[300];
    snprintf(lists, sizeof lists, "%.250s/lists", dir);
    assert_int_equal(mkdir(lists, 0755), 0);
    snprintf(path, sizeof path, "%s/communities.csv", lists);
    write_file(path, "id,lat,lon\nC1,34.5,113.4\n");
    snprintf(path, sizeof path, "%s/volunteers.csv", lists);
    write_file(path, "id,name,community,hours\nV1,Zhang Wei,C1,8\n\nV2,Li Na,C1,\"8 h\"\n");
    const char *lang = NULL;
    char *json = NULL;
    int rc = match_sheets_to_json(&json, &lang, lists, NULL, err, sizeof err);
    assert_int_equal(rc, MATCH_EINPUT);
    assert_null(json);
    /* Row 4: the blank line 3 still counts, as a spreadsheet shows it. */
    snprintf(path, sizeof path,
             "%s/volunteers.csv, sheet volunteers, row 4, column hours: \"8 h\" is not a number",
             lists);
    assert_string_equal(err, path);
    assert_int_equal(match_model_read_any(&m, &lang, lists, NULL, err, sizeof err), MATCH_EINPUT);
    assert_null(m);

    snprintf(path, sizeof path, "%s/volunteers.csv", lists);
    write_file(path, "id,name,community,hours\nV1,Zhang Wei,C1,8\n");
    assert_int_equal(match_sheets_to_json(&json, &lang, lists, NULL, err, sizeof err), MATCH_OK);
    assert_string_equal(lang, "en");
    assert_non_null(strstr(json, "\"name\": \"Zhang Wei\""));
    match_free(json);
    ts_remove_tree(dir);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    char err[256];
    match_model *m = (match_model *)1;
    assert_int_equal(match_model_read_sheets(&m, NULL, NULL, err, sizeof err), MATCH_EINVAL);
    assert_null(m);
    assert_int_equal(match_model_read_sheets(NULL, "x.xlsx", NULL, err, sizeof err), MATCH_EINVAL);
    assert_int_equal(match_model_read_sheets(&m, "/nonexistent/book.xlsx", NULL, err, sizeof err),
                     MATCH_EIO);
    assert_non_null(strstr(err, "/nonexistent/book.xlsx: cannot open"));
    match_sheet_options o;
    assert_int_equal(match_sheet_options_init(&o, 99), MATCH_EINVAL);
    match_sheet_options_init(&o, MATCH_SHEET_OPTIONS_VERSION);
    o.lang = "fr";
    assert_int_equal(match_sheets_write_template("/tmp/never.xlsx", &o, err, sizeof err),
                     MATCH_EINVAL);
    assert_int_equal(match_plan_write_sheets(NULL, NULL, "x.xlsx", NULL, err, sizeof err),
                     MATCH_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_reach_the_plan),
        cmocka_unit_test(test_template_and_csv_folder),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
