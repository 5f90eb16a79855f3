"""`match export --dimacs`: the flow network of a pure-network scenario, refused otherwise."""

import re

from conftest import run_cli, write_json


def test_dimacs_of_a_network(cli, gen, tmp_path):
    scen = write_json(tmp_path / "s.json", gen.generate(2, volunteers=30, needs=12,
                                                        variant="network"))
    for name, flag in (("a.dimacs", None), ("b.min", None), ("c.txt", "--dimacs")):
        out = tmp_path / name
        proc = run_cli(cli, "export", scen, "-o", out, *([flag] if flag else []))
        assert proc.returncode == 0, (name, proc.stderr)
        text = out.read_text(encoding="ascii")
        p_line = re.search(r"^p min (\d+) (\d+)$", text, re.M)
        assert p_line, name
        assert len(re.findall(r"^a ", text, re.M)) == int(p_line.group(2))
        assert re.search(r"^c libmatch-scale \S+$", text, re.M)
        assert re.search(r"^c libmatch-constant \S+$", text, re.M)


def test_dimacs_of_a_coupled_scenario_is_refused(cli, gen, tmp_path):
    scen = write_json(tmp_path / "s.json", gen.generate(2, coupled=True))
    out = tmp_path / "a.dimacs"
    proc = run_cli(cli, "export", scen, "-o", out)
    assert proc.returncode == 1
    assert "not a pure network" in proc.stderr
    assert not out.exists()
    proc = run_cli(cli, "export", scen, "-o", out, "--dimacs", "--mps")
    assert proc.returncode == 1
    assert "one of --mps, --lp and --dimacs" in proc.stderr
