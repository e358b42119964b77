"""Undated card grids: a charity's or a magazine's story page shows a few large cards first (one big, two
medium, each its own markup), a grid of boxes and perhaps a row of small cards below. No date ties them
together, so the group selection sees one of them only. Featured tiles before the list, and the other
lists of the main column, join it when every title of theirs links into the same section of the site
as the list's cards (`/stories/...`)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from .candidates import Groups
from .classnames import tokens
from .dom import HEADINGS, Element
from .grouping import in_aside, partition
from .hrefs import URL_DAY
from .lists import other_list_heading
from .model import Card
from .regions import is_noise, page_header
from .scoring import dated_any

__all__ = ["featured_aside_pair", "list_section", "same_section", "with_featured_aside", "with_featured_tiles",
           "with_undated_lists"]

_MAX_TILES = 6
_DATE_WORDS = frozenset(("date", "published", "time", "posted", "updated", "dateline", "meta", "info"))
_AUTHOR_WORDS = frozenset(("author", "byline", "vcard", "fn", "writer", "by"))
_SIDE_MARKS = frozenset(("sidebar", "widget", "widgets", "related", "popular", "recent", "trending", "nav", "menu"))


def with_featured_aside(cards: list[Card], body: Element) -> list[Card]:
    """featured-aside: static-site themes show the newest post in full in an `<aside id="featured">` right
    before the list ("Other articles"). An aside in the main column, before the list with nothing but
    headings and rules between, holding one linked heading whose post shows the same date and author
    markup as the list's cards (`abbr.published`, `address.vcard`), is the list's first post, however
    short the list (a tag page's one or two posts) or the title."""
    if not cards:
        return cards
    first = cards[0].roots[0]
    lead = {a.getparent(): a for a in [first, *first.iterancestors()]}
    taken = {e for c in cards for r in c.roots for e in (r, *r.iterancestors())}
    for aside in body.iter("aside"):
        parent = aside.getparent()
        if parent is None or parent not in lead or aside in taken or set(tokens(aside)) & _SIDE_MARKS:
            continue
        branch = lead[parent]
        if parent.index(aside) >= parent.index(branch) or not _only_headings_between(aside, branch):
            continue
        heads = [h for h in aside.iter(*HEADINGS) if h.find(".//a[@href]") is not None]
        if len(heads) != 1 or any(r is aside or aside in set(r.iterancestors()) for c in cards for r in c.roots):
            continue
        post = next(heads[0].iterancestors("article"), None)
        node = post if post is not None and aside in set(post.iterancestors()) else aside
        if _same_meta(node, first):
            member = heads[0] if cards[0].member.tag in HEADINGS else heads[0].find(".//a[@href]")
            return [Card([node], member, joined_by="featured-aside"), *cards]
    return cards


def featured_aside_pair(body: Element) -> list[Card]:
    """featured-aside, when nothing repeats: a tag or author page with one post below the featured aside
    (the two titles differ in markup, so no group holds both): the aside's post, then the one post of the
    list right after it, when both mark their date and author up alike."""
    for aside in body.iter("aside"):
        if set(tokens(aside)) & _SIDE_MARKS:
            continue
        heads = [h for h in aside.iter(*HEADINGS) if h.find(".//a[@href]") is not None]
        if len(heads) != 1:
            continue
        post = next(heads[0].iterancestors("article"), None)
        node = post if post is not None and aside in set(post.iterancestors()) else aside
        following = next((s for s in aside.itersiblings() if isinstance(s.tag, str) and s.tag not in ("hr", "br")
                           and s.tag not in HEADINGS), None)
        if following is None or following.tag in _PAGE_PARTS:
            continue
        listed = [a for a in following.iter("article") if any(h.find(".//a[@href]") is not None
                                                               for h in a.iter(*HEADINGS))]
        if len(listed) != 1 or not _same_meta(node, listed[0]):
            continue
        head = next(h for h in listed[0].iter(*HEADINGS) if h.find(".//a[@href]") is not None)
        return [Card([node], heads[0], joined_by="featured-aside"), Card([listed[0]], head)]
    return []


def _only_headings_between(aside: Element, branch: Element) -> bool:
    """Between the aside and the list: nothing, or a heading ("Other articles"), a rule, an empty wrapper."""
    for sib in aside.itersiblings():
        if sib is branch:
            return True
        if not isinstance(sib.tag, str) or sib.tag in (*HEADINGS, "hr", "br"):
            continue
        if sib.find(".//a[@href]") is not None or sib.tag in _PAGE_PARTS:
            return False
    return False


def _marks(el: Element) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The (tag, class) of the elements that carry a post's date and its author."""
    dates: set[tuple[str, str]] = set()
    authors: set[tuple[str, str]] = set()
    for e in el.iter(tag=None):
        if not isinstance(e.tag, str):
            continue
        words = set(tokens(e))
        key = (e.tag, " ".join(sorted((e.get("class") or "").split())))
        if e.tag == "time" or (e.tag == "abbr" and e.get("title")) or words & _DATE_WORDS:
            dates.add(key)
        if e.tag == "address" or e.get("rel") == "author" or words & _AUTHOR_WORDS:
            authors.add(key)
    return dates, authors


def _same_meta(post: Element, card: Element) -> bool:
    """The featured post marks its date and its author up as the list's first card does."""
    post_dates, post_authors = _marks(post)
    card_dates, card_authors = _marks(card)
    return bool(post_dates & card_dates) and bool(post_authors & card_authors)
_PAGE_PARTS = frozenset(("header", "nav", "footer", "aside"))


def with_featured_tiles(cards: list[Card], groups: Groups, noise: dict[Element, bool]) -> list[Card]:
    """featured-tiles: the linked headings (or title-classed elements) of regions before the first card join
    the list, first (beside a dated list, when they are dated too)."""
    if len(cards) < 3:
        return cards
    regions = _regions_before(cards, groups, noise)
    if not regions:
        return cards
    section = list_section(cards)
    if section is None:
        return cards
    dated = any(dated_any(c.roots[0]) for c in cards)
    extra: list[Card] = []
    for region, heads in regions.items():
        if len(heads) > _MAX_TILES or region.tag in _PAGE_PARTS or page_header(region) or in_aside(region):
            continue
        titles = set(heads) | set(region.iter(*HEADINGS))
        if not all(same_section(_heading_link(h, region), section) for h in titles):
            continue
        tiles = _tiles(region, heads)
        if not dated or all(dated_any(t.roots[0]) or _url_dated(t) for t in tiles):
            extra.extend(tiles)  # beside a dated list, only dated tiles: the lead story of a news section
    if not extra:
        return cards
    order = {e: i for i, e in enumerate(cards[0].roots[0].getroottree().iter())}
    return sorted(extra, key=lambda c: order.get(c.member, 0)) + cards


_MAX_LISTS = 3


def with_undated_lists(cards: list[Card], best_sig: tuple[str, ...] | None, groups: Groups,
                       noise: dict[Element, bool]) -> list[Card]:
    """undated-lists: other groups of title elements (headings, title-classed) join an undated list when
    each of their titles links into the list's section, they share nothing with the cards taken, sit in
    no sidebar, navigation or footer, and no heading calls them another list ("Related", "Most read")."""
    if len(cards) < 2 or best_sig is None:
        return cards
    others = [(sig, members) for sig, members in groups.items()
              if sig != best_sig and len(members) >= 2 and all(_titled(m) for m in members)]
    if not others or any(dated_any(c.roots[0]) for c in cards):
        return cards
    section = list_section(cards)
    if section is None:
        return cards
    taken = {e for c in cards for r in c.roots for e in (*r.iter(), *r.iterancestors())}
    extra: list[Card] = []
    joined = 0
    for _sig, members in others:
        if any(m in taken or is_noise(m, noise) or in_aside(m) or _in_page_part(m) for m in members):
            continue
        found = partition(members)
        for c in found:
            c.joined_by = "undated-lists"
        if any(e in taken for c in found for e in c.roots[0].iter()) or not all(
                same_section(_heading_link(c.member, c.roots[0]), section) for c in found):
            continue
        if other_list_heading(found[0].roots[0]):
            continue
        extra.extend(found)
        taken.update(e for c in found for e in (*c.roots[0].iter(), *c.roots[0].iterancestors()))
        joined += 1
        if joined >= _MAX_LISTS:
            break
    if not extra:
        return cards
    order = {e: i for i, e in enumerate(cards[0].roots[0].getroottree().iter())}
    return sorted(cards + extra, key=lambda c: order.get(c.roots[0], 0))


def _in_page_part(m: Element) -> bool:
    return any(a.tag in _PAGE_PARTS for a in m.iterancestors())


def _regions_before(cards: list[Card], groups: Groups, noise: dict[Element, bool]) -> dict[Element, list[Element]]:
    """Headings outside the list, each under its highest ancestor that holds no card, when that region
    comes before the list's first card under their common parent."""
    first = cards[0].roots[0]
    holding = {a for c in cards for a in c.roots[0].iterancestors()}
    taken = {e for c in cards for r in c.roots for e in r.iter()}
    lead = {a.getparent(): a for a in [first, *first.iterancestors()]}
    out: dict[Element, list[Element]] = {}
    for members in groups.values():
        for m in members:
            if not _titled(m) or m in taken or is_noise(m, noise):
                continue
            node = m
            while (parent := node.getparent()) is not None and parent not in holding:
                node = parent
            if parent is None or parent not in lead or parent.index(node) >= parent.index(lead[parent]):
                continue
            out.setdefault(node, []).append(m)
    return out


def _titled(m: Element) -> bool:
    """A heading, or an element whose class names a title ("hero-card__title", "headline")."""
    if m.tag in HEADINGS:
        return True
    cls = m.get("class") or ""
    return m.tag != "a" and ("itle" in cls or "eadline" in cls)


def _heading_link(h: Element, region: Element) -> str | None:
    """The href of the link around the heading (up to its region) or inside it."""
    for a in h.iterancestors():
        if a.tag == "a" and a.get("href"):
            return a.get("href")
        if a is region:
            break
    inner = h.find(".//a[@href]")
    return inner.get("href") if inner is not None else None


def _section(href: str) -> tuple[str, str, int]:
    """(host, first path segment, depth): /stories/swim-club and /stories/choir are one section."""
    parts = urlsplit(href.strip())
    segs = [s for s in parts.path.split("/") if s]
    return parts.netloc.lower(), segs[0] if segs else "", len(segs)


def same_section(href: str | None, section: tuple[str, str, int]) -> bool:
    if href is None:
        return False
    host, first, depth = _section(href)
    return (first, depth) == section[1:] and (not host or not section[0] or host == section[0])


def list_section(cards: list[Card]) -> tuple[str, str, int] | None:
    """The section most of the list's cards link into (two in three at least), or None."""
    found: Counter[tuple[str, str, int]] = Counter()
    for c in cards:
        link = c.member if c.member.tag == "a" else None
        if link is None:
            link = next((a for a in c.member.iterancestors("a")), None)
        if link is None:
            link = c.roots[0].find(".//a[@href]")
        if link is not None and link.get("href"):
            found[_section(link.get("href"))] += 1
    if not found:
        return None
    section, n = found.most_common(1)[0]
    return section if n * 3 >= len(cards) * 2 and section[2] >= 1 else None


def _url_dated(tile: Card) -> bool:
    """A tile that shows no date but links a dated permalink (/2024/03/07/slug/): a magazine's big grid
    shows its small tiles by title alone; the link dates them as well as a date line would."""
    href = _heading_link(tile.member, tile.roots[0])
    return href is not None and URL_DAY.search(urlsplit(href).path) is not None


def _tiles(region: Element, heads: list[Element]) -> list[Card]:
    """One card per heading: its highest ancestor inside the region that holds no other heading."""
    if len(heads) == 1:
        return [Card([region], heads[0], joined_by="featured-tiles")]
    out = []
    for h in heads:
        node = h
        while (parent := node.getparent()) is not None and parent is not region and not any(
                o is not h and parent in set(o.iterancestors()) for o in heads):
            node = parent
        out.append(Card([node], h, joined_by="featured-tiles"))
    return out
