"""The author inside one card: schema.org markup and microformats first, then class, link and icon hints,
then text patterns ("By Ann Lee", a name in the "date · 5 min · name" meta line) in the card's meta text."""

from __future__ import annotations

import re
from datetime import datetime

from ..dates import find_dates
from ..text import COMMENT_WORDS, clean, clean_author, parse_comment_count
from .blocks import Card
from .cardtext import (
    _AUTHOR_WORDS,
    _BY_NAME,
    _COMMENT_WORD,
    _EMOJI_AUTHOR,
    _ICON_USER,
    _NAME_LIKE,
    _PROFILE_HREF,
    _READING_TIME,
    _classes,
    _has_word,
    _holding,
    _icon_hint,
    _icon_root,
    _inside,
    _meta_text,
    meta_line_items,
    name_text,
)
from .dom import BLOCK_TAGS, HEADINGS, Element, attr_text, text_of, tokens
from .model import Fields

__all__ = ["read_author", "author_from_meta_text", "is_avatar", "person_block"]


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
        if el.tag == "img" and not _inside(el, skip) and is_avatar(el):
            if a := _name_beside(el, skip):
                return a
    return None


_ROUND = re.compile(r"(?:^|\s)(?:rounded-full|rounded-circle|circle|circular|round|img-circle)(?:$|\s)")
_TW_SIZE = re.compile(r"(?:^|\s)(?:[hw]|size)-(\d+)(?:$|\s)")


def is_avatar(img: Element) -> bool:
    """A writer's picture: named so (avatar, gravatar, author), or a small round image (Tailwind
    "h-10 w-10 rounded-full", Bootstrap "rounded-circle" at width=40)."""
    return _small_round(img) or bool(_AVATAR.search(_icon_hint(img) + " " + _classes(img)))


def _small_round(img: Element) -> bool:
    cls = (img.get("class") or "").lower()  # the raw attribute: utility classes included
    if "avatar" in cls:
        return True
    if "round" not in cls and "circ" not in cls or not _ROUND.search(cls):
        return False
    sizes = [int(v) for v in _TW_SIZE.findall(cls)]
    for attr in ("width", "height"):
        if (v := (img.get(attr) or "").removesuffix("px")).isdigit():
            sizes.append(int(v) // 4)
    return bool(sizes) and max(sizes) <= 24


def person_block(icons: list[Element], title_el: Element) -> set[Element]:
    """The elements of a writer's box beside the excerpt (avatar, name, role): no part of the summary."""
    for img in icons:
        if img.tag != "img" or not _small_round(img):
            continue
        box = img.getparent()
        if box is not None and box.tag == "a" and not text_of(box):
            box = box.getparent()
        if box is None or any(e is title_el for e in box.iter()) or not 0 < len(text_of(box)) <= 100:
            continue
        return set(box.iter())
    return set()


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
            while len(first) and text_of(first[0]) and (
                len(text_of(first)) > 60 or len(first) >= 2 and first[0].tag in BLOCK_TAGS and first[1].tag in BLOCK_TAGS
            ):
                first = first[0]  # the first line of a name-and-role box is the name
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
        for el, parts in meta_line_items(root, skip, holders):
            if not any(find_dates(p, now=f_now) for p in parts):
                continue
            names = [p for p in parts if _NAME_LIKE.match(p) and not find_dates(p, now=f_now)
                     and not _READING_TIME.match(p) and not parse_comment_count(p)[0]]
            # categories, kickers and badges look like names ("Health News"): leave out what is marked as such
            not_names = {
                text_of(d)
                for d in el.iter()
                if isinstance(d.tag, str)
                and (_LABEL_CLS.search(_classes(d)) or _LABEL_HREF.search(d.get("href") or "")
                     or _PILL.search(d.get("class") or ""))
            }
            names = [n for n in names if n not in not_names and n.casefold() not in _UI_WORDS]
            if len(names) == 1:
                return names[0]
            break
    return None

# a topic link (/tag/x, ?topic=x) or a pill ("rounded-full px-3", "badge", "chip") names a topic, not a person
_LABEL_HREF = re.compile(r"/(tags?|categor\w*|topics?|labels?)/|[?&](?:tags?|topics?|categor\w*|cat|labels?|section)=", re.I)
_PILL = re.compile(r"(?:^|\s)(?:rounded-(?:full|pill)|badge|chip|pill|tag|label)(?:$|\s)", re.I)
_LABEL_CLS = re.compile(r"(?:^|[\s_-])(?:cats?|categor(?:y|ies)|tags?|topics?|labels?|section|kicker|eyebrow|badge|"
                        r"rubric|genre|primary-tag)(?:$|[\s_-])")
_UI_WORDS = {"read more", "share", "featured", "sponsored", "updated", "advertisement", "continue reading",
             "top stories", "breaking news", "latest news", "press release", "press releases", "news release",
             "min read", "member only", "editor's pick", "staff pick"}
