"""`paretop table`: the seed page reproduced, formats, exit codes, messages without tracebacks."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import main

SEED = [
    "table",
    "--model",
    "dsv4",
    "--hardware",
    "h200",
    "--precision",
    "fp8",
    "--sequence",
    "1k/1k",
    "--group-by",
    "spec",
    "--targets",
    "26,44,62",
]
# The seed page's published figures (issue 2), per target 26 / 44 / 62 tok/s/user.
PUBLISHED: dict[str, dict[str, list[float]]] = {
    "mtp": {
        "tput": [272.7, 219.5, 162.9],
        "conc": [54, 21, 11],
        "cost": [1.433, 1.802, 2.342],
        "mw": [157624, 126897, 94160],
    },
    "none": {
        "tput": [299.3, 157.6, 77.4],
        "conc": [53, 16, 5],
        "cost": [1.324, 2.486, 4.931],
        "mw": [173019, 91093, 44762],
    },
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_seed_page_reproduced() -> None:
    code, out, _ = run(*SEED, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["targets"] == [26, 44, 62]
    by_spec = {s["key"]["spec_decoding"]: s for s in doc["series"]}
    assert set(by_spec) == {"mtp", "none"}
    for spec, want in PUBLISHED.items():
        vals = by_spec[spec]["values"]
        assert [v["interactivity"] for v in vals] == [26, 44, 62]
        assert [v["tput_per_gpu"] for v in vals] == want["tput"]
        assert [v["concurrency"] for v in vals] == want["conc"]
        for v, mw in zip(vals, want["mw"], strict=True):
            assert v["tok_s_per_mw"] == pytest.approx(mw, rel=1e-3)
        for v, cost in zip(vals, want["cost"], strict=True):
            assert v["cost_per_mtok"] == pytest.approx(cost, rel=0.03)  # DESIGN.md §3
    assert by_spec["mtp"]["label"] == "MTP" and by_spec["none"]["label"] == "Off"
    assert any("110% more tok/s/GPU" in s and "52% cheaper" in s for s in doc["sentences"])
    assert doc["problems"] == []


def test_markdown_marks_the_best() -> None:
    code, out, _ = run(*SEED, "--format", "markdown")
    assert code == 0
    assert "| tok/s/GPU | MTP | 272.7 | **219.5** | **162.9** |" in out
    assert "|  | Off | **299.3** | 157.6 | 77.4 |" in out
    assert "|  | Off | ~53 | ~16 | ~5 |" in out


def test_plain_csv_tsv() -> None:
    assert "tok/s/GPU    MTP" in run(*SEED)[1]
    csv_out = run(*SEED, "--format", "csv")[1].splitlines()
    assert csv_out[0].startswith("series,spec_decoding,interactivity,tput_per_gpu")
    assert csv_out[1].startswith("MTP,mtp,26.0,272.7,")  # machine values, canonical names
    assert len(csv_out) == 1 + 2 * 3
    tsv_out = run(*SEED, "--format", "tsv")[1].splitlines()
    assert [line.split("\t") for line in tsv_out] == [line.split(",") for line in csv_out]


def test_plain_best_marker_keeps_digits_aligned() -> None:
    lines = run(*SEED)[1].splitlines()
    mtp, off = lines[4], lines[5]  # 272.7 (not best at 26) above 299.3 * (best)
    assert mtp.index("272.7") + 5 == off.index("299.3") + 5  # the digits end in one column


def test_bundled_default_prints_a_table() -> None:
    code, out, _ = run("table")
    assert code == 0 and "tok/s/GPU" in out and "bundled InferenceMAX snapshot" in out


def test_cost_model_and_override() -> None:
    base = json.loads(run(*SEED, "--format", "json")[1])["series"][0]["values"][0]["cost_per_mtok"]
    rental = json.loads(run(*SEED, "--format", "json", "--cost-model", "rental")[1])
    assert rental["series"][0]["values"][0]["cost_per_mtok"] == pytest.approx(base * 1.60 / 1.41)
    over = json.loads(run(*SEED, "--format", "json", "--gpu-cost", "h200=2.82")[1])
    assert over["series"][0]["values"][0]["cost_per_mtok"] == pytest.approx(base * 2)


def test_unknown_hardware_has_no_cost(tmp_path: Path) -> None:
    csv = tmp_path / "x.csv"
    csv.write_text(
        "model,hardware,framework,precision,isl,osl,concurrency,tput_per_gpu,interactivity\n"
        "M,tpu9,jax,bf16,1024,1024,8,100,50\nM,tpu9,jax,bf16,1024,1024,16,150,30\n"
    )
    code, out, _ = run("table", str(csv), "--targets", "40", "--format", "json")
    v = json.loads(out)["series"][0]["values"][0]
    assert code == 0 and v["tput_per_gpu"] is not None
    assert v["cost_per_mtok"] is None and v["tok_s_per_mw"] is None
    assert "—" in run("table", str(csv), "--targets", "40")[1]


def test_target_outside_every_frontier_is_an_error_naming_the_range() -> None:
    code, out, err = run(*SEED[:-1], "20,44,70", "--format", "json")
    assert code == 1 and out == ""
    assert err == (
        "paretop: target 20, 70 tok/s/user is outside every series' frontier (26–62 tok/s/user)\n"
    )


def test_target_outside_one_frontier_is_a_dash() -> None:
    code, out, _ = run(
        "table", "--model", "dsr1", "--sequence", "1k/1k", "--targets", "200", "--format", "json"
    )
    values = {s["label"]: s["values"][0]["tput_per_gpu"] for s in json.loads(out)["series"]}
    assert code == 0 and values["gb200/dynamo-trt/MTP/fp4"] is not None
    assert values["h200/sglang/Off/fp8"] is None  # its frontier ends below 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "deep"], "ambiguous: it matches DeepSeek-R1-0528, DeepSeek-V4-Pro"),
        (["--model", "llama"], "no model matches 'llama'; available: DeepSeek-R1-0528"),
        (
            ["--model", "dsr1", "--hardware", "tpu"],
            "no hardware tpu in this selection; available: b200",
        ),
        (["--model", "dsr1", "--sequence", "2k/2k"], "available: 1k/1k, 1k/8k, 8k/1k"),
        (["--targets", "fast"], "target 'fast' is not a number"),
        (["--group-by", "color"], "cannot group by 'color'"),
        (["--gpu-cost", "h200"], "GPU=VALUE"),
    ],
)
def test_selection_errors(args: list[str], message: str) -> None:
    code, out, err = run("table", *args)
    assert code == 1 and out == ""
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_bad_files_reported_good_rows_kept(tmp_path: Path) -> None:
    (tmp_path / "good.csv").write_text(
        "model,hardware,framework,precision,isl,osl,concurrency,tput_per_gpu,interactivity\n"
        "M,h200,vllm,fp8,1024,1024,8,100,50\nM,h200,vllm,fp8,1024,1024,16,150,30\n"
    )
    (tmp_path / "broken.json").write_text('[{"hw": "h200", "tput_per')
    code, out, err = run("table", str(tmp_path), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert len(doc["series"]) == 1 and doc["series"][0]["runs"] == 2
    assert doc["problems"][0]["path"].endswith("broken.json")
    assert "broken.json" in err and "truncated" in err


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{")
    code, _, err = run("table", str(tmp_path))
    assert code == 1 and "no benchmark rows could be read" in err and "broken.json" in err
