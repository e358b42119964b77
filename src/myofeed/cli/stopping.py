"""SIGTERM / Ctrl-C for a CLI command that works through a list (`digest send`): the item in hand is
finished, the rest is left for the next run, and the command exits 128 + the signal's number. A second
signal is not waited on: it ends the process the default way.

The handlers are installed even where SIGINT came in ignored (a command started with `&` from a
script): an explicit `kill -INT` then stops it too, as it stops `myofeed run`."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

SIGNALS = (signal.SIGTERM, signal.SIGINT)


@contextmanager
def stop_on_signals() -> Iterator[Callable[[], int | None]]:
    """Yields `stopped()`: the number of the first stop signal received, or None."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield lambda: None  # signals are the main thread's (an in-process test runner): nothing to catch
        return

    def handler(signum: int, _frame: Any) -> None:
        received.append(signum)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    previous = {sig: signal.getsignal(sig) for sig in SIGNALS}
    for sig in SIGNALS:
        signal.signal(sig, handler)
    try:
        yield lambda: received[0] if received else None
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old if old is not None else signal.SIG_DFL)


def exit_status(signum: int) -> int:
    """The shell's status for a command a signal stopped: 130 for SIGINT, 143 for SIGTERM."""
    return 128 + signum
