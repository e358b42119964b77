"""`myofeed run` as an operator starts it: scheduler ingests at once and
publishes, the web server serves the feeds, a second instance is refused,
SIGTERM stops it cleanly, and a restart resumes the schedule from the database."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import REPO


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(cfg: Path, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "myofeed", "--config", str(cfg), "run", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""


def _wait_for(url: str, proc: subprocess.Popen[str], holding: bytes = b"", timeout: float = 600) -> bytes:
    """`url`'s body once it is served and holds `holding`. The feed first served can predate the ingest (a
    loaded machine publishes the empty feeds first); the limit is generous: only a hang reaches it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"run exited early: {proc.stdout.read() if proc.stdout else ''}")
        try:
            status, body = _get(url)
            if status == 200 and holding in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"{url} not served holding {holding!r} within {timeout}s")


def _status(cfg: Path) -> list[dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    out = subprocess.run([sys.executable, "-m", "myofeed", "--config", str(cfg), "status", "--json"],
                         capture_output=True, text=True, env=env, timeout=600).stdout
    return json.loads(out)  # type: ignore[no-any-return]


def _until(check: Callable[[], object], what: str, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout}s: {what}")
        time.sleep(0.5)


@pytest.mark.sqlite_only  # the run lock is SQLite's
def test_a_run_killed_on_this_host_does_not_hold_the_database_for_two_minutes(
        tmp_path: Path, config_file: Callable[..., Path]) -> None:
    demo = REPO / "config" / "demo"
    cfg = config_file(f'[[sources]]\nname = "demo-news"\nurl = "{demo / "myositis-news.rss"}"\n')
    port = _free_port()
    proc = _start(cfg, port)
    try:
        _wait_for(f"http://127.0.0.1:{port}/feeds/all.atom", proc)
    finally:
        proc.kill()  # kill -9: no cleanup, its lock stays behind with a fresh heartbeat
        proc.communicate(timeout=60)
    again = _start(cfg, port)
    try:
        _wait_for(f"http://127.0.0.1:{port}/feeds/all.atom", again)  # at once: its holder is dead
    finally:
        again.send_signal(signal.SIGTERM)
        out, _ = again.communicate(timeout=60)
    assert again.returncode == 0 and "another `myofeed run`" not in out, out


@pytest.mark.sqlite_only  # one `run` per database is SQLite's rule; on PostgreSQL any number may run (test_run_roles)
def test_run_serves_refuses_second_stops_and_resumes(tmp_path: Path, config_file: Callable[..., Path]) -> None:
    demo = REPO / "config" / "demo"
    cfg = config_file(
        f'[[sources]]\nname = "demo-news"\nurl = "{demo / "myositis-news.rss"}"\n'
        f'[[sources]]\nname = "demo-clinic"\nurl = "{demo / "clinic-blog.atom"}"\n'
    )
    port = _free_port()
    proc = _start(cfg, port)
    try:
        _wait_for(f"http://127.0.0.1:{port}/feeds/dermatomyositis.atom", proc, b"Dermatomyositis and polymyositis")
        # that post is one source's: the other may still be in its first fetch on a loaded machine
        _until(lambda: all(s["last_success"] for s in _status(cfg)), "both sources fetched")
        status, index = _get(f"http://127.0.0.1:{port}/")
        assert status == 200 and b"dermatomyositis" in index

        second = _start(cfg, _free_port())
        out, _ = second.communicate(timeout=600)
        assert second.returncode != 0
        assert "another `myofeed run`" in out and "Traceback" not in out
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, out
    assert "stopped" in out

    fetched = {s["name"]: s["last_success"] for s in _status(cfg)}
    assert all(fetched.values())

    proc = _start(cfg, port)  # restart: the schedule lives in the DB, nothing is due yet
    try:
        _wait_for(f"http://127.0.0.1:{port}/feeds/all.atom", proc)
        time.sleep(1.5)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=600)
    assert {s["name"]: s["last_success"] for s in _status(cfg)} == fetched
