"""GET /feeds/<file>: the published files, served from memory with validators.

Where the bytes come from: the database, once a publisher has stored the files there
(`Myofeed.publish` writes them beside [publish].dir), so every `web` process, on any
machine, serves the same bytes, ETag and Last-Modified with no shared filesystem. A
name the database does not hold (or a database nothing was published to yet) is
read from [publish].dir, as before.

Feed readers poll; most polls are conditional and answered 304. So this path
is a plain ASGI app: a dict lookup and prebuilt header lists. The database's
"files" marker is read at most once a second (in a worker thread, never on the
event loop), and only files whose ETag moved are read again; a publish by this
very process is seen at once. Disk files are cached per (path, mtime, size);
publish writes atomically (rename), so a changed file always has a new stat.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prometheus_client import Counter
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from .. import core
from ..metrics import REGISTRY
from ..publish.files import CONTENT_TYPES
from .security import build_csp, inline_style_hashes

if TYPE_CHECKING:
    from ..core import Myofeed

# runs fn(facade) on a database connection of the web's own (WebState's), from a worker thread
DbCall = Callable[[Callable[["Myofeed"], Any]], Any]
POLL_SECONDS = 1.0  # how stale a web process's copy of the published files may be

FEED_REQUESTS = Counter(
    "myofeed_feed_requests", "GET /feeds/<file> answers by status", ["status"], registry=REGISTRY
)
# children bound once: the hot path only increments
_SERVED = {code: FEED_REQUESTS.labels(status=str(code)) for code in (200, 304, 404, 405, 412)}

# a published name: no directories, no dotfiles (publish's temp files start with a dot)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$")
_MAX_CACHED = 64 * 1024 * 1024  # bytes of file bodies kept in memory, all files together
_GZIP_MIN = 512  # below this, gzip costs more than it saves


@dataclass
class CachedFile:
    stat_key: tuple[int, int]  # (mtime_ns, size)
    body: bytes
    etag: bytes  # strong: a hash of the bytes, so a byte-identical republish keeps it
    last_modified: bytes
    mtime: int  # whole seconds, for If-Modified-Since
    content_type: bytes
    csp: bytes | None  # HTML with inline <style>: the policy plus their hashes
    _gzip: bytes | None = field(default=None, repr=False)
    # the validator and policy headers of a 304, per representation: built once, sent as is
    headers_plain: list[tuple[bytes, bytes]] = field(default_factory=list, repr=False)
    headers_gzip: list[tuple[bytes, bytes]] = field(default_factory=list, repr=False)

    @property
    def gzip_etag(self) -> bytes:
        # a strong ETag names one representation: the gzip body gets its own
        return self.etag[:-1] + b'-gz"'

    def gzipped(self) -> bytes:
        if self._gzip is None:
            # mtime=0: the same bytes always compress to the same body
            self._gzip = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzip


class FeedFiles:
    """ASGI endpoint for /feeds/{name}; also usable directly as `await files(scope, receive, send)`."""

    def __init__(
        self, directory: Path, *, max_age: int, base_url: str, security_headers: Sequence[tuple[bytes, bytes]] = (),
        db: DbCall | None = None, poll: float = POLL_SECONDS,
    ) -> None:
        self.directory = directory
        self.max_age = max_age
        self.base_url = base_url
        self._cache: dict[str, CachedFile] = {}
        self._lock = threading.Lock()
        self._cache_control = f"public, max-age={max_age}".encode()
        self._csp = build_csp(base_url).encode()
        # this endpoint answers before any middleware runs, so it adds the site-wide headers itself
        self._security = list(security_headers)
        # the database's published files: name -> entry, as of generation `_generation`
        self._db = db
        self._poll = poll
        self._stored: dict[str, CachedFile] = {}
        self._generation = -1
        self._checked = -1e9  # monotonic time of the last look at the database
        self._seen_here = -1  # core.published_here at that look
        self._refresh_lock = threading.Lock()

    # --- the database's copy ---------------------------------------------------

    def _stale(self) -> bool:
        return self._db is not None and (
            core.published_here != self._seen_here or time.monotonic() - self._checked >= self._poll)

    def refresh(self) -> None:
        """Read the published files' marker and reload those whose ETag moved (blocking: a worker thread)."""
        assert self._db is not None
        with self._refresh_lock:
            if not self._stale():
                return
            seen_here = core.published_here
            try:
                self._db(self._reload)
            except Exception:  # noqa: BLE001 - the database is away: keep serving what we have
                import logging

                logging.getLogger(__name__).warning("could not read the published files", exc_info=True)
            self._checked = time.monotonic()
            self._seen_here = seen_here

    def _reload(self, app: Myofeed) -> None:
        generation = app.published_generation()
        if generation == self._generation:
            return
        etags = app.published_etags()
        changed = [n for n, etag in etags.items()
                   if n not in self._stored or self._stored[n].etag != etag.encode()]
        fresh = {f.name: f for f in app.published_files(changed)} if changed else {}
        stored: dict[str, CachedFile] = {}
        for name in etags:
            if name in fresh:
                f = fresh[name]
                entry = self._entry(name, f.body, f.etag.encode(), int(f.modified.timestamp()),
                                    f.content_type, None)
                if entry is not None:
                    stored[name] = entry
            elif name in self._stored:
                stored[name] = self._stored[name]
        self._stored = stored  # one assignment: a request sees the old set or the new one
        self._generation = generation

    # --- cache ---------------------------------------------------------------

    def lookup(self, name: str) -> CachedFile | None:
        """The file for a published name: the database's copy, else the publish directory's, (re)read
        when its stat changed; None when absent."""
        if not _NAME.fullmatch(name):
            return None
        stored = self._stored.get(name)
        if stored is not None:
            return stored
        suffix = os.path.splitext(name)[1].lower()
        ctype = CONTENT_TYPES.get(suffix)
        if ctype is None:
            return None
        path = os.path.join(self.directory, name)
        try:
            st = os.stat(path)
        except OSError:
            self._cache.pop(name, None)
            return None
        if not _is_regular(st.st_mode):
            return None
        key = (st.st_mtime_ns, st.st_size)
        cached = self._cache.get(name)
        if cached is not None and cached.stat_key == key:
            return cached
        return self._load(name, path, key, ctype, suffix)

    def _load(self, name: str, path: str, key: tuple[int, int], ctype: str, suffix: str) -> CachedFile | None:
        real = os.path.realpath(path)
        if os.path.dirname(real) != os.path.realpath(self.directory):
            return None  # a symlink pointing out of the publish directory
        try:
            with open(real, "rb") as fh:
                body = fh.read()
        except OSError:
            return None
        etag = b'"' + hashlib.sha256(body).hexdigest()[:32].encode() + b'"'  # as store.published.etag_of
        entry = self._entry(name, body, etag, key[0] // 1_000_000_000, ctype, key)
        if entry is None:
            return None
        with self._lock:
            self._cache[name] = entry
            self._evict()
        return entry

    def _entry(self, name: str, body: bytes, etag: bytes, mtime: int, ctype: str,
               key: tuple[int, int] | None) -> CachedFile | None:
        """A servable entry with its prebuilt 200/304 headers."""
        if not _NAME.fullmatch(name):
            return None
        csp = None
        if os.path.splitext(name)[1].lower() == ".html":
            hashes = inline_style_hashes(body)
            if hashes:
                csp = build_csp(self.base_url, hashes).encode()
        entry = CachedFile(
            stat_key=key or (0, len(body)),
            body=body,
            etag=etag,
            last_modified=formatdate(mtime, usegmt=True).encode(),
            mtime=mtime,
            content_type=ctype.encode(),
            csp=csp,
        )
        for etag, target in ((entry.etag, entry.headers_plain), (entry.gzip_etag, entry.headers_gzip)):
            target.extend([
                (b"etag", etag),
                (b"last-modified", entry.last_modified),
                (b"cache-control", self._cache_control),
                (b"vary", b"Accept-Encoding"),
                (b"content-security-policy", csp or self._csp),
                *self._security,
            ])
        return entry

    def _evict(self) -> None:
        total = sum(len(c.body) for c in self._cache.values())
        for name in list(self._cache):
            if total <= _MAX_CACHED:
                break
            total -= len(self._cache.pop(name).body)

    # --- HTTP ----------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """As a route endpoint: the name comes from the path parameter."""
        await self.serve(scope, send, scope.get("path_params", {}).get("name", ""))

    async def serve(self, scope: Scope, send: Send, name: str) -> None:
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            await self._plain(send, 405, b"method not allowed\n", [(b"allow", b"GET, HEAD")])
            return
        if self._stale():
            await run_in_threadpool(self.refresh)
        entry = self.lookup(name)
        if entry is None:
            await self._plain(send, 404, b"not found\n")
            return
        req = _headers(scope)
        wants_gzip = len(entry.body) >= _GZIP_MIN and _accepts_gzip(req.get(b"accept-encoding", b""))
        headers = entry.headers_gzip if wants_gzip else entry.headers_plain
        if _precondition_failed(req, entry, wants_gzip):
            await self._plain(send, 412, b"precondition failed\n", [h for h in headers if h[0] in _VALIDATORS])
            return
        if _not_modified(req, entry):
            _SERVED[304].inc()
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        body = entry.gzipped() if wants_gzip else entry.body
        headers = [*headers, (b"content-type", entry.content_type), (b"content-length", str(len(body)).encode())]
        if wants_gzip:
            headers.append((b"content-encoding", b"gzip"))
        _SERVED[200].inc()
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if method == "HEAD" else body})

    async def _plain(
        self, send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]] | None = None
    ) -> None:
        headers = [
            (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
            (b"content-security-policy", self._csp), *self._security, *(extra or []),
        ]
        _SERVED[status].inc()
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _is_regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)


_WANTED = frozenset((b"if-none-match", b"if-modified-since", b"accept-encoding", b"if-match", b"if-unmodified-since"))
_VALIDATORS = (b"etag", b"last-modified")


def _headers(scope: Scope) -> dict[bytes, bytes]:
    # only the few validators we read; header names arrive lower-cased from the server
    out: dict[bytes, bytes] = {}
    for k, v in scope["headers"]:
        if k in _WANTED:
            out[k] = out[k] + b", " + v if k in out else v
    return out


def _accepts_gzip(value: bytes) -> bool:
    for part in value.lower().split(b","):
        coding, _, params = part.strip().partition(b";")
        if coding.strip() in (b"gzip", b"*"):
            q = params.strip()
            return not (q.startswith(b"q=") and _qzero(q[2:]))
    return False


def _qzero(q: bytes) -> bool:
    try:
        return float(q) == 0.0
    except ValueError:
        return False


def _precondition_failed(req: dict[bytes, bytes], entry: CachedFile, gzipped: bool) -> bool:
    """RFC 9110 13.2.2 steps 1-2: If-Match (strong comparison, against the representation chosen),
    else If-Unmodified-Since; a failed one is 412. Readers never send them; caches and scripts may."""
    im = req.get(b"if-match")
    if im is not None:
        if im.strip() == b"*":
            return False
        own = entry.gzip_etag if gzipped else entry.etag
        return not any(tag.strip() == own for tag in im.split(b","))  # a weak W/ tag never matches
    ius = req.get(b"if-unmodified-since")
    if ius is not None:
        try:
            since = parsedate_to_datetime(ius.decode("latin-1")).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False  # an invalid date is ignored (RFC 9110 13.1.4)
        return entry.mtime > since
    return False


def _not_modified(req: dict[bytes, bytes], entry: CachedFile) -> bool:
    """RFC 9110 13.2.2: If-None-Match (weak comparison) wins; If-Modified-Since only without it."""
    inm = req.get(b"if-none-match")
    if inm is not None:
        if inm.strip() == b"*":
            return True
        for tag in inm.split(b","):
            tag = tag.strip()
            if tag.startswith(b"W/"):
                tag = tag[2:]
            if tag == entry.etag or tag == entry.gzip_etag:
                return True
        return False
    ims = req.get(b"if-modified-since")
    if ims is not None:
        try:
            since = parsedate_to_datetime(ims.decode("latin-1")).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        # a date later than our clock is invalid and ignored (RFC 9110 13.1.3): a client whose clock runs
        # ahead would otherwise keep its stale copy of every feed until that date (outside audit 8, note 7)
        return entry.mtime <= since <= time.time()
    return False
