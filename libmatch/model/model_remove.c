/*
 * Removing whole items (match_model_remove() in edit.h). Items refer to each other by
 * index, so removing item k renumbers every reference to an item after it. The id index of
 * the list is rebuilt before anything changes: the only step that can fail (no memory)
 * comes first, and a failed call leaves the model as it was.
 */
#include "libmatch/edit.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

/* Builds an id index of the n items at base (stride bytes apart; every item struct starts
 * with its id) without item `skip`, numbering the rest in order. */
static bool index_without(lm_strmap *map, const void *base, size_t n, size_t stride, size_t skip)
{
    memset(map, 0, sizeof *map);
    for (size_t k = 0, next = 0; k < n; ++k) {
        if (k == skip)
            continue;
        const char *id = *(char *const *)((const char *)base + k * stride);
        if (!lm_strmap_put(map, id, next++)) {
            lm_strmap_free(map);
            return false;
        }
    }
    return true;
}

/* A reference to item `gone` of a list is never left behind; later ones move down by one. */
static void renumber(size_t *ref, size_t gone)
{
    if (*ref != LM_NONE && *ref > gone)
        --*ref;
}

/* Removes item k of a list: its id index is replaced by `ids`, the items after it move. */
#define LIST_REMOVE(list, k, new_ids)                                                              \
    do {                                                                                           \
        lm_strmap_free(&(list).ids);                                                               \
        (list).ids = (new_ids);                                                                    \
        memmove((list).items + (k), (list).items + (k) + 1,                                        \
                ((list).len - (k)-1) * sizeof *(list).items);                                      \
        (list).len--;                                                                              \
    } while (0)

#define INDEX_WITHOUT(map, list, k)                                                                \
    index_without((map), (list).items, (list).len, sizeof *(list).items, (k))

/* The message for an item that others still name; returns MATCH_EINPUT. */
static int still_named(match_model *m, const char *kind, const char *id, size_t count,
                       const char *first_kind, const char *first_id)
{
    return lm_fail(m, MATCH_EINPUT,
                   "%s \"%s\" cannot be removed: %zu item%s refer%s to it (first: %s \"%s\"); "
                   "remove or move %s first",
                   kind, id, count, count == 1 ? "" : "s", count == 1 ? "s" : "", first_kind,
                   first_id, count == 1 ? "it" : "them");
}

/* Counts the items that name community c; *first_kind / *first_id name the first of them. */
static size_t community_users(const match_model *m, size_t c, const char **first_kind,
                              const char **first_id)
{
    size_t count = 0;
    *first_kind = *first_id = NULL;
#define COUNT_USERS(list, kind)                                                                    \
    for (size_t k = 0; k < (list).len; ++k)                                                        \
        if ((list).items[k].community == c && count++ == 0) {                                      \
            *first_kind = (kind);                                                                  \
            *first_id = (list).items[k].id;                                                        \
        }
    COUNT_USERS(m->units, "unit")
    COUNT_USERS(m->volunteers, "volunteer")
    COUNT_USERS(m->needs, "need")
#undef COUNT_USERS
    return count;
}

static size_t unit_users(const match_model *m, size_t u, const char **first_kind,
                         const char **first_id)
{
    size_t count = 0;
    *first_kind = *first_id = NULL;
    for (size_t k = 0; k < m->volunteers.len; ++k)
        if (m->volunteers.items[k].unit == u && count++ == 0) {
            *first_kind = "volunteer";
            *first_id = m->volunteers.items[k].id;
        }
    for (size_t k = 0; k < m->resources.len; ++k)
        if (m->resources.items[k].unit == u && count++ == 0) {
            *first_kind = "resource";
            *first_id = m->resources.items[k].id;
        }
    return count;
}

static int remove_community(match_model *m, size_t c, const char *id)
{
    const char *first_kind, *first_id;
    size_t users = community_users(m, c, &first_kind, &first_id);
    if (users > 0)
        return still_named(m, "community", id, users, first_kind, first_id);
    lm_strmap ids;
    if (!INDEX_WITHOUT(&ids, m->communities, c))
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    lm_community *gone = &m->communities.items[c];
    free(gone->id);
    free(gone->name);
    free(gone->street);
    LIST_REMOVE(m->communities, c, ids);
    for (size_t k = 0; k < m->units.len; ++k)
        renumber(&m->units.items[k].community, c);
    for (size_t k = 0; k < m->volunteers.len; ++k)
        renumber(&m->volunteers.items[k].community, c);
    for (size_t k = 0; k < m->needs.len; ++k)
        renumber(&m->needs.items[k].community, c);
    return MATCH_OK;
}

static int remove_unit(match_model *m, size_t u, const char *id)
{
    const char *first_kind, *first_id;
    size_t users = unit_users(m, u, &first_kind, &first_id);
    if (users > 0)
        return still_named(m, "unit", id, users, first_kind, first_id);
    lm_strmap ids;
    if (!INDEX_WITHOUT(&ids, m->units, u))
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    free(m->units.items[u].id);
    free(m->units.items[u].name);
    LIST_REMOVE(m->units, u, ids);
    for (size_t k = 0; k < m->volunteers.len; ++k)
        renumber(&m->volunteers.items[k].unit, u);
    for (size_t k = 0; k < m->resources.len; ++k)
        renumber(&m->resources.items[k].unit, u);
    return MATCH_OK;
}

static int remove_resource(match_model *m, size_t r)
{
    lm_strmap ids;
    if (!INDEX_WITHOUT(&ids, m->resources, r))
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    free(m->resources.items[r].id);
    free(m->resources.items[r].categories.tags);
    LIST_REMOVE(m->resources, r, ids);
    return MATCH_OK;
}

/* Drops the fixed and forbidden pairs and the plan-in-force entries of volunteer v (is_need false)
 * or need i (true), and renumbers the rest. */
static void drop_pairs(match_model *m, size_t gone, bool is_need)
{
    size_t kept = 0;
    for (size_t k = 0; k < m->n_fixed; ++k) {
        lm_fixed f = m->fixed[k];
        if ((is_need ? f.need : f.volunteer) == gone)
            continue;
        renumber(is_need ? &f.need : &f.volunteer, gone);
        m->fixed[kept++] = f;
    }
    m->n_fixed = kept;
    kept = 0;
    for (size_t k = 0; k < m->n_forbidden; ++k) {
        lm_forbidden f = m->forbidden[k];
        if ((is_need ? f.need : f.volunteer) == gone)
            continue;
        renumber(is_need ? &f.need : &f.volunteer, gone);
        m->forbidden[kept++] = f;
    }
    m->n_forbidden = kept;
    /* The plan in force keeps its other entries; the removed item's hours are gone with it. */
    kept = 0;
    for (size_t k = 0; k < m->n_previous; ++k) {
        lm_previous e = m->previous[k];
        if ((is_need ? e.need : e.volunteer) == gone)
            continue;
        renumber(is_need ? &e.need : &e.volunteer, gone);
        m->previous[kept++] = e;
    }
    m->n_previous = kept;
}

/* The listed-pair index without the pairs of volunteer v (is_need false) or need i (true),
 * with the rest renumbered: built before anything changes, so that running out of memory
 * leaves the model as it was. */
static bool listed_index_without(lm_pairmap *out, const match_model *m, size_t gone, bool is_need)
{
    *out = (lm_pairmap){0};
    size_t kept = 0;
    for (size_t k = 0; k < m->n_listed; ++k) {
        lm_listed p = m->listed[k];
        if ((is_need ? p.need : p.volunteer) == gone)
            continue;
        renumber(is_need ? &p.need : &p.volunteer, gone);
        if (!lm_pairmap_put(out, p.volunteer, p.need, kept++)) {
            lm_pairmap_free(out);
            return false;
        }
    }
    return true;
}

/* Drops the listed pairs of volunteer v (is_need false) or need i (true), renumbers the rest
 * and installs their new index. A need keeps count of its listed pairs. */
static void drop_listed(match_model *m, size_t gone, bool is_need, lm_pairmap *index)
{
    size_t kept = 0;
    for (size_t k = 0; k < m->n_listed; ++k) {
        lm_listed p = m->listed[k];
        if ((is_need ? p.need : p.volunteer) == gone) {
            if (!is_need)
                m->needs.items[p.need].n_listed--;
            continue;
        }
        renumber(is_need ? &p.need : &p.volunteer, gone);
        m->listed[kept++] = p;
    }
    m->n_listed = kept;
    lm_pairmap_free(&m->listed_index);
    m->listed_index = *index;
}

static int remove_volunteer(match_model *m, size_t v)
{
    lm_strmap ids;
    lm_pairmap listed;
    if (!listed_index_without(&listed, m, v, false))
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    if (!INDEX_WITHOUT(&ids, m->volunteers, v)) {
        lm_pairmap_free(&listed);
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    }
    drop_listed(m, v, false, &listed);
    lm_volunteer *gone = &m->volunteers.items[v];
    free(gone->id);
    free(gone->skills.tags);
    free(gone->slots.tags);
    LIST_REMOVE(m->volunteers, v, ids);
    drop_pairs(m, v, false);
    return MATCH_OK;
}

static int remove_need(match_model *m, size_t i)
{
    lm_strmap ids;
    lm_pairmap listed;
    if (!listed_index_without(&listed, m, i, true))
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    if (!INDEX_WITHOUT(&ids, m->needs, i)) {
        lm_pairmap_free(&listed);
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    }
    drop_listed(m, i, true, &listed);
    lm_need *gone = &m->needs.items[i];
    free(gone->id);
    free(gone->requests);
    free(gone->skills.tags);
    free(gone->slots.tags);
    LIST_REMOVE(m->needs, i, ids);
    drop_pairs(m, i, true);
    return MATCH_OK;
}

int match_model_remove(match_model *m, match_item_kind kind, const char *id)
{
    if (m == NULL)
        return MATCH_EINVAL;
    static const char *const kind_names[] = {"community", "unit", "volunteer", "resource", "need"};
    if ((int)kind < 0 || (int)kind > (int)MATCH_NEED)
        return lm_fail(m, MATCH_EINVAL, "remove: unknown item kind %d", (int)kind);
    const char *name = kind_names[kind];
    if (id == NULL || id[0] == '\0')
        return lm_fail(m, MATCH_EINVAL, "remove %s: id must be a non-empty string", name);
    size_t (*const finders[])(const match_model *, const char *) = {
        lm_find_community, lm_find_unit, lm_find_volunteer, lm_find_resource, lm_find_need};
    size_t k = finders[kind](m, id);
    if (k == LM_NONE)
        return lm_fail(m, MATCH_ENOTFOUND, "remove: no %s with id \"%s\"", name, id);
    switch (kind) {
    case MATCH_COMMUNITY:
        return remove_community(m, k, id);
    case MATCH_UNIT:
        return remove_unit(m, k, id);
    case MATCH_VOLUNTEER:
        return remove_volunteer(m, k);
    case MATCH_RESOURCE:
        return remove_resource(m, k);
    case MATCH_NEED:
        return remove_need(m, k);
    }
    return MATCH_EINVAL;
}
