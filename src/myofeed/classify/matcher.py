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
- punctuation inside a phrase only separates words: 'anti-Jo-1' == 'anti Jo 1'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

# Words (with an optional 's / 't tail, so "mechanic's" differs from "mechanics'"),
# or a clause boundary: negation and context windows never cross these.
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[.;:!?()\[\]|]")
_BOUNDARY = frozenset(".;:!?()[]|")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})


def _is_case_sensitive(word: str) -> bool:
    return sum(1 for ch in word if ch.isupper()) >= 2


@dataclass(frozen=True)
class Word:
    """One word of a phrase pattern."""

    text: str  # lower-cased unless case-sensitive; without the '*'
    exact: bool  # case-sensitive
    prefix: bool  # trailing '*'

    def matches(self, token: str, lower: str) -> bool:
        probe = token if self.exact else lower
        return probe.startswith(self.text) if self.prefix else probe == self.text


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase with the payload the caller attached to it."""

    source: str  # as the operator wrote it, for evidence strings
    words: tuple[Word, ...]
    payload: object


@dataclass(frozen=True)
class Match:
    phrase: Phrase
    start: int  # token index
    end: int  # exclusive


def compile_phrase(source: str, payload: object) -> Phrase | None:
    words = []
    for raw in re.findall(r"[^\W_]+(?:'[^\W_]+)?\*?", source.translate(_APOSTROPHES)):
        prefix = raw.endswith("*")
        raw = raw.rstrip("*")
        exact = _is_case_sensitive(raw)
        words.append(Word(raw if exact else raw.lower(), exact, prefix))
    if not words:
        return None
    return Phrase(source, tuple(words), payload)


class Tokens:
    """A post's text as tokens, with the index where the summary starts."""

    __slots__ = ("tokens", "lowers", "title_end", "raw")

    def __init__(self, title: str, summary: str) -> None:
        title = title.translate(_APOSTROPHES)
        summary = summary.translate(_APOSTROPHES)
        self.raw = title + " | " + summary
        title_tokens = _TOKEN.findall(title)
        body_tokens = _TOKEN.findall(summary)
        # A boundary between title and summary, so no phrase or window spans both.
        self.tokens: list[str] = title_tokens + ["|"] + body_tokens
        self.lowers: list[str] = [t.lower() for t in self.tokens]
        self.title_end = len(title_tokens)

    def in_title(self, index: int) -> bool:
        return index < self.title_end

    def is_boundary(self, index: int) -> bool:
        return self.tokens[index] in _BOUNDARY

    def text(self, start: int, end: int) -> str:
        """The tokens start..end as the post wrote them (hyphens and all), for evidence.

        Computed only for the few matches that become evidence, which keeps `find` cheap.
        """
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
            if first.prefix:
                self._prefixed.append(p)
            elif first.exact:
                self._exact.setdefault(first.text, []).append(p)
            else:
                self._folded.setdefault(first.text, []).append(p)
        self._cache: dict[str, tuple[Phrase, ...]] = {}

    def _candidates(self, token: str, lower: str) -> tuple[Phrase, ...]:
        found = self._cache.get(token)
        if found is None:
            out = self._exact.get(token, []) + self._folded.get(lower, [])
            out += [p for p in self._prefixed if p.words[0].matches(token, lower)]
            found = tuple(out)
            if len(self._cache) < 200_000:  # bound memory on adversarial input
                self._cache[token] = found
        return found

    def find(self, toks: Tokens) -> list[Match]:
        tokens, lowers = toks.tokens, toks.lowers
        n = len(tokens)
        out: list[Match] = []
        for i in range(n):
            cands = self._candidates(tokens[i], lowers[i])
            if not cands:
                continue
            for p in cands:
                words = p.words
                end = i + len(words)
                if end > n:
                    continue
                ok = True
                for k in range(1, len(words)):
                    if not words[k].matches(tokens[i + k], lowers[i + k]):
                        ok = False
                        break
                if ok:
                    out.append(Match(p, i, end))
        return out
