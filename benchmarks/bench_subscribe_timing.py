"""POST /subscribe answers as fast for a confirmed address as for an unknown one (SECURITY.md).

A timing side channel: the unknown address costs a database write and a
confirmation mail, the confirmed one a read. A real uvicorn on 127.0.0.1
serves the app; a raw socket (TCP_NODELAY, one write per request) measures
the time to the answer's first byte, alternating known and unknown
addresses with a pause so each request starts on an idle server. The
reference is the same measurement with the answer floor and the mail's
head start turned off (what the code did before). Target: medians within
2% of each other, whereas the reference differs.
"""

from __future__ import annotations

import asyncio
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from myofeed.config import load_config  # noqa: E402
from myofeed.core import Myofeed  # noqa: E402
from myofeed.web import make_app  # noqa: E402
from myofeed.web import subscribe as subscribe_module  # noqa: E402

PAIRS = 60
PAUSE = 0.1


def _server(tmp: Path) -> tuple[Myofeed, uvicorn.Server, int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    (tmp / "feeds").mkdir()
    (tmp / "myofeed.toml").write_text(
        f'topics = "{ROOT / "config" / "topics.toml"}"\n[storage]\ndatabase = "db/m.db"\n[publish]\ndir = "feeds"\n'
        f'base_url = "http://127.0.0.1:{port}/"\n[web]\nsubscribe_rate = 100000\n[mail]\noutbox = "outbox"\n'
    )
    app = Myofeed(load_config(tmp / "myofeed.toml"))
    for i in range(PAIRS + 5):
        app.add_subscriber(f"known{i}@example.org", ["research"], "daily", confirmed=True)
    server = uvicorn.Server(uvicorn.Config(make_app(app), log_level="warning", lifespan="on"))
    threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    return app, server, port


def _measure(port: int, label: str) -> tuple[float, float]:
    page = httpx.get(f"http://127.0.0.1:{port}/")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    cookie = page.cookies["myofeed_csrf"]

    def one(email: str) -> float:
        body = urlencode({"csrf_token": token, "email": email, "topics": "research", "cadence": "daily"}).encode()
        request = (f"POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: myofeed_csrf={cookie}\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n"
                   f"Content-Length: {len(body)}\r\n\r\n").encode() + body
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            start = time.perf_counter()
            s.sendall(request)
            first = s.recv(64)
            took = time.perf_counter() - start
            assert first.startswith(b"HTTP/1.1 200"), first
            while s.recv(65536):
                pass
        return took * 1000

    for i in range(3):
        one(f"warm-{label}{i}@example.org")
    known, unknown = [], []
    for i in range(PAIRS):
        time.sleep(PAUSE)
        known.append(one(f"known{i}@example.org"))
        time.sleep(PAUSE)
        unknown.append(one(f"new-{label}{i}@example.org"))
    return statistics.median(known), statistics.median(unknown)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        app, server, port = _server(Path(tmp))
        try:
            k, u = _measure(port, "guarded")
            floor, head_start = subscribe_module.ANSWER_FLOOR, subscribe_module.MAIL_HEAD_START
            subscribe_module.ANSWER_FLOOR, subscribe_module.MAIL_HEAD_START = 0.0, 0.0
            try:
                rk, ru = _measure(port, "reference")
            finally:
                subscribe_module.ANSWER_FLOOR, subscribe_module.MAIL_HEAD_START = floor, head_start
        finally:
            server.should_exit = True
            time.sleep(0.5)
            app.close()
    print(f"POST /subscribe, median time to first byte over {PAIRS} pairs:")
    print(f"  myofeed:   confirmed {k:.2f} ms, unknown {u:.2f} ms, unknown/confirmed {u / k:.3f}")
    print(f"  reference (no floor, mail at once): confirmed {rk:.2f} ms, unknown {ru:.2f} ms, "
          f"unknown/confirmed {ru / rk:.3f}")
    ok = abs(u / k - 1) <= 0.02
    print(f"  target: within 2% -> {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
