"""A fast phrase matcher over word tokens.

Classification runs on every ingested post, so matching must stay in the tens of
microseconds: instead of one regex per phrase (hundreds of scans per post), the
text is split into word tokens once and phrases are looked up by their first
word in a dict. Per-token candidate lists are cached, because posts reuse a small
vocabulary.

Phrase syntax (what operators write in topics.toml):
- words are matched whole and case-insensitively, except a word with two or more
  capitals ('DM', 'sIBM', 'HMGCR'), which must match exactly: abbreviations are
  read by their case, so 'DM' never matches 'dm';
- a trailing '*' on a word matches any ending: 'biops*' -> biopsy, biopsies;
- a leading '*' matches any beginning of three or more letters: '*mab' -> rituximab,
  eculizumab (drug-name stems);
- punctuation inside a phrase only separates words: 'anti-Jo-1' == 'anti Jo 1'.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import compress
from dataclasses import dataclass

# Words, apostrophes (a token of their own, so "mechanic's" = mechanic ' s differs from
# "mechanics'" and "IBM's" still contains IBM), or a clause boundary, which negation and
# context windows never cross. \x1e separates title from summary.
_TOKEN = re.compile(r"\w+|[.;:!?()\[\]|\x1e']")
# The same tokens for ASCII text, where \w is [A-Za-z0-9_] either way: a third faster.
_TOKEN_ASCII = re.compile(_TOKEN.pattern, re.ASCII)
_BOUNDARY = frozenset(".;:!?()[]|\x1e")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})


def _normalize(text: str) -> str:
    text = text.replace("\x1e", " ")  # the title/summary separator must stay unique
    if "\u2019" in text or "\u2018" in text or "\u02bc" in text:  # translate() is slow; most text needs none
        text = text.translate(_APOSTROPHES)
    return text


def _is_case_sensitive(word: str) -> bool:
    return sum(1 for ch in word if ch.isupper()) >= 2


@dataclass(frozen=True)
class Word:
    """One word of a phrase pattern."""

    text: str  # lower-cased unless case-sensitive; without the '*'
    exact: bool  # case-sensitive
    prefix: bool  # trailing '*'
    suffix: bool = False  # leading '*'

    @property
    def mode(self) -> int:
        return _SUFFIX if self.suffix else _PREFIX if self.prefix else _WHOLE

    def matches(self, token: str, lower: str) -> bool:
        return _word_matches(token if self.exact else lower, self.text, self.mode)


_WHOLE, _PREFIX, _SUFFIX = 0, 1, 2
_MIN_STEM = 3  # '*mab' needs a stem: 'rituximab', not 'mab'


def _word_matches(probe: str, text: str, mode: int) -> bool:
    if mode == _WHOLE:
        return probe == text
    if mode == _PREFIX:
        return probe.startswith(text)
    return probe.endswith(text) and len(probe) >= len(text) + _MIN_STEM


class Phrase:
    """A compiled phrase with the payload the caller attached to it."""

    __slots__ = ("source", "words", "pattern", "rest", "payload", "key", "kind", "op", "topic", "shadowable", "topical")

    def __init__(self, source: str, words: tuple[Word, ...], payload: object) -> None:
        self.source = source  # as the operator wrote it
        self.kind: str = getattr(payload, "kind", "")
        # Set by the caller that owns the payload (rules.Classifier), so its hot loop reads plain
        # attributes instead of dispatching on the payload.
        self.op = -1
        self.topic = -1
        self.shadowable = False
        self.topical = False
        self.words = words
        # Checked inline after the first word matched through the index: (text, exact, mode).
        self.pattern = tuple((w.text, w.exact, w.mode) for w in words)
        self.rest = self.pattern[1:]
        self.payload = payload
        self.key = " ".join(("*" if w.suffix else "") + w.text + ("*" if w.prefix else "") for w in words)


# (phrase, start token, end token exclusive): a plain tuple, because building millions of
# NamedTuples costs more than the matching itself.
Match = tuple[Phrase, int, int]
# (phrases of one word, {second word: longer phrases}, longer phrases whose second word has a '*',
# whether there are longer phrases at all); () for a word that starts no phrase: it is false, so
# `find` can skip such words without a Python-level step.
_Entry = tuple[tuple[Phrase, ...], dict[str, tuple[Phrase, ...]], tuple[Phrase, ...], bool] | tuple[()]


def compile_phrase(source: str, payload: object) -> Phrase | None:
    words = []
    for raw in re.findall(r"\*?\w+\*?|'", source.translate(_APOSTROPHES)):
        prefix = raw.endswith("*")
        suffix = raw.startswith("*") and not prefix
        raw = raw.strip("*")
        exact = _is_case_sensitive(raw)
        words.append(Word(raw if exact else raw.lower(), exact, prefix, suffix))
    if not words:
        return None
    return Phrase(source, tuple(words), payload)


class Tokens:
    """A post's text as tokens, with the index where the summary starts."""

    __slots__ = ("tokens", "title_end", "raw")

    def __init__(self, title: str, summary: str) -> None:
        title = _normalize(title)
        summary = _normalize(summary)
        # A separator token between title and summary, so no phrase or window spans both.
        self.raw = raw = title + " \x1e " + summary
        self.tokens: list[str] = (_TOKEN_ASCII if raw.isascii() else _TOKEN).findall(raw)
        self.title_end = self.tokens.index("\x1e")

    def in_title(self, index: int) -> bool:
        return index < self.title_end

    def is_boundary(self, index: int) -> bool:
        return self.tokens[index] in _BOUNDARY

    def text(self, start: int, end: int) -> str:
        """The tokens start..end as the post wrote them (hyphens and all), for evidence.

        Computed only for the few matches that become evidence, which keeps `find` cheap.
        """
        if end - start == 1:
            return self.tokens[start]
        plain = " ".join(self.tokens[start:end])
        if plain in self.raw:  # the usual case: words the post separated by single spaces
            return plain
        words = [re.escape(t) for t in self.tokens[start:end]]
        found = re.search(r"[\W_]{0,3}".join(words), self.raw)
        return found.group(0) if found else " ".join(self.tokens[start:end])


class PhraseIndex:
    """Phrases indexed by their first word; `find` returns every match in a text."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self._exact: dict[str, list[Phrase]] = {}
        self._folded: dict[str, list[Phrase]] = {}
        self._prefixed: list[Phrase] = []
        for p in phrases:
            first = p.words[0]
            if first.prefix or first.suffix:
                self._prefixed.append(p)
            elif first.exact:
                self._exact.setdefault(first.text, []).append(p)
            else:
                self._folded.setdefault(first.text, []).append(p)
        # token -> (phrases of one word, {second word: longer phrases}, longer phrases whose second
        # word has a '*'): a second dict step, so 'anti' does not try forty antibody names.
        self._cache: dict[str, _Entry] = {}

    def _candidates(self, token: str, lower: str) -> _Entry:
        found = self._exact.get(token, []) + self._folded.get(lower, [])
        found += [p for p in self._prefixed if p.words[0].matches(token, lower)]
        if len(self._cache) >= 200_000:  # bound memory on adversarial input
            self._cache.clear()
        if not found:
            self._cache[token] = ()
            return ()
        singles = tuple(p for p in found if not p.rest)
        by_second: dict[str, list[Phrase]] = {}
        loose: list[Phrase] = []
        for p in found:
            if p.rest:
                text, _exact, mode = p.rest[0]
                if mode:
                    loose.append(p)
                else:  # exact keys have capitals, folded keys none: one dict holds both
                    by_second.setdefault(text, []).append(p)
        entry = (singles, {k: tuple(v) for k, v in by_second.items()}, tuple(loose), bool(by_second or loose))
        self._cache[token] = entry
        return entry

    def entries(self, tokens: list[str]) -> list[_Entry]:
        """Each token's entry: () for a word that starts no phrase (most), looked up in C."""
        entries = list(map(self._cache.get, tokens))
        if None in entries:  # first sight of a word (or the cache was reset by another thread)
            for i in [i for i, entry in enumerate(entries) if entry is None]:
                entries[i] = self._candidates(tokens[i], tokens[i].lower())
        return entries

    def find(self, toks: Tokens) -> tuple[list[Match], list[Match]]:
        """Every phrase occurrence in text order, and those of two or more words apart.

        The hot loop of classification. Every token's cache entry is looked up in C (map), and only
        the tokens that start some phrase are visited in Python: most words start none. Tokens are
        lowered only where a phrase needs it.
        """
        tokens = toks.tokens
        entries = self.entries(tokens)
        n = len(tokens)
        out: list[Match] = []
        longs: list[Match] = []
        for i in compress(range(n), entries):
            singles, by_second, loose, longer = entries[i]  # type: ignore[misc]
            if singles:
                j = i + 1
                for p in singles:
                    out.append((p, i, j))
            if not longer or i + 1 >= n:
                continue
            cands = loose
            nxt = tokens[i + 1]
            if nxt in by_second:
                cands = by_second[nxt] + cands
            low = nxt.lower()
            if low != nxt and low in by_second:
                cands = by_second[low] + cands
            for p in cands:
                rest = p.rest
                end = i + 1 + len(rest)
                if end > n:
                    continue
                k = i + 1
                for text, exact, mode in rest:
                    probe = tokens[k] if exact else tokens[k].lower()
                    if not (probe == text if not mode else _word_matches(probe, text, mode)):
                        break
                    k += 1
                else:
                    m = (p, i, end)
                    out.append(m)
                    longs.append(m)
        return out, longs


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
        self._loose_last: list[Phrase] = []
        self._loose_first: list[Phrase] = []
        for p in phrases:
            w = p.words[0]
            if len(p.words) == 1 and not (w.prefix or w.suffix):
                self._words.add(w.text)
                continue
            if len(p.words) == 1 and w.prefix and not w.exact:
                prefixes.append(w.text)
                continue
            for word, table, loose in (
                (p.words[-1], self._by_last, self._loose_last),
                (w, self._by_first, self._loose_first),
            ):
                if word.prefix or word.suffix:
                    loose.append(p)
                else:
                    table.setdefault(word.text, []).append(p)
        self._prefixes = tuple(prefixes)
        # token -> True (a one-word phrase is this token) or the longer phrases to try there:
        # what a position needs depends on its token only, so it is worked out once per word.
        self._end_memo: dict[str, bool | tuple[Phrase, ...]] = {}
        self._start_memo: dict[str, bool | tuple[Phrase, ...]] = {}

    def _probe(
        self, tok: str, table: dict[str, list[Phrase]], loose: list[Phrase], memo: dict[str, bool | tuple[Phrase, ...]]
    ) -> bool | tuple[Phrase, ...]:
        got = memo.get(tok)
        if got is None:
            low = tok.lower()
            if low in self._words or tok in self._words or (self._prefixes and low.startswith(self._prefixes)):
                got = True
            elif not (table or loose):
                got = ()
            else:
                got = tuple(self._candidates(tok, low, table, loose))
            if len(memo) >= 200_000:  # bound memory on adversarial input
                memo.clear()
            memo[tok] = got
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
    def _candidates(tok: str, low: str, table: dict[str, list[Phrase]], loose: list[Phrase]) -> list[Phrase]:
        found = table.get(low, [])
        if tok != low and tok in table:
            found = found + table[tok]
        return found + loose if loose else found


def _fits(p: Phrase, tokens: list[str], start: int) -> bool:
    if start < 0 or start + len(p.pattern) > len(tokens):
        return False
    for text, exact, mode in p.pattern:
        probe = tokens[start] if exact else tokens[start].lower()
        if not (probe == text if not mode else _word_matches(probe, text, mode)):
            return False
        start += 1
    return True
