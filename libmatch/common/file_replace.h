/*
 * Replacing a file atomically: the new content goes to a temporary file beside the target,
 * which is flushed to disk and renamed over it, so readers see the old file or the whole new
 * one, never a part. Used by every writer of the library (plans, exported programs).
 */
#ifndef LM_FILE_REPLACE_H
#define LM_FILE_REPLACE_H

#include <stdio.h>

/*
 * Writes the new content. f is open for writing on the temporary file, whose name is
 * tmp_path (for writers that open the file by name, such as GLPK's; they write the same
 * file, and the helper flushes it to disk afterwards). Returns MATCH_OK, or a MATCH_E* code
 * with the reason in errmsg (LM_ERRMSG_SIZE bytes); MATCH_EIO with errmsg left "" means
 * "the write failed, errno says why", and the helper words the message.
 */
typedef int (*lm_file_content_fn)(FILE *f, const char *tmp_path, void *payload, char *errmsg);

/*
 * Replaces path (or the regular file a symbolic link at path points to) with what content()
 * writes. The new file keeps the mode of the file it replaces, or gets 0644. `what` names the
 * file in messages ("plan": "cannot write plan out.json: rename: Permission denied").
 * Returns MATCH_OK, MATCH_EIO, MATCH_ENOMEM or content()'s code, with the message in errmsg;
 * on failure the temporary file is removed and path is untouched.
 */
int lm_file_replace(const char *path, const char *what, lm_file_content_fn content, void *payload,
                    char *errmsg);

#endif
