"""Pieces of the pull client that need no server."""

from __future__ import annotations

import pytest

from tui.remote.client import Client, PullError, retry_after
from tui.remote.pull import models_in, progress


def test_retry_after_seconds_and_dates() -> None:
    assert retry_after("7") == 7
    assert retry_after(None) == 1
    assert retry_after("soon") == 1
    # an HTTP date 30 s after "now" (epoch 1_000_000_000 is Sun, 09 Sep 2001 01:46:40 GMT)
    assert retry_after("Sun, 09 Sep 2001 01:47:10 GMT", now=1_000_000_000) == 30


def test_urls_encode_the_display_name() -> None:
    client = Client("http://h/")
    url = client.url("/api/v1/benchmarks", {"model": "Llama-3.3-70B-Instruct-FP8", "date": "x y"})
    assert url == "http://h/api/v1/benchmarks?model=Llama-3.3-70B-Instruct-FP8&date=x+y"


def test_latest_date_per_model_as_of_a_day() -> None:
    rows = [
        {"model": "dsr1", "isl": 1024, "osl": 1024, "date": "2026-01-02"},
        {"model": "dsr1", "isl": 8192, "osl": 1024, "date": "2026-03-01"},
        {"model": "zz", "isl": 1024, "osl": 1024, "date": "2026-01-01"},
    ]
    (dsr1, zz) = models_in(rows, None)
    assert (dsr1.name, dsr1.latest, dsr1.sequences) == (
        "DeepSeek-R1-0528",
        "2026-03-01",
        ((1024, 1024), (8192, 1024)),
    )
    assert zz.name is None
    (dsr1,) = models_in(rows[:2], "2026-02-01")
    assert dsr1.latest == "2026-01-02"


@pytest.mark.parametrize(("done", "bar"), [(0, "[----]"), (1, "[##--]"), (2, "[####]")])
def test_progress_is_plain_text(done: int, bar: str) -> None:
    assert progress(done, 2, "m", width=4) == f"{bar} {done}/2 m"


@pytest.mark.parametrize("base", ["file:///etc", "ftp://h", "inferencex.semianalysis.com"])
def test_only_http_urls(base: str) -> None:
    with pytest.raises(PullError, match="must start with http"):
        Client(base).url("/api/v1/availability")
