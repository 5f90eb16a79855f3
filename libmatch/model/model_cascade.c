/*
 * Removing an item together with its dependents (match_model_remove_ex()), and the report
 * of what a removal removed.
 *
 * The dependents of an item are the items that cannot exist without it: a community's
 * units, volunteers and needs; a unit's resources (and, through a community, its units'
 * resources). A volunteer outside the community who is a member of a unit that goes stays,
 * without a unit. Each removal is made with match_model_remove(), so its rules (a volunteer
 * or need goes with its pairs and plan-in-force entries) apply unchanged.
 */
#include <stdlib.h>
#include <string.h>

#include "libmatch/edit.h"
#include "model_internal.h"

struct lm_removed {
    match_item_kind kind;
    char *id;
};

void lm_removed_free(match_model *m)
{
    for (size_t k = 0; k < m->n_removed; ++k)
        free(m->removed[k].id);
    free(m->removed);
    m->removed = NULL;
    m->n_removed = m->cap_removed = 0;
}

static void clear_report(match_model *m)
{
    for (size_t k = 0; k < m->n_removed; ++k)
        free(m->removed[k].id);
    m->n_removed = 0;
}

/* One step of a removal: remove (kind, id), or clear the unit of volunteer id. */
typedef struct step {
    match_item_kind kind;
    char *id;
    bool clear_unit;
} step;

typedef struct plan {
    step *steps;
    size_t len, cap;
} plan;

static bool add_step(plan *p, match_item_kind kind, const char *id, bool clear_unit)
{
    char *copy = lm_strdup(id);
    if (copy == NULL || !lm_reserve((void **)&p->steps, &p->cap, p->len + 1, sizeof *p->steps)) {
        free(copy);
        return false;
    }
    p->steps[p->len++] = (step){kind, copy, clear_unit};
    return true;
}

/* The steps that remove unit u's resources, free its members outside community `except`
 * (LM_NONE: all of them), then the unit. */
static bool plan_unit(const match_model *m, size_t u, size_t except, plan *p)
{
    bool ok = true;
    for (size_t k = 0; ok && k < m->resources.len; ++k)
        if (m->resources.items[k].unit == u)
            ok = add_step(p, MATCH_KIND_RESOURCE, m->resources.items[k].id, false);
    for (size_t k = 0; ok && k < m->volunteers.len; ++k) {
        const lm_volunteer *v = &m->volunteers.items[k];
        if (v->unit == u && v->community != except)
            ok = add_step(p, MATCH_KIND_VOLUNTEER, v->id, true);
    }
    return ok && add_step(p, MATCH_KIND_UNIT, m->units.items[u].id, false);
}

static bool plan_community(const match_model *m, size_t c, plan *p)
{
    bool ok = true;
    for (size_t k = 0; ok && k < m->volunteers.len; ++k)
        if (m->volunteers.items[k].community == c)
            ok = add_step(p, MATCH_KIND_VOLUNTEER, m->volunteers.items[k].id, false);
    for (size_t k = 0; ok && k < m->needs.len; ++k)
        if (m->needs.items[k].community == c)
            ok = add_step(p, MATCH_KIND_NEED, m->needs.items[k].id, false);
    for (size_t k = 0; ok && k < m->units.len; ++k)
        if (m->units.items[k].community == c)
            ok = plan_unit(m, k, c, p);
    return ok && add_step(p, MATCH_KIND_COMMUNITY, m->communities.items[c].id, false);
}

static int record(match_model *m, match_item_kind kind, const char *id)
{
    char *copy = lm_strdup(id);
    if (copy == NULL ||
        !lm_reserve((void **)&m->removed, &m->cap_removed, m->n_removed + 1, sizeof *m->removed)) {
        free(copy);
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    }
    m->removed[m->n_removed++] = (struct lm_removed){kind, copy};
    return MATCH_OK;
}

int match_model_remove_ex(match_model *m, match_item_kind kind, const char *id, unsigned flags)
{
    if (m == NULL)
        return MATCH_EINVAL;
    clear_report(m);
    size_t k = LM_NONE;
    if (id != NULL && kind == MATCH_KIND_COMMUNITY)
        k = lm_find_community(m, id);
    else if (id != NULL && kind == MATCH_KIND_UNIT)
        k = lm_find_unit(m, id);
    if (!(flags & MATCH_REMOVE_CASCADE) || k == LM_NONE) {
        /* Nothing depends on a volunteer, resource or need; unknown items fail here. */
        int rc = match_model_remove(m, kind, id);
        return rc == MATCH_OK ? record(m, kind, id) : rc;
    }
    plan p = {0};
    bool planned =
        kind == MATCH_KIND_COMMUNITY ? plan_community(m, k, &p) : plan_unit(m, k, LM_NONE, &p);
    int rc = planned ? MATCH_OK : lm_fail(m, MATCH_ENOMEM, "out of memory");
    for (size_t s = 0; rc == MATCH_OK && s < p.len; ++s) {
        if (p.steps[s].clear_unit) {
            rc = match_model_clear_volunteer_unit(m, p.steps[s].id);
            continue;
        }
        rc = match_model_remove(m, p.steps[s].kind, p.steps[s].id);
        if (rc == MATCH_OK)
            rc = record(m, p.steps[s].kind, p.steps[s].id);
    }
    for (size_t s = 0; s < p.len; ++s)
        free(p.steps[s].id);
    free(p.steps);
    return rc;
}

size_t match_model_removed_count(const match_model *m)
{
    return m != NULL ? m->n_removed : 0;
}

const char *match_model_removed_id(const match_model *m, size_t k)
{
    return m != NULL && k < m->n_removed ? m->removed[k].id : NULL;
}

match_item_kind match_model_removed_kind(const match_model *m, size_t k)
{
    return m != NULL && k < m->n_removed ? m->removed[k].kind : MATCH_KIND_NONE;
}
