"""An independent formulation of the libmatch model (docs/model.md), solved with HiGHS.

Written from the model description only, not from the C sources, so that agreement between
the two is evidence that both are right. Pure data in, plain dicts out:

    scen = normalize(json.load(open("scenario.json")))
    ref = solve_reference(scen)         # {"status": "optimal"|"infeasible"|..., "objective": ...}

normalize() fills in the documented defaults; eligible_volunteer() / eligible_resource()
reimplement "Who may serve what"; solve_reference() builds the integer program with
scipy.optimize.milp (HiGHS inside). With policy "objective": "lexicographic" it solves the
levels one after another (priority 5's value, ..., priority 1's, then the costs), each later
solve keeping the earlier levels at their optimum; a "previous_plan" with a "change_penalty"
adds the change term of docs/model.md.
"""

import json
import math
import os

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

EARTH_RADIUS_KM = 6371.0

DEFAULT_POLICY = {
    "max_distance_km": 3.0,
    "priority_weights": [1.0, 2.0, 4.0, 8.0, 16.0],
    "distance_cost": 0.001,
    "volunteer_min_hours": 0.0,
    "volunteer_shortfall_penalty": 0.01,
    "unit_min_projects": 0,
    "unit_shortfall_penalty": 1.0,
    "eligibility": "computed",
    "change_penalty": 0.0,
    "objective": "weighted",
}


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat = p2 - p1
    dlon = math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2.0 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def previous_hours(raw, base_dir=None):
    """The plan in force of a raw scenario: {(volunteer id, need id): hours}, None without
    one. "previous_plan" is a plan object or a plan file's name (relative to base_dir)."""
    prev = raw.get("previous_plan")
    if prev is None:
        return None
    if isinstance(prev, str):
        path = prev if os.path.isabs(prev) or base_dir is None else os.path.join(base_dir, prev)
        with open(path, encoding="utf-8") as f:
            prev = json.load(f)
    vols = {v["id"] for v in raw.get("volunteers", [])}
    needs = {n["id"] for n in raw.get("needs", [])}
    return {(a["id"], e["id"]): float(a["hours"]) for e in prev["needs"]
            for a in e.get("volunteers", []) if a["id"] in vols and e["id"] in needs
            and a["hours"] > 0}


def normalize(raw, base_dir=None):
    """The scenario with every default filled in, as plain dicts and lists in file order."""
    policy = dict(DEFAULT_POLICY)
    policy.update(raw.get("policy") or {})
    policy["priority_weights"] = [float(w) for w in policy["priority_weights"]]

    comms = {c["id"]: c for c in raw.get("communities", [])}
    units = []
    unit_by_id = {}
    for u in raw.get("units", []):
        item = {"id": u["id"], "community": u["community"],
                "min_projects": u.get("min_projects", policy["unit_min_projects"])}
        unit_by_id[u["id"]] = item
        units.append(item)

    vols = []
    for v in raw.get("volunteers", []):
        home = comms[v["community"]]
        vols.append({
            "id": v["id"], "unit": v.get("unit"),
            "lat": v.get("lat", home["lat"]), "lon": v.get("lon", home["lon"]),
            "skills": set(v.get("skills", [])), "slots": set(v.get("slots", [])),
            "hours": float(v["hours"]),
            "min_hours": float(v.get("min_hours", policy["volunteer_min_hours"])),
            "max_distance_km": float(v.get("max_distance_km", policy["max_distance_km"])),
        })

    res = []
    for r in raw.get("resources", []):
        home = comms[unit_by_id[r["unit"]]["community"]]
        res.append({
            "id": r["id"], "unit": r["unit"], "type": r["type"], "amount": float(r["amount"]),
            "categories": set(r.get("categories", [])),
            "lat": r.get("lat", home["lat"]), "lon": r.get("lon", home["lon"]),
        })

    listed = {(p["volunteer"], p["need"]): (float(p.get("value", 0.0)), float(p["hours"]))
              for p in raw.get("pairs", [])}
    listed_needs = {nid for _, nid in listed}

    needs = []
    for n in raw.get("needs", []):
        c = comms[n["community"]]
        hours = float(n.get("hours", 0))
        # A need with listed pairs asks for one volunteer by default, hours or not.
        asks = hours > 0 or n["id"] in listed_needs
        needs.append({
            "id": n["id"], "lat": c["lat"], "lon": c["lon"], "category": n["category"],
            "priority": int(n["priority"]), "hours": hours,
            "skills": set(n.get("skills", [])), "slots": set(n.get("slots", [])),
            "min_volunteers": int(n.get("min_volunteers", 1 if asks else 0)),
            "max_volunteers": n.get("max_volunteers"),
            "resources": {q["type"]: float(q["amount"]) for q in n.get("resources", [])},
            "all_or_nothing": bool(n.get("all_or_nothing", False)),
            "required": bool(n.get("required", False)),
        })

    fixed = {(f["volunteer"], f["need"]): float(f["hours"]) for f in raw.get("fixed", [])}
    forbidden = {(f["volunteer"], f["need"]) for f in raw.get("forbidden", [])}
    return {"policy": policy, "units": units, "volunteers": vols, "resources": res,
            "needs": needs, "fixed": fixed, "forbidden": forbidden, "listed": listed,
            "previous": previous_hours(raw, base_dir)}


def distance(a, b):
    return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])


def eligible_volunteer(scen, v, n):
    """Volunteer v may serve need n by the rules alone (fixed pairs aside)."""
    if (v["id"], n["id"]) in scen["forbidden"]:
        return False
    if distance(v, n) > v["max_distance_km"]:
        return False
    if n["skills"] and not (v["skills"] & n["skills"]):
        return False
    if n["slots"] and v["slots"] and not (v["slots"] & n["slots"]):
        return False
    return True


def eligible_resource(scen, r, n):
    if r["type"] not in n["resources"]:
        return False
    if r["categories"] and n["category"] not in r["categories"]:
        return False
    return distance(r, n) <= scen["policy"]["max_distance_km"]


def volunteer_pairs(scen):
    """(v index, n index) pairs that may carry hours: fixed and listed ones, plus the
    eligible ones unless the policy's eligibility is "pairs_only"."""
    pairs_only = scen["policy"]["eligibility"] == "pairs_only"
    pairs = []
    for i, n in enumerate(scen["needs"]):
        for k, v in enumerate(scen["volunteers"]):
            key = (v["id"], n["id"])
            if key in scen["fixed"] or key in scen["listed"] or (
                    not pairs_only and eligible_volunteer(scen, v, n)):
                pairs.append((k, i))
    return pairs


def resource_pairs(scen):
    return [(k, i) for i, n in enumerate(scen["needs"])
            for k, r in enumerate(scen["resources"]) if eligible_resource(scen, r, n)]


def is_binary_need(n):
    return n["all_or_nothing"] or n["min_volunteers"] > 1


class _Builder:
    """Columns and rows of a MILP, minimising."""

    def __init__(self):
        self.cost, self.lb, self.ub, self.integral = [], [], [], []
        self.rows, self.cols, self.vals = [], [], []
        self.row_lb, self.row_ub = [], []

    def var(self, cost, lb, ub, integral):
        self.cost.append(cost)
        self.lb.append(lb)
        self.ub.append(ub)
        self.integral.append(1 if integral else 0)
        return len(self.cost) - 1

    def row(self, terms, lo, hi):
        r = len(self.row_lb)
        for j, a in terms:
            self.rows.append(r)
            self.cols.append(j)
            self.vals.append(a)
        self.row_lb.append(lo)
        self.row_ub.append(hi)

    def solve(self, time_limit, cost=None):
        n = len(self.cost)
        constraints = []
        if self.row_lb:
            a = coo_matrix((self.vals, (self.rows, self.cols)), shape=(len(self.row_lb), n))
            constraints.append(LinearConstraint(a.tocsr(), self.row_lb, self.row_ub))
        cost = self.cost if cost is None else cost
        return milp(np.array(cost, dtype=float), integrality=np.array(self.integral),
                    bounds=Bounds(np.array(self.lb, dtype=float), np.array(self.ub, dtype=float)),
                    constraints=constraints,
                    options={"mip_rel_gap": 1e-9, "time_limit": time_limit, "presolve": True})


def solve_reference(scen, time_limit=60.0):
    """Solves the model of docs/model.md for a normalized scenario with HiGHS.

    Returns {"status": "optimal"|"infeasible"|"other", "objective": float or None,
    "x": {(v id, n id): hours}, "c": {n id: coverage}, "message": str}; in lexicographic
    mode also "levels": each level's optimum, priority 5 first, the costs last.
    """
    b, c, x, constant, listed = _build(scen)
    if scen["policy"].get("objective", "weighted") == "lexicographic":
        return _solve_levels(scen, b, c, x, constant, listed, time_limit)
    return _result(scen, b.solve(time_limit), c, x, constant, listed)


def _result(scen, result, c, x, constant, listed):
    vols, needs = scen["volunteers"], scen["needs"]
    out = {"message": result.message, "objective": None, "x": {}, "c": {}}
    if result.status == 0:
        out["status"] = "optimal"
        out["objective"] = -float(result.fun) + constant
        for (k, i), j in x.items():
            if result.x[j] > 0.5:  # a listed pair's column is "chosen": its hours are fixed
                hours = listed[k, i] if (k, i) in listed else round(result.x[j])
                out["x"][vols[k]["id"], needs[i]["id"]] = hours
        for i, n in enumerate(needs):
            out["c"][n["id"]] = float(result.x[c[i]])
    elif result.status == 2:
        out["status"] = "infeasible"
    else:
        out["status"] = "other"
    return out


def _solve_levels(scen, b, c, x, constant, listed, time_limit):
    """The lexicographic levels one by one; after each, a row keeps the level at its optimum
    (within 1e-6 of it; libmatch keeps 1e-8 of its value counted from whole hours)."""
    pol, needs = scen["policy"], scen["needs"]
    levels = []
    result = None
    for priority in range(5, 0, -1):
        w = pol["priority_weights"][priority - 1]
        mine = [i for i, n in enumerate(needs) if n["priority"] == priority]
        if w <= 0 or not mine:
            levels.append(0.0)
            continue
        cost = [0.0] * len(b.cost)
        for i in mine:
            cost[c[i]] = -w
        result = b.solve(time_limit, cost)
        if result.status != 0:
            return _result(scen, result, c, x, constant, listed)
        value = -float(result.fun)
        levels.append(value)
        # HiGHS meets rows within its feasibility tolerance (1e-6), and since hours pin
        # coverage (hours * c <= sum x <= hours * c) a level's value can come out a hair above
        # what whole hours reach: keep the next levels within 1e-6 of it, far below what one
        # hour can change.
        floor_value = value - 1e-6 * max(1.0, abs(value))
        b.row([(c[i], w) for i in mine], floor_value, np.inf)
    cost = list(b.cost)
    for j in c:
        cost[j] = 0.0
    result = b.solve(time_limit, cost)
    out = _result(scen, result, c, x, constant, listed)
    if out["status"] == "optimal":
        levels.append(-float(result.fun) + constant)
        out["levels"] = levels
    return out


def _build(scen):
    """The integer program (minimising the negated objective); returns the builder, the
    columns of c and x, the objective's constant term and the hours of each listed pair (by
    its (v, i) key; its column is its binary "chosen")."""
    pol = scen["policy"]
    vols, needs, res, units = scen["volunteers"], scen["needs"], scen["resources"], scen["units"]
    unit_index = {u["id"]: k for k, u in enumerate(units)}
    inf = np.inf
    b = _Builder()

    # Coverage c[i]: value weight[priority] (maximised, so cost is its negative).
    c = []
    for n in needs:
        lb = 1.0 if n["required"] else 0.0
        c.append(b.var(-pol["priority_weights"][n["priority"] - 1], lb, 1.0, is_binary_need(n)))

    # Hours x[v,i] for eligible and fixed pairs. A listed pair's column is instead its binary
    # "chosen" u[v,i], worth hcoef = its hours wherever hours are summed, and its value in
    # place of the distance cost.
    x, hcoef, listed_at = {}, {}, {}
    for k, i in volunteer_pairs(scen):
        v, n = vols[k], needs[i]
        key = (v["id"], n["id"])
        lo = scen["fixed"].get(key, 0.0)
        if key in scen["listed"]:
            value, hours = scen["listed"][key]
            x[k, i] = b.var(-value, 1.0 if lo > 0 else 0.0, 1.0, True)
            hcoef[k, i] = hours
            listed_at.setdefault(i, []).append((k, i))
            continue
        hi = max(lo, math.floor(min(v["hours"], n["hours"]) + 1e-9))
        x[k, i] = b.var(pol["distance_cost"] * distance(v, n), lo, hi, True)
        hcoef[k, i] = 1.0

    # Amounts y[r,i].
    y = {}
    for k, i in resource_pairs(scen):
        r, n = res[k], needs[i]
        hi = math.floor(min(r["amount"], n["resources"][r["type"]]) + 1e-9)
        y[k, i] = b.var(0.0, 0.0, hi, True)

    # Rule 1: capacities. A need's own hours bound only the pairs the rules (or a fixed pair)
    # made; listed pairs bring the hours their caller gave them.
    for k, v in enumerate(vols):
        terms = [(j, hcoef[kk, ii]) for (kk, ii), j in x.items() if kk == k]
        if terms:
            b.row(terms, -inf, v["hours"])
    for i, n in enumerate(needs):
        terms = [(j, 1.0) for (kk, ii), j in x.items()
                 if ii == i and (kk, ii) not in listed_at.get(i, [])]
        if terms:
            b.row(terms, -inf, n["hours"])
    for k, r in enumerate(res):
        terms = [(j, 1.0) for (kk, _), j in y.items() if kk == k]
        if terms:
            b.row(terms, -inf, r["amount"])
    for i, n in enumerate(needs):
        for t, amount in n["resources"].items():
            terms = [(j, 1.0) for (k, ii), j in y.items() if ii == i and res[k]["type"] == t]
            if terms:
                b.row(terms, -inf, amount)

    # Rule 2: coverage is bounded by the hours and by every resource type asked for.
    for i, n in enumerate(needs):
        if n["hours"] > 0:
            terms = [(j, -hcoef[kk, ii]) for (kk, ii), j in x.items() if ii == i]
            b.row([(c[i], n["hours"])] + terms, -inf, 0.0)
        for t, amount in n["resources"].items():
            terms = [(j, -1.0) for (k, ii), j in y.items() if ii == i and res[k]["type"] == t]
            b.row([(c[i], amount)] + terms, -inf, 0.0)

    # Rule 2, second half: hours only as far as the need is carried out. The pairs the rules
    # (or a fixed pair) made give at most hours * c; a listed pair is chosen only where c > 0:
    # u <= big * c, with 1 / big the least coverage above zero a plan can give.
    for i, n in enumerate(needs):
        computed = [(j, 1.0) for (kk, ii), j in x.items()
                    if ii == i and (kk, ii) not in listed_at.get(i, [])]
        if computed:
            b.row([(c[i], -n["hours"])] + computed, -inf, 0.0)
        least = min([1.0] + [hcoef[p] for p in listed_at.get(i, []) if hcoef[p] > 0])
        big = 1.0 if is_binary_need(n) else max(
            [1.0, n["hours"] / least] + list(n["resources"].values()))
        for p in listed_at.get(i, []):
            b.row([(x[p], 1.0), (c[i], -big)], -inf, 0.0)

    # Indicators: z[v,i] = 1 only if x[v,i] >= 1; w[r,i] = 1 only if y[r,i] >= 1.
    z, w = {}, {}

    def indicator_x(k, i):
        if (k, i) in listed_at.get(i, []):
            return x[k, i]  # chosen is the indicator
        if (k, i) not in z:
            z[k, i] = b.var(0.0, 0.0, 1.0, True)
            b.row([(x[k, i], 1.0), (z[k, i], -1.0)], 0.0, inf)
        return z[k, i]

    def indicator_y(k, i):
        if (k, i) not in w:
            w[k, i] = b.var(0.0, 0.0, 1.0, True)
            b.row([(y[k, i], 1.0), (w[k, i], -1.0)], 0.0, inf)
        return w[k, i]

    # Rule 3: a covered need has at least min_volunteers distinct volunteers with >= 1 hour
    # (or a chosen listed pair).
    for i, n in enumerate(needs):
        m = n["min_volunteers"]
        if m <= 0 or (m == 1 and n["hours"] > 0 and i not in listed_at):
            continue  # m = 1 with hours > 0 follows from rule 2 and whole hours
        terms = [(indicator_x(k, i), 1.0) for (k, ii) in list(x) if ii == i]
        b.row([(c[i], -float(m))] + terms, 0.0, inf)

    # max_volunteers: any hour makes a volunteer count (x <= ub z), and at most so many count.
    for i, n in enumerate(needs):
        if n["max_volunteers"] is None:
            continue
        terms = []
        for (k, ii) in list(x):
            if ii != i:
                continue
            ind = indicator_x(k, i)
            if ind != x[k, i]:
                b.row([(x[k, i], 1.0), (ind, -b.ub[x[k, i]])], -inf, 0.0)
            terms.append((ind, 1.0))
        if terms:
            b.row(terms, -inf, float(n["max_volunteers"]))

    # Volunteer shortfall s[v] >= min_hours - sum_i x[v,i].
    for k, v in enumerate(vols):
        if v["min_hours"] <= 0:
            continue
        s = b.var(pol["volunteer_shortfall_penalty"], 0.0, inf, False)
        terms = [(j, hcoef[kk, ii]) for (kk, ii), j in x.items() if kk == k]
        b.row([(s, 1.0)] + terms, v["min_hours"], inf)

    # Unit shortfall t[u] >= min_projects - sum_i p[u,i], where p[u,i] = 1 only if need i is
    # covered (c > 0) and one of u's volunteers or resources gives it at least 1.
    for u in units:
        if u["min_projects"] <= 0:
            continue
        ui = unit_index[u["id"]]
        projects = []
        for i, n in enumerate(needs):
            links = [indicator_x(k, ii) for (k, ii) in list(x)
                     if ii == i and vols[k]["unit"] is not None
                     and unit_index[vols[k]["unit"]] == ui]
            links += [indicator_y(k, ii) for (k, ii) in y
                      if ii == i and unit_index[res[k]["unit"]] == ui]
            if not links:
                continue
            p = b.var(0.0, 0.0, 1.0, True)
            b.row([(p, 1.0)] + [(j, -1.0) for j in links], -inf, 0.0)
            # c > 0 when positive is at least 1 / max(hours, amounts), or the smallest
            # listed hours / hours: p <= M c.
            big = max([1.0, n["hours"]] + list(n["resources"].values()))
            small = [hcoef[p] for p in listed_at.get(i, []) if 0 < hcoef[p] < 1]
            if small and n["hours"] > 0:
                big = max(big, n["hours"] / min(small))
            b.row([(p, 1.0), (c[i], -big)], -inf, 0.0)
            projects.append(p)
        t = b.var(pol["unit_shortfall_penalty"], 0.0, inf, False)
        b.row([(t, 1.0)] + [(p, 1.0) for p in projects], float(u["min_projects"]), inf)

    # Change term: d[v,i] >= previous hours - hours of (v, i), paid at the change penalty;
    # hours of pairs that cannot exist any more are lost whatever the plan (a constant).
    constant = 0.0
    penalty = pol.get("change_penalty", 0.0)
    if scen.get("previous") and penalty > 0:
        index = {(v["id"], n["id"]): key for key in x
                 for v, n in [(vols[key[0]], needs[key[1]])]}
        for pair, hours in scen["previous"].items():
            if pair in index:
                d = b.var(penalty, 0.0, hours, False)
                b.row([(d, 1.0), (x[index[pair]], hcoef[index[pair]])], hours, inf)
            else:
                constant -= penalty * hours
    listed_hours = {key: hcoef[key] for i in listed_at for key in listed_at[i]}
    return b, c, x, constant, listed_hours
