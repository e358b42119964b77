"""When a digest is due: pure functions, with time zones and DST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from myofeed.digest.due import LOOKBACK, is_due, next_due, posts_since, subscriber_due
from myofeed.types import Subscriber

BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")


def _sub(state="confirmed", cadence="daily", last=None, created=datetime(2025, 11, 1, tzinfo=UTC)):
    return Subscriber(id=1, email="ada@mail.example", topics=("dermatomyositis",), cadence=cadence, state=state,
                      confirm_token="c", unsubscribe_token="u", created=created, last_digest_at=last)


def test_first_digest_is_due_at_once_whatever_the_hour():
    assert next_due(None, "daily", send_hour=7, tz=UTC) is None
    assert is_due(None, "weekly", datetime(2025, 11, 20, 3, 0, tzinfo=UTC), send_hour=7, tz=UTC)


@pytest.mark.parametrize("now, due", [
    ("2025-11-21T06:59:59+01:00", False),  # next calendar day, before the send hour
    ("2025-11-21T07:00:00+01:00", True),
    ("2025-11-21T06:00:00+00:00", True),  # the same instant, written in UTC
    ("2025-11-20T23:59:00+01:00", False),  # same calendar day, after the hour
    ("2025-11-24T03:00:00+01:00", True),  # days later, any time: overdue
])
def test_daily_is_due_next_calendar_day_at_or_after_the_send_hour(now, due):
    last = datetime(2025, 11, 20, 7, 5, tzinfo=BERLIN)
    assert is_due(last, "daily", datetime.fromisoformat(now), send_hour=7, tz=BERLIN) is due


def test_daily_counts_calendar_days_in_the_configured_zone():
    # 23:30 UTC on the 20th is already the 21st in Tokyo: next due is the 22nd, 07:00 Tokyo
    last = datetime(2025, 11, 20, 23, 30, tzinfo=UTC)
    assert next_due(last, "daily", send_hour=7, tz=TOKYO) == datetime(2025, 11, 22, 7, 0, tzinfo=TOKYO)
    assert next_due(last, "daily", send_hour=7, tz=UTC) == datetime(2025, 11, 21, 7, 0, tzinfo=UTC)


def test_weekly_is_due_seven_days_later_at_or_after_the_send_hour():
    last = datetime(2025, 11, 20, 15, 0, tzinfo=UTC)  # a first digest sent in the afternoon
    assert next_due(last, "weekly", send_hour=7, tz=UTC) == datetime(2025, 11, 27, 7, 0, tzinfo=UTC)
    assert not is_due(last, "weekly", datetime(2025, 11, 26, 23, 0, tzinfo=UTC), send_hour=7, tz=UTC)
    assert not is_due(last, "weekly", datetime(2025, 11, 27, 6, 59, tzinfo=UTC), send_hour=7, tz=UTC)
    assert is_due(last, "weekly", datetime(2025, 11, 27, 7, 0, tzinfo=UTC), send_hour=7, tz=UTC)


def test_send_hour_across_a_dst_change_is_local_wall_clock():
    # US clocks spring forward on 2026-03-08: 07:00 local is 12:00 UTC the day before, 11:00 UTC that day
    last = datetime(2026, 3, 7, 12, 0, tzinfo=UTC)  # 07:00 EST
    due = next_due(last, "daily", send_hour=7, tz=NEW_YORK)
    assert due == datetime(2026, 3, 8, 7, 0, tzinfo=NEW_YORK)
    assert due.astimezone(UTC) == datetime(2026, 3, 8, 11, 0, tzinfo=UTC)  # EDT, UTC-4
    # a send hour that does not exist that day (02:00 on the change) still yields a real instant
    gap = next_due(last, "daily", send_hour=2, tz=NEW_YORK)
    assert gap is not None and gap.astimezone(UTC) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)


def test_only_confirmed_subscribers_are_ever_due():
    now = datetime(2025, 11, 20, 9, 0, tzinfo=UTC)
    for state in ("pending", "unsubscribed", "bouncing"):
        assert not subscriber_due(_sub(state=state), now, send_hour=7, timezone_name="UTC")
    assert subscriber_due(_sub(), now, send_hour=7, timezone_name="UTC")


def test_posts_since_subscription_then_a_lookback_before_the_last_digest():
    sub = _sub()
    assert posts_since(sub) == sub.created
    last = datetime(2026, 1, 1, tzinfo=UTC)
    assert posts_since(_sub(last=last)) == last - LOOKBACK
    assert posts_since(_sub(last=sub.created + timedelta(days=1))) == sub.created
