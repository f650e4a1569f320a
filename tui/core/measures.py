"""Every metric paretop shows, one entry each: the chart, the table, exports and help read it.

A metric is a canonical column interpolated along a frontier, optionally turned into another
quantity with the GPU's constants (cost and power derive from interpolated throughput, DESIGN
§3). Adding a metric is one entry here plus its test.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from tui.core import metrics
from tui.core.compare import fmt_money, fmt_value

TPUT = "tput_per_gpu"
OUTPUT_TPUT = "output_tput_per_gpu"
# Per-row columns tui/core/derived.py adds after loading (measured power, where given).
MEASURED_TOK_S_PER_MW = "measured_tok_s_per_mw"
MEASURED_J_PER_TOKEN = "measured_j_per_token"
DERIVED_COLUMNS = (MEASURED_TOK_S_PER_MW, MEASURED_J_PER_TOKEN)

Derive = Callable[[float, float, float], float]
"""(interpolated base value, $/GPU-hour, all-in kW per GPU) -> the metric."""


def _cost(v: float, hourly: float, _kw: float) -> float:
    return metrics.cost_per_mtok(v, hourly)


def _power(v: float, _hourly: float, kw: float) -> float:
    return metrics.tok_s_per_mw(v, kw)


def _joules(v: float, _hourly: float, kw: float) -> float:
    return metrics.joules_per_token(v, kw)


def _seconds(v: float) -> str:
    return "—" if math.isnan(v) else f"{v:.3g} s"


@dataclass(frozen=True)
class Metric:
    key: str  # name in exports and JSON
    label: str  # the table's row title
    title: str  # the chart's axis title, with units
    base: str  # canonical column interpolated along the frontier
    frontier: str = TPUT  # the throughput column whose frontier the base is read along
    derive: Derive | None = None
    fmt: Callable[[float], str] = fmt_value
    higher_is_better: bool | None = True  # None: context, never emphasised as "best"
    in_table: bool = False  # a row of the on-screen and copied table
    in_chart: bool = True
    tick_prefix: str = ""  # "$" on the cost axis
    optional: bool = False  # offered only where the data has it (measured power)

    def value(self, base: float, hourly: float, kw: float) -> float:
        return self.derive(base, hourly, kw) if self.derive else base


METRICS: tuple[Metric, ...] = (
    Metric("tput_per_gpu", "tok/s/GPU", "throughput (tok/s/GPU)", TPUT, in_table=True),
    Metric(
        "output_tput_per_gpu",
        "out tok/s/GPU",
        "output throughput (tok/s/GPU)",
        OUTPUT_TPUT,
        frontier=OUTPUT_TPUT,  # its own frontier, as the dashboard draws it
    ),
    Metric(
        "cost_per_mtok",
        "$/M tok",
        "cost ($ per M tokens)",
        TPUT,
        derive=_cost,
        fmt=fmt_money,
        higher_is_better=False,
        in_table=True,
        tick_prefix="$",
    ),
    Metric(
        "output_cost_per_mtok",
        "$/M out tok",
        "cost ($ per M output tokens)",
        OUTPUT_TPUT,
        frontier=OUTPUT_TPUT,
        derive=_cost,
        fmt=fmt_money,
        higher_is_better=False,
        tick_prefix="$",
    ),
    Metric(
        "tok_s_per_mw",
        "tok/s/MW",
        "tokens/s per MW",
        TPUT,
        derive=_power,
        fmt=lambda v: "—" if math.isnan(v) else f"{v:,.0f}",
        in_table=True,
    ),
    Metric(
        "output_tok_s_per_mw",
        "out tok/s/MW",
        "output tokens/s per MW",
        OUTPUT_TPUT,
        frontier=OUTPUT_TPUT,
        derive=_power,
        fmt=lambda v: "—" if math.isnan(v) else f"{v:,.0f}",
        in_chart=False,
    ),
    Metric(
        "joules_per_token",
        "J/token",
        "energy (J per token)",
        TPUT,
        derive=_joules,
        fmt=lambda v: "—" if math.isnan(v) else f"{v:.3g}",
        higher_is_better=False,
        in_chart=False,
    ),
    Metric(
        "concurrency",
        "concurrency",
        "concurrency (requests)",
        "concurrency",
        fmt=lambda v: "—" if math.isnan(v) else f"~{v:.0f}",
        higher_is_better=None,
        in_table=True,
    ),
    Metric("ttft_s", "TTFT", "median TTFT (s)", "ttft_s", fmt=_seconds, higher_is_better=False),
    Metric(
        "e2el_s",
        "E2E latency",
        "median E2E latency (s)",
        "e2el_s",
        fmt=_seconds,
        higher_is_better=False,
    ),
)
# Measured power (tui/core/derived.py): paretop's derivation from the source's avg_power_w.
METRICS += (
    Metric(
        MEASURED_TOK_S_PER_MW,
        "tok/s/MW (measured)",
        "tokens/s per MW of measured power (paretop's derivation)",
        MEASURED_TOK_S_PER_MW,
        fmt=lambda v: "—" if math.isnan(v) else f"{v:,.0f}",
        optional=True,
    ),
    Metric(
        MEASURED_J_PER_TOKEN,
        "J/token (measured)",
        "J per token from measured power (paretop's derivation)",
        MEASURED_J_PER_TOKEN,
        fmt=lambda v: "—" if math.isnan(v) else f"{v:.3g}",
        higher_is_better=False,
        optional=True,
    ),
)
BY_KEY: dict[str, Metric] = {m.key: m for m in METRICS}
CHART: tuple[Metric, ...] = tuple(m for m in METRICS if m.in_chart)
TABLE: tuple[Metric, ...] = tuple(m for m in METRICS if m.in_table)
# The table's rows when no run has total-token throughput (no input lengths in the files).
OUTPUT_TABLE: tuple[Metric, ...] = tuple(
    BY_KEY[k]
    for k in ("output_tput_per_gpu", "output_cost_per_mtok", "output_tok_s_per_mw", "concurrency")
)
FRONTIERS: tuple[str, ...] = tuple(dict.fromkeys(m.frontier for m in METRICS))
