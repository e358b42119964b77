"""Public domain types: a reader of the code learns the domain from this file.

All are frozen dataclasses; storage, parsing and publishing pass these around.
Dates are ISO 8601 strings as precise as the source stated them: a date-only
post keeps "2025-11-20" (never shifted across time zones); a timestamp keeps
its offset ("2025-11-20T09:30:00+01:00").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

SourceKind = Literal["auto", "feed", "html"]
Cadence = Literal["daily", "weekly"]
SubscriberState = Literal["pending", "confirmed", "unsubscribed", "bouncing"]


@dataclass(frozen=True)
class Selectors:
    """Per-source CSS overrides for listing pages (all optional)."""

    item: str | None = None
    title: str | None = None
    link: str | None = None
    author: str | None = None
    date: str | None = None
    comments: str | None = None
    summary: str | None = None
    date_format: str | None = None  # strptime format for the date text


@dataclass(frozen=True)
class Source:
    """A configured source: a feed or a listing page."""

    name: str
    url: str
    kind: SourceKind = "auto"
    interval: float = 3600.0  # seconds between scheduled fetches
    pages: int = 1  # listing pages to follow via rel=next on scheduled runs
    first_pages: int = 3  # on the very first ingest of a listing source
    selectors: Selectors | None = None
    title: str | None = None  # display name; defaults to name
    base_url: str | None = None  # the page's public URL when fetched from elsewhere (file: demo pages)


@dataclass(frozen=True)
class ExtractedPost:
    """One post as a parser found it, before classification and storage."""

    title: str
    url: str | None
    author: str | None = None
    published: str | None = None  # ISO 8601, as precise as stated
    comments: int | None = None
    summary: str = ""  # plain text
    guid: str | None = None
    categories: tuple[str, ...] = ()
    content_html: str | None = None  # sanitized HTML summary/content when the source gives HTML
    # (field, "rule <element>") for each field: which extraction rule found it (`extract --explain`)
    why: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def to_json(self, explain: bool = False) -> dict[str, object]:
        """The shape `myofeed extract` prints (SPEC); with explain, a "_why" object naming each field's rule."""
        out: dict[str, object] = {
            "title": self.title,
            "url": self.url,
            "author": self.author,
            "published": self.published,
            "comments": self.comments,
            "summary": self.summary,
        }
        if explain:
            out["_why"] = dict(self.why) or {k: "feed-entry" for k in out}  # a feed states its fields
        return out


@dataclass(frozen=True)
class ParsedDocument:
    """What a parser returns for one fetched document."""

    kind: Literal["feed", "html"]
    posts: tuple[ExtractedPost, ...]
    title: str | None = None
    link: str | None = None
    next_url: str | None = None  # rel=next pagination (listing pages)
    feed_links: tuple[str, ...] = ()  # feeds the page announces (discovery)
    warnings: tuple[str, ...] = ()
    skipped: int = 0  # feed entries with nothing a reader could be shown (a bare id)


@dataclass(frozen=True)
class Topic:
    """A topic of the taxonomy; `parent` makes a hierarchy (subtype -> group)."""

    slug: str
    title: str
    parent: str | None = None
    description: str = ""
    aspect: bool = False  # aspect labels need a disease label beside them


@dataclass(frozen=True)
class Classification:
    """Labels for one post, with the evidence for each.

    `labels` include the parents the hierarchy implies; `why` maps each label to
    short strings naming the rule and the text it matched.
    """

    labels: tuple[str, ...]
    why: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Post:
    """A stored post."""

    id: int
    source: str
    dedup_key: str
    title: str
    url: str | None
    author: str | None
    published: str | None  # ISO 8601 as stated; never changes once stored
    comments: int | None
    summary: str  # plain text
    summary_html: str | None  # sanitized HTML, when the source gave HTML
    guid: str | None
    categories: tuple[str, ...]
    topics: tuple[str, ...]  # labels incl. implied parents, after operator corrections
    evidence: dict[str, tuple[str, ...]]
    first_seen: datetime
    updated: datetime
    hidden: bool = False
    story: int | None = None  # its story (copies of one story from several sources); None: not linked yet
    primary: bool = True  # the copy its story is shown as (the others are "also at" links)


@dataclass(frozen=True)
class Copy:
    """Another copy of a post's story, from another source: shown as an "also at" link."""

    post_id: int
    source: str  # configured source name
    url: str | None
    title: str


@dataclass(frozen=True)
class TopicStat:
    """Visible posts filed under one topic ("all": every on-topic post once) and the newest one's time."""

    posts: int
    newest: datetime | None = None


@dataclass(frozen=True)
class PostPage:
    """One page of a topic page or a search: visible on-topic posts, newest first (feed order)."""

    posts: tuple[Post, ...]
    total: int  # posts in the whole listing; when not `exact`, at least this many
    exact: bool = True


@dataclass(frozen=True)
class SourceStatus:
    """Per-source health for `status` and GET /status."""

    name: str
    url: str
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    consecutive_failures: int
    next_fetch: datetime | None
    posts: int
    broken: bool
    broken_reason: str | None = None
    feed_links: tuple[str, ...] = ()
    # `url` is the configured URL (the key the operator knows); a permanent redirect's target is here
    redirected_to: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "url": self.url,
            "redirected_to": self.redirected_to,
            "last_success": _iso(self.last_success),
            "last_error": self.last_error,
            "consecutive_failures": self.consecutive_failures,
            "next_fetch": _iso(self.next_fetch),
            "posts": self.posts,
            "broken": self.broken,
            "broken_reason": self.broken_reason,
        }


@dataclass(frozen=True)
class Subscriber:
    """A newsletter recipient."""

    id: int
    email: str
    topics: tuple[str, ...]
    cadence: Cadence
    state: SubscriberState
    confirm_token: str
    unsubscribe_token: str
    created: datetime
    confirmed_at: datetime | None = None
    last_digest_at: datetime | None = None
    confirm_sent_at: datetime | None = None
    bounces: int = 0
    prefs_key: str = field(default="", repr=False)  # signs preference links (links.py); never shown or mailed

    def to_json(self) -> dict[str, object]:
        return {
            "email": self.email,
            "topics": list(self.topics),
            "cadence": self.cadence,
            "state": self.state,
        }


@dataclass(frozen=True)
class IngestReport:
    """What one source's ingest did."""

    source: str
    ok: bool
    new: int = 0
    updated: int = 0
    not_modified: bool = False
    error: str | None = None
    broken_reason: str | None = None
    skipped: int = 0  # feed entries with nothing to show (no title, link or text)
    # not fetched: a server's Retry-After (429/503) runs until then. Not a failure (ok stays True)
    deferred_until: datetime | None = None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
