"""Property tests: random bytes, random JSON and mutated real files never break a reader.

Whatever a file holds: no exception escapes, every rejection names the file, every accepted row
lies in the plausible ranges, and no output carries a control character.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import FORMATS, INFERENCEMAX
from hostile_corpus import GOOD
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.core.ranges import RANGES
from tui.core.text import inert
from tui.loaders import load_paths
from tui.loaders.meta import parse_sets

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FUZZ = settings(
    max_examples=int(os.environ.get("PARETOP_FUZZ_EXAMPLES", "20")),  # more for a long hunt
    deadline=None,
    derandomize=os.environ.get("PARETOP_FUZZ_EXAMPLES") is None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
VLLM_KEYS = [
    "backend",
    "model_id",
    "max_concurrency",
    "completed",
    "duration",
    "total_input_tokens",
    "total_output_tokens",
    "output_throughput",
    "total_token_throughput",
    "median_ttft_ms",
    "median_tpot_ms",
    "median_itl_ms",
    "median_e2el_ms",
    "request_rate",
]
nasty_text = st.text(st.characters(codec="utf-8"), max_size=12) | (
    st.sampled_from(["=1+1", "-2", "@x", "a|b", "\t", "\x1b]2;t\x07", "\x9b31m", "Infinity"])
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | nasty_text
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=4)
json_docs = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(nasty_text, inner, max_size=4),
    max_leaves=12,
)


def record(base: dict[str, Any], keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A plausible record with some fields replaced by anything."""
    changes = st.dictionaries(st.sampled_from(keys), values, min_size=1, max_size=4)
    return changes.map(lambda c: {**base, **c})


VLLM = {
    "backend": "vllm",
    "model_id": "org/M",
    "max_concurrency": 8,
    "completed": 10,
    "duration": 10.0,
    "total_input_tokens": 10240,
    "total_output_tokens": 10240,
    "output_throughput": 512.0,
    "total_token_throughput": 1536.0,
    "median_ttft_ms": 50,
    "median_tpot_ms": 20,
    "median_itl_ms": 19.0,
    "median_e2el_ms": 10000.0,
}


def dumps(doc: Any) -> str:
    return json.dumps(doc)  # NaN/Infinity tokens included, as some clients write them


def assert_sound(folder: Path) -> None:
    """Read the folder as loaders, `check` and `table` do; assert the four properties."""
    result = load_paths([folder])
    for problem in result.problems:
        assert problem.path.startswith(str(folder)) and problem.reason
        assert not CONTROL.search(str(problem))
    for name, rule in RANGES.items():
        known = [float(v) for v in result.frame[name] if v is not None and not _missing(v)]
        unknown_length = name in ("isl", "osl")  # 0: the file gives no lengths at all
        assert all(rule.holds(v) or (unknown_length and v == 0) for v in known), (name, known)
    runner = CliRunner()
    commands = [["check", str(folder)], ["check", str(folder), "--format", "json"]]
    if "rows" in main.commands:  # `paretop rows` lists what was accepted
        commands.append(["rows", str(folder), "--format", "json"])
    if not result.frame.empty:
        commands += [["table", str(folder), "--format", fmt] for fmt in TABLE_FORMATS]
    for args in commands:
        out = runner.invoke(main, args)
        assert out.exception is None or isinstance(out.exception, SystemExit), (args, out.output)
        assert not CONTROL.search(out.stdout + out.stderr), args
        if args[-1] == "json" and out.stdout:
            json.loads(out.stdout, parse_constant=_no_constant)


TABLE_FORMATS = ("plain", "markdown", "csv", "tsv", "json")


def _missing(value: Any) -> bool:
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} in JSON output")


@FUZZ
@given(data=st.binary(max_size=300), name=nasty_text)
def test_random_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    safe = inert(name).replace("/", "_").replace("\\", "_").lstrip(".")[:40] or "x"
    (folder / f"{safe}.json").write_bytes(data)
    assert_sound(folder)


@FUZZ
@given(doc=json_docs)
def test_random_json(tmp_path_factory: pytest.TempPathFactory, doc: Any) -> None:
    folder = tmp_path_factory.mktemp("json")
    (folder / "r.json").write_text(dumps(doc))
    assert_sound(folder)


@FUZZ
@given(
    agg=st.lists(record(GOOD, list(GOOD)), min_size=1, max_size=3),
    raw=st.lists(record(VLLM, VLLM_KEYS), min_size=1, max_size=3),
)
def test_near_valid_records(
    tmp_path_factory: pytest.TempPathFactory, agg: list[dict[str, Any]], raw: list[Any]
) -> None:
    folder = tmp_path_factory.mktemp("records")
    (folder / "agg.json").write_text(dumps(agg))
    (folder / "vllm.jsonl").write_text("\n".join(dumps(r) for r in raw))
    (folder / "paretop.toml").write_text('hardware = "h200"\nnum_gpus = 2\nprecision = "fp8"\n')
    assert_sound(folder)


def real_files() -> list[Path]:
    found = sorted(INFERENCEMAX.glob("*.json"))[:5] if INFERENCEMAX.is_dir() else []
    fixtures = Path(__file__).parent / "fixtures" / "clients"
    for folder in (FORMATS, fixtures):
        if folder.is_dir():
            found += sorted(p for p in folder.rglob("*") if p.suffix in (".json", ".jsonl", ".csv"))
    return found


REAL = real_files()


@pytest.mark.skipif(not REAL, reason="../shared/data is not here")
@FUZZ
@given(
    pick=st.integers(min_value=0, max_value=max(len(REAL) - 1, 0)),
    cut=st.floats(min_value=0, max_value=1),
    junk=st.binary(min_size=1, max_size=8),
    keep_tail=st.booleans(),
)
def test_mutated_real_files(
    tmp_path_factory: pytest.TempPathFactory, pick: int, cut: float, junk: bytes, keep_tail: bool
) -> None:
    source = REAL[pick]
    data = source.read_bytes()
    at = int(len(data) * cut)
    mutated = data[:at] + junk + (data[at + len(junk) :] if keep_tail else b"")
    folder = tmp_path_factory.mktemp("mutated")
    (folder / source.name).write_bytes(mutated)
    assert_sound(folder)


@FUZZ
@given(key=st.sampled_from(["num_gpus", "isl", "hardware", "disagg", "tp"]), value=nasty_text)
def test_random_set_values(key: str, value: str) -> None:
    try:
        parse_sets([f"{key}={value}"])
    except ValueError as exc:
        assert key in str(exc)


CSV_BASE = {
    "model": "M",
    "hardware": "h100",
    "framework": "vllm",
    "precision": "fp8",
    "isl": "1024",
    "osl": "1024",
    "concurrency": "8",
    "tput_per_gpu": "100",
    "interactivity": "50",
}
# the columns a hand-made or exported CSV may carry beyond the required ones, and junk
EXTRA_COLUMNS = [
    "missing",
    "kind",
    "record",
    "recency",
    "num_gpus",
    "tp",
    "disagg",
    "request_rate",
    "output_tput_per_gpu",
    "tput_formula",
    "model",
    "concurrency",
    "bogus",
    "=x",
]
cells = nasty_text | st.floats().map(repr) | st.integers(-(2**70), 2**70).map(str)


@settings(FUZZ, max_examples=max(FUZZ.max_examples, 30))
@given(
    changes=st.lists(
        st.dictionaries(st.sampled_from(EXTRA_COLUMNS), cells, max_size=4), min_size=1, max_size=3
    )
)
def test_canonical_csv_cells(
    tmp_path_factory: pytest.TempPathFactory, changes: list[dict[str, str]]
) -> None:
    folder = tmp_path_factory.mktemp("csv")
    header = list(dict.fromkeys([*CSV_BASE, *(k for c in changes for k in c)]))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, restval="")
    writer.writeheader()
    writer.writerows({**CSV_BASE, **c} for c in changes)
    (folder / "rows.csv").write_text(buf.getvalue())
    assert_sound(folder)
