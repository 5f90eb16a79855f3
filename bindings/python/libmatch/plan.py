"""Plans: the project list a solve returns, as Python objects."""

import dataclasses
import math
import json
import os

from . import libmatch_c as _c
from . import explain as _explain

__all__ = ["Plan", "NeedResult", "VolunteerResult", "UnitResult"]


def _number(value):
    """A whole float becomes an int (hours and amounts are whole numbers in plans)."""
    if math.isfinite(value) and value == int(value):
        return int(value)
    return value


def _optional(value):
    """NaN (no value) becomes None."""
    return None if math.isnan(value) else value


def _optional_number(value):
    """NaN becomes None, a whole float an int."""
    return None if math.isnan(value) else _number(value)


@dataclasses.dataclass(frozen=True)
class NeedResult:
    """What the plan gives one need.

    Attributes:
        id: the need's id.
        priority: 1 (low) .. 5 (high).
        coverage: the covered fraction, 0.0 .. 1.0.
        hours: volunteer-hours the plan gives the need.
        volunteers: ``[(volunteer_id, hours), ...]`` in the model's volunteer order.
        resources: ``[(resource_id, amount), ...]`` in the model's resource order.
        unmet_reason: why the need is not fully covered, or None when it is.
        reasons: the same, reason by reason, as dicts with a ``code`` and its details
            (see :func:`libmatch.explain.need_reasons`); empty when fully covered.
        category: the need's category (None in a plan file that does not say).
        community: its community's id, and street: that community's street (None when it
            has none, or a plan file does not say).
    """

    id: str
    priority: int
    coverage: float
    hours: float
    volunteers: list
    resources: list
    unmet_reason: object = None
    reasons: list = dataclasses.field(default_factory=list, compare=False)
    category: object = None
    community: object = None
    street: object = None

    @property
    def met(self):
        """True when the need is fully covered."""
        return self.coverage >= 1.0

    def to_dict(self):
        """The need as the plan file writes it."""
        return {
            "id": self.id,
            "priority": self.priority,
            "category": self.category,
            "community": self.community,
            "street": self.street,
            "coverage": self.coverage,
            "hours": self.hours,
            "volunteers": [{"id": v, "hours": h} for v, h in self.volunteers],
            "resources": [{"id": r, "amount": a} for r, a in self.resources],
            "unmet_reason": self.unmet_reason,
        }

    def __repr__(self):
        return (f"NeedResult({self.id!r}, priority={self.priority}, "
                f"coverage={self.coverage:g}, hours={self.hours!r}, "
                f"volunteers={len(self.volunteers)}, resources={len(self.resources)}"
                + (f", unmet_reason={self.unmet_reason!r})" if self.unmet_reason else ")"))


@dataclasses.dataclass(frozen=True)
class VolunteerResult:
    """What one volunteer gives in the plan: ``id``, total ``hours``, ``shortfall`` (hours
    below the volunteer's yearly obligation) and ``moved_hours`` (hours of the plan in force
    moved away; None when the model had no plan in force)."""

    id: str
    hours: float
    shortfall: float
    moved_hours: object = None


@dataclasses.dataclass(frozen=True)
class UnitResult:
    """One co-building unit in the plan: ``id``, ``projects`` (covered needs it takes part
    in) and ``shortfall`` (projects below its obligation)."""

    id: str
    projects: int
    shortfall: int


class Plan:
    """The result of :meth:`libmatch.Model.solve`.

    A plan is self-contained: it copied every id it mentions, so it stays valid after its
    model is gone. Iterating over a plan yields its needs (:class:`NeedResult`), in the
    model's order; every need, volunteer and unit of the model appears exactly once.

    Attributes are read-only: ``status`` ("optimal", "feasible", "infeasible",
    "time_limit", "interrupted" or "error"), ``objective`` and ``bound`` (None when there is no plan),
    ``message``, ``solve_seconds``, ``pair_count``, ``needs``, ``volunteers``, ``units``,
    ``objective_mode`` and ``levels`` (priority modes), ``previous_hours``,
    ``moved_hours`` and :meth:`moved` (stable re-planning).
    """

    __slots__ = ("_p", "_needs", "_volunteers", "_units", "_model")

    def __init__(self, handle):
        """Wraps a low-level plan handle; plans are made by :meth:`Model.solve` and
        :meth:`Plan.from_json`."""
        if not isinstance(handle, _c.match_plan):
            raise TypeError("Plan() wraps a plan made by Model.solve(); "
                            f"got {type(handle).__name__}")
        self._p = handle
        self._model = None  # a weak reference to the Model that solved it (Model.solve)
        self._needs = None
        self._volunteers = None
        self._units = None

    @classmethod
    def from_json(cls, path):
        """Reads a plan file back (for :meth:`diff`, or as a solve's ``warm_start``).

        Raises :class:`libmatch.InputError` naming the file, need and field when the file
        is not a ``libmatch-plan-1`` plan, or cannot be read.
        """
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
        return cls(_c.match_plan_load_json(os.fsdecode(os.fspath(path))))

    @classmethod
    def from_json_string(cls, text, source_name=None):
        """Reads a plan from the text of a plan file; ``source_name`` names it in messages."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        return cls(_c.match_plan_load_json_string(text, source_name))

    def diff(self, other):
        """What changed from this plan to ``other`` (this one is "before"): a
        :class:`libmatch.PlanDiff` with needs gained, lost, raised and lowered, volunteers
        moved, the objectives, and coverage by priority, street and category."""
        from .diff import PlanDiff

        if not isinstance(other, Plan):
            raise TypeError(f"diff() compares two plans, not a {type(other).__name__}")
        return PlanDiff(self, other)

    # ---- outcome ----------------------------------------------------------------------

    @property
    def status(self):
        """The solution status as the plan file writes it: "optimal", "feasible",
        "infeasible", "time_limit", "interrupted" or "error"."""
        return _c.match_status_name(_c.match_plan_status(self._p))

    @property
    def optimal(self):
        """True when the plan is proven best."""
        return _c.match_plan_status(self._p) == _c.MATCH_STATUS_OPTIMAL

    @property
    def objective(self):
        """The objective of the model's definition, or None when there is no plan."""
        return _optional(_c.match_plan_objective(self._p))

    @property
    def bound(self):
        """The best proven upper bound on the objective, or None."""
        return _optional(_c.match_plan_bound(self._p))

    @property
    def message(self):
        """A sentence on the outcome (names unmeetable required needs); "" if none."""
        return _c.match_plan_message(self._p)

    @property
    def solve_seconds(self):
        """Wall seconds the solve took."""
        return _c.match_plan_solve_seconds(self._p)

    @property
    def timings(self):
        """Wall seconds of each phase of the solve, a dict: ``pairs`` (eligible pairs),
        ``build`` (the solver's model), ``solve`` and ``plan`` (building this plan)."""
        return {name: _c.match_plan_phase_seconds(self._p, phase)
                for name, phase in (("pairs", _c.MATCH_PHASE_PAIRS),
                                    ("build", _c.MATCH_PHASE_BUILD),
                                    ("solve", _c.MATCH_PHASE_SOLVE),
                                    ("plan", _c.MATCH_PHASE_PLAN))}

    @property
    def pair_count(self):
        """The number of volunteer-need pairs that passed the eligibility rules."""
        return _c.match_plan_pair_count(self._p)

    # ---- priority levels and re-planning ------------------------------------------------

    @property
    def objective_mode(self):
        """The policy the plan was solved under: "weighted" or "lexicographic"."""
        return _c.match_plan_objective_mode(self._p)

    @property
    def levels(self):
        """In lexicographic mode, the levels in the order they were optimised: a list of
        ``{"name": "priority 5", "value": ..., "bound": ...}`` for priorities 5 down to 1,
        then ``"costs"``. A priority level's value is its weight times its needs' summed
        coverage; the cost level's is minus the costs, so the values add up to
        :attr:`objective`. ``bound`` is the best proven bound (the value itself when the
        level was solved to optimality; None when not reached). Empty in weighted mode."""
        p = self._p
        return [{"name": _c.match_plan_level_name(p, k),
                 "value": _optional(_c.match_plan_level_value(p, k)),
                 "bound": _optional(_c.match_plan_level_bound(p, k))}
                for k in range(_c.match_plan_level_count(p))]

    @property
    def has_previous(self):
        """True when the plan was solved against a plan in force."""
        return bool(_c.match_plan_has_previous(self._p))

    @property
    def previous_hours(self):
        """The hours the plan in force gives (on items that still exist), or None."""
        return _optional_number(_c.match_plan_previous_hours(self._p))

    @property
    def moved_hours(self):
        """The hours of the plan in force this plan moves away, or None."""
        return _optional_number(_c.match_plan_moved_hours(self._p))

    @property
    def previous_ignored(self):
        """Entries of the plan in force that named items the model lacks (left out)."""
        return _c.match_plan_previous_ignored(self._p)

    def moved(self):
        """``[(volunteer_id, hours moved), ...]`` for the volunteers who moved, the most
        hours first (ties in model order); empty without a plan in force."""
        rows = [(v.id, v.moved_hours) for v in self.volunteers if v.moved_hours]
        return sorted(rows, key=lambda row: -row[1])

    # ---- contents ---------------------------------------------------------------------

    @property
    def needs(self):
        """Every need of the model as a :class:`NeedResult`, in the model's order."""
        if self._needs is None:
            p = self._p
            needs = []
            for i in range(_c.match_plan_need_count(p)):
                vols = [(_c.match_plan_need_volunteer_id(p, i, k),
                         _number(_c.match_plan_need_volunteer_hours(p, i, k)))
                        for k in range(_c.match_plan_need_volunteer_count(p, i))]
                res = [(_c.match_plan_need_resource_id(p, i, k),
                        _number(_c.match_plan_need_resource_amount(p, i, k)))
                       for k in range(_c.match_plan_need_resource_count(p, i))]
                needs.append(NeedResult(
                    id=_c.match_plan_need_id(p, i),
                    priority=_c.match_plan_need_priority(p, i),
                    coverage=_c.match_plan_need_coverage(p, i),
                    hours=_number(_c.match_plan_need_hours(p, i)),
                    volunteers=vols, resources=res,
                    unmet_reason=_c.match_plan_need_unmet_reason(p, i),
                    reasons=_explain.need_reasons(p, i),
                    category=_c.match_plan_need_category(p, i),
                    community=_c.match_plan_need_community(p, i),
                    street=_c.match_plan_need_street(p, i)))
            self._needs = needs
        return list(self._needs)

    @property
    def volunteers(self):
        """Every volunteer as a :class:`VolunteerResult`, in the model's order."""
        if self._volunteers is None:
            p = self._p
            self._volunteers = [
                VolunteerResult(_c.match_plan_volunteer_id(p, i),
                                _number(_c.match_plan_volunteer_hours(p, i)),
                                _number(_c.match_plan_volunteer_shortfall(p, i)),
                                _optional_number(_c.match_plan_volunteer_moved_hours(p, i)))
                for i in range(_c.match_plan_volunteer_count(p))]
        return list(self._volunteers)

    @property
    def units(self):
        """Every unit as a :class:`UnitResult`, in the model's order."""
        if self._units is None:
            p = self._p
            self._units = [UnitResult(_c.match_plan_unit_id(p, i),
                                      _c.match_plan_unit_projects(p, i),
                                      _c.match_plan_unit_shortfall(p, i))
                           for i in range(_c.match_plan_unit_count(p))]
        return list(self._units)

    def need(self, need_id):
        """The :class:`NeedResult` of one need by id; KeyError if the plan has none."""
        for need in self.needs:
            if need.id == need_id:
                return need
        raise KeyError(need_id)

    def unmet(self):
        """The needs not fully covered (coverage below 1), in the model's order."""
        return [n for n in self.needs if not n.met]

    def covered_by_priority(self):
        """``{priority: (fully covered needs, needs)}`` for priorities 5 down to 1."""
        table = {p: [0, 0] for p in range(5, 0, -1)}
        for need in self.needs:
            row = table.setdefault(need.priority, [0, 0])
            row[1] += 1
            row[0] += 1 if need.met else 0
        return {p: tuple(v) for p, v in table.items()}

    def bottlenecks(self):
        """The bottleneck report of the model this plan was solved from, as it is now (see
        :meth:`libmatch.Model.bottlenecks`): the marginal value of one more volunteer-hour
        by skill, community and street, and of one more unit of each resource type.
        The plan does not keep its model alive: raises ValueError when the model is gone
        (or the plan was not made by :meth:`Model.solve`)."""
        model = self._model() if self._model is not None else None
        if model is None:
            raise ValueError("the model this plan was solved from is gone; "
                             "use Model.bottlenecks()")
        return model.bottlenecks()

    def _solved_by(self, what):
        model = self._model() if self._model is not None else None
        if model is None:
            raise ValueError("the model this plan was solved from is gone; "
                             "use Model.%s(plan)" % what)
        return model

    def evaluate(self):
        """:meth:`libmatch.Model.evaluate` of this plan against the model that solved it."""
        return self._solved_by("evaluate").evaluate(self)

    def report(self, path=None, *, lang=None, previous=None):
        """The HTML report of this plan (:meth:`libmatch.Model.report`) against the model
        that solved it: written to path, or returned as a str without one."""
        return self._solved_by("report").report(self, path, lang=lang, previous=previous)

    def _repr_html_(self):
        """Jupyter shows the plan as its report (an empty string when the model is gone)."""
        model = self._model() if self._model is not None else None
        return model.report(self) if model is not None else None

    def __iter__(self):
        return iter(self.needs)

    def __len__(self):
        return _c.match_plan_need_count(self._p)

    # ---- output -----------------------------------------------------------------------

    def to_json(self, path=None):
        """The plan file ("libmatch-plan-1").

        With no path, returns it as a str; with a path (str or os.PathLike), writes it there
        atomically and returns None. The bytes are those the ``match`` tool writes.
        Raises :class:`libmatch.FileError` when the file cannot be written.
        """
        if path is None:
            return _c.match_plan_to_json(self._p)
        _c.match_plan_write_json(self._p, os.fsdecode(os.fspath(path)))
        return None

    def to_dict(self):
        """The plan file as nested dicts and lists (``json.loads(plan.to_json())``)."""
        return json.loads(self.to_json())

    def to_excel(self, path, lang=None):
        """Writes the project list (项目清单): an .xlsx workbook with the sheets projects,
        assignments, volunteers and units, a .csv file (projects), or a folder of CSV
        files. ``lang``: "zh" (default) or "en" headers. Names, units and minimums come
        from the model that solved the plan, while it is alive."""
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
        if lang not in (None, "zh", "en"):
            raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
        model = self._model() if self._model is not None else None
        _c.lm_plan_sheets(self._p, model._m if model is not None else None,
                          os.fsdecode(os.fspath(path)), lang)

    def to_dataframe(self, kind=None):
        """The plan as a pandas DataFrame (needs pandas).

        ``kind`` is one of the project list's sheets, with every column it has (English
        names): "projects" (one row per need), "assignments" (volunteer x need x hours),
        "volunteers" or "units". Without ``kind``: the needs in a short form (id, priority,
        coverage, hours, volunteers, resources, unmet_reason).
        """
        import pandas  # optional dependency: imported only here

        if kind is not None:
            import tempfile

            sheets = ("projects", "assignments", "volunteers", "units")
            if kind not in sheets:
                raise ValueError(f"kind must be one of {', '.join(sheets)}, not {kind!r}")
            with tempfile.TemporaryDirectory(prefix="libmatch-plan-") as tmp:
                self.to_excel(tmp + "/", lang="en")
                frame = pandas.read_csv(os.path.join(tmp, kind + ".csv"), encoding="utf-8-sig",
                                        keep_default_na=False, na_values=[""])
            return frame

        rows = [{"id": n.id, "priority": n.priority, "coverage": n.coverage,
                 "hours": n.hours, "volunteers": len(n.volunteers),
                 "resources": len(n.resources), "unmet_reason": n.unmet_reason}
                for n in self.needs]
        return pandas.DataFrame(rows, columns=["id", "priority", "coverage", "hours",
                                               "volunteers", "resources", "unmet_reason"])

    def __repr__(self):
        objective = "None" if self.objective is None else f"{self.objective:.6g}"
        return (f"<libmatch.Plan {self.status} objective={objective} "
                f"needs={len(self)} unmet={len(self.unmet())}>")
