"""Scheduling decisions are pure functions: values in, values out."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from myofeed._types import FetchAttempt, SourceState
from myofeed.ingest import dedup_key, sort_key
from myofeed.schedule import MAX_BACKOFF, decide, hold_reason, is_broken, next_due, planned_due
from myofeed.types import ExtractedPost

NOW = datetime(2025, 11, 21, 8, 0, tzinfo=timezone.utc)


def test_success_is_one_interval_later_with_small_stable_jitter() -> None:
    due, hold = next_due(now=NOW, interval=3600, ok=True, failures=0, name="a")
    assert hold is None
    assert timedelta(hours=1) <= due - NOW <= timedelta(hours=1, seconds=72)
    assert next_due(now=NOW, interval=3600, ok=True, failures=0, name="a")[0] == due
    assert next_due(now=NOW, interval=3600, ok=True, failures=0, name="b")[0] != due


def test_failures_back_off_exponentially_up_to_a_day() -> None:
    delays = [next_due(now=NOW, interval=600, ok=False, failures=n, name="x")[0] - NOW for n in (1, 2, 3, 4)]
    assert delays == sorted(delays)
    assert delays[1] >= 2 * timedelta(seconds=600)
    capped = next_due(now=NOW, interval=600, ok=False, failures=40, name="x")[0] - NOW
    assert capped <= timedelta(seconds=MAX_BACKOFF * 1.02)


def test_retry_after_wins_when_later() -> None:
    due, hold = next_due(now=NOW, interval=60, ok=False, failures=1, retry_after=7200, name="x")
    assert hold == NOW + timedelta(seconds=7200)
    assert due >= hold


def test_broken_rules() -> None:
    assert is_broken(previous_count=10, count=0, empty_fields=0, ever_succeeded=True)
    assert is_broken(previous_count=None, count=0, empty_fields=0, ever_succeeded=False)
    assert is_broken(previous_count=10, count=10, empty_fields=0.8, ever_succeeded=True)
    assert is_broken(previous_count=10, count=9, empty_fields=0.0, ever_succeeded=True) is None


def test_dedup_key_prefers_guid_then_link_then_hash() -> None:
    assert dedup_key(ExtractedPost("t", "https://a.example/1", guid="g")) == "guid:g"
    assert dedup_key(ExtractedPost("t", "https://a.example/1")) == "url:https://a.example/1"
    h1 = dedup_key(ExtractedPost("t", None, published="2025-11-20"))
    assert h1.startswith("hash:") and h1 == dedup_key(ExtractedPost("t", None, published="2025-11-20"))
    assert h1 != dedup_key(ExtractedPost("t", None, published="2025-11-21"))


def test_sort_key_keeps_date_only_on_its_day() -> None:
    assert sort_key("2025-11-20", NOW) == datetime(2025, 11, 20, tzinfo=timezone.utc)
    assert sort_key("2025-11-20T09:30:00+01:00", NOW) == datetime(2025, 11, 20, 8, 30, tzinfo=timezone.utc)
    assert sort_key("2025-11-20T09:30:00", NOW) == datetime(2025, 11, 20, 9, 30, tzinfo=timezone.utc)
    assert sort_key(None, NOW) == NOW
    assert sort_key("garbage", NOW) == NOW


# --- decide(state, result, now): the fetch outcome from values -----------------------------

HOUR = 3600.0


def _state(**kw: object) -> SourceState:
    base: dict[str, object] = dict(name="s", url="https://s.example/feed", config_url="https://s.example/feed",
                                   kind="auto", created=NOW - timedelta(days=3))
    base.update(kw)
    return SourceState(**base)  # type: ignore[arg-type]


def test_decide_success_resets_and_schedules_one_interval_later() -> None:
    state = _state(consecutive_failures=3, last_success=NOW - timedelta(days=1), last_count=5)
    out = decide(state, FetchAttempt("fetched", etag='"e"', doc_kind="feed", count=7), NOW, interval=HOUR, name="s")
    assert out.ok and not out.not_modified and out.error is None and out.broken_reason is None
    assert out.at == NOW and HOUR <= (out.next_due - NOW).total_seconds() <= HOUR * 1.02
    assert out.etag == '"e"' and out.count == 7


def test_decide_not_modified_keeps_what_the_last_document_said() -> None:
    state = _state(feed_links=("https://s.example/atom",), broken_reason="fields empty", last_count=4)
    out = decide(state, FetchAttempt("not_modified", etag='"e"'), NOW, interval=HOUR)
    assert out.ok and out.not_modified and out.count is None
    assert out.feed_links == ("https://s.example/atom",) and out.broken_reason == "fields empty"


def test_decide_error_backs_off_exponentially_and_honours_retry_after() -> None:
    first = decide(_state(), FetchAttempt("error", error="HTTP 500"), NOW, interval=600)
    third = decide(_state(consecutive_failures=2), FetchAttempt("error", error="HTTP 500"), NOW, interval=600)
    assert not first.ok and first.error == "HTTP 500" and first.retry_after_until is None
    assert (third.next_due - NOW) > 3 * (first.next_due - NOW)
    held = decide(_state(), FetchAttempt("error", error="HTTP 429", retry_after=7200), NOW, interval=60)
    assert held.retry_after_until == NOW + timedelta(hours=2) and held.next_due >= held.retry_after_until
    assert held.broken_reason is None


def test_decide_a_listing_that_stops_yielding_posts_fails_as_broken() -> None:
    state = _state(last_success=NOW - timedelta(days=1), last_count=12)
    out = decide(state, FetchAttempt("fetched", doc_kind="html", count=0), NOW, interval=HOUR)
    assert not out.ok and out.broken_reason and "yielded 12 last time" in out.broken_reason
    assert out.error == out.broken_reason


def test_decide_a_listing_with_empty_fields_is_stored_but_marked_broken() -> None:
    out = decide(_state(last_count=10), FetchAttempt("fetched", doc_kind="html", count=10, empty_fields=0.8),
                 NOW, interval=HOUR)
    assert out.ok and out.broken_reason and "80%" in out.broken_reason and out.count == 10


def test_decide_a_first_listing_with_nothing_is_a_failure() -> None:
    out = decide(None, FetchAttempt("fetched", doc_kind="html", count=0), NOW, interval=HOUR)
    assert not out.ok and out.broken_reason and "check the URL" in out.broken_reason


def test_decide_a_feed_that_emptied_is_marked_broken_not_failed() -> None:
    out = decide(_state(last_count=3), FetchAttempt("fetched", doc_kind="feed", count=0), NOW, interval=HOUR)
    assert out.ok and out.broken_reason == "the feed has no entries any more" and out.count == 0
    fresh = decide(None, FetchAttempt("fetched", doc_kind="feed", count=0), NOW, interval=HOUR)
    assert fresh.ok and fresh.broken_reason is None and fresh.count is None


def test_decide_an_extraction_error_marks_broken() -> None:
    out = decide(_state(), FetchAttempt("error", error="no posts", extraction_failed=True), NOW, interval=HOUR)
    assert not out.ok and out.broken_reason == "no posts"


def test_hold_reason_only_while_retry_after_runs() -> None:
    state = _state(retry_after_until=NOW + timedelta(minutes=10))
    assert hold_reason(state, NOW) is not None and "retry after" in (hold_reason(state, NOW) or "")
    assert hold_reason(state, NOW + timedelta(minutes=10)) is None
    assert hold_reason(None, NOW) is None


def test_planned_due_follows_a_changed_interval_from_the_last_fetch() -> None:
    # outside audit 3, deviation 3: a changed interval waited for the fetch the old one had planned
    fetched = decide(_state(), FetchAttempt("fetched", doc_kind="feed", count=3), NOW, interval=6 * HOUR, name="s")
    state = _state(last_success=NOW, next_due=fetched.next_due)
    assert planned_due(state, 6 * HOUR) == fetched.next_due, "the same interval plans the same time"
    sooner = planned_due(state, 600)
    assert sooner is not None and NOW + timedelta(minutes=10) <= sooner <= NOW + timedelta(minutes=10.2)
    later = planned_due(state, 12 * HOUR)
    assert later is not None and later >= NOW + timedelta(hours=12)
    assert planned_due(_state(), 600) is None, "never fetched: due at once anyway"


def test_planned_due_keeps_the_backoff_and_a_servers_retry_after() -> None:
    failed = decide(_state(consecutive_failures=2), FetchAttempt("error", error="HTTP 500"), NOW, interval=HOUR, name="s")
    state = _state(consecutive_failures=3, last_error_at=NOW, next_due=failed.next_due)
    assert planned_due(state, HOUR) == failed.next_due
    shorter = planned_due(state, 600)
    assert shorter is not None and timedelta(minutes=40) <= shorter - NOW <= timedelta(minutes=41)  # 10m * 2**2
    held = decide(_state(), FetchAttempt("error", error="HTTP 429", retry_after=7200), NOW, interval=HOUR, name="s")
    state = _state(consecutive_failures=1, last_error_at=NOW, next_due=held.next_due,
                   retry_after_until=held.retry_after_until)
    assert planned_due(state, HOUR) == held.next_due
    assert planned_due(state, 60) == NOW + timedelta(hours=2), "a shorter interval never cuts a Retry-After"
