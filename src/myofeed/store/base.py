"""The storage interface. Everything outside store/ talks to this Protocol (through
the `Myofeed` facade), so a backend is a new implementation, not edits all over.

Contract, on every backend (tests/store runs the same suite against SQLite and PostgreSQL):

- Instants go in and come out as aware datetimes (UTC on the way out, to the
  second). Nothing outside storage knows how a backend writes them.
- Results are the frozen dataclasses of types.py / _types.py, never rows.
- Errors: every method may raise `StorageError` (the driver's error chained);
  more precisely `DatabaseUnavailableError` (cannot open or reach the database),
  `SchemaVersionError` (written by a newer myofeed, on opening), `ConflictError`
  (a write broke a constraint: the whole transaction rolled back). Methods that
  name one thing by id raise `NotFoundError` when it does not exist (said below).
- Each write method is one transaction: all of it or nothing.
- Post and subscriber ids come from the database and are never reused.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import datetime
from typing import Any, Protocol

from .._types import FetchOutcome, FetchRecord, PostWrite, PublishedFile, PublishWrite, SourceState
from ..exceptions import StorageError
from ..types import Copy, Post, PostPage, Source, SourceStatus, Subscriber, TopicStat

TopicChange = tuple[int, tuple[str, ...], dict[str, tuple[str, ...]]]  # post id, labels, evidence


class Storage(Protocol):
    @property
    def backend(self) -> str:
        """"sqlite" or "postgresql"."""
        ...

    @property
    def location(self) -> str:
        """The database for messages: a path, or a URL without its password."""
        ...

    @property
    def shareable(self) -> bool:
        """False when the database exists only in this handle (an in-memory SQLite)."""
        ...

    def clone(self) -> Storage | None:
        """Another handle on the same database with connections of its own (for another thread or
        role); None when the database exists only in this handle (an in-memory SQLite)."""
        ...

    def close(self) -> None: ...

    # --- sources (sources.py) -------------------------------------------------------

    def sync_sources(self, sources: Sequence[Source], now: datetime) -> None:
        """Add configured sources (due at once). Only a changed URL resets a source's caching
        data and schedule; nothing else in a config undoes another process's fetch state."""
        ...

    def source_state(self, name: str) -> SourceState | None: ...

    def source_states(self, names: Sequence[str] | None = None) -> list[SourceState]:
        """Every source's state by name, or those of `names` that have one (in no set order)."""
        ...

    def due_sources(self, now: datetime) -> list[str]:
        """Names of sources due at `now` (never fetched, or next_due and any Retry-After passed),
        most overdue first."""
        ...

    def record_fetch(self, source: str, outcome: FetchOutcome, posts: Sequence[PostWrite]) -> tuple[int, int]:
        """One fetch's posts and the source's new state, in one transaction. Returns (new, updated)."""
        ...

    def record_fetches(self, records: Sequence[FetchRecord]) -> list[tuple[int, int] | StorageError]:
        """Many `record_fetch`/`finish_fetch` in one transaction, a savepoint each: (new, updated) per
        record, or the StorageError of a record that could not be stored (rolled back alone)."""
        ...

    def content_hashes(self, source: str, limit: int = 500) -> dict[str, str]:
        """dedup key -> `contenthash.content_hash` of the source's newest `limit` stored posts."""
        ...

    def known_post_keys(self, source: str, keys: Sequence[str]) -> set[str]:
        """Which of these dedup keys the source already has (stored, or deleted by retention)."""
        ...

    def source_statuses(self) -> list[SourceStatus]: ...

    # --- posts (posts.py) ----------------------------------------------------------

    def get_post(self, post_id: int) -> Post:
        """Raises NotFoundError."""
        ...

    def list_posts(
        self, *, topic: str | None = None, source: str | None = None, limit: int | None = None,
        include_hidden: bool = False, on_topic_only: bool = False, since: datetime | None = None,
        primary_only: bool = False, undated_last: bool = False,
    ) -> list[Post]:
        """Newest first (sort key, then id). `since`: first stored at or after that instant. `primary_only`:
        each story once, as the copy it is shown as. `undated_last`: posts without a publication date
        after the dated ones (else an undated post sorts by when it was first stored)."""
        ...

    def iter_posts(self) -> Iterator[Post]:
        """Every post, by id, read in batches."""
        ...

    def set_topics(self, changes: Sequence[TopicChange]) -> None:
        """New classifications; the operator's corrections still apply on top."""
        ...

    def label_post(self, post_id: int, add: Sequence[str], remove: Sequence[str], now: datetime) -> None:
        """Record the operator's corrections. Raises NotFoundError."""
        ...

    def corrections(self, post_id: int) -> dict[str, str]:
        """topic -> "+" (added by the operator) or "-" (removed)."""
        ...

    def hide_post(self, post_id: int, hidden: bool = True) -> None:
        """Raises NotFoundError."""
        ...

    def prune_posts(self, older_than: datetime, keep: Collection[int], now: datetime) -> int:
        """Retention, in one transaction: delete the posts dated before `older_than` whose id is not
        in `keep`, with their topics, corrections and ledger rows, leaving a tombstone per post so
        that record_fetch never stores the same (source, dedup_key) again. Returns the count."""
        ...

    def topic_stats(self) -> dict[str, TopicStat]:
        """Visible posts per topic slug, and "all" (each on-topic post once)."""
        ...

    # --- stories: one story's copies from several sources (stories.py) -------------------
    # record_fetch links its new and changed posts to their stories in its own transaction; each story's
    # primary (Post.primary) is the copy topic_index, the pages and the feeds list.

    def link_pending(self, limit: int = 500) -> int:
        """Link up to `limit` posts stored before stories existed, oldest first, in one transaction;
        returns how many (0: none left)."""
        ...

    def story_copies(self, post_ids: Sequence[int]) -> dict[int, tuple[Copy, ...]]:
        """For each post, the other visible copies of its story, earliest first (a post without any is
        not in the result)."""
        ...

    def reached_through_copies(self, subscriber_id: int, post_ids: Sequence[int]) -> set[int]:
        """Those of `post_ids` whose story already went to the subscriber as another copy."""
        ...

    # --- readers' pages (pages.py): the feeds' rows (visible, on-topic), newest first, from one index ---

    def topic_page(self, topic: str | None, *, offset: int, limit: int, total: int | None = None) -> PostPage:
        """The posts of `topic` (None: every on-topic post) from `offset`, and how many there are
        (`total` when the caller gives it: a count it keeps, see topic_count)."""
        ...

    def topic_count(self, topic: str | None) -> int:
        """How many posts `topic` (None: every on-topic post) holds: what topic_page's total says."""
        ...

    def search_posts(self, words: Sequence[str], *, topic: str | None, offset: int, limit: int) -> PostPage:
        """Posts holding every word in title, summary, author or source (of `topic` when given), from
        `offset`; `words` are plain words (myofeed.search.search_words), never query syntax."""
        ...

    # --- subscribers (subscribers.py); addresses compare case-insensitively ------------

    def add_subscriber(self, email: str, topics: Sequence[str], cadence: str, *, confirmed: bool,
                       now: datetime) -> tuple[Subscriber, bool]:
        """Insert or update; returns (subscriber, created)."""
        ...

    def get_subscriber(self, email: str) -> Subscriber | None: ...

    def get_subscriber_by_id(self, subscriber_id: int) -> Subscriber | None: ...

    def subscriber_by_token(self, kind: str, token: str) -> Subscriber | None:
        """kind: "confirm" or "unsubscribe"; compared in constant time."""
        ...

    def list_subscribers(self, state: str | None = None) -> list[Subscriber]:
        """By email; only those in `state` when given."""
        ...

    def set_subscriber_state(self, subscriber_id: int, state: str, now: datetime) -> None: ...

    def update_subscriber(self, subscriber_id: int, **fields: object) -> None:
        """Some of: topics, cadence, state, confirmed_at, last_digest_at, confirm_sent_at, bounces.
        Raises ValueError for any other name."""
        ...

    def remove_subscriber(self, email: str) -> bool:
        """Erase the subscriber and their delivery ledger; False when there was none."""
        ...

    # --- digest ledger (ledger.py) ------------------------------------------------------

    def record_deliveries(self, rows: Sequence[tuple[int, int, datetime, str | None]]) -> None:
        """(subscriber_id, post_id, sent_at, message_id) rows; idempotent."""
        ...

    def delivered_post_ids(self, subscriber_id: int) -> set[int]: ...

    def delivered_since(self, subscriber_id: int, min_post_id: int) -> set[int]: ...

    def record_digest(self, subscriber_id: int, post_ids: Sequence[int], sent_at: datetime,
                      message_id: str | None) -> None:
        """After the server accepted a digest: its posts, last_digest_at, bounces = 0, in one transaction."""
        ...

    def record_bounce(self, subscriber_id: int, limit: int) -> bool:
        """Count a 5xx; True when the address just became (or is) 'bouncing'."""
        ...

    def claim_confirmation(self, subscriber_id: int, now: datetime,
                           not_after: datetime) -> tuple[bool, datetime | None]:
        """Take the right to send a confirmation (pending, none sent after `not_after`), atomically
        across processes. Returns (claimed, the previous send time)."""
        ...

    def release_confirmation(self, subscriber_id: int, previous: datetime | None) -> None: ...

    # --- named leases (locks.py) --------------------------------------------------------

    def acquire_lock(self, name: str, owner: str, now: datetime, stale_after: float) -> bool:
        """Take `name` if free, held by `owner`, or not heart-beaten for `stale_after` seconds."""
        ...

    def release_lock(self, name: str, owner: str) -> None: ...

    def heartbeat_lock(self, name: str, owner: str, now: datetime) -> None: ...

    def lock_owner(self, name: str, live_since: datetime | None = None) -> str | None:
        """Who holds `name` (with `live_since`: only if it heart-beat after that time)."""
        ...

    # --- workers: source leases, digest claims, the publisher (leases.py) ----------------

    def sync_hosts(self) -> int:
        """Fill in each source's host (for the politeness limit) where missing or moved."""
        ...

    def claim_due_sources(
        self, worker_id: str, limit: int, lease: float, now: datetime, *, names: Sequence[str] | None = None,
        per_host: int | None = None, exempt_hosts: Sequence[str] = (), due_at: datetime | None = None,
    ) -> list[str]:
        """Lease up to `limit` due, unleased (or lease-expired) sources to `worker_id` until now + `lease`
        seconds, most overdue first; at most `per_host` leased sources per host across all workers (hosts
        in `exempt_hosts` and file: sources excepted). `names`: only these. Of racing claimers, each source
        goes to one."""
        ...

    def renew_source_leases(self, worker_id: str, names: Sequence[str], lease: float, now: datetime) -> list[str]:
        """Heartbeat: extend the worker's leases; returns the names it still holds."""
        ...

    def release_sources(self, worker_id: str, names: Sequence[str] | None = None) -> int:
        """Drop the worker's leases (on `names`, or all) without a fetch result."""
        ...

    def finish_fetch(self, worker_id: str, source: str, outcome: FetchOutcome,
                     posts: Sequence[PostWrite]) -> tuple[int, int]:
        """`record_fetch` and release the worker's lease on the source, in one transaction."""
        ...

    def source_leases(self, now: datetime) -> dict[str, str]:
        """Live leases: source name -> worker."""
        ...

    def claim_digest(self, subscriber_id: int, owner: str, now: datetime, lease: float,
                     last_digest_at: datetime | None) -> bool:
        """Take one subscriber's due digest (confirmed, last digest still `last_digest_at`, no live claim of
        another owner). Of racing workers exactly one wins."""
        ...

    def release_digest(self, subscriber_id: int, owner: str) -> None: ...

    def digest_claim_owner(self, subscriber_id: int, now: datetime) -> str | None: ...

    def try_publisher_lock(self, owner: str, now: datetime) -> bool:
        """Become the one publisher (PostgreSQL: advisory lock on this thread's connection, dropped if the
        process dies; SQLite: a lease in `locks`)."""
        ...

    def release_publisher_lock(self, owner: str) -> None: ...

    # --- change markers and published files (published.py) -------------------------------

    def marker(self, name: str) -> int:
        """"content" (moved by writes that change published posts), "published" (the content value the
        last publish covered), "files" (moved when a published file changed); 0 before first use."""
        ...

    def markers(self) -> dict[str, int]: ...

    def publish_needed(self) -> bool:
        """Posts changed since the last publish, or nothing was published yet."""
        ...

    def write_published_files(self, files: Sequence[tuple[str, bytes, str]], now: datetime, *,
                              covers: int | None = None) -> PublishWrite:
        """Make the published files exactly `files` ((name, bytes, content type)); rows written only when
        their bytes changed; `covers` is recorded as the "published" marker. One transaction."""
        ...

    def published_etags(self) -> dict[str, str]: ...

    def published_files(self, names: Sequence[str] | None = None) -> list[PublishedFile]: ...

    # --- whole tables (sql.py), for `db copy` --------------------------------------------

    def table_counts(self) -> dict[str, int]:
        """Rows per table, every table of the schema, in copy order."""
        ...

    def export_rows(self, table: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """Columns and rows as backend-neutral values (aware datetimes, bools, decoded JSON)."""
        ...

    def import_rows(self, table: str, columns: Sequence[str], rows: Iterator[tuple[Any, ...]]) -> int:
        """Insert exported rows, ids kept; generated ids continue after them. Returns the count."""
        ...
