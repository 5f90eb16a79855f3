"""The benchmark generator (bench/gen_scenario.py): its variants keep their promises.

The network variant is a pure network (the CLI solves it with the network simplex, and
libmatch's optimum equals HiGHS's); the plain variant is not; the city presets are seeded,
deterministic and sized as documented.
"""

import json

import pytest

import reference_model as rm
from conftest import run_cli, write_json


def solve_verbose(cli, path, tmp_path):
    plan_path = tmp_path / "plan.json"
    proc = run_cli(cli, "solve", path, "-o", plan_path, "-v")
    return proc, plan_path


def is_network(need):
    kinds = (1 if need.get("hours", 0) > 0 else 0) + len(need.get("resources", []))
    return (kinds <= 1 and not need.get("all_or_nothing")
            and need.get("min_volunteers", 1) <= 1)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_network_variant_is_solved_as_a_network(cli, gen, tmp_path, seed):
    raw = gen.generate(seed, volunteers=40, needs=25, variant="network")
    assert all(is_network(n) for n in raw["needs"])
    assert not any(u.get("min_projects") for u in raw["units"])
    assert "unit_min_projects" not in raw["policy"]
    # Bounds the flow path keeps: obligations, required needs, fixed and forbidden pairs.
    assert raw["policy"]["volunteer_min_hours"] > 0
    assert any(n.get("required") for n in raw["needs"])
    assert raw["fixed"] and raw["forbidden"]
    assert any(n.get("resources") for n in raw["needs"])

    path = write_json(tmp_path / "scenario.json", raw)
    proc, plan_path = solve_verbose(cli, path, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "solving with network simplex" in proc.stderr
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    ref = rm.solve_reference(rm.normalize(raw))
    assert ref["status"] == "optimal", ref["message"]
    assert plan["objective"] == pytest.approx(ref["objective"], rel=1e-6, abs=1e-6)


def test_plain_variant_is_not_a_network(cli, gen, tmp_path):
    raw = gen.generate(3, volunteers=40, needs=30)
    assert not all(is_network(n) for n in raw["needs"])
    path = write_json(tmp_path / "scenario.json", raw)
    proc, _ = solve_verbose(cli, path, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "solving with network simplex" not in proc.stderr


def test_network_flag_is_the_network_variant(gen, tmp_path):
    out = tmp_path / "n.json"
    assert gen.main(["--seed", "4", "--variant", "network", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == gen.dumps(gen.generate(4, variant="network"))
    with pytest.raises(SystemExit):
        gen.main(["--coupled", "--variant", "network", "-o", str(out)])


def test_size_preset_is_deterministic_and_sized(gen, tmp_path):
    a, b, c = (tmp_path / n for n in ("a.json", "b.json", "c.json"))
    assert gen.main(["--seed", "2", "--size", "S", "--variant", "network", "-o", str(a)]) == 0
    assert gen.main(["--seed", "2", "--size", "S", "--variant", "network", "-o", str(b)]) == 0
    assert gen.main(["--seed", "3", "--size", "S", "--variant", "network", "-o", str(c)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    raw = json.loads(a.read_text(encoding="utf-8"))
    preset = gen.SIZES["S"]
    for key in ("communities", "units", "volunteers", "needs", "resources"):
        assert len(raw[key]) == preset[key], key
    assert all(is_network(n) for n in raw["needs"])
    # Yearly hours: needs ask for far more than one volunteer gives.
    assert max(n.get("hours", 0) for n in raw["needs"]) > max(v["hours"] for v in raw["volunteers"])
    # Explicit counts override the preset.
    assert gen.main(["--size", "M", "--volunteers", "50", "--needs", "7", "-o", str(c)]) == 0
    raw = json.loads(c.read_text(encoding="utf-8"))
    assert len(raw["volunteers"]) == 50 and len(raw["needs"]) == 7
    assert len(raw["communities"]) == gen.SIZES["M"]["communities"]


def test_no_obligations_is_the_same_city_without_them(gen):
    a = gen.generate(3, volunteers=40, needs=20, variant="network")
    b = gen.generate(3, volunteers=40, needs=20, variant="network", obligations=False)
    assert "volunteer_min_hours" in a["policy"] and "volunteer_min_hours" not in b["policy"]
    assert any("min_hours" in v for v in a["volunteers"])
    assert not any("min_hours" in v for v in b["volunteers"])
    for v in a["volunteers"]:
        v.pop("min_hours", None)
    a["policy"].pop("volunteer_min_hours")
    assert a == b
