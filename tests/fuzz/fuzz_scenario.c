/*
 * Fuzz target: the scenario reader, from a string and from a file.
 *
 * Each input is read with match_model_read_json_string() and, through an in-memory file
 * (memfd), with match_model_read_json(). Both must return the same code (the file reader
 * also sees bytes after a NUL, so inputs holding one are only read), a failure must come with
 * a message and no model, and a model read must be usable: counted, copied and freed.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include <libmatch/libmatch.h>

#include "fuzz_common.h"

/* Reads the bytes as a file through a memfd; returns the reader's code. */
static int read_as_file(const uint8_t *data, size_t size, char *err, size_t err_size)
{
    int fd = memfd_create("scenario.json", 0);
    if (fd < 0)
        return 1;
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0) {
            close(fd);
            return 1;
        }
        done += (size_t)w;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    match_model *m = NULL;
    int rc = match_model_read_json(&m, path, err, err_size);
    FUZZ_CHECK((rc == MATCH_OK) == (m != NULL), "file reader: code %d, model %p", rc, (void *)m);
    FUZZ_CHECK(rc == MATCH_OK || err[0] != '\0', "file reader: code %d without a message", rc);
    match_model_destroy(m);
    close(fd);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *json = fuzz_string(data, size);
    if (json == NULL)
        return 0;
    char err[512] = "";
    match_model *m = NULL;
    int rc = match_model_read_json_string(&m, json, "fuzz.json", err, sizeof err);
    FUZZ_CHECK((rc == MATCH_OK) == (m != NULL), "code %d, model %p", rc, (void *)m);
    FUZZ_CHECK(rc == MATCH_OK || err[0] != '\0', "code %d without a message", rc);
    FUZZ_CHECK(rc <= 0 && rc >= MATCH_EINTERRUPTED, "unknown code %d", rc);
    if (m != NULL) {
        for (int kind = MATCH_COMMUNITY; kind <= MATCH_NEED; kind++)
            for (size_t k = 0; k < match_model_count(m, (match_item_kind)kind); k++)
                FUZZ_CHECK(match_model_item_id(m, (match_item_kind)kind, k) != NULL,
                           "item %zu of kind %d has no id", k, kind);
        match_model *copy = NULL;
        FUZZ_CHECK(match_model_copy(&copy, m) == MATCH_OK, "copy failed: %s",
                   match_model_errmsg(m));
        match_model_destroy(copy);
    }
    match_model_destroy(m);

    /* The file reader agrees, except where the string ends early at a NUL or a relative
     * "previous_plan" is looked up from another directory. */
    char ferr[512] = "";
    int frc = read_as_file(data, size, ferr, sizeof ferr);
    if (frc != 1 && memchr(data, '\0', size) == NULL && strstr(json, "previous_plan") == NULL)
        FUZZ_CHECK(frc == rc, "string reader %d (%s), file reader %d (%s)", rc, err, frc, ferr);
    free(json);
    return 0;
}
