#include "test_support.h"

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

match_model *ts_model_new(void)
{
    match_model *m = NULL;
    TS_RC(MATCH_OK, match_model_create(&m));
    assert_non_null(m);
    return m;
}

void ts_community(match_model *m, const char *id, double dlat_deg)
{
    TS_OK(m, match_model_add_community(m, id, NULL, NULL, 34.0 + dlat_deg, 113.0));
}

void ts_volunteer(match_model *m, const char *id, const char *c, double hours)
{
    TS_OK(m, match_model_add_volunteer(m, id, c, hours));
}

void ts_need(match_model *m, const char *id, const char *c, int priority, double hours)
{
    TS_OK(m, match_model_add_need(m, id, c, "general", priority));
    TS_OK(m, match_model_set_need_hours(m, id, hours));
}

match_plan *ts_solve(match_model *m)
{
    match_plan *p = NULL;
    TS_OK(m, match_model_solve(&p, m, NULL));
    assert_non_null(p);
    ts_check_plan_consistent(m, p);
    return p;
}

match_plan *ts_solve_with(match_model *m, match_solver solver)
{
    match_options o = MATCH_OPTIONS_INIT;
    o.solver = solver;
    match_plan *p = NULL;
    TS_OK(m, match_model_solve(&p, m, &o));
    assert_non_null(p);
    ts_check_plan_consistent(m, p);
    return p;
}

match_plan *ts_solve_optimal(match_model *m)
{
    match_plan *p = ts_solve(m);
    if (match_plan_status(p) != MATCH_STATUS_OPTIMAL)
        fail_msg("status %s, expected optimal: %s", match_status_name(match_plan_status(p)),
                 match_plan_message(p));
    return p;
}

static size_t find_index(size_t n, const char *(*id_of)(const match_plan *, size_t),
                         const match_plan *p, const char *id, const char *what)
{
    for (size_t k = 0; k < n; k++) {
        const char *got = id_of(p, k);
        if (got != NULL && strcmp(got, id) == 0)
            return k;
    }
    fail_msg("%s \"%s\" is not in the plan", what, id);
    return (size_t)-1;
}

size_t ts_need_index(const match_plan *p, const char *need_id)
{
    return find_index(match_plan_need_count(p), match_plan_need_id, p, need_id, "need");
}

size_t ts_volunteer_index(const match_plan *p, const char *volunteer_id)
{
    return find_index(match_plan_volunteer_count(p), match_plan_volunteer_id, p, volunteer_id,
                      "volunteer");
}

size_t ts_unit_index(const match_plan *p, const char *unit_id)
{
    return find_index(match_plan_unit_count(p), match_plan_unit_id, p, unit_id, "unit");
}

double ts_coverage(const match_plan *p, const char *need_id)
{
    return match_plan_need_coverage(p, ts_need_index(p, need_id));
}

double ts_x(const match_plan *p, const char *need_id, const char *volunteer_id)
{
    size_t i = ts_need_index(p, need_id);
    double total = 0.0;
    int seen = 0;
    for (size_t k = 0; k < match_plan_need_volunteer_count(p, i); k++) {
        if (strcmp(match_plan_need_volunteer_id(p, i, k), volunteer_id) == 0) {
            assert_int_equal(seen, 0); /* a pair is listed at most once */
            seen = 1;
            total += match_plan_need_volunteer_hours(p, i, k);
        }
    }
    return total;
}

double ts_y(const match_plan *p, const char *need_id, const char *resource_id)
{
    size_t i = ts_need_index(p, need_id);
    double total = 0.0;
    int seen = 0;
    for (size_t k = 0; k < match_plan_need_resource_count(p, i); k++) {
        if (strcmp(match_plan_need_resource_id(p, i, k), resource_id) == 0) {
            assert_int_equal(seen, 0);
            seen = 1;
            total += match_plan_need_resource_amount(p, i, k);
        }
    }
    return total;
}

double ts_volunteer_hours(const match_plan *p, const char *volunteer_id)
{
    return match_plan_volunteer_hours(p, ts_volunteer_index(p, volunteer_id));
}

static void check_listing(const match_model *m, match_item_kind kind, size_t n,
                          const char *(*id_of)(const match_plan *, size_t), const match_plan *p,
                          const char *what)
{
    if (n != match_model_count(m, kind))
        fail_msg("the plan lists %zu %ss, the model has %zu", n, what, match_model_count(m, kind));
    for (size_t k = 0; k < n; k++) {
        const char *want = match_model_item_id(m, kind, k);
        const char *got = id_of(p, k);
        assert_non_null(want);
        assert_non_null(got);
        if (strcmp(want, got) != 0)
            fail_msg("%s %zu of the plan is \"%s\", the model's is \"%s\"", what, k, got, want);
    }
    assert_null(id_of(p, n)); /* out of range gives NULL */
}

void ts_check_plan_consistent(const match_model *m, const match_plan *p)
{
    size_t nn = match_plan_need_count(p);
    size_t nv = match_plan_volunteer_count(p);
    check_listing(m, MATCH_NEED, nn, match_plan_need_id, p, "need");
    check_listing(m, MATCH_VOLUNTEER, nv, match_plan_volunteer_id, p, "volunteer");
    check_listing(m, MATCH_UNIT, match_plan_unit_count(p), match_plan_unit_id, p, "unit");

    match_status st = match_plan_status(p);
    if (st != MATCH_STATUS_OPTIMAL && st != MATCH_STATUS_FEASIBLE)
        return;

    double *vol_hours = calloc(nv + 1, sizeof *vol_hours);
    assert_non_null(vol_hours);
    for (size_t i = 0; i < nn; i++) {
        double c = match_plan_need_coverage(p, i);
        if (!(c >= -1e-9 && c <= 1.0 + 1e-9))
            fail_msg("need %s: coverage %g outside [0, 1]", match_plan_need_id(p, i), c);
        const char *why = match_plan_need_unmet_reason(p, i);
        if (c >= 1.0 - 1e-9 && why != NULL)
            fail_msg("need %s is fully covered but has unmet_reason \"%s\"",
                     match_plan_need_id(p, i), why);
        if (c < 1.0 - 1e-9 && (why == NULL || why[0] == '\0'))
            fail_msg("need %s has coverage %g and no unmet_reason", match_plan_need_id(p, i), c);
        double sum = 0.0;
        for (size_t k = 0; k < match_plan_need_volunteer_count(p, i); k++) {
            double h = match_plan_need_volunteer_hours(p, i, k), listed_hours;
            /* A listed pair gives exactly its hours (any number >= 0); others whole hours. */
            if (match_model_get_pair(m, match_plan_need_volunteer_id(p, i, k),
                                     match_plan_need_id(p, i), NULL, &listed_hours) == MATCH_OK) {
                if (c <= 0.0)
                    fail_msg("need %s is at 0 %% but its listed pair with %s is chosen",
                             match_plan_need_id(p, i), match_plan_need_volunteer_id(p, i, k));
                if (h != listed_hours)
                    fail_msg("need %s volunteer %s: %g hours, the listed pair has %g",
                             match_plan_need_id(p, i), match_plan_need_volunteer_id(p, i, k), h,
                             listed_hours);
            } else if (!(h >= 1.0 - 1e-9 && fabs(h - round(h)) <= 1e-6)) {
                fail_msg("need %s volunteer %s: %g hours is not a whole positive number",
                         match_plan_need_id(p, i), match_plan_need_volunteer_id(p, i, k), h);
            } else if (c <= 0.0) {
                /* Hours only as far as the need is carried out (docs/model.md rule 2). */
                fail_msg("need %s is at 0 %% but volunteer %s gives it %g hours",
                         match_plan_need_id(p, i), match_plan_need_volunteer_id(p, i, k), h);
            }
            sum += h;
            size_t v = ts_volunteer_index(p, match_plan_need_volunteer_id(p, i, k));
            vol_hours[v] += h;
        }
        TS_NEAR(match_plan_need_hours(p, i), sum, 1e-6);
    }
    for (size_t v = 0; v < nv; v++)
        TS_NEAR(match_plan_volunteer_hours(p, v), vol_hours[v], 1e-6);
    free(vol_hours);
}

static unsigned next_random(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fff;
}

match_model *ts_random_model(unsigned seed, int nv, int nn)
{
    static const char *const skills[] = {"medical", "teaching", "legal"};
    unsigned r = seed * 2654435761u + 1u;
    match_model *m = ts_model_new();
    ts_community(m, "C0", 0.0);
    ts_community(m, "C1", 0.012);
    ts_community(m, "C2", 0.025);
    TS_OK(m, match_model_add_unit(m, "U1", NULL, "C1"));
    TS_OK(m, match_model_set_unit_min_projects(m, "U1", 2));
    char id[32], c[8];
    for (int v = 0; v < nv; v++) {
        snprintf(id, sizeof id, "V%03d", v);
        snprintf(c, sizeof c, "C%u", next_random(&r) % 3);
        ts_volunteer(m, id, c, 2 + next_random(&r) % 11);
        if (next_random(&r) % 2)
            TS_OK(m, match_model_add_volunteer_skill(m, id, skills[next_random(&r) % 3]));
        if (next_random(&r) % 3 == 0)
            TS_OK(m, match_model_set_volunteer_unit(m, id, "U1"));
        if (next_random(&r) % 4 == 0)
            TS_OK(m, match_model_set_volunteer_min_hours(m, id, 1 + next_random(&r) % 6));
    }
    for (int i = 0; i < nn; i++) {
        snprintf(id, sizeof id, "N%03d", i);
        snprintf(c, sizeof c, "C%u", next_random(&r) % 3);
        int priority = 1 + (int)(next_random(&r) % 5);
        ts_need(m, id, c, priority, 2 + next_random(&r) % 14);
        if (next_random(&r) % 3 == 0)
            TS_OK(m, match_model_add_need_skill(m, id, skills[next_random(&r) % 3]));
        if (next_random(&r) % 4 == 0)
            TS_OK(m, match_model_set_need_min_volunteers(m, id, 2));
    }
    return m;
}

bool ts_make_temp_dir(char *dir, size_t size, const char *name)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, size, "%s/libmatch-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
    return mkdtemp(dir) != NULL;
}

int ts_count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

void ts_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    char path[1024];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (unlink(path) != 0)
            ts_remove_tree(path);
    }
    closedir(d);
    rmdir(dir);
}
