"""Internal intermediate types (not public API)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal


@dataclass(frozen=True)
class FetchRequest:
    """What a retriever needs: the URL and the caching data from the last fetch."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """Bytes and headers of one retrieval; `content` is None on 304."""

    url: str  # final URL after redirects
    status: int
    content: bytes | None
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    etag: str | None = None
    last_modified: str | None = None
    permanent_url: str | None = None  # set when a 301/308 chain moved the source

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


@dataclass(frozen=True)
class PostWrite:
    """One post ready to store: parsed, keyed and classified."""

    dedup_key: str
    title: str
    url: str | None
    author: str | None
    published: str | None  # ISO 8601 as the source stated it (kept as text: "2025-11-20" stays a date)
    sort_key: datetime  # aware instant for ordering
    comments: int | None
    summary: str
    summary_html: str | None
    guid: str | None
    categories: tuple[str, ...]
    labels: tuple[str, ...]
    evidence: dict[str, tuple[str, ...]]
    # its canonical link and band keys, computed by the parse worker from the title, summary and url above
    # (stories.story_print); None: the store computes them itself
    story: StoryPrint | None = None


@dataclass(frozen=True)
class FetchRecord:
    """One source's fetch to store (`Storage.record_fetches`): its outcome and posts, and the worker
    whose lease on the source is dropped in the same transaction (None: no lease)."""

    source: str
    outcome: FetchOutcome
    posts: Sequence[PostWrite]
    lease_owner: str | None = None


@dataclass(frozen=True)
class FetchOutcome:
    """What one fetch did to a source's state; written with its posts in one transaction.

    Made by `schedule.decide`, written by `Storage.record_fetch`.
    """

    ok: bool
    at: datetime  # the attempt
    next_due: datetime
    etag: str | None = None
    last_modified: str | None = None
    new_url: str | None = None  # permanent redirect
    error: str | None = None
    retry_after_until: datetime | None = None
    broken_reason: str | None = None  # ok: set marks broken, None clears; failed: set marks broken, None keeps
    feed_links: tuple[str, ...] = ()
    count: int | None = None  # posts the document yielded (None: keep the previous count)
    not_modified: bool = False


@dataclass(frozen=True)
class SourceState:
    """A source's fetch state as storage holds it (conditional-GET data, health, schedule)."""

    name: str
    url: str  # where we fetch: follows permanent redirects
    config_url: str  # what the operator configured
    kind: str
    created: datetime
    etag: str | None = None
    last_modified: str | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    consecutive_failures: int = 0
    next_due: datetime | None = None
    retry_after_until: datetime | None = None
    broken: bool = False
    broken_reason: str | None = None
    feed_links: tuple[str, ...] = ()
    last_count: int | None = None
    fetches: int = 0
    lease_owner: str | None = None  # the worker holding the source (multi-worker deployments)
    lease_until: datetime | None = None


@dataclass(frozen=True)
class FetchAttempt:
    """What one fetch (and parse) of a source found, before anything is decided.

    `status`: "fetched" (a document was parsed), "not_modified" (HTTP 304) or
    "error" (fetching or parsing failed: `error` says why).
    """

    status: Literal["fetched", "not_modified", "error"]
    etag: str | None = None
    last_modified: str | None = None
    permanent_url: str | None = None
    doc_kind: str | None = None  # "feed" or "html" when fetched
    count: int = 0  # posts worth storing (a title or a link)
    empty_fields: float = 0.0  # share of listing posts without a title, or with neither a link nor text
    feed_links: tuple[str, ...] = ()
    error: str | None = None
    retry_after: float | None = None  # seconds the server asked us to wait
    extraction_failed: bool = False  # a listing page the extractor judged broken
    flood: str | None = None  # more new posts than [fetch].max_new_posts: why the source is flagged
    skipped: int = 0  # feed entries with nothing to show, left out


@dataclass(frozen=True)
class PublishedFile:
    """One published output as the database holds it, for every `web` process to serve alike."""

    name: str  # "all.atom", "index.html"...
    body: bytes
    etag: str  # strong, quoted: a hash of the bytes, so a byte-identical republish keeps it
    content_type: str
    modified: datetime  # when these bytes were first published (Last-Modified)


@dataclass(frozen=True)
class PublishWrite:
    """What one publish did to the published files in the database."""

    written: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    generation: int = 0  # the files marker after the write (moves whenever any file changed)


@dataclass(frozen=True)
class StoryPrint:
    """The part of a post's Fingerprint the store writes and looks candidates up by, computed where the
    post is parsed (a parse worker, in parallel with the writer) and sent to the store with the post:
    its canonical link and its LSH band keys, packed (`stories.pack_bands`: one bytes object pickles
    and unpickles faster than 32 ints)."""

    url: str | None
    bands: bytes


@dataclass(frozen=True)
class Fingerprint:
    """What deciding "same story?" needs of one post (stories.py): its canonical link, title words,
    2-word shingles of title and summary, and the LSH band keys of their sketch (sketch.py) (empty when the text
    is too short to be matched on)."""

    url: str | None
    title: frozenset[str]
    text: frozenset[str]
    bands: tuple[int, ...]
    numbers: frozenset[str] = frozenset()  # the numbers in the title ("Week 3", "Phase 2", "2025")
