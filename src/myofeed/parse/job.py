"""What a parse worker runs (parse/worker.py): parse one document, bound, key and classify its posts.

Kept apart from ingest.py so a worker imports only parsing and classifying: not asyncio, aiohttp,
storage or the config's validation (a worker's memory is counted once per worker).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .._types import FetchResult, PostWrite
from ..types import Classification, ExtractedPost, ParsedDocument, Source
from .untrusted import bound_post

if TYPE_CHECKING:
    from ..classify import Classifier
    from . import Parsers

__all__ = ["dedup_key", "init_worker", "parse_classify", "parse_one", "post_write", "sort_key"]

Classify = Callable[[str, str, Sequence[str]], Classification]
_worker: tuple[Classifier, Parsers] | None = None


def dedup_key(post: ExtractedPost) -> str:
    """guid, else link, else a hash of title + date (stable across runs)."""
    if post.guid:
        return "guid:" + post.guid
    if post.url:
        return "url:" + post.url
    digest = hashlib.sha256(f"{post.title}\x00{post.published or ''}".encode()).hexdigest()[:32]
    return "hash:" + digest


def sort_key(published: str | None, fallback: datetime) -> datetime:
    """The instant to order by; a date-only post sorts at 00:00 UTC that day."""
    if published:
        try:
            if len(published) == 10:
                return datetime.fromisoformat(published).replace(tzinfo=UTC)
            dt = datetime.fromisoformat(published.replace("Z", "+00:00"))
            return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)
        except ValueError:
            pass
    return fallback

def parse_one(result: FetchResult, source: Source, now: datetime, kind: str, parsers: Parsers) -> ParsedDocument:
    """Parse one fetched document with the application's parsers."""
    from dataclasses import replace

    if source.base_url and result.url.startswith("file:"):
        result = replace(result, url=source.base_url)
    return parsers.parse(result, kind=kind, now=now, selectors=source.selectors)


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


def init_worker(classifier: Classifier, parsers: Parsers) -> None:
    """Pool worker start: the application's classifier and parser registry, sent once per worker."""
    global _worker
    _worker = (classifier, parsers)


def parse_classify(
    result: FetchResult, source: Source, now: datetime, kind: str
) -> tuple[ParsedDocument, list[PostWrite]]:
    """Parse one document and classify its posts, in a pool worker (see `init_worker`).

    A feed comes back without its posts: the caller needs only their writes, and not
    pickling every post twice halves what crosses the pipe. Listing pages keep theirs
    (the broken-page checks and pagination read them).
    """
    assert _worker is not None, "init_worker first"
    classifier, parsers = _worker
    doc = parse_one(result, source, now, kind, parsers)
    classify = classifier.classify
    writes = [post_write(p, classify, now) for p in doc.posts if p.title or p.url]
    if doc.kind == "feed":
        from dataclasses import replace

        doc = replace(doc, posts=())
    return doc, writes
