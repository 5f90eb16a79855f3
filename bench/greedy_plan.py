#!/usr/bin/env python3
"""A greedy project list: the baseline `match evaluate` and bench/evaluate_suite.py compare
libmatch's plans with (what a street office might do by hand).

Needs are taken required first, then by priority (highest first), then in file order. Each
takes its fixed pairs, then the nearest eligible volunteers (docs/model.md, "Who may serve
what") with hours left, up to its hours, and for each resource type it asks for the nearest
eligible resources with amount left. Its coverage is the smallest share received; hours
beyond that share are handed back (a need receives hours only as far as it is carried out),
and a need that must be covered whole (all-or-nothing, or a team) and is not, or that lacks
its team, hands everything back. Listed pairs are left out (a scenario with eligibility
"pairs_only" gets an empty plan). The plan is valid but rarely optimal, with one exception: a
fixed pair on a need the pass cannot carry out keeps its hours (a person decided them), which
`match evaluate` reports under rule 2 (carried_out).

    greedy_plan.py SCENARIO.json -o PLAN.json

Pure Python standard library.
"""

import argparse
import json
import math
import sys


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def greedy(scen):
    policy = scen.get("policy", {})
    reach = policy.get("max_distance_km", 3.0)
    pairs_only = policy.get("eligibility") == "pairs_only"
    comms = {c["id"]: c for c in scen["communities"]}
    units = {u["id"]: u for u in scen.get("units", [])}
    vols = scen.get("volunteers", [])
    res = scen.get("resources", [])
    forbidden = {(f["volunteer"], f["need"]) for f in scen.get("forbidden", [])}
    listed = {(p["volunteer"], p["need"]) for p in scen.get("pairs", [])}
    fixed = {}
    for f in scen.get("fixed", []):
        fixed.setdefault(f["need"], []).append(f)
    vol_left = {v["id"]: float(v["hours"]) for v in vols}
    res_left = {r["id"]: float(r["amount"]) for r in res}
    # Fixed pairs are a person's decision: their hours are set aside before anything else.
    for f in scen.get("fixed", []):
        vol_left[f["volunteer"]] -= math.ceil(f["hours"])

    def vol_loc(v):
        c = comms[v["community"]]
        return v.get("lat", c["lat"]), v.get("lon", c["lon"])

    def res_loc(r):
        c = comms[units[r["unit"]]["community"]]
        return r.get("lat", c["lat"]), r.get("lon", c["lon"])

    order = sorted(range(len(scen["needs"])),
                   key=lambda k: (not scen["needs"][k].get("required", False),
                                  -scen["needs"][k]["priority"], k))
    result = {}
    for k in order:
        n = scen["needs"][k]
        home = comms[n["community"]]
        hours = float(n.get("hours", 0))
        min_vol = n.get("min_volunteers", 1 if hours > 0 else 0)
        max_vol = n.get("max_volunteers")
        whole = n.get("all_or_nothing", False) or min_vol > 1
        given = {}
        for f in fixed.get(n["id"], []):
            given[f["volunteer"]] = math.ceil(f["hours"])
        if hours > 0 and not pairs_only:
            cands = []
            for v in vols:
                vid = v["id"]
                if vid in given or (vid, n["id"]) in forbidden or (vid, n["id"]) in listed:
                    continue
                d = km(*vol_loc(v), home["lat"], home["lon"])
                if d > v.get("max_distance_km", reach) + 1e-9:
                    continue
                if n.get("skills") and not set(n["skills"]) & set(v.get("skills", [])):
                    continue
                if n.get("slots") and v.get("slots") and not set(n["slots"]) & set(v["slots"]):
                    continue
                cands.append((d, vid))
            cands.sort()
            for _, vid in cands:
                got = sum(given.values())
                if got >= hours or (max_vol is not None and len(given) >= max_vol):
                    break
                h = math.floor(min(vol_left[vid], hours - got))
                if h >= 1:
                    given[vid] = h
                    vol_left[vid] -= h
        gave_res = {}
        shares = []
        if hours > 0:
            shares.append(min(1.0, sum(given.values()) / hours))
        for req in n.get("resources", []):
            cands = []
            for r in res:
                if r["type"] != req["type"]:
                    continue
                if r.get("categories") and n["category"] not in r["categories"]:
                    continue
                d = km(*res_loc(r), home["lat"], home["lon"])
                if d <= reach + 1e-9:
                    cands.append((d, r["id"]))
            cands.sort()
            got = 0.0
            for _, rid in cands:
                a = math.floor(min(res_left[rid], req["amount"] - got))
                if a >= 1:
                    gave_res[rid] = a
                    res_left[rid] -= a
                    got += a
            shares.append(min(1.0, got / req["amount"]))
        c = min(shares) if shares else 0.0
        team = sum(1 for h in given.values() if h >= 1)
        if (whole and c < 1.0) or (min_vol > 0 and team < min_vol):
            c = 0.0
        # Hand back hours beyond the share carried out (whole hours; fixed pairs kept).
        if hours > 0:
            keep = math.floor(c * hours + 1e-9)
            for vid in sorted(given, key=lambda x: vid_key(x, fixed.get(n["id"], []))):
                over = sum(given.values()) - keep
                if over <= 0:
                    break
                floor_h = next((math.ceil(f["hours"]) for f in fixed.get(n["id"], [])
                                if f["volunteer"] == vid), 0)
                back = min(over, given[vid] - floor_h)
                given[vid] -= back
                vol_left[vid] += back
            given = {v: h for v, h in given.items() if h > 0}
            if shares:
                shares[0] = min(1.0, sum(given.values()) / hours)
                c = min(c, min(shares))
        if c == 0.0:
            for rid, a in gave_res.items():
                res_left[rid] += a
            gave_res = {}
        result[n["id"]] = (c, given, gave_res)
    return plan_file(scen, result)


def vid_key(vid, fixed_list):
    # Non-fixed volunteers give hours back first, the last taken first.
    return (any(f["volunteer"] == vid for f in fixed_list), vid)


def plan_file(scen, result):
    policy = scen.get("policy", {})
    vol_hours = {v["id"]: 0.0 for v in scen.get("volunteers", [])}
    unit_of_vol = {v["id"]: v.get("unit") for v in scen.get("volunteers", [])}
    unit_of_res = {r["id"]: r["unit"] for r in scen.get("resources", [])}
    projects = {u["id"]: 0 for u in scen.get("units", [])}
    needs = []
    for n in scen["needs"]:
        c, given, gave_res = result[n["id"]]
        for vid, h in given.items():
            vol_hours[vid] += h
        if c > 0:
            taking = {unit_of_vol[v] for v, h in given.items() if h >= 1 and unit_of_vol[v]}
            taking |= {unit_of_res[r] for r in gave_res}
            for u in taking:
                projects[u] += 1
        needs.append({"id": n["id"], "coverage": c, "hours": sum(given.values()),
                      "volunteers": [{"id": v, "hours": h} for v, h in sorted(given.items())],
                      "resources": [{"id": r, "amount": a} for r, a in sorted(gave_res.items())],
                      "unmet_reason": None if c >= 1 else "greedy baseline"})
    vmin = policy.get("volunteer_min_hours", 0)
    umin = policy.get("unit_min_projects", 0)
    return {
        "format": "libmatch-plan-1", "status": "feasible", "objective": None, "bound": None,
        "needs": needs,
        "volunteers": [{"id": v["id"], "hours": vol_hours[v["id"]],
                        "shortfall": max(0.0, v.get("min_hours", vmin) - vol_hours[v["id"]])}
                       for v in scen.get("volunteers", [])],
        "units": [{"id": u["id"], "projects": projects[u["id"]],
                   "shortfall": max(0, u.get("min_projects", umin) - projects[u["id"]])}
                  for u in scen.get("units", [])],
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args(argv)
    with open(args.scenario, encoding="utf-8") as f:
        plan = greedy(json.load(f))
    text = json.dumps(plan, ensure_ascii=False, indent=1) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
