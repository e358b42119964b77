"""Pickled messages over a socket between the parent and a parse worker (parse/worker.py, parse/child.py).

Each message is its pickle preceded by its length (8 bytes, big-endian). This is what
multiprocessing.connection.Connection does on a socket; it is written out here because importing
multiprocessing.connection costs every worker ~1.6 MB (tempfile, multiprocessing's contexts and
reductions) for these few lines.

    channel = Channel(sock)
    channel.send(obj)
    if channel.poll(timeout):
        obj = channel.recv()    # EOFError when the other side closed
"""

from __future__ import annotations

import pickle
import select
import socket
import struct
from typing import Any

__all__ = ["Channel"]

_HEADER = struct.Struct("!Q")


class Channel:
    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    @classmethod
    def from_fd(cls, fd: int) -> Channel:
        return cls(socket.socket(fileno=fd))

    def send(self, obj: Any) -> None:
        data = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
        self._sock.sendall(_HEADER.pack(len(data)))
        self._sock.sendall(data)

    def recv(self) -> Any:
        """The next message; EOFError when the other side closed (at a message boundary or inside one)."""
        (size,) = _HEADER.unpack(self._read(_HEADER.size))
        return pickle.loads(self._read(size))

    def poll(self, timeout: float | None) -> bool:
        """True when a message (or EOF) is there to read within `timeout` seconds."""
        poller = select.poll()  # not select.select: a busy `run` may hold descriptors past FD_SETSIZE
        poller.register(self._sock, select.POLLIN)
        return bool(poller.poll(None if timeout is None else max(0, int(timeout * 1000))))

    def _read(self, size: int) -> bytearray:
        buf = bytearray(size)
        view = memoryview(buf)
        got = 0
        while got < size:
            n = self._sock.recv_into(view[got:])
            if n == 0:
                raise EOFError("the other side closed the channel")
            got += n
        return buf

    def fileno(self) -> int:
        return self._sock.fileno()

    def close(self) -> None:
        self._sock.close()
