"""events-list: a list of coming events beside the news list is another kind of list, not more posts.

A library's or a club's news page shows "Aktuelles" and "Veranstaltungen" side by side in the same teaser
markup: both lists are dated and linked, so the events joined the news as posts. An events list names
itself in its heading ("Events", "Veranstaltungen", "Agenda", "What's on") or in its cards' classes
(`teaser--event`), its cards show a place ("Ort: Lesesaal", "Venue: ..."), or every card of it is dated
after the fetch time: such a box of cards leaves the list when a box of other cards stays (a page listing
only events keeps them)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timedelta

from ..dates import find_dates
from .dom import HEADINGS, Element, text_of
from .model import Card

__all__ = ["events_box", "without_event_boxes"]

_EVENT_HEAD = re.compile(
    r"^\W*(?:(?:upcoming|coming|future|next|our|all)\s+)?(?:events?|calendar|agenda|what'?s\s+on|termine|"
    r"veranstaltungen|veranstaltungskalender|(?:kommende|n[äa]chste)\s+(?:termine|veranstaltungen)|[ée]v[ée]nements?|"
    r"(?:pr[óo]ximos\s+)?eventos|eventi|evenementen|agenda\s+culturelle|wydarzenia|imprezy|行事予定|イベント|活动预告|"
    r"活動|近期活动|행사|일정)\b", re.I)
_PLACE = re.compile(r"(?:^|\s)(?:ort|veranstaltungsort|location|venue|where|place|lieu|lugar|luogo|miejsce|"
                    r"場所|地点|地點|장소)\s*:", re.I)


def _event_card(card: Card) -> bool:
    root = card.roots[0]
    if any("event" in t.lower() for t in (root.get("class") or "").split()):
        return True
    return bool(_PLACE.search(text_of(root)))


def _heading_over(box: Element) -> Element | None:
    """The heading right before the box, or the first heading of the section holding it (two levels up)."""
    node: Element | None = box
    for _ in range(3):
        if node is None:
            return None
        prev = node.getprevious()
        while prev is not None:
            if isinstance(prev.tag, str):
                if prev.tag in HEADINGS:
                    return prev
                if (h := next(prev.iter(*HEADINGS), None)) is not None and len(text_of(prev)) <= 80:
                    return h
            prev = prev.getprevious()
        node = node.getparent()
    return None


def _coming(card: Card, now: datetime) -> bool:
    """The card's first date (its <time datetime>, else its text's) is after the fetch time's next day."""
    root = card.roots[0]
    t = next(root.iter("time"), None)
    text = (t.get("datetime") or text_of(t)) if t is not None else text_of(root)[:300]
    found = find_dates(text, now=now, relative=False)
    return bool(found) and found[0].value[:10] > (now + timedelta(days=1)).date().isoformat()


def events_box(box: Element | None, cards: list[Card], now: datetime | None = None) -> bool:
    """The cards of one box are events: its heading says so, most of its cards are classed or placed as
    events, or (two cards or more) every one is dated after the fetch time."""
    if box is not None and (head := _heading_over(box)) is not None and _EVENT_HEAD.match(text_of(head)):
        return True
    if sum(1 for c in cards if _event_card(c)) * 2 > len(cards):
        return True
    return now is not None and len(cards) >= 2 and all(_coming(c, now) for c in cards)


def without_event_boxes(cards: list[Card], now: datetime | None = None) -> tuple[list[Card], list[Card]]:
    """The main list without the boxes of events (events-list), when a box of other cards stays; and the
    cards left out."""
    boxes: dict[Element | None, list[Card]] = defaultdict(list)
    for c in cards:
        boxes[c.roots[0].getparent()].append(c)
    if len(boxes) < 2:
        return cards, []
    events = {id(box) for box, members in boxes.items() if events_box(box, members, now)}
    if not events or len(events) == len(boxes):
        return cards, []
    drop = [c for c in cards if id(c.roots[0].getparent()) in events]
    return [c for c in cards if id(c.roots[0].getparent()) not in events], drop
