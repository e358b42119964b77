"""The publication date inside one card, by named rules: machine-readable markup first, then visible
text (a marked date element, the card's meta text, a short date badge), then a date header shared by
several cards. A modification date (class "updated"/"modified", itemprop dateModified) is never the
publication date while the card states one anywhere, in markup or in text; it is only the last resort."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from ..dates import find_dates, normalize_machine_date, parse_date
from ..text import clean
from .ages import compact_age_text
from .brlines import date_beside_link_in_line
from .cardtext import _DATE_WORDS, _UPDATED, _classes, _has_word, _meta_text
from .classnames import attr_text, has_class, semprop
from .dayheads import header_date, with_time
from .dom import BLOCK_TAGS, HEADINGS, Element, ancestors_of, iter_elements, text_of
from .hrefs import URL_DAY
from .monthdays import archive_tree_day, month_heading_day
from .posterlines import poster_line_date
from .rules import Found, Rule, rule
from .scoring import MONTH_WORDS, month_heading
from .titledates import date_in_title_text
from .yearless import clock_time_today, day_at_time, numeric_day_month, year_first_short

__all__ = ["DATE_RULES"]

_MACHINE_PROPS = ("datePublished", "dateCreated", "dateModified", "uploadDate", "date", "created", "issued",
                  "published_time", "modified_time")
_DATA_ATTRS = ("data-date", "data-datetime", "data-published", "data-timestamp", "data-time", "data-utime",
               "data-publish-date")


def _machine_raw(el: Element, cls: str, itemprop: str) -> tuple[str | None, bool]:
    """(raw machine date, whether it is visible text) an element states: <time datetime>, itemprop
    dates, <abbr title>, dt-published, <data value>, a dated title attribute, data-date attributes."""
    if el.tag == "time" and el.get("datetime"):
        return el.get("datetime"), False
    if itemprop in _MACHINE_PROPS:
        raw = attr_text(el, "datetime", "content", "title")
        return (raw, False) if raw else (text_of(el), True)
    if has_class(cls, "dt-published") or has_class(cls, "dt-updated"):
        return attr_text(el, "datetime", "value", "title") or text_of(el), False
    return _attribute_raw(el, cls), False


def _attribute_raw(el: Element, cls: str) -> str | None:
    """A date held in an attribute: <abbr title>, <data value>, a date-classed title, og:article meta,
    data-date and its kin."""
    if el.tag in ("abbr", "span", "time") and el.get("title"):
        return el.get("title")
    if el.tag == "data" and el.get("value"):
        return el.get("value")
    if el.get("title") and any(w in cls for w in _DATE_WORDS):
        return el.get("title")
    if el.tag == "meta" and (el.get("property") or "") in ("article:published_time", "article:modified_time"):
        return el.get("content")
    return attr_text(el, *_DATA_ATTRS)


@dataclass
class _DateScan:
    """What the machine pass saw, shared by the later rules: publication dates in markup (rank 0 marked
    published, 1 plain), the modification elements, and modification dates kept as the last resort."""

    published: list[tuple[int, str, Element]] = field(default_factory=list)
    modified: set[Element] = field(default_factory=set)
    last_resort: list[str] = field(default_factory=list)
    holders: set[Element] = field(default_factory=set)
    skip: set[Element] = field(default_factory=set)
    meta: str = ""
    meta_dated: bool = False
    best: tuple[str, Element] | None = None  # the machine date chosen (visible-day, then machine-date)


def _scan(v) -> _DateScan:
    if v.date_scan is not None:
        return v.date_scan
    scan = _DateScan()
    modified_els: list[Element] = []
    for el in v.dates:
        if el in v.skip:
            continue
        itemprop = semprop(el)
        cls = _classes(el)
        raw, visible = _machine_raw(el, cls, itemprop)
        value = normalize_machine_date(raw, prefer_day_first=v.ctx.day_first if visible else None) if raw else None
        if value is None:
            continue
        if _is_modified(el, cls, itemprop):
            modified_els.append(el)
            scan.last_resort.append(value)
            continue
        rank = 0 if "published" in cls or itemprop in ("datePublished", "published_time") or "entry-date" in cls else 1
        scan.published.append((rank, value, el))
    scan.modified = {e for el in modified_els for e in el.iter()}
    v.date_scan = scan
    return scan


def _best_machine(scan: _DateScan) -> tuple[str, Element] | None:
    if not scan.published:
        return None
    if scan.best is None:
        scan.best = _pick_machine(scan)
    return scan.best


def _pick_machine(scan: _DateScan) -> tuple[str, Element]:
    rank, best, el = min(scan.published, key=lambda t: t[0])
    # itemprop=datePublished on visible "25 Nov 2026" beside <time datetime="2026-11-25T11:20+02:00">
    longer = next(((val, e) for _, val, e in scan.published if len(val) > len(best) and val.startswith(best)), None)
    return longer if longer is not None else (best, el)


# "Created: Mar 4, 2024 10:12 am" beside "Latest: Mar 12, 2024": a thread's start, labelled; Discourse
# titles its activity cell "First post: Nov 3, 2025 9:12 am / Posted: Nov 17, ..." (de, fr, es, it, nl too)
_CREATED = re.compile(r"(?:^|\n)\s*(?:created|started|erstellt|begonnen|cr[ée]{2}|creado|iniciado|creato|aangemaakt|"
                      r"first\s+post|erster\s+beitrag|premier\s+message|primera\s+publicaci[óo]n|primer\s+mensaje|"
                      r"primo\s+messaggio|eerste\s+bericht)"
                      r"\s*(?:on|am|le|el|il|op)?\s*:?\s*([^\n]{4,60})", re.I)


@rule("created-label")
def created_label(v) -> Found[str] | None:
    """A thread list's cell titled "Created: Mar 4, 2024 10:12 am / Latest: Mar 12, 2024" (Discourse: "First
    post: Nov 3, 2025 9:12 am / Posted: ...", the cell showing "3d"): the post's date
    is when it was started, not its last activity (whatever the cell shows or its machine date says)."""
    for el in v.dates:
        label = el.get("title")
        if not label or el in v.skip or (m := _CREATED.search(label)) is None:
            continue
        found = find_dates(m.group(1), now=v.ctx.now, prefer_day_first=v.ctx.day_first, relative=False)
        if found and found[0].start == 0:
            return Found(found[0].value, el)
    return None


@rule("visible-day")
def visible_day(v) -> Found[str] | None:
    """<time datetime="2024-06-12T02:10Z">June 11, 2024</time>: a machine time one day off the date the
    card shows is the same moment in another zone (UTC against the site's; a template may drop the time
    and keep the UTC day); the day readers see wins. A time with an offset other than UTC's
    ("2026-11-28T16:20:00-08:00") names the site's zone itself: nothing to correct, the machine date
    wins with its offset (SPEC; outside audit 8, note 1)."""
    best = _best_machine(_scan(v))
    if best is None or len(best[0]) < 10 or best[1].tag != "time" or _local_offset(best[0]):
        return None
    text = text_of(best[1])
    if not (4 <= len(text) <= 60) or not _DIGIT.search(text) or _shows_day(text, best[0][8:10]):
        return None  # no visible date, or it shows the machine date's day number: no parse needed
    found = find_dates(text, now=v.ctx.now, prefer_day_first=v.ctx.day_first, relative=False) or _shown_without_year(
        text, best[0][:10], v.ctx.day_first)
    if not found or found[0].value[:10] == best[0][:10]:
        return None
    try:
        apart = abs(date.fromisoformat(found[0].value[:10]) - date.fromisoformat(best[0][:10]))
    except ValueError:
        return None
    return Found(found[0].value, best[1], machine=True) if apart == timedelta(days=1) else None


_DIGIT = re.compile(r"\d")
_OFFSET = re.compile(r"T[\d:.]+([+-]\d\d:?\d\d)$")


def _local_offset(value: str) -> bool:
    """The machine time states a zone offset other than UTC's (+00:00, what "Z" is normalised to)."""
    m = _OFFSET.search(value)
    return m is not None and m.group(1).replace(":", "") not in ("+0000", "-0000")
_DAY_WORD = re.compile(r"^\d{1,2}(?:st|nd|rd|th|er|\.|º)?$")


def _shown_without_year(text: str, machine_day: str, day_first: bool | None) -> list:
    """A shown date without a year ("Jun 11") read in the machine date's year: the latest such day not
    after the day following the machine date. Only a text naming a month beside a day number: "2 days
    ago" holds "ago", Spanish for August, but no day beside it (reddit's "2 days ago" became a day older)."""
    words = [w.strip(".,") for w in text.lower().split()]
    if not any(w in MONTH_WORDS and any(0 <= j < len(words) and _DAY_WORD.match(words[j]) for j in (i - 1, i + 1))
               for i, w in enumerate(words)):
        return []
    try:
        day = datetime.fromisoformat(machine_day) + timedelta(days=1)
    except ValueError:
        return []
    found = find_dates(text, now=day.replace(tzinfo=UTC), prefer_day_first=day_first)
    return found if found and len(found[0].value) == 10 else []


def _shows_day(text: str, day: str) -> bool:
    """The text holds the day number ("3" or "03" for day 03) as a number of its own."""
    if not day.isdigit():
        return True
    d = str(int(day))
    return any(run in (d, "0" + d) for run in _DIGIT_RUN.findall(text))


_DIGIT_RUN = re.compile(r"\d+")


@rule("shown-time")
def shown_time(v) -> Found[str] | None:
    """<time datetime="2024-03-04">2024-03-04 10:12:33</time>: a machine date of the day alone, and the
    element shows that day with its time: the time is the post's too."""
    best = _best_machine(_scan(v))
    if best is None or len(best[0]) != 10 or best[1].tag != "time":
        return None
    text = text_of(best[1])
    if not (8 <= len(text) <= 60) or ":" not in text:
        return None
    found = find_dates(text, now=v.ctx.now, prefer_day_first=v.ctx.day_first, relative=False)
    if found and len(found[0].value) > 10 and found[0].value.startswith(best[0]):
        return Found(found[0].value, best[1], machine=True)
    return None


@rule("machine-date")
def machine_date(v) -> Found[str] | None:
    """<time datetime>, itemprop=datePublished, dt-published, <abbr title>, data-date attributes."""
    best = _best_machine(_scan(v))
    return Found(best[0], best[1], machine=True) if best is not None else None


@rule("source-date-format")
def source_date_format(v) -> Found[str] | None:
    """The source names a date format: the selectors read the date; only a markup date is kept here."""
    if not v.ctx.date_format:
        return None
    scan = _scan(v)
    return Found(scan.last_resort[0] if scan.last_resort else None)


def _marked(v, scan: _DateScan) -> list[Element]:
    """Elements classed as a date (publish, entry-date, posted-on, date); an *updated* one joins the
    modification elements, its date the last resort."""
    marked = [el for el in v.dates if el not in v.skip and el not in scan.modified and _DATE_MARK.search(_classes(el))]
    for el in marked:
        cls = _classes(el)
        if _UPDATED.search(cls) and not _says_published(cls):
            if found := find_dates(clean(" ".join(el.itertext())), now=v.ctx.now, prefer_day_first=v.ctx.day_first):
                scan.last_resort.append(found[0].value)
            scan.modified = scan.modified | set(el.iter())
    scan.holders = ancestors_of(scan.modified) if scan.modified else set()
    scan.skip = v.skip | scan.modified
    return [el for el in marked if el not in scan.modified]


def _says_published(cls: str) -> bool:
    return "publish" in cls or "entry-date" in cls or "pubdate" in cls


@rule("marked-date-text")
def marked_date_text(v) -> Found[str] | None:
    """The visible text of an element classed as the publication date ("entry-date", "posted-on")."""
    scan = _scan(v)
    ranked: list[tuple[int, str, Element]] = []
    for el in _marked(v, scan):
        text = _text_without(el, scan.modified, scan.holders)
        if not (found := find_dates(text, now=v.ctx.now, prefer_day_first=v.ctx.day_first)):
            continue
        if value := _first_not_updated(text, found):
            ranked.append((0 if _says_published(_classes(el)) else 1, value, el))  # "posted-on" may hold both
        else:
            scan.last_resort.append(found[0].value)
    if not ranked:
        return None
    _, value, el = min(ranked, key=lambda t: t[0])
    return Found(value, el)


@rule("meta-text-date")
def meta_text_date(v) -> Found[str] | None:
    """An absolute date in the card's meta text (outside title and excerpt); "Updated Nov 20" only as the
    last resort. A day stated twice, once with its time, gives the timestamp."""
    scan = _scan(v)
    scan.meta = _meta_text(v.card, scan.skip)
    found = find_dates(scan.meta, now=v.ctx.now, prefer_day_first=v.ctx.day_first, relative=False)
    scan.meta_dated = bool(found)
    hit = _not_updated(scan, scan.meta, found)
    day = hit.value if hit is not None else None
    if day is not None and len(day) == 10:
        # a day's title over the post, then its footer's timestamp of that day ("posted @ 2024-03-05 10:12")
        timed = next((d.value for d in found if len(d.value) > 10 and d.value.startswith(day)), None)
        return Found(timed) if timed else hit
    return hit


def _not_updated(scan: _DateScan, source: str, found: list) -> Found[str] | None:
    if not found:
        return None
    if (value := _first_not_updated(source, found)) is not None:
        return Found(value)
    scan.last_resort.append(found[0].value)
    return None


def _short_texts(v, scan: _DateScan):
    """(element, text) of the card's short texts of their own: no block children, except a calendar
    badge <div><div>Nov</div><div>27</div></div>."""
    title = v.title_el
    around_title = set(title.iterancestors()) if title is not None else set()
    for el in iter_elements(v.roots):
        if el in scan.skip:
            continue
        blocks = any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el)
        if blocks and (len(el) > 3 or any(len(c) for c in el if isinstance(c.tag, str))):
            continue
        if el in around_title:  # the line's own words beside the title ("Nov 02 » <a>Title</a>"), never
            text = _text_without(el, scan.modified | {title}, scan.holders | around_title)  # the title's:
        else:  # "오늘 ..." (today) opens a Korean title
            text = _text_without(el, scan.modified, scan.holders)  # a date badge: <span>20</span><span>Nov</span>
        if 3 <= len(text) <= 60 and not (el.tag in HEADINGS and month_heading(text)):
            yield el, text  # an archive's "November 2" month heading (two posts) is no date


@rule("short-date-text")
def short_date_text(v) -> Found[str] | None:
    """Relative ("yesterday", "vor 3 Tagen") and year-less ("Nov 12") dates, only in short texts of
    their own, when the meta text holds no absolute date. An "(updated Jan 20)" beside the title is kept
    as the last resort and the search goes on (a grid's date cell may come after it)."""
    scan = _scan(v)
    if scan.meta_dated:
        return None
    for el, text in _short_texts(v, scan):
        if (found := find_dates(text, now=v.ctx.now, prefer_day_first=v.ctx.day_first)) and not _in_sentence(text, found):
            if (hit := _not_updated(scan, text, found)) is not None:
                return Found(hit.value, el)
    return None


_SENTENCE_END = re.compile(r"[.!?…]\s*$")


def _in_sentence(text: str, found: list) -> bool:
    """date-in-a-sentence: a teaser's "Tell us what you think by 15 January." names a deadline, not the
    post's day (a sentence of five words or more besides a date that is under half of it)."""
    if not _SENTENCE_END.search(text):
        return False
    span = sum(d.end - d.start for d in found)
    return span * 2 < len(text) and len(text.split()) - 2 >= 5


@rule("yearless-day-at-time")
def yearless_day_at_time(v) -> Found[str] | None:
    """"on Wednesday June 14, @03:33PM" in a byline too long for a short date text: a day stated with
    its time is the post's, in the fetch time's year (a story list that never shows years)."""
    scan = _scan(v)
    if scan.meta_dated or not (value := day_at_time(scan.meta, v.ctx)):
        return None
    return Found(value)


_DATE_CLS = ("date", "time", "datum", "fecha", "posted", "day")


@rule("numeric-day-month")
def numeric_day_month_text(v) -> Found[str] | None:
    """A short text that is a numeric day and month alone ("15.01.", "01-16", "4/3"): read by the page's
    locale, in the latest year not after the fetch time (html.py then follows the page's order)."""
    scan = _scan(v)
    if scan.meta_dated:
        return None
    for el, text in _short_texts(v, scan):
        if len(text) <= 6 and (value := numeric_day_month(text, v.ctx, el.tag == "time" or _has_word(el, _DATE_CLS))):
            return Found(value, el)
    return None


def _marked_short(v, read) -> Found[str] | None:
    """The first short text of a date element (<time>, a date class) that `read` reads."""
    scan = _scan(v)
    if scan.meta_dated:
        return None
    for el, text in _short_texts(v, scan):
        if len(text) <= 9 and (el.tag == "time" or _has_word(el, _DATE_CLS)) and (value := read(text, v.ctx)):
            return Found(value, el)
    return None


@rule("time-alone-today")
def time_alone_today(v) -> Found[str] | None:
    """A board's date cell holding only a time ("14:32"): posted today at that time."""
    return _marked_short(v, clock_time_today)


@rule("year-first-short-date")
def year_first_short_date(v) -> Found[str] | None:
    """A date cell "26-03-09" on a Korean, Japanese or Chinese page: year, month, day (2026-03-09)."""
    return _marked_short(v, year_first_short)


@rule("date-leading-excerpt")
def date_leading_excerpt(v) -> Found[str] | None:
    """'Nov 12, 2025 | Our December meeting...': a date that opens the excerpt, before a separator."""
    return Found(v.lead_date[0], v.lead_date[1]) if v.lead_date else None


@rule("group-header-date")
def group_header_date(v) -> Found[str] | None:
    """A date header shared by several cards (Blogger's date-outer, "date groups")."""
    for header in v.card.extra:
        if (value := parse_date(text_of(header), now=v.ctx.now, prefer_day_first=v.ctx.day_first)) is not None:
            return Found(with_time(value, _scan(v).meta), header)
    return None


@rule("preceding-heading-date")
def preceding_heading_date(v) -> Found[str] | None:
    """A dated heading (or *date* element) just before the card or one of its first ancestors."""
    found = header_date(v.card, v.ctx)
    return Found(with_time(found[0], _scan(v).meta), found[1]) if found else None


@rule("date-class-text")
def date_class_text(v) -> Found[str] | None:
    """The short text of an element classed date/time/posted, read by the full date parser."""
    scan = _scan(v)
    for el in v.dates:
        if not _has_word(el, ("date", "time", "posted", "datum", "fecha")) or el in scan.skip:
            continue
        text = text_of(el, scan.modified) if el in scan.holders else text_of(el)
        if 4 <= len(text) <= 60 and (value := parse_date(text, languages=[v.ctx.lang] if v.ctx.lang else None,
                                                         now=v.ctx.now, prefer_day_first=v.ctx.day_first)):
            return Found(value, el)
    return None




@rule("url-date")
def url_date(v) -> Found[str] | None:
    """A card that shows no date, and whose link is dated (/2024/03/04/slug/): that day (an archive of
    titles alone). Never a day after the fetch time."""
    m = URL_DAY.search(urlsplit(v.url).path) if v.url else None
    if m is None:
        return None
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None  # /2023/02/30/
    return Found(day.isoformat()) if day <= v.ctx.now.date() + timedelta(days=1) else None


@rule("modified-date")
def modified_date(v) -> Found[str] | None:
    """Only a modification date anywhere: better than none (a datePublished in structured data wins)."""
    scan = _scan(v)
    return Found(scan.last_resort[0]) if scan.last_resort else None


DATE_RULES: tuple[Rule[str], ...] = (
    created_label, visible_day, shown_time, machine_date, poster_line_date, source_date_format, marked_date_text, meta_text_date,
    short_date_text, compact_age_text, yearless_day_at_time, numeric_day_month_text, time_alone_today, year_first_short_date,
    date_leading_excerpt, date_in_title_text, date_beside_link_in_line, month_heading_day, archive_tree_day, group_header_date, preceding_heading_date, date_class_text,
    url_date,
    modified_date,
)


def _is_modified(el: Element, cls: str, itemprop: str) -> bool:
    if itemprop in ("dateModified", "modified_time") or (el.get("property") or "") == "article:modified_time":
        return True
    return ("updated" in cls and "published" not in cls and "entry-date" not in cls) or "modified" in cls


def _text_without(el: Element, leave: set[Element], holders: set[Element]) -> str:
    """An element's text, its parts spaced apart, without the `leave` subtrees (holders: their ancestors)."""
    if el not in holders:
        return clean(" ".join(el.itertext()))
    parts: list[str] = []

    def walk(e: Element) -> None:
        if e.text:
            parts.append(e.text)
        for c in e:
            if isinstance(c.tag, str) and c not in leave:
                walk(c)
            if c.tail:
                parts.append(c.tail)

    walk(el)
    return clean(" ".join(parts))


def _first_not_updated(text: str, found: list) -> str | None:
    for dm in found:
        if not _UPDATED.search(text[max(0, dm.start - 25) : dm.start]):
            return dm.value
    return None


_DATE_MARK = re.compile(r"publish|entry-date|post-date|pubdate|posted-on|updated|modified|(?:^|[\s_-])date(?:$|[\s_-])")
