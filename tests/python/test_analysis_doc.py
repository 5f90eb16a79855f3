"""docs/analysis.md runs as written: its Python blocks in order in one namespace, and its
shell blocks with the built `match` on PATH and the package on PYTHONPATH, all in a scratch
directory that sees the repository's examples/."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

if os.environ.get("LIBMATCH_BINDING_TESTS") == "1":
    import libmatch
else:
    libmatch = pytest.importorskip("libmatch")
    if not hasattr(libmatch, "Model"):
        pytest.skip("the libmatch Python binding is not built", allow_module_level=True)

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "analysis.md"
BLOCK = re.compile(r"^```(python|sh)\n(.*?)^```", re.M | re.S)


def blocks():
    return BLOCK.findall(DOC.read_text(encoding="utf-8"))


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    (tmp_path / "examples").symlink_to(REPO / "examples")
    (tmp_path / "tests").symlink_to(REPO / "tests")  # the OR-Library instances
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_doc_has_blocks_of_both_kinds():
    kinds = [kind for kind, _ in blocks()]
    assert kinds.count("python") >= 5 and kinds.count("sh") >= 3


def test_doc_runs_as_written(workdir, capsys):
    cli = os.environ.get("LIBMATCH_CLI")
    if not cli:
        pytest.skip("LIBMATCH_CLI is not set (CTest sets it to the built match executable)")
    env = dict(os.environ)
    env["PATH"] = str(Path(cli).resolve().parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    namespace = {"__name__": "analysis_doc"}
    for number, (kind, code) in enumerate(blocks(), start=1):
        if kind == "python":
            exec(compile(code, f"{DOC.name} block {number}", "exec"), namespace)
        elif "export " in code and "build" in code:
            continue  # the set-up lines for a reader's shell; the test sets both itself
        else:
            proc = subprocess.run(["bash", "-e", "-c", code], cwd=workdir, env=env,
                                  capture_output=True, text=True, timeout=120)
            assert proc.returncode == 0, (number, code, proc.stdout, proc.stderr)
    out = capsys.readouterr().out
    assert "objective" in out
    # The walkthrough's files exist and say what the text says they say.
    assert (workdir / "baseline.json").exists() and (workdir / "what_if_plan.json").exists()
    diff = libmatch.read_plan("baseline.json").diff(libmatch.read_plan("what_if_plan.json"))
    assert diff.to_dict() == __import__("json").loads((workdir / "diff.json").read_text())
    assert namespace["after"].objective == pytest.approx(
        libmatch.read_plan("what_if_plan.json").objective, abs=1e-6)
