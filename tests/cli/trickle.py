"""Slowloris clients for tests/cli/test_slowloris.py and benchmarks/bench_slowloris.py: sockets that
send a request line and then one header line per tick, never the blank line that ends the headers.

Standard library only (the benchmark imports it without pytest). Sockets are watched with poll,
not select, so the benchmark's thousands of them fit (select stops at descriptor 1024).
"""

from __future__ import annotations

import os
import select
import socket

REQUEST_LINE = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
HEADER_LINE = b"X-Slow: 1\r\n"


def open_descriptors(pid: int) -> int:
    """How many descriptors process `pid` holds (Linux /proc): one per connection it keeps."""
    return len(os.listdir(f"/proc/{pid}/fd"))


class Trickler:
    """Up to n trickling sockets to 127.0.0.1:port; `open` holds those the server has not let go.

    A refused or timed-out connect raises, unless `until_refused`: then opening stops there (the
    benchmark counts what it got).
    """

    def __init__(self, port: int, n: int, *, connect_timeout: float = 5.0, until_refused: bool = False) -> None:
        self.open: list[socket.socket] = []
        self.closed = 0
        for _ in range(n):
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=connect_timeout)
            except OSError:
                if until_refused:
                    break
                raise
            s.setblocking(False)
            s.send(REQUEST_LINE)
            self.open.append(s)

    def tick(self) -> None:
        """One header line on every open socket; forget (and close) those the server let go.

        Readable means the server answered (408/431) or closed: either way it let go.
        """
        poller = select.poll()
        for s in self.open:
            poller.register(s, select.POLLIN)
        readable = {fd for fd, _ in poller.poll(0)}
        for s in list(self.open):
            gone = s.fileno() in readable
            if not gone:
                try:
                    s.send(HEADER_LINE)
                except OSError:
                    gone = True
            if gone:
                self.open.remove(s)
                s.close()
                self.closed += 1

    def close(self) -> None:
        for s in self.open:
            s.close()
        self.open = []
