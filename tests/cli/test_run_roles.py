"""`run --role worker|web` on SQLite: a worker ingests and publishes without listening
anywhere; a web process serves the published files from the database (not from its
own, empty publish directory); one `run` per SQLite database, whatever the role."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from myofeed.config import load_config
from myofeed.store import open_storage

from ..conftest import REPO
from ._service import Service, free_port, get


def _demo(config_file: Callable[..., Path]) -> Path:
    demo = REPO / "config" / "demo"
    return config_file(
        f'[[sources]]\nname = "demo-news"\nurl = "{demo / "myositis-news.rss"}"\n'
        f'[[sources]]\nname = "demo-clinic"\nurl = "{demo / "clinic-blog.atom"}"\n'
        '[workers]\ntick = "1s"\npublish_check = "1s"\n'
    )


@pytest.mark.sqlite_only  # its second process must be refused, which only SQLite's one-run rule does
def test_worker_then_web_on_sqlite(tmp_path: Path, config_file: Callable[..., Path]) -> None:
    cfg = _demo(config_file)
    database = load_config(cfg).database
    worker = Service(cfg, "--role", "worker")
    try:
        worker.wait_line(r"myofeed: worker .* on ")
        worker.wait_line(r"publish: \d+ written", timeout=60)
        # it listens nowhere
        try:
            get(worker.base + "feeds/all.atom")
            raise AssertionError("a worker answered HTTP")
        except OSError:
            pass
        # one `run` per SQLite database, whatever the role
        second = subprocess.run(
            [sys.executable, "-m", "myofeed", "--config", str(cfg), "run", "--role", "web", "--port", str(free_port())],
            capture_output=True, text=True, timeout=60, env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        )
        assert second.returncode != 0 and "another `myofeed run`" in second.stderr + second.stdout
    finally:
        worker.proc.send_signal(signal.SIGTERM)
        worker.proc.wait(60)
    assert worker.proc.returncode == 0, worker.output
    store = open_storage(database)
    try:
        assert all(s.last_success is not None and s.lease_owner is None for s in store.source_states())
        stored = {f.name: f for f in store.published_files()}
    finally:
        store.close()
    assert "all.atom" in stored and "index.html" in stored

    # the web process's own publish directory is emptied: it serves the database's copy
    for f in (tmp_path / "feeds").iterdir():
        f.unlink()
    web = Service(cfg, "--role", "web")
    try:
        body = web.wait_for("feeds/all.atom")
        assert body == stored["all.atom"].body
        status, _, headers = get(web.base + "feeds/all.atom")
        etag = {k.lower(): v for k, v in headers.items()}["etag"]
        assert status == 200 and etag == stored["all.atom"].etag
        status, _, _ = get(web.base + "feeds/all.atom", headers={"If-None-Match": etag})
        assert status == 304
        assert web.wait_line(r"serving http://.* \(web only\)")
        assert not (tmp_path / "feeds" / "all.atom").exists()  # a web process publishes nothing
    finally:
        web.proc.send_signal(signal.SIGTERM)
        web.proc.wait(60)
    assert web.proc.returncode == 0, web.output


def test_web_on_postgresql_asks_for_one_shared_secret(config_file: Callable[..., Path], request: pytest.FixtureRequest,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Web processes on PostgreSQL may be many: without [web].secret each signs form tokens with its own key."""
    from tests.pg import fresh_database

    monkeypatch.setenv("MYOFEED_DATABASE", fresh_database(request, empty=True))
    for web, warned in (("", True), ('[web]\nsecret = "one secret for all our web processes"\n', False)):
        service = Service(config_file(web), "--role", "web")
        try:
            service.wait_line(r"myofeed: serving")
            service.wait_for("")
        finally:
            assert service.stop() == 0, service.output
        assert ("web.secret is unset" in service.output) == warned, service.output


def _samples(body: bytes) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    from prometheus_client.parser import text_string_to_metric_families

    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(body.decode()) for s in family.samples}


@pytest.mark.sqlite_only  # the web process after the worker: SQLite's one `run` per database
def test_a_worker_serves_its_own_counters_and_a_web_process_reads_the_gauges_from_the_database(
    config_file: Callable[..., Path],
) -> None:
    # audit 4, deviation 3: with roles split, the web processes' /metrics never moved (the work is
    # counted in the worker, which served nothing) and its queue lag stayed 0
    cfg = _demo(config_file)
    port = free_port()
    worker = Service(cfg, "--role", "worker", "--metrics-port", str(port))
    try:
        worker.wait_line(rf"metrics on http://127\.0\.0\.1:{port}/metrics")
        worker.wait_line(r"ingest: 2 sources, 2 ok", timeout=60)
        status, body, _ = get(f"http://127.0.0.1:{port}/metrics")
        assert status == 200, body
        samples = _samples(body)
        assert samples[("myofeed_fetches_total", (("outcome", "ok"),))] == 2
        assert samples[("myofeed_fetch_seconds_count", ())] == 2
        assert samples[("myofeed_posts_ingested_total", (("kind", "new"),))] > 0
        assert get(f"http://127.0.0.1:{port}/feeds/all.atom")[0] == 404, "metrics only: the web routes are not here"
        # the same access rule as the web port's: a forwarded client is not local
        assert get(f"http://127.0.0.1:{port}/metrics", headers={"X-Forwarded-For": "203.0.113.9"})[0] == 403
    finally:
        assert worker.stop() == 0

    # the sources' state as a worker left it an hour ago: overdue by an hour, one of them broken
    db = sqlite3.connect(load_config(cfg).database)
    with db:
        db.execute("UPDATE sources SET next_due = '2000-01-01T01:00:00+00:00',"
                   " last_success = '2000-01-01T00:00:00+00:00' WHERE name = 'demo-news'")
        db.execute("UPDATE sources SET broken = 1, broken_reason = 'test' WHERE name = 'demo-clinic'")
    db.close()
    web = Service(cfg, "--role", "web")
    try:
        web.wait_for("")
        samples = _samples(get(web.base + "metrics")[1])
        assert samples[("myofeed_queue_lag_seconds", ())] > 3600 * 24 * 365
        assert samples[("myofeed_sources_broken", ())] == 1
    finally:
        assert web.stop() == 0


def test_metrics_port_is_for_workers(config_file: Callable[..., Path]) -> None:
    r = subprocess.run([sys.executable, "-m", "myofeed", "--config", str(config_file()), "run", "--role", "web",
                        "--metrics-port", "9464"], capture_output=True, text=True, timeout=60,
                       env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 2 and "--metrics-port is for --role worker" in r.stderr, r.stderr
