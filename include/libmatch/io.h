/*
 * libmatch: scenario and plan files (JSON, UTF-8), formats "libmatch-scenario-1" and
 * "libmatch-plan-1" of docs/model.md.
 *
 * Each reader reports a failure through one channel. The *_load_* calls are the ones to
 * use: those that create an object fill a match_error_detail the caller passes (may be
 * NULL), those that read into a model leave the error in the model (match_model_error()).
 * The older *_read_* calls, which copy the message into a caller's buffer, are kept and
 * behave as before; match_model_read_previous_plan() and its _string form are deprecated
 * (they report twice: in the buffer and in the model).
 */
#ifndef LIBMATCH_IO_H
#define LIBMATCH_IO_H

#include "common.h"
#include "model.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Reads and validates a scenario file into a new model. A "previous_plan" naming a plan
 * file is read relative to the scenario file's directory (docs/model.md).
 * Every problem is reported with the file, the item id and the field, for example
 * "xinmi.json: volunteers[3] (id "V0004"): field "hours": must be a number >= 0".
 * @param out receives the model on success; the caller frees it with match_model_destroy().
 *        On failure *out is NULL.
 * @param errbuf receives the message on failure (may be NULL); it is truncated to
 *        @p errbuf_size bytes including the terminating NUL.
 * @return MATCH_OK; MATCH_EIO (cannot read); MATCH_EPARSE (not JSON: the message has line
 *         and column); MATCH_EINPUT, MATCH_ENOTFOUND, MATCH_EDUPLICATE (bad data);
 *         MATCH_ENOMEM; MATCH_EINVAL.
 */
MATCH_API int match_model_read_json(match_model **out, const char *path, char *errbuf,
                                    size_t errbuf_size);

/**
 * As match_model_read_json(), with the error in parts: on failure *detail (when not NULL)
 * holds the code, the item (kind and id), the field and the message; on success its code
 * is MATCH_OK and its texts are empty. Scenario items are named as in the file; a pair
 * (fixed, forbidden, listed) has kind MATCH_KIND_PAIR with its volunteer in item and its
 * need in need.
 */
MATCH_API int match_model_load_json(match_model **out, const char *path,
                                    match_error_detail *detail);

/** As match_model_read_json_string(), with the error in parts (match_model_load_json()). */
MATCH_API int match_model_load_json_string(match_model **out, const char *json,
                                           const char *source_name, match_error_detail *detail);

/**
 * Same as match_model_read_json() from a string in memory. @p source_name names it in
 * messages (NULL: "<string>"). A "previous_plan" file name is read relative to the current
 * directory.
 */
MATCH_API int match_model_read_json_string(match_model **out, const char *json,
                                           const char *source_name, char *errbuf,
                                           size_t errbuf_size);

/**
 * Reads a plan file ("libmatch-plan-1", as match_plan_write_json() writes it) into the
 * model as its plan in force, for stable re-planning (see match_model_set_previous_plan()).
 * Only each need's volunteers and hours are read. Entries naming a volunteer or need the
 * model does not have are left out and counted (match_model_previous_ignored()). On failure
 * the model's plan in force is unchanged and the error is the model's (match_model_error():
 * the file, the need and the field), its only channel, for example
 * "plan.json: needs[3] (id "N004"): volunteers[0]: field "hours": expected a whole number
 * >= 0, got 2.5" (kind MATCH_KIND_NEED, item "N004", field "hours").
 * @return MATCH_OK; MATCH_EIO; MATCH_EPARSE; MATCH_EINPUT; MATCH_ENOMEM; MATCH_EINVAL.
 */
MATCH_API int match_model_load_previous_plan(match_model *model, const char *path);

/** As match_model_load_previous_plan() from a string; @p source_name names it (NULL:
 * "<string>"). */
MATCH_API int match_model_load_previous_plan_string(match_model *model, const char *json,
                                                    const char *source_name);

/**
 * Deprecated: use match_model_load_previous_plan(). The same, with the message also copied
 * into @p errbuf.
 *
 * Reads a plan file ("libmatch-plan-1", as match_plan_write_json() writes it) into the
 * model as its plan in force, for stable re-planning (see match_model_set_previous_plan()).
 * Only each need's volunteers and hours are read. Entries naming a volunteer or need the
 * model does not have are left out and counted (match_model_previous_ignored()). On failure
 * the model's plan in force is unchanged and the message (also in match_model_errmsg())
 * names the file, the need and the field, for example
 * "plan.json: needs[3] (id "N004"): volunteers[0]: field "hours": expected a whole number
 * >= 0, got 2.5".
 * @param errbuf receives the message on failure (may be NULL), truncated to errbuf_size.
 * @return MATCH_OK; MATCH_EIO; MATCH_EPARSE; MATCH_EINPUT; MATCH_ENOMEM; MATCH_EINVAL.
 */
MATCH_API int match_model_read_previous_plan(match_model *model, const char *path, char *errbuf,
                                             size_t errbuf_size);

/**
 * Deprecated: use match_model_load_previous_plan_string().
 * Same as match_model_read_previous_plan() from a plan in a string. @p source_name names it
 * in messages (NULL: "<string>").
 */
MATCH_API int match_model_read_previous_plan_string(match_model *model, const char *json,
                                                    const char *source_name, char *errbuf,
                                                    size_t errbuf_size);

/**
 * Writes the model as a scenario file ("libmatch-scenario-1") that reads back into an equal
 * model: the name, the whole policy, every item in the model's order with the attributes it
 * sets itself (those it leaves to the policy stay unset), the fixed, forbidden and listed
 * pairs, and the plan in force inline as "previous_plan" (each pair's latest hours; entries
 * left out when it was given are not recorded). Numbers are written exactly and the output
 * is deterministic, so reading it and writing again gives the same bytes. The file is
 * replaced atomically, as match_plan_write_json() does.
 * @return MATCH_OK; MATCH_EIO (the message in match_model_error() names the path);
 *         MATCH_EINVAL (NULL argument, or text that is not valid UTF-8); MATCH_ENOMEM.
 */
MATCH_API int match_model_write_json(match_model *model, const char *path);

/**
 * The scenario file of match_model_write_json() as a string.
 * @param out receives a NUL-terminated string the caller frees with match_free().
 */
MATCH_API int match_model_to_json(char **out, match_model *model);

/**
 * Writes the plan as a plan file. The file is written to a temporary file beside @p path
 * and renamed over it, so a failure never leaves a partial plan. The output is
 * deterministic: the same plan gives the same bytes.
 * @return MATCH_OK; MATCH_EIO (the message in match_plan_errmsg() names the path);
 *         MATCH_ENOMEM; MATCH_EINVAL.
 */
MATCH_API int match_plan_write_json(match_plan *plan, const char *path);

/**
 * The plan file as a string.
 * @param out receives a NUL-terminated string the caller frees with match_free().
 */
MATCH_API int match_plan_to_json(char **out, match_plan *plan);

/**
 * Reads a plan file back into a plan, to compare it with another (diff.h) or to warm-start
 * a solve from it (match_options.warm_start). Keys the reader does not know are skipped;
 * fields a plan file written by an older version lacks read as unknown (a need's priority 0,
 * its category, community and street NULL). The plan's timings and pair count are 0.
 * @param out receives the plan; the caller frees it with match_plan_destroy(). NULL on failure.
 * @param errbuf receives the message on failure (may be NULL), naming the file, the item
 *        and the field, truncated to @p errbuf_size bytes.
 * @return MATCH_OK; MATCH_EIO; MATCH_EPARSE (not JSON: line and column in the message);
 *         MATCH_EINPUT (not a plan file of this format); MATCH_ENOMEM; MATCH_EINVAL.
 */
MATCH_API int match_plan_read_json(match_plan **out, const char *path, char *errbuf,
                                   size_t errbuf_size);

/**
 * As match_plan_read_json(), with the error in parts (see match_model_load_json()); plan
 * items are named as in the file (needs, volunteers, units).
 */
MATCH_API int match_plan_load_json(match_plan **out, const char *path, match_error_detail *detail);

/** As match_plan_read_json_string(), with the error in parts. */
MATCH_API int match_plan_load_json_string(match_plan **out, const char *json,
                                          const char *source_name, match_error_detail *detail);

/** Same as match_plan_read_json() from a string; @p source_name names it (NULL: "<string>"). */
MATCH_API int match_plan_read_json_string(match_plan **out, const char *json,
                                          const char *source_name, char *errbuf,
                                          size_t errbuf_size);

#ifdef __cplusplus
}
#endif

#endif
