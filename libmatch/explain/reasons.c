/*
 * Reading the structured reasons of unmet needs (include/libmatch/explain.h). Out-of-range
 * indexes and a NULL plan give NULL, 0, NaN or MATCH_REASON_NONE, as for every plan getter.
 */
#include "libmatch/explain.h"

#include <math.h>

#include "../plan/plan_internal.h"

const char *match_reason_code_name(match_reason_code code)
{
    switch (code) {
    case MATCH_REASON_NONE:
        return "none";
    case MATCH_REASON_NO_PLAN:
        return "no_plan";
    case MATCH_REASON_PARTLY_COVERED:
        return "partly_covered";
    case MATCH_REASON_TEAM_INCOMPLETE:
        return "team_incomplete";
    case MATCH_REASON_NO_VOLUNTEER:
        return "no_volunteer";
    case MATCH_REASON_TOO_FEW_VOLUNTEERS:
        return "too_few_volunteers";
    case MATCH_REASON_TOO_FEW_HOURS:
        return "too_few_hours";
    case MATCH_REASON_VOLUNTEERS_BUSY:
        return "volunteers_busy";
    case MATCH_REASON_NO_RESOURCE:
        return "no_resource";
    case MATCH_REASON_TOO_LITTLE_RESOURCE:
        return "too_little_resource";
    case MATCH_REASON_RESOURCES_BUSY:
        return "resources_busy";
    case MATCH_REASON_NOT_WORTH:
        return "not_worth";
    case MATCH_REASON_NOT_FOUND:
        return "not_found";
    case MATCH_REASON_PAIRS_TOO_LONG:
        return "pairs_too_long";
    case MATCH_REASON_TEAM_LIMIT:
        return "team_limit";
    }
    return "unknown";
}

static const lm_reason *reason_at(const match_plan *plan, size_t need, size_t k)
{
    if (plan == NULL || need >= plan->n_needs || k >= plan->needs[need].n_reasons)
        return NULL;
    return &plan->needs[need].reasons[k];
}

static const lm_reason_example *example_at(const match_plan *plan, size_t need, size_t k, size_t e)
{
    const lm_reason *r = reason_at(plan, need, k);
    return r != NULL && e < r->n_examples ? &r->examples[e] : NULL;
}

size_t match_plan_need_reason_count(const match_plan *plan, size_t need)
{
    return plan != NULL && need < plan->n_needs ? plan->needs[need].n_reasons : 0;
}

match_reason_code match_plan_need_reason_code(const match_plan *plan, size_t need, size_t k)
{
    const lm_reason *r = reason_at(plan, need, k);
    return r != NULL ? (match_reason_code)r->code : MATCH_REASON_NONE;
}

const char *match_plan_need_reason_text(const match_plan *plan, size_t need, size_t k)
{
    const lm_reason *r = reason_at(plan, need, k);
    return r != NULL ? r->text : NULL;
}

const char *match_plan_need_reason_type(const match_plan *plan, size_t need, size_t k)
{
    const lm_reason *r = reason_at(plan, need, k);
    return r != NULL ? r->type : NULL;
}

size_t match_plan_need_reason_filtered(const match_plan *plan, size_t need, size_t k,
                                       match_filter filter)
{
    const lm_reason *r = reason_at(plan, need, k);
    if (r == NULL || (int)filter < 0 || (int)filter >= LM_REASON_FILTERS)
        return 0;
    return r->filtered[filter];
}

double match_plan_need_reason_have(const match_plan *plan, size_t need, size_t k)
{
    const lm_reason *r = reason_at(plan, need, k);
    return r != NULL ? r->have : NAN;
}

double match_plan_need_reason_want(const match_plan *plan, size_t need, size_t k)
{
    const lm_reason *r = reason_at(plan, need, k);
    return r != NULL ? r->want : NAN;
}

size_t match_plan_need_reason_example_count(const match_plan *plan, size_t need, size_t k)
{
    const lm_reason *r = reason_at(plan, need, k);
    return r != NULL ? r->n_examples : 0;
}

const char *match_plan_need_reason_example_item(const match_plan *plan, size_t need, size_t k,
                                                size_t e)
{
    const lm_reason_example *x = example_at(plan, need, k, e);
    return x != NULL ? x->item : NULL;
}

const char *match_plan_need_reason_example_need(const match_plan *plan, size_t need, size_t k,
                                                size_t e)
{
    const lm_reason_example *x = example_at(plan, need, k, e);
    return x != NULL ? x->need : NULL;
}

double match_plan_need_reason_example_value(const match_plan *plan, size_t need, size_t k, size_t e)
{
    const lm_reason_example *x = example_at(plan, need, k, e);
    return x != NULL ? x->value_there : NAN;
}

double match_plan_need_reason_example_value_here(const match_plan *plan, size_t need, size_t k,
                                                 size_t e)
{
    const lm_reason_example *x = example_at(plan, need, k, e);
    return x != NULL ? x->value_here : NAN;
}
