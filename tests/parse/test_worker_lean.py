"""A parse worker holds what parsing needs and no more (issue 14: its memory is counted once per worker):
reading a well-formed feed loads neither feedparser (it brings urllib.request, http.client, ssl and
OpenSSL) nor the parent's config validation, HTTP client or storage. And the channel the parent and
its workers talk over frames any message whole."""

from __future__ import annotations

import asyncio
import socket
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from _worker_probe import loaded_modules  # imports nothing: the worker runs it by name

from myofeed._types import FetchResult
from myofeed.classify import Classifier
from myofeed.config.load import load_topics
from myofeed.frozen import plain
from myofeed.parse import default_parsers
from myofeed.parse.channel import Channel
from myofeed.parse.job import init_worker, pack_classifier, parse_classify
from myofeed.parse.worker import ParseWorkers
from myofeed.types import Source

TOPICS = Path(__file__).resolve().parents[2] / "config" / "topics.toml"
NOW = datetime(2025, 11, 21, 8, 0, tzinfo=UTC)
FEED = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<channel><title>Clinic news</title><link>https://clinic.example/</link><description>d</description>"
    "<item><title>Dermatomyositis: a new &amp; better &lt;b&gt;rash&lt;/b&gt; score</title>"
    "<link>https://clinic.example/1</link><guid>https://clinic.example/1</guid>"
    "<dc:creator>Ada Example</dc:creator><pubDate>Thu, 20 Nov 2025 09:30:00 +0100</pubDate>"
    "<description>&lt;p&gt;Muscle weakness and a heliotrope rash \u2019 in dermatomyositis.&lt;/p&gt;</description>"
    "</item></channel></rss>"
).encode()
# what a worker must not hold: the parent's stacks, feedparser with the OpenSSL it brings, numpy (~12.5 MB:
# the stories' sketch is pure Python, sketch.py), email.utils (~1.1 MB: only dates that no faster reading
# covers need it, parse/feed.py)
HEAVY = {"numpy", "feedparser", "ssl", "_ssl", "_hashlib", "hashlib", "multiprocessing", "pydantic", "aiohttp", "sqlite3",
         "click", "myofeed.config", "myofeed.store", "myofeed.fetch", "importlib.resources", "tempfile", "email.utils"}


@pytest.mark.parametrize("sent", ["topics file", "packed classifier"])
def test_a_worker_reading_a_well_formed_feed_loads_none_of_the_heavy_stacks(sent: str) -> None:
    """An ingest pass sends the topics file (the worker builds the classifier: core.App.worker_classifier),
    or the classifier its process uses, pickled."""
    topics = plain(load_topics(TOPICS))  # as Config.topics_file holds it
    what = topics if sent == "topics file" else pack_classifier(Classifier.from_topics(topics))
    workers = ParseWorkers(budget=30, size=1, initializer=init_worker, initargs=(what, default_parsers()))

    async def run() -> tuple[object, list[str]]:
        result = FetchResult("https://clinic.example/feed", 200, FEED, {"content-type": "application/rss+xml"})
        parsed = await workers.call(parse_classify, result, Source("clinic", result.url), NOW, "auto", None)
        return parsed, await workers.call(loaded_modules)

    try:
        (_doc, writes, _unchanged), modules = asyncio.run(run())  # type: ignore[misc]
    finally:
        workers.close()
    [post] = writes
    assert post.title == "Dermatomyositis: a new & better rash score"
    assert "dermatomyositis" in post.labels  # classified by the classifier it was sent as bytes
    assert post.story is not None and len(post.story.bands) > 0  # fingerprinted
    assert {"lxml", "nh3", "myofeed.sketch"} <= set(modules)  # it did parse, sanitize and fingerprint
    assert HEAVY.isdisjoint(modules), sorted(HEAVY & set(modules))


def test_the_channel_frames_messages_larger_than_the_socket_buffers() -> None:
    a, b = socket.socketpair()
    left, right = Channel(a), Channel(b)
    big = {"text": "x" * 3_000_000, "n": list(range(50_000))}
    received: list[object] = []
    reader = threading.Thread(target=lambda: received.append(right.recv()))
    reader.start()
    left.send(big)  # blocks until the reader drains it: the size is past any socket buffer
    reader.join(10)
    assert received == [big]
    right.send(("ok", 1))
    assert left.poll(5) and left.recv() == ("ok", 1)
    assert not left.poll(0.01)  # nothing more to read
    left.close()
    right.close()


def test_the_channel_says_eof_when_the_other_side_closes_even_inside_a_message() -> None:
    a, b = socket.socketpair()
    right = Channel(b)
    a.sendall((1000).to_bytes(8, "big") + b"partial")  # a header promising more than comes
    a.close()
    assert right.poll(1)
    with pytest.raises(EOFError):
        right.recv()
    right.close()


def test_a_documents_budget_counts_the_document_not_its_workers_start() -> None:
    """A fresh worker's start (interpreter, imports, the initializer's classifier) is no document's time: the
    first document of a pass was charged with it, and at load 13 a healthy feed was stopped at a 2 s budget
    (tests/hostile/test_parse_budget). A start slower than the budget, then a quick job: it is done."""
    from _worker_probe import slow_start

    workers = ParseWorkers(budget=1.0, size=1, initializer=slow_start, initargs=(2.5,))
    try:
        modules = asyncio.run(workers.call(loaded_modules))
    finally:
        workers.close()
    assert "myofeed.parse.channel" in modules  # run in the worker, within its budget
