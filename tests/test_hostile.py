"""Hostile files and text: every case is reported by name, nothing hangs, nothing escapes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hostile_corpus import GOOD, deep_path, make_corpus, rows

from tui.cli import main
from tui.loaders import load_paths

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # tab and newline are the format's own
MODEL = "DeepSeek-R1-0528"


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    folder = tmp_path / "sweep"
    return folder, make_corpus(folder)


def problems_by_name(folder: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in load_paths([folder]).problems:
        out.setdefault(Path(p.path).name, []).append(p.reason)
    return out


def test_every_hostile_case_is_named_with_its_reason(corpus: tuple[Path, dict[str, str]]) -> None:
    folder, expected = corpus
    found = problems_by_name(folder)
    for name, reason in expected.items():
        if reason:
            assert any(reason in r for r in found.get(name, [])), (name, found.get(name))
        else:
            assert name not in found, (name, found[name])
    assert set(found) <= set(expected)  # nothing else is blamed
    result = load_paths([folder])
    clean = [n for n, r in expected.items() if not r]
    assert len(result.frame) == len(clean)  # one row in each clean file


def test_a_path_beyond_path_max_is_reported(tmp_path: Path) -> None:
    (tmp_path / "good.json").write_text(rows())
    deep = deep_path(tmp_path)
    result = load_paths([tmp_path])
    assert len(result.frame) == 1
    reasons = [p.reason for p in result.problems]
    assert len(reasons) == 1 and "path too long" in reasons[0]
    assert result.problems[0].path.startswith(str(deep))


def test_a_folder_that_cannot_be_listed_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "good.json").write_text(rows())
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = load_paths([tmp_path])
    assert [(Path(p.path).name, p.reason) for p in result.problems] == [
        ("locked", "folder not listed: cannot read: Permission denied")
    ]


def test_a_symlinked_folder_is_followed_once(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "r.json").write_text(rows())
    (tmp_path / "sweep").mkdir()
    (tmp_path / "sweep" / "linked").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "sweep" / "linked" / "back").symlink_to(tmp_path / "sweep")
    result = load_paths([tmp_path / "sweep"])
    assert len(result.frame) == 1
    assert [Path(p.path).name for p in result.problems] == ["back"]  # the loop, once


def test_a_fifo_given_directly_is_a_problem(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.json")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "x.json")])
    assert result.exit_code == 1 and "FIFO" in result.stdout


def run(args: list[str]) -> Result:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_check_output_has_no_control_characters(corpus: tuple[Path, dict[str, str]]) -> None:
    folder, expected = corpus
    result = run(["check", str(folder)])
    assert result.exit_code == 2  # rows read, and problems
    assert not CONTROL.search(result.stdout)
    assert "\\x1b]2;pwned\\x07" in result.stdout  # the escape is shown, inert
    summary = result.stdout.strip().splitlines()[-1]
    bad = sum(1 for r in expected.values() if r)
    assert summary.endswith(f"problems in {bad} files.")


@pytest.mark.parametrize("fmt", ["plain", "markdown", "csv", "tsv", "json"])
def test_table_output_is_inert(corpus: tuple[Path, dict[str, str]], fmt: str) -> None:
    folder, _ = corpus
    result = run(["table", str(folder), "--model", MODEL, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert not CONTROL.search(result.stdout) and not CONTROL.search(result.stderr)
    if fmt != "tsv":
        assert "\t" not in result.stdout and "\t" not in result.stderr
    CHECKS[fmt](result.stdout)


def _markdown(text: str) -> None:
    table = [line for line in text.splitlines() if line.startswith("|")]
    cells = {len(re.findall(r"(?<!\\)\|", line)) for line in table}
    assert len(cells) == 1  # a `|` in a name is escaped, never a new column


def _tsv(text: str) -> None:
    lines = text.rstrip("\n").split("\n")
    assert len({line.count("\t") for line in lines}) == 1
    for line in lines:
        assert not any(c.startswith(("=", "+", "-", "@")) for c in line.split("\t"))


def _csv(text: str) -> None:
    for record in csv.reader(io.StringIO(text)):
        for c in record:
            numeric = re.fullmatch(r"-?\d+(\.\d+)?(e[+-]?\d+)?", c)
            assert numeric or not c.startswith(("=", "+", "-", "@", "\t", "\r")), c


def _json(text: str) -> None:
    def no_constant(name: str) -> None:
        raise AssertionError(f"{name} in JSON output")

    doc = json.loads(text, parse_constant=no_constant)
    assert shlex.split(doc["command"])[:2] == ["paretop", "table"]


def _plain(text: str) -> None:
    assert "\\x1b]2;pwned\\x07" in text


CHECKS = {"plain": _plain, "markdown": _markdown, "csv": _csv, "tsv": _tsv, "json": _json}


def test_the_command_quotes_every_value(tmp_path: Path) -> None:
    evil = "$(touch pwned) x"
    (tmp_path / "r.json").write_text(rows(framework=evil))
    result = run(["table", str(tmp_path), "--framework", evil, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    args = shlex.split(json.loads(result.stdout)["command"])
    assert args[args.index("--framework") + 1] == evil


def test_a_huge_gpu_cost_is_refused_not_infinite(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text(rows())
    result = run(["table", str(tmp_path), "--gpu-cost", "b200=1e308", "--format", "json"])
    assert result.exit_code == 1 and "--gpu-cost" in result.stderr
    assert "Infinity" not in result.stdout


@pytest.mark.parametrize(
    ("flag", "message"),
    [
        ("num_gpus=1.5", "num_gpus must be an integer in [1, 1e5], got '1.5'"),
        ("num_gpus=9223372036854775808", "num_gpus must be an integer"),
        ("isl=-5", "isl must be an integer in [1, 1e7]"),
        ("disagg=maybe", "disagg must be true or false"),
    ],
)
def test_set_values_are_type_checked(tmp_path: Path, flag: str, message: str) -> None:
    (tmp_path / "r.json").write_text(rows())
    result = run(["check", str(tmp_path), "--set", flag])
    assert result.exit_code == 1 and message in result.stderr


def test_sidecar_values_are_type_checked(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text(rows())
    (tmp_path / "paretop.toml").write_text('hardware = ["h200"]\nnum_gpus = 1.5\nmodel = "M"\n')
    result = load_paths([tmp_path])
    assert sorted((Path(p.path).name, p.reason) for p in result.problems) == [
        ("paretop.toml", "hardware must be a single value, got a list; ignored"),
        ("paretop.toml", "num_gpus must be an integer in [1, 1e5], got 1.5; ignored"),
    ]
    assert list(result.frame["hardware"]) == ["b200"]  # the list was not taken for a name


def test_hostile_sidecars_and_configs_are_reported(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text(rows())
    os.mkfifo(tmp_path / "paretop.toml")
    assert "FIFO" in load_paths([tmp_path]).problems[0].reason
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    for config, said in ((tmp_path / "paretop.toml", "FIFO"), (deep, "too deeply nested")):
        result = run(["table", str(tmp_path / "r.json"), "--config", str(config)])
        assert result.exit_code == 1 and said in result.stderr


def test_json_lines_stop_at_a_first_record_no_format_reads(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text('{"a": 1}\n' * 1000)
    result = load_paths([tmp_path])
    assert [p.reason for p in result.problems] == [
        "unrecognised JSON: the first record is not a known benchmark format"
    ]


def test_big_arrays_are_read_element_by_element(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.loaders.one_file as one_file
    import tui.loaders.records as records

    monkeypatch.setattr(one_file, "STREAM_BYTES", 100)
    monkeypatch.setattr(records, "MAX_RECORDS", 5)
    (tmp_path / "big.json").write_text(json.dumps([GOOD, {"a": 1}, {"a": 2}, GOOD, 7, 8, 9]))
    result = load_paths([tmp_path])
    assert len(result.frame) == 2  # GOOD twice; the 6th record is past the limit of 5
    assert [p.reason for p in result.problems] == [
        "more than 5 records: not a results file, stopped there",
        "3 records are not inferencemax records, skipped",  # {"a": 1}, {"a": 2}, 7
    ]


def test_canonical_csv_meta_columns_are_checked(tmp_path: Path) -> None:
    head = "model,hardware,framework,precision,isl,osl,concurrency,tput_per_gpu,interactivity"
    (tmp_path / "r.csv").write_text(
        f"{head},missing,kind\n"
        'M,h100,vllm,fp8,1024,1024,8,100,50,"hardware,num_gpus",run\n'  # as paretop writes it
        'M,h100,vllm,fp8,1024,1024,16,90,40,"a,b",run\n'
        "M,h100,vllm,fp8,1024,1024,32,80,30,,=x\n"
    )
    result = run(["check", str(tmp_path), "--format", "json"])
    doc = json.loads(result.stdout)
    assert result.exit_code == 2 and doc["rows"] == 1
    assert [(p["row"], p["reason"]) for p in doc["problems"]] == [
        (1, "missing must list only hardware, num_gpus, precision, framework, got 'a'"),
        (2, "kind must be run or published, got '=x'"),
    ]


def test_cells_stay_safe_in_ascii_output(tmp_path: Path) -> None:
    """Dashes and bars that ASCII output turns into "-" and "|" are neutralised first."""
    (tmp_path / "r.json").write_text(rows(framework="\u20142+3\u2502x"))
    for fmt in ("csv", "tsv", "markdown"):
        result = run(["table", str(tmp_path), "--ascii", "--format", fmt])
        assert result.exit_code == 0, result.stderr
        CHECKS[fmt](result.stdout)
    assert ",'-2+3|x," in run(["table", str(tmp_path), "--ascii", "--format", "csv"]).stdout


def test_following_a_folder_beyond_path_max_does_not_crash(tmp_path: Path) -> None:
    from tui.app.watch import signature

    (tmp_path / "good.json").write_text(rows())
    (tmp_path / "paretop.toml").write_text('hardware = "h200"\n')
    deep_path(tmp_path)
    names = [Path(p).name for p, _, _ in signature((tmp_path, tmp_path / ("x" * 5000)))]
    assert names == ["good.json", "paretop.toml"]  # the deep file cannot be listed at all


def test_big_text_tables_are_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.loaders.records as records

    monkeypatch.setattr(records, "MAX_RECORDS", 3)
    head = "model,hardware,framework,precision,isl,osl,concurrency,tput_per_gpu,interactivity"
    line = "M,h100,vllm,fp8,1024,1024,8,100,50\n"
    (tmp_path / "ok.csv").write_text(head + "\n" + line * 3)  # 4 lines: header and 3 rows
    (tmp_path / "long.csv").write_text(head + "\n" + line * 4)
    monkeypatch.setattr(records, "MAX_CSV_CHARS", 200)  # ok.csv has 82 + 1 + 3 x 36 = 191
    (tmp_path / "wide.csv").write_text(head + "\n" + line.replace("M,", "M" * 100 + ","))
    result = load_paths([tmp_path])
    assert len(result.frame) == 3
    assert [(Path(p.path).name, p.reason) for p in result.problems] == [
        ("long.csv", "more than 3 lines: not a results table, skipped"),
        ("wide.csv", "larger than 200 bytes of text: not a results table, skipped"),
    ]


def test_json_with_too_many_values_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.loaders.records as records

    monkeypatch.setattr(records, "MAX_JSON_VALUES", 40)
    (tmp_path / "ok.json").write_text(rows())  # 19 keys: 19 ':' + 18 ',' = 37
    # 1 + 30 ':' and 29 ',' = 60
    (tmp_path / "big.json").write_text(json.dumps({"benchmarks": [{"metrics": {}}] * 30}))
    result = load_paths([tmp_path])
    assert [(Path(p.path).name, p.reason) for p in result.problems] == [
        ("big.json", "holds about 60 values: too many for a results file, skipped"),
    ]


def test_concurrency_below_one_or_huge_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([{**GOOD, "conc": c} for c in (0.5, 1e300, 63.87)]))
    result = load_paths([tmp_path])
    assert list(result.frame["concurrency"]) == [63.87]  # a mean concurrency, as trtllm-bench
    assert [p.reason for p in result.problems] == [
        "concurrency must be a number in [1, 1e6], got 0.5",
        "concurrency must be a number in [1, 1e6], got 1e+300",
    ]


def test_an_empty_array_is_a_problem_except_where_it_is_a_normal_answer(tmp_path: Path) -> None:
    (tmp_path / "mine.json").write_text("[]")
    (tmp_path / "run_1.agg_bmk.json").write_text("[]")  # InferenceMAX: a run with no rows
    cache = tmp_path / "cache"
    (cache / "benchmarks").mkdir(parents=True)
    (cache / "manifest.json").write_text('{"paretop_inferencex_cache": 1, "files": {}}')
    (cache / "benchmarks" / "m.json").write_text("[]")  # pulled: a model with no rows yet
    result = load_paths([tmp_path])
    assert [(Path(p.path).name, p.reason) for p in result.problems] == [
        ("mine.json", "no rows: an empty JSON array")
    ]
