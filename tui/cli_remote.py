"""`paretop pull` (fetch the public InferenceX data) and `paretop history` (a metric over dates).

pandas and the loaders are imported inside the commands, so `--help` stays fast.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click

from tui.core.dimensions import DIMENSIONS
from tui.core.hardware import COST_MODELS
from tui.core.measures import METRICS
from tui.remote import DEFAULT_URL

SOURCES = ("bundled", "pulled")
SOURCE_HELP = "Data without PATHS: bundled, or pulled (default: pulled when newer)."
TIMEOUT_S = 30.0  # per request; tests shorten it
MAX_RETRY_WAIT_S = 60.0  # cap on the server's Retry-After
MAX_PROBLEMS = 5  # problems printed one per line before a count
HISTORY_METRICS = tuple(m.key for m in METRICS)


def _fail(message: str) -> NoReturn:
    click.echo(f"paretop: {_one_line(message)}", err=True)
    sys.exit(1)


def _one_line(message: str) -> str:
    return "".join(c if c.isprintable() else " " for c in message)


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-11-30") from None


@click.command("pull")
@click.option("--model", "models", multiple=True, help="Model (display name or key); repeatable.")
@click.option("--date", "as_of", callback=_day, help="Data as of this day (YYYY-MM-DD).")
@click.option("--history", is_flag=True, help="Also fetch each model's history per sequence.")
@click.option(
    "--api-url",
    envvar="PARETOP_API_URL",
    default=DEFAULT_URL,
    show_default=True,
    help="API base URL (or PARETOP_API_URL).",
)
def pull_cmd(models: tuple[str, ...], as_of: str | None, history: bool, api_url: str) -> None:
    """Fetch the public InferenceX benchmark rows into the cache (~/.cache/paretop/inferencex).

    Only models whose data changed since the last pull are fetched. On any error the previous
    cache stays as it was.
    """
    from tui.remote import cache
    from tui.remote.client import Client, PullError
    from tui.remote.pull import PullArgs, pull, summary

    client = Client(api_url, timeout_s=TIMEOUT_S, max_wait_s=MAX_RETRY_WAIT_S)
    args = PullArgs(
        tuple(m for item in models for m in item.split(",") if m.strip()), as_of, history
    )
    root = cache.cache_root()
    try:
        report = pull(client, args, lambda line: click.echo(_one_line(line), err=True), root)
    except (PullError, OSError) as exc:
        _fail(f"pull failed: {exc}; {_kept(root)}")
    click.echo(_one_line(summary(report)), err=True)


def _kept(root: Path) -> str:
    from tui.remote.source import pulled

    found = pulled(root)
    return f"the previous data stays in use ({found.label})" if found else "nothing was cached"


def _dimension_options(func: Any) -> Any:
    """--hardware, --precision, ... as the table has them (the dimensions registry)."""
    for dim in reversed(DIMENSIONS):
        func = click.option(dim.flag, multiple=True, help=dim.help)(func)
    return func


@click.command("history")
@click.option("--model", help="Model: display name or key (dsr1).")
@click.option("--sequence", help="Input/output lengths, e.g. 1k/1k.")
@click.option("--target", type=float, required=True, help="Interactivity in tok/s/user, e.g. 35.")
@click.option(
    "--metric", type=click.Choice(HISTORY_METRICS), default="tput_per_gpu", show_default=True
)
@click.option(
    "--cost-model", type=click.Choice(COST_MODELS), default="hyperscaler", show_default=True
)
@click.option("--source", type=click.Choice(SOURCES), help=SOURCE_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["plain", "csv", "json"]),
    default="plain",
    show_default=True,
)
@_dimension_options
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def history_cmd(fmt: str, paths: tuple[Path, ...], **kw: Any) -> None:
    """One line per configuration: a metric at a fixed interactivity on each run date.

    Without PATHS: the pulled data (run `paretop pull --history`) or the bundled snapshot, where
    each run (its run id) stands for a date.
    """
    from tui.core.history_format import FORMATS

    if not kw["target"] > 0:
        _fail("--target must be a positive tok/s/user")
    from tui.core.glyphs import to_ascii, wants_ascii

    text = FORMATS[fmt](_history_view(paths, kw))
    click.echo(to_ascii(text) if wants_ascii(sys.stdout.encoding) else text, nl=False)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def _history_view(paths: tuple[Path, ...], kw: dict[str, Any]) -> Any:
    from tui.core.history import history
    from tui.core.history_format import HistoryView
    from tui.core.select import SelectionError, resolve
    from tui.pipeline import RequestError, build_request, read_history

    filters = {d.name: _split(kw[d.name]) for d in DIMENSIONS}
    try:
        request = build_request(
            paths, kw["model"], kw["sequence"], filters, cost_model=kw["cost_model"],
            source=kw["source"],
        )  # fmt: skip
    except RequestError as exc:
        _fail(str(exc))
    result = read_history(request)
    for problem in result.problems[:MAX_PROBLEMS]:
        click.echo(f"paretop: {_one_line(str(problem))}", err=True)
    if len(result.problems) > MAX_PROBLEMS:
        click.echo(f"paretop: ... and {len(result.problems) - MAX_PROBLEMS} more", err=True)
    if result.frame.empty:
        _fail("no benchmark rows could be read")
    sel = request.selection
    try:
        lines = history(
            result.frame, sel.model, sel.sequence, kw["target"], kw["metric"], request.hardware,
            kw["cost_model"], sel,
        )  # fmt: skip
        picked = resolve(result.frame, sel)
    except SelectionError as exc:
        _fail(str(exc))
    label = request.data.label if request.data else "your files"
    return HistoryView(picked.model, picked.sequence, kw["target"], kw["metric"], label, lines)
