"""Parameter sweeps: one what-if per value, each solved from the plan before it."""

import collections.abc
import os

from .model import Model
from .parameters import setter as _setter

__all__ = ["sweep"]

def _row(value, plan):
    """One line of the table: the value and what the plan achieved."""
    row = {"value": value, "status": plan.status, "objective": plan.objective,
           "bound": plan.bound}
    needs = plan.needs
    row["needs"] = len(needs)
    row["met"] = sum(1 for n in needs if n.met)
    row["coverage"] = sum(n.coverage for n in needs)
    for priority in range(5, 0, -1):
        row[f"met_p{priority}"] = sum(1 for n in needs if n.priority == priority and n.met)
    row["solve_seconds"] = plan.solve_seconds
    return row


def sweep(model, parameter, values, *, as_frame=None, warm_start=None, plans=None, workers=None,
          client=None, **solve):
    """Solves one what-if per value and returns the table of results.

    Each value is applied to a fresh copy of ``model`` (the model itself never changes):
    ``parameter`` is a path, ``"policy.max_distance_km"``, ``"policy.priority_weights"`` or
    ``"KIND.ID.FIELD"`` (``"needs.N07.priority"``, ``"volunteers.V012.hours"``: the
    keyword of :meth:`Model.set_need` and its kin), or a callable ``f(model_copy, value)``
    that makes any change. Each solve is warm-started from the plan of the value before it
    (``warm_start=False`` solves each cold); the optimum is the same either way. Further
    keyword arguments (``time_limit``, ``mip_gap``, ...) go to :meth:`Model.solve`.

    Returns one row per value, in order: ``value``, ``status``, ``objective``, ``bound``,
    ``needs``, ``met`` (fully covered), ``coverage`` (sum), ``met_p5`` .. ``met_p1`` and
    ``solve_seconds``. The rows are a pandas DataFrame when pandas is installed and
    ``as_frame`` is not False, else a list of dicts (``as_frame=True`` requires pandas).
    ``plans``, if a list, receives each value's :class:`Plan` for a closer look
    (``plans[k].diff(plans[k + 1])``).

    ``workers=N`` solves the values on N threads here, ``client=`` (a
    ``distributed.Client``) on a Dask cluster (docs/scale-out.md); both solve each value
    cold (``warm_start`` must not be True) and give the table a cold serial run gives
    (``warm_start=False``). A cluster receives the scenario as JSON text, so there ``model``
    may be a path, a dict or a Model (sent as its :meth:`Model.to_json` text), and a
    callable ``parameter`` must be importable on the workers; ``plans`` receives plans read
    back from each task's plan file.
    ``model`` may be a path or a dict in every mode. Keyword arguments for the solve are
    ``time_limit``, ``mip_gap`` and ``solver`` in the parallel modes.
    """
    if not isinstance(values, collections.abc.Iterable) or isinstance(values, (str, bytes)):
        raise TypeError("values must be a list of values")
    apply = _setter(parameter)
    if workers is not None or client is not None:
        if warm_start:
            raise ValueError("warm_start chains the values one after another: "
                             "not with workers= or client=")
        return _parallel(model, parameter, list(values), as_frame, plans, workers, client, solve)
    if not isinstance(model, Model):
        model = _load(model)
    if warm_start is None:
        warm_start = True
    rows, previous = [], None
    for value in values:
        what_if = model.copy()
        apply(what_if, value)
        plan = what_if.solve(warm_start=previous if warm_start else None, **solve)
        rows.append(_row(value, plan))
        if plans is not None:
            plans.append(plan)
        previous = plan
    if as_frame is False:
        return rows
    try:
        import pandas  # optional dependency
    except ImportError:
        if as_frame:
            raise
        return rows
    return pandas.DataFrame(rows)



def _load(scenario):
    if isinstance(scenario, (str, os.PathLike)):
        return Model.from_json(scenario)
    if isinstance(scenario, collections.abc.Mapping):
        return Model.from_dict(scenario)
    raise TypeError(f"model must be a Model, a scenario file's path or a dict, "
                    f"not {type(scenario).__name__}")


_SWEEP_COLUMNS = ["value", "status", "objective", "bound", "needs", "met", "coverage",
                  "met_p5", "met_p4", "met_p3", "met_p2", "met_p1", "solve_seconds"]


def _parallel(model, parameter, values, as_frame, plans, workers, client, solve):
    """The sweep as a batch: one task per value, each on its own copy of the scenario."""
    from . import scaleout

    scaleout._check_workers(workers, client)
    unknown = set(solve) - {"time_limit", "mip_gap", "solver"}
    if unknown:
        raise TypeError(f"sweep() with workers= or client= takes time_limit, mip_gap and "
                        f"solver; not {', '.join(sorted(unknown))}")
    options = {"time_limit": solve.get("time_limit"), "mip_gap": solve.get("mip_gap"),
               "solver": solve.get("solver"), "full_plan": plans is not None}
    base = scaleout._payload(model, 0, None, client is None)
    if base["error"]:
        raise _load_error(model, base["error"])
    payloads = [dict(base, edits=[(parameter, v)]) for v in values]
    results = scaleout._run(payloads, options, workers, client)
    rows = []
    for value, result in zip(values, results):
        if result["status"] == "error":
            raise _load_error(model, result["message"])
        rows.append({"value": value, **{c: result[c] for c in _SWEEP_COLUMNS[1:]}})
        if plans is not None:
            from .plan import Plan
            plans.append(Plan.from_json_string(result["plan"]))
    if as_frame is False:
        return rows
    try:
        import pandas  # optional dependency
    except ImportError:
        if as_frame:
            raise
        return rows
    return pandas.DataFrame(rows, columns=_SWEEP_COLUMNS)


def _load_error(model, message):
    from .errors import CODES, InputError

    return InputError(message, CODES["MATCH_EINPUT"])
