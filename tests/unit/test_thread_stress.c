/*
 * Threads under load: 8 threads each run the same 50 jobs (in a different order) at the same
 * time, and every result must equal the one a single thread gets: the same return code and
 * message, and the same plan file byte for byte. The jobs cover every solver path (the network
 * simplex through auto and flow on pure networks, the coupled path, GLPK alone on networks,
 * coupled and lexicographic scenarios, listed pairs, warm starts, re-planning against a plan in
 * force), solves stopped by the interrupt callback
 * (at once, and after a few calls), and scenarios that do not read. Each job reads its scenario
 * from JSON text in the worker, so the reader runs concurrently too.
 *
 * Also built and run under ThreadSanitizer (scripts/test.sh --tsan).
 */
#include "test_support.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>

#define NTHREADS 8
#define NJOBS 50

typedef enum job_kind {
    JOB_NETWORK_AUTO,
    JOB_NETWORK_FLOW,
    JOB_COUPLED_AUTO,
    JOB_COUPLED_GLPK,
    JOB_NETWORK_GLPK,
    JOB_INTERRUPT_AT_ONCE,
    JOB_INTERRUPT_LATER,
    JOB_BAD_INPUT,
    JOB_LEXICOGRAPHIC,
    JOB_LISTED_PAIRS,
    JOB_WARM_START, /* solved, then solved again from that plan */
    JOB_REPLAN,     /* solved, then re-planned against that plan with a change penalty */
    JOB_KINDS
} job_kind;

typedef struct job {
    job_kind kind;
    unsigned seed;
    char *json;
    match_solver solver;
    int interrupt_after; /* -1: never; else stop at call number interrupt_after */
} job;

typedef struct outcome {
    int rc;
    char *plan;    /* the plan file, when rc is MATCH_OK */
    char msg[512]; /* the message, when it is not */
} outcome;

/* Whether the solve stopped at the interrupt: since interrupts return the best plan so far,
 * that is a plan whose status says so. */
static bool was_interrupted(const outcome *o)
{
    return o->rc == MATCH_OK && o->plan != NULL &&
           strstr(o->plan, "\"status\": \"interrupted\"") != NULL;
}

/* ---- Scenario text --------------------------------------------------------------------- */

typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (t->len + (size_t)n + 1 > t->cap) {
        t->cap = (t->len + (size_t)n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

static unsigned next(unsigned *r)
{
    *r = *r * 1103515245u + 12345u;
    return (*r >> 16) & 0x7fff;
}

/* A scenario from a seed: nv volunteers and nn needs in three communities. Coupled scenarios
 * add two-person needs, all-or-nothing needs, a unit obligation and yearly minimums. */
static char *scenario(unsigned seed, bool coupled, const char *policy_extra)
{
    unsigned r = seed * 2654435761u + 7u;
    int nv = 14 + (int)(next(&r) % 10), nn = 8 + (int)(next(&r) % 8);
    text t = {0};
    add(&t, "{\"format\": \"libmatch-scenario-1\", \"name\": \"stress %u\",", seed);
    add(&t, " \"policy\": {\"volunteer_min_hours\": %d%s},", coupled ? 2 : 0, policy_extra);
    add(&t, " \"communities\": [{\"id\": \"C0\", \"lat\": 34.530, \"lon\": 113.380},"
            " {\"id\": \"C1\", \"lat\": 34.542, \"lon\": 113.380},"
            " {\"id\": \"C2\", \"lat\": 34.555, \"lon\": 113.380}],");
    add(&t, " \"units\": [{\"id\": \"U1\", \"community\": \"C1\", \"min_projects\": %d}],",
        coupled ? 2 : 0);
    add(&t, " \"volunteers\": [");
    static const char *const skills[] = {"medical", "teaching", "legal"};
    for (int v = 0; v < nv; v++) {
        add(&t, "%s{\"id\": \"V%02d\", \"community\": \"C%u\", \"hours\": %u", v ? ", " : "", v,
            next(&r) % 3, 2 + next(&r) % 11);
        if (next(&r) % 2)
            add(&t, ", \"skills\": [\"%s\"]", skills[next(&r) % 3]);
        if (next(&r) % 3 == 0)
            add(&t, ", \"unit\": \"U1\"");
        add(&t, "}");
    }
    add(&t,
        "], \"resources\": [{\"id\": \"R1\", \"unit\": \"U1\", \"type\": \"venue\", "
        "\"amount\": %u}],",
        1 + next(&r) % 3);
    add(&t, " \"needs\": [");
    for (int i = 0; i < nn; i++) {
        add(&t,
            "%s{\"id\": \"N%02d\", \"community\": \"C%u\", \"category\": \"c%u\", "
            "\"priority\": %u",
            i ? ", " : "", i, next(&r) % 3, next(&r) % 3, 1 + next(&r) % 5);
        if (!coupled && i % 4 == 3)
            add(&t, ", \"resources\": [{\"type\": \"venue\", \"amount\": 1}]");
        else
            add(&t, ", \"hours\": %u", 2 + next(&r) % 14);
        if (next(&r) % 3 == 0)
            add(&t, ", \"skills\": [\"%s\"]", skills[next(&r) % 3]);
        if (coupled && next(&r) % 3 == 0)
            add(&t, ", \"min_volunteers\": 2");
        if (coupled && i % 5 == 4)
            add(&t, ", \"all_or_nothing\": true");
        add(&t, "}");
    }
    add(&t, "]}");
    return t.s;
}

/* Home visits: only listed pairs, each chosen whole. */
static char *listed_scenario(unsigned seed)
{
    unsigned r = seed * 2246822519u + 3u;
    text t = {0};
    add(&t, "{\"format\": \"libmatch-scenario-1\", \"policy\": {\"eligibility\": \"pairs_only\"},"
            " \"communities\": [{\"id\": \"C0\", \"lat\": 34.53, \"lon\": 113.38}],"
            " \"volunteers\": [");
    for (int v = 0; v < 5; v++)
        add(&t, "%s{\"id\": \"V%d\", \"community\": \"C0\", \"hours\": %u}", v ? ", " : "", v,
            2 + next(&r) % 3);
    add(&t, "], \"needs\": [");
    for (int i = 0; i < 6; i++)
        add(&t,
            "%s{\"id\": \"N%d\", \"community\": \"C0\", \"category\": \"visit\", "
            "\"priority\": %u, \"max_volunteers\": 1}",
            i ? ", " : "", i, 1 + next(&r) % 5);
    add(&t, "], \"pairs\": [");
    int first = 1;
    for (int v = 0; v < 5; v++)
        for (int i = 0; i < 6; i++)
            if (next(&r) % 2) {
                add(&t,
                    "%s{\"volunteer\": \"V%d\", \"need\": \"N%d\", \"value\": %u.5, "
                    "\"hours\": %u}",
                    first ? "" : ", ", v, i, next(&r) % 5, 1 + next(&r) % 2);
                first = 0;
            }
    add(&t, "]}");
    return t.s;
}

static char *bad_scenario(unsigned seed)
{
    static const char *const bad[] = {
        "{\"format\": \"libmatch-scenario-1\", \"volunteers\": [",
        "{\"format\": \"libmatch-scenario-1\", \"communities\": [{\"id\": \"C0\", \"lat\": 95,"
        " \"lon\": 0}]}",
        "{\"format\": \"libmatch-scenario-1\", \"communities\": [{\"id\": \"C0\"}],"
        " \"volunteers\": [{\"id\": \"V1\", \"community\": \"C9\", \"hours\": 1}]}",
        "{\"format\": \"libmatch-scenario-1\", \"communities\": [{\"id\": \"C0\"}],"
        " \"needs\": [{\"id\": \"N1\", \"community\": \"C0\", \"category\": \"a\","
        " \"priority\": 9}]}",
        "[1, 2, 3]",
    };
    return strdup(bad[seed % (sizeof bad / sizeof bad[0])]);
}

static void make_job(job *j, unsigned n)
{
    j->kind = (job_kind)(n % JOB_KINDS);
    j->seed = 1000 + n;
    j->solver = MATCH_SOLVER_AUTO;
    j->interrupt_after = -1;
    switch (j->kind) {
    case JOB_NETWORK_AUTO:
        j->json = scenario(j->seed, false, "");
        break;
    case JOB_NETWORK_FLOW:
        j->json = scenario(j->seed, false, "");
        j->solver = MATCH_SOLVER_FLOW;
        break;
    case JOB_NETWORK_GLPK:
        j->json = scenario(j->seed, false, "");
        j->solver = MATCH_SOLVER_GLPK;
        break;
    case JOB_COUPLED_AUTO:
        j->json = scenario(j->seed, true, "");
        break;
    case JOB_COUPLED_GLPK:
        j->json = scenario(j->seed, true, "");
        j->solver = MATCH_SOLVER_GLPK;
        break;
    case JOB_INTERRUPT_AT_ONCE:
        j->json = scenario(j->seed, true, "");
        j->solver = MATCH_SOLVER_GLPK;
        j->interrupt_after = 0;
        break;
    case JOB_INTERRUPT_LATER:
        j->json = scenario(j->seed, true, "");
        j->solver = n % 2 ? MATCH_SOLVER_GLPK : MATCH_SOLVER_AUTO;
        j->interrupt_after = 3;
        break;
    case JOB_BAD_INPUT:
        j->json = bad_scenario(n);
        break;
    case JOB_LEXICOGRAPHIC:
        j->json = scenario(j->seed, n % 2 == 0, ", \"objective\": \"lexicographic\"");
        break;
    case JOB_LISTED_PAIRS:
        j->json = listed_scenario(j->seed);
        break;
    case JOB_WARM_START:
        j->json = scenario(j->seed, true, "");
        j->solver = n % 2 ? MATCH_SOLVER_GLPK : MATCH_SOLVER_AUTO;
        break;
    case JOB_REPLAN:
        j->json = scenario(j->seed, n % 2 == 0, ", \"change_penalty\": 0.3");
        break;
    case JOB_KINDS:
        break;
    }
    assert_non_null(j->json);
}

/* ---- Running a job (in any thread: no cmocka calls here) --------------------------------- */

static int count_down(void *payload)
{
    int *left = payload;
    return (*left)-- <= 0;
}

static void run_job(const job *j, outcome *out)
{
    memset(out, 0, sizeof *out);
    match_model *m = NULL;
    out->rc = match_model_read_json_string(&m, j->json, "stress.json", out->msg, sizeof out->msg);
    if (out->rc != MATCH_OK)
        return;
    match_options options = MATCH_OPTIONS_INIT;
    options.solver = j->solver;
    int left = j->interrupt_after;
    if (j->interrupt_after >= 0) {
        options.interrupt = count_down;
        options.interrupt_payload = &left;
    }
    match_plan *p = NULL;
    out->rc = match_model_solve(&p, m, &options);
    if (out->rc == MATCH_OK && (j->kind == JOB_WARM_START || j->kind == JOB_REPLAN)) {
        /* The second solve starts from the first plan, or re-plans against it after a
         * change: one need asks for more hours. */
        match_plan *first = p;
        p = NULL;
        if (j->kind == JOB_WARM_START) {
            options.warm_start = first;
        } else {
            out->rc = match_model_set_previous_plan(m, first);
            if (out->rc == MATCH_OK)
                out->rc = match_model_set_need_hours(m, "N00", 30);
        }
        if (out->rc == MATCH_OK)
            out->rc = match_model_solve(&p, m, &options);
        match_plan_destroy(first);
    }
    if (out->rc == MATCH_OK) {
        char *s = NULL;
        out->rc = match_plan_to_json(&s, p);
        out->plan = s;
    } else {
        snprintf(out->msg, sizeof out->msg, "%s", match_model_errmsg(m));
    }
    match_plan_destroy(p);
    match_model_destroy(m);
}

typedef struct worker_arg {
    const job *jobs;
    unsigned offset;
    outcome results[NJOBS];
} worker_arg;

static void *worker(void *arg)
{
    worker_arg *w = arg;
    for (unsigned k = 0; k < NJOBS; k++) {
        unsigned n = (k + w->offset) % NJOBS;
        run_job(&w->jobs[n], &w->results[n]);
    }
    return NULL;
}

static void test_stress(void **state)
{
    (void)state;
    job jobs[NJOBS];
    outcome serial[NJOBS];
    int seen[JOB_KINDS] = {0}, interrupted = 0, bad = 0, solved = 0;
    for (unsigned n = 0; n < NJOBS; n++) {
        make_job(&jobs[n], n);
        run_job(&jobs[n], &serial[n]);
        seen[jobs[n].kind]++;
        interrupted += was_interrupted(&serial[n]);
        bad += serial[n].rc != MATCH_OK && jobs[n].kind == JOB_BAD_INPUT;
        solved += serial[n].rc == MATCH_OK;
        if (jobs[n].kind != JOB_BAD_INPUT && jobs[n].kind != JOB_INTERRUPT_AT_ONCE &&
            serial[n].rc != MATCH_OK)
            fail_msg("job %u (kind %d): %d (%s)", n, (int)jobs[n].kind, serial[n].rc,
                     serial[n].msg);
    }
    /* The jobs really cover what they claim: every kind, stops and failures included. */
    for (int k = 0; k < JOB_KINDS; k++)
        assert_true(seen[k] >= 4);
    assert_true(interrupted >= 4); /* every interrupt-at-once job at least */
    assert_int_equal(bad, seen[JOB_BAD_INPUT]);
    assert_true(solved >= 30);
    print_message("%d jobs: %d solved, %d interrupted, %d bad inputs\n", NJOBS, solved, interrupted,
                  bad);
    for (unsigned n = 0; n < NJOBS; n++)
        if (jobs[n].kind == JOB_INTERRUPT_AT_ONCE)
            assert_true(was_interrupted(&serial[n]));
    /* Different seeds give different plans: equal results below are not a coincidence. */
    assert_string_not_equal(serial[JOB_NETWORK_AUTO].plan,
                            serial[JOB_NETWORK_AUTO + JOB_KINDS].plan);

    worker_arg *args = calloc(NTHREADS, sizeof *args);
    assert_non_null(args);
    pthread_t threads[NTHREADS];
    for (unsigned t = 0; t < NTHREADS; t++) {
        args[t].jobs = jobs;
        args[t].offset = t * 7;
        assert_int_equal(pthread_create(&threads[t], NULL, worker, &args[t]), 0);
    }
    for (unsigned t = 0; t < NTHREADS; t++)
        assert_int_equal(pthread_join(threads[t], NULL), 0);

    for (unsigned t = 0; t < NTHREADS; t++) {
        for (unsigned n = 0; n < NJOBS; n++) {
            const outcome *want = &serial[n], *got = &args[t].results[n];
            if (got->rc != want->rc)
                fail_msg("thread %u job %u (kind %d): code %d (%s), serially %d (%s)", t, n,
                         (int)jobs[n].kind, got->rc, got->msg, want->rc, want->msg);
            if (want->rc == MATCH_OK) {
                if (strcmp(got->plan, want->plan) != 0)
                    fail_msg("thread %u job %u (kind %d): the plan differs from the serial one", t,
                             n, (int)jobs[n].kind);
            } else {
                assert_string_equal(got->msg, want->msg);
            }
            match_free(args[t].results[n].plan);
        }
    }
    free(args);
    for (unsigned n = 0; n < NJOBS; n++) {
        match_free(serial[n].plan);
        free(jobs[n].json);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stress),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
