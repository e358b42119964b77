"""One post's matches: every phrase matched once and filed by what it is for (see _Post)."""

from __future__ import annotations

from collections import defaultdict
from itertools import compress
from typing import Any

from .alternatives import OR_WORDS
from .compiled import (
    _ALT,
    _COMBO,
    _EXCLUDE,
    _EXPLAINER,
    _FACET,
    _MASK,
    _MEMBER,
    _MIMIC,
    _MODEL_EXCLUDE,
    _NEG,
    _NEG_AFTER,
    _OTHER,
    _OVERLAP,
    _SHADOWING,
    _STORY,
    _TOPIC,
    _VETO,
    _VOICE,
)
from .matcher import Match, PhraseIndex, Tokens, rest_follows

# A list or a sentence-wide negation runs to the end of the sentence, across brackets and commas
# ('including polymyositis (PM), dermatomyositis (DM) and ...'), but not past these.
_SENTENCE_END = frozenset(".;:!?\x1e")
_SENTENCE_MAX = 40  # words: one sentence of a teaser, a long list and all
_OR = frozenset((*OR_WORDS, "vs", "versus"))
_NONE: frozenset[Any] = frozenset()
_ARTICLES = frozenset(("a", "an", "the", "un", "une", "una", "uno", "ein", "eine", "en", "ett"))
# the words between 'or'/'and' and the overlap's name: 'or as part of an', 'y los síndromes de'
_LEAD_IN = frozenset(
    "as part of los las les des de del di dei delle die der syndromes syndrome síndromes síndrome sindromi "
    "sindrome forms formas".split()
).union(_ARTICLES)
_AND = frozenset(("and", "y", "e", "et", "und", "och"))


class _Post:
    """One post's matches, sorted by purpose (see collect)."""

    __slots__ = (
        "toks",
        "topics",
        "spans",
        "context",
        "combos",
        "combo_topics",
        "excluded",
        "model_excluded",
        "negated",
        "mimicked",
        "members",
        "others",
        "other_in_title",
        "other_at",
        "ors",
        "voice",
        "story",
        "explainer",
        "facets",
        "overlap",
        "veto",
    )

    def __init__(self, toks: Tokens) -> None:
        self.toks = toks
        # a list made on a topic's first match (read with `in` and .get only, which make none)
        self.topics: defaultdict[int, list[Match]] = defaultdict(list)
        self.spans: list[tuple[int, int, bool]] = []  # phrases that shadow shorter ones: (start, end, is mask)
        # topic -> (require_context matches, deny_context count), found only for a topic whose
        # ambiguous abbreviation needs them (see context.context)
        self.context: dict[int, tuple[list[Match], int]] = {}
        self.combos: dict[tuple[int, int, int], list[Match]] = {}
        self.combo_topics: set[int] = set()
        # Immutable and shared while empty, replaced (never changed) by _file: most posts fill none of
        # these, and a new set or list each was seven allocations a post for nothing.
        self.excluded: frozenset[int] = _NONE
        self.model_excluded: frozenset[int] = _NONE  # topics the learned layer may not add (model_exclude)
        self.negated: frozenset[int] = _NONE
        self.mimicked: frozenset[int] = _NONE
        self.members: frozenset[int] = _NONE  # tokens inside a list of a group's members ('including PM and DM')
        self.others: frozenset[object] = _NONE
        self.other_in_title: tuple[int, ...] = ()  # where the title names an off-topic disease
        self.other_at: tuple[int, ...] = ()  # where the post names an off-topic disease (alternatives.py)
        self.ors: tuple[int, ...] = ()  # where the post says 'or' (alternatives.py)
        self.voice: list[Match] = []  # first-person and community words (the voice rule)
        self.story: tuple[Match, ...] = ()  # story titles ('our story'), wherever they matched
        # an explainer's title words ('What is', 'symptoms, causes'), in the title; most posts have none
        self.explainer: list[Match] | tuple[()] = ()
        # what a page about the whole disease covers besides recognizing and treating it ('causes', 'outlook')
        self.facets: tuple[Match, ...] = ()
        self.overlap: Match | None = None  # the first overlap form named ('overlap syndrome', 'MCTD')
        self.veto = False


def collect(index: PhraseIndex, windows: tuple[int, int], toks: Tokens) -> _Post:
    """Match every phrase once and sort the matches by what they are for, in one pass over the
    tokens (PhraseIndex.find, with each match filed as it is found), leaving out those a longer
    phrase shadows: 'myositis ossificans' is not myositis; 'physical therapy' is living-with,
    not therapy; 'breathing tests' scores once, not also as 'tests'.

    A phrase can only be shadowed by one starting at or before it, so the longer phrases
    starting at a token are matched before that token's matches are filed.
    """
    post = _Post(toks)
    tokens = toks.tokens
    entries = index.entries(tokens)
    follows = index.follows
    n = len(tokens)
    topics = post.topics
    combos = post.combos
    spans = post.spans
    voice = post.voice
    cover = 0  # the furthest end of a shadowing phrase so far: nothing ending after it is shadowed
    longest = index.longest  # no shadowing span starts further back than this before a match's end
    # each token's next one, '' after the last (a word that can follow none): no bounds check per visit
    nxt = tokens[1:]
    nxt.append("")
    for i in compress(range(n), entries):
        singles, longer = entries[i]  # type: ignore[misc]
        if longer is not None and follows[nxt[i]]:
            # Phrases of two or more words, as in PhraseIndex.find.
            multi = None
            j = i + 1
            for p in longer[tokens[j]]:  # their second word is tokens[j] (see Phrase.tail)
                end = i + p.size
                if end <= n and (not p.tail or rest_follows(tokens, j + 1, p.tail)):
                    if multi is None:
                        multi = [(p, i, end)]
                    else:
                        multi.append((p, i, end))
                    if p.kind in _SHADOWING:
                        spans.append((i, end, p.op == _MASK))
                        if end > cover:
                            cover = end
        elif singles:
            multi = None
        else:
            continue  # a word that starts only longer phrases ('the', 'in'), none of them here: most visits
        j = i + 1
        for p in singles:
            if j <= cover and p.shadowable and _shadowed(spans, i, j, p.topical, longest):
                continue
            op = p.op
            if op == _TOPIC:  # most matches, then combos: inline
                topics[p.topic].append((p, i, j))
            elif op == _COMBO:
                found = combos.get(p.combo)
                if found is None:
                    combos[p.combo] = [(p, i, j)]
                    post.combo_topics.add(p.topic)
                else:
                    found.append((p, i, j))
            elif op == _VOICE:  # 'I', 'my', 'our': frequent, so inline too
                voice.append((p, i, j))
            else:
                _file(post, (p, i, j), windows)
        if multi:
            for m in multi:
                p = m[0]
                if m[2] <= cover and p.shadowable and _shadowed(spans, i, m[2], p.topical, longest):
                    continue
                if p.op == _TOPIC:  # most longer matches: inline, as for one word
                    topics[p.topic].append(m)
                else:
                    _file(post, m, windows)
    return post


def _file(post: _Post, m: Match, windows: tuple[int, int]) -> None:
    """File one match where it is used (see _Post); windows: (negation, mimic) in words."""
    p = m[0]
    op = p.op
    if op == _TOPIC:
        post.topics[p.topic].append(m)
    elif op == _COMBO:
        post.combos.setdefault(p.combo, []).append(m)
        post.combo_topics.add(p.topic)
    elif op == _EXCLUDE:
        post.excluded = post.excluded.union((p.topic,))
    elif op == _MODEL_EXCLUDE:
        post.model_excluded = post.model_excluded.union((p.topic,))
    elif op == _NEG:
        post.negated = post.negated.union(_window(post.toks, m[2], windows[0]))
    elif op == _MIMIC:
        post.mimicked = post.mimicked.union(_window(post.toks, m[2], windows[1]))
    elif op == _OTHER:
        post.others = post.others.union((p.key,))
        post.other_at += (m[1],)
        if m[1] < post.toks.title_end:
            post.other_in_title += (m[1],)
    elif op == _VOICE:
        post.voice.append(m)
    elif op == _STORY:
        post.story += (m,)
    elif op == _MEMBER:
        post.members = post.members.union(_sentence_after(post.toks, m[2]))
    elif op == _NEG_AFTER:
        post.negated = post.negated.union(_sentence_before(post.toks, m[1]))
    elif op == _VETO:
        post.veto = True
    elif op == _EXPLAINER:
        if m[1] < post.toks.title_end:
            post.explainer = [*post.explainer, m]
    elif op == _FACET:
        post.facets += (m,)
    elif op == _OVERLAP:
        if post.overlap is None and not _alternative(post.toks.tokens, m[1]):
            post.overlap = m
    elif op == _ALT:
        post.ors += (m[1],)


def _alternative(tokens: list[str], start: int) -> bool:
    """Whether the phrase at `start` is named as an alternative: 'IBM, IMNM or overlap myositis', 'DM or an
    overlap syndrome', 'alone or as part of an overlap syndrome' (one item of a list of what a disease may
    be, not the post's disease), or as the last item of a list of forms: 'include polymyositis,
    dermatomyositis and overlap syndromes', 'la polimiositis, la dermatomiositis y los síndromes de
    superposición' (the tokens keep no commas: any 'and' before it)."""
    k = start - 1
    while k > 0 and tokens[k].lower() in _LEAD_IN:
        k -= 1
    if k < 0:
        return False
    word = tokens[k].lower()
    return word in _OR or word in _AND


def _window(toks: Tokens, start: int, size: int) -> range:
    """Token indices a cue ending at `start` reaches: `size` words, stopping at a clause boundary."""
    end = start
    limit = min(len(toks.tokens), start + size)
    while end < limit and not toks.is_boundary(end):
        end += 1
    return range(start, end)


def _sentence_after(toks: Tokens, start: int) -> range:
    """Token indices from `start` to the end of its sentence (at most _SENTENCE_MAX words)."""
    tokens = toks.tokens
    end = start
    limit = min(len(tokens), start + _SENTENCE_MAX)
    while end < limit and tokens[end] not in _SENTENCE_END:
        end += 1
    return range(start, end)


def _sentence_before(toks: Tokens, end: int) -> range:
    """Token indices from the start of the sentence up to `end` (at most _SENTENCE_MAX words)."""
    tokens = toks.tokens
    start = end
    limit = max(0, end - _SENTENCE_MAX)
    while start > limit and tokens[start - 1] not in _SENTENCE_END:
        start -= 1
    return range(start, end)


def _shadowed(spans: list[tuple[int, int, bool]], start: int, end: int, topical: bool, longest: int) -> bool:
    """Whether a longer look-alike (mask) or topic phrase contains the match start..end.

    Context and combo words are shadowed only by look-alikes, never by topic phrases. `spans` come in
    the order of their starts, and none is longer than `longest` tokens: read from the last one back,
    the search stops at the first that starts too far back to reach `end` (a long post holds a dozen
    spans, and all but the last one or two end before the match).
    """
    size = end - start
    reach = end - longest
    for s, e, mask in reversed(spans):
        if s < reach:
            return False
        if s <= start and end <= e and e - s > size and (topical or mask):
            return True
    return False
