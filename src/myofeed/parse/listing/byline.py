"""Date, comment count and author inside one card: machine-readable markup first, then class and icon
hints, then text patterns ("By Ann Lee", "3 Kommentare", "Nov 20, 2025 · 14") in the card's meta text."""

from __future__ import annotations

import re
from datetime import datetime

from ..dates import find_dates, normalize_machine_date, parse_date
from ..text import COMMENT_WORDS, clean, clean_author, parse_comment_count
from .blocks import Card
from .cardtext import (
    _AUTHOR_WORDS,
    _BY_NAME,
    _COMMENT_CLS,
    _COMMENT_HREF,
    _COMMENT_WORD,
    _DATE_WORDS,
    _EMOJI_AUTHOR,
    _ICON_COMMENT,
    _ICON_TAGS,
    _ICON_USER,
    _NAME_LIKE,
    _PROFILE_HREF,
    _READING_TIME,
    _UPDATED,
    _classes,
    _has_word,
    _icon_hint,
    _icon_root,
    _inside,
    _meta_text,
    _number_after,
    name_text,
)
from .dom import BLOCK_TAGS, HEADINGS, Element, attr_text, iter_elements, semprop, text_of, tokens
from .model import Context, Fields

__all__ = ["read_date", "read_comments", "read_author", "author_from_meta_text"]


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
        f.published = min(published, key=lambda t: t[0])[1]
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
            if el in skip or any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el):
                continue
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


# --- comments -------------------------------------------------------------------


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
        for el in root.iter():
            if not isinstance(el.tag, str) or el in skip or el in holders:
                continue
            text = text_of(el)
            if len(text) > 160:
                continue
            if re.search(r"\s[·•|/–—]\s", text):
                parts = [clean(p) for p in re.split(r"\s[·•|/–—]\s", text)]
            elif 2 <= len(el) <= 6 and all(isinstance(c.tag, str) for c in el):
                parts = [text_of(c) for c in el]
            else:
                continue
            if not any(find_dates(p, relative=False) for p in parts):
                continue
            numbers = [p for p in parts if re.fullmatch(r"\(?\d{1,5}\)?", p)]
            hints = " ".join(_icon_hint(d) + " " + _classes(d) for d in el.iter() if isinstance(d.tag, str))
            if len(numbers) == 1 and not _OTHER_COUNTS.search(hints):
                return int(numbers[0].strip("()"))
            return None
    return None


# --- author ---------------------------------------------------------------------


def read_author(els: list[Element], icons: list[Element], skip: set[Element]) -> str | None:
    for el in els:
        if _states(el, _AUTHOR_PROPS) and not _inside(el, skip):
            # a schema.org Person/Organization (microdata or RDFa): its name, never the whole box's text
            name_el = next((e for e in el.iter() if e is not el and _states(e, _NAME_PROPS)), None)
            if name_el is not None:
                value = attr_text(name_el, "content") or text_of(name_el)
            else:
                value = (attr_text(el, "content") if el.get("itemprop") else None) or name_text(el)
                if len(value) > 80 or find_dates(value, relative=False):
                    continue  # RDFa on a "Submitted by Ann on <date>" line: the name is read below
            if (a := clean_author(value)) is not None:
                return a
    for el in els:
        cls = _classes(el)
        if not cls.strip() or _inside(el, skip):
            continue
        words = set(tokens(el))
        if "p-author" in cls or "h-card" in cls and _inside_word(el, "author"):
            name = next((e for e in el.iter() if "p-name" in _classes(e)), None)
            value = text_of(name) if name is not None else name_text(el)
            if (a := clean_author(value)) is not None:
                return a
        if words & {"fn", "author-name", "authorname"} or "author-name" in cls or "author__name" in cls or (
            _NAME_CLS.search(cls) and len(el) <= 2
        ):
            if (a := clean_author(text_of(el))) is not None and len(a) <= 60 and not find_dates(a, relative=False):
                return _coauthors(el, a)
    for el in els:
        if el.tag == "a" and "author" in (el.get("rel") or "") and not _inside(el, skip):
            if (a := clean_author(text_of(el))) is not None:
                return _coauthors(el, a)
    for el in els:  # a link to the writer's profile page: /author/ann, /u/ann, /@ann, /members/ann
        if el.tag == "a" and _PROFILE_HREF.search(el.get("href") or "") and not _inside(el, skip):
            text = text_of(el)
            if text and len(text) <= 60 and not _COMMENT_WORD.search(text) and (a := clean_author(text)):
                return _coauthors(el, a)
    for el in els:
        if _inside(el, skip) or not _has_word(el, _AUTHOR_WORDS):
            continue
        if a := _author_from_element(el):
            return a
    for el in icons:  # icon + name: <i class="fa fa-user"></i> <span>Ann Lee</span>
        hint = _icon_hint(el)
        if hint and not text_of(el) and _ICON_USER.search(hint):
            el = _icon_root(el)
            text = clean(el.tail or "")
            if not text and (nxt := el.getnext()) is not None:
                text = text_of(nxt)
            if text and (a := clean_author(text)) and not find_dates(a, relative=False):
                return a
    for el in icons:  # an avatar picture, the writer's name beside it (Wix, Medium, Substack)
        if el.tag == "img" and not _inside(el, skip) and _AVATAR.search(_icon_hint(el) + " " + _classes(el)):
            if a := _name_beside(el, skip):
                return a
    return None


_AUTHOR_PROPS = frozenset(("author", "creator", "has_creator"))
_NAME_PROPS = frozenset(("name", "legalName", "alternateName"))


def _states(el: Element, props: frozenset[str]) -> bool:
    """el carries one of these schema properties (itemprop, or RDFa property/rel with any prefix)."""
    for attr in ("itemprop", "property", "rel"):
        v = el.get(attr)
        if v and (attr != "rel" or ":" in v) and any(p.rsplit(":", 1)[-1].rsplit("/", 1)[-1] in props
                                                     for p in v.split()):
            return True
    return False


_NAME_CLS = re.compile(r"(?:^|[\s_-])(?:user|author|writer|profile|member|creator|owner|poster)[-_]?name(?:$|[\s_-])")
_AVATAR = re.compile(r"avatar|gravatar|writer|author|profile|user|portrait|headshot|byline", re.I)
_CO = re.compile(r"^\s*(?:,|&|and|und|et|y|e|en|og|och|i|\+)\s*$", re.I)


def _coauthors(el: Element, name: str) -> str:
    """'Ann Lee and Bo Chen' written as two links (joined by text or a <span> and </span>): keep the byline
    as shown."""
    out, joint = name, clean(el.tail or "")
    node = el.getnext()
    while node is not None:
        if node.tag == "span" and len(node) == 0 and node.tag != el.tag and not joint:
            joint = clean(text_of(node) + " " + (node.tail or ""))
        elif node.tag == el.tag and _CO.match(joint) and _same_kind(el, node) and (other := clean_author(text_of(node))) \
                and len(other) <= 60:
            out += ("," if joint == "," else " " + joint) + " " + other
            joint = clean(node.tail or "")
        else:
            break
        node = node.getnext()
    return out


def _same_kind(a: Element, b: Element) -> bool:
    """Two author links point to the same kind of page (/author/x, /@x); two name spans share a class."""
    if a.tag != "a":
        return (a.get("class") or "") == (b.get("class") or "")
    ha, hb = a.get("href") or "", b.get("href") or ""
    if _PROFILE_HREF.search(ha) and _PROFILE_HREF.search(hb):
        return True
    return ha.rsplit("/", 2)[0] == hb.rsplit("/", 2)[0] and not re.search(r"/(tags?|categor\w*|topics?)/", hb)


def _name_beside(img: Element, skip: set[Element]) -> str | None:
    node = img
    for _ in range(4):
        parent = node.getparent()
        if parent is None:
            return None
        nxt = node.getnext()
        while nxt is not None and not text_of(nxt):
            nxt = nxt.getnext()
        if nxt is not None:
            first = nxt
            while len(first) and text_of(first[0]) and len(text_of(first)) > 60:
                first = first[0]
            text = name_text(first)
            if first in skip or nxt in skip or first.tag in HEADINGS or first.find(".//h1|.//h2|.//h3|.//h4") is not None:
                return None
            if 2 <= len(text) <= 40 and not re.search(r"\d", text) and len(text.split()) <= 4:
                return clean_author(text)
            return None
        node = parent
    return None


def _inside_word(el: Element, word: str) -> bool:
    node = el.getparent()
    for _ in range(3):
        if node is None:
            return False
        if word in _classes(node):
            return True
        node = node.getparent()
    return False


def _author_from_element(el: Element) -> str | None:
    text = name_text(el)
    if not text:
        return None
    noisy = bool(find_dates(text, relative=False)) or bool(re.search(COMMENT_WORDS, text, re.I)) or len(text) > 60
    if not noisy:
        return clean_author(text)
    for sub in el.iter():
        if sub is el or not isinstance(sub.tag, str):
            continue
        cls = _classes(sub)
        href = sub.get("href") or ""
        if "name" in cls or "fn" in cls.split() or "/author" in href or "author" in cls:
            sub_text = text_of(sub)
            if sub_text and not find_dates(sub_text, relative=False) and (a := clean_author(sub_text)):
                return a
    if m := _BY_NAME.search(text):
        return clean_author(m.group(1))
    return None


def author_from_meta_text(card: Card, skip: set[Element], f: Fields, f_now: datetime) -> str | None:
    meta = _meta_text(card, skip)
    if m := _BY_NAME.search(meta):
        return clean_author(m.group(1))
    if m := _EMOJI_AUTHOR.search(meta):
        return clean_author(m.group(1))
    # "October 16, 2025 · 5 min · Walt Brenneman", or <li>Ann Lee</li><li>Nov 3, 2025</li>: a name among
    # the separated items of a meta line that also holds the date
    holders = _holding(skip)
    for root in card.roots:
        for el in root.iter():
            if not isinstance(el.tag, str) or el in skip or el in holders:
                continue
            text = text_of(el)
            if len(text) > 160:
                continue
            if re.search(r"\s[·•|/–—]\s", text):
                parts = [clean(p) for p in re.split(r"\s[·•|/–—]\s", text)]
            elif 2 <= len(el) <= 6 and all(isinstance(c.tag, str) for c in el):
                parts = [text_of(c) for c in el]
            else:
                continue
            if not any(find_dates(p, now=f_now) for p in parts):
                continue
            names = [p for p in parts if _NAME_LIKE.match(p) and not find_dates(p, now=f_now)
                     and not _READING_TIME.match(p) and not parse_comment_count(p)[0]]
            # categories, kickers and badges look like names ("Health News"): leave out what is marked as such
            not_names = {
                text_of(d)
                for d in el.iter()
                if isinstance(d.tag, str)
                and (_LABEL_CLS.search(_classes(d)) or re.search(r"/(tags?|categor\w*|topics?|labels?)/", d.get("href") or ""))
            }
            names = [n for n in names if n not in not_names and n.casefold() not in _UI_WORDS]
            if len(names) == 1:
                return names[0]
            break
    return None


_DATE_MARK = re.compile(r"publish|entry-date|post-date|pubdate|posted-on|updated|modified|(?:^|[\s_-])date(?:$|[\s_-])")
_LABEL_CLS = re.compile(r"(?:^|[\s_-])(?:cats?|categor(?:y|ies)|tags?|topics?|labels?|section|kicker|eyebrow|badge|"
                        r"rubric|genre|primary-tag)(?:$|[\s_-])")
_UI_WORDS = {"read more", "share", "featured", "sponsored", "updated", "advertisement", "continue reading",
             "top stories", "breaking news", "latest news", "press release", "press releases", "news release",
             "min read", "member only", "editor's pick", "staff pick"}


def _holding(skip: set[Element]) -> set[Element]:
    """Ancestors of the title and excerpt: a meta line never contains them."""
    out: set[Element] = set()
    for el in skip:
        node = el.getparent()
        while node is not None and node not in out and node not in skip:
            out.add(node)
            node = node.getparent()
    return out
