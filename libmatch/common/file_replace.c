/* Atomic file replacement shared by the writers (see file_replace.h). */
#include "file_replace.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libmatch/common.h"
#include "util.h"

#define LM_TMP_SUFFIX ".tmpXXXXXX"

static int io_failed(char *errmsg, const char *what, const char *path, const char *step, int err)
{
    lm_errmsg_set(errmsg, "cannot write %s %s: %s: %s", what, path, step, strerror(err));
    return MATCH_EIO;
}

/* Writes through a new temporary file beside target and renames it over target. `shown` is
 * the path the caller gave, named in messages even when target is a link's destination. */
static int replace_file(const char *target, const char *shown, const char *what, mode_t mode,
                        lm_file_content_fn content, void *payload, char *errmsg)
{
    size_t target_len = strlen(target);
    char *tmp = malloc(target_len + sizeof LM_TMP_SUFFIX);
    if (tmp == NULL) {
        lm_errmsg_set(errmsg, "out of memory while writing the %s", what);
        return MATCH_ENOMEM;
    }
    memcpy(tmp, target, target_len);
    memcpy(tmp + target_len, LM_TMP_SUFFIX, sizeof LM_TMP_SUFFIX);

    int fd = mkstemp(tmp);
    if (fd < 0) {
        int rc = io_failed(errmsg, what, shown, "cannot create a temporary file", errno);
        free(tmp);
        return rc;
    }
    errmsg[0] = '\0';
    int rc = MATCH_OK;
    const char *step = NULL;
    int err = 0;
    FILE *f = NULL;
    /* mkstemp's 0600 would hide the file from the other users who read it. */
    if (fchmod(fd, mode) != 0) {
        step = "chmod";
    } else if ((f = fdopen(fd, "wb")) == NULL) {
        step = "fdopen";
    } else {
        errno = 0;
        rc = content(f, tmp, payload, errmsg);
        if (rc == MATCH_EIO && errmsg[0] == '\0')
            step = "write";
        else if (rc == MATCH_OK && fflush(f) != 0)
            step = "flush";
        /* fsync on any descriptor of the file flushes what every descriptor wrote, also a
         * writer that opened the file by name. */
        else if (rc == MATCH_OK && fsync(fileno(f)) != 0)
            step = "fsync";
    }
    if (step != NULL)
        err = errno != 0 ? errno : EIO;
    /* fclose() also closes fd; it reports delayed write errors, so it is checked as well. */
    if (f != NULL ? fclose(f) != 0 : close(fd) != 0) {
        if (step == NULL && rc == MATCH_OK) {
            step = "close";
            err = errno;
        }
    }
    if (step == NULL && rc == MATCH_OK && rename(tmp, target) != 0) {
        step = "rename";
        err = errno;
    }
    if (step != NULL)
        rc = io_failed(errmsg, what, shown, step, err);
    if (rc != MATCH_OK)
        remove(tmp);
    free(tmp);
    return rc;
}

int lm_file_replace(const char *path, const char *what, lm_file_content_fn content, void *payload,
                    char *errmsg)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (errno != ENOENT)
            return io_failed(errmsg, what, path, "stat", errno);
        return replace_file(path, path, what, 0644, content, payload, errmsg);
    }
    /* Renaming over a symbolic link would cut it: replace the file it points to. */
    char *target = S_ISLNK(st.st_mode) ? realpath(path, NULL) : NULL;
    if (S_ISLNK(st.st_mode) && (target == NULL || stat(target, &st) != 0)) {
        int rc = io_failed(errmsg, what, path, "cannot resolve the symbolic link", errno);
        free(target);
        return rc;
    }
    int rc;
    if (!S_ISREG(st.st_mode)) {
        /* Renaming over a device such as /dev/stdout or a FIFO would remove it instead of
         * writing to it. */
        lm_errmsg_set(errmsg, "cannot write %s %s: not a regular file", what, path);
        rc = MATCH_EIO;
    } else {
        rc = replace_file(target != NULL ? target : path, path, what, st.st_mode & 07777, content,
                          payload, errmsg);
    }
    free(target);
    return rc;
}
