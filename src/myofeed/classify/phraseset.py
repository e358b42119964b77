"""Context phrase sets: a few phrases probed just before or just after a match (a topic's
`unless` rules: 'diagnosis' right after 'after'), each answer worked out once per word."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .words import _WHOLE, _Wild, _word_matches

if TYPE_CHECKING:
    from .matcher import Phrase


# Tokens remembered per context memo: a parse worker holds ~90 phrase sets of two memos each, every
# one of them filled with every token probed beside a match (~1,300 on average, ~5,000 at most on
# 10,000 posts of a 6,000-word vocabulary: ~3 MB; up to 200,000 each on real vocabularies before this bound).
_MAX_PROBES = 4_096


class PhraseSet:
    """A few phrases probed at one position, for context checks next to a match.

    `ends_at(tokens, e)`: does one of the phrases end just before token e; `starts_at`: does
    one start at token s. Most context phrases are one plain word: a set lookup. Longer ones
    are bucketed by their last (or first) word; only those with a '*' there are tried one by one.
    """

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self._words: set[str] = set()  # one-word phrases: exact keys have capitals, folded ones none
        prefixes: list[str] = []  # one-word phrases with a trailing '*' (folded only)
        self._by_last: dict[str, list[Phrase]] = {}
        self._by_first: dict[str, list[Phrase]] = {}
        loose_last: list[Phrase] = []
        loose_first: list[Phrase] = []
        for p in phrases:
            w = p.words[0]
            if len(p.words) == 1 and w.mode == _WHOLE:
                self._words.add(w.text)
                continue
            if len(p.words) == 1 and w.prefix and not w.exact:
                prefixes.append(w.text)
                continue
            for word, table, loose in (
                (p.words[-1], self._by_last, loose_last),
                (w, self._by_first, loose_first),
            ):
                if word.mode != _WHOLE:
                    loose.append(p)
                else:
                    table.setdefault(word.text, []).append(p)
        self._prefixes = tuple(prefixes)
        # Phrases with a '*' or '#' in their last (first) word: a position tries only those whose
        # word there fits its token ('outcome*' before 'CK' is tried after 'outcomes' alone).
        self._loose_last = _Wild(loose_last, -1)
        self._loose_first = _Wild(loose_first, 0)
        # token -> True (a one-word phrase is this token) or the longer phrases to try there:
        # what a position needs depends on its token only, so it is worked out once per word.
        self._end_memo: dict[str, bool | tuple[Phrase, ...]] = {}
        self._start_memo: dict[str, bool | tuple[Phrase, ...]] = {}

    def _probe(
        self, tok: str, table: dict[str, list[Phrase]], loose: _Wild, memo: dict[str, bool | tuple[Phrase, ...]]
    ) -> bool | tuple[Phrase, ...]:
        got = memo.get(tok)
        if got is None:
            low = tok.lower()
            if low in self._words or tok in self._words or (self._prefixes and low.startswith(self._prefixes)):
                got = True
            elif not (table or loose.phrases):
                got = ()
            else:
                got = tuple(self._candidates(tok, low, table, loose))
            if len(memo) >= _MAX_PROBES:  # bound memory (~90 sets, two memos each)
                memo.clear()
            memo[sys.intern(tok)] = got
        return got

    def ends_at(self, tokens: list[str], end: int) -> bool:
        got = self._end_memo.get(tokens[end - 1])
        if got is None:
            got = self._probe(tokens[end - 1], self._by_last, self._loose_last, self._end_memo)
        if got is True:
            return True
        for p in got:  # type: ignore[union-attr]
            if _fits(p, tokens, end - len(p.words)):
                return True
        return False

    def starts_at(self, tokens: list[str], start: int) -> bool:
        got = self._start_memo.get(tokens[start])
        if got is None:
            got = self._probe(tokens[start], self._by_first, self._loose_first, self._start_memo)
        if got is True:
            return True
        for p in got:  # type: ignore[union-attr]
            if _fits(p, tokens, start):
                return True
        return False

    @staticmethod
    def _candidates(tok: str, low: str, table: dict[str, list[Phrase]], loose: _Wild) -> list[Phrase]:
        found = table.get(low, [])
        if tok != low and tok in table:
            found = found + table[tok]
        fitting = loose.matching(tok, low)
        return found + list(fitting) if fitting else found


def _fits(p: Phrase, tokens: list[str], start: int) -> bool:
    if start < 0 or start + len(p.pattern) > len(tokens):
        return False
    for text, exact, mode in p.pattern:
        probe = tokens[start] if exact else tokens[start].lower()
        if not (probe == text if not mode else _word_matches(probe, text, mode)):
            return False
        start += 1
    return True
