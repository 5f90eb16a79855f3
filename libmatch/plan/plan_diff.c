/*
 * Comparing two plans by ids (diff.h). Needs, volunteers and groups are matched by their
 * ids and keys, never by position, so plans of two different models compare too.
 */
#include "libmatch/diff.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../common/strmap.h"
#include "plan_diff_internal.h"

#define SAME(a, b) (fabs((a) - (b)) <= 1e-9)

/* Coverage this close to 1 counts as full. */
static bool is_met(double coverage)
{
    return coverage >= 1.0 - 1e-9;
}

void match_diff_destroy(match_diff *d)
{
    if (d == NULL)
        return;
    for (size_t k = 0; k < d->n_needs; ++k) {
        free(d->needs[k].id);
        free(d->needs[k].category);
        free(d->needs[k].street);
    }
    for (size_t k = 0; k < d->n_moves; ++k) {
        free(d->moves[k].volunteer);
        free(d->moves[k].need);
    }
    for (int g = 0; g < LM_DIFF_GROUPINGS; ++g) {
        for (size_t k = 0; k < d->n_groups[g]; ++k)
            free(d->groups[g][k].key);
        free(d->groups[g]);
    }
    free(d->needs);
    free(d->moves);
    free(d);
}

/* ---- Building -------------------------------------------------------------------------- */

typedef struct diff_build {
    match_diff *d;
    const match_plan *plan[2];
    lm_strmap ids[2]; /* need id -> index, per side */
    size_t cap_needs, cap_moves;
} diff_build;

static bool index_needs(lm_strmap *map, const match_plan *p)
{
    for (size_t i = 0; i < p->n_needs; ++i) {
        size_t seen;
        /* A plan lists each need once; a hand-made file that repeats one keeps the first. */
        if (!lm_strmap_get(map, p->needs[i].id, &seen) && !lm_strmap_put(map, p->needs[i].id, i))
            return false;
    }
    return true;
}

static const lm_plan_need *need_of(const diff_build *b, int side, const char *id)
{
    size_t i;
    return lm_strmap_get(&b->ids[side], id, &i) ? &b->plan[side]->needs[i] : NULL;
}

static double hours_of(const lm_plan_need *n, const char *volunteer)
{
    if (n == NULL)
        return 0.0;
    for (size_t k = 0; k < n->n_volunteers; ++k)
        if (strcmp(n->volunteers[k].id, volunteer) == 0)
            return n->volunteers[k].amount;
    return 0.0;
}

static bool add_move(diff_build *b, const char *volunteer, const char *need, double before,
                     double after)
{
    match_diff *d = b->d;
    if (!lm_reserve((void **)&d->moves, &b->cap_moves, d->n_moves + 1, sizeof *d->moves))
        return false;
    lm_diff_move *mv = &d->moves[d->n_moves];
    mv->volunteer = lm_strdup(volunteer);
    mv->need = lm_strdup(need);
    mv->hours[MATCH_BEFORE] = before;
    mv->hours[MATCH_AFTER] = after;
    d->n_moves++; /* owned from here, even if a copy failed */
    return mv->volunteer != NULL && mv->need != NULL;
}

/* The pairs of need `id` whose hours differ: the after plan's volunteers, then those only the
 * before plan gives hours. */
static bool diff_moves(diff_build *b, const char *id)
{
    const lm_plan_need *before = need_of(b, MATCH_BEFORE, id);
    const lm_plan_need *after = need_of(b, MATCH_AFTER, id);
    for (size_t k = 0; after != NULL && k < after->n_volunteers; ++k) {
        const lm_plan_share *s = &after->volunteers[k];
        double was = hours_of(before, s->id);
        if (!SAME(was, s->amount) && !add_move(b, s->id, id, was, s->amount))
            return false;
    }
    for (size_t k = 0; before != NULL && k < before->n_volunteers; ++k) {
        const lm_plan_share *s = &before->volunteers[k];
        bool in_after = false;
        for (size_t j = 0; after != NULL && j < after->n_volunteers && !in_after; ++j)
            in_after = strcmp(after->volunteers[j].id, s->id) == 0;
        if (!in_after && s->amount != 0 && !add_move(b, s->id, id, s->amount, 0.0))
            return false;
    }
    return true;
}

static bool classify(double before, double after, match_change *change)
{
    if (is_met(after) && !is_met(before))
        *change = MATCH_CHANGE_GAINED;
    else if (is_met(before) && !is_met(after))
        *change = MATCH_CHANGE_LOST;
    else if (after > before + 1e-9)
        *change = MATCH_CHANGE_RAISED;
    else if (after < before - 1e-9)
        *change = MATCH_CHANGE_LOWERED;
    else
        return false;
    return true;
}

/* Records need `id` if its coverage changed, and the moves of its volunteers either way. */
static bool diff_need(diff_build *b, const char *id)
{
    const lm_plan_need *before = need_of(b, MATCH_BEFORE, id);
    const lm_plan_need *after = need_of(b, MATCH_AFTER, id);
    double cov[2] = {before ? before->coverage : 0.0, after ? after->coverage : 0.0};
    match_change change;
    if (classify(cov[MATCH_BEFORE], cov[MATCH_AFTER], &change)) {
        match_diff *d = b->d;
        if (!lm_reserve((void **)&d->needs, &b->cap_needs, d->n_needs + 1, sizeof *d->needs))
            return false;
        const lm_plan_need *info = after != NULL ? after : before;
        lm_diff_need *n = &d->needs[d->n_needs++];
        *n = (lm_diff_need){lm_strdup(id),
                            change,
                            {cov[0], cov[1]},
                            info->priority,
                            lm_strdup(info->category ? info->category : ""),
                            lm_strdup(info->street ? info->street : "")};
        if (n->id == NULL || n->category == NULL || n->street == NULL)
            return false;
    }
    return diff_moves(b, id);
}

/* ---- Groups ---------------------------------------------------------------------------- */

static const char *group_key(const lm_plan_need *n, int by, char *buf)
{
    if (by == MATCH_BY_PRIORITY) {
        buf[0] = (char)('0' + (n->priority >= 1 && n->priority <= 5 ? n->priority : 0));
        buf[1] = '\0';
        return buf;
    }
    const char *key = by == MATCH_BY_STREET ? n->street : n->category;
    return key != NULL ? key : "";
}

static int by_key(const void *a, const void *b)
{
    const lm_diff_group *x = a, *y = b;
    return strcmp(x->key, y->key);
}

static int by_key_descending(const void *a, const void *b)
{
    return -by_key(a, b);
}

static bool build_groups(diff_build *b, int by)
{
    match_diff *d = b->d;
    lm_strmap keys = {0};
    size_t cap = 0;
    bool ok = true;
    char buf[2];
    /* Every key of either plan, once; priorities 5..1 always. */
    for (int side = -1; side < 2 && ok; ++side) {
        size_t n = side < 0 ? (by == MATCH_BY_PRIORITY ? 5 : 0) : b->plan[side]->n_needs;
        for (size_t i = 0; i < n && ok; ++i) {
            char prio[2] = {(char)('1' + i), '\0'};
            const char *key = side < 0 ? prio : group_key(&b->plan[side]->needs[i], by, buf);
            size_t seen;
            if (lm_strmap_get(&keys, key, &seen))
                continue;
            ok = lm_reserve((void **)&d->groups[by], &cap, d->n_groups[by] + 1,
                            sizeof *d->groups[by]);
            if (!ok)
                break;
            lm_diff_group *g = &d->groups[by][d->n_groups[by]];
            *g = (lm_diff_group){0};
            g->key = lm_strdup(key);
            ok = g->key != NULL;
            if (ok)
                d->n_groups[by]++;
            ok = ok && lm_strmap_put(&keys, g->key, d->n_groups[by] - 1);
        }
    }
    lm_strmap_free(&keys);
    if (!ok)
        return false;
    qsort(d->groups[by], d->n_groups[by], sizeof *d->groups[by],
          by == MATCH_BY_PRIORITY ? by_key_descending : by_key);
    memset(&keys, 0, sizeof keys);
    for (size_t k = 0; k < d->n_groups[by] && ok; ++k)
        ok = lm_strmap_put(&keys, d->groups[by][k].key, k);
    for (int side = 0; side < 2 && ok; ++side) {
        for (size_t i = 0; i < b->plan[side]->n_needs; ++i) {
            const lm_plan_need *n = &b->plan[side]->needs[i];
            size_t k = 0;
            lm_strmap_get(&keys, group_key(n, by, buf), &k);
            lm_diff_group *g = &d->groups[by][k];
            g->needs[side]++;
            g->met[side] += is_met(n->coverage);
            g->coverage[side] += n->coverage;
        }
    }
    lm_strmap_free(&keys);
    return ok;
}

static bool count_volunteers_moved(match_diff *d)
{
    lm_strmap seen = {0};
    size_t index;
    d->volunteers_moved = 0;
    for (size_t k = 0; k < d->n_moves; ++k) {
        if (lm_strmap_get(&seen, d->moves[k].volunteer, &index))
            continue;
        if (!lm_strmap_put(&seen, d->moves[k].volunteer, k)) {
            lm_strmap_free(&seen);
            return false;
        }
        d->volunteers_moved++;
    }
    lm_strmap_free(&seen);
    return true;
}

static bool build(diff_build *b)
{
    match_diff *d = b->d;
    for (int side = 0; side < 2; ++side) {
        d->objective[side] = b->plan[side]->objective;
        d->status[side] = b->plan[side]->status;
        if (!index_needs(&b->ids[side], b->plan[side]))
            return false;
    }
    const match_plan *after = b->plan[MATCH_AFTER], *before = b->plan[MATCH_BEFORE];
    for (size_t i = 0; i < after->n_needs; ++i) {
        size_t first;
        lm_strmap_get(&b->ids[MATCH_AFTER], after->needs[i].id, &first);
        if (first == i && !diff_need(b, after->needs[i].id))
            return false;
    }
    for (size_t i = 0; i < before->n_needs; ++i) {
        size_t first, there;
        lm_strmap_get(&b->ids[MATCH_BEFORE], before->needs[i].id, &first);
        if (first != i || lm_strmap_get(&b->ids[MATCH_AFTER], before->needs[i].id, &there))
            continue;
        if (!diff_need(b, before->needs[i].id))
            return false;
    }
    for (int by = 0; by < LM_DIFF_GROUPINGS; ++by)
        if (!build_groups(b, by))
            return false;
    return count_volunteers_moved(d);
}

int match_plan_diff(match_diff **out, const match_plan *before, const match_plan *after)
{
    if (out == NULL)
        return MATCH_EINVAL;
    *out = NULL;
    if (before == NULL || after == NULL)
        return MATCH_EINVAL;
    diff_build b = {.plan = {before, after}};
    b.d = calloc(1, sizeof *b.d);
    if (b.d == NULL)
        return MATCH_ENOMEM;
    bool ok = build(&b);
    lm_strmap_free(&b.ids[0]);
    lm_strmap_free(&b.ids[1]);
    if (!ok) {
        match_diff_destroy(b.d);
        return MATCH_ENOMEM;
    }
    *out = b.d;
    return MATCH_OK;
}

/* ---- Reading --------------------------------------------------------------------------- */

static bool side_ok(match_side side)
{
    return side == MATCH_BEFORE || side == MATCH_AFTER;
}

double match_diff_objective(const match_diff *d, match_side side)
{
    return d != NULL && side_ok(side) ? d->objective[side] : NAN;
}

match_status match_diff_status(const match_diff *d, match_side side)
{
    return d != NULL && side_ok(side) ? d->status[side] : MATCH_STATUS_ERROR;
}

size_t match_diff_need_count(const match_diff *d)
{
    return d != NULL ? d->n_needs : 0;
}

static const lm_diff_need *diff_need_at(const match_diff *d, size_t k)
{
    return d != NULL && k < d->n_needs ? &d->needs[k] : NULL;
}

const char *match_diff_need_id(const match_diff *d, size_t k)
{
    const lm_diff_need *n = diff_need_at(d, k);
    return n != NULL ? n->id : NULL;
}

match_change match_diff_need_change(const match_diff *d, size_t k)
{
    const lm_diff_need *n = diff_need_at(d, k);
    return n != NULL ? n->change : MATCH_CHANGE_GAINED;
}

double match_diff_need_coverage(const match_diff *d, size_t k, match_side side)
{
    const lm_diff_need *n = diff_need_at(d, k);
    return n != NULL && side_ok(side) ? n->coverage[side] : NAN;
}

int match_diff_need_priority(const match_diff *d, size_t k)
{
    const lm_diff_need *n = diff_need_at(d, k);
    return n != NULL ? n->priority : 0;
}

const char *match_diff_need_category(const match_diff *d, size_t k)
{
    const lm_diff_need *n = diff_need_at(d, k);
    return n != NULL ? n->category : NULL;
}

const char *match_diff_need_street(const match_diff *d, size_t k)
{
    const lm_diff_need *n = diff_need_at(d, k);
    return n != NULL ? n->street : NULL;
}

size_t match_diff_move_count(const match_diff *d)
{
    return d != NULL ? d->n_moves : 0;
}

const char *match_diff_move_volunteer(const match_diff *d, size_t k)
{
    return d != NULL && k < d->n_moves ? d->moves[k].volunteer : NULL;
}

const char *match_diff_move_need(const match_diff *d, size_t k)
{
    return d != NULL && k < d->n_moves ? d->moves[k].need : NULL;
}

double match_diff_move_hours(const match_diff *d, size_t k, match_side side)
{
    return d != NULL && k < d->n_moves && side_ok(side) ? d->moves[k].hours[side] : NAN;
}

size_t match_diff_volunteers_moved(const match_diff *d)
{
    return d != NULL ? d->volunteers_moved : 0;
}

static const lm_diff_group *group_at(const match_diff *d, match_grouping by, size_t k)
{
    if (d == NULL || (int)by < 0 || (int)by >= LM_DIFF_GROUPINGS || k >= d->n_groups[by])
        return NULL;
    return &d->groups[by][k];
}

size_t match_diff_group_count(const match_diff *d, match_grouping by)
{
    return d != NULL && (int)by >= 0 && (int)by < LM_DIFF_GROUPINGS ? d->n_groups[by] : 0;
}

const char *match_diff_group_key(const match_diff *d, match_grouping by, size_t k)
{
    const lm_diff_group *g = group_at(d, by, k);
    return g != NULL ? g->key : NULL;
}

size_t match_diff_group_needs(const match_diff *d, match_grouping by, size_t k, match_side side)
{
    const lm_diff_group *g = group_at(d, by, k);
    return g != NULL && side_ok(side) ? g->needs[side] : 0;
}

size_t match_diff_group_met(const match_diff *d, match_grouping by, size_t k, match_side side)
{
    const lm_diff_group *g = group_at(d, by, k);
    return g != NULL && side_ok(side) ? g->met[side] : 0;
}

double match_diff_group_coverage(const match_diff *d, match_grouping by, size_t k, match_side side)
{
    const lm_diff_group *g = group_at(d, by, k);
    return g != NULL && side_ok(side) ? g->coverage[side] : NAN;
}
