"""OPML 2.0 subscription list of every output feed (flat, one outline per file)."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

FORMATS = (("atom", "Atom"), ("rss", "RSS"), ("json", "JSON Feed"))


def render_opml(title: str, base_url: str, feeds: Sequence[tuple[str, str]]) -> bytes:
    """`feeds` are (slug, feed title) pairs; every format of each becomes an outline.

    type="rss" is OPML's subscription-list type for any feed format; readers
    subscribe by xmlUrl. No dates: the file changes only when the feeds do.
    """
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = f"{title}: all feeds"
    etree.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = etree.SubElement(root, "body")
    for slug, feed_title in feeds:
        for ext_, label in FORMATS:
            text = f"{feed_title} ({label})"
            etree.SubElement(
                body,
                "outline",
                type="rss",
                text=text,
                title=text,
                xmlUrl=f"{base_url}feeds/{slug}.{ext_}",
                htmlUrl=base_url,
            )
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
