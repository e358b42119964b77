"""Thread indexes that nest the replies (`nested-replies`): Pipermail's and MHonArc's "by thread" pages list every
message as a line of its own, the subject's link first (MHonArc sets it in `<strong>`), the sender in `<I>` or `<em>`, and a reply's line in a `<UL>` inside
its parent's `<LI>` (`<LI><A HREF="000124.html">Re: Subject</A> <I>Bo</I><UL><LI><A ...>Re: Subject</A>...`).
The tag paths of the nested links differ from the top lines', so the list found holds the threads' first
messages only. Each message is a post: the nested lines join the list in page order, and each line's card
leaves the lines nested in it out of its own fields.

Only when most nested lines answer ("Re:", "AW:", "Sv:", "Odp:", after a list's "[name]" tag or not) or repeat
their thread's subject: a list of posts with a sub-list of links in each is no thread index. A reply list set
right after a closed `</li>` counts as nested in it.
"""

from __future__ import annotations

import re

from .dom import Element, text_of
from .model import Card

__all__ = ["NESTED_REPLIES", "with_nested_replies"]

NESTED_REPLIES = "nested-replies"
_REPLY = re.compile(r"^\s*(?:\[[^\]]{1,40}\]\s*)?(?:re|aw|sv|vs|odp|antw|rif|r|ris|res|vá)\s*(?:\[\d{1,3}\]|\^\d)?\s*:",
                    re.I)
_TAG_OR_PREFIX = re.compile(r"^\s*(?:\[[^\]]{1,40}\]|(?:re|aw|sv|vs|odp|antw|rif|r|ris|res|vá)\s*(?:\[\d{1,3}\]|\^\d)?\s*:)",
                            re.I)
_LISTS = ("ul", "ol")


def with_nested_replies(cards: list[Card]) -> list[Card]:
    """The list's lines and the reply lines nested in them, in page order, each without its nested lines."""
    if len(cards) < 2:
        return cards
    lines = [_line(c.member) for c in cards]
    if any(line is None for line in lines):
        return cards
    taken = {c.member for c in cards}
    nested: list[tuple[Element, Element]] = []
    answers = 0
    for card, line in zip(cards, lines, strict=True):
        assert line is not None
        topic = _topic(text_of(card.member))
        for lst in _reply_lists(line):
            for sub in lst.iter("li"):
                link = _lead_link(sub)
                if link is not None and link not in taken:
                    nested.append((sub, link))
                    text = text_of(link)
                    answers += bool(_REPLY.match(text) or _topic(text) == topic)
    if not nested or answers * 2 < len(nested):
        return cards
    out = list(cards) + [Card([sub], link, joined_by=NESTED_REPLIES) for sub, link in nested]
    for card in out:
        line = _line(card.member)
        if line is not None:
            card.exclude |= {e for lst in line.iterdescendants(*_LISTS) for e in lst.iter()}
    order = {e: i for i, e in enumerate(cards[0].member.getroottree().iter("a"))}
    return sorted(out, key=lambda c: order.get(c.member, 0))


def _reply_lists(line: Element) -> list[Element]:
    """The lists of replies to a line: nested in its `<li>`, or right after a closed `<li>` (`</li><ul>`)."""
    out = list(line.iterdescendants(*_LISTS))
    node = line.getnext()
    while node is not None and node.tag in _LISTS:
        out.append(node)
        node = node.getnext()
    return out


def _topic(subject: str) -> str:
    """A subject without its list tags and answer prefixes: "[demo] Re: AW: Build fails" -> "build fails"."""
    prev = None
    text = subject
    while prev != text:
        prev = text
        text = _TAG_OR_PREFIX.sub("", text, count=1)
    return " ".join(text.lower().split())


_WRAPPERS = frozenset(("strong", "b", "em", "span", "font", "tt", "big", "dfn"))


def _line(link: Element) -> Element | None:
    """The `<li>` a link opens (its first element, no text before it; MHonArc wraps it in `<strong>`), or None."""
    node = link
    while (parent := node.getparent()) is not None and parent.tag in _WRAPPERS and _lead(parent) is node:
        node = parent
    if parent is None or parent.tag != "li" or _lead(parent) is not node:
        return None
    return parent


def _lead(box: Element) -> Element | None:
    """The first child element of a box with no text before it."""
    if (box.text or "").strip():
        return None
    return next((c for c in box if isinstance(c.tag, str)), None)


def _lead_link(li: Element) -> Element | None:
    """The link a line opens, through its wrappers (`<li><strong><a href>`)."""
    node = _lead(li)
    while node is not None and node.tag in _WRAPPERS:
        node = _lead(node)
    return node if node is not None and node.tag == "a" and node.get("href") else None
