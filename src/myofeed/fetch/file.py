"""file: retrieval: local feeds and pages (the bundled demo sources, `extract FILE`).

Answers like a tiny HTTP server would: status 200, a content type guessed from
the extension, and ETag / Last-Modified from the file's size and mtime, so an
unchanged file answers 304 and is not parsed again.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.request import url2pathname

from .._types import FetchRequest, FetchResult
from ..exceptions import FetchError, ResponseTooLargeError
from .http import http_date

if TYPE_CHECKING:
    from ..config import FetchSettings

# mimetypes knows neither feed extension everywhere; these are the registered types.
_TYPES = {
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".rdf": "application/rdf+xml",
    ".xml": "application/xml",
    ".json": "application/json",
    ".html": "text/html",
    ".htm": "text/html",
}


def path_from_url(url: str) -> Path:
    """file:///abs/path (or file://localhost/abs/path) -> Path; other hosts are refused."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        raise FetchError(f"{url}: not a file: URL")
    if parts.netloc not in ("", "localhost"):
        raise FetchError(f"{url}: file: URLs on another host ({parts.netloc}) are not supported")
    return Path(url2pathname(parts.path))


def guess_type(path: Path) -> str:
    ctype = _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{ctype}; charset=utf-8" if ctype in ("text/html",) else ctype


def read_file(request: FetchRequest, max_bytes: int) -> FetchResult:
    """Synchronous core of `FileRetriever.fetch` (also handy for the CLI and tests)."""
    path = path_from_url(request.url)
    try:
        # O_NONBLOCK: opening a FIFO must not hang; only regular files are read (not /dev/zero, a FIFO...)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError(path)
            if not stat.S_ISREG(st.st_mode):
                raise FetchError(f"{request.url}: not a regular file")
            etag = f'"{st.st_size:x}-{st.st_mtime_ns:x}"'
            last_modified = http_date(st.st_mtime)
            headers = {"content-type": guess_type(path), "etag": etag, "last-modified": last_modified}
            if request.etag == etag or (request.etag is None and request.last_modified == last_modified):
                return FetchResult(request.url, 304, None, headers, etag, last_modified)
            content = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise FetchError(f"{request.url}: no such file") from exc
    except IsADirectoryError as exc:
        raise FetchError(f"{request.url}: is a directory") from exc
    except OSError as exc:
        raise FetchError(f"{request.url}: cannot read: {exc.strerror or exc}") from exc
    if len(content) > max_bytes:
        raise ResponseTooLargeError(f"{request.url}: file larger than [fetch].max_bytes ({max_bytes} bytes)")
    headers["content-length"] = str(len(content))
    return FetchResult(request.url, 200, content, headers, etag, last_modified)


class FileRetriever:
    """file: URLs; reads happen in a thread so a slow disk never blocks the event loop."""

    def __init__(self, settings: FetchSettings, *, user_agent: str | None = None) -> None:
        self.max_bytes = settings.max_bytes

    async def fetch(self, request: FetchRequest) -> FetchResult:
        return await asyncio.to_thread(read_file, request, self.max_bytes)

    async def close(self) -> None:
        return None
