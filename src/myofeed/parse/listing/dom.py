"""lxml tree helpers shared by the layout passes: text with boundaries, class tokens, noise regions."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TypeAlias
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree, html

from ..text import clean

__all__ = [
    "Element", "tokens", "attr_text", "text_of", "is_noise", "is_region", "is_hidden", "style_hidden", "absolute_url", "iter_elements",
    "BLOCK_TAGS", "HEADINGS", "prepare", "text_cache", "classes", "NOT_POST_HREF", "semprop", "nearest_heading_before",
    "walk_back", "previous_element", "parse_memo", "URL_DAY",
]

Element: TypeAlias = html.HtmlElement
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
     "recommended", "recommendations", "colophon", "secondary", "wpadminbar", "adminbar")
)
_CARD_WORDS = frozenset(("entry", "post", "card", "article", "item", "story", "hentry", "h-entry", "teaser"))
_HIDDEN_WORDS = frozenset(("screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden", "screenreader",
                           "assistive-text", "hidden", "u-hidden", "a11y-hidden", "offscreen",
                           "sound_only", "u-sronly"))  # gnuboard's and XenForo's screen-reader text


def tokens(el: Element) -> list[str]:
    """Lower-case class and id words; 'post-card__title' -> ['post', 'card', 'title']."""
    raw = (el.get("class") or "") + " " + (el.get("id") or "")
    return [t for t in _SPLIT.split(raw.lower()) if t]


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
    words = set(_SPLIT.split(cls + " " + ident)) - {""}
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


def iter_elements(roots: Iterable[Element]) -> Iterator[Element]:
    for root in roots:
        for el in root.iter():
            if isinstance(el.tag, str):
                yield el


def text_of(el: Element, skip: set[Element] | frozenset[Element] | None = None) -> str:
    """Visible text, whitespace collapsed; `skip` subtrees are left out.

    Relies on `prepare()` having padded block elements with spaces and dropped
    screen-reader-only text, so the C-level text_content() can do the work.
    """
    if not skip:
        cache = _TEXT.cache
        if cache is not None:
            hit = cache.get(el)
            if hit is None:
                hit = cache[el] = clean(el.text_content())
            return hit
        return clean(el.text_content())
    parts: list[str] = []
    holders = ancestors_of(skip)
    _walk(el, parts, skip, holders)
    return clean("".join(parts))


class _TextCache(threading.local):
    cache: dict[Element, str] | None = None
    cls: dict[Element, str] | None = None
    named: dict[str, dict[Element, object]] | None = None


_TEXT = _TextCache()


@contextmanager
def text_cache() -> Iterator[None]:
    """Memoize text_of() for one parse (the tree must not change meanwhile); per thread."""
    previous = _TEXT.cache, _TEXT.cls, _TEXT.named
    _TEXT.cache, _TEXT.cls, _TEXT.named = {}, {}, {}
    try:
        yield
    finally:
        _TEXT.cache, _TEXT.cls, _TEXT.named = previous


def parse_memo(name: str) -> dict[Element, object] | None:
    """A per-parse memo of element -> answer for one question (`name`), inside text_cache(); else None."""
    named = _TEXT.named
    if named is None:
        return None
    memo = named.get(name)
    if memo is None:
        memo = named[name] = {}
    return memo


def has_class(cls: str, name: str) -> bool:
    """`name` is one whole word of a 'class id' string: microformat names (p-author, u-url) also end
    ordinary classes ("meta-prep-author", "menu-url"), so a substring test is not enough."""
    return name in cls and name in cls.split()


def classes(el: Element) -> str:
    """Lower-case 'class id' of an element, memoized for the current parse."""
    cache = _TEXT.cls
    if cache is not None:
        hit = cache.get(el)
        if hit is None:
            hit = cache[el] = _classes(el)
        return hit
    return _classes(el)


_HASH = re.compile(r"[A-Za-z0-9-]{4,8}")


def _semantic(token: str) -> str:
    """What a class says about this element: BEM 'teaser__author' -> 'author' (not the block 'teaser');
    CSS-module 'PostCard_excerpt__Q9mNs' -> 'excerpt' (not the hash)."""
    if "__" not in token:
        return token
    block, elem = token.rsplit("__", 1)
    if _HASH.fullmatch(elem) and re.search(r"\d|[A-Z]", elem) and "_" in block:
        return block.split("_", 1)[1]
    return elem


# utility classes (Tailwind, Bootstrap) say how an element looks, not what it is: "text-sm" is no excerpt
_UTILITY = re.compile(
    r"^(?:[a-z0-9]+:)*(?:"
    # spacing and sizes only with a size after them, so microformats (p-name, h-entry) stay
    r"(?:-?[mp][trblxyse]?|w|h|size|gap|space-[xy]|top|left|right|bottom|inset|z|order|basis)-(?:\d[\w./]*|auto|full|"
    r"screen|px|min|max|fit|none|\[.*\])"
    r"|(?:text|bg|font|leading|tracking|border|rounded|shadow|flex|grid|col|row|d|align|justify|items|self|place|"
    r"float|overflow|opacity|line-clamp|decoration|transition|duration|ease|ring|fill|stroke|aspect|object|"
    r"hover|focus|group)-[\w./-]+"
    r"|flex|grid|block|inline|hidden|truncate|underline|relative|absolute|fixed|sticky|static|invisible|visible"
    r")$"
)


_HOOK_ATTRS = ("data-hook", "data-testid", "data-test", "data-qa", "data-role")


def _classes(el: Element) -> str:
    get = el.get
    cls, ident = get("class"), get("id")
    raw = _class_and_id(cls, ident)
    if len(el.attrib) > (cls is not None) + (ident is not None):  # other attributes: perhaps a test hook
        # sites with hashed class names still name their parts in test hooks: data-hook="user-name"
        for attr in _HOOK_ATTRS:
            if v := get(attr):
                raw += " " + v.lower()
    return raw


@lru_cache(maxsize=8192)
def _class_and_id(cls: str | None, ident: str | None) -> str:
    """'semantic classes id', lower case (cached: cards repeat their class strings)."""
    return (_semantic_classes(cls or "") + " " + (ident or "")).lower()


@lru_cache(maxsize=8192)
def _semantic_classes(cls: str) -> str:
    """A class attribute without utility classes, BEM blocks and CSS-module hashes (cached: cards repeat)."""
    if "-" in cls or ":" in cls:
        cls = " ".join(t for t in cls.split() if not _UTILITY.match(t))
    if "__" in cls:
        cls = " ".join(_semantic(t) for t in cls.split())
    return cls


def ancestors_of(els: set[Element] | frozenset[Element]) -> set[Element]:
    """Every ancestor of any of `els` (e.g. of skipped elements: only these need walking node by node)."""
    out: set[Element] = set()
    for s in els:
        node = s.getparent()
        while node is not None and node not in out:
            out.add(node)
            node = node.getparent()
    return out


def walk_back(start: Element, memo: dict[object, object],
              step: Callable[[Element], tuple[bool, Element | None]]) -> Element | None:
    """A memoized backward walk: step(node) gives (True, answer) to stop, or (False, next node) to go on
    (None ends the walk with no answer). Every node passed gets the answer in `memo`, so the cards of a
    long list cost one walk between them, not one walk each."""
    seen: list[Element] = []
    node: Element | None = start
    found: Element | None = None
    while node is not None:
        if node in memo:
            found = memo[node]  # type: ignore[assignment]
            break
        seen.append(node)
        done, nxt = step(node)
        if done:
            found = nxt
            break
        node = nxt
    for n in seen:
        memo[n] = found
    return found


def previous_element(node: Element) -> Element | None:
    """The sibling element before node (comments and processing instructions passed over)."""
    prev = node.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    return prev


def _heading_step(node: Element) -> tuple[bool, Element | None]:
    if node.tag in ("body", "html"):
        return True, None
    prev = previous_element(node)
    if prev is None:
        return False, node.getparent()
    if prev.tag in HEADINGS:
        return True, prev
    inner = next(reversed(list(prev.iter("h1", "h2", "h3", "h4", "h5", "h6"))), None)
    return (True, inner) if inner is not None else (False, prev)


def nearest_heading_before(el: Element, memo: dict[object, object]) -> Element | None:
    """The last heading before el in page order that does not hold it: a preceding sibling's (or the last
    one inside it), else its parent's (memoized in `memo`)."""
    return walk_back(el, memo, _heading_step)


def _walk(el: Element, parts: list[str], skip: set[Element] | frozenset[Element], holders: set[Element]) -> None:
    if el in skip:
        return
    if el not in holders:
        parts.append(el.text_content())
        return
    if el.text:
        parts.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            _walk(child, parts, skip, holders)
        if child.tail:
            parts.append(child.tail)


@lru_cache(maxsize=4096)
def _hidden_class(cls: str) -> bool:
    words = cls.lower().split()
    if not _HIDDEN_WORDS.intersection(words):
        return False
    # Tailwind "hidden sm:block" is shown on any screen wider than a phone
    return not ("hidden" in words and any(":" in w for w in words) and not _HIDDEN_WORDS.intersection(
        w for w in words if w != "hidden"))


# a permalink that dates the post: /2024/03/04/slug/ (WordPress, news sites)
URL_DAY = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?=/|$|[?#])")


_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.I)


def _styled_hidden(style: str | None) -> bool:
    """style="display: none": a copy for another screen size (a forum's mobile "Last post by ..." line),
    never what the reader sees."""
    return style is not None and "none" in style and _DISPLAY_NONE.search(style) is not None


_STYLED_NONE = etree.XPath("//*[contains(@style, 'none')]")
_MATERIAL = etree.XPath("//*[contains(@class, 'material-icons') or contains(@class, 'material-symbols')]")
# custom elements that are a <time> with a script's formatting (GitHub's relative-time and local-time)
_TIME_ELEMENTS = frozenset(("relative-time", "local-time", "time-ago", "time-until"))
_LIGATURE = re.compile(r"^\s*[a-z][a-z0-9_]{1,40}\s*$")


def _ligature_icon(el: Element, cls: str) -> bool:
    """Material icons are words the icon font draws ("chat_bubble_outline", "event"): the word is the
    icon's name (kept as data-icon, where icon rules read it), never text ("chat_bubble_outline14")."""
    if not ("material-icons" in cls or "material-symbols" in cls) or len(el) or not _LIGATURE.match(el.text or ""):
        return False
    el.set("data-icon", (el.text or "").strip())
    el.text = None
    return True


def prepare(root: Element, raw: str | None = None) -> None:
    """One pass after the structured-data pass: drop scripts, styles, comments and screen-reader-only
    text, and pad block elements with spaces so text_content() keeps words apart. `raw`, the page's source,
    lets the rarer passes (display:none, icon-font words) be skipped when it names none of them."""
    etree.strip_elements(root, "script", "style", "template", "iframe", etree.Comment, with_tail=False)
    drop: list[Element] = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        cls = el.get("class")
        if (cls and _hidden_class(cls)) or el.get("hidden") is not None:
            drop.append(el)
            continue
        if tag in BLOCK_TAGS:
            el.tail = " " + el.tail if el.tail else " "
            if tag == "br":
                continue
            el.text = " " + el.text if el.text else " "
    # the rarer cases by C-level queries, not a Python test on every element
    if raw is None or "display" in raw:
        drop.extend(el for el in _STYLED_NONE(root) if _styled_hidden(el.get("style")))
    if raw is None or "material-" in raw:
        for el in _MATERIAL(root):
            _ligature_icon(el, el.get("class") or "")
    if raw is None or "clone" in raw or "duplicate" in raw:
        drop.extend(_cloned_slides(root))
    for el in root.iter(*_TIME_ELEMENTS):
        el.tag = "time"  # GitHub's <relative-time datetime=...>: a <time> to every rule
    if raw is None or "data-tippy" in raw or "data-tooltip" in raw or "original-title" in raw:
        for el in _TOOLTIPS(root):  # tooltip-title: Lemmy's "2h" shows its full time on hover
            if not el.get("title") and (tip := attr_text(el, *_TOOLTIP_ATTRS)) and len(tip) <= 80:
                el.set("title", tip)
    for el in drop:
        if el.getparent() is not None:
            el.drop_tree()


# a script tooltip's text: the hover title of an element that shows a short form ("2h", "3d")
_TOOLTIP_ATTRS = ("data-tippy-content", "data-tooltip", "data-original-title", "data-bs-original-title")
_TOOLTIPS = etree.XPath("//*[@data-tippy-content or @data-tooltip or @data-original-title or @data-bs-original-title]")
_CLONE_QUERY = etree.XPath("//*[contains(@class, 'clone') or contains(@class, 'duplicate')]")
_CLONE_CLASSES = frozenset(("slick-cloned", "cloned", "swiper-slide-duplicate", "glide__slide--clone",
                            "splide__slide--clone", "carousel-clone", "slide-clone", "is-clone"))


def _cloned_slides(root: Element) -> list[Element]:
    """cloned-slide: the copies a carousel script makes of its first and last slides so it can loop (slick's
    "slick-cloned", Swiper's "swiper-slide-duplicate", Owl's "cloned"): the slide before the first is a copy
    of the last, and read as a post it put a hero's posts out of order. Only queried when the page's source
    names a clone or a duplicate."""
    return [el for el in _CLONE_QUERY(root) if _CLONE_CLASSES.intersection((el.get("class") or "").split())]


_RDFA_PREFIX = re.compile(r"^(?:schema|dc|dcterms|sioc|foaf|og|article|https?://schema\.org/?)[:/]")


def semprop(el: Element) -> str:
    """The schema property an element states: microdata itemprop, or RDFa property without its prefix
    (Drupal: property="schema:dateCreated", dc:date)."""
    prop = el.get("itemprop")
    if prop:
        return prop
    prop = el.get("property")
    if prop:
        return _RDFA_PREFIX.sub("", prop.split()[0])
    return ""


def attr_text(el: Element, *names: str) -> str | None:
    for name in names:
        v = el.get(name)
        if v and v.strip():
            return v.strip()
    return None


# links that are never a post's own link: comment forms and counts, login, sharing, feeds
NOT_POST_HREF = re.compile(
    r"/comment/reply/|/comments?/(?:reply|new|add)\b|[#?&](?:comments?|respond|reply|comment-form|disqus_thread|"
    r"replytocom)\b|/(?:user/)?(?:login|log-in|signin|sign-in|register|signup|sign-up)\b|/wp-login\.php|"
    r"/share\b|sharer|/intent/(?:tweet|post)|/shareArticle|/submit\?|/(?:feed|rss)/?$|/comments/?$|/wp-admin/",
    re.I,
)


_DROP_FRAGMENTS = re.compile(r"^(more|more-\d+|comments?|respond|comment-form|disqus_thread|read-more|reply)$", re.I)


def absolute_url(href: str | None, base: str) -> str | None:
    """Resolve href against base; drop '#comments'-style fragments; refuse javascript:, mailto:, bare '#',
    and file: unless the page itself is a local file."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(("javascript:", "mailto:", "tel:", "data:")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "file"):
        return None
    if parts.scheme == "file" and not base.lower().startswith("file:"):
        return None  # a fetched page never points at local files: file: is only what the operator gave
    if parts.fragment and _DROP_FRAGMENTS.match(parts.fragment):
        url = urlunsplit(parts._replace(fragment=""))
    if parts.query and _TRACKING_HINT.search(parts.query):
        url = _without_tracking(url)
    return url


# tracking-query: campaign and click parameters say where a reader came from, not which post it is
# (utm_*, fbclid, gclid, Mailchimp's mc_*, HubSpot's _hs*, Medium's source=collection_home---4---...)
_TRACKING_HINT = re.compile(r"utm_|clid=|mc_[ce]id=|_hs[a-z]+=|source=", re.I)
_TRACKING_KEY = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi)$", re.I)
_TRACKING_SOURCE = re.compile(r"^[a-z_]*-{3,}[\w-]*$", re.I)


def _without_tracking(url: str) -> str:
    parts = urlsplit(url)
    kept = [p for p in parts.query.split("&") if not _tracking_pair(p)]
    return urlunsplit(parts._replace(query="&".join(kept)))


def _tracking_pair(pair: str) -> bool:
    key, _, value = pair.partition("=")
    return bool(_TRACKING_KEY.match(key) or (key.lower() == "source" and _TRACKING_SOURCE.match(value)))
