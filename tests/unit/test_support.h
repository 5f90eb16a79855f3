/*
 * Helpers shared by the libmatch unit tests: building small models through the public
 * builder API, solving them, and reading plans by id.
 */
#ifndef LIBMATCH_TEST_SUPPORT_H
#define LIBMATCH_TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libmatch/libmatch.h>

/* Kilometres per degree of latitude along a meridian: 6371.0 * pi / 180. */
#define TS_KM_PER_DEG_LAT 111.19492664455873

/* Asserts that a builder call on model m succeeded, showing the library's message if not. */
#define TS_OK(m, call)                                                                             \
    do {                                                                                           \
        int ts_rc_ = (call);                                                                       \
        if (ts_rc_ != MATCH_OK)                                                                    \
            fail_msg("%s returned %d (%s): %s", #call, ts_rc_, match_strerror(ts_rc_),             \
                     match_model_errmsg(m));                                                       \
    } while (0)

/* Asserts that a call returned the expected code. */
#define TS_RC(expected, call)                                                                      \
    do {                                                                                           \
        int ts_rc_ = (call);                                                                       \
        if (ts_rc_ != (expected))                                                                  \
            fail_msg("%s returned %d (%s), expected %d (%s)", #call, ts_rc_,                       \
                     match_strerror(ts_rc_), (int)(expected), match_strerror(expected));           \
    } while (0)

/* Asserts |a - b| <= tol. */
#define TS_NEAR(a, b, tol)                                                                         \
    do {                                                                                           \
        double ts_a_ = (a), ts_b_ = (b);                                                           \
        if (!(fabs(ts_a_ - ts_b_) <= (tol)))                                                       \
            fail_msg("%s = %.12g, expected %s = %.12g (tolerance %g)", #a, ts_a_, #b, ts_b_,       \
                     (double)(tol));                                                               \
    } while (0)

/* Asserts that haystack contains needle. */
#define TS_CONTAINS(haystack, needle)                                                              \
    do {                                                                                           \
        const char *ts_h_ = (haystack), *ts_n_ = (needle);                                         \
        if (ts_h_ == NULL || strstr(ts_h_, ts_n_) == NULL)                                         \
            fail_msg("%s = \"%s\" does not contain \"%s\"", #haystack, ts_h_ ? ts_h_ : "(null)",   \
                     ts_n_);                                                                       \
    } while (0)

/* Objective tolerance for hand-computed optima. */
#define TS_EPS 1e-6

/* A new empty model (fails the test if creation fails). */
match_model *ts_model_new(void);

/* Adds a community at latitude 34 + dlat_deg, longitude 113: distances along the meridian are
 * exactly dlat * TS_KM_PER_DEG_LAT. */
void ts_community(match_model *m, const char *id, double dlat_deg);

/* Adds a volunteer living in community c with the given hours. */
void ts_volunteer(match_model *m, const char *id, const char *c, double hours);

/* Adds a need in community c with category "general", the priority and the hours. */
void ts_need(match_model *m, const char *id, const char *c, int priority, double hours);

/* Solves with the default options; the call must succeed. */
match_plan *ts_solve(match_model *m);

/* Solves with the given solver (other options the defaults); the call must succeed and the
 * plan be consistent (ts_check_plan_consistent). */
match_plan *ts_solve_with(match_model *m, match_solver solver);

/* Solves and asserts the plan is optimal. */
match_plan *ts_solve_optimal(match_model *m);

/* Index of a need, volunteer or unit in the plan by id (fails the test if absent). */
size_t ts_need_index(const match_plan *p, const char *need_id);
size_t ts_volunteer_index(const match_plan *p, const char *volunteer_id);
size_t ts_unit_index(const match_plan *p, const char *unit_id);

/* Coverage of a need. */
double ts_coverage(const match_plan *p, const char *need_id);

/* Hours volunteer v gives need n (0 if the plan does not list the pair). */
double ts_x(const match_plan *p, const char *need_id, const char *volunteer_id);

/* Amount of resource r given to need n (0 if not listed). */
double ts_y(const match_plan *p, const char *need_id, const char *resource_id);

/* Hours the plan gives a volunteer in all. */
double ts_volunteer_hours(const match_plan *p, const char *volunteer_id);

/*
 * Checks the plan's internal consistency: every need, volunteer and unit of the model listed
 * once in the model's order; need hours are the sum of its volunteers' hours; volunteer hours
 * the sum over needs; a volunteer gives whole hours >= 1, or exactly a listed pair's hours;
 * coverage in [0, 1]; unmet_reason NULL exactly when coverage is 1; a need at 0 % gets no
 * hours and no chosen listed pair.
 */
void ts_check_plan_consistent(const match_model *m, const match_plan *p);

/*
 * Builds a pseudo-random model from a seed (same seed, same model): nv volunteers and nn needs
 * in three communities a few km apart, one unit with an obligation, skills, min_hours, and a
 * few two-person team needs, so that the solve is a real integer program.
 */
match_model *ts_random_model(unsigned seed, int nv, int nn);

/* Makes a new empty directory $TMPDIR/libmatch-NAME-XXXXXX (TMPDIR defaults to /tmp) and
 * writes its path into dir; false if it cannot be made. */
bool ts_make_temp_dir(char *dir, size_t size, const char *name);

/* Number of entries in a directory other than . and .. (-1 if it cannot be opened). */
int ts_count_entries(const char *dir);

/* Removes a directory and everything in it. */
void ts_remove_tree(const char *dir);

#endif
