"""Scheduling decisions as pure functions: values in, values out, no I/O."""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

from ._types import FetchAttempt, FetchOutcome, SourceState

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


def planned_due(state: SourceState, interval: float) -> datetime | None:
    """When a source fetched before is next due under `interval`: what `decide` would have set at
    its last fetch had the interval been this one (so a changed interval takes effect at once: a
    shorter one makes the source due sooner, a longer one later). None when it was never fetched
    (it is due at once anyway)."""
    if state.consecutive_failures == 0:
        if state.last_success is None:
            return None
        due, _ = next_due(now=state.last_success, interval=interval, ok=True, failures=0, name=state.name)
        return due
    if state.last_error_at is None:
        return None
    due, _ = next_due(now=state.last_error_at, interval=interval, ok=False, failures=state.consecutive_failures,
                      name=state.name)
    # a server's Retry-After is kept apart (retry_after_until) and still holds whatever the interval
    return max(due, state.retry_after_until) if state.retry_after_until is not None else due


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


def hold_reason(state: SourceState | None, now: datetime) -> str | None:
    """Why a source must not be fetched at `now` (a server's Retry-After still runs), else None."""
    hold = state.retry_after_until if state is not None else None
    if hold is not None and hold > now:
        return f"waiting: the server asked to retry after {hold.isoformat()}"
    return None


def decide(state: SourceState | None, result: FetchAttempt, now: datetime, *, interval: float,
           name: str = "") -> FetchOutcome:
    """The source's new state after one fetch: success, not modified, error or broken, with the
    backoff and the next due time. Pure: the caller fetched, parsed and will store.

    - not modified: a success that keeps what the last document said (feed links, broken flag);
    - fetched: a success; a listing page that stopped yielding posts (or whose fields went empty)
      is marked broken, and one that yields nothing at all is a failure, never a silent zero; a
      feed that had entries and now has none is marked broken;
    - error: one more consecutive failure, exponential backoff, a Retry-After honoured.
    """
    if result.status == "error":
        return _failure(state, now, interval=interval, name=name, error=result.error or "failed",
                        retry_after=result.retry_after, broken=result.error if result.extraction_failed else None)
    due, _ = next_due(now=now, interval=interval, ok=True, failures=0, name=name)
    if result.status == "not_modified":
        return FetchOutcome(
            ok=True, at=now, next_due=due, etag=result.etag, last_modified=result.last_modified,
            new_url=result.permanent_url, not_modified=True,
            feed_links=state.feed_links if state is not None else (),
            broken_reason=state.broken_reason if state is not None else None,
        )
    previous = state.last_count if state is not None else None
    broken = None
    if result.doc_kind == "html":
        broken = is_broken(previous_count=previous, count=result.count, empty_fields=result.empty_fields,
                           ever_succeeded=state is not None and state.last_success is not None)
        if broken and not result.count:
            return _failure(state, now, interval=interval, name=name, error=broken, broken=broken)
    elif not result.count and (previous or 0) > 0:
        broken = "the feed has no entries any more"
    broken = broken or result.flood
    return FetchOutcome(
        ok=True, at=now, next_due=due, etag=result.etag, last_modified=result.last_modified,
        new_url=result.permanent_url, broken_reason=broken, feed_links=result.feed_links,
        count=result.count if (result.count or broken) else None,
    )


def _failure(state: SourceState | None, now: datetime, *, interval: float, name: str, error: str,
             retry_after: float | None = None, broken: str | None = None) -> FetchOutcome:
    failures = (state.consecutive_failures if state is not None else 0) + 1
    due, hold = next_due(now=now, interval=interval, ok=False, failures=failures, retry_after=retry_after, name=name)
    return FetchOutcome(ok=False, at=now, next_due=due, error=error, retry_after_until=hold, broken_reason=broken)
