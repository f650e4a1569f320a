"""Numbers from pulled data equal an independent computation from the same raw API rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_server import ApiServer
from click.testing import CliRunner
from conftest import SHARED, shared_dir

from tui.cli import main

API = SHARED / "data" / "inferencex-api"


def pulled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> Path:
    """Pull dsr1 from the recorded responses on 127.0.0.1 into tmp_path; the cache folder."""
    server = ApiServer(shared_dir(API)).start()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    try:
        args = ["pull", "--api-url", server.url, "--model", "dsr1", *extra]
        got = CliRunner().invoke(main, args)
        assert got.exit_code == 0, got.stderr
    finally:
        server.close()
    return tmp_path / "paretop" / "inferencex"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield pulled(tmp_path, monkeypatch)


def raw_points(hardware: str) -> list[tuple[float, float]]:
    """(median_intvty, tput_per_gpu) of the recorded rows of one sglang fp8 no-MTP 1k/1k series."""
    rows = json.loads((API / "benchmarks.json").read_text())
    return [
        (r["metrics"]["median_intvty"], r["metrics"]["tput_per_gpu"])
        for r in rows
        if (r["hardware"], r["framework"], r["precision"], r["spec_method"], r["isl"], r["osl"])
        == (hardware, "sglang", "fp8", "none", 1024, 1024)
    ]


def pareto(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Brute force: keep a point unless another is at least as good on both and better on one."""
    keep = [p for p in points if not any(q != p and q[0] >= p[0] and q[1] >= p[1] for q in points)]
    return sorted(set(keep))


def monotone_x(points: list[tuple[float, float]], at: float) -> float:
    """d3.curveMonotoneX as Bezier segments (its own formulation, not paretop's Hermite code)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    n = len(xs)
    slopes = [(ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) for i in range(n - 1)]
    t = [0.0] * n
    for i in range(1, n - 1):
        h0, h1, s0, s1 = xs[i] - xs[i - 1], xs[i + 1] - xs[i], slopes[i - 1], slopes[i]
        p = (s0 * h1 + s1 * h0) / (h0 + h1)
        sign = (s0 > 0) - (s0 < 0) + (s1 > 0) - (s1 < 0)
        t[i] = sign * min(abs(s0), abs(s1), 0.5 * abs(p))
    t[0] = (3 * slopes[0] - t[1]) / 2
    t[-1] = (3 * slopes[-1] - t[-2]) / 2
    i = max(k for k in range(n - 1) if xs[k] <= at)
    dx = (xs[i + 1] - xs[i]) / 3
    c = [ys[i], ys[i] + dx * t[i], ys[i + 1] - dx * t[i + 1], ys[i + 1]]
    u = (at - xs[i]) / (xs[i + 1] - xs[i])  # the control x's are evenly spaced: x is linear in u
    return (
        (1 - u) ** 3 * c[0] + 3 * (1 - u) ** 2 * u * c[1] + 3 * (1 - u) * u**2 * c[2] + u**3 * c[3]
    )


def table_json(*args: str) -> dict[str, object]:
    got = CliRunner().invoke(main, ["table", *args, "--format", "json"])
    assert got.exit_code == 0, got.stderr
    obj: dict[str, object] = json.loads(got.stdout)
    obj.pop("command")  # names the data as given (--source or a folder): compared apart
    return obj


def values(obj: dict[str, object], label: str) -> list[dict[str, float]]:
    series = obj["series"]
    assert isinstance(series, list)
    return next(s["values"] for s in series if s["label"] == label)


def test_pulled_rows_give_the_independent_numbers(cache_dir: Path) -> None:
    obj = table_json(
        str(cache_dir), "--model", "DeepSeek-R1-0528", "--sequence", "1k/1k",
        "--hardware", "h200,mi300x", "--framework", "sglang", "--precision", "fp8",
        "--spec", "none", "--targets", "30,94",
    )  # fmt: skip
    h200, mi300x = values(obj, "h200"), values(obj, "mi300x")
    # h200: two frontier points (85.405, 164.135) and (102.776, 98.829): a straight line;
    # at 94: 164.135 - (94 - 85.405) / 17.371 * 65.306 = 164.135 - 0.4948 * 65.306 = 131.82
    front = pareto(raw_points("h200"))
    assert len(front) == 2
    (x0, y0), (x1, y1) = front
    expected = y0 + (94 - x0) * (y1 - y0) / (x1 - x0)
    assert expected == pytest.approx(131.82, rel=1e-4)
    assert h200[1]["tput_per_gpu"] == pytest.approx(expected, rel=1e-3)
    # $1.41/GPU-hour (hyperscaler h200) / (131.82 tok/s * 3600 / 1e6) = $2.971 per M tokens
    assert h200[1]["cost_per_mtok"] == pytest.approx(1.41 / (expected * 3600 / 1e6), rel=1e-3)
    assert h200[0]["tput_per_gpu"] is None  # 30 is left of its frontier (85.4 and up)
    # mi300x: five frontier points 24.6..68.6; 30 lies on the first segment
    front = pareto(raw_points("mi300x"))
    assert len(front) == 5
    assert mi300x[0]["tput_per_gpu"] == pytest.approx(monotone_x(front, 30), rel=1e-3)
    assert mi300x[1]["tput_per_gpu"] is None  # 94 is right of its frontier (up to 68.6)


def test_history_from_the_pulled_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pulled(tmp_path, monkeypatch, "--history")
    got = CliRunner().invoke(
        main,
        ["history", "--source", "pulled", "--model", "DeepSeek-R1-0528", "--sequence", "1k/1k",
         "--target", "35", "--hardware", "mi300x", "--format", "json"],
    )  # fmt: skip
    assert got.exit_code == 0, got.stderr
    obj = json.loads(got.stdout)
    assert obj["source"].startswith("InferenceX, pulled ")
    (line,) = obj["lines"]
    assert line["configuration"] == "mi300x/sglang/Off/fp8"
    # the cache holds the latest rows and the history: one day's frontier uses both (the same
    # measurements appear in both files, and a point counts once)
    rows = json.loads((API / "benchmarks-history.json").read_text())
    rows += json.loads((API / "benchmarks.json").read_text())
    by_date: dict[str, list[tuple[float, float]]] = {}
    for r in rows:
        if (r["hardware"], r["isl"], r["osl"], r["precision"]) == ("mi300x", 1024, 1024, "fp8"):
            m = r["metrics"]
            by_date.setdefault(r["date"], []).append((m["median_intvty"], m["tput_per_gpu"]))
    # 2026-05-18: 3 history rows + 5 latest rows, the 3 among the 5: 5 distinct points
    assert len(by_date["2026-05-18"]) == 8 and len(set(by_date["2026-05-18"])) == 5
    expected = {}
    for day, points in by_date.items():
        front = pareto(points)
        if front[0][0] <= 35 <= front[-1][0]:  # no point where 35 is outside that day's frontier
            expected[day] = monotone_x(front, 35)
    got_points = {p["date"]: p["value"] for p in line["points"]}
    assert got_points.keys() == expected.keys()
    assert len(expected) >= 2
    for day, value in expected.items():
        assert got_points[day] == pytest.approx(value, rel=1e-3), day


def test_source_pulled_gives_the_same_table_as_the_cache_folder(cache_dir: Path) -> None:
    args = ["--model", "DeepSeek-R1-0528", "--sequence", "8k/1k", "--hardware", "b300"]
    pulled, folder = table_json("--source", "pulled", *args), table_json(str(cache_dir), *args)
    label = pulled.pop("sources")
    assert isinstance(label, list) and label[0].startswith("InferenceX, pulled ")  # data line
    assert folder.pop("sources") == ["your files"]
    assert pulled == folder


def test_pulled_data_is_the_default_when_newer_than_the_bundled(cache_dir: Path) -> None:
    # the pulled data runs to 2026-06-11, the bundled snapshot to 2026-01-14; b300 is only
    # in the pulled rows
    obj = table_json("--model", "DeepSeek-R1-0528", "--sequence", "8k/1k", "--hardware", "b300")
    series = obj["series"]
    assert isinstance(series, list) and {s["key"]["hardware"] for s in series} == {"b300"}
    got = CliRunner().invoke(main, ["table", "--source", "bundled", "--hardware", "b300"])
    assert got.exit_code == 1 and "no hardware b300" in got.stderr


def test_source_pulled_without_a_pull_is_one_line() -> None:
    got = CliRunner().invoke(main, ["table", "--source", "pulled"])
    assert got.exit_code == 1
    assert got.stderr == (
        "paretop: no pulled data yet: run `paretop pull` first (or --source bundled)\n"
    )


def test_source_and_paths_do_not_mix(tmp_path: Path) -> None:
    got = CliRunner().invoke(main, ["table", str(tmp_path), "--source", "bundled"])
    assert got.exit_code == 1 and "--source chooses the data when no PATHS" in got.stderr


def test_the_reproducing_command_names_the_source(cache_dir: Path) -> None:
    from tui.pipeline import build_request, command_line, run_request

    request = build_request(model="DeepSeek-R1-0528", sequence="8k/1k", source="pulled")
    assert request.data is not None and request.data.label.startswith("InferenceX, pulled 20")
    table, _ = run_request(request)
    assert "--source pulled" in command_line(request, table)
    assert str(cache_dir) not in command_line(request, table)


async def test_the_explorer_opens_on_pulled_data(cache_dir: Path) -> None:
    from tui.app.main import make_app
    from tui.app.screens import InspectorScreen
    from tui.pipeline import build_request

    request = build_request(model="DeepSeek-R1-0528", sequence="1k/1k")
    assert request.data is not None and request.data.kind == "pulled"  # newer than bundled
    async with make_app(request).run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        table = pilot.app.table  # type: ignore[attr-defined]
        assert table is not None and table.model == "DeepSeek-R1-0528"
        assert any(s.key.get("hardware") == "b300" for s in table.series)  # only pulled has b300
        await pilot.press("i")  # the inspector shows API rows too
        await pilot.pause()
        assert isinstance(pilot.app.screen, InspectorScreen)


def test_the_table_uses_the_latest_rows_not_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pulled(tmp_path, monkeypatch, "--history")
    latest = tmp_path / "paretop" / "inferencex" / "benchmarks"
    view = ["--model", "DeepSeek-R1-0528", "--sequence", "1k/1k", "--hardware", "mi300x"]
    obj = table_json("--source", "pulled", *view)
    folder = table_json(str(latest), *view)
    assert {**obj, "sources": None} == {**folder, "sources": None}  # only the data line differs
    series = obj["series"]
    assert isinstance(series, list) and series[0]["runs"] == 5  # the 5 latest rows only
