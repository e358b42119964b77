"""A SQLite `run` killed (kill -9, OOM) while it held something, then restarted on the same host: what
the dead process held is taken over at once, not when its heartbeat or lease runs out (outside audit 6,
#1 and minor 1). Real `myofeed run` processes, real SIGKILL, real SQLite files."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from myofeed.store import open_storage

from ._service import Service, get
from .test_cli_core import myofeed
from .test_run_ops import _config, _source


def _dead_pid() -> int:
    """The pid of a process of this host that has exited (what a killed `run` leaves in its rows)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.mark.sqlite_only  # PostgreSQL's publisher lock is an advisory lock that dies with the connection
def test_a_publish_lock_left_by_a_killed_run_does_not_freeze_the_feeds(tmp_path: Path) -> None:
    cfg = _config(tmp_path, _source("demo-news", "myositis-news.rss"))
    db = tmp_path / "data" / "test.db"
    svc = Service(cfg)
    try:
        svc.wait_for("feeds/all.json")
        svc.wait_line(r"publish: \d+ written")
    finally:
        svc.proc.send_signal(signal.SIGKILL)
        svc.stop()
    # killed in the middle of a publish, it leaves the publisher lock behind, named after itself
    store = open_storage(db)
    try:
        dead = store.lock_owner("run")
        assert dead is not None and f":{svc.proc.pid}:" in dead
        assert store.acquire_lock("publish", dead.split(" ")[0], datetime.now(UTC), 600)
    finally:
        store.close()

    again = Service(cfg)
    try:
        again.wait_for("feeds/all.json")
        post = json.loads(myofeed(cfg, "posts", "--json").stdout.splitlines()[0])
        url = post["url"].encode()
        assert url in get(again.base + "feeds/all.json")[1]
        assert myofeed(cfg, "posts", "hide", str(post["id"])).returncode == 0
        again.proc.send_signal(signal.SIGHUP)
        # before: nothing published for 10 minutes (PUBLISHER_STALE), SIGHUP or not, and no word why
        again.until(lambda: url not in get(again.base + "feeds/all.json")[1], timeout=20,
                    what="the hidden post leaves the served feed")
        again.wait_line(r"publish: the lock held by .*, a process that is gone, is taken over")
        assert url not in (tmp_path / "feeds" / "all.json").read_bytes()
    finally:
        assert again.stop() == 0
    assert "Traceback" not in again.output


@pytest.mark.sqlite_only  # the run lock, and its same-host takeover, are SQLite's
def test_sources_a_killed_run_was_fetching_are_fetched_at_once_by_its_successor(tmp_path: Path) -> None:
    cfg = _config(tmp_path, _source("demo-news", "myositis-news.rss"))
    assert myofeed(cfg, "publish").returncode == 0  # the database, with its one source row
    dead = f"{socket.gethostname()}:{_dead_pid()}:all-0dead0"
    store = open_storage(tmp_path / "data" / "test.db")
    try:
        now = datetime.now(UTC)
        assert store.acquire_lock("run", f"{dead} serving http://127.0.0.1:9/", now, 120)
        assert store.claim_due_sources(dead, 10, 120, now) == ["demo-news"]  # in flight when it died
    finally:
        store.close()
    svc = Service(cfg)
    try:
        # before: the lease held it for its 2 minutes, while `status` said "next fetch: now"
        svc.wait_line(r"ingest: 1 sources, 1 ok", timeout=20)
    finally:
        assert svc.stop() == 0
    status = json.loads(myofeed(cfg, "status", "--json").stdout)
    assert status[0]["last_success"], status
