"""Look at one URL the way ingest would, storing nothing: `check --live` and `sources add`."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from .types import ParsedDocument, Selectors

if TYPE_CHECKING:
    from .config import FetchSettings


def probe(
    url: str, settings: FetchSettings, *, kind: str = "auto", selectors: Selectors | None = None,
    now: datetime | None = None,
) -> ParsedDocument:
    """Fetch (under the network guard) and parse one page or feed; MyofeedError when either fails."""
    from .fetch import fetch_url
    from .parse import parse_document

    result = fetch_url(url, settings)
    return parse_document(result, kind=kind, now=now or datetime.now(timezone.utc), selectors=selectors)


def describe(doc: ParsedDocument) -> list[str]:
    """What was found, for people: the kind, the number of posts, the feeds a page announces."""
    title = f" {doc.title!r}" if doc.title else ""
    what = "a feed" if doc.kind == "feed" else "a listing page"
    lines = [f"found {what}{title} with {len(doc.posts)} post{'' if len(doc.posts) == 1 else 's'}"]
    if not doc.posts:
        lines.append("note: no posts found there: check the URL, or set selectors (see `myofeed extract`)")
    for feed in doc.feed_links if doc.kind == "html" else ():
        lines.append(f"note: the page announces a feed: {feed} (usually better: myofeed sources add {feed})")
    return lines
