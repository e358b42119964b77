"""lxml tree helpers shared by the layout passes: text with boundaries, class tokens, noise regions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree, html

from ..text import clean

__all__ = [
    "Element", "tokens", "attr_text", "text_of", "is_noise", "is_hidden", "absolute_url", "iter_elements",
    "BLOCK_TAGS", "HEADINGS",
]

Element = html.HtmlElement
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
BLOCK_TAGS = frozenset(
    ("p", "div", "li", "ul", "ol", "br", "tr", "td", "th", "table", "section", "article", "header", "footer",
     "dd", "dt", "dl", "blockquote", "figure", "figcaption", "main", "aside", "nav", "form", "hr", "address")
) | HEADINGS
_SPLIT = re.compile(r"[\s_-]+")
# class/id words of regions that hold no post list: widgets, navigation, related posts, ads
_NOISE_WORDS = frozenset(
    ("sidebar", "widget", "widgets", "widget-area", "related", "nav", "navbar", "navigation", "menu", "breadcrumb",
     "breadcrumbs", "comments", "commentlist", "popular", "trending", "share", "sharing", "social", "cookie",
     "cookies", "advert", "advertisement", "ads", "ad", "sponsored", "promo", "newsletter", "subscribe", "pagination",
     "pager", "aside", "mostread", "footer", "masthead", "topbar", "toolbar", "modal", "popup", "banner", "tagcloud",
     "recommended", "recommendations", "colophon", "secondary")
)
_CARD_WORDS = frozenset(("entry", "post", "card", "article", "item", "story", "hentry", "h-entry", "teaser"))
_HIDDEN_WORDS = frozenset(("screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden", "screenreader",
                           "assistive-text", "hidden", "u-hidden", "a11y-hidden", "offscreen"))


def tokens(el: Element) -> list[str]:
    """Lower-case class and id words; 'post-card__title' -> ['post', 'card', 'title']."""
    raw = (el.get("class") or "") + " " + (el.get("id") or "")
    return [t for t in _SPLIT.split(raw.lower()) if t]


def class_str(el: Element) -> str:
    return (el.get("class") or "").lower()


def is_hidden(el: Element) -> bool:
    cls = class_str(el)
    if cls and any(w in cls.split() for w in _HIDDEN_WORDS):
        return True
    return el.get("aria-hidden") == "true" and el.tag not in ("a",) or el.get("hidden") is not None


def is_noise(el: Element, cache: dict[Element, bool]) -> bool:
    """True when el sits inside navigation, a sidebar, a footer, related posts or an ad."""
    chain: list[Element] = []
    node: Element | None = el
    result = False
    while node is not None and node.tag not in ("body", "html"):
        if node in cache:
            result = cache[node]
            break
        chain.append(node)
        node = node.getparent()
    for n in reversed(chain):
        if not result:
            result = _own_noise(n)
        cache[n] = result
    return result


def _own_noise(el: Element) -> bool:
    tag = el.tag
    if tag in ("nav", "aside"):
        return True
    cls = (el.get("class") or "").lower()
    ident = (el.get("id") or "").lower()
    role = el.get("role") or ""
    if role in ("navigation", "complementary", "contentinfo", "banner"):
        return True
    words = set(_SPLIT.split(cls + " " + ident)) - {""}
    if tag in ("header", "footer"):
        return not (words & _CARD_WORDS)
    if not words:
        return False
    if words & _CARD_WORDS and not (words & {"related", "sidebar", "widget", "popular", "recommended"}):
        return False  # "post-navigation" or "card-footer" is part of a card, not a region
    return bool(words & _NOISE_WORDS)


def iter_elements(roots: Iterable[Element]) -> Iterator[Element]:
    for root in roots:
        for el in root.iter():
            if isinstance(el.tag, str):
                yield el


def text_of(el: Element, skip: set[Element] | None = None, *, hidden: bool = False) -> str:
    """Visible text with spaces at block boundaries; `skip` subtrees and screen-reader text are left out."""
    parts: list[str] = []
    _walk(el, parts, skip or set(), hidden)
    return clean("".join(parts))


def _walk(el: Element, parts: list[str], skip: set[Element], hidden: bool) -> None:
    tag = el.tag
    if not isinstance(tag, str) or el in skip or (not hidden and is_hidden(el)):
        return
    block = tag in BLOCK_TAGS
    if block:
        parts.append(" ")
    if tag == "img":
        pass
    elif el.text:
        parts.append(el.text)
    for child in el:
        _walk(child, parts, skip, hidden)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append(" ")


def attr_text(el: Element, *names: str) -> str | None:
    for name in names:
        v = el.get(name)
        if v and v.strip():
            return v.strip()
    return None


_DROP_FRAGMENTS = re.compile(r"^(more|more-\d+|comments?|respond|comment-form|disqus_thread|read-more|reply)$", re.I)


def absolute_url(href: str | None, base: str) -> str | None:
    """Resolve href against base; drop '#comments'-style fragments; refuse javascript:, mailto:, bare '#'."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(("javascript:", "mailto:", "tel:", "data:")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "file"):
        return None
    if parts.fragment and _DROP_FRAGMENTS.match(parts.fragment):
        url = urlunsplit(parts._replace(fragment=""))
    return url


def strip_noise_elements(root: Element) -> None:
    """Drop scripts, styles and comments once the structured-data pass has read them (tails kept)."""
    etree.strip_elements(root, "script", "style", "noscript", "template", "iframe", etree.Comment, with_tail=False)
