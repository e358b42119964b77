"""Change markers and the published files.

Markers are named counters (table `markers`, a row created on first use):

- `content`: moved by every write that can change what publish shows: an ingest that
  stored new or updated posts, a reclassification, an operator's label or hide,
  retention deleting old posts. The
  bump is the last statement of the write's own transaction, so its row lock is held
  only while that transaction commits.
- `published`: the `content` value the last publish covered. A publisher compares the
  two and does nothing when they are equal.
- `files`: moves whenever a published file's bytes changed, was added or removed: web
  processes poll it (one tiny query) and reload only the files whose ETag moved.

Published files (table `published_files`: name -> bytes, ETag, content type,
modified) are written by the publisher in one transaction, a row only when its bytes
changed, so the ETag and Last-Modified of an unchanged file never move.

`PublishedMixin` wraps the storage writes that move `content` (record_fetch,
set_topics, label_post, hide_post, prune_posts, link_pending) and keeps each source's host current for the
politeness limit (sync_sources, a permanent redirect in record_fetch). A new write
that changes published posts must bump `content` too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from datetime import datetime

from .._types import FetchOutcome, FetchRecord, PostWrite, PublishedFile, PublishWrite
from ..exceptions import StorageError
from ..types import Source
from ._db import Row, Tx, as_datetime
from .leases import LeasesMixin, host_of
from .posts import PostsMixin
from .sources import SourcesMixin

CONTENT = "content"
PUBLISHED = "published"
FILES = "files"


def etag_of(body: bytes) -> str:
    """The strong ETag of a published body: the same on every process and machine."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


class PublishedMixin(SourcesMixin, PostsMixin, LeasesMixin):
    # --- markers -----------------------------------------------------------------------

    def _bump(self, tx: Tx, name: str, now: datetime, to: int | None = None) -> int:
        """Move marker `name` one on (or set it `to` a value); returns its new value."""
        if to is None:
            row = tx.one(
                "INSERT INTO markers (name, value, changed) VALUES (?, 1, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = markers.value + 1, changed = excluded.changed"
                " RETURNING value", (name, now))
        else:
            row = tx.one(
                "INSERT INTO markers (name, value, changed) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value, changed = excluded.changed"
                " RETURNING value", (name, to, now))
        assert row is not None
        return int(row["value"])

    def marker(self, name: str) -> int:
        """A marker's value: 0 before anything moved it."""
        row = self._db.one("SELECT value FROM markers WHERE name = ?", (name,))
        return int(row["value"]) if row else 0

    def markers(self) -> dict[str, int]:
        return {r["name"]: int(r["value"]) for r in self._db.all("SELECT name, value FROM markers ORDER BY name")}

    def publish_needed(self) -> bool:
        """True when posts changed since the last publish (or nothing was ever published)."""
        rows = {r["name"]: int(r["value"]) for r in self._db.all(
            "SELECT name, value FROM markers WHERE name IN (?, ?)", (CONTENT, PUBLISHED))}
        return PUBLISHED not in rows or rows.get(CONTENT, 0) != rows[PUBLISHED]

    # --- the writes that move `content` ----------------------------------------------

    def sync_sources(self, sources: Sequence[Source], now: datetime) -> None:
        super().sync_sources(sources, now)
        self.sync_hosts()

    def record_fetch(self, source: str, outcome: FetchOutcome, posts: Sequence[PostWrite]) -> tuple[int, int]:
        with self._db.transaction() as tx:
            new, updated = super().record_fetch(source, outcome, posts)
            if outcome.ok and outcome.new_url:
                tx.execute("UPDATE sources SET host = ? WHERE name = ?", (host_of(outcome.new_url), source))
            if new or updated:
                self._bump(tx, CONTENT, outcome.at)
        return new, updated

    def finish_fetch(self, worker_id: str, source: str, outcome: FetchOutcome,
                     posts: Sequence[PostWrite]) -> tuple[int, int]:
        """`record_fetch` and drop `worker_id`'s lease on the source, in one transaction."""
        with self._db.transaction() as tx:
            counts = self.record_fetch(source, outcome, posts)
            self._drop_lease(tx, worker_id, source)
        return counts

    def record_fetches(self, records: Sequence[FetchRecord]) -> list[tuple[int, int] | StorageError]:
        """Several sources' fetches in ONE transaction (an ingest pass's writer: one commit for many
        sources), each source in a savepoint of its own: a source whose write fails is rolled back
        alone and gets its error in its place; the others' posts and states are stored. Each source
        is still all-or-nothing; the batch commits as a whole (a failed commit raises)."""
        results: dict[int, tuple[int, int] | StorageError] = {}
        # sources' rows are locked in name order, as renew_source_leases locks them (no wait cycle)
        order = sorted(range(len(records)), key=lambda i: records[i].source)
        with self._db.transaction() as tx, self._new_rows_at_end(tx), self._bands_at_end(tx) as bands:
            for i in order:
                r = records[i]
                tx.execute("SAVEPOINT one_source")
                mark = bands.mark()
                try:
                    if r.lease_owner is not None:
                        counts = self.finish_fetch(r.lease_owner, r.source, r.outcome, r.posts)
                    else:
                        counts = self.record_fetch(r.source, r.outcome, r.posts)
                except Exception as exc:  # noqa: BLE001 - one source's bad value (a date out of range) is its own
                    tx.execute("ROLLBACK TO SAVEPOINT one_source")
                    bands.undo(mark)
                    results[i] = exc if isinstance(exc, StorageError) else StorageError(f"{type(exc).__name__}: {exc}")
                else:
                    results[i] = counts
                tx.execute("RELEASE SAVEPOINT one_source")
        return [results[i] for i in range(len(records))]

    def set_topics(self, changes: Sequence[tuple[int, tuple[str, ...], dict[str, tuple[str, ...]]]]) -> None:
        with self._db.transaction() as tx:
            super().set_topics(changes)
            if changes:
                self._bump(tx, CONTENT, _now())

    def label_post(self, post_id: int, add: Sequence[str], remove: Sequence[str], now: datetime) -> None:
        with self._db.transaction() as tx:
            super().label_post(post_id, add, remove, now)
            self._bump(tx, CONTENT, now)

    def hide_post(self, post_id: int, hidden: bool = True) -> None:
        with self._db.transaction() as tx:
            super().hide_post(post_id, hidden)
            self._bump(tx, CONTENT, _now())

    def link_pending(self, limit: int = 500) -> int:
        with self._db.transaction() as tx:
            linked = super().link_pending(limit)
            if linked:
                self._bump(tx, CONTENT, _now())
        return linked

    def prune_posts(self, older_than: datetime, keep: Collection[int], now: datetime) -> int:
        with self._db.transaction() as tx:
            deleted = super().prune_posts(older_than, keep, now)
            if deleted:
                self._bump(tx, CONTENT, now)
        return deleted

    # --- published files ----------------------------------------------------------------

    def write_published_files(self, files: Sequence[tuple[str, bytes, str]], now: datetime, *,
                              covers: int | None = None) -> PublishWrite:
        """Make the published files exactly `files` ((name, bytes, content type)): a row is written only
        when its bytes changed, names not given are removed. `covers`: the `content` marker this publish
        was rendered from (recorded as `published`). One transaction."""
        wanted = {name: (body, ctype) for name, body, ctype in files}
        with self._db.transaction() as tx:
            known = {r["name"]: (r["etag"], r["content_type"])
                     for r in tx.all("SELECT name, etag, content_type FROM published_files")}
            written: list[str] = []
            unchanged: list[str] = []
            for name, (body, ctype) in wanted.items():
                etag = etag_of(body)
                if known.get(name) == (etag, ctype):
                    unchanged.append(name)
                    continue
                tx.execute(
                    "INSERT INTO published_files (name, body, etag, content_type, modified) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (name) DO UPDATE SET body = excluded.body, etag = excluded.etag,"
                    " content_type = excluded.content_type, modified = excluded.modified",
                    (name, body, etag, ctype, now))
                written.append(name)
            removed = sorted(set(known) - set(wanted))
            for name in removed:
                tx.execute("DELETE FROM published_files WHERE name = ?", (name,))
            generation = self._bump(tx, FILES, now) if written or removed else None
            if covers is not None:
                self._bump(tx, PUBLISHED, now, to=covers)
        return PublishWrite(tuple(written), tuple(unchanged), tuple(removed),
                            generation if generation is not None else self.marker(FILES))

    def published_etags(self) -> dict[str, str]:
        """name -> ETag of every published file (no bodies)."""
        return {r["name"]: r["etag"] for r in self._db.all("SELECT name, etag FROM published_files")}

    def published_files(self, names: Sequence[str] | None = None) -> list[PublishedFile]:
        """The published files (all, or those named), by name."""
        if names is not None and not names:
            return []
        where = f" WHERE {self._in('name')}" if names is not None else ""
        params = (self._list(names),) if names is not None else ()
        rows = self._db.all(f"SELECT * FROM published_files{where} ORDER BY name", params)
        return [_file(r) for r in rows]


def _file(row: Row) -> PublishedFile:
    modified = as_datetime(row["modified"])
    assert modified is not None
    return PublishedFile(name=row["name"], body=bytes(row["body"]), etag=row["etag"],
                         content_type=row["content_type"], modified=modified)


def _now() -> datetime:
    from datetime import UTC

    return datetime.now(UTC)
