"""HTML from feeds, made safe (nh3) or flattened to plain text.

nh3 (Rust ammonia) sanitizes far faster than feedparser's Python sanitizer,
which is why feedparser runs with `sanitize_html=False` and everything that
leaves the parser goes through here.
"""

from __future__ import annotations

import html as _html
import re
from functools import lru_cache
from html.entities import html5 as _ENTITIES
from typing import Any

import nh3

# nh3's defaults minus layout/landmark tags that make no sense inside a summary.
_TAGS = frozenset(nh3.ALLOWED_TAGS) - {"area", "map", "nav", "header", "footer", "hgroup"}
_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "a": {"href", "hreflang", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "time": {"datetime"},
}
_SCHEMES = {"http", "https", "mailto"}
_LINK_REL = "noopener nofollow"
# Removed with their content, not just unwrapped: their text is never prose.
_DROP_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "title", "select"}

# Elements that separate words visually: a space goes in before flattening so
# "<p>a</p><p>b</p>" reads "a b", not "ab".
_BLOCK = re.compile(
    r"<(?=/?(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|blockquote|pre|section|article|"
    r"aside|header|footer|figure|figcaption|hr|img|details|summary|address|main|nav)\b)",
    re.IGNORECASE,
)
_WS = re.compile(r"\s+")  # == str.split()'s whitespace; `" ".join(s.split())` is the fast equivalent
_READ_MORE = re.compile(
    r"(?:\s*(?:\[\s*(?:…|\.\.\.)\s*\]|\((?:read |see )?more(?:\s*…|\.\.\.)?\)|…\s*(?:read|continue reading)\b.*|"
    r"(?:read more|continue reading|more details?|keep reading)\b[^.!?]{0,120}?(?:→|»|›)?))+\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _cleaner(base_url: str | None) -> nh3.Cleaner:
    # One Cleaner per base URL: building one is the costly part of nh3.clean() (~0.3 ms), paid once a
    # document, whose posts share its base. Few are kept: each holds ~20 KB of the parse worker's memory
    # (128 of them were ~2.6 MB), and a pass parses each source's document once, so a larger cache is
    # never hit across documents (300 sources cycle through any size under 300).
    relative: Any = ("rewrite_with_base", base_url) if base_url else "deny"
    return nh3.Cleaner(
        tags=set(_TAGS),
        clean_content_tags=set(_DROP_CONTENT),
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel=_LINK_REL,
        url_relative=relative,
        strip_comments=True,
    )


@lru_cache(maxsize=1)
def _text_cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(tags=set(), clean_content_tags=set(_DROP_CONTENT), attributes={}, strip_comments=True)


def sanitize_html(html: str, base_url: str | None = None) -> str:
    """Safe HTML: allowed tags only, no scripts/handlers/styles, links absolute against
    `base_url` (relative links are dropped when there is no usable base), rel="noopener nofollow".
    """
    if not html:
        return ""
    base = base_url if base_url and _is_absolute_http(base_url) else None
    try:
        return _cleaner(base).clean(html).strip()
    except ValueError:  # a base nh3 cannot parse: keep the content, drop relative links
        return _cleaner(None).clean(html).strip()


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed."""
    if not html:
        return ""
    if "<" not in html and "&" not in html:
        return " ".join(html.split())
    text = _simple_text(html)
    if text is None:
        text = _nh3_text(html)
    return " ".join(text.split())


def _nh3_text(html: str) -> str:
    return _html.unescape(_text_cleaner().clean(_BLOCK.sub(" <", html)))


# --- html_to_text without nh3, for the plain markup most feeds carry --------------------------
# nh3 parses with html5ever, so its text is the document's text in source order once tags are
# dropped, for markup where the HTML tree builder neither moves nor drops text. `_simple_text`
# reads only such markup: well-formed tags of the elements below (no tables, forms, raw-text or
# dropped-content elements, no comments), entities whose decoding is unambiguous, no NUL or lone
# surrogates; anything else returns None and goes through nh3. tests/parse/test_sanitize.py
# compares the two on generated markup.
_INLINE = frozenset(
    "a abbr b bdi bdo big cite code data del dfn em font i ins kbd mark q s samp small span strike strong sub "
    "sup time tt u var wbr".split()
)
# Those of `_BLOCK`'s elements the tree builder handles without moving text (no table parts).
_SPACED = frozenset(
    "p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre section article aside header footer figure "
    "figcaption hr img details summary address main nav".split()
)
_S = r"[ \t\n\r\f]"  # the HTML tokenizer's whitespace (not Python's \s)
_ATTR_VALUE = r"""(?:"[^"]*"|'[^']*'|[^ \t\n\r\f"'=<>`]+)"""
_ATTRS = rf"(?:{_S}+[A-Za-z_:][-A-Za-z0-9_:.]*(?:{_S}*={_S}*{_ATTR_VALUE})?)*"
# An end tag (group 1: its name, no attributes) or a start tag (group 2), as the tokenizer reads them;
# stricter than it (a quirk the tokenizer forgives is no match here, and stays a '<' in the text).
_SIMPLE_TAG = re.compile(rf"<(?:/([A-Za-z][A-Za-z0-9]*){_S}*|([A-Za-z][A-Za-z0-9]*){_ATTRS}{_S}*)/?>")
_SIMPLE_NAMES = _INLINE | _SPACED
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));")
_BARE_AMP = re.compile(r"&(?!(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});)")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _Unsure(Exception):
    """An entity `_simple_text` cannot be sure to decode as the HTML parser does."""


def _entity(m: re.Match[str]) -> str:
    dec, hexa, named = m.groups()
    if named is not None:
        char = _ENTITIES.get(named + ";")
        if char is None:
            raise _Unsure
        return char
    n = int(dec) if dec is not None else int(hexa, 16)
    # Printable, not C1 (remapped as cp1252), not a surrogate or noncharacter: every decoder agrees.
    if 0x20 <= n < 0x7F or 0xA0 <= n < 0xD800 or 0xE000 <= n < 0xFDD0 or 0xFDF0 <= n < 0xFFFE:
        return chr(n)
    raise _Unsure


def _simple_text(html: str) -> str | None:
    """The text nh3 would leave (before whitespace collapsing), or None when unsure."""
    parts = _SIMPLE_TAG.split(html)  # text, end tag name, start tag name, text, ...
    if len(parts) > 1:
        names = [(end or start).lower() for end, start in zip(parts[1::3], parts[2::3], strict=True)]
        if not _SIMPLE_NAMES.issuperset(names):
            return None
        texts = parts[::3]
        parts = [""] * (2 * len(texts) - 1)
        parts[::2] = texts
        parts[1::2] = [" " if name in _SPACED else "" for name in names]  # where `_BLOCK` puts a space
    text = "".join(parts)
    if "<" in text or "\x00" in text or (not text.isascii() and _SURROGATE.search(text)):
        return None  # '<' that is no tag we read (comments, tables, scripts...), NUL, a lone surrogate
    if "&" not in text:
        return text
    # Entities are decoded within each text run: "&am<b>p;" is no entity.
    try:
        for i in range(0, len(parts), 2):
            if "&" in parts[i]:
                if _BARE_AMP.search(parts[i]):
                    return None
                parts[i] = _ENTITY.sub(_entity, parts[i])
    except _Unsure:
        return None
    return "".join(parts)


def collapse(text: str | None) -> str:
    """Whitespace collapsed, for values that already are plain text."""
    return " ".join(text.split()) if text else ""


# Where a read-more marker can begin: the first characters of each `_READ_MORE` alternative.
_MARKER_STARTS = ("[", "(", "…", "read more", "continue reading", "more detail", "keep reading")
_MARKER_START_AT = re.compile("(?=" + "|".join(re.escape(k) for k in _MARKER_STARTS) + ")", re.IGNORECASE)


def _read_more_match(tail: str) -> re.Match[str] | None:
    """`_READ_MORE.search(tail)`, trying the pattern only where a marker starts.

    The leftmost match begins with the whitespace run before the first marker start it
    succeeds from (no alternative begins with whitespace). Marker starts are found with
    str.find on the lower-cased text when that lines up with the regex's IGNORECASE
    (the only non-ASCII letters it folds onto ASCII ones are 'İ', 'ı', 'ſ' and 'K', and
    str.lower() maps 'K' alike), else with a regex.
    """
    heads: list[int] = []
    if tail.isascii() or not ("ı" in tail or "ſ" in tail or "İ" in tail):
        low = tail.lower()
        for marker in _MARKER_STARTS:
            i = low.find(marker)
            while i >= 0:
                heads.append(i)
                i = low.find(marker, i + 1)
        heads.sort()
    else:
        heads = [m.start() for m in _MARKER_START_AT.finditer(tail)]
    for head in heads:
        start = head
        while start and tail[start - 1].isspace():
            start -= 1
        m = _READ_MORE.match(tail, start)
        if m is not None:
            return m
    return None


def strip_read_more(text: str) -> str:
    """Drop trailing read-more markers ("[…]", "Read more", "Continue reading →")."""
    if not text:
        return text
    # Markers sit at the very end: match only the tail (the pattern is costly on long texts).
    cut = max(0, len(text) - 300)
    tail = text[cut:]
    m = _read_more_match(tail)
    if m is None:
        return text.rstrip()
    # What _READ_MORE.sub("", tail) does: the match runs to the end, so there is no second one.
    return (text[:cut] + tail[: m.start()] + tail[m.end() :]).rstrip()


def _is_absolute_http(url: str) -> bool:
    return url.startswith(("http://", "https://")) and len(url) > 8


_INLINE_EMPTY = frozenset({"a", "span", "em", "strong", "b", "i", "small", "u", "p"})


def strip_read_more_html(fragment: str) -> str:
    """The HTML fragment without the read-more marker its text ends with (what strip_read_more drops
    from the plain text), and without the elements (a link, its paragraph) left empty by that; the
    fragment as it was when it ends with no marker, or when its text and markup do not line up."""
    if not fragment or _read_more_match(html_to_text(fragment[-2000:])[-300:]) is None:
        return fragment  # the cheap look at the end: most summaries end with no marker
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml's parse errors: leave the fragment alone
        return fragment
    text = "".join(root.itertext())
    kept = strip_read_more(text)
    marker = "".join(text[len(kept):].split()) if text.startswith(kept) else ""
    if not marker:
        return fragment
    left = len(marker)
    taken: list[str] = []
    emptied: list[Any] = []
    for el, attr in _text_slots_backwards(root):
        value = getattr(el, attr) or ""
        end = len(value)
        while end and left:
            ch = value[end - 1]
            if not ch.isspace():
                taken.append(ch)
                left -= 1
            end -= 1
        setattr(el, attr, value[:end].rstrip() or None)
        if attr == "text":
            emptied.append(el)
        if not left:
            break
    if left or "".join(reversed(taken)) != marker:
        return fragment
    for el in emptied:  # the marker's link, then its paragraph when nothing else is left in it
        while el is not root and el.tag in _INLINE_EMPTY and not len(el) and not (el.text or "").strip():
            parent = el.getparent()
            el.drop_tree()  # keeps its tail
            el = parent
    return "".join(
        ([_html.escape(root.text, quote=False)] if root.text else [])
        + [lxml.html.tostring(c, encoding="unicode") for c in root]
    ).strip()


def _text_slots_backwards(root: Any) -> Any:
    """(element, "text" or "tail") in reverse document order, the root's own tail left out."""
    def walk(el: Any) -> Any:
        if el is not root:
            yield el, "tail"
        for child in reversed(el):
            if isinstance(child.tag, str):
                yield from walk(child)
            elif child.tail:
                yield child, "tail"
        yield el, "text"

    yield from walk(root)
