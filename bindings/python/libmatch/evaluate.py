"""Judging a plan against its scenario (docs/evaluate.md): :meth:`libmatch.Model.evaluate`.

An :class:`Evaluation` is the ``libmatch-evaluation-1`` document as a dict (the same as
``match evaluate --json`` prints): ``valid``, ``violations``, ``objective`` (stated,
recomputed, terms), ``headline`` (the indicators), ``by_priority``, ``by_street``,
``by_community``, ``by_category``, ``needs``, ``volunteers``, ``units`` and ``points``.
With pandas installed, :meth:`Evaluation.frame` gives any of the tables as a DataFrame.
"""

import json

from . import libmatch_c as _c

TABLES = ("violations", "by_priority", "by_street", "by_community", "by_category", "needs",
          "volunteers", "units")


class Evaluation(dict):
    """The evaluation of a plan, as a dict; see the module's documentation."""

    @property
    def valid(self):
        """True when the plan breaks no hard rule."""
        return bool(self["valid"])

    @property
    def objective(self):
        """The objective recomputed from the plan."""
        return self["objective"]["recomputed"]

    @property
    def violations(self):
        """The violations of hard rules (figures the plan states that disagree are left
        out: they are in ``self["violations"]`` with ``hard`` False)."""
        return [v for v in self["violations"] if v["hard"]]

    def frame(self, table="violations"):
        """One of the tables (``violations``, ``by_priority``, ``by_street``,
        ``by_community``, ``by_category``, ``needs``, ``volunteers``, ``units``, or
        ``points`` for the points by street) as a pandas DataFrame (needs pandas)."""
        import pandas  # optional dependency: imported only here

        if table == "points":
            return pandas.DataFrame(self["points"]["by_street"])
        if table not in TABLES:
            raise ValueError("no table %r; the tables are %s" % (table, ", ".join(TABLES)))
        return pandas.DataFrame(self[table])

    def headline_series(self):
        """The headline indicators as a pandas Series (needs pandas)."""
        import pandas

        return pandas.Series(self["headline"])


def evaluate(model_handle, plan_handle):
    ev = _c.match_plan_evaluate(model_handle, plan_handle)
    return Evaluation(json.loads(_c.match_evaluation_to_json(ev)))
