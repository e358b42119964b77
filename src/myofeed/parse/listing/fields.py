"""Title, URL, author, date, comment count, excerpt and tags inside one post card.

Semantic markup is read first (microdata itemprops, microformats, hAtom classes,
`<time datetime>`), then class-name hints ("byline", "comments-link", "excerpt"),
icons ("fa-user", "fa-comment"), then plain text patterns ("By Ann Lee",
"3 Kommentare") in the card's meta text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from ..dates import find_dates, normalize_machine_date, parse_date
from ..text import COMMENT_WORDS, clean, clean_author, is_read_more, parse_comment_count, strip_read_more
from .blocks import Card
from .dom import HEADINGS, Element, absolute_url, attr_text, classes, iter_elements, text_of, tokens

__all__ = ["Context", "Fields", "extract_fields"]


@dataclass
class Context:
    base_url: str
    now: datetime
    lang: str | None = None
    day_first: bool | None = None
    date_format: str | None = None


@dataclass
class Fields:
    title: str = ""
    url: str | None = None
    author: str | None = None
    published: str | None = None
    date_machine: bool = False  # the date came from machine-readable markup
    comments: int | None = None
    summary: str = ""
    categories: list[str] = field(default_factory=list)


_SKIP_HREF = re.compile(r"/(tag|tags|category|categories|author|authors|label|user|users|profile)/|#", re.I)
_COMMENT_HREF = re.compile(r"#(comments?|respond|comment-form|disqus_thread|comentarios|kommentare|commentaires|reply)",
                           re.I)
_SUMMARY_RE = re.compile(r"excerpt|summary|teaser|snippet|descr|abstract|standfirst|blurb|preview|lede|lead|subtitle|"
                         r"synopsis|intro|dek|chapo")
_BODY_RE = re.compile(r"entry-content|e-content|post-body|post-content|entry-body|article-body|content|card-text|body|"
                      r"text")
_AUTHOR_WORDS = ("author", "byline", "writer", "autor", "auteur", "creator", "posted-by")
_DATE_WORDS = ("date", "time", "published", "posted", "datum", "fecha", "timestamp", "meta", "pubdate")
_UPDATED = re.compile(r"updated|modified|aktualisiert|mis\s+à\s+jour|actualizado|bearbeitet", re.I)
_ICON_USER = re.compile(r"(fa-user|icon-user|bi-person|fa-pen|icon-author|user-icon|icon-person|ion-person|"
                        r"fa-feather|glyphicon-user|dashicons-admin-users|ti-user|mdi-account)", re.I)
_ICON_COMMENT = re.compile(r"(comment|chat|bubble|speech|fa-message|icon-message|forum)", re.I)
_ICON_TAGS = frozenset(("i", "svg", "span", "img", "em", "use"))
_LINK_TAGS = frozenset(("a", "link", "area", "meta"))
_DATE_TAGS = frozenset(("time", "abbr", "data", "meta"))
# one scan of a class string tells which fields may hide in the element
_HINTS = re.compile(
    r"(?P<c>comment|kommentar|comentario|repl|respon|discuss)|"
    r"(?P<a>author|byline|writer|autor|auteur|creator|posted-by|\bfn\b|vcard|h-card|name)|"
    r"(?P<d>date|time|posted|datum|fecha|dt-)|"
    r"(?P<s>excerpt|summary|teaser|snippet|descr|abstract|standfirst|blurb|preview|lede|lead|subtitle|synopsis|intro|"
    r"dek|chapo|content|card-text|body|text)"
)
_NO_HINTS: set[str | None] = set()
_COMMENT_CLS = re.compile(r"comment|kommentar|comentario|repl|respon|discuss")
_AUTHOR_CLS = re.compile(r"author|byline|writer|autor|auteur|creator|posted-by|\bfn\b|vcard|h-card|name")
_ICON_DATE = re.compile(r"(calendar|clock|fa-time|icon-time|icon-date|bi-calendar|event)", re.I)
_BY_NAME = re.compile(
    r"(?:^|[\s|·•,(])(?:posted\s+by|written\s+by|published\s+by|by|von|par|por|door|di|escrito\s+por)\s+"
    r"((?:Dr\.?\s+|Prof\.?\s+)?[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|van|von|de|da|del|la|le|y|bin|"
    r"al|ter|der|den|du|dos|das|di))*(?:,\s*(?:MD|PhD|PharmD|RN|PT|DO|NP|PA-C|MSc|RD))?)"
)
_READING_TIME = re.compile(r"^\d+\s*(min|mins|minutes?|minuten|minutos|m)\b", re.I)
_NAME_LIKE = re.compile(
    r"^(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]+|van|von|de|da|del|la|le|y|der|"
    r"den|du|dos|das|di)){1,4}(?:,\s*[A-Z][\w.-]+)?$"
)


_classes = classes


def _has_word(el: Element, words: tuple[str, ...]) -> bool:
    cls = _classes(el)
    return bool(cls.strip()) and any(w in cls for w in words)


def extract_fields(card: Card, ctx: Context) -> Fields:
    f = Fields()
    # one pass sorts the card's elements into the few each field looks at (speed: cards repeat 10-100 times)
    links, dates, comments, authors, summaries, icons = [], [], [], [], [], []
    everything = list(iter_elements(card.roots))
    for el in everything:
        tag = el.tag
        cls = classes(el)
        prop = el.get("itemprop")
        hints = {m.lastgroup for m in _HINTS.finditer(cls)} if cls != " " else _NO_HINTS
        if tag in _LINK_TAGS or prop == "url":
            links.append(el)
        if tag in _DATE_TAGS or prop or "d" in hints or el.get("title") or el.get("datetime"):
            dates.append(el)
        if prop or "c" in hints or (tag == "a" and "#" in (el.get("href") or "")):
            comments.append(el)
        if prop or "a" in hints or (tag == "a" and el.get("rel")):
            authors.append(el)
        if tag == "p" or prop or "s" in hints:
            summaries.append(el)
        if tag in _ICON_TAGS:
            icons.append(el)
    title_el = _title_element(card)
    f.title = _title_text(title_el)
    skip: set[Element] = set(title_el.iter())  # every element of the title (and later the excerpt)
    f.url = _url(card, title_el, links, f.title, ctx)
    summary_el = _summary_element(summaries, title_el, skip)
    if summary_el is not None:
        skip.update(summary_el.iter())
    _date(f, dates, skip, card, ctx)
    f.comments = _comments(comments, icons, skip, card)
    f.author = _author(authors, icons, skip)
    f.summary = _summary(summary_el, summaries, everything, f.title, skip)
    f.categories = _categories(links)
    if f.author is None:
        f.author = _author_from_meta_text(card, skip, f)
    return f


# --- title & url --------------------------------------------------------------


def _title_element(card: Card) -> Element:
    m = card.member
    if m.tag == "a":
        heading = next((e for e in m.iter() if isinstance(e.tag, str) and e.tag in HEADINGS), None)
        if heading is not None:
            return heading
        titled = next((e for e in m.iter() if isinstance(e.tag, str) and "title" in _classes(e)), None)
        if titled is not None and titled is not m:
            return titled
    return m


def _title_text(el: Element) -> str:
    text = text_of(el)
    if not text:
        text = clean(attr_text(el, "aria-label", "title") or "")
        if not text:
            img = el.find(".//img")
            text = clean(img.get("alt") if img is not None else "")
    return text


def _url(card: Card, title_el: Element, els: list[Element], title: str, ctx: Context) -> str | None:
    node: Element | None = title_el
    for _ in range(4):  # the title's own link, or a link wrapping it
        if node is None:
            break
        if node.tag == "a" and (url := absolute_url(node.get("href"), ctx.base_url)):
            return url
        if node in card.roots:
            break
        node = node.getparent()
    for a in title_el.iter("a"):
        if url := absolute_url(a.get("href"), ctx.base_url):
            return url
    best: tuple[int, str] | None = None
    folded = title.casefold()
    for i, el in enumerate(els):
        href = el.get("href") if el.tag in ("a", "link", "area") else None
        if el.tag == "meta" and el.get("itemprop") == "url":
            href = el.get("content")
        if el.tag == "meta" and not href:
            continue
        if not href or (_SKIP_HREF.search(href) and not href.startswith("http") and "#" in href):
            continue
        url = absolute_url(href, ctx.base_url)
        if not url or _COMMENT_HREF.search(href):
            continue
        rel = (el.get("rel") or "").lower()
        label = (el.get("aria-label") or el.get("title") or "").casefold()
        score = 0
        if "bookmark" in rel or "u-url" in _classes(el) or el.get("itemprop") == "url":
            score = 5
        elif folded and folded in label:
            score = 4
        elif text_of(el).casefold() == folded:
            score = 4
        elif is_read_more(text_of(el)) or "more" in _classes(el) or "entry-link" in _classes(el):
            score = 3
        elif not re.search(r"/(tag|tags|category|categories|author|label)/", href, re.I):
            score = 1
        if score and (best is None or score > best[0]):
            best = (score, url)
        del i
    return best[1] if best else None


# --- date -----------------------------------------------------------------------


def _date(f: Fields, els: list[Element], skip: set[Element], card: Card, ctx: Context) -> None:
    machine: list[tuple[int, str]] = []
    for el in els:
        if _inside(el, skip):
            continue
        raw = None
        rank = 1
        itemprop = el.get("itemprop") or ""
        cls = _classes(el)
        if el.tag == "time" and el.get("datetime"):
            raw = el.get("datetime")
        elif itemprop in ("datePublished", "dateCreated", "dateModified", "uploadDate"):
            raw = attr_text(el, "datetime", "content", "title") or text_of(el)
        elif el.tag == "abbr" and el.get("title"):
            raw = el.get("title")
        elif "dt-published" in cls or "dt-updated" in cls:
            raw = attr_text(el, "datetime", "value", "title") or text_of(el)
        elif el.tag == "data" and el.get("value"):
            raw = el.get("value")
        elif el.get("title") and any(w in cls for w in _DATE_WORDS) or (el.tag == "span" and el.get("title")):
            raw = el.get("title")
        elif el.tag == "meta" and (el.get("property") or "") == "article:published_time":
            raw = el.get("content")
        if not raw:
            continue
        value = normalize_machine_date(raw)
        if value is None:
            continue
        if "published" in cls or itemprop == "datePublished" or "entry-date" in cls:
            rank = 0
        if ("updated" in cls and "published" not in cls) or itemprop == "dateModified" or "modified" in cls:
            rank = 2
        machine.append((rank, value))
    if machine:
        f.published = min(machine, key=lambda t: t[0])[1]
        f.date_machine = True
        return
    if ctx.date_format:
        return
    meta = _meta_text(card, skip)
    found = find_dates(meta, now=ctx.now, prefer_day_first=ctx.day_first)
    if found:
        pick = found[0]
        for dm in found:
            before = meta[max(0, dm.start - 25) : dm.start]
            if not _UPDATED.search(before):
                pick = dm
                break
        f.published = pick.value
        return
    # a date header shared by several cards (Blogger's date-outer, "date groups")
    for header in card.extra:
        if (v := parse_date(text_of(header), now=ctx.now, prefer_day_first=ctx.day_first)) is not None:
            f.published = v
            return
    f.published = _header_date(card, ctx)
    if f.published is None:
        for el in els:
            if _has_word(el, ("date", "time", "posted", "datum", "fecha")) and not _inside(el, skip):
                text = text_of(el)
                if 4 <= len(text) <= 60:
                    f.published = parse_date(text, languages=[ctx.lang] if ctx.lang else None, now=ctx.now,
                                             prefer_day_first=ctx.day_first)
                    if f.published:
                        return


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


def _inside(el: Element, skip: set[Element]) -> bool:
    return el in skip  # skip sets hold whole subtrees


def _meta_text(card: Card, skip: set[Element]) -> str:
    return " ".join(text_of(r, skip) for r in card.roots)


# --- comments -------------------------------------------------------------------


def _comments(els: list[Element], icons: list[Element], skip: set[Element], card: Card) -> int | None:
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
        if (el.tag == "a" and _COMMENT_HREF.search(href)) or re.search(r"comment|kommentar|comentario|repl", cls):
            seen.update(el.iter())
            found, value = parse_comment_count(text_of(el), bare=True)
            if found:
                return value
            label = attr_text(el, "aria-label", "title")
            if label and (res := parse_comment_count(label)) and res[0]:
                return res[1]
    for el in icons:  # an icon followed by a bare number
        if _inside(el, skip):
            continue
        hint = " ".join(filter(None, (el.get("class"), el.get("aria-label"), el.get("title"), el.get("alt"),
                                      el.get("data-icon"))))
        if hint and el.tag in ("i", "svg", "span", "img", "em", "use") and not text_of(el) and _ICON_COMMENT.search(hint):
            found, value = _number_after(el)
            if found:
                return value
    meta = _meta_text(card, skip)
    found, value = parse_comment_count(meta)
    if found and re.search(COMMENT_WORDS, meta, re.I):
        return value
    return None


def _number_after(icon: Element) -> tuple[bool, int | None]:
    text = clean(icon.tail or "")
    if not text:
        nxt = icon.getnext()
        text = text_of(nxt) if nxt is not None else ""
    if not text:
        parent = icon.getparent()
        text = text_of(parent) if parent is not None else ""
    m = re.match(r"^\(?\s*(\d+)\s*\)?(?:\s|$)", text)
    if m:
        return True, int(m.group(1))
    return parse_comment_count(text, bare=True)


# --- author ---------------------------------------------------------------------


def _author(els: list[Element], icons: list[Element], skip: set[Element]) -> str | None:
    for el in els:
        if el.get("itemprop") == "author" and not _inside(el, skip):
            name_el = next((e for e in el.iter() if e.get("itemprop") == "name"), None)
            if name_el is not None:
                value = attr_text(name_el, "content") or text_of(name_el)
            else:
                value = attr_text(el, "content") or text_of(el)
            if (a := clean_author(value)) is not None:
                return a
    for el in els:
        cls = _classes(el)
        if not cls.strip() or _inside(el, skip):
            continue
        words = set(tokens(el))
        if "p-author" in cls or "h-card" in cls and _inside_word(el, "author"):
            name = next((e for e in el.iter() if "p-name" in _classes(e)), None)
            value = text_of(name if name is not None else el)
            if (a := clean_author(value)) is not None:
                return a
        if words & {"fn", "author-name", "authorname"} or "author-name" in cls or "author__name" in cls:
            if (a := clean_author(text_of(el))) is not None:
                return a
    for el in els:
        if el.tag == "a" and "author" in (el.get("rel") or "") and not _inside(el, skip):
            if (a := clean_author(text_of(el))) is not None:
                return a
    for el in els:
        if _inside(el, skip) or not _has_word(el, _AUTHOR_WORDS):
            continue
        if a := _author_from_element(el):
            return a
    for el in icons:  # icon + name: <i class="fa fa-user"></i> <span>Ann Lee</span>
        hint = " ".join(filter(None, (el.get("class"), el.get("aria-label"), el.get("title"))))
        if hint and not text_of(el) and _ICON_USER.search(hint):
            text = clean(el.tail or "")
            if not text and (nxt := el.getnext()) is not None:
                text = text_of(nxt)
            if text and (a := clean_author(text)) and not find_dates(a, relative=False):
                return a
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
    text = text_of(el)
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


def _author_from_meta_text(card: Card, skip: set[Element], f: Fields) -> str | None:
    meta = _meta_text(card, skip)
    if m := _BY_NAME.search(meta):
        return clean_author(m.group(1))
    # "October 16, 2025 · 5 min · Walt Brenneman": a name among separated meta items
    for root in card.roots:
        for el in root.iter():
            if not isinstance(el.tag, str) or _inside(el, skip):
                continue
            text = text_of(el)
            if len(text) > 160 or not re.search(r"\s[·•|/–—]\s", text):
                continue
            parts = [clean(p) for p in re.split(r"\s[·•|/–—]\s", text)]
            if not any(find_dates(p, relative=False) for p in parts):
                continue
            names = [p for p in parts if _NAME_LIKE.match(p) and not find_dates(p, relative=False)
                     and not _READING_TIME.match(p) and not parse_comment_count(p)[0]]
            tags = {clean(a.text_content()) for a in el.iter("a") if re.search(r"/(tag|category)", a.get("href") or "")}
            names = [n for n in names if n not in tags]
            if len(names) == 1:
                return names[0]
            break
    return None


# --- summary --------------------------------------------------------------------


def _summary_element(els: list[Element], title_el: Element, title_set: set[Element]) -> Element | None:
    best_body: Element | None = None
    for el in els:
        if el in title_set or el.tag in HEADINGS or el.tag == "a" and len(el) == 0:
            continue
        if el.get("itemprop") == "description" or "p-summary" in _classes(el) or "entry-summary" in _classes(el):
            return el
        cls = _classes(el)
        if _SUMMARY_RE.search(cls) and "title" not in cls:
            if len(text_of(el)) >= 20 and not _contains(el, title_el):
                return el
        if best_body is None and (
            _BODY_RE.search(cls) or el.get("itemprop") in ("articleBody", "description articleBody")
        ):
            if not _contains(el, title_el) and len(text_of(el)) >= 20 and "meta" not in cls:
                best_body = el
    return best_body


def _contains(outer: Element, inner: Element) -> bool:
    node: Element | None = inner
    while node is not None:
        if node is outer:
            return True
        node = node.getparent()
    return False


def _summary(summary_el: Element | None, els: list[Element], everything: list[Element], title: str,
             skip: set[Element]) -> str:
    if summary_el is not None:
        return _summary_text(summary_el, title)
    paras = [el for el in els if el.tag == "p" and not _inside(el, skip)]
    texts = []
    for p in paras:
        t = _summary_text(p, title)
        if len(t) >= 30 and not _looks_meta(t):
            texts.append(t)
    if texts:
        return clean(" ".join(texts))
    # no <p>: the longest leaf text block that is not the title or a meta line
    best = ""
    for el in everything:
        if _inside(el, skip) or el.tag in ("a",) or any(isinstance(c.tag, str) and c.tag in ("div", "p") for c in el):
            continue
        t = _summary_text(el, title)
        if len(t) > len(best) and len(t) >= 40 and not _looks_meta(t) and t != title:
            best = t
    return best


def _looks_meta(text: str) -> bool:
    if len(text) > 120:
        return False
    return bool(find_dates(text, relative=False)) or bool(re.match(r"^(by|posted|von|par|por)\b", text, re.I))


def _summary_text(el: Element, title: str) -> str:
    skip = {e for e in el.iter() if isinstance(e.tag, str) and _is_more_link(e)}
    text = strip_read_more(text_of(el, skip))
    if title and text.startswith(title) and len(text) > len(title) + 20:
        text = text[len(title) :].lstrip(" :-–—")
    return text


def _is_more_link(el: Element) -> bool:
    if el.tag not in ("a", "button", "span", "div", "p"):
        return False
    cls = _classes(el)
    if re.search(r"(read-?more|more-?link|jump-link|more-text|btn-more|continue|weiterlesen|suite)", cls):
        return True
    return el.tag in ("a", "button") and is_read_more(text_of(el))


def _categories(els: list[Element]) -> list[str]:
    out: list[str] = []
    for el in els:
        if el.tag != "a":
            continue
        rel = el.get("rel") or ""
        cls = _classes(el)
        parent_cls = _classes(el.getparent()) if el.getparent() is not None else ""
        if "tag" in rel.split() or "p-category" in cls or re.search(r"(cat-links|tags-links|post-labels|post-tags)",
                                                                      parent_cls):
            t = text_of(el)
            if t and t not in out:
                out.append(t)
    return out
