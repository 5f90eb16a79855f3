/*
 * libmatch: common definitions shared by every public header.
 *
 * Error handling: every fallible call returns an int, MATCH_OK (0) on success or one of the
 * negative MATCH_E* codes below. The human-readable detail (which file, which item, which
 * field) is kept by the object the call was made on and read with match_model_errmsg() or
 * match_plan_errmsg(); the library owns that string and it stays valid until the next call
 * on the same object.
 *
 * Threads: there is no global mutable state. One model or plan must not be used by two
 * threads at once; separate models may be built and solved in separate threads.
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

#ifdef __cplusplus
}
#endif

#endif
