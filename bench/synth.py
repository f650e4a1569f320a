"""Synthetic result sets from the real InferenceMAX rows, for the benchmark (deterministic).

    python bench/synth.py --sizes 1k,10k [--out DIR]

Each synthetic sweep copies one real sweep (its concurrencies and metrics, same sequence
lengths) under a new configuration: 8 models x 9 GPUs x 8 engines x 3 precisions x 2 spec
decodings x 48 parallel layouts, each configuration used once, numbers scaled per GPU, engine,
model and precision. Every fifth file is a rerun: an earlier file's configurations measured
again (numbers within a few percent) under a later run id. Two shapes per size: InferenceMAX
`run_<digits>/results.agg_bmk.json` files of 200 rows, and one canonical CSV of the same rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from tui.core.schema import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261130
FORMAT_VERSION = "1"  # bump when the generated rows change, so cached sets are rebuilt
# (prefix, model id, display name as paretop shows it: data/models.csv, else the id's last part)
MODELS = [
    ("dsr1", "deepseek-ai/DeepSeek-R1-0528", "DeepSeek-R1-0528"),
    ("gptoss", "openai/gpt-oss-120b", "gpt-oss-120b"),
    ("dsv4", "deepseek-ai/DeepSeek-V4-Pro", "DeepSeek-V4-Pro"),
    ("qwen3", "Qwen/Qwen3-235B-A22B", "Qwen3-235B-A22B"),
    ("llama3", "meta-llama/Llama-3.3-70B-Instruct", "Llama-3.3-70B-Instruct"),
    ("kimik2", "moonshotai/Kimi-K2-Instruct", "Kimi-K2-Instruct"),
    ("glm46", "zai-org/GLM-4.6", "GLM-4.6"),
    ("mistral", "mistralai/Mistral-Large-2411", "Mistral-Large-2411"),
]
MODEL_SPEED = [1.0, 1.6, 0.7, 1.2, 2.1, 0.8, 1.1, 1.4]
GPUS = ["h100", "h200", "b200", "b300", "gb200", "gb300", "mi300x", "mi325x", "mi355x"]
GPU_SPEED = [0.5, 0.65, 1.0, 1.25, 1.15, 1.4, 0.55, 0.7, 0.95]
ENGINES = ["vllm", "sglang", "trt", "dynamo-trt", "dynamo-sglang", "dynamo-vllm", "atom", "mori"]
ENGINE_SPEED = [1.0, 1.05, 1.1, 1.2, 1.15, 1.0, 0.95, 0.9]
PRECISIONS = ["fp4", "fp8", "bf16"]
PRECISION_SPEED = [1.5, 1.0, 0.6]
SEQUENCES = [(1024, 1024), (1024, 8192), (8192, 1024)]
SPECS = ["none", "mtp"]
LAYOUTS = [(tp, ep, dp) for tp in (1, 2, 4, 8) for ep in (1, 2, 4, 8, 16, 32) for dp in (0, 1)]
RADIX = [len(MODELS), len(GPUS), len(ENGINES), len(PRECISIONS), len(SEQUENCES)]
RADIX += [len(SPECS), len(LAYOUTS)]
ROWS_PER_FILE = 200
RERUN_EVERY = 5  # every fifth file measures an earlier file's configurations again
FIRST_RUN = 21_000_000_000
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}
# The canonical columns as paretop's own CSV writer puts them (recency is derived on load).
CSV_COLUMNS = [c for c in COLUMNS if c != "recency"]
SCALED_UP = ("tput_per_gpu", "output_tput_per_gpu", "input_tput_per_gpu")
FASTER = ("median_intvty", "mean_intvty", "p99_intvty")  # tokens/s per user
SLOWER = ("median_tpot", "mean_tpot", "p99_tpot", "median_e2el", "mean_e2el", "p99_e2el")


def shared_inferencemax() -> Path:
    shared = Path(os.environ.get("PARETOP_SHARED", ROOT.parent / "shared"))
    return shared / "data" / "inferencemax"


def parse_sizes(text: str) -> list[int]:
    try:
        return [SIZES[s.strip()] if s.strip() in SIZES else int(s) for s in text.split(",")]
    except ValueError:
        raise SystemExit(f"--sizes: expected e.g. 1k,10k,100k,1M, got {text!r}") from None


def size_label(rows: int) -> str:
    return next((k for k, v in SIZES.items() if v == rows), str(rows))


def real_sweeps(folder: Path) -> dict[tuple[int, int], list[list[dict[str, Any]]]]:
    """The real rows grouped into sweeps (one configuration over concurrencies), by sequence."""
    files = sorted(folder.glob("*.agg_bmk.json"))
    if not files:
        raise SystemExit(
            f"bench: no InferenceMAX rows in {folder} (*.agg_bmk.json). The benchmark builds its "
            "sets from them: put ../shared next to the repository or set PARETOP_SHARED."
        )
    sweeps: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for file in files:
        for row in json.loads(file.read_text(encoding="utf-8")):
            key = (file.name, *(str(v) for k, v in sorted(row.items()) if not _varies(k)))
            sweeps.setdefault(key, []).append(row)
    by_sequence: dict[tuple[int, int], list[list[dict[str, Any]]]] = {s: [] for s in SEQUENCES}
    for rows in sweeps.values():
        seq = (int(rows[0]["isl"]), int(rows[0]["osl"]))
        if seq in by_sequence:
            by_sequence[seq].append(sorted(rows, key=lambda r: float(r["conc"])))
    return by_sequence


def _varies(key: str) -> bool:
    """Fields that change along a sweep: the concurrency and every measured number."""
    return key == "conc" or key.startswith(("mean_", "median_", "std_", "p99_")) or "tput" in key


def digits(number: int) -> list[int]:
    out = []
    for base in reversed(RADIX):
        number, digit = divmod(number, base)
        out.append(digit)
    return out[::-1]


def sweep_rows(sweep_id: int, real: dict[tuple[int, int], list[list[dict[str, Any]]]]) -> list:
    """The rows of one synthetic configuration, before noise."""
    model, gpu, engine, prec, seq, spec, layout = digits(sweep_id)
    pool = real[SEQUENCES[seq]]
    base = pool[(sweep_id // len(SEQUENCES)) % len(pool)]
    speed = MODEL_SPEED[model] * GPU_SPEED[gpu] * ENGINE_SPEED[engine] * PRECISION_SPEED[prec]
    tp, ep, dp = LAYOUTS[layout]
    prefix, model_id, _ = MODELS[model]
    rows = []
    for real_row in base:
        row = dict(real_row)
        row.update(hw=GPUS[gpu], framework=ENGINES[engine], precision=PRECISIONS[prec])
        row.update(infmax_model_prefix=prefix, model=model_id, spec_decoding=SPECS[spec])
        row.update(tp=tp, ep=ep, dp_attention="true" if dp else "false")
        _scale(row, speed, 1.0)
        rows.append(row)
    return rows


def _scale(row: dict[str, Any], throughput: float, speed: float) -> None:
    for key in SCALED_UP:
        if isinstance(row.get(key), int | float):
            row[key] = row[key] * throughput
    for key in FASTER:
        if isinstance(row.get(key), int | float):
            row[key] = row[key] * speed
    for key in SLOWER:
        if isinstance(row.get(key), int | float):
            row[key] = row[key] / speed


def files(rows: int, real: dict[tuple[int, int], list[list[dict[str, Any]]]]) -> Iterator:
    """(run id, rows) per file, in run order; a rerun file repeats an earlier one's configs."""
    rng = np.random.default_rng(SEED)
    order = iter(rng.permutation(int(np.prod(RADIX))).tolist())
    # Fresh files as (sweep, point) pairs, not rows, so 1M rows do not sit in memory twice.
    fresh: list[list[tuple[int, int]]] = []
    pending: list[tuple[int, int]] = []
    count = (rows + ROWS_PER_FILE - 1) // ROWS_PER_FILE
    for index in range(count):
        size = min(ROWS_PER_FILE, rows - index * ROWS_PER_FILE)
        run_id = FIRST_RUN + index * 1000 + int(rng.integers(0, 1000))
        if index % RERUN_EVERY == RERUN_EVERY - 1 and fresh:
            points = fresh[int(rng.integers(0, len(fresh)))][:size]
        else:
            while len(pending) < size:
                sweep = next(order)
                pending += [(sweep, i) for i in range(len(sweep_rows(sweep, real)))]
            points, pending = pending[:size], pending[size:]
            fresh.append(points)
        noise = 1 + 0.03 * rng.standard_normal((len(points), 2))
        out = []
        for (sweep, point), (tput, speed) in zip(points, noise, strict=True):
            row = sweep_rows(sweep, real)[point]
            _scale(row, float(tput), float(speed))
            out.append(row)
        yield run_id, out


def canonical(row: dict[str, Any], source: str, run_id: int) -> list[Any]:
    """The row in the canonical columns, as paretop's InferenceMAX loader reads it."""
    disagg = row.get("disagg") is True
    gpus = row["num_prefill_gpu"] + row["num_decode_gpu"] if disagg else row["tp"]
    display = next(m[2] for m in MODELS if m[0] == row["infmax_model_prefix"])
    side = {f"{s}_{k}": row.get(f"{s}_{k}") for s in ("prefill", "decode") for k in ("tp", "ep")}
    values = {
        **side,
        **{f"{s}_dp_attention": _bool(row.get(f"{s}_dp_attention")) for s in ("prefill", "decode")},
        **{f"{s}_workers": row.get(f"{s}_num_workers") for s in ("prefill", "decode")},
        "model": display,
        "model_id": row["model"],
        "model_prefix": row["infmax_model_prefix"],
        "hardware": row["hw"],
        "framework": row["framework"],
        "precision": row["precision"],
        "spec_decoding": row["spec_decoding"],
        "isl": row["isl"],
        "osl": row["osl"],
        "num_gpus": gpus,
        "concurrency": float(row["conc"]),
        "tput_per_gpu": row["tput_per_gpu"],
        "output_tput_per_gpu": row["output_tput_per_gpu"],
        "interactivity": row["median_intvty"],
        "ttft_s": row["median_ttft"],
        "tpot_s": row["median_tpot"],
        "e2el_s": row["median_e2el"],
        "tp": float(row["tp"]),
        "ep": float(row["ep"]),
        "dp_attention": _bool(row.get("dp_attention")),
        "disagg": disagg,
        "num_prefill_gpu": row.get("num_prefill_gpu"),
        "num_decode_gpu": row.get("num_decode_gpu"),
        "source": source,
        "run_id": run_id,
        "kind": "run",
        "interactivity_formula": "median_intvty as given (1000 / median TPOT in ms)",
    }
    return [values.get(c) for c in CSV_COLUMNS]


def _bool(value: Any) -> bool | None:
    return None if value is None else str(value).lower() == "true"


def write_set(
    rows: int, out: Path, real: dict[tuple[int, int], list[list[dict[str, Any]]]]
) -> Path:
    """Both shapes of one size under `out`; reused when a finished set is already there."""
    folder = out / f"set-{size_label(rows)}"
    done = folder / "done.txt"
    stamp = f"{FORMAT_VERSION} {SEED} {rows} {','.join(CSV_COLUMNS)}"
    if done.is_file() and done.read_text() == stamp:
        return folder
    json_root = folder / "inferencemax"
    json_root.mkdir(parents=True, exist_ok=True)
    with (folder / "canonical.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for run_id, batch in files(rows, real):
            path = json_root / f"run_{run_id}" / "results.agg_bmk.json"
            path.parent.mkdir(exist_ok=True)
            path.write_text(json.dumps(batch), encoding="utf-8")
            writer.writerows(canonical(r, str(path), run_id) for r in batch)
    done.write_text(stamp)
    return folder


def default_out() -> Path:
    return Path(tempfile.gettempdir()) / "paretop-bench"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1k,10k,100k,1M")
    parser.add_argument("--out", type=Path, default=default_out())
    args = parser.parse_args(argv)
    if args.out.resolve().is_relative_to(ROOT):
        raise SystemExit("bench: --out must be outside the repository")
    real = real_sweeps(shared_inferencemax())
    for rows in parse_sizes(args.sizes):
        print(write_set(rows, args.out, real), file=sys.stderr)


if __name__ == "__main__":
    main()
