"""``python3 -m libmatch.batch``: a batch of scenario files solved on a Dask cluster (or on
threads here), each plan written beside its scenario and a results table in input order.

    python3 -m libmatch.batch --scheduler tcp://10.0.0.5:8786 -o results.csv cities/
    python3 -m libmatch.batch --jobs 2 -o results.csv cities/

The same table as ``match batch`` (which runs this module for ``--scheduler``); the
function is :func:`libmatch.batch` (the module is libmatch.scaleout). Exit status: 0 every
scenario solved (optimal or feasible); 3 the table was written but some scenario was not
solved (see its status and message); 1 usage error; 6 the table or a plan could not be
written.
"""

import argparse
import os
import sys

from .scaleout import _write_atomic, batch, plan_path, scenario_files, write_csv

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 1, as the match tool's do
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        sys.exit(1)


def _number(text):
    value = float(text)
    if not value >= 0.0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"wants a number >= 0, not {text!r}")
    return value


def main(argv=None):
    ap = _Parser(prog="python3 -m libmatch.batch",
                 description="Solves many scenario files and writes a results table.")
    ap.add_argument("inputs", nargs="+", metavar="DIR_OR_LIST",
                    help="a directory (its *.json files but *.plan.json), a scenario file, "
                         "or a list file (one path per line)")
    ap.add_argument("-o", "--output", required=True, help="the results table (CSV)")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="a running Dask scheduler, for example tcp://10.0.0.5:8786")
    where.add_argument("-j", "--jobs", type=int, default=1, help="threads here (default 1)")
    ap.add_argument("-t", "--time-limit", type=_number, default=None,
                    help="seconds per scenario (0: no limit)")
    ap.add_argument("-g", "--mip-gap", type=_number, default=None)
    ap.add_argument("-s", "--solver", choices=("auto", "glpk", "flow"), default=None)
    ap.add_argument("--retries", type=int, default=2,
                    help="retries of a task that fails unexpectedly on the cluster")
    ap.add_argument("--files", action="store_true",
                    help="the arguments are scenario files as they are (match batch passes "
                         "the files it found)")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.jobs < 1:
        ap.error("--jobs wants a whole number >= 1")
    try:
        files = list(args.inputs) if args.files else scenario_files(args.inputs)
    except OSError as exc:
        ap.error(f"cannot read the list {exc.filename}: {exc.strerror}")
    if not files:
        ap.error("no scenario files found")
    if os.path.abspath(args.output) in {os.path.abspath(f) for f in files}:
        ap.error(f"-o {args.output} is one of the scenario files")

    client = None
    if args.scheduler:
        from distributed import Client  # only the cluster path needs Dask

        client = Client(args.scheduler, timeout="30s")
    try:
        rows = batch(files, time_limit=args.time_limit or None, mip_gap=args.mip_gap,
                     solver=args.solver, full_plan=True, client=client,
                     workers=None if client is not None else args.jobs,
                     retries=args.retries, as_frame=False)
    finally:
        if client is not None:
            client.close()

    inputs = {os.path.abspath(f) for f in files}
    code = 0
    for row in rows:
        text = row.pop("plan", None)
        row["plan"] = None
        if text is not None:
            target = plan_path(row["scenario"])
            if os.path.abspath(target) in inputs:
                row["message"] = (row["message"] + "; " if row["message"] else "") + \
                    f"plan not written: {target} is a scenario file"
            else:
                try:
                    _write_atomic(target, text if text.endswith("\n") else text + "\n")
                    row["plan"] = target
                except OSError as exc:
                    print(f"match batch: cannot write {target}: {exc.strerror}",
                          file=sys.stderr)
                    code = 6
        if row["status"] not in ("optimal", "feasible") and code == 0:
            code = 3
        if not args.quiet:
            objective = "" if row["objective"] is None else " %.6g" % row["objective"]
            print(f"{row['scenario']}: {row['status']}{objective}"
                  + (f": {row['message']}" if row["message"] else ""), file=sys.stderr)
    try:
        write_csv(args.output, rows)
    except OSError as exc:
        print(f"match batch: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 6
    return code


if __name__ == "__main__":
    sys.exit(main())
