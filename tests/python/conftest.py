"""Shared fixtures: the CLI under test, the test data, the scenario generator.

CTest sets LIBMATCH_CLI to the built `match` executable, LIBMATCH_TEST_DATA_DIR and
LIBMATCH_BENCH_DIR; run by hand, set LIBMATCH_CLI yourself.
"""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

DATA_DIR = Path(os.environ.get("LIBMATCH_TEST_DATA_DIR", HERE.parent / "data"))
BENCH_DIR = Path(os.environ.get("LIBMATCH_BENCH_DIR", HERE.parent.parent / "bench"))


def _load_generator():
    spec = importlib.util.spec_from_file_location("gen_scenario", BENCH_DIR / "gen_scenario.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("LIBMATCH_CLI")
    if not path:
        pytest.skip("LIBMATCH_CLI is not set (CTest sets it to the built match executable)")
    assert os.access(path, os.X_OK), "LIBMATCH_CLI=%s is not executable" % path
    return path


@pytest.fixture(scope="session")
def gen():
    return _load_generator()


@pytest.fixture(scope="session")
def data_dir():
    return DATA_DIR


def run_cli(cli_path, *args, timeout=60):
    return subprocess.run([cli_path, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def write_json(path, obj):
    Path(path).write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
