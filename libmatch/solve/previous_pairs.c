#include "previous_pairs.h"

#include <stdlib.h>

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

size_t lm_instance_find_pair(const lm_instance *inst, size_t volunteer, size_t need)
{
    /* A need's pairs are sorted by volunteer. */
    size_t lo = inst->need_pairs[need], hi = inst->need_pairs[need + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t v = inst->pairs[mid].volunteer;
        if (v == volunteer)
            return mid;
        if (v < volunteer)
            lo = mid + 1;
        else
            hi = mid;
    }
    return LM_NONE;
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
