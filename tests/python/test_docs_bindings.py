"""The binding tutorials run as written: every ```python block of docs/python.md in order in
one namespace, every ```lua block of docs/lua.md as one script, and examples/whatif.py
prints its table. Run from the repository root, as the tutorials say.

CTest sets LIBMATCH_BINDING_TESTS=1 with the built package on PYTHONPATH and the Lua module
on LUA_CPATH; without it this module is skipped.
"""

import os
import pathlib
import re
import subprocess
import sys

import pytest

if os.environ.get("LIBMATCH_BINDING_TESTS") != "1":
    pytest.skip("the binding tests run under CTest", allow_module_level=True)

REPO = pathlib.Path(__file__).resolve().parents[2]


def code_blocks(doc, language):
    text = (REPO / "docs" / doc).read_text(encoding="utf-8")
    return re.findall(r"^```" + language + r"\n(.*?)^```", text, flags=re.S | re.M)


def test_python_tutorial_runs(tmp_path, monkeypatch):
    blocks = code_blocks("python.md", "python")
    assert len(blocks) >= 3
    monkeypatch.chdir(REPO)
    namespace = {"__name__": "__tutorial__"}
    for number, block in enumerate(blocks, 1):
        # Files the tutorial writes go to a scratch directory, not into the repository.
        block = block.replace("/tmp/", str(tmp_path) + "/")
        try:
            exec(compile(block, f"docs/python.md block {number}", "exec"), namespace)
        except ImportError as exc:
            if "pandas" in str(exc):
                continue  # the DataFrame example needs pandas, which is optional
            raise


def test_lua_tutorial_runs(tmp_path):
    lua = os.environ.get("LIBMATCH_LUA")
    if not lua:
        pytest.skip("the Lua binding is not built")
    blocks = code_blocks("lua.md", "lua")
    assert len(blocks) >= 3
    script = tmp_path / "tutorial.lua"
    script.write_text("\n".join(b.replace("/tmp/", str(tmp_path) + "/") for b in blocks),
                      encoding="utf-8")
    result = subprocess.run([lua, str(script)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_whatif_example_prints_its_table():
    result = subprocess.run([sys.executable, "examples/whatif.py"], cwd=REPO,
                            capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["scenario", "objective"]
    rows = [line for line in lines if re.match(r"^(baseline|service|one more|.*doubled)", line)]
    assert len(rows) == 4
    # The baseline's objective is the CLI's optimum for the same scenario.
    cli = os.environ["LIBMATCH_CLI"]
    plan = subprocess.run([cli, "solve", "examples/xinmi.json", "-q"], cwd=REPO,
                          capture_output=True, text=True, check=True).stdout
    import json
    assert abs(float(rows[0].split()[1]) - json.loads(plan)["objective"]) < 5e-4
