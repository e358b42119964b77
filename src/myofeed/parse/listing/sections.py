"""Full posts whose body headings share the title's tag: `<h2>Title</h2>`, paragraphs, `<h2>A section</h2>`
... A group of such headings holds titles and sections alike; only the titles are posts, so that each
post becomes one card (and its in-text links no posts of their own)."""

from __future__ import annotations

from collections import defaultdict

from ..dates import find_dates
from ..text import is_read_more
from .cardtext import footer_line
from .dayheads import date_alone
from .dom import HEADINGS, Element, text_of
from .scoring import link_in_prose

__all__ = ["without_links_in_prose", "without_references_in_posts", "without_section_headings"]


def without_section_headings(members: list[Element]) -> list[Element]:
    """Full posts whose body headings share the title's tag (<h2>Title</h2>, paragraphs, <h2>A section</h2>
    ...): the section headings leave, so that each post is one card. In a box per post or one flat
    column, when every box's first heading links to a post, the headings that link nowhere are sections
    (or a widget's heading); when the titles link nowhere either, a heading that opens each post's box
    is its title and the others in the box are sections."""
    if len(members) < 3 or members[0].tag not in HEADINGS:
        return members
    days = {m for m in members if date_alone(text_of(m))}
    if days and len(members) - len(days) >= 2:
        # day-headings-no-titles: "2023-03-02" over the day's posts, linked to the day's page or not, of the
        # titles' own tag: a heading of the posts below, never a post (nor the title that links, below)
        members = [m for m in members if m not in days]
    boxes: dict[Element | None, list[Element]] = defaultdict(list)
    for m in members:
        boxes[m.getparent()].append(m)
    if len(boxes) == len(members):
        return members  # one heading per box: nothing to tell apart
    linked = [m for m in members if _links_out(m)]
    if 2 <= len(linked) < len(members) and len(boxes) == 1 and (titles := _titles_after_footers(members, linked)):
        return titles
    if 2 <= len(linked) < len(members):
        return _linked_titles(linked, boxes, members)
    if not linked and len(boxes) >= 2 and all(_opens_box(heads[0]) and _one_post(box) for box, heads in boxes.items()):
        return [heads[0] for heads in boxes.values()]
    if not linked:
        dated = [m for m in members if _date_line_after(m)]
        if len(dated) >= 2 and dated[0] is members[0]:
            return dated  # one flat column: a title has its date line right under it, a section has not
    return members


def without_links_in_prose(members: list[Element]) -> list[Element]:
    """links-in-prose-no-titles: a group of links of one shape, some standing alone on their line (a full
    post's title as a linked paragraph) and others in the middle of a sentence of the same paragraphs' shape
    (the posts' references to other pages): the links in prose are no posts. Only when two or more stand
    alone; a group of links all in prose is left to the scores (a third each)."""
    if len(members) < 3 or members[0].tag != "a":
        return members
    alone = [m for m in members if not link_in_prose(m)]
    return alone if 2 <= len(alone) < len(members) else members


def _titles_after_footers(members: list[Element], linked: list[Element]) -> list[Element] | None:
    """titles-after-footers: one flat column of full posts, each closed by its footer line ("posted by Ann
    at 10:43:12 AM | permalink | comments (3)"), some titles linked to the story they are about and
    others not linked at all: the first heading after each footer (and the first of all) is a post's
    title, linked or not; a heading further into a post is a section. Only when every linked heading is
    such a title, so that a column whose titles all link still drops its unlinked sections."""
    titles = _firsts_after_footers(members)
    return titles if titles is not None and set(linked) <= set(titles) else None


def without_references_in_posts(members: list[Element]) -> list[Element]:
    """references-between-footers: one flat column of full posts whose titles are linked lines (`<p><a
    href="/blog/X">Title</a></p>`, no heading), each post closed by its footer line: a line of the same
    shape further into a post (its text linking back to another post by its title, or to itself) is a
    reference, no post. The first such line after each footer is the title (each post had come out twice,
    the reference taking the post's footer)."""
    if len(members) < 3 or members[0].tag != "a":
        return members
    lines: dict[Element, Element] = {}
    for m in members:
        line = m.getparent()
        if line is not None and line.tag in ("p", "div") and text_of(line) == text_of(m):
            lines[line] = m  # a link alone on its line; one with words around it is the text's
    if len(lines) < 2:
        return members
    titles = _firsts_after_footers(list(lines))
    return [lines[t] for t in titles] if titles is not None and len(titles) < len(members) else members


def _firsts_after_footers(heads: list[Element]) -> list[Element] | None:
    """The first of `heads` (siblings in one column) after each post's footer line, and the first of all;
    None unless the column has two footers and two such firsts at least."""
    parent = heads[0].getparent()
    if parent is None or any(h.getparent() is not parent for h in heads):
        return None
    members = set(heads)
    firsts: list[Element] = []
    opened, footers = True, 0
    for el in parent.iterchildren():
        if el in members:
            if opened:
                firsts.append(el)
            opened = False
        elif isinstance(el.tag, str) and el.tag not in HEADINGS and footer_line(el):
            opened, footers = True, footers + 1
    return firsts if footers >= 2 and len(firsts) >= 2 else None


def _date_line_after(h: Element) -> bool:
    """The element right after the heading is a date line: a <time>, or a short text that is mostly a
    date ("Friday, 14 April 2023", "Posted on May 3, 2020")."""
    nxt = h.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    if nxt is None or nxt.tag in HEADINGS:
        return False
    if nxt.tag == "time" or (len(nxt) <= 2 and nxt.find(".//time") is not None):
        return True
    text = text_of(nxt)
    if len(text) > 60 or not any(ch.isdigit() for ch in text):
        return False
    found = find_dates(text, relative=False)
    return bool(found) and (found[0].end - found[0].start) * 2 >= len(text)


def _linked_titles(linked: list[Element], boxes: dict[Element | None, list[Element]],
                   members: list[Element]) -> list[Element]:
    if any(not _links_out(heads[0]) for heads in boxes.values() if len(heads) > 1):
        return members  # a box led by an unlinked heading: titles without links, not sections
    per_box = [n for heads in boxes.values() if (n := sum(1 for h in heads if _links_out(h)))]
    if len(per_box) > 1 and max(per_box) > 1:
        return members  # several boxes of posts, one with several linked headings: not one post per box
    return linked


def _one_post(box: Element | None) -> bool:
    """The box holds one post's marks at most: one <time>, one read-more link (a topic's box of several
    posts holds one of each per post)."""
    if box is None:
        return False
    return len(box.findall(".//time")) <= 1 and sum(1 for a in box.iter("a") if is_read_more(text_of(a))) <= 1


def _opens_box(h: Element) -> bool:
    """The heading comes first in its box: no text and no other block before it."""
    parent = h.getparent()
    if parent is None or parent.tag in ("body", "main"):
        return False
    return not (parent.text or "").strip() and all(
        not isinstance(sib.tag, str) or (sib.tag in ("a", "img", "figure", "picture") and not text_of(sib))
        for sib in h.itersiblings(preceding=True))


def _links_out(h: Element) -> bool:
    """The heading holds a link that leaves the page (not a '#section' anchor)."""
    return any((href := a.get("href")) and not href.startswith("#") for a in h.iter("a"))
