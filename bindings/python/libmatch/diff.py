"""Comparing two plans: :meth:`libmatch.Plan.diff` and :class:`PlanDiff`."""

import json

from . import libmatch_c as _c

__all__ = ["PlanDiff"]


class PlanDiff:
    """What changed from one plan (``before``) to another (``after``), matched by ids.

    Attributes (plain lists and dicts, as in the ``libmatch-diff-1`` JSON that
    ``match diff --json`` prints):

    - ``objective``: ``{"before": x, "after": y}`` (None for a side without a plan), and
      ``objective_change`` (after - before, or None);
    - ``status``: ``{"before": "optimal", "after": "optimal"}``;
    - ``gained``, ``lost``, ``raised``, ``lowered``: needs now fully covered, no longer
      fully covered, and partly covered with more or less coverage; each a dict with
      ``id``, ``priority``, ``category``, ``street``, ``coverage_before``,
      ``coverage_after``;
    - ``moves``: every (volunteer, need) pair whose hours changed, as dicts with
      ``volunteer``, ``need``, ``hours_before``, ``hours_after``; ``volunteers_moved`` counts
      the distinct volunteers among them;
    - ``by_priority``, ``by_street``, ``by_category``: per group ``key``, ``needs_before``,
      ``needs_after``, ``met_before``, ``met_after`` (fully covered), ``coverage_before``,
      ``coverage_after`` (sum of coverage).

    ``str(diff)`` is a readable report; ``diff.to_dict()`` the whole comparison.
    """

    def __init__(self, before, after):
        handle = _c.match_plan_diff(before._p, after._p)
        self._data = json.loads(_c.match_diff_to_json(handle))
        data = self._data
        self.objective = data["objective"]
        self.status = data["status"]
        needs = data["needs"]
        self.gained = needs["gained"]
        self.lost = needs["lost"]
        self.raised = needs["raised"]
        self.lowered = needs["lowered"]
        self.moves = data["moves"]
        self.volunteers_moved = data["volunteers_moved"]
        self.by_priority = data["by_priority"]
        self.by_street = data["by_street"]
        self.by_category = data["by_category"]

    @property
    def objective_change(self):
        """after - before, or None when either plan has no objective."""
        before, after = self.objective["before"], self.objective["after"]
        return None if before is None or after is None else after - before

    @property
    def changed(self):
        """True when any need's coverage or any volunteer's hours changed."""
        return bool(self.gained or self.lost or self.raised or self.lowered or self.moves)

    def to_dict(self):
        """The comparison as the ``libmatch-diff-1`` JSON structure."""
        return json.loads(json.dumps(self._data))

    def __repr__(self):
        change = self.objective_change
        delta = "None" if change is None else f"{change:+.6g}"
        return (f"<libmatch.PlanDiff objective {delta} gained={len(self.gained)} "
                f"lost={len(self.lost)} raised={len(self.raised)} "
                f"lowered={len(self.lowered)} volunteers_moved={self.volunteers_moved}>")

    def __str__(self):
        def num(v):
            return "none" if v is None else f"{v:.6g}"

        lines = [f"objective: {num(self.objective['before'])} -> "
                 f"{num(self.objective['after'])}"
                 + ("" if self.objective_change is None else f" ({self.objective_change:+.6g})")
                 + f"; status {self.status['before']} -> {self.status['after']}"]
        for title, needs in (("gained", self.gained), ("lost", self.lost),
                             ("raised", self.raised), ("lowered", self.lowered)):
            lines.append(f"needs {title}: {len(needs)}")
            for n in needs:
                where = ", ".join(x for x in (n["category"], n["street"]) if x)
                lines.append(f"  {n['id']} P{n['priority']} coverage "
                             f"{n['coverage_before']:.3g} -> {n['coverage_after']:.3g}  {where}")
        lines.append(f"volunteers moved: {self.volunteers_moved} "
                     f"({len(self.moves)} changes of hours)")
        for m in self.moves:
            lines.append(f"  {m['volunteer']} {m['need']} hours {m['hours_before']:g} -> "
                         f"{m['hours_after']:g}")
        for title, groups in (("priority", self.by_priority), ("street", self.by_street),
                              ("category", self.by_category)):
            lines.append(f"covered by {title} (fully covered/needs, coverage sum):")
            for g in groups:
                key = ("P" + g["key"]) if title == "priority" else (g["key"] or "(none)")
                lines.append(f"  {g['met_before']}/{g['needs_before']} -> "
                             f"{g['met_after']}/{g['needs_after']}  "
                             f"{g['coverage_before']:.2f} -> {g['coverage_after']:.2f}  {key}")
        return "\n".join(lines)
