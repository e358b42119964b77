"""Page regions that hold no post (navigation, sidebars, footers, related posts, ads) and elements hidden from
readers."""

from __future__ import annotations

import re

from .classnames import CLASS_WORD_SPLIT
from .dom import Element

__all__ = ["is_hidden", "is_noise", "is_region", "page_header", "style_hidden"]

# class/id words of regions that hold no post list: widgets, navigation, related posts, ads
_NOISE_WORDS = frozenset(
    ("sidebar", "widget", "widgets", "widget-area", "related", "nav", "navbar", "navigation", "menu", "breadcrumb",
     "breadcrumbs", "comments", "commentlist", "popular", "trending", "share", "sharing", "social", "cookie",
     "cookies", "advert", "advertisement", "ads", "ad", "sponsored", "promo", "newsletter", "subscribe", "pagination",
     "pager", "aside", "mostread", "footer", "masthead", "topbar", "toolbar", "modal", "popup", "banner", "tagcloud",
     "recommended", "recommendations", "colophon", "secondary", "wpadminbar", "adminbar")
)
_CARD_WORDS = frozenset(("entry", "post", "card", "article", "item", "story", "hentry", "h-entry", "teaser"))


def is_hidden(el: Element) -> bool:
    """Hidden from readers (prepare() already dropped screen-reader-only and [hidden] elements)."""
    return el.get("aria-hidden") == "true" and el.tag != "a"


_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def style_hidden(el: Element) -> bool:
    """Hidden by an inline style (display:none, visibility:hidden) on el or an ancestor: markup for
    machines (a rel=author link, a wordCount), not text a reader sees."""
    for node in (el, *el.iterancestors()):
        if node.tag == "body":
            return False
        style = node.get("style")
        if style and _STYLE_HIDDEN.search(style):
            return True
    return False


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


def is_region(el: Element) -> bool:
    """el itself is a page region that holds no post (a nav, an aside, a toolbar, a widget, a footer)."""
    return _own_noise(el)


def page_header(el: Element) -> bool:
    """A page's header written as a classed box (`<div class="header">`, `id="header"`, "site-header"): the site's
    name and menu, never a featured post. A card's own header ("entry-header", "card-header") is none."""
    words = set(CLASS_WORD_SPLIT.split(f"{el.get('class') or ''} {el.get('id') or ''}".lower())) - {""}
    return "header" in words and not words & _CARD_WORDS and not _in_article(el)


_JS_HOOK = re.compile(r"(?:^|\s)js-\S*")


def _own_noise(el: Element) -> bool:
    tag = el.tag
    if tag in ("nav", "aside"):
        return True
    cls = (el.get("class") or "").lower()
    ident = (el.get("id") or "").lower()
    role = el.get("role") or ""
    if role in ("navigation", "complementary", "contentinfo", "banner"):
        return True
    if "js-" in cls:  # behaviour hooks name no region: GitHub's "js-navigation-container" holds the list
        cls = _JS_HOOK.sub(" ", cls)
    words = set(CLASS_WORD_SPLIT.split(cls + " " + ident)) - {""}
    if tag in ("header", "footer"):
        # a page header or footer, unless it is a post card's own ("node__header" inside <article>)
        return not (words & _CARD_WORDS) and not _in_article(el)
    if not words:
        return False
    if words & _CARD_WORDS and not (words & {"related", "sidebar", "widget", "popular", "recommended"}):
        return False  # "post-navigation" or "card-footer" is part of a card, not a region
    noisy = words & _NOISE_WORDS
    if noisy == {"secondary"} and any(a.tag == "main" or a.get("role") == "main" for a in el.iterancestors()):
        return False  # "secondary-stories" inside <main>: a newsroom's second row, not the sidebar (#secondary)
    return bool(noisy)


def _in_article(el: Element) -> bool:
    node = el.getparent()
    for _ in range(6):
        if node is None or node.tag in ("body", "html"):
            return False
        if node.tag == "article" or "Article" in (node.get("typeof") or "") or "Posting" in (node.get("typeof") or ""):
            return True
        node = node.getparent()
    return False

