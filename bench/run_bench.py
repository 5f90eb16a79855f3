#!/usr/bin/python3
"""libmatch beside its peers on generated cities: a CSV, a Markdown table and a scaling plot.

For each size (S, M, L, XL) and variant (network, coupled) it generates the scenario (cached
under bench/out/), exports what the peers read (`match export --dimacs` for pure networks,
`match export --mps` for every scenario) and runs, each in its own process, with wall time
and peak memory measured per process:

  libmatch   `match solve --timings`: the default path (network simplex for pure networks,
             flow bounds then GLPK for coupled scenarios), phases read, pairs, build,
             solve, plan, write
  ns         libmatch's network simplex alone on the DIMACS file (bench/ns_dimacs.c)
  glpk       `match solve --solver glpk`, GLPK's branch and cut alone (skipped where hopeless)
  lemon      LEMON's NetworkSimplex on the DIMACS file (bench/lemon_dimacs.cpp)
  highs      HiGHS through scipy: the LP of the DIMACS network (pure networks), or
             scipy.optimize.milp on the MPS file (coupled scenarios)
  cbc        CBC on the MPS file, maximising (`cbc FILE -max -sec T -solve`)

Every objective is in the model's units (maximised), so the rows of one scenario compare
directly. Needs Debian's python3-scipy, python3-matplotlib, liblemon-dev, coinor-cbc and g++
(bench/install-deps.sh). One command, unattended:

    /usr/bin/python3 bench/run_bench.py                      # everything (about an hour)
    /usr/bin/python3 bench/run_bench.py --sizes S M          # a quick run (a few minutes)
    /usr/bin/python3 bench/run_bench.py --sizes XL --variants network --methods libmatch lemon
"""

import argparse
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZES = ["S", "M", "L", "XL"]
VARIANTS = ["network", "coupled", "network-no-obligations"]
DEFAULT_VARIANTS = ["network", "coupled"]
METHODS = ["libmatch", "ns", "glpk", "lemon", "highs", "cbc"]
NETWORK_ONLY = {"ns", "lemon"}
FIELDS = ["size", "variant", "method", "volunteers", "needs", "pairs", "status", "objective",
          "bound", "gap", "rel_diff", "wall_s", "read_s", "pairs_s", "build_s", "solve_s",
          "plan_s", "write_s", "peak_mib", "load1", "note"]


# ---- Running children -------------------------------------------------------------------

def run_child(cmd, timeout, cwd=None):
    """Runs cmd; returns (returncode, stdout, stderr, wall seconds, peak RSS MiB, timed_out).
    Peak memory comes from wait4() for this child alone. The child is killed (its whole
    process group) after timeout seconds."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                            start_new_session=True)
    out_chunks, err_chunks = [], []
    readers = [threading.Thread(target=lambda s=s, b=b: b.append(s.read()))
               for s, b in ((proc.stdout, out_chunks), (proc.stderr, err_chunks))]
    for r in readers:
        r.start()
    timed_out = threading.Event()

    def kill():
        timed_out.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    wall = time.monotonic() - started
    for r in readers:
        r.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out = b"".join(out_chunks).decode("utf-8", "replace")
    err = b"".join(err_chunks).decode("utf-8", "replace")
    return proc.returncode, out, err, wall, usage.ru_maxrss / 1024.0, timed_out.is_set()


def load1():
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except OSError:
        return float("nan")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---- Preparing binaries and inputs ------------------------------------------------------

def build_tools(args):
    build = Path(args.build_dir)
    if not (build / "CMakeCache.txt").exists():
        subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build),
                        "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
                        "-DPython3_EXECUTABLE=/usr/bin/python3"], check=True,
                       stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", str(build), "-j2", "--target", "match", "ns_dimacs"],
                   check=True, stdout=subprocess.DEVNULL)
    tools = {"match": build / "match", "ns_dimacs": build / "ns_dimacs"}
    out = Path(args.out_dir)
    lemon = out / "lemon_dimacs"
    src = HERE / "lemon_dimacs.cpp"
    if "lemon" in args.methods and (not lemon.exists()
                                    or lemon.stat().st_mtime < src.stat().st_mtime):
        log("compiling %s" % lemon)
        subprocess.run(["g++", "-O2", "-std=c++17", "-o", str(lemon), str(src)], check=True)
    tools["lemon"] = lemon
    return tools


def fresh(path, *sources):
    """True when path exists and is newer than every source."""
    if not path.exists():
        return False
    t = path.stat().st_mtime
    return all(t >= Path(s).stat().st_mtime for s in sources)


def prepare(args, tools, size, variant):
    """Generates the scenario and its exports (cached); returns their paths."""
    out = Path(args.out_dir)
    stem = out / ("%s-%s-s%d" % (size, variant, args.seed))
    scen = stem.with_suffix(".json")
    gen = HERE / "gen_scenario.py"
    if not fresh(scen, gen):
        log("generating %s" % scen.name)
        flags = ["--variant", "network", "--no-obligations"] \
            if variant == "network-no-obligations" else ["--variant", variant]
        subprocess.run([sys.executable, str(gen), "--seed", str(args.seed), "--size", size,
                        *flags, "-o", str(scen)], check=True)
    paths = {"scenario": scen, "plan": stem.with_suffix(".plan.json")}
    wanted = []
    if is_network(variant) and {"ns", "lemon", "highs"} & set(args.methods):
        wanted.append(("dimacs", stem.with_suffix(".dimacs"), "--dimacs"))
    if "cbc" in args.methods or ("highs" in args.methods and not is_network(variant)):
        wanted.append(("mps", stem.with_suffix(".mps"), "--mps"))
    for key, path, flag in wanted:
        if not fresh(path, scen, tools["match"]):
            log("exporting %s" % path.name)
            rc, _, err, _, _, _ = run_child([str(tools["match"]), "export", str(scen), "-o",
                                             str(path), flag, "-q"], args.hard_timeout)
            if rc != 0:
                raise RuntimeError("match export %s failed: %s" % (flag, err.strip()))
        paths[key] = path
    return paths


def is_network(variant):
    return variant.startswith("network")


def scenario_counts(path):
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return len(raw["volunteers"]), len(raw["needs"])


# ---- Methods ----------------------------------------------------------------------------

def row_base(**kw):
    row = {k: "" for k in FIELDS}
    row.update(kw)
    return row


def run_match(args, tools, paths, solver):
    cmd = [str(tools["match"]), "solve", str(paths["scenario"]), "-o", str(paths["plan"]),
           "--timings", "-v", "--time-limit", str(args.time_limit), "--mip-gap", str(args.mip_gap)]
    if solver:
        cmd += ["--solver", solver]
    rc, out, err, wall, peak, killed = run_child(cmd, args.hard_timeout)
    row = row_base(wall_s=wall, peak_mib=peak)
    if killed:
        row.update(status="killed", note="no answer in %d s" % args.hard_timeout)
        return row
    for phase in ("read", "pairs", "build", "solve", "plan", "write"):
        m = re.search(r"^timing %s (\S+) s$" % phase, err, re.M)
        if m:
            row[phase + "_s"] = float(m.group(1))
    m = re.search(r"^(\d+) volunteer pairs", err, re.M)
    if m:
        row["pairs"] = int(m.group(1))
    m = re.search(r"solving with (.+)$", err, re.M)
    if m:
        row["note"] = m.group(1)
    if rc not in (0, 3, 4) or not paths["plan"].exists():
        row.update(status="error", note=(err.strip().splitlines() or ["exit %d" % rc])[-1])
        return row
    plan = json.loads(paths["plan"].read_text(encoding="utf-8"))
    row["status"] = plan["status"]
    for key in ("objective", "bound"):
        if isinstance(plan.get(key), (int, float)):
            row[key] = plan[key]
    if row["objective"] != "" and row["bound"] != "":
        row["gap"] = abs(row["bound"] - row["objective"]) / max(1.0, abs(row["bound"]))
    paths["plan"].unlink()
    return row


def parse_keyed(text, prefix):
    values = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == prefix:
            values[parts[1]] = parts[2]
    return values


def dimacs_objective_terms(path):
    scale = constant = None
    with open(path, encoding="ascii") as fp:
        for line in fp:
            if not line.startswith("c"):
                break
            if line.startswith("c libmatch-scale "):
                scale = float(line.split()[2])
            elif line.startswith("c libmatch-constant "):
                constant = float(line.split()[2])
    return scale, constant


def run_ns(args, tools, paths):
    rc, out, err, wall, peak, killed = run_child([str(tools["ns_dimacs"]),
                                                  str(paths["dimacs"])], args.hard_timeout)
    row = row_base(wall_s=wall, peak_mib=peak)
    if killed:
        row.update(status="killed", note="no answer in %d s" % args.hard_timeout)
        return row
    v = parse_keyed(out, "ns")
    row.update(status=v.get("status", "error"), note="%s pivots" % v.get("pivots", "?"),
               **{k + "_s": float(v[k]) for k in ("read", "build", "solve") if k in v})
    if "cost" in v:
        scale, constant = dimacs_objective_terms(paths["dimacs"])
        row["objective"] = constant - int(v["cost"]) / scale
    return row


def run_lemon(args, tools, paths):
    rc, out, err, wall, peak, killed = run_child([str(tools["lemon"]), str(paths["dimacs"])],
                                                 args.hard_timeout)
    row = row_base(wall_s=wall, peak_mib=peak)
    if killed:
        row.update(status="killed", note="no answer in %d s" % args.hard_timeout)
        return row
    v = parse_keyed(out, "lemon")
    row.update(status=v.get("status", "error"),
               objective=float(v["objective"]) if "objective" in v else "",
               **{k + "_s": float(v[k]) for k in ("read", "build", "solve") if k in v})
    if rc not in (0, 3):
        row["note"] = (err.strip().splitlines() or ["exit %d" % rc])[-1]
    return row


def run_highs(args, paths, variant):
    kind, path = ("lp", paths["dimacs"]) if is_network(variant) else ("milp", paths["mps"])
    cmd = [sys.executable, str(Path(__file__).resolve()), "--highs-worker", kind, str(path),
           "--time-limit", str(args.time_limit), "--mip-gap", str(args.mip_gap)]
    rc, out, err, wall, peak, killed = run_child(cmd, args.hard_timeout)
    row = row_base(wall_s=wall, peak_mib=peak)
    if killed:
        row.update(status="killed", note="no answer in %d s" % args.hard_timeout)
        return row
    try:
        result = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        row.update(status="error", note=(err.strip().splitlines() or ["exit %d" % rc])[-1])
        return row
    row.update({k: result[k] for k in ("status", "objective", "bound", "gap", "read_s",
                                       "build_s", "solve_s", "note") if k in result})
    return row


def run_cbc(args, paths):
    cmd = ["cbc", str(paths["mps"]), "-max", "-sec", str(args.time_limit), "-ratioGap",
           str(args.mip_gap), "-threads", "1", "-solve"]
    rc, out, err, wall, peak, killed = run_child(cmd, args.hard_timeout)
    row = row_base(wall_s=wall, peak_mib=peak)
    if killed:
        row.update(status="killed", note="no answer in %d s" % args.hard_timeout)
        return row
    result = re.search(r"^Result - (.+)$", out, re.M)
    text = result.group(1).strip() if result else "no result"
    if text.startswith("Optimal"):
        status = "optimal"
    elif "time" in text.lower():
        status = "time_limit"
    elif "infeasible" in text.lower():
        status = "infeasible"
    else:
        status = "error"
    row["note"] = text
    obj = re.search(r"^Objective value:\s+(\S+)", out, re.M)
    if obj and "No feasible" not in text:
        row["objective"] = float(obj.group(1))
        if status == "time_limit":
            status = "feasible"
    bound = re.search(r"^Lower bound:\s+(\S+)", out, re.M)
    if bound:  # CBC minimises -objective: its lower bound is minus our upper bound
        row["bound"] = abs(float(bound.group(1)))
    elif status == "optimal":
        row["bound"] = row["objective"]
    gap = re.search(r"^Gap:\s+(\S+)", out, re.M)
    if gap:
        row["gap"] = float(gap.group(1))
    elif status == "optimal":
        row["gap"] = 0.0
    secs = re.search(r"^Total time \(CPU seconds\):\s+\S+\s+\(Wallclock seconds\):\s+(\S+)",
                     out, re.M)
    if secs:
        row["solve_s"] = float(secs.group(1))
    row["status"] = status
    return row


# ---- HiGHS worker (runs in a child process, so that its memory is measured alone) -------

def read_dimacs_arrays(path):
    import numpy as np
    text = Path(path).read_text(encoding="ascii")
    scale = constant = None
    supply = {}
    nodes = None
    first_arc = text.find("\na ")
    for line in text[:first_arc].splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "c" and len(parts) == 3 and parts[1] == "libmatch-scale":
            scale = float(parts[2])
        elif parts[0] == "c" and len(parts) == 3 and parts[1] == "libmatch-constant":
            constant = float(parts[2])
        elif parts[0] == "p":
            nodes = int(parts[2])
        elif parts[0] == "n":
            supply[int(parts[1]) - 1] = int(parts[2])
    # numpy parses the numbers itself: a list of 25 million Python strings would not fit.
    arcs = np.fromstring(text[first_arc:].replace("a", " "), dtype=np.int64,
                         sep=" ").reshape(-1, 5)
    b = np.zeros(nodes)
    for v, s in supply.items():
        b[v] = s
    return nodes, arcs, b, scale, constant


def highs_lp(path, time_limit):
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import csc_matrix
    t0 = time.monotonic()
    nodes, arcs, b, scale, constant = read_dimacs_arrays(path)
    t1 = time.monotonic()
    m = arcs.shape[0]
    tail, head = arcs[:, 0] - 1, arcs[:, 1] - 1
    rows = np.concatenate([tail, head])
    cols = np.concatenate([np.arange(m), np.arange(m)])
    vals = np.concatenate([np.ones(m), -np.ones(m)])
    a_eq = csc_matrix((vals, (rows, cols)), shape=(nodes, m))
    # Real costs (the integer costs over the scale): HiGHS's tolerances are set for them.
    cost = arcs[:, 4] / scale
    bounds = np.column_stack([arcs[:, 2], arcs[:, 3]]).astype(float)
    t2 = time.monotonic()
    res = linprog(cost, A_eq=a_eq, b_eq=b, bounds=bounds, method="highs",
                  options={"time_limit": float(time_limit), "presolve": True})
    t3 = time.monotonic()
    out = {"read_s": t1 - t0, "build_s": t2 - t1, "solve_s": t3 - t2,
           "note": "LP of the DIMACS network: %s" % res.message}
    if res.status == 0:
        out.update(status="optimal", objective=constant - res.fun, gap=0.0)
        out["bound"] = out["objective"]
    elif res.status == 1:
        out["status"] = "time_limit"
    else:
        out["status"] = "error"
    return out


def read_mps(path):
    """A free-format MPS reader for the files GLPK writes (and most others): returns the
    objective (to maximise, as libmatch exports it), its constant, the rows as lower/upper
    bounds, the matrix, the column bounds and which columns are integer. Integer columns
    come between 'MARKER' 'INTORG' and 'INTEND' lines; without bounds of their own they are
    in [0, +inf), as GLPK and CBC read them (the old convention of [0, 1] is not followed)."""
    import numpy as np
    row_index, row_type, col_index = {}, [], {}
    obj_row = None
    rhs, ranges = {}, {}
    col_lo, col_up, integer = [], [], []
    ent_r, ent_c, ent_v = [], [], []
    obj = []
    section = None
    in_int = False
    with open(path, encoding="ascii") as fp:
        for line in fp:
            if not line.strip() or line.startswith("*"):
                continue
            if not line[0].isspace():
                section = line.split()[0]
                continue
            f = line.split()
            if section == "ROWS":
                kind, name = f[0], f[1]
                if kind == "N":
                    if obj_row is None:
                        obj_row = name
                    continue
                row_index[name] = len(row_type)
                row_type.append(kind)
            elif section == "COLUMNS":
                if len(f) >= 3 and f[1] == "'MARKER'":
                    in_int = f[2] == "'INTORG'"
                    continue
                name = f[0]
                j = col_index.get(name)
                if j is None:
                    j = col_index[name] = len(col_lo)
                    col_lo.append(0.0)
                    col_up.append(float("inf"))
                    integer.append(1 if in_int else 0)
                    obj.append(0.0)
                for k in range(1, len(f) - 1, 2):
                    row, value = f[k], float(f[k + 1])
                    if row == obj_row:
                        obj[j] += value
                    elif row in row_index:
                        ent_r.append(row_index[row])
                        ent_c.append(j)
                        ent_v.append(value)
            elif section == "RHS":
                for k in range(1, len(f) - 1, 2):
                    rhs[f[k]] = float(f[k + 1])
            elif section == "RANGES":
                for k in range(1, len(f) - 1, 2):
                    ranges[f[k]] = float(f[k + 1])
            elif section == "BOUNDS":
                kind, name = f[0], f[2]
                j = col_index[name]
                value = float(f[3]) if len(f) > 3 else 0.0
                if kind == "UP":
                    col_up[j] = value
                    if value < 0 and col_lo[j] == 0:
                        col_lo[j] = -float("inf")
                elif kind == "LO":
                    col_lo[j] = value
                elif kind == "FX":
                    col_lo[j] = col_up[j] = value
                elif kind == "FR":
                    col_lo[j], col_up[j] = -float("inf"), float("inf")
                elif kind == "MI":
                    col_lo[j] = -float("inf")
                elif kind == "PL":
                    col_up[j] = float("inf")
                elif kind == "BV":
                    col_lo[j], col_up[j], integer[j] = 0.0, 1.0, 1
                elif kind == "LI":
                    col_lo[j], integer[j] = value, 1
                elif kind == "UI":
                    col_up[j], integer[j] = value, 1
                else:
                    raise ValueError("%s: bound type %s is not supported" % (path, kind))
    n_rows = len(row_type)
    lo, up = np.full(n_rows, -np.inf), np.full(n_rows, np.inf)
    for name, i in row_index.items():
        r = rhs.get(name, 0.0)
        kind = row_type[i]
        if kind == "L":
            up[i] = r
        elif kind == "G":
            lo[i] = r
        else:
            lo[i] = up[i] = r
        if name in ranges:
            rg = ranges[name]
            if kind == "L":
                lo[i] = r - abs(rg)
            elif kind == "G":
                up[i] = r + abs(rg)
            elif rg > 0:
                up[i] = r + rg
            else:
                lo[i] = r + rg
    constant = -rhs.get(obj_row, 0.0)  # an RHS on the objective row is minus its constant
    return {"obj": np.array(obj), "constant": constant, "row_lo": lo, "row_up": up,
            "rows": np.array(ent_r, dtype=np.int64), "cols": np.array(ent_c, dtype=np.int64),
            "vals": np.array(ent_v), "col_lo": np.array(col_lo), "col_up": np.array(col_up),
            "integer": np.array(integer), "n_rows": n_rows}


def highs_milp(path, time_limit, mip_gap):
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix
    t0 = time.monotonic()
    p = read_mps(path)
    t1 = time.monotonic()
    a = csr_matrix((p["vals"], (p["rows"], p["cols"])), shape=(p["n_rows"], len(p["obj"])))
    t2 = time.monotonic()
    res = milp(-p["obj"], constraints=LinearConstraint(a, p["row_lo"], p["row_up"]),
               integrality=p["integer"], bounds=Bounds(p["col_lo"], p["col_up"]),
               options={"time_limit": float(time_limit), "disp": False,
                        "mip_rel_gap": float(mip_gap)})
    t3 = time.monotonic()
    out = {"read_s": t1 - t0, "build_s": t2 - t1, "solve_s": t3 - t2,
           "note": "MILP of the MPS file: %s" % res.message}
    if res.x is not None:
        out["objective"] = -res.fun + p["constant"]
        out["status"] = "optimal" if res.status == 0 else "feasible"
    else:
        out["status"] = "time_limit" if res.status == 1 else "error"
    dual = getattr(res, "mip_dual_bound", None)
    if dual is not None and dual == dual:
        out["bound"] = -dual + p["constant"]
    gap = getattr(res, "mip_gap", None)
    if gap is not None and gap == gap:
        out["gap"] = gap
    return out


def highs_worker(kind, path, time_limit, mip_gap):
    result = highs_lp(path, time_limit) if kind == "lp" else highs_milp(path, time_limit, mip_gap)
    print(json.dumps(result))
    return 0


# ---- Reports ----------------------------------------------------------------------------

def fmt(value, digits=3):
    if value == "" or value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        return "%.*f" % (digits, value)
    return str(value)


def read_csv(path):
    """Rows of an earlier run's CSV, numbers as numbers (for --merge)."""
    rows = []
    with open(path, newline="", encoding="utf-8") as fp:
        for r in csv.DictReader(fp):
            for k, v in r.items():
                if k in ("size", "variant", "method", "status", "note") or v == "":
                    continue
                try:
                    r[k] = int(v) if re.fullmatch(r"-?\d+", v) else float(v)
                except ValueError:
                    pass
            rows.append({k: r.get(k, "") for k in FIELDS})
    return rows


def write_reports(args, rows, plot=True):
    merged = list(rows)
    mine = {(r["size"], r["variant"], r["method"]) for r in rows}
    for path in args.merge or []:
        merged += [r for r in read_csv(path)
                   if (r["size"], r["variant"], r["method"]) not in mine]
    order = {k: i for i, k in enumerate(SIZES)}
    vorder = {k: i for i, k in enumerate(VARIANTS)}
    morder = {k: i for i, k in enumerate(METHODS)}
    merged.sort(key=lambda r: (order[r["size"]], vorder[r["variant"]], morder[r["method"]]))
    add_comparisons(merged)
    write_csv(merged, args.csv)
    write_table(merged, args.table)
    if plot:
        write_plot(merged, args.plot)


def add_comparisons(rows):
    """rel_diff: each method's objective against libmatch's on the same scenario."""
    ref = {(r["size"], r["variant"]): r["objective"] for r in rows
           if r["method"] == "libmatch" and r["objective"] != ""}
    for r in rows:
        base = ref.get((r["size"], r["variant"]))
        if base is not None and r["objective"] != "":
            r["rel_diff"] = (r["objective"] - base) / max(1.0, abs(base))


def write_csv(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as fp:
        w = csv.DictWriter(fp, fieldnames=FIELDS)
        w.writeheader()
        for r in rows:
            w.writerow({k: (repr(v) if isinstance(v, float) else v) for k, v in r.items()})


def write_table(rows, path):
    head = ["size", "variant", "method", "pairs", "status", "objective", "gap", "vs libmatch",
            "wall s", "read s", "pairs s", "build s", "solve s", "write s", "peak MiB", "note"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        gap = "" if r["gap"] == "" else "%.3g%%" % (100 * r["gap"])
        diff = "" if r["rel_diff"] == "" else "%.1e" % r["rel_diff"]
        cells = [r["size"], r["variant"], r["method"], fmt(r["pairs"]), r["status"],
                 fmt(r["objective"], 6), gap, diff, fmt(r["wall_s"], 2), fmt(r["read_s"], 2),
                 fmt(r["pairs_s"], 2), fmt(r["build_s"], 2), fmt(r["solve_s"], 2),
                 fmt(r["write_s"], 2), fmt(r["peak_mib"], 0), str(r["note"]).replace("|", "/")]
        lines.append("| " + " | ".join(cells) + " |")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_plot(rows, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    variants = [v for v in VARIANTS if any(r["variant"] == v for r in rows)]
    fig, axes = plt.subplots(1, len(variants), figsize=(6 * len(variants), 4.5), squeeze=False)
    pairs = {(r["size"], r["variant"]): r["pairs"] for r in rows
             if r["method"] == "libmatch" and r["pairs"] != ""}
    for ax, variant in zip(axes[0], variants):
        series = [("libmatch", "wall_s", "libmatch end to end"),
                  ("libmatch", "solve_s", "libmatch solve")]
        series += [(m, "solve_s", m + " solve") for m in METHODS if m != "libmatch"]
        for method, key, label in series:
            pts = sorted((pairs[(r["size"], variant)], r[key]) for r in rows
                         if r["variant"] == variant and r["method"] == method
                         and (r["size"], variant) in pairs and r[key] not in ("", None)
                         and r["status"] in ("optimal", "feasible", "time_limit")
                         and float(r[key]) > 0)
            if pts:
                ax.plot([p[0] for p in pts], [float(p[1]) for p in pts], marker="o",
                        label=label, linestyle="--" if key == "wall_s" else "-")
        for (size, var), n in sorted(pairs.items(), key=lambda kv: kv[1]):
            if var == variant:
                ax.annotate(size, (n, 1), textcoords="offset points", xytext=(0, 0),
                            xycoords=("data", "axes fraction"), ha="center", va="top",
                            fontsize=8)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("volunteer-need pairs")
        ax.set_ylabel("seconds")
        ax.set_title("%s scenarios" % variant)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=90)


# ---- Main -------------------------------------------------------------------------------

def skip_reason(args, method, variant, pairs):
    if method in NETWORK_ONLY and not is_network(variant):
        return "pure networks only"
    if method == "glpk" and pairs != "" and pairs > args.glpk_max_pairs:
        return ("skipped: %d pairs > --glpk-max-pairs %d (GLPK's simplex took 26 s on 500,000 "
                "pairs and did not finish 5,000,000 in 150 s)" % (pairs, args.glpk_max_pairs))
    if method == "highs" and is_network(variant) and pairs != "" and \
            pairs > args.highs_max_pairs:
        return "skipped: %d pairs > --highs-max-pairs %d" % (pairs, args.highs_max_pairs)
    return None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", nargs="+", choices=SIZES, default=SIZES)
    ap.add_argument("--variants", nargs="+", choices=VARIANTS, default=DEFAULT_VARIANTS,
                    help="network and coupled by default; network-no-obligations is the "
                         "network without the volunteers' yearly minimum hours")
    ap.add_argument("--methods", nargs="+", choices=METHODS, default=METHODS,
                    help="libmatch always runs: it counts the pairs and is the reference")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=60.0,
                    help="seconds for every solver that takes a limit (default 60)")
    ap.add_argument("--mip-gap", type=float, default=0.001,
                    help="relative gap at which every MIP solver may stop (default 0.001, "
                         "the 0.1%% of issue 4's target)")
    ap.add_argument("--hard-timeout", type=int, default=None,
                    help="kill any process after this many seconds (default 2 x limit + 60)")
    ap.add_argument("--glpk-max-pairs", type=int, default=600000,
                    help="skip libmatch-through-GLPK above this many pairs (default 600000)")
    ap.add_argument("--highs-max-pairs", type=int, default=10 ** 8,
                    help="skip the HiGHS LP of a network above this many pairs")
    ap.add_argument("--build-dir", default=str(ROOT / "build"))
    ap.add_argument("--out-dir", default=str(HERE / "out"))
    ap.add_argument("--csv", default=None, help="default OUT_DIR/results.csv")
    ap.add_argument("--table", default=None, help="default OUT_DIR/results.md")
    ap.add_argument("--plot", default=None, help="default OUT_DIR/scaling.png")
    ap.add_argument("--merge", nargs="+", metavar="CSV",
                    help="also report the rows of earlier runs' CSV files (rows of this run "
                         "win)")
    ap.add_argument("--highs-worker", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.highs_worker:
        return highs_worker(args.highs_worker[0], args.highs_worker[1], args.time_limit,
                            args.mip_gap)
    if args.hard_timeout is None:
        args.hard_timeout = int(2 * args.time_limit + 60)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    args.csv = args.csv or str(out / "results.csv")
    args.table = args.table or str(out / "results.md")
    args.plot = args.plot or str(out / "scaling.png")
    if "cbc" in args.methods and shutil.which("cbc") is None:
        ap.error("cbc is not installed (bench/install-deps.sh)")

    tools = build_tools(args)
    log("load average at start: %s" % Path("/proc/loadavg").read_text().strip())
    rows = []
    for size in args.sizes:
        for variant in args.variants:
            paths = prepare(args, tools, size, variant)
            volunteers, needs = scenario_counts(paths["scenario"])
            pairs = ""
            # libmatch always runs first: it counts the pairs and is the reference objective.
            methods = ["libmatch"] + [m for m in args.methods if m != "libmatch"]
            for method in methods:
                reason = skip_reason(args, method, variant, pairs)
                base = {"size": size, "variant": variant, "method": method,
                        "volunteers": volunteers, "needs": needs, "load1": load1()}
                if reason:
                    if method not in NETWORK_ONLY or is_network(variant):
                        rows.append(row_base(status="skipped", note=reason, pairs=pairs, **base))
                    continue
                log("%s %s: %s ..." % (size, variant, method))
                if method == "libmatch":
                    row = run_match(args, tools, paths, None)
                    pairs = row["pairs"]
                elif method == "glpk":
                    row = run_match(args, tools, paths, "glpk")
                elif method == "ns":
                    row = run_ns(args, tools, paths)
                elif method == "lemon":
                    row = run_lemon(args, tools, paths)
                elif method == "highs":
                    row = run_highs(args, paths, variant)
                else:
                    row = run_cbc(args, paths)
                row.update(base)
                row["pairs"] = pairs
                rows.append(row)
                write_reports(args, rows, plot=False)  # a killed run keeps what it measured
                log("  %s, objective %s, wall %.2f s, solve %s s, peak %.0f MiB" % (
                    row["status"], fmt(row["objective"], 6), row["wall_s"],
                    fmt(row["solve_s"], 2), row["peak_mib"]))
    write_reports(args, rows)
    log("wrote %s, %s and %s" % (args.csv, args.table, args.plot))
    return 0


if __name__ == "__main__":
    sys.exit(main())
