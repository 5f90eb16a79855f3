#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a: simple, and good enough for short ids. */
static size_t hash_string(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; ++p) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

void lm_strmap_free(lm_strmap *map)
{
    free(map->keys);
    free(map->values);
    memset(map, 0, sizeof *map);
}

bool lm_strmap_get(const lm_strmap *map, const char *key, size_t *value)
{
    if (map->cap == 0)
        return false;
    size_t mask = map->cap - 1;
    for (size_t i = hash_string(key) & mask;; i = (i + 1) & mask) {
        if (map->keys[i] == NULL)
            return false;
        if (strcmp(map->keys[i], key) == 0) {
            *value = map->values[i];
            return true;
        }
    }
}

static void insert_slot(const char **keys, size_t *values, size_t cap, const char *key,
                        size_t value)
{
    size_t mask = cap - 1;
    size_t i = hash_string(key) & mask;
    while (keys[i] != NULL)
        i = (i + 1) & mask;
    keys[i] = key;
    values[i] = value;
}

bool lm_strmap_put(lm_strmap *map, const char *key, size_t value)
{
    /* Keep the load factor at most one half so probes stay short. */
    if ((map->len + 1) * 2 > map->cap) {
        size_t new_cap = map->cap ? map->cap * 2 : 16;
        const char **keys = calloc(new_cap, sizeof *keys);
        size_t *values = calloc(new_cap, sizeof *values);
        if (keys == NULL || values == NULL) {
            free(keys);
            free(values);
            return false;
        }
        for (size_t i = 0; i < map->cap; ++i)
            if (map->keys[i] != NULL)
                insert_slot(keys, values, new_cap, map->keys[i], map->values[i]);
        free(map->keys);
        free(map->values);
        map->keys = keys;
        map->values = values;
        map->cap = new_cap;
    }
    insert_slot(map->keys, map->values, map->cap, key, value);
    map->len++;
    return true;
}
