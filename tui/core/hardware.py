"""Per-GPU power and price constants (data/hardware.csv), with user overrides.

Unknown hardware has no cost and no power: a guess would put a made-up number in a table
that people paste into decisions.
"""

from __future__ import annotations

import csv
import math
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from tui.core.files import ReadError, read_text
from tui.core.paths import data_file

CONFIG_BYTES = 1 << 20  # a config file is a few lines
COST_MODELS = ("hyperscaler", "neocloud", "rental")


@dataclass(frozen=True)
class GpuSpec:
    """All-in kW per GPU and $/GPU-hour under each cost model (NaN where unknown)."""

    kw: float = math.nan
    cost: Mapping[str, float] = field(default_factory=dict)

    def hourly(self, cost_model: str) -> float:
        return self.cost.get(cost_model, math.nan)


@dataclass(frozen=True)
class HardwareTable:
    gpus: Mapping[str, GpuSpec]

    def spec(self, gpu: str) -> GpuSpec:
        return self.gpus.get(gpu.lower(), GpuSpec())

    def kw(self, gpu: str) -> float:
        return self.spec(gpu).kw

    def hourly(self, gpu: str, cost_model: str) -> float:
        return self.spec(gpu).hourly(cost_model)

    def with_value(self, gpu: str, what: str, value: float) -> HardwareTable:
        """A copy with one constant replaced: what is "kw" or a cost model."""
        gpu = gpu.lower()
        old = self.spec(gpu)
        if what == "kw":
            new = replace(old, kw=value)
        elif what in COST_MODELS:
            new = replace(old, cost={**old.cost, what: value})
        else:
            raise ValueError(f"unknown hardware field {what!r} (kw or {', '.join(COST_MODELS)})")
        return HardwareTable({**self.gpus, gpu: new})


MAX_VALUE = {"kw": 1e3}  # kW per GPU; $/GPU-hour below: a larger figure is a typo or an attack
MAX_COST = 1e4


def _number(text: str, where: str, what: str = "") -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{where}: not a number: {text!r}") from None
    top = MAX_VALUE.get(what, MAX_COST)
    if not math.isfinite(value) or value <= 0 or value > top:
        raise ValueError(f"{where}: must be a positive number at most {top:g}, got {text!r}")
    return value


def read_table(path: Path) -> HardwareTable:
    gpus: dict[str, GpuSpec] = {}
    with path.open(newline="") as handle:
        for line, rec in enumerate(csv.DictReader(handle), start=2):
            where = f"{path}:{line}"
            cost = {m: _number(rec[m], where) for m in COST_MODELS if rec.get(m)}
            kw = _number(rec["kw"], where, "kw") if rec.get("kw") else math.nan
            gpus[rec["gpu"].strip().lower()] = GpuSpec(kw=kw, cost=cost)
    return HardwareTable(gpus)


@cache
def default_table() -> HardwareTable:
    """The bundled constants, read once per process (the table is immutable)."""
    return read_table(data_file("hardware.csv"))


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "paretop" / "config.toml"


def apply_config(table: HardwareTable, path: Path) -> HardwareTable:
    """Apply `[hardware.<gpu>]` tables (kw, hyperscaler, neocloud, rental) from a TOML file."""
    try:
        doc = tomllib.loads(read_text(path, CONFIG_BYTES))
    except ReadError as exc:
        raise ValueError(f"{path}: cannot read config: {exc.reason}") from None
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError, or a 5000-digit integer
        why = "too deeply nested" if isinstance(exc, RecursionError) else str(exc)
        raise ValueError(f"{path}: cannot read config: {why}") from None
    section = doc.get("hardware", {})
    if not isinstance(section, dict):
        raise ValueError(f"{path}: [hardware] must be a table")
    for gpu, values in section.items():
        if not isinstance(values, dict):
            raise ValueError(f"{path}: [hardware.{gpu}] must be a table")
        for what, value in values.items():
            where = f"{path} [hardware.{gpu}] {what}"
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                raise ValueError(f"{where}: must be a number, got {type(value).__name__}")
            table = table.with_value(gpu, what, _number(str(value), where, what))
    return table


def parse_assignments(items: Iterable[str], flag: str) -> list[tuple[str, float]]:
    """`h200=2.10` (also comma-separated) -> [("h200", 2.1)]."""
    out: list[tuple[str, float]] = []
    for item in items:
        for part in item.split(","):
            if not part.strip():
                continue
            gpu, sep, value = part.partition("=")
            if not sep or not gpu.strip():
                raise ValueError(f"{flag} expects GPU=VALUE (e.g. h200=2.10), got {part!r}")
            what = "kw" if flag == "--gpu-kw" else ""
            out.append((gpu.strip().lower(), _number(value.strip(), flag, what)))
    return out


def build_table(
    config: Path | None = None,
    gpu_cost: Iterable[str] = (),
    gpu_kw: Iterable[str] = (),
    cost_model: str = "hyperscaler",
) -> HardwareTable:
    """Bundled constants, then the config file, then command-line flags (last wins)."""
    table = default_table()
    path = config if config is not None else config_path()
    if config is not None or os.path.lexists(path):  # a FIFO there is reported, not skipped
        table = apply_config(table, path)
    for gpu, value in parse_assignments(gpu_cost, "--gpu-cost"):
        table = table.with_value(gpu, cost_model, value)
    for gpu, value in parse_assignments(gpu_kw, "--gpu-kw"):
        table = table.with_value(gpu, "kw", value)
    return table
