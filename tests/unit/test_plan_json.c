/*
 * Scenario and plan files: a scenario read from JSON solves to its hand-computed optimum; a
 * written plan reads back (with jansson) to the plan's accessors; writing is deterministic;
 * a failed write reports MATCH_EIO and leaves nothing behind.
 */
#include "test_support.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

/*
 * Distance cost 0, so the optimum is exact. Volunteers:
 *   V1 6 h, skill medical, in C01 (unit U01)
 *   V2 4 h, weekend only, in C02 (2.224 km from C01)
 *   V3 10 h, lives in C01 but placed at C02's position, travels at most 1 km
 * Needs:
 *   N1 C01 medical, priority 4 (weight 8), 6 h, skill medical: only V1 may serve
 *   N2 C01 after_school, priority 3 (weight 4), 4 h, 1 venue, weekend: V1, V2 (V3 too far);
 *      R1 (U01, venue, after_school) supplies the venue
 *   N3 C02 culture, priority 2 (weight 2), 10 h, min 2 volunteers: V1, V2, V3
 * 20 hours for 20 hours of needs, but N3 needs two volunteers. Options:
 *   V1 6 -> N1, V2 4 -> N2, N3 dropped:                       8 + 4 + 0 = 12
 *   V1 6 -> N1, V2 3 -> N2 + 1 -> N3, V3 9 -> N3:              8 + 3 + 2 = 13  (best)
 *   V1 5 -> N1 + 1 -> N3, V2 4 -> N2, V3 9 -> N3:          6.667 + 4 + 2 = 12.667
 * U01 (min_projects 1) takes part in N1 (V1) and N2 (R1): 2 projects, no shortfall.
 */
static const char SCENARIO[] =
    "{\n"
    "  \"format\": \"libmatch-scenario-1\",\n"
    "  \"name\": \"新华路街道 2026\",\n"
    "  \"policy\": {\"distance_cost\": 0},\n"
    "  \"communities\": [\n"
    "    {\"id\": \"C01\", \"name\": \"新惠街社区\", \"street\": \"新华路街道\",\n"
    "     \"lat\": 34.0, \"lon\": 113.0},\n"
    "    {\"id\": \"C02\", \"name\": \"红旗社区\", \"street\": \"新华路街道\",\n"
    "     \"lat\": 34.02, \"lon\": 113.0}],\n"
    "  \"units\": [{\"id\": \"U01\", \"name\": \"郑煤总医院\", \"community\": \"C01\",\n"
    "              \"min_projects\": 1}],\n"
    "  \"volunteers\": [\n"
    "    {\"id\": \"V1\", \"unit\": \"U01\", \"community\": \"C01\", \"skills\": [\"medical\"],\n"
    "     \"hours\": 6},\n"
    "    {\"id\": \"V2\", \"community\": \"C02\", \"hours\": 4, \"slots\": [\"weekend\"]},\n"
    "    {\"id\": \"V3\", \"community\": \"C01\", \"hours\": 10, \"max_distance_km\": 1.0,\n"
    "     \"lat\": 34.02, \"lon\": 113.0}],\n"
    "  \"resources\": [{\"id\": \"R1\", \"unit\": \"U01\", \"type\": \"venue\", \"amount\": 1,\n"
    "                  \"categories\": [\"after_school\"]}],\n"
    "  \"needs\": [\n"
    "    {\"id\": \"N1\", \"community\": \"C01\", \"category\": \"medical\", \"priority\": 4,\n"
    "     \"hours\": 6, \"skills\": [\"medical\"]},\n"
    "    {\"id\": \"N2\", \"community\": \"C01\", \"category\": \"after_school\", \"priority\": "
    "3,\n"
    "     \"hours\": 4, \"resources\": [{\"type\": \"venue\", \"amount\": 1}],\n"
    "     \"slots\": [\"weekend\"]},\n"
    "    {\"id\": \"N3\", \"community\": \"C02\", \"category\": \"culture\", \"priority\": 2,\n"
    "     \"hours\": 10, \"min_volunteers\": 2, \"all_or_nothing\": false, \"required\": false}],\n"
    "  \"fixed\": [],\n"
    "  \"forbidden\": []\n"
    "}\n";

typedef struct fixture {
    char dir[256];
    match_model *model;
    match_plan *plan;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    if (!ts_make_temp_dir(f->dir, sizeof f->dir, "test")) {
        free(f);
        return -1;
    }
    char err[512] = "";
    if (match_model_read_json_string(&f->model, SCENARIO, "inline.json", err, sizeof err) !=
        MATCH_OK) {
        print_error("reading the scenario failed: %s\n", err);
        free(f);
        return -1;
    }
    if (match_model_solve(&f->plan, f->model, NULL) != MATCH_OK) {
        print_error("solve failed: %s\n", match_model_errmsg(f->model));
        match_model_destroy(f->model);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ts_remove_tree(f->dir);
    match_plan_destroy(f->plan);
    match_model_destroy(f->model);
    free(f);
    return 0;
}

/* Reads a whole file into a NUL-terminated buffer the caller frees. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        fail_msg("cannot open %s: %s", path, strerror(errno));
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    fclose(fp);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static void test_scenario_solves_to_hand_optimum(void **state)
{
    fixture *f = *state;
    match_model *m = f->model;
    match_plan *p = f->plan;
    assert_string_equal(match_model_name(m), "新华路街道 2026");
    assert_int_equal(match_model_count(m, MATCH_COMMUNITY), 2);
    assert_int_equal(match_model_count(m, MATCH_UNIT), 1);
    assert_int_equal(match_model_count(m, MATCH_VOLUNTEER), 3);
    assert_int_equal(match_model_count(m, MATCH_RESOURCE), 1);
    assert_int_equal(match_model_count(m, MATCH_NEED), 3);
    double dc = -1;
    TS_OK(m, match_model_get_policy(m, "distance_cost", &dc));
    TS_NEAR(dc, 0, 0);
    double md = -1;
    TS_OK(m, match_model_get_policy(m, "max_distance_km", &md));
    TS_NEAR(md, 3.0, 0); /* default kept */

    ts_check_plan_consistent(m, p);
    assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
    TS_NEAR(match_plan_objective(p), 13, TS_EPS);
    TS_NEAR(match_plan_bound(p), 13, 1e-5);
    TS_NEAR(ts_x(p, "N1", "V1"), 6, TS_EPS);
    TS_NEAR(ts_x(p, "N2", "V2"), 3, TS_EPS);
    TS_NEAR(ts_x(p, "N3", "V2"), 1, TS_EPS);
    TS_NEAR(ts_x(p, "N3", "V3"), 9, TS_EPS);
    TS_NEAR(ts_y(p, "N2", "R1"), 1, TS_EPS);
    TS_NEAR(ts_coverage(p, "N2"), 0.75, TS_EPS);
    TS_NEAR(ts_coverage(p, "N3"), 1, TS_EPS);
    assert_int_equal(match_plan_unit_projects(p, 0), 2);
    assert_int_equal(match_plan_unit_shortfall(p, 0), 0);
}

/* The same scenario from a file gives the same model and the same optimum. */
static void test_scenario_from_file(void **state)
{
    fixture *f = *state;
    char path[512];
    snprintf(path, sizeof path, "%s/scenario.json", f->dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(SCENARIO, 1, strlen(SCENARIO), fp), strlen(SCENARIO));
    assert_int_equal(fclose(fp), 0);

    match_model *m = NULL;
    char err[512] = "";
    int rc = match_model_read_json(&m, path, err, sizeof err);
    if (rc != MATCH_OK)
        fail_msg("reading %s: %d: %s", path, rc, err);
    assert_int_equal(match_model_count(m, MATCH_NEED), 3);
    match_plan *p = ts_solve_optimal(m);
    TS_NEAR(match_plan_objective(p), 13, TS_EPS);
    match_plan_destroy(p);
    match_model_destroy(m);

    /* A missing file is MATCH_EIO naming the file; *out is NULL. */
    snprintf(path, sizeof path, "%s/no-such-scenario.json", f->dir);
    m = (match_model *)0x1;
    TS_RC(MATCH_EIO, match_model_read_json(&m, path, err, sizeof err));
    assert_null(m);
    TS_CONTAINS(err, "no-such-scenario.json");
}

static double num(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_number(v))
        fail_msg("field \"%s\" is not a number", key);
    return json_number_value(v);
}

static const char *str(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v))
        fail_msg("field \"%s\" is not a string", key);
    return json_string_value(v);
}

static json_t *arr(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_array(v))
        fail_msg("field \"%s\" is not an array", key);
    return v;
}

/* Compares a parsed plan file with the plan's accessors. */
static void compare_with_plan(const json_t *root, const match_plan *p)
{
    assert_true(json_is_object(root));
    assert_string_equal(str(root, "format"), "libmatch-plan-1");
    assert_string_equal(str(root, "status"), match_status_name(match_plan_status(p)));
    TS_NEAR(num(root, "objective"), match_plan_objective(p), 1e-9);
    TS_NEAR(num(root, "bound"), match_plan_bound(p), 1e-9);

    json_t *needs = arr(root, "needs");
    assert_int_equal(json_array_size(needs), match_plan_need_count(p));
    for (size_t i = 0; i < json_array_size(needs); i++) {
        json_t *n = json_array_get(needs, i);
        assert_string_equal(str(n, "id"), match_plan_need_id(p, i));
        TS_NEAR(num(n, "coverage"), match_plan_need_coverage(p, i), 1e-9);
        TS_NEAR(num(n, "hours"), match_plan_need_hours(p, i), 1e-9);
        json_t *vols = arr(n, "volunteers");
        assert_int_equal(json_array_size(vols), match_plan_need_volunteer_count(p, i));
        for (size_t k = 0; k < json_array_size(vols); k++) {
            json_t *e = json_array_get(vols, k);
            assert_string_equal(str(e, "id"), match_plan_need_volunteer_id(p, i, k));
            TS_NEAR(num(e, "hours"), match_plan_need_volunteer_hours(p, i, k), 1e-9);
        }
        json_t *res = arr(n, "resources");
        assert_int_equal(json_array_size(res), match_plan_need_resource_count(p, i));
        for (size_t k = 0; k < json_array_size(res); k++) {
            json_t *e = json_array_get(res, k);
            assert_string_equal(str(e, "id"), match_plan_need_resource_id(p, i, k));
            TS_NEAR(num(e, "amount"), match_plan_need_resource_amount(p, i, k), 1e-9);
        }
        json_t *why = json_object_get(n, "unmet_reason");
        assert_non_null(why); /* present, null or a string */
        const char *want = match_plan_need_unmet_reason(p, i);
        if (want == NULL)
            assert_true(json_is_null(why));
        else
            assert_string_equal(json_string_value(why), want);
    }

    json_t *vols = arr(root, "volunteers");
    assert_int_equal(json_array_size(vols), match_plan_volunteer_count(p));
    for (size_t v = 0; v < json_array_size(vols); v++) {
        json_t *e = json_array_get(vols, v);
        assert_string_equal(str(e, "id"), match_plan_volunteer_id(p, v));
        TS_NEAR(num(e, "hours"), match_plan_volunteer_hours(p, v), 1e-9);
        TS_NEAR(num(e, "shortfall"), match_plan_volunteer_shortfall(p, v), 1e-9);
    }
    json_t *units = arr(root, "units");
    assert_int_equal(json_array_size(units), match_plan_unit_count(p));
    for (size_t u = 0; u < json_array_size(units); u++) {
        json_t *e = json_array_get(units, u);
        assert_string_equal(str(e, "id"), match_plan_unit_id(p, u));
        TS_NEAR(num(e, "projects"), match_plan_unit_projects(p, u), 1e-9);
        TS_NEAR(num(e, "shortfall"), match_plan_unit_shortfall(p, u), 1e-9);
    }
}

static void test_round_trip(void **state)
{
    fixture *f = *state;
    char path[512];
    snprintf(path, sizeof path, "%s/plan.json", f->dir);
    if (match_plan_write_json(f->plan, path) != MATCH_OK)
        fail_msg("writing %s: %s", path, match_plan_errmsg(f->plan));
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (root == NULL)
        fail_msg("the plan file is not JSON: line %d: %s", jerr.line, jerr.text);
    compare_with_plan(root, f->plan);
    /* Spot-check against the hand optimum, not only against the accessors. */
    TS_NEAR(num(root, "objective"), 13, TS_EPS);
    json_t *n3 = json_array_get(arr(root, "needs"), 2);
    assert_string_equal(str(n3, "id"), "N3");
    assert_int_equal(json_array_size(arr(n3, "volunteers")), 2);
    json_decref(root);

    /* match_plan_to_json gives the same document. */
    char *text = NULL;
    TS_RC(MATCH_OK, match_plan_to_json(&text, f->plan));
    assert_non_null(text);
    json_t *from_string = json_loads(text, 0, &jerr);
    assert_non_null(from_string);
    root = json_load_file(path, 0, &jerr);
    assert_non_null(root);
    assert_true(json_equal(root, from_string));
    json_decref(root);
    json_decref(from_string);
    match_free(text);

    /* The plan of an infeasible model is written too, with status "infeasible". */
    TS_OK(f->model, match_model_set_need_required(f->model, "N1", 1));
    TS_OK(f->model, match_model_set_need_required(f->model, "N2", 1));
    TS_OK(f->model, match_model_set_need_required(f->model, "N3", 1));
    match_plan *bad = NULL;
    TS_OK(f->model, match_model_solve(&bad, f->model, NULL));
    assert_int_equal(match_plan_status(bad), MATCH_STATUS_INFEASIBLE);
    snprintf(path, sizeof path, "%s/infeasible.json", f->dir);
    TS_RC(MATCH_OK, match_plan_write_json(bad, path));
    root = json_load_file(path, 0, &jerr);
    assert_non_null(root);
    assert_string_equal(str(root, "status"), "infeasible");
    assert_int_equal(json_array_size(arr(root, "needs")), 3);
    json_decref(root);
    match_plan_destroy(bad);
}

static void test_deterministic(void **state)
{
    fixture *f = *state;
    char a[512], b[512];
    snprintf(a, sizeof a, "%s/a.json", f->dir);
    snprintf(b, sizeof b, "%s/b.json", f->dir);
    TS_RC(MATCH_OK, match_plan_write_json(f->plan, a));
    TS_RC(MATCH_OK, match_plan_write_json(f->plan, b));
    size_t la, lb;
    char *ta = slurp(a, &la), *tb = slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);
    assert_true(la > 0);

    /* Writing over an existing file replaces it. */
    TS_RC(MATCH_OK, match_plan_write_json(f->plan, a));
    free(ta);
    ta = slurp(a, &la);
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);

    /* A second solve of the same model writes the same bytes. */
    match_plan *again = NULL;
    TS_OK(f->model, match_model_solve(&again, f->model, NULL));
    TS_RC(MATCH_OK, match_plan_write_json(again, b));
    free(tb);
    tb = slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);
    match_plan_destroy(again);

    char *s1 = NULL, *s2 = NULL;
    TS_RC(MATCH_OK, match_plan_to_json(&s1, f->plan));
    TS_RC(MATCH_OK, match_plan_to_json(&s2, f->plan));
    assert_string_equal(s1, s2);
    match_free(s1);
    match_free(s2);
    free(ta);
    free(tb);
    assert_int_equal(ts_count_entries(f->dir), 2); /* no temporary files left */
}

static void test_write_failure_leaves_nothing(void **state)
{
    fixture *f = *state;
    char path[512];
    /* The directory does not exist. */
    snprintf(path, sizeof path, "%s/missing/plan.json", f->dir);
    TS_RC(MATCH_EIO, match_plan_write_json(f->plan, path));
    TS_CONTAINS(match_plan_errmsg(f->plan), "missing/plan.json");
    assert_int_equal(ts_count_entries(f->dir), 0);

    /* The target is a directory: the rename fails; the temporary file must not remain. */
    snprintf(path, sizeof path, "%s/sub", f->dir);
    assert_int_equal(mkdir(path, 0700), 0);
    TS_RC(MATCH_EIO, match_plan_write_json(f->plan, path));
    TS_CONTAINS(match_plan_errmsg(f->plan), "sub");
    assert_int_equal(ts_count_entries(f->dir), 1);
    assert_int_equal(ts_count_entries(path), 0);

    /* The plan is still usable and a good path still works afterwards. */
    snprintf(path, sizeof path, "%s/ok.json", f->dir);
    TS_RC(MATCH_OK, match_plan_write_json(f->plan, path));
    assert_int_equal(ts_count_entries(f->dir), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scenario_solves_to_hand_optimum, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scenario_from_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deterministic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_failure_leaves_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
