/* Display names of items: what reports and sheets show beside an id. */
#include <stdlib.h>

#include "model_internal.h"

const char *match_model_item_name(const match_model *m, match_item_kind kind, size_t index)
{
    if (index >= match_model_count(m, kind))
        return NULL;
    switch (kind) {
    case MATCH_KIND_COMMUNITY:
        return m->communities.items[index].name;
    case MATCH_KIND_UNIT:
        return m->units.items[index].name;
    case MATCH_KIND_VOLUNTEER:
        return m->volunteers.items[index].name;
    case MATCH_KIND_RESOURCE:
        return m->resources.items[index].name;
    case MATCH_KIND_NEED:
        return m->needs.items[index].name;
    case MATCH_KIND_NONE:
    case MATCH_KIND_PAIR:
        break;
    }
    return NULL;
}

int match_model_set_item_name(match_model *m, match_item_kind kind, const char *id,
                              const char *name)
{
    if (m == NULL || id == NULL)
        return MATCH_EINVAL;
    size_t k;
    char **slot;
    int rc;
    switch (kind) {
    case MATCH_KIND_VOLUNTEER:
        rc = lm_find_existing(m, "volunteer", lm_find_volunteer, id, &k);
        slot = rc == MATCH_OK ? &m->volunteers.items[k].name : NULL;
        break;
    case MATCH_KIND_RESOURCE:
        rc = lm_find_existing(m, "resource", lm_find_resource, id, &k);
        slot = rc == MATCH_OK ? &m->resources.items[k].name : NULL;
        break;
    case MATCH_KIND_NEED:
        rc = lm_find_existing(m, "need", lm_find_need, id, &k);
        slot = rc == MATCH_OK ? &m->needs.items[k].name : NULL;
        break;
    default:
        return lm_fail(m, MATCH_EINVAL,
                       "match_model_set_item_name: only volunteers, resources "
                       "and needs take a name here");
    }
    if (rc != MATCH_OK)
        return rc;
    char *copy = NULL;
    if (name != NULL && (copy = lm_strdup(name)) == NULL)
        return lm_fail(m, MATCH_ENOMEM, "out of memory");
    free(*slot);
    *slot = copy;
    return MATCH_OK;
}
