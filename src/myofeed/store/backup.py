"""A consistent copy of the SQLite database while the service runs (`myofeed backup`).

SQLite's online backup API copies page by page under its own locking, so a
writer in another process (a running `myofeed run`) never leaves the copy
half-written; the copy is written beside its target and renamed into place.
What only the live processes hold (the `run` lock, the publisher lock, source
leases and digest claims) stays behind: no process uses the copy.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from ..exceptions import StorageError
from .sqlite import connect_read_only


def backup_sqlite(database: Path, target: Path) -> int:
    """Copy `database` to `target` (atomically replaced); returns the copy's size in bytes."""
    if not database.exists():
        raise StorageError(f"no database at {database} (nothing ingested yet?)")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        # read-only, WAL files included: a backup works from a read-only mount (sqlite.connect_read_only)
        source = connect_read_only(database)
        try:
            copy = sqlite3.connect(tmp)
            try:
                source.backup(copy)
                _drop_process_state(copy)
                (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
                if verdict != "ok":
                    raise StorageError(f"the copy of {database} failed its integrity check: {verdict}")
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            finally:
                copy.close()
        finally:
            source.close()
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot back up {database}: {exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return target.stat().st_size


def _drop_process_state(copy: sqlite3.Connection) -> None:
    # a lock copied along would make `run` on the copy refuse ("another myofeed run is using it").
    # A database of an older schema may lack a table or column (digest_claims, leases came later): it
    # is copied as it is, and the myofeed that migrates it starts with no such state anyway
    tables = {name for (name,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    with copy:
        for table in ("locks", "digest_claims"):
            if table in tables:
                copy.execute(f"DELETE FROM {table}")  # noqa: S608 - one of the two names above
        if "sources" in tables and "lease_owner" in {
                row[1] for row in copy.execute("PRAGMA table_info(sources)")}:
            copy.execute("UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL")
