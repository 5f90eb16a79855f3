/*
 * A spatial index over volunteer locations, so that pair generation visits only the
 * volunteers near a need instead of every volunteer (docs/model.md, "Who may serve what").
 *
 * Volunteers are grouped by identical location ("sites": usually a community, whose members
 * all live at its centre), so that one distance serves every volunteer of a site. Sites are
 * split into classes by how far their volunteers may travel, and each class gets a grid of
 * latitude/longitude cells about as wide as that class's largest max_distance_km: a handful
 * of volunteers with a large circle then do not make the cells of everyone else large.
 *
 * A query bounds the service circle exactly on the sphere (the latitude band and the
 * longitude band of a spherical cap) rather than through a flat projection, so it stays
 * correct near the poles and across the antimeridian; where the cap reaches a pole it scans
 * every longitude. Candidates are then tested with the exact haversine distance, the same
 * computation and comparison as a scan over all volunteers, so the result is identical.
 */
#ifndef LM_PAIR_INDEX_H
#define LM_PAIR_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "../common/tolerance.h"
#include "../model/model_internal.h"

/* A volunteer within reach of a point, with its distance in km. */
typedef struct lm_reach {
    size_t volunteer;
    double distance_km;
} lm_reach;

/* A growable list of lm_reach; zero-initialise, reuse across queries, free items when done. */
typedef struct lm_reach_list {
    lm_reach *items;
    size_t len;
    size_t cap;
} lm_reach_list;

typedef struct lm_site_grid lm_site_grid;

typedef struct lm_pair_index {
    const match_model *model;
    size_t n_sites;
    double *site_lat, *site_lon;
    double *site_u;     /* longitude shifted so that the sites do not straddle the seam */
    double *site_reach; /* the largest max_distance_km of the site's volunteers */
    /* n_sites + 1 offsets: the volunteers of site s are site_volunteers[site_start[s] ..
     * site_start[s + 1]), in increasing order. */
    size_t *site_start;
    size_t *site_volunteers;
    double *max_distance; /* each volunteer's effective max_distance_km */
    double lon_origin;    /* longitude that site_u = 0 stands for */
    lm_site_grid *grids;
    size_t n_grids;
} lm_pair_index;

/* Builds the index of the model's volunteers; false when out of memory (the index is then
 * empty, and lm_pair_index_free may still be called). */
bool lm_pair_index_build(lm_pair_index *ix, const match_model *model);

/*
 * Replaces the contents of out with every volunteer v for which
 * lm_haversine_km(v's lat, v's lon, lat, lon) <= v's max_distance_km + LM_TOL_EXACT, sorted by
 * volunteer, each with that distance. False when out of memory.
 */
bool lm_pair_index_reach(const lm_pair_index *ix, double lat, double lon, lm_reach_list *out);

void lm_pair_index_free(lm_pair_index *ix);

#endif
