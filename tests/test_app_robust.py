"""The explorer never crashes: every widget value, every key, names that look like markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import app_request

from tui.app.app import ParetopApp
from tui.app.checklist import CheckList
from tui.app.keys import BINDINGS
from tui.app.main import make_app
from tui.app.picker import Picker
from tui.pipeline import build_request

HOSTILE = (
    "model,hardware,framework,precision,spec_decoding,isl,osl,concurrency,tput_per_gpu,interactivity\n"
    "[/]Bad [b]model,h200,[red]eng,fp8,none,1024,1024,8,100,50\n"
    "[/]Bad [b]model,h200,[red]eng,fp8,none,1024,1024,16,150,30\n"
    "[/]Bad [b]model,b200,[/],fp8,[b]mtp,1024,1024,16,150,30\n"
)


async def settle(app: ParetopApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.is_running and app.return_code is None


async def test_every_sidebar_value_and_key_keeps_the_app_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the save key writes its files here
    app = make_app(app_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        assert app.session is not None and app.state is not None
        models = list(app.session.sidebar_counts(app.state)["models"])
        select = app.query_one("#model", Picker)
        select.focus()
        await pilot.press("enter", "home", "enter")  # the first entry is a model, not a blank
        await settle(app, pilot)
        assert select.value == models[0] == app.state.model
        for model in models:
            app.query_one("#model", Picker).value = model
            await settle(app, pilot)
            assert app.state is not None and app.state.model == model
            for sequence in app.session.sequences(model) if app.session else []:
                app.query_one("#sequence", Picker).value = sequence
                await settle(app, pilot)
                for checklist in app.query(CheckList):
                    checklist.focus()
                    for index in range(len(checklist.items)):
                        checklist.highlighted = index
                        await pilot.press("space")
                        await settle(app, pilot)
                        await pilot.press("space")
                        await settle(app, pilot)
        for binding in BINDINGS:
            key = getattr(binding, "key", "")
            if key in ("q", "ctrl+c"):
                continue
            await pilot.press(key)
            await settle(app, pilot)
            await pilot.press("escape")
            await settle(app, pilot)


async def test_names_that_look_like_markup_are_shown_as_text(tmp_path: Path) -> None:
    (tmp_path / "runs.csv").write_text(HOSTILE)
    app = make_app(build_request(paths=[tmp_path], group_by="framework,spec"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.table is not None and app.table.model == "[/]Bad [b]model"
        assert {s.label for s in app.table.series} == {"[/]/[B]MTP", "[red]eng/Off"}
        assert "[/]Bad [b]model" in str(app.query_one("#status").render())
        for key in ("i", "escape", "question_mark", "escape", "m", "y", "p"):
            await pilot.press(key)
            await settle(app, pilot)


async def test_keys_say_why_before_there_is_a_table(tmp_path: Path) -> None:
    app = make_app(build_request(paths=[tmp_path]))  # an empty folder: no table ever
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for key, what in (
            ("e", "save"),
            ("y", "copy"),
            ("t", "edit targets"),
            ("i", "inspect runs"),
        ):
            await pilot.press(key)
            assert app.said[-1] == f"Nothing to {what} yet: no table is shown."


async def test_escape_sequences_in_names_are_shown_not_sent(tmp_path: Path) -> None:
    (tmp_path / "runs.csv").write_text(
        HOSTILE.replace("[/]Bad [b]model", "evil\x1b]2;pwned\x07model")
    )
    app = make_app(build_request(paths=[tmp_path]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        status = str(app.query_one("#status").render())
        assert "evil\\x1b]2;pwned\\x07model" in status and "\x1b" not in status
        assert "\x1b" not in app.sub_title
        await pilot.press("i")
        await settle(app, pilot)
        title = str(app.screen.query_one("#inspector-title").render())
        assert "\x1b" not in title


async def test_palette_entries_show_names_as_text(tmp_path: Path) -> None:
    from textual.content import Content

    (tmp_path / "runs.csv").write_text(
        HOSTILE.replace("[/]Bad [b]model", "evil\x1b]2;pwned\x07[b]model")
    )
    app = make_app(build_request(paths=[tmp_path]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        model = [t for t in titles if t.startswith("Model: ")]
        assert all("\x1b" not in t for t in titles)
        # The palette parses titles as markup: the name must come out as typed, escaped.
        assert Content.from_markup(model[0]).plain == "Model: evil\\x1b]2;pwned\\x07[b]model"


async def test_targets_outside_every_frontier_are_refused_in_the_dialog() -> None:
    from textual.widgets import Input

    from tui.app.screens import TargetsScreen

    app = make_app(app_request(model="dsv4", group_by="spec", targets="26,44,62"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        assert isinstance(app.screen, TargetsScreen)
        app.screen.query_one(Input).value = "1000"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TargetsScreen)  # still open, saying why
        assert "outside every series' frontier" in str(
            app.screen.query_one("#targets-error").render()
        )
        await pilot.press("escape")
        assert app.table is not None and app.table.targets == [26, 44, 62]


async def test_shrinking_the_window_hides_the_sidebar() -> None:
    app = make_app(app_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        assert not app.query_one("#sidebar").has_class("-hidden")
        assert "s: filters" not in str(app.query_one("#status").render())
        await pilot.resize_terminal(70, 20)
        await settle(app, pilot)
        assert app.query_one("#sidebar").has_class("-hidden")
        assert "s: filters" in str(app.query_one("#status").render())  # how to bring it back
