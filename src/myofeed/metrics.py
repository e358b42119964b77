"""Prometheus metrics, one registry per process (served at GET /metrics).

Counters (fetches, latency, posts ingested, digests sent) count the work of the process that did it:
`run --role all` serves them on its web port, a `--role worker` on its own `--metrics-port`, and
Prometheus sums the instances. The gauges (queue lag, broken sources) are the database's state,
read again at every scrape (`refresh_gauges`), so any process serving /metrics, a `web` one
included, shows them right.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

if TYPE_CHECKING:
    from .types import SourceStatus

REGISTRY = CollectorRegistry(auto_describe=True)

FETCHES = Counter("myofeed_fetches", "Source fetches by outcome", ["outcome"], registry=REGISTRY)
FETCH_SECONDS = Histogram(
    "myofeed_fetch_seconds", "Fetch + parse latency per source", registry=REGISTRY,
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
POSTS_INGESTED = Counter("myofeed_posts_ingested", "Posts stored by kind", ["kind"], registry=REGISTRY)
DIGESTS_SENT = Counter("myofeed_digests_sent", "Digest mails by outcome", ["outcome"], registry=REGISTRY)
QUEUE_LAG = Gauge("myofeed_queue_lag_seconds", "How late the most overdue source is", registry=REGISTRY)
SOURCES_BROKEN = Gauge("myofeed_sources_broken", "Sources marked broken", registry=REGISTRY)


def refresh_gauges(statuses: Iterable[SourceStatus], now: datetime) -> None:
    """Queue lag (how late the most overdue source is) and broken sources, from the sources' state."""
    rows = list(statuses)
    overdue = [(now - s.next_fetch).total_seconds() for s in rows if s.next_fetch and s.next_fetch < now]
    QUEUE_LAG.set(max(overdue, default=0.0))
    SOURCES_BROKEN.set(sum(1 for s in rows if s.broken))
