"""Why a plan is what it is: reasons for unmet needs and bottlenecks (marginal values).

Both come from the C library (``include/libmatch/explain.h``); this module turns them into
lists and dicts. See docs/analysis.md, "Bottlenecks and reasons".
"""

import math

from . import libmatch_c as _c

__all__ = ["bottlenecks", "need_reasons", "FILTERS"]

#: Eligibility filters a "no_volunteer" / "no_resource" reason counts, by name.
FILTERS = {
    "distance": _c.MATCH_FILTER_DISTANCE,
    "skill": _c.MATCH_FILTER_SKILL,
    "slot": _c.MATCH_FILTER_SLOT,
    "forbidden": _c.MATCH_FILTER_FORBIDDEN,
    "capacity": _c.MATCH_FILTER_CAPACITY,
    "category": _c.MATCH_FILTER_CATEGORY,
}

_VIEWS = {
    "hours": _c.MATCH_BOTTLENECK_HOURS,
    "skills": _c.MATCH_BOTTLENECK_SKILLS,
    "communities": _c.MATCH_BOTTLENECK_COMMUNITIES,
    "streets": _c.MATCH_BOTTLENECK_STREETS,
    "resources": _c.MATCH_BOTTLENECK_RESOURCES,
    "types": _c.MATCH_BOTTLENECK_TYPES,
}


def _optional(value):
    return None if math.isnan(value) else value


def need_reasons(plan_handle, need):
    """The reasons need number ``need`` is not fully covered, as a list of dicts:
    ``code`` (e.g. "no_volunteer", "volunteers_busy"), ``text``, ``type`` (resource type
    or None), ``filtered`` (``{filter: count}``, only the non-zero counts), ``have`` and
    ``want`` (None where the code compares nothing) and ``examples``
    (``[{"item", "need", "value", "value_here"}]``: a busy volunteer or resource, the need
    it serves, and what one hour or unit is worth there and here)."""
    p = plan_handle
    reasons = []
    for k in range(_c.match_plan_need_reason_count(p, need)):
        filtered = {}
        for name, f in FILTERS.items():
            count = _c.match_plan_need_reason_filtered(p, need, k, f)
            if count:
                filtered[name] = count
        examples = [{
            "item": _c.match_plan_need_reason_example_item(p, need, k, e),
            "need": _c.match_plan_need_reason_example_need(p, need, k, e),
            "value": _c.match_plan_need_reason_example_value(p, need, k, e),
            "value_here": _c.match_plan_need_reason_example_value_here(p, need, k, e),
        } for e in range(_c.match_plan_need_reason_example_count(p, need, k))]
        reasons.append({
            "code": _c.match_reason_code_name(_c.match_plan_need_reason_code(p, need, k)),
            "text": _c.match_plan_need_reason_text(p, need, k),
            "type": _c.match_plan_need_reason_type(p, need, k),
            "filtered": filtered,
            "have": _optional(_c.match_plan_need_reason_have(p, need, k)),
            "want": _optional(_c.match_plan_need_reason_want(p, need, k)),
            "examples": examples,
        })
    return reasons


def bottlenecks(model_handle):
    """The bottleneck report of a model handle, as a dict:

    ``exact`` (True for a pure-network scenario; False: values from the flow relaxation),
    ``status`` ("optimal", or "infeasible" with every list empty), and one list per view,
    best first: ``hours`` (every skill x community), ``skills``, ``communities``,
    ``streets`` (the best row of each), ``resources`` (every type x community) and
    ``types``. A row is ``{"value", "skill", "type", "community", "street", "serves",
    "gains"}``: what one more volunteer-hour (resource unit) there adds to the objective,
    the need it would serve and the need whose coverage would rise.
    """
    report = _c.match_model_bottlenecks(model_handle)
    out = {
        "exact": bool(_c.match_bottlenecks_exact(report)),
        "status": _c.match_status_name(_c.match_bottlenecks_status(report)),
    }
    for name, view in _VIEWS.items():
        out[name] = [{
            "value": _c.match_bottleneck_value(report, view, k),
            "skill": _c.match_bottleneck_skill(report, view, k),
            "type": _c.match_bottleneck_type(report, view, k),
            "community": _c.match_bottleneck_community(report, view, k),
            "street": _c.match_bottleneck_street(report, view, k),
            "serves": _c.match_bottleneck_serves(report, view, k),
            "gains": _c.match_bottleneck_gains(report, view, k),
        } for k in range(_c.match_bottlenecks_count(report, view))]
    return out
