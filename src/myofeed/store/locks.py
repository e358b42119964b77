"""Named leases in the database: one `run` per SQLite database, one digest run at a time."""

from __future__ import annotations

from datetime import datetime, timedelta

from ._mixin import MixinBase


class LocksMixin(MixinBase):
    def acquire_lock(self, name: str, owner: str, now: datetime, stale_after: float) -> bool:
        """Take the lock if free, ours, or stale (its holder stopped heart-beating).

        One statement, so two processes racing for a free lock cannot both win on any backend."""
        rows = self._db.reader().all(  # all(): RETURNING rows are read to the end, so the statement completes
            "INSERT INTO locks (name, owner, acquired, heartbeat) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquired = excluded.acquired,"
            " heartbeat = excluded.heartbeat WHERE locks.owner = excluded.owner OR locks.heartbeat <= ?"
            " RETURNING owner",
            (name, owner, now, now, now - timedelta(seconds=stale_after)),
        )
        return bool(rows)

    def heartbeat_lock(self, name: str, owner: str, now: datetime) -> None:
        self._db.reader().execute("UPDATE locks SET heartbeat = ? WHERE name = ? AND owner = ?", (now, name, owner))

    def lock_owner(self, name: str, live_since: datetime | None = None) -> str | None:
        if live_since is None:
            row = self._db.one("SELECT owner FROM locks WHERE name = ?", (name,))
        else:
            row = self._db.one("SELECT owner FROM locks WHERE name = ? AND heartbeat > ?", (name, live_since))
        return row["owner"] if row else None

    def release_lock(self, name: str, owner: str) -> None:
        self._db.reader().execute("DELETE FROM locks WHERE name = ? AND owner = ?", (name, owner))
