"""The `paretop` command: the explorer by default, `paretop table` for scripts and copying.

The TUI is imported lazily so non-interactive commands start fast.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tui.cli_input import NO_CACHE, fail, file_options, load_files
from tui.cli_remote import SOURCE_HELP, SOURCES, history_cmd, pull_cmd
from tui.cli_rows import rows_cmd
from tui.core.dimensions import DIMENSIONS, GROUP_ORDER
from tui.core.export import FORMATS
from tui.core.hardware import COST_MODELS

if TYPE_CHECKING:
    from tui.pipeline import Request

F = Callable[..., Any]


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def view_options(func: F) -> F:
    """Options shared by the explorer and `paretop table`."""
    opts = [
        click.option(
            "--model", help="Model: display name or InferenceMAX prefix (dsr1, gptoss, dsv4)."
        ),
        click.option("--sequence", help="Input/output lengths, e.g. 1k/1k, 1k/8k, 8k/1k."),
        *(click.option(d.flag, multiple=True, help=d.help) for d in DIMENSIONS),
        click.option(
            "--group-by",
            help=f"What a series is: any of {','.join(GROUP_ORDER)}.",
        ),
        click.option("--targets", help="Interactivity targets in tok/s/user, e.g. 26,44,62."),
        click.option(
            "--cost-model", type=click.Choice(COST_MODELS), default="hyperscaler", show_default=True
        ),
        click.option(
            "--gpu-cost", multiple=True, help="Override $/GPU-hour for the cost model: h200=2.10."
        ),
        click.option("--gpu-kw", multiple=True, help="Override all-in kW per GPU: h200=1.9."),
        click.option(
            "--config",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Config TOML (default ~/.config/paretop/config.toml).",
        ),
        click.option(
            "--keep-reruns", is_flag=True, help="Pool reruns instead of keeping the latest."
        ),
        click.option(
            "--ascii",
            "ascii_only",
            is_flag=True,
            help="Only ASCII characters (automatic under a C locale or a non-UTF-8 terminal).",
        ),
        click.option(
            "--set",
            "sets",
            multiple=True,
            metavar="KEY=VALUE",
            help="Metadata raw client files lack: hardware=h200, num_gpus=8, precision=fp8, ...",
        ),
        click.option("--source", type=click.Choice(SOURCES), help=SOURCE_HELP),
        NO_CACHE,
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


def _request(kw: dict[str, Any]) -> Request:
    from tui.core.glyphs import wants_ascii
    from tui.pipeline import build_request  # lazy: pandas loads only when needed

    ascii_only = kw["ascii_only"] or wants_ascii(sys.stdout.encoding)
    request = build_request(
        paths=list(kw["paths"]),
        model=kw["model"],
        sequence=kw["sequence"],
        filters={d.name: _split(kw[d.name]) for d in DIMENSIONS},
        group_by=kw["group_by"],
        targets=kw["targets"],
        cost_model=kw["cost_model"],
        gpu_cost=kw["gpu_cost"],
        gpu_kw=kw["gpu_kw"],
        config=kw["config"],
        keep_reruns=kw["keep_reruns"],
        sets=kw["sets"],
        source=kw["source"],
        cache=not kw["no_cache"],
    )
    return replace(request, ascii=ascii_only)


class DefaultGroup(click.Group):
    """`paretop PATH...` opens the explorer; a known command name runs that command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            typo(args[0], list(self.commands))
        if not args or (
            args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")
        ):
            args = ["open", *args]
        return super().parse_args(ctx, args)


def typo(word: str, commands: list[str]) -> None:
    """A first word that is no file and looks like a command is a mistyped command."""
    if word.startswith("-") or Path(word).exists() or "/" in word or "." in word:
        return
    near = difflib.get_close_matches(word, commands, n=1, cutoff=0.6)
    hint = f" (did you mean `paretop {near[0]}`?)" if near else ""
    fail(f"no such file or directory: {safe(word)}{hint}")


def safe(text: str) -> str:
    """A user's word quoted with control characters made visible (never sent raw)."""
    return repr(text)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="paretop")
def main() -> None:
    """Explore LLM inference benchmarks: throughput per GPU, cost and power at target speeds.

    `paretop [PATHS...] [OPTIONS]` opens the explorer (the `open` command) on result files or
    folders, or on the bundled InferenceMAX data when no PATHS are given. It takes every option
    of `paretop table` (--model, --sequence, --hardware, --precision, --framework, --spec,
    --group-by, --targets, --cost-model, --gpu-cost, --gpu-kw, --config, --keep-reruns,
    --set) to choose its first view, and --watch to follow a sweep as it runs; see
    `paretop open --help`. The explorer needs a terminal: in scripts, pipes and cron use
    `paretop table`.
    """


def needs_terminal() -> str | None:
    """Why the explorer cannot run here, or None when stdin and stdout are a real terminal."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return "the explorer needs a terminal (stdin and stdout); for scripts use `paretop table`"
    if os.environ.get("TERM", "") in ("dumb", "unknown"):
        return "TERM=dumb cannot draw the explorer; use `paretop table` for plain text"
    return None


@main.command("open")
@view_options
@click.option("--watch", is_flag=True, help="Re-read PATHS when result files appear or change.")
def open_app(watch: bool, **kw: Any) -> None:
    """Open the explorer on PATHS (files or directories), or on the bundled data."""
    from tui.pipeline import RequestError

    why = needs_terminal()
    if why:
        click.echo(f"paretop: {why}", err=True)
        sys.exit(2)
    try:
        request = replace(_request(kw), watch=watch)
        if watch and not request.paths:
            raise RequestError("--watch needs the folder(s) to follow: paretop --watch DIR")
    except RequestError as exc:
        fail(str(exc))
    from tui.app.main import run_app  # lazy: keeps `paretop table` fast

    sys.exit(run_app(request))


@main.command("table")
@view_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="plain",
    show_default=True,
)
def table_cmd(fmt: str, **kw: Any) -> None:
    """Print the metrics table at the interactivity targets (no PATHS: the bundled data)."""
    from tui.core.export import to_json
    from tui.core.glyphs import to_ascii
    from tui.pipeline import RequestError, command_line, run_request

    try:
        request = _request(kw)
        table, problems = run_request(request)
    except RequestError as exc:
        fail(str(exc))
        return
    for problem in problems:
        click.echo(f"paretop: {problem}", err=True)  # Problem's text is made inert
    if fmt == "json":
        text = to_json(table, command_line(request, table))
    else:
        text = FORMATS[fmt].write(table)
    click.echo(to_ascii(text) if request.ascii else text, nl=False)


@main.command("check")
@file_options(("plain", "json"))
def check_cmd(paths: tuple[Path, ...], sets: tuple[str, ...], fmt: str, no_cache: bool) -> None:
    """Read PATHS and report each file's format and rows, then every problem.

    Exit 0 when everything was read, 2 when some files had problems, 1 when nothing was.
    """
    from tui.check import as_json, as_text, exit_code

    result = load_files(paths, sets, no_cache)
    click.echo((as_json if fmt == "json" else as_text)(result), nl=False)
    sys.exit(exit_code(result))


main.add_command(rows_cmd)
main.add_command(pull_cmd)
main.add_command(history_cmd)
