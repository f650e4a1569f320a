"""The pulled data on disk: one folder, replaced as a whole, described by its manifest.

A pull writes a complete new folder next to the cache and swaps it in with two renames, so an
interrupted pull leaves the previous cache as it was (or, between the renames, recoverable).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
MARKER = "paretop_inferencex_cache"  # the loader recognises the manifest by this key
VERSION = 1


def cache_root() -> Path:
    """$XDG_CACHE_HOME/paretop/inferencex (default ~/.cache/paretop/inferencex)."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "paretop" / "inferencex"


@dataclass
class Snapshot:
    """What a pull is about to write: files (relative path -> bytes) and their provenance."""

    api_url: str
    pulled_at: str
    as_of: str | None = None  # --date: data as of that day, not the latest
    files: dict[str, bytes] = field(default_factory=dict)
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)  # path -> url, time, rows
    models: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> name, latest, ...

    def add(self, path: str, body: bytes, url: str, fetched_at: str, rows: int) -> None:
        self.files[path] = body
        self.entries[path] = {"url": url, "fetched_at": fetched_at, "rows": rows}

    def manifest(self) -> dict[str, Any]:
        files = {
            p: {**self.entries[p], "sha256": hashlib.sha256(body).hexdigest()}
            for p, body in sorted(self.files.items())
        }
        return {
            MARKER: VERSION,
            "api_url": self.api_url,
            "pulled_at": self.pulled_at,
            "as_of": self.as_of,
            "models": self.models,
            "files": files,
        }


STALE_S = 3600.0  # a temporary folder this old belongs to no running pull


def recover(root: Path, tidy: bool = False) -> None:
    """Undo a swap cut off between its two renames; with `tidy`, drop stale leftovers.

    Only folders older than STALE_S are removed, so a pull running elsewhere keeps its own.
    """
    parent = root.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f".{root.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if olds and not root.exists():
        os.rename(olds.pop(), root)
    if tidy:
        now = time.time()
        for stale in [*olds, *parent.glob(f".{root.name}.tmp-*")]:
            if now - stale.stat().st_mtime > STALE_S:
                shutil.rmtree(stale, ignore_errors=True)


def _fill(folder: Path, snapshot: Snapshot) -> None:
    for rel, body in snapshot.files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    text = json.dumps(snapshot.manifest(), indent=1, sort_keys=True) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")


def write(root: Path, snapshot: Snapshot) -> None:
    """Write the snapshot to a temporary folder, then swap it in for the current cache."""
    root.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{root.name}.tmp-", dir=root.parent))
    old = root.parent / f".{root.name}.old-{os.getpid()}"
    try:
        _fill(tmp, snapshot)
        if root.exists():
            os.rename(root, old)
        os.rename(tmp, root)
    except BaseException:
        if old.exists() and not root.exists():
            os.rename(old, root)  # the swap failed half-way: put the previous cache back
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def read_manifest(root: Path) -> dict[str, Any] | None:
    """The cache's manifest, or None when there is no complete cache."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get(MARKER) == VERSION else None


def verify(root: Path, manifest: dict[str, Any]) -> list[str]:
    """Files whose content no longer matches the manifest (missing or changed)."""
    bad = []
    for rel, entry in manifest.get("files", {}).items():
        try:
            digest = hashlib.sha256((root / rel).read_bytes()).hexdigest()
        except OSError:
            digest = ""
        if digest != entry.get("sha256"):
            bad.append(rel)
    return bad


def read_file(root: Path, rel: str) -> bytes:
    return (root / rel).read_bytes()
