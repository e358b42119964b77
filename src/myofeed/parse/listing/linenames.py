"""Writers and counts that sit in their own slot of a one-line post, with no by-word: forum thread lists and
mailing-list indexes.

- `name-after-subject`: a mailing-list index's line, the subject's link, then the sender: MHonArc's
  `<li><strong><a>Subject</a></strong>, <em>Ann Lee</em></li>`, Pipermail's `<LI><A>Subject</A><A
  NAME="12">&nbsp;</A><I>Ann Lee</I>`, Hypermail's `<a name="12"><em>Ann Lee</em></a>`, or the name after a
  dash: `<li><a>Subject</a> - Ann Lee [6]</li>`.
- `name-without-date`: a forum's "author / date" cell (Discuz!'s `<td class="author"><cite><a>NAME</a></cite>
  <em>2012-3-9</em></td>`, `td.by`, a mobile list's `<span class="by">NAME</span>`): the name without the date.
- `count-in-num-slot`: a thread's reply count in its own `num` slot (`<span class="num">14</span>`, a "replies /
  views" cell `<td class="nums"><strong>12</strong> / <em>345</em></td>`): the first number.
- `bracketed-count-after-name`: a line's message count in brackets at its end ("- Ann Lee [6]", "<em>Ann Lee</em>
  (3 messages)").
- `sender-label`: a mail header's label in an element of its own, the sender after it (Debian's MHonArc index:
  `<em>From</em>: Ann Lee &lt;ann@lists.example&gt;`).
- `text-without-by-slot`: a mobile thread list's title link holding the writer's slot, the count's and badges.
"""

from __future__ import annotations

import re

from ..dates import find_dates
from ..text import clean_author
from .cardtext import profile_href
from .dom import Element, text_of
from .rules import Found, rule

__all__ = ["bracketed_count_after_name", "by_slot_in_title", "sender_label", "count_in_num_slot", "name_after_subject",
           "name_in_cell", "name_without_date", "text_without_by_slot"]

_LINE_ROOTS = frozenset(("li", "dt", "dd", "p", "div", "tr", "td"))
_NAME_SLOTS = frozenset(("em", "i", "cite"))  # how list archivers set the sender apart
_JOINERS = re.compile(r"^\s*(?:[,;:|·•/]|[-–—]{1,2}|by|from|von|de|par|da)?\s*$", re.I)
_DASH_NAME = re.compile(r"^\s*[-–—]{1,2}\s+([^\[\](){}<>|,;]{2,60}?)\s*(?:[\[(][^\])]*[\])]\s*)?$")
# "[6]", "(3 messages)": a thread's message count as an index prints it
_COUNT = (r"[\[(]\s*(\d{1,6})(?:\s+(?:messages?|msgs?|mails?|posts?|nachrichten|beitr[äa]ge|messaggi|mensajes|"
          r"berichten|wiadomo[śs]ci))?\s*[\])]")
_BRACKET_ONLY = re.compile(rf"^\s*{_COUNT}\s*$", re.I)
_BRACKET_COUNT = re.compile(rf"{_COUNT}\s*$", re.I)
_NUM_CLASSES = frozenset(("num", "nums", "replies", "reply", "replynum", "reply-num"))
_FIRST_NUMBER = re.compile(r"^\s*(\d{1,7})\s*(?:/\s*\d{1,9}\s*)?$")


def _plausible_name(text: str) -> str | None:
    """A sender's name or handle as printed: short, no date, not a sentence, no count."""
    name = clean_author(text)
    if not name or len(name) > 60 or len(name.split()) > 6 or name.endswith((":", "?", "!")):
        return None
    if name.startswith(("(", "[")) or (name.endswith(".") and len(name.split()) > 2):
        return None  # a source's name in brackets ("(Rare News Daily)"), a teaser's sentence
    if sum(ch.isdigit() for ch in name) > 4 or find_dates(name, relative=False):
        return None
    return name


def _title_top(v) -> tuple[Element, Element] | None:
    """The title's element as high as it goes while it holds nothing but the title (a <strong> around the
    subject's link), and the line holding it: the card's root or the nearest line element (`<li>`) around the
    title inside it (a day's one message: its card is the whole `<ul>`)."""
    el = v.title_el
    root = v.roots[0]
    if el is None:
        return None
    line = next((a for a in el.iterancestors() if a.tag in _LINE_ROOTS), None)
    if line is None or (line is not root and root not in line.iterancestors()):
        return None
    title = text_of(el)
    while (parent := el.getparent()) is not None and parent is not line and text_of(parent) == title:
        el = parent
    return el, line


def _next_slot(el: Element) -> Element | None:
    """The element after the title, past empty anchors (Pipermail's `<A NAME="12">&nbsp;</A>`), when only a
    joiner (",", "-", "by") or nothing stands between them."""
    if not _JOINERS.match(el.tail or ""):
        return None
    node = el.getnext()
    while node is not None and (not isinstance(node.tag, str) or (node.tag == "a" and not node.get("href")
                                                                  and not text_of(node))):
        if not _JOINERS.match(node.tail or ""):
            return None
        node = node.getnext()
    return node


@rule("name-after-subject")
def name_after_subject(v) -> Found[str] | None:
    """A mailing-list index's line: the sender in the element right after the subject (", <em>NAME</em>",
    "<I>NAME</I>"), or the words after a dash ("<a>Subject</a> - NAME [6]")."""
    found = _title_top(v)
    if found is None:
        return None
    top = found[0]
    if m := _DASH_NAME.match(top.tail or ""):
        after = top.getnext()
        if after is None or (after.tag in ("tt", "small", "span", "font") and _BRACKET_ONLY.match(text_of(after))):
            name = _plausible_name(m.group(1))
            return Found(name, top) if name else None
        return None
    slot = _next_slot(top)
    if slot is not None and slot.tag == "a" and not slot.get("href") and len(slot) == 1 and not (
            slot.text or "").strip():
        slot = slot[0]  # Hypermail: <a name="12"><em>NAME</em></a>
    if slot is None or slot.tag not in _NAME_SLOTS or len(slot) > 1:
        return None
    inner = slot[0] if len(slot) == 1 else None
    if inner is not None and not (inner.tag == "a" and profile_href(inner.get("href") or "")):
        return None
    name = _plausible_name(text_of(slot))
    return Found(name, slot) if name else None


def name_in_cell(cell: Element) -> str | None:
    """The name an "author / date" cell shows: its profile link or `<cite>`, else its text without the parts
    that are a date alone."""
    for el in cell.iter("cite", "a"):
        if el.tag == "cite" or profile_href(el.get("href") or ""):
            if name := _plausible_name(text_of(el)):
                return name
    dated = {e for child in cell for e in child.iter()
             if isinstance(child.tag, str) and (t := text_of(child)) and _date_alone(t)}
    return _plausible_name(text_of(cell, dated)) if dated else None


def _date_alone(text: str) -> bool:
    found = find_dates(text, relative=True)
    return bool(found) and sum(d.end - d.start for d in found) >= 0.6 * len(text)


_BY_SLOTS = frozenset(("by", "author"))
# a mobile thread list's badges inside the title link: "置顶" (sticky), "精华" (digest), "图片" (pictures)
_ICON_SLOT = re.compile(r"^icon(?:[_-]|$)")


def _classes(el: Element) -> list[str]:
    return (el.get("class") or "").lower().split()


def _by_slot(el: Element) -> bool:
    return bool(_BY_SLOTS.intersection(_classes(el)))


def _num_slot(el: Element) -> bool:
    return bool(_NUM_CLASSES.intersection(_classes(el)))


def by_slot_in_title(title: Element) -> Element | None:
    """A writer's slot inside the title's link (a mobile list's `<a>Title<span class="by">NAME</span></a>`)."""
    return next((e for e in title.iterdescendants("span", "em", "i", "cite", "small") if _by_slot(e)), None)


def _slots_in_title(title: Element) -> list[Element]:
    """The writer's slot, the count's slot and the badges a mobile thread list puts in the title link beside
    the subject: `<a><span>Subject</span><span class="icon icon_ding">置顶</span><span class="by">NAME</span>
    <span class="num">14</span></a>`."""
    if by_slot_in_title(title) is None:
        return []
    return [e for e in title.iterdescendants("span", "em", "i", "cite", "small")
            if _by_slot(e) or _num_slot(e) or any(_ICON_SLOT.match(c) for c in _classes(e))]


@rule("text-without-by-slot")
def text_without_by_slot(v) -> Found[str] | None:
    """A title link holding the writer's slot (`<span class="by">NAME</span>`), perhaps the reply count's and a
    badge's: the title without them (`name-without-date` and `count-in-num-slot` read them)."""
    slots = _slots_in_title(v.title_el)
    if not slots:
        return None
    text = text_of(v.title_el, {e for slot in slots for e in slot.iter()})
    return Found(text, v.title_el) if text else None


@rule("name-without-date")
def name_without_date(v) -> Found[str] | None:
    """A forum's author slot holding the name and the date (`td.author`, `td.by`, `span.by`, also inside the title
    link): the name."""
    inside = set(_slots_in_title(v.title_el)) if v.title_el is not None else set()
    for el in v.roots[0].iter("td", "span", "div", "p", "dd", "em", "i", "cite", "small"):
        if (el in v.skip and el not in inside) or not _by_slot(el):
            continue
        if len(el) == 0:  # a mobile list's "<span class="by">NAME</span>"
            name = _plausible_name(text_of(el))
        else:
            name = name_in_cell(el)
        if name:
            return Found(name, el)
    return None


# a mail header's label, set apart from the name ("<em>From</em>: Ann Lee <ann@...>", Debian's MHonArc index)
_SENDER_LABEL = re.compile(r"^\s*(?:from|sender|von|absender|de|exp[ée]diteur|remitente|da|mittente|van|afzender|od|"
                           r"nadawca|fr[åa]n|差出人|发件人|寄件者|보낸\s*사람)\s*[:：]?\s*$", re.I)
_ADDRESS = re.compile(r"\s*(?:<[^<>]*>|\([^()]*@[^()]*\)|\S+@\S+)\s*$")


@rule("sender-label")
def sender_label(v) -> Found[str] | None:
    """A mail's sender under its header's label, the label in an element of its own: `<em>From</em>: Ann Lee
    &lt;ann@lists.example&gt;` (the address left out)."""
    for el in v.roots[0].iter("em", "i", "b", "strong", "span", "dt", "th"):
        if el in v.skip or len(el) or not _SENDER_LABEL.match(el.text or ""):
            continue
        text = (el.tail or "").lstrip(" :：")
        if el.tag in ("dt", "th") and (nxt := el.getnext()) is not None:
            text = text_of(nxt)
        name = _plausible_name(_ADDRESS.sub("", text)) if text.strip() else None
        if name:
            return Found(name, el)
    return None


@rule("count-in-num-slot")
def count_in_num_slot(v) -> Found[int] | None:
    """A thread's reply count in its own slot: `<span class="num">14</span>`, a "replies / views" cell
    "12 / 345" (`td.nums`): the first number."""
    inside = set(_slots_in_title(v.title_el)) if v.title_el is not None else set()
    for el in v.roots[0].iter("span", "td", "em", "strong", "div", "dd", "b"):
        if (el in v.skip and el not in inside) or not _num_slot(el):
            continue
        # "<a>12</a><em>345</em>": the first part alone (the text runs the two numbers together)
        first = (el.text or "").strip() or (text_of(el[0]) if len(el) else "") if len(el) else text_of(el)
        if m := _FIRST_NUMBER.match(first):
            return Found(int(m.group(1)), el)
    return None


@rule("bracketed-count-after-name")
def bracketed_count_after_name(v) -> Found[int] | None:
    """A list index's line closing on its message count in brackets ("<a>Subject</a> - NAME [6]")."""
    found = _title_top(v)
    if found is None:
        return None
    top, line = found
    rest = text_of(line, set(top.iter()))
    m = _BRACKET_COUNT.search(rest)
    if m is None or not _plausible_name(rest[:m.start()].strip(" ,;-–—")):
        return None  # a name stands between the subject and the count
    value = int(m.group(1))
    return None if 1900 <= value <= 2100 else Found(value, line)
