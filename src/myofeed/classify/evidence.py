"""Evidence for a label, kept as a small tuple while scoring and rendered (explain.py) only for
the labels a post ends up with: most scored topics never reach their threshold."""

from __future__ import annotations

from . import explain
from .tokens import _BOUNDARY, Tokens

_EV_ABBREV, _EV_COMBO, _EV_CATEGORY, _EV_MEMBER, _EV_STORY, _EV_VOICE, _EV_EXPLAINER, _EV_OVERLAP, _EV_ALTERNATIVE = range(9)
Evidence = tuple  # a term's Match (phrase, start, end: the only 3-tuple), or (_EV_*, ...) of another length
TermMemo = dict[tuple[str, str, bool], str]  # explain.term's arguments -> its evidence string
_SNIPPET = 4  # words quoted for a story's voice: 'I was diagnosed with'


def strongest_first(evidence: list[Evidence], title_end: int) -> list[Evidence]:
    """An aspect's evidence, strongest first (a reader's "Why here" line shows the first few):
    key terms, combos and the title's subject, then terms (the title's first), then cues."""
    if len(evidence) < 2:
        return evidence
    # a term's rank read off its phrase (Phrase.rank, from the table below) inline (most evidence is
    # terms): no function call per item
    return sorted(evidence, key=lambda ev: ev[0].rank[ev[1] < title_end] if len(ev) == 3 else _rank(ev))


# a term's rank by its rule's kind: (in the summary, in the title); each Phrase keeps its own (Phrase.rank)
_TERM_RANK = {"key term": (0, 0), "title term": (4, 1), "term": (3, 2)}
_CUE_RANK = (4, 4)  # cues, and title terms outside the title


def _rank(ev: Evidence) -> int:
    """The rank of evidence other than a term's."""
    return 0 if ev[0] in (_EV_STORY, _EV_CATEGORY, _EV_EXPLAINER) else 1


def render(terms: TermMemo, toks: Tokens, evidence: list[Evidence]) -> list[str]:
    out = []
    tokens = toks.tokens
    title_end = toks.title_end
    for ev in evidence:
        if len(ev) == 3:  # a term's match: (phrase, start, end)
            p, start, end = ev
            memo = (p.name, tokens[start] if end - start == 1 else toks.text(start, end), start < title_end)
            text = terms.get(memo)
            if text is None:  # the same few phrases recur in post after post
                if len(terms) >= 200_000:
                    terms.clear()
                text = terms[memo] = explain.term(*memo)
            out.append(text)
            continue
        kind = ev[0]
        if kind == _EV_ABBREV:
            out.append(explain.abbrev(toks.text(ev[1], ev[2]), toks.text(ev[3], ev[4])))
        elif kind == _EV_COMBO:
            out.append(explain.combo([toks.text(s, e) for s, e in ev[1]]))
        elif kind == _EV_MEMBER:
            out.append(explain.member(toks.text(ev[1], ev[2])))
        elif kind == _EV_ALTERNATIVE:
            out.append(explain.alternative(toks.text(ev[1], ev[2])))
        elif kind == _EV_OVERLAP:  # (kind, the subtype's start, end, the overlap form's start, end)
            out.append(explain.overlap(toks.text(ev[1], ev[2]), toks.text(ev[3], ev[4])))
        elif kind == _EV_STORY:  # the whole title, which the story word is part of: 'Our story'
            out.append(explain.story(toks.raw[: toks.raw.index("\x1e")].strip()))
        elif kind == _EV_EXPLAINER:  # the title's explainer words, or the title that is the disease's name
            out.append(explain.explainer(toks.text(ev[1], ev[2])))
        elif kind == _EV_VOICE:
            start = ev[1]
            end = start + 1
            while end < len(tokens) and end - start < _SNIPPET and tokens[end] not in _BOUNDARY:
                end += 1
            out.append(explain.voice(toks.text(start, end)))
        else:
            out.append(explain.category(ev[1]))
    return out
