"""`h-entry-siblings`: microformats2 posts that the title search cannot see.

An IndieWeb page marks every post `h-entry` inside its `h-feed`. Articles carry a headline (`p-name` on a
linked heading) and are found as any card is; notes have no headline at all, only their text
(`e-content`, often also `p-name`: the note's name is its text) and a permalink on their time. When the
cards found are h-entries, the other h-entries of the same feed box are posts too: each joins as a card,
in page order, titled by its `p-name`, else its `e-content`.
"""

from __future__ import annotations

from .dom import Element
from .model import Card

__all__ = ["with_hentry_siblings"]


def _mf(el: Element, name: str) -> bool:
    """`name` is one of el's classes (microformat class names are whole words: h-entry, p-name)."""
    return name in (el.get("class") or "").split()


def _hentry(el: Element) -> Element | None:
    """el itself or its nearest h-entry ancestor (within four levels)."""
    node: Element | None = el
    for _ in range(5):
        if node is None:
            return None
        if isinstance(node.tag, str) and _mf(node, "h-entry"):
            return node
        node = node.getparent()
    return None


def _name_element(entry: Element) -> Element | None:
    """The note's title element: its p-name, else its e-content (never a nested h-card's p-name)."""
    for want in ("p-name", "e-content"):
        for el in entry.iter():
            if not isinstance(el.tag, str) or el is entry or not _mf(el, want):
                continue
            if any(_mf(a, "h-card") for a in el.iterancestors() if a is not entry and entry in a.iterancestors()):
                continue
            if _mf(el, "h-card"):
                continue
            return el
    return None


def with_hentry_siblings(cards: list[Card]) -> list[Card]:
    entries = [_hentry(c.roots[0]) for c in cards] if len(cards) >= 2 else []
    if not entries or any(e is None for e in entries):
        return cards
    boxes = {e.getparent() for e in entries if e is not None}
    if len(boxes) != 1 or (box := boxes.pop()) is None:
        return cards
    taken = set(entries)
    by_entry: dict[Element, Card] = dict(zip(entries, cards, strict=True))  # type: ignore[arg-type]
    added = 0
    for child in box:
        if child in taken or not isinstance(child.tag, str) or not _mf(child, "h-entry"):
            continue
        member = _name_element(child)
        if member is not None and member.text_content().strip():
            by_entry[child] = Card([child], member, joined_by="h-entry-siblings")
            added += 1
    if not added:
        return cards
    order = {el: i for i, el in enumerate(box)}
    return [by_entry[e] for e in sorted(by_entry, key=lambda e: order.get(e, -1))]
