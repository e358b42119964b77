"""aiohttp, imported without reading the system's CA bundle until an https URL is fetched.

aiohttp builds two SSL contexts when it is imported, and each reads the whole CA bundle (~2 MB and
~40 ms of CPU a process): more than an all-304 pass over plain http spends on its requests, and an
ingest that fetches no https URL never needs them. `import_aiohttp` imports it with that one step,
`set_default_verify_paths`, put off (for the importing thread only: a context another thread makes
meanwhile loads its CAs as always); `ready` loads them, and the retriever calls it before every
https request (fetch/http.py), where the contexts are used. A context whose CAs were never loaded
trusts no certificate, so a request that came before `ready` would fail verification, never pass it.
"""

from __future__ import annotations

import ssl
import sys
import threading
from types import ModuleType

_pending: list[ssl.SSLContext] = []
_lock = threading.Lock()


def import_aiohttp() -> ModuleType:
    """`import aiohttp`, its default SSL contexts made without their CAs (loaded by `ready`)."""
    if "aiohttp.connector" in sys.modules:  # imported already, with its CAs: nothing to put off
        import aiohttp

        return aiohttp
    importer = threading.get_ident()
    load = ssl.SSLContext.set_default_verify_paths

    def later(self: ssl.SSLContext) -> None:
        if threading.get_ident() != importer:
            load(self)
            return
        with _lock:
            _pending.append(self)

    own = ssl.SSLContext.__dict__.get("set_default_verify_paths")  # None: inherited from _ssl._SSLContext
    ssl.SSLContext.set_default_verify_paths = later  # type: ignore[method-assign]
    try:
        import aiohttp
    finally:
        if own is None:
            del ssl.SSLContext.set_default_verify_paths
        else:
            ssl.SSLContext.set_default_verify_paths = own  # type: ignore[method-assign]
    return aiohttp


def ready() -> None:
    """Load the CAs of the contexts made by `import_aiohttp` (once; cheap afterwards)."""
    if not _pending:
        return
    with _lock:
        while _pending:
            _pending.pop().set_default_verify_paths()
