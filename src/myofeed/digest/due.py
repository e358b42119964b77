"""When a subscriber's digest is due: pure functions, values in, values out.

SPEC: the first digest is due at once; after that `daily` is due on the next
calendar day (in the configured time zone) at or after the send hour, and
`weekly` on the seventh calendar day after the last digest, at or after the
send hour. Counting calendar days (not 24 h periods) keeps the send time from
drifting later every day by however late the scheduler's tick happened to be.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from ..types import Cadence, Subscriber

_DAYS: dict[str, int] = {"daily": 1, "weekly": 7}
# posts older than this before the last digest are no longer offered (bounds each run's work);
# newer ones that were never delivered (a 4xx, the max_posts cap, a new topic) still are
LOOKBACK = timedelta(days=30)


def next_due(last_digest_at: datetime | None, cadence: Cadence, *, send_hour: int, tz: tzinfo) -> datetime | None:
    """The instant the next digest becomes due; None means due at once (no digest yet)."""
    if last_digest_at is None:
        return None
    last_local = last_digest_at.astimezone(tz)
    day = last_local.date() + timedelta(days=_DAYS[cadence])
    # build the wall-clock time in the zone, then normalise through UTC so a DST gap
    # (a send hour that does not exist that day) lands on the first real instant after it
    local = datetime.combine(day, time(send_hour), tzinfo=tz)
    return local.astimezone(UTC).astimezone(tz)


def is_due(
    last_digest_at: datetime | None, cadence: Cadence, now: datetime, *, send_hour: int, tz: tzinfo
) -> bool:
    """True when a digest should go out at `now` (if there is anything new)."""
    due = next_due(last_digest_at, cadence, send_hour=send_hour, tz=tz)
    return due is None or now >= due


def subscriber_due(sub: Subscriber, now: datetime, *, send_hour: int, timezone_name: str) -> bool:
    """Only confirmed subscribers ever get a digest."""
    if sub.state != "confirmed":
        return False
    return is_due(sub.last_digest_at, sub.cadence, now, send_hour=send_hour, tz=ZoneInfo(timezone_name))


def posts_since(sub: Subscriber) -> datetime:
    """The oldest first_seen a post may have to be offered to this subscriber.

    The first digest holds everything stored since they subscribed; later ones
    look back LOOKBACK before the last digest so undelivered posts are retried.
    """
    if sub.last_digest_at is None:
        return sub.created
    return max(sub.created, sub.last_digest_at - LOOKBACK)
