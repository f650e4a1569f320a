"""`paretop pull` over real HTTP against a local server that replays the recorded API."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_server import ApiServer
from click.testing import CliRunner, Result
from conftest import SHARED, shared_dir

from tui import cli_remote
from tui.cli import main
from tui.remote import cache

BENCH = "/api/v1/benchmarks"
DSR1 = "DeepSeek-R1-0528"


@pytest.fixture
def api() -> Iterator[ApiServer]:
    server = ApiServer(shared_dir(SHARED / "data" / "inferencex-api")).start()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def fast(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(cli_remote, "TIMEOUT_S", 3.0)  # generous: CI machines are busy
    monkeypatch.setattr(cli_remote, "MAX_RETRY_WAIT_S", 0.01)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PARETOP_API_URL", raising=False)


def root(tmp_path: Path) -> Path:
    return tmp_path / "xdg" / "paretop" / "inferencex"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def pull(api: ApiServer, *args: str) -> Result:
    return run("pull", "--api-url", api.url, *args)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def small_cache(tmp_path: Path) -> tuple[Path, cache.Snapshot]:
    """A complete one-file cache, written the way a pull writes it, and what was written."""
    folder = tmp_path / "c" / "inferencex"
    snap = cache.Snapshot("http://x", "2026-11-30T00:00:00Z")
    snap.add("benchmarks/a.json", b"[]", "http://x/a", "t", 0)
    cache.write(folder, snap)
    return folder, snap


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("paretop:")]


def test_pull_fills_the_cache_with_a_manifest(api: ApiServer, tmp_path: Path) -> None:
    result = pull(api, "--model", DSR1)
    assert result.exit_code == 0, result.stderr
    folder = root(tmp_path)
    manifest = cache.read_manifest(folder)
    assert manifest is not None
    assert cache.verify(folder, manifest) == []
    entry = manifest["files"]["benchmarks/dsr1.json"]
    assert entry["rows"] == 435  # SOURCE.md: 435 rows
    assert entry["url"] == f"{api.url}{BENCH}?model={DSR1}"
    body = (folder / "benchmarks/dsr1.json").read_bytes()
    assert entry["sha256"] == hashlib.sha256(body).hexdigest()
    assert manifest["models"]["dsr1"]["latest"] == "2026-06-11"
    assert manifest["api_url"] == api.url
    # availability first, then the one model; a User-Agent naming paretop, gzip asked for
    assert [p for p, _ in api.log] == ["/api/v1/availability", f"{BENCH}?model={DSR1}"]
    headers = api.log[1][1]
    assert headers["User-Agent"].startswith("paretop/")
    assert headers["Accept-Encoding"] == "gzip"
    assert "[####################] 1/1 DeepSeek-R1-0528: 435 rows" in result.stderr
    assert "\x1b" not in result.stderr  # no escape codes when stderr is not a terminal


def test_a_second_pull_with_unchanged_availability_fetches_no_benchmarks(
    api: ApiServer, tmp_path: Path
) -> None:
    assert pull(api, "--model", DSR1).exit_code == 0
    before = snapshot(root(tmp_path))
    api.log.clear()
    result = pull(api, "--model", DSR1)
    assert result.exit_code == 0, result.stderr
    assert [p for p, _ in api.log] == ["/api/v1/availability"]
    assert "unchanged since 2026-06-11" in result.stderr
    assert snapshot(root(tmp_path)) == before


def test_a_newer_date_is_fetched_again(api: ApiServer, tmp_path: Path) -> None:
    assert pull(api, "--model", DSR1).exit_code == 0
    api.bump("dsr1", "2026-07-01")
    api.log.clear()
    assert pull(api, "--model", DSR1).exit_code == 0
    assert len(api.paths(BENCH)) == 1
    manifest = cache.read_manifest(root(tmp_path))
    assert manifest is not None and manifest["models"]["dsr1"]["latest"] == "2026-07-01"


def test_api_url_from_the_environment(api: ApiServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARETOP_API_URL", api.url)
    assert run("pull", "--model", "dsr1").exit_code == 0
    assert len(api.paths(BENCH)) == 1


def test_429_waits_as_told_and_tries_again(api: ApiServer, tmp_path: Path) -> None:
    api.fail(BENCH, "429")
    result = pull(api, "--model", DSR1)
    assert result.exit_code == 0, result.stderr
    assert len(api.paths(BENCH)) == 2
    assert cache.read_manifest(root(tmp_path)) is not None


def test_at_most_three_attempts(api: ApiServer, tmp_path: Path) -> None:
    api.fail(BENCH, "503", "503", "503", "503")
    result = pull(api, "--model", DSR1)
    assert result.exit_code == 1
    assert len(api.paths(BENCH)) == 3
    assert errors(result) == [
        f"paretop: pull failed: {api.url}{BENCH}?model={DSR1}: HTTP 503: Internal server error; "
        "nothing was cached"
    ]
    assert not root(tmp_path).exists()


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        ("500", "HTTP 500: Internal server error"),  # not retried
        ("truncate", "the answer was cut off"),
        ("badgzip", "the gzip answer is cut off or corrupt"),
        ("badjson", "the answer is not valid JSON"),
        ("slow", "no answer within 3 s"),
        ("die", "connection failed"),
    ],
)
def test_a_failed_pull_says_one_line_and_keeps_the_last_good_cache(
    api: ApiServer, tmp_path: Path, fault: str, said: str
) -> None:
    assert pull(api, "--model", DSR1).exit_code == 0
    before = snapshot(root(tmp_path))
    api.bump("dsr1", "2026-07-01")  # so the second pull asks for the rows again
    api.fail(BENCH, fault)
    result = pull(api, "--model", DSR1)
    assert result.exit_code == 1
    lines = errors(result)
    assert len(lines) == 1, result.stderr
    assert said in lines[0]
    assert lines[0].endswith(
        "the previous data stays in use (InferenceX, pulled "
        f"{json.loads(before['manifest.json'])['pulled_at'][:10]})"
    )
    if fault == "500":
        assert len(api.paths(BENCH)) == 2  # one in the first pull, one now: no retry
    assert snapshot(root(tmp_path)) == before
    leftovers = [p.name for p in root(tmp_path).parent.iterdir()]
    assert leftovers == ["inferencex"]


def test_offline_is_one_line(tmp_path: Path) -> None:
    result = run("pull", "--api-url", "http://127.0.0.1:9")  # discard port: nothing listens
    assert result.exit_code == 1
    assert len(errors(result)) == 1
    assert "cannot connect" in errors(result)[0]
    assert result.stderr.count("\n") == 1


def test_unknown_model_keys_are_shown_not_fatal(api: ApiServer, tmp_path: Path) -> None:
    row = dict(api.availability[0], model="zz-new", date="2026-06-20")
    api.availability.append(row)
    result = pull(api)
    assert result.exit_code == 0, result.stderr
    assert "unknown model key 'zz-new'" in result.stderr
    assert "unknown model key 'glm5.1'" in result.stderr  # in the recorded availability
    manifest = cache.read_manifest(root(tmp_path))
    assert manifest is not None
    assert "zz-new" not in manifest["models"] and "dsr1" in manifest["models"]
    # every known model asked once, one at a time; none for the unknown keys
    asked = api.paths(BENCH)
    assert len(asked) == len(manifest["models"]) == 9


def test_a_model_the_api_does_not_have(api: ApiServer) -> None:
    result = pull(api, "--model", "NoSuchModel")
    assert result.exit_code == 1
    assert "no model 'NoSuchModel'" in errors(result)[0]
    assert api.paths(BENCH) == []


def test_history_fetches_each_sequence(api: ApiServer, tmp_path: Path) -> None:
    assert pull(api, "--model", DSR1, "--history").exit_code == 0
    hist = [p for p, _ in api.log if p.startswith(f"{BENCH}/history")]
    # the recorded availability (its top 10 dates) lists dsr1 at 1k/1k and 8k/1k only
    assert len(hist) == 2
    manifest = cache.read_manifest(root(tmp_path))
    assert manifest is not None
    rows = sum(e["rows"] for rel, e in manifest["files"].items() if rel.startswith("history/"))
    assert rows == 555 + 564  # the recorded history rows at 1k/1k and at 8k/1k
    api.log.clear()
    assert pull(api, "--model", DSR1, "--history").exit_code == 0
    assert api.paths(BENCH) == [] and api.paths(f"{BENCH}/history") == []


def test_an_interrupted_swap_is_recovered(api: ApiServer, tmp_path: Path) -> None:
    assert pull(api, "--model", DSR1).exit_code == 0
    folder = root(tmp_path)
    before = snapshot(folder)
    folder.rename(folder.parent / ".inferencex.old-123")  # cut off between the two renames
    cache.recover(folder)
    assert snapshot(folder) == before


def test_a_write_that_fails_leaves_no_half_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, snap = small_cache(tmp_path)
    before = snapshot(folder)

    def boom(*args: object, **kw: object) -> str:
        raise OSError("disk full")

    monkeypatch.setattr(cache.json, "dumps", boom)
    snap.add("benchmarks/b.json", b"[]", "http://x/b", "t", 0)
    with pytest.raises(OSError):
        cache.write(folder, snap)
    assert snapshot(folder) == before
    assert [p.name for p in folder.parent.iterdir()] == ["inferencex"]


def test_a_pull_as_of_a_date(api: ApiServer, tmp_path: Path) -> None:
    result = pull(api, "--model", DSR1, "--date", "2026-06-01")
    assert result.exit_code == 0, result.stderr
    assert api.paths(BENCH) == [f"{BENCH}?model={DSR1}&date=2026-06-01"]
    manifest = cache.read_manifest(root(tmp_path))
    assert manifest is not None and manifest["as_of"] == "2026-06-01"
    # the newest recorded dsr1 date on or before 2026-06-01
    assert manifest["models"]["dsr1"]["latest"] <= "2026-06-01"
    api.log.clear()
    assert pull(api, "--model", DSR1).exit_code == 0  # the latest data is another snapshot
    assert api.paths(BENCH) == [f"{BENCH}?model={DSR1}"]


def test_a_bad_date_is_a_usage_error(api: ApiServer) -> None:
    result = pull(api, "--date", "June")
    assert result.exit_code == 2 and "not a date like 2026-11-30" in result.stderr
    assert api.log == []


def test_the_cache_reads_cleanly_with_check(api: ApiServer, tmp_path: Path) -> None:
    assert pull(api, "--model", DSR1).exit_code == 0
    got = run("check", str(root(tmp_path)))
    assert got.exit_code == 0, got.stdout
    assert "435" in got.stdout


def test_a_damaged_cache_is_fetched_again(api: ApiServer, tmp_path: Path) -> None:
    assert pull(api, "--model", DSR1).exit_code == 0
    (root(tmp_path) / "benchmarks/dsr1.json").write_text("[]")  # no longer what was pulled
    api.log.clear()
    assert pull(api, "--model", DSR1).exit_code == 0
    assert len(api.paths(BENCH)) == 1
    manifest = cache.read_manifest(root(tmp_path))
    assert manifest is not None and cache.verify(root(tmp_path), manifest) == []


def test_retry_after_is_honoured_and_capped(api: ApiServer) -> None:
    from tui.remote.client import Client

    waits: list[float] = []
    api.fail(BENCH, "429", "502")  # both say Retry-After: 1
    client = Client(api.url, timeout_s=3.0, max_wait_s=60, sleep=waits.append)
    got = client.get_json(BENCH, {"model": DSR1})
    assert waits == [1.0, 1.0] and len(got.data) == 435
    api.fail(BENCH, "503")
    capped = Client(api.url, timeout_s=3.0, max_wait_s=0.25, sleep=waits.append)
    capped.get_json(BENCH, {"model": DSR1})
    assert waits[-1] == 0.25


def test_a_swap_that_fails_half_way_puts_the_previous_cache_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, snap = small_cache(tmp_path)
    before = snapshot(folder)
    real = cache.os.rename
    calls: list[str] = []

    def second_fails(src: object, dst: object) -> None:
        calls.append(str(dst))
        if len(calls) == 2:  # the new folder into place
            raise OSError("interrupted")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(cache.os, "rename", second_fails)
    with pytest.raises(OSError):
        cache.write(folder, snap)
    monkeypatch.setattr(cache.os, "rename", real)
    assert snapshot(folder) == before
    assert [p.name for p in folder.parent.iterdir()] == ["inferencex"]


def test_a_reader_never_removes_a_running_pulls_folder(api: ApiServer, tmp_path: Path) -> None:
    assert pull(api, "--model", DSR1).exit_code == 0
    busy = root(tmp_path).parent / ".inferencex.tmp-running"
    busy.mkdir()
    assert run("table", "--source", "pulled", "--model", DSR1).exit_code == 0
    assert busy.is_dir()
