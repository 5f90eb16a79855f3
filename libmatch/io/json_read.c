/* The readers' shared steps (json_read.h). */
#include "json_read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "input_limits.h"

int lm_json_check_format(lm_json_ctx *ctx, const json_t *obj, const char *format, bool required)
{
    const char *got = NULL;
    LM_TRY(lm_json_get_string(ctx, obj, "format", required, &got));
    if (got == NULL || strcmp(got, format) == 0)
        return MATCH_OK;
    char expected[64];
    snprintf(expected, sizeof expected, "\"%s\"", format);
    return lm_json_fail_value(ctx, "format", expected, json_object_get(obj, "format"));
}

int lm_json_slurp(lm_json_ctx *ctx, const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return lm_json_fail(ctx, MATCH_EIO, NULL, "cannot open: %s", strerror(errno));
    char *buf = NULL;
    size_t used = 0, cap = 0;
    int rc = MATCH_OK;
    for (;;) {
        if (!lm_reserve((void **)&buf, &cap, used + 65536, 1)) {
            rc = lm_json_fail(ctx, MATCH_ENOMEM, NULL, "out of memory");
            break;
        }
        size_t got = fread(buf + used, 1, cap - used, f);
        used += got;
        if (used > LM_INPUT_MAX_BYTES) {
            rc = lm_json_fail(ctx, MATCH_EINPUT, NULL,
                              "the file is larger than the supported %zu MiB",
                              LM_INPUT_MAX_BYTES / (1024 * 1024));
            break;
        }
        if (got == 0) {
            if (ferror(f))
                rc = lm_json_fail(ctx, MATCH_EIO, NULL, "cannot read: %s", strerror(errno));
            break;
        }
    }
    fclose(f);
    if (rc != MATCH_OK) {
        free(buf);
        return rc;
    }
    *data = buf;
    *len = used;
    return MATCH_OK;
}

int lm_json_parse(lm_json_ctx *ctx, const char *text, size_t len, json_t **root)
{
    if (len > LM_INPUT_MAX_BYTES)
        return lm_json_fail(ctx, MATCH_EINPUT, NULL,
                            "the text is larger than the supported %zu MiB",
                            LM_INPUT_MAX_BYTES / (1024 * 1024));
    /* Editors on Windows often start UTF-8 files with a byte-order mark; JSON has no use for it. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    int line = 0;
    if (lm_json_text_depth(text, len, LM_INPUT_MAX_DEPTH, &line) > LM_INPUT_MAX_DEPTH)
        return lm_json_fail(ctx, MATCH_EINPUT, NULL,
                            "line %d: arrays and objects nest deeper than the supported %d levels",
                            line, LM_INPUT_MAX_DEPTH);
    json_error_t error;
    *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &error);
    if (*root != NULL)
        return MATCH_OK;
    if (json_error_code(&error) == json_error_out_of_memory)
        return lm_json_fail(ctx, MATCH_ENOMEM, NULL, "out of memory");
    snprintf(ctx->msg, sizeof ctx->msg, "%s:%d:%d: %s", ctx->source, error.line, error.column,
             error.text);
    ctx->code = MATCH_EPARSE;
    return MATCH_EPARSE;
}

int lm_json_load_file(lm_json_ctx *ctx, const char *path, json_t **root)
{
    char *data = NULL;
    size_t len = 0;
    *root = NULL;
    int rc = lm_json_slurp(ctx, path, &data, &len);
    if (rc == MATCH_OK)
        rc = lm_json_parse(ctx, data, len, root);
    free(data);
    return rc;
}
