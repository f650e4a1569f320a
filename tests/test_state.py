"""The explorer's state logic and sidebar counts, without a screen."""

from __future__ import annotations

from dataclasses import replace

from helpers import app_frame, app_request, frame, row

from tui.app.session import Session, ViewState, next_cost_model, next_metric
from tui.core.advice import missing_notes
from tui.core.choices import counts, sequence_counts
from tui.core.export import to_json
from tui.core.table import Options, compute
from tui.pipeline import build_request, load

RUNS = frame(
    row(hardware="h200", precision="fp8"),
    row(hardware="h200", precision="fp8", concurrency=16.0),
    row(hardware="b200", precision="fp4"),
    row(hardware="b200", precision="fp8", spec_decoding="mtp"),
)


def test_counts_apply_every_other_filter() -> None:
    got = counts(
        RUNS,
        {
            "precision": ("fp4",),
            "hardware": ("h200", "b200"),
            "framework": ("sglang",),
            "spec": ("none", "mtp"),
        },
    )
    # With fp4 chosen only b200 has runs: h200 would show nothing, so it is marked (0).
    assert got["hardware"] == {"b200": 1, "h200": 0}
    # Precision counts ignore the precision choice itself.
    assert got["precision"] == {"fp4": 1, "fp8": 3}
    assert got["spec"] == {"mtp": 0, "none": 1}


def test_sequence_counts_are_sorted_by_length() -> None:
    runs = frame(row(isl=8192, osl=1024), row(), row(), row(isl=1024, osl=8192))
    assert sequence_counts(runs) == {"1k/1k": 2, "1k/8k": 1, "8k/1k": 1}


FILTERS = {
    "precision": ("fp8",),
    "hardware": ("h200",),
    "framework": ("sglang",),
    "spec": ("none",),
    "server": ("",),
}


def test_visual_changes_do_not_recompute() -> None:
    state = ViewState("M", "1k/1k", FILTERS)
    session = Session(RUNS, build_request())
    first = session.outcome(state)
    assert first.table is not None
    assert session.outcome(replace(state, log_y=True, metric="ttft_s")) is first  # cached
    assert session.outcome(next_cost_model(state)) is not first
    assert next_metric(state).metric == "output_tput_per_gpu"
    assert next_metric(state, -1).metric == "e2el_s"  # wraps around


def test_initial_state_from_flags_and_model_switch() -> None:
    request = build_request(model="dsr1", filters={"hardware": ("h200",), "spec": ("off",)})
    explorer = Session(load(request)[0], request)
    state = explorer.initial_state()
    assert (state.model, state.sequence, state.chosen("hardware"), state.chosen("spec")) == (
        "DeepSeek-R1-0528",
        "1k/1k",
        ("h200",),
        ("none",),
    )
    switched = explorer.with_model(state, "gpt-oss-120b")
    assert switched.chosen("hardware") == (
        "b200",
        "gb200",
        "h100",
        "h200",
        "mi355x",
    )  # every GPU again
    assert switched.targets is None


def test_refreshed_takes_in_new_values_only_where_all_were_chosen() -> None:
    request = build_request()
    before = Session(RUNS, request)
    state = replace(before.initial_state(), model="M")
    state = state.with_filter("precision", ("fp8",))  # a narrowed filter stays narrowed
    after = Session(
        frame(*[row(hardware=h) for h in ("h200", "b200", "mi355x")], row(precision="fp4")), request
    )
    new = after.refreshed(state, before)
    assert new.chosen("hardware") == ("b200", "h200", "mi355x")  # all were chosen: the GPU joins
    assert new.chosen("precision") == ("fp8",)


def test_missing_notes_name_keys_and_place() -> None:
    runs = frame(
        row(source="/s/a/x.json", missing="hardware,num_gpus"),
        row(source="/s/a/y.json", missing="num_gpus"),
        row(source="/s/b/z.json", missing=""),
    )
    assert missing_notes(runs) == [
        "2 runs in /s/a do not say hardware, num_gpus, so per-GPU throughput, cost and power are "
        'unknown: add --set hardware=h200 --set num_gpus=8 (your values) or write hardware = "h200"; '
        "num_gpus = 8 in /s/a/paretop.toml."
    ]


def test_cached_changes_give_what_a_fresh_compute_gives() -> None:
    """Every change reuses cached slices, series and values; the numbers must not notice."""
    request = app_request()
    data = app_frame()
    session = Session(data, request)
    state = session.initial_state()
    gpus = state.chosen("hardware")
    steps = [
        lambda s: s.with_filter("hardware", gpus[1:]),
        next_cost_model,
        lambda s: replace(s, targets=(30.0, 40.0)),
        lambda s: s.with_filter("hardware", gpus),
        next_cost_model,
        lambda s: replace(s, targets=None, keep_reruns=True),
        lambda s: replace(s, group_by=("hardware",)),
        lambda s: replace(s, group_by=None, keep_reruns=False),
    ]
    for step in steps:
        state = step(state)
        table = session.outcome(state).table
        assert table is not None
        options = Options(state.targets, state.cost_model, state.keep_reruns)
        fresh = compute(
            session.model_rows(state.model), session.selection(state), request.hardware, options
        )
        assert to_json(table) == to_json(fresh)
        assert session.sidebar_counts(state)["counts"] == counts(session.rows(state), state.filters)


def test_an_untouched_series_is_reused() -> None:
    session = Session(app_frame(), app_request())
    state = session.initial_state()
    first = session.outcome(state).table
    assert first is not None and len(first.series) > 2
    gone = first.series[0].key["hardware"]
    fewer = state.with_filter("hardware", tuple(g for g in state.chosen("hardware") if g != gone))
    second = session.outcome(fewer).table
    assert second is not None
    kept = {id(s) for s in first.series} & {id(s) for s in second.series}
    assert kept and all(s.key["hardware"] != gone for s in second.series)
