"""Entry points: one factory for the app (tests reuse it) and the runner the CLI calls."""

from __future__ import annotations

from tui.app.app import ParetopApp
from tui.pipeline import Request, build_request


def make_app(request: Request | None = None) -> ParetopApp:
    return ParetopApp(request or build_request())


def run_app(request: Request) -> None:
    make_app(request).run()
