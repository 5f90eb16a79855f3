/* Output safety (output_check.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "output_check.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directory the output will be written into: that of the file the path leads to after
 * following links (the writers replace a link's destination), else of the path itself. */
static char *output_directory(const char *output)
{
    char *resolved = realpath(output, NULL);
    char *copy = strdup(resolved != NULL ? resolved : output);
    free(resolved);
    if (copy == NULL)
        return NULL;
    char *dir = strdup(dirname(copy));
    free(copy);
    return dir;
}

match_output_verdict match_output_check(const char *output, const match_input *inputs, size_t n)
{
    if (output == NULL)
        return MATCH_OUTPUT_OK;
    struct stat out;
    bool exists = stat(output, &out) == 0; /* follows links */
    if (exists) {
        for (size_t k = 0; k < n; ++k) {
            struct stat in;
            if (inputs[k].path == NULL || stat(inputs[k].path, &in) != 0)
                continue;
            if (in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
                fprintf(stderr,
                        "match: refusing to write to %s: it is %s (%s); "
                        "choose another output file\n",
                        output, inputs[k].what, inputs[k].path);
                return MATCH_OUTPUT_IS_INPUT;
            }
        }
        if (S_ISDIR(out.st_mode)) {
            fprintf(stderr, "match: cannot write to %s: it is a directory\n", output);
            return MATCH_OUTPUT_UNWRITABLE;
        }
    }
    char *dir = output_directory(output);
    if (dir == NULL) {
        fprintf(stderr, "match: cannot write to %s: out of memory\n", output);
        return MATCH_OUTPUT_UNWRITABLE;
    }
    int ok = access(dir, W_OK | X_OK);
    int err = errno;
    if (ok != 0) {
        fprintf(stderr, "match: cannot write to %s: directory %s: %s\n", output, dir,
                strerror(err));
        free(dir);
        return MATCH_OUTPUT_UNWRITABLE;
    }
    free(dir);
    return MATCH_OUTPUT_OK;
}
