"""The SQLite run lock: one `run` per database, and where that `run` serves.

While publish.base_url is the default, the lock's holder also names the address the service listens
on, so a command run beside it (`publish`, `subscribers add`, `digest send`) links that address even
when `run --port` chose another port than [web] port."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from ..liveness import holder_died

if TYPE_CHECKING:
    from ..core import Myofeed

__all__ = ["LOCK", "STALE_AFTER", "holder", "holder_died", "served_url"]

LOCK = "run"
STALE_AFTER = 120.0  # seconds without a heartbeat before another instance may take over
_SERVING = " serving "


def holder(owner: str, url: str | None) -> str:
    """The lock's holder for worker `owner`, with the URL it serves when links follow it."""
    return f"{owner}{_SERVING}{url}" if url else owner


def served_url(app: Myofeed, now: datetime | None = None) -> str | None:
    """The URL a live `run` on this SQLite database serves and links, if it says so."""
    if app.store.backend != "sqlite":
        return None  # PostgreSQL has no run lock; its installations set one base_url (README)
    now = now or datetime.now(timezone.utc)
    who = app.lock_owner(LOCK, live_since=now - timedelta(seconds=STALE_AFTER))
    if not who or _SERVING not in who:
        return None
    return who.split(_SERVING, 1)[1]
