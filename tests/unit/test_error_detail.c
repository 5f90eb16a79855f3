/*
 * Structured errors (match_error_detail): the builder, the editing calls, the scenario and
 * plan readers and the plan-in-force reader give the code, the kind and id of the item, the
 * field and the message, which is the one match_model_errmsg() gives.
 */
#include <string.h>

#include "test_support.h"

static match_model *small(void)
{
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0);
    ts_volunteer(m, "V1", "C0", 10);
    ts_need(m, "N1", "C0", 3, 5);
    return m;
}

#define TS_DETAIL(d, code_, kind_, item_, field_)                                                  \
    do {                                                                                           \
        assert_int_equal((d)->code, (code_));                                                      \
        assert_int_equal((d)->kind, (kind_));                                                      \
        assert_string_equal((d)->item, (item_));                                                   \
        assert_string_equal((d)->field, (field_));                                                 \
    } while (0)

static void test_builder_detail(void **state)
{
    (void)state;
    match_model *m = small();
    const match_error_detail *d = match_model_error(m);
    assert_int_equal(d->code, MATCH_OK);
    assert_int_equal(d->kind, MATCH_KIND_NONE);
    assert_string_equal(d->message, "");

    TS_RC(MATCH_EINPUT, match_model_set_volunteer_min_hours(m, "V1", -1));
    TS_DETAIL(d, MATCH_EINPUT, MATCH_KIND_VOLUNTEER, "V1", "min_hours");
    assert_string_equal(d->message, match_model_errmsg(m));

    TS_RC(MATCH_ENOTFOUND, match_model_add_unit(m, "U9", NULL, "C77"));
    TS_DETAIL(d, MATCH_ENOTFOUND, MATCH_KIND_UNIT, "U9", "community");

    TS_RC(MATCH_EDUPLICATE, match_model_add_volunteer(m, "V1", "C0", 3));
    TS_DETAIL(d, MATCH_EDUPLICATE, MATCH_KIND_VOLUNTEER, "V1", "id");

    TS_RC(MATCH_EINPUT, match_model_add_need(m, "N9", "C0", "x", 9));
    TS_DETAIL(d, MATCH_EINPUT, MATCH_KIND_NEED, "N9", "priority");

    TS_RC(MATCH_ENOTFOUND, match_model_set_need_hours(m, "N404", 1));
    TS_DETAIL(d, MATCH_ENOTFOUND, MATCH_KIND_NEED, "N404", "");

    TS_RC(MATCH_ENOTFOUND, match_model_fix_pair(m, "V1", "N404", 2));
    TS_DETAIL(d, MATCH_ENOTFOUND, MATCH_KIND_PAIR, "V1", "need");
    assert_string_equal(d->need, "N404");

    TS_RC(MATCH_ENOTFOUND, match_model_remove_volunteer_skill(m, "V1", "medical"));
    TS_DETAIL(d, MATCH_ENOTFOUND, MATCH_KIND_VOLUNTEER, "V1", "skills");

    /* An error about no item clears the item of the one before. */
    TS_RC(MATCH_EINVAL, match_model_set_policy(m, "no_such_field", 1));
    TS_DETAIL(d, MATCH_EINVAL, MATCH_KIND_NONE, "", "");
    assert_string_equal(d->need, "");
    TS_CONTAINS(d->message, "no_such_field");

    /* A successful call keeps the last failure. */
    TS_OK(m, match_model_set_need_hours(m, "N1", 4));
    assert_int_equal(d->code, MATCH_EINVAL);
    match_model_destroy(m);

    assert_int_equal(match_model_error(NULL)->code, MATCH_EINVAL);
    assert_string_equal(match_item_kind_name(MATCH_KIND_RESOURCE), "resource");
    assert_string_equal(match_item_kind_name(MATCH_KIND_NONE), "");
}

static const char *const scenario_head =
    "{\"format\": \"libmatch-scenario-1\", \"communities\": [{\"id\": \"C0\", \"lat\": 34.5, "
    "\"lon\": 113.4}], \"volunteers\": [{\"id\": \"V1\", \"community\": \"C0\", \"hours\": ";

static void load(const char *tail, match_error_detail *d)
{
    char json[1024];
    snprintf(json, sizeof json, "%s%s", scenario_head, tail);
    match_model *m = (match_model *)1;
    int rc = match_model_load_json_string(&m, json, "case.json", d);
    assert_int_equal(rc, d->code);
    assert_null(m);
}

static void test_scenario_reader_detail(void **state)
{
    (void)state;
    match_error_detail d;
    load("\"many\"}]}", &d);
    TS_DETAIL(&d, MATCH_EINPUT, MATCH_KIND_VOLUNTEER, "V1", "hours");
    TS_CONTAINS(d.message, "case.json: volunteers[0] (id \"V1\"): field \"hours\"");

    load("5, \"unit\": \"U7\"}]}", &d);
    TS_DETAIL(&d, MATCH_ENOTFOUND, MATCH_KIND_VOLUNTEER, "V1", "unit");

    load("5, \"min_hours\": -2}]}", &d);
    TS_DETAIL(&d, MATCH_EINPUT, MATCH_KIND_VOLUNTEER, "V1", "min_hours");

    load("5, \"skills\": [\"\"]}]}", &d);
    TS_DETAIL(&d, MATCH_EINPUT, MATCH_KIND_VOLUNTEER, "V1", "skills[0]");

    load("5}], \"needs\": [{\"id\": \"N1\", \"community\": \"C0\", \"category\": \"x\", "
         "\"priority\": 3}], \"fixed\": [{\"volunteer\": \"V1\", \"need\": \"N2\", \"hours\": 1}]}",
         &d);
    TS_DETAIL(&d, MATCH_ENOTFOUND, MATCH_KIND_PAIR, "V1", "need");
    assert_string_equal(d.need, "N2");

    load("5,", &d);
    TS_DETAIL(&d, MATCH_EPARSE, MATCH_KIND_NONE, "", "");
    TS_CONTAINS(d.message, "case.json:1:");

    /* The message is the one the buffer form gives. */
    char json[1024], errbuf[1024];
    snprintf(json, sizeof json, "%s%s", scenario_head, "\"many\"}]}");
    match_model *m = NULL;
    TS_RC(MATCH_EINPUT, match_model_read_json_string(&m, json, "case.json", errbuf, sizeof errbuf));
    match_model_load_json_string(&m, json, "case.json", &d);
    assert_string_equal(errbuf, d.message);

    /* Success clears the detail; NULL is accepted for it. */
    snprintf(json, sizeof json, "%s%s", scenario_head, "5}]}");
    TS_RC(MATCH_OK, match_model_load_json_string(&m, json, NULL, &d));
    assert_int_equal(d.code, MATCH_OK);
    assert_string_equal(d.message, "");
    match_model_destroy(m);
    TS_RC(MATCH_EINPUT, match_model_load_json_string(&m, "{}", NULL, NULL));
    TS_RC(MATCH_EIO, match_model_load_json(&m, "/nonexistent/x.json", &d));
    assert_int_equal(d.code, MATCH_EIO);
    TS_CONTAINS(d.message, "/nonexistent/x.json");
}

static void test_plan_readers_detail(void **state)
{
    (void)state;
    match_model *m = small();
    const char *bad = "{\"format\": \"libmatch-plan-1\", \"needs\": [{\"id\": \"N1\", "
                      "\"volunteers\": [{\"id\": \"V1\", \"hours\": 2.5}]}]}";
    TS_RC(MATCH_EINPUT, match_model_load_previous_plan_string(m, bad, "plan.json"));
    const match_error_detail *d = match_model_error(m);
    TS_DETAIL(d, MATCH_EINPUT, MATCH_KIND_NEED, "N1", "hours");
    TS_CONTAINS(d->message, "plan.json: needs[0] (id \"N1\")");
    assert_int_equal(match_model_has_previous_plan(m), 0);

    /* The deprecated form gives the same message in its buffer. */
    char errbuf[1024];
    TS_RC(MATCH_EINPUT,
          match_model_read_previous_plan_string(m, bad, "plan.json", errbuf, sizeof errbuf));
    assert_string_equal(errbuf, match_model_errmsg(m));
    TS_RC(MATCH_EINVAL, match_model_load_previous_plan(NULL, "x"));

    match_plan *p = ts_solve(m);
    char *text = NULL;
    TS_RC(MATCH_OK, match_plan_to_json(&text, p));
    match_plan *back = NULL;
    match_error_detail pd;
    TS_RC(MATCH_OK, match_plan_load_json_string(&back, text, "p.json", &pd));
    assert_int_equal(pd.code, MATCH_OK);
    match_plan_destroy(back);
    match_free(text);
    TS_RC(MATCH_EINPUT, match_plan_load_json_string(&back, "{\"needs\": 3}", "p.json", &pd));
    assert_null(back);
    assert_int_equal(pd.code, MATCH_EINPUT);
    TS_CONTAINS(pd.message, "p.json");

    /* Plan errors live in the plan. */
    assert_int_equal(match_plan_error(p)->code, MATCH_OK);
    TS_RC(MATCH_EIO, match_plan_write_json(p, "/nonexistent/dir/plan.json"));
    assert_int_equal(match_plan_error(p)->code, MATCH_EIO);
    assert_int_equal(match_plan_error(p)->kind, MATCH_KIND_NONE);
    assert_string_equal(match_plan_error(p)->message, match_plan_errmsg(p));
    match_plan_destroy(p);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builder_detail),
        cmocka_unit_test(test_scenario_reader_detail),
        cmocka_unit_test(test_plan_readers_detail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
