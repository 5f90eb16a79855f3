/* The replaceable allocator (alloc.h, match_set_allocator()). */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libmatch/common.h"

static void *default_malloc(size_t size, void *payload)
{
    (void)payload;
    return malloc(size);
}

static void *default_realloc(void *ptr, size_t size, void *payload)
{
    (void)payload;
    return realloc(ptr, size);
}

static void default_free(void *ptr, void *payload)
{
    (void)payload;
    free(ptr);
}

/* Set before any other call (common.h), then only read. */
static struct {
    match_malloc_fn malloc_fn;
    match_realloc_fn realloc_fn;
    match_free_fn free_fn;
    void *payload;
} allocator = {default_malloc, default_realloc, default_free, NULL};

int match_set_allocator(match_malloc_fn malloc_fn, match_realloc_fn realloc_fn,
                        match_free_fn free_fn, void *payload)
{
    if (malloc_fn == NULL && realloc_fn == NULL && free_fn == NULL) {
        allocator.malloc_fn = default_malloc;
        allocator.realloc_fn = default_realloc;
        allocator.free_fn = default_free;
        allocator.payload = NULL;
        return MATCH_OK;
    }
    if (malloc_fn == NULL || realloc_fn == NULL || free_fn == NULL)
        return MATCH_EINVAL;
    allocator.malloc_fn = malloc_fn;
    allocator.realloc_fn = realloc_fn;
    allocator.free_fn = free_fn;
    allocator.payload = payload;
    return MATCH_OK;
}

void *lm_malloc(size_t size)
{
    return allocator.malloc_fn(size, allocator.payload);
}

void *lm_calloc(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    void *p = allocator.malloc_fn(count * size, allocator.payload);
    if (p != NULL)
        memset(p, 0, count * size);
    return p;
}

void *lm_realloc(void *ptr, size_t size)
{
    if (ptr == NULL)
        return allocator.malloc_fn(size, allocator.payload);
    return allocator.realloc_fn(ptr, size, allocator.payload);
}

void lm_free(void *ptr)
{
    if (ptr != NULL)
        allocator.free_fn(ptr, allocator.payload);
}
