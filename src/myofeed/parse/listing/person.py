"""Writers' names in a card: avatars, a writer's box, co-author bylines, schema.org agents."""

from __future__ import annotations

import re

from ..dates import find_dates
from ..text import COMMENT_WORDS, clean, clean_author
from .cardtext import _BY_NAME, _PROFILE_HREF, _classes, _icon_hint, name_text
from .dom import BLOCK_TAGS, HEADINGS, Element, text_of

__all__ = ["is_avatar", "person_block", "states", "coauthors", "name_beside", "author_from_element",
           "inside_word", "AUTHOR_PROPS", "NAME_PROPS", "NAME_CLS", "LABEL_HREF", "PILL", "LABEL_CLS", "UI_WORDS", "type_label"]


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


AUTHOR_PROPS = frozenset(("author", "creator", "has_creator"))
NAME_PROPS = frozenset(("name", "legalName", "alternateName"))


def states(el: Element, props: frozenset[str]) -> bool:
    """el carries one of these schema properties (itemprop, or RDFa property/rel with any prefix)."""
    for attr in ("itemprop", "property", "rel"):
        v = el.get(attr)
        if v and (attr != "rel" or ":" in v) and any(p.rsplit(":", 1)[-1].rsplit("/", 1)[-1] in props
                                                     for p in v.split()):
            return True
    return False


# "nickname": Korean and Japanese communities name members by nickname (span.nickname), never with a by-word
NAME_CLS = re.compile(r"(?:^|[\s_-])(?:(?:user|author|writer|profile|member|creator|owner|poster)[-_]?name|nick(?:[-_]?name)?)"
                      r"(?:$|[\s_-])")
_AVATAR = re.compile(r"avatar|gravatar|writer|author|profile|user|portrait|headshot|byline", re.I)
_CO = re.compile(r"^\s*(?:,|&|and|und|et|y|e|en|og|och|i|\+)\s*$", re.I)


def coauthors(el: Element, name: str) -> str:
    """'Ann Lee and Bo Chen' written as two links (joined by text or a <span> and </span>): keep the byline
    as shown. `co-author-siblings`: a name wrapped alone in its box (<span class="author"><a>Ann</a></span>,
    <li><a>Ann</a></li>) is joined with the boxes of the same kind after it: "Ann Lee, Bo Chen, Ruth Ebner"."""
    box = el
    while (up := box.getparent()) is not None and up.tag in ("span", "li", "div", "strong", "em", "b") \
            and len(up) == 1 and not clean(up.text or "") and not clean(box.tail or ""):
        box = up
    return _joined(box, name)


def _joined(el: Element, name: str) -> str:
    out, joint = name, clean(el.tail or "")
    node = el.getnext()
    while node is not None:
        if node.tag == "span" and len(node) == 0 and node.tag != el.tag and not joint:
            joint = clean(text_of(node) + " " + (node.tail or ""))
        elif node.tag == el.tag and (_CO.match(joint) or (not joint and el.tag == "li")) and _same_kind(el, node) \
                and (other := clean_author(text_of(node))) and len(other) <= 60:
            out += ("," if joint in (",", "") else " " + joint) + " " + other
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


_CONNECTOR = re.compile(r"^\s*(?:by|via|from|posted\s+by|written\s+by|authored\s+by|von|par|por|door|di|av)\s*:?\s*$", re.I)


def name_beside(img: Element, skip: set[Element]) -> str | None:
    """The name in the first text after an avatar (climbing up to four levels until some text follows)."""
    node = img
    for _ in range(4):
        parent = node.getparent()
        if parent is None:
            return None
        nxt = node.getnext()
        while nxt is not None and (not text_of(nxt) or _CONNECTOR.match(text_of(nxt))):
            nxt = nxt.getnext()  # "<img> <span>via</span> <a>ann</a>": the word joining avatar and name is no name
        if nxt is not None:
            return _name_in_box(nxt, skip)
        node = parent
    return None


def _name_in_box(box: Element, skip: set[Element]) -> str | None:
    """The first line of a name-and-role box, when it reads as a short name (no digits, four words at most)."""
    first = box
    while len(first) and text_of(first[0]) and (len(text_of(first)) > 60 or _two_blocks(first)):
        first = first[0]
    if first in skip or box in skip or first.tag in HEADINGS or first.find(".//h1|.//h2|.//h3|.//h4") is not None:
        return None
    text = name_text(first)
    if 2 <= len(text) <= 40 and not re.search(r"\d", text) and len(text.split()) <= 4:
        return clean_author(text)
    return None


def _two_blocks(el: Element) -> bool:
    """A box of lines, its first a block: the name's line, then a role, or a date linked to the post."""
    return len(el) >= 2 and el[0].tag in BLOCK_TAGS


def inside_word(el: Element, word: str) -> bool:
    node = el.getparent()
    for _ in range(3):
        if node is None:
            return False
        if word in _classes(node):
            return True
        node = node.getparent()
    return False


# "Posted by Talia Brooks, Registry Coordinator": a byline sentence whose name is followed by a role
_BYLINE_WITH_ROLE = re.compile(r"^\s*(?:posted|written|published)\s+by\s+[^,]+,\s*\S", re.I)


def author_from_element(el: Element) -> str | None:
    """The name a byline element shows: its whole text when that is a name, else a name-classed part
    of it, else the name after "By"."""
    text = name_text(el)
    if not text:
        return None
    noisy = bool(find_dates(text, relative=False)) or bool(re.search(COMMENT_WORDS, text, re.I)) or len(text) > 60
    if not noisy and not _BYLINE_WITH_ROLE.match(text):
        return clean_author(text)
    if a := _name_part(el):
        return a
    m = _BY_NAME.search(text)
    return clean_author(m.group(1)) if m else None


def _name_part(el: Element) -> str | None:
    """A part of a byline classed name/fn/author, or linking to /author: its text, when it holds no date."""
    for sub in el.iterdescendants():
        if not isinstance(sub.tag, str):
            continue
        cls = _classes(sub)
        if "name" in cls or "fn" in cls.split() or "author" in cls or "/author" in (sub.get("href") or ""):
            text = text_of(sub)
            if text and not find_dates(text, relative=False) and (a := clean_author(text)):
                return a
    return None


# a topic link (/tag/x, ?topic=x) or a pill ("rounded-full px-3", "badge", "chip") names a topic, not a person
LABEL_HREF = re.compile(r"/(tags?|categor\w*|topics?|labels?)/|[?&](?:tags?|topics?|categor\w*|cat|labels?|section)=", re.I)
PILL = re.compile(r"(?:^|\s)(?:rounded-(?:full|pill)|badge|chip|pill|tag|label)(?:$|\s)", re.I)
LABEL_CLS = re.compile(r"(?:^|[\s_-])(?:cats?|categor(?:y|ies)|tags?|topics?|labels?|section|kicker|eyebrow|badge|"
                        r"rubric|genre|primary-tag|subjects?|channel|desk|department)(?:$|[\s_-])")
UI_WORDS = {"read more", "share", "featured", "sponsored", "updated", "advertisement", "continue reading",
             "top stories", "breaking news", "latest news", "press release", "press releases", "news release",
             "min read", "member only", "editor's pick", "staff pick"}


# type-label-not-author: what kind of item a row is ("News Ticker", "Featured Article", "Press release",
# "Announcement", "Media Advisory"), printed in its label cell or badge beside the date: capitalised words that
# read as a name, but the last is a kind of publication, which no one's surname is ("News" and "Reports" are left
# out: "Harbour News" and "Consumer Reports" write as publishers)
_TYPE_WORDS = frozenset((
    "ticker", "article", "articles", "release", "releases", "announcement", "announcements", "update", "updates",
    "bulletin", "bulletins", "statement", "statements", "newsletter", "newsletters", "advisory", "advisories",
    "interview", "interviews", "editorial", "editorials", "podcast", "podcasts", "video", "videos", "webinar",
    "webinars", "spotlight", "spotlights", "feature", "features", "notice", "notices", "brief", "briefs", "briefing",
    "briefings", "digest", "digests", "op-ed", "op-eds", "alert", "alerts", "event", "events", "gallery", "galleries",
    "photo", "photos", "guide", "guides"))
# last words that are a kind only after a given word: "Blog Post" (not "Emily Post"), "Case Study", "Fact Sheet"
_TYPE_PAIRS = {"post": "blog", "posts": "blog", "study": "case", "studies": "case", "paper": "white",
               "papers": "white", "sheet": "fact", "sheets": "fact"}


# the same kinds in other languages (a German newsroom's "Pressemitteilung", a French blog's "Événement")
_TYPE_WORDS_OTHER = frozenset((
    "pressemitteilung", "pressemitteilungen", "pressemeldung", "pressemeldungen", "mitteilung", "mitteilungen",
    "meldung", "meldungen", "veranstaltung", "veranstaltungen", "nachricht", "termine", "événement", "évènement",
    "événements", "communiqué", "communiqués", "évènements", "evento", "eventos", "eventi", "evenement", "evenementen",
    "persbericht", "persberichten", "comunicado", "comunicados", "comunicato", "comunicati", "episodio", "épisode",
    "aflevering", "notificación", "aviso", "avis", "hinweis", "artikel", "artículo", "articolo"))
# a label of one word that is only ever a section's or a kind's name ("News" alone; "Harbour News" is a publisher)
_KIND_ALONE = frozenset((
    "news", "nieuws", "nachrichten", "aktuelles", "aktuell", "actualités", "actualité", "actus", "noticias",
    "noticia", "notizie", "notizia", "novità", "nyheter", "nyhet", "nyheder", "uutiset", "wiadomości",
    "aktualności", "новости", "новина", "новини", "ニュース", "お知らせ", "新闻", "新聞", "公告", "뉴스", "공지",
    "press", "presse", "prensa", "stampa", "imprensa", "termin", "trailer", "teaser"))
# "Communiqué de presse", "Nota de prensa", "Comunicato stampa": the press named last, the kind first
_PRESS = frozenset(("presse", "prensa", "stampa", "imprensa", "pers"))


def type_label(text: str) -> bool:
    """A row's kind as its label cell or badge names it ("News Ticker", "Featured Article", "Pressemitteilung",
    "Communiqué de presse", "News" alone), never an author: three words at most, the last a kind of item (a set
    lookup: it is asked of every post's author)."""
    words = text.lower().split()
    if not 1 <= len(words) <= 3:
        return False
    last = words[-1].strip(".:")
    if last in _TYPE_WORDS or last in _TYPE_WORDS_OTHER or (len(words) >= 2 and _TYPE_PAIRS.get(last) == words[-2]):
        return True
    return (len(words) == 1 and last in _KIND_ALONE) or (len(words) >= 2 and last in _PRESS)
