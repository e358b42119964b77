"""Evidence for a label, kept as a small tuple while scoring and rendered (explain.py) only for
the labels a post ends up with: most scored topics never reach their threshold."""

from __future__ import annotations

from . import explain
from .matcher import Tokens

_EV_ABBREV, _EV_COMBO, _EV_CATEGORY = range(3)
Evidence = tuple  # a term's Match, or (_EV_*, ...): see render
TermMemo = dict[tuple[str, str, bool], str]  # explain.term's arguments -> its evidence string


def render(terms: TermMemo, toks: Tokens, evidence: list[Evidence]) -> list[str]:
    out = []
    tokens = toks.tokens
    title_end = toks.title_end
    for ev in evidence:
        if len(ev) == 3:  # a term's match: (phrase, start, end)
            p, start, end = ev
            memo = (p.kind, tokens[start] if end - start == 1 else toks.text(start, end), start < title_end)
            text = terms.get(memo)
            if text is None:  # the same few phrases recur in post after post
                if len(terms) >= 200_000:
                    terms.clear()
                text = terms[memo] = explain.term(*memo)
            out.append(text)
        elif ev[0] == _EV_ABBREV:
            out.append(explain.abbrev(toks.text(ev[1], ev[2]), toks.text(ev[3], ev[4])))
        elif ev[0] == _EV_COMBO:
            out.append(explain.combo([toks.text(s, e) for s, e in ev[1]]))
        else:
            out.append(explain.category(ev[1]))
    return out
