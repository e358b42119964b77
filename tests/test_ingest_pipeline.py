"""How an ingest pass keeps its stages busy (issue 14): parsing goes on while the writer stores, and a
one-shot `myofeed ingest` loads nothing it cannot use (the metrics library: no one reads its metrics)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from myofeed.config import load_config
from myofeed.core import Myofeed

from .conftest import FixtureServer, Route
from .test_ingest import rss

FEED = {"Content-Type": "application/rss+xml"}


def _config(config_file: Callable[..., Path], server: FixtureServer, names: Sequence[str], concurrency: int) -> Path:
    body = "".join(f'[[sources]]\nname = "{n}"\nurl = "{server.url("/" + n)}"\ninterval = "60m"\n' for n in names)
    path = config_file(body)
    text = path.read_text(encoding="utf-8").replace('allow_hosts = ["127.0.0.1"]\n',
                                                    f'allow_hosts = ["127.0.0.1"]\nconcurrency = {concurrency}\n')
    path.write_text(text, encoding="utf-8")
    return path


def test_a_source_waiting_for_the_writer_does_not_stop_the_next_fetch_and_parse_nor_lets_them_pile_up(
    config_file: Callable[..., Path], http_server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """[fetch].concurrency = 1: while the first source's write is held, the second is still fetched and
    parsed (the parse slot and the write slot are two bounds), but not the third: a parsed source keeps
    its parse slot until it gets a write slot, so memory stays bounded by the concurrency."""
    names = ["a", "b", "c"]
    for n in names:
        http_server.routes[f"/{n}"] = Route(rss([(f"Dermatomyositis note {n}", f"g{n}", f"https://{n}.example/1")]),
                                            200, FEED)
    app = Myofeed(load_config(_config(config_file, http_server, names, 1)))
    storage = type(app.store)
    original = storage.record_fetches
    fetched_while_held: list[set[str]] = []

    def fetched() -> set[str]:
        return {p for p, _ in http_server.requests}

    def held(self: Any, records: Any) -> Any:
        if not fetched_while_held:  # the first write waits (at most 10 s) for the second source's fetch
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and len(fetched()) < 2:
                time.sleep(0.01)
            time.sleep(0.5)  # time enough for a third fetch, were one allowed
            fetched_while_held.append(fetched())
        return original(self, records)

    monkeypatch.setattr(storage, "record_fetches", held)
    try:
        reports = app.ingest(all=True)
    finally:
        app.close()
    assert sorted((r.source, r.new) for r in reports) == [("a", 1), ("b", 1), ("c", 1)]
    assert fetched_while_held == [{"/a", "/b"}]


def test_a_one_shot_ingest_imports_no_metrics_library(config_file: Callable[..., Path],
                                                      http_server: FixtureServer) -> None:
    http_server.routes["/a"] = Route(rss([("Dermatomyositis note", "g1", "https://a.example/1")]), 200, FEED)
    config = _config(config_file, http_server, ["a"], 4)
    code = ("import sys; from myofeed.cli import main; sys.argv = ['myofeed', '--config', sys.argv[1], 'ingest', '--all',"
            " '-q']\ntry:\n    main()\nexcept SystemExit:\n    pass\nprint('prometheus_client' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(config)], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr
    assert http_server.requests, "the source was fetched"


def test_a_process_serving_metrics_counts_its_ingest(config_file: Callable[..., Path],
                                                     http_server: FixtureServer) -> None:
    from myofeed import metrics  # what `myofeed run` loads at start

    http_server.routes["/a"] = Route(rss([("Dermatomyositis note", "g1", "https://a.example/1")]), 200, FEED)
    before = metrics.POSTS_INGESTED.labels(kind="new")._value.get()
    app = Myofeed(load_config(_config(config_file, http_server, ["a"], 4)))
    try:
        [report] = app.ingest(all=True)
    finally:
        app.close()
    assert report.new == 1 and metrics.POSTS_INGESTED.labels(kind="new")._value.get() == before + 1

