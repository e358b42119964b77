"""The SQLite run lock: one `run` per database, and where that `run` serves.

While publish.base_url is the default, the lock's holder also names the address the service listens
on, so a command run beside it (`publish`, `subscribers add`, `digest send`) links that address even
when `run --port` chose another port than [web] port."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core import Myofeed

LOCK = "run"
STALE_AFTER = 120.0  # seconds without a heartbeat before another instance may take over
_SERVING = " serving "


def holder(owner: str, url: str | None) -> str:
    """The lock's holder for worker `owner`, with the URL it serves when links follow it."""
    return f"{owner}{_SERVING}{url}" if url else owner


def holder_died(who: str) -> bool:
    """The lock's holder was a process of this host that is gone (its id reads host:pid:role-...)."""
    import os
    import socket

    host, _, rest = who.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another host's process: only its heartbeat can tell
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's
    return False


def served_url(app: Myofeed, now: datetime | None = None) -> str | None:
    """The URL a live `run` on this SQLite database serves and links, if it says so."""
    if app.store.backend != "sqlite":
        return None  # PostgreSQL has no run lock; its installations set one base_url (README)
    now = now or datetime.now(timezone.utc)
    who = app.lock_owner(LOCK, live_since=now - timedelta(seconds=STALE_AFTER))
    if not who or _SERVING not in who:
        return None
    return who.split(_SERVING, 1)[1]
