/*
 * libmatch: version of the headers and of the library that was linked.
 *
 * Compare MATCH_VERSION_NUMBER (the headers you compiled with) with match_version_number()
 * (the library loaded at run time) to make sure they match.
 */
#ifndef LIBMATCH_VERSION_H
#define LIBMATCH_VERSION_H

#include "common.h"

#define MATCH_VERSION_MAJOR 0
#define MATCH_VERSION_MINOR 1
#define MATCH_VERSION_PATCH 0
#define MATCH_VERSION_STRING "0.1.0"
/** major * 10000 + minor * 100 + patch */
#define MATCH_VERSION_NUMBER                                                                       \
    (MATCH_VERSION_MAJOR * 10000 + MATCH_VERSION_MINOR * 100 + MATCH_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/** The library's version as "MAJOR.MINOR.PATCH". Static string: do not free. */
MATCH_API const char *match_version(void);

/** The library's version as MATCH_VERSION_NUMBER computes it. */
MATCH_API int match_version_number(void);

/** The version of the GLPK library libmatch was linked with, for example "5.0". Static. */
MATCH_API const char *match_glpk_version(void);

#ifdef __cplusplus
}
#endif

#endif
