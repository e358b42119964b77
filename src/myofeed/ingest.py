"""One ingest pass: fetch -> parse -> classify -> store, many sources at once.

Fetching is async (aiohttp); parsing and classifying are CPU work on hostile
input and run in killable worker processes with a time budget per document
(parse/worker.py): every core works, a slow document is stopped without
stopping the others, and the web server in the same process keeps answering.
Workers start on demand: a pass where every feed answers 304 never pays for
them. Each source's posts and fetch state are written in one transaction (a
savepoint of a batch the writer thread commits: batchwriter.py). At most
[fetch].concurrency sources are being fetched and parsed at once, and at most as
many more wait for the writer (or are being written), so a pass's memory does not
grow with the number of sources; the two bounds are apart so that the parse
workers go on while the writer stores a batch. Sources stream through: a pass
holds twice [fetch].concurrency coroutines that take the next source when done,
never one task (and its state) per source.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ._types import FetchAttempt, FetchOutcome, FetchRecord, FetchRequest, FetchResult, PostWrite, SourceState
from .batchwriter import BatchWriter
from .exceptions import ExtractionError, HTTPStatusError, MyofeedError
from .schedule import decide, hold_reason
from .types import Classification, IngestReport, ParsedDocument, Source

if TYPE_CHECKING:
    from .classify import Classifier
    from .config import FetchSettings, TopicsFile
    from .fetch import Retrievers
    from .parse import Parsers
    from .parse.worker import ParseWorkers
    from .store.base import Storage

_BULK_STATES = 50  # a pass over this many sources reads their states in queries of _STATES_AHEAD
_STATES_AHEAD = 128  # states read at once, for the sources next in line (not all of a pass's at its start)
Progress = Callable[[IngestReport], None]
Classify = Callable[[str, str, Sequence[str]], Classification]
log = logging.getLogger("myofeed.ingest")
# parse.job's functions, named here as before; imported when first named (parse.job brings pickle and the
# parse modules, which a pass where every source answers 304 never uses)
_FROM_JOB = frozenset({"dedup_key", "init_worker", "parse_classify", "parse_one", "post_write", "sort_key"})


def __getattr__(name: str) -> Any:
    if name in _FROM_JOB:
        from .parse import job

        return getattr(job, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

class IngestRun:
    """One pass over some sources. Takes what it uses (storage, classifier, fetch settings and
    the application's registries), not the facade: core imports ingest, never the reverse."""

    def __init__(
        self, storage: Storage, classifier: Callable[[], Classifier | bytes | TopicsFile], settings: FetchSettings, now: datetime, *,
        parsers: Parsers | None = None, retrievers: Retrievers | None = None, progress: Progress | None = None,
        lease_owner: str | None = None, stop: Callable[[], bool] | None = None,
    ) -> None:
        from .fetch import default_retrievers
        from .parse import default_parsers

        self.store = storage
        # asked for when the first document is parsed (core.App.worker_classifier: the topics file, from which
        # each parse worker builds its classifier): an all-304 pass never pays for it
        self.classifier = classifier
        self.settings = settings
        self.now = now
        self.parsers = parsers or default_parsers()
        self.retrievers = retrievers or default_retrievers()
        self.progress = progress
        # a worker's claimed sources: each result is stored with the worker's lease dropped, in one transaction
        self.lease_owner = lease_owner
        # a service stopping (SIGTERM) abandons the fetches and parses in flight rather than wait for
        # [fetch].timeout (up to an hour): their sources stay due and their leases are dropped
        self._stop = stop
        self._in_flight: set[asyncio.Future[tuple[FetchAttempt, list[PostWrite]]]] = set()
        self._workers: ParseWorkers | None = None
        self._pool_size = 1
        self._started: dict[str, float] = {}
        self._active = 0  # sources being fetched or parsed: the writer waits for their posts to batch them
        self._writer = BatchWriter(storage, most=settings.concurrency, more_coming=lambda: self._active > 0)
        self._slots: asyncio.Semaphore | None = None  # sources being fetched and parsed
        self._queued: asyncio.Semaphore | None = None  # sources waiting for the writer or being written
        # the states of the sources next in line, read _STATES_AHEAD at a time (see _BULK_STATES): a pass over
        # 2,000 sources never holds every source's state
        self._states: dict[str, SourceState] | None = None

    async def run(self, sources: Sequence[Source]) -> list[IngestReport]:
        from .fetch import Retriever
        from .parse.worker import default_size

        self._pool_size = max(1, min(default_size(), len(sources)))
        # sources in flight, what bounds the pass's memory: fetched or parsed, and apart (so that parsing goes
        # on while the writer stores a batch) waiting for the writer
        self._slots = asyncio.Semaphore(self.settings.concurrency)
        self._queued = asyncio.Semaphore(self.settings.concurrency)
        if len(sources) >= _BULK_STATES:  # a query per _STATES_AHEAD sources, not one per source
            self._states = {}
        read_to = 0  # the states of sources[:read_to] were read
        reports: list[IngestReport | None] = [None] * len(sources)
        queue = iter(enumerate(sources))

        async def runner(retriever: Any) -> None:
            nonlocal read_to
            # each takes the next source when it is done with one: a pass holds as many coroutines as
            # can be busy (both bounds), not one task per source, whatever the number of sources
            for i, source in queue:
                if self._states is not None and i >= read_to:  # sources are taken in order, by one loop
                    read_to = i + _STATES_AHEAD
                    self._read_states([s.name for s in sources[i:read_to]])
                reports[i] = await self._one(retriever, source)

        try:
            async with Retriever(self.settings, retrievers=self.retrievers) as retriever:
                runners = min(len(sources), 2 * self.settings.concurrency)
                work = asyncio.gather(*(runner(retriever) for _ in range(runners)))
                if self._stop is None:
                    await work
                else:
                    watch = asyncio.ensure_future(self._watch_stop())
                    try:
                        await work
                    finally:
                        watch.cancel()
            return [r for r in reports if r is not None]  # None: abandoned or not started on a stop
        finally:
            self._writer.close()
            if self._workers is not None:
                self._workers.close()

    def _read_states(self, names: list[str]) -> None:
        assert self._states is not None
        try:
            self._states.update((st.name, st) for st in self.store.source_states(names))
        except MyofeedError as exc:  # each source reads its own then, and reports what fails for it
            log.warning("could not read the states of %d sources at once: %s", len(names), exc)

    async def _watch_stop(self) -> None:
        assert self._stop is not None
        while not self._stop():
            await asyncio.sleep(0.2)
        for attempt in list(self._in_flight):
            attempt.cancel()
        if self._in_flight:
            log.info("stopping: %d sources in flight abandoned, fetched again on the next pass", len(self._in_flight))

    async def _one(self, retriever: Any, source: Source) -> IngestReport | None:
        """One source, whatever happens: an error here is reported for this source and never
        escapes into gather(), where it would cancel every other source of the pass."""
        try:
            return await self._ingest_one(retriever, source)
        except Exception as exc:  # noqa: BLE001 - even recording the failure failed (storage, a bug)
            log.error("%s: could not record the fetch", source.name, exc_info=exc)
            return self._notify(IngestReport(source.name, ok=False, error=f"{type(exc).__name__}: {exc}"))

    async def _ingest_one(self, retriever: Any, source: Source) -> IngestReport | None:
        """Fetch and parse (I/O), let `schedule.decide` judge (pure), store, report."""
        assert self._slots is not None and self._queued is not None
        async with self._slots:
            self._active += 1
            try:
                self._started[source.name] = time.monotonic()
                # taken out of the pass's table: a pass over 2,000 sources does not hold every state to its end
                state = (self._states.pop(source.name) if self._states is not None and source.name in self._states
                         else self.store.source_state(source.name))
                if hold_reason(state, self.now) is not None and state is not None:
                    # waiting as the server asked is no failure: nothing went wrong, nothing is recorded
                    return self._notify(IngestReport(source.name, ok=True, deferred_until=state.retry_after_until))
                if self._stop is not None and self._stop():
                    return None  # stopping: not started, still due
                fetch = asyncio.ensure_future(self._attempt(retriever, source, state))
                self._in_flight.add(fetch)
                try:
                    attempt, writes = await fetch
                except asyncio.CancelledError:
                    if fetch.cancelled() and self._stop is not None and self._stop():
                        return None  # abandoned on stop: nothing recorded, the source stays due
                    raise
                finally:
                    self._in_flight.discard(fetch)
                if attempt.status == "error" and self._stop is not None and self._stop():
                    # failed while the service stops: the failure may be the stop itself (`run` kills the
                    # parses in flight: "parsing stopped: myofeed is shutting down"), so the source is
                    # abandoned as a fetch in flight is, not counted failing and put off an interval
                    return None
                outcome = decide(state, attempt, self.now, interval=source.interval, name=source.name)
                # hand over: the write slot is taken before the parse slot is given up, so a parsed source
                # is always counted by one bound (parsed sources never pile up while the writer is busy)
                await self._queued.acquire()
            finally:
                self._active -= 1
        try:
            new, updated = await self._record(source.name, outcome, writes if outcome.ok else ())
        except MyofeedError as exc:  # the posts could not be stored: a failed fetch, retried with backoff
            outcome = decide(state, FetchAttempt("error", error=str(exc)), self.now, interval=source.interval,
                             name=source.name)
            new, updated = await self._record(source.name, outcome, ())
        finally:
            self._queued.release()
        return self._notify(IngestReport(
            source.name, ok=outcome.ok, new=new, updated=updated, not_modified=outcome.not_modified,
            error=outcome.error, broken_reason=None if outcome.not_modified else outcome.broken_reason,
            skipped=attempt.skipped if outcome.ok else 0,
        ))

    async def _record(self, name: str, outcome: FetchOutcome, writes: Sequence[PostWrite]) -> tuple[int, int]:
        return await self._writer.write(FetchRecord(name, outcome, writes, self.lease_owner))

    async def _attempt(
        self, retriever: Any, source: Source, state: SourceState | None
    ) -> tuple[FetchAttempt, list[PostWrite]]:
        """Fetch (following earlier permanent redirects, with the cached validators) and parse."""
        try:
            result = await retriever.fetch(FetchRequest(
                state.url if state is not None else source.url,
                etag=state.etag if state is not None else None,
                last_modified=state.last_modified if state is not None else None,
            ))
            if result.not_modified:
                return FetchAttempt("not_modified", etag=result.etag, last_modified=result.last_modified,
                                    permanent_url=result.permanent_url), []
            # what the store holds of this source: entries it repeats unchanged are skipped in the worker
            known = self.store.content_hashes(source.name) if state is not None and state.last_success else None
            doc, writes, unchanged = await self._parse(result, source, source.kind, known)
            if doc.kind == "html":
                doc, writes, more = await self._more_pages(retriever, source, doc, writes, state, known)
                unchanged += more
            # a listing post without a link is one the extractor kept on purpose (an old news page's unlinked
            # headline): only a post with neither a link nor text says the extraction broke
            empty = sum(1 for p in doc.posts if not p.title or not (p.url or p.summary)) / max(len(doc.posts), 1)
            writes, flood = self._cap_new(source, writes)
            return FetchAttempt(
                "fetched", etag=result.etag, last_modified=result.last_modified, permanent_url=result.permanent_url,
                doc_kind=doc.kind, count=len(writes) + unchanged, empty_fields=empty if doc.kind == "html" else 0.0,
                feed_links=doc.feed_links, skipped=doc.skipped, flood=flood,
            ), writes
        except Exception as exc:  # noqa: BLE001 - one broken source must never stop the others
            if not isinstance(exc, (MyofeedError, OSError)):
                log.error("%s: unexpected error", source.name, exc_info=exc)
            message = str(exc) if isinstance(exc, MyofeedError) else f"{type(exc).__name__}: {exc}"
            return FetchAttempt(
                "error", error=message, retry_after=exc.retry_after if isinstance(exc, HTTPStatusError) else None,
                extraction_failed=isinstance(exc, ExtractionError),
            ), []

    async def _more_pages(
        self, retriever: Any, source: Source, doc: ParsedDocument, writes: list[PostWrite], state: SourceState | None,
        known: dict[str, str] | None,
    ) -> tuple[ParsedDocument, list[PostWrite], int]:
        """Follow rel=next on listing pages: deeper on a source's first ingest. The third value: posts of
        the next pages skipped as stored unchanged."""
        unchanged = 0
        limit = source.pages if state is not None and state.last_success else source.first_pages
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
                page, page_writes, page_unchanged = await self._parse(result, source, "html", known)
            except MyofeedError:
                break  # the first page worked; older pages are a bonus
            posts.extend(page.posts)
            writes.extend(page_writes)
            unchanged += page_unchanged
        if len(posts) == len(doc.posts):
            return doc, writes, unchanged
        from dataclasses import replace

        return replace(doc, posts=tuple(posts)), writes, unchanged

    def _cap_new(self, source: Source, writes: list[PostWrite]) -> tuple[list[PostWrite], str | None]:
        """At most [fetch].max_new_posts new posts per source per fetch (a feed whose GUIDs change on
        every fetch would add thousands each time); the rest are dropped and the source is flagged."""
        cap = self.settings.max_new_posts
        if len(writes) <= cap:  # the common case: no look-up at all
            return writes, None
        known = self.store.known_post_keys(source.name, [w.dedup_key for w in writes])
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

    async def _parse(
        self, result: FetchResult, source: Source, kind: str, known: dict[str, str] | None = None
    ) -> tuple[ParsedDocument, list[PostWrite], int]:
        """Parse and classify in a killable worker process, within [fetch].parse_timeout (see parse/worker.py)."""
        if self._workers is None:
            # Started on the first document to parse, so a pass where every source answers 304 never pays for
            # it; workers are spawned as documents arrive (one changed feed: one worker).
            from .parse.job import init_worker
            from .parse.worker import ParseWorkers

            self._workers = ParseWorkers(
                budget=self.settings.parse_timeout, size=self._pool_size,
                initializer=init_worker, initargs=(self.classifier(), self.parsers),
            )
        from .parse.job import parse_classify

        doc, writes, unchanged = await self._workers.call(parse_classify, result, source, self.now, kind, known)
        return doc, writes, unchanged

    def _notify(self, report: IngestReport) -> IngestReport:
        # Counted where a process serves /metrics (`myofeed run` loads myofeed.metrics at start). A one-shot
        # `myofeed ingest` has no reader for them: it never imports prometheus_client (~10 MB, ~40 ms).
        metrics = sys.modules.get("myofeed.metrics")
        if metrics is not None:
            if report.deferred_until is None:  # a deferred source was not fetched
                outcome = "not_modified" if report.not_modified else ("ok" if report.ok else "error")
                metrics.FETCHES.labels(outcome=outcome).inc()
            metrics.FETCH_SECONDS.observe(time.monotonic() - self._started.get(report.source, time.monotonic()))
            metrics.POSTS_INGESTED.labels(kind="new").inc(report.new)
            metrics.POSTS_INGESTED.labels(kind="updated").inc(report.updated)
        self._started.pop(report.source, None)
        if self.progress is not None:
            self.progress(report)
        return report


def is_web_url(url: str) -> bool:
    """http(s) with a host: the only URLs a source may send us to (next pages, redirects)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
