"""hero-slider: the stories of a news home page's hero slider or hero box, before its grid.

A news home page opens with a slider (Swiper, Slick, Owl, Splide, Glide, Flickity, or a theme's own "slider" /
"carousel") or a hero box of the top stories, then a grid of cards that repeats some of them. The slides are
marked up unlike the grid's cards (the headline in a `<div>` or an `<h1>` over an image, a side column of plain
links), so no group of title candidates holds them all, and the stories shown only in the slider were lost.
Every story of such a region before the list joins it, first and in page order; a story the grid repeats is
kept once, where it first appears (the grid's copy fills the fields the slide does not show: `html._finish`).
Slides a carousel copies to loop are dropped before (`cloned-slide`, `prepare.py`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .carousel import is_carousel
from .dom import HEADINGS, Element, text_of
from .featured import list_section, same_section
from .grouping import in_aside
from .model import Card

__all__ = ["with_slider_stories"]

_TITLE_CLS = re.compile(r"title|headline|heading", re.I)
_MAX_STORIES = 12
_MIN_WORDS = 3


def with_slider_stories(cards: list[Card], body: Element) -> list[Card]:
    """The stories of the slider and hero regions before the list join it first (`hero-slider`)."""
    if len(cards) < 2:
        return cards
    order = {e: i for i, e in enumerate(body.iter())}
    first = min(order.get(c.roots[0], 0) for c in cards)
    held = {a for c in cards for r in c.roots for a in (r, *r.iterancestors())}
    taken = {e for c in cards for r in c.roots for e in r.iter()}
    hrefs = {h.split("#")[0] for c in cards if (h := _href(c)) is not None}
    hosts = {urlsplit(h).netloc for h in hrefs}
    section = list_section(cards)
    extra: list[Card] = []
    for region in _regions_before(body, order, first, held):
        stories = _stories(region, taken, hosts)
        # the grid repeats one of them, or each leads into the list's section (a services hero does neither)
        if any(_href(c) in hrefs for c in stories) or (section is not None and all(
                same_section(_href(c), section) for c in stories)):
            extra += stories
        if len(extra) > _MAX_STORIES:
            return cards
    if not extra:
        return cards
    return extra + cards


def _href(card: Card) -> str | None:
    link = card.member if card.member.tag == "a" else next(card.member.iterancestors("a"), None)
    if link is None:
        link = card.member.find(".//a[@href]")
    href = link.get("href") if link is not None else None
    return href.split("#")[0] if href else None


def _regions_before(body: Element, order: dict[Element, int], first: int, held: set[Element]) -> list[Element]:
    """The outermost slider and hero regions that end before the list's first card and hold none of it."""
    out: list[Element] = []
    for el in body.iter():
        if not isinstance(el.tag, str) or order.get(el, first) >= first:
            continue
        if el in held or not is_carousel(el) or in_aside(el) or any(o in out for o in el.iterancestors()):
            continue
        last = max((order.get(d, 0) for d in el.iter()), default=0)
        if last < first:
            out.append(el)
    return out


def _stories(region: Element, taken: set[Element], hosts: set[str]) -> list[Card]:
    """One card per story the region links to, titled by the headline inside or beside its link."""
    found: dict[str, tuple[Element, Element]] = {}
    for a in region.iter("a"):
        href = a.get("href")
        if not href or a in taken or href.startswith(("#", "javascript:")):
            continue
        host = urlsplit(href).netloc
        if host and hosts and host not in hosts and "" not in hosts:
            continue
        title = _headline(a)
        if title is None:
            continue
        key = href.split("#")[0]
        if key not in found:
            found[key] = (a, title)
    if len(found) < 2:
        return []
    links = {a for a, _ in found.values()}
    out = []
    for a, title in found.values():
        out.append(Card([_slide_box(a, region, links)], title, joined_by="hero-slider"))
    return out


def _headline(a: Element) -> Element | None:
    """The link's headline: a heading or title-classed element inside it, else its own text of three words or
    more (a kicker's "Kota" and an image link are no headline)."""
    for el in a.iterdescendants():
        if isinstance(el.tag, str) and (el.tag in HEADINGS or _TITLE_CLS.search(el.get("class") or "")) and _words(el):
            return el
    return a if _words(a) else None


def _words(el: Element) -> bool:
    return len(text_of(el).split()) >= _MIN_WORDS


def _slide_box(a: Element, region: Element, links: set[Element]) -> Element:
    """The largest element around the link, inside the region, that holds no other story's link."""
    box = a
    while (parent := box.getparent()) is not None and parent is not region:
        if any(x is not a and x in links for x in parent.iter("a")):
            break
        box = parent
    return box
