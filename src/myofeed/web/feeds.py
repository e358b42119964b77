"""GET /feeds/<file>: the published files, served from memory with validators.

Feed readers poll; most polls are conditional and answered 304. So this path
is a plain ASGI app: one os.stat() to notice a republish, a dict lookup, and
prebuilt header lists. Bytes, ETag and the gzip body are cached per
(path, mtime, size); publish writes atomically (rename), so a changed file
always has a new stat.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

from prometheus_client import Counter
from starlette.types import Receive, Scope, Send

from ..metrics import REGISTRY
from .security import build_csp, inline_style_hashes

FEED_REQUESTS = Counter(
    "myofeed_feed_requests", "GET /feeds/<file> answers by status", ["status"], registry=REGISTRY
)
# children bound once: the hot path only increments
_SERVED = {code: FEED_REQUESTS.labels(status=str(code)) for code in (200, 304, 404, 405)}

CONTENT_TYPES = {
    ".atom": "application/atom+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".json": "application/feed+json; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
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
        self, directory: Path, *, max_age: int, base_url: str, security_headers: Sequence[tuple[bytes, bytes]] = ()
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

    # --- cache ---------------------------------------------------------------

    def lookup(self, name: str) -> CachedFile | None:
        """The cached file for a published name, (re)read when its stat changed; None when absent."""
        if not _NAME.fullmatch(name):
            return None
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
        mtime = key[0] // 1_000_000_000
        csp = None
        if suffix == ".html":
            hashes = inline_style_hashes(body)
            if hashes:
                csp = build_csp(self.base_url, hashes).encode()
        entry = CachedFile(
            stat_key=key,
            body=body,
            etag=b'"' + hashlib.sha256(body).hexdigest()[:32].encode() + b'"',
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
        with self._lock:
            self._cache[name] = entry
            self._evict()
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
        entry = self.lookup(name)
        if entry is None:
            await self._plain(send, 404, b"not found\n")
            return
        req = _headers(scope)
        wants_gzip = len(entry.body) >= _GZIP_MIN and _accepts_gzip(req.get(b"accept-encoding", b""))
        headers = entry.headers_gzip if wants_gzip else entry.headers_plain
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


def _headers(scope: Scope) -> dict[bytes, bytes]:
    # only the few validators we read; header names arrive lower-cased from the server
    out: dict[bytes, bytes] = {}
    for k, v in scope["headers"]:
        if k in (b"if-none-match", b"if-modified-since", b"accept-encoding"):
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
        return entry.mtime <= since
    return False
