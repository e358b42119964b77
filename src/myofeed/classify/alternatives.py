"""Subtypes named only as the alternatives of an open question or a differential (step 3 of rules.py's
order): "Weak thighs at 58: is it polymyositis, IBM or a dystrophy?", "Polymyositis, IBM or muscular
dystrophy: how did you find out?", "IBM or something else?". LABELING.md rule 2: diseases named only as
comparisons get no label, and rule 3: a post about myositis that settles on no subtype is the group's.
A list of two subtypes and nothing else ("Polymyositis or dermatomyositis: how doctors tell them apart") is
the post's pair of subjects (rule 3), and "IBM or ALS?" compares the post's disease with another one: neither
is an open question of this kind."""

from __future__ import annotations

from .matcher import Match, Tokens

_END = frozenset(".;:!?\x1e")
# 'or' in the languages feeds mix: matched as phrases (compiled.py), so a post's 'or's are known without a pass
# over its tokens (collect files them in _Post.ors)
OR_WORDS = ("or", "ou", "o", "oder", "eller")
# words before the last alternative that name no disease: 'or a dystrophy', 'or just age'
_LEAD = frozenset(("a", "an", "the", "just", "simply", "only", "another", "some", "plain", "maybe", "perhaps"))
# the open end of a question: 'or something else', 'or neither', 'or nothing'
_OPEN = frozenset(("something", "neither", "nothing", "anything", "none", "other"))
# a question that asks which one: 'is it', 'could it be', 'could this be', 'might it be', 'was it'
_ASK = frozenset(("is", "could", "might", "may", "can", "was", "would"))
_IT = frozenset(("it", "this", "that"))


def _sentence(tokens: list[str], at: int) -> tuple[int, int]:
    """The sentence (title or summary clause up to . ; : ! ?) around token `at`: (start, end), end at its mark."""
    start = at
    while start > 0 and tokens[start - 1] not in _END:
        start -= 1
    end = at
    n = len(tokens)
    while end < n and tokens[end] not in _END:
        end += 1
    return start, end


def alternative_spans(
    toks: Tokens, items: list[int], subtype_starts: frozenset[int], ors: tuple[int, ...]
) -> list[tuple[int, int]]:
    """The sentences whose disease names are an open question's or a differential's alternatives.

    `items`: where each disease is named (the subtypes', the group's and the other diseases' starts), sorted;
    `subtype_starts`: where a subtype is named; `ors`: where 'or' is. A sentence with 'or' is such a list when it asks which one
    ("is it X, Y or Z?"), when its last alternative is no myositis subtype and two names come before it
    ("X, Y or a dystrophy"), or when it stays open ("X or something else")."""
    tokens = toks.tokens
    out: list[tuple[int, int]] = []
    done = -1
    for at in items:
        if at < done or at not in subtype_starts:
            continue
        start, end = _sentence(tokens, at)
        done = end
        inside = [k for k in ors if start <= k < end]
        if not inside:
            continue
        last = inside[-1]
        k = last + 1
        while k < end and tokens[k].lower() in _LEAD:
            k += 1
        if k >= end:
            continue
        after = tokens[k].lower()
        before = sum(1 for i in items if start <= i < last)
        if after in _OPEN:
            out.append((start, end))
        elif end < len(tokens) and tokens[end] == "?" and _asks(tokens, start, at):
            out.append((start, end))
        elif before >= 2 and k not in subtype_starts:
            out.append((start, end))
    return out


def _asks(tokens: list[str], start: int, first: int) -> bool:
    """Whether the words before the first alternative ask which one it is: 'is it', 'could this be'."""
    for k in range(start, first - 1):
        if tokens[k].lower() in _ASK and tokens[k + 1].lower() in _IT:
            return True
    return False


def only_alternatives(mentions: list[Match], spans: list[tuple[int, int]]) -> bool:
    """Whether every mention of a disease lies in one of those sentences."""
    return all(any(s <= m[1] < e for s, e in spans) for m in mentions)
