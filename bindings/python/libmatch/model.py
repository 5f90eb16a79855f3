"""Models: a scenario built item by item or read from a scenario file."""

import collections.abc
import json
import math
import numbers
import os
import threading
import weakref

from . import explain as _explain
from . import libmatch_c as _c
from .edit import EditMixin
from .errors import CODES, InputError
from .plan import Plan

__all__ = ["Model", "Policy", "load", "POLICY_FIELDS", "POLICY_OPTIONS",
           "DEFAULT_PRIORITY_WEIGHTS"]

def _names(name_at):
    """The strings name_at(0), name_at(1), ... up to the first None."""
    names, k = [], 0
    while (name := name_at(k)) is not None:
        names.append(name)
        k += 1
    return tuple(names)


#: The numeric policy fields, by their scenario-file names (read from the C library).
POLICY_FIELDS = _names(_c.match_policy_field_name)

#: The policy fields whose value is a word, with the words each takes (the first is the
#: default), read from the C library.
POLICY_OPTIONS = {field: _names(lambda k, f=field: _c.match_policy_option_word(f, k))
                  for field in _names(_c.match_policy_option_name)}


def _default_weights():
    model = _c.match_model_create()
    return tuple(_c.match_model_get_priority_weight(model, p)
                 for p in range(1, _c.MATCH_PRIORITY_LEVELS + 1))


#: The value of fully covering a need of priority 1..5 unless the policy says otherwise
#: (a new model's weights).
DEFAULT_PRIORITY_WEIGHTS = _default_weights()

_KINDS = {
    "communities": _c.MATCH_KIND_COMMUNITY,
    "units": _c.MATCH_KIND_UNIT,
    "volunteers": _c.MATCH_KIND_VOLUNTEER,
    "resources": _c.MATCH_KIND_RESOURCE,
    "needs": _c.MATCH_KIND_NEED,
}

# ---- argument checks (before anything changes, so a failed add changes nothing) ------------

def _check_id(value, what):
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value


def _check_opt_str(value, what):
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{what} must be a str or None, not {type(value).__name__}")
    return value


def _check_real(value, what):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{what} must be a number, not {type(value).__name__}")
    return float(value)


def _check_int(value, what):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    return int(value)


def _check_strings(values, what):
    if isinstance(values, (str, bytes)) or not isinstance(values, collections.abc.Iterable):
        raise TypeError(f"{what} must be a list of str, not {type(values).__name__}")
    values = list(values)
    for v in values:
        if not isinstance(v, str):
            raise TypeError(f"{what} must be a list of str, found {type(v).__name__}")
    return values


def _opt_real(value, what, default):
    """A number, or the C library's "not given" value for None."""
    return default if value is None else _check_real(value, what)


def _opt_int(value, what, default):
    return default if value is None else _check_int(value, what)


def _check_location(lat, lon):
    """(located, lat, lon); the ranges are the C library's to check."""
    if (lat is None) != (lon is None):
        raise TypeError("give both lat and lon, or neither")
    if lat is None:
        return 0, 0.0, 0.0
    return 1, _check_real(lat, "lat"), _check_real(lon, "lon")


class Policy(collections.abc.MutableMapping):
    """The policy of a model, read and written like a dict.

    Keys are the scenario file's policy fields: the numeric ones of
    :data:`POLICY_FIELDS`, the words of :data:`POLICY_OPTIONS` (``"objective"``,
    ``"eligibility"``) and ``"priority_weights"`` (five numbers, the value of fully
    covering a need of priority 1..5). Fields cannot be deleted.

    >>> model.policy["max_distance_km"] = 2
    >>> model.policy["max_distance_km"]
    2.0
    """

    __slots__ = ("_model",)

    def __init__(self, model):
        self._model = model

    def __getitem__(self, field):
        if not isinstance(field, str):
            raise KeyError(field)
        if field == "priority_weights":
            return list(self._model._weights())
        if field in POLICY_OPTIONS:
            with self._model._lock:
                return _c.match_model_get_policy_option(self._model._m, field)
        if field not in POLICY_FIELDS:
            raise KeyError(field)
        with self._model._lock:
            return _c.match_model_get_policy(self._model._m, field)

    def __setitem__(self, field, value):
        if not isinstance(field, str) or (field not in POLICY_FIELDS and field not in POLICY_OPTIONS
                                          and field != "priority_weights"):
            raise KeyError(field)
        model = self._model
        if field in POLICY_OPTIONS:
            if not isinstance(value, str):
                raise TypeError(f"policy {field!r} must be one of {POLICY_OPTIONS[field]}, "
                                f"not {type(value).__name__}")
            with model._lock:
                _c.match_model_set_policy_option(model._m, field, value)
            return
        if field == "priority_weights":
            weights = [_check_real(w, "priority_weights entries") for w in value]
            with model._lock:
                _c.match_model_set_priority_weights(model._m, weights)
            return
        value = _check_real(value, field)
        with model._lock:
            _c.match_model_set_policy(model._m, field, value)

    def __delitem__(self, field):
        raise TypeError("policy fields cannot be deleted")

    def __iter__(self):
        return iter(POLICY_FIELDS + tuple(POLICY_OPTIONS) + ("priority_weights",))

    def __len__(self):
        return len(POLICY_FIELDS) + len(POLICY_OPTIONS) + 1

    def __repr__(self):
        return f"Policy({dict(self)!r})"


class Model(EditMixin):
    """A scenario: policy, communities, units, volunteers, resources, needs and fixed,
    forbidden and listed pairs.

    Build one item by item (items before the items that name them)::

        model = libmatch.Model(name="Xinhua Road")
        model.add_community("C01", lat=34.53, lon=113.38, name="新惠街社区")
        model.add_volunteer("V1", community="C01", hours=24, skills=["medical"])
        model.add_need("N1", community="C01", category="health", priority=5, hours=20,
                       skills=["medical"])
        plan = model.solve()

    or read one with :meth:`from_json`, :meth:`from_dict` or :func:`libmatch.load`.
    Every ``add_*`` call checks its arguments first: a call that raises changes nothing.
    Models are not changed by solving; :meth:`copy` makes an independent copy for what-if
    runs, and the ``set_*``, :meth:`remove`, :meth:`unfix` and :meth:`unforbid` methods
    change any value of a copy. A model may be used from several threads (calls on it are
    serialised).
    """

    def __init__(self, name=None):
        """Creates an empty model with the default policy, optionally with a name."""
        self._init(_c.match_model_create())
        if name is not None:
            self.name = name

    def _init(self, handle):
        self._m = handle
        self._lock = threading.RLock()

    @classmethod
    def _wrap(cls, handle):
        model = cls.__new__(cls)
        model._init(handle)
        return model

    # ---- construction -------------------------------------------------------------------

    @classmethod
    def from_json(cls, path):
        """Reads and validates a scenario file ("libmatch-scenario-1", UTF-8).

        Raises :class:`libmatch.InputError` naming the file, item and field on bad data,
        on malformed JSON (with line and column) and when the file cannot be read.
        """
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
        path = os.fsdecode(os.fspath(path))
        return cls._wrap(_c.match_model_load_json(path))

    @classmethod
    def from_json_string(cls, text, source_name=None):
        """Reads a scenario from a JSON string; ``source_name`` names it in messages."""
        _check_id(text, "text")
        _check_opt_str(source_name, "source_name")
        return cls._wrap(_c.match_model_load_json_string(text, source_name))

    @classmethod
    def from_dict(cls, scenario, source_name="<dict>"):
        """Builds a model from a scenario as a dict (the scenario file's structure).

        The dict is validated exactly as a scenario file is; errors raise
        :class:`libmatch.InputError`. ``"format"`` may be left out.
        """
        if not isinstance(scenario, collections.abc.Mapping):
            raise TypeError(f"scenario must be a dict, not {type(scenario).__name__}")
        scenario = dict(scenario)
        scenario.setdefault("format", "libmatch-scenario-1")
        try:
            text = json.dumps(scenario, ensure_ascii=False, allow_nan=False)
        except ValueError as exc:
            raise InputError(f"{source_name}: {exc}", CODES["MATCH_EINPUT"]) from None
        except TypeError as exc:
            raise TypeError(f"scenario holds a value JSON cannot represent: {exc}") from None
        return cls._wrap(_c.match_model_load_json_string(text, source_name))

    @classmethod
    def from_excel(cls, path, encoding=None):
        """Reads a scenario workbook (.xlsx) or a folder of CSV files (docs/spreadsheets.md).

        Sheet names and headers may be Chinese or English. ``encoding`` forces the CSV
        files' encoding ("utf-8", "gb18030", "gbk"; default: detected). Errors raise
        :class:`libmatch.InputError` naming the file, sheet, row, column and cell.
        """
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
        _check_opt_str(encoding, "encoding")
        path = os.fsdecode(os.fspath(path))
        return cls.from_json_string(_c.lm_sheets_json(path, encoding), path)

    from_sheets = from_excel

    @classmethod
    def from_dataframes(cls, **frames):
        """Builds a model from pandas DataFrames, one per sheet of the workbook format:
        ``communities``, ``units``, ``volunteers``, ``resources``, ``needs`` and optionally
        ``policy``, ``fixed``, ``forbidden``, ``pairs``. Columns are the workbook's headers
        (Chinese or English); NaN or None is a missing value; a list or tuple is a list
        cell. Errors raise :class:`libmatch.InputError` naming the frame, the row index
        and the column.
        """
        import csv
        import re
        import tempfile

        known = ("communities", "units", "volunteers", "resources", "needs", "policy",
                 "fixed", "forbidden", "pairs")
        for key in frames:
            if key not in known:
                raise TypeError(f"from_dataframes() got an unknown frame {key!r} "
                                f"(known: {', '.join(known)})")

        def cell(value):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                return ""
            if isinstance(value, (list, tuple)):
                return "、".join(cell(v) for v in value)
            if isinstance(value, bool):
                return "true" if value else "false"
            if isinstance(value, float) and value.is_integer():
                return str(int(value))
            return str(value)

        with tempfile.TemporaryDirectory(prefix="libmatch-frames-") as tmp:
            for key, frame in frames.items():
                with open(os.path.join(tmp, key + ".csv"), "w", encoding="utf-8",
                          newline="") as f:
                    out = csv.writer(f)
                    out.writerow([str(c) for c in frame.columns])
                    for row in frame.itertuples(index=False, name=None):
                        out.writerow([cell(v).replace("\r", " ").replace("\n", " ")
                                      for v in row])
            try:
                return cls.from_excel(tmp)
            except InputError as exc:
                message = str(exc)
                pattern = re.compile(re.escape(tmp) + r"/(\w+)\.csv(?:, sheet \w+)?(?:, row (\d+))?")
                def frame_place(m):
                    key, row = m.group(1), m.group(2)
                    text = f"frame {key}"
                    if row is not None:
                        n = int(row) - 2
                        index = frames[key].index
                        text += (f", row index {index[n]!r}" if 0 <= n < len(index)
                                 else " (header)")
                    return text
                raise InputError(pattern.sub(frame_place, message), exc.code) from None

    def copy(self):
        """An independent deep copy of the model (for what-if runs)."""
        with self._lock:
            handle = _c.match_model_copy(self._m)
        return Model._wrap(handle)

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()

    # ---- name and policy ----------------------------------------------------------------

    @property
    def name(self):
        """The scenario's display name ("" when unset)."""
        return _c.match_model_name(self._m)

    @name.setter
    def name(self, value):
        _check_id(value, "name")
        with self._lock:
            _c.match_model_set_name(self._m, value)

    @property
    def policy(self):
        """The policy as a dict-like :class:`Policy`: ``model.policy["max_distance_km"] = 2``."""
        return Policy(self)

    def _weights(self):
        with self._lock:
            return tuple(_c.match_model_get_priority_weight(self._m, p) for p in range(1, _c.MATCH_PRIORITY_LEVELS + 1))

    # ---- reading back -------------------------------------------------------------------

    def ids(self, kind):
        """The ids of one kind of item, in the model's order.

        kind: "communities", "units", "volunteers", "resources" or "needs".
        """
        try:
            code = _KINDS[kind]
        except (KeyError, TypeError):
            raise ValueError(f"kind must be one of {', '.join(_KINDS)}; got {kind!r}") from None
        with self._lock:
            return [_c.match_model_item_id(self._m, code, i)
                    for i in range(_c.match_model_count(self._m, code))]

    def count(self, kind):
        """The number of items of one kind (see :meth:`ids`)."""
        try:
            code = _KINDS[kind]
        except (KeyError, TypeError):
            raise ValueError(f"kind must be one of {', '.join(_KINDS)}; got {kind!r}") from None
        return _c.match_model_count(self._m, code)

    communities = property(lambda self: self.ids("communities"),
                           doc="The community ids, in order.")
    units = property(lambda self: self.ids("units"), doc="The unit ids, in order.")
    volunteers = property(lambda self: self.ids("volunteers"),
                          doc="The volunteer ids, in order.")
    resources = property(lambda self: self.ids("resources"), doc="The resource ids, in order.")
    needs = property(lambda self: self.ids("needs"), doc="The need ids, in order.")

    # ---- building -----------------------------------------------------------------------
    #
    # Each add_* call is one call of the C library, which adds the item with all its
    # attributes or, when any is wrong, nothing (its error names the item and the field).
    # Here only the Python types are checked.

    def add_community(self, id, *, lat, lon, name=None, street=None):
        """Adds a community at (lat, lon) in degrees, with an optional display name and
        street."""
        _check_id(id, "id")
        _check_opt_str(name, "name")
        _check_opt_str(street, "street")
        lat = _check_real(lat, "lat")
        lon = _check_real(lon, "lon")
        with self._lock:
            _c.match_model_add_community(self._m, id, name, street, lat, lon)

    def add_unit(self, id, *, community, name=None, min_projects=None):
        """Adds a co-building unit located in an existing community. ``min_projects``
        overrides the policy's ``unit_min_projects``."""
        _check_id(id, "id")
        _check_id(community, "community")
        _check_opt_str(name, "name")
        min_projects = _opt_int(min_projects, "min_projects", _c.MATCH_POLICY_DEFAULT)
        with self._lock:
            _c.match_model_add_unit_attrs(self._m, id, name, community, min_projects)

    def add_volunteer(self, id, *, community, hours, skills=(), slots=(), unit=None,
                      min_hours=None, max_distance_km=None, lat=None, lon=None):
        """Adds a volunteer living in an existing community who offers ``hours`` a year.

        Optional: ``skills`` and ``slots`` (lists of str), ``unit`` (an existing unit's
        id), ``min_hours`` (yearly obligation; default the policy's), ``max_distance_km``
        (default the policy's), ``lat``/``lon`` (default the community's location).
        """
        _check_id(id, "id")
        _check_id(community, "community")
        _check_opt_str(unit, "unit")
        hours = _check_real(hours, "hours")
        skills = _check_strings(skills, "skills")
        slots = _check_strings(slots, "slots")
        min_hours = _opt_real(min_hours, "min_hours", _c.MATCH_POLICY_DEFAULT)
        max_distance_km = _opt_real(max_distance_km, "max_distance_km", _c.MATCH_POLICY_DEFAULT)
        located, lat, lon = _check_location(lat, lon)
        with self._lock:
            _c.match_model_add_volunteer_attrs(self._m, id, community, hours, unit, located, lat,
                                               lon, min_hours, max_distance_km, skills, slots)

    def add_resource(self, id, *, unit, type, amount, categories=(), lat=None, lon=None):
        """Adds ``amount`` whole units of a resource ``type`` offered by an existing unit.

        Optional: ``categories`` (need categories it may serve; empty: any), ``lat``/``lon``
        (default the unit's community).
        """
        _check_id(id, "id")
        _check_id(unit, "unit")
        _check_id(type, "type")
        amount = _check_real(amount, "amount")
        categories = _check_strings(categories, "categories")
        located, lat, lon = _check_location(lat, lon)
        with self._lock:
            _c.match_model_add_resource_attrs(self._m, id, unit, type, amount, located, lat, lon,
                                              categories)

    def add_need(self, id, *, community, category, priority, hours=None, skills=(), slots=(),
                 min_volunteers=None, max_volunteers=None, resources=None, all_or_nothing=False,
                 required=False):
        """Adds a need raised in an existing community, of a category, priority 1..5.

        Optional: ``hours`` (volunteer-hours asked for, default 0), ``skills`` (a serving
        volunteer needs one of them), ``slots``, ``min_volunteers`` (default 1 if hours > 0
        or the need has listed pairs), ``max_volunteers`` (the most distinct volunteers it
        may have; default unlimited), ``resources`` (``{"venue": 1}`` or
        ``[{"type": "venue", "amount": 1}]``), ``all_or_nothing`` and ``required`` (bools).
        """
        _check_id(id, "id")
        _check_id(community, "community")
        _check_id(category, "category")
        priority = _check_int(priority, "priority")
        hours = _opt_real(hours, "hours", 0.0)
        skills = _check_strings(skills, "skills")
        slots = _check_strings(slots, "slots")
        min_volunteers = _opt_int(min_volunteers, "min_volunteers", _c.MATCH_POLICY_DEFAULT)
        max_volunteers = _opt_int(max_volunteers, "max_volunteers", _c.MATCH_UNLIMITED)
        items = []
        if resources is not None:
            if isinstance(resources, collections.abc.Mapping):
                items = list(resources.items())
            else:
                if isinstance(resources, (str, bytes)):
                    raise TypeError("resources must be a dict or a list of dicts")
                for r in resources:
                    if not isinstance(r, collections.abc.Mapping) or "type" not in r:
                        raise TypeError("resources entries must be dicts with type and amount")
                    items.append((r["type"], r.get("amount", 1)))
        types = [_check_id(rtype, "resource type") for rtype, _ in items]
        amounts = [_check_real(amount, "resource amount") for _, amount in items]
        if not isinstance(all_or_nothing, (bool, int)) or not isinstance(required, (bool, int)):
            raise TypeError("all_or_nothing and required must be bools")
        with self._lock:
            _c.match_model_add_need_attrs(self._m, id, community, category, priority, hours,
                                          min_volunteers, max_volunteers, int(all_or_nothing),
                                          int(required), types, amounts, skills, slots)

    def fix(self, volunteer, need, hours):
        """Fixes a pair: the volunteer gives the need at least ``hours`` (> 0)."""
        _check_id(volunteer, "volunteer")
        _check_id(need, "need")
        hours = _check_real(hours, "hours")
        with self._lock:
            _c.match_model_fix_pair(self._m, volunteer, need, hours)

    def add_pair(self, volunteer, need, *, hours, value=0.0):
        """Lists a pair whose value the caller computed (for example from feedback ratings).

        The pair is chosen whole or not at all: when chosen the volunteer spends exactly
        ``hours`` (>= 0) on the need and the plan gains ``value`` (negative for a cost) in
        place of the distance cost. With the policy's ``eligibility`` "computed" (the
        default) listed pairs join the pairs the rules make, replacing the rules' pair of the
        same volunteer and need; with "pairs_only" they are the only pairs. See
        docs/model.md, "Listed pairs".
        """
        _check_id(volunteer, "volunteer")
        _check_id(need, "need")
        value = _check_real(value, "value")
        hours = _check_real(hours, "hours")
        with self._lock:
            _c.match_model_add_pair(self._m, volunteer, need, value, hours)

    def set_max_volunteers(self, need, max_volunteers):
        """Sets the most distinct volunteers a need may have; None (or -1, the C library's
        MATCH_UNLIMITED) lifts the limit."""
        _check_id(need, "need")
        max_volunteers = _opt_int(max_volunteers, "max_volunteers", _c.MATCH_UNLIMITED)
        with self._lock:
            _c.match_model_set_need_max_volunteers(self._m, need, max_volunteers)

    @property
    def pair_count(self):
        """The number of listed pairs (:meth:`add_pair`)."""
        return _c.match_model_pair_count(self._m)

    def forbid(self, volunteer, need):
        """Forbids a pair: the volunteer gives the need no hours."""
        _check_id(volunteer, "volunteer")
        _check_id(need, "need")
        with self._lock:
            _c.match_model_forbid_pair(self._m, volunteer, need)

    # ---- exporting ----------------------------------------------------------------------

    def to_json(self, path=None):
        """The model as a scenario file ("libmatch-scenario-1") that reads back into an equal
        model (the C library's match_model_write_json()).

        With no path, returns it as a str; with a path, writes it there atomically and
        returns None. Raises :class:`libmatch.FileError` when the file cannot be written.
        """
        with self._lock:
            if path is None:
                return _c.match_model_to_json(self._m)
            _c.match_model_write_json(self._m, os.fsdecode(os.fspath(path)))
        return None

    def to_dict(self):
        """The scenario as nested dicts and lists (``json.loads(model.to_json())``); every
        attribute of every item, as :meth:`from_dict` takes it."""
        return json.loads(self.to_json())

    def export(self, path, format=None):
        """Writes the model's integer program to ``path`` for another solver.

        format: "mps" (free MPS, which carries no objective sense: tell the solver to
        maximise) or "lp" (CPLEX LP); None picks it from the extension (".mps", ".lp").
        The file is replaced atomically. Raises :class:`libmatch.FileError` when it cannot be
        written.
        """
        path = os.fsdecode(os.fspath(path))
        if format is None:
            format = "lp" if path.lower().endswith(".lp") else "mps"
        codes = {"mps": _c.MATCH_EXPORT_MPS, "lp": _c.MATCH_EXPORT_LP}
        if format not in codes:
            raise ValueError(f"format must be 'mps' or 'lp', not {format!r}")
        with self._lock:
            _c.match_model_export(self._m, path, codes[format])

    # ---- the plan in force (stable re-planning) -----------------------------------------

    def set_previous_plan(self, plan):
        """Makes ``plan`` the plan in force, for stable re-planning.

        With the policy's ``change_penalty`` > 0, every volunteer-hour a solve moves away
        from it costs that much (docs/model.md), so a new need moves only the hours its value
        pays for. ``plan`` is a :class:`Plan`, a plan file's path (str or os.PathLike), a plan
        as a dict (``Plan.to_dict()``, or a plan file loaded with json), or None to forget the
        plan in force. Entries that name volunteers or needs this model does not have are
        left out and counted in :attr:`previous_ignored`. Raises
        :class:`libmatch.InputError` naming the file, need and field for a bad plan file.
        """
        from .plan import Plan  # plan.py imports nothing from here: no cycle at load time

        with self._lock:
            if plan is None:
                _c.match_model_clear_previous_plan(self._m)
            elif isinstance(plan, Plan):
                _c.match_model_set_previous_plan(self._m, plan._p)
            elif isinstance(plan, (str, os.PathLike)):
                _c.match_model_load_previous_plan(self._m, os.fsdecode(os.fspath(plan)))
            elif isinstance(plan, collections.abc.Mapping):
                try:
                    text = json.dumps(dict(plan), ensure_ascii=False, allow_nan=False)
                except (TypeError, ValueError) as exc:
                    raise TypeError(f"plan holds a value JSON cannot represent: {exc}") from None
                _c.match_model_load_previous_plan_string(self._m, text, "<previous plan>")
            else:
                raise TypeError("plan must be a Plan, a path, a dict or None; got "
                                f"{type(plan).__name__}")

    def set_previous_hours(self, volunteer, need, hours):
        """Sets the hours the plan in force gives one pair (0 removes it), starting an empty
        plan in force if there is none. ``hours`` is a whole number >= 0."""
        _check_id(volunteer, "volunteer")
        _check_id(need, "need")
        hours = _check_real(hours, "hours")
        with self._lock:
            _c.match_model_set_previous_hours(self._m, volunteer, need, hours)

    @property
    def has_previous_plan(self):
        """True when the model holds a plan in force."""
        return bool(_c.match_model_has_previous_plan(self._m))

    @property
    def previous_ignored(self):
        """How many entries of the plan in force named items this model lacks (left out)."""
        return _c.match_model_previous_ignored(self._m)

    # ---- solving ------------------------------------------------------------------------

    def solve(self, time_limit=None, mip_gap=None, *, interrupt=None, log=None,
              log_level="info", warm_start=None, progress=None, solver="auto"):
        """Finds the best project list and returns it as a :class:`Plan`.

        time_limit: wall seconds for the whole call (None: no limit). With a limit the plan's
        status may be "feasible" or "time_limit". mip_gap: stop when the relative gap
        between bound and objective is at most this. solver: "auto", "glpk" or "flow", as
        the command line's --solver. interrupt: a callable asked at least every 0.2 s;
        returning True stops the solve, and the best plan so far comes back with status
        "interrupted". progress: a callable receiving a :class:`Progress` (phase, elapsed,
        incumbent, bound, gap; None where unknown) at least once a second and at each
        improvement, or True for a live line on standard error (in a notebook: the cell's
        output). log: a callable receiving (level, message)
        with level "error", "info" or "debug" (solver progress); log_level: the most
        detailed level passed on. warm_start: a :class:`Plan` to start from, usually the
        plan before a what-if change (matched by ids; the optimum is the same, found
        sooner).

        "No plan exists" is not an error: the plan's status is "infeasible" and its message
        names the required needs that cannot be met. Ctrl-C stops the solve and raises
        KeyboardInterrupt with the best plan so far as its ``plan`` attribute (status
        "interrupted"); a solver failure raises :class:`libmatch.SolverError`.
        """
        options = _c.match_options()
        solvers = {"auto": _c.MATCH_SOLVER_AUTO, "glpk": _c.MATCH_SOLVER_GLPK,
                   "flow": _c.MATCH_SOLVER_FLOW}
        if solver is None:  # the default, as callers that pass options through give it
            solver = "auto"
        if solver not in solvers:
            raise ValueError(f"solver must be one of {', '.join(solvers)}; got {solver!r}")
        options.solver = solvers[solver]
        if time_limit is not None:
            options.time_limit = _check_real(time_limit, "time_limit")
        if mip_gap is not None:
            options.mip_gap = _check_real(mip_gap, "mip_gap")
        levels = {"error": _c.MATCH_LOG_ERROR, "info": _c.MATCH_LOG_INFO,
                  "debug": _c.MATCH_LOG_DEBUG}
        if log_level not in levels:
            raise ValueError(f"log_level must be one of {', '.join(levels)}")
        options.log_level = levels[log_level]
        if warm_start is not None:
            if not isinstance(warm_start, Plan):
                raise TypeError(f"warm_start must be a Plan, not {type(warm_start).__name__}")
            options.warm_start = warm_start._p
        names = {code: name for name, code in levels.items()}
        if interrupt is not None and not callable(interrupt):
            raise TypeError("interrupt must be callable")
        if log is not None:
            if not callable(log):
                raise TypeError("log must be callable")
            user_log = log

            def log(level, message):
                user_log(names.get(level, level), message)
        report = _progress_callback(progress)
        try:
            with self._lock:
                handle = _c.match_model_solve(self._m, options, interrupt, log, report)
        except KeyboardInterrupt as exc:
            partial = getattr(exc, "plan", None)
            if partial is not None:
                exc.plan = Plan(partial)
                exc.plan._model = weakref.ref(self)
            raise
        finally:
            if progress is True:
                _live_line_end()
        plan = Plan(handle)
        plan._model = weakref.ref(self)  # a plan must not keep its model alive
        return plan

    def bottlenecks(self):
        """What one more volunteer-hour or resource unit would be worth (docs/analysis.md,
        "Bottlenecks and reasons"), as a dict of lists of dicts, best first:
        ``hours`` (every skill x community), ``skills``, ``communities``, ``streets``,
        ``resources`` (every type x community), ``types``; plus ``exact`` (False when the
        scenario is not a pure network and the values come from its flow relaxation) and
        ``status``. See :func:`libmatch.explain.bottlenecks` for the row fields.
        """
        with self._lock:
            return _explain.bottlenecks(self._m)

    def evaluate(self, plan):
        """Judges ``plan`` (a :class:`Plan`: one this model solved, or one read with
        :func:`libmatch.read_plan` that another tool or a person made) against every hard rule
        of the model and returns a :class:`libmatch.evaluate.Evaluation`, a dict: ``valid``,
        ``violations`` (rule, item, need, have, limit, text), the objective recomputed term
        by term, and the indicators of docs/evaluate.md (``headline``, ``by_priority``,
        ``by_street``, ``by_community``, ``by_category``, ``volunteers``, ``units``,
        ``points``); ``.frame(name)`` gives a table as a pandas DataFrame."""
        from . import evaluate as _evaluate
        from .plan import Plan

        if not isinstance(plan, Plan):
            raise TypeError(f"evaluate() takes a Plan, not a {type(plan).__name__}")
        with self._lock:
            return _evaluate.evaluate(self._m, plan._p)

    def report(self, plan, path=None, *, lang=None, previous=None, label=None):
        """The HTML report of ``plan`` (docs/report.md): one self-contained page that opens
        offline. lang: "zh", "en" or None (Chinese when the scenario's names are); previous:
        a :class:`Plan` to show what changed since; label: how the page names the plan.
        With a path, writes the page there and returns None; else returns it as a str."""
        from .plan import Plan

        if not isinstance(plan, Plan) or (previous is not None and not isinstance(previous, Plan)):
            raise TypeError("report() takes Plans")
        with self._lock:
            html = _c.match_report_html(self._m, plan._p,
                                        previous._p if previous is not None else None, lang,
                                        label)
        if path is None:
            return html
        with open(os.fspath(path), "w", encoding="utf-8") as f:
            f.write(html)
        return None

    def to_scenario_counts(self):
        """``{kind: count}`` for the five kinds of item."""
        return {kind: self.count(kind) for kind in _KINDS}

    def __repr__(self):
        counts = " ".join(f"{k}={v}" for k, v in self.to_scenario_counts().items())
        name = self.name
        return f"<libmatch.Model {name!r} {counts}>" if name else f"<libmatch.Model {counts}>"


class Progress(tuple):
    """A progress report of a running solve: ``phase`` ("flow bound", "glpk", ...),
    ``elapsed`` (seconds since the solve began), ``incumbent`` (the best plan's objective,
    never decreasing) and ``bound`` (the best proven bound, never increasing), ``gap``
    (relative); None where not known yet."""

    __slots__ = ()
    _fields = ("phase", "elapsed", "incumbent", "bound", "gap")

    def __new__(cls, phase, elapsed, incumbent, bound, gap):
        def known(v):
            return None if v != v else v  # NaN -> None
        return tuple.__new__(cls, (phase, elapsed, known(incumbent), known(bound), known(gap)))

    phase = property(lambda self: self[0])
    elapsed = property(lambda self: self[1])
    incumbent = property(lambda self: self[2])
    bound = property(lambda self: self[3])
    gap = property(lambda self: self[4])

    def __str__(self):
        plan = "none" if self.incumbent is None else f"{self.incumbent:.10g}"
        bound = "none" if self.bound is None else f"{self.bound:.10g}"
        gap = "" if self.gap is None else f"  gap {100 * self.gap:.4f}%"
        return f"{self.elapsed:6.1f} s  {self.phase:<16} plan {plan}  bound {bound}{gap}"

    def __repr__(self):
        return "Progress(" + ", ".join(f"{k}={v!r}" for k, v in zip(self._fields, self)) + ")"


def _live_line(progress):
    import sys
    stream = sys.stderr
    stream.write("\r\033[K" + str(progress) if stream.isatty() else "\r" + str(progress))
    stream.flush()


def _live_line_end():
    import sys
    sys.stderr.write("\n")
    sys.stderr.flush()


def _progress_callback(progress):
    """The low-level progress callable for solve(progress=...)."""
    if progress is None or progress is False:
        return None
    if progress is True:
        user = _live_line
    elif callable(progress):
        user = progress
    else:
        raise TypeError("progress must be callable, True or None")

    def report(phase, elapsed, incumbent, bound, gap):
        user(Progress(phase, elapsed, incumbent, bound, gap))
    return report


def load(path):
    """Reads a scenario file into a :class:`Model` (same as :meth:`Model.from_json`)."""
    return Model.from_json(path)
