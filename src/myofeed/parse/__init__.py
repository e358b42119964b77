"""Parsers: fetched bytes -> ParsedDocument. A registry keyed by kind and MIME type.

The registry (`Parsers`) belongs to the application object (`Myofeed.parsers`),
not to this module: ingest hands it to every parse worker process, so a parser
the application registers is used wherever documents are parsed.

`parse_document` decides between a feed and a listing page from the declared
content type and the first bytes (servers often send feeds as text/html or
text/plain, and pages as application/xml), then calls the registered parser.
Parsers are imported lazily so `myofeed --help` stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .._types import FetchResult
from ..exceptions import ParseError
from ..types import ParsedDocument, Selectors

__all__ = ["Parsers", "default_parsers", "looks_like_feed", "parse_document"]

Parser = Callable[..., ParsedDocument]  # (result, *, now, selectors) -> ParsedDocument

# MIME type -> kind. Generic XML/JSON types are decided by sniffing, not listed here.
FEED_TYPES = {
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/feed+json": "feed",
    "application/x-rss+xml": "feed",
    "application/x-atom+xml": "feed",
    "text/html": "html",
    "application/xhtml+xml": "html",
}

_FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?(?:rss|feed|RDF|channel)[\s>/]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_MARKUP_NOISE = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>", re.DOTALL | re.IGNORECASE)
_JSONFEED = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/', re.IGNORECASE)


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _head(content: bytes, size: int = 2048) -> bytes:
    """The first bytes as ASCII-compatible markup: BOMs dropped, UTF-16/32 NULs removed."""
    head = content[: size * 4]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if b"\x00" in head[:8] or head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.replace(b"\x00", b"").lstrip(b"\xff\xfe")  # crude, but only for sniffing ASCII names
    return head[:size]


def looks_like_feed(content: bytes, content_type: str | None, mime_types: dict[str, str] | None = None) -> bool:
    """True when the bytes are an RSS/Atom/RDF/JSON feed rather than an HTML page."""
    head = _head(content).lstrip()
    if head.startswith(b"{"):
        return bool(_JSONFEED.search(content[:4096])) or _mime(content_type) == "application/feed+json"
    if head.startswith(b"[") and FEED_TYPES.get(_mime(content_type)) != "html":
        # a JSON array is no web page: the JSON Feed reader says what it is instead of the listing
        # extractor finding "almost no visible text" (outside audit 8, m6)
        return True
    body = _MARKUP_NOISE.sub(b"", head).lstrip()
    if _HTML_ROOT.match(body):
        return False
    if _FEED_ROOT.match(body):
        return True
    kind = (FEED_TYPES if mime_types is None else mime_types).get(_mime(content_type))
    if kind is not None:
        return kind == "feed"
    # Nothing conclusive in the first bytes (e.g. a long comment): look further in.
    return bool(_FEED_ROOT.search(_MARKUP_NOISE.sub(b"", _head(content, 16384)))) and not _HTML_ROOT.search(head)


def _feed(result: FetchResult, *, now: datetime, selectors: Selectors | None = None) -> ParsedDocument:
    from .feed import parse_feed

    return parse_feed(result.content or b"", url=result.url, headers=result.headers)


def _html(result: FetchResult, *, now: datetime, selectors: Selectors | None = None) -> ParsedDocument:
    from .html import parse_listing  # the listing-page extractor (parse/html.py)

    kwargs: dict[str, Any] = {"base_url": result.url, "now": now, "content_type": result.content_type}
    if result.url.startswith("file:"):
        # a saved page without the source's base_url: its own canonical or og:url, as `extract` does
        kwargs["base_from_page"] = True
    if selectors is not None:
        kwargs["selectors"] = selectors
    return parse_listing(result.content or b"", **kwargs)


class Parsers:
    """Parsers keyed by document kind, and the MIME types that name a kind.

    Picklable (parsers are module-level functions), so it reaches the parse pool's
    worker processes whole.
    """

    def __init__(self, parsers: dict[str, Parser] | None = None, mime_types: dict[str, str] | None = None) -> None:
        self.parsers: dict[str, Parser] = dict(parsers or {})
        self.mime_types: dict[str, str] = dict(mime_types or {})

    def register(self, kind: str, parser: Parser) -> None:
        """`parser(result, *, now, selectors)` handles documents of `kind` ('feed', 'html', ...)."""
        self.parsers[kind] = parser

    def register_mime_type(self, mime: str, kind: str) -> None:
        self.mime_types[mime.lower()] = kind

    def kinds(self) -> list[str]:
        return sorted(self.parsers)

    def parse(self, result: FetchResult, *, kind: str = "auto", now: datetime,
              selectors: Selectors | None = None) -> ParsedDocument:
        """Parse a fetched document as `kind` ('feed', 'html' or 'auto': sniff content type and bytes)."""
        if result.content is None:
            raise ParseError(f"{result.url}: nothing to parse (HTTP {result.status}, no body)")
        if kind == "auto":
            kind = "feed" if looks_like_feed(result.content, result.content_type, self.mime_types) else "html"
        parser = self.parsers.get(kind)
        if parser is None:
            raise ParseError(f"{result.url}: no parser for kind {kind!r} (expected one of {', '.join(self.kinds())})")
        doc = parser(result, now=now, selectors=selectors)
        if parser in _SELF_CLEANING:
            return doc
        from .untrusted import clean_document

        # a registered parser may hand on lone surrogates (JSON "\ud800" decoded)
        return clean_document(doc)


# The built-in parsers, which clean their own output (parse_feed and parse_listing end with clean_document):
# cleaning it again would find nothing (~5 us a post).
_SELF_CLEANING = frozenset({_feed, _html})


def default_parsers() -> Parsers:
    """A new registry with the built-in feed and listing-page parsers."""
    return Parsers({"feed": _feed, "html": _html}, FEED_TYPES)


_DEFAULT = default_parsers()


def parse_document(
    result: FetchResult, *, kind: str = "auto", now: datetime, selectors: Selectors | None = None,
    parsers: Parsers | None = None,
) -> ParsedDocument:
    """Parse a fetched document with `parsers` (default: the built-in ones)."""
    return (parsers or _DEFAULT).parse(result, kind=kind, now=now, selectors=selectors)
