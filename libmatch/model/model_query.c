/* Looking items up by id and by index, and copying a whole model. */
#include "model_internal.h"

#include <stdlib.h>
#include <string.h>

static size_t find_in(const lm_strmap *ids, const char *id)
{
    size_t index;
    if (id == NULL || !lm_strmap_get(ids, id, &index))
        return LM_NONE;
    return index;
}

size_t lm_find_community(const match_model *m, const char *id)
{
    return find_in(&m->communities.ids, id);
}

size_t lm_find_unit(const match_model *m, const char *id)
{
    return find_in(&m->units.ids, id);
}

size_t lm_find_volunteer(const match_model *m, const char *id)
{
    return find_in(&m->volunteers.ids, id);
}

size_t lm_find_resource(const match_model *m, const char *id)
{
    return find_in(&m->resources.ids, id);
}

size_t lm_find_need(const match_model *m, const char *id)
{
    return find_in(&m->needs.ids, id);
}

size_t match_model_count(const match_model *m, match_item_kind kind)
{
    if (m == NULL)
        return 0;
    switch (kind) {
    case MATCH_COMMUNITY:
        return m->communities.len;
    case MATCH_UNIT:
        return m->units.len;
    case MATCH_VOLUNTEER:
        return m->volunteers.len;
    case MATCH_RESOURCE:
        return m->resources.len;
    case MATCH_NEED:
        return m->needs.len;
    }
    return 0;
}

const char *match_model_item_id(const match_model *m, match_item_kind kind, size_t index)
{
    if (index >= match_model_count(m, kind))
        return NULL;
    switch (kind) {
    case MATCH_COMMUNITY:
        return m->communities.items[index].id;
    case MATCH_UNIT:
        return m->units.items[index].id;
    case MATCH_VOLUNTEER:
        return m->volunteers.items[index].id;
    case MATCH_RESOURCE:
        return m->resources.items[index].id;
    case MATCH_NEED:
        return m->needs.items[index].id;
    }
    return NULL;
}

/* ---- Deep copy --------------------------------------------------------------------------- */

/* Duplicates src (n elements of elem bytes) into *dst; an empty array stays NULL. */
static bool copy_array(void **dst, const void *src, size_t n, size_t elem)
{
    *dst = NULL;
    if (n == 0)
        return true;
    *dst = malloc(n * elem);
    if (*dst == NULL)
        return false;
    memcpy(*dst, src, n * elem);
    return true;
}

/* Copies src's tags into dst (which holds no tags yet); false on no memory. */
static bool copy_tagset(lm_tagset *dst, const lm_tagset *src)
{
    dst->len = dst->cap = src->len;
    return copy_array((void **)&dst->tags, src->tags, src->len, sizeof *src->tags);
}

/* *dst = copy of src (NULL stays NULL); false when a non-NULL string could not be copied. */
static bool copy_string(char **dst, const char *src)
{
    *dst = lm_strdup(src);
    return src == NULL || *dst != NULL;
}

/* Indexes the n items at base (stride bytes apart) by their id, which is every item
 * struct's first member. */
static bool index_ids(lm_strmap *map, const void *base, size_t n, size_t stride)
{
    memset(map, 0, sizeof *map);
    for (size_t i = 0; i < n; ++i) {
        const char *id = *(char *const *)((const char *)base + i * stride);
        if (!lm_strmap_put(map, id, i))
            return false;
    }
    return true;
}

#define COPY_LIST(dst, src, field)                                                                 \
    (copy_array((void **)&(dst)->field.items, (src)->field.items, (src)->field.len,                \
                sizeof *(src)->field.items) &&                                                     \
     ((dst)->field.len = (dst)->field.cap = (src)->field.len, true))

#define INDEX_LIST(dst, field)                                                                     \
    index_ids(&(dst)->field.ids, (dst)->field.items, (dst)->field.len, sizeof *(dst)->field.items)

/* Clears every pointer of the flat copies, so the destructor frees only what the copy owns
 * even if a later allocation fails. */
static void forget_borrowed(match_model *m)
{
    for (size_t i = 0; i < m->communities.len; ++i) {
        lm_community *c = &m->communities.items[i];
        c->id = c->name = c->street = NULL;
    }
    for (size_t i = 0; i < m->units.len; ++i)
        m->units.items[i].id = m->units.items[i].name = NULL;
    for (size_t i = 0; i < m->volunteers.len; ++i) {
        lm_volunteer *v = &m->volunteers.items[i];
        v->id = NULL;
        v->skills = v->slots = (lm_tagset){0};
    }
    for (size_t i = 0; i < m->resources.len; ++i) {
        m->resources.items[i].id = NULL;
        m->resources.items[i].categories = (lm_tagset){0};
    }
    for (size_t i = 0; i < m->needs.len; ++i) {
        lm_need *n = &m->needs.items[i];
        n->id = NULL;
        n->skills = n->slots = (lm_tagset){0};
        n->requests = NULL;
        n->n_requests = n->cap_requests = 0;
    }
}

static bool copy_owned(match_model *m, const match_model *src)
{
    for (size_t i = 0; i < m->communities.len; ++i) {
        lm_community *c = &m->communities.items[i];
        const lm_community *s = &src->communities.items[i];
        if (!copy_string(&c->id, s->id) || !copy_string(&c->name, s->name) ||
            !copy_string(&c->street, s->street))
            return false;
    }
    for (size_t i = 0; i < m->units.len; ++i) {
        lm_unit *u = &m->units.items[i];
        const lm_unit *s = &src->units.items[i];
        if (!copy_string(&u->id, s->id) || !copy_string(&u->name, s->name))
            return false;
    }
    for (size_t i = 0; i < m->volunteers.len; ++i) {
        lm_volunteer *v = &m->volunteers.items[i];
        const lm_volunteer *s = &src->volunteers.items[i];
        if (!copy_string(&v->id, s->id) || !copy_tagset(&v->skills, &s->skills) ||
            !copy_tagset(&v->slots, &s->slots))
            return false;
    }
    for (size_t i = 0; i < m->resources.len; ++i) {
        lm_resource *r = &m->resources.items[i];
        const lm_resource *s = &src->resources.items[i];
        if (!copy_string(&r->id, s->id) || !copy_tagset(&r->categories, &s->categories))
            return false;
    }
    for (size_t i = 0; i < m->needs.len; ++i) {
        lm_need *n = &m->needs.items[i];
        const lm_need *s = &src->needs.items[i];
        if (!copy_string(&n->id, s->id) || !copy_tagset(&n->skills, &s->skills) ||
            !copy_tagset(&n->slots, &s->slots) ||
            !copy_array((void **)&n->requests, s->requests, s->n_requests, sizeof *s->requests))
            return false;
        n->n_requests = n->cap_requests = s->n_requests;
    }
    if (src->n_tags > 0) {
        m->tags = calloc(src->n_tags, sizeof *m->tags);
        if (m->tags == NULL)
            return false;
        m->cap_tags = src->n_tags;
        for (; m->n_tags < src->n_tags; ++m->n_tags) {
            m->tags[m->n_tags] = lm_strdup(src->tags[m->n_tags]);
            if (m->tags[m->n_tags] == NULL)
                return false;
        }
    }
    if (!copy_string(&m->name, src->name) ||
        !copy_array((void **)&m->fixed, src->fixed, src->n_fixed, sizeof *src->fixed) ||
        !copy_array((void **)&m->forbidden, src->forbidden, src->n_forbidden,
                    sizeof *src->forbidden))
        return false;
    m->n_fixed = m->cap_fixed = src->n_fixed;
    m->n_forbidden = m->cap_forbidden = src->n_forbidden;
    if (!copy_array((void **)&m->listed, src->listed, src->n_listed, sizeof *src->listed))
        return false;
    m->n_listed = m->cap_listed = src->n_listed;
    for (size_t k = 0; k < m->n_listed; ++k)
        if (!lm_pairmap_put(&m->listed_index, m->listed[k].volunteer, m->listed[k].need, k))
            return false;
    if (!copy_array((void **)&m->previous, src->previous, src->n_previous, sizeof *src->previous))
        return false;
    m->n_previous = m->cap_previous = src->n_previous;
    m->has_previous = src->has_previous;
    m->previous_ignored = src->previous_ignored;
    if (!INDEX_LIST(m, communities) || !INDEX_LIST(m, units) || !INDEX_LIST(m, volunteers) ||
        !INDEX_LIST(m, resources) || !INDEX_LIST(m, needs))
        return false;
    for (size_t i = 0; i < m->n_tags; ++i)
        if (!lm_strmap_put(&m->tag_ids, m->tags[i], i))
            return false;
    return true;
}

/* Copies the flat item arrays first, then replaces every pointer in them with the copy's
 * own allocation. */
int match_model_copy(match_model **out, const match_model *src)
{
    if (out == NULL || src == NULL)
        return MATCH_EINVAL;
    *out = NULL;
    match_model *m = calloc(1, sizeof *m);
    if (m == NULL)
        return MATCH_ENOMEM;
    m->policy = src->policy;
    bool ok = COPY_LIST(m, src, communities) && COPY_LIST(m, src, units) &&
              COPY_LIST(m, src, volunteers) && COPY_LIST(m, src, resources) &&
              COPY_LIST(m, src, needs);
    forget_borrowed(m);
    if (!ok || !copy_owned(m, src)) {
        match_model_destroy(m);
        return MATCH_ENOMEM;
    }
    *out = m;
    return MATCH_OK;
}
