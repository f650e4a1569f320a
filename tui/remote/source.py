"""Which data a view shows: the pulled InferenceX cache or the bundled snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.remote import cache

# The newest run in data/inferencemax.csv (run 21012127808, see data/README.md).
BUNDLED_DATE = "2026-01-14"
BUNDLED_LABEL = f"bundled InferenceMAX snapshot, to {BUNDLED_DATE}"
SOURCES = ("bundled", "pulled")


class SourceError(ValueError):
    """--source pulled with no usable cache; the message says what to run."""


@dataclass(frozen=True)
class DataSource:
    kind: str  # "bundled" or "pulled"
    label: str  # "InferenceX, pulled 2026-11-30" for the data line and header
    root: Path | None = None  # the cache folder, for "pulled"

    @property
    def latest(self) -> Path | None:
        """The latest rows per configuration (not the history, whose older runs would pool)."""
        return self.root / "benchmarks" if self.root else None


def pulled_date(manifest: dict[str, Any]) -> str:
    """The newest data date the cache holds (the models' latest dates)."""
    models = manifest.get("models")
    entries = models.values() if isinstance(models, dict) else []
    return max((str(m.get("latest", "")) for m in entries if isinstance(m, dict)), default="")


def pulled(root: Path | None = None) -> DataSource | None:
    """The pulled cache, when a complete one is there."""
    root = root or cache.cache_root()
    cache.recover(root)
    manifest = cache.read_manifest(root)
    if manifest is None:
        return None
    when = str(manifest.get("pulled_at", ""))[:10]
    as_of = f", as of {manifest['as_of']}" if manifest.get("as_of") else ""
    return DataSource("pulled", f"InferenceX, pulled {when}{as_of}", root)


def choose(source: str | None, root: Path | None = None) -> DataSource:
    """`--source`: as asked; by default the pulled cache when it is newer than the bundled data."""
    if source == "bundled":
        return DataSource("bundled", BUNDLED_LABEL)
    found = pulled(root)
    if source == "pulled":
        if found is None:
            raise SourceError("no pulled data yet: run `paretop pull` first (or --source bundled)")
        return found
    if found is not None and found.root is not None:
        manifest = cache.read_manifest(found.root) or {}
        if pulled_date(manifest) > BUNDLED_DATE:
            return found
    return DataSource("bundled", BUNDLED_LABEL)


def choose_data(paths: tuple[Path, ...], source: str | None) -> DataSource | None:
    """None when PATHS are given (they are the data); else the chosen or default source."""
    if paths:
        if source:
            raise SourceError("--source chooses the data when no PATHS are given; drop one")
        return None
    return choose(source)
