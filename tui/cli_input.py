"""What the commands that read files share: PATHS and --set, and loading them."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from tui.loaders import LoadResult

F = Callable[..., Any]


def file_options(formats: tuple[str, ...]) -> Callable[[F], F]:
    """PATHS, --set and --format (the first format is the default) for a reading command."""

    def add(func: F) -> F:
        func = click.option(
            "--format", "fmt", type=click.Choice(formats), default=formats[0], show_default=True
        )(func)
        func = click.option(
            "--set", "sets", multiple=True, metavar="KEY=VALUE", help="Metadata, as for the table."
        )(func)
        func = NO_CACHE(func)
        return click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))(
            func
        )

    return add


def fail(message: str) -> None:
    """One line on stderr, the message made inert, then exit 1."""
    from tui.core.text import inert

    click.echo(f"paretop: {inert(message)}", err=True)
    sys.exit(1)


NO_CACHE = click.option(
    "--no-cache",
    is_flag=True,
    help="Read every file afresh: neither use nor fill the parsed-results cache.",
)


def load_files(paths: tuple[Path, ...], sets: tuple[str, ...], no_cache: bool) -> LoadResult:
    """The files' rows and problems, with --set metadata; a bad --set is one line and exit 1."""
    from tui.loaders import load_paths  # lazy: pandas loads only when a command reads files
    from tui.loaders.meta import parse_sets

    try:
        metadata = parse_sets(sets)
    except ValueError as exc:
        fail(str(exc))
    return load_paths(paths, metadata=metadata, cache=not no_cache)
