"""Find the repeated post blocks ("cards") of a listing page.

Title candidates (headings, linked texts, *title* elements) are grouped by their
tag path; the group that looks most like a post list (many members, links,
dates and excerpts nearby, outside sidebars and navigation) wins. Each member's
card is its highest ancestor holding no other member; a card that holds only the
title (flat `<h2>` + `<p>` layouts, old tables) takes its following siblings up
to the next card.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from ..dates import find_dates
from ..text import is_read_more, parse_comment_count
from .dom import HEADINGS, NOT_POST_HREF, Element, is_hidden, is_noise, is_region, text_of, tokens

__all__ = ["Card", "find_cards", "cards_from_roots"]

# per-post class names ("post-611", "tag-ibm", "has-post-thumbnail") differ between cards of one list;
# hashed CSS-module names ("xX0c1") do not, so only these are left out of a card's signature
_PER_POST = re.compile(r"(?:^|[-_])\d+$|^[a-z]+\d{2,}$|^(tag|category|format|status|author|sticky|has|post-format|wp-embed|pid)-|^sticky$")
_SEMANTIC = re.compile(r"\b(h-entry|hentry|post|entry|article|card|story|teaser)\b")
_POST_TYPES = re.compile(r"(BlogPosting|Article|NewsArticle|CreativeWork|Posting|Report)$")
_TITLE_CLASS = re.compile(r"(title|headline|heading|entry-name|p-name)", re.I)
_BAD_HREF = re.compile(r"/(tag|tags|category|categories|author|label|search|page)/|[?&](page|p)=\d|^#|/feed/?$", re.I)


@dataclass
class Card:
    """One post block: its root elements (usually one) and the element the title came from."""

    roots: list[Element]
    member: Element
    extra: list[Element] = field(default_factory=list)  # shared context, e.g. a date header above the card
    exclude: set[Element] = field(default_factory=set)  # later posts nested inside this one (unbalanced markup)


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


def _signature(el: Element, paths: dict[Element, tuple[str, ...]]) -> tuple[str, ...]:
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


def _title_text(el: Element) -> str:
    return text_of(el)


def find_cards(root: Element, notes: list[str] | None = None) -> list[Card]:
    """The post cards of the page, in page order (empty when nothing repeats like a post list).
    `notes` gets a line for the operator when blocks that look like posts were left out."""
    body = root.find("body")
    if body is None:
        body = root
    noise: dict[Element, bool] = {}
    paths: dict[Element, tuple[str, ...]] = {}
    groups, short = _group_candidates(body, paths)
    scores: dict[tuple[str, ...], float] = {}
    best = _best_group(groups, noise, body, scores)
    singles = [m for members in groups.values() if len(members) < 2 for m in members]
    if best is None or best[0] < 4:
        # no list repeats: a tag page with a single post is one card with a heading, a link and a date
        single = _single_post(singles, noise)
        if single is not None:
            return [single]
    if best is None or best[0] <= 0:
        return []
    cards, side = _without_side_lists(best[1])
    cards = _with_short_titles(cards, best[2] if not side else None, short, paths)
    cards = _with_definition_terms(_with_following_rows(_extend_flat(cards)))
    cards = _with_featured(cards, singles, noise)
    cards = _hero_before(cards, singles, body)
    if notes is not None:
        _note_left_out(notes, cards, side, groups, scores, best[0])
    return cards


_SIDE_WORDS = frozenset(("side", "sidebar", "aside", "rail", "secondary", "widget", "widgets", "related", "popular",
                         "trending", "recommended", "mostread"))
_SIDE_HEAD = re.compile(r"^\s*(?:most\s+(?:read|popular|viewed|shared)|popular|trending|related|recommended|"
                        r"you\s+may\s+also\s+like|top\s+stories|editor'?s\s+picks?|don'?t\s+miss)\s*:?\s*$",
                        re.I)


def _without_side_lists(cards: list[Card]) -> tuple[list[Card], list[Card]]:
    """One group spread over the main column and a side column (a "Most read" box of the same card
    shape): the cards whose container is a side region, or follows a "Most read" heading, leave the
    list, as long as some cards stay."""
    containers: dict[Element | None, list[Card]] = defaultdict(list)
    for c in cards:
        containers[c.roots[0].getparent()].append(c)
    if len(containers) < 2:
        return cards, []
    side = [c for box, members in containers.items() if box is not None and _side_box(box, members) for c in members]
    if not side or len(side) == len(cards):
        return cards, []
    left = set(map(id, side))
    return [c for c in cards if id(c) not in left], side


def _side_box(box: Element, members: list[Card]) -> bool:
    for a in (box, *box.iterancestors()):
        if a.tag == "body":
            break
        if _SIDE_WORDS & set(tokens(a)):
            return True
    prev = members[0].roots[0].getprevious()
    return prev is not None and prev.tag not in _CARD_TAGS and bool(_SIDE_HEAD.match(text_of(prev)))


def _note_left_out(notes: list[str], cards: list[Card], side: list[Card], groups: Groups,
                   scores: dict[tuple[str, ...], float], best: float) -> None:
    """Say how many blocks that look like posts were not taken: side lists of the same shape, and
    other groups nearly as post-like as the list but of another card shape (outside sidebars)."""
    close = [sig for sig, score in scores.items() if score >= best * 0.5]
    if not close and not side:
        return
    taken = {e for c in cards for r in c.roots for e in r.iter()}
    other = [m for sig in close for m in groups[sig] if not any(x in taken for x in groups[sig])]
    left = [c.member for c in side] + other
    if left:
        notes.append(f"{len(left)} blocks that look like posts were left out: they differ from the main card shape "
                     f"or sit in a side list (first: {text_of(left[0])[:60]!r})")


Groups = dict[tuple[str, ...], list[Element]]


def _group_candidates(body: Element, paths: dict[Element, tuple[str, ...]]) -> tuple[Groups, list[Element]]:
    """Title candidates grouped by signature; links whose only fault is a short text ("VS Code",
    "Academic") are kept apart, to join a list of the same shape."""
    groups: Groups = defaultdict(list)
    short: list[Element] = []
    for el in _candidates(body):
        if is_hidden(el):
            continue
        text = _title_text(el)
        wraps_card = el.tag == "a" and _HAS_BLOCK(el)  # a link around a whole card: title, excerpt, date
        if not ((2 if el.tag == "a" else 4) <= len(text) <= (1500 if wraps_card else 300)):
            continue
        if el.tag == "a" and (len(text) < 12 or " " not in text):
            short.append(el)  # shape and href checked only if a list of title links wins
            continue
        if el.tag == "a" and _not_a_title_link(el, text):
            continue
        groups[_signature(el, paths)].append(el)
    return groups, short


def _not_a_title_link(a: Element, text: str) -> bool:
    """A tag, page, search, comment or share link, or a comment count: never a post's title (a link that is
    only a date, such as an aggregator's "15 hours ago", scores nothing as a title: _score)."""
    href = a.get("href") or ""
    return bool(_BAD_HREF.search(href) or NOT_POST_HREF.search(href) or (len(text) < 40 and parse_comment_count(text)[0]))


def _only_a_date(text: str) -> bool:
    """The text is a date and little else ("15 hours ago", "Nov 3, 2025", "2025-11-03")."""
    if not (_DATEISH.search(text) or any(ch.isdigit() for ch in text)):
        return False
    found = find_dates(text)
    return bool(found) and sum(d.end - d.start for d in found) >= 0.6 * len(text.strip())


def _best_group(groups: Groups, noise: dict[Element, bool], body: Element, scores: dict[tuple[str, ...], float]
                ) -> tuple[float, list[Card], tuple[str, ...] | None] | None:
    """The group that looks most like a post list; a group wholly inside sidebars and navigation never
    wins (a one-post blog's "Archives" widget)."""
    best: tuple[float, list[Card], tuple[str, ...] | None] | None = None
    for members in _drifting_groups(groups, noise, body):
        # the same card at different depths (unbalanced markup nests each card a level apart)
        score = _score(cards := _nested_boxes(_partition(members)), noise)
        if best is None or score > best[0]:
            best = (score, cards, None)
    for sig, members in groups.items():
        if len(members) < 2 or all(_in_aside(m) for m in members):
            continue
        cards = _partition(members)
        score = scores[sig] = _score(cards, noise)
        if best is None or score > best[0]:
            best = (score, cards, sig)
    return best


_ASIDE_ROLES = frozenset(("navigation", "complementary", "contentinfo"))


def _in_aside(el: Element) -> bool:
    """Inside a landmark that is never the main list: <nav>, <aside>, role=navigation/complementary/
    contentinfo (a class such as "widget" is not enough: Blogger's main list is a widget too)."""
    return any(a.tag in ("nav", "aside") or a.get("role") in _ASIDE_ROLES for a in el.iterancestors())


def _with_short_titles(cards: list[Card], sig: tuple[str, ...] | None, short: list[Element],
                       paths: dict[Element, tuple[str, ...]]) -> list[Card]:
    """Short headlines ("VS Code", "Academic") in a list of title links of exactly the same shape are
    posts too; alone they are too short to tell from a menu."""
    if sig is None or not short or not all(c.member.tag == "a" for c in cards):
        return cards
    beside = {c.member.getparent() for c in cards}  # a short link beside a title ("More") is no title
    extra = [a for a in short if a.getparent() not in beside and _signature(a, paths) == sig and _short_title(a)]
    if not extra:
        return cards
    members = [c.member for c in cards] + extra
    order = {e: i for i, e in enumerate(members[0].getroottree().iter())}
    return _partition(sorted(members, key=lambda e: order.get(e, 0)))


def _with_following_rows(cards: list[Card]) -> list[Card]:
    """Table rows as cards: the rows between one card's row and the next card's (an aggregator's
    "points · by · age · comments" line under the title row) belong to the card above; the last card
    takes as many rows as the others did."""
    if len(cards) < 2 or any(c.roots[0].tag != "tr" or len(c.roots) > 1 for c in cards):
        return cards
    starts = {c.roots[0] for c in cards}
    taken = 0
    for i, card in enumerate(cards):
        last = i == len(cards) - 1
        rows = _rows_after(card.roots[0], starts, taken if last else None)
        taken = taken if last else max(taken, len(rows))
        card.roots.extend(rows)
    return cards


def _rows_after(row: Element, starts: set[Element], limit: int | None) -> list[Element]:
    out: list[Element] = []
    nxt = row.getnext()
    while nxt is not None and nxt.tag == "tr" and nxt not in starts and (limit is None or len(out) < limit):
        out.append(nxt)
        nxt = nxt.getnext()
    return out


def _short_title(a: Element) -> bool:
    """A short link text that may be a headline: no 'More', no page number, no tag or comment link."""
    text = _title_text(a)
    return not (is_read_more(text) or text.strip("[]()#. ").isdigit() or _not_a_title_link(a, text))


def _with_definition_terms(cards: list[Card]) -> list[Card]:
    """A <dd> card takes the <dt> before it (and a <dt> card the <dd> after it): a definition list
    pairs each entry's head (often its link) with its body."""
    for card in cards:
        root = card.roots[0]
        if root.tag == "dd" and (prev := root.getprevious()) is not None and prev.tag == "dt":
            card.roots.insert(0, prev)
        elif root.tag == "dt" and len(card.roots) == 1 and (nxt := root.getnext()) is not None and nxt.tag == "dd":
            card.roots.append(nxt)
    return cards


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


def _with_featured(cards: list[Card], singles: list[Element], noise: dict[Element, bool]) -> list[Card]:
    """A featured or first post styled apart from the list (an <h1> entry, a hero card) sitting in the
    list's own container joins the list when it looks like a full post: heading, link, date, excerpt."""
    container = _one_container(cards)
    if container is None:
        return cards
    inside = {e for c in cards for r in c.roots for e in r.iter()}
    extra: list[Card] = []
    for m in singles:
        if m.tag not in HEADINGS or m in inside or is_noise(m, noise):
            continue
        node = _child_holding(container, m)
        if node is not None and node not in inside and _full_post(node, m):
            extra.append(Card([node], m))
    if not extra:
        return cards
    order = {el: i for i, el in enumerate(container)}
    return sorted(cards + extra, key=lambda c: order.get(c.roots[0], 0))


def _one_container(cards: list[Card]) -> Element | None:
    """The one element all the cards sit in (not <body>), or None."""
    parents = {c.roots[0].getparent() for c in cards}
    if len(parents) != 1 or len(cards) < 2:
        return None
    container = parents.pop()
    return None if container is None or container.tag in ("body", "html") else container


def _child_holding(container: Element, m: Element) -> Element | None:
    node: Element | None = m
    while node is not None and node.getparent() is not container:
        node = node.getparent()
    return node


def _full_post(node: Element, m: Element) -> bool:
    """A heading of a few words with a link, a date and text besides."""
    text, title = text_of(node), text_of(m)
    if len(text) <= len(title) + 40 or len(title.split()) < 3:
        return False
    has_link = m.find(".//a[@href]") is not None or node.find(".//a[@href]") is not None
    return has_link and (node.find(".//time") is not None or bool(find_dates(text, relative=False)))


_CARD_TAGS = ("article", "li")
_SIDEBAR = frozenset(("sidebar", "widget", "widgets", "related", "popular", "recent", "trending", "recommended",
                      "mostread", "nav", "navigation", "menu", "footer", "comments", "ad", "ads", "advert", "sponsored",
                      "promo", "newsletter", "secondary"))


def _hero_before(cards: list[Card], singles: list[Element], body: Element) -> list[Card]:
    """A featured ("hero") post in its own region before the list (Pelican's aside#featured, a theme's hero
    section) joins the list first when it is a whole post: one heading linking out, an excerpt, and a date
    when the list's cards show dates. Sidebars and "popular"/"related" boxes stay out (their region says
    so, or they hold several posts)."""
    if len(cards) < 2:
        return cards
    first = cards[0].roots[0]
    holding = {a for c in cards for a in c.roots[0].iterancestors()}
    heads = [m for m in singles if m.tag in HEADINGS and not any(a in holding for a in m.iterancestors(*_CARD_TAGS))]
    if not heads:
        return cards
    lead = {a.getparent(): a for a in [first, *first.iterancestors()]}  # first card's branch under each ancestor
    need_date: list[bool] = []  # whether the list's cards are dated: read once, only for a candidate

    def dated_list() -> bool:
        if not need_date:
            need_date.append(sum(1 for c in cards if _dated(c.roots[0])) * 2 > len(cards))
        return need_date[0]

    for m in heads:
        node = _region_of(m, holding, body)
        parent = node.getparent()
        if parent is None or parent not in lead or parent.index(node) >= parent.index(lead[parent]):
            continue  # after the list, or inside it
        if _whole_post(m, node, dated_list):
            return [Card([node], m), *cards]  # one hero at most
    return cards


def _region_of(m: Element, holding: set[Element], body: Element) -> Element:
    """The highest ancestor of m that holds none of the list's cards."""
    node = m
    while (parent := node.getparent()) is not None and parent not in holding and parent is not body:
        node = parent
    return node


def _dated(el: Element) -> bool:
    return el.find(".//time") is not None or bool(find_dates(text_of(el), relative=False))


def _whole_post(m: Element, node: Element, dated_list: Callable[[], bool]) -> bool:
    """A hero region: one heading that links out (or sits in a link), a paragraph of prose, a date when
    the list has dates; not a header, a sidebar or a "popular" box."""
    if sum(1 for e in node.iter(*HEADINGS)) != 1 or node.tag in ("header", "nav", "footer") or _in_sidebar(node):
        return False
    text, title = text_of(node), text_of(m)
    linked = any(a.get("href") and not a.get("href").startswith("#") for a in m.iter("a")) or _in_link(m, node)
    prose = any(len(text_of(p)) >= 60 for p in node.iter("p"))
    return (linked and prose and len(title.split()) >= 3 and len(text) > len(title) + 60
            and (_dated(node) or not dated_list()))


def _in_sidebar(node: Element) -> bool:
    return any(set(tokens(a)) & _SIDEBAR or a.get("role") in ("complementary", "navigation")
               for a in [node, *node.iterancestors()])


def _in_link(m: Element, stop: Element) -> bool:
    """m sits inside a link (a card-wide <a> around the heading), at most up to `stop`."""
    for a in m.iterancestors():
        if a.tag == "a" and a.get("href"):
            return True
        if a is stop:
            return False
    return False


def _single_post(singles: list[Element], noise: dict[Element, bool]) -> Card | None:
    found: list[Card] = []
    for m in singles:
        if m.tag not in HEADINGS or (m.tag == "h1" and not _linked_post_heading(m)) or is_noise(m, noise):
            continue
        card = _partition([m])[0]
        root = card.roots[0]
        if root.find(".//a[@href]") is None and m.tag != "a":
            continue
        text = text_of(root)
        if root.find(".//time") is None and not find_dates(text, relative=False):
            continue
        if len(text) < len(text_of(m)) + 40:
            continue
        found.append(card)
    return found[0] if len(found) == 1 else None


def _linked_post_heading(h1: Element) -> bool:
    """An <h1> that links out from inside a post box: a one-post blog's entry title (an article page's
    own <h1> links nowhere)."""
    return h1.find(".//a[@href]") is not None and _in_post_box(h1)


def _in_post_box(el: Element) -> bool:
    """An <h1> inside an <article> or an hentry/h-entry box heads a post (a one-post blog's front page),
    not the page."""
    for a in el.iterancestors():
        if a.tag in ("body", "main"):
            return False
        if a.tag == "article" or {"hentry", "h-entry"} & set((a.get("class") or "").split()):
            return True
    return False


def _partition(members: list[Element]) -> list[Card]:
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
    return total


def _card_score(card: Card, noise: dict[Element, bool]) -> float:
    """One card: a heading title, a link, a date, a post-like class, a title of words, text besides the
    title; a date for a title scores nothing, a card in a sidebar a tenth."""
    m, root = card.member, card.roots[0]
    text, title = text_of(root), text_of(m)
    s = 1.0 + _title_markup(m) + _date_and_kind(root, text) + (0.5 if len(title.split()) >= 3 else 0.0)
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
    return s * 0.1 if is_noise(m, noise) else s


def _title_markup(m: Element) -> float:
    if m.tag in HEADINGS:
        return 1.0 + (6 - int(m.tag[1])) * 0.1  # an <h2> title over an <h6> byline
    return 1.0 if m.tag == "a" and m.find(".//*") is not None and _HAS_HEADING(m) else 0.0


def _date_and_kind(root: Element, text: str) -> float:
    s = 1.5 if root.find(".//time") is not None or _DATEISH.search(text) else 0.0
    cls = (root.get("class") or "") + " " + root.tag
    if _SEMANTIC.search(cls) or _POST_TYPES.search(root.get("itemtype") or ""):
        s += 1.0
    return s


# cheap "there is a date here" for scoring whole groups (the fields pass reads dates properly)
_DATEISH = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2}\b|\bago\b|\byesterday\b|\bvor\b|\bhace\b|"
                      r"\bil y a\b", re.I)
_HAS_BLOCK = etree.XPath("boolean(.//div|.//p|.//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//li)")
_HAS_HEADING = etree.XPath("boolean(.//h1|.//h2|.//h3|.//h4|.//h5|.//h6)")


def _extend_flat(cards: list[Card]) -> list[Card]:
    """Flat layouts: a card that is only its title takes the siblings up to the next card."""
    if len(cards) < 2:
        return cards
    thin = sum(1 for c in cards if len(text_of(c.roots[0])) <= len(text_of(c.member)) + 15)
    if thin < len(cards) * 0.6:
        return cards
    starts = {card.roots[0] for card in cards}
    taken = 3
    for i, card in enumerate(cards):
        last = i == len(cards) - 1
        extra = _siblings_after(card.roots[0], starts, taken if last else None)
        if not last:
            taken = max(len(extra), 1)
        if card.roots[0].getparent() is not None:
            card.roots.extend(extra)
    return cards


_PAGER = frozenset(("pagination", "pager", "nav", "navigation"))


def _siblings_after(root: Element, starts: set[Element], limit: int | None) -> list[Element]:
    """The siblings after a card up to the next card; for the last card (`limit` set) at most as many as
    the others took, never a heading, a pager or a page region (a toolbar, a sidebar, the footer)."""
    extra: list[Element] = []
    nxt = root.getnext()
    while nxt is not None and nxt not in starts and (limit is None or len(extra) < limit):
        if limit is not None and (nxt.tag in HEADINGS or set(tokens(nxt)) & _PAGER):
            break
        if is_region(nxt):
            break
        extra.append(nxt)
        nxt = nxt.getnext()
    return extra


def cards_from_roots(roots: list[Element]) -> list[Card]:
    """Cards chosen by a per-source item selector: the member is the first heading or link inside."""
    cards = []
    for r in roots:
        member = next((e for e in r.iter() if isinstance(e.tag, str) and e.tag in HEADINGS), None)
        if member is None:
            member = next((e for e in r.iter("a") if e.get("href") and text_of(e)), r)
        cards.append(Card([r], member))
    return cards
