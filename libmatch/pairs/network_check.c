#include "network_check.h"

#include <stdarg.h>
#include <stdio.h>

/* Describes the coupling rule found and returns false, so callers can `return coupled(...)`. */
static bool coupled(char *why, size_t why_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool coupled(char *why, size_t why_size, const char *fmt, ...)
{
    if (why != NULL && why_size > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, why_size, fmt, ap);
        va_end(ap);
    }
    return false;
}

bool lm_instance_needs_mip(const lm_instance *inst, char *why, size_t why_size)
{
    const match_model *m = inst->model;
    if (m->n_listed > 0) {
        const lm_listed *first = &m->listed[0];
        coupled(why, why_size,
                "listed pairs are chosen whole (volunteer \"%s\", need \"%s\" and %zu more)",
                m->volunteers.items[first->volunteer].id, m->needs.items[first->need].id,
                m->n_listed - 1);
        return true;
    }
    for (size_t i = 0; i < m->needs.len; ++i) {
        const lm_need *n = &m->needs.items[i];
        int max = lm_need_max_volunteers(n);
        if (max >= 0) {
            coupled(why, why_size, "need \"%s\" allows at most %d volunteers", n->id, max);
            return true;
        }
    }
    return false;
}

bool lm_instance_is_network(const lm_instance *inst, char *why, size_t why_size)
{
    const match_model *m = inst->model;
    if (lm_instance_needs_mip(inst, why, why_size))
        return false;
    if (m->policy.unit_shortfall_penalty > 0) {
        for (size_t u = 0; u < m->units.len; ++u) {
            int min_projects = lm_unit_min_projects(m, &m->units.items[u]);
            if (min_projects > 0)
                return coupled(why, why_size, "unit \"%s\" must join %d project%s",
                               m->units.items[u].id, min_projects, min_projects == 1 ? "" : "s");
        }
    }
    for (size_t i = 0; i < m->needs.len; ++i) {
        const lm_need *n = &m->needs.items[i];
        if (n->all_or_nothing)
            return coupled(why, why_size, "need \"%s\" is all-or-nothing", n->id);
        int team = lm_need_min_volunteers(n);
        if (team > 1)
            return coupled(why, why_size, "need \"%s\" needs a team of %d", n->id, team);
        int kinds = (n->hours > 0 ? 1 : 0) + (int)n->n_requests;
        if (kinds > 1)
            return coupled(why, why_size, "need \"%s\" has %d kinds of requirement", n->id, kinds);
    }
    return true;
}
