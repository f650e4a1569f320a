"""Keyboard flows in the explorer, checked against what tui.core computes for the same choices."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import APP_DATA, app_frame, app_request
from textual.widgets import DataTable, Input

from tui.app.app import ParetopApp
from tui.app.checklist import CheckList
from tui.app.footer import KeysFooter
from tui.app.main import make_app
from tui.app.metrics_grid import MetricsGrid
from tui.app.picker import Picker
from tui.app.screens import HelpScreen, InspectorScreen, ProblemsScreen, TargetsScreen
from tui.cli import main
from tui.core.export import to_csv, to_markdown
from tui.core.hardware import default_table
from tui.core.select import Selection
from tui.core.table import Options, Table, compute
from tui.pipeline import build_request

SEED: dict[str, Any] = {"model": "dsv4", "group_by": "spec", "targets": "26,44,62"}


async def ready(pilot) -> ParetopApp:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert pilot.app.table is not None
    return pilot.app


def shown(app: ParetopApp) -> Table:
    assert app.table is not None
    return app.table


def tput(app: ParetopApp) -> dict[str, list[float]]:
    assert app.table is not None
    return {
        s.label: [p.tput_per_gpu for p in vals]
        for s, vals in zip(app.table.series, app.table.values, strict=True)
    }


def core_tput(
    selection: Selection, targets: tuple[float, ...] | None = None
) -> dict[str, list[float]]:
    table = compute(app_frame(), selection, default_table(), Options(targets=targets))
    return {
        s.label: [p.tput_per_gpu for p in v]
        for s, v in zip(table.series, table.values, strict=True)
    }


def same(a: dict[str, list[float]], b: dict[str, list[float]]) -> bool:
    return a.keys() == b.keys() and all(
        all((math.isnan(x) and math.isnan(y)) or x == y for x, y in zip(a[k], b[k], strict=True))
        for k in a
    )


async def test_seed_view_matches_core_and_table_cells() -> None:
    async with make_app(app_request(**SEED)).run_test(size=(160, 48)) as pilot:
        app = await ready(pilot)
        assert app.table is not None and app.table.targets == [26, 44, 62]
        assert tput(app) == {"MTP": [272.7, 219.5, 162.9], "Off": [299.3, 157.6, 77.4]}
        grid = app.query_one("#metrics", MetricsGrid).data
        assert [row.key for row in grid.rows] == [m.key for m in app.table.metrics]
        assert len(grid.rows) == 4 and grid.height == 2
        assert [c.label for c in grid.columns[2:]] == ["@26", "@44", "@62"]
        row = grid.rows[0]  # throughput at 62: MTP then Off, MTP's the best
        assert row.cells[:2] == (("tok/s/GPU",), ("• MTP", "+ Off"))
        assert row.cells[4] == ("162.9", "77.4") and row.best[4] == 0
        assert "110% more tok/s/GPU" in str(app.query_one("#sentences").render())


async def test_spec_filter_by_keyboard() -> None:
    async with make_app(app_request(model="dsr1", group_by="spec")).run_test(
        size=(160, 48)
    ) as pilot:
        app = await ready(pilot)
        assert set(tput(app)) == {"MTP", "Off"}
        app.query_one("#spec", CheckList).focus()
        await pilot.press("home", "space")  # untick MTP, the first choice
        await pilot.pause()
        assert app.state is not None and app.state.chosen("spec") == ("none",)
        assert set(tput(app)) == {"Off"}
        expected = core_tput(
            Selection("dsr1", "1k/1k", {"spec": ("none",)}, ("spec",)),
            tuple(shown(app).targets),
        )
        assert same(tput(app), expected)


async def test_hardware_filter_and_grouping() -> None:
    async with make_app(app_request(model="dsr1")).run_test(size=(160, 48)) as pilot:
        app = await ready(pilot)
        assert any(label.startswith("b200") for label in tput(app))
        hw = app.query_one("#hardware", CheckList)
        hw.focus()
        await pilot.press("home", "space")  # b200 is first
        await pilot.pause()
        assert app.state is not None and "b200" not in app.state.chosen("hardware")
        assert not any(label.startswith("b200/") for label in tput(app))
        kept = app.state.chosen("hardware")
        sel = Selection("dsr1", "1k/1k", {"hardware": kept})
        assert same(tput(app), core_tput(sel, tuple(shown(app).targets)))
        # Group by hardware only: one curve per GPU.
        group = app.query_one("#group_by", CheckList)
        group.focus()
        await pilot.press(
            "home", "down", "space", "down", "space", "down", "space"
        )  # keep hardware only
        await pilot.pause()
        assert app.state.group_by == ("hardware",)
        assert sorted(tput(app)) == sorted(kept)


async def test_untick_everything_explains_instead_of_going_blank() -> None:
    async with make_app(app_request(**SEED)).run_test(size=(120, 40)) as pilot:
        app = await ready(pilot)
        app.query_one("#hardware", CheckList).focus()
        await pilot.press("home", "space")  # the only GPU, h200
        await pilot.pause()
        assert app.table is None
        assert "choose at least one hardware" in str(app.query_one("#status").render())
        await pilot.press("space")
        await pilot.pause()
        assert app.table is not None


async def test_model_and_sequence_selects() -> None:
    async with make_app(app_request(model="gptoss")).run_test(size=(160, 48)) as pilot:
        app = await ready(pilot)
        app.query_one("#model", Picker).value = "DeepSeek-R1-0528"
        await pilot.pause()
        assert app.table is not None and app.table.model == "DeepSeek-R1-0528"
        app.query_one("#sequence", Picker).value = "8k/1k"
        await pilot.pause()
        assert app.table.sequence == "8k/1k"
        sel = Selection(model="dsr1", sequence="8k/1k")
        assert same(tput(app), core_tput(sel))


async def test_metric_log_raw_and_cost_keys() -> None:
    async with make_app(app_request(**SEED)).run_test(size=(120, 40)) as pilot:
        app = await ready(pilot)
        assert app.state is not None
        await pilot.press("m")
        assert app.state.metric == "output_tput_per_gpu"
        await pilot.press("m", "M")
        assert app.state.metric == "output_tput_per_gpu"
        await pilot.press("L", "r")
        assert app.state.log_y and not app.state.show_raw
        before = shown(app).values[0][0].cost_per_mtok
        await pilot.press("c")
        assert app.state.cost_model == "neocloud"
        after = shown(app).values[0][0].cost_per_mtok
        assert after == pytest.approx(before * 1.74 / 1.41)


async def test_targets_valid_invalid_and_reset() -> None:
    async with make_app(app_request(**SEED)).run_test(size=(120, 40)) as pilot:
        app = await ready(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, TargetsScreen)
        app.screen.query_one(Input).value = "30, 50,40"
        await pilot.press("enter")
        await pilot.pause()
        assert app.table is not None and app.table.targets == [30, 40, 50]
        await pilot.press("t")
        app.screen.query_one(Input).value = "30,fast"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TargetsScreen)  # still open, saying why
        assert "'fast' is not a number" in str(app.screen.query_one("#targets-error").render())
        await pilot.press("escape")
        assert app.table.targets == [30, 40, 50]  # previous targets kept
        await pilot.press("t")
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert app.table.targets == [35, 44, 53]  # defaults: 25/50/75% of 26..62


async def test_copy_table_and_command(tmp_path: Path) -> None:
    async with make_app(app_request(**SEED)).run_test(size=(120, 40)) as pilot:
        app = await ready(pilot)
        await pilot.press("y")
        assert app.table is not None and app.clipboard == to_markdown(app.table)
        assert "| tok/s/GPU | MTP | 272.7 | **219.5** | **162.9** |" in app.clipboard
        app.action_copy_table("csv")
        assert app.clipboard == to_csv(app.table)
        await pilot.press("p")
        line = app.clipboard
        assert line == (
            f"paretop table {APP_DATA} --model DeepSeek-V4-Pro --sequence 1k/1k --group-by spec "
            "--targets 26,44,62"
        )
    result = CliRunner().invoke(main, [*line.split()[1:], "--format", "json"])
    doc = json.loads(result.stdout)
    assert [v["tput_per_gpu"] for v in doc["series"][0]["values"]] == [272.7, 219.5, 162.9]


async def test_export_writes_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with make_app(app_request(**SEED)).run_test(size=(120, 40)) as pilot:
        app = await ready(pilot)
        await pilot.press("e")
        md = sorted(tmp_path.glob("paretop-deepseek-v4-pro-1k-1k-*.md"))
        assert len(md) == 1 and app.table is not None
        assert md[0].read_text() == to_markdown(app.table)
        assert md[0].with_suffix(".csv").read_text() == to_csv(app.table)


async def test_help_and_inspector_open_and_close() -> None:
    async with make_app(
        app_request(
            model="dsr1",
            filters={"hardware": ("gb200",), "framework": ("dynamo-trt",), "precision": ("fp4",)},
        )
    ).run_test(size=(160, 48)) as pilot:
        app = await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("i")
        assert isinstance(app.screen, InspectorScreen)
        runs = app.screen.query_one("#runs", DataTable)
        assert app.table is not None
        assert runs.row_count == len(app.table.series[0].rows) == 11
        stars = [str(runs.get_row_at(r)[0]) for r in range(runs.row_count)]
        assert stars.count("★") == 11  # every MTP run of the later sweep is on its frontier
        await pilot.press("down")  # the second series
        await pilot.pause()
        assert runs.row_count == 13
        await pilot.press("escape")
        assert not isinstance(app.screen, InspectorScreen)


async def test_broken_file_is_reported_and_good_rows_shown(tmp_path: Path) -> None:
    (tmp_path / "good.csv").write_text(
        "model,hardware,framework,precision,isl,osl,concurrency,tput_per_gpu,interactivity\n"
        "Mine,h200,vllm,fp8,1024,1024,8,100,50\nMine,h200,vllm,fp8,1024,1024,16,150,30\n"
    )
    (tmp_path / "broken.json").write_text('[{"hw": "h200", "tput')
    async with make_app(build_request(paths=[tmp_path])).run_test(size=(120, 40)) as pilot:
        app = await ready(pilot)
        assert app.table is not None and len(app.table.series[0].rows) == 2
        assert "your files" in app.table.sources
        assert any("1 load problem in 1 file" in said for said in app.said)
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        cells = app.screen.query_one(DataTable).get_row_at(0)
        assert str(cells[0]).endswith("broken.json") and "truncated" in str(cells[2])


async def test_zoom_and_sidebar_toggle() -> None:
    async with make_app(app_request(**SEED)).run_test(size=(120, 40)) as pilot:
        app = await ready(pilot)
        await pilot.press("z")
        assert app.screen.maximized is not None and app.screen.maximized.id == "chart"
        await pilot.press("z")
        assert app.screen.maximized is not None and app.screen.maximized.id == "table-pane"
        await pilot.press("z")
        assert app.screen.maximized is None
        await pilot.press("s")
        assert app.query_one("#sidebar").has_class("-hidden")


async def test_precision_and_engine_filters() -> None:
    async with make_app(app_request(model="dsr1", filters={"hardware": ("mi355x",)})).run_test(
        size=(160, 48)
    ) as pilot:
        app = await ready(pilot)
        assert app.state is not None and app.state.chosen("precision") == ("fp4", "fp8")
        assert {s.key["precision"] for s in shown(app).series} == {"fp4", "fp8"}  # joins the key
        app.query_one("#precision", CheckList).focus()
        await pilot.press("home", "space")  # untick fp4
        await pilot.pause()
        assert app.state.chosen("precision") == ("fp8",)
        assert all(s.rows["precision"].eq("fp8").all() for s in shown(app).series)
        app.query_one("#framework", CheckList).focus()
        await pilot.press("home", "space")  # untick atom, the first engine
        await pilot.pause()
        assert "atom" not in app.state.chosen("framework")
        assert all("atom" not in s.frameworks for s in shown(app).series)
        filters = {
            "hardware": ("mi355x",),
            "precision": ("fp8",),
            "framework": app.state.chosen("framework"),
        }
        sel = Selection("dsr1", "1k/1k", filters, strict=False)
        assert same(tput(app), core_tput(sel, tuple(shown(app).targets)))


async def test_theme_change_recolours_the_chart() -> None:
    async with make_app(app_request(**SEED)).run_test(size=(120, 40)) as pilot:
        app = await ready(pilot)
        legend = app.query_one("#legend")
        before = [str(span.style) for span in legend.render().spans]  # type: ignore[union-attr]
        app.theme = "textual-light"
        await pilot.pause()
        after = [str(span.style) for span in legend.render().spans]  # type: ignore[union-attr]
        assert before != after


async def test_the_footer_keys_work_as_footer_keys_do() -> None:
    app = make_app(app_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        line = footer.render().plain
        assert line.startswith("q Quit ? Help m Metric")
        assert line.count("Quit") == 1  # one key per action: ctrl+c is not shown
        at = line.index("? Help")
        await pilot.hover(KeysFooter, offset=(at + 2, 0))
        assert footer.tooltip == "This help"
        await pilot.hover(KeysFooter, offset=(len(line) + 5, 0))  # past the last key
        assert footer.tooltip is None
        await pilot.click(KeysFooter, offset=(at, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_each_sidebar_control_reads_under_its_heading() -> None:
    """Headings are the controls' border titles: each on the line above its choices, and a
    dimension no run sets (the bundled rows name no server) hides with its heading."""
    app = make_app(app_request(model="dsr1"))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = ["".join(s.text for s in strip) for strip in app.screen._compositor.render_strips()]
        side = [row[:24].strip() for row in rows]
        for heading, first in (
            ("Model", "DeepSeek-R1-0528"),
            ("Sequence (in/out)", "1k/1k"),
            ("Precision", "[x] fp4"),
            ("Hardware", "[x] b200"),
            ("Curve per (group by)", "[x] hardware"),
        ):
            at = side.index(heading)
            assert side[at + 1].startswith(first), (heading, side[at + 1])
        server = app.query_one("#server", CheckList)
        assert not server.display and "Server settings" not in side
