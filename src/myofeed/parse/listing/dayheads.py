"""Dates stated over the cards rather than inside them: a day's heading or date row over its items
("Today", "Sunday, April 12", a table's "Tuesday, April 14, 2015" row), and the time a card's footer adds
to such a day."""

from __future__ import annotations

import re
from datetime import datetime

from ..dates import find_dates
from .cardtext import _classes, footer_line
from .dom import HEADINGS, Element, previous_element, text_of, walk_back
from .model import Card, Context
from .scoring import month_heading

__all__ = ["date_alone", "day_row", "header_date", "lone_heading", "with_time"]


_LONE_TIME = re.compile(
    r"(?:(?:\b(?:at|um|à|a\s+las|a\s+la|alle|om|às|kl\.?|klo)\s+|@\s*)(?P<hh>[01]?\d|2[0-3])[:h.](?P<mi>[0-5]\d)"
    r"|\b(?P<hh2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?=(?::[0-5]\d)?\s*[ap]\.?m\b))"
    r"(?::(?P<ss>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)?",
    re.I,
)


def with_time(day: str, meta: str) -> str:
    """A date header over the entries, the time in the entry's footer ("Posted by Ann at 08:15 PM"): one
    timestamp, naive (the page states no zone)."""
    if len(day) != 10:
        return day
    m = _LONE_TIME.search(meta)
    if m is None:
        return day
    hour = int(m.group("hh") or m.group("hh2"))
    minute = int(m.group("mi") or m.group("mi2"))
    ampm = (m.group("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return f"{day}T{hour:02d}:{minute:02d}:{int(m.group('ss') or 0):02d}"


def header_date(card: Card, ctx: Context) -> tuple[str, Element] | None:
    node: Element | None = card.roots[0]
    if node is not None and _title_only(node, card.member) and (found := _day_over_flat_posts(node, ctx)):
        return found
    for _ in range(3):
        if node is None:
            return None
        if found := _dated_sibling_before(node, ctx):
            return found
        node = node.getparent()
        if node is None or node.tag in ("body", "main"):
            return None
    return None


def _title_only(root: Element, member: Element) -> bool:
    """The card's root holds its title and little else: a heading, a box holding only a heading, or a line
    that is the title's link (`<p class="blogtitle"><a>Title</a></p>`): a flat column's title."""
    if root.tag in HEADINGS or lone_heading(root) is not None:
        return True
    return root.tag in ("p", "div") and len(text_of(root)) <= len(text_of(member)) + 15


def _dated_sibling_before(node: Element, ctx: Context) -> tuple[str, Element] | None:
    """One of the two siblings before `node`, past the cards of its own shape before it (the third item
    under a day's date): a heading or *date* element holding only a date."""
    prev = _past_same_shape(node, ctx.shapes)
    for _ in range(2):
        if prev is None:
            return None
        if (prev.tag in HEADINGS or "date" in _classes(prev)) and (value := _day_heading(text_of(prev), ctx)):
            return value, prev
        if prev.tag in ("tr", "div", "p", "li") and (value := day_row(prev, ctx.now)):
            return value, prev  # a table's "Tuesday, April 14, 2015" row over the day's rows
        if (head := lone_heading(prev)) is not None and (value := _day_heading(text_of(head), ctx)):
            return value, head  # <div class="dayhead"><h2><a href="/2023/03/02">2023-03-02</a></h2></div>
        prev = prev.getprevious()
    return None


def _day_over_flat_posts(title: Element, ctx: Context) -> tuple[str, Element] | None:
    """day-over-flat-posts: one flat column of day headings, post titles, bodies and footers (an old group
    blog's second post of the day): the day heading above, past the posts of that day before this one.
    The walk passes body lines and headings of the title's own tag and class; any other heading ends it.
    The title may sit alone in a box of its own, its body and footer in the boxes after it (`<div
    class="entry-header"><h3>Title</h3></div><div class="entry-body">...`): the walk passes boxes of that
    shape as it passes titles."""
    shape = (title.tag, title.get("class"))
    prev = previous_element(title)
    for _ in range(40):
        if prev is None:
            return None
        # the day's heading, or a box holding only it (a wiki blog's <div class="dayhead"><h2>...)
        head = prev if prev.tag in HEADINGS else lone_heading(prev)
        if head is not None and (prev.tag, prev.get("class")) != shape:
            value = _day_heading(text_of(head), ctx)
            return (value, head) if value else None
        prev = previous_element(prev)
    return None


def lone_heading(el: Element) -> Element | None:
    """The heading a box holds and nothing else (a day heading in its own div, linked to the day's page)."""
    kids = [c for c in el if isinstance(c.tag, str)]
    if len(kids) == 1 and kids[0].tag in HEADINGS and not (el.text or "").strip() and not (kids[0].tail or "").strip():
        return kids[0]
    return None


def day_row(el: Element, now: datetime | None = None) -> str | None:
    """The day a linkless row or line states when it states nothing else (a weekday aside)."""
    if el.find(".//a[@href]") is not None:
        return None
    return date_alone(text_of(el), now)


def date_alone(text: str, now: datetime | None = None) -> str | None:
    """The day a short text states when it states nothing else (a weekday aside): "Wednesday, June 14,
    2006", "2023-03-02"."""
    if not (4 <= len(text) <= 60) or not any(ch.isdigit() for ch in text):
        return None
    found = find_dates(text, now=now, relative=False)
    if len(found) != 1:
        return None
    rest = _WEEKDAY.sub("", text[: found[0].start] + text[found[0].end :]).strip(" ,.-–—:")
    return found[0].value if not rest else None


def _day_heading(text: str, ctx: Context) -> str | None:
    """The date a day's heading states: a full date in it, or a heading that is only a day ("Today",
    "Yesterday", "Sunday, April 12": a year-less or relative date, then it must be most of the text)."""
    if len(text) > 60:
        return None
    if found := find_dates(text, now=ctx.now, prefer_day_first=ctx.day_first, relative=False):
        return found[0].value
    found = find_dates(text, now=ctx.now, prefer_day_first=ctx.day_first)
    if not found or len(found[0].value) != 10 or month_heading(text):
        return None  # "2 hours ago" is no day; "March 2" over an archive month is a month with a count
    rest = _WEEKDAY.sub("", text[: found[0].start] + text[found[0].end :]).strip(" ,.-–—:")
    return found[0].value if not rest else None


# weekday names beside a day's date ("Sunday, April 12", "Dimanche 12 avril"): no other words may be there
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:lunedì|martedì|mercoledì|giovedì|venerdì|"
                      r"sabato|domenica|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|"
                      r"mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b",
                      re.IGNORECASE)


def _empty_anchor(el: Element) -> bool:
    """A named anchor that marks a post's place: no link, no text."""
    return el.tag == "a" and el.get("href") is None and len(el) == 0 and not (el.text or "").strip()


def _past_same_shape(node: Element, memo: dict[object, object]) -> Element | None:
    """The nearest sibling before node that is not of its tag and class (memoized: the cards of a long
    list cost one walk, not one each)."""
    shape = (node.tag, node.get("class"))

    def step(cur: Element) -> tuple[bool, Element | None]:
        prev = previous_element(cur)
        while prev is not None and _empty_anchor(prev):
            prev = previous_element(prev)  # <a name="a811"></a> before each post (Radio UserLand, Blogger)
        if prev is not None and (prev.tag, prev.get("class")) != shape and prev.tag not in HEADINGS:
            # the post above's footer line, printed after its box (footer-after-box): pass it too
            before = previous_element(prev)
            if before is not None and (before.tag, before.get("class")) == shape and footer_line(prev):
                return False, before
        if prev is None or (prev.tag, prev.get("class")) != shape:
            return True, prev
        return False, prev

    return walk_back(node, memo, step)
