/*
 * Separate models built and solved in separate threads at the same time give the results a
 * single thread gets (solve.h: each solve uses the calling thread's GLPK environment).
 */
#include "test_support.h"

#include <pthread.h>
#include <stdlib.h>

#define NTHREADS 4
#define ROUNDS 3
#define NV 24
#define NN 10

typedef struct result {
    match_status status;
    double objective;
    double need_hours[NN];
    double volunteer_hours[NV];
    int rc;
} result;

/* Builds model `seed` and solves it; records what the comparison needs. The solve's outcome
 * is checked in the main thread: cmocka's assertions are not thread-safe. */
static void run(unsigned seed, result *out)
{
    memset(out, 0, sizeof *out);
    match_model *m = ts_random_model(seed, NV, NN);
    match_plan *p = NULL;
    out->rc = match_model_solve(&p, m, NULL);
    if (out->rc == MATCH_OK) {
        out->status = match_plan_status(p);
        out->objective = match_plan_objective(p);
        for (size_t i = 0; i < NN; i++)
            out->need_hours[i] = match_plan_need_hours(p, i);
        for (size_t v = 0; v < NV; v++)
            out->volunteer_hours[v] = match_plan_volunteer_hours(p, v);
    }
    match_plan_destroy(p);
    match_model_destroy(m);
}

typedef struct job {
    unsigned seed;
    result results[ROUNDS];
} job;

static void *worker(void *arg)
{
    job *j = arg;
    for (int k = 0; k < ROUNDS; k++)
        run(j->seed, &j->results[k]);
    return NULL;
}

static void expect_same(const result *want, const result *got, unsigned seed)
{
    if (got->rc != MATCH_OK)
        fail_msg("seed %u: threaded solve returned %d (%s)", seed, got->rc,
                 match_strerror(got->rc));
    assert_int_equal(got->status, want->status);
    TS_NEAR(got->objective, want->objective, 1e-9);
    for (size_t i = 0; i < NN; i++)
        TS_NEAR(got->need_hours[i], want->need_hours[i], 1e-9);
    for (size_t v = 0; v < NV; v++)
        TS_NEAR(got->volunteer_hours[v], want->volunteer_hours[v], 1e-9);
}

static void test_concurrent_solves(void **state)
{
    (void)state;
    result single[NTHREADS];
    for (unsigned t = 0; t < NTHREADS; t++) {
        run(100 + t, &single[t]);
        if (single[t].rc != MATCH_OK)
            fail_msg("seed %u: solve returned %d", 100 + t, single[t].rc);
        assert_int_equal(single[t].status, MATCH_STATUS_OPTIMAL);
    }
    /* The seeds give different problems, so equal results are not a coincidence. */
    assert_true(single[0].objective != single[1].objective ||
                single[1].objective != single[2].objective);

    job *jobs = calloc(NTHREADS, sizeof *jobs);
    assert_non_null(jobs);
    pthread_t threads[NTHREADS];
    for (unsigned t = 0; t < NTHREADS; t++) {
        jobs[t].seed = 100 + t;
        assert_int_equal(pthread_create(&threads[t], NULL, worker, &jobs[t]), 0);
    }
    for (unsigned t = 0; t < NTHREADS; t++)
        assert_int_equal(pthread_join(threads[t], NULL), 0);
    for (unsigned t = 0; t < NTHREADS; t++)
        for (int k = 0; k < ROUNDS; k++)
            expect_same(&single[t], &jobs[t].results[k], jobs[t].seed);
    free(jobs);

    /* The main thread still solves correctly after the others exited. */
    result again;
    run(100, &again);
    expect_same(&single[0], &again, 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_solves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
