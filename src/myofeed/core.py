"""The facade the CLI, the web app and the scheduler share.

It builds the object graph (config -> storage, classifier) and exposes the
product's operations; it never imports the web or scheduler layers.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from .config import Config
from .exceptions import NotFoundError
from .types import Classification, IngestReport, Post, Source, SourceStatus

if TYPE_CHECKING:
    from .classify import Classifier
    from .ingest import Progress
    from .publish import PublishResult
    from .store.base import Storage


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Myofeed:
    def __init__(self, config: Config, *, storage: Storage | None = None) -> None:
        from .store import open_storage

        self.config = config
        self.store: Storage = storage if storage is not None else open_storage(config.database)
        self._classifier: Classifier | None = None
        # ingest and publish from the scheduler and the CLI must not interleave
        self.lock = threading.RLock()
        self.store.sync_sources(config.sources, utcnow())

    def use_config(self, config: Config) -> None:
        """Read `config` from now on (a reload); the classifier is rebuilt on next use."""
        self.config = config
        self._classifier = None

    def apply_config(self, config: Config) -> None:
        """A reload by the running service: the new config, with the sources table made to match it."""
        with self.lock:
            self.use_config(config)
            self.store.sync_sources(config.sources, utcnow())

    # --- classification ------------------------------------------------------

    @property
    def classifier(self) -> Classifier:
        if self._classifier is None:
            from .classify import Classifier

            self._classifier = Classifier.from_topics(self.config.topics_file)
        return self._classifier

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
        return {"post": post_json(post), "topics": list(post.topics), "why": why, "hidden": post.hidden}

    # --- ingest --------------------------------------------------------------

    def select_sources(self, names: Sequence[str] = (), *, all: bool = False, now: datetime | None = None) -> list[Source]:
        if names:
            return [self.config.source(n) for n in names]
        if all:
            return list(self.config.sources)
        due = set(self.store.due_sources(now or utcnow()))
        return [s for s in self.config.sources if s.name in due]

    def ingest(
        self, names: Sequence[str] = (), *, all: bool = False, now: datetime | None = None,
        progress: Progress | None = None,
    ) -> list[IngestReport]:
        """One pass over the due (or named, or all) sources; a failing source never stops the others."""
        sources = self.select_sources(names, all=all, now=now)
        if not sources:
            return []
        from .ingest import IngestRun

        with self.lock:
            return asyncio.run(IngestRun(self, now or utcnow(), progress).run(sources))

    # --- publish -------------------------------------------------------------

    def publishable_posts(self) -> list[Post]:
        """The newest `items` posts of each output feed: the only ones publish needs."""
        n = self.config.settings.publish.items
        chosen: dict[int, Post] = {p.id: p for p in self.store.list_posts(on_topic_only=True, limit=n)}
        for topic in self.config.topics:
            for p in self.store.list_posts(topic=topic.slug, limit=n):
                chosen[p.id] = p
        return sorted(chosen.values(), key=lambda p: p.id)

    def publish(self) -> PublishResult:
        from .publish import publish_all

        with self.lock:
            stats = self.store.topic_stats()
            counts = {slug: n for slug, (n, _) in stats.items()}
            return publish_all(self.config, self.publishable_posts(), counts=counts)

    # --- reads ---------------------------------------------------------------

    def posts(self, *, topic: str | None = None, source: str | None = None, limit: int | None = None) -> list[Post]:
        if topic is not None:
            self.config.topic(topic)
        if source is not None:
            self.config.source(source)
        return self.store.list_posts(topic=topic, source=source, limit=limit, include_hidden=True)

    def status(self) -> list[SourceStatus]:
        configured = {s.name for s in self.config.sources}
        return [s for s in self.store.source_statuses() if s.name in configured]

    def close(self) -> None:
        self.store.close()


def post_json(p: Post) -> dict[str, Any]:
    """The shape `posts --json` prints (SPEC)."""
    return {
        "id": p.id,
        "source": p.source,
        "title": p.title,
        "url": p.url,
        "author": p.author,
        "published": p.published,
        "comments": p.comments,
        "topics": list(p.topics),
    }
