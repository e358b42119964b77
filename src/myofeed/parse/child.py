"""A parse worker process: `python -m myofeed.parse.child FD` (started by parse/worker.py).

A fresh interpreter, not a fork: it holds only what parsing needs (the parsers,
the classifier it is sent), not the parent's storage, HTTP client, web server or
config validation, and no forkserver stays behind it. Over the socket FD, pickled:
first the parent's sys.path (so functions travel by name, as with multiprocessing),
then (initializer, initargs), then (fn, args) jobs, each answered ("ok", value)
or ("error", exception), until EOF.
"""

from __future__ import annotations

import signal
import sys
from typing import Any

from .channel import Channel


def serve(conn: Channel) -> None:
    from ..exceptions import ParseError

    initializer, initargs = conn.recv()
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", fn(*args))
        except Exception as exc:  # noqa: BLE001 - every error goes back to the caller, one line
            reply = ("error", exc)
        try:
            conn.send(reply)
        except Exception as exc:  # noqa: BLE001 - an exception or value that does not pickle
            conn.send(("error", ParseError(f"{type(exc).__name__}: {exc}")))


def main() -> None:
    # Ctrl-C is the parent's to handle: it kills its workers (parse.worker.stop_all)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Channel.from_fd(int(sys.argv[1]))
    path = conn.recv()
    sys.path[:] = list(path) + [p for p in sys.path if p not in path]
    try:
        serve(conn)
    except (EOFError, OSError):
        pass  # the parent went away


if __name__ == "__main__":
    main()
