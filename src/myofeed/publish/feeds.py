"""Atom 1.0 and RSS 2.0 output with feedgen (plus the extensions in ext.py).

Every date written comes from the posts (never the clock), so publishing the
same posts twice produces the same bytes.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from . import ext
from .entries import EntryData, feed_id


@dataclass(frozen=True)
class FeedMeta:
    """What distinguishes one output feed from another."""

    slug: str  # topic slug, or "all"
    title: str  # "myofeed: Dermatomyositis"
    description: str  # plain text, never empty (RSS requires it)
    base_url: str  # ends with "/"
    author: str  # feed-level Atom author (entries carry their own too)
    updated: datetime  # newest entry date; a stable fallback for an empty feed

    def url(self, ext_: str) -> str:
        return f"{self.base_url}feeds/{self.slug}.{ext_}"


def make_entry(entry: EntryData, labels: Mapping[str, str]) -> FeedEntry:
    """One FeedEntry per post, built once and appended to every feed that lists it."""
    fe = FeedEntry()
    ext.register_entry(fe)
    fe.id(entry.id)  # also the RSS guid, isPermaLink="false" (a urn:uuid is no permalink)
    fe.title(entry.title)
    if entry.link:  # no link rather than a stand-in; the entry still has <content> (RFC 4287 4.1.2)
        fe.link(href=entry.link, rel="alternate", type="text/html")
    fe.author(name=entry.author)
    fe.updated(entry.updated)
    if entry.published is not None:
        fe.published(entry.published)
    # An Atom entry with neither summary nor content draws the validator's
    # MissingTextualContent warning: fall back to the title.
    fe.summary(entry.summary_html or html.escape(entry.title, quote=False), type="html")
    fe.content(entry.content_html, type="html")  # Atom <content>, RSS <content:encoded>
    for slug in entry.topics:
        fe.category(term=slug)
    fe.source(url=entry.source_url, title=entry.source_title)
    fe.dc.creator(entry.author)  # type: ignore[attr-defined]
    if entry.comments is not None:
        fe.slash.comments(entry.comments)  # type: ignore[attr-defined]
        fe.thr.total(entry.comments)  # type: ignore[attr-defined]
    fix = fe.fixups  # type: ignore[attr-defined]
    fix.source_id = entry.source_id
    fix.source_updated = entry.date
    fix.labels = {s: labels[s] for s in entry.topics if s in labels}
    # the same story elsewhere: Atom rel="related" links (RFC 4287); RSS has them in the content
    fix.related = [(a.link, a.source_title) for a in entry.also_at]
    return fe


def render_feeds(meta: FeedMeta, entries: Sequence[FeedEntry]) -> tuple[bytes, bytes]:
    """(Atom bytes, RSS bytes) for one output feed; `entries` already newest first and cut."""
    fg = FeedGenerator()
    ext.register_feed(fg)
    fg.id(feed_id(meta.base_url, meta.slug))
    fg.title(meta.title)
    fg.subtitle(meta.description)
    fg.description(meta.description)
    fg.author(name=meta.author, uri=meta.base_url)
    fg.language("en")
    fg.generator("myofeed", uri=None)
    fg.updated(meta.updated)  # also RSS lastBuildDate: the newest entry, not the wall clock
    fg.entry(list(entries))

    # feedgen uses the last link as RSS <channel><link>, so "self" goes first.
    fg.link(href=meta.url("atom"), rel="self", type="application/atom+xml", replace=True)
    fg.link(href=meta.base_url, rel="alternate", type="text/html")
    atom = fg.atom_str(pretty=True)

    fg.link(href=meta.url("rss"), rel="self", type="application/rss+xml", replace=True)
    fg.link(href=meta.base_url, rel="alternate", type="text/html")
    rss = rss_char_refs(fg.rss_str(pretty=True))
    return atom, rss


def rss_char_refs(data: bytes) -> bytes:
    """Write "&", "<" and ">" as hex character references, as the RSS Profile recommends.

    The same XML, but the W3C validator then knows that "AT&T" or "A < B" in a
    title is text (otherwise: ContainsHTML for "alpha&omega", CharacterData for
    "<Feed>"). lxml only ever writes these three as the entities replaced here.
    """
    return data.replace(b"&amp;", b"&#x26;").replace(b"&lt;", b"&#x3C;").replace(b"&gt;", b"&#x3E;")
