/*
 * A plan comparison as JSON ("libmatch-diff-1", docs/analysis.md): what `match diff --json`
 * prints and what the Python binding reads. Numbers take the plan file's canonical form.
 */
#include "libmatch/diff.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "json_number.h"

#include "../plan/plan_diff_internal.h"

#define DIFF_FORMAT "libmatch-diff-1"

/* Collects the first failure; later calls then do nothing harmful. */
typedef struct out {
    bool failed;
} out;

static void put(out *o, json_t *obj, const char *key, json_t *value)
{
    if (obj == NULL || value == NULL || json_object_set_new(obj, key, value) != 0) {
        json_decref(obj == NULL ? value : NULL);
        o->failed = true;
    }
}

static void append(out *o, json_t *array, json_t *value)
{
    if (array == NULL || value == NULL || json_array_append_new(array, value) != 0) {
        json_decref(array == NULL ? value : NULL);
        o->failed = true;
    }
}

static json_t *pair(out *o, double before, double after)
{
    json_t *obj = json_object();
    put(o, obj, "before", lm_json_number(before));
    put(o, obj, "after", lm_json_number(after));
    return obj;
}

static json_t *needs_of(out *o, const match_diff *d, match_change change)
{
    json_t *array = json_array();
    for (size_t k = 0; k < d->n_needs; ++k) {
        const lm_diff_need *n = &d->needs[k];
        if (n->change != change)
            continue;
        json_t *obj = json_object();
        put(o, obj, "id", json_string(n->id));
        put(o, obj, "priority", json_integer(n->priority));
        put(o, obj, "category", json_string(n->category));
        put(o, obj, "street", json_string(n->street));
        put(o, obj, "coverage_before", lm_json_number(n->coverage[MATCH_BEFORE]));
        put(o, obj, "coverage_after", lm_json_number(n->coverage[MATCH_AFTER]));
        append(o, array, obj);
    }
    return array;
}

static json_t *groups_of(out *o, const match_diff *d, match_grouping by)
{
    json_t *array = json_array();
    for (size_t k = 0; k < d->n_groups[by]; ++k) {
        const lm_diff_group *g = &d->groups[by][k];
        json_t *obj = json_object();
        put(o, obj, "key", json_string(g->key));
        put(o, obj, "needs_before", json_integer((json_int_t)g->needs[MATCH_BEFORE]));
        put(o, obj, "needs_after", json_integer((json_int_t)g->needs[MATCH_AFTER]));
        put(o, obj, "met_before", json_integer((json_int_t)g->met[MATCH_BEFORE]));
        put(o, obj, "met_after", json_integer((json_int_t)g->met[MATCH_AFTER]));
        put(o, obj, "coverage_before", lm_json_number(g->coverage[MATCH_BEFORE]));
        put(o, obj, "coverage_after", lm_json_number(g->coverage[MATCH_AFTER]));
        append(o, array, obj);
    }
    return array;
}

static json_t *diff_json(out *o, const match_diff *d)
{
    json_t *root = json_object();
    put(o, root, "format", json_string(DIFF_FORMAT));
    json_t *status = json_object();
    put(o, status, "before", json_string(match_status_name(d->status[MATCH_BEFORE])));
    put(o, status, "after", json_string(match_status_name(d->status[MATCH_AFTER])));
    put(o, root, "status", status);
    put(o, root, "objective", pair(o, d->objective[MATCH_BEFORE], d->objective[MATCH_AFTER]));
    json_t *needs = json_object();
    put(o, needs, "gained", needs_of(o, d, MATCH_CHANGE_GAINED));
    put(o, needs, "lost", needs_of(o, d, MATCH_CHANGE_LOST));
    put(o, needs, "raised", needs_of(o, d, MATCH_CHANGE_RAISED));
    put(o, needs, "lowered", needs_of(o, d, MATCH_CHANGE_LOWERED));
    put(o, root, "needs", needs);
    json_t *moves = json_array();
    for (size_t k = 0; k < d->n_moves; ++k) {
        json_t *obj = json_object();
        put(o, obj, "volunteer", json_string(d->moves[k].volunteer));
        put(o, obj, "need", json_string(d->moves[k].need));
        put(o, obj, "hours_before", lm_json_number(d->moves[k].hours[MATCH_BEFORE]));
        put(o, obj, "hours_after", lm_json_number(d->moves[k].hours[MATCH_AFTER]));
        append(o, moves, obj);
    }
    put(o, root, "moves", moves);
    put(o, root, "volunteers_moved", json_integer((json_int_t)d->volunteers_moved));
    put(o, root, "by_priority", groups_of(o, d, MATCH_BY_PRIORITY));
    put(o, root, "by_street", groups_of(o, d, MATCH_BY_STREET));
    put(o, root, "by_category", groups_of(o, d, MATCH_BY_CATEGORY));
    return root;
}

int match_diff_to_json(char **result, const match_diff *d)
{
    if (result == NULL || d == NULL)
        return MATCH_EINVAL;
    *result = NULL;
    out o = {false};
    json_t *root = diff_json(&o, d);
    char *text = NULL;
    if (!o.failed && root != NULL) {
        size_t n = json_dumpb(root, NULL, 0, LM_JSON_DUMP_FLAGS);
        text = n > 0 ? malloc(n + 2) : NULL;
        if (text != NULL && json_dumpb(root, text, n, LM_JSON_DUMP_FLAGS) == n) {
            text[n] = '\n';
            text[n + 1] = '\0';
        } else {
            free(text);
            text = NULL;
        }
    }
    json_decref(root);
    if (text == NULL)
        return MATCH_ENOMEM;
    *result = text;
    return MATCH_OK;
}
