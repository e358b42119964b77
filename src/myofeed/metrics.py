"""Prometheus metrics, one registry per process (served at GET /metrics)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

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
