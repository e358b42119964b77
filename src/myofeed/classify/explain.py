"""Evidence strings: short, one per fired rule, naming the rule and the text it matched.

They are shown by `myofeed classify`, stored with each post and read by operators,
so the format is stable: `<rule> '<text>'`, e.g. "term 'heliotrope rash'",
"abbrev 'DM' with context 'rash'", "parent of dermatomyositis", and for an aspect the learned
layer added, "model 'members', 'family', 'raised' (p=0.79)".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

_MAX = 60  # matched text is clipped so one evidence item stays one short line


def _q(text: str) -> str:
    """The matched text in single quotes, or double quotes when it holds an apostrophe
    ("mechanic's hands"), so a reader of the evidence can always take the quoted words out."""
    text = " ".join(text.split())
    text = text if len(text) <= _MAX else text[: _MAX - 1] + "…"
    return f'"{text}"' if "'" in text else f"'{text}'"


def term(kind: str, text: str, in_title: bool = False) -> str:
    """A topic phrase: kind is 'term' (names the topic), 'key term' (enough on its own), 'cue'
    (a weaker hint) or 'title term' (the subject of a title, a cue elsewhere)."""
    if kind == "title term":
        kind = "subject of the title" if in_title else "cue"
        in_title = False
    return f"{kind} {_q(text)}" + (" in title" if in_title else "")


def member(text: str) -> str:
    """A subtype named only inside a list of a group's members ('types include ...')."""
    return f"member of a list {_q(text)}"


def alternative(text: str) -> str:
    """A subtype named only as one alternative of an open question or a differential ('is it polymyositis,
    IBM or a dystrophy?'): the question is about myositis, the group (LABELING.md rules 2 and 3)."""
    return f"alternative in a question {_q(text)}"


def overlap(part: str, form: str) -> str:
    """A subtype named as one part of an overlap form ('scleroderma-polymyositis overlap', MCTD): the
    overlap is the parent's (LABELING.md rule 3)."""
    return f"part of an overlap {_q(part)} with {_q(form)}"


def story(text: str) -> str:
    """A story title ('Our story', 'My journey'): a personal post about living with the disease."""
    return f"story title {_q(text)}"


def explainer(text: str) -> str:
    """An explainer or reference page about the disease ('What is', 'symptoms, causes', or a title
    that is the disease's name alone): LABELING.md's labelers read such a page as diagnosis."""
    return f"reference page {_q(text)} in title"


def voice(snippet: str) -> str:
    """First-person or community words ('I was diagnosed', 'our members'), quoted from the first."""
    return f"personal or community voice {_q(snippet)}"


def model(words: Sequence[str], p: float) -> str:
    """An aspect the learned layer added (classify/model.py): the words that weighed most, and how sure it is."""
    return "model " + ", ".join(_q(w) for w in words) + f" (p={p:.2f})"


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
