"""Evidence strings: short, one per fired rule, naming the rule and the text it matched.

They are shown by `myofeed classify`, stored with each post and read by operators,
so the format is stable: `<rule> '<text>'`, e.g. "term 'heliotrope rash'",
"abbrev 'DM' with context 'rash'", "parent of dermatomyositis".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

_MAX = 60  # matched text is clipped so one evidence item stays one short line


def _q(text: str) -> str:
    text = " ".join(text.split())
    return "'" + (text if len(text) <= _MAX else text[: _MAX - 1] + "…") + "'"


def term(kind: str, text: str, in_title: bool = False) -> str:
    """A topic phrase: kind is 'term' (names the topic) or 'cue' (a weaker hint)."""
    return f"{kind} {_q(text)}" + (" in title" if in_title else "")


def abbrev(text: str, context: str) -> str:
    return f"abbrev {_q(text)} with context {_q(context)}"


def combo(parts: Sequence[str]) -> str:
    return "combo " + " + ".join(_q(p) for p in parts)


def category(name: str) -> str:
    return f"category {_q(name)}"


def parent_of(slug: str) -> str:
    return f"parent of {slug}"


def overview(slugs: Iterable[str]) -> str:
    names = list(slugs)
    return f"overview of {len(names)} subtypes: " + ", ".join(names)


def render(why: Mapping[str, Sequence[str]]) -> str:
    """Human-readable, one label per line, for operators' terminals."""
    return "\n".join(f"{label}: " + "; ".join(items) for label, items in why.items())
