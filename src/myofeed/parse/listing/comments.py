"""The comment count inside one card: commentCount markup, comment links and classes, a comment icon
followed by a number, then text patterns ("3 Kommentare", "Nov 20, 2025 · 14") in the card's meta text."""

from __future__ import annotations

import re

from ..dates import find_dates
from ..text import parse_comment_count
from .blocks import Card
from .cardtext import (
    _COMMENT_CLS,
    _COMMENT_HREF,
    _COMMENT_WORD,
    _ICON_COMMENT,
    _ICON_TAGS,
    _classes,
    _holding,
    _icon_hint,
    _icon_root,
    _inside,
    _meta_text,
    _number_after,
    meta_line_items,
)
from .dom import Element, attr_text, text_of

__all__ = ["read_comments"]


def read_comments(els: list[Element], icons: list[Element], skip: set[Element], card: Card) -> int | None:
    for el in els:
        if el.get("itemprop") == "commentCount":
            raw = attr_text(el, "content") or text_of(el)
            if raw and raw.strip().isdigit():
                return int(raw.strip())
        if el.get("itemprop") == "interactionCount" and (m := re.search(r"UserComments:(\d+)", el.get("content") or "")):
            return int(m.group(1))
    seen: set[Element] = set()
    for el in els:
        if _inside(el, skip) or el in seen:
            continue
        href = el.get("href") or ""
        cls = _classes(el)
        label = el.get("aria-label") or el.get("title") or ""
        if (
            (el.tag == "a" and _COMMENT_HREF.search(href))
            or _COMMENT_CLS.search(cls)
            or (label and el.tag not in _ICON_TAGS and _COMMENT_WORD.search(label))
        ):
            seen.update(el.iter())
            if ("disqus" in href or el.get("data-disqus-identifier")) and not re.search(r"\d", text_of(el)):
                return None  # a placeholder that script fills in: the page shows no count
            found, value = parse_comment_count(text_of(el), bare=True)
            if found:
                return value
            label = attr_text(el, "aria-label", "title")
            if label and (res := parse_comment_count(label)) and res[0]:
                return res[1]
    for el in icons:  # an icon followed by a bare number
        if _inside(el, skip):
            continue
        hint = _icon_hint(el)
        if hint and not text_of(el) and _ICON_COMMENT.search(hint):
            found, value = _number_after(_icon_root(el))
            if found:
                return value
    meta = _meta_text(card, skip)
    found, value = parse_comment_count(meta)
    if found:
        return value
    return _bare_count_in_meta_line(card, skip)


_OTHER_COUNTS = re.compile(r"view|eye|like|heart|share|star|vote|hit|visit|love|clap|download", re.I)


def _bare_count_in_meta_line(card: Card, skip: set[Element]) -> int | None:
    """'Ann Lee · Nov 20, 2025 · 14': a lone number in the meta line beside the date is, in blog themes,
    the comment count (view and like counters come with their own icon or word)."""
    holders = _holding(skip)
    for root in card.roots:
        for el, parts in meta_line_items(root, skip, holders):
            if not any(find_dates(p, relative=False) for p in parts):
                continue
            numbers = [p for p in parts if re.fullmatch(r"\(?\d{1,5}\)?", p)]
            hints = " ".join(_icon_hint(d) + " " + _classes(d) for d in el.iter() if isinstance(d.tag, str))
            if len(numbers) == 1 and not _OTHER_COUNTS.search(hints):
                return int(numbers[0].strip("()"))
            return None
    return None
