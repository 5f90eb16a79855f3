/*
 * libmatch: common definitions shared by every public header.
 *
 * Error handling: every fallible call returns an int, MATCH_OK (0) on success or one of the
 * negative MATCH_E* codes below. The human-readable detail (which file, which item, which
 * field) is kept by the object the call was made on and read with match_model_errmsg() or
 * match_plan_errmsg(); the library owns that string and it stays valid until the next call
 * on the same object.
 *
 * Threads: there is no global mutable state (except the allocator, which is set once before
 * anything else). One model or plan must not be used by two threads at once; separate models
 * may be built and solved in separate threads.
 */
#ifndef LIBMATCH_COMMON_H
#define LIBMATCH_COMMON_H

#include <stddef.h>

#if defined(_WIN32) && defined(LIBMATCH_SHARED_BUILD)
#define MATCH_API __declspec(dllexport)
#elif defined(_WIN32) && defined(LIBMATCH_SHARED)
#define MATCH_API __declspec(dllimport)
#elif defined(__GNUC__)
#define MATCH_API __attribute__((visibility("default")))
#else
#define MATCH_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes of fallible calls. The codes are stable: bindings map them to exception types. */
typedef enum match_error_code {
    MATCH_OK = 0,           /**< success */
    MATCH_EINVAL = -1,      /**< a bad argument: NULL handle, out-of-range value, wrong state */
    MATCH_ENOMEM = -2,      /**< out of memory */
    MATCH_EIO = -3,         /**< a file could not be opened, read, written or renamed */
    MATCH_EPARSE = -4,      /**< a scenario file is not well-formed JSON */
    MATCH_EINPUT = -5,      /**< scenario data break a rule: wrong type, missing field, bad value */
    MATCH_ENOTFOUND = -6,   /**< a reference names an id that does not exist */
    MATCH_EDUPLICATE = -7,  /**< an id is used twice in the same list */
    MATCH_ESOLVER = -8,     /**< the solver failed internally (its message is kept) */
    MATCH_EINTERRUPTED = -9 /**< the caller asked the solve to stop (see match_options) */
} match_error_code;

/**
 * A short, static English description of an error code ("bad input", "out of memory").
 * Never NULL; unknown codes give "unknown error". The string is static: do not free it.
 */
MATCH_API const char *match_strerror(int code);

/** Allocates @p size bytes (like malloc); NULL when out of memory. */
typedef void *(*match_malloc_fn)(size_t size, void *payload);
/** Resizes a block (like realloc; never called with a NULL @p ptr); NULL keeps the block. */
typedef void *(*match_realloc_fn)(void *ptr, size_t size, void *payload);
/** Frees a block (never called with NULL). */
typedef void (*match_free_fn)(void *ptr, void *payload);

/**
 * Replaces the allocator of every libmatch allocation (models, plans, messages, the strings
 * match_free() frees), for example to count memory or to limit it: an allocation that fails
 * makes the call return MATCH_ENOMEM (or, in a reader, its error) and leaks nothing.
 * GLPK's and jansson's own allocations are not routed here (jansson has
 * json_set_alloc_funcs(); GLPK's failures are trapped as MATCH_ESOLVER or MATCH_ENOMEM).
 * Process-wide: call it before any other libmatch call, from one thread, and not again
 * while any libmatch object allocated by the previous allocator is alive.
 * @param payload passed to the three functions.
 * @return MATCH_OK; MATCH_EINVAL when only some of the functions are NULL. All three NULL
 *         restore malloc, realloc and free.
 */
MATCH_API int match_set_allocator(match_malloc_fn malloc_fn, match_realloc_fn realloc_fn,
                                  match_free_fn free_fn, void *payload);

#ifdef __cplusplus
}
#endif

#endif
