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
    if sum(1 for _ in parent.iterchildren(roots[0].tag)) == len(roots):
        return cards  # every box of the container holds a card (most lists): nothing to look at
    shared = set.intersection(*(_tokens(r) for r in roots))
    paths = {_tag_path(c.member, c.roots[0]) for c in cards}
    if not shared or len(paths) != 1 or None in paths:
        return cards
    path = paths.pop()
    title_tokens = set.intersection(*(_tokens(c.member) for c in cards))
    taken = set(roots)
    added: list[Card] = []
    for box in parent.iterchildren(roots[0].tag):
        if box in taken or not shared <= _tokens(box):
            continue
        title = _title_at(box, path, title_tokens)  # type: ignore[arg-type]
        if title is not None:
            added.append(Card([box], title, joined_by="kin-box"))
    if not added:
        return cards
    order = {el: i for i, el in enumerate(parent)}
    return sorted(cards + added, key=lambda c: order[c.roots[0]])


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
