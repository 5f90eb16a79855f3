/*
 * GLPK fault recovery. glp_intopt() is wrapped at link time (-Wl,--wrap=glp_intopt): while
 * inject_fault is set, the wrapper first calls glp_set_obj_coef() with column -1, which makes
 * GLPK raise its fatal error. libmatch must catch it, return MATCH_ESOLVER with GLPK's text,
 * and stay usable: a second fault is caught too, and a clean solve afterwards is optimal.
 */
#include "test_support.h"

#include <glpk.h>

static int inject_fault;
static int intopt_calls;

int __real_glp_intopt(glp_prob *P, const glp_iocp *parm);
int __wrap_glp_intopt(glp_prob *P, const glp_iocp *parm);

int __wrap_glp_intopt(glp_prob *P, const glp_iocp *parm)
{
    intopt_calls++;
    if (inject_fault)
        glp_set_obj_coef(P, -1, 0.0); /* invalid column: GLPK's fatal error path */
    return __real_glp_intopt(P, parm);
}

/* GLPK is forced: the library would solve these small models with the network simplex. */
static match_options glpk_options(void)
{
    match_options o = MATCH_OPTIONS_INIT;
    o.solver = MATCH_SOLVER_GLPK;
    return o;
}

static match_plan *solve_glpk_optimal(match_model *m)
{
    match_options o = glpk_options();
    match_plan *p = NULL;
    TS_OK(m, match_model_solve(&p, m, &o));
    assert_int_equal(match_plan_status(p), MATCH_STATUS_OPTIMAL);
    return p;
}

static void expect_fault(match_model *m)
{
    match_options o = glpk_options();
    match_plan *p = (match_plan *)0x1;
    int before = intopt_calls;
    inject_fault = 1;
    int rc = match_model_solve(&p, m, &o);
    inject_fault = 0;
    assert_true(intopt_calls > before);
    if (rc != MATCH_ESOLVER)
        fail_msg("solve with an injected GLPK fault returned %d (%s), expected MATCH_ESOLVER", rc,
                 match_strerror(rc));
    assert_null(p); /* no plan on error */
    TS_CONTAINS(match_model_errmsg(m), "out of range");
}

static void test_fault_is_caught_and_recovered(void **state)
{
    (void)state;
    match_model *m = ts_random_model(7, 12, 6);

    /* Reference solve: proves the wrapper is in the path. */
    intopt_calls = 0;
    match_plan *p = solve_glpk_optimal(m);
    assert_true(intopt_calls > 0);
    double best = match_plan_objective(p);
    match_plan_destroy(p);

    expect_fault(m);
    expect_fault(m); /* the error hook is installed again for the next solve */

    /* Without the fault the same model solves to the same optimum. */
    p = solve_glpk_optimal(m);
    TS_NEAR(match_plan_objective(p), best, 1e-9);
    match_plan_destroy(p);

    /* The model is intact and other models solve too. */
    assert_int_equal(match_model_count(m, MATCH_VOLUNTEER), 12);
    match_model_destroy(m);
    m = ts_random_model(8, 10, 5);
    p = solve_glpk_optimal(m);
    match_plan_destroy(p);
    expect_fault(m);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fault_is_caught_and_recovered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
