/*
 * The integer program of docs/model.md, row by row. Columns: x per pair, y per resource
 * pair, c per need, and the helpers the rules need (indicator binaries for "at least one
 * hour", project binaries and shortfalls). Rows that would be empty or redundant are left
 * out so the problem stays small.
 */
#include "glpk_formulation.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "previous_pairs.h"

#define LM_EPS 1e-9

/* Longest id used verbatim in a name: two ids and a prefix stay far below GLPK's limit of
 * 255 characters, and the files stay readable. */
#define LM_NAME_ID_MAX 40

typedef struct build {
    lm_glpk_form *f;
    const lm_instance *inst;
    const match_model *m;
    lm_form_mode mode;
    const lm_glpk_naming *naming; /* NULL: no names */
} build;

/* ---- Names for exported files -------------------------------------------------------------- */

/* Safe in both formats and unambiguous: ASCII letters, digits and '.', so that '_' only ever
 * separates the parts of a name (x_V1_N2 cannot be read two ways), and nothing is rewritten
 * by GLPK's LP writer (it turns '-' into '~') or rejected by it. */
static bool safe_id(const char *id)
{
    size_t n = 0;
    for (; id[n] != '\0'; n++) {
        char ch = id[n];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '.';
        if (!ok || n >= LM_NAME_ID_MAX)
            return false;
    }
    return n > 0;
}

void lm_glpk_naming_init(lm_glpk_naming *naming, const match_model *m)
{
    /* One unsafe id switches its whole kind to positions: mixing ids and positions could
     * make two items look alike (an item with id "7" and the item at position 7). */
    *naming = (lm_glpk_naming){true, true, true, true, true};
    for (size_t k = 0; k < m->volunteers.len; k++)
        naming->volunteer_ids = naming->volunteer_ids && safe_id(m->volunteers.items[k].id);
    for (size_t k = 0; k < m->needs.len; k++)
        naming->need_ids = naming->need_ids && safe_id(m->needs.items[k].id);
    for (size_t k = 0; k < m->resources.len; k++)
        naming->resource_ids = naming->resource_ids && safe_id(m->resources.items[k].id);
    for (size_t k = 0; k < m->units.len; k++)
        naming->unit_ids = naming->unit_ids && safe_id(m->units.items[k].id);
    for (size_t i = 0; i < m->needs.len; i++)
        for (size_t k = 0; k < m->needs.items[i].n_requests; k++)
            naming->type_names =
                naming->type_names && safe_id(m->tags[m->needs.items[i].requests[k].type]);
}

typedef enum name_kind { NK_NONE, NK_VOLUNTEER, NK_NEED, NK_RESOURCE, NK_UNIT, NK_TYPE } name_kind;

/* One part of a name: the item's id, or its position when its kind is named by position. A
 * type part is request `index` of need `need`. */
static void name_part(const build *b, char *buf, size_t size, name_kind kind, size_t index,
                      size_t need)
{
    const lm_glpk_naming *nm = b->naming;
    const char *id = NULL;
    switch (kind) {
    case NK_VOLUNTEER:
        id = nm->volunteer_ids ? b->m->volunteers.items[index].id : NULL;
        break;
    case NK_NEED:
        id = nm->need_ids ? b->m->needs.items[index].id : NULL;
        break;
    case NK_RESOURCE:
        id = nm->resource_ids ? b->m->resources.items[index].id : NULL;
        break;
    case NK_UNIT:
        id = nm->unit_ids ? b->m->units.items[index].id : NULL;
        break;
    case NK_TYPE:
        id = nm->type_names ? b->m->tags[b->m->needs.items[need].requests[index].type] : NULL;
        break;
    case NK_NONE:
        buf[0] = '\0';
        return;
    }
    if (id != NULL)
        snprintf(buf, size, "_%s", id);
    else
        snprintf(buf, size, "_%zu", index);
}

/* Names row (row_or_col > 0) or column (< 0) |row_or_col| as prefix_<part1>[_<part2>]. A
 * type part (kind2 NK_TYPE) belongs to need index1. */
static void set_name(const build *b, int row_or_col, const char *prefix, name_kind kind1,
                     size_t index1, name_kind kind2, size_t index2)
{
    if (b->naming == NULL)
        return;
    char p1[LM_NAME_ID_MAX + 24], p2[LM_NAME_ID_MAX + 24], name[2 * LM_NAME_ID_MAX + 80];
    name_part(b, p1, sizeof p1, kind1, index1, index1);
    name_part(b, p2, sizeof p2, kind2, index2, index1);
    snprintf(name, sizeof name, "%s%s%s", prefix, p1, p2);
    if (row_or_col > 0)
        glp_set_row_name(b->f->lp, row_or_col, name);
    else
        glp_set_col_name(b->f->lp, -row_or_col, name);
}

static void name_row(const build *b, int row, const char *prefix, name_kind kind1, size_t index1,
                     name_kind kind2, size_t index2)
{
    set_name(b, row, prefix, kind1, index1, kind2, index2);
}

static void name_col(const build *b, int col, const char *prefix, name_kind kind1, size_t index1,
                     name_kind kind2, size_t index2)
{
    set_name(b, -col, prefix, kind1, index1, kind2, index2);
}

/* ---- Building ------------------------------------------------------------------------------ */

int lm_glpk_need_binary(const lm_need *n)
{
    return n->all_or_nothing || lm_need_min_volunteers(n) > 1;
}

/* How many of need i's pairs are listed. */
static size_t need_listed(const lm_instance *inst, size_t i)
{
    if (inst->listed == NULL)
        return 0;
    size_t count = 0;
    for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; p++)
        count += lm_pair_is_listed(inst, p);
    return count;
}

/* A need that can have no volunteer while it asks for at least one must stay uncovered:
 * it has no pair, or no hours and no listed pair (only listed pairs serve a need without
 * hours), or it allows fewer volunteers than it asks for. */
static bool need_forced_zero(const lm_instance *inst, size_t i)
{
    const lm_need *n = &inst->model->needs.items[i];
    bool no_pairs = inst->need_pairs[i] == inst->need_pairs[i + 1];
    int mv = lm_need_min_volunteers(n), max = lm_need_max_volunteers(n);
    if (max >= 0 && max < mv)
        return true;
    return mv >= 1 && (no_pairs || (n->hours <= 0 && need_listed(inst, i) == 0));
}

/* The coefficient of pair p's column in a sum of hours: x is the hours themselves; a listed
 * pair's column is its binary "chosen", worth its hours. */
static double hours_coef(const lm_instance *inst, size_t p)
{
    return lm_pair_is_listed(inst, p) ? inst->pairs[p].upper : 1.0;
}

static bool reserve_row(lm_glpk_form *f, size_t len)
{
    /* GLPK's arrays are 1-based: element 0 is unused. */
    return lm_reserve((void **)&f->ind, &f->cap_ind, len + 1, sizeof *f->ind) &&
           lm_reserve((void **)&f->val, &f->cap_val, len + 1, sizeof *f->val);
}

static int add_col(glp_prob *lp, bool integer, double lb, double ub, double obj)
{
    int j = glp_add_cols(lp, 1);
    if (integer)
        glp_set_col_kind(lp, j, GLP_IV);
    glp_set_col_bnds(lp, j, lb == ub ? GLP_FX : GLP_DB, lb, ub);
    glp_set_obj_coef(lp, j, obj);
    return j;
}

static int add_binary(glp_prob *lp, double ub)
{
    return add_col(lp, true, 0.0, ub, 0.0);
}

/* Adds a row with the first len entries of f->ind/f->val (1-based). type GLP_UP: <= bound;
 * GLP_LO: >= bound. */
static int add_row(lm_glpk_form *f, int type, double bound, int len)
{
    int r = glp_add_rows(f->lp, 1);
    glp_set_row_bnds(f->lp, r, type, bound, bound);
    glp_set_mat_row(f->lp, r, len, f->ind, f->val);
    return r;
}

/* Adds "lhs_col * coef - sum of cols <= 0" for two columns (a 2-entry row). */
static int add_le2(lm_glpk_form *f, int col_a, double coef_a, int col_b, double coef_b,
                   double bound)
{
    f->ind[1] = col_a;
    f->val[1] = coef_a;
    f->ind[2] = col_b;
    f->val[2] = coef_b;
    return add_row(f, GLP_UP, bound, 2);
}

static bool group(size_t **offsets, size_t **order, size_t n_groups, size_t n, const void *items,
                  size_t item_size, size_t key_offset)
{
    *offsets = calloc(n_groups + 1, sizeof **offsets);
    *order = malloc((n ? n : 1) * sizeof **order);
    if (*offsets == NULL || *order == NULL)
        return false;
    const char *base = items;
    for (size_t k = 0; k < n; k++) {
        size_t key;
        memcpy(&key, base + k * item_size + key_offset, sizeof key);
        (*offsets)[key + 1]++;
    }
    for (size_t g = 0; g < n_groups; g++)
        (*offsets)[g + 1] += (*offsets)[g];
    size_t *fill = malloc((n_groups ? n_groups : 1) * sizeof *fill);
    if (fill == NULL)
        return false;
    memcpy(fill, *offsets, n_groups * sizeof *fill);
    for (size_t k = 0; k < n; k++) {
        size_t key;
        memcpy(&key, base + k * item_size + key_offset, sizeof key);
        (*order)[fill[key]++] = k;
    }
    free(fill);
    return true;
}

static bool alloc_arrays(lm_glpk_form *f, const lm_instance *inst)
{
    const match_model *m = inst->model;
    size_t np = inst->n_pairs ? inst->n_pairs : 1;
    size_t nq = inst->n_rpairs ? inst->n_rpairs : 1;
    size_t nn = m->needs.len ? m->needs.len : 1;
    size_t nu = m->units.len ? m->units.len : 1;
    f->col_x = calloc(np, sizeof *f->col_x);
    f->col_y = calloc(nq, sizeof *f->col_y);
    f->col_c = calloc(nn, sizeof *f->col_c);
    f->col_ind = calloc(np, sizeof *f->col_ind);
    f->col_rind = calloc(nq, sizeof *f->col_rind);
    f->unit_stamp = calloc(nu, sizeof *f->unit_stamp);
    f->need_units = calloc(nu, sizeof *f->need_units);
    if (!f->col_x || !f->col_y || !f->col_c || !f->col_ind || !f->col_rind || !f->unit_stamp ||
        !f->need_units)
        return false;
    return group(&f->vol_offsets, &f->vol_pairs, m->volunteers.len, inst->n_pairs, inst->pairs,
                 sizeof *inst->pairs, offsetof(lm_pair, volunteer)) &&
           group(&f->res_offsets, &f->res_rpairs, m->resources.len, inst->n_rpairs, inst->rpairs,
                 sizeof *inst->rpairs, offsetof(lm_rpair, resource));
}

static void add_pair_columns(build *b)
{
    const lm_policy *pol = &b->m->policy;
    double dist_cost = b->mode == LM_FORM_FULL ? pol->distance_cost : 0.0;
    for (size_t p = 0; p < b->inst->n_pairs; p++) {
        const lm_pair *pr = &b->inst->pairs[p];
        if (lm_pair_is_listed(b->inst, p)) {
            /* Chosen whole or not at all; a fixed listed pair is chosen. */
            double value = b->mode == LM_FORM_FULL ? b->inst->value[p] : 0.0;
            b->f->col_x[p] = add_col(b->f->lp, true, pr->fixed_hours > 0 ? 1.0 : 0.0, 1.0, value);
            name_col(b, b->f->col_x[p], "u", NK_VOLUNTEER, pr->volunteer, NK_NEED, pr->need);
            continue;
        }
        /* x is whole hours: a fixed 2.5 hours means at least 3. */
        double lb = pr->fixed_hours > 0 ? ceil(pr->fixed_hours - LM_EPS) : 0.0;
        double ub = fmax(pr->upper, lb);
        b->f->col_x[p] = add_col(b->f->lp, true, lb, ub, -dist_cost * pr->distance_km);
        name_col(b, b->f->col_x[p], "x", NK_VOLUNTEER, pr->volunteer, NK_NEED, pr->need);
    }
    for (size_t q = 0; q < b->inst->n_rpairs; q++) {
        const lm_rpair *rp = &b->inst->rpairs[q];
        b->f->col_y[q] = add_col(b->f->lp, true, 0.0, rp->upper, 0.0);
        name_col(b, b->f->col_y[q], "y", NK_RESOURCE, rp->resource, NK_NEED, rp->need);
    }
}

/* The change term (stable re-planning): d >= previous hours - x for each pair of the plan in
 * force (a listed pair's hours are its hours times its "chosen" column), paid at the change
 * penalty; hours of pairs that no longer exist are lost whatever the plan, a constant. */
static void add_change_columns(build *b)
{
    const lm_instance *inst = b->inst;
    if (!lm_instance_has_change_term(inst))
        return;
    double penalty = b->m->policy.change_penalty;
    for (size_t p = 0; p < inst->n_pairs; p++) {
        double previous = inst->pair_previous[p];
        if (!(previous > 0))
            continue;
        const lm_pair *pr = &inst->pairs[p];
        int d = add_col(b->f->lp, false, 0.0, previous, -penalty);
        name_col(b, d, "d", NK_VOLUNTEER, pr->volunteer, NK_NEED, pr->need);
        int row = add_le2(b->f, d, -1.0, b->f->col_x[p], -hours_coef(inst, p), -previous);
        name_row(b, row, "chg", NK_VOLUNTEER, pr->volunteer, NK_NEED, pr->need);
    }
    glp_set_obj_coef(b->f->lp, 0, -penalty * inst->previous_unpaired);
}

static void add_coverage_columns(build *b)
{
    const lm_policy *pol = &b->m->policy;
    for (size_t i = 0; i < b->m->needs.len; i++) {
        const lm_need *n = &b->m->needs.items[i];
        int prio = n->priority < 1                    ? 1
                   : n->priority > LM_PRIORITY_LEVELS ? LM_PRIORITY_LEVELS
                                                      : n->priority;
        bool required = n->required && b->mode == LM_FORM_FULL;
        bool binary = lm_glpk_need_binary(n) || (n->required && b->mode == LM_FORM_DIAGNOSE);
        double obj = b->mode == LM_FORM_FULL ? pol->priority_weights[prio - 1]
                     : n->required           ? 1.0
                                             : 0.0;
        double lb = required ? 1.0 : 0.0;
        double ub = need_forced_zero(b->inst, i) ? 0.0 : 1.0;
        int j = add_col(b->f->lp, binary, lb, lb > ub ? lb : ub, obj);
        b->f->col_c[i] = j;
        name_col(b, j, "c", NK_NEED, i, NK_NONE, 0);
        if (lb > ub) {
            /* Required but impossible: state it as a row, so the problem is plainly
             * infeasible instead of having contradictory bounds. */
            b->f->ind[1] = j;
            b->f->val[1] = 1.0;
            name_row(b, add_row(b->f, GLP_UP, 0.0, 1), "req", NK_NEED, i, NK_NONE, 0);
        }
    }
}

/* Capacity of volunteers, needs, resources and requests (rule 1). */
static bool add_capacity_rows(build *b)
{
    lm_glpk_form *f = b->f;
    const match_model *m = b->m;
    for (size_t v = 0; v < m->volunteers.len; v++) {
        size_t lo = f->vol_offsets[v], hi = f->vol_offsets[v + 1];
        if (hi == lo)
            continue;
        if (!reserve_row(f, hi - lo))
            return false;
        for (size_t k = lo; k < hi; k++) {
            f->ind[k - lo + 1] = f->col_x[f->vol_pairs[k]];
            f->val[k - lo + 1] = hours_coef(b->inst, f->vol_pairs[k]);
        }
        int row = add_row(f, GLP_UP, m->volunteers.items[v].hours, (int)(hi - lo));
        name_row(b, row, "cap_v", NK_VOLUNTEER, v, NK_NONE, 0);
    }
    for (size_t r = 0; r < m->resources.len; r++) {
        size_t lo = f->res_offsets[r], hi = f->res_offsets[r + 1];
        if (hi - lo < 2)
            continue; /* one pair: its upper bound already says it */
        if (!reserve_row(f, hi - lo))
            return false;
        for (size_t k = lo; k < hi; k++) {
            f->ind[k - lo + 1] = f->col_y[f->res_rpairs[k]];
            f->val[k - lo + 1] = 1.0;
        }
        int row = add_row(f, GLP_UP, m->resources.items[r].amount, (int)(hi - lo));
        name_row(b, row, "cap_r", NK_RESOURCE, r, NK_NONE, 0);
    }
    return true;
}

/* Which of a need's pairs a row sums, and how. */
typedef enum hours_sum {
    SUM_COMPUTED, /* the computed pairs' hours (the need's own capacity binds only them) */
    SUM_HOURS,    /* every pair's hours, listed ones at their hours when chosen */
    SUM_ANY_HOURS /* as SUM_HOURS, but a chosen listed pair counts 1 if it has hours: for
                   * binaries that may be 1 only when some hours are given */
} hours_sum;

/* Fills f->ind/val with "coef * col - sum of the need's hours" and returns the length. */
static int need_hours_row(build *b, size_t i, int col, double coef, hours_sum what)
{
    lm_glpk_form *f = b->f;
    int len = 0;
    if (col != 0) {
        f->ind[++len] = col;
        f->val[len] = coef;
    }
    for (size_t p = b->inst->need_pairs[i]; p < b->inst->need_pairs[i + 1]; p++) {
        double a = 1.0;
        if (lm_pair_is_listed(b->inst, p)) {
            double hours = b->inst->pairs[p].upper;
            if (what == SUM_COMPUTED || hours <= 0)
                continue;
            a = what == SUM_HOURS ? hours : 1.0;
        }
        f->ind[++len] = f->col_x[p];
        f->val[len] = -a;
    }
    return len;
}

/* Same for the y of request k of need i. */
static int need_request_row(build *b, size_t i, size_t k, int col, double coef)
{
    lm_glpk_form *f = b->f;
    int len = 0;
    if (col != 0) {
        f->ind[++len] = col;
        f->val[len] = coef;
    }
    for (size_t q = b->inst->need_rpairs[i]; q < b->inst->need_rpairs[i + 1]; q++) {
        if (b->inst->rpairs[q].request != k)
            continue;
        f->ind[++len] = f->col_y[q];
        f->val[len] = -1.0;
    }
    return len;
}

/* The binary "at least one hour (or unit) flows": z_<volunteer>_<need> for a volunteer pair,
 * zr_<resource>_<need> for a resource pair. Adding it adds a row, which reuses ind/val. */
static int pair_indicator(build *b, int *ind, int value_col, name_kind kind, size_t item,
                          size_t need)
{
    if (*ind == 0) {
        bool volunteer = kind == NK_VOLUNTEER;
        *ind = add_binary(b->f->lp, 1.0);
        name_col(b, *ind, volunteer ? "z" : "zr", kind, item, NK_NEED, need);
        int row = add_le2(b->f, *ind, 1.0, value_col, -1.0, 0.0);
        name_row(b, row, volunteer ? "ind" : "indr", kind, item, NK_NEED, need);
    }
    return *ind;
}

/* The binary "volunteer pair p serves its need": a listed pair's own column, else the
 * indicator z <= x. */
static int volunteer_indicator(build *b, size_t p)
{
    if (lm_pair_is_listed(b->inst, p))
        return b->f->col_x[p];
    const lm_pair *pr = &b->inst->pairs[p];
    return pair_indicator(b, &b->f->col_ind[p], b->f->col_x[p], NK_VOLUNTEER, pr->volunteer,
                          pr->need);
}

/* Makes the indicators of need i's volunteer pairs (before a row that sums them is filled,
 * since making one adds a row). */
static void need_indicators(build *b, size_t i)
{
    for (size_t p = b->inst->need_pairs[i]; p < b->inst->need_pairs[i + 1]; p++)
        volunteer_indicator(b, p);
}

/* Fills f->ind/val with "sum of the need's volunteer indicators - coef * col" (col 0: none)
 * and returns the length; the indicators must exist already (need_indicators()). */
static int need_team_row(build *b, size_t i, int col, double coef)
{
    lm_glpk_form *f = b->f;
    int len = 0;
    for (size_t p = b->inst->need_pairs[i]; p < b->inst->need_pairs[i + 1]; p++) {
        f->ind[++len] = lm_pair_is_listed(b->inst, p) ? f->col_x[p] : f->col_ind[p];
        f->val[len] = 1.0;
    }
    if (col != 0) {
        f->ind[++len] = col;
        f->val[len] = -coef;
    }
    return len;
}

/* At most max_volunteers distinct volunteers: each computed pair's indicator is forced to 1
 * by any hour (x <= upper z), and the indicators and chosen listed pairs are counted. */
static void add_max_volunteers(build *b, size_t i, int max)
{
    lm_glpk_form *f = b->f;
    const lm_instance *inst = b->inst;
    size_t lo = inst->need_pairs[i], hi = inst->need_pairs[i + 1];
    if (hi - lo <= (size_t)max)
        return; /* not enough pairs to break it */
    need_indicators(b, i);
    for (size_t p = lo; p < hi; p++) {
        if (lm_pair_is_listed(inst, p))
            continue;
        const lm_pair *pr = &inst->pairs[p];
        int row = add_le2(f, f->col_x[p], 1.0, f->col_ind[p], -pr->upper, 0.0);
        name_row(b, row, "maxz", NK_VOLUNTEER, pr->volunteer, NK_NEED, i);
    }
    int len = need_team_row(b, i, 0, 0.0);
    name_row(b, add_row(f, GLP_UP, (double)max, len), "maxv", NK_NEED, i, NK_NONE, 0);
}

/* Per need: capacity (rule 1), coverage (rule 2), distinct volunteers (rule 3) and
 * max_volunteers. */
static bool add_need_rows(build *b)
{
    lm_glpk_form *f = b->f;
    const lm_instance *inst = b->inst;
    for (size_t i = 0; i < b->m->needs.len; i++) {
        const lm_need *n = &b->m->needs.items[i];
        size_t np = inst->need_pairs[i + 1] - inst->need_pairs[i];
        size_t nq = inst->need_rpairs[i + 1] - inst->need_rpairs[i];
        size_t listed = need_listed(inst, i);
        if (!reserve_row(f, (np > nq ? np : nq) + 1))
            return false;
        int c = f->col_c[i];
        if (np > listed) {
            /* sum x <= hours, with the x negated: -sum x >= -hours. */
            int row = add_row(f, GLP_LO, -n->hours, need_hours_row(b, i, 0, 0.0, SUM_COMPUTED));
            name_row(b, row, "cap_n", NK_NEED, i, NK_NONE, 0);
        }
        if (n->hours > 0) {
            int row = add_row(f, GLP_UP, 0.0, need_hours_row(b, i, c, n->hours, SUM_HOURS));
            name_row(b, row, "cov", NK_NEED, i, NK_NONE, 0);
        }
        for (size_t k = 0; k < n->n_requests; k++) {
            int len = need_request_row(b, i, k, 0, 0.0);
            if (len >= 2) {
                int row = add_row(f, GLP_LO, -n->requests[k].amount, len);
                name_row(b, row, "cap_n", NK_NEED, i, NK_TYPE, k);
            }
            int row = add_row(f, GLP_UP, 0.0, need_request_row(b, i, k, c, n->requests[k].amount));
            name_row(b, row, "cov", NK_NEED, i, NK_TYPE, k);
        }
        int mv = lm_need_min_volunteers(n);
        /* With mv = 1 and only computed pairs, whole hours already imply a volunteer; a
         * listed pair may have no hours (or the need none), so then the count is explicit. */
        if ((mv >= 2 || (mv == 1 && listed > 0)) && !need_forced_zero(inst, i)) {
            /* z[p] = 1 only if x[p] >= 1 (a listed pair: chosen), and c = 1 needs mv. */
            need_indicators(b, i);
            int len = need_team_row(b, i, c, (double)mv);
            name_row(b, add_row(f, GLP_LO, 0.0, len), "team", NK_NEED, i, NK_NONE, 0);
        }
        int max = lm_need_max_volunteers(n);
        if (max >= 0)
            add_max_volunteers(b, i, max);
    }
    return true;
}

/* s_v >= min_hours - sum x, paid at the shortfall penalty. */
static bool add_volunteer_shortfalls(build *b)
{
    lm_glpk_form *f = b->f;
    const match_model *m = b->m;
    double penalty = m->policy.volunteer_shortfall_penalty;
    if (penalty <= 0)
        return true;
    for (size_t v = 0; v < m->volunteers.len; v++) {
        double min_hours = lm_volunteer_min_hours(m, &m->volunteers.items[v]);
        if (min_hours <= 0)
            continue;
        size_t lo = f->vol_offsets[v], hi = f->vol_offsets[v + 1];
        if (!reserve_row(f, hi - lo + 1))
            return false;
        int s = add_col(f->lp, false, 0.0, min_hours, -penalty);
        name_col(b, s, "s", NK_VOLUNTEER, v, NK_NONE, 0);
        int len = 0;
        f->ind[++len] = s;
        f->val[len] = 1.0;
        for (size_t k = lo; k < hi; k++) {
            f->ind[++len] = f->col_x[f->vol_pairs[k]];
            f->val[len] = hours_coef(b->inst, f->vol_pairs[k]);
        }
        name_row(b, add_row(f, GLP_LO, min_hours, len), "short_v", NK_VOLUNTEER, v, NK_NONE, 0);
    }
    return true;
}

static bool unit_counts(const match_model *m, size_t u)
{
    return u != LM_NONE && m->policy.unit_shortfall_penalty > 0 &&
           lm_unit_min_projects(m, &m->units.items[u]) > 0;
}

/* Lists in f->need_units the distinct counted units that take part in need i. */
static size_t units_at_need(build *b, size_t i)
{
    lm_glpk_form *f = b->f;
    const lm_instance *inst = b->inst;
    size_t count = 0;
    for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; p++) {
        size_t u = b->m->volunteers.items[inst->pairs[p].volunteer].unit;
        if (unit_counts(b->m, u) && f->unit_stamp[u] != i + 1) {
            f->unit_stamp[u] = i + 1;
            f->need_units[count++] = u;
        }
    }
    for (size_t q = inst->need_rpairs[i]; q < inst->need_rpairs[i + 1]; q++) {
        size_t u = b->m->resources.items[inst->rpairs[q].resource].unit;
        if (unit_counts(b->m, u) && f->unit_stamp[u] != i + 1) {
            f->unit_stamp[u] = i + 1;
            f->need_units[count++] = u;
        }
    }
    return count;
}

/* The binary "need i has coverage > 0" that project variables lean on. */
static int need_active(build *b, size_t i)
{
    lm_glpk_form *f = b->f;
    const lm_need *n = &b->m->needs.items[i];
    if (lm_glpk_need_binary(n))
        return f->col_c[i]; /* c = 1 is full coverage, hence > 0 */
    int a = add_binary(f->lp, need_forced_zero(b->inst, i) ? 0.0 : 1.0);
    name_col(b, a, "g", NK_NEED, i, NK_NONE, 0);
    /* a = 1 only if every requirement gets something, which is when the plan's coverage
     * (the largest the assignment allows) is above zero. */
    if (n->hours > 0) {
        int row = add_row(f, GLP_UP, 0.0, need_hours_row(b, i, a, 1.0, SUM_ANY_HOURS));
        name_row(b, row, "act", NK_NEED, i, NK_NONE, 0);
    }
    for (size_t k = 0; k < n->n_requests; k++) {
        int row = add_row(f, GLP_UP, 0.0, need_request_row(b, i, k, a, 1.0));
        name_row(b, row, "act", NK_NEED, i, NK_TYPE, k);
    }
    if (lm_need_min_volunteers(n) >= 1 && need_listed(b->inst, i) > 0) {
        /* Coverage above zero also needs a volunteer (a listed pair may bring no hours). */
        need_indicators(b, i);
        int row = add_row(f, GLP_LO, 0.0, need_team_row(b, i, a, 1.0));
        name_row(b, row, "act_team", NK_NEED, i, NK_NONE, 0);
    }
    return a;
}

static bool add_project(build *b, size_t u, size_t i, int active)
{
    lm_glpk_form *f = b->f;
    const lm_instance *inst = b->inst;
    int proj = add_binary(f->lp, 1.0);
    name_col(b, proj, "k", NK_UNIT, u, NK_NEED, i);
    name_row(b, add_le2(f, proj, 1.0, active, -1.0, 0.0), "kg", NK_UNIT, u, NK_NEED, i);
    /* Indicators first: creating one adds a row, which reuses ind/val. */
    for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; p++)
        if (b->m->volunteers.items[inst->pairs[p].volunteer].unit == u)
            volunteer_indicator(b, p);
    for (size_t q = inst->need_rpairs[i]; q < inst->need_rpairs[i + 1]; q++)
        if (b->m->resources.items[inst->rpairs[q].resource].unit == u)
            pair_indicator(b, &f->col_rind[q], f->col_y[q], NK_RESOURCE, inst->rpairs[q].resource,
                           i);
    int len = 0;
    f->ind[++len] = proj;
    f->val[len] = 1.0;
    for (size_t p = inst->need_pairs[i]; p < inst->need_pairs[i + 1]; p++)
        if (b->m->volunteers.items[inst->pairs[p].volunteer].unit == u) {
            f->ind[++len] = volunteer_indicator(b, p);
            f->val[len] = -1.0;
        }
    for (size_t q = inst->need_rpairs[i]; q < inst->need_rpairs[i + 1]; q++)
        if (b->m->resources.items[inst->rpairs[q].resource].unit == u) {
            f->ind[++len] = f->col_rind[q];
            f->val[len] = -1.0;
        }
    name_row(b, add_row(f, GLP_UP, 0.0, len), "kz", NK_UNIT, u, NK_NEED, i);
    if (!lm_reserve((void **)&f->proj, &f->cap_proj, f->n_proj + 1, sizeof *f->proj))
        return false;
    f->proj[f->n_proj].unit = u;
    f->proj[f->n_proj++].col = proj;
    return true;
}

/* t_u >= min_projects - projects[u], paid at the unit shortfall penalty. */
static bool add_unit_shortfalls(build *b)
{
    lm_glpk_form *f = b->f;
    const match_model *m = b->m;
    for (size_t i = 0; i < m->needs.len; i++) {
        size_t count = units_at_need(b, i);
        if (count == 0)
            continue;
        size_t np = b->inst->need_pairs[i + 1] - b->inst->need_pairs[i];
        size_t nq = b->inst->need_rpairs[i + 1] - b->inst->need_rpairs[i];
        if (!reserve_row(f, np + nq + 1))
            return false;
        int active = need_active(b, i);
        for (size_t k = 0; k < count; k++)
            if (!add_project(b, f->need_units[k], i, active))
                return false;
    }
    for (size_t u = 0; u < m->units.len; u++) {
        if (!unit_counts(m, u))
            continue;
        double min_projects = lm_unit_min_projects(m, &m->units.items[u]);
        size_t mine = 0;
        for (size_t k = 0; k < f->n_proj; k++)
            mine += f->proj[k].unit == u;
        if (!reserve_row(f, mine + 1))
            return false;
        int t = add_col(f->lp, false, 0.0, min_projects, -m->policy.unit_shortfall_penalty);
        name_col(b, t, "t", NK_UNIT, u, NK_NONE, 0);
        int len = 0;
        f->ind[++len] = t;
        f->val[len] = 1.0;
        for (size_t k = 0; k < f->n_proj; k++)
            if (f->proj[k].unit == u) {
                f->ind[++len] = f->proj[k].col;
                f->val[len] = 1.0;
            }
        name_row(b, add_row(f, GLP_LO, min_projects, len), "short_u", NK_UNIT, u, NK_NONE, 0);
    }
    return true;
}

int lm_glpk_form_build(lm_glpk_form *f, const lm_instance *inst, lm_form_mode mode,
                       const lm_glpk_naming *naming, char *errmsg)
{
    memset(f, 0, sizeof *f);
    build b = {.f = f, .inst = inst, .m = inst->model, .mode = mode, .naming = naming};
    if (!alloc_arrays(f, inst) || !reserve_row(f, 2))
        goto nomem;
    f->lp = glp_create_prob();
    glp_set_obj_dir(f->lp, GLP_MAX);
    if (naming != NULL) {
        const char *name = inst->model->name;
        glp_set_prob_name(f->lp, name != NULL && safe_id(name) ? name : "libmatch");
        glp_set_obj_name(f->lp, "value");
    }
    add_pair_columns(&b);
    if (mode == LM_FORM_FULL)
        add_change_columns(&b);
    add_coverage_columns(&b);
    if (!add_capacity_rows(&b) || !add_need_rows(&b))
        goto nomem;
    if (mode == LM_FORM_FULL && (!add_volunteer_shortfalls(&b) || !add_unit_shortfalls(&b)))
        goto nomem;
    return MATCH_OK;
nomem:
    lm_errmsg_set(errmsg, "out of memory while building the integer program");
    return MATCH_ENOMEM;
}

void lm_glpk_form_free(lm_glpk_form *f)
{
    free(f->col_x);
    free(f->col_y);
    free(f->col_c);
    free(f->col_ind);
    free(f->col_rind);
    free(f->vol_offsets);
    free(f->vol_pairs);
    free(f->res_offsets);
    free(f->res_rpairs);
    free(f->unit_stamp);
    free(f->need_units);
    free(f->proj);
    free(f->ind);
    free(f->val);
    memset(f, 0, sizeof *f);
}
