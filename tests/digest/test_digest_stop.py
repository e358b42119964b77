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
import threading
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


class HeldSink(SinkHandler):
    """Accepts the first message at once and holds every later one until `release()`: the test stops the
    sender while it has a mail in hand, whatever the machine's load (no clock in the test)."""

    def __init__(self) -> None:
        super().__init__()
        self.released = threading.Event()
        self.in_hand = threading.Event()  # a held message's DATA has arrived

    def release(self) -> None:
        self.released.set()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.received:
            self.in_hand.set()
            while not self.released.is_set():
                await asyncio.sleep(0.02)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def held_smtp() -> Iterator[tuple[HeldSink, int]]:
    sink = HeldSink()
    try:
        yield from serving(sink)
    finally:
        sink.release()  # a failed test leaves no DATA waiting on the server's loop


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


def _wait_in_hand(sink: HeldSink, timeout: float = 600) -> None:
    """Until the sender is in the middle of its second mail (a generous limit: only a hang reaches it)."""
    assert sink.in_hand.wait(timeout), f"{len(sink.received)} mails, none in hand after {timeout}s"
    assert len(sink.received) == 1


def _recipients(sink: SinkHandler) -> Counter[str]:
    return Counter(r for m in sink.received for r in m.rcpt_tos)


def _rest_goes_once(cfg: Path, sink: SinkHandler) -> None:
    """A later run sends what the stopped one left, and nobody gets two."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-m", "myofeed", "--config", str(cfg), "digest", "send"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    got = _recipients(sink)
    assert set(got) == {f"reader{n}@mail.example" for n in range(SUBSCRIBERS)}
    assert set(got.values()) == {1}, got


@pytest.mark.parametrize("ignored", [False, True], ids=["sigint", "sigint-ignored-by-the-shell"])
def test_ctrl_c_stops_digest_send_after_the_mail_in_hand(tmp_path: Path, held_smtp, ignored: bool) -> None:
    sink, port = held_smtp
    cfg = _setup(tmp_path, port)
    proc = _digest_send(cfg, sigint_ignored=ignored)
    try:
        _wait_in_hand(sink)
        proc.send_signal(signal.SIGINT)
    finally:
        sink.release()
    out, err = proc.communicate(timeout=600)
    # before: every due digest went first (minutes with thousands of subscribers), exit 0
    assert proc.returncode == 130, (out, err)
    assert len(sink.received) == 2, (out, err)  # the mail in hand went, and no other
    assert "left for the next run (stopped)" in out and "Traceback" not in err, (out, err)
    _rest_goes_once(cfg, sink)


def test_sigterm_stops_run_during_a_digest_run_after_the_mail_in_hand(tmp_path: Path, held_smtp) -> None:
    sink, port = held_smtp
    cfg = _setup(tmp_path, port)
    svc = Service(cfg)
    try:
        _wait_in_hand(sink)
        svc.terminate()
        # uvicorn says so once its signal handler ran, and that handler told the scheduler first
        svc.wait_line("Shutting down", timeout=600)
    finally:
        sink.release()
        code = svc.stop(timeout=600)
    # before: `run` sent all six before it stopped
    assert code == 0, svc.output
    assert len(sink.received) == 2, svc.output  # the mail in hand went, and no other
    assert "left for the next run" in svc.output, svc.output
    _rest_goes_once(cfg, sink)
