"""Scheduling decisions are pure functions: values in, values out."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from myofeed.ingest import dedup_key, sort_key
from myofeed.schedule import MAX_BACKOFF, is_broken, next_due
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
    assert sort_key("2025-11-20", NOW) == "2025-11-20T00:00:00+00:00"
    assert sort_key("2025-11-20T09:30:00+01:00", NOW) == "2025-11-20T08:30:00+00:00"
    assert sort_key(None, NOW) == "2025-11-21T08:00:00+00:00"
    assert sort_key("garbage", NOW) == "2025-11-21T08:00:00+00:00"
