#include "libmatch/common.h"

const char *match_strerror(int code)
{
    switch (code) {
    case MATCH_OK:
        return "success";
    case MATCH_EINVAL:
        return "invalid argument";
    case MATCH_ENOMEM:
        return "out of memory";
    case MATCH_EIO:
        return "input/output error";
    case MATCH_EPARSE:
        return "malformed JSON";
    case MATCH_EINPUT:
        return "bad input";
    case MATCH_ENOTFOUND:
        return "unknown reference";
    case MATCH_EDUPLICATE:
        return "duplicate id";
    case MATCH_ESOLVER:
        return "solver failure";
    case MATCH_EINTERRUPTED:
        return "interrupted";
    default:
        return "unknown error";
    }
}
