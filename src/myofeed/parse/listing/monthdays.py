"""month-heading-day: an archive grouped under month headings ("November 2025", "2025年11月", or "November"
under a "2025" heading) whose rows show the day of the month alone ("17", "3rd", "17.", "17日")."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ..month_names import MONTHS
from .dom import Element, iter_elements, text_of
from .rules import Found, rule
from .scoring import CJK_MONTH_HEADING, YEAR_HEADING, month_heading
from .yearless import group_heading

__all__ = ["month_heading_day", "month_of_heading"]

_MONTH_NUMBER = {name: number for number, names in MONTHS.items() for name in names if len(name) >= 3}
_DAY_ALONE = re.compile(r"^\s*(\d{1,2})\s*(?:st|nd|rd|th|\.|日|일)?\s*$", re.I)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def month_of_heading(text: str) -> tuple[int | None, int] | None:
    """(year or None, month) that a month heading names: "November 2025", "Nov. 2025 (4)", "2025年11月",
    "March" (its year is the heading's above); None for any other text."""
    if m := CJK_MONTH_HEADING.match(text):
        return int(m.group(1)), int(m.group(2))
    if not month_heading(text) and not month_heading(" ".join(text.split()[:2])):
        return None
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
        if el not in v.skip and not len(el) and (m := _DAY_ALONE.match(text_of(el))):
            return int(m.group(1)), el
    return None


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
        m = YEAR_HEADING.match(text_of(above)) if above is not None else None
        if m is None:
            return None
        year = int(m.group(1))
    try:
        value = date(year, month, day[0])
    except ValueError:
        return None
    return Found(value.isoformat(), day[1]) if value <= v.ctx.now.date() else None
