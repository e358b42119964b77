"""The C heap's free pages, given back to the system during a long ingest pass.

glibc's malloc keeps what was freed inside its heap for later use, and returns pages to the system only
from the heap's top. An ingest pass allocates and frees all along (documents, parsed posts, SQLite's
pages and statements) and leaves free pages scattered through the heap: the main process's RSS crept
up ~6 MB over a first ingest of 300 feeds with ~20 MB in use throughout, more the longer the pass (the
memory at 2,000 sources must stay within 10% of that at 300: issue 14). `malloc_trim` hands those
pages back; `Trimmer` calls it at most once a second (~1-4 ms a call). Elsewhere than glibc it does
nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

EVERY = 1.0  # seconds between two trims at least


class Trimmer:
    def __init__(self, every: float = EVERY) -> None:
        self._every = every
        self._last = time.monotonic()
        self._trim: Callable[[int], int] | None = None
        self._looked_up = False  # malloc_trim is found through ctypes on first use

    def __call__(self) -> None:
        """Trim the heap, unless it was trimmed less than `every` seconds ago (or the Trimmer was made then:
        a short pass, an all-304 one, never imports ctypes)."""
        now = time.monotonic()
        if now - self._last < self._every:
            return
        if not self._looked_up:
            self._trim, self._looked_up = _malloc_trim(), True
        if self._trim is None:
            return
        self._last = now
        self._trim(0)


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        import ctypes

        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to call
        return None
    return trim
