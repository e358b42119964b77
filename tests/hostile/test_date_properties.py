"""Dates from servers, as properties (hypothesis, fixed seed): never an exception, always a readable ISO date
or None, never further ahead than the skew once bounded; and date finding stays linear on hostile pages."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from myofeed.ingest import sort_key
from myofeed.parse.dates import find_dates
from myofeed.parse.feed import iso_date
from myofeed.parse.untrusted import FUTURE_SKEW, clamp_published

NOW = datetime(2025, 11, 21, 8, 0, tzinfo=UTC)
date_like = st.one_of(
    st.text(max_size=40),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda d: d.strftime("%a, %d %b %Y %H:%M:%S +0000")),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(lambda d: d.isoformat() + "Z"),
    st.tuples(st.integers(0, 99999), st.integers(0, 99), st.integers(0, 99), st.sampled_from(["+9999", "-2400", "Z", ""]))
    .map(lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}T00:00:00{t[3]}"),
)


@given(date_like)
def test_a_feed_date_is_none_or_a_readable_iso_date_never_far_in_the_future(raw: str) -> None:
    value = iso_date(raw)
    if value is None:
        return
    bounded = clamp_published(value, NOW)
    when = sort_key(bounded, NOW)  # what the store orders by
    assert when.tzinfo is not None
    assert when <= NOW + FUTURE_SKEW + timedelta(days=1)  # a date-only value counts from its midnight


@given(st.lists(st.sampled_from(["12 Nov 2025", "2025-11-12", "11/12/2025", "12.11.2025", "Nov 12", "x", " ", "3 days ago"]),
                max_size=200).map(" ".join))
def test_find_dates_never_raises_and_finds_disjoint_spans(text: str) -> None:
    found = find_dates(text, now=NOW)
    spans = [(d.start, d.end) for d in found]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def test_find_dates_is_linear_on_a_page_made_of_dates() -> None:
    """Complexity, not speed: 4x the dates must cost far less than 16x the time (it was quadratic:
    1.7 MB of dates took 17 s; ratios keep this independent of the machine's speed)."""
    def cost(n: int) -> float:
        text = " ".join(f"{i % 28 + 1} November 2025" for i in range(n))
        t = time.perf_counter()
        assert len(find_dates(text)) == n
        return time.perf_counter() - t

    cost(500)  # warm-up: compiled patterns, caches
    # the best of several runs: a loaded machine (other suites beside this one) preempts single runs;
    # linear is 4x, quadratic 16x: the bar sits between them with room for what noise is left
    small, large = min(cost(4000) for _ in range(5)), min(cost(16000) for _ in range(3))
    assert large / small < 10, (small, large)
