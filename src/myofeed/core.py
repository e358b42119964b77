"""The facade the CLI, the web app, the digest and the scheduler share.

It builds the object graph (config -> storage, classifier, parser and retriever
registries) and owns every operation: nothing outside it calls storage. It never
imports the web or scheduler layers.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .config import Config
from .core_desk import SubscriberDesk, utcnow
from .exceptions import NotFoundError
from .leasekeeper import LeaseKeeper
from .types import Classification, Copy, IngestReport, Post, PostPage, Source, SourceStatus, TopicStat

if TYPE_CHECKING:
    from .classify import Classifier
    from .config import TopicsFile
    from .fetch import Retrievers
    from .ingest import Progress
    from .parse import Parsers
    from .publish import PublishResult
    from .store.base import Storage

log = logging.getLogger("myofeed.core")
# moved whenever this process stored published files: its web server reloads them at once
# (other processes' publishes are noticed by polling the database's "files" marker)
PUBLISHED_HERE = itertools.count(1)
published_here = 0


PER_PAGE = 20  # posts on a topic page or a page of search results


def worker_id(role: str = "worker") -> str:
    """host:pid:random, unique per process start: what leases and claims are held by."""
    return f"{socket.gethostname()}:{os.getpid()}:{role}-{secrets.token_hex(3)}"


class Myofeed(SubscriberDesk):
    def __init__(self, config: Config, *, storage: Storage | None = None, sync: bool = True,
                 read_only: bool = False) -> None:
        """read_only: for a command that only reads (cli/_common.READ_ONLY_COMMANDS): the database is
        opened without migrating or writing (store.open_storage) and the sources table is not synced."""
        from .fetch import default_retrievers
        from .parse import default_parsers
        from .store import open_storage

        self.config = config
        self.store: Storage = storage if storage is not None else open_storage(config.database, read_only=read_only)
        self._classifier: Classifier | None = None
        self._packed_classifier: bytes | None = None  # what parse workers get (see worker_classifier)
        # the application's registries: what it registers here reaches every parse worker
        self.parsers: Parsers = default_parsers()
        self.retrievers: Retrievers = default_retrievers()
        # ingest and publish from the scheduler and the CLI must not interleave
        self.lock = threading.RLock()
        self._lease_keeper: LeaseKeeper | None = None  # renews a worker's leases (ingest_claimed)
        self.read_only = read_only
        if sync and not read_only:
            self.store.sync_sources(config.sources, utcnow())

    def sibling(self) -> Myofeed:
        """A facade on the same database with connections (and a lock) of its own, for a thread that
        must not wait behind this one's ingest; this facade itself when the database exists only here."""
        storage = self.store.clone()
        if storage is None:
            return self
        other = Myofeed(self.config, storage=storage, sync=False)
        other.parsers, other.retrievers, other._classifier = self.parsers, self.retrievers, self._classifier
        other._packed_classifier = self._packed_classifier
        return other

    @property
    def shares_one_connection(self) -> bool:
        """True when every user of this database must go through this very facade (in-memory SQLite)."""
        return not self.store.shareable

    def use_config(self, config: Config) -> None:
        """Read `config` from now on (a reload); the classifier is rebuilt on next use."""
        self.config = config
        self._classifier = None
        self._packed_classifier = None

    def apply_config(self, config: Config) -> None:
        """A reload: the sources table made to match, then the new config (unchanged when the table fails).

        Not under `self.lock`, which an ingest batch holds until its slowest fetch ends (up to
        fetch.timeout): the table is synced on a connection of its own, so an edit applies at once.
        Removed sources keep their rows, so a fetch in flight still records its result."""
        other = self.sibling()
        if other is self:  # one shared connection (in-memory SQLite): wait for it
            with self.lock:
                self.store.sync_sources(config.sources, utcnow())
                self.use_config(config)
            return
        try:
            other.store.sync_sources(config.sources, utcnow())
        finally:
            other.close()
        self.use_config(config)

    # --- classification ------------------------------------------------------

    @property
    def classifier(self) -> Classifier:
        if self._classifier is None:
            from .classify import Classifier

            self._classifier = Classifier.from_topics(self.config.topics_file)
        return self._classifier

    def worker_classifier(self) -> bytes | TopicsFile:
        """What an ingest pass sends its parse workers (parse.job.init_worker): the classifier this process
        uses, pickled, when it has one; else the topics file, from which each worker builds its own. An
        ingest pass never classifies here, and building one here to send it kept ~7 MB in this process for
        the whole pass (the classifier's modules, its compiled patterns) and cost more CPU (build, pickle,
        unpickle: ~95 ms) than a worker's build (~50 ms)."""
        if self._classifier is None:
            return self.config.topics_file
        if self._packed_classifier is None:
            from .parse.job import pack_classifier

            self._packed_classifier = pack_classifier(self._classifier)
        return self._packed_classifier

    def classify(self, title: str, summary: str, categories: Sequence[str] = ()) -> Classification:
        return self.classifier.classify(title, summary, categories)

    def reclassify(self) -> int:
        """Re-run the rules over every stored post; returns how many changed."""
        changes = []
        for post in self.store.iter_posts():
            c = self.classify(post.title, post.summary, post.categories)
            if dict(c.why) != dict(post.evidence):
                changes.append((post.id, c.labels, dict(c.why)))
        if changes:
            with self.lock:
                self.store.set_topics(changes)
        return len(changes)

    def label_post(self, post_id: int, add: Sequence[str], remove: Sequence[str]) -> Post:
        known = {t.slug for t in self.config.topics}
        for slug in [*add, *remove]:
            if slug not in known:
                raise NotFoundError(f"unknown topic {slug!r} (known: {', '.join(sorted(known))})")
        parents = {t.slug: t.parent for t in self.config.topics}
        implied = [p for s in add if (p := parents.get(s)) and p not in remove]
        self.store.label_post(post_id, list(dict.fromkeys([*add, *implied])), remove, utcnow())
        return self.store.get_post(post_id)

    def hide_post(self, post_id: int, hidden: bool = True) -> Post:
        self.store.hide_post(post_id, hidden)
        return self.store.get_post(post_id)

    def explain(self, post_id: int) -> dict[str, Any]:
        """A post with its evidence and the operator's corrections, for `posts show`."""
        post = self.store.get_post(post_id)
        why = {k: list(v) for k, v in post.evidence.items()}
        for topic, action in self.store.corrections(post_id).items():
            why.setdefault(topic, []).append("operator added this topic" if action == "+" else
                                             "operator removed this topic")
        copies = self.store.story_copies([post.id]).get(post.id, ())
        story = {"id": post.story, "shown": post.primary,  # the copy the feeds show, or one listed "also at"
                 "copies": [{"id": c.post_id, "source": c.source, "url": c.url} for c in copies]}
        from .publish.entries import post_json

        return {"post": post_json(post), "topics": list(post.topics), "why": why, "hidden": post.hidden,
                "story": story}

    # --- ingest --------------------------------------------------------------

    def prepare_fetch(self) -> None:
        """Import the fetch stack (aiohttp) now rather than at the first fetch. A one-shot ingest calls this
        before its start-up is frozen (cli._common.start_up_over): the ~14,000 objects the import makes live
        to the process's end, and are then made while the cyclic collector is off and never walked by it."""
        from .fetch.tls import import_aiohttp

        import_aiohttp()

    def select_sources(self, names: Sequence[str] = (), *, all: bool = False, now: datetime | None = None) -> list[Source]:
        if names:
            return [self.config.source(n) for n in names]
        if all:
            return list(self.config.sources)
        due = set(self.store.due_sources(now or utcnow()))
        return [s for s in self.config.sources if s.name in due]

    def ingest(
        self, names: Sequence[str] = (), *, all: bool = False, now: datetime | None = None,
        progress: Progress | None = None, stop: Callable[[], bool] | None = None,
    ) -> list[IngestReport]:
        """One pass over the due (or named, or all) sources; a failing source never stops the others.

        The due sources are claimed (`ingest_claimed`), so a pass never fetches what a running worker is
        fetching; named sources and --all are fetched as asked. Once `stop()` says True, the sources in
        flight are abandoned and the rest not begun (no report for either: they stay due)."""
        if not names and not all:
            return self.ingest_claimed(worker_id("ingest"), now=now, progress=progress, stop=stop)
        sources = self.select_sources(names, all=all, now=now)
        if not sources:
            return []
        from .ingest import IngestRun

        self.link_stories()  # older posts first: what this pass stores finds its copies among them
        run = IngestRun(self.store, self.worker_classifier, self.config.settings.fetch, now or utcnow(),
                        parsers=self.parsers, retrievers=self.retrievers, progress=progress, stop=stop)
        with self.lock:
            return asyncio.run(run.run(sources))

    def exempt_hosts(self) -> list[str]:
        """The configured sources' hosts that fetch.allow_hosts exempts from politeness limits."""
        from .fetch.guard import AllowList
        from .store.leases import host_of

        allow = AllowList(self.config.settings.fetch.allow_hosts)
        if not allow:
            return []
        hosts = {host_of(s.url) for s in self.config.sources} - {""}
        return sorted(h for h in hosts if allow.allows_host(h))

    def ingest_claimed(
        self, worker: str, *, now: datetime | None = None, progress: Progress | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> list[IngestReport]:
        """Claim due sources in batches ([workers].batch) and ingest them, until none is left to claim
        (or `stop()` says so): each source's result is stored with the lease dropped in one transaction,
        the batch's leases are renewed while it runs. `now` (--now) decides what is due; leases run on
        the real clock, so a fixed --now never makes a live lease look expired."""
        from .ingest import IngestRun

        settings = self.config.settings
        lease = settings.workers.lease
        exempt = self.exempt_hosts()
        done: set[str] = set()
        reports: list[IngestReport] = []
        self.link_stories()  # older posts first: what this pass stores finds its copies among them
        while stop is None or not stop():
            wanted = [s.name for s in self.config.sources if s.name not in done]
            names = self.store.claim_due_sources(
                worker, settings.workers.batch, lease, utcnow(), names=wanted,
                per_host=settings.fetch.per_host, exempt_hosts=exempt, due_at=now)
            if not names:
                break
            done.update(names)
            run = IngestRun(self.store, self.worker_classifier, settings.fetch, now or utcnow(),
                            parsers=self.parsers, retrievers=self.retrievers, progress=progress,
                            lease_owner=worker, stop=stop)
            # the lock per batch, not per pass: a publish or a digest of this process goes in between
            with self.lock, self.lease_keeper.holding(worker, names, lease):
                # a reload may have removed a claimed source meanwhile (apply_config does not wait)
                known = {s.name: s for s in self.config.sources}
                try:
                    reports += asyncio.run(run.run([known[n] for n in names if n in known]))
                finally:
                    self.store.release_sources(worker, names)  # any the run could not finish
        return reports

    def release_claims(self, worker: str) -> None:
        """A worker stopping: its leases end now, so others need not wait for them to expire."""
        self.store.release_sources(worker)

    # --- publish -------------------------------------------------------------

    def publishable_posts(self) -> list[Post]:
        """The newest `items` posts of each output feed (a story's primary post only): the only ones publish
        needs. Each feed's are one range of topic_index (store/pages.py: visible primary posts), newest
        first, whatever the number of posts stored."""
        n = self.config.settings.publish.items
        chosen: dict[int, Post] = {p.id: p for p in self.store.topic_page(None, offset=0, limit=n, total=n).posts}
        for topic in self.config.topics:
            for p in self.store.topic_page(topic.slug, offset=0, limit=n, total=n).posts:
                chosen[p.id] = p
        return sorted(chosen.values(), key=lambda p: p.id)

    # --- stories: copies of one story from several sources ----------------------------

    def link_stories(self) -> int:
        """Link posts stored before stories existed (a database from before schema v7), in batches;
        at once when none is left. Returns how many."""
        done = 0
        while n := self.store.link_pending(500):
            done += n
        return done

    def story_copies(self, posts: Sequence[Post]) -> dict[int, tuple[Copy, ...]]:
        """post id -> the other visible copies of its story ("also at")."""
        return self.store.story_copies([p.id for p in posts])

    def prune(self, now: datetime | None = None) -> int:
        """Retention ([storage].keep): delete posts dated before now - keep that no output feed's
        newest `items` shows; each leaves a tombstone so no later fetch brings it back. Returns the count."""
        keep = self.config.settings.storage.keep
        if keep is None:
            return 0
        now = now or utcnow()
        with self.lock:
            shown = {p.id for p in self.publishable_posts()}
            return self.store.prune_posts(now - timedelta(seconds=keep), shown, now)

    def publish(self) -> PublishResult:
        """Render every output into [publish].dir and into the database (where every `web` process
        serves them from), each file written only when its bytes changed."""
        from .publish import content_type, publish_all

        global published_here
        with self.lock:
            self.link_stories()
            covers = self.store.marker("content")
            counts = {slug: stat.posts for slug, stat in self.store.topic_stats().items()}
            posts = self.publishable_posts()
            result = publish_all(self.config, posts, counts=counts, copies=self.story_copies(posts))
            files = [(name, body, content_type(name) or "application/octet-stream") for name, body in result.outputs]
            stored = self.store.write_published_files(files, utcnow(), covers=covers)
            if stored.written or stored.removed:
                published_here = next(PUBLISHED_HERE)
            return result

    def publish_if_needed(self, owner: str, *, force: bool = False) -> PublishResult | None:
        """The one publisher: publish when posts changed since the last publish (or `force`: this
        process's config changed), unless another process is publishing right now. None: nothing done."""
        if not force and not self.store.publish_needed():
            return None
        if not self._take_publisher_lock(owner):
            return None
        try:
            if not force and not self.store.publish_needed():  # the last publisher did it meanwhile
                return None
            return self.publish()
        finally:
            self.store.release_publisher_lock(owner)

    def _take_publisher_lock(self, owner: str) -> bool:
        """The publisher lock, taken over at once from a process of this host that was killed while it
        published (SQLite: its row stays behind; PostgreSQL's lock went with its connection). Waiting for
        the row to go stale froze every feed for 10 minutes after a kill -9 (outside audit 6, #1)."""
        from .liveness import holder_died

        if self.store.try_publisher_lock(owner, utcnow()):
            return True
        who = self.store.lock_owner("publish") if self.store.backend == "sqlite" else None
        if who is None or not holder_died(who):
            return False  # another live process is publishing: it publishes what changed
        log.warning("publish: the lock held by %s, a process that is gone, is taken over", who)
        self.store.release_lock("publish", who)  # only that dead holder's row: of two racers one wins
        return self.store.try_publisher_lock(owner, utcnow())

    def published_generation(self) -> int:
        """Moves whenever a published file in the database changed (0: nothing published there yet)."""
        return self.store.marker("files")

    def published_etags(self) -> dict[str, str]:
        return self.store.published_etags()

    def published_files(self, names: Sequence[str] | None = None) -> list[Any]:
        """store.PublishedFile rows (all, or the named ones)."""
        return self.store.published_files(names)

    # --- reads ---------------------------------------------------------------

    def post(self, post_id: int) -> Post:
        """Raises NotFoundError."""
        return self.store.get_post(post_id)

    def posts(self, *, topic: str | None = None, source: str | None = None, limit: int | None = None) -> list[Post]:
        """Every post (hidden ones too, marked), newest publication date first, undated ones last: what
        `posts` lists."""
        if topic is not None:
            self.config.topic(topic)
        found = self.store.list_posts(topic=topic, source=source, limit=limit, include_hidden=True, undated_last=True)
        if source is not None and not found:
            # a source removed from the config is still known by the posts it left (they stay in the feeds
            # until pruned); a name neither configured nor stored is an error that lists the known ones
            self.config.source(source)
        return found

    def recent_posts(self, limit: int) -> list[Post]:
        """The newest visible on-topic posts, each story once."""
        return self.store.list_posts(on_topic_only=True, limit=limit, primary_only=True)

    def posts_stored_since(self, since: datetime) -> list[Post]:
        """Visible on-topic posts first stored at or after `since`, newest first, each story once (digest
        candidates)."""
        return self.store.list_posts(on_topic_only=True, since=since, primary_only=True)

    def reached_through_copies(self, subscriber_id: int, post_ids: Sequence[int]) -> set[int]:
        """Those posts whose story already went to the subscriber as another copy."""
        return self.store.reached_through_copies(subscriber_id, post_ids)

    def topic_stats(self) -> dict[str, TopicStat]:
        return self.store.topic_stats()

    def topic_page(self, topic: str | None, page: int = 1, per_page: int = PER_PAGE, *,
                   total: int | None = None) -> PostPage:
        """Page `page` (from 1) of a topic's posts (None: every on-topic post), newest first: the
        feed's posts and order; `total`: the topic_count the caller keeps, if any. Raises NotFoundError
        for an unknown topic."""
        if topic is not None:
            self.config.topic(topic)
        return self.store.topic_page(topic, offset=(max(page, 1) - 1) * per_page, limit=per_page, total=total)

    def topic_count(self, topic: str | None) -> int:
        """Posts on a topic's page (None: every on-topic post)."""
        if topic is not None:
            self.config.topic(topic)
        return self.store.topic_count(topic)

    def search(self, text: str, *, topic: str | None = None, page: int = 1,
               per_page: int = PER_PAGE) -> tuple[tuple[str, ...], PostPage]:
        """The words read from `text` (any string: it is never query syntax) and page `page` of the
        published posts holding them all, newest first. Raises NotFoundError for an unknown topic."""
        from .search import search_words

        if topic is not None:
            self.config.topic(topic)
        words = search_words(text)
        offset = (max(page, 1) - 1) * per_page
        return words, self.store.search_posts(words, topic=topic, offset=offset, limit=per_page)

    def status(self) -> list[SourceStatus]:
        configured = {s.name: s for s in self.config.sources}
        stored = [s for s in self.store.source_statuses() if s.name in configured]
        if self.read_only:  # no sync wrote a changed interval's next fetch: computed as the sync would have
            stored = self._replanned(stored)
        # a source added to the config but not yet in the table (a read-only open does not sync it): new
        known = {s.name for s in stored}
        new = [SourceStatus(name=s.name, url=s.url, last_success=None, last_error=None, last_error_at=None,
                            consecutive_failures=0, next_fetch=None, posts=0, broken=False)
               for s in self.config.sources if s.name not in known]
        rows = sorted([*stored, *new], key=lambda s: s.name) if new else stored
        return [_shown(r) for r in rows]

    def _replanned(self, rows: list[SourceStatus]) -> list[SourceStatus]:
        from dataclasses import replace

        from .schedule import planned_due

        intervals = {s.name: s.interval for s in self.config.sources}
        states = {st.name: st for st in self.store.source_states()}
        out = []
        for row in rows:
            state = states.get(row.name)
            planned = planned_due(state, intervals[row.name]) if state and state.next_due is not None else None
            out.append(replace(row, next_fetch=planned) if planned is not None else row)
        return out

    @property
    def database(self) -> str:
        """The database for messages: its path, or its URL without the password."""
        return self.store.location

    @property
    def lease_keeper(self) -> LeaseKeeper:
        if self._lease_keeper is None:
            self._lease_keeper = LeaseKeeper(self.store)
        return self._lease_keeper

    def close(self) -> None:
        if self._lease_keeper is not None:
            self._lease_keeper.close()
        self.store.close()


def _shown(row: SourceStatus) -> SourceStatus:
    """A status row as CLI and web show it: URLs without a password written into them (redact.py)."""
    from dataclasses import replace

    from .redact import has_userinfo, without_userinfo

    if not has_userinfo(row.url) and not (row.redirected_to and has_userinfo(row.redirected_to)):
        return row
    return replace(row, url=without_userinfo(row.url),
                   redirected_to=without_userinfo(row.redirected_to) if row.redirected_to else None)
