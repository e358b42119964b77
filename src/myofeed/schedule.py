"""Scheduling decisions as pure functions: values in, values out, no I/O."""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

MAX_BACKOFF = 24 * 3600.0
# The longest wait a server can impose (Retry-After): a week. Anything longer is the server's
# mistake or an attack, and an unbounded one overflows datetime arithmetic.
MAX_SERVER_DELAY = 7 * 24 * 3600.0
# The longest interval the config accepts (config.parse_duration): a year.
MAX_INTERVAL = 366 * 24 * 3600.0


def clamp_delay(seconds: float | None, maximum: float = MAX_SERVER_DELAY) -> float | None:
    """A delay given by someone else, made safe: None stays None; NaN, negatives -> 0; at most `maximum`."""
    if seconds is None:
        return None
    if not math.isfinite(seconds):
        return maximum if seconds > 0 else 0.0
    return min(max(seconds, 0.0), maximum)


def next_due(
    *, now: datetime, interval: float, ok: bool, failures: int, retry_after: float | None = None, name: str = ""
) -> tuple[datetime, datetime | None]:
    """When to fetch a source next, and until when a server asked us to wait.

    Success: one interval later. Failure: exponential backoff on the interval
    (capped at a day), so a dead site is not hammered. A Retry-After always
    wins when it is later, up to a week (`MAX_SERVER_DELAY`). A small per-source jitter spreads sources that share
    an interval so they do not all fire on the same tick.
    """
    interval = clamp_delay(interval, MAX_INTERVAL) or 0.0
    retry_after = clamp_delay(retry_after)
    delay = interval if ok else min(interval * (2 ** min(max(failures - 1, 0), 32)), max(MAX_BACKOFF, interval))
    delay += _jitter(name, interval)
    due = now + timedelta(seconds=delay)
    hold = None
    if retry_after is not None and retry_after > 0:
        hold = now + timedelta(seconds=retry_after)
        due = max(due, hold)
    return due, hold


def _jitter(name: str, interval: float) -> float:
    # deterministic (same source, same jitter), at most 2% of the interval
    h = int.from_bytes(hashlib.blake2b(name.encode(), digest_size=4).digest(), "big")
    return (h % 1000) / 1000 * 0.02 * interval


def is_broken(*, previous_count: int | None, count: int, empty_fields: float, ever_succeeded: bool) -> str | None:
    """A listing page that used to yield posts and now yields none, or whose
    fields went empty, is a broken scrape: returns the reason, else None."""
    if count == 0 and (previous_count or 0) > 0:
        return f"the page yielded no posts (it yielded {previous_count} last time): the site's markup may have changed"
    if count == 0 and not ever_succeeded:
        return "the page yielded no posts: check the URL or add selectors (myofeed extract URL)"
    if count > 0 and empty_fields >= 0.5:
        return f"{empty_fields:.0%} of the posts have no link or title: the site's markup may have changed"
    return None
