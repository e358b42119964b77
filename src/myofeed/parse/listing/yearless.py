"""Dates shown without a year: the year an archive's heading or marker gives them (year-heading,
year-marker), and numeric day-month dates ("04.03.", "01-16") read by the page's locale and order."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from lxml import etree

from ..dates import find_dates
from .dayheads import with_time
from .dom import Element, nearest_heading_before, previous_element, text_of, walk_back
from .model import Card, Context
from .scoring import YEAR_HEADING, month_heading

__all__ = ["day_at_time", "group_heading", "has_year_headings", "year_markers", "under_year", "numeric_day_month",
           "in_page_order", "clock_time_today", "epoch_in_url", "pair_order_votes",
           "year_first_short"]


def has_year_headings(root: Element) -> bool:
    """Some heading of the page is a year alone: an archive grouped by year."""
    return any(YEAR_HEADING.match(text_of(h)) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6"))


# short text nodes only: the C-level query skips the page's prose
_SHORT_TEXTS = etree.XPath("//text()[string-length(normalize-space()) >= 4 and string-length(normalize-space()) <= 12]")
_LINE_TAGS = frozenset(("p", "div", "span", "strong", "b", "em", "dt", "li", "td", "th", "label"))


# a year alone between two tags in the page's source: only then is the tree searched for markers
_RAW_YEAR = re.compile(r">(?:\s|&nbsp;|&#160;)*(?:19|20)\d\d(?:\s|&nbsp;|&#160;)*(?:\(\d+\)|\d{1,4}|:)?\s*<")


def year_markers(root: Element, headings: bool, raw: str | None = None) -> frozenset[Element]:
    """Lines that hold a year and nothing else, without being headings: a bold "2019" paragraph, a year
    label over a nested list (<li><span class="year">2019</span><ul>...). Each element whose whole text
    is that year counts, up to the line's block. None when the page has year headings (they rule), or
    when its source (`raw`) holds no year alone between tags."""
    if headings or (raw is not None and not _RAW_YEAR.search(raw)):
        return frozenset()
    out: set[Element] = set()
    for node in _SHORT_TEXTS(root):
        if node.is_tail or not YEAR_HEADING.match(str(node)) or not str(node).strip()[:4].isdigit():
            continue
        el = node.getparent()
        if el is None or el.tag not in _LINE_TAGS or el.get("href") is not None:
            continue
        year = str(node).strip()
        while el is not None and el.tag in _LINE_TAGS and text_of(el) == year and el.find(".//a") is None:
            out.add(el)
            el = el.getparent()
    return frozenset(out)


def under_year(card: Card, ctx: Context) -> tuple[Context, str]:
    """year-heading / year-marker: a card under an archive's year ("2019" as a heading, or a line of its
    own) reads a year-less date ("Mar 04") in that year, not in the year the fetch time gives (the
    card's context ends with that year). Returns the context and the rule's name ("" when none)."""
    year, name = None, ""
    if ctx.year_headings:
        head = group_heading(card, ctx.headings)
        if head is not None and month_heading(text_of(head)):
            head = group_heading(card, ctx.headings, head)  # "2019" > "March" > the posts
        m = YEAR_HEADING.match(text_of(head)) if head is not None else None
        year, name = (int(m.group(1)), "year-heading") if m else (None, "")
    elif ctx.year_markers:
        marker = _marker_before(card.roots[0], ctx)
        m = YEAR_HEADING.match(text_of(marker)) if marker is not None else None
        year, name = (int(m.group(1)), "year-marker") if m else (None, "")
    if year is None or year >= ctx.now.year:
        return ctx, ""
    return replace(ctx, now=datetime(year, 12, 31, 23, 59, tzinfo=UTC)), name


def _marker_before(el: Element, ctx: Context) -> Element | None:
    """The nearest year marker before el: a sibling before it (or before one of its ancestors)."""
    markers = ctx.year_markers

    def step(node: Element) -> tuple[bool, Element | None]:
        if node.tag in ("body", "html"):
            return True, None
        prev = previous_element(node)
        if prev is None:
            return False, node.getparent()
        return (True, prev) if prev in markers else (False, prev)

    return walk_back(el, ctx.marker_memo, step)


def group_heading(card: Card, memo: dict[object, object], start: Element | None = None) -> Element | None:
    """The nearest heading before the card (or before `start`) that is no title of the card's shape (the
    post before it): a group's heading. Memoized, so a long list walks its titles once."""
    shape = (card.member.tag, card.member.get("class"))
    node = start if start is not None else card.roots[0]
    head = nearest_heading_before(node, memo)
    seen: list[Element] = []
    while head is not None and (head.tag, head.get("class")) == shape:
        if ("past", head) in memo:
            head = memo[("past", head)]  # type: ignore[assignment]
            break
        seen.append(head)
        head = nearest_heading_before(head, memo)
    for h in seen:
        memo[("past", h)] = head
    return head


# "04.03." (German day.month.), "01-16" (a board's month-day), "4/3", "04.03": a day and a month alone
_DAY_MONTH = re.compile(r"^(\d{1,2})([./-])(\d{1,2})(\.?)$")
_MONTH_FIRST_LANGS = ("en-us", "ko", "ja", "zh", "en-ca", "en-ph")


def numeric_day_month(text: str, ctx: Context, marked: bool = True) -> str | None:
    """The date a numeric day and month alone state ("15.01.", "01-16", "4/3"), in the latest year that
    puts it no later than the fetch time. "15.01." (trailing dot) is day.month as German writes it;
    "01-16" (two digits each, a hyphen) is month-day as notice boards write it; otherwise the page's
    order (day_first) or its language decides, and a number above 12 settles it. Those other forms
    ("4/3", "04.03") only in an element `marked` as a date: alone, "1/5" is a gallery's counter and
    "10.15" a version."""
    m = _DAY_MONTH.match(text.strip())
    if m is None:
        return None
    a, sep, b, dot = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
    if dot and sep != ".":
        return None
    if not marked and not ((sep == "." and dot) or sep == "-"):
        return None
    if sep == "." and dot:
        day_first: bool | None = True
    elif sep == "-":
        if len(m.group(1)) != 2 or len(m.group(3)) != 2:
            return None
        day_first = False
    else:
        day_first = ctx.day_first if ctx.day_first is not None else _lang_day_first(ctx.lang)
    if a > 12 >= b:
        day_first = True
    elif b > 12 >= a:
        day_first = False
    if day_first is None:
        return None
    day, month = (a, b) if day_first else (b, a)
    return _latest(day, month, ctx.now.date())


def _lang_day_first(lang: str | None) -> bool | None:
    """Day first for a page in this language? Bare "en" says nothing (US or elsewhere)."""
    if not lang or lang.lower() == "en":
        return None
    lang = lang.lower()
    return not any(lang == code or lang.startswith(code + "-") for code in _MONTH_FIRST_LANGS)


_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
_YEAR_FIRST = re.compile(r"^(\d{2})([./-])(\d{2})\2(\d{2})\.?$")
_YEAR_FIRST_LANGS = ("ko", "ja", "zh")


def clock_time_today(text: str, ctx: Context) -> str | None:
    """A time alone ("14:32") where a board writes the date: a post of today (boards show today's posts by
    their time, older ones by their date), at that time as the page shows it (no zone)."""
    m = _CLOCK.match(text.strip())
    if m is None:
        return None
    day = ctx.now.date()
    return f"{day.isoformat()}T{int(m.group(1)):02d}:{m.group(2)}:{m.group(3) or '00'}"


def year_first_short(text: str, ctx: Context) -> str | None:
    """"26-03-09" (also "26.03.09", "26/03/09") on a Korean, Japanese or Chinese page: a two-digit year
    first, as those boards write it (2026-03-09); never a day after the fetch time."""
    m = _YEAR_FIRST.match(text.strip())
    lang = (ctx.lang or "").lower()
    if m is None or not any(lang == c or lang.startswith(c + "-") for c in _YEAR_FIRST_LANGS):
        return None
    try:
        day = date(2000 + int(m.group(1)), int(m.group(3)), int(m.group(4)))
    except ValueError:
        return None
    return day.isoformat() if day <= ctx.now.date() + timedelta(days=1) else None


def _latest(day: int, month: int, bound: date) -> str | None:
    """The latest date of this day and month not after `bound`."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    for year in range(bound.year, bound.year - 8, -1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue  # 29 February outside a leap year, 31 April
        if found <= bound:
            return found.isoformat()
    return None


def in_page_order(values: list[str | None]) -> list[str | None]:
    """numeric-day-month dates (None where another rule read the card's date), as the page lists them:
    on a page whose dates run newest first, a date later than the one above it is a year older (the list
    crossed a new year further back: 01-16, 12-28, ..., 02-03, 01-20 is last January)."""
    dated = [v for v in values if v]
    down = sum(1 for x, y in zip(dated, dated[1:], strict=False) if y <= x)
    if len(dated) < 3 or down < (len(dated) - 1) / 2:
        return values  # too few to tell, or oldest first: each date stays in its latest year
    out: list[str | None] = []
    above: date | None = None
    for v in values:
        if not v:
            out.append(v)
            continue
        day = date.fromisoformat(v)
        while above is not None and day > above:
            back = _latest(day.day, day.month, date(day.year - 1, 12, 31))
            if back is None:
                break
            day = date.fromisoformat(back)
        above = day
        out.append(day.isoformat())
    return out


# a month-name day without a year, then its time: "June 14, @03:33PM", "Jun 14 at 3:33 pm", "14 June at 15:33"
_DAY_AT_TIME = re.compile(r"\b((?:[^\W\d_]{3,9}\.?\s+\d{1,2}|\d{1,2}\.?\s+[^\W\d_]{3,9})\b,?)\s*(?:at\s+|@\s*)"
                          r"(?:[01]?\d|2[0-3]):[0-5]\d", re.I)


def day_at_time(text: str, ctx: Context) -> str | None:
    """A story list's byline "Posted by kestrel on Wednesday June 14, @03:33PM": a day without a year
    (read in the latest year not after the fetch time) stated with its time, in a meta line of any length."""
    m = _DAY_AT_TIME.search(text)
    if m is None:
        return None
    found = find_dates(m.group(1), now=ctx.now, prefer_day_first=ctx.day_first)
    if not found or len(found[0].value) != 10:
        return None
    return with_time(found[0].value, text[m.start():])


# a post id stamped with its Unix time: PTT's /bbs/Board/M.1499961234.A.1F2.html, "post-1499961234", "?t=1499961234"
_EPOCH_ID = re.compile(r"(?<![0-9])(1[0-9]{9})(?![0-9])")


def epoch_in_url(url: str | None, value: str, ctx: Context) -> Context | None:
    """epoch-in-url: a board whose post ids carry the post's Unix time (M.1499961234.A.html) shows the day
    alone ("7/12"), read in the fetch time's year. When the stamp falls on that month and day (a day either
    way: the board's zone) in another year, the card's context ends two days after the stamp, so the date
    is read again in the stamp's year. None otherwise: a 10-digit number in an address that is no stamp
    will not fall on the day the card shows."""
    if not url or (m := _EPOCH_ID.search(url.rsplit("/", 1)[-1])) is None:
        return None
    try:
        shown = date.fromisoformat(value[:10])
    except ValueError:
        return None
    stamp = datetime.fromtimestamp(int(m.group(1)), tz=UTC)
    if stamp.year == shown.year or stamp >= ctx.now:
        return None
    for near in (stamp.date() - timedelta(days=1), stamp.date(), stamp.date() + timedelta(days=1)):
        if (near.month, near.day) == (shown.month, shown.day):
            return replace(ctx, now=stamp + timedelta(days=2))
    return None


# a numeric day and month alone in a date cell: "7/12", "12/30"
_PAIR = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})\s*$")


def pair_order_votes(roots: list[Element]) -> int:
    """yearless-pair-order: the posts' date cells holding a day and month alone vote on their order as dated
    numbers do ("12/30" can only be month first): +1 a vote for day first, -1 for month first."""
    votes = 0
    for r in roots:
        for el in r.iter():
            if not isinstance(el.tag, str) or len(el) or el.tag == "a" or not (t := el.text) or len(t) > 8:
                continue
            if (m := _PAIR.match(t)) is not None:
                a, b = int(m.group(1)), int(m.group(2))
                votes += 1 if a > 12 >= b else -1 if b > 12 >= a else 0
    return votes
