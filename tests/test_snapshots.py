"""What the screen shows, kept by pytest-textual-snapshot (update with --snapshot-update)."""

from __future__ import annotations

from helpers import app_request

from tui.app.main import make_app


async def loaded(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_first_screen_60x15(snap_compare) -> None:
    assert snap_compare(make_app(app_request()), terminal_size=(60, 15), run_before=loaded)


def test_dsr1_every_hardware_15_series_120x40(snap_compare) -> None:
    app = make_app(app_request(model="dsr1"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=loaded)


def test_first_screen_80x24(snap_compare) -> None:
    assert snap_compare(make_app(app_request()), terminal_size=(80, 24), run_before=loaded)


def test_first_screen_160x48(snap_compare) -> None:
    assert snap_compare(make_app(app_request()), terminal_size=(160, 48), run_before=loaded)


def test_mtp_vs_off_seed_view(snap_compare) -> None:
    app = make_app(app_request(model="dsv4", group_by="spec", targets="26,44,62"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=loaded)


def test_help_screen(snap_compare) -> None:
    assert snap_compare(
        make_app(app_request()), terminal_size=(100, 36), run_before=loaded, press=["question_mark"]
    )
