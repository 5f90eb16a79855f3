#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *lm_strdup(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy != NULL)
        memcpy(copy, s, n);
    return copy;
}

bool lm_reserve(void **array, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t new_cap = *cap < 8 ? 8 : *cap;
    while (new_cap < need) {
        if (new_cap > SIZE_MAX / 2)
            return false;
        new_cap *= 2;
    }
    if (elem != 0 && new_cap > SIZE_MAX / elem)
        return false;
    void *grown = realloc(*array, new_cap * elem);
    if (grown == NULL)
        return false;
    *array = grown;
    *cap = new_cap;
    return true;
}

void lm_errmsg_vset(char *buf, const char *fmt, va_list ap)
{
    vsnprintf(buf, LM_ERRMSG_SIZE, fmt, ap);
}

void lm_errmsg_set(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lm_errmsg_vset(buf, fmt, ap);
    va_end(ap);
}

double lm_now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
