"""What a parse worker runs (parse/worker.py): parse one document, bound, key, classify and
fingerprint (stories.story_print) its posts.

Kept apart from ingest.py so a worker imports only parsing and classifying: not asyncio, aiohttp,
storage or the config's validation (a worker's memory is counted once per worker).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .._types import FetchResult, PostWrite
from ..contenthash import content_hash
from ..stories import story_print
from ..types import Classification, ExtractedPost, ParsedDocument, Source
from .untrusted import bound_post

if TYPE_CHECKING:
    from ..classify import Classifier
    from ..config import TopicsFile
    from . import Parsers

__all__ = ["dedup_key", "init_worker", "pack_classifier", "parse_classify", "parse_one", "post_write", "sort_key"]

Classify = Callable[[str, str, Sequence[str]], Classification]
_worker: tuple[Classifier, Parsers] | None = None


def dedup_key(post: ExtractedPost) -> str:
    """guid, else link, else a hash of title + date (stable across runs)."""
    if post.guid:
        return "guid:" + post.guid
    if post.url:
        return "url:" + post.url
    import hashlib  # here: a worker that never needs it does not load OpenSSL's libcrypto (~3.5 MB)

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
    return _write(p, dedup_key(p), classify, now)


def _write(p: ExtractedPost, key: str, classify: Classify, now: datetime) -> PostWrite:
    c = classify(p.title, p.summary, p.categories)
    return PostWrite(
        dedup_key=key, title=p.title, url=p.url, author=p.author, published=p.published,
        sort_key=sort_key(p.published, now), comments=p.comments, summary=p.summary,
        summary_html=p.content_html, guid=p.guid, categories=tuple(p.categories), labels=c.labels,
        evidence=dict(c.why),
        # fingerprinted here, in parallel with the store's single writer, which then only writes and looks up
        story=story_print(p.title, p.summary, p.url),
    )


def _stored_unchanged(p: ExtractedPost, key: str, known: Mapping[str, str] | None) -> bool:
    """True when `known` (dedup key -> stored content hash) says the store holds this bounded post as it is."""
    stored = known.get(key) if known else None
    return stored is not None and stored == content_hash(
        p.title, p.url, p.author, p.comments, p.summary, p.content_html, p.guid, p.categories)


def pack_classifier(classifier: Classifier) -> bytes:
    """The classifier as `init_worker` takes it: pickled once by the parent, which need not keep the object."""
    return pickle.dumps(classifier, pickle.HIGHEST_PROTOCOL)


def init_worker(classifier: Classifier | bytes | TopicsFile, parsers: Parsers) -> None:
    """Pool worker start: the application's classifier (or `pack_classifier`'s bytes of it), or the topics
    file to build it from (what an ingest pass sends: the parent then never builds one, ~7 MB it would
    keep), and the parser registry, sent once per worker."""
    global _worker
    if isinstance(classifier, bytes):
        built = pickle.loads(classifier)
    elif hasattr(classifier, "classify"):
        built = classifier
    else:
        import gc

        from ..classify import Classifier

        built = Classifier.from_topics(classifier)  # type: ignore[arg-type]
        # its compiled rules' construction leaves reference cycles: collected now, not as garbage all pass
        gc.collect()
    _worker = (built, parsers)


def parse_classify(
    result: FetchResult, source: Source, now: datetime, kind: str, known: Mapping[str, str] | None = None
) -> tuple[ParsedDocument, list[PostWrite], int]:
    """Parse one document and classify its posts, in a pool worker (see `init_worker`):
    (document, writes, how many posts were skipped as stored unchanged, see `post_write`).

    A feed comes back without its posts: the caller needs only their writes, and not
    pickling every post twice halves what crosses the pipe. Listing pages keep theirs
    (the broken-page checks and pagination read them).
    """
    assert _worker is not None, "init_worker first"
    classifier, parsers = _worker
    doc = parse_one(result, source, now, kind, parsers)
    classify = classifier.classify
    writes: list[PostWrite] = []
    skipped: set[str] = set()  # the store keeps the first of a key: a later copy of a skipped post is dropped too
    for p in doc.posts:
        if not (p.title or p.url):
            continue
        p = bound_post(p, now)
        key = dedup_key(p)
        if key in skipped:
            continue
        if _stored_unchanged(p, key, known):  # neither classified, nor sent back, nor written
            skipped.add(key)
            continue
        writes.append(_write(p, key, classify, now))
    unchanged = len(skipped)
    if doc.kind == "feed":
        from dataclasses import replace

        doc = replace(doc, posts=())
    return doc, writes, unchanged
