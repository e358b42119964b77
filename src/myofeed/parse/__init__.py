"""Parsers: fetched bytes -> ParsedDocument. A registry keyed by kind and MIME type.

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

__all__ = ["looks_like_feed", "parse_document", "register_parser", "register_mime_type"]

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
_PARSERS: dict[str, Parser] = {}

_FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?(?:rss|feed|RDF|channel)[\s>/]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_MARKUP_NOISE = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>", re.DOTALL | re.IGNORECASE)
_JSONFEED = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/', re.IGNORECASE)


def register_parser(kind: str, parser: Parser) -> None:
    """`parser(result, *, now, selectors)` handles documents of `kind` ('feed', 'html', ...)."""
    _PARSERS[kind] = parser


def register_mime_type(mime: str, kind: str) -> None:
    FEED_TYPES[mime.lower()] = kind


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


def looks_like_feed(content: bytes, content_type: str | None) -> bool:
    """True when the bytes are an RSS/Atom/RDF/JSON feed rather than an HTML page."""
    head = _head(content).lstrip()
    if head.startswith(b"{"):
        return bool(_JSONFEED.search(content[:4096])) or _mime(content_type) == "application/feed+json"
    body = _MARKUP_NOISE.sub(b"", head).lstrip()
    if _HTML_ROOT.match(body):
        return False
    if _FEED_ROOT.match(body):
        return True
    kind = FEED_TYPES.get(_mime(content_type))
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
    if selectors is not None:
        kwargs["selectors"] = selectors
    return parse_listing(result.content or b"", **kwargs)


register_parser("feed", _feed)
register_parser("html", _html)


def parse_document(
    result: FetchResult, *, kind: str = "auto", now: datetime, selectors: Selectors | None = None
) -> ParsedDocument:
    """Parse a fetched document as `kind` ('feed', 'html' or 'auto': sniff content type and bytes)."""
    if result.content is None:
        raise ParseError(f"{result.url}: nothing to parse (HTTP {result.status}, no body)")
    if kind == "auto":
        kind = "feed" if looks_like_feed(result.content, result.content_type) else "html"
    parser = _PARSERS.get(kind)
    if parser is None:
        raise ParseError(f"{result.url}: no parser for kind {kind!r} (expected one of {', '.join(sorted(_PARSERS))})")
    return parser(result, now=now, selectors=selectors)
