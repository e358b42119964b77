"""Internal intermediate types (not public API)."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    published: str | None
    sort_key: str  # UTC ISO instant for ordering
    comments: int | None
    summary: str
    summary_html: str | None
    guid: str | None
    categories: tuple[str, ...]
    labels: tuple[str, ...]
    evidence: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class FetchOutcome:
    """What one fetch did to a source's state; written with its posts in one transaction."""

    ok: bool
    at: str  # ISO instant of the attempt
    next_due: str
    etag: str | None = None
    last_modified: str | None = None
    new_url: str | None = None  # permanent redirect
    error: str | None = None
    retry_after_until: str | None = None
    broken_reason: str | None = None  # set: mark broken; None with ok: clear
    feed_links: tuple[str, ...] = ()
    count: int | None = None  # posts the document yielded
