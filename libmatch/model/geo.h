/* Great-circle distance, as docs/model.md defines it. */
#ifndef LM_GEO_H
#define LM_GEO_H

#define LM_EARTH_RADIUS_KM 6371.0

/* Haversine distance in km between two points given in degrees. */
double lm_haversine_km(double lat1, double lon1, double lat2, double lon2);

#endif
