"""InferenceMAX rows converted a whole frame at a time: `convert_row` per column.

Rows whose values this cannot treat exactly as `convert_row` does are marked; the batch sends
them through `convert_row`, which converts or rejects them with its own reason.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from tui.core.columns import Columns, column, each, flags, numbers, per_text, texts
from tui.core.models import display_name
from tui.core.schema import KIND_RUN
from tui.loaders.common import normalise_gpu, run_number

FORMULA = "median_intvty as given (1000 / median TPOT in ms)"
SIDES = ("prefill", "decode")
PATH = "_path"  # the batch's column naming each row's file
READS = (
    "hw",
    "conc",
    "model",
    "infmax_model_prefix",
    "framework",
    "precision",
    "spec_decoding",
    "disagg",
    "isl",
    "osl",
    "tp",
    "pp",
    "pcp",
    "ep",
    "dp_attention",
    *(f"{side}_{name}" for side in SIDES for name in ("tp", "ep", "dp_attention", "num_workers")),
    *(f"num_{side}_gpu" for side in SIDES),
    "tput_per_gpu",
    "output_tput_per_gpu",
    "median_intvty",
    "median_tpot",
    "median_ttft",
    "median_e2el",
    "scenario_type",
    "timestamp",  # the batch reads it for recency, as `_convert` does
)
RAW = {  # canonical column <- the file's key, passed on as given (validation converts them)
    "model_id": "model",
    "model_prefix": "infmax_model_prefix",
    "framework": "framework",
    "precision": "precision",
    "spec_decoding": "spec_decoding",
    "isl": "isl",
    "osl": "osl",
    "concurrency": "conc",
    "tput_per_gpu": "tput_per_gpu",
    "output_tput_per_gpu": "output_tput_per_gpu",
    "ttft_s": "median_ttft",
    "tpot_s": "median_tpot",
    "e2el_s": "median_e2el",
}


def frame_columns(raw: Columns, n: int) -> tuple[Columns, np.ndarray]:
    """Canonical columns (before validation) for `n` InferenceMAX records."""
    bad = np.zeros(n, dtype=bool)

    def col(key: str) -> pd.Series:
        return column(raw, key, n)

    def number(key: str) -> np.ndarray:
        nonlocal bad
        got, wrong = numbers(col(key))
        bad |= wrong
        return got

    scenario = col("scenario_type")
    if scenario.notna().any():  # the per-row path names what such a row is
        truthy, wrong = each(scenario, bool)
        bad |= wrong | (truthy == True)  # noqa: E712
    disagg, wrong = flags(col("disagg"))
    bad |= wrong
    out: Columns = {name: col(key) for name, key in RAW.items()}
    model, wrong = _models(col("infmax_model_prefix"), col("model"))
    out["model"], bad = model, bad | wrong
    hardware, wrong = texts(col("hw"), _gpu)
    out["hardware"], bad = hardware, bad | wrong
    split = disagg == True  # noqa: E712  # only True counts as disaggregated
    tp = number("tp")
    single = tp * _one(number("pp")) * _one(number("pcp"))
    out["num_gpus"] = np.where(split, number("num_prefill_gpu") + number("num_decode_gpu"), single)
    out["interactivity"], bad = _interactivity(col("median_intvty"), col("median_tpot"), bad)
    out["disagg"] = disagg
    out["tp"], out["ep"] = tp, number("ep")
    out["dp_attention"], bad = _flag(col("dp_attention"), bad)
    for side in SIDES:
        for name in ("tp", "ep"):
            out[f"{side}_{name}"] = number(f"{side}_{name}")
        out[f"{side}_dp_attention"], bad = _flag(col(f"{side}_dp_attention"), bad)
        out[f"{side}_workers"] = number(f"{side}_num_workers")
        out[f"num_{side}_gpu"] = number(f"num_{side}_gpu")
    paths = col(PATH)
    out["source"] = paths
    out["run_id"], _ = texts(paths, run_number)
    out["kind"] = np.full(n, KIND_RUN, dtype=object)
    out["interactivity_formula"] = np.full(n, FORMULA, dtype=object)
    return out, bad


def _gpu(value: Any) -> str | None:
    return normalise_gpu(value) if value else None


def _one(values: np.ndarray) -> np.ndarray:
    """A missing pp or pcp multiplies by one."""
    return np.where(np.isnan(values), 1.0, values)


def _flag(values: pd.Series, bad: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    got, wrong = flags(values)
    return got, bad | wrong


def _interactivity(
    given: pd.Series, tpot: pd.Series, bad: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """median_intvty where given (validation checks it), else 1 / median_tpot when positive."""
    absent = given.isna().to_numpy() | (given == "").to_numpy()
    seconds, wrong = numbers(tpot)
    with np.errstate(divide="ignore", invalid="ignore"):
        derived = np.where(seconds > 0, 1 / seconds, np.nan)
    values = given.to_numpy(dtype=object if given.dtype == object else np.float64)
    return np.where(absent, derived, values), bad | (wrong & absent)


def _models(prefix: pd.Series, model: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """display_name once per distinct (prefix, model id) pair."""
    pairs = pd.Series(list(zip(prefix.tolist(), model.tolist(), strict=True)), dtype=object)
    try:  # NaN never stands for a name here: the batch reads no NaN tokens
        return per_text(pairs, lambda pair: display_name(*pair))
    except TypeError:  # an unhashable value (a list where a name belongs): one by one
        return each(pairs, lambda pair: display_name(*pair))
