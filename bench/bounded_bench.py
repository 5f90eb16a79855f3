#!/usr/bin/python3
"""Time limits, interrupts and memory of `match solve` on generated coupled cities.

Prints the targets of a bounded solve as a Markdown table: for each scenario (the coupled
generator at S and M, and a 3,000 x 800 coupled city), each mode (--solver auto, --solver
glpk, and the lexicographic objective) and each time limit, the wall seconds of the whole
process and of the solve call (the plan's solve_seconds), whether wall <= limit x 1.1 + 0.5 s
holds, the status and the peak memory (ru_maxrss of the process). Then, per scenario and
mode, the seconds from SIGINT (sent while the solve runs without a limit) to the process's
exit, the plan written: the target is under 0.5 s.

    /usr/bin/python3 bench/bounded_bench.py                       # everything (about 40 min)
    /usr/bin/python3 bench/bounded_bench.py --scenarios S C3k --limits 5 10 --modes auto
    /usr/bin/python3 bench/bounded_bench.py --match build/match --out /tmp/bounded

Scenarios are generated once into --out (bench/out/bounded by default). Each run is its own
process; the machine's load average is printed with the table, since a busy machine moves
every number but the limits.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen_scenario  # noqa: E402

SCENARIOS = {
    "S": dict(size="S"),
    "M": dict(size="M"),
    "C3k": dict(volunteers=3000, needs=800),
}
MODES = ("auto", "glpk", "lexicographic")
PHASES = ("pairs", "build", "solve", "plan")
LOG = None  # the current run's standard error (set in main)


def scenario_file(out, name, mode):
    path = out / f"{name}-{'lex' if mode == 'lexicographic' else 'weighted'}.json"
    if path.exists():
        return path
    spec = SCENARIOS[name]
    args = ["--coupled", "--seed", "1", "-o", str(path)]
    if "size" in spec:
        args += ["--size", spec["size"]]
    else:
        args += ["--volunteers", str(spec["volunteers"]), "--needs", str(spec["needs"])]
    gen_scenario.main(args)
    if mode == "lexicographic":
        data = json.loads(path.read_text(encoding="utf-8"))
        data.setdefault("policy", {})["objective"] = "lexicographic"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def command(match, scenario, mode, plan, limit):
    cmd = [match, "solve", str(scenario), "-o", str(plan), "--quiet", "--timings"]
    if limit is not None:
        cmd += ["--time-limit", str(limit)]
    if mode == "glpk":
        cmd += ["--solver", "glpk"]
    return cmd


def run(cmd, interrupt_after=None, timeout=900):
    """Runs cmd; returns (exit code, wall s, peak MiB, seconds from SIGINT to exit)."""
    started = time.monotonic()
    log = open(LOG, "w", encoding="utf-8")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
    stopped = None
    if interrupt_after is not None:
        time.sleep(interrupt_after)
        if proc.poll() is None:
            stopped = time.monotonic()
            proc.send_signal(signal.SIGINT)
    _, status, usage = os.wait4(proc.pid, 0)
    ended = time.monotonic()
    log.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    latency = ended - stopped if stopped is not None else None
    return proc.returncode, ended - started, usage.ru_maxrss / 1024.0, latency


def plan_facts(plan):
    """The plan's status and the seconds of the solve call (the phases --timings prints)."""
    try:
        status = json.loads(Path(plan).read_text(encoding="utf-8")).get("status", "-")
    except (OSError, ValueError):
        status = "-"
    solve = 0.0
    for line in Path(LOG).read_text(encoding="utf-8", errors="replace").splitlines():
        words = line.split()
        if len(words) == 4 and words[0] == "timing" and words[1] in PHASES:
            solve += float(words[2])
    return status, solve


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--match", default=str(HERE.parent / "build" / "match"))
    ap.add_argument("--out", default=str(HERE / "out" / "bounded"))
    ap.add_argument("--scenarios", nargs="+", default=list(SCENARIOS), choices=list(SCENARIOS))
    ap.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    ap.add_argument("--limits", nargs="+", type=float, default=[5, 10, 30, 60])
    ap.add_argument("--interrupt-at", type=float, default=3.0,
                    help="seconds into an unlimited solve at which SIGINT is sent")
    ap.add_argument("--no-interrupt", action="store_true")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    plan = out / "plan.json"
    global LOG
    LOG = out / "stderr.txt"

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("| scenario | mode | limit s | wall s | solve s | wall <= 1.1 limit + 0.5 | status "
          "| peak MiB |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.scenarios:
        for mode in args.modes:
            scenario = scenario_file(out, name, mode)
            for limit in args.limits:
                plan.unlink(missing_ok=True)
                code, wall, peak, _ = run(command(args.match, scenario, mode, plan, limit))
                status, solve = plan_facts(plan)
                ok = "yes" if wall <= 1.1 * limit + 0.5 else "NO"
                print(f"| {name} | {mode} | {limit:g} | {wall:.2f} | {solve:.2f} | {ok} "
                      f"| {status} (exit {code}) | {peak:.0f} |", flush=True)
    if not args.no_interrupt:
        print()
        print(f"| scenario | mode | SIGINT at s | SIGINT to exit s | < 0.5 s | status |")
        print("|---|---|---|---|---|---|")
        for name in args.scenarios:
            for mode in args.modes:
                scenario = scenario_file(out, name, mode)
                plan.unlink(missing_ok=True)
                code, wall, peak, latency = run(command(args.match, scenario, mode, plan, None),
                                                interrupt_after=args.interrupt_at)
                status, _ = plan_facts(plan)
                if latency is None:
                    print(f"| {name} | {mode} | {args.interrupt_at:g} | (done in {wall:.2f} s) "
                          f"| - | {status} |", flush=True)
                    continue
                ok = "yes" if latency < 0.5 else "NO"
                print(f"| {name} | {mode} | {args.interrupt_at:g} | {latency:.2f} | {ok} "
                      f"| {status} (exit {code}) |", flush=True)
    print()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
