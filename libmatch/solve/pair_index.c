/*
 * The spatial index of pair generation: volunteers grouped by location, and per reach class a
 * grid of the locations (see pair_index.h for the design).
 */
#include "pair_index.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../model/geo.h"

/* Length of one degree of latitude on the sphere of the haversine formula. */
#define KM_PER_DEG (LM_EARTH_RADIUS_KM * M_PI / 180.0)
/* Sites whose volunteers reach at most this far share the first class; each further class
 * doubles the reach. Past the last class every reach covers the globe anyway. */
#define CLASS_BASE_KM 0.5
#define MAX_CLASSES 40
/* Cells narrower than this only cost memory: volunteers with max_distance_km 0 serve needs
 * at their own location, which any cell holds. */
#define MIN_CELL_KM 0.1
/* Query margins, far above the rounding error of the haversine formula and of the cell
 * arithmetic, far below anything that changes the amount of work. A query may return
 * candidates slightly outside the circle; the exact test drops them. */
#define MARGIN_REL 1e-9
#define MARGIN_DEG 1e-6

/* A grid over the sites of one reach class. Cell (row, col) covers latitudes from
 * lat0 + row * cell_lat and shifted longitudes from u0 + col * cell_u; cells on the border
 * also hold the sites beyond it, so that every site has a cell. */
struct lm_site_grid {
    double reach_deg; /* angular radius of the largest service circle of the class, plus margin */
    double lat0, lat1, u0, u1; /* extent of the class's sites */
    double cell_lat, cell_u;
    size_t n_rows, n_cols;
    size_t *cell_start; /* n_rows * n_cols + 1 offsets into cell_sites */
    size_t *cell_sites; /* sites in increasing order within a cell */
};

typedef struct site_key {
    uint64_t lat_bits, lon_bits;
    size_t volunteer;
} site_key;

static uint64_t double_bits(double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    return bits;
}

/* Orders volunteers by the exact bits of their location, then by index: equal locations end
 * up next to each other, and each site's volunteers in increasing order. Comparing bits
 * rather than values keeps 0.0 and -0.0 apart, so a site's distance is the very value each
 * of its volunteers would get. */
static int compare_site_keys(const void *a, const void *b)
{
    const site_key *x = a, *y = b;
    if (x->lat_bits != y->lat_bits)
        return x->lat_bits < y->lat_bits ? -1 : 1;
    if (x->lon_bits != y->lon_bits)
        return x->lon_bits < y->lon_bits ? -1 : 1;
    return x->volunteer < y->volunteer ? -1 : x->volunteer > y->volunteer;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int compare_reach(const void *a, const void *b)
{
    const lm_reach *x = a, *y = b;
    return x->volunteer < y->volunteer ? -1 : x->volunteer > y->volunteer;
}

/* x reduced to [0, 360). */
static double wrap360(double x)
{
    x = fmod(x, 360.0);
    if (x < 0)
        x += 360.0;
    if (x >= 360.0) /* -tiny + 360 may round to 360 */
        x -= 360.0;
    return x;
}

/* Index of the cell band holding x, for bands of width `width` from `origin`, clamped to
 * [0, n - 1]. Monotone in x, so a query range maps onto a range of bands holding every site
 * inside it. */
static size_t band_of(double x, double origin, double width, size_t n)
{
    double b = floor((x - origin) / width);
    if (!(b > 0)) /* also catches NaN from infinite widths */
        return 0;
    if (b >= (double)(n - 1))
        return n - 1;
    return (size_t)b;
}

static bool group_sites(lm_pair_index *ix, const match_model *m)
{
    size_t n_vol = m->volunteers.len;
    site_key *keys = malloc((n_vol ? n_vol : 1) * sizeof *keys);
    ix->max_distance = malloc((n_vol ? n_vol : 1) * sizeof *ix->max_distance);
    ix->site_volunteers = malloc((n_vol ? n_vol : 1) * sizeof *ix->site_volunteers);
    ix->site_start = malloc((n_vol + 1) * sizeof *ix->site_start);
    if (keys == NULL || ix->max_distance == NULL || ix->site_volunteers == NULL ||
        ix->site_start == NULL) {
        free(keys);
        return false;
    }
    for (size_t v = 0; v < n_vol; v++) {
        const lm_volunteer *vol = &m->volunteers.items[v];
        keys[v].lat_bits = double_bits(lm_volunteer_lat(m, vol));
        keys[v].lon_bits = double_bits(lm_volunteer_lon(m, vol));
        keys[v].volunteer = v;
        ix->max_distance[v] = lm_volunteer_max_distance(m, vol);
    }
    qsort(keys, n_vol, sizeof *keys, compare_site_keys);
    size_t n_sites = 0;
    for (size_t k = 0; k < n_vol; k++) {
        if (k == 0 || keys[k].lat_bits != keys[k - 1].lat_bits ||
            keys[k].lon_bits != keys[k - 1].lon_bits)
            ix->site_start[n_sites++] = k;
        ix->site_volunteers[k] = keys[k].volunteer;
    }
    ix->site_start[n_sites] = n_vol;
    free(keys);
    ix->n_sites = n_sites;

    size_t n = n_sites ? n_sites : 1;
    ix->site_lat = malloc(n * sizeof *ix->site_lat);
    ix->site_lon = malloc(n * sizeof *ix->site_lon);
    ix->site_u = malloc(n * sizeof *ix->site_u);
    ix->site_reach = malloc(n * sizeof *ix->site_reach);
    if (ix->site_lat == NULL || ix->site_lon == NULL || ix->site_u == NULL ||
        ix->site_reach == NULL)
        return false;
    for (size_t s = 0; s < n_sites; s++) {
        const lm_volunteer *first = &m->volunteers.items[ix->site_volunteers[ix->site_start[s]]];
        ix->site_lat[s] = lm_volunteer_lat(m, first);
        ix->site_lon[s] = lm_volunteer_lon(m, first);
        double reach = 0;
        for (size_t k = ix->site_start[s]; k < ix->site_start[s + 1]; k++)
            reach = fmax(reach, ix->max_distance[ix->site_volunteers[k]]);
        ix->site_reach[s] = reach;
    }
    return true;
}

/* Puts the longitude seam in the middle of the widest gap between sites, so that sites on
 * both sides of the antimeridian (Fiji, Chukotka) form one compact range of shifted
 * longitudes instead of a grid 360 degrees wide. */
static bool place_seam(lm_pair_index *ix)
{
    size_t n = ix->n_sites;
    ix->lon_origin = -180.0;
    if (n == 0)
        return true;
    double *lons = malloc(n * sizeof *lons);
    if (lons == NULL)
        return false;
    for (size_t s = 0; s < n; s++)
        lons[s] = wrap360(ix->site_lon[s] + 180.0) - 180.0;
    qsort(lons, n, sizeof *lons, compare_doubles);
    double gap = lons[0] + 360.0 - lons[n - 1];
    double origin = lons[n - 1] + gap / 2;
    for (size_t s = 1; s < n; s++) {
        if (lons[s] - lons[s - 1] > gap) {
            gap = lons[s] - lons[s - 1];
            origin = lons[s - 1] + gap / 2;
        }
    }
    free(lons);
    ix->lon_origin = origin;
    for (size_t s = 0; s < n; s++)
        ix->site_u[s] = wrap360(ix->site_lon[s] - origin);
    return true;
}

static size_t class_of(double reach_km)
{
    size_t c = 0;
    double bound = CLASS_BASE_KM;
    while (reach_km > bound && c + 1 < MAX_CLASSES) {
        bound *= 2;
        c++;
    }
    return c;
}

/* Builds the grid of the sites listed in sites[0..n) (increasing), whose largest reach is
 * reach_km. */
static bool grid_build(lm_site_grid *g, const lm_pair_index *ix, const size_t *sites, size_t n,
                       double reach_km)
{
    g->reach_deg = (reach_km + LM_EPS) / KM_PER_DEG * (1 + MARGIN_REL) + MARGIN_DEG;
    g->lat0 = g->lat1 = ix->site_lat[sites[0]];
    g->u0 = g->u1 = ix->site_u[sites[0]];
    for (size_t k = 1; k < n; k++) {
        g->lat0 = fmin(g->lat0, ix->site_lat[sites[k]]);
        g->lat1 = fmax(g->lat1, ix->site_lat[sites[k]]);
        g->u0 = fmin(g->u0, ix->site_u[sites[k]]);
        g->u1 = fmax(g->u1, ix->site_u[sites[k]]);
    }
    /* Cells about one service circle across: a query then visits about 3 x 3 of them. The
     * width in longitude grows with 1 / cos(latitude), taken at the middle of the extent;
     * that only tunes the amount of work, the query bounds are exact. */
    double coslat = cos((g->lat0 + g->lat1) / 2 * (M_PI / 180.0));
    if (coslat < 0.01)
        coslat = 0.01;
    g->cell_lat = fmax(reach_km, MIN_CELL_KM) / KM_PER_DEG;
    g->cell_u = g->cell_lat / coslat;
    /* A far-flung class would need more cells than sites are worth; coarser cells keep the
     * grid no larger than a few cells per site (a query then degrades towards a scan). */
    double max_cells = fmax(64.0, 4.0 * (double)n);
    for (;;) {
        double rows = floor((g->lat1 - g->lat0) / g->cell_lat) + 1;
        double cols = floor((g->u1 - g->u0) / g->cell_u) + 1;
        if (rows * cols <= max_cells) {
            g->n_rows = (size_t)rows;
            g->n_cols = (size_t)cols;
            break;
        }
        double grow = sqrt(rows * cols / max_cells) * 1.01;
        g->cell_lat *= grow;
        g->cell_u *= grow;
    }
    size_t n_cells = g->n_rows * g->n_cols;
    g->cell_start = calloc(n_cells + 1, sizeof *g->cell_start);
    g->cell_sites = malloc(n * sizeof *g->cell_sites);
    size_t *cell_of = malloc(n * sizeof *cell_of);
    if (g->cell_start == NULL || g->cell_sites == NULL || cell_of == NULL) {
        free(cell_of);
        return false;
    }
    for (size_t k = 0; k < n; k++) {
        size_t s = sites[k];
        size_t row = band_of(ix->site_lat[s], g->lat0, g->cell_lat, g->n_rows);
        size_t col = band_of(ix->site_u[s], g->u0, g->cell_u, g->n_cols);
        cell_of[k] = row * g->n_cols + col;
        g->cell_start[cell_of[k] + 1]++;
    }
    for (size_t c = 0; c < n_cells; c++)
        g->cell_start[c + 1] += g->cell_start[c];
    /* Counting sort, stable: sites stay in increasing order within a cell. Uses the upper
     * offsets as fill pointers and shifts them back afterwards. */
    for (size_t k = 0; k < n; k++)
        g->cell_sites[g->cell_start[cell_of[k]]++] = sites[k];
    for (size_t c = n_cells; c > 0; c--)
        g->cell_start[c] = g->cell_start[c - 1];
    g->cell_start[0] = 0;
    free(cell_of);
    return true;
}

static bool build_grids(lm_pair_index *ix)
{
    size_t n = ix->n_sites;
    if (n == 0)
        return true;
    size_t count[MAX_CLASSES] = {0};
    double reach[MAX_CLASSES] = {0};
    size_t *cls = malloc(n * sizeof *cls);
    size_t *sites = malloc(n * sizeof *sites);
    ix->grids = calloc(MAX_CLASSES, sizeof *ix->grids);
    bool ok = cls != NULL && sites != NULL && ix->grids != NULL;
    for (size_t s = 0; ok && s < n; s++) {
        cls[s] = class_of(ix->site_reach[s]);
        count[cls[s]]++;
        reach[cls[s]] = fmax(reach[cls[s]], ix->site_reach[s]);
    }
    for (size_t c = 0; ok && c < MAX_CLASSES; c++) {
        if (count[c] == 0)
            continue;
        size_t len = 0;
        for (size_t s = 0; s < n; s++)
            if (cls[s] == c)
                sites[len++] = s;
        ok = grid_build(&ix->grids[ix->n_grids++], ix, sites, len, reach[c]);
    }
    free(cls);
    free(sites);
    return ok;
}

bool lm_pair_index_build(lm_pair_index *ix, const match_model *model)
{
    memset(ix, 0, sizeof *ix);
    ix->model = model;
    if (group_sites(ix, model) && place_seam(ix) && build_grids(ix))
        return true;
    lm_pair_index_free(ix);
    return false;
}

static bool reach_push(lm_reach_list *out, size_t volunteer, double distance_km)
{
    if (!lm_reserve((void **)&out->items, &out->cap, out->len + 1, sizeof *out->items))
        return false;
    out->items[out->len++] = (lm_reach){volunteer, distance_km};
    return true;
}

/* Tests every volunteer of every site in the cells [row0, row1] x [col0, col1]. */
static bool scan_cells(const lm_pair_index *ix, const lm_site_grid *g, size_t row0, size_t row1,
                       size_t col0, size_t col1, double lat, double lon, lm_reach_list *out)
{
    for (size_t row = row0; row <= row1; row++) {
        const size_t *start = &g->cell_start[row * g->n_cols];
        for (size_t k = start[col0]; k < start[col1 + 1]; k++) {
            size_t s = g->cell_sites[k];
            /* The same call, with the same arguments in the same order, as for each of the
             * site's volunteers on its own: the distances are bit for bit the same. */
            double d = lm_haversine_km(ix->site_lat[s], ix->site_lon[s], lat, lon);
            if (d > ix->site_reach[s] + LM_EPS)
                continue;
            for (size_t j = ix->site_start[s]; j < ix->site_start[s + 1]; j++) {
                size_t v = ix->site_volunteers[j];
                if (d > ix->max_distance[v] + LM_EPS)
                    continue;
                if (!reach_push(out, v, d))
                    return false;
            }
        }
    }
    return true;
}

/* The columns of the shifted-longitude range [lo, hi] (already within [0, 360)); false when
 * the range misses the grid. */
static bool col_range(const lm_site_grid *g, double lo, double hi, size_t *c0, size_t *c1)
{
    if (hi < g->u0 || lo > g->u1)
        return false;
    *c0 = band_of(lo, g->u0, g->cell_u, g->n_cols);
    *c1 = band_of(hi, g->u0, g->cell_u, g->n_cols);
    return true;
}

static bool grid_query(const lm_pair_index *ix, const lm_site_grid *g, double lat, double lon,
                       lm_reach_list *out)
{
    double delta = g->reach_deg;
    if (lat + delta < g->lat0 || lat - delta > g->lat1)
        return true;
    size_t row0 = band_of(lat - delta, g->lat0, g->cell_lat, g->n_rows);
    size_t row1 = band_of(lat + delta, g->lat0, g->cell_lat, g->n_rows);

    /* Longitudes within reach: a spherical cap of angular radius delta around latitude lat
     * spans at most asin(sin(delta) / cos(lat)) either side, unless it holds a pole, where it
     * spans every longitude. */
    bool all = fabs(lat) + delta >= 90.0;
    double half = 180.0;
    if (!all) {
        double ratio = sin(delta * (M_PI / 180.0)) / cos(lat * (M_PI / 180.0));
        all = !(ratio < 1.0);
        if (!all)
            half = asin(ratio) * (180.0 / M_PI) * (1 + MARGIN_REL) + MARGIN_DEG;
        all = all || half >= 180.0;
    }
    /* Up to two column ranges: the shifted range [u - half, u + half] split at the seam.
     * Ranges that share a column are merged so that no site is visited twice. */
    size_t ranges[2][2];
    size_t n_ranges = 0;
    if (all) {
        ranges[0][0] = 0;
        ranges[0][1] = g->n_cols - 1;
        n_ranges = 1;
    } else {
        double u = wrap360(lon - ix->lon_origin);
        double piece[2][2] = {{u - half, u + half}, {1, 0}};
        if (u - half < 0) {
            piece[0][0] = 0;
            piece[1][0] = u - half + 360.0;
            piece[1][1] = 360.0;
        } else if (u + half >= 360.0) {
            piece[0][1] = 360.0;
            piece[1][0] = 0;
            piece[1][1] = u + half - 360.0;
        }
        for (size_t p = 0; p < 2; p++) {
            if (piece[p][0] > piece[p][1])
                continue;
            if (col_range(g, piece[p][0], piece[p][1], &ranges[n_ranges][0], &ranges[n_ranges][1]))
                n_ranges++;
        }
        if (n_ranges == 2 && ranges[1][0] <= ranges[0][1] + 1 && ranges[0][0] <= ranges[1][1] + 1) {
            ranges[0][0] = ranges[0][0] < ranges[1][0] ? ranges[0][0] : ranges[1][0];
            ranges[0][1] = ranges[0][1] > ranges[1][1] ? ranges[0][1] : ranges[1][1];
            n_ranges = 1;
        }
    }
    for (size_t r = 0; r < n_ranges; r++)
        if (!scan_cells(ix, g, row0, row1, ranges[r][0], ranges[r][1], lat, lon, out))
            return false;
    return true;
}

bool lm_pair_index_reach(const lm_pair_index *ix, double lat, double lon, lm_reach_list *out)
{
    out->len = 0;
    for (size_t k = 0; k < ix->n_grids; k++)
        if (!grid_query(ix, &ix->grids[k], lat, lon, out))
            return false;
    /* Cells and classes come in no useful order; the pairs must come out by volunteer. */
    if (out->len > 1)
        qsort(out->items, out->len, sizeof *out->items, compare_reach);
    return true;
}

void lm_pair_index_free(lm_pair_index *ix)
{
    if (ix == NULL)
        return;
    for (size_t k = 0; k < ix->n_grids; k++) {
        free(ix->grids[k].cell_start);
        free(ix->grids[k].cell_sites);
    }
    free(ix->grids);
    free(ix->site_lat);
    free(ix->site_lon);
    free(ix->site_u);
    free(ix->site_reach);
    free(ix->site_start);
    free(ix->site_volunteers);
    free(ix->max_distance);
    memset(ix, 0, sizeof *ix);
}
