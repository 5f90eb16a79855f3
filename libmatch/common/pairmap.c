#include "pairmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EMPTY SIZE_MAX

/* Mixes both halves (a splitmix64 finaliser), so that pairs along one row or column of the
 * volunteer x need grid do not crowd into neighbouring slots. */
static size_t hash_pair(size_t a, size_t b)
{
    uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15ULL ^ (uint64_t)b;
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBULL;
    h ^= h >> 31;
    return (size_t)h;
}

void lm_pairmap_free(lm_pairmap *map)
{
    free(map->slots);
    memset(map, 0, sizeof *map);
}

bool lm_pairmap_get(const lm_pairmap *map, size_t a, size_t b, size_t *value)
{
    if (map->cap == 0)
        return false;
    size_t mask = map->cap - 1;
    for (size_t i = hash_pair(a, b) & mask;; i = (i + 1) & mask) {
        const lm_pairmap_slot *s = &map->slots[i];
        if (s->value == EMPTY)
            return false;
        if (s->a == a && s->b == b) {
            *value = s->value;
            return true;
        }
    }
}

static void insert_slot(lm_pairmap_slot *slots, size_t cap, size_t a, size_t b, size_t value)
{
    size_t mask = cap - 1;
    size_t i = hash_pair(a, b) & mask;
    while (slots[i].value != EMPTY)
        i = (i + 1) & mask;
    slots[i] = (lm_pairmap_slot){a, b, value};
}

bool lm_pairmap_put(lm_pairmap *map, size_t a, size_t b, size_t value)
{
    /* Keep the load factor at most one half so probes stay short. */
    if ((map->len + 1) * 2 > map->cap) {
        size_t new_cap = map->cap ? map->cap * 2 : 16;
        if (new_cap > SIZE_MAX / sizeof *map->slots)
            return false;
        lm_pairmap_slot *slots = malloc(new_cap * sizeof *slots);
        if (slots == NULL)
            return false;
        for (size_t i = 0; i < new_cap; ++i)
            slots[i].value = EMPTY;
        for (size_t i = 0; i < map->cap; ++i)
            if (map->slots[i].value != EMPTY)
                insert_slot(slots, new_cap, map->slots[i].a, map->slots[i].b, map->slots[i].value);
        free(map->slots);
        map->slots = slots;
        map->cap = new_cap;
    }
    insert_slot(map->slots, map->cap, a, b, value);
    map->len++;
    return true;
}
