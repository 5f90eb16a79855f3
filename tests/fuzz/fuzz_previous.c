/*
 * Fuzz target: the previous-plan reader (match_model_read_previous_plan_string()), into a
 * copy of a small fixed model that names some of the ids the seed plans use.
 *
 * On success the model holds a plan in force; on failure it holds none (the copy had none)
 * and the message is set. Either way the model stays usable: it is copied and freed.
 */
#include <libmatch/libmatch.h>

#include "fuzz_common.h"

static const char SCENARIO[] =
    "{\"format\": \"libmatch-scenario-1\","
    " \"policy\": {\"change_penalty\": 0.5},"
    " \"communities\": [{\"id\": \"C01\", \"lat\": 34.53, \"lon\": 113.38},"
    "                   {\"id\": \"C02\", \"lat\": 34.535, \"lon\": 113.39}],"
    " \"units\": [{\"id\": \"U01\", \"community\": \"C01\"}],"
    " \"volunteers\": [{\"id\": \"V0001\", \"unit\": \"U01\", \"community\": \"C01\", \"hours\": "
    "24},"
    "                  {\"id\": \"V0002\", \"community\": \"C02\", \"hours\": 30},"
    "                  {\"id\": \"\xe5\xbf\x97\xe6\x84\xbf\xe8\x80\x85"
    "03\", \"community\": \"C01\","
    "                   \"hours\": 16}],"
    " \"needs\": [{\"id\": \"N001\", \"community\": \"C01\", \"category\": \"a\", \"priority\": 4,"
    "             \"hours\": 40},"
    "            {\"id\": \"N002\", \"community\": \"C02\", \"category\": \"b\", \"priority\": 5,"
    "             \"hours\": 20},"
    "            {\"id\": \"N003\", \"community\": \"C01\", \"category\": \"c\", \"priority\": 2,"
    "             \"hours\": 10}]}";

static match_model *base;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[512];
    if (match_model_read_json_string(&base, SCENARIO, "base.json", err, sizeof err) != MATCH_OK) {
        fprintf(stderr, "fuzz_previous: the fixed model does not read: %s\n", err);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *json = fuzz_string(data, size);
    if (json == NULL)
        return 0;
    match_model *m = NULL;
    if (match_model_copy(&m, base) != MATCH_OK) {
        free(json);
        return 0;
    }
    char err[512] = "";
    int rc = match_model_read_previous_plan_string(m, json, "previous.json", err, sizeof err);
    free(json);
    FUZZ_CHECK(rc <= 0 && rc >= MATCH_EINTERRUPTED, "unknown code %d", rc);
    if (rc == MATCH_OK) {
        FUZZ_CHECK(match_model_has_previous_plan(m), "read without a plan in force");
    } else {
        FUZZ_CHECK(err[0] != '\0', "code %d without a message", rc);
        FUZZ_CHECK(!match_model_has_previous_plan(m), "failed read (%s) left a plan in force", err);
    }
    match_model *copy = NULL;
    FUZZ_CHECK(match_model_copy(&copy, m) == MATCH_OK, "copy failed");
    FUZZ_CHECK(match_model_has_previous_plan(copy) == match_model_has_previous_plan(m),
               "copy lost the plan in force");
    match_model_destroy(copy);
    match_model_destroy(m);
    return 0;
}
