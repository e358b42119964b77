"""Properties of every delay a server or the config gives us (hypothesis, fixed seed: tests/conftest.py)."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from myofeed.config import MAX_DURATION, parse_duration
from myofeed.fetch.http import parse_retry_after
from myofeed.schedule import MAX_INTERVAL, MAX_SERVER_DELAY, next_due

WEEK = 7 * 86400
header_text = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=0, max_value=10**40).map(str),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda d: d.strftime("%a, %d %b %Y %H:%M:%S GMT")),
)
nows = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC))
floats = st.floats(allow_nan=True, allow_infinity=True)


@given(header_text)
def test_retry_after_is_none_or_at_most_a_week(value: str) -> None:
    got = parse_retry_after(value)
    assert got is None or (math.isfinite(got) and 0 <= got <= WEEK)


@given(now=nows, interval=st.floats(min_value=60, max_value=MAX_INTERVAL), ok=st.booleans(),
       failures=st.integers(min_value=0, max_value=10**9), retry_after=st.none() | floats, name=st.text(max_size=10))
def test_next_due_never_raises_and_stays_bounded(
    now: datetime, interval: float, ok: bool, failures: int, retry_after: float | None, name: str
) -> None:
    due, hold = next_due(now=now, interval=interval, ok=ok, failures=failures, retry_after=retry_after, name=name)
    assert now < due <= now + timedelta(seconds=max(MAX_INTERVAL * 1.02, MAX_SERVER_DELAY))
    assert hold is None or now <= hold <= now + timedelta(seconds=MAX_SERVER_DELAY)


@given(st.one_of(floats, st.integers(min_value=-10**30, max_value=10**30), st.text(max_size=30),
                 st.tuples(st.integers(min_value=0, max_value=10**20), st.sampled_from("smhd"))
                 .map(lambda t: f"{t[0]}{t[1]}")))
def test_config_durations_are_finite_and_bounded(value: object) -> None:
    try:
        seconds = parse_duration(value, minimum=60)
    except ValueError as exc:
        assert str(exc).startswith(("expected", "must be"))
        return
    assert math.isfinite(seconds) and 60 <= seconds <= MAX_DURATION
