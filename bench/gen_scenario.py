#!/usr/bin/env python3
"""Seeded generator of libmatch-scenario-1 files for tests and benchmarks.

The same arguments always give the same bytes. Communities are scattered around a street
centre (or, with a --size preset, over a whole city); units, volunteers, resources and needs
get realistic categories, skills and time slots from community co-building practice
(after-school care, elderly care, free clinics, legal aid, ...).

Variants (--variant):
  plain    (the default) needs may ask for volunteer hours and resources at once, so the
           scenario is not a pure network, yet it has none of the coupling rules below
  network  a pure network (docs/model.md): no unit obligations, no team needs
           (min_volunteers > 1), no all-or-nothing needs, and each need asks for one kind of
           thing only (volunteer hours, or one resource type). Volunteer obligations,
           required needs, fixed and forbidden pairs remain: they are bounds on arcs
  coupled  adds the rules that couple needs and volunteers beyond a transportation problem:
           unit and volunteer obligations, team needs, all-or-nothing needs, required needs,
           fixed and forbidden pairs (--coupled is a short form of --variant coupled)

City sizes (--size), calibrated on the seeds' figures (docs/performance.md):
  S   Xinmi: 46 communities, 199 units, 2,000 volunteers, 300 needs
  M   one district of Datong: 80 communities, 15,000 volunteers, 2,000 needs
  L   Datong's 14,832 cadres reported to its 396 communities, 5,717 needs (the problems
      they solved)
  XL  Datong's 83,049 party members, 396 communities, 5,000 needs
Communities then spread over about 2 km^2 each, so that a need sees only the volunteers of
nearby communities, and hours are yearly (needs ask for about 0.8 of what volunteers
offer). Explicit --volunteers, --needs, ... override a preset's counts.

Pure Python standard library.

    gen_scenario.py --seed 7 --volunteers 30 --needs 12 --coupled -o scenario.json
    gen_scenario.py --seed 1 --size XL --variant network -o xl-network.json
"""

import argparse
import json
import math
import random
import sys

FORMAT = "libmatch-scenario-1"
VARIANTS = ("plain", "network", "coupled")

# need category -> skills a volunteer may bring to it (any one of them will do)
CATEGORY_SKILLS = {
    "after_school": ["teaching", "tutoring", "childcare"],
    "elderly_care": ["nursing", "companionship", "medical"],
    "day_care": ["nursing", "companionship"],
    "medical": ["medical", "nursing"],
    "legal_aid": ["legal"],
    "paperwork": ["legal", "administration"],
    "culture_sports": ["arts", "sports", "teaching"],
    "sanitation": ["cleaning", "logistics"],
    "parking": ["logistics", "administration"],
    "micro_wish": ["logistics", "companionship"],
}
CATEGORIES = sorted(CATEGORY_SKILLS)
SKILLS = sorted({s for skills in CATEGORY_SKILLS.values() for s in skills})
SLOTS = ["weekday_day", "weekday_evening", "weekend"]

# resource type -> need categories it typically serves
RESOURCE_TYPES = {
    "venue": ["after_school", "culture_sports", "day_care", "elderly_care"],
    "vehicle": ["elderly_care", "micro_wish", "sanitation"],
    "equipment": ["medical", "culture_sports", "sanitation"],
    "funds": ["micro_wish", "after_school", "elderly_care"],
    "parking_space": ["parking"],
}
UNIT_KINDS = ["hospital", "primary school", "kindergarten", "bank", "tax office",
              "power company", "law firm", "library", "police station", "water company"]
STREETS = ["Xinhua Road", "Jianshe Road", "Renmin Road", "Hongqi Street"]

CENTRE = (34.530, 113.380)  # a street centre; communities lie within ~2.5 km of it

# The small street scenario of the tests: hours per event rather than per year.
STREET = {"spread_km": 2.5,
          "volunteer_hours": [4, 6, 8, 10, 12, 16, 20, 24],
          "need_hours": [4, 6, 8, 10, 12, 16, 20],
          "volunteer_min_hours": 4, "min_hours": [4, 8, 12]}

# City presets. Counts from the seeds (docs/performance.md says where each comes from);
# resources are 1.5 per unit (Datong's benchmark estates: 348 resource lists, 274 needs).
SIZES = {
    "S": {"communities": 46, "units": 199, "volunteers": 2000, "needs": 300, "resources": 300},
    "M": {"communities": 80, "units": 320, "volunteers": 15000, "needs": 2000,
          "resources": 480},
    "L": {"communities": 396, "units": 1600, "volunteers": 14832, "needs": 5717,
          "resources": 2400},
    "XL": {"communities": 396, "units": 1600, "volunteers": 83049, "needs": 5000,
           "resources": 2400},
}
KM2_PER_COMMUNITY = 2.0
# Yearly hours: Datong asks each member for at least 20 hours a year.
CITY_VOLUNTEER_HOURS = [8, 12, 16, 20, 24, 30, 40, 60]
CITY_MIN_HOURS = [12, 20, 30]
DEMAND_SHARE = 0.8  # needs ask for about this share of the hours volunteers offer
NEED_HOUR_FACTORS = [0.25, 0.5, 0.75, 1.0, 1.5, 2.0]


def city_shape(volunteers, needs, communities):
    """The geometry and hours of a city preset: communities over about KM2_PER_COMMUNITY
    each, yearly hours, needs sized so that demand is DEMAND_SHARE of supply."""
    side = math.sqrt(communities * KM2_PER_COMMUNITY)
    mean_offer = sum(CITY_VOLUNTEER_HOURS) / len(CITY_VOLUNTEER_HOURS)
    base = DEMAND_SHARE * volunteers * mean_offer / max(needs, 1)
    need_hours = sorted({max(4, int(round(base * f))) for f in NEED_HOUR_FACTORS})
    return {"spread_km": side / 2, "volunteer_hours": CITY_VOLUNTEER_HOURS,
            "need_hours": need_hours, "volunteer_min_hours": 20, "min_hours": CITY_MIN_HOURS}


def _round(x, digits=5):
    return float(round(x, digits))


def _jitter(rng, lat, lon, km):
    """A point within about km of (lat, lon)."""
    dlat = rng.uniform(-km, km) / 111.195
    dlon = rng.uniform(-km, km) / (111.195 * math.cos(math.radians(lat)))
    return _round(lat + dlat), _round(lon + dlon)


def _need_base(rng, i, comm_ids):
    cat = rng.choice(CATEGORIES)
    return cat, {"id": "N%03d" % (i + 1), "community": rng.choice(comm_ids), "category": cat,
                 "priority": rng.choice([1, 2, 2, 3, 3, 4, 5])}


def _mixed_need(rng, i, comm_ids, types, shape, coupled):
    """A need that may ask for hours and a resource at once (plain and coupled variants)."""
    cat, item = _need_base(rng, i, comm_ids)
    item["hours"] = rng.choice(shape["need_hours"])
    if rng.random() < 0.7:
        pool = CATEGORY_SKILLS[cat]
        item["skills"] = sorted(rng.sample(pool, min(len(pool), rng.choice([1, 2]))))
    if rng.random() < 0.3:
        wanted = [t for t in types if cat in RESOURCE_TYPES[t]] or types
        item["resources"] = [{"type": rng.choice(wanted), "amount": rng.choice([1, 2])}]
    if rng.random() < 0.4:
        item["slots"] = sorted(rng.sample(SLOTS, rng.choice([1, 2])))
    if coupled:
        roll = rng.random()
        if roll < 0.25:
            item["min_volunteers"] = rng.choice([2, 3])
        elif roll < 0.5:
            item["all_or_nothing"] = True
    return item


def _network_need(rng, i, comm_ids, types, shape, with_resources):
    """A need asking for one kind of thing: volunteer hours (most), or one resource type."""
    cat, item = _need_base(rng, i, comm_ids)
    if with_resources and rng.random() < 0.2:
        wanted = [t for t in types if cat in RESOURCE_TYPES[t]] or types
        item["resources"] = [{"type": rng.choice(wanted), "amount": rng.choice([1, 2])}]
        return item
    item["hours"] = rng.choice(shape["need_hours"])
    if rng.random() < 0.7:
        pool = CATEGORY_SKILLS[cat]
        item["skills"] = sorted(rng.sample(pool, min(len(pool), rng.choice([1, 2]))))
    if rng.random() < 0.4:
        item["slots"] = sorted(rng.sample(SLOTS, rng.choice([1, 2])))
    return item


def _carried_by_hours(n):
    """Whether any hours given carry the need out that far: hours are all it asks for, and
    its coverage is not all or nothing (docs/model.md rule 2)."""
    return not (n.get("resources") or n.get("all_or_nothing") or n.get("min_volunteers", 1) > 1)


def _pick_fixed(rng, vols, hour_needs, count):
    """Fixed pairs: distinct volunteers, a couple of hours each, within both capacities, on
    needs those hours carry out (a fixed pair elsewhere may make the scenario infeasible)."""
    fixed, used_hours = [], {}
    carried = [n for n in hour_needs if _carried_by_hours(n)]
    for v in rng.sample(vols, min(count, len(vols))):
        if not carried:
            break
        n = rng.choice(carried)
        h = min(2, v["hours"])
        if used_hours.get(n["id"], 0) + h > n["hours"]:
            continue
        used_hours[n["id"]] = used_hours.get(n["id"], 0) + h
        fixed.append({"volunteer": v["id"], "need": n["id"], "hours": h})
    return fixed


def _pick_forbidden(rng, vols, need_list, fixed, count):
    fixed_pairs = {(f["volunteer"], f["need"]) for f in fixed}
    forbidden, seen = [], set()
    for _ in range(count):
        v, n = rng.choice(vols), rng.choice(need_list)
        pair = (v["id"], n["id"])
        if pair in fixed_pairs or pair in seen:
            continue
        seen.add(pair)
        forbidden.append({"volunteer": v["id"], "need": n["id"]})
    return forbidden


def _make_required(need, hours):
    """A required need of low priority that is easy to meet: few hours, no skills or slots."""
    need["required"] = True
    need["priority"] = 1
    need["hours"] = hours
    for key in ("skills", "slots", "resources", "min_volunteers"):
        need.pop(key, None)


def generate(seed, volunteers=30, needs=12, units=4, communities=5, resources=6,
             coupled=False, name=None, variant=None, shape=None, obligations=True):
    """Returns the scenario as a dict (insertion-ordered, so dumps() is deterministic).

    variant is "plain", "network" or "coupled" (None: "coupled" if coupled else "plain");
    shape is the geometry and hours (STREET by default, city_shape() for the presets);
    obligations=False leaves out the volunteers' yearly minimum hours (the random draws stay
    the same, so the scenario is otherwise identical)."""
    if variant is None:
        variant = "coupled" if coupled else "plain"
    if variant not in VARIANTS:
        raise ValueError("unknown variant %r" % (variant,))
    shape = shape or STREET
    coupled = variant == "coupled"
    network = variant == "network"
    # The small coupled scenario keeps the fixed and forbidden pairs its tests were built on.
    city = shape is not STREET
    rng = random.Random(seed)
    scen = {"format": FORMAT, "name": name or "generated scenario, seed %d" % seed}

    policy = {"max_distance_km": 3.0}
    if (coupled or network) and obligations:
        policy["volunteer_min_hours"] = shape["volunteer_min_hours"]
    if coupled:
        policy["unit_min_projects"] = 1
    scen["policy"] = policy

    comms = []
    for c in range(communities):
        lat, lon = _jitter(rng, CENTRE[0], CENTRE[1], shape["spread_km"])
        comms.append({"id": "C%02d" % (c + 1), "name": "Community %d" % (c + 1),
                      "street": STREETS[c % len(STREETS)], "lat": lat, "lon": lon})
    scen["communities"] = comms
    comm_ids = [c["id"] for c in comms]
    comm_by_id = {c["id"]: c for c in comms}

    unit_list = []
    for u in range(units):
        item = {"id": "U%02d" % (u + 1),
                "name": "%s %d" % (UNIT_KINDS[u % len(UNIT_KINDS)], u + 1),
                "community": rng.choice(comm_ids)}
        if coupled and rng.random() < 0.6:
            item["min_projects"] = rng.choice([2, 3, 4])
        unit_list.append(item)
    scen["units"] = unit_list
    unit_ids = [u["id"] for u in unit_list]

    vols = []
    for v in range(volunteers):
        item = {"id": "V%04d" % (v + 1)}
        if unit_ids and rng.random() < 0.6:
            item["unit"] = rng.choice(unit_ids)
        item["community"] = rng.choice(comm_ids)
        item["skills"] = sorted(rng.sample(SKILLS, rng.choice([0, 1, 1, 2, 2, 3])))
        item["hours"] = rng.choice(shape["volunteer_hours"])
        if (coupled or network) and rng.random() < 0.4:
            min_hours = rng.choice(shape["min_hours"])
            if obligations:
                item["min_hours"] = min_hours
        if rng.random() < 0.3:
            item["max_distance_km"] = rng.choice([1.5, 2.0, 2.5, 4.0, 5.0])
        if rng.random() < 0.6:
            item["slots"] = sorted(rng.sample(SLOTS, rng.choice([1, 1, 2])))
        if rng.random() < 0.2:  # lives off the community's centre
            home = comm_by_id[item["community"]]
            item["lat"], item["lon"] = _jitter(rng, home["lat"], home["lon"], 0.8)
        vols.append(item)
    scen["volunteers"] = vols

    if resources > 0 and not unit_ids:
        raise ValueError("resources need at least one unit")
    res = []
    types = sorted(RESOURCE_TYPES)
    for r in range(resources):
        rtype = rng.choice(types)
        item = {"id": "R%03d" % (r + 1), "unit": rng.choice(unit_ids), "type": rtype,
                "amount": rng.choice([1, 1, 2, 3])}
        if rng.random() < 0.6:
            pool = RESOURCE_TYPES[rtype]
            item["categories"] = sorted(rng.sample(pool, min(len(pool), rng.choice([1, 2]))))
        res.append(item)
    scen["resources"] = res

    if network:
        need_list = [_network_need(rng, i, comm_ids, types, shape, resources > 0)
                     for i in range(needs)]
    else:
        need_list = [_mixed_need(rng, i, comm_ids, types, shape, coupled)
                     for i in range(needs)]
    scen["needs"] = need_list

    fixed, forbidden = [], []
    hour_needs = [n for n in need_list if n.get("hours", 0) > 0]
    if (coupled or network) and vols and hour_needs:
        if city:
            easy = rng.sample(hour_needs, min(max(1, needs // 500), len(hour_needs)))
        else:
            easy = [rng.choice(hour_needs)]
        for need in easy:
            _make_required(need, 8)
        n_fixed, n_forbidden = (max(2, needs // 100), max(3, needs // 50)) if city else (2, 3)
        fixed = _pick_fixed(rng, vols, hour_needs, n_fixed)
        forbidden = _pick_forbidden(rng, vols, need_list, fixed, n_forbidden)
    scen["fixed"] = fixed
    scen["forbidden"] = forbidden
    return scen


def dumps(scen):
    """The scenario as JSON text: one list item per line, so that files of a whole city are
    written quickly (json's C encoder) and still read and diff line by line."""
    out = ["{\n"]
    keys = list(scen)
    for k, key in enumerate(keys):
        value = scen[key]
        tail = ",\n" if k + 1 < len(keys) else "\n"
        head = " %s: " % json.dumps(key)
        if isinstance(value, list) and value:
            out.append(head + "[\n")
            out.append(",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in value))
            out.append("\n ]" + tail)
        else:
            out.append(head + json.dumps(value, ensure_ascii=False) + tail)
    out.append("}\n")
    return "".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", choices=sorted(SIZES, key=list(SIZES).index),
                    help="a city preset: counts, geometry and yearly hours (see above)")
    ap.add_argument("--variant", choices=VARIANTS, default=None,
                    help="plain (default), network or coupled (see above)")
    ap.add_argument("--coupled", action="store_true", help="the same as --variant coupled")
    ap.add_argument("--no-obligations", dest="obligations", action="store_false",
                    help="no yearly minimum hours for volunteers (network and coupled "
                         "variants have them by default); otherwise the same scenario")
    ap.add_argument("--volunteers", type=int, default=None, help="default 30 (or the preset's)")
    ap.add_argument("--needs", type=int, default=None, help="default 12 (or the preset's)")
    ap.add_argument("--units", type=int, default=None, help="default 4 (or the preset's)")
    ap.add_argument("--communities", type=int, default=None,
                    help="default 5 (or the preset's)")
    ap.add_argument("--resources", type=int, default=None, help="default 6 (or the preset's)")
    ap.add_argument("--name", default=None, help="scenario name")
    ap.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    args = ap.parse_args(argv)
    if args.coupled and args.variant not in (None, "coupled"):
        ap.error("--coupled contradicts --variant %s" % args.variant)
    variant = "coupled" if args.coupled else (args.variant or "plain")
    counts = dict(SIZES[args.size]) if args.size else {
        "volunteers": 30, "needs": 12, "units": 4, "communities": 5, "resources": 6}
    for field in ("volunteers", "needs", "units", "communities", "resources"):
        value = getattr(args, field)
        if value is not None:
            if value < 0:
                ap.error("--%s must be >= 0" % field)
            counts[field] = value
    if counts["communities"] < 1:
        ap.error("--communities must be >= 1")
    if counts["resources"] > 0 and counts["units"] < 1:
        ap.error("resources need at least one unit")
    shape = None
    if args.size:
        shape = city_shape(counts["volunteers"], counts["needs"], counts["communities"])
    name = args.name
    if name is None and args.size:
        name = "generated city %s, %s, seed %d" % (args.size, variant, args.seed)
    scen = generate(args.seed, counts["volunteers"], counts["needs"], counts["units"],
                    counts["communities"], counts["resources"], name=name, variant=variant,
                    shape=shape, obligations=args.obligations)
    text = dumps(scen)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as fp:
            fp.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
