"""The publication date inside one card: machine-readable markup first, then visible text (a marked date
element, the card's meta text, a short date badge), then a date header shared by several cards."""

from __future__ import annotations

import re

from ..dates import find_dates, normalize_machine_date, parse_date
from ..text import clean
from .blocks import Card
from .cardtext import _DATE_WORDS, _UPDATED, _classes, _has_word, _inside, _meta_text
from .dom import BLOCK_TAGS, HEADINGS, Element, attr_text, iter_elements, semprop, text_of
from .model import Context, Fields

__all__ = ["read_date"]


def read_date(f: Fields, els: list[Element], skip: set[Element], card: Card, ctx: Context) -> None:
    """The publication date: machine-readable markup first, then visible text. A modification date
    (class "updated"/"modified", itemprop dateModified) is never the publication date while the card
    states one anywhere, in markup or in text; it is only the last resort."""
    machine: list[tuple[int, str]] = []
    modified_els: list[Element] = []
    for el in els:
        if _inside(el, skip):
            continue
        raw = None
        rank = 1
        itemprop = semprop(el)
        cls = _classes(el)
        visible = False
        if el.tag == "time" and el.get("datetime"):
            raw = el.get("datetime")
        elif itemprop in ("datePublished", "dateCreated", "dateModified", "uploadDate", "date", "created", "issued",
                          "published_time", "modified_time"):
            raw = attr_text(el, "datetime", "content", "title")
            if not raw:
                raw, visible = text_of(el), True
        elif el.tag == "abbr" and el.get("title"):
            raw = el.get("title")
        elif "dt-published" in cls or "dt-updated" in cls:
            raw = attr_text(el, "datetime", "value", "title") or text_of(el)
        elif el.tag == "data" and el.get("value"):
            raw = el.get("value")
        elif el.get("title") and (el.tag in ("span", "time") or any(w in cls for w in _DATE_WORDS)):
            raw = el.get("title")
        elif el.tag == "meta" and (el.get("property") or "") in ("article:published_time", "article:modified_time"):
            raw = el.get("content")
        elif data_date := attr_text(el, "data-date", "data-datetime", "data-published", "data-timestamp",
                                    "data-time", "data-utime", "data-publish-date"):
            raw = data_date
        if not raw:
            continue
        value = normalize_machine_date(raw, prefer_day_first=ctx.day_first if visible else None)
        if value is None:
            continue
        if "published" in cls or itemprop in ("datePublished", "published_time") or "entry-date" in cls:
            rank = 0
        if _is_modified(el, cls, itemprop):
            rank = 2
            modified_els.append(el)
        machine.append((rank, value))
    published = [m for m in machine if m[0] < 2]
    if published:
        best = min(published, key=lambda t: t[0])[1]
        # itemprop=datePublished on visible "25 Nov 2026" beside <time datetime="2026-11-25T11:20+02:00">
        f.published = next((v for _, v in published if len(v) > len(best) and v.startswith(best)), best)
        f.date_machine = True
        return
    # only a modification date in markup (or none): a publication date in the visible text wins over it
    last_resort = [m[1] for m in machine]
    modified = {e for el in modified_els for e in el.iter()}
    if ctx.date_format:
        f.published = last_resort[0] if last_resort else None  # the source's date format may still find one
        return
    if _visible_date(f, els, skip, modified, card, ctx, last_resort):
        return
    if last_resort:
        f.published = last_resort[0]  # not date_machine: a datePublished in structured data wins over it


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


def _ancestors(els: set[Element]) -> set[Element]:
    out: set[Element] = set()
    for el in els:
        node = el.getparent()
        while node is not None and node not in out:
            out.add(node)
            node = node.getparent()
    return out


def _first_not_updated(text: str, found: list) -> str | None:
    for dm in found:
        if not _UPDATED.search(text[max(0, dm.start - 25) : dm.start]):
            return dm.value
    return None


def _visible_date(f: Fields, els: list[Element], skip: set[Element], modified: set[Element], card: Card,
                  ctx: Context, last_resort: list[str]) -> bool:
    """The publication date in visible text, leaving out the `modified` elements; modification dates seen
    on the way go to last_resort."""
    # visible text of an element marked as the publication date; one marked as the update is left out
    marked = [el for el in els if el not in skip and el not in modified and _DATE_MARK.search(_classes(el))]
    for el in marked:
        cls = _classes(el)
        if _UPDATED.search(cls) and not ("publish" in cls or "entry-date" in cls or "pubdate" in cls):
            if found := find_dates(clean(" ".join(el.itertext())), now=ctx.now, prefer_day_first=ctx.day_first):
                last_resort.append(found[0].value)
            modified = modified | set(el.iter())
    holders = _ancestors(modified) if modified else set()
    ranked: list[tuple[int, str]] = []
    for el in marked:
        if el in modified:
            continue
        cls = _classes(el)
        text = _text_without(el, modified, holders)
        if found := find_dates(text, now=ctx.now, prefer_day_first=ctx.day_first):
            if "publish" in cls or "entry-date" in cls or "pubdate" in cls:
                rank = 0
            else:
                rank = 1  # a generic "date" or "posted-on" wrapper may hold both dates
            if value := _first_not_updated(text, found):
                ranked.append((rank, value))
            else:
                last_resort.append(found[0].value)
    if ranked:
        f.published = min(ranked, key=lambda t: t[0])[1]
        return True
    skip = skip | modified
    meta = _meta_text(card, skip)
    found = find_dates(meta, now=ctx.now, prefer_day_first=ctx.day_first, relative=False)
    source = meta
    if not found:
        # relative ("yesterday", "vor 3 Tagen") and year-less ("Nov 12") dates only in short texts of their own
        for el in iter_elements(card.roots):
            if el in skip:
                continue
            blocks = any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el)
            if blocks and (len(el) > 3 or any(len(c) for c in el if isinstance(c.tag, str))):
                continue  # but a calendar badge <div><div>Nov</div><div>27</div></div> is one date
            text = _text_without(el, modified, holders)  # a date badge: <span>20</span><span>Nov</span>
            if 3 <= len(text) <= 60 and (found := find_dates(text, now=ctx.now, prefer_day_first=ctx.day_first)):
                source = text
                break
    if found:
        if (value := _first_not_updated(source, found)) is not None:
            f.published = value
            return True
        last_resort.append(found[0].value)  # "Updated Nov 20": only if nothing else dates the post
    # a date header shared by several cards (Blogger's date-outer, "date groups")
    for header in card.extra:
        if (v := parse_date(text_of(header), now=ctx.now, prefer_day_first=ctx.day_first)) is not None:
            f.published = _with_time(v, meta)
            return True
    f.published = _header_date(card, ctx)
    if f.published is not None:
        f.published = _with_time(f.published, meta)
        return True
    for el in els:
        if _has_word(el, ("date", "time", "posted", "datum", "fecha")) and not _inside(el, skip):
            text = text_of(el, modified) if el in holders else text_of(el)
            if 4 <= len(text) <= 60:
                f.published = parse_date(text, languages=[ctx.lang] if ctx.lang else None, now=ctx.now,
                                         prefer_day_first=ctx.day_first)
                if f.published:
                    return True
    return False


_LONE_TIME = re.compile(
    r"(?:(?:\b(?:at|um|à|a\s+las|a\s+la|alle|om|às|kl\.?|klo)\s+|@\s*)(?P<hh>[01]?\d|2[0-3])[:h.](?P<mi>[0-5]\d)"
    r"|\b(?P<hh2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?=\s*[ap]\.?m\b))"
    r"(?::(?P<ss>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)?",
    re.I,
)


def _with_time(day: str, meta: str) -> str:
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


def _header_date(card: Card, ctx: Context) -> str | None:
    node: Element | None = card.roots[0]
    for _ in range(3):
        if node is None:
            return None
        prev = node.getprevious()
        hops = 0
        while prev is not None and hops < 2:
            if prev.tag in HEADINGS or "date" in _classes(prev):
                text = text_of(prev)
                if len(text) <= 60:
                    found = find_dates(text, now=ctx.now, prefer_day_first=ctx.day_first, relative=False)
                    if found:
                        return found[0].value
            prev = prev.getprevious()
            hops += 1
        node = node.getparent()
        if node is None or node.tag in ("body", "main"):
            return None
    return None


_DATE_MARK = re.compile(r"publish|entry-date|post-date|pubdate|posted-on|updated|modified|(?:^|[\s_-])date(?:$|[\s_-])")
