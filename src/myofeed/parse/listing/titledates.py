"""Dates written into the title's own text: "[2013-06-12 12:31] Title", "2024.03.05 - Title", "(12/03) Title".

Notice boards and small CMS lists print each item's day inside its link, before the headline, bracketed or
followed by a separator. The date is the post's (`date-in-title-text`, published.py) and no part of its title
(`text-without-title-date`, title.py). Only a date of a day at least (a year alone, "2024 - Budget", is a
headline), and a year-less day and month only as two digits each in brackets ("(12/03)": a series' "(1/3)" is
a part counter).
"""

from __future__ import annotations

import re

from ..dates import find_dates
from .dom import Element, text_of
from .model import Context
from .rules import Found, rule
from .yearless import numeric_day_month

__all__ = ["date_in_title_text", "split_title_date", "text_without_title_date"]

# "[2013-06-12 12:31] Title", "(12/03) Title", "【2024.03.05】Title": a bracketed date, then the headline
_BRACKETED = re.compile(r"^\s*[\[(【〔]\s*(\d[\d./\-: 年月日]{2,22}\d[日]?)\s*[\])】〕]\s*[-–—|:·»]?\s*(\S.*)$", re.S)
# "2024.03.05 - Title", "2024-03-05 | Title", "05.03.2024: Title": a numeric date with its year, a separator
_PLAIN = re.compile(r"^\s*(\d[\d./\-]{6,10}\d(?:\s+\d{1,2}:\d{2})?)\s*(?:[-–—|·»]|:\s)\s*(\S.*)$", re.S)
_TWO_DIGIT_DAY_MONTH = re.compile(r"^\d{2}[./-]\d{2}$")


def split_title_date(text: str, ctx: Context) -> tuple[str, str] | None:
    """(the headline without its leading date, the date as ISO) for a title that opens with a day, else None."""
    if not text or text.lstrip()[:1] not in "[(【〔0123456789":
        return None
    m = _BRACKETED.match(text) or _PLAIN.match(text)
    if m is None:
        return None
    raw, rest = m.group(1).strip(), m.group(2).strip()
    if not any(c.isalpha() for c in rest):
        return None
    value = _day_of(raw, ctx, bracketed=m.re is _BRACKETED)
    return (rest, value) if value else None


def _day_of(raw: str, ctx: Context, *, bracketed: bool) -> str | None:
    """The day the whole of `raw` states (a date with a day at least), else None."""
    found = find_dates(raw, now=ctx.now, prefer_day_first=ctx.day_first, relative=False)
    if found and found[0].start == 0 and found[0].end >= len(raw) - 1 and len(found[0].value) >= 10:
        return found[0].value
    if bracketed and _TWO_DIGIT_DAY_MONTH.match(raw):
        return numeric_day_month(raw, ctx, marked=True)
    return None


def _title_date(title_el: Element | None, ctx: Context) -> tuple[str, str] | None:
    return split_title_date(text_of(title_el), ctx) if title_el is not None else None


@rule("text-without-title-date")
def text_without_title_date(v) -> Found[str] | None:
    """A title that opens with its day ("[2013-06-12 12:31] Title", "2024.03.05 - Title"): the headline alone."""
    found = _title_date(v.title_el, v.ctx)
    return Found(found[0], v.title_el) if found else None


@rule("date-in-title-text")
def date_in_title_text(v) -> Found[str] | None:
    """The day a title opens with (text-without-title-date left it out of the title)."""
    found = _title_date(v.title_el, v.ctx)
    return Found(found[1], v.title_el) if found else None
