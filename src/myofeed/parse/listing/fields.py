"""Title, URL, author, date, comment count, excerpt and tags inside one post card.

Semantic markup is read first (microdata itemprops, microformats, hAtom classes,
`<time datetime>`), then class-name hints ("byline", "comments-link", "excerpt"),
icons ("fa-user", "fa-comment"), then plain text patterns ("By Ann Lee",
"3 Kommentare") in the card's meta text.
"""

from __future__ import annotations

import re

from lxml import etree

from ..dates import find_dates
from ..text import clean, is_read_more
from .blocks import Card
from .byline import author_from_meta_text, person_block, read_author
from .carddate import read_date
from .cardtext import (
    _COMMENT_HREF,
    _DATE_TAGS,
    _ICON_TAGS,
    _LINK_TAGS,
    _NO_HINTS,
    _PROFILE_HREF,
    _classes,
    _hints,
)
from .comments import read_comments
from .dom import (
    BLOCK_TAGS,
    HEADINGS,
    NOT_POST_HREF,
    Element,
    absolute_url,
    attr_text,
    classes,
    iter_elements,
    semprop,
    text_of,
)
from .excerpt import subtitle_heading, summary_element, summary_paragraphs, summary_text_of
from .model import Context, Fields

__all__ = ["Context", "Fields", "extract_fields", "data_dated"]

_DATA_DATED = etree.XPath(
    "//*[@data-date or @data-datetime or @data-published or @data-timestamp or @data-time or @data-utime"
    " or @data-publish-date]"
)


def data_dated(root: Element) -> frozenset[Element]:
    """Elements that carry a machine date in a data- attribute (one query per page)."""
    return frozenset(_DATA_DATED(root))


def extract_fields(card: Card, ctx: Context) -> Fields:
    f = Fields()
    # one pass sorts the card's elements into the few each field looks at (speed: cards repeat 10-100 times)
    links, dates, comments, authors, summaries, icons = [], [], [], [], [], []
    everything = list(iter_elements(card.roots))
    for el in everything:
        tag = el.tag
        cls = classes(el)
        prop = el.get("itemprop") or (el.get("property") and semprop(el))
        hints = _hints(cls) if cls != " " else _NO_HINTS
        if tag in _LINK_TAGS or prop == "url":
            links.append(el)
        if tag in _DATE_TAGS or prop or "d" in hints or el.get("title") or el.get("datetime") or el in ctx.data_dated:
            dates.append(el)
        if prop or "c" in hints or (tag == "a" and "#" in (el.get("href") or "")) or el.get("aria-label"):
            comments.append(el)
        if prop or "a" in hints or tag == "a":
            authors.append(el)
        if tag == "p" or prop or "s" in hints:
            summaries.append(el)
        if tag in _ICON_TAGS:
            icons.append(el)
    title_el = _title_element(card)
    f.title = _title_text(title_el)
    skip: set[Element] = set(title_el.iter())  # every element of the title (and later the excerpt)
    f.url = _url(card, title_el, links, f.title, ctx)
    person = person_block(icons, title_el)  # avatar, name and role beside the excerpt: not excerpt text
    summary_el = summary_element(summaries, title_el, skip | person if person else skip)
    if summary_el is None:
        summary_el = subtitle_heading(title_el, card)
    paras: list[Element] = []
    if summary_el is not None:
        skip.update(summary_el.iter())
    else:
        paras = summary_paragraphs(summaries, skip | person if person else skip, f.title)
        for p in paras:
            skip.update(p.iter())
    read_date(f, dates, skip, card, ctx)
    f.comments = read_comments(comments, icons, skip, card)
    f.author = read_author(authors, icons, skip)
    f.summary = summary_text_of(summary_el, paras, card.roots, f.title, skip | person if person else skip)
    f.categories = _categories(links)
    if f.author is None:
        f.author = author_from_meta_text(card, skip, f, ctx.now)
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
        if any(isinstance(e.tag, str) and e.tag in BLOCK_TAGS for e in m.iterdescendants()):
            # a link wrapping the whole card (kicker, title, excerpt, date in plain divs): the title is
            # the first leaf text of a few words that is neither a label nor a date
            for e in m.iterdescendants():
                if not isinstance(e.tag, str) or any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in e):
                    continue
                text = text_of(e)
                if len(text.split()) >= 3 and len(text) <= 200 and not find_dates(text, relative=False):
                    return e
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
    # no link on the title: the card's permalink (rel=bookmark, u-url, itemprop=url), a link labelled with the
    # title (PaperMod's empty overlay anchor), a read-more link, else any link that is not a tag/author/comment link
    best: tuple[int, str] | None = None
    folded = title.casefold()
    for el in els:
        href = el.get("content") if el.tag == "meta" else el.get("href")
        if not href or href.startswith("#") or _COMMENT_HREF.search(href) or NOT_POST_HREF.search(href):
            continue
        url = absolute_url(href, ctx.base_url)
        if not url:
            continue
        rel = (el.get("rel") or "").lower()
        label = (el.get("aria-label") or el.get("title") or "").casefold()
        cls = _classes(el)
        if "bookmark" in rel or "u-url" in cls or el.get("itemprop") == "url":
            score = 5
        elif folded and (folded in label or text_of(el).casefold() == folded):
            score = 4
        elif is_read_more(text_of(el)) or "more" in cls or "entry-link" in cls:
            score = 3
        elif not (_TAXONOMY_HREF.search(href) or _PROFILE_HREF.search(href)):
            score = 1
        else:
            continue
        if best is None or score > best[0]:
            best = (score, url)
    return best[1] if best else None


_TAXONOMY_HREF = re.compile(r"/(tag|tags|category|categories|author|authors|label|labels|topics?)/", re.I)


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
