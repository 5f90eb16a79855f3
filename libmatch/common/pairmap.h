/*
 * A (size_t, size_t) -> index hash map (open addressing, linear probing), for looking pairs
 * of items up by their two indexes: a scenario may list 10^5 volunteer-need pairs, and each
 * new one is checked against those before it.
 */
#ifndef LM_PAIRMAP_H
#define LM_PAIRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lm_pairmap_slot {
    size_t a, b;
    size_t value; /* SIZE_MAX marks an empty slot */
} lm_pairmap_slot;

typedef struct lm_pairmap {
    lm_pairmap_slot *slots;
    size_t cap; /* power of two, or 0 */
    size_t len;
} lm_pairmap;

void lm_pairmap_free(lm_pairmap *map);

/* Looks (a, b) up; true and *value set if present. */
bool lm_pairmap_get(const lm_pairmap *map, size_t a, size_t b, size_t *value);

/* Inserts (a, b) -> value (the key must be absent; value must not be SIZE_MAX). false on
 * allocation failure, map unchanged. */
bool lm_pairmap_put(lm_pairmap *map, size_t a, size_t b, size_t value);

#endif
