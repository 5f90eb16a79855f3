"""The command-line tool's writers under faults on disk: a full disk (the file-size limit
that `ulimit -f` sets), a read-only directory and an output path that is a directory. Each
must exit 6 with a message naming the path, keep the file that was there as it was, and
leave no temporary file behind."""

import os
import resource
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "xinmi.json"
OLD = b"the file that was here before\n"
WRITES = {
    "plan": ["solve", EXAMPLE, "--quiet", "-o"],
    "mps": ["export", EXAMPLE, "--mps", "-o"],
    "lp": ["export", EXAMPLE, "--lp", "-o"],
}


def _run(cli, args, preexec=None):
    return subprocess.run([cli, *map(str, args)], capture_output=True, text=True, timeout=120,
                          preexec_fn=preexec)


def _small_file_limit():
    # 4 kB: the example's plan and programs are all larger. SIGXFSZ keeps its default
    # action here: the tool itself must turn it into a write error.
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))


def _unprivileged():
    if os.geteuid() == 0:
        os.setgid(65534)
        os.setuid(65534)


@pytest.mark.parametrize("what", sorted(WRITES))
def test_full_disk(cli, tmp_path, what):
    out = tmp_path / ("out." + what)
    out.write_bytes(OLD)
    r = _run(cli, WRITES[what] + [out], preexec=_small_file_limit)
    assert r.returncode == 6, (r.returncode, r.stderr)
    assert str(out) in r.stderr and "File too large" in r.stderr, r.stderr
    assert out.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    # Without the limit the same command works.
    r = _run(cli, WRITES[what] + [out])
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 4096


@pytest.fixture
def shared_dir():
    """A directory the unprivileged user can reach (pytest's own are private to root)."""
    d = Path(tempfile.mkdtemp(prefix="libmatch-ro-"))
    d.chmod(0o755)
    yield d
    for p in d.rglob("*"):
        if p.is_dir():
            p.chmod(0o755)
    shutil.rmtree(d)


@pytest.mark.parametrize("what", sorted(WRITES))
def test_read_only_directory(cli, shared_dir, what):
    d = shared_dir / "ro"
    d.mkdir()
    out = d / ("out." + what)
    out.write_bytes(OLD)
    out.chmod(0o666)
    d.chmod(0o555)
    r = _run(cli, WRITES[what] + [out], preexec=_unprivileged)
    assert r.returncode == 6, (r.returncode, r.stderr)
    assert str(out) in r.stderr and "Permission denied" in r.stderr, r.stderr
    assert out.read_bytes() == OLD
    assert [p.name for p in d.iterdir()] == [out.name]
    # The same user writes there once the directory is writable: the failure was the mode's.
    d.chmod(0o777)
    r = _run(cli, WRITES[what] + [out], preexec=_unprivileged)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() != OLD


@pytest.mark.parametrize("what", sorted(WRITES))
def test_output_is_a_directory(cli, tmp_path, what):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_bytes(OLD)
    r = _run(cli, WRITES[what] + [out])
    assert r.returncode == 6, (r.returncode, r.stderr)
    # Refused before anything is solved (the command's output check), or by the writer.
    assert str(out) in r.stderr, r.stderr
    assert "is a directory" in r.stderr or "not a regular file" in r.stderr, r.stderr
    assert out.is_dir() and (out / "keep.txt").read_bytes() == OLD
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
