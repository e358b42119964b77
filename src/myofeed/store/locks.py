"""A lease in the database so only one `run` owns a database at a time."""

from __future__ import annotations

from datetime import datetime, timedelta

from ._mixin import MixinBase
from ._util import iso


class LocksMixin(MixinBase):
    def acquire_lock(self, name: str, owner: str, now: datetime, stale_after: float) -> bool:
        """Take the lock if free, ours, or stale (its holder stopped heart-beating)."""
        with self.transaction() as conn:
            row = conn.execute("SELECT owner, heartbeat FROM locks WHERE name = ?", (name,)).fetchone()
            stale = iso(now - timedelta(seconds=stale_after))
            if row is not None and row["owner"] != owner and row["heartbeat"] > (stale or ""):
                return False
            conn.execute(
                "INSERT INTO locks (name, owner, acquired, heartbeat) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquired = excluded.acquired,"
                " heartbeat = excluded.heartbeat",
                (name, owner, iso(now), iso(now)),
            )
            return True

    def heartbeat_lock(self, name: str, owner: str, now: datetime) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE locks SET heartbeat = ? WHERE name = ? AND owner = ?", (iso(now), name, owner))

    def lock_owner(self, name: str) -> str | None:
        row = self.conn.execute("SELECT owner FROM locks WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def release_lock(self, name: str, owner: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM locks WHERE name = ? AND owner = ?", (name, owner))
