/* Small internal helpers: checked allocation, string copies, growable arrays, messages. */
#ifndef LM_UTIL_H
#define LM_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Size of every error message buffer the library keeps. */
#define LM_ERRMSG_SIZE 512

/* calloc(n, size) that gives at least one element, so that NULL always means "no memory"
 * (calloc(0, ...) may return NULL). */
void *lm_zalloc(size_t n, size_t size);

/* Copies s (NULL gives NULL); NULL on allocation failure. */
char *lm_strdup(const char *s);

/*
 * Makes room for at least `need` elements of `elem` bytes in *array, whose capacity is
 * *cap; grows geometrically. Returns false (array untouched) on overflow or no memory.
 */
bool lm_reserve(void **array, size_t *cap, size_t need, size_t elem);

/* printf into a fixed buffer of LM_ERRMSG_SIZE bytes, always NUL-terminated. */
void lm_errmsg_set(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void lm_errmsg_vset(char *buf, const char *fmt, va_list ap);

/* Wall-clock seconds from a monotonic clock. */
double lm_now_seconds(void);

/* Returns from the enclosing function when a step fails with a MATCH_* code (the step has
 * recorded its message: a reader's context, an evaluation, ...). */
#define LM_TRY(expr)                                                                               \
    do {                                                                                           \
        int lm_try_rc_ = (expr);                                                                   \
        if (lm_try_rc_ != MATCH_OK)                                                                \
            return lm_try_rc_;                                                                     \
    } while (0)

#endif
