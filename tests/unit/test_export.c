/*
 * match_model_export(): the exported MPS and CPLEX LP files, read back with GLPK's own
 * readers and solved here, have the optimum of match_model_solve()'s plan; rows and columns
 * carry the documented names; a failed write leaves no file. Also the phase timings of
 * match_plan_phase_seconds(). A GLPK fault while writing is caught (glp_write_mps() is
 * wrapped to raise one, so the test links the static library).
 *
 * The test calls GLPK itself. libmatch frees the thread's GLPK environment after each call,
 * so every GLPK object made here is deleted before the next libmatch call.
 */
#include "test_support.h"

#include <glpk.h>
#include <stdlib.h>

/* glp_write_mps() is wrapped at link time (-Wl,--wrap=glp_write_mps): while inject_fault is
 * set, it first makes GLPK raise its fatal error, which the export must catch. */
static int inject_fault;

int __real_glp_write_mps(glp_prob *P, int fmt, const glp_mpscp *parm, const char *fname);
int __wrap_glp_write_mps(glp_prob *P, int fmt, const glp_mpscp *parm, const char *fname);

int __wrap_glp_write_mps(glp_prob *P, int fmt, const glp_mpscp *parm, const char *fname)
{
    if (inject_fault)
        glp_set_obj_coef(P, -1, 0.0); /* invalid column: GLPK's fatal error path */
    return __real_glp_write_mps(P, fmt, parm, fname);
}

typedef struct fixture {
    char dir[256];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    if (!ts_make_temp_dir(f->dir, sizeof f->dir, "export")) {
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
    free(f);
    return 0;
}

static match_model *read_example(void)
{
    match_model *m = NULL;
    char err[512] = "";
    if (match_model_read_json(&m, LIBMATCH_EXAMPLE, err, sizeof err) != MATCH_OK)
        fail_msg("cannot read %s: %s", LIBMATCH_EXAMPLE, err);
    return m;
}

/* The optimum of the plan libmatch finds with GLPK forced (the program that is exported). */
static double solve_objective(match_model *m)
{
    match_options o = MATCH_OPTIONS_INIT;
    o.solver = MATCH_SOLVER_GLPK;
    match_plan *p = NULL;
    TS_OK(m, match_model_solve(&p, m, &o));
    assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
    double objective = match_plan_objective(p);
    match_plan_destroy(p);
    return objective;
}

/* Reads an exported file with GLPK's reader; NULL if it cannot. */
static glp_prob *read_back(const char *path, match_export_format format)
{
    glp_term_out(GLP_OFF);
    glp_prob *lp = glp_create_prob();
    int ret = format == MATCH_EXPORT_MPS ? glp_read_mps(lp, GLP_MPS_FILE, NULL, path)
                                         : glp_read_lp(lp, NULL, path);
    if (ret != 0) {
        glp_delete_prob(lp);
        return NULL;
    }
    /* Free MPS carries no objective sense (export.h): the reader has to be told. */
    if (format == MATCH_EXPORT_MPS)
        glp_set_obj_dir(lp, GLP_MAX);
    return lp;
}

/* Solves a read-back program to optimality with GLPK and returns the optimum. */
static double glpk_optimum(glp_prob *lp)
{
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    assert_int_equal(glp_intopt(lp, &parm), 0);
    assert_int_equal(glp_mip_status(lp), GLP_OPT);
    return glp_mip_obj_val(lp);
}

/* Exports m in both formats into dir and checks both optima against `expected`. The names
 * given must exist as columns of the read-back program (NULL-terminated). */
static void check_round_trip(match_model *m, const char *dir, double expected,
                             const char *const *columns)
{
    static const match_export_format formats[] = {MATCH_EXPORT_MPS, MATCH_EXPORT_LP};
    for (size_t k = 0; k < 2; k++) {
        char path[600];
        snprintf(path, sizeof path, "%s/program.%s", dir, k == 0 ? "mps" : "lp");
        TS_OK(m, match_model_export(m, path, formats[k]));
        glp_prob *lp = read_back(path, formats[k]);
        if (lp == NULL)
            fail_msg("GLPK cannot read the exported %s", path);
        glp_create_index(lp);
        for (size_t c = 0; columns != NULL && columns[c] != NULL; c++)
            if (glp_find_col(lp, columns[c]) == 0)
                fail_msg("%s has no column %s", path, columns[c]);
        double optimum = glpk_optimum(lp);
        glp_delete_prob(lp);
        glp_free_env();
        TS_NEAR(optimum, expected, 1e-6);
    }
}

static void test_example_round_trip(void **state)
{
    fixture *f = *state;
    match_model *m = read_example();
    double expected = solve_objective(m);
    static const char *const columns[] = {"x_V001_N01", "c_N01", "s_V001", "t_U01", NULL};
    check_round_trip(m, f->dir, expected, columns);

    /* Row names too, and the LP file says "Maximize" itself. */
    char path[600];
    snprintf(path, sizeof path, "%s/program.lp", f->dir);
    glp_prob *lp = read_back(path, MATCH_EXPORT_LP);
    assert_non_null(lp);
    assert_int_equal(glp_get_obj_dir(lp), GLP_MAX);
    glp_create_index(lp);
    assert_true(glp_find_row(lp, "cap_v_V001") > 0);
    assert_true(glp_find_row(lp, "cov_N01") > 0);
    glp_delete_prob(lp);
    glp_free_env();
    match_model_destroy(m);
}

/* Seeded models with teams, obligations and unit projects: every part of the program. */
static void test_random_models_round_trip(void **state)
{
    fixture *f = *state;
    for (unsigned seed = 1; seed <= 6; seed++) {
        match_model *m = ts_random_model(seed, 10, 6);
        double expected = solve_objective(m);
        check_round_trip(m, f->dir, expected, NULL);
        match_model_destroy(m);
    }
}

/* Listed pairs (u columns) and max_volunteers rows survive the round trip. */
static void test_listed_pairs_round_trip(void **state)
{
    fixture *f = *state;
    for (unsigned seed = 1; seed <= 3; seed++) {
        match_model *m = ts_random_model(seed, 10, 6);
        char vid[16], nid[16];
        for (int v = 0; v < 10; v += 2) {
            snprintf(vid, sizeof vid, "V%03d", v);
            snprintf(nid, sizeof nid, "N%03d", v % 6);
            TS_OK(m, match_model_add_pair(m, vid, nid, 1.5 - v % 3, 1 + v % 3));
        }
        TS_OK(m, match_model_set_need_max_volunteers(m, "N001", 1));
        double expected = solve_objective(m);
        static const char *const columns[] = {"u_V000_N000", "u_V002_N002", NULL};
        check_round_trip(m, f->dir, expected, columns);
        match_model_destroy(m);
    }
}

/* Ids that MPS and LP names cannot hold are replaced by positions, for the whole kind. */
static void test_unsafe_ids_use_positions(void **state)
{
    fixture *f = *state;
    match_model *m = ts_model_new();
    ts_community(m, "社区", 0.0);
    ts_volunteer(m, "志愿者甲", "社区", 6);
    ts_volunteer(m, "V2", "社区", 6); /* safe, but its kind is named by position */
    ts_need(m, "N1", "社区", 3, 8);
    TS_OK(m, match_model_add_unit(m, "单 位", "单位", "社区"));
    TS_OK(m, match_model_add_resource(m, "R1", "单 位", "场地", 1));
    TS_OK(m, match_model_add_need_resource(m, "N1", "场地", 1));
    double expected = solve_objective(m);
    static const char *const columns[] = {"x_0_N1", "x_1_N1", "y_R1_N1", "c_N1", NULL};
    check_round_trip(m, f->dir, expected, columns);

    char path[600];
    snprintf(path, sizeof path, "%s/program.lp", f->dir);
    glp_prob *lp = read_back(path, MATCH_EXPORT_LP);
    assert_non_null(lp);
    glp_create_index(lp);
    assert_true(glp_find_row(lp, "cov_N1_0") > 0); /* the request's position for its type */
    glp_delete_prob(lp);
    glp_free_env();
    match_model_destroy(m);
}

/* Programs without rows or columns are still valid files. */
static void test_corner_cases(void **state)
{
    fixture *f = *state;
    match_model *m = ts_model_new();
    check_round_trip(m, f->dir, 0.0, NULL); /* nothing at all */
    ts_community(m, "C", 0.0);
    ts_need(m, "N", "C", 4, 0); /* asks for nothing: covered for free */
    check_round_trip(m, f->dir, solve_objective(m), NULL);
    match_model_destroy(m);
}

static void test_write_failure_leaves_nothing(void **state)
{
    fixture *f = *state;
    match_model *m = read_example();
    char path[600];
    snprintf(path, sizeof path, "%s/no-such-dir/program.mps", f->dir);
    TS_RC(MATCH_EIO, match_model_export(m, path, MATCH_EXPORT_MPS));
    TS_CONTAINS(match_model_errmsg(m), path);
    /* A directory is not replaced. */
    TS_RC(MATCH_EIO, match_model_export(m, f->dir, MATCH_EXPORT_LP));
    TS_CONTAINS(match_model_errmsg(m), f->dir);
    assert_int_equal(ts_count_entries(f->dir), 0);

    /* An existing file is replaced whole, and no temporary file stays behind. */
    snprintf(path, sizeof path, "%s/program.lp", f->dir);
    FILE *old = fopen(path, "w");
    assert_non_null(old);
    fputs("old content\n", old);
    fclose(old);
    TS_OK(m, match_model_export(m, path, MATCH_EXPORT_LP));
    assert_int_equal(ts_count_entries(f->dir), 1);
    glp_prob *lp = read_back(path, MATCH_EXPORT_LP);
    assert_non_null(lp);
    glp_delete_prob(lp);
    glp_free_env();
    match_model_destroy(m);
}

static void test_glpk_fault_is_caught(void **state)
{
    fixture *f = *state;
    match_model *m = read_example();
    char path[600];
    snprintf(path, sizeof path, "%s/program.mps", f->dir);
    inject_fault = 1;
    int rc = match_model_export(m, path, MATCH_EXPORT_MPS);
    inject_fault = 0;
    TS_RC(MATCH_ESOLVER, rc);
    TS_CONTAINS(match_model_errmsg(m), "out of range");
    assert_int_equal(ts_count_entries(f->dir), 0);
    /* GLPK is usable again afterwards. */
    TS_OK(m, match_model_export(m, path, MATCH_EXPORT_MPS));
    assert_int_equal(ts_count_entries(f->dir), 1);
    match_model_destroy(m);
}

static void test_bad_arguments(void **state)
{
    fixture *f = *state;
    char path[600];
    snprintf(path, sizeof path, "%s/program.mps", f->dir);
    TS_RC(MATCH_EINVAL, match_model_export(NULL, path, MATCH_EXPORT_MPS));
    match_model *m = read_example();
    TS_RC(MATCH_EINVAL, match_model_export(m, NULL, MATCH_EXPORT_MPS));
    TS_RC(MATCH_EINVAL, match_model_export(m, path, (match_export_format)7));
    TS_CONTAINS(match_model_errmsg(m), "format");
    assert_int_equal(ts_count_entries(f->dir), 0);
    match_model_destroy(m);
}

/* Phase timings: non-negative, and no more than the total (no thresholds: machines vary). */
static void check_phases(const match_plan *p)
{
    static const match_phase phases[] = {MATCH_PHASE_PAIRS, MATCH_PHASE_BUILD, MATCH_PHASE_SOLVE,
                                         MATCH_PHASE_PLAN};
    double sum = 0.0;
    for (size_t k = 0; k < 4; k++) {
        double s = match_plan_phase_seconds(p, phases[k]);
        assert_false(isnan(s));
        assert_true(s >= 0.0);
        sum += s;
    }
    assert_true(sum <= match_plan_solve_seconds(p) + 1e-9);
}

static void test_phase_seconds(void **state)
{
    (void)state;
    match_model *m = read_example();
    static const match_solver solvers[] = {MATCH_SOLVER_AUTO, MATCH_SOLVER_GLPK};
    for (size_t k = 0; k < 2; k++) {
        match_options o = MATCH_OPTIONS_INIT;
        o.solver = solvers[k];
        match_plan *p = NULL;
        TS_OK(m, match_model_solve(&p, m, &o));
        check_phases(p);
        assert_true(isnan(match_plan_phase_seconds(p, (match_phase)4)));
        assert_true(isnan(match_plan_phase_seconds(p, (match_phase)-1)));
        match_plan_destroy(p);
    }
    assert_true(isnan(match_plan_phase_seconds(NULL, MATCH_PHASE_SOLVE)));
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_example_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_models_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_listed_pairs_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsafe_ids_use_positions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corner_cases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_failure_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_glpk_fault_is_caught, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
        cmocka_unit_test(test_phase_seconds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
