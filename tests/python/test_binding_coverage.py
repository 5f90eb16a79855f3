"""Every int-returning public C function is covered by the bindings' error handling.

bindings/libmatch.i derives which calls raise from their return type: a function returning
int returns a call status, unless it is one of the few listed with LM_VALUE (their int is a
value). This test reads the public headers and the SWIG-generated wrappers and checks, for
each language, that every status-returning function that is wrapped has its status checked
(its wrapper records the failing code), that no value-returning one is checked, and that
every function left out of the bindings is left out on purpose (%ignore).

Needs LIBMATCH_SWIG_WRAPPERS: the generated wrapper files, separated by os.pathsep.
"""

import os
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
WRAPPERS = [pathlib.Path(p) for p in os.environ.get("LIBMATCH_SWIG_WRAPPERS", "").split(os.pathsep)
            if p]

pytestmark = pytest.mark.skipif(not WRAPPERS, reason="LIBMATCH_SWIG_WRAPPERS not set")


def int_functions():
    """The public functions whose declared return type is int, by header."""
    found = {}
    for header in sorted((ROOT / "include" / "libmatch").glob("*.h")):
        text = header.read_text(encoding="utf-8")
        for name in re.findall(r"^MATCH_API\s+int\s+(match_\w+)\s*\(", text, re.M):
            found[name] = header.name
    return found


def interface():
    text = (ROOT / "bindings" / "libmatch.i").read_text(encoding="utf-8")
    values = set()
    for block in re.findall(r"%apply\s+int\s+LM_VALUE\s*\{([^}]*)\}", text):
        values |= set(re.findall(r"int\s+(match_\w+)", block))
    ignored = set(re.findall(r"^%ignore\s+(match_\w+)\s*[;(]", text, re.M))
    return values, ignored


def wrapper_bodies(path):
    """{function name: wrapper body} of a generated wrapper file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    bodies = {}
    for m in re.finditer(r"^(?:SWIGINTERN PyObject \*|static int )_wrap_(match_\w+)\((.*?)^}",
                         text, re.M | re.S):
        name = re.sub(r"__SWIG_\d+$", "", m.group(1))
        bodies[name] = bodies.get(name, "") + m.group(2)
    return bodies


def test_headers_have_int_functions():
    functions = int_functions()
    assert "match_model_add_volunteer" in functions and len(functions) > 50


def test_value_list_names_real_functions():
    values, ignored = interface()
    functions = int_functions()
    assert values, "no LM_VALUE list found in libmatch.i"
    assert values <= set(functions), values - set(functions)


@pytest.mark.parametrize("wrapper", WRAPPERS, ids=lambda p: p.name)
def test_every_int_function_is_covered(wrapper):
    values, ignored = interface()
    bodies = wrapper_bodies(wrapper)
    status_checked = "lm_failed = result < 0"
    unchecked, value_checked, missing = [], [], []
    for name in int_functions():
        if name in ignored:
            continue
        body = bodies.get(name)
        if body is None:
            missing.append(name)
        elif name in values:
            if status_checked in body:
                value_checked.append(name)
        elif status_checked not in body:
            unchecked.append(name)
    assert not missing, f"not wrapped and not %ignore'd: {missing}"
    assert not unchecked, f"status not checked: {unchecked}"
    assert not value_checked, f"value treated as a status: {value_checked}"
