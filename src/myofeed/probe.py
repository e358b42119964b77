"""Look at one URL the way ingest would, storing nothing: `check --live` and `sources add`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .types import ParsedDocument, Selectors

if TYPE_CHECKING:
    from .config import FetchSettings
    from .fetch.guard import AllowList


def probe(
    url: str, settings: FetchSettings, *, kind: str = "auto", selectors: Selectors | None = None,
    now: datetime | None = None,
) -> ParsedDocument:
    """Fetch (under the network guard) and parse one page or feed; MyofeedError when either fails."""
    from .fetch import fetch_url
    from .parse import parse_document

    result = fetch_url(url, settings)
    return parse_document(result, kind=kind, now=now or datetime.now(timezone.utc), selectors=selectors)


def plural(n: int, word: str) -> str:
    """ "1 post", "3 posts": what the operator reads (outside audit 8, note 8: "1 posts", "1 sources")."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe(doc: ParsedDocument, allow_hosts: Iterable[str] = (), *, first_pages: int = 1,
             pages: int = 1) -> list[str]:
    """What was found, for people: the kind, the number of posts, the feeds a page announces. A listing
    page with a next page says that its count is the first page's, and how many pages ingest reads
    (`first_pages` on the first ingest, `pages` later): the first ingest may store more posts than shown."""
    title = f" {doc.title!r}" if doc.title else ""
    what = "a feed" if doc.kind == "feed" else "a listing page"
    more = doc.kind == "html" and bool(doc.next_url) and max(first_pages, pages) > 1
    lines = [f"found {what}{title} with {plural(len(doc.posts), 'post')}{' on its first page' if more else ''}"]
    if more:
        lines.append(f"note: the page links a next page: the first ingest reads up to {first_pages} pages, "
                     f"later ingests {pages}")
    if not doc.posts:
        lines.append("note: no posts found there: check the URL, or set selectors (see `myofeed extract`)")
    from .fetch.guard import AllowList

    allow = AllowList(allow_hosts)
    for feed in doc.feed_links if doc.kind == "html" else ():
        if _guarded(feed, allow):
            # the guard refuses it anyway: a page must not get the operator to add a metadata address
            # (outside audit 7, minor 1: http://169.254.169.254/... was "usually better")
            lines.append(f"note: the page announces a feed at a private, loopback or metadata address: {feed}"
                         " (not suggested)")
        else:
            lines.append(f"note: the page announces a feed: {feed} (usually better: myofeed sources add {feed})")
    return lines


def _guarded(url: str, allow: AllowList) -> bool:
    """The URL names a host the network guard refuses by its spelling alone (an IP literal of a private,
    loopback, link-local or metadata network; localhost), unless [fetch].allow_hosts lets it through."""
    from .fetch.guard import is_blocked_address, parse_ip

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    if allow.allows_host(host):
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    ip = parse_ip(host)
    return ip is not None and is_blocked_address(ip)
