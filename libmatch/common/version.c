#include "libmatch/version.h"

#include <glpk.h>

#define LM_STR2(x) #x
#define LM_STR(x) LM_STR2(x)

const char *match_version(void)
{
    return MATCH_VERSION_STRING;
}

int match_version_number(void)
{
    return MATCH_VERSION_NUMBER;
}

const char *match_glpk_version(void)
{
    /* From the header rather than glp_version(): that call creates a GLPK environment in
     * the calling thread, which would then have to be freed. */
    return LM_STR(GLP_MAJOR_VERSION) "." LM_STR(GLP_MINOR_VERSION);
}
