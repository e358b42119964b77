"""A fast phrase matcher over word tokens.

Classification runs on every ingested post, so matching must stay in the tens of
microseconds: instead of one regex per phrase (hundreds of scans per post), the
text is split into word tokens once and phrases are looked up by their first
word in a dict. Posts reuse a small vocabulary, so the per-word work is cached:
the tokens of each whitespace-separated chunk, each token's candidate phrases
(an entry), and per word that starts longer phrases, the candidates for each
following word. Every cache is bounded and filled again on a miss, so results
never depend on what was seen before (tests/classify/test_frozen_outputs.py).

Phrase syntax (what operators write in topics.toml):
- words are matched whole and case-insensitively, except a word with two or more
  capitals ('DM', 'sIBM', 'HMGCR'), which must match exactly: abbreviations are
  read by their case, so 'DM' never matches 'dm';
- a trailing '*' on a word matches any ending: 'biops*' -> biopsy, biopsies;
- a leading '*' matches any beginning of three or more letters: '*mab' -> rituximab,
  eculizumab (drug-name stems);
- punctuation inside a phrase only separates words: 'anti-Jo-1' == 'anti Jo 1', except a
  colon, which must be there: 'methods:' is an abstract's section heading, 'methods' a word;
- '#' matches any number, in digits or words: '# patients' -> '23 patients', 'four patients'.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, compress

# Words, apostrophes (a token of their own, so "mechanic's" = mechanic ' s differs from
# "mechanics'" and "IBM's" still contains IBM), or a clause boundary, which negation and
# context windows never cross. \x1e separates title from summary.
_TOKEN = re.compile(r"\w+|[.;:!?()\[\]|\x1e']")
# The same tokens for ASCII text, where \w is [A-Za-z0-9_] either way: a third faster.
_TOKEN_ASCII = re.compile(_TOKEN.pattern, re.ASCII)
_BOUNDARY = frozenset(".;:!?()[]|\x1e")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})


class _Chunks(dict):  # type: ignore[type-arg]
    """A whitespace-separated chunk of text -> its tokens, worked out on first sight.

    No token spans whitespace, so a text's tokens are its chunks' tokens in order; chunks ('rash.',
    'anti-Jo-1', 'the') recur from post to post, so most never reach the regex again.
    """

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        found = tuple((_TOKEN_ASCII if chunk.isascii() else _TOKEN).findall(chunk))
        if len(self) >= 200_000:  # bound memory on adversarial input
            self.clear()
        self[chunk] = found
        return found


_CHUNKS = _Chunks()

# ASCII text (most titles and summaries) is split by C string methods alone, with no Python step per
# chunk: in its bytes every character that is neither a word character nor a boundary mark becomes a
# space, every boundary mark gets a space either side, and str.split() then yields _TOKEN_ASCII's
# tokens exactly (a \w+ run never holds a space or a mark). Half the cost of the chunk cache on a
# 2 KB summary; text with other characters keeps the chunk cache, whose Unicode \w it needs. These
# tokens are new string objects in every post: the caches intern a token they keep (sys.intern), so
# that a word kept by several caches (its entry, its pairs, the model's) is one object, not one per
# post it was first seen in.
_ASCII_TABLE = bytes(
    c if chr(c).isascii() and (chr(c).isalnum() or chr(c) == "_" or chr(c) in ".;:!?()[]|'") else 32 for c in range(256)
)
_SPACED = tuple((mark, f" {mark} ") for mark in ".;:!?()[]|'")


def _split(text: str) -> list[str]:
    """The tokens of a normalized title or summary (no '\x1e' in it), as _TOKEN finds them."""
    if text.isascii():
        text = text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")
        for mark, spaced in _SPACED:
            if mark in text:
                text = text.replace(mark, spaced)
        return text.split()
    return list(chain.from_iterable(map(_CHUNKS.__getitem__, text.split())))


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
        if self.text == "#":
            return _NUMBER
        return _SUFFIX if self.suffix else _PREFIX if self.prefix else _WHOLE

    def matches(self, token: str, lower: str) -> bool:
        return _word_matches(token if self.exact else lower, self.text, self.mode)


_WHOLE, _PREFIX, _SUFFIX, _NUMBER = 0, 1, 2, 3
_MIN_STEM = 3  # '*mab' needs a stem: 'rituximab', not 'mab'
# '#' in a phrase: digits, or a number in words ('twenty three' is two numbers, each matching)
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred".split()
)


def _word_matches(probe: str, text: str, mode: int) -> bool:
    if mode == _WHOLE:
        return probe == text
    if mode == _PREFIX:
        return probe.startswith(text)
    if mode == _NUMBER:
        return probe.isdigit() or probe in _NUMBER_WORDS
    return probe.endswith(text) and len(probe) >= len(text) + _MIN_STEM


class _Wild:
    """Phrases whose word at one position has a wildcard ('biops*', '*mab', '#'), tried on a token
    the caches have not seen. Most tokens fit none of them: a few C-level string tests (any of the
    stems at the start or end, a number) rule those out before the phrases are tried one by one,
    which a fresh parse worker would otherwise do for every new word of every post."""

    __slots__ = ("phrases", "words", "starts", "exact_starts", "ends", "exact_ends", "numbers")

    def __init__(self, phrases: Iterable[Phrase], at: int) -> None:
        self.phrases = tuple(phrases)
        self.words = tuple(p.pattern[at] for p in self.phrases)  # (text, exact, mode)

        def stems(exact: bool, mode: int) -> tuple[str, ...]:
            return tuple(text for text, e, m in self.words if e == exact and m == mode)

        self.starts, self.exact_starts = stems(False, _PREFIX), stems(True, _PREFIX)
        self.ends, self.exact_ends = stems(False, _SUFFIX), stems(True, _SUFFIX)
        # '#' matches every number: a number that fits no stem matches these phrases, and only these
        self.numbers = tuple(p for p, (_, _, mode) in zip(self.phrases, self.words, strict=True) if mode == _NUMBER)

    def matching(self, token: str, lower: str) -> tuple[Phrase, ...]:
        """The phrases whose wildcard word matches the token, in their order."""
        if not (
            lower.startswith(self.starts)
            or token.startswith(self.exact_starts)
            or lower.endswith(self.ends)
            or token.endswith(self.exact_ends)
        ):
            return self.numbers if self.numbers and (lower.isdigit() or lower in _NUMBER_WORDS) else ()
        return tuple(
            p
            for p, (text, exact, mode) in zip(self.phrases, self.words, strict=True)
            if _word_matches(token if exact else lower, text, mode)
        )


class Phrase:
    """A compiled phrase with the payload the caller attached to it."""

    __slots__ = (
        "source",
        "words",
        "pattern",
        "rest",
        "payload",
        "key",
        "kind",
        "name",
        "op",
        "topic",
        "combo",
        "shadowable",
        "topical",
        "weights",
    )

    def __init__(self, source: str, words: tuple[Word, ...], payload: object) -> None:
        self.source = source  # as the operator wrote it
        self.kind: str = getattr(payload, "kind", "")
        self.name = self.kind  # the rule's name in evidence (a topic's key_name for its key terms)
        # Set by the caller that owns the payload (compiled.compile_phrases), so the hot loop reads plain
        # attributes instead of dispatching on the payload.
        self.op = -1
        self.topic = -1
        self.combo = (-1, -1, -1)  # (topic, combo, group) of a combo phrase
        self.weights = (0.0, 0.0)  # what a match scores: (in the summary, in the title)
        self.shadowable = False
        self.topical = False
        self.words = words
        # Checked by rest_follows() after the first word matched through the index: (text, exact, mode).
        self.pattern = tuple((w.text, w.exact, w.mode) for w in words)
        self.rest = self.pattern[1:]
        self.payload = payload
        self.key = " ".join(("*" if w.suffix else "") + w.text + ("*" if w.prefix else "") for w in words)


# (phrase, start token, end token exclusive): a plain tuple, because building millions of
# NamedTuples costs more than the matching itself.
Match = tuple[Phrase, int, int]


class Longer(dict):  # type: ignore[type-arg]
    """The phrases of two or more words that start with one word, by the token that follows it.

    `longer[next_token]` is the phrases to try there, in index order: looked up in the phrases'
    second words on first sight of the pair, then cached, because 'the', 'in', 'my' start longer
    phrases and are followed by the same few hundred words again and again.
    """

    __slots__ = ("by_second", "loose")

    def __init__(self, by_second: dict[str, tuple[Phrase, ...]], loose: tuple[Phrase, ...]) -> None:
        super().__init__()
        self.by_second = by_second  # second word -> phrases: exact keys have capitals, folded ones none
        self.loose = _Wild(loose, 1)  # phrases whose second word has a '*' or is '#'

    def __missing__(self, nxt: str) -> tuple[Phrase, ...]:
        # Loose second words ('#', 'biops*') are tried once per pair here, not at every occurrence:
        # 'a # year old' would otherwise be tried after every 'a'.
        low = nxt.lower()
        found = self.loose.matching(nxt, low)
        if nxt in self.by_second:
            found = self.by_second[nxt] + found
        if low != nxt and low in self.by_second:
            found = self.by_second[low] + found
        if len(self) >= _MAX_PAIRS:  # bound memory on adversarial input
            self.clear()
        self[sys.intern(nxt)] = found  # one string object per word across the caches (see _split)
        return found


# Next words remembered per word. ~500 words start a longer phrase, and each remembers every word it
# was seen before: at 5,000 a parse worker's pairs reached ~5 MB on 10,000 posts of a 6,000-word
# vocabulary, and could reach ~65 MB on real feeds' vocabularies. The words that follow one word
# again and again are remembered again right after a clear.
_MAX_PAIRS = 1_000
# (phrases of one word, the longer phrases or None); () for a word that starts no phrase: it is
# false, so `find` can skip such words without a Python-level step.
_Entry = tuple[tuple[Phrase, ...], Longer | None] | tuple[()]


def compile_phrase(source: str, payload: object) -> Phrase | None:
    words = []
    for raw in re.findall(r"\*?\w+\*?|'|:|#", source.translate(_APOSTROPHES)):
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
        self.raw = title + " \x1e " + summary
        # The same tokens as _TOKEN.findall(self.raw), field by field.
        self.tokens: list[str] = _split(title)
        self.title_end = len(self.tokens)
        self.tokens.append("\x1e")
        self.tokens += _split(summary)

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


class _EntryCache(dict):  # type: ignore[type-arg]
    """token -> _Entry, filled on first sight of a word (also after a reset by another thread)."""

    __slots__ = ("index",)

    def __init__(self, index: PhraseIndex) -> None:
        super().__init__()
        self.index = index

    def __missing__(self, token: str) -> _Entry:
        return self.index._candidates(token, token.lower())


class PhraseIndex:
    """Phrases indexed by their first word; `find` returns every match in a text."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self._exact: dict[str, list[Phrase]] = {}
        self._folded: dict[str, list[Phrase]] = {}
        prefixed: list[Phrase] = []
        for p in phrases:
            first = p.words[0]
            if first.mode != _WHOLE:
                prefixed.append(p)
            elif first.exact:
                self._exact.setdefault(first.text, []).append(p)
            else:
                self._folded.setdefault(first.text, []).append(p)
        self._prefixed = _Wild(prefixed, 0)  # phrases whose first word has a '*' or is '#'
        # token -> (phrases of one word, {second word: longer phrases}, longer phrases whose second
        # word has a '*'): a second dict step, so 'anti' does not try forty antibody names.
        self._cache = _EntryCache(self)

    def _candidates(self, token: str, lower: str) -> _Entry:
        found = self._exact.get(token, []) + self._folded.get(lower, [])
        found += self._prefixed.matching(token, lower)
        if len(self._cache) >= 200_000:  # bound memory on adversarial input
            self._cache.clear()
        if not found:
            self._cache[sys.intern(token)] = ()
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
        longer = Longer({k: tuple(v) for k, v in by_second.items()}, tuple(loose)) if by_second or loose else None
        entry = (singles, longer)
        self._cache[sys.intern(token)] = entry
        return entry

    def entries(self, tokens: list[str]) -> list[_Entry]:
        """Each token's entry: () for a word that starts no phrase (most), looked up in C."""
        return list(map(self._cache.__getitem__, tokens))  # a word seen first goes through __missing__

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
            singles, longer = entries[i]  # type: ignore[misc]
            if singles:
                j = i + 1
                for p in singles:
                    out.append((p, i, j))
            if longer is None or i + 1 >= n:
                continue
            for p in longer[tokens[i + 1]]:
                end = i + 1 + len(p.rest)
                if end <= n and rest_follows(tokens, i + 1, p.rest):
                    m = (p, i, end)
                    out.append(m)
                    longs.append(m)
        return out, longs


def rest_follows(tokens: Sequence[str], start: int, rest: tuple[tuple[str, bool, int], ...]) -> bool:
    """Do a phrase's remaining words match tokens[start:]? (the caller checked there are enough)"""
    k = start
    for text, exact, mode in rest:
        probe = tokens[k] if exact else tokens[k].lower()
        if not (probe == text if not mode else _word_matches(probe, text, mode)):
            return False
        k += 1
    return True


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
