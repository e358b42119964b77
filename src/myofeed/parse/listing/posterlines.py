"""Posts that a poster's line closes (`poster-line-posts`): a community weblog's front page, where each post is
a title (a link, bold text, or none), a paragraph of links to other sites and "posted by USER at 10:45 AM - 22
comments - 17 favorites", the time or comments link being the post's own page; an old news page, where each
item is a headline in bold or `<font>` text that links nowhere, a teaser, perhaps "Click here for details", and
"Submitted by NAME, 4:10 PM". Nothing there repeats like a list of titles (the links are in prose, the
headlines are no links): the poster's lines repeat, and each closes one post.

A post's box is the largest element that holds its poster's line and no other; where the posts run in one
flat column (headline, `<br>`, teaser, line, one after another in a `<td>` or `<div>`), the run from the line
or day bar before it to the line is wrapped in a `<div>` of its own (only when these posts are taken).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from lxml import html

from ..dates import find_dates
from ..text import clean_author, is_read_more, parse_comment_count, strip_read_more, word_count
from .cardtext import profile_href
from .dayheads import date_alone, day_heading, header_date, with_time
from .dom import BLOCK_TAGS, HEADINGS, Element, nearest_heading_before, raw_text, text_of
from .hrefs import absolute_url
from .model import Card
from .rules import Found, rule
from .scoring import only_a_date

__all__ = ["POSTER_LINE_POSTS", "poster_line_comments", "poster_line_date", "poster_line_name", "poster_line_text",
           "poster_line_url", "with_poster_line_posts"]

POSTER_LINE_POSTS = "poster-line-posts"
HEADING_ABOVE = "heading-above-post-box"

# "posted by", "submitted by" and their kin, as a line's first words (the name follows)
_POSTER_WORDS = re.compile(
    r"^\s*(?:(?:posted|submitted|written|contributed|added|sent|filed)\s+by|eingetragen\s+von|geschrieben\s+von|"
    r"ver[öo]ffentlicht\s+von|publi[ée]\s+par|post[ée]\s+par|envoy[ée]\s+par|propos[ée]\s+par|enviado\s+por|"
    r"publicado\s+por|escrito\s+por|inviato\s+da|pubblicato\s+da|scritto\s+da|geplaatst\s+door|"
    r"ingezonden\s+door)\s*:?(?:\s+\S|\s*$)",  # the name, or its link after the words
    re.I,
)
_LINE_TAGS = ("span", "div", "p", "i", "em", "small", "font", "td", "dd", "li", "address", "footer")
_MAX_LINE = 200  # a poster's line is short: a paragraph that opens "Posted by" is prose
_MIN_POSTS = 3
# a headline is a line of its own: short, and no sentence of a paragraph
_MAX_HEADLINE = 160
_HEADLINE_TAGS = frozenset(("b", "strong", "font", "span", "a", "big", "u", "div", "p", *HEADINGS))
# a flat column's posts end at the line before them, or at a day's bar, a heading or a rule
_RUN_STOPS = frozenset(("hr", "table", *HEADINGS))


def with_poster_line_posts(body: Element, cards: list[Card]) -> list[Card]:
    """The posts closed by poster's lines, unless the cards found already stand for most of them, one card in
    each post's box (a blog's titled posts with "Posted by NAME at 9:25 AM" footers: its own rules read them);
    the cards found on such pages are links in a post's prose, or "17 favorites"."""
    lines = _poster_lines(body)
    if len(lines) < _MIN_POSTS:
        return cards
    headed: set[Element] = set()  # the headings heading-above-post-box took as titles
    posts = _posts(lines, headed)
    if len(posts) < _MIN_POSTS or len(posts) * 5 < len(lines) * 4:
        return cards  # most lines close no post of their own (a footer in its own box under each post)
    members = {c.member for c in cards}
    if sum(1 for post in posts if _stands_for(post, members)) * 2 >= len(posts):
        return _name_headings(cards, headed)
    out: list[Card] = []
    for box, title, line in posts:
        if isinstance(box, list):
            box = _wrap(box)
        member = title if title is not None else poster_line_link(line)
        if member is None:
            continue  # no title, no link: nothing to stand for the post
        joined = f"{POSTER_LINE_POSTS} + {HEADING_ABOVE}" if member in headed else POSTER_LINE_POSTS
        out.append(Card([box], member, joined_by=joined, poster_line=line))
    return out if len(out) >= _MIN_POSTS else cards


def _name_headings(cards: list[Card], headed: set[Element]) -> list[Card]:
    """The list's own cards stand for the posts because their headings head the posts' boxes
    (heading-above-post-box): `extract --explain` names the rule after the title's."""
    if not headed:
        return cards
    for card in cards:
        if card.member in headed or any(a in headed for a in card.member.iterancestors()):
            card.joined_by = f"{card.joined_by} + {HEADING_ABOVE}" if card.joined_by else HEADING_ABOVE
    return cards


def _stands_for(post: _Post, members: set[Element]) -> bool:
    """One card of the list found stands for the post: the only member in its box, and a heading, the text that
    opens the box (its title, or a row's first cell), or for a post without a title its poster's line's link.
    A link in the post's text, a "Click here for details" or a count is none of these."""
    box, title, line = post
    tops = box if isinstance(box, list) else [box]
    inside = [e for top in tops if isinstance(top.tag, str) for e in top.iter() if e in members]
    if len(inside) != 1:
        return False
    m = inside[0]
    if m.tag in HEADINGS or line in m.iterancestors():
        return True
    first = title if title is not None else _first_text_of_run(tops)
    if first is None:
        return False
    # the member is that text's element, holds it, or is all of it (a link filling a title span)
    return m is first or m in first.iterancestors() or (first in m.iterancestors() and text_of(m) == text_of(first))


def _poster_lines(body: Element) -> list[Element]:
    """The largest group of poster's lines of one shape (tag and class), at least three: short elements whose
    own text opens with "posted by" and the like."""
    _wrap_text_lines(body)
    found: dict[tuple[str, str], list[Element]] = defaultdict(list)
    for el in body.iter(_LINE_TAGS):
        first = el.text
        if not first or not _POSTER_WORDS.match(first) or len(text_of(el)) > _MAX_LINE:
            continue
        found[(el.tag, el.get("class") or "")].append(el)
    if not found:
        return []
    best = max(found.values(), key=len)
    return best if len(best) >= _MIN_POSTS else []


def _wrap_text_lines(body: Element) -> None:
    """A poster's line written as bare text after a `<br>` ("teaser<br>Submitted by Dave, 4:10 PM<br>") becomes a
    `<span>` of its own, with the inline elements up to the next `<br>` or block: only when three lines or more are
    written so (a hand-written news page), so that a line is an element as everywhere else."""
    found = [br for br in body.iter("br") if br.tail and _POSTER_WORDS.match(br.tail)]
    if len(found) < _MIN_POSTS:
        return
    for br in found:
        span = html.Element("span")
        span.text, br.tail = br.tail, None
        nxt = br.getnext()
        br.addnext(span)
        while nxt is not None and not (isinstance(nxt.tag, str) and nxt.tag in BLOCK_TAGS):
            after = nxt.getnext()
            span.append(nxt)
            nxt = after
        span.tail = " "


_Post = tuple[Element | list[Element], Element | None, Element]


def _posts(lines: list[Element], headed: set[Element]) -> list[_Post]:
    """(box, title element or None, poster's line) for each line that closes a post with text of its own;
    `headed` gets the headings `heading-above-post-box` took as titles."""
    held = Counter(a for line in lines for a in line.iterancestors())
    boxes: list[Element] = []
    for line in lines:
        box: Element = line
        while (parent := box.getparent()) is not None and held[parent] == 1 and parent.tag not in ("body", "html"):
            box = parent
        boxes.append(box)
    ends = set(boxes)
    out: list[_Post] = []
    above = _headings_above(lines, boxes, ends)
    for line, box in zip(lines, boxes, strict=True):
        if len(text_of(box)) <= len(text_of(line)) + 2:  # the line alone (in its <font>): one flat column
            run = _run_before(box, ends)
            if run is None:
                continue
            title = None if _lead_text(run) else _headline(run, line)
            if title is None and not _has_prose(run, line) and not _lead_text(run):
                continue
            out.append((run, title, line))
            continue
        title = _headline([box], line)
        if title is None and (run := above.get(box)) is not None:
            out.append((run, run[0], line))  # heading-above-post-box
            headed.add(run[0])
            continue
        if title is None and not _has_prose([box], line):
            continue  # a footer box holding only the line: the post's text is elsewhere
        out.append((box, title, line))
    return out


def _headings_above(lines: list[Element], boxes: list[Element], ends: set[Element]) -> dict[Element, list[Element]]:
    """`heading-above-post-box`: a community weblog's post titled by a heading that links nowhere, set before the
    post's box (`<h2 class="posttitle">Title</h2><div class="copy">text with links<br>posted by USER at TIME -
    N comments</div>`): the heading, not the first sentence of the text, is the title. Each such box maps to the
    run from its heading to it. Only when the boxes open with no headline of their own and two thirds of them
    or more have a heading of one shape right before them (a lone "Latest posts" heading above the first box
    names the list)."""
    found: dict[Element, list[Element]] = {}
    for line, box in zip(lines, boxes, strict=True):
        if len(text_of(box)) <= len(text_of(line)) + 2:
            continue
        run = [box]
        prev = box.getprevious()
        while prev is not None and (not isinstance(prev.tag, str) or prev.tag == "br") and not (prev.tail or "").strip():
            run.append(prev)
            prev = prev.getprevious()
        if prev is None or prev.tag not in HEADINGS or prev in ends or (prev.tail or "").strip():
            continue
        text = text_of(prev)
        if not text or len(text) > _MAX_HEADLINE or word_count(text) > 25 or only_a_date(text) or _day_bar(prev):
            continue
        run.append(prev)
        run.reverse()
        found[box] = run
    shapes = Counter((r[0].tag, r[0].get("class") or "") for r in found.values())
    if not shapes:
        return {}
    shape, count = shapes.most_common(1)[0]
    if count * 3 < len(lines) * 2:
        return {}
    return {box: run for box, run in found.items() if (run[0].tag, run[0].get("class") or "") == shape}


def _run_before(end: Element, ends: set[Element]) -> list[Element] | None:
    """The siblings from the last stop before the poster's line (the line before it, a day's bar, a heading,
    a rule) to the line, in page order; None when there is nothing but the line."""
    run = [end]
    prev = end.getprevious()
    while prev is not None:
        if isinstance(prev.tag, str) and (prev in ends or prev.tag in _RUN_STOPS or _day_bar(prev)):
            break
        run.append(prev)
        prev = prev.getprevious()
    run.reverse()
    # leading line breaks and the comments between posts are no part of the next post
    while run and (not isinstance(run[0].tag, str) or run[0].tag == "br") and not (run[0].tail or "").strip():
        run.pop(0)
    return run if len(run) > 1 else None


def _lead_text(run: list[Element]) -> str:
    """The text before the run's first element (after the line or bar before it): the post opens with it."""
    prev = run[0].getprevious()
    if prev is not None:
        return (prev.tail or "").strip()
    parent = run[0].getparent()
    return (parent.text or "").strip() if parent is not None else ""


def _day_bar(el: Element) -> bool:
    """A line that states a day and nothing else ("Friday, March 3, 2000", in a bar or in bold): it heads the
    posts below it."""
    return el.find(".//a[@href]") is None and date_alone(text_of(el)) is not None


def _headline(box: list[Element], line: Element) -> Element | None:
    """The element that opens the post on a line of its own, before its text: a heading, bold or `<font>`
    text, a title-classed span, a link alone on its line (the innermost element whose text comes first)."""
    first = _first_text_of_run(box)
    if first is None or first is line or line in first.iterancestors() or line in first.iterdescendants():
        return None
    text = text_of(first)
    if not text or len(text) > _MAX_HEADLINE or word_count(text) > 25 or first.tag not in _HEADLINE_TAGS:
        return None
    if only_a_date(text):
        return None  # a day's heading in the post's box (Blogger's date-outer), no headline
    if first.tag in ("div", "p") and not _title_class(first):
        return None  # a paragraph is the post's text, not its title
    if not _ends_its_line(first):
        return None  # "<a>Maps woven on a loom</a>, one for each parish...": a link in the post's first sentence
    return first


def _title_class(el: Element) -> bool:
    cls = (el.get("class") or "").lower()
    return "title" in cls or "headline" in cls


def _first_text_of_run(box: list[Element]) -> Element | None:
    """The element whose own text comes first in the run; None when the run opens with bare text."""
    for i, top in enumerate(box):
        if i and (box[i - 1].tail or "").strip():
            return None
        if not isinstance(top.tag, str):
            continue
        hit = _first_text(top)
        if hit is not None:
            return hit
    return None


def _first_text(el: Element) -> Element | None:
    """The element whose own text (its text, or the tail of a child) comes first in el."""
    if (el.text or "").strip():
        return el
    for child in el:
        if isinstance(child.tag, str) and (hit := _first_text(child)) is not None:
            return hit
        if (child.tail or "").strip():
            return el
    return None


def _ends_its_line(el: Element) -> bool:
    """Nothing but space follows the element on its line: a `<br>` or a block comes next, or its box ends."""
    node = el
    while True:
        if (node.tail or "").strip():
            return False
        nxt = node.getnext()
        while nxt is not None and not isinstance(nxt.tag, str):
            if (nxt.tail or "").strip():
                return False
            nxt = nxt.getnext()
        if nxt is not None:
            return nxt.tag in BLOCK_TAGS
        parent = node.getparent()
        if parent is None or parent.tag in BLOCK_TAGS:
            return True
        node = parent


def _has_prose(box: list[Element], line: Element) -> bool:
    """The box holds text of its own besides the poster's line: three words at least."""
    words = sum(word_count(text_of(el)) for el in box if isinstance(el.tag, str))
    words += sum(word_count(el.tail or "") for el in box[:-1])  # a run's text between its elements
    return words - word_count(text_of(line)) >= 3


def _wrap(run: list[Element]) -> Element:
    """A flat column's post as one box: the run's elements (with their text after them) moved into a new
    `<div>` at the run's place."""
    first = run[0]
    parent = first.getparent()
    box = html.Element("div")
    if _lead_text(run):  # the post's first words, written straight after the line before it
        prev = first.getprevious()
        if prev is not None:
            box.text, prev.tail = prev.tail, " "
        else:
            box.text, parent.text = parent.text, " "
    parent.insert(parent.index(first), box)
    for el in run:
        box.append(el)  # an element moves with its tail: the text after it stays with it
    last = run[-1]  # but the text after the poster's line opens the next post
    box.tail, last.tail = (last.tail or " "), None
    return box


def poster_line_link(line: Element) -> Element | None:
    """The post's own link in its poster's line: the time linked to it, else the comments link, on a page of
    the site's (no profile page, no favorites list)."""
    links = [a for a in line.iter("a") if (href := a.get("href")) and not profile_href(href)
             and not href.startswith(("#", "mailto:", "javascript:"))]
    timed = [a for a in links if _CLOCK.search(text_of(a))]
    counted = [a for a in links if _COMMENTS.search(text_of(a))]
    for a in (*timed, *counted):
        return a
    return None


_CLOCK = re.compile(r"^\s*(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?\s*(?:[ap]\.?m\.?)?\s*$", re.I)
_COMMENTS = re.compile(r"\d+\s+(?:comments?|repl(?:y|ies)|responses?)\b", re.I)


# The fields of a post its poster's line closes: the line states them, and the text above it (a teaser that
# may name other days: "a net from 11 PM on December 31") is no meta line.


@rule("poster-line-link")
def poster_line_url(v) -> Found[str] | None:
    """The post is at its poster's line's time or comments link ("posted by USER at <a>10:45 AM</a> -
    <a>22 comments</a>"): its title may link to the story on another site, or nowhere. Without such a link,
    the title's own link or the box's "Click here for details"; else the post has no link of its own (the
    links in its text lead to other sites: none of them is the post)."""
    line = v.card.poster_line
    if line is None:
        return None
    a = poster_line_link(line)
    if a is None:
        title = v.title_el
        a = title if title.tag == "a" else next(title.iterancestors("a"), None)
    if a is None:
        a = next((x for r in v.roots for x in r.iter("a") if x.get("href") and is_read_more(text_of(x))), None)
    if a is None:
        return Found(None)
    url = absolute_url((a.get("href") or "").split("#", 1)[0], v.ctx.base_url)
    return Found(url, a)


@rule("poster-line-date")
def poster_line_date(v) -> Found[str] | None:
    """The date in the poster's line ("Posted by NAME on March 3, 2000 at 11:02 AM"), else the day's heading
    or bar over the post with the line's time ("posted by USER at 10:45 AM" under "May 2")."""
    line = v.card.poster_line
    if line is None:
        return None
    text = text_of(line)
    if found := find_dates(text, now=v.ctx.now, prefer_day_first=v.ctx.day_first, relative=False):
        return Found(with_time(found[0].value, text[found[0].end:]), line)
    if head := header_date(v.card, v.ctx):
        return Found(with_time(head[0], text), head[1])
    # a post that states its time of day under a heading "May 2": the heading is that day, no month and count
    if _TIME_OF_DAY.search(text) and (h := nearest_heading_before(v.card.roots[0], v.ctx.headings)) is not None:
        if day := day_heading(text_of(h), v.ctx, h, month_day=True):
            return Found(with_time(day, text), h)
    return None


_TIME_OF_DAY = re.compile(r"\b(?:[01]?\d|2[0-3]):[0-5]\d\b")


# where the name after "posted by" ends: its time, its date, its count, a separator
_NAME_END = re.compile(r"\s*(?:,|\s(?:at|on|am|le|el|il|op|um|@)\s|\s[-–—|·•(]|\(|$)", re.I)


@rule("poster-line-name")
def poster_line_name(v) -> Found[str] | None:
    """The name after "posted by" / "submitted by" in the poster's line: the link right after the words, or
    the words up to the time, the date or a separator ("Submitted by Walt Pemberton, 4:10 PM")."""
    line = v.card.poster_line
    if line is None:
        return None
    rest = _POSTER_WORDS.sub("", line.text or "", count=1)
    if not rest.strip():  # the name is the link after the words
        a = next((c for c in line if isinstance(c.tag, str)), None)
        name = clean_author(text_of(a)) if a is not None and a.tag == "a" else None
        return Found(name, a) if name else None
    words = (line.text or "").strip()
    words = words[_POSTER_WORDS.match(words).end() - 1:] if _POSTER_WORDS.match(words) else words  # type: ignore[union-attr]
    name = clean_author(_NAME_END.split(words, maxsplit=1)[0])
    return Found(name, line) if name else None


@rule("poster-line-comments")
def poster_line_comments(v) -> Found[int] | None:
    """The count in the poster's line ("22 comments", "(14 comments total)"); a line without one says none
    (a favourites count is no comment count)."""
    line = v.card.poster_line
    if line is None:
        return None
    found, count = parse_comment_count(text_of(line))
    return Found(count if found else None, line)


@rule("text-above-poster-line")
def poster_line_text(v) -> Found[str] | None:
    """The post's text: its box without the title, the poster's line and a "Click here for details" link."""
    line = v.card.poster_line
    if line is None:
        return None
    holders = set(line.iterancestors())
    out = set(line.iter()) | set(v.skip)
    text = "".join(raw_text(root, out) for root in v.roots)
    v.skip.update(e for r in v.roots for e in r.iter() if e not in holders and e not in out)
    return Found(strip_read_more(" ".join(text.split())), None)
