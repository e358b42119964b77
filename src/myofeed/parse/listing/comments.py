"""The comment count inside one card, by named rules: commentCount markup, comment links and classes, a
comment icon followed by a number, then text patterns ("3 Kommentare", "Nov 20, 2025 · 14") in the
card's meta text."""

from __future__ import annotations

import re
from functools import lru_cache

from ..dates import find_dates
from ..text import parse_comment_count
from .cardtext import (
    _COMMENT_CLS,
    _COMMENT_COLUMN,
    _COMMENT_HREF,
    _COMMENT_WORD,
    _ICON_COMMENT,
    _ICON_TAGS,
    _classes,
    _holding,
    _icon_hint,
    _icon_root,
    _number_after,
    column_cell,
    meta_line_items,
)
from .classnames import attr_text
from .dom import Element, iter_elements, text_of
from .linenames import bracketed_count_after_name, count_in_num_slot
from .posterlines import poster_line_comments
from .rules import Found, Rule, rule
from .subjects import count_after_subject
from .title import count_badge

__all__ = ["COMMENT_RULES"]


@rule("comment-count-markup")
def comment_count_markup(v) -> Found[int] | None:
    """itemprop=commentCount, or interactionCount "UserComments:N"."""
    for el in v.comments:
        if el.get("itemprop") == "commentCount":
            raw = attr_text(el, "content") or text_of(el)
            if raw and raw.strip().isdigit():
                return Found(int(raw.strip()), el, machine=True)
        if el.get("itemprop") == "interactionCount" and (m := re.search(r"UserComments:(\d+)", el.get("content") or "")):
            return Found(int(m.group(1)), el, machine=True)
    return None


def _marked_comment(el: Element) -> bool:
    """A link to the comments, a comment class, or a label that says comments."""
    href = el.get("href") or ""
    label = el.get("aria-label") or el.get("title") or ""
    return ((el.tag == "a" and "#" in href and _comment_href(href)) or _comment_cls(_classes(el))
            or bool(label and el.tag not in _ICON_TAGS and _comment_label(label)))


# cards repeat their classes, links and labels: each distinct string is searched once
@lru_cache(maxsize=4096)
def _comment_href(href: str) -> bool:
    return _COMMENT_HREF.search(href) is not None


@lru_cache(maxsize=4096)
def _comment_cls(cls: str) -> bool:
    return _COMMENT_CLS.search(cls) is not None


@lru_cache(maxsize=4096)
def _comment_label(label: str) -> bool:
    return _COMMENT_WORD.search(label) is not None


def _script_placeholder(el: Element) -> bool:
    """A Disqus count link that script fills in: the page itself shows no count."""
    href = el.get("href") or ""
    return bool(("disqus" in href or el.get("data-disqus-identifier")) and not re.search(r"\d", text_of(el)))


def _count_of(el: Element) -> int | None | bool:
    """The count an element shows (its text, else its label); False when it shows none."""
    found, value = parse_comment_count(text_of(el), bare=True)
    if found:
        return value
    label = attr_text(el, "aria-label", "title")
    if label and (res := parse_comment_count(label)) and res[0]:
        return res[1]
    return False


@rule("comment-link")
def comment_link(v) -> Found[int] | None:
    """A link to #comments, a *comments* class or a "3 comments" label, with its count."""
    seen: set[Element] = set()
    for el in v.comments:
        if el in v.skip or el in seen or not _marked_comment(el):
            continue
        seen.update(el.iter())
        if _script_placeholder(el):
            return Found(None, el)
        if (value := _count_of(el)) is not False:
            return Found(value, el)  # type: ignore[arg-type]
    return None


@rule("comment-icon-number")
def comment_icon_number(v) -> Found[int] | None:
    """A comment icon (class, sprite, image) followed by a bare number."""
    for el in v.icons:
        if el in v.skip:
            continue
        hint = _icon_hint(el)
        if hint and not text_of(el) and _ICON_COMMENT.search(hint):
            found, value = _number_after(_icon_root(el))
            if found:
                return Found(value, el)
    return None


# the label states a count: "3 comments" (perhaps "on TITLE" after it), or in a few words "No comments" /
# "Keine Kommentare" / "Comments: 3" (never "Add comment": no count stated)
_LABEL_LEADS = re.compile(r"^\s*\d+\s")
_LABEL_COUNT = re.compile(r"\d|^\s*(?:no|keine|aucun|ning[uú]n|nessun|geen|brak)\b", re.I)


@rule("count-in-icon-label")
def count_in_icon_label(v) -> Found[int] | None:
    """A card whose only comment count is an icon's label: `<a href="/post/" aria-label="0 comments"><svg>`, `<a
    title="3 Kommentare"><i>`, `<span role="img" aria-label="1 comment">`, an image's alt. The label must be
    the count alone (a number or "No comments", a comment word, a few words); 0 is a count."""
    for el in (*v.links, *v.icons):
        if el in v.skip:
            continue
        label = el.get("aria-label") or el.get("title") or (el.get("alt") if el.tag == "img" else None)
        if not label or len(label) > 120:
            continue
        if _LABEL_LEADS.match(label):
            label = " ".join(label.split()[:2])  # "3 comments on “Title”": the count and its word
        elif len(label.split()) > 4 or not _LABEL_COUNT.search(label):
            continue
        found, value = parse_comment_count(label)
        if found and value is not None:
            return Found(value, el)
    return None


@rule("comment-words-in-meta")
def comment_words_in_meta(v) -> Found[int] | None:
    """'3 Comments', '12 Kommentare', 'No comments' in the card's meta text."""
    found, value = parse_comment_count(v.meta_text())
    return Found(value) if found else None


_LABEL_TAGS = frozenset(("dt", "th", "span", "div", "label", "small", "strong", "b"))


@rule("count-after-label")
def count_after_label(v) -> Found[int] | None:
    """<dt>Replies</dt><dd>5</dd>: a label that is a comment word alone, and a bare number right after it
    (forum thread lists, stats boxes)."""
    for el in iter_elements(v.roots):
        if el.tag not in _LABEL_TAGS or el in v.skip or len(el) or not _COMMENT_COLUMN.match(text_of(el)):
            continue
        nxt = el.getnext()
        if nxt is not None and isinstance(nxt.tag, str) and re.fullmatch(r"\d{1,6}", number := text_of(nxt)):
            return Found(int(number), nxt)
    return None


# a Q&A engine's user line "May 14 '13 Aoife Brennan 12" shows the user's score (karma, reputation)
_OTHER_COUNTS = re.compile(r"view|eye|like|heart|share|star|vote|hit|visit|love|clap|download|score|karma|reputation",
                           re.I)


@rule("bare-count-in-meta-line")
def bare_count_in_meta_line(v) -> Found[int] | None:
    """'Ann Lee · Nov 20, 2025 · 14': a lone number in the meta line beside the date is, in blog themes,
    the comment count (view and like counters come with their own icon or word)."""
    holders = _holding(v.skip)
    for root in v.roots:
        for el, parts in meta_line_items(root, v.skip, holders):
            if not any(find_dates(p, relative=False) for p in parts):
                continue
            numbers = [p for p in parts if re.fullmatch(r"\(?\d{1,5}\)?", p)]
            hints = " ".join(_icon_hint(d) + " " + _classes(d) + " " + (d.get("title") or "")
                             for d in el.iter() if isinstance(d.tag, str))
            if len(numbers) == 1 and not _OTHER_COUNTS.search(hints):
                return Found(int(numbers[0].strip("()")), el)
            return None
    return None


_NONE_WORDS = re.compile(r"^(?:none|no|aucun|aucune|keine?|ninguno|nessuno|geen|0)$", re.I)
_DASH = re.compile(r"^[-–—]$")


@rule("table-comment-column")
def table_comment_column(v) -> Found[int] | None:
    """An archive table's row: the number under the "Comments" ("Commentaires", "Replies") column header
    ("Aucun", "None" under that header mean none; a dash alone means comments are closed: no count, None,
    as "Comments closed" is)."""
    cell = column_cell(v.roots[0], _COMMENT_COLUMN)
    if cell is None:
        return None
    text = text_of(cell)
    if _DASH.match(text.strip()):
        return Found(None, cell)
    if _NONE_WORDS.match(text.strip()):
        return Found(0, cell)
    numbers = [p for t in cell.itertext() for p in t.split() if p.isdigit()]
    if len(numbers) == 2:  # <a>15</a><em>806</em> under "Replies / Views" (回复/查看): replies come first
        return Found(int(numbers[0]), cell)
    found, count = parse_comment_count(text, bare=True)
    return Found(count, cell) if found and count is not None else None


@rule("count-badge-in-title")
def count_badge_in_title(v) -> Found[int] | None:
    """The comment count a board writes inside the title link (`<a>Title<span class="cnt_cmt">3</span></a>`):
    the title's text rule leaves it out, this rule reads it."""
    if v.title_el is None or len(v.title_el) == 0 or (badge := count_badge(v.title_el)) is None:
        return None
    digits = re.sub(r"\D", "", text_of(badge))
    return Found(int(digits), badge) if digits else None


COMMENT_RULES: tuple[Rule[int], ...] = (
    comment_count_markup, poster_line_comments, comment_link, count_badge_in_title, count_after_subject,
    comment_icon_number, comment_words_in_meta, count_after_label,
    bare_count_in_meta_line,
    table_comment_column, count_in_num_slot, bracketed_count_after_name, count_in_icon_label,
)
