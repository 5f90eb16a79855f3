/*
 * Pair generation through the spatial index against a plain scan of every volunteer for
 * every need (the rules of docs/model.md, "Who may serve what", applied one pair at a time).
 * The two must agree exactly: the same pairs in the same order, the same distances bit for
 * bit, the same bounds and the same per-need filter counts. Random models cover clustered
 * cities, volunteers with their own locations and circles (0 km, a few km, the whole globe),
 * the poles, the antimeridian, more than 64 distinct skills (no bit masks), fixed pairs out of
 * reach and forbidden pairs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmatch/libmatch.h>

#include "libmatch/model/geo.h"
#include "libmatch/pairs/instance.h"

#define EPS 1e-9

typedef struct rng {
    uint64_t state;
} rng;

static uint64_t rng_next(rng *r)
{
    r->state ^= r->state << 13;
    r->state ^= r->state >> 7;
    r->state ^= r->state << 17;
    return r->state;
}

static double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

static size_t rng_below(rng *r, size_t n)
{
    return (size_t)(rng_next(r) % n);
}

static void check(match_model *m, int rc)
{
    if (rc != MATCH_OK)
        fail_msg("builder call failed (%d): %s", rc, match_model_errmsg(m));
}

/* Where the random city lies: its centre and how far its communities spread (degrees). */
typedef struct city_shape {
    double lat, lon, spread;
} city_shape;

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static double wrap_lon(double lon)
{
    while (lon > 180.0)
        lon -= 360.0;
    while (lon < -180.0)
        lon += 360.0;
    return lon;
}

static match_model *random_model(uint64_t seed, city_shape shape, size_t n_skills)
{
    rng r = {seed * 0x9E3779B97F4A7C15ULL + 1};
    match_model *m = NULL;
    assert_int_equal(match_model_create(&m), MATCH_OK);
    check(m, match_model_set_policy(m, "max_distance_km", 1 + 9 * rng_unit(&r)));
    size_t n_comm = 3 + rng_below(&r, 12), n_vol = 20 + rng_below(&r, 200);
    size_t n_needs = 5 + rng_below(&r, 40);
    char id[64], tag[64];
    double prev_lat = 0, prev_lon = 0;
    for (size_t c = 0; c < n_comm; c++) {
        snprintf(id, sizeof id, "C%zu", c);
        double lat = clamp(shape.lat + shape.spread * (2 * rng_unit(&r) - 1), -90, 90);
        double lon = wrap_lon(shape.lon + shape.spread * (2 * rng_unit(&r) - 1));
        /* Some communities share a location with the one before: sites with many volunteers. */
        if (c > 0 && rng_below(&r, 5) == 0) {
            lat = prev_lat;
            lon = prev_lon;
        }
        check(m, match_model_add_community(m, id, NULL, NULL, lat, lon));
        prev_lat = lat;
        prev_lon = lon;
    }
    for (size_t v = 0; v < n_vol; v++) {
        snprintf(id, sizeof id, "V%zu", v);
        char home[64];
        snprintf(home, sizeof home, "C%zu", rng_below(&r, n_comm));
        double hours = rng_below(&r, 8) == 0 ? 0.5 * (double)rng_below(&r, 3)
                                             : (double)(1 + rng_below(&r, 40));
        check(m, match_model_add_volunteer(m, id, home, hours));
        if (rng_below(&r, 4) == 0) {
            double lat = clamp(shape.lat + shape.spread * (2 * rng_unit(&r) - 1), -90, 90);
            double lon = wrap_lon(shape.lon + shape.spread * (2 * rng_unit(&r) - 1));
            check(m, match_model_set_volunteer_location(m, id, lat, lon));
        }
        size_t circle = rng_below(&r, 10);
        if (circle == 0)
            check(m, match_model_set_volunteer_max_distance(m, id, 0));
        else if (circle == 1)
            check(m, match_model_set_volunteer_max_distance(m, id, 20 * rng_unit(&r)));
        else if (circle == 2)
            check(m, match_model_set_volunteer_max_distance(m, id, 25000));
        for (size_t k = rng_below(&r, 4); k > 0; k--) {
            snprintf(tag, sizeof tag, "skill%zu", rng_below(&r, n_skills));
            check(m, match_model_add_volunteer_skill(m, id, tag));
        }
        for (size_t k = rng_below(&r, 3); k > 0; k--) {
            snprintf(tag, sizeof tag, "slot%zu", rng_below(&r, 5));
            check(m, match_model_add_volunteer_slot(m, id, tag));
        }
    }
    for (size_t i = 0; i < n_needs; i++) {
        snprintf(id, sizeof id, "N%zu", i);
        char home[64];
        snprintf(home, sizeof home, "C%zu", rng_below(&r, n_comm));
        check(m, match_model_add_need(m, id, home, "general", 1 + (int)rng_below(&r, 5)));
        check(m, match_model_set_need_hours(m, id, rng_below(&r, 10) == 0 ? 0.7 : 4.0));
        for (size_t k = rng_below(&r, 3); k > 0; k--) {
            snprintf(tag, sizeof tag, "skill%zu", rng_below(&r, n_skills));
            check(m, match_model_add_need_skill(m, id, tag));
        }
        for (size_t k = rng_below(&r, 2); k > 0; k--) {
            snprintf(tag, sizeof tag, "slot%zu", rng_below(&r, 5));
            check(m, match_model_add_need_slot(m, id, tag));
        }
    }
    /* Fixed and forbidden pairs on distinct (volunteer, need) keys. */
    size_t n_special = rng_below(&r, 12);
    for (size_t k = 0; k < n_special; k++) {
        size_t v = rng_below(&r, n_vol), i = rng_below(&r, n_needs);
        char vid[64], nid[64];
        snprintf(vid, sizeof vid, "V%zu", v);
        snprintf(nid, sizeof nid, "N%zu", i);
        int rc = rng_below(&r, 2)
                     ? match_model_fix_pair(m, vid, nid, 0.5 + (double)rng_below(&r, 4))
                     : match_model_forbid_pair(m, vid, nid);
        if (rc != MATCH_OK && rc != MATCH_EINPUT) /* EINPUT: that key was taken already */
            fail_msg("pair rule failed (%d): %s", rc, match_model_errmsg(m));
    }
    return m;
}

/* ---- The reference: every volunteer against every need ------------------------------------- */

static const lm_fixed *find_fixed(const match_model *m, size_t v, size_t i)
{
    for (size_t k = 0; k < m->n_fixed; k++)
        if (m->fixed[k].volunteer == v && m->fixed[k].need == i)
            return &m->fixed[k];
    return NULL;
}

static bool is_forbidden(const match_model *m, size_t v, size_t i)
{
    for (size_t k = 0; k < m->n_forbidden; k++)
        if (m->forbidden[k].volunteer == v && m->forbidden[k].need == i)
            return true;
    return false;
}

/* Compares the instance against the scan, need by need and pair by pair. */
static void compare_with_scan(const match_model *m, const lm_instance *inst)
{
    size_t at = 0;
    for (size_t i = 0; i < m->needs.len; i++) {
        const lm_need *n = &m->needs.items[i];
        const lm_community *home = &m->communities.items[n->community];
        lm_need_filters f = {0};
        assert_int_equal(inst->need_pairs[i], at);
        for (size_t v = 0; v < m->volunteers.len; v++) {
            const lm_volunteer *vol = &m->volunteers.items[v];
            double dist = lm_haversine_km(lm_volunteer_lat(m, vol), lm_volunteer_lon(m, vol),
                                          home->lat, home->lon);
            double upper = floor(fmin(vol->hours, n->hours) + EPS);
            if (upper < 0)
                upper = 0;
            const lm_fixed *fx = find_fixed(m, v, i);
            double fixed_hours = 0;
            if (fx != NULL) {
                fixed_hours = fx->hours;
                upper = fmax(upper, ceil(fixed_hours - EPS));
            } else if (dist > lm_volunteer_max_distance(m, vol) + EPS) {
                f.out_of_reach++;
                continue;
            } else if (n->skills.len > 0 && !lm_tagset_intersects(&n->skills, &vol->skills)) {
                f.no_skill++;
                continue;
            } else if (n->slots.len > 0 && vol->slots.len > 0 &&
                       !lm_tagset_intersects(&n->slots, &vol->slots)) {
                f.no_slot++;
                continue;
            } else if (is_forbidden(m, v, i)) {
                f.forbidden++;
                continue;
            } else if (upper < 1) {
                f.no_hours++;
                continue;
            } else {
                f.eligible++;
            }
            assert_true(at < inst->n_pairs);
            const lm_pair *p = &inst->pairs[at++];
            assert_int_equal(p->need, i);
            assert_int_equal(p->volunteer, v);
            /* Bit for bit: the index must call the same formula with the same arguments. */
            assert_memory_equal(&p->distance_km, &dist, sizeof dist);
            assert_true(p->upper == upper);
            assert_true(p->fixed_hours == fixed_hours);
        }
        const lm_need_filters *g = &inst->filters[i];
        assert_int_equal(g->out_of_reach, f.out_of_reach);
        assert_int_equal(g->no_skill, f.no_skill);
        assert_int_equal(g->no_slot, f.no_slot);
        assert_int_equal(g->forbidden, f.forbidden);
        assert_int_equal(g->no_hours, f.no_hours);
        assert_int_equal(g->eligible, f.eligible);
    }
    assert_int_equal(inst->n_pairs, at);
    assert_int_equal(inst->need_pairs[m->needs.len], at);
}

static void run_shapes(city_shape shape, size_t n_skills, size_t n_models)
{
    for (uint64_t seed = 1; seed <= n_models; seed++) {
        match_model *m = random_model(seed, shape, n_skills);
        lm_instance inst;
        char errmsg[LM_ERRMSG_SIZE];
        assert_int_equal(lm_instance_build(&inst, m, errmsg), MATCH_OK);
        compare_with_scan(m, &inst);
        lm_instance_free(&inst);
        match_model_destroy(m);
    }
}

/* A city like Xinmi: communities a few km apart, circles of a few km. */
static void test_city_matches_scan(void **state)
{
    (void)state;
    run_shapes((city_shape){34.53, 113.38, 0.08}, 12, 150);
}

/* Over 64 distinct skills: the sorted-set path instead of bit masks. */
static void test_many_skills_match_scan(void **state)
{
    (void)state;
    run_shapes((city_shape){34.53, 113.38, 0.05}, 100, 60);
}

/* Points on both sides of the antimeridian (Fiji), where longitudes wrap. */
static void test_antimeridian_matches_scan(void **state)
{
    (void)state;
    run_shapes((city_shape){-17.8, 180.0, 0.1}, 8, 80);
}

/* Near the North Pole, where a circle spans every longitude. */
static void test_pole_matches_scan(void **state)
{
    (void)state;
    run_shapes((city_shape){89.99, 0.0, 0.05}, 8, 80);
}

/* Communities spread over a continent: most pairs out of reach, a few global circles. */
static void test_spread_out_matches_scan(void **state)
{
    (void)state;
    run_shapes((city_shape){30.0, 110.0, 25.0}, 8, 80);
}

/* Every volunteer at one point, every need at another: one site, one community query. */
static void test_single_site(void **state)
{
    (void)state;
    match_model *m = NULL;
    assert_int_equal(match_model_create(&m), MATCH_OK);
    check(m, match_model_add_community(m, "A", NULL, NULL, 34.5, 113.4));
    check(m, match_model_add_community(m, "B", NULL, NULL, 34.52, 113.4)); /* 2.22 km */
    char id[16];
    for (int v = 0; v < 10; v++) {
        snprintf(id, sizeof id, "V%d", v);
        check(m, match_model_add_volunteer(m, id, "A", 5));
        check(m, match_model_set_volunteer_max_distance(m, id, v < 5 ? 2.0 : 3.0));
    }
    check(m, match_model_add_need(m, "N", "B", "general", 3));
    check(m, match_model_set_need_hours(m, "N", 4));
    lm_instance inst;
    char errmsg[LM_ERRMSG_SIZE];
    assert_int_equal(lm_instance_build(&inst, m, errmsg), MATCH_OK);
    compare_with_scan(m, &inst);
    assert_int_equal(inst.n_pairs, 5);
    assert_int_equal(inst.filters[0].out_of_reach, 5);
    lm_instance_free(&inst);
    match_model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_city_matches_scan),
        cmocka_unit_test(test_many_skills_match_scan),
        cmocka_unit_test(test_antimeridian_matches_scan),
        cmocka_unit_test(test_pole_matches_scan),
        cmocka_unit_test(test_spread_out_matches_scan),
        cmocka_unit_test(test_single_site),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
