"""Group selection: which repeated title candidates are the page's post list.

Title candidates (headings, linked texts, *title* elements) are grouped by their
tag path; the group that looks most like a post list (many members, links,
dates and excerpts nearby, outside sidebars and navigation) wins. Each member's
card is its highest ancestor holding no other member (`partition`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from lxml import etree

from ..dates import find_dates
from ..month_names import MONTHS
from ..text import parse_comment_count, text_width, word_count
from .cardtext import column_cell
from .dom import HEADINGS, NOT_POST_HREF, Element, is_hidden, is_noise, text_of
from .model import Card
from .sections import without_section_headings

__all__ = ["FRONT_PAGE", "MONTH_WORDS", "YEAR_HEADING", "month_heading", "Groups", "best_group", "dated_any", "group_candidates", "in_aside", "not_a_title_link", "partition", "signature",
           "title_text"]


# per-post class names ("post-611", "tag-ibm", "has-post-thumbnail") differ between cards of one list;
# hashed CSS-module names ("xX0c1") do not, so only these are left out of a card's signature
_PER_POST = re.compile(r"(?:^|[-_])\d+$|^[a-z]+\d{2,}$|^(tag|category|format|status|author|sticky|has|post-format|wp-embed|pid)-|^sticky$")


_SEMANTIC = re.compile(r"\b(h-entry|hentry|post|entry|article|card|story|teaser)\b")


_POST_TYPES = re.compile(r"(BlogPosting|Article|NewsArticle|CreativeWork|Posting|Report)$")


_BAD_HREF = re.compile(r"/(tag|tags|category|categories|author|label|search|page)/|[?&](page|p)=\d|^#|/feed/?$", re.I)


# small elements whose class names a title ("card-title", hashed "Card_title__x1") are candidates too
_TITLED_TAGS = ("div", "span", "p", "strong", "b")


def _candidates(root: Element) -> list[Element]:
    """Headings, links outside headings, and title-classed elements outside headings (C-level queries)."""
    headings = list(root.iter("h1", "h2", "h3", "h4", "h5", "h6"))  # iter, not an XPath union: linear
    inside: set[Element] = set()
    for h in headings:
        inside.update(h.iter())
    out = list(headings)
    out.extend(a for a in root.iter("a") if a.get("href") is not None and a not in inside)
    for e in root.iter(*_TITLED_TAGS):
        cls = e.get("class")
        if cls and ("itle" in cls or "eadline" in cls) and len(e) <= 3 and e not in inside and not _in_heading(e):
            out.append(e)
    return out


def _in_heading(el: Element) -> bool:
    node = el.getparent()
    for _ in range(4):
        if node is None:
            return False
        if node.tag in HEADINGS:
            return True
        node = node.getparent()
    return False


def signature(el: Element, paths: dict[Element, tuple[str, ...]]) -> tuple[str, ...]:
    """The element's own classes (minus per-post ones such as 'post-123') and its tag path up to <body>."""
    cls = " ".join(sorted(t for t in (el.get("class") or "").split() if not _PER_POST.search(t)))
    return (cls, el.tag, *_path(el.getparent(), paths))


def _path(node: Element | None, paths: dict[Element, tuple[str, ...]]) -> tuple[str, ...]:
    if node is None or node.tag == "body":
        return ()
    hit = paths.get(node)
    if hit is None:
        hit = paths[node] = (node.tag, *_path(node.getparent(), paths))
    return hit


def title_text(el: Element) -> str:
    return text_of(el)


Groups = dict[tuple[str, ...], list[Element]]


def group_candidates(body: Element, paths: dict[Element, tuple[str, ...]]) -> tuple[Groups, list[Element]]:
    """Title candidates grouped by signature; links whose only fault is a short text ("VS Code",
    "Academic") are kept apart, to join a list of the same shape."""
    groups: Groups = defaultdict(list)
    short: list[Element] = []
    for el in _candidates(body):
        if is_hidden(el):
            continue
        text = title_text(el)
        wraps_card = el.tag == "a" and _HAS_BLOCK(el)  # a link around a whole card: title, excerpt, date
        if not ((2 if el.tag == "a" else 4) <= len(text) <= (1500 if wraps_card else 300)):
            continue
        if el.tag == "a" and (text_width(text) < 12 or word_count(text) < 2) and not in_title_column(el):
            short.append(el)  # shape and href checked only if a list of title links wins
            continue
        if el.tag == "a" and not_a_title_link(el, text):
            continue
        groups[signature(el, paths)].append(el)
    for sig, members in groups.items():
        groups[sig] = _without_file_links(members)
    return groups, short


# an archive table's "Title" column header: a link under it is a post's title however short ("Splints")
_TITLE_COLUMN = re.compile(r"^(?:titles?|titel|titre|t[íi]tulo|titolo|tytu[łl]|topics?|subject|thema|sujet|asunto|"
                           r"argomento|temat|onderwerp|件名|タイトル|题目|标题|標題|主题|主題|제목)$", re.I)


def in_title_column(a: Element) -> bool:
    """A short link in a table cell under a "Title" (Titel, Sujet, 件名) column header: a Drupal Views or
    forum archive whose posts have one-word titles has no longer link to stand for its rows."""
    cell = a.getparent()
    for _ in range(2):
        if cell is None or cell.tag in ("td", "th"):
            break
        cell = cell.getparent()
    if cell is None or cell.tag not in ("td", "th") or (row := cell.getparent()) is None:
        return False
    # the cell's first link only: Discourse's "Topic" cell holds its title link, then category and tag
    # badges, short links that must not stand for the rows
    if next((x for x in cell.iter("a") if text_of(x)), None) is not a:
        return False
    return column_cell(row, _TITLE_COLUMN) is cell


_FILE_TYPE = r"pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|zip|rar|epub|csv|txt|mp3|mp4"
_FILE_WORD = re.compile(rf"\b(?:{_FILE_TYPE})\b|\d+(?:[.,]\d+)?\s*(?:[kmg]i?b|[kmg]o|bytes?)\b", re.I)
_FILE_REST = re.compile(
    rf"\b(?:{_FILE_TYPE}|descargar|descarga|download|bajar|ver|view|open|abrir|documento?|file|archivo|fichero|"
    r"t[ée]l[ée]charger|herunterladen|scarica|baixar|format|formato)\b|\d+(?:[.,]\d+)?\s*(?:[kmg]i?b|[kmg]o|bytes?)\b"
    r"|[\s()\[\],.:;|/–—-]+", re.I)


def file_label(text: str) -> bool:
    """A link text that only names a file: "PDF (210 KB)", "Descargar PDF", "Download (DOCX, 1 MB)"; a
    document link's label, never a post's title."""
    return len(text) <= 40 and bool(_FILE_WORD.search(text)) and not _FILE_REST.sub("", text).strip()


def _without_file_links(members: list[Element]) -> list[Element]:
    """A table row (or list item) holding a title link and a document link of the same shape keeps the
    title link: one candidate per row."""
    if not any(m.tag == "a" and file_label(title_text(m)) for m in members):
        return members  # the usual group: no document link, no row to look at
    rows: dict[Element, list[Element]] = defaultdict(list)
    for m in members:
        row = next(m.iterancestors("tr", "li"), None)
        if row is not None:
            rows[row].append(m)
    drop = {m for same in rows.values() if len(same) > 1 for m in same
            if m.tag == "a" and file_label(title_text(m)) and any(not file_label(title_text(o)) for o in same)}
    return [m for m in members if m not in drop] if drop else members


def not_a_title_link(a: Element, text: str) -> bool:
    """A tag, page, search, comment or share link, or a comment count: never a post's title (a link that is
    only a date, such as an aggregator's "15 hours ago", scores nothing as a title: _score)."""
    href = a.get("href") or ""
    return bool(_BAD_HREF.search(href) or NOT_POST_HREF.search(href) or (len(text) < 40 and parse_comment_count(text)[0]))


def _only_a_date(text: str) -> bool:
    """The text is a date and little else ("15 hours ago", "Nov 3, 2025", "2025-11-03"), or a year alone
    (an archive's "2019" heading over its posts)."""
    if YEAR_HEADING.match(text):
        return True
    if not (_DATEISH.search(text) or any(ch.isdigit() for ch in text)):
        return False
    found = find_dates(text)
    return bool(found) and sum(d.end - d.start for d in found) >= 0.6 * len(text.strip())


def best_group(groups: Groups, noise: dict[Element, bool], body: Element, scores: dict[tuple[str, ...], float]
               ) -> tuple[float, list[Card], tuple[str, ...] | None, list[Card]] | None:
    """The group that looks most like a post list, with the cards of its undated boxes left out (the last
    item); a group wholly inside sidebars and navigation never wins (a one-post blog's "Archives" widget)."""
    best: tuple[float, list[Card], tuple[str, ...] | None, list[Card]] | None = None
    ranked: list[_Ranked] = []
    for members in _drifting_groups(groups, noise, body):
        # the same card at different depths (unbalanced markup nests each card a level apart)
        score = _score(cards := _nested_boxes(partition(members)), noise)
        if best is None or score > best[0]:
            best = (score, cards, None, [])
    for sig, members in groups.items():
        if len(members) < 2 or all(in_aside(m) for m in members):
            continue
        cards, undated = _without_undated_boxes(partition(without_section_headings(members)))
        score = scores[sig] = _score(cards, noise)
        ranked.append((score, cards, sig, undated))
        if best is None or score > best[0]:
            best = (score, cards, sig, undated)
    return _dated_posts_block(best, ranked, noise)


_Ranked = tuple[float, list[Card], tuple[str, ...] | None, list[Card]]


def _dated_posts_block(best: _Ranked | None, ranked: list[_Ranked], noise: dict[Element, bool]) -> _Ranked | None:
    """dated-posts-block: a home page of blocks ("Projects", "Blog posts", "Talks"): when the best group
    has no date at all and another block of three or more cards, every one dated, scores at least half as
    much, the dated block is the post list (projects and talks are no posts). Not when the dated cards hold
    the best group's (day headings over their links) or their titles are dates."""
    if best is None or best[2] is None or any(dated_any(c.roots[0]) for c in best[1]):
        return best
    held = {m for c in best[1] for m in (c.member, *c.member.iterancestors())}
    dated = [g for g in ranked if g is not best and len(g[1]) >= 3 and g[0] >= best[0] * 0.5
             and not any(is_noise(c.member, noise) or c.roots[0] in held or dated_any(c.member) for c in g[1])
             and all(dated_any(c.roots[0]) for c in g[1])]
    if not dated:
        return best
    score, cards, sig, undated = max(dated, key=lambda g: g[0])
    for card in cards:
        card.joined_by = "dated-posts-block"
    return score, cards, sig, undated


def _without_undated_boxes(cards: list[Card]) -> tuple[list[Card], list[Card]]:
    """One card shape in several boxes, where every card of some boxes is dated and no card of the others
    is (a dated "What's new" list beside "Topics" or "Latest issue" boxes of the same markup): the
    undated boxes hold no posts, when the dated ones hold most cards and do not hold them (a Blogger date
    header dates the first card of a day only). Lists without any date (topic-grouped links) stay whole."""
    containers: dict[Element | None, list[Card]] = defaultdict(list)
    for c in cards:
        containers[c.roots[0].getparent()].append(c)
    if len(containers) < 2 or len(containers) == len(cards):
        return cards, []  # one box, or every card a box of its own: nothing to weigh (and no dates to read)
    dated = {box: [dated_any(c.roots[0]) for c in members] for box, members in containers.items()}
    if not any(all(flags) for flags in dated.values()) or any(
            any(flags) and not all(flags) for flags in dated.values()):
        return cards, []  # no wholly dated box, or a box of dated and undated cards: keep all
    full = {box for box, flags in dated.items() if all(flags)}
    drop = {id(c) for box, members in containers.items() if not any(dated[box])
            and not (box is not None and full.intersection(box.iterancestors())) for c in members}
    if len(cards) - len(drop) < max(3, len(drop) + 1):
        return cards, []  # the dated boxes must be the list: more cards than the rest, three at least
    return [c for c in cards if id(c) not in drop], [c for c in cards if id(c) in drop]


def dated_any(el: Element) -> bool:
    """A date of any form in the element: <time>, a full date, a month and day, "3 days ago"."""
    return el.find(".//time") is not None or bool(find_dates(text_of(el)))


_ASIDE_ROLES = frozenset(("navigation", "complementary", "contentinfo"))


def in_aside(el: Element) -> bool:
    """Inside a landmark that is never the main list: <nav>, <aside>, role=navigation/complementary/
    contentinfo (a class such as "widget" is not enough: Blogger's main list is a widget too)."""
    return any(a.tag in ("nav", "aside") or a.get("role") in _ASIDE_ROLES for a in el.iterancestors())


def _drifting_groups(groups: dict[tuple[str, ...], list[Element]], noise: dict[Element, bool],
                     body: Element) -> list[list[Element]]:
    """The same card at different depths: unbalanced markup nests each card a level deeper (or shallower)
    than the one before, so no two share a path up to <body>. Candidates are keyed by their nearest six
    ancestors (tag and classes) instead; a key counts when it joins many small path groups (one or two
    members each), never two lists that are whole on their own (a main list and a "related" list)."""
    merged: dict[tuple[object, ...], list[tuple[str, ...]]] = defaultdict(list)
    for sig, members in groups.items():
        if len(members) > 2:
            continue
        for key in (_near_key(sig, members[0]), _box_key(sig, members[0])):
            if key is not None:
                merged[key].append(sig)
    out = []
    order: dict[Element, int] = {}
    for sigs in merged.values():
        members = [m for sig in sigs for m in groups[sig] if not is_noise(m, noise)] if len(sigs) >= 3 else []
        if len(members) >= 3:
            order = order or {e: i for i, e in enumerate(body.iter())}
            out.append(sorted(members, key=lambda e: order.get(e, 0)))
    return out


def _post_box(el: Element) -> Element | None:
    """The nearest <article> or hentry/h-entry/post box around el, within four levels."""
    for n, a in enumerate(el.iterancestors()):
        if n >= 4 or a.tag in ("body", "html"):
            return None
        if a.tag == "article" or {"hentry", "h-entry", "post"} & set((a.get("class") or "").split()):
            return a
    return None


def _nested_boxes(cards: list[Card]) -> list[Card]:
    """Full posts nested in one another (an unbalanced body swallows the posts after it): each card is its
    own post box without the boxes of the posts nested inside it."""
    boxes = {c.member: _post_box(c.member) for c in cards}
    if not any(b is not None and any(o in b.iterancestors() for o in boxes.values() if o is not None)
               for b in boxes.values()):
        return cards  # no post box inside another: the cards stand as they are
    for c in cards:
        box = boxes[c.member]
        if box is None:
            continue
        inner = [b for m, b in boxes.items() if m is not c.member and b is not None and box in b.iterancestors()]
        c.roots = [box]
        c.exclude = {e for b in inner for e in b.iter()}
    return cards


def _box_key(sig: tuple[str, ...], el: Element) -> tuple[object, ...] | None:
    """The element's classes and tag with its ancestors up to the nearest post box (an <article>, an
    hentry/h-entry/post class) within three levels: full posts whose unbalanced bodies nest each next
    post inside the one before still share it. None without such a box."""
    key: list[object] = ["box", sig[0], el.tag]
    node = el.getparent()
    for _ in range(3):
        if node is None or node.tag in ("body", "html"):
            return None
        classes = " ".join(sorted(t for t in (node.get("class") or "").split() if not _PER_POST.search(t)))
        key.append((node.tag, classes))
        if node.tag == "article" or {"hentry", "h-entry", "post"} & set(classes.split()):
            return tuple(key)
        node = node.getparent()
    return None


def _near_key(sig: tuple[str, ...], el: Element) -> tuple[object, ...] | None:
    """The element's own classes and tag with its six nearest ancestors' tags and classes; None when it
    sits less than six levels under <body>."""
    key: list[object] = [sig[0], el.tag]
    node = el.getparent()
    for _ in range(6):
        if node is None or node.tag in ("body", "html"):
            return None
        key.append((node.tag, " ".join(sorted(t for t in (node.get("class") or "").split() if not _PER_POST.search(t)))))
        node = node.getparent()
    return tuple(key)


def partition(members: list[Element]) -> list[Card]:
    counts: dict[Element, int] = defaultdict(int)
    for m in members:
        node = m
        while node is not None:
            counts[node] += 1
            node = node.getparent()
    cards: list[Card] = []
    single = len(members) == 1
    for m in members:
        node = m
        steps = 0
        while True:
            parent = node.getparent()
            if parent is None or parent.tag in ("body", "html") or counts[parent] > 1:
                break
            if single and (parent.tag in ("main", "section") or steps >= 4):
                break
            node = parent
            steps += 1
        cards.append(Card([node], m))
    return cards


def _score(cards: list[Card], noise: dict[Element, bool]) -> float:
    """How much the cards look like a post list; a sample of at most 8 cards stands for the group.

    The mean quality of a card counts more than the number of cards (sqrt): a main list of three rich
    cards beats a sidebar of eight bare "recent posts" links.
    """
    step = max(1, len(cards) // 8)
    sample = cards[::step]
    titles = {text_of(c.member) for c in sample}
    total = sum(_card_score(c, noise) for c in sample)
    total = (total / len(sample)) * len(cards) ** 0.5
    if len(titles) < len(sample) / 2:
        total *= 0.3  # the same text again and again is a menu or a "read more" link, not titles
    if _link_blocks(cards, sample):
        total *= 0.6
    return total


def _link_blocks(cards: list[Card], sample: list[Card]) -> bool:
    """Links spread over three or more boxes, few of them dated: a portal's blocks of links ("Topics",
    "Publications", "Reports"), which a dated news list on the same page outranks."""
    boxes = {c.roots[0].getparent() for c in cards}
    if len(boxes) < 3 or any(c.member.tag != "a" for c in sample):
        return False
    return sum(1 for c in sample if dated_any(c.roots[0])) * 3 < len(sample)


def _card_score(card: Card, noise: dict[Element, bool]) -> float:
    """One card: a heading title, a link, a date, a post-like class, a title of words, text besides the
    title; a date for a title scores nothing, a card in a sidebar a tenth."""
    m, root = card.member, card.roots[0]
    text, title = text_of(root), text_of(m)
    s = 1.0 + _title_markup(m) + _date_and_kind(root, text) + (0.5 if word_count(title) >= 3 else 0.0)
    if m.tag == "a" or root.tag == "a" or root.find(".//a[@href]") is not None:
        s += 1.0
    if len(title) < 40 and _only_a_date(title):
        s = 0.0  # the "title" is only a date ("15 hours ago", an archive's date link): no title at all
    elif len(title) < 120 and _DATEISH.search(title) and find_dates(title, relative=False):
        s *= 0.5  # a date inside the "title": this is a meta line
    # richer cards are the list; widgets of "recent" or "popular" links carry little besides the title
    s += min(1.5, max(0, len(text) - len(title)) / 200)
    if len(text) > len(title) + 40:
        s *= 1.5
    if _section_of_links(m, root, text, title):
        s *= 0.3
    if m.tag == "a":
        s *= _link_weight(m, root)
    return s * 0.1 if is_noise(m, noise) else s


def _link_weight(m: Element, root: Element) -> float:
    """A link in prose counts a third, a source's front-page link beside a story half, any other link fully."""
    if _link_in_prose(m):
        return 0.3
    return 0.5 if _site_link_beside_story(m, root) else 1.0


def _link_in_prose(a: Element) -> bool:
    """A link in the middle of a sentence ("the nurses had seen it all, and <a>their list</a> was right"):
    a reference in a post's text, not a post's title (a link blog's "<a>Title</a>: comment" starts its line)."""
    p = a.getparent()
    if p is None or p.tag != "p":
        return False
    before = (p.text or "") + "".join(text_of(e) + (e.tail or "") for e in a.itersiblings(preceding=True))
    return len(before.strip()) >= 20 and len(text_of(a)) * 2 < len(text_of(p))


def _site_link_beside_story(m: Element, root: Element) -> bool:
    """A link to a site's front page beside a link deeper into a site: a digest's source name
    ("Rare News Daily") next to the story's headline, not the title."""
    if not FRONT_PAGE.match(m.get("href") or ""):
        return False
    return any(a is not m and (href := a.get("href")) and not FRONT_PAGE.match(href) and not href.startswith("#")
               for a in root.iter("a"))


# an absolute link to a site's root: "https://rarenews.example/", "//x.example"
FRONT_PAGE = re.compile(r"^\s*(?:https?:)?//[^/?#]+/?\s*$", re.I)


def _section_of_links(m: Element, root: Element, text: str, title: str) -> bool:
    """A page section under an unlinked heading ("News", "Topics") whose text is mostly a list of links:
    the heading names a list of posts, it is no post itself (a post's body is prose, not links)."""
    if m.tag not in HEADINGS or m.find(".//a[@href]") is not None or root is m:
        return False
    around = set(m.iterancestors())  # a card-wide link around the heading is the title's, not a list's
    links = [a for a in root.iter("a") if a.get("href") and a not in around]
    if len(links) < 3:
        return False
    linked = sum(len(text_of(a)) for a in links)
    return linked * 2 >= max(1, len(text) - len(title))


def _title_markup(m: Element) -> float:
    if m.tag in HEADINGS:
        return 1.0 + (6 - int(m.tag[1])) * 0.1  # an <h2> title over an <h6> byline
    return 1.0 if m.tag == "a" and m.find(".//*") is not None and _HAS_HEADING(m) else 0.0


def _date_and_kind(root: Element, text: str) -> float:
    s = 1.5 if root.find(".//time") is not None or _DATEISH.search(text) or _CJK_DATE.search(text) else 0.0
    cls = (root.get("class") or "") + " " + root.tag
    if _SEMANTIC.search(cls) or _POST_TYPES.search(root.get("itemtype") or ""):
        s += 1.0
    return s


# a year alone, perhaps with a count: "2019", "2019 (12)", "2019 12": the heading of a year's posts, never a title
YEAR_HEADING = re.compile(r"^\s*((?:19|20)\d\d)\s*(?:\(\d+\)|\d{1,4}|:)?\s*$")
MONTH_WORDS = frozenset(name for names in MONTHS.values() for name in names if len(name) >= 3)


def month_heading(text: str) -> bool:
    """A month's name alone, perhaps with a count ("March", "März (3)", "November 2"): an archive's month
    heading, never a date of its own."""
    words = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode().split()
    return 1 <= len(words) <= 2 and words[0].rstrip(".") in MONTH_WORDS and (
        len(words) == 1 or words[1].strip("()").isdigit())


# cheap "there is a date here" for scoring whole groups (the fields pass reads dates properly)
_DATEISH = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2}\b|\bago\b|\byesterday\b|\bvor\b|\bhace\b|"
                      r"\bil y a\b", re.I)
# month and day, or "3 days ago", in Chinese, Japanese and Korean ("4月28日", "3天前", "2시간 전")
_CJK_DATE = re.compile(r"\d\s*[月월]\s*\d{1,2}\s*[日일号]|\d\s*(?:分钟|分|小时|時間|天|日|일|시간|분)\s*(?:前|전)")


_HAS_BLOCK = etree.XPath("boolean(.//div|.//p|.//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//li)")


_HAS_HEADING = etree.XPath("boolean(.//h1|.//h2|.//h3|.//h4|.//h5|.//h6)")
