"""Slow and numerous clients against a real `myofeed run` (issue 10, item 8).

Trickling sockets on 127.0.0.1 (tests/cli/trickle.py, shared with the benchmark): a header line
every half second, never the blank line that ends the headers. Before the guard they stayed open
forever and every one held a descriptor of the server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import REPO
from ._service import free_port
from .trickle import Trickler, open_descriptors

pytestmark = pytest.mark.slow


@pytest.fixture
def run_server(config_file: Callable[..., Path]) -> Iterator[Callable[[str], tuple[subprocess.Popen[str], int]]]:
    procs: list[subprocess.Popen[str]] = []

    def start(web: str = "") -> tuple[subprocess.Popen[str], int]:
        port = free_port()
        cfg = config_file(f"[web]\n{web}\n")
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        proc = subprocess.Popen(
            [sys.executable, "-m", "myofeed", "--config", str(cfg), "run", "--no-scheduler", "--port", str(port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        )
        procs.append(proc)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"run exited: {proc.stdout.read() if proc.stdout else ''}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                    return proc, port
            except OSError:
                time.sleep(0.2)
        pytest.fail("run did not serve within 30 s")

    yield start
    for proc in procs:
        proc.terminate()
        proc.communicate(timeout=30)


def test_trickling_headers_are_cut_off_at_the_default_deadline(run_server: Any) -> None:
    proc, port = run_server()
    attack = Trickler(port, 60)
    try:
        start = time.monotonic()
        while attack.open and time.monotonic() - start < 20:
            attack.tick()
            time.sleep(0.5)
        # the default header_timeout is 10 s: nobody keeps a connection by trickling
        assert attack.open == [], f"{len(attack.open)} trickling connections still open after 20 s"
        assert time.monotonic() - start >= 9  # and nobody was cut off before the deadline
    finally:
        attack.close()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
        assert r.status == 200


def test_connection_cap_bounds_descriptors_and_keeps_serving(run_server: Any) -> None:
    proc, port = run_server('max_connections = 32\nheader_timeout = "3s"')
    baseline = open_descriptors(proc.pid)
    attack = Trickler(port, 150)
    peak = 0
    try:
        for _ in range(6):  # 3 s of trickling, at the cap all along
            attack.tick()
            peak = max(peak, open_descriptors(proc.pid))
            # a real visitor still gets the page: the longest-waiting trickler makes room
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                assert r.status == 200
            time.sleep(0.5)
        assert peak <= baseline + 32 + 4, (baseline, peak)
        assert attack.closed >= 150 - 32
        start = time.monotonic()
        while attack.open and time.monotonic() - start < 8:
            attack.tick()
            time.sleep(0.5)
        assert attack.open == []
    finally:
        attack.close()


def _exchange(port: int, data: bytes, *, then: bytes = b"", pause: float = 0.0, wait: float = 8.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(data)
        if then:
            time.sleep(pause)
            try:
                s.sendall(then)
            except OSError:
                pass
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except OSError:
            pass
        return out


def test_oversized_request_line_and_headers_get_431(run_server: Any) -> None:
    _, port = run_server()
    # a URL that never ends: answered as soon as it passes 64 KiB, not buffered until memory runs out
    assert _exchange(port, b"GET /" + b"a" * 1_000_000).startswith(b"HTTP/1.1 431")
    long_url = b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    assert _exchange(port, long_url)[:12] in (b"HTTP/1.1 400", b"HTTP/1.1 431")  # httptools refuses it too
    many = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"".join(b"X-Pad-%d: %s\r\n" % (i, b"b" * 1000) for i in range(400))
    answer = _exchange(port, many + b"\r\nbody")
    assert answer.startswith(b"HTTP/1.1 431") and answer.count(b"HTTP/1.1") == 1
    # nor behind a request being answered: pipelined headers count too
    pipelined = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /" + b"a" * 1_000_000
    answer = _exchange(port, pipelined)
    assert answer.startswith(b"HTTP/1.1 200") and b"HTTP/1.1 431" in answer
    # an ordinary request is untouched
    assert _exchange(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").startswith(
        b"HTTP/1.1 200")


def test_trickled_form_body_gets_408(run_server: Any) -> None:
    _, port = run_server('header_timeout = "2s"')
    head = (b"POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 1000\r\n\r\nemail=a")
    start = time.monotonic()
    answer = _exchange(port, head, then=b"b", pause=3.0)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:100]
    assert time.monotonic() - start < 7


def test_no_websocket_or_smuggling_around_the_guard(run_server: Any) -> None:
    _, port = run_server()
    upgrade = (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
               b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
    answer = _exchange(port, upgrade, wait=5)
    assert not answer.startswith(b"HTTP/1.1 101")
    # Content-Length and Transfer-Encoding together: refused, not read two ways
    both = (b"POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"0\r\n\r\nGET /status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    answer = _exchange(port, both, wait=5)
    assert answer.startswith(b"HTTP/1.1 400") and answer.count(b"HTTP/1.1 ") == 1
