"""Checks that a libmatch plan obeys docs/model.md, independently of the engine.

    scen = reference_model.normalize(raw_scenario)
    problems = check_plan(scen, plan)       # [] when every rule holds
    value = recompute_objective(scen, plan)

The checks use the plan's own numbers: listing (every need, volunteer and unit once, in the
scenario's order), eligibility of every pair (or a fixed or listed pair), capacities, the
exact hours of listed pairs, coverage bounds, no hours beyond coverage * hours, team, max_volunteers and all-or-nothing rules, required needs, fixed and forbidden pairs, the totals the plan
reports (hours, shortfalls, unit projects) and unmet_reason.
"""

import reference_model as rm

TOL = 1e-6
STATUSES = {"optimal", "feasible", "infeasible", "time_limit", "error"}


def _whole(x):
    return abs(x - round(x)) <= TOL


def check_plan(scen, plan):
    """Returns a list of human-readable rule violations (empty: the plan is valid)."""
    bad = []
    if plan.get("format") != "libmatch-plan-1":
        bad.append("format is %r" % plan.get("format"))
    status = plan.get("status")
    if status not in STATUSES:
        bad.append("unknown status %r" % status)

    # Listing: every item exactly once, in the scenario's order.
    for key, items in (("needs", scen["needs"]), ("volunteers", scen["volunteers"]),
                       ("units", scen["units"])):
        got = [e.get("id") for e in plan.get(key, [])]
        want = [e["id"] for e in items]
        if got != want:
            bad.append("%s listed as %s, scenario has %s" % (key, got, want))
    if bad:
        return bad
    if status not in ("optimal", "feasible"):
        return bad

    vols = {v["id"]: v for v in scen["volunteers"]}
    res = {r["id"]: r for r in scen["resources"]}
    listed = scen.get("listed", {})
    pairs_only = scen["policy"].get("eligibility") == "pairs_only"
    vol_total = {v["id"]: 0.0 for v in scen["volunteers"]}
    res_total = {r["id"]: 0.0 for r in scen["resources"]}
    unit_projects = {u["id"]: 0 for u in scen["units"]}
    given = {}

    for n, e in zip(scen["needs"], plan["needs"]):
        nid = n["id"]
        cov = e["coverage"]
        if not (-TOL <= cov <= 1 + TOL):
            bad.append("%s: coverage %r outside [0, 1]" % (nid, cov))
        hours = 0.0
        computed_hours = 0.0  # the need's own hours bound these; listed pairs bring theirs
        served_by = []
        seen = set()
        for a in e["volunteers"]:
            vid, h = a["id"], a["hours"]
            if vid not in vols:
                bad.append("%s: unknown volunteer %s" % (nid, vid))
                continue
            if vid in seen:
                bad.append("%s: volunteer %s listed twice" % (nid, vid))
            seen.add(vid)
            pair = (vid, nid)
            if pair in listed:
                if abs(h - listed[pair][1]) > TOL:
                    bad.append("%s: listed volunteer %s gives %r hours, not its %r"
                               % (nid, vid, h, listed[pair][1]))
            else:
                if not (_whole(h) and h >= 1 - TOL):
                    bad.append("%s: volunteer %s gives %r hours (not a whole number >= 1)"
                               % (nid, vid, h))
                computed_hours += h
            if pair in scen["forbidden"]:
                bad.append("%s: forbidden volunteer %s serves" % (nid, vid))
            if pair not in scen["fixed"] and pair not in listed and (
                    pairs_only or not rm.eligible_volunteer(scen, vols[vid], n)):
                bad.append("%s: ineligible volunteer %s serves" % (nid, vid))
            hours += h
            vol_total[vid] += h
            given[pair] = h
            served_by.append(vid)
        if abs(e["hours"] - hours) > TOL:
            bad.append("%s: hours %r but its volunteers give %r" % (nid, e["hours"], hours))
        if computed_hours > n["hours"] + TOL:
            bad.append("%s: %r hours exceed the %r asked" % (nid, computed_hours, n["hours"]))
        if n.get("max_volunteers") is not None and len(served_by) > n["max_volunteers"]:
            bad.append("%s: %d volunteers, at most %d allowed"
                       % (nid, len(served_by), n["max_volunteers"]))
        if cov * n["hours"] > hours + TOL:
            bad.append("%s: coverage %r needs %r hours, gets %r"
                       % (nid, cov, cov * n["hours"], hours))
        # Rule 2: hours only as far as the need is carried out (listed pairs: only where
        # its coverage is above zero).
        if computed_hours > cov * n["hours"] + TOL * max(1.0, n["hours"]):
            bad.append("%s: %r hours beyond coverage %r of its %r hours"
                       % (nid, computed_hours, cov, n["hours"]))
        if cov <= TOL and any((vid, nid) in listed for vid in served_by):
            bad.append("%s: listed pairs chosen at coverage %r" % (nid, cov))

        by_type = {}
        seen = set()
        for a in e["resources"]:
            rid, amt = a["id"], a["amount"]
            if rid not in res:
                bad.append("%s: unknown resource %s" % (nid, rid))
                continue
            if rid in seen:
                bad.append("%s: resource %s listed twice" % (nid, rid))
            seen.add(rid)
            if not (_whole(amt) and amt >= 1 - TOL):
                bad.append("%s: resource %s amount %r" % (nid, rid, amt))
            if not rm.eligible_resource(scen, res[rid], n):
                bad.append("%s: ineligible resource %s" % (nid, rid))
            res_total[rid] += amt
            by_type[res[rid]["type"]] = by_type.get(res[rid]["type"], 0.0) + amt
        for t, amt in by_type.items():
            if amt > n["resources"].get(t, 0.0) + TOL:
                bad.append("%s: gets %r of %s, asked %r"
                           % (nid, amt, t, n["resources"].get(t, 0.0)))
        for t, asked in n["resources"].items():
            if cov * asked > by_type.get(t, 0.0) + TOL:
                bad.append("%s: coverage %r needs %r of %s, gets %r"
                           % (nid, cov, cov * asked, t, by_type.get(t, 0.0)))

        if rm.is_binary_need(n) and min(abs(cov), abs(cov - 1)) > TOL:
            bad.append("%s: all-or-nothing or team need has coverage %r" % (nid, cov))
        if cov > TOL and len(served_by) < n["min_volunteers"]:
            bad.append("%s: covered by %d volunteers, needs %d"
                       % (nid, len(served_by), n["min_volunteers"]))
        if n["required"] and abs(cov - 1) > TOL:
            bad.append("%s: required need has coverage %r" % (nid, cov))
        why = e.get("unmet_reason", "missing")
        if cov >= 1 - TOL and why is not None:
            bad.append("%s: fully covered but unmet_reason %r" % (nid, why))
        if cov < 1 - TOL and not (isinstance(why, str) and why):
            bad.append("%s: coverage %r without an unmet_reason" % (nid, cov))

        if cov > TOL:
            units_here = {vols[vid]["unit"] for vid in served_by if vols[vid]["unit"]}
            units_here |= {res[a["id"]]["unit"] for a in e["resources"]
                           if a["id"] in res and a["amount"] >= 1 - TOL}
            for u in units_here:
                unit_projects[u] += 1

    for (vid, nid), h in scen["fixed"].items():
        if given.get((vid, nid), 0.0) < h - TOL:
            bad.append("fixed pair (%s, %s) gets %r of its %r hours"
                       % (vid, nid, given.get((vid, nid), 0.0), h))

    for v, e in zip(scen["volunteers"], plan["volunteers"]):
        if vol_total[v["id"]] > v["hours"] + TOL:
            bad.append("%s gives %r hours, has %r" % (v["id"], vol_total[v["id"]], v["hours"]))
        if abs(e["hours"] - vol_total[v["id"]]) > TOL:
            bad.append("%s: hours %r, its needs get %r" % (v["id"], e["hours"],
                                                            vol_total[v["id"]]))
        short = max(0.0, v["min_hours"] - vol_total[v["id"]])
        if abs(e["shortfall"] - short) > TOL:
            bad.append("%s: shortfall %r, expected %r" % (v["id"], e["shortfall"], short))

    for r in scen["resources"]:
        if res_total[r["id"]] > r["amount"] + TOL:
            bad.append("%s gives %r, has %r" % (r["id"], res_total[r["id"]], r["amount"]))

    for u, e in zip(scen["units"], plan["units"]):
        if e["projects"] != unit_projects[u["id"]]:
            bad.append("%s: projects %r, expected %r" % (u["id"], e["projects"],
                                                          unit_projects[u["id"]]))
        short = max(0, u["min_projects"] - unit_projects[u["id"]])
        if e["shortfall"] != short:
            bad.append("%s: shortfall %r, expected %r" % (u["id"], e["shortfall"], short))
    return bad


def recompute_objective(scen, plan):
    """The objective of docs/model.md from the plan's assignments and coverages: a listed
    pair brings its value in place of the distance cost."""
    pol = scen["policy"]
    listed = scen.get("listed", {})
    vols = {v["id"]: v for v in scen["volunteers"]}
    value = 0.0
    hours = {v["id"]: 0.0 for v in scen["volunteers"]}
    projects = {u["id"]: set() for u in scen["units"]}
    res = {r["id"]: r for r in scen["resources"]}
    for n, e in zip(scen["needs"], plan["needs"]):
        value += pol["priority_weights"][n["priority"] - 1] * e["coverage"]
        for a in e["volunteers"]:
            v = vols[a["id"]]
            pair = (v["id"], n["id"])
            if pair in listed:
                value += listed[pair][0]
            else:
                value -= pol["distance_cost"] * rm.distance(v, n) * a["hours"]
            hours[v["id"]] += a["hours"]
            if e["coverage"] > TOL and v["unit"] is not None and (
                    pair in listed or a["hours"] >= 1 - TOL):
                projects[v["unit"]].add(n["id"])
        for a in e["resources"]:
            if e["coverage"] > TOL and a["amount"] >= 1 - TOL:
                projects[res[a["id"]]["unit"]].add(n["id"])
    for v in scen["volunteers"]:
        value -= pol["volunteer_shortfall_penalty"] * max(0.0, v["min_hours"] - hours[v["id"]])
    for u in scen["units"]:
        value -= pol["unit_shortfall_penalty"] * max(0, u["min_projects"] - len(projects[u["id"]]))
    return value - pol.get("change_penalty", 0.0) * moved_hours(scen, plan)


def moved_hours(scen, plan):
    """Hours of the scenario's plan in force that the plan moves away (0 without one)."""
    given = {(a["id"], e["id"]): a["hours"] for e in plan["needs"] for a in e["volunteers"]}
    return sum(max(0.0, h - given.get(pair, 0.0))
               for pair, h in (scen.get("previous") or {}).items())
