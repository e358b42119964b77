"""more-articles-list: a category blog's list of title-only links after its full items.

Joomla's category blog shows its first items in full, then the next ones as bare links: Joomla 3 in `<div
class="items-more"><h3>More Articles ...</h3><ol class="nav nav-tabs nav-stacked">`, Joomla 4 in `<ul
class="com-content-blog__links">`; other CMSs the same under "More articles", "Weitere Beiträge", "Plus
d'articles". They are the category's posts too (a title and a link), in page order after the full ones. The
list is classed as navigation (`nav`), so it was noise to every other rule.
"""

from __future__ import annotations

import re

from .dom import HEADINGS, Element, text_of
from .featured import list_section, same_section
from .grouping import in_aside
from .model import Card

__all__ = ["with_more_articles"]

_MORE_BOX = re.compile(r"(?:^|\s)(?:items-more|com-content-(?:category-)?blog__links|blog-more|more-articles)(?:$|\s)")
_MORE_HEAD = re.compile(
    r"^\s*(?:more\s+(?:articles|posts|news|stories|entries)|older\s+(?:articles|posts|entries)|"
    r"weitere\s+(?:beitr[äa]ge|artikel|meldungen|nachrichten)|plus\s+d['’]articles|autres\s+articles|"
    r"m[áa]s\s+art[íi]culos|otros\s+art[íi]culos|altri\s+articoli|meer\s+artikelen|fler\s+artiklar|"
    r"flere\s+artikler|wi[ęe]cej\s+artyku[łl][óo]w|mais\s+artigos|другие\s+статьи|ещё\s+статьи|еще\s+статьи)"
    r"\s*(?:[.…:]+|&hellip;)?\s*$", re.I)
_LIST_TAGS = ("ul", "ol")
_MAX_LINKS = 40


def with_more_articles(cards: list[Card]) -> list[Card]:
    """The links of a "More articles" list after the cards join them, titled by their text (`more-articles-list`):
    the list comes after the last card, in a box that holds the cards' box or sits beside it (no aside), and every
    link leads into the section the cards link into."""
    if len(cards) < 2:
        return cards
    section = list_section(cards)
    last = cards[-1].roots[-1]
    box = _more_list_after(last)
    if section is None or box is None:
        return cards
    links = [a for a in box.iter("a") if a.get("href") and text_of(a)]
    if not 2 <= len(links) <= _MAX_LINKS or not all(same_section(a.get("href"), section) for a in links):
        return cards
    taken = {e for c in cards for r in c.roots for e in r.iter()}
    if any(a in taken for a in links):
        return cards
    extra = []
    for a in links:
        item = next((p for p in a.iterancestors() if p.tag == "li"), a)
        extra.append(Card([item], a, joined_by="more-articles-list"))
    return cards + extra


def _more_list_after(last: Element) -> Element | None:
    """The "More articles" list that follows the element `last` (the last card's box) among the siblings of it or
    of one of its first ancestors: a list in a box classed as such, or right after such a heading."""
    node = last
    for _ in range(4):
        parent = node.getparent()
        if parent is None or in_aside(node):
            return None
        for sib in node.itersiblings():
            if not isinstance(sib.tag, str):
                continue
            found = _more_list(sib)
            if found is not None:
                return found
            if sib.tag in HEADINGS or sib.find(".//a[@href]") is not None and not _heading_only(sib):
                break  # another block of links first: the more-list must follow the cards
        node = parent
    return None


def _heading_only(el: Element) -> bool:
    return el.tag in HEADINGS or (len(el) == 1 and isinstance(el[0].tag, str) and el[0].tag in HEADINGS)


def _more_list(el: Element) -> Element | None:
    """el itself when it is the list of a "More articles" box, or its list (the list right after its heading)."""
    if _MORE_BOX.search(el.get("class") or ""):
        lists = [x for x in el.iter(*_LIST_TAGS)]
        return lists[0] if len(lists) == 1 else (el if el.tag in _LIST_TAGS else None)
    if el.tag in HEADINGS and _MORE_HEAD.match(text_of(el)):
        nxt = el.getnext()
        while nxt is not None and not isinstance(nxt.tag, str):
            nxt = nxt.getnext()
        return nxt if nxt is not None and nxt.tag in _LIST_TAGS else None
    return None
