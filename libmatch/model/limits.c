/* The supported ranges of the model's numbers (limits.h). */
#include "limits.h"

#include <math.h>
#include <string.h>

bool lm_in_range(double value, double lo, double hi)
{
    return isfinite(value) && value >= lo && value <= hi;
}

double lm_field_max(const char *field)
{
    static const struct {
        const char *field;
        double max;
    } table[] = {
        {"max_distance_km", LM_MAX_DISTANCE_KM},
        {"distance_cost", LM_MAX_PRICE},
        {"volunteer_shortfall_penalty", LM_MAX_PRICE},
        {"unit_shortfall_penalty", LM_MAX_PRICE},
        {"change_penalty", LM_MAX_PRICE},
        {"priority_weights", LM_MAX_PRICE},
        {"value", LM_MAX_PRICE},
        {"unit_min_projects", LM_MAX_COUNT},
        {"min_projects", LM_MAX_COUNT},
        {"min_volunteers", LM_MAX_COUNT},
        {"max_volunteers", LM_MAX_COUNT},
        {"volunteer_min_services", LM_MAX_COUNT},
        {"points_per_hour", LM_MAX_PRICE},
        {"points_per_project", LM_MAX_PRICE},
    };
    if (field != NULL)
        for (size_t k = 0; k < sizeof table / sizeof table[0]; ++k)
            if (strcmp(field, table[k].field) == 0)
                return table[k].max;
    return LM_MAX_QUANTITY;
}
