"""feedparser, imported whole and once, under a lock.

Parsers run in threads too (`extract`, the web process, tests). Two threads
importing feedparser's package and one of its submodules at the same moment
could see the package half-initialized ("partially initialized module
'feedparser'") and fail a whole pass at random. Every use goes through `load()`.
"""

from __future__ import annotations

import threading
from types import ModuleType

_LOCK = threading.Lock()
_MODULE: ModuleType | None = None


def load() -> ModuleType:
    """The feedparser package with the submodules we use (mixin, html, datetimes) imported."""
    global _MODULE
    if _MODULE is None:
        with _LOCK:
            if _MODULE is None:
                import feedparser
                import feedparser.datetimes
                import feedparser.html
                import feedparser.mixin  # noqa: F401

                _MODULE = feedparser
    return _MODULE
