"""Lists with no element per item: links one per line, the lines separated by <br> (old blogs' archive pages,
hand-written link lists), the post's date written beside the link in its line: "June 14, 2006: <a>Title</a>
<br />", "<a>Title</a> (2006-06-14)<br />". The line's text is the link's siblings' text back to the <br>
before it and on to the <br> after it."""

from __future__ import annotations

from ..dates import find_dates
from ..text import clean
from .dom import BLOCK_TAGS, Element, text_of
from .rules import Found, rule

__all__ = ["date_beside_link_in_line"]


def _line_around(a: Element) -> str | None:
    """The text of a's <br>-separated line without a's own text; None unless a's box breaks lines with <br>."""
    parent = a.getparent()
    if parent is None or parent.find("br") is None:
        return None
    before: list[str] = []
    prev = a.getprevious()
    while prev is not None and prev.tag != "br" and not (isinstance(prev.tag, str) and prev.tag in BLOCK_TAGS):
        before.append(prev.tail or "")
        before.append(text_of(prev) if isinstance(prev.tag, str) else "")
        prev = prev.getprevious()
    before.append((prev.tail or "") if prev is not None else (parent.text or ""))
    after = [a.tail or ""]
    nxt = a.getnext()
    while nxt is not None and nxt.tag != "br" and not (isinstance(nxt.tag, str) and nxt.tag in BLOCK_TAGS):
        after.append((text_of(nxt) if isinstance(nxt.tag, str) else "") + (nxt.tail or ""))
        nxt = nxt.getnext()
    return clean(" ".join(reversed(before)) + " " + " ".join(after))


@rule("date-beside-link-in-line")
def date_beside_link_in_line(v) -> Found[str] | None:
    """"June 14, 2006: <a>Title</a><br />": a line of a <br>-separated list whose words besides the title's
    link are its date (a colon, a dash or brackets around it at most)."""
    a = v.title_el
    if a is None or a.tag != "a" or (line := _line_around(a)) is None or not (6 <= len(line) <= 40):
        return None
    found = find_dates(line, now=v.ctx.now, prefer_day_first=v.ctx.day_first, relative=False)
    if not found:
        return None
    rest = (line[: found[0].start] + line[found[0].end:]).strip(" :-–—|·,()[]")
    return Found(found[0].value, a) if not rest else None
