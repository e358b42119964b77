"""topics.toml compiled for the rule engine: one rule record per topic and the phrases to match.

Every phrase carries a payload saying what it is for (its kind, topic, combo and group) and
the few values read off it per match (op, weights...), so matching a post files each match
without looking anything up (see collect.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .alternatives import OR_WORDS
from .matcher import Phrase, compile_phrase
from .phraseset import PhraseSet

if TYPE_CHECKING:
    from ..config import TopicsFile

# Payload kinds attached to phrases
TERM, KEY, CUE, AMBIG, TITLE = "term", "key term", "cue", "ambig", "title term"
CTX_POS, CTX_NEG, COMBO, EXCLUDE, MODEL_EXCLUDE = "ctx+", "ctx-", "combo", "exclude", "model-exclude"
MASK, VETO, NEG, MIMIC, OTHER = "mask", "veto", "neg", "mimic", "other"
MEMBER, NEG_AFTER, VOICE, STORY, EXPLAINER = "member", "neg-after", "voice", "story", "explainer"
OVERLAP, FACET, ALT = "overlap", "facet", "alt"
_TOPIC_KINDS = frozenset((TERM, KEY, CUE, AMBIG, TITLE))
_SHADOWABLE = frozenset((TERM, KEY, CUE, AMBIG, TITLE, CTX_POS, COMBO))
_SHADOWING = frozenset((TERM, KEY, CUE, AMBIG, TITLE, MASK))
_CONTEXT = frozenset((CTX_POS, CTX_NEG))
# What collect does with a match, as a small int read off the phrase (Phrase.op).
(_TOPIC, _COMBO, _EXCLUDE, _NEG, _MIMIC, _OTHER, _VETO, _MASK, _CTX, _MEMBER, _NEG_AFTER, _VOICE, _STORY,
 _EXPLAINER, _OVERLAP, _MODEL_EXCLUDE, _FACET, _ALT) = range(18)
_OPS = {
    TERM: _TOPIC,
    KEY: _TOPIC,
    CUE: _TOPIC,
    AMBIG: _TOPIC,
    TITLE: _TOPIC,
    MEMBER: _MEMBER,
    NEG_AFTER: _NEG_AFTER,
    VOICE: _VOICE,
    STORY: _STORY,
    EXPLAINER: _EXPLAINER,
    OVERLAP: _OVERLAP,
    FACET: _FACET,
    ALT: _ALT,
    COMBO: _COMBO,
    EXCLUDE: _EXCLUDE,
    MODEL_EXCLUDE: _MODEL_EXCLUDE,
    NEG: _NEG,
    MIMIC: _MIMIC,
    OTHER: _OTHER,
    VETO: _VETO,
    MASK: _MASK,
    CTX_POS: _CTX,
    CTX_NEG: _CTX,
}


@dataclass(frozen=True)
class _Payload:
    kind: str
    topic: int = -1  # index into Classifier.topics
    combo: int = -1  # which combo of the topic
    group: int = -1  # which group of that combo


@dataclass(frozen=True)
class _Unless:
    """A compiled `unless` rule (see TopicSettings.Unless)."""

    terms: tuple[Phrase, ...]
    before: PhraseSet
    after: PhraseSet
    window: int
    final: bool = False  # the learned layer does not add the aspect where this rule fired (TopicSettings.Unless)


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
    beside: tuple[tuple[str, float], ...] = ()  # (other label, threshold beside it)
    unless: tuple[_Unless, ...] = ()
    voice_min: int = 0  # first-person/community words needed for the voice rule (0: the topic has none)
    subject: bool = False  # an aspect that can be a post's subject (see TopicSettings.subject)
    explainer: float | None = None  # the threshold on an explainer page (TopicSettings.threshold_explainer)
    explainer_cancel: frozenset[str] = frozenset()  # kinds of phrase that, in the title, make it no explainer
    overlap_part: bool = False  # a part of an overlap form (TopicSettings.overlap_part)
    passing_beside: frozenset[str] = frozenset()  # TopicSettings.passing_beside
    subject_beside: frozenset[str] = frozenset()  # TopicSettings.subject_beside
    model_title_beside: frozenset[str] = frozenset()  # TopicSettings.model_title_beside
    subject_in_case: bool = False  # TopicSettings.subject_in_case
    subject_in_review: bool = False  # TopicSettings.subject_in_review
    publication: bool = False  # any of subject_beside, subject_in_case, subject_in_review: one test per aspect


def _norm_category(value: str) -> str:
    return " ".join(value.replace("-", " ").replace("_", " ").lower().split())


def compile_topics(topics_file: TopicsFile) -> tuple[_TopicRule, ...]:
    """One rule record per topic, in taxonomy order."""
    rules = topics_file.rules
    parents = {t.parent for t in topics_file.topics if t.parent}
    return tuple(
        _TopicRule(
            slug=t.slug,
            parent=t.parent,
            aspect=t.aspect,
            threshold=t.threshold if t.threshold is not None else rules.threshold,
            categories=frozenset(_norm_category(c) for c in (t.slug, t.title, *t.categories)),
            combos=len(t.combos),
            combo_groups=tuple(len(c) for c in t.combos),
            is_subtype=t.parent is not None and t.slug not in parents,
            beside=t.threshold_beside,
            unless=tuple(
                _Unless(
                    _compile(u.terms), PhraseSet(_compile(u.before)), PhraseSet(_compile(u.after)), u.window, u.final
                )
                for u in t.unless
            ),
            voice_min=t.voice.min_words if t.voice else 0,
            subject=t.subject,
            explainer=t.threshold_explainer,
            explainer_cancel=frozenset(t.explainer_cancel),
            overlap_part=t.overlap_part,
            passing_beside=frozenset(t.passing_beside),
            subject_beside=frozenset(t.subject_beside),
            model_title_beside=frozenset(t.model_title_beside),
            subject_in_case=t.subject_in_case,
            subject_in_review=t.subject_in_review,
            publication=bool(t.subject_beside) or t.subject_in_case or t.subject_in_review,
        )
        for t in topics_file.topics
    )


def compile_phrases(topics_file: TopicsFile, topics: tuple[_TopicRule, ...]) -> list[Phrase]:
    """Every phrase of the configuration, with the values collect and scoring read off it."""
    rules = topics_file.rules
    # A title term is the subject of a title (the threshold there) and a cue in the summary.
    weights = tuple(
        {
            TERM: (rules.term_weight,) * 2,
            CUE: (rules.cue_weight,) * 2,
            KEY: (t.threshold,) * 2,
            TITLE: (rules.cue_weight, t.threshold),
        }
        for t in topics
    )
    phrases: list[Phrase] = []
    scored: set[tuple[int, str]] = set()  # (topic, phrase) already listed with a heavier kind

    def add(items: Sequence[str], payload: _Payload, firm: bool = False) -> None:
        for text in items:
            p = compile_phrase(text, payload)
            if p is None:
                continue
            p.firm = firm
            if payload.kind in _TOPIC_KINDS:
                # A phrase listed twice for one topic keeps its heaviest kind only.
                if (payload.topic, p.key) in scored:
                    continue
                scored.add((payload.topic, p.key))
            phrases.append(p)

    for i, t in enumerate(topics_file.topics):
        add(t.key_terms, _Payload(KEY, i))
        add(t.terms, _Payload(TERM, i))
        add(t.title_key_terms, _Payload(TITLE, i), firm=True)  # title terms the learned layer never overrules
        add(t.title_terms, _Payload(TITLE, i))  # before cues: a phrase in both is a title term
        add(t.cues, _Payload(CUE, i))
        if t.voice:
            add(t.voice.words, _Payload(VOICE, i))
            add(t.voice.titles, _Payload(STORY, i))
            add(t.voice.testimonies, _Payload(STORY, i))
            add(t.voice.carers, _Payload(STORY, i), firm=True)  # caregiving: beside a subject aspect too
        add(t.ambiguous, _Payload(AMBIG, i))
        add(t.require_context, _Payload(CTX_POS, i))
        add(t.deny_context, _Payload(CTX_NEG, i))
        add(t.exclude, _Payload(EXCLUDE, i))
        add(t.model_exclude, _Payload(MODEL_EXCLUDE, i))
        for c, groups in enumerate(t.combos):
            for g, group in enumerate(groups):
                add([alt.strip() for alt in group.split("|") if alt.strip()], _Payload(COMBO, i, c, g))
    add(rules.mask, _Payload(MASK))
    add(rules.veto, _Payload(VETO))
    add(rules.negation, _Payload(NEG))
    add(rules.mimic, _Payload(MIMIC))
    add(rules.other_diseases, _Payload(OTHER))
    add(rules.member, _Payload(MEMBER))
    add(rules.negation_after, _Payload(NEG_AFTER))
    add(rules.explainer, _Payload(EXPLAINER))
    add(rules.overlap, _Payload(OVERLAP))
    add(rules.overview_facets, _Payload(FACET))
    add(OR_WORDS, _Payload(ALT))  # where a list of alternatives may be (alternatives.py): filed, never scored
    for p in phrases:
        p.op = _OPS[p.kind]
        p.topic = getattr(p.payload, "topic", -1)
        p.shadowable = p.kind in _SHADOWABLE
        p.topical = p.kind in _TOPIC_KINDS
        if p.kind == COMBO:
            p.combo = (p.payload.topic, p.payload.combo, p.payload.group)  # type: ignore[attr-defined]
        elif p.topical:
            if p.kind == KEY:
                p.name = topics_file.topics[p.topic].key_name
            # The same products Classifier._score once computed per match: (1.0 or title_weight) * weight.
            summary, title = (rules.term_weight,) * 2 if p.kind == AMBIG else weights[p.topic][p.kind]
            # title terms reach the threshold in a title, however titles are weighted
            p.weights = (1.0 * summary, title if p.kind == TITLE else rules.title_weight * title)
    return phrases


def coverable(phrases: list[Phrase], topics: tuple[_TopicRule, ...]) -> tuple[frozenset[str], ...]:
    """Per topic, the keys of its phrases that some `unless` term could match: only their
    matches pay for the context check. (Built once per classifier: each phrase is compared with its own topic's
    terms of as many words only, which keeps a parse worker's start-up short as the lists grow.)"""
    by_topic: dict[int, list[Phrase]] = {}
    for p in phrases:
        by_topic.setdefault(getattr(p.payload, "topic", -1), []).append(p)
    out = []
    for i, t in enumerate(topics):
        terms: dict[int, list[Phrase]] = {}  # by number of words: all of them, for a phrase with a wildcard
        plain: set[tuple[str, ...]] = set()  # those with none, as their words: a set look-up for a plain phrase
        loose: dict[int, list[Phrase]] = {}  # those with one, tried one by one
        for u in t.unless:
            for q in u.terms:
                terms.setdefault(len(q.words), []).append(q)
                if _wild(q):
                    loose.setdefault(len(q.words), []).append(q)
                else:
                    plain.add(_plain(q))
        keys = set()
        for p in by_topic.get(i, ()) if terms else ():
            if _wild(p):
                found = any(_may_equal(p, q) for q in terms.get(len(p.words), ()))
            else:
                found = _plain(p) in plain or any(_may_equal(p, q) for q in loose.get(len(p.words), ()))
            if found:
                keys.add(p.key)
        out.append(frozenset(keys))
    return tuple(out)


def _wild(p: Phrase) -> bool:
    return any(w.prefix or w.suffix or w.text == "#" for w in p.words)


def _plain(p: Phrase) -> tuple[str, ...]:
    return tuple(w.text.lower() for w in p.words)


def _may_equal(p: Phrase, q: Phrase) -> bool:
    """Whether some text could match both phrases (conservative: wildcards make it likely)."""
    if len(p.words) != len(q.words):
        return False
    for a, b in zip(p.words, q.words, strict=True):
        x, y = a.text.lower(), b.text.lower()
        if x == "#" or y == "#":
            continue  # '#' matches any number
        if a.prefix or b.prefix:
            if not (x.startswith(y) or y.startswith(x)):
                return False
        elif a.suffix or b.suffix:
            if not (x.endswith(y) or y.endswith(x)):
                return False
        elif x != y:
            return False
    return True


def _compile(items: Sequence[str]) -> tuple[Phrase, ...]:
    return tuple(p for p in (compile_phrase(x, None) for x in items) if p is not None)
