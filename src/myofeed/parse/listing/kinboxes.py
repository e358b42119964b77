"""kin-box: a post box of the list's own shape that no title candidate stood for.

A link board writes every post as the same box (`div.thing.link`), but a post's title line can differ from
the others': a flair label and a "NSFW" stamp make its title line too busy to be a title candidate, and its
title link carries one more class ("title loggedin outbound"), so it forms a group of its own and is lost.
Such a box, beside the cards in the same container, takes its title from the element at the cards' title
position (the same tag path from the box, sharing the title's classes)."""

from __future__ import annotations

import re

from .dom import Element, text_of
from .model import Card

__all__ = ["with_kin_boxes"]

# per-post and per-row class tokens: "odd", "even", "self", "id-t3_abc1", "post-123"
_ROW_TOKENS = frozenset(("odd", "even", "first", "last", "alt", "alt1", "alt2", "self", "new", "read", "unread"))


_DIGIT = re.compile(r"\d")


def _tokens(el: Element) -> set[str]:
    cls = el.get("class")
    return {t for t in cls.split() if t not in _ROW_TOKENS and not _DIGIT.search(t)} if cls else set()


def _tag_path(el: Element, root: Element) -> tuple[str, ...] | None:
    """The tags from root (excluded) down to el; None when el is not inside root."""
    out: list[str] = []
    node: Element | None = el
    while node is not None and node is not root:
        out.append(str(node.tag))
        node = node.getparent()
    return tuple(reversed(out)) if node is root else None


def with_kin_boxes(cards: list[Card]) -> list[Card]:
    """Boxes of the cards' own shape (same parent, same tag, every class the cards' boxes share) that hold
    no card join the list, each titled by its element at the cards' title path (`kin-box`). Only for three
    cards or more, each one box, all boxes in one container and sharing a class: a list of classless rows
    (a table's header row) stays as it is."""
    if len(cards) < 3 or any(len(c.roots) != 1 for c in cards):
        return cards
    roots = [c.roots[0] for c in cards]
    parent = roots[0].getparent()
    if parent is None or any(r.getparent() is not parent or r.tag != roots[0].tag for r in roots):
        return cards
    # every box of the container holds a card (most lists): only the regions beside it are looked at
    full = sum(1 for _ in parent.iterchildren(roots[0].tag)) == len(roots)
    shared = set.intersection(*(_tokens(r) for r in roots))
    paths = {_tag_path(c.member, c.roots[0]) for c in cards}
    if not shared or len(paths) != 1 or None in paths:
        return cards
    path = paths.pop()
    title_tokens = set.intersection(*(_tokens(c.member) for c in cards))
    taken = set(roots)
    added: list[Card] = []
    for box in () if full else parent.iterchildren(roots[0].tag):
        if box in taken or not shared <= _tokens(box):
            continue
        title = _title_at(box, path, title_tokens)  # type: ignore[arg-type]
        if title is not None:
            added.append(Card([box], title, joined_by="kin-box"))
    added += _lone_kin_beside(parent, roots[0].tag, shared, path, title_tokens, taken)  # type: ignore[arg-type]
    if not added:
        return cards
    order = {el: i for i, el in enumerate(parent.getroottree().iter())}
    return sorted(cards + added, key=lambda c: order[c.roots[0]])


def _lone_kin_beside(parent: Element, tag: str, shared: set[str], path: tuple[str, ...], title_tokens: set[str],
                     taken: set[Element]) -> list[Card]:
    """`kin-box-beside`: a box of the cards' shape alone in the region right before or after their container (a
    podcast's trailer in its own "Trailer" section above or below the episodes), unless a heading there names
    another list ("Related", "Most read")."""
    out: list[Card] = []
    for region in (_beside(parent, -1), _beside(parent, 1)):
        if region is None or not isinstance(region.tag, str) or _OTHER_HEAD.search(_heads(region)):
            continue
        boxes = [b for b in region.iter(tag) if b is not region and b not in taken and shared <= _tokens(b)]
        if len(boxes) != 1:
            continue
        title = _title_at(boxes[0], path, title_tokens)
        if title is not None:
            out.append(Card([boxes[0]], title, joined_by="kin-box-beside"))
    return out


_OTHER_HEAD = re.compile(r"related|popular|most\s+(?:read|viewed|shared)|trending|recommended|also\s+like|more\s+from|"
                         r"read\s+next|sponsored|partner", re.I)


def _beside(el: Element, step: int) -> Element | None:
    """The element sibling before (step -1) or after (1) el, past a heading ("All episodes") between them."""
    node = el.getprevious() if step < 0 else el.getnext()
    while node is not None and (not isinstance(node.tag, str) or node.tag in _HEADING_TAGS):
        node = node.getprevious() if step < 0 else node.getnext()
    return node


_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _heads(region: Element) -> str:
    return " ".join(text_of(h) for h in region.iter("h1", "h2", "h3", "h4", "h5", "h6"))


def _title_at(box: Element, path: tuple[str, ...], title_tokens: set[str]) -> Element | None:
    """The box's element at the cards' title path, sharing their title's classes and holding text: a link,
    or a title line's link named as the line is (`p.title > a.title`), else its longest (not the flair,
    domain or community link beside it)."""
    # an empty path: the cards' boxes are their titles (a row that is one link), so the box itself is
    for el in box.iter(path[-1]) if path else (box,):
        if _tag_path(el, box) != path or not title_tokens <= _tokens(el) or not text_of(el):
            continue
        if el.tag == "a":
            return el if el.get("href") else None
        links = [a for a in el.iter("a") if a.get("href") and text_of(a)]
        named = [a for a in links if _tokens(a) & _tokens(el)]
        return named[0] if named else max(links, key=lambda a: len(text_of(a)), default=None)
    return None
