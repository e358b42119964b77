"""Group selection: which repeated title candidates are the page's post list.

Title candidates (headings, linked texts, *title* elements: candidates.py) are
grouped by their tag path; the group that looks most like a post list
(scoring.py: many members, links, dates and excerpts nearby, outside sidebars
and navigation) wins. Each member's card is its highest ancestor holding no
other member (`partition`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlsplit

from .candidates import PER_POST, Groups
from .carousel import in_carousel
from .dom import Element, text_of
from .model import Card
from .regions import is_noise
from .scoring import dated_any, group_score, only_a_date
from .sections import without_links_in_prose, without_references_in_posts, without_section_headings

__all__ = ["best_group", "in_aside", "partition"]


def best_group(groups: Groups, noise: dict[Element, bool], body: Element, scores: dict[tuple[str, ...], float]
               ) -> tuple[float, list[Card], tuple[str, ...] | None, list[Card]] | None:
    """The group that looks most like a post list, with the cards of its undated boxes left out (the last
    item); a group wholly inside sidebars and navigation never wins (a one-post blog's "Archives" widget)."""
    best: tuple[float, list[Card], tuple[str, ...] | None, list[Card]] | None = None
    ranked: list[_Ranked] = []
    asides: list[list[Element]] = []
    for members in _drifting_groups(groups, noise, body):
        # the same card at different depths (unbalanced markup nests each card a level apart)
        score = group_score(cards := _nested_boxes(partition(members)), noise)
        if best is None or score > best[0]:
            best = (score, cards, None, [])
    for sig, members in groups.items():
        if len(members) < 2:
            continue
        if all(in_aside(m) for m in members):
            asides.append(members)
            continue
        cards, undated = _without_undated_boxes(partition(without_section_headings(without_references_in_posts(without_links_in_prose(members)))))
        score = scores[sig] = group_score(cards, noise) * (_SLIDES if all(in_carousel(m) for m in members) else 1)
        ranked.append((score, cards, sig, undated))
        if best is None or score > best[0]:
            best = (score, cards, sig, undated)
    return _dated_permalink_list(_dated_posts_block(best, ranked, noise), ranked, asides, noise)


# slider-not-the-list: a hero slider's slides, dated, had outscored the undated grid of the page's stories below
# them and the grid was lost; they weigh half (a page whose only list is a slider keeps it), and join the list
# that wins first (`hero-slider`, slides.py)
_SLIDES = 0.5

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


# a permalink dated by its path: /2026/11/27/slug/, /2026/11/slug.html (Blogger), /blog/2026-11-27-slug/
_URL_MONTH = re.compile(r"/(?:19|20)\d\d/(?:0[1-9]|1[0-2])/(?:(?:0[1-9]|[12]\d|3[01])/)?[^/?#]*[^\W\d_]|"
                        r"/(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[-_][^/?#]*[^\W\d_]")


def _dated_permalink_list(best: _Ranked | None, ranked: list[_Ranked], asides: list[list[Element]],
                          noise: dict[Element, bool]) -> _Ranked | None:
    """dated-permalink-list: a company's home page whose best-scoring group is a block of teasers (a
    services hero: a few boxes, each a heading, a line and a "more" link), nothing in it dated, and whose
    "Latest blog entries" are bare links one per line: when another group of three cards or more links
    each card to a permalink dated by its path (/blog/2026/11/27/slug/), those links are the posts, however
    little they score (a widget's list scores a tenth), also in an <aside>. A dated path says "a post of
    that day" as a date line does; teasers of services carry none."""
    if best is None or best[2] is None or any(dated_any(c.roots[0]) or _dated_link(c.member) for c in best[1]):
        return best
    if not all(c.roots[0].find(".//a[@href]") is not None or c.member.tag == "a" for c in best[1]):
        return best  # unlinked titles (full posts): their footers' dated links are parts of the posts
    lists = [g for g in ranked if g is not best and g[0] > 0 and len(g[1]) >= 3
             and all(_dated_link(c.member) for c in g[1])]
    for members in asides:  # scored only here: an aside never wins on its score alone
        if len(members) >= 3 and all(_dated_link(m) for m in members):
            cards = partition(members)
            lists.append((group_score(cards, noise), cards, None, []))
    if not lists:
        return best
    score, cards, sig, undated = max(lists, key=lambda g: (len(g[1]), g[0]))
    for card in cards:
        card.joined_by = "dated-permalink-list"
    return score, cards, sig, undated


def _dated_link(m: Element) -> bool:
    """The title is a link (or holds one) to a permalink dated by its path."""
    a = m if m.tag == "a" else m.find(".//a[@href]")
    if a is None or "#" in (href := a.get("href") or ""):
        return False  # a post's "#trackback" or "#comments" is a part of it
    return _URL_MONTH.search(urlsplit(href).path) is not None


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
    cards, nav = _without_date_navigation(cards, containers)
    if nav:
        kept, undated = _without_undated_boxes(cards)
        return kept, nav + undated
    dated = {box: [dated_any(_item_of(c)) for c in members] for box, members in containers.items()}
    if not any(all(flags) for flags in dated.values()) or any(
            any(flags) and not all(flags) for flags in dated.values()):
        return cards, []  # no wholly dated box, or a box of dated and undated cards: keep all
    full = {box for box, flags in dated.items() if all(flags)}
    drop = {id(c) for box, members in containers.items() if not any(dated[box])
            and not (box is not None and full.intersection(box.iterancestors())) for c in members}
    if len(cards) - len(drop) < max(3, len(drop) + 1):
        return cards, []  # the dated boxes must be the list: more cards than the rest, three at least
    return [c for c in cards if id(c) not in drop], [c for c in cards if id(c) in drop]



def _item_of(card: Card) -> Element:
    """The card's own item for telling dated boxes from undated ones: its box, or, when the box is a node of an
    archive tree (`<li><span>February</span><ul><li>28 <a>Title</a></li></ul></li>`: a month's only post), the
    list item inside it that holds the title. The month label and the day read as a date; the other months'
    posts, whose boxes are their own items, would have been left out as undated (`archive-tree-item`)."""
    root = card.roots[0]
    if root.tag != "li" or len(card.roots) > 1:
        return root
    lists = [c for c in root if isinstance(c.tag, str) and c.tag in ("ul", "ol")]
    if len(lists) != 1 or (label := lists[0].getprevious()) is None or not isinstance(label.tag, str):
        return root
    if label.tag == "a" or label.find(".//a") is not None or not 0 < len(text_of(label)) <= 24:
        return root
    return next((a for a in card.member.iterancestors() if a.getparent() is lists[0]), root)


def _without_date_navigation(cards: list[Card], containers: dict[Element | None, list[Card]]
                             ) -> tuple[list[Card], list[Card]]:
    """date-navigation-link: a box whose links are each a day alone ("Saturday, April 20", "2026-04-19")
    beside boxes of titles is a day page's navigation ("Other Recent News"), no list of posts. Its links
    have the shape of the day's list and are "dated" by their own text: the day's undated list was left
    out as undated boxes beside a dated one."""
    nav = [box for box, members in containers.items()
           if all(c.member.tag == "a" and len(t := text_of(c.member)) < 40 and only_a_date(t) for c in members)]
    if not nav or len(nav) == len(containers):
        return cards, []
    drop = {id(c) for box in nav for c in containers[box]}
    return [c for c in cards if id(c) not in drop], [c for c in cards if id(c) in drop]


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
        classes = " ".join(sorted(t for t in (node.get("class") or "").split() if not PER_POST.search(t)))
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
        key.append((node.tag, " ".join(sorted(t for t in (node.get("class") or "").split() if not PER_POST.search(t)))))
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

