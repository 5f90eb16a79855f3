/*
 * Fuzz target: the plan reader (match_plan_read_json_string()).
 *
 * A plan read must be usable, and writing it and reading the result back must give the same
 * bytes again: write(read(write(plan))) == write(plan).
 */
#include <libmatch/libmatch.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *json = fuzz_string(data, size);
    if (json == NULL)
        return 0;
    char err[512] = "";
    match_plan *p = NULL;
    int rc = match_plan_read_json_string(&p, json, "fuzz-plan.json", err, sizeof err);
    free(json);
    FUZZ_CHECK((rc == MATCH_OK) == (p != NULL), "code %d, plan %p", rc, (void *)p);
    FUZZ_CHECK(rc == MATCH_OK || err[0] != '\0', "code %d without a message", rc);
    if (p == NULL)
        return 0;

    for (size_t i = 0; i < match_plan_need_count(p); i++) {
        FUZZ_CHECK(match_plan_need_id(p, i) != NULL, "need %zu has no id", i);
        for (size_t k = 0; k < match_plan_need_volunteer_count(p, i); k++)
            FUZZ_CHECK(match_plan_need_volunteer_id(p, i, k) != NULL, "need %zu volunteer %zu", i,
                       k);
        for (size_t k = 0; k < match_plan_need_resource_count(p, i); k++)
            FUZZ_CHECK(match_plan_need_resource_id(p, i, k) != NULL, "need %zu resource %zu", i, k);
    }

    char *first = NULL;
    rc = match_plan_to_json(&first, p);
    FUZZ_CHECK(rc == MATCH_OK, "writing a plan read failed: %d (%s)", rc, match_plan_errmsg(p));
    match_plan *again = NULL;
    rc = match_plan_read_json_string(&again, first, "again.json", err, sizeof err);
    FUZZ_CHECK(rc == MATCH_OK, "reading back a written plan failed: %d (%s)\n%s", rc, err, first);
    char *second = NULL;
    rc = match_plan_to_json(&second, again);
    FUZZ_CHECK(rc == MATCH_OK, "writing the plan read back failed: %d", rc);
    FUZZ_CHECK(strcmp(first, second) == 0, "plan changed on a round trip:\n%s\n----\n%s", first,
               second);
    match_free(first);
    match_free(second);
    match_plan_destroy(again);
    match_plan_destroy(p);
    return 0;
}
