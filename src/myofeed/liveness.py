"""Whether the process that holds a lock, lease or claim is still there.

Every holder is named `host:pid:...` (core.worker_id). On this host a pid that no longer exists
means the holder was killed (kill -9, OOM) without letting go: what it held can be taken over at
once instead of waiting for its heartbeat or lease to expire. Another host's holder can only be
judged by its heartbeat."""

from __future__ import annotations

import os
import socket


def holder_died(who: str) -> bool:
    """`who` (host:pid:...) was a process of this host that is gone."""
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
    except OverflowError:
        return False  # not a pid this system could have: not ours to judge
    return False


def worker_of(who: str) -> str:
    """The worker id in a lock holder's name (the run lock may add ' serving URL' after it)."""
    return who.split(" ", 1)[0]
