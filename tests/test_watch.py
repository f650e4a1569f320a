"""Watch mode: a sweep writes new result files while the explorer is open."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from tui.app import prepare
from tui.app.app import ParetopApp
from tui.app.loading import LoadService
from tui.app.main import make_app
from tui.core.curves import raw_points
from tui.core.measures import BY_KEY
from tui.pipeline import build_request

RUN = {
    "backend": "vllm",
    "model_id": "org/Model-7B",
    "request_rate": "inf",
    "duration": 10.0,
    "completed": 10,
    "total_input_tokens": 10240,
    "total_output_tokens": 10240,
    "output_throughput": 500.0,
    "median_ttft_ms": 50.0,
    "median_e2el_ms": 9000.0,
}


def write_run(folder: Path, conc: int, tput: float, tpot_ms: float, partial: bool = False) -> Path:
    rec = {
        **RUN,
        "max_concurrency": conc,
        "total_token_throughput": tput,
        "median_tpot_ms": tpot_ms,
    }
    text = json.dumps(rec)
    path = folder / f"conc{conc}.json"
    path.write_text(text[: len(text) // 2] if partial else text)
    return path


@asynccontextmanager
async def watching(folder: Path, gpus: int) -> AsyncIterator[tuple[ParetopApp, Any]]:
    """The explorer watching `folder`, which starts with two runs on `gpus` H200s."""
    (folder / "paretop.toml").write_text(
        f'hardware = "h200"\nnum_gpus = {gpus}\nprecision = "fp8"\n'
    )
    write_run(folder, 4, 800.0, 10.0)
    write_run(folder, 8, 1400.0, 14.0)
    app = make_app(build_request(paths=[folder], watch=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        yield app, pilot


async def poll(pilot) -> None:
    pilot.app.poll_watch()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def drawn(app: ParetopApp) -> list[tuple[float, float]]:
    """The first series' raw runs as the chart draws them (throughput)."""
    assert app.table is not None and app.session is not None
    metric = BY_KEY["tput_per_gpu"]
    xs, ys = raw_points(app.table.series[0], metric, app.session.hardware, "hyperscaler")
    return list(zip(xs, ys, strict=True))


async def test_new_file_appears_on_the_chart(tmp_path: Path) -> None:
    async with watching(tmp_path, gpus=2) as (app, pilot):
        assert app.table is not None and len(app.table.series[0].rows) == 2
        assert sorted(drawn(app)) == [(1000 / 14, 700.0), (100.0, 400.0)]
        write_run(tmp_path, 16, 2000.0, 25.0)  # the sweep's next point
        await poll(pilot)
        assert len(app.table.series[0].rows) == 3
        assert (40.0, 1000.0) in drawn(app)
        assert app.said[-1] == "Re-read: 3 rows (+1)."


async def test_half_written_file_waits_instead_of_failing(tmp_path: Path) -> None:
    async with watching(tmp_path, gpus=1) as (app, pilot):
        write_run(tmp_path, 16, 2000.0, 25.0, partial=True)
        await poll(pilot)
        assert app.problems == []  # not reported as broken while it is being written
        assert app.table is not None and len(app.table.series[0].rows) == 2
        write_run(tmp_path, 16, 2000.0, 25.0)  # the writer finishes
        await poll(pilot)
        assert app.problems == [] and len(app.table.series[0].rows) == 3


async def test_watch_key_needs_paths() -> None:
    app = make_app(build_request())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("w")
        assert app.watcher is None
        assert "start paretop with PATHS" in app.said[-1]


async def test_mixed_directory_opens_in_the_explorer(tmp_path: Path) -> None:
    from test_formats_quirks import mixed_dir

    from tui.app.screens import ProblemsScreen

    sweep = mixed_dir(tmp_path)
    app = make_app(build_request(paths=[sweep]))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is not None and len(app.session.frame) == 4  # every good row
        assert app.table is not None and {s.label for s in app.table.series} == {"sglang", "vllm"}
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        assert [p.path.endswith("broken.json") for p in app.screen.problems] == [True]


async def test_a_new_sidecar_is_a_change(tmp_path: Path) -> None:
    write_run(tmp_path, 4, 800.0, 10.0)
    app = make_app(build_request(paths=[tmp_path], watch=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.table is not None and app.table.series[0].front.empty  # no GPU count yet
        (tmp_path / "paretop.toml").write_text("num_gpus = 4\n")
        await poll(pilot)
        assert app.table is not None and list(app.table.series[0].front["tput_per_gpu"]) == [200.0]


def test_load_service_runs_one_load_and_drops_stale_results() -> None:
    loads = LoadService()
    first = loads.begin()
    assert first == 1 and loads.begin() is None  # a change during a load waits for it
    assert loads.finish(1) and loads.take_again() and not loads.take_again()
    assert loads.begin() == 2 and loads.finish(2)
    assert not loads.finish(1)  # an older result never replaces a newer one


async def test_slow_loads_never_overlap_and_the_newest_data_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_run(tmp_path, 4, 800.0, 10.0)
    (tmp_path / "paretop.toml").write_text('hardware = "h200"\nnum_gpus = 1\nprecision = "fp8"\n')
    running, peak, lock = [0], [0], threading.Lock()
    real_read = prepare.read

    def slow_read(*args: Any, **kw: Any) -> Any:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.3)  # a load slower than files arrive
        try:
            return real_read(*args, **kw)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(prepare, "read", slow_read)
    app = make_app(build_request(paths=[tmp_path], watch=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        for conc in (8, 16, 32):  # three files, each arriving while a load runs
            write_run(tmp_path, conc, 1000.0 + conc, 10.0 + conc)
            app.poll_watch()
            await pilot.pause(0.1)
        for _ in range(20):  # until the queued reload has run
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
            if not app.loads.running:
                break
        assert peak[0] == 1  # never two loads at once
        assert app.session is not None and len(app.session.frame) == 4  # the newest data
        assert app.loads.shown == app.loads.started
