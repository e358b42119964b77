"""Item 2: server-given delays are clamped; one source's failure never stops a pass; config durations
are finite and bounded (`check` says which key)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from myofeed.config import load_config
from myofeed.core import Myofeed

from ..conftest import FixtureServer, Route
from ._hostile import myofeed, rss, source, status

FEED = {"Content-Type": "application/rss+xml"}


@pytest.mark.parametrize("value", ["999999999999", "99999999999999999999", "1" * 400,
                                   "Fri, 31 Dec 9999 23:59:59 GMT"])
def test_huge_retry_after_is_clamped_and_the_pass_goes_on(
    value: str, http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    http_server.routes["/busy"] = Route(b"slow down", 503, {"Retry-After": value})
    http_server.routes["/good"] = Route(rss([("Dermatomyositis news", "g1")]), headers=FEED)
    config = config_file(source("busy", http_server.url("/busy")) + source("good", http_server.url("/good")))
    before = datetime.now(UTC)
    run = myofeed(config, "ingest", "--all")
    assert "good: 1 new" in run.stdout, run.stdout + run.stderr
    assert "busy: FAILED" in run.stdout and "Traceback" not in run.stderr
    rows = status(config)
    assert rows["good"]["posts"] == 1
    busy = rows["busy"]
    assert busy["consecutive_failures"] == 1
    due = datetime.fromisoformat(busy["next_fetch"])
    assert before + timedelta(days=6, hours=23) < due <= datetime.now(UTC) + timedelta(days=7)  # clamped to a week
    # the next (scheduled) pass sees the source waiting instead of crashing again
    again = myofeed(config, "ingest")
    assert again.returncode in (0, 1) and "Traceback" not in again.stderr


def test_an_error_while_recording_one_source_never_cancels_the_others(
    http_server: FixtureServer, config_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    http_server.routes["/a"] = Route(b"gone", 500)
    http_server.routes["/b"] = Route(rss([("Myositis b", "b1")]), headers=FEED)
    app = Myofeed(load_config(config_file(source("a", http_server.url("/a")) + source("b", http_server.url("/b")))))
    storage = type(app.store)  # the pass writes through a storage handle of its own (batchwriter.py)
    real = storage.record_fetch

    def record(self: object, name: str, *args: object, **kw: object) -> object:
        if name == "a":
            raise OverflowError("date value out of range")
        return real(self, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(storage, "record_fetch", record)
    try:
        reports = {r.source: r for r in app.ingest(all=True)}
    finally:
        app.close()
    assert reports["b"].ok and reports["b"].new == 1
    assert not reports["a"].ok and "OverflowError" in (reports["a"].error or "")


@pytest.mark.parametrize(
    ("body", "key"),
    [
        (source("s", "https://blog.example/feed", interval=float("nan")).replace("NaN", "nan"), "interval"),
        (source("s", "https://blog.example/feed").replace('"\n', '"\ninterval = inf\n', 1), "interval"),
        (source("s", "https://blog.example/feed", interval="999999999999d"), "interval"),
        (source("s", "https://blog.example/feed", interval=1e300), "interval"),
        ("[fetch]\n", None),
    ],
)
def test_check_refuses_non_finite_or_huge_durations(
    tmp_path: Path, body: str, key: str | None
) -> None:
    config = tmp_path / "myofeed.toml"
    if key is None:  # fetch.timeout = nan
        config.write_text('[fetch]\ntimeout = nan\n', encoding="utf-8")
        key = "fetch.timeout"
    else:
        config.write_text(body, encoding="utf-8")
    run = myofeed(config, "check")
    assert run.returncode == 2, run.stdout + run.stderr
    # every mistake is listed, one line each (this config's topics file is missing too)
    lines = run.stderr.strip().splitlines()
    assert "Traceback" not in run.stderr and all(x.startswith("myofeed: configuration error: ") for x in lines)
    line = next((x for x in lines if key in x), "")
    assert key in line and ("finite" in line or "at most" in line), lines
