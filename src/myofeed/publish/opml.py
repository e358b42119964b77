"""OPML 2.0 subscription lists of the output feeds (SPEC, "Sources and operations").

`feeds.opml` lists every topic's Atom feed once, each nested under its parent
topic, so a reader importing it subscribes to each topic once; the same lists
of RSS and JSON Feed files are `feeds-rss.opml` and `feeds-json.opml`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

# (feed file extension, OPML file name, label)
LISTS = (("atom", "feeds.opml", "Atom"), ("rss", "feeds-rss.opml", "RSS"), ("json", "feeds-json.opml", "JSON Feed"))


@dataclass(frozen=True)
class FeedRef:
    slug: str
    title: str
    parent: str | None = None


def opml_files(title: str, base_url: str, feeds: Sequence[FeedRef]) -> list[tuple[str, bytes]]:
    """(file name, bytes) of each OPML list."""
    return [(name, render_opml(f"{title}: all feeds ({label})", base_url, feeds, ext)) for ext, name, label in LISTS]


def render_opml(title: str, base_url: str, feeds: Sequence[FeedRef], ext: str = "atom") -> bytes:
    """One outline per feed, a child topic's inside its parent's.

    type="rss" is OPML's subscription-list type for any feed format; readers
    subscribe by xmlUrl. No dates: the file changes only when the feeds do.
    """
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = etree.SubElement(root, "body")
    known = {f.slug for f in feeds}
    children: dict[str | None, list[FeedRef]] = {}
    for f in feeds:
        children.setdefault(f.parent if f.parent in known else None, []).append(f)

    def add(parent: etree._Element, feed: FeedRef, seen: frozenset[str]) -> None:
        node = etree.SubElement(
            parent, "outline", type="rss", text=feed.title, title=feed.title,
            xmlUrl=f"{base_url}feeds/{feed.slug}.{ext}", htmlUrl=base_url,
        )
        for child in children.get(feed.slug, ()):
            if child.slug not in seen:  # config validation forbids cycles; stay finite anyway
                add(node, child, seen | {child.slug})

    for feed in children.get(None, ()):
        add(body, feed, frozenset({feed.slug}))
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
