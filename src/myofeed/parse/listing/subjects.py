"""Board subject lists (`numbered-subject-line`): a 2ch/5ch-style board's thread list, one link a line, each
link's text its number, the thread's title and its reply count: "1: Thread title [ID] (123)", "12: タイトル (45)"
(`<a href="1607000000/l50">12: タイトル (45)</a>`, lines split by a newline or a `<br>`). The number is the
line's place in the list and the bracketed number the replies: neither is part of the title.

A link is read so only when a link next to it (the line before or after) is numbered the same way, so one
"1: Intro (2)" headline elsewhere keeps its text. The test looks at the neighbours only: a list of 700 and
more lines costs a regular expression per line.
"""

from __future__ import annotations

import re

from .dom import Element, text_of
from .rules import Found, rule

__all__ = ["count_after_subject", "numbered_subject_line", "subject_parts"]

# "12: title (45)", "12：タイトル（45）", the count inside the link or right after it
_NUMBERED = re.compile(r"^\s*(\d{1,5})\s*[:：]\s*(\S.*?)\s*(?:[(（]\s*(\d{1,7})\s*[)）])?\s*$", re.S)
_COUNT_TAIL = re.compile(r"^\s*[(（]\s*(\d{1,7})\s*[)）]")
_LINE_BOXES = frozenset(("li", "p", "div", "dt", "dd", "span", "font", "small", "td"))


def subject_parts(link: Element) -> tuple[str, int | None] | None:
    """(title, reply count or None) of a numbered subject line's link; None when the link is no such line."""
    if link.tag != "a":
        return None
    got = _parts(link)
    if got is None or not (_numbered(_neighbour(link, before=True)) or _numbered(_neighbour(link, before=False))):
        return None
    return got


def _parts(link: Element) -> tuple[str, int | None] | None:
    m = _NUMBERED.match(text_of(link))
    if m is None:
        return None
    title, count = m.group(2), m.group(3)
    if count is not None and 1900 <= int(count) <= 2100:
        return f"{title} ({count})", None  # "3: Parasite (2019)": a year belongs to the title
    if count is None and (tail := _COUNT_TAIL.match(link.tail or "")):
        count = tail.group(1)  # "<a>12: title</a> (45)"
    return title, int(count) if count is not None else None


def _numbered(link: Element | None) -> bool:
    return link is not None and _NUMBERED.match(text_of(link)) is not None


def _neighbour(link: Element, *, before: bool) -> Element | None:
    """The link of the line before (or after) this one: a sibling link past `<br>`s, or the link alone in the
    sibling of the line's own box (`<li><a>...</a></li>`)."""
    def step(el: Element) -> Element | None:
        return el.getprevious() if before else el.getnext()

    node = step(link)
    while node is not None and node.tag == "br":
        node = step(node)
    if node is not None and node.tag == "a":
        return node
    box = link.getparent()
    if box is None or box.tag not in _LINE_BOXES or len(box) != 1 or (box.text or "").strip():
        return None
    other = step(box)
    while other is not None and other.tag == "br":
        other = step(other)
    if other is None or other.tag != box.tag or len(other) != 1 or other[0].tag != "a":
        return None
    return other[0]


@rule("numbered-subject-line")
def numbered_subject_line(v) -> Found[str] | None:
    """A board subject list's link ("12: Thread title [ID] (45)"): the title without its line number and its
    reply count."""
    got = subject_parts(v.title_el)
    return Found(got[0], v.title_el) if got else None


@rule("count-after-subject")
def count_after_subject(v) -> Found[int] | None:
    """A board subject list's reply count, the bracketed number closing the line ("12: title (45)")."""
    got = subject_parts(v.title_el)
    return Found(got[1], v.title_el) if got and got[1] is not None else None
