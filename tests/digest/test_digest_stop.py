"""Stopping in the middle of a digest run (outside audit 6, #2): SIGTERM to `run` and SIGINT to
`digest send` finish the mail in hand and leave the rest for the next run, instead of sending every
due digest first. Nothing is lost and nothing goes twice. Real processes and signals, a real SMTP
server (aiosmtpd on 127.0.0.1) that takes a while per message, real SQLite files."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from myofeed.config import load_config
from myofeed.core import Myofeed

from ..cli._service import Service
from ..conftest import REPO
from .conftest import DM, T0, SinkHandler, post, serving, store_posts, write_config

SUBSCRIBERS = 6
DEMO = REPO / "config" / "demo"


class SlowSink(SinkHandler):
    """Takes SLOW seconds to accept each message, like a loaded relay."""

    SLOW = 1.0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        await asyncio.sleep(self.SLOW)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp() -> Iterator[tuple[SlowSink, int]]:
    yield from serving(SlowSink())


def _setup(tmp_path: Path, port: int) -> Path:
    cfg = write_config(tmp_path, smtp_port=port, extra="[digest]\ncheck_interval = 3600\n")
    # the sources are local files: `run` ingests without any network
    text = cfg.read_text(encoding="utf-8")
    text = text.replace("https://clinic.example/feed.xml", str(DEMO / "clinic-blog.atom"))
    text = text.replace("https://journal.example/feed.json", str(DEMO / "patient-journal.json"))
    cfg.write_text(text, encoding="utf-8")
    app = Myofeed(load_config(cfg))
    try:
        for n in range(SUBSCRIBERS):
            app.add_subscriber(f"reader{n}@mail.example", ["dermatomyositis"], "daily", confirmed=True,
                               now=T0 - timedelta(days=1))
        store_posts(app, T0, post("dm1", "Dermatomyositis and the sun", DM))
    finally:
        app.close()
    return cfg


def _digest_send(cfg: Path, *, sigint_ignored: bool = False) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    # a command started with `&` from a script comes with SIGINT ignored: `kill -INT` must stop it all the same
    pre = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if sigint_ignored else None
    return subprocess.Popen([sys.executable, "-m", "myofeed", "--config", str(cfg), "digest", "send"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=pre)


def _wait_mails(sink: SinkHandler, n: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(sink.received) < n:
        assert time.monotonic() < deadline, f"{len(sink.received)} mails after {timeout}s"
        time.sleep(0.05)


def _recipients(sink: SinkHandler) -> Counter[str]:
    return Counter(r for m in sink.received for r in m.rcpt_tos)


def _rest_goes_once(cfg: Path, sink: SinkHandler) -> None:
    """A later run sends what the stopped one left, and nobody gets two."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-m", "myofeed", "--config", str(cfg), "digest", "send"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    got = _recipients(sink)
    assert set(got) == {f"reader{n}@mail.example" for n in range(SUBSCRIBERS)}
    assert set(got.values()) == {1}, got


@pytest.mark.parametrize("ignored", [False, True], ids=["sigint", "sigint-ignored-by-the-shell"])
def test_ctrl_c_stops_digest_send_after_the_mail_in_hand(tmp_path: Path, slow_smtp, ignored: bool) -> None:
    sink, port = slow_smtp
    cfg = _setup(tmp_path, port)
    proc = _digest_send(cfg, sigint_ignored=ignored)
    _wait_mails(sink, 1)
    asked = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    took = time.monotonic() - asked
    # before: every due digest went first (6 s here; minutes with thousands of subscribers), exit 0
    assert proc.returncode == 130, (out, err)
    assert took < 2 * SlowSink.SLOW + 1.5, took
    assert len(sink.received) < SUBSCRIBERS
    assert "left for the next run (stopped)" in out and "Traceback" not in err, (out, err)
    _rest_goes_once(cfg, sink)


def test_sigterm_stops_run_during_a_digest_run_after_the_mail_in_hand(tmp_path: Path, slow_smtp) -> None:
    sink, port = slow_smtp
    cfg = _setup(tmp_path, port)
    svc = Service(cfg)
    try:
        _wait_mails(sink, 1)
    finally:
        asked = time.monotonic()
        code = svc.stop()
    took = time.monotonic() - asked
    # before: `run` sent all six (6 s here) before it stopped
    assert code == 0, svc.output
    assert took < 2 * SlowSink.SLOW + 2, (took, svc.output)
    assert len(sink.received) < SUBSCRIBERS
    assert "left for the next run" in svc.output, svc.output
    _rest_goes_once(cfg, sink)
