"""Atomic, change-aware file writes for the publish directory.

Readers (feed clients via the web server) must never see a half-written
file, and an unchanged file keeps its bytes and mtime so ETag/Last-Modified
stay valid.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

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


def content_type(name: str) -> str | None:
    """The Content-Type a published file is served with (by its suffix); None: not servable."""
    return CONTENT_TYPES.get(os.path.splitext(name)[1].lower())


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` atomically unless the file already holds exactly these bytes.

    Returns True when the file was (re)written.
    """
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write(path, data)
    return True


def atomic_write(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Temp file in the same directory, fsync, os.replace, fsync the directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)  # mkstemp creates 0600; feeds are public files
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def remove_stale_temps(directory: Path, max_age: float = 3600.0) -> int:
    """Delete temp files a crashed writer left behind (older than max_age seconds)."""
    removed = 0
    cutoff = time.time() - max_age
    try:
        candidates = list(directory.glob(".*.tmp"))
    except OSError:
        return 0
    for path in candidates:
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
    return removed


def _fsync_dir(directory: Path) -> None:
    # Makes the rename durable; not possible on every platform/filesystem.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
