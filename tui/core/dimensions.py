"""The dimensions a user filters and groups by: one entry each, read by every consumer.

Selection, sidebar counts, the explorer's state and sidebar, the reproducing command and the
CLI flags all come from `DIMENSIONS`. Adding a filter is one entry here (plus its canonical
column in schema.py if it is new).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


def spec_label(value: str) -> str:
    """InferenceMAX's "none" reads as "Off" next to "MTP", as on the public dashboard."""
    return "Off" if value == "none" else value.upper()


def _same(value: str) -> str:
    return value


def server_label(value: str) -> str:
    """A sweep's server settings ("max_num_seqs=4"); runs without any read as "default"."""
    return value or "default"


@dataclass(frozen=True)
class Dimension:
    name: str  # the key in selections, --group-by and the CLI flag (--NAME)
    column: str  # the canonical column it reads
    title: str  # sidebar heading
    help: str  # the CLI flag's help
    aliases: tuple[str, ...] = ()  # other names accepted in --group-by
    value_aliases: Mapping[str, str] = field(default_factory=dict)  # "off" -> "none"
    display: Callable[[str], str] = _same  # how a value reads on screen
    groups_by_default: bool = True

    @property
    def flag(self) -> str:
        return f"--{self.name}"

    def normalise(self, value: str) -> str:
        value = value.strip().lower()
        return self.value_aliases.get(value, value)


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "precision",
        "precision",
        "Precision",
        "Precisions, comma-separated (fp8,fp4).",
        groups_by_default=False,  # joins the default grouping when several are shown
    ),
    Dimension(
        "hardware", "hardware", "Hardware", "GPUs, comma-separated (h200,b200).", ("hw", "gpu")
    ),
    Dimension(
        "framework", "framework", "Engine", "Engines, comma-separated (sglang,trt).", ("engine",)
    ),
    Dimension(
        "spec",
        "spec_decoding",
        "Spec decoding",
        "Speculative decoding: mtp, none (or off).",
        ("spec_decoding",),
        {"off": "none", "no": "none", "false": "none"},
        spec_label,
    ),
    Dimension(
        "server",
        "server_params",
        "Server settings",
        "Server settings of a sweep (vllm bench sweep's SERVE--k=v): max_num_seqs=4, ...",
        ("server_params", "settings"),
        display=server_label,
        groups_by_default=False,  # joins the default grouping when several are shown
    ),
)
BY_NAME: dict[str, Dimension] = {d.name: d for d in DIMENSIONS}
NAMES: tuple[str, ...] = tuple(d.name for d in DIMENSIONS)
# Default grouping order: the dimensions that always split series, then the conditional ones.
GROUP_ORDER: tuple[str, ...] = tuple(
    [d.name for d in DIMENSIONS if d.groups_by_default]
    + [d.name for d in DIMENSIONS if not d.groups_by_default]
)

Filters = Mapping[str, tuple[str, ...]]
"""Chosen values per dimension name; an absent or empty entry means every value."""


def lookup(name: str) -> Dimension | None:
    """A dimension by its name or one of its aliases (case-insensitive)."""
    key = name.strip().lower()
    return next((d for d in DIMENSIONS if key == d.name or key in d.aliases), None)
