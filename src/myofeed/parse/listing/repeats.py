"""repeated-story: a post shown twice on one page (a hero slide and the grid's card, a featured tile and the list)
is kept once, where it first appears (`html._finish`); the fields its first showing leaves empty come from the
later one (a slide shows the headline over an image, the grid's card its date and byline)."""

from __future__ import annotations

from .model import Fields

__all__ = ["fill_from_repeats"]

_FILLED = ("published", "author", "comments", "summary")


def fill_from_repeats(layout: list[Fields]) -> list[Fields]:
    """The first card of each URL, its empty fields filled from the later cards of that URL (in place)."""
    first: dict[str, Fields] = {}
    for f in layout:
        if not f.url or not f.title:
            continue
        key = f.url.split("#")[0]
        head = first.setdefault(key, f)
        if head is f:
            continue
        for name in _FILLED:
            if getattr(head, name) in (None, "") and getattr(f, name) not in (None, ""):
                setattr(head, name, getattr(f, name))
                if name == "published":
                    head.date_machine = f.date_machine
                head.why[name] = f"{f.why.get(name, '')} + repeated-story".strip()
    return layout
