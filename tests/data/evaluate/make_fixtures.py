#!/usr/bin/env python3
"""Writes the hand-broken plans of this folder: valid.json, a plan of scenario.json that
breaks no rule, and one plan per rule, each the valid plan changed in one place. Each plan
says in "x_expect" the hard violations `match evaluate` must list, exactly (the reader skips
x_ keys). The stated totals (volunteers, units, objective) stay those of the valid plan: a
changed plan may disagree with them, which evaluate notes apart from the rules.

    python3 make_fixtures.py   # in this folder
"""
import copy
import json
import math


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


FAR = km(34.60, 113.38, 34.50, 113.38)


def need(i, cov, hours, vols, res=()):
    return {"id": i, "coverage": cov, "hours": hours,
            "volunteers": [{"id": v, "hours": h} for v, h in vols],
            "resources": [{"id": r, "amount": a} for r, a in res], "unmet_reason": None}


VALID = {
    "format": "libmatch-plan-1", "status": "feasible", "objective": 33.49, "bound": None,
    "needs": [
        need("N1", 1, 10, [("V1", 1), ("V4", 5), ("V5", 4)], [("R1", 1)]),
        need("N2", 0.375, 3, [("V3", 3)]),
        need("N3", 1, 6, [("V1", 1), ("V2", 5)]),
        need("N4", 1, 4, [("V1", 4)]),
        need("N5", 1, 4, [("V1", 4)]),
        need("N6", 1, 4, [("V2", 4)]),
        need("N7", 1, 0, [], [("R2", 1)]),
        need("N8", 0.5, 0, [], [("R2", 1)]),
    ],
    "volunteers": [{"id": "V1", "hours": 10, "shortfall": 0}, {"id": "V2", "hours": 9, "shortfall": 0},
                   {"id": "V3", "hours": 3, "shortfall": 1}, {"id": "V4", "hours": 5, "shortfall": 0},
                   {"id": "V5", "hours": 4, "shortfall": 0}],
    "units": [{"id": "U1", "projects": 6, "shortfall": 0}],
}


def find(plan, nid):
    return next(n for n in plan["needs"] if n["id"] == nid)


def set_vol(plan, nid, vid, hours):
    n = find(plan, nid)
    n["volunteers"] = [v for v in n["volunteers"] if v["id"] != vid]
    if hours is not None:
        n["volunteers"].append({"id": vid, "hours": hours})
        n["volunteers"].sort(key=lambda v: v["id"])
    n["hours"] = sum(v["hours"] for v in n["volunteers"])


def set_res(plan, nid, rid, amount):
    n = find(plan, nid)
    n["resources"] = [r for r in n["resources"] if r["id"] != rid]
    if amount is not None:
        n["resources"].append({"id": rid, "amount": amount})


def expect(rule, item, need_id, have, limit, text):
    return {"rule": rule, "item": item, "need": need_id, "have": have, "limit": limit, "text": text}


def fixtures():
    out = {}

    def case(name, change, *expected):
        plan = copy.deepcopy(VALID)
        change(plan)
        plan["x_expect"] = list(expected)
        out[name] = plan

    case("volunteer_hours", lambda p: (set_vol(p, "N1", "V1", 2), set_vol(p, "N1", "V4", 4)),
         expect("volunteer_hours", "V1", None, 11, 10, "V1 gives 11 h, offers 10 h"))
    case("need_hours", lambda p: set_vol(p, "N1", "V4", 6),
         expect("need_hours", "N1", None, 11, 10, "N1 receives 11 h, asks for 10 h"),
         expect("carried_out", "N1", None, 11, 10, "N1 receives 11 h at coverage 1, carries out 10 h"))
    case("resource_amount", lambda p: set_res(p, "N8", "R2", 2),
         expect("resource_amount", "R2", None, 3, 2, "R2 gives 3 funds, has 2"))
    case("need_resource", lambda p: (set_res(p, "N8", "R2", None), find(p, "N8").update(coverage=0),
                                     set_res(p, "N1", "R2", 1)),
         expect("need_resource", "N1", None, 1, 0, "N1 gets 1 funds, asks for 0"))
    case("whole", lambda p: (set_vol(p, "N6", "V2", 3.5), find(p, "N6").update(coverage=0.875)),
         expect("whole", "V2", "N6", 3.5, 3, "V2 gives N6 3.5 h, not a whole number"))
    case("coverage_hours", lambda p: find(p, "N2").update(coverage=0.5),
         expect("coverage_hours", "N2", None, 0.5, 0.375, "N2 is at coverage 0.5 with 3 h of 8 h"))
    case("coverage_resource", lambda p: set_res(p, "N1", "R1", None),
         expect("coverage_resource", "N1", None, 1, 0, "N1 is at coverage 1 with 0 venue of 1"))
    case("carried_out", lambda p: find(p, "N6").update(coverage=0.5),
         expect("carried_out", "N6", None, 4, 2, "N6 receives 4 h at coverage 0.5, carries out 2 h"))
    case("all_or_nothing", lambda p: (set_vol(p, "N4", "V1", 2), find(p, "N4").update(coverage=0.5)),
         expect("all_or_nothing", "N4", None, 0.5, 1, "N4 is all-or-nothing at coverage 0.5"))
    case("team", lambda p: (set_vol(p, "N3", "V1", None), set_vol(p, "N3", "V2", 6)),
         expect("team", "N3", None, 1, 2, "N3 has 1 volunteer at coverage 1, needs at least 2"))
    case("max_volunteers", lambda p: (set_vol(p, "N6", "V2", 2), set_vol(p, "N6", "V4", 2)),
         expect("max_volunteers", "N6", None, 2, 1, "N6 has 2 volunteers, at most 1"))
    case("required", lambda p: (set_vol(p, "N5", "V1", None), find(p, "N5").update(coverage=0)),
         expect("required", "N5", None, 0, 1, "N5 is required, at coverage 0"))
    case("fixed", lambda p: (set_vol(p, "N1", "V4", 1), set_vol(p, "N1", "V5", 5),
                             find(p, "N1").update(coverage=0.7)),
         expect("fixed", "V4", "N1", 1, 2, "V4 gives N1 1 h, fixed at 2 h"))
    case("forbidden", lambda p: (set_vol(p, "N1", "V5", None), set_vol(p, "N1", "V4", 9),
                                 set_vol(p, "N6", "V2", None), set_vol(p, "N6", "V5", 4)),
         expect("forbidden", "V5", "N6", 4, 0, "V5 gives N6 4 h, a forbidden pair"))
    case("listed", lambda p: (set_vol(p, "N2", "V3", 2), find(p, "N2").update(coverage=0.25)),
         expect("listed", "V3", "N2", 2, 3, "V3 gives N2 2 h, a listed pair of 3 h (all or none)"))
    case("eligibility", lambda p: set_vol(p, "N5", "V1", None) or set_vol(p, "N5", "V3", 4),
         expect("eligibility", "V3", "N5", FAR, 3,
                "V3 gives N5 4 h from %.3g km away, reaches 3 km" % FAR))
    case("eligibility_skill", lambda p: (set_vol(p, "N5", "V1", None), set_vol(p, "N5", "V2", 1),
                                         set_vol(p, "N5", "V5", 3), set_vol(p, "N1", "V5", 1),
                                         set_vol(p, "N1", "V4", 8)),
         expect("eligibility", "V2", "N5", None, None,
                "V2 gives N5 1 h without any of the skills it asks for"))
    case("eligibility_slot", lambda p: (set_vol(p, "N6", "V2", 1), find(p, "N6").update(coverage=0.25),
                                        set_vol(p, "N2", "V2", 3), find(p, "N2").update(coverage=0.75)),
         expect("eligibility", "V2", "N2", None, None, "V2 gives N2 3 h with no time slot in common"))
    case("resource_eligibility", lambda p: (set_res(p, "N1", "R1", None), set_res(p, "N1", "R4", 1)),
         expect("resource_eligibility", "R4", "N1", None, None,
                "R4 gives N1 1 venue, but does not serve category after_school"))
    case("resource_distance", lambda p: (set_res(p, "N8", "R3", 1), find(p, "N8").update(coverage=1)),
         expect("resource_eligibility", "R3", "N8", FAR, 3,
                "R3 gives N8 1 funds from %.3g km away, reaches 3 km" % FAR))
    case("items", lambda p: find(p, "N7").update(id="N77"),
         expect("items", "N77", None, None, None, "the plan lists need N77, which the scenario does not have"),
         expect("items", "N7", None, None, None, "need N7 is missing from the plan"))
    return out


def main():
    with open("valid.json", "w") as f:
        json.dump(VALID, f, indent=1)
        f.write("\n")
    for name, plan in fixtures().items():
        with open("broken-%s.json" % name, "w") as f:
            json.dump(plan, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
