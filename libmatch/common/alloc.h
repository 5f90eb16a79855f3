/*
 * The library's allocator: every allocation of libmatch goes through these, so that an
 * application can replace them (match_set_allocator() in libmatch/common.h) to count memory
 * or to inject failures. The defaults are malloc, realloc and free. Memory from other
 * libraries (realpath(), jansson's json_dumps(), GLPK) is freed with their own functions.
 */
#ifndef LM_ALLOC_H
#define LM_ALLOC_H

#include <stddef.h>

void *lm_malloc(size_t size);
/* Zeroed; NULL on overflow of count * size as well. */
void *lm_calloc(size_t count, size_t size);
/* lm_realloc(NULL, size) is lm_malloc(size). */
void *lm_realloc(void *ptr, size_t size);
/* NULL is accepted. */
void lm_free(void *ptr);

#endif
