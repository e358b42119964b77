"""month-heading-day: an archive grouped under month headings ("November 2025", "2025年11月", or "November"
under a "2025" heading) whose rows show the day of the month alone ("17", "3rd", "17.", "17日")."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ..dates import month_number
from ..month_names import MONTHS
from .dom import Element, iter_elements, text_of
from .rules import Found, rule
from .scoring import CJK_MONTH_HEADING, YEAR_HEADING, month_heading
from .yearless import group_heading

__all__ = ["archive_tree_day", "month_heading_day", "month_of_heading"]

_MONTH_NUMBER = {name: number for number, names in MONTHS.items() for name in names if len(name) >= 3}
_DAY_ALONE = re.compile(r"^\s*(\d{1,2})\s*(?:st|nd|rd|th|\.|日|일)?\s*[:–—·|]?\s*$", re.I)  # "12: <a>Title</a>"
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def month_of_heading(text: str) -> tuple[int | None, int] | None:
    """(year or None, month) that a month heading names: "November 2025", "Nov. 2025 (4)", "2025年11月",
    "March" (its year is the heading's above); None for any other text."""
    if m := CJK_MONTH_HEADING.match(text):
        return int(m.group(1)), int(m.group(2))
    if not month_heading(text) and not month_heading(" ".join(text.split()[:2])):
        return _other_script_month(text)
    words = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode().split()
    month = _MONTH_NUMBER.get(words[0].rstrip(".,"))
    rest = [w.strip("(),") for w in words[1:]]
    if month is None or len(rest) > 2 or not all(w.isdigit() for w in rest):
        return None
    return next((int(w) for w in rest if _YEAR.match(w)), None), month


def _day_alone(v) -> tuple[int, Element] | None:
    """The card's day of the month shown alone: a leaf element holding only "17" (or "3rd", "17.", "17日"),
    or the row's own text before its first element ("<li>17 <a>...")."""
    for root in v.roots:
        if (m := _DAY_ALONE.match(root.text or "")) and len(root):
            return int(m.group(1)), root
    for el in iter_elements(v.roots):
        if el in v.skip:
            continue
        if (m := _DAY_ALONE.match(text_of(el) if not len(el) else el.text or "")) and (len(el) or el.text):
            return int(m.group(1)), el  # a row of its own inside the card's box: "<ul><li>28: <a>..."
    return None


def _other_script_month(text: str) -> tuple[int | None, int] | None:
    """A month heading in a script the ASCII fold drops ("Март", "Март 2024", "Μάρτιος"): the date reader's names."""
    if text.isascii():
        return None
    words = text.split()
    if not 1 <= len(words) <= 2 or (month := month_number(words[0])) is None:
        return None
    if len(words) == 2 and not words[1].strip("()").isdigit():
        return None
    return (int(words[1]) if len(words) == 2 and _YEAR.match(words[1]) else None), month


@rule("month-heading-day")
def month_heading_day(v) -> Found[str] | None:
    """A row under a month heading ("November 2025") showing its day alone ("17"): that day of that month.
    A month heading without a year takes the year heading above it ("2025" > "November" > rows)."""
    if (day := _day_alone(v)) is None:
        return None
    head = group_heading(v.card, v.ctx.headings)
    named = month_of_heading(text_of(head)) if head is not None else None
    if named is None:
        return None
    year, month = named
    if year is None:
        above = group_heading(v.card, v.ctx.headings, head)
        for _ in range(24):  # past the year's later months ("2024" > "March" > ... > "February" > rows)
            if above is None or month_of_heading(text_of(above)) is None:
                break
            above = group_heading(v.card, v.ctx.headings, above)
        m = YEAR_HEADING.match(text_of(above)) if above is not None else None
        if m is None:
            return None
        year = int(m.group(1))
    try:
        value = date(year, month, day[0])
    except ValueError:
        return None
    return Found(value.isoformat(), day[1]) if value <= v.ctx.now.date() else None


_LABEL_MAX = 24  # "September 2025 (12)": a label, not a line of text


def _label_before(el: Element) -> str | None:
    """The text of the element right before `el` among its siblings, when it is a short label without a link
    (`<li><span>March</span><ul>...`: the label over a nested list)."""
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    if prev is None or prev.tag == "a" or prev.find(".//a") is not None:
        return None
    text = text_of(prev)
    return text if 0 < len(text) <= _LABEL_MAX else None


@rule("archive-tree-day")
def archive_tree_day(v) -> Found[str] | None:
    """An archive as a tree of nested lists, year > month > day (`<li><span>2024</span><ul><li>
    <span>March</span><ul><li><span>12</span> <a>Title</a>`): the day of the month its ancestors' labels name."""
    if (day := _day_alone(v)) is None:
        return None
    year = month = None
    node = day[1]  # from the day up: a month's only post may have its month's node as its box
    for _ in range(10):
        node = node.getparent()
        if node is None or (year is not None and month is not None):
            break
        if (label := _label_before(node)) is None:
            continue
        if month is None and (named := month_of_heading(label)) is not None:
            year, month = named[0] if year is None else year, named[1]
        elif year is None and (m := YEAR_HEADING.match(label)):
            year = int(m.group(1))
    if year is None or month is None:
        return None
    try:
        value = date(year, month, day[0])
    except ValueError:
        return None
    return Found(value.isoformat(), day[1]) if value <= v.ctx.now.date() else None
