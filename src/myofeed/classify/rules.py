"""The rule engine: topics.toml compiled into one phrase index, applied per post.

Order of decisions for one post (each step is what LABELING.md asks for):
1. match every phrase once; look-alikes listed in [rules].mask ('myositis
   ossificans') shadow the words inside them, and a longer topic phrase shadows a
   shorter one of another topic inside it ('physical therapy' over 'therapy');
2. a veto ('veterinary') makes the post off-topic;
3. disease topics score their terms, cues, context-checked abbreviations and
   combos; a mention right after a negation cue ('is not polymyositis') does not
   count, a mention after a misdiagnosis cue ('first told') counts only when no
   other disease is left, and a lone summary mention inside a list of other
   diseases is a passing mention;
4. three or more subtypes make an overview: the parent label only;
5. parents are implied; aspect labels are scored only when a disease label exists.

Every label carries the evidence that made it (see explain.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..config import TopicsFile
from ..types import Classification
from . import explain
from .matcher import Match, Phrase, PhraseIndex, Tokens, compile_phrase

# Payload kinds attached to phrases
TERM, CUE, AMBIG, CTX_POS, CTX_NEG, COMBO, EXCLUDE = "term", "cue", "ambig", "ctx+", "ctx-", "combo", "exclude"
MASK, VETO, NEG, MIMIC, OTHER = "mask", "veto", "neg", "mimic", "other"
_TOPIC_KINDS = frozenset((TERM, CUE, AMBIG))


@dataclass(frozen=True)
class _Payload:
    kind: str
    topic: int = -1  # index into Classifier.topics
    combo: int = -1  # which combo of the topic
    group: int = -1  # which group of that combo


@dataclass
class _Score:
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)
    mentions: list[Match] = field(default_factory=list)  # disease mentions, for the passing-mention rule
    seen: set[int] = field(default_factory=set)  # phrases already scored


@dataclass(frozen=True)
class _TopicRule:
    slug: str
    parent: str | None
    aspect: bool
    threshold: float
    categories: frozenset[str]
    combos: int  # number of combos
    combo_groups: tuple[int, ...]  # groups per combo
    is_subtype: bool


def _norm_category(value: str) -> str:
    return " ".join(value.replace("-", " ").replace("_", " ").lower().split())


class Classifier:
    """Multi-label, explainable topic classifier built from the topics configuration."""

    def __init__(self, topics_file: TopicsFile) -> None:
        self.topics_file = topics_file
        rules = topics_file.rules
        self._rules = rules
        slugs = {t.slug for t in topics_file.topics}
        parents = {t.parent for t in topics_file.topics if t.parent}
        self.topics: tuple[_TopicRule, ...] = tuple(
            _TopicRule(
                slug=t.slug,
                parent=t.parent,
                aspect=t.aspect,
                threshold=t.threshold if t.threshold is not None else rules.threshold,
                categories=frozenset(_norm_category(c) for c in (t.slug, t.title, *t.categories)),
                combos=len(t.combos),
                combo_groups=tuple(len(c) for c in t.combos),
                is_subtype=t.parent is not None and t.parent in parents and t.slug not in parents,
            )
            for t in topics_file.topics
        )
        assert all(t.parent in slugs for t in self.topics if t.parent)
        self._by_slug = {t.slug: i for i, t in enumerate(self.topics)}
        phrases: list[Phrase] = []

        def add(items: Sequence[str], payload: _Payload) -> None:
            for text in items:
                p = compile_phrase(text, payload)
                if p is not None:
                    phrases.append(p)

        for i, t in enumerate(topics_file.topics):
            add(t.terms, _Payload(TERM, i))
            add(t.cues, _Payload(CUE, i))
            add(t.ambiguous, _Payload(AMBIG, i))
            add(t.require_context, _Payload(CTX_POS, i))
            add(t.deny_context, _Payload(CTX_NEG, i))
            add(t.exclude, _Payload(EXCLUDE, i))
            for c, groups in enumerate(t.combos):
                for g, group in enumerate(groups):
                    add([alt.strip() for alt in group.split("|") if alt.strip()], _Payload(COMBO, i, c, g))
        add(rules.mask, _Payload(MASK))
        add(rules.veto, _Payload(VETO))
        add(rules.negation, _Payload(NEG))
        add(rules.mimic, _Payload(MIMIC))
        add(rules.other_diseases, _Payload(OTHER))
        self._index = PhraseIndex(phrases)

    @classmethod
    def from_topics(cls, topics_file: TopicsFile) -> "Classifier":
        return cls(topics_file)

    # -- the decision ------------------------------------------------------

    def classify(self, title: str, summary: str, categories: Sequence[str] = ()) -> Classification:
        toks = Tokens(title or "", summary or "")
        matches = _shadow(self._index.find(toks))
        if any(m.phrase.payload.kind == VETO for m in matches):  # type: ignore[attr-defined]
            return Classification(labels=(), why={})
        rules = self._rules
        n_topics = len(self.topics)
        scores = [_Score() for _ in range(n_topics)]
        excluded: set[int] = set()
        ctx_pos: dict[int, list[Match]] = {}
        ctx_neg: dict[int, int] = {}
        combo_hits: dict[tuple[int, int, int], Match] = {}
        negated: set[int] = set()
        mimicked: set[int] = set()
        others: set[str] = set()
        topic_matches: list[Match] = []
        for m in matches:
            pl: _Payload = m.phrase.payload  # type: ignore[assignment]
            kind = pl.kind
            if kind in _TOPIC_KINDS:
                topic_matches.append(m)
            elif kind == CTX_POS:
                ctx_pos.setdefault(pl.topic, []).append(m)
            elif kind == CTX_NEG:
                ctx_neg[pl.topic] = ctx_neg.get(pl.topic, 0) + 1
            elif kind == COMBO:
                combo_hits.setdefault((pl.topic, pl.combo, pl.group), m)
            elif kind == EXCLUDE:
                excluded.add(pl.topic)
            elif kind == NEG:
                negated.update(_window(toks, m.end, rules.negation_window))
            elif kind == MIMIC:
                mimicked.update(_window(toks, m.end, rules.negation_window))
            elif kind == OTHER:
                others.add(m.phrase.source.lower())

        mimic_only: dict[int, list[Match]] = {}
        for m in topic_matches:
            pl = m.phrase.payload  # type: ignore[assignment]
            topic = self.topics[pl.topic]
            weight = rules.title_weight if toks.in_title(m.start) else 1.0
            if not topic.aspect and m.start in negated:
                continue
            if pl.kind == AMBIG:
                if m.start > 0 and toks.tokens[m.start - 1].isdigit():
                    continue  # '7 PM', 'type 2 DM': a number before an abbreviation reads it otherwise
                support = [c for c in ctx_pos.get(pl.topic, ()) if c.start != m.start]
                if len(support) <= ctx_neg.get(pl.topic, 0):
                    continue
                ev = explain.abbrev(toks.text(m.start, m.end), toks.text(support[0].start, support[0].end))
                weight *= rules.term_weight
            else:
                ev = explain.term(pl.kind, toks.text(m.start, m.end), toks.in_title(m.start))
                weight *= rules.term_weight if pl.kind == TERM else rules.cue_weight
            if not topic.aspect and m.start in mimicked:
                mimic_only.setdefault(pl.topic, []).append(m)
                continue
            s = scores[pl.topic]
            # A phrase scores once, however often it recurs: matches come in text order, so the
            # title's (heavier) match is the one kept.
            if id(m.phrase) not in s.seen:
                s.seen.add(id(m.phrase))
                s.score += weight
                s.evidence.append(ev)
            s.mentions.append(m)
        for i, topic in enumerate(self.topics):
            for c in range(topic.combos):
                hits = [combo_hits.get((i, c, g)) for g in range(topic.combo_groups[c])]
                if all(h is not None for h in hits):
                    scores[i].score += rules.term_weight
                    scores[i].evidence.append(explain.combo([toks.text(h.start, h.end) for h in hits if h]))
        if categories:
            self._score_categories(categories, scores)

        labels: dict[str, list[str]] = {}
        for i, topic in enumerate(self.topics):
            s = scores[i]
            if topic.aspect or i in excluded or s.score < topic.threshold:
                continue
            if (
                len(s.mentions) == 1
                and not toks.in_title(s.mentions[0].start)
                and len(others) >= rules.passing_min_others
                and not any(e.startswith(("combo", "category")) for e in s.evidence)
            ):
                continue  # one name inside a list of other diseases: a passing mention
            labels[topic.slug] = s.evidence
        if not labels and mimic_only:
            # The misdiagnosis cue was the only disease named: it is the post's subject after all.
            for i, ms in mimic_only.items():
                if i not in excluded:
                    labels[self.topics[i].slug] = [explain.term(TERM, toks.text(m.start, m.end), toks.in_title(m.start)) for m in ms]
        if not labels:
            return Classification(labels=(), why={})
        self._overview(labels)
        self._imply_parents(labels)
        for i, topic in enumerate(self.topics):
            s = scores[i]
            if topic.aspect and i not in excluded and s.score >= topic.threshold:
                labels[topic.slug] = s.evidence
        order = sorted(labels, key=self._by_slug.__getitem__)
        return Classification(labels=tuple(order), why={k: tuple(labels[k]) for k in order})

    def _score_categories(self, categories: Sequence[str], scores: list[_Score]) -> None:
        for raw in categories:
            cat = _norm_category(str(raw))
            for i, topic in enumerate(self.topics):
                if cat in topic.categories:
                    scores[i].score += self._rules.term_weight * self._rules.title_weight
                    scores[i].evidence.append(explain.category(str(raw)))

    def _overview(self, labels: dict[str, list[str]]) -> None:
        subtypes = [t for t in self.topics if t.is_subtype and t.slug in labels]
        if len(subtypes) < self._rules.overview_subtypes:
            return
        by_parent: dict[str, list[str]] = {}
        for t in subtypes:
            by_parent.setdefault(t.parent or "", []).append(t.slug)
        for parent, slugs in by_parent.items():
            if len(slugs) >= self._rules.overview_subtypes:
                for slug in slugs:
                    del labels[slug]
                labels.setdefault(parent, []).insert(0, explain.overview(slugs))

    def _imply_parents(self, labels: dict[str, list[str]]) -> None:
        for slug in list(labels):
            seen = {slug}
            parent = self.topics[self._by_slug[slug]].parent
            child = slug
            while parent and parent not in seen:
                ev = explain.parent_of(child)
                bucket = labels.setdefault(parent, [])
                if ev not in bucket:
                    bucket.append(ev)
                seen.add(parent)
                child, parent = parent, self.topics[self._by_slug[parent]].parent


def _window(toks: Tokens, start: int, size: int) -> range:
    """Token indices a cue ending at `start` reaches: `size` words, stopping at a clause boundary."""
    end = start
    limit = min(len(toks.tokens), start + size)
    while end < limit and not toks.is_boundary(end):
        end += 1
    return range(start, end)


def _shadow(matches: list[Match]) -> list[Match]:
    """Drop matches inside a longer look-alike (mask) or a longer topic phrase.

    'myositis ossificans' is not myositis; 'physical therapy' is living-with, not therapy;
    'breathing tests' scores once, not also as 'tests'.
    """
    if len(matches) < 2:
        return matches
    spans = [
        (m.start, m.end, m.phrase.payload.kind, m.phrase.payload.topic)  # type: ignore[attr-defined]
        for m in matches
        if m.phrase.payload.kind in _TOPIC_KINDS or m.phrase.payload.kind == MASK  # type: ignore[attr-defined]
    ]
    if len(spans) < 2:
        return matches
    out = []
    for m in matches:
        pl: _Payload = m.phrase.payload  # type: ignore[assignment]
        if pl.kind in _TOPIC_KINDS or pl.kind in (CTX_POS, COMBO):
            inside = False
            for s, e, kind, topic in spans:
                if s <= m.start and m.end <= e and (e - s) > (m.end - m.start):
                    # Context and combo words are shadowed only by look-alikes, never by topic phrases.
                    if kind == MASK or pl.kind in _TOPIC_KINDS:
                        inside = True
                        break
            if inside:
                continue
        out.append(m)
    return out
