"""Posts without a title: a fediverse timeline's statuses, a tumblelog's photo posts. Such a post is a box of
text whose only link of its own is its time, linked to the post's page ("1h", "Nov 18, 2025"). The time link
stands for the post in the list (`untitled-post`), its title is the first sentence of its text, cut as a feed
entry's without a title is (`first-sentence-of-untitled-post`), and a titled post's box beside such boxes
takes them along (`untitled-siblings`: a tumblelog's text posts have headings, its photo posts captions only).
"""

from __future__ import annotations

import re

from ..dates import find_dates
from ..text import title_from_text
from .ages import compact_age
from .dom import HEADINGS, Element, is_hidden, text_of
from .model import Card
from .rules import Found, rule

__all__ = ["date_permalink", "first_sentence_of_untitled_post", "heading_beside_date_permalink", "untitled_card",
           "with_untitled_siblings"]

_DIGIT = re.compile(r"\d")
_HEADING_QUERY = ".//h1|.//h2|.//h3|.//h4|.//h5|.//h6"
# a reblog's "other-blog:" line over the post it passes on: no part of the post's text
_SOURCE_LINE = re.compile(r"^\S{1,40}:$")


def _may_show_a_time(a: Element, text: str) -> bool:
    """Cheap: a link of a post's own (not "#...") whose short text holds a digit, as every time shown does
    ("1h", "Nov 18"); most links stop here, before any date is parsed."""
    href = a.get("href")
    return (a.tag == "a" and bool(href) and not href.startswith("#") and bool(text) and len(text) <= 40
            and _DIGIT.search(text) is not None)


def date_permalink(a: Element, text: str | None = None) -> bool:
    """A link whose text is only a time: a <time> inside it ("<a href=/@ann/1135><time>1h</time></a>"), a date
    ("Nov 18, 2025") or a compact age ("3d")."""
    text = text_of(a) if text is None else text
    if not _may_show_a_time(a, text):
        return False
    inner = a.find(".//time")
    if inner is not None and len(text_of(inner)) * 10 >= len(text) * 6:
        return True
    if compact_age(text, None):
        return True
    found = find_dates(text)
    return bool(found) and sum(d.end - d.start for d in found) * 10 >= len(text) * 6


def _prose(box: Element, skip: Element) -> str:
    """The first paragraph of the box's own text (not the time link's, not a reblog's source line)."""
    for p in box.iter("p"):
        if skip in p.iterancestors() or p is skip or is_hidden(p):
            continue
        text = text_of(p)
        if text and not _SOURCE_LINE.match(text):
            return text
    return ""


def untitled_card(card: Card) -> bool:
    """A card standing for an untitled post: its member is such a time link and its box holds no heading."""
    root = card.roots[0]
    return date_permalink(card.member) and root.find(_HEADING_QUERY) is None and bool(_prose(root, card.member))


def _shape(el: Element) -> tuple[str, frozenset[str]]:
    return el.tag, frozenset((el.get("class") or "").split())


def with_untitled_siblings(cards: list[Card]) -> list[Card]:
    """`untitled-siblings`: the boxes beside the list's boxes, of the same tag and sharing a class, that hold a
    time link and text but no title the list's shape found (a photo post between text posts) join in page
    order, each standing by its time link."""
    if len(cards) < 2 or any(len(c.roots) != 1 for c in cards):
        return cards
    parent = cards[0].roots[0].getparent()
    if parent is None or any(c.roots[0].getparent() is not parent for c in cards):
        return cards
    tags = {c.roots[0].tag for c in cards}
    common = frozenset.intersection(*(_shape(c.roots[0])[1] for c in cards))
    if len(tags) != 1 or not common:
        return cards
    taken = {c.roots[0] for c in cards}
    extra: list[Card] = []
    for sib in parent:
        if sib in taken or sib.tag not in tags or not common & _shape(sib)[1]:
            continue
        link = next((a for a in sib.iter("a") if date_permalink(a)), None)
        if link is not None and _prose(sib, link):
            extra.append(Card([sib], link, joined_by="untitled-siblings"))
    if not extra:
        return cards
    order = {e: i for i, e in enumerate(parent)}
    return sorted(cards + extra, key=lambda c: order.get(c.roots[0], 0))


@rule("heading-beside-date-permalink")
def heading_beside_date_permalink(v) -> Found[Element] | None:
    """A post that stands by its time link but has a heading (a tumblelog's text post among photo posts): the
    heading is the title."""
    m = v.card.member
    if not date_permalink(m):
        return None
    head = next((e for r in v.roots for e in r.iter(*HEADINGS)), None)
    return Found(head, head) if head is not None and text_of(head) else None


@rule("first-sentence-of-untitled-post")
def first_sentence_of_untitled_post(v) -> Found[str] | None:
    """An untitled post's title: the first sentence of its first paragraph (a dozen words at most), as a
    feed entry without a title gets one."""
    el = v.title_el
    if el is not v.card.member or not date_permalink(el):
        return None
    text = next((t for r in v.roots if (t := _prose(r, el))), "")
    return Found(title_from_text(text), el) if text else None
