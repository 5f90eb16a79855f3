/*
 * Reading a plan back. Out-of-range indexes and a NULL plan never fault: they give NULL
 * strings, zero counts and NaN numbers, as plan.h promises, so bindings can pass indexes
 * straight through.
 */
#include "plan_internal.h"

#include <math.h>
#include <stdlib.h>

static void free_shares(lm_plan_share *shares, size_t n)
{
    if (shares == NULL)
        return;
    for (size_t k = 0; k < n; ++k)
        free(shares[k].id);
    free(shares);
}

void match_plan_destroy(match_plan *plan)
{
    if (plan == NULL)
        return;
    if (plan->needs != NULL) {
        for (size_t i = 0; i < plan->n_needs; ++i) {
            lm_plan_need *n = &plan->needs[i];
            free(n->id);
            free(n->category);
            free(n->community);
            free(n->street);
            free(n->unmet_reason);
            for (size_t k = 0; k < n->n_reasons; ++k)
                lm_reason_clear(&n->reasons[k]);
            free(n->reasons);
            free_shares(n->volunteers, n->n_volunteers);
            free_shares(n->resources, n->n_resources);
        }
        free(plan->needs);
    }
    if (plan->volunteers != NULL) {
        for (size_t v = 0; v < plan->n_volunteers; ++v)
            free(plan->volunteers[v].id);
        free(plan->volunteers);
    }
    if (plan->units != NULL) {
        for (size_t u = 0; u < plan->n_units; ++u)
            free(plan->units[u].id);
        free(plan->units);
    }
    free(plan->message);
    free(plan);
}

match_status match_plan_status(const match_plan *plan)
{
    return plan != NULL ? plan->status : MATCH_STATUS_ERROR;
}

const char *match_status_name(match_status status)
{
    switch (status) {
    case MATCH_STATUS_OPTIMAL:
        return "optimal";
    case MATCH_STATUS_FEASIBLE:
        return "feasible";
    case MATCH_STATUS_INFEASIBLE:
        return "infeasible";
    case MATCH_STATUS_TIME_LIMIT:
        return "time_limit";
    case MATCH_STATUS_ERROR:
        return "error";
    }
    /* A value cast from an int by a binding; still a static, printable string. */
    return "unknown";
}

const char *match_plan_message(const match_plan *plan)
{
    return plan != NULL && plan->message != NULL ? plan->message : "";
}

double match_plan_objective(const match_plan *plan)
{
    return plan != NULL ? plan->objective : NAN;
}

double match_plan_bound(const match_plan *plan)
{
    return plan != NULL ? plan->bound : NAN;
}

double match_plan_solve_seconds(const match_plan *plan)
{
    return plan != NULL ? plan->solve_seconds : NAN;
}

double match_plan_phase_seconds(const match_plan *plan, match_phase phase)
{
    /* Compared as int: an out-of-range value cast to the enum is still caught. */
    int p = (int)phase;
    if (plan == NULL || p < (int)MATCH_PHASE_PAIRS || p > (int)MATCH_PHASE_PLAN)
        return NAN;
    return plan->phase_seconds[p];
}

size_t match_plan_pair_count(const match_plan *plan)
{
    return plan != NULL ? plan->pair_count : 0;
}

const char *match_plan_errmsg(const match_plan *plan)
{
    return plan != NULL ? plan->errmsg : "";
}

/* ---- Needs ------------------------------------------------------------------------------- */

static const lm_plan_need *need_at(const match_plan *plan, size_t need)
{
    return plan != NULL && need < plan->n_needs ? &plan->needs[need] : NULL;
}

size_t match_plan_need_count(const match_plan *plan)
{
    return plan != NULL ? plan->n_needs : 0;
}

const char *match_plan_need_id(const match_plan *plan, size_t need)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL ? n->id : NULL;
}

int match_plan_need_priority(const match_plan *plan, size_t need)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL ? n->priority : 0;
}

const char *match_plan_need_category(const match_plan *plan, size_t need)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL ? n->category : NULL;
}

const char *match_plan_need_community(const match_plan *plan, size_t need)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL ? n->community : NULL;
}

const char *match_plan_need_street(const match_plan *plan, size_t need)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL ? n->street : NULL;
}

double match_plan_need_coverage(const match_plan *plan, size_t need)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL ? n->coverage : NAN;
}

double match_plan_need_hours(const match_plan *plan, size_t need)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL ? n->hours : NAN;
}

const char *match_plan_need_unmet_reason(const match_plan *plan, size_t need)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL ? n->unmet_reason : NULL;
}

size_t match_plan_need_volunteer_count(const match_plan *plan, size_t need)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL ? n->n_volunteers : 0;
}

const char *match_plan_need_volunteer_id(const match_plan *plan, size_t need, size_t k)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL && k < n->n_volunteers ? n->volunteers[k].id : NULL;
}

double match_plan_need_volunteer_hours(const match_plan *plan, size_t need, size_t k)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL && k < n->n_volunteers ? n->volunteers[k].amount : NAN;
}

size_t match_plan_need_resource_count(const match_plan *plan, size_t need)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL ? n->n_resources : 0;
}

const char *match_plan_need_resource_id(const match_plan *plan, size_t need, size_t k)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL && k < n->n_resources ? n->resources[k].id : NULL;
}

double match_plan_need_resource_amount(const match_plan *plan, size_t need, size_t k)
{
    const lm_plan_need *n = need_at(plan, need);
    return n != NULL && k < n->n_resources ? n->resources[k].amount : NAN;
}

/* ---- Volunteers and units ---------------------------------------------------------------- */

size_t match_plan_volunteer_count(const match_plan *plan)
{
    return plan != NULL ? plan->n_volunteers : 0;
}

const char *match_plan_volunteer_id(const match_plan *plan, size_t volunteer)
{
    return plan != NULL && volunteer < plan->n_volunteers ? plan->volunteers[volunteer].id : NULL;
}

double match_plan_volunteer_hours(const match_plan *plan, size_t volunteer)
{
    return plan != NULL && volunteer < plan->n_volunteers ? plan->volunteers[volunteer].hours : NAN;
}

double match_plan_volunteer_shortfall(const match_plan *plan, size_t volunteer)
{
    return plan != NULL && volunteer < plan->n_volunteers ? plan->volunteers[volunteer].shortfall
                                                          : NAN;
}

size_t match_plan_unit_count(const match_plan *plan)
{
    return plan != NULL ? plan->n_units : 0;
}

const char *match_plan_unit_id(const match_plan *plan, size_t unit)
{
    return plan != NULL && unit < plan->n_units ? plan->units[unit].id : NULL;
}

/* Counts: out of range gives 0, like every count in plan.h. */
int match_plan_unit_projects(const match_plan *plan, size_t unit)
{
    return plan != NULL && unit < plan->n_units ? plan->units[unit].projects : 0;
}

int match_plan_unit_shortfall(const match_plan *plan, size_t unit)
{
    return plan != NULL && unit < plan->n_units ? plan->units[unit].shortfall : 0;
}
