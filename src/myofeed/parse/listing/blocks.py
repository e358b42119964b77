"""Find the repeated post blocks ("cards") of a listing page.

grouping.py picks the group of title candidates that looks most like a post
list; this module shapes its members into cards: side lists of the same shape
leave, short headlines, a featured or hero post join, and a card that holds only
the title (flat `<h2>` + `<p>` layouts, old tables, definition lists) takes its
following siblings up to the next card (flat.py).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import datetime

from ..dates import find_dates
from ..text import is_read_more, word_count
from .candidates import Groups, group_candidates, in_other_column, not_a_title_link, signature, title_text
from .cardtext import profile_href
from .classnames import tokens
from .dom import HEADINGS, Element, text_of
from .events import without_event_boxes
from .featured import (
    featured_aside_pair,
    list_section,
    same_section,
    with_featured_aside,
    with_featured_tiles,
    with_undated_lists,
)
from .flat import extend_flat, with_definition_terms, with_following_rows
from .footers import with_footer_lines
from .grouping import best_group, partition
from .hentries import with_hentry_siblings
from .kinboxes import with_kin_boxes
from .lists import with_other_lists
from .model import Card
from .morelinks import with_more_articles
from .portal import with_sibling_sections
from .posterlines import with_poster_line_posts
from .regions import is_noise
from .replies import with_nested_replies
from .rules import contained
from .slides import with_slider_stories
from .untitled import with_untitled_siblings

__all__ = ["Card", "find_cards", "cards_from_roots"]


def find_cards(root: Element, notes: list[str] | None = None, now: datetime | None = None,
               failed: dict[str, str] | None = None) -> list[Card]:
    """The post cards of the page, in page order (empty when nothing repeats like a post list).
    `notes` gets a line for the operator when blocks that look like posts were left out; `now` (the fetch
    time) tells a list of coming events from the posts; `failed` gets each page-level pass that raised and
    why (`failed-pass`: the page goes on without it)."""
    body = root.find("body")
    if body is None:
        body = root
    cards = _list_cards(body, notes, now, failed)
    return contained("poster-line-posts", lambda cs: with_poster_line_posts(body, cs), cards, failed)


def _list_cards(body: Element, notes: list[str] | None, now: datetime | None,
                failed: dict[str, str] | None) -> list[Card]:
    """The cards of the best group of title candidates, shaped and joined by the other lists' rules, each
    pass contained (`failed-pass`)."""
    noise: dict[Element, bool] = {}
    paths: dict[Element, tuple[str, ...]] = {}
    groups, short = group_candidates(body, paths)
    scores: dict[tuple[str, ...], float] = {}
    best = best_group(groups, noise, body, scores)
    singles = [m for members in groups.values() if len(members) < 2 for m in members]
    if best is None or best[0] < 4:
        if pair := featured_aside_pair(body):
            return pair  # a tag page: the featured post in its aside and the one post below it
        # no list repeats: a tag page with a single post is one card with a heading, a link and a date
        single = _single_post(singles, noise)
        if single is not None:
            return [single]
    if best is None or best[0] <= 0:
        return []
    none: list[Card] = []
    cards, side = contained("side-lists", lambda cs: _without_side_lists(cs[0]), (best[1], none), failed)
    cards, events = contained("events-list", lambda cs: without_event_boxes(cs[0], now), (cards, none), failed)
    passes: tuple[tuple[str, Callable[[list[Card]], list[Card]]], ...] = (
        ("short-titles", lambda cs: _with_short_titles(cs, best[2] if not side else None, short, paths)),
        ("kin-box", with_kin_boxes),
        ("nested-replies", with_nested_replies),
        ("flat-cards", extend_flat),
        ("following-rows", with_following_rows),
        ("definition-terms", with_definition_terms),
        ("footer-after-box", with_footer_lines),
        ("untitled-siblings", with_untitled_siblings),
        ("featured-post", lambda cs: _with_featured(cs, singles, noise)),
        ("other-lists", lambda cs: with_other_lists(cs, best[2], best[0], groups, scores, noise, now)),
        ("hero-before", lambda cs: _hero_before(cs, singles, body)),
        ("featured-aside", lambda cs: with_featured_aside(cs, body)),
        ("featured-tiles", lambda cs: with_featured_tiles(cs, groups, noise)),
        ("undated-lists", lambda cs: with_undated_lists(cs, best[2], groups, noise)),
        ("h-entry-siblings", with_hentry_siblings),
        ("sibling-section-lists", lambda cs: with_sibling_sections(cs, groups, noise)),
        ("more-articles-list", with_more_articles),
        ("hero-slider", lambda cs: with_slider_stories(cs, body)),
    )
    for name, step in passes:
        cards = contained(name, step, cards, failed)
    if notes is not None:
        left_out = side + events + best[3]

        def note(cs: list[Card]) -> list[Card]:
            _note_left_out(notes, cs, left_out, groups, scores, best[0])
            return cs

        contained("left-out-note", note, cards, failed)
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


def _with_short_titles(cards: list[Card], sig: tuple[str, ...] | None, short: list[Element],
                       paths: dict[Element, tuple[str, ...]]) -> list[Card]:
    """Short headlines ("VS Code", "Academic") in a list of title links of exactly the same shape are
    posts too; alone they are too short to tell from a menu."""
    if sig is None or not short or not all(c.member.tag == "a" for c in cards):
        return cards
    # a short link beside a title ("More") is no title; a box holding three titles or more is the list's own
    # (links one per <br>-separated line): a short link there is one more line
    held = Counter(c.member.getparent() for c in cards)
    beside = {box for box, n in held.items() if n < 3}
    within = _common_ancestor([c.member for c in cards])  # the list's own box: a menu above it is no post
    extra = [a for a in short if (a.getparent() not in beside or _own_line(a)) and signature(a, paths) == sig
             and _short_title(a) and (within is None or within in a.iterancestors())]
    if not extra:
        return cards
    members = [c.member for c in cards] + extra
    order = {e: i for i, e in enumerate(members[0].getroottree().iter())}
    return partition(sorted(members, key=lambda e: order.get(e, 0)))


def _own_line(a: Element) -> bool:
    """short-title-own-line: a link alone on its line between <br>s (an old CMS's "Latest news" paragraph:
    "Kiln<br>FAQ<br>"), not a "More" beside a title in the same line."""
    prev, nxt = a.getprevious(), a.getnext()
    before_ok = (prev.tag == "br" and not (prev.tail or "").strip()) if prev is not None else not (
        (a.getparent().text or "").strip())
    after_ok = nxt is None or (nxt.tag == "br" and not (a.tail or "").strip())
    return before_ok and after_ok and (prev is not None or nxt is not None)


def _common_ancestor(members: list[Element]) -> Element | None:
    """The lowest element holding all members."""
    common: list[Element] | None = None
    for m in members:
        chain = list(m.iterancestors())[::-1]
        if common is None:
            common = chain
            continue
        n = 0
        while n < min(len(common), len(chain)) and common[n] is chain[n]:
            n += 1
        common = common[:n]
    return common[-1] if common else None




def _short_title(a: Element) -> bool:
    """A short link text that may be a headline: no 'More', no page number, no tag or comment link, and no
    author link (an aggregator's "81 points by ann 4 hours ago" names the poster with a short link), and no
    address (`url-text-link`: a preprint's "https://doi.example/10.1101/..." line under its title)."""
    text = title_text(a)
    return not (is_read_more(text) or text.strip("[]()#. ").isdigit() or not_a_title_link(a, text)
                or _author_link(a) or _URL_TEXT.match(text) or in_other_column(a))


# a link whose text is an address: "https://doi.example/10.1101/...", "www.site.example/x", "doi:10.1101/..."
_URL_TEXT = re.compile(r"^(?:https?://|www\.|doi:\s*10\.)\S+$", re.I)


_BY_BEFORE = re.compile(r"(?:^|\s)(?:by|von|par|por|door)\s*$", re.I)


def _author_link(a: Element, siblings: bool = True) -> bool:
    """The poster's link (a profile page, /user/ann, index.php?showuser=12, or a link right after "by"), or
    any link in the meta line that holds it ("discuss", "hide")."""
    if profile_href(a.get("href") or ""):
        return True
    parent = a.getparent()
    if siblings and parent is not None and any(_author_link(b, False) for b in parent.iterchildren("a") if b is not a):
        return True
    prev = a.getprevious()
    before = (prev.tail if prev is not None else (a.getparent().text if a.getparent() is not None else None)) or ""
    return bool(_BY_BEFORE.search(before))




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
            extra.append(Card([node], m, joined_by="featured-post"))
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
    if len(text) <= len(title) + 40 or word_count(title) < 3:
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
            return [Card([node], m, joined_by="hero-before"), *cards]  # one hero at most
        if _read_more_hero(m, node, cards):
            return [Card([node], m, joined_by="read-more-hero"), *cards]
    return cards


def _read_more_hero(m: Element, node: Element, cards: list[Card]) -> bool:
    """read-more-hero: a jumbotron before the list (Bootstrap's blog template): an unlinked headline, a
    lead paragraph and one link, a read-more ("Continue reading...") into the list's own section of the
    site. Undated, even beside a dated list: the read-more link says it is a post, the section says whose."""
    if sum(1 for _ in node.iter(*HEADINGS)) != 1 or node.tag in ("header", "nav", "footer") or _in_sidebar(node):
        return False
    links = [a for a in node.iter("a") if a.get("href")]
    if len(links) != 1 or not is_read_more(text_of(links[0])) or word_count(text_of(m)) < 3:
        return False
    if not any(len(text_of(p)) >= 60 for p in node.iter("p")):
        return False
    section = list_section(cards)
    return section is not None and same_section(links[0].get("href"), section)


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
    return (linked and prose and word_count(title) >= 3 and len(text) > len(title) + 60
            and (_dated(node) or not dated_list()))


# utility classes name a colour, not a region: Bootstrap's "bg-body-secondary", "text-secondary", "btn-secondary"
_UTILITY = re.compile(r"(?:^|\s)(?:bg|text|btn|border|link|alert|badge|table)-[\w-]+")


def _in_sidebar(node: Element) -> bool:
    return any(set(_region_words(a)) & _SIDEBAR or a.get("role") in ("complementary", "navigation")
               for a in [node, *node.iterancestors()])


def _region_words(el: Element) -> list[str]:
    cls = el.get("class") or ""
    if "-" not in cls:
        return tokens(el)
    raw = _UTILITY.sub(" ", cls) + " " + (el.get("id") or "")
    return [t for t in re.split(r"[\s_-]+", raw.lower()) if t]


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
        card = partition([m])[0]
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




def cards_from_roots(roots: list[Element]) -> list[Card]:
    """Cards chosen by a per-source item selector: the member is the first heading or link inside."""
    cards = []
    for r in roots:
        member = next((e for e in r.iter() if isinstance(e.tag, str) and e.tag in HEADINGS), None)
        if member is None:
            member = next((e for e in r.iter("a") if e.get("href") and text_of(e)), r)
        cards.append(Card([r], member))
    return cards
