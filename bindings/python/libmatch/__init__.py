"""libmatch: match community needs with volunteers and resources.

A scenario (communities, co-building units, volunteers, resources and needs, under a
policy) is solved into the best project list: which volunteers give how many hours to
which needs, which resources go where, and why a need is left unmet.

    import libmatch

    model = libmatch.load("examples/xinmi.json")
    model.policy["max_distance_km"] = 2
    plan = model.solve(time_limit=60)
    print(plan.status, plan.objective)
    for need in plan.unmet():
        print(need.id, need.coverage, need.unmet_reason)
    plan.to_json("plan.json")

Main names: :class:`Model` (with :meth:`Model.from_json`, :meth:`Model.from_dict`),
:func:`load`, :class:`Plan` (:meth:`Plan.diff` gives a :class:`PlanDiff`), :func:`read_plan`,
:func:`sweep` (one what-if per value of a parameter), :func:`batch` (many scenarios, on
threads or a Dask cluster: docs/scale-out.md), and the exceptions :class:`Error`, :class:`InputError`,
:class:`SolverError`. The low-level wrapper of the C API is ``libmatch.libmatch_c``.
"""

from . import explain, libmatch_c
from .errors import (CODES, ArgumentError, Error, FileError, InputError, OutOfMemoryError,
                     SolverError)
from .model import (DEFAULT_PRIORITY_WEIGHTS, POLICY_FIELDS, POLICY_OPTIONS, Model, Policy,
                    Progress, load)
from .diff import PlanDiff
from .evaluate import Evaluation
from .plan import NeedResult, Plan, UnitResult, VolunteerResult
from .sweep import sweep
from .scaleout import batch

__all__ = [
    "Model", "Policy", "Progress", "Plan", "NeedResult", "VolunteerResult", "UnitResult", "load",
    "read_plan", "PlanDiff", "Evaluation", "sweep", "batch",
    "Error", "InputError", "ArgumentError", "FileError", "SolverError", "OutOfMemoryError",
    "CODES", "POLICY_FIELDS", "POLICY_OPTIONS", "DEFAULT_PRIORITY_WEIGHTS", "version", "glpk_version",
    "__version__",
]

#: The version of the libmatch library loaded, "MAJOR.MINOR.PATCH".
__version__ = libmatch_c.match_version()


def read_plan(path):
    """Reads a plan file into a :class:`Plan` (same as :meth:`Plan.from_json`)."""
    return Plan.from_json(path)


def version():
    """The version of the libmatch library loaded, "MAJOR.MINOR.PATCH"."""
    return libmatch_c.match_version()


def glpk_version():
    """The version of GLPK libmatch was linked with, for example "5.0"."""
    return libmatch_c.match_glpk_version()
