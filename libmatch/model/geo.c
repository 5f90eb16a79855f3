#include "geo.h"

#include <math.h>

static double radians(double degrees)
{
    return degrees * (M_PI / 180.0);
}

double lm_haversine_km(double lat1, double lon1, double lat2, double lon2)
{
    double dlat = radians(lat2 - lat1);
    double dlon = radians(lon2 - lon1);
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) * sin(dlon / 2);
    /* Rounding can push a a hair above 1 for antipodal points; asin would give NaN. */
    if (a > 1.0)
        a = 1.0;
    return 2.0 * LM_EARTH_RADIUS_KM * asin(sqrt(a));
}
