/* The number form of the JSON files libmatch writes (json_number.h). */
#include "json_number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

json_t *lm_json_number(double v)
{
    if (!isfinite(v))
        return json_null();
    char text[32];
    snprintf(text, sizeof text, "%.*g", LM_JSON_DIGITS, v);
    double rounded = strtod(text, NULL);
    if (rounded == floor(rounded) && fabs(rounded) < 9007199254740992.0) /* 2^53 */
        return json_integer((json_int_t)rounded);
    return json_real(rounded);
}
