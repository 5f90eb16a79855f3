/*
 * A string -> index hash map (open addressing, linear probing). Keys are not copied: the
 * caller keeps them alive as long as the map (the model owns both).
 */
#ifndef LM_STRMAP_H
#define LM_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lm_strmap {
    const char **keys; /* NULL marks an empty slot */
    size_t *values;
    size_t cap; /* power of two, or 0 */
    size_t len;
} lm_strmap;

void lm_strmap_free(lm_strmap *map);

/* Looks key up; true and *value set if present. */
bool lm_strmap_get(const lm_strmap *map, const char *key, size_t *value);

/* Inserts key (must be absent). false on allocation failure, map unchanged. */
bool lm_strmap_put(lm_strmap *map, const char *key, size_t value);

/* Removes key if present (never allocates). */
void lm_strmap_remove(lm_strmap *map, const char *key);

#endif
