"""compact-age: the short ages that link aggregators and fediverse lists print beside the poster's name ("2h", "3d",
"1w", "5mo"), read as "2 hours ago" when nothing on the card states the day."""

from __future__ import annotations

import re

from ..relative_dates import relative_date
from .cardtext import profile_href
from .dom import Element, iter_elements, text_of
from .rules import Found, rule

__all__ = ["compact_age", "compact_age_text"]

_COMPACT = re.compile(r"^\s*(\d{1,3})\s?(s|secs?|m|mins?|h|hrs?|d|w|wk|mo|mos|y|yr)\s*(?:ago)?\s*$", re.I)
_UNIT_WORDS = {"s": "seconds", "sec": "seconds", "secs": "seconds", "m": "minutes", "min": "minutes",
               "mins": "minutes", "h": "hours", "hr": "hours", "hrs": "hours", "d": "days", "w": "weeks",
               "wk": "weeks", "mo": "months", "mos": "months", "y": "years", "yr": "years"}
_TIMEISH = re.compile(r"time|date|age|ago|moment|when|stamp", re.I)


def compact_age(text: str, now) -> str | None:
    """'3d' -> the day three days before `now`; '2h' -> the time two hours before; None for other texts."""
    m = _COMPACT.match(text)
    if m is None:
        return None
    found = relative_date(f"{m.group(1)} {_UNIT_WORDS[m.group(2).lower()]} ago", now)
    return found[2] if found else None


def _marked_as_age(el: Element) -> bool:
    """A <time>, an element with a hover title or a time-ish class, or one beside the poster's profile link
    ("<a href=/u/ann>ann</a> • <span>3d</span>"): alone, "3d" may be a badge or a size."""
    if el.tag == "time" or el.get("title") or _TIMEISH.search(el.get("class") or ""):
        return True
    box = el.getparent()
    for _ in range(2):
        if box is None:
            return False
        if any(profile_href(a.get("href") or "") for a in box.iter("a")):
            return True
        box = box.getparent()
    return False


@rule("compact-age")
def compact_age_text(v) -> Found[str] | None:
    """A short element holding only a compact age ("2h", "3d", "1w") beside the poster or marked as a time."""
    for el in iter_elements(v.roots):
        if el in v.skip or len(el) or len(text := text_of(el)) > 8:
            continue
        if (value := compact_age(text, v.ctx.now)) and _marked_as_age(el):
            return Found(value, el)
    return None
