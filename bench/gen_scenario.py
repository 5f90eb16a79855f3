#!/usr/bin/env python3
"""Seeded generator of libmatch-scenario-1 files for tests and benchmarks.

The same arguments always give the same bytes. Communities are scattered within a few km of
a street centre; units, volunteers, resources and needs get realistic categories, skills and
time slots from community co-building practice (after-school care, elderly care, free
clinics, legal aid, ...).

With --coupled (alias --network) the scenario also uses the rules that couple needs and
volunteers beyond a transportation problem: unit and volunteer obligations, team needs
(min_volunteers > 1), all-or-nothing needs, required needs, fixed and forbidden pairs.

Pure Python standard library.

    gen_scenario.py --seed 7 --volunteers 30 --needs 12 --coupled -o scenario.json
"""

import argparse
import json
import math
import random
import sys

FORMAT = "libmatch-scenario-1"

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


def _round(x, digits=5):
    return float(round(x, digits))


def _jitter(rng, lat, lon, km):
    """A point within about km of (lat, lon)."""
    dlat = rng.uniform(-km, km) / 111.195
    dlon = rng.uniform(-km, km) / (111.195 * math.cos(math.radians(lat)))
    return _round(lat + dlat), _round(lon + dlon)


def generate(seed, volunteers=30, needs=12, units=4, communities=5, resources=6,
             coupled=False, name=None):
    """Returns the scenario as a dict (insertion-ordered, so json.dumps is deterministic)."""
    rng = random.Random(seed)
    scen = {"format": FORMAT, "name": name or "generated scenario, seed %d" % seed}

    policy = {"max_distance_km": 3.0}
    if coupled:
        policy.update({"volunteer_min_hours": 4, "unit_min_projects": 1})
    scen["policy"] = policy

    comms = []
    for c in range(communities):
        lat, lon = _jitter(rng, CENTRE[0], CENTRE[1], 2.5)
        comms.append({"id": "C%02d" % (c + 1), "name": "Community %d" % (c + 1),
                      "street": STREETS[c % len(STREETS)], "lat": lat, "lon": lon})
    scen["communities"] = comms
    comm_ids = [c["id"] for c in comms]

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
        item["hours"] = rng.choice([4, 6, 8, 10, 12, 16, 20, 24])
        if coupled and rng.random() < 0.4:
            item["min_hours"] = rng.choice([4, 8, 12])
        if rng.random() < 0.3:
            item["max_distance_km"] = rng.choice([1.5, 2.0, 2.5, 4.0, 5.0])
        if rng.random() < 0.6:
            item["slots"] = sorted(rng.sample(SLOTS, rng.choice([1, 1, 2])))
        if rng.random() < 0.2:  # lives off the community's centre
            home = next(c for c in comms if c["id"] == item["community"])
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

    need_list = []
    for i in range(needs):
        cat = rng.choice(CATEGORIES)
        item = {"id": "N%03d" % (i + 1), "community": rng.choice(comm_ids), "category": cat,
                "priority": rng.choice([1, 2, 2, 3, 3, 4, 5])}
        item["hours"] = rng.choice([4, 6, 8, 10, 12, 16, 20])
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
        need_list.append(item)
    scen["needs"] = need_list

    fixed, forbidden = [], []
    if coupled and vols and need_list:
        # A required need of low priority that is easy to meet: few hours, no skills or slots.
        easy = rng.choice(need_list)
        easy["required"] = True
        easy["priority"] = 1
        easy["hours"] = 8
        easy.pop("skills", None)
        easy.pop("slots", None)
        easy.pop("resources", None)
        easy.pop("min_volunteers", None)
        # Fixed pairs: distinct volunteers, a couple of hours each, within both capacities.
        used_hours = {}
        for v in rng.sample(vols, min(2, len(vols))):
            n = rng.choice(need_list)
            h = min(2, v["hours"])
            if used_hours.get(n["id"], 0) + h > n["hours"]:
                continue
            used_hours[n["id"]] = used_hours.get(n["id"], 0) + h
            fixed.append({"volunteer": v["id"], "need": n["id"], "hours": h})
        fixed_pairs = {(f["volunteer"], f["need"]) for f in fixed}
        for _ in range(3):
            v, n = rng.choice(vols), rng.choice(need_list)
            pair = (v["id"], n["id"])
            if pair in fixed_pairs or any((f["volunteer"], f["need"]) == pair for f in forbidden):
                continue
            forbidden.append({"volunteer": v["id"], "need": n["id"]})
    scen["fixed"] = fixed
    scen["forbidden"] = forbidden
    return scen


def dumps(scen):
    return json.dumps(scen, ensure_ascii=False, indent=1) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--volunteers", type=int, default=30)
    ap.add_argument("--needs", type=int, default=12)
    ap.add_argument("--units", type=int, default=4)
    ap.add_argument("--communities", type=int, default=5)
    ap.add_argument("--resources", type=int, default=6)
    ap.add_argument("--coupled", "--network", dest="coupled", action="store_true",
                    help="add obligations, teams, all-or-nothing and required needs, "
                         "fixed and forbidden pairs")
    ap.add_argument("--name", default=None, help="scenario name")
    ap.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    args = ap.parse_args(argv)
    for field in ("volunteers", "needs", "units", "communities", "resources"):
        if getattr(args, field) < 0:
            ap.error("--%s must be >= 0" % field)
    if args.communities < 1:
        ap.error("--communities must be >= 1")
    if args.resources > 0 and args.units < 1:
        ap.error("resources need at least one unit")
    scen = generate(args.seed, args.volunteers, args.needs, args.units, args.communities,
                    args.resources, args.coupled, args.name)
    text = dumps(scen)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as fp:
            fp.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
