/*
 * libmatch: common definitions shared by every public header.
 *
 * Error handling: every fallible call returns an int, MATCH_OK (0) on success or one of the
 * negative MATCH_E* codes below: that is the *call status*. Whether a solve found a plan is
 * the *solution status* of the plan (match_plan_status(), plan.h), never an error code.
 * The detail of a failure (which file, which item, which field) has one channel per call:
 *   - calls on a model or a plan keep it in that object: match_model_error() and
 *     match_plan_error() give it as a match_error_detail, match_model_errmsg() and
 *     match_plan_errmsg() its message alone; it stays valid until the next call on the same
 *     object;
 *   - the file readers that create an object (match_model_load_json(), match_plan_load_json()
 *     and their _string forms) fill a match_error_detail the caller passes in.
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
 * The kinds of item a model holds (match_model_count(), match_model_item_id()), and the kind
 * of item an error is about (match_error_detail.kind). The names without the KIND infix
 * (MATCH_COMMUNITY, ...) are deprecated aliases kept for one release.
 */
typedef enum match_item_kind {
    MATCH_KIND_NONE = -1,     /**< error detail only: the error is about no particular item */
    MATCH_KIND_COMMUNITY = 0, /**< a community */
    MATCH_KIND_UNIT = 1,      /**< a co-building unit */
    MATCH_KIND_VOLUNTEER = 2, /**< a volunteer */
    MATCH_KIND_RESOURCE = 3,  /**< a unit's resource */
    MATCH_KIND_NEED = 4,      /**< a community need */
    MATCH_KIND_PAIR = 5       /**< error detail only: a fixed, forbidden or listed pair, or an
                                   entry of the plan in force (item: the volunteer, need: the need) */
} match_item_kind;

/* Deprecated names of the item kinds (to be removed in the next release). */
#define MATCH_COMMUNITY MATCH_KIND_COMMUNITY
#define MATCH_UNIT MATCH_KIND_UNIT
#define MATCH_VOLUNTEER MATCH_KIND_VOLUNTEER
#define MATCH_RESOURCE MATCH_KIND_RESOURCE
#define MATCH_NEED MATCH_KIND_NEED

/** Sizes of the text fields of match_error_detail, terminating NUL included. */
#define MATCH_ERROR_ID_SIZE 256
#define MATCH_ERROR_FIELD_SIZE 64
#define MATCH_ERROR_MESSAGE_SIZE 1024

/**
 * What went wrong in a failed call, in parts a program can act on. The message is the one
 * the library has always given (it names the file, the item and the field); the other
 * members say the same in structured form. Texts too long for their member are truncated.
 * A transparent struct: a caller may keep one on the stack and pass it to the readers.
 */
typedef struct match_error_detail {
    int code;                       /**< the call's return code; MATCH_OK when nothing failed */
    match_item_kind kind;           /**< the kind of item the error is about, or MATCH_KIND_NONE */
    char item[MATCH_ERROR_ID_SIZE]; /**< the item's id ("" when none); a pair's volunteer */
    char need[MATCH_ERROR_ID_SIZE]; /**< a pair's need (kind MATCH_KIND_PAIR), else "" */
    char field[MATCH_ERROR_FIELD_SIZE];     /**< the offending field, as in the scenario file
                                                 ("hours", "community"), or "" */
    char message[MATCH_ERROR_MESSAGE_SIZE]; /**< the full message; "" when nothing failed */
} match_error_detail;

/**
 * The singular English name of an item kind ("volunteer"), as messages and scenario files
 * use it; "pair" for MATCH_KIND_PAIR, "" for MATCH_KIND_NONE or an unknown kind. Static.
 */
MATCH_API const char *match_item_kind_name(match_item_kind kind);

/**
 * Frees memory libmatch returned to the caller (such as match_plan_to_json()'s string).
 * NULL is accepted and does nothing.
 */
MATCH_API void match_free(void *ptr);

/**
 * A short, static English description of an error code ("bad input", "out of memory").
 * Never NULL; unknown codes give "unknown error". The string is static: do not free it.
 */
MATCH_API const char *match_strerror(int code);

#ifdef __cplusplus
}
#endif

#endif
