/*
 * libmatch: scenario and plan files (JSON, UTF-8), formats "libmatch-scenario-1" and
 * "libmatch-plan-1" of docs/model.md.
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
 * Same as match_model_read_previous_plan() from a plan in a string. @p source_name names it
 * in messages (NULL: "<string>").
 */
MATCH_API int match_model_read_previous_plan_string(match_model *model, const char *json,
                                                    const char *source_name, char *errbuf,
                                                    size_t errbuf_size);

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

/** Same as match_plan_read_json() from a string; @p source_name names it (NULL: "<string>"). */
MATCH_API int match_plan_read_json_string(match_plan **out, const char *json,
                                          const char *source_name, char *errbuf,
                                          size_t errbuf_size);

/** Frees memory libmatch returned to the caller (such as match_plan_to_json()'s string). */
MATCH_API void match_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif
