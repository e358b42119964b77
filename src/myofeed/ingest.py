"""One ingest pass: fetch -> parse -> classify -> store, many sources at once.

Fetching is async (aiohttp); parsing and classifying are CPU work on hostile
input and run in killable worker processes with a time budget per document
(parse/worker.py): every core works, a slow document is stopped without
stopping the others, and the web server in the same process keeps answering.
Workers start on demand: a pass where every feed answers 304 never pays for
them. Each source's posts and fetch state are written in one transaction.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ._types import FetchOutcome, FetchRequest, FetchResult, PostWrite
from .exceptions import ExtractionError, HTTPStatusError, MyofeedError
from .parse.untrusted import bound_post
from .schedule import is_broken, next_due
from .types import Classification, ExtractedPost, IngestReport, ParsedDocument, Source

if TYPE_CHECKING:
    from .classify import Classifier
    from .config import TopicsFile
    from .core import Myofeed
    from .parse.worker import ParseWorkers

Progress = Callable[[IngestReport], None]
Classify = Callable[[str, str, Sequence[str]], Classification]
log = logging.getLogger("myofeed.ingest")

# Imported once in the forkserver, so each pool worker starts with them loaded.
_PRELOAD = ["myofeed.ingest", "myofeed.parse.feed", "myofeed.parse.fastfeed", "myofeed.parse.worker", "myofeed.classify"]
_worker_classifier: Classifier | None = None


def dedup_key(post: ExtractedPost) -> str:
    """guid, else link, else a hash of title + date (stable across runs)."""
    if post.guid:
        return "guid:" + post.guid
    if post.url:
        return "url:" + post.url
    digest = hashlib.sha256(f"{post.title}\x00{post.published or ''}".encode()).hexdigest()[:32]
    return "hash:" + digest


def sort_key(published: str | None, fallback: datetime) -> str:
    """UTC instant for ordering; a date-only post sorts at 00:00 UTC that day."""
    if published:
        try:
            if len(published) == 10:
                return published + "T00:00:00+00:00"
            dt = datetime.fromisoformat(published.replace("Z", "+00:00"))
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=UTC)
            return dt.astimezone(UTC).isoformat(timespec="seconds")
        except ValueError:
            pass
    return fallback.astimezone(UTC).isoformat(timespec="seconds")


def parse_one(result: FetchResult, source: Source, now: datetime, kind: str) -> ParsedDocument:
    """Parse one fetched document (top-level and picklable, for a process pool)."""
    from dataclasses import replace

    from .parse import parse_document

    if source.base_url and result.url.startswith("file:"):
        result = replace(result, url=source.base_url)
    return parse_document(result, kind=kind, now=now, selectors=source.selectors)


def post_write(p: ExtractedPost, classify: Classify, now: datetime) -> PostWrite:
    """One parsed post, bounded (parse/untrusted.py), keyed and classified, ready for the store."""
    p = bound_post(p, now)
    c = classify(p.title, p.summary, p.categories)
    return PostWrite(
        dedup_key=dedup_key(p), title=p.title, url=p.url, author=p.author, published=p.published,
        sort_key=sort_key(p.published, now), comments=p.comments, summary=p.summary,
        summary_html=p.content_html, guid=p.guid, categories=tuple(p.categories), labels=c.labels,
        evidence=dict(c.why),
    )


def _init_worker(topics: TopicsFile) -> None:
    """Pool worker start: build the classifier once (what `Myofeed.classifier` builds)."""
    global _worker_classifier
    from .classify import Classifier

    _worker_classifier = Classifier.from_topics(topics)


def parse_classify(
    result: FetchResult, source: Source, now: datetime, kind: str
) -> tuple[ParsedDocument, list[PostWrite]]:
    """Parse one document and classify its posts, in a pool worker (see `_init_worker`).

    A feed comes back without its posts: the caller needs only their writes, and not
    pickling every post twice halves what crosses the pipe. Listing pages keep theirs
    (the broken-page checks and pagination read them).
    """
    assert _worker_classifier is not None
    doc = parse_one(result, source, now, kind)
    classify = _worker_classifier.classify
    writes = [post_write(p, classify, now) for p in doc.posts if p.title or p.url]
    if doc.kind == "feed":
        from dataclasses import replace

        doc = replace(doc, posts=())
    return doc, writes


class IngestRun:
    def __init__(self, app: Myofeed, now: datetime, progress: Progress | None = None) -> None:
        self.app = app
        self.now = now
        self.progress = progress
        self._workers: ParseWorkers | None = None
        self._pool_size = 1
        self._started: dict[str, float] = {}

    async def run(self, sources: Sequence[Source]) -> list[IngestReport]:
        from .fetch import Retriever

        self._pool_size = max(1, min(os.cpu_count() or 2, 4, len(sources)))
        try:
            async with Retriever(self.app.config.settings.fetch) as retriever:
                tasks = [self._one(retriever, s) for s in sources]
                return list(await asyncio.gather(*tasks))
        finally:
            if self._workers is not None:
                self._workers.close()

    async def _one(self, retriever: Any, source: Source) -> IngestReport:
        """One source, whatever happens: an error here is reported for this source and never
        escapes into gather(), where it would cancel every other source of the pass."""
        try:
            return await self._ingest_one(retriever, source)
        except Exception as exc:  # noqa: BLE001 - even recording the failure failed (storage, a bug)
            log.error("%s: could not record the fetch", source.name, exc_info=exc)
            report = IngestReport(source.name, ok=False, error=f"{type(exc).__name__}: {exc}")
            self._notify(report)
            return report

    async def _ingest_one(self, retriever: Any, source: Source) -> IngestReport:
        store = self.app.store
        self._started[source.name] = time.monotonic()
        state = store.source_state(source.name) or {}
        at = self.now.astimezone(UTC).isoformat(timespec="seconds")
        failures = int(state.get("consecutive_failures") or 0)  # type: ignore[call-overload]
        try:
            hold = state.get("retry_after_until")
            if hold and str(hold) > at:
                report = IngestReport(source.name, ok=False, error=f"waiting: the server asked to retry after {hold}")
                self._notify(report)
                return report
            result = await retriever.fetch(
                FetchRequest(
                    str(state.get("url") or source.url),  # follows earlier permanent redirects
                    etag=state.get("etag"), last_modified=state.get("last_modified"),  # type: ignore[arg-type]
                )
            )
            if result.not_modified:
                due, _ = next_due(now=self.now, interval=source.interval, ok=True, failures=0, name=source.name)
                outcome = FetchOutcome(ok=True, at=at, next_due=_iso(due), etag=result.etag,
                                       last_modified=result.last_modified, new_url=result.permanent_url,
                                       feed_links=tuple(_loads_list(state.get("feed_links"))),
                                       broken_reason=state.get("broken_reason"))  # type: ignore[arg-type]
                store.record_fetch(source.name, outcome, ())
                report = IngestReport(source.name, ok=True, not_modified=True)
                self._notify(report)
                return report
            doc, writes = await self._parse(result, source, source.kind)
            if doc.kind == "html":
                doc, writes = await self._more_pages(retriever, source, doc, writes, state)
            broken = None
            if doc.kind == "html":
                empty = sum(1 for p in doc.posts if not p.title or not p.url) / max(len(doc.posts), 1)
                broken = is_broken(previous_count=state.get("last_count"), count=len(writes),  # type: ignore[arg-type]
                                   empty_fields=empty, ever_succeeded=bool(state.get("last_success")))
                if broken and not writes:
                    raise ExtractionError(broken, source=source.name)  # no silent zero: a failed fetch
            elif not writes and (state.get("last_count") or 0) > 0:  # type: ignore[operator]
                broken = "the feed has no entries any more"
            writes, flood = self._cap_new(source, writes)
            broken = broken or flood
            due, _ = next_due(now=self.now, interval=source.interval, ok=True, failures=0, name=source.name)
            outcome = FetchOutcome(
                ok=True, at=at, next_due=_iso(due), etag=result.etag, last_modified=result.last_modified,
                new_url=result.permanent_url, broken_reason=broken, feed_links=doc.feed_links,
                count=len(writes) if (writes or broken) else None,
            )
            new, updated = store.record_fetch(source.name, outcome, writes)
            report = IngestReport(source.name, ok=True, new=new, updated=updated, broken_reason=broken)
        except Exception as exc:  # noqa: BLE001 - one broken source must never stop the others
            if not isinstance(exc, (MyofeedError, OSError)):
                log.error("%s: unexpected error", source.name, exc_info=exc)
            retry_after = exc.retry_after if isinstance(exc, HTTPStatusError) else None
            due, hold_dt = next_due(now=self.now, interval=source.interval, ok=False, failures=failures + 1,
                                    retry_after=retry_after, name=source.name)
            message = str(exc) if isinstance(exc, MyofeedError) else f"{type(exc).__name__}: {exc}"
            outcome = FetchOutcome(ok=False, at=at, next_due=_iso(due), error=message,
                                   retry_after_until=_iso(hold_dt) if hold_dt else None,
                                   broken_reason=message if isinstance(exc, ExtractionError) else None)
            store.record_fetch(source.name, outcome, ())
            report = IngestReport(source.name, ok=False, error=message,
                                  broken_reason=message if isinstance(exc, ExtractionError) else None)
        self._notify(report)
        return report

    def _cap_new(self, source: Source, writes: list[PostWrite]) -> tuple[list[PostWrite], str | None]:
        """At most [fetch].max_new_posts new posts per source per fetch (a feed whose GUIDs change on
        every fetch would add thousands each time); the rest are dropped and the source is flagged."""
        cap = self.app.config.settings.fetch.max_new_posts
        if len(writes) <= cap:  # the common case: no look-up at all
            return writes, None
        known = self.app.store.known_post_keys(source.name, [w.dedup_key for w in writes])
        kept: list[PostWrite] = []
        new = 0
        for w in writes:
            if w.dedup_key not in known:
                new += 1
                if new > cap:
                    continue
            kept.append(w)
        if new <= cap:
            return writes, None
        return kept, (
            f"the source sent {new} new posts in one fetch; kept the first {cap} ([fetch].max_new_posts): "
            "its ids may change on every fetch"
        )

    async def _more_pages(
        self, retriever: Any, source: Source, doc: ParsedDocument, writes: list[PostWrite], state: dict[str, object]
    ) -> tuple[ParsedDocument, list[PostWrite]]:
        """Follow rel=next on listing pages: deeper on a source's first ingest."""
        limit = source.pages if state.get("last_success") else source.first_pages
        posts = list(doc.posts)
        writes = list(writes)
        seen = {doc.link}
        page = doc
        for _ in range(limit - 1):
            if not page.next_url or page.next_url in seen:
                break
            if not is_web_url(page.next_url):
                # Like a redirect, a next page is the source's word, not the operator's: http(s) under
                # the network guard only. A file: next page would publish local files.
                log.warning("%s: not following next page %r (not an http(s) URL)", source.name, page.next_url)
                break
            seen.add(page.next_url)
            try:
                result = await retriever.fetch(FetchRequest(page.next_url))
                page, page_writes = await self._parse(result, source, "html")
            except MyofeedError:
                break  # the first page worked; older pages are a bonus
            posts.extend(page.posts)
            writes.extend(page_writes)
        if len(posts) == len(doc.posts):
            return doc, writes
        from dataclasses import replace

        return replace(doc, posts=tuple(posts)), writes

    async def _parse(self, result: FetchResult, source: Source, kind: str) -> tuple[ParsedDocument, list[PostWrite]]:
        """Parse and classify in a killable worker process, within [fetch].parse_timeout (see parse/worker.py)."""
        if self._workers is None:
            # Started on the first document to parse, so a pass where every source answers 304 never pays for
            # it; workers are spawned as documents arrive (one changed feed: one worker).
            from .parse.worker import ParseWorkers

            self._workers = ParseWorkers(
                budget=self.app.config.settings.fetch.parse_timeout, size=self._pool_size,
                initializer=_init_worker, initargs=(self.app.config.topics_file,), preload=_PRELOAD,
            )
        doc, writes = await self._workers.call(parse_classify, result, source, self.now, kind)
        return doc, writes

    def _notify(self, report: IngestReport) -> None:
        from .metrics import FETCH_SECONDS, FETCHES, POSTS_INGESTED

        outcome = "not_modified" if report.not_modified else ("ok" if report.ok else "error")
        FETCHES.labels(outcome=outcome).inc()
        FETCH_SECONDS.observe(time.monotonic() - self._started.get(report.source, time.monotonic()))
        POSTS_INGESTED.labels(kind="new").inc(report.new)
        POSTS_INGESTED.labels(kind="updated").inc(report.updated)
        if self.progress is not None:
            self.progress(report)


def is_web_url(url: str) -> bool:
    """http(s) with a host: the only URLs a source may send us to (next pages, redirects)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat(timespec="seconds")


def _loads_list(value: object) -> list[str]:
    import json

    return list(json.loads(value)) if isinstance(value, str) and value else []
