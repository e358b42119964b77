"""uvicorn, hardened against slow and numerous clients (slowloris).

uvicorn has no deadline for a request's line and headers, and no cap on open
connections: a client that trickles one header byte every few seconds holds a
connection (and a file descriptor) forever, and a thousand of them exhaust
the process's descriptors. `guarded_protocol` is uvicorn's httptools protocol
plus:

- a header deadline: from the connection's start, and again after every
  response, the next request's line and headers must be complete within
  `[web].header_timeout` (default 10 s), however slowly the bytes come;
- a header size cap: the read that brings request line and headers past
  64 KiB without their end is answered 431, unparsed (nothing past the cap
  is ever parsed);
- the app's security headers (CSP, nosniff, framing, referrer) on the answers
  sent from here, below the app: that 431, and httptools' 400 for what it
  cannot parse;
- a connection cap (`[web].max_connections`, default 1000, and never more
  than the descriptor limit allows): past it, the connection that has waited
  longest for its headers (idle or trickling) is dropped to make room, so
  slow clients cannot lock out fast ones; when every connection is busy with
  a request, the newcomer is dropped.

Request bodies get their own deadline where they are read (state.read_form).
"""

from __future__ import annotations

import asyncio
import logging
import resource
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .security import build_csp, security_headers

log = logging.getLogger(__name__)
MAX_HEADER_BYTES = 64 * 1024
FD_HEADROOM = 128  # descriptors kept for the database, the scheduler's fetches, SMTP, logs


def refusal(status_line: bytes, text: str, headers: list[tuple[bytes, bytes]]) -> bytes:
    """A whole answer written straight to the socket (no app behind it), ending the connection.

    `headers` are the security headers every answer of the app carries (CSP, nosniff, framing,
    referrer): an answer from below the app must not be the one without them.
    """
    body = text.encode()
    lines = [status_line, *(name + b": " + value + b"\r\n" for name, value in headers),
             b"content-type: text/plain; charset=utf-8\r\n", b"content-length: %d\r\n" % len(body),
             b"connection: close\r\n\r\n", body]
    return b"".join(lines)


class GuardedHttpTools(HttpToolsProtocol):
    header_timeout: float = 10.0
    max_connections: int = 1000
    answer_headers: list[tuple[bytes, bytes]] = []  # the app's security headers, for answers sent from here

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_bytes = 0
        self._tail = b""  # the last bytes of the previous read: a blank line may span two reads
        self.waiting_since: float | None = None  # loop time since when we wait for headers; None: serving

    # --- the header deadline: one sweep a second over every connection (no timer per request) ------

    def _await_headers(self) -> None:
        self.waiting_since = self.loop.time()
        self._header_bytes = 0
        self._tail = b""

    def _start_sweeping(self) -> None:
        state = self.server_state
        if not getattr(state, "myofeed_sweeping", False):
            state.myofeed_sweeping = True  # type: ignore[attr-defined]
            self.loop.call_later(1.0, _sweep, self.loop, state, self.header_timeout)

    # --- uvicorn's hooks ---------------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_headers()
        self._start_sweeping()
        if len(self.connections) > self.max_connections:
            self._shed()

    def connection_lost(self, exc: Exception | None) -> None:
        self.waiting_since = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        # bytes while no request is open, or after the open one's body ended (a pipelined next
        # request), are request line and headers until the next header block ends (the count
        # restarts there). Past the cap, refuse: nothing beyond the cap is ever parsed.
        if self.waiting_since is not None or (self.cycle is not None and not self.cycle.more_body):
            before = self._header_bytes
            self._header_bytes += len(data)
            if self._header_bytes > MAX_HEADER_BYTES and not self._ends_by_cap(data, before):
                # refused before the parser sees the read that passes the cap: parsed, a request line over
                # 64 KiB was httptools' 400 ("Invalid HTTP request received.", its URL parser's 16-bit
                # offsets) rather than this 431 (outside audit 8, note 5)
                self._refuse_431()
                return
            super().data_received(data)
            self._tail = data[-3:]
            return
        super().data_received(data)

    def _ends_by_cap(self, data: bytes, before: int) -> bool:
        """The header block ends (a blank line) within the cap: in this read, or across its start."""
        room = MAX_HEADER_BYTES - before  # bytes of this read still within the cap
        if room <= 0:
            return False
        return (self._tail + data).find(b"\r\n\r\n", 0, len(self._tail) + room) >= 0

    def on_headers_complete(self) -> None:
        self.waiting_since = None
        self._header_bytes = 0
        super().on_headers_complete()

    def _refuse_431(self) -> None:
        if not self.transport.is_closing():
            self.transport.write(refusal(b"HTTP/1.1 431 Request Header Fields Too Large\r\n",
                                         "request line or headers too big\n", self.answer_headers))
            self.transport.close()

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to what httptools cannot parse, with our headers (and not its Server header)."""
        self.transport.write(refusal(b"HTTP/1.1 400 Bad Request\r\n", msg, self.answer_headers))
        self.transport.close()

    def on_response_complete(self) -> None:
        next_queued = bool(self.pipeline)  # a pipelined request starts now: that one is being served
        super().on_response_complete()
        if not next_queued and not self.transport.is_closing():
            self._await_headers()

    # --- the connection cap ---------------------------------------------------------------

    def _shed(self) -> None:
        """Over the cap: drop whoever has waited longest for headers, or else this newcomer."""
        waiting = [c for c in self.connections
                   if isinstance(c, GuardedHttpTools) and c.waiting_since is not None and c is not self]
        victim = min(waiting, key=lambda c: c.waiting_since or 0.0) if waiting else self
        log.debug("connection cap (%d) reached: dropping one", self.max_connections)
        victim.transport.abort()


def _sweep(loop: asyncio.AbstractEventLoop, state: Any, timeout: float) -> None:
    """Close every connection that has waited longer than `timeout` for its headers; again in 1 s."""
    cutoff = loop.time() - timeout
    for conn in list(state.connections):
        if isinstance(conn, GuardedHttpTools) and conn.waiting_since is not None and conn.waiting_since < cutoff:
            if not conn.transport.is_closing():
                conn.transport.close()
    loop.call_later(1.0, _sweep, loop, state, timeout)


def descriptor_limit() -> int:
    """Raise the soft RLIMIT_NOFILE to the hard one (the kernel's own ceiling); the soft limit after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft if soft != resource.RLIM_INFINITY else 1 << 20


def guarded_protocol(header_timeout: float, max_connections: int, *,
                     base_url: str) -> tuple[type[GuardedHttpTools], int]:
    """The protocol class for uvicorn.Config(http=...), and the connection cap it enforces."""
    cap = max(16, min(max_connections, descriptor_limit() - FD_HEADROOM))
    headers = [(b"content-security-policy", build_csp(base_url).encode()), *security_headers(base_url)]
    attrs = {"header_timeout": header_timeout, "max_connections": cap, "answer_headers": headers}
    return type("MyofeedHttpProtocol", (GuardedHttpTools,), attrs), cap


def server_options(header_timeout: float, max_connections: int, *, base_url: str) -> dict[str, Any]:
    """uvicorn.Config keyword arguments: the guarded protocol and the timeouts that go with it.
    `base_url` (publish.base_url) shapes the security headers of the answers sent below the app."""
    protocol, cap = guarded_protocol(header_timeout, max_connections, base_url=base_url)
    return {
        "http": protocol,
        "timeout_keep_alive": 5,  # idle keep-alive connections close after 5 s (uvicorn's own timer)
        "ws": "none",  # we serve no WebSocket: an Upgrade is a plain request, never a connection outside the guard
    }
