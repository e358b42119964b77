"""HTML from feeds, made safe (nh3) or flattened to plain text.

nh3 (Rust ammonia) sanitizes far faster than feedparser's Python sanitizer,
which is why feedparser runs with `sanitize_html=False` and everything that
leaves the parser goes through here.
"""

from __future__ import annotations

import html as _html
import re
from functools import lru_cache
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
_WS = re.compile(r"\s+")
_READ_MORE = re.compile(
    r"(?:\s*(?:\[\s*(?:…|\.\.\.)\s*\]|\((?:read |see )?more(?:\s*…|\.\.\.)?\)|…\s*(?:read|continue reading)\b.*|"
    r"(?:read more|continue reading|more details?|keep reading)\b[^.!?]{0,120}?(?:→|»|›)?))+\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=128)
def _cleaner(base_url: str | None) -> nh3.Cleaner:
    # One Cleaner per base URL: building one is the costly part of nh3.clean().
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
        return _WS.sub(" ", html).strip()
    text = _text_cleaner().clean(_BLOCK.sub(" <", html))
    return _WS.sub(" ", _html.unescape(text)).strip()


def collapse(text: str | None) -> str:
    """Whitespace collapsed, for values that already are plain text."""
    return _WS.sub(" ", text).strip() if text else ""


def strip_read_more(text: str) -> str:
    """Drop trailing read-more markers ("[…]", "Read more", "Continue reading →")."""
    if not text:
        return text
    # Markers sit at the very end: match only the tail (the pattern is costly on long texts).
    cut = max(0, len(text) - 300)
    return (text[:cut] + _READ_MORE.sub("", text[cut:])).rstrip()


def _is_absolute_http(url: str) -> bool:
    return url.startswith(("http://", "https://")) and len(url) > 8
