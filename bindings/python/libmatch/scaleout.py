"""Many solves at once: batches of scenarios and parallel sweeps, run serially, on a thread
pool (``workers=N``) or on a Dask cluster (``client=``), with the same results every way.

Each task builds its own model from the scenario's JSON text, applies its edits, solves it
and returns one row of indicators (and, on request, the whole plan file). A task's bad input
or solver failure is that task's row, with status "error" and a message; it never stops the
batch. See docs/scale-out.md.
"""

import collections.abc
import concurrent.futures
import json
import os
import uuid
import warnings

from .errors import Error
from .model import Model
from .parameters import setter

__all__ = ["batch", "ROW_COLUMNS", "CSV_COLUMNS", "scenario_files", "plan_path", "write_csv"]

PRIORITIES = (5, 4, 3, 2, 1)

#: The columns of :func:`batch`'s table, in order (plus ``plan`` with ``full_plan=True``).
ROW_COLUMNS = (["scenario", "name", "status", "objective", "bound", "gap", "needs", "met",
                "coverage"] + [f"met_p{p}" for p in PRIORITIES]
               + [f"coverage_p{p}" for p in PRIORITIES] + ["hours", "message", "solve_seconds"])

#: The columns of the results table ``match batch`` and ``python3 -m libmatch.batch`` write:
#: the same, without the timing (so that runs compare byte for byte) and with the plan file.
CSV_COLUMNS = [c for c in ROW_COLUMNS if c not in ("message", "solve_seconds")] + ["plan",
                                                                                    "message"]

_SCENARIO_FORMAT = "libmatch-scenario-1"


# ---- the payload a task receives ------------------------------------------------------------

def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def _inline_previous(root, base_dir, source):
    """A scenario whose "previous_plan" names a plan file gets the plan itself in its place,
    read here (relative to base_dir), so that the worker needs no shared disk."""
    previous = root.get("previous_plan")
    if not isinstance(previous, str):
        return None
    path = previous if os.path.isabs(previous) else os.path.join(base_dir, previous)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as exc:
        return f'{source}: field "previous_plan": cannot open {path}: {exc.strerror}'
    try:
        root["previous_plan"] = json.loads(text)
    except ValueError as exc:
        return f'{source}: field "previous_plan": {path}: {exc}'
    return None


def _payload(item, index, edits, local):
    """What one task needs: the scenario's JSON text (or, for a local run, a Model to copy),
    its label and its edits; or the error that makes the task's row."""
    payload = {"label": f"#{index}", "text": None, "source": None, "model": None,
               "edits": list(edits) if edits else [], "error": None}
    if isinstance(item, Model):
        if local:
            payload["model"] = item
        else:
            # A worker gets the model as its scenario text (match_model_write_json), which
            # reads back into an equal model.
            payload["text"] = item.to_json()
            payload["source"] = "<model>"
        return payload
    if isinstance(item, (str, os.PathLike)):
        path = os.fsdecode(os.fspath(item))
        payload["label"] = payload["source"] = path
        try:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8")
        except OSError as exc:
            payload["error"] = f"{path}: cannot open: {exc.strerror}"
            return payload
        except UnicodeDecodeError as exc:
            payload["error"] = f"{path}: not UTF-8: {exc}"
            return payload
        payload["text"] = text
        if '"previous_plan"' in text:
            try:
                root = json.loads(text, object_pairs_hook=_no_duplicates)
            except ValueError:
                return payload  # the worker's reader reports it, with line and column
            if isinstance(root, dict):
                base = os.path.dirname(os.path.abspath(path))
                payload["error"] = _inline_previous(root, base, path)
                payload["text"] = json.dumps(root, ensure_ascii=False, allow_nan=False)
        return payload
    if isinstance(item, collections.abc.Mapping):
        root = dict(item)
        root.setdefault("format", _SCENARIO_FORMAT)
        payload["source"] = f"<scenario #{index}>"
        payload["error"] = _inline_previous(root, os.getcwd(), payload["source"])
        try:
            payload["text"] = json.dumps(root, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as exc:
            payload["error"] = f"{payload['source']}: cannot be written as JSON: {exc}"
        return payload
    payload["error"] = (f"scenario #{index}: expected a file path, a dict or a Model, "
                        f"not {type(item).__name__}")
    return payload


# ---- one task ----------------------------------------------------------------------------------

def _apply(model, edit):
    """An edit is a callable(model) or a (parameter, value) pair, the parameter as in
    :func:`libmatch.sweep` ("policy.FIELD", "KIND.ID.FIELD")."""

    if callable(edit):
        edit(model)
        return
    if (isinstance(edit, (str, bytes)) or not isinstance(edit, collections.abc.Sequence)
            or len(edit) != 2):
        raise TypeError(f"an edit is a (parameter, value) pair or a callable(model), "
                        f"not {edit!r}")
    setter(edit[0])(model, edit[1])


def _empty_row(label):
    row = {c: None for c in ROW_COLUMNS}
    row["scenario"] = label
    row["message"] = ""
    return row


def gap(objective, bound):
    """The relative gap between bound and objective, as ``match solve`` prints it (0 when
    the bound is a hair below the objective); None without both."""
    if objective is None or bound is None:
        return None
    scale = -bound if bound < 0.0 else bound
    value = (bound - objective) / (scale if scale > 1e-9 else 1e-9)
    return value if value > 0.0 else 0.0


def _indicators(row, plan):
    row["status"] = plan.status
    row["objective"] = plan.objective
    row["bound"] = plan.bound
    row["gap"] = gap(plan.objective, plan.bound)
    needs = plan.needs
    row["needs"] = len(needs)
    met, coverage, hours = 0, 0.0, 0.0
    by_met = dict.fromkeys(PRIORITIES, 0)
    by_cov = dict.fromkeys(PRIORITIES, 0.0)
    for n in needs:  # plain sums in the model's order, as the C tool adds them
        met += 1 if n.met else 0
        coverage += n.coverage
        hours += float(n.hours)
        if n.priority in by_met:
            by_met[n.priority] += 1 if n.met else 0
            by_cov[n.priority] += n.coverage
    row["met"] = met
    row["coverage"] = coverage
    for p in PRIORITIES:
        row[f"met_p{p}"] = by_met[p]
        row[f"coverage_p{p}"] = by_cov[p]
    row["hours"] = hours
    row["message"] = plan.message
    row["solve_seconds"] = plan.solve_seconds


def _solve_task(payload, options):
    """Runs one task (on a worker, a thread or here) and returns its row; never raises for
    the task's own input or solver errors."""
    row = _empty_row(payload["label"])
    if options.get("full_plan"):
        row["plan"] = None
    if payload.get("error"):
        row["status"] = "error"
        row["message"] = payload["error"]
        return row
    try:
        if payload.get("model") is not None:
            model = payload["model"].copy()
        else:
            model = Model.from_json_string(payload["text"], payload["source"])
        row["name"] = model.name
        for edit in payload.get("edits") or ():
            _apply(model, edit)
        plan = model.solve(time_limit=options.get("time_limit"),
                           mip_gap=options.get("mip_gap"), solver=options.get("solver"))
    except Error as exc:
        row["status"] = "error"
        row["message"] = str(exc)
        return row
    except Exception as exc:  # a bad edit: TypeError, KeyError, ...  # noqa: BLE001
        row["status"] = "error"
        row["message"] = f"{type(exc).__name__}: {exc}"
        return row
    _indicators(row, plan)
    if options.get("full_plan"):
        row["plan"] = plan.to_json()
    return row


# ---- running many ------------------------------------------------------------------------------

def _check_workers(workers, client):
    if workers is not None and client is not None:
        raise ValueError("give workers= (threads here) or client= (a Dask cluster), not both")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int)
                                or workers < 1):
        raise ValueError(f"workers must be a whole number >= 1, not {workers!r}")


def _run(payloads, options, workers=None, client=None, retries=2, timeout=None):
    """The rows of the payloads, in their order."""
    if client is not None:
        return _run_dask(client, payloads, options, retries, timeout)
    if workers is None:
        return [_solve_task(p, options) for p in payloads]
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda p: _solve_task(p, options), payloads))


def _run_dask(client, payloads, options, retries, timeout):
    """Submits one task per payload; a task the cluster loses for good (its worker died more
    often than the scheduler allows, or it raised after its retries) becomes an error row."""
    token = uuid.uuid4().hex[:12]
    # The scenario's text travels inside its task, not scattered ahead: then the scheduler
    # holds everything a task needs and can run it again on another worker when its worker
    # is lost (scattered data would be lost with it). Dask warns about tasks of more than a
    # few MiB; for scenario files that is expected.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Large object of size")
        futures = [client.submit(_solve_task, p, options, key=f"libmatch-batch-{token}-{k}",
                                 pure=False, retries=retries)
                   for k, p in enumerate(payloads)]
    rows = []
    try:
        for payload, future in zip(payloads, futures):
            try:
                rows.append(future.result(timeout=timeout))
            except Exception as exc:  # KilledWorker, CancelledError, a timeout  # noqa: BLE001
                row = _empty_row(payload["label"])
                if options.get("full_plan"):
                    row["plan"] = None
                row["status"] = "error"
                row["message"] = f"the cluster lost the task: {type(exc).__name__}: {exc}"
                rows.append(row)
    finally:
        client.cancel(futures)
    return rows


def _frame(rows, columns, as_frame):
    if as_frame is False:
        return rows
    try:
        import pandas  # optional dependency
    except ImportError:
        if as_frame:
            raise
        return rows
    return pandas.DataFrame(rows, columns=columns)


def batch(scenarios, *, time_limit=None, mip_gap=None, solver=None, edits=None,
          full_plan=False, workers=None, client=None, retries=2, timeout=None, as_frame=None):
    """Solves many scenarios and returns one row of results per scenario, in their order.

    ``scenarios`` is a list of scenario file paths, scenarios as dicts (the file's
    structure) and :class:`Model` objects. ``edits``, if given, is a list as long, each
    entry None or a list of edits applied to that scenario's own copy before solving: a
    ``(parameter, value)`` pair with the parameter as in :func:`libmatch.sweep`
    (``("policy.max_distance_km", 2)``, ``("needs.N07.priority", 5)``) or a
    ``callable(model)``. ``time_limit`` (seconds, per task), ``mip_gap`` and ``solver``
    ("auto", "glpk", "flow") are :meth:`Model.solve`'s.

    Where the solves run: one after another here (the default); on ``workers`` threads
    here (the solver releases the GIL; each task has its own model); or on the Dask
    cluster of ``client`` (a ``distributed.Client``), each task carrying the scenario's
    JSON text so that workers need no shared disk, only the libmatch package. A file's
    "previous_plan" file is read here and sent inline; a Model travels as the scenario text
    it writes (:meth:`Model.to_json`). Tasks that raise
    unexpectedly are retried ``retries`` times; a task whose worker dies is run again on
    another by the scheduler. ``timeout`` bounds the wait for each task's result (None:
    none); a task not back in time makes an error row.

    Columns (:data:`ROW_COLUMNS`): ``scenario`` (the path, or ``#k`` for the k-th item),
    ``name``, ``status`` ("optimal", "feasible", "infeasible", "time_limit" or "error"),
    ``objective``, ``bound``, ``gap``, ``needs``, ``met`` (fully covered), ``coverage``
    (summed), ``met_p5``..``met_p1`` and ``coverage_p5``..``coverage_p1`` (by priority),
    ``hours`` (volunteer-hours given), ``message`` (why infeasible, or the error) and
    ``solve_seconds``; plus ``plan`` (the plan file's JSON text) with ``full_plan=True``.
    A pandas DataFrame when pandas is installed and ``as_frame`` is not False, else a list
    of dicts. Rows do not depend on where they ran (only ``solve_seconds`` does).
    """
    _check_workers(workers, client)
    if isinstance(scenarios, (str, bytes, os.PathLike, collections.abc.Mapping, Model)) or \
            not isinstance(scenarios, collections.abc.Iterable):
        raise TypeError("scenarios must be a list of paths, dicts or Models")
    scenarios = list(scenarios)
    if edits is None:
        edits = [None] * len(scenarios)
    else:
        edits = list(edits)
        if len(edits) != len(scenarios):
            raise ValueError(f"edits has {len(edits)} entries for {len(scenarios)} scenarios")
    if solver is not None and solver not in ("auto", "glpk", "flow"):
        raise ValueError(f"solver must be auto, glpk or flow, not {solver!r}")
    options = {"time_limit": time_limit, "mip_gap": mip_gap, "solver": solver,
               "full_plan": bool(full_plan)}
    payloads = [_payload(s, k, e, client is None) for k, (s, e) in enumerate(zip(scenarios,
                                                                                  edits))]
    rows = _run(payloads, options, workers, client, retries, timeout)
    columns = ROW_COLUMNS + (["plan"] if full_plan else [])
    return _frame(rows, columns, as_frame)


# ---- files: what `match batch` and `python3 -m libmatch.batch` read and write ----------------

PLAN_SUFFIX = ".plan.json"


def plan_path(scenario):
    """Where a scenario file's plan is written: ``NAME.json`` -> ``NAME.plan.json`` beside
    it (``NAME`` + ``.plan.json`` for a file not ending in ``.json``)."""
    base = scenario[:-5] if scenario.endswith(".json") else scenario
    return base + PLAN_SUFFIX


def scenario_files(args):
    """The scenario files named by command-line arguments, in order: a directory gives its
    ``*.json`` files except ``*.plan.json`` (sorted by name); a ``.json`` file itself; any
    other file is a list, one path per line (relative to the list's directory; blank lines
    and lines starting with ``#`` skipped)."""
    files = []
    for arg in args:
        if os.path.isdir(arg):
            names = sorted(n for n in os.listdir(arg)
                           if n.endswith(".json") and not n.endswith(PLAN_SUFFIX)
                           and not n.startswith(".")
                           and os.path.isfile(os.path.join(arg, n)))
            files.extend(os.path.join(arg, n) for n in names)
        elif arg.endswith(".json"):
            files.append(arg)
        else:
            base = os.path.dirname(arg)
            with open(arg, encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if line and not line.startswith("#"):
                        files.append(line if os.path.isabs(line) or not base
                                     else os.path.join(base, line))
    return files


def _csv_field(value):
    text = "" if value is None else str(value)
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_value(column, value):
    if value is None:
        return ""
    if column in ("objective", "bound", "gap", "coverage") or column.startswith("coverage_p"):
        return "%.6f" % value
    if column == "hours":
        return "%.10g" % value
    return value


def write_csv(path, rows):
    """Writes rows (dicts with :data:`CSV_COLUMNS`) as the results table, atomically."""
    lines = [",".join(CSV_COLUMNS)]
    for row in rows:
        lines.append(",".join(_csv_field(_csv_value(c, row.get(c))) for c in CSV_COLUMNS))
    _write_atomic(path, "\n".join(lines) + "\n")


def _write_atomic(path, text):
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
