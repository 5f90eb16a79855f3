/*
 * Writes a plan as a plan file ("libmatch-plan-1", docs/model.md).
 *
 * The output is deterministic, so plans can be compared with diff and checked into tests:
 * keys in the order of docs/model.md, two-space indentation, UTF-8 text unescaped, a final
 * newline, and numbers in one canonical form. A number is first rounded to 12 significant
 * digits (which hides the solver's 39.99999999997-style noise); if the result is a whole
 * number below 2^53 it is written as an integer ("40", not "40.0"), otherwise as a decimal
 * of at most 12 significant digits ("0.5", "1e20"). NaN and infinities are written as null.
 */
#include "libmatch/io.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "../plan/plan_internal.h"

#define PLAN_FORMAT "libmatch-plan-1"
#define DIGITS 12
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(DIGITS))

/* Builds JSON values; the first failure is kept in `rc` and later calls do nothing. */
typedef struct builder {
    int rc;
} builder;

static json_t *number(double v)
{
    if (!isfinite(v))
        return json_null();
    char text[32];
    snprintf(text, sizeof text, "%.*g", DIGITS, v);
    double rounded = strtod(text, NULL);
    if (rounded == floor(rounded) && fabs(rounded) < 9007199254740992.0) /* 2^53 */
        return json_integer((json_int_t)rounded);
    return json_real(rounded);
}

static json_t *string(builder *b, const char *s)
{
    if (s == NULL)
        return json_null();
    json_t *value = json_string(s);
    if (value == NULL && b->rc == MATCH_OK) {
        /* json_string() fails on no memory or on bytes that are not UTF-8: tell them apart. */
        json_t *raw = json_string_nocheck(s);
        if (raw != NULL)
            b->rc = MATCH_EINVAL;
        json_decref(raw);
    }
    return value;
}

/* Adds value under key (taking it over); records a failure. */
static void put(builder *b, json_t *obj, const char *key, json_t *value)
{
    if (obj == NULL || json_object_set_new_nocheck(obj, key, value) != 0) {
        json_decref(obj == NULL ? value : NULL);
        if (b->rc == MATCH_OK)
            b->rc = MATCH_ENOMEM;
    }
}

static void append(builder *b, json_t *array, json_t *value)
{
    if (array == NULL || json_array_append_new(array, value) != 0) {
        json_decref(array == NULL ? value : NULL);
        if (b->rc == MATCH_OK)
            b->rc = MATCH_ENOMEM;
    }
}

static json_t *shares(builder *b, const lm_plan_share *list, size_t n, const char *amount_key)
{
    json_t *array = json_array();
    for (size_t k = 0; k < n; ++k) {
        json_t *share = json_object();
        put(b, share, "id", string(b, list[k].id));
        put(b, share, amount_key, number(list[k].amount));
        append(b, array, share);
    }
    return array;
}

static json_t *need(builder *b, const lm_plan_need *n)
{
    json_t *obj = json_object();
    put(b, obj, "id", string(b, n->id));
    put(b, obj, "coverage", number(n->coverage));
    put(b, obj, "hours", number(n->hours));
    put(b, obj, "volunteers", shares(b, n->volunteers, n->n_volunteers, "hours"));
    put(b, obj, "resources", shares(b, n->resources, n->n_resources, "amount"));
    put(b, obj, "unmet_reason", string(b, n->unmet_reason));
    return obj;
}

static json_t *plan_json(builder *b, const match_plan *plan)
{
    json_t *root = json_object();
    put(b, root, "format", json_string(PLAN_FORMAT));
    put(b, root, "status", string(b, match_status_name(plan->status)));
    put(b, root, "objective", number(plan->objective));
    put(b, root, "bound", number(plan->bound));
    if (plan->message != NULL && plan->message[0] != '\0')
        put(b, root, "message", string(b, plan->message));

    json_t *needs = json_array();
    for (size_t i = 0; i < plan->n_needs; ++i)
        append(b, needs, need(b, &plan->needs[i]));
    put(b, root, "needs", needs);

    json_t *volunteers = json_array();
    for (size_t i = 0; i < plan->n_volunteers; ++i) {
        json_t *obj = json_object();
        put(b, obj, "id", string(b, plan->volunteers[i].id));
        put(b, obj, "hours", number(plan->volunteers[i].hours));
        put(b, obj, "shortfall", number(plan->volunteers[i].shortfall));
        append(b, volunteers, obj);
    }
    put(b, root, "volunteers", volunteers);

    json_t *units = json_array();
    for (size_t i = 0; i < plan->n_units; ++i) {
        json_t *obj = json_object();
        put(b, obj, "id", string(b, plan->units[i].id));
        put(b, obj, "projects", json_integer(plan->units[i].projects));
        put(b, obj, "shortfall", json_integer(plan->units[i].shortfall));
        append(b, units, obj);
    }
    put(b, root, "units", units);
    return root;
}

/* The plan file's text with its final newline, malloc'ed; the failure is in plan->errmsg. */
static int render(char **out, size_t *len, match_plan *plan)
{
    builder b = {MATCH_OK};
    json_t *root = plan_json(&b, plan);
    *out = NULL;
    if (root == NULL && b.rc == MATCH_OK)
        b.rc = MATCH_ENOMEM;
    char *text = NULL;
    size_t n = 0;
    if (b.rc == MATCH_OK) {
        /* Dump into our own buffer so match_free() is plain free() whatever jansson uses. */
        n = json_dumpb(root, NULL, 0, DUMP_FLAGS);
        text = n > 0 ? malloc(n + 2) : NULL;
        if (text == NULL || json_dumpb(root, text, n, DUMP_FLAGS) != n)
            b.rc = MATCH_ENOMEM;
    }
    json_decref(root);
    if (b.rc != MATCH_OK) {
        free(text);
        if (b.rc == MATCH_EINVAL)
            lm_errmsg_set(plan->errmsg, "the plan holds text that is not valid UTF-8");
        else
            lm_errmsg_set(plan->errmsg, "out of memory while writing the plan");
        return b.rc;
    }
    text[n] = '\n';
    text[n + 1] = '\0';
    *out = text;
    *len = n + 1;
    return MATCH_OK;
}

int match_plan_to_json(char **out, match_plan *plan)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || plan == NULL) {
        if (plan != NULL)
            lm_errmsg_set(plan->errmsg, "match_plan_to_json: out is NULL");
        return MATCH_EINVAL;
    }
    size_t len;
    int rc = render(out, &len, plan);
    if (rc == MATCH_OK)
        plan->errmsg[0] = '\0';
    return rc;
}

void match_free(void *ptr)
{
    free(ptr);
}

/* ---- Atomic file replacement ----------------------------------------------------------- */

static int io_failed(match_plan *plan, const char *path, const char *what, int err)
{
    lm_errmsg_set(plan->errmsg, "cannot write plan %s: %s: %s", path, what, strerror(err));
    return MATCH_EIO;
}

/*
 * Writes text to a new temporary file beside path, flushes it to disk and renames it over
 * path, so readers see the old file or the whole new one, never a part. The new file keeps
 * the mode of the file it replaces, or gets 0644 (mkstemp's 0600 would hide the plan from
 * the other users who read it).
 */
static int replace_file(match_plan *plan, const char *path, const char *shown, mode_t mode,
                        const char *text, size_t len)
{
    size_t path_len = strlen(path);
    char *tmp = malloc(path_len + sizeof ".tmpXXXXXX");
    if (tmp == NULL) {
        lm_errmsg_set(plan->errmsg, "out of memory while writing the plan");
        return MATCH_ENOMEM;
    }
    memcpy(tmp, path, path_len);
    memcpy(tmp + path_len, ".tmpXXXXXX", sizeof ".tmpXXXXXX");

    int fd = mkstemp(tmp);
    if (fd < 0) {
        int rc = io_failed(plan, shown, "cannot create a temporary file", errno);
        free(tmp);
        return rc;
    }
    const char *step = NULL;
    int err = 0;
    FILE *f = NULL;
    if (fchmod(fd, mode) != 0)
        step = "chmod";
    else if ((f = fdopen(fd, "wb")) == NULL)
        step = "fdopen";
    else if (fwrite(text, 1, len, f) != len)
        step = "write";
    else if (fflush(f) != 0)
        step = "flush";
    else if (fsync(fileno(f)) != 0)
        step = "fsync";
    if (step != NULL)
        err = errno;
    /* fclose() also closes fd; it reports delayed write errors, so it is checked as well. */
    if (f != NULL ? fclose(f) != 0 : close(fd) != 0) {
        if (step == NULL) {
            step = "close";
            err = errno;
        }
    }
    if (step == NULL && rename(tmp, path) != 0) {
        step = "rename";
        err = errno;
    }
    int rc = MATCH_OK;
    if (step != NULL) {
        remove(tmp);
        rc = io_failed(plan, shown, step, err);
    }
    free(tmp);
    return rc;
}

/*
 * Replaces path, or the file a symbolic link at path points to (renaming over the link
 * itself would cut it). Only regular files are replaced: renaming over a device such as
 * /dev/stdout or a FIFO would remove it instead of writing to it.
 */
static int write_atomic(match_plan *plan, const char *path, const char *text, size_t len)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (errno != ENOENT)
            return io_failed(plan, path, "stat", errno);
        return replace_file(plan, path, path, 0644, text, len);
    }
    char *target = S_ISLNK(st.st_mode) ? realpath(path, NULL) : NULL;
    if (S_ISLNK(st.st_mode) && (target == NULL || stat(target, &st) != 0)) {
        int rc = io_failed(plan, path, "cannot resolve the symbolic link", errno);
        free(target);
        return rc;
    }
    int rc;
    if (!S_ISREG(st.st_mode)) {
        lm_errmsg_set(plan->errmsg, "cannot write plan %s: not a regular file", path);
        rc = MATCH_EIO;
    } else {
        rc =
            replace_file(plan, target != NULL ? target : path, path, st.st_mode & 07777, text, len);
    }
    free(target);
    return rc;
}

int match_plan_write_json(match_plan *plan, const char *path)
{
    if (plan == NULL)
        return MATCH_EINVAL;
    if (path == NULL) {
        lm_errmsg_set(plan->errmsg, "match_plan_write_json: path is NULL");
        return MATCH_EINVAL;
    }
    char *text;
    size_t len;
    int rc = render(&text, &len, plan);
    if (rc != MATCH_OK)
        return rc;
    rc = write_atomic(plan, path, text, len);
    free(text);
    if (rc == MATCH_OK)
        plan->errmsg[0] = '\0';
    return rc;
}
