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

const char *match_item_kind_name(match_item_kind kind)
{
    switch (kind) {
    case MATCH_KIND_COMMUNITY:
        return "community";
    case MATCH_KIND_UNIT:
        return "unit";
    case MATCH_KIND_VOLUNTEER:
        return "volunteer";
    case MATCH_KIND_RESOURCE:
        return "resource";
    case MATCH_KIND_NEED:
        return "need";
    case MATCH_KIND_PAIR:
        return "pair";
    default:
        return "";
    }
}
