#include "previous_pairs.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A model entry with its position, so that the last entry set for a pair wins. */
typedef struct ordered_entry {
    lm_previous entry;
    size_t position;
} ordered_entry;

static int compare_entries(const void *a, const void *b)
{
    const ordered_entry *x = a, *y = b;
    if (x->entry.need != y->entry.need)
        return x->entry.need < y->entry.need ? -1 : 1;
    if (x->entry.volunteer != y->entry.volunteer)
        return x->entry.volunteer < y->entry.volunteer ? -1 : 1;
    return x->position < y->position ? -1 : x->position > y->position;
}

/* The index in [lo, hi) of the element of `items` (each `size` bytes, sorted by the size_t
 * at `offset`) whose key is `key`, or LM_NONE. */
static size_t find_sorted(const void *items, size_t size, size_t offset, size_t lo, size_t hi,
                          size_t key)
{
    const char *bytes = items;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, at;
        memcpy(&at, bytes + mid * size + offset, sizeof at);
        if (at == key)
            return mid;
        if (at < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return LM_NONE;
}

size_t lm_instance_find_pair(const lm_instance *inst, size_t volunteer, size_t need)
{
    /* A need's pairs are sorted by volunteer. */
    return find_sorted(inst->pairs, sizeof *inst->pairs, offsetof(lm_pair, volunteer),
                       inst->need_pairs[need], inst->need_pairs[need + 1], volunteer);
}

size_t lm_instance_find_rpair(const lm_instance *inst, size_t resource, size_t need)
{
    /* A need's resource pairs are sorted by resource, each resource at most once. */
    return find_sorted(inst->rpairs, sizeof *inst->rpairs, offsetof(lm_rpair, resource),
                       inst->need_rpairs[need], inst->need_rpairs[need + 1], resource);
}

int lm_instance_map_previous(lm_instance *inst)
{
    const match_model *m = inst->model;
    inst->previous = NULL;
    inst->pair_previous = NULL;
    inst->n_previous = 0;
    inst->previous_unpaired = 0.0;
    if (!m->has_previous || m->n_previous == 0)
        return MATCH_OK;
    ordered_entry *sorted = malloc(m->n_previous * sizeof *sorted);
    inst->previous = malloc(m->n_previous * sizeof *inst->previous);
    inst->pair_previous = calloc(inst->n_pairs ? inst->n_pairs : 1, sizeof *inst->pair_previous);
    if (sorted == NULL || inst->previous == NULL || inst->pair_previous == NULL) {
        free(sorted);
        return MATCH_ENOMEM;
    }
    for (size_t k = 0; k < m->n_previous; ++k)
        sorted[k] = (ordered_entry){m->previous[k], k};
    qsort(sorted, m->n_previous, sizeof *sorted, compare_entries);
    for (size_t k = 0; k < m->n_previous; ++k) {
        const lm_previous *e = &sorted[k].entry;
        bool last = k + 1 == m->n_previous || sorted[k + 1].entry.need != e->need ||
                    sorted[k + 1].entry.volunteer != e->volunteer;
        if (!last || !(e->hours > 0))
            continue;
        size_t pair = lm_instance_find_pair(inst, e->volunteer, e->need);
        inst->previous[inst->n_previous++] = (lm_prev_pair){e->volunteer, e->need, pair, e->hours};
        if (pair != LM_NONE)
            inst->pair_previous[pair] = e->hours;
        else
            inst->previous_unpaired += e->hours;
    }
    free(sorted);
    return MATCH_OK;
}

bool lm_instance_has_change_term(const lm_instance *inst)
{
    return inst->n_previous > 0 && inst->model->policy.change_penalty > 0;
}
