"""`paretop pull`: availability first, then each changed model's rows, into a fresh cache."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.remote import cache
from tui.remote.client import Client, Fetched, PullError
from tui.remote.names import display_for, resolve

AVAILABILITY = "/api/v1/availability"
BENCHMARKS = "/api/v1/benchmarks"
HISTORY = "/api/v1/benchmarks/history"
Say = Callable[[str], None]


@dataclass(frozen=True)
class Model:
    key: str
    name: str | None  # None: a key paretop has no display name for
    latest: str  # the newest date the API has for it (as of --date, if given)
    sequences: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class PullArgs:
    """What `paretop pull` was asked for."""

    models: tuple[str, ...] = ()
    as_of: str | None = None
    history: bool = False


@dataclass
class Report:
    fetched: list[str] = field(default_factory=list)  # display names pulled now
    unchanged: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # keys with no display name
    root: Path | None = None


def stamp(when: float | None = None) -> str:
    moment = datetime.now(UTC) if when is None else datetime.fromtimestamp(when, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def models_in(rows: Any, as_of: str | None) -> list[Model]:
    """One Model per database key in the availability rows, newest date as of `as_of`."""
    if not isinstance(rows, list):
        raise PullError("availability: expected a JSON array of rows")
    dates: dict[str, str] = {}
    seqs: dict[str, set[tuple[int, int]]] = {}
    for row in rows:
        if not isinstance(row, dict) or not row.get("model") or not row.get("date"):
            continue
        key, date = str(row["model"]), str(row["date"])[:10]
        if as_of and date > as_of:
            continue
        dates[key] = max(date, dates.get(key, date))
        if isinstance(row.get("isl"), int) and isinstance(row.get("osl"), int):
            seqs.setdefault(key, set()).add((row["isl"], row["osl"]))
    return [
        Model(k, display_for(k), dates[k], tuple(sorted(seqs.get(k, ())))) for k in sorted(dates)
    ]


def choose(models: list[Model], wanted: tuple[str, ...]) -> list[Model]:
    """The models the user named (key or display name), or all of them."""
    if not wanted:
        return models
    keys = [m.key for m in models]
    chosen = []
    for text in wanted:
        key = resolve(text, keys)
        if key is None:
            names = ", ".join(m.name or m.key for m in models)
            raise PullError(f"no model {text!r} in the API's availability (it has: {names})")
        chosen.append(next(m for m in models if m.key == key))
    return chosen


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in text)


def _rows(fetched: Fetched) -> int:
    if not isinstance(fetched.data, list):
        raise PullError(f"{fetched.url}: expected a JSON array of rows")
    return len(fetched.data)


def _keep(snap: cache.Snapshot, root: Path, old: dict[str, Any], key: str) -> None:
    """Carry a model's files over from the previous cache unchanged."""
    entry = old["models"][key]
    for rel in entry.get("files", []):
        snap.files[rel] = cache.read_file(root, rel)
        snap.entries[rel] = {k: v for k, v in old["files"][rel].items() if k != "sha256"}
    snap.models[key] = entry


def _fetch(snap: cache.Snapshot, client: Client, model: Model, args: PullArgs) -> int:
    assert model.name is not None
    params = {"model": model.name, **({"date": args.as_of} if args.as_of else {})}
    got = client.get_json(BENCHMARKS, params)
    rows = _rows(got)
    files = [f"benchmarks/{_safe(model.key)}.json"]
    snap.add(files[0], got.body, got.url, stamp(got.fetched_at), rows)
    if args.history:
        for isl, osl in model.sequences:
            hist = client.get_json(HISTORY, {"model": model.name, "isl": isl, "osl": osl})
            files.append(f"history/{_safe(model.key)}_{isl}_{osl}.json")
            snap.add(files[-1], hist.body, hist.url, stamp(hist.fetched_at), _rows(hist))
    snap.models[model.key] = {
        "name": model.name,
        "latest": model.latest,
        "history": args.history,
        "files": files,
    }
    return rows


def unchanged(old: dict[str, Any] | None, model: Model, args: PullArgs) -> bool:
    """The previous pull holds this model at the same date (and its history, if asked)."""
    if old is None or old.get("as_of") != args.as_of:
        return False
    entry = old.get("models", {}).get(model.key)
    if not isinstance(entry, dict) or entry.get("latest") != model.latest:
        return False
    return bool(entry.get("history")) or not args.history


def pull(client: Client, args: PullArgs, say: Say, root: Path | None = None) -> Report:
    """Fetch what changed and swap in a new cache; PullError leaves the old cache untouched."""
    root = root or cache.cache_root()
    cache.recover(root, tidy=True)
    old = cache.read_manifest(root)
    if old is not None and cache.verify(root, old):
        old = None  # files missing or changed since the last pull: start afresh
    avail = client.get_json(AVAILABILITY)
    models = models_in(avail.data, args.as_of)
    report = Report(root=root)
    report.unknown = [m.key for m in models if m.name is None]
    for key in report.unknown:
        say(f"unknown model key {key!r}: no display name known, skipped")
    chosen = [m for m in choose(models, args.models) if m.name is not None]
    snap = cache.Snapshot(client.base_url, stamp(), args.as_of)
    snap.add("availability.json", avail.body, avail.url, stamp(avail.fetched_at), _rows(avail))
    if old is not None and old.get("as_of") == args.as_of:
        for key in set(old.get("models", {})) - {m.key for m in chosen}:
            _keep(snap, root, old, key)  # pulled before, not asked for now: keep it
    for i, model in enumerate(chosen, 1):
        assert model.name is not None
        if unchanged(old, model, args):
            _keep(snap, root, old or {}, model.key)
            report.unchanged.append(model.name)
            say(progress(i, len(chosen), f"{model.name}: unchanged since {model.latest}"))
            continue
        say(progress(i - 1, len(chosen), f"{model.name}: fetching ..."))
        rows = _fetch(snap, client, model, args)
        report.fetched.append(model.name)
        say(progress(i, len(chosen), f"{model.name}: {rows} rows, latest {model.latest}"))
    if report.fetched or old is None:
        cache.write(root, snap)
    return report


def progress(done: int, total: int, text: str, width: int = 20) -> str:
    """A plain-text bar: "[##########----------] 1/2 DeepSeek-R1-0528: 435 rows"."""
    filled = round(width * done / total) if total else width
    return f"[{'#' * filled}{'-' * (width - filled)}] {done}/{total} {text}"


def summary(report: Report) -> str:
    parts = []
    if report.fetched:
        parts.append(f"pulled {', '.join(report.fetched)}")
    if report.unchanged:
        parts.append(f"unchanged: {', '.join(report.unchanged)}")
    return f"{'; '.join(parts) or 'nothing to pull'} -> {report.root}"
