"""The service's log lines for failures of its recurring jobs: one readable line, and no flood.

`run` publishes every few seconds, ingests every tick and polls its config: when the publish
directory is read-only, the database locked or the disk full, the same failure comes back at each
turn. An operational failure (our own errors, which already name the file and the reason, and OS
errors) is logged as one line naming the path and the OS error, once; while it repeats, a line
every `every` seconds says how many times; when the job works again, one line says so. Anything
else is a bug: its traceback is what helps, logged once per distinct message as well.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from .exceptions import MyofeedError

__all__ = ["REPEAT_SECONDS", "Repeats", "one_line"]

REPEAT_SECONDS = 300.0  # while the same failure repeats, a line this often says how many times


def one_line(exc: BaseException) -> str:
    """The failure as one line: ours as it says itself; an OS error as `path: reason`."""
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        text = f"{where}{exc.strerror or exc}"
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(text.split())


def operational(exc: BaseException) -> bool:
    """A failure of the world (disk, database, network, permissions), not of the code."""
    return isinstance(exc, MyofeedError | OSError)


class Repeats:
    """One recurring job's failures, as log lines (see the module doc)."""

    def __init__(self, log: logging.Logger, what: str, *, every: float = REPEAT_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.log = log
        self.what = what
        self.every = every
        self.clock = clock
        self._message: str | None = None
        self._count = 0
        self._told = 0  # how many of _count the last line reported
        self._said = 0.0

    def failed(self, exc: BaseException) -> None:
        message = one_line(exc)
        now = self.clock()
        if message != self._message:
            self._report_repeats()
            self._message, self._count, self._told, self._said = message, 1, 1, now
            if operational(exc):
                self.log.error("%s: %s (said once; repeats are counted)", self.what, message)
            else:
                self.log.error("%s: unexpected error: %s", self.what, message, exc_info=exc)
            return
        self._count += 1
        if now - self._said >= self.every:
            self._report_repeats()
            self._said = now

    def ok(self) -> None:
        """The job worked: say so when it had been failing."""
        if self._message is None:
            return
        self.log.warning("%s: working again after %d failure%s (%s)", self.what, self._count,
                         "" if self._count == 1 else "s", self._message)
        self._message, self._count, self._told = None, 0, 0

    def _report_repeats(self) -> None:
        if self._message is not None and self._count > self._told:
            self.log.error("%s: %s (again, %d times in all)", self.what, self._message, self._count)
            self._told = self._count
