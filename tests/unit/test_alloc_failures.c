/*
 * Allocation failures everywhere: through match_set_allocator(), the 1st, 2nd, ..., n-th
 * allocation of each operation on the Xinmi example (read, solve on every path, write, export,
 * bottlenecks, diff, reading a plan) and on a small coupled scenario fails in turn. Each call
 * must then return MATCH_ENOMEM, give no object back, free everything it had allocated (the
 * test's allocator counts live blocks) and leave the model usable: solving it afterwards gives
 * the plan it gave before, byte for byte.
 *
 * Every allocation of every operation is failed once (a few thousand runs in all, seconds).
 * GLPK's and jansson's own allocations are not counted (GLPK's faults are trapped through
 * its error hook).
 */
#include "test_support.h"

#include <stdlib.h>
#include <sys/stat.h>

/* ---- The counting, failing allocator ------------------------------------------------------ */

static struct {
    long count;   /* allocations since the counter was reset */
    long fail_at; /* the allocation that fails (1-based); 0: none */
    bool fired;
    long live; /* blocks allocated and not freed */
} heap;

static void *counting_malloc(size_t size, void *payload)
{
    (void)payload;
    heap.count++;
    if (heap.fail_at != 0 && heap.count == heap.fail_at) {
        heap.fired = true;
        return NULL;
    }
    void *p = malloc(size == 0 ? 1 : size);
    if (p != NULL)
        heap.live++;
    return p;
}

static void *counting_realloc(void *ptr, size_t size, void *payload)
{
    (void)payload;
    heap.count++;
    if (heap.fail_at != 0 && heap.count == heap.fail_at) {
        heap.fired = true;
        return NULL;
    }
    return realloc(ptr, size == 0 ? 1 : size);
}

static void counting_free(void *ptr, void *payload)
{
    (void)payload;
    heap.live--;
    free(ptr);
}

/* ---- The operations ------------------------------------------------------------------------ */

typedef struct ctx {
    match_model *model;   /* the scenario, read without failures */
    match_plan *plan;     /* its plan */
    char *plan_text;      /* the plan file of that plan */
    const char *scenario; /* its path */
    match_solver solver;
    char dir[256];
} ctx;

/* Each operation frees what it made before returning, and returns the call's code. */
typedef int (*op_fn)(ctx *c);

static int op_read(ctx *c)
{
    match_model *m = NULL;
    char err[512];
    int rc = match_model_read_json(&m, c->scenario, err, sizeof err);
    if ((rc == MATCH_OK) != (m != NULL))
        fail_msg("read: code %d with model %p", rc, (void *)m);
    match_model_destroy(m);
    return rc;
}

static int op_solve(ctx *c)
{
    match_options options = MATCH_OPTIONS_INIT;
    options.solver = c->solver;
    match_plan *p = NULL;
    int rc = match_model_solve(&p, c->model, &options);
    if ((rc == MATCH_OK) != (p != NULL))
        fail_msg("solve: code %d with plan %p", rc, (void *)p);
    match_plan_destroy(p);
    return rc;
}

static int op_to_json(ctx *c)
{
    char *text = NULL;
    int rc = match_plan_to_json(&text, c->plan);
    if (rc == MATCH_OK)
        assert_string_equal(text, c->plan_text);
    else
        assert_null(text);
    match_free(text);
    return rc;
}

static int op_write(ctx *c)
{
    char path[512];
    snprintf(path, sizeof path, "%s/plan.json", c->dir);
    int rc = match_plan_write_json(c->plan, path);
    /* A failed write leaves the old file (the full plan of an earlier run) and nothing else. */
    assert_int_equal(ts_count_entries(c->dir), 1);
    return rc;
}

static int op_export(ctx *c)
{
    char path[512];
    snprintf(path, sizeof path, "%s/program.lp", c->dir);
    int rc = match_model_export(c->model, path, MATCH_EXPORT_LP);
    assert_true(ts_count_entries(c->dir) <= 2);
    return rc;
}

static int op_read_plan(ctx *c)
{
    match_plan *p = NULL;
    char err[512];
    int rc = match_plan_read_json_string(&p, c->plan_text, "plan.json", err, sizeof err);
    if ((rc == MATCH_OK) != (p != NULL))
        fail_msg("plan read: code %d with plan %p", rc, (void *)p);
    match_plan_destroy(p);
    return rc;
}

static int op_diff(ctx *c)
{
    match_diff *d = NULL;
    int rc = match_plan_diff(&d, c->plan, c->plan);
    if ((rc == MATCH_OK) != (d != NULL))
        fail_msg("diff: code %d with diff %p", rc, (void *)d);
    match_diff_destroy(d);
    return rc;
}

static int op_bottlenecks(ctx *c)
{
    match_bottlenecks *b = NULL;
    int rc = match_model_bottlenecks(&b, c->model);
    if ((rc == MATCH_OK) != (b != NULL))
        fail_msg("bottlenecks: code %d with report %p", rc, (void *)b);
    match_bottlenecks_destroy(b);
    return rc;
}

/* Solves without failures and compares with the first plan: the model is still usable. */
static void expect_model_usable(ctx *c, const char *what, long n)
{
    match_options options = MATCH_OPTIONS_INIT;
    options.solver = c->solver;
    match_plan *p = NULL;
    if (match_model_solve(&p, c->model, &options) != MATCH_OK)
        fail_msg("%s: after failing allocation %ld the model no longer solves", what, n);
    char *text = NULL;
    assert_int_equal(match_plan_to_json(&text, p), MATCH_OK);
    if (strcmp(text, c->plan_text) != 0)
        fail_msg("%s: after failing allocation %ld the model solves to another plan", what, n);
    match_free(text);
    match_plan_destroy(p);
}

/* Fails each allocation of op in turn; returns how many it has. */
static long fail_each(ctx *c, const char *what, op_fn op)
{
    heap.fail_at = 0;
    heap.count = 0;
    long live = heap.live;
    assert_int_equal(op(c), MATCH_OK);
    long total = heap.count;
    if (heap.live != live)
        fail_msg("%s: %ld blocks leaked without any failure", what, heap.live - live);
    assert_true(total > 0);

    long runs = 0;
    for (long n = 1; n <= total; n++) {
        heap.count = 0;
        heap.fired = false;
        heap.fail_at = n;
        int rc = op(c);
        heap.fail_at = 0;
        runs++;
        if (!heap.fired)
            fail_msg("%s: allocation %ld of %ld did not happen", what, n, total);
        if (rc != MATCH_ENOMEM)
            fail_msg("%s: failing allocation %ld of %ld gave code %d (%s), not MATCH_ENOMEM", what,
                     n, total, rc, match_strerror(rc));
        if (heap.live != live)
            fail_msg("%s: failing allocation %ld of %ld leaked %ld blocks", what, n, total,
                     heap.live - live);
        if (c->model != NULL && (op == op_solve || op == op_bottlenecks || op == op_export) &&
            (n % 25 == 1 || n == total))
            expect_model_usable(c, what, n);
    }
    print_message("%-28s %6ld allocations, %ld failed in turn\n", what, total, runs);
    return total;
}

/* ---- Fixtures --------------------------------------------------------------------------- */

static int setup_scenario(void **state, const char *path, match_solver solver)
{
    ctx *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->scenario = path;
    c->solver = solver;
    char err[512];
    assert_int_equal(match_model_read_json(&c->model, path, err, sizeof err), MATCH_OK);
    match_options options = MATCH_OPTIONS_INIT;
    options.solver = solver;
    assert_int_equal(match_model_solve(&c->plan, c->model, &options), MATCH_OK);
    assert_int_equal(match_plan_to_json(&c->plan_text, c->plan), MATCH_OK);
    assert_true(ts_make_temp_dir(c->dir, sizeof c->dir, "alloc"));
    char plan_path[512];
    snprintf(plan_path, sizeof plan_path, "%s/plan.json", c->dir);
    assert_int_equal(match_plan_write_json(c->plan, plan_path), MATCH_OK);
    *state = c;
    return 0;
}

static int setup_xinmi(void **state)
{
    return setup_scenario(state, LIBMATCH_EXAMPLE, MATCH_SOLVER_AUTO);
}

static int setup_xinmi_glpk(void **state)
{
    return setup_scenario(state, LIBMATCH_EXAMPLE, MATCH_SOLVER_GLPK);
}

static int setup_coupled(void **state)
{
    return setup_scenario(state, LIBMATCH_TEST_DATA_DIR "/tiny.json", MATCH_SOLVER_AUTO);
}

static int setup_coupled_glpk(void **state)
{
    return setup_scenario(state, LIBMATCH_TEST_DATA_DIR "/tiny.json", MATCH_SOLVER_GLPK);
}

static int teardown(void **state)
{
    ctx *c = *state;
    ts_remove_tree(c->dir);
    match_free(c->plan_text);
    match_plan_destroy(c->plan);
    match_model_destroy(c->model);
    free(c);
    return 0;
}

/* ---- Tests ------------------------------------------------------------------------------- */

static void test_read(void **state)
{
    fail_each(*state, "read", op_read);
}

static void test_solve(void **state)
{
    ctx *c = *state;
    char what[64];
    snprintf(what, sizeof what, "solve (%s)", c->solver == MATCH_SOLVER_GLPK ? "glpk" : "auto");
    fail_each(c, what, op_solve);
}

static void test_write(void **state)
{
    fail_each(*state, "plan to string", op_to_json);
    fail_each(*state, "plan write", op_write);
    fail_each(*state, "plan read", op_read_plan);
}

static void test_export(void **state)
{
    fail_each(*state, "export (LP)", op_export);
}

static void test_explain_and_diff(void **state)
{
    fail_each(*state, "bottlenecks", op_bottlenecks);
    fail_each(*state, "diff", op_diff);
}

static void test_allocator_arguments(void **state)
{
    (void)state;
    assert_int_equal(match_set_allocator(counting_malloc, NULL, counting_free, NULL), MATCH_EINVAL);
    assert_int_equal(match_set_allocator(NULL, counting_realloc, NULL, NULL), MATCH_EINVAL);
    /* Still the test's allocator: an allocation is counted. */
    heap.count = 0;
    match_model *m = NULL;
    assert_int_equal(match_model_create(&m), MATCH_OK);
    assert_true(heap.count > 0);
    match_model_destroy(m);
}

int main(void)
{
    assert_int_equal(match_set_allocator(counting_malloc, counting_realloc, counting_free, NULL),
                     MATCH_OK);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allocator_arguments),
        cmocka_unit_test_setup_teardown(test_read, setup_xinmi, teardown),
        cmocka_unit_test_setup_teardown(test_solve, setup_xinmi, teardown),
        cmocka_unit_test_setup_teardown(test_solve, setup_xinmi_glpk, teardown),
        cmocka_unit_test_setup_teardown(test_write, setup_xinmi, teardown),
        cmocka_unit_test_setup_teardown(test_export, setup_xinmi, teardown),
        cmocka_unit_test_setup_teardown(test_explain_and_diff, setup_xinmi, teardown),
        cmocka_unit_test_setup_teardown(test_read, setup_coupled, teardown),
        cmocka_unit_test_setup_teardown(test_solve, setup_coupled, teardown),
        cmocka_unit_test_setup_teardown(test_solve, setup_coupled_glpk, teardown),
        cmocka_unit_test_setup_teardown(test_explain_and_diff, setup_coupled, teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    if (heap.live != 0) {
        fprintf(stderr, "%ld blocks still allocated at exit\n", heap.live);
        failed++;
    }
    return failed;
}
