"""The rule engine: topics.toml compiled into one phrase index (and one per topic for context words), applied per post.

Order of decisions for one post (each step is what LABELING.md asks for):
1. match every phrase once; look-alikes listed in [rules].mask ('myositis
   ossificans') shadow the words inside them, and a longer topic phrase shadows any
   shorter one inside it ('physical therapy' over the treatment cue 'therapy');
2. a veto ('veterinary') makes the post off-topic;
3. disease topics score their key terms, terms, cues, context-checked
   abbreviations and combos (a phrase once, a title match double); a mention right after a negation cue ('is not polymyositis') does not
   count, a mention after a misdiagnosis cue ('first told') counts only when no
   other disease is left, and a lone summary mention inside a list of other
   diseases is a passing mention;
4. three or more subtypes make an overview: the parent label only;
5. parents are implied; aspect labels are scored only when a disease label exists,
   with a higher threshold: the post must be substantially about the aspect. A topic's
   `unless` rules stop a term counting in a given context ('diagnosis' right after 'after'
   is a point in time; 'CK' beside 'fell' is a measured outcome), and `threshold_beside`
   raises an aspect's threshold beside another label (drugs named as a study's finding)
   unless a key term or combo fired.

Every label carries the evidence that made it (see explain.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import TopicsFile
from ..types import Classification
from .collect import _Post, collect
from .compiled import _CONTEXT, AMBIG, KEY, _norm_category, _TopicRule, compile_phrases, compile_topics, coverable
from .context import UnlessMemo, combo_hit, context, covered
from .evidence import _EV_ABBREV, _EV_CATEGORY, _EV_COMBO, Evidence, TermMemo, render
from .hierarchy import ancestry, imply_parents, overview
from .matcher import Match, PhraseIndex, Tokens

_NO_TOKENS: frozenset[int] = frozenset()


class _Score:
    __slots__ = ("score", "evidence", "mentions", "mimic_only", "strong", "key")

    def __init__(self) -> None:
        self.score = 0.0
        self.evidence: list[Evidence] = []
        self.mentions: list[Match] = []  # disease mentions, for the passing-mention rule
        self.mimic_only: list[Evidence] = []  # evidence held back by a misdiagnosis cue
        self.strong = False  # a combo or a category fired: never a passing mention
        self.key = False  # a key term fired


class Classifier:
    """Multi-label, explainable topic classifier built from the topics configuration.

    `classify` returns labels in taxonomy order (the order of topics.toml), parents
    included, and evidence for every label. Safe to share between threads: the only
    mutable state is per-word caches (the matcher's, `_unless_memo`, `_term_memo`), each
    bounded and refilled on a miss.

    Speed (benchmarks/bench_classify.py): one pass over the tokens matches and files every
    phrase (collect.py); context words for ambiguous abbreviations are only searched for when
    an abbreviation needs them (context.context); evidence strings are rendered only for the
    labels a post gets (evidence.render).
    """

    def __init__(self, topics_file: TopicsFile) -> None:
        self.topics_file = topics_file
        self._rules = topics_file.rules
        self.topics: tuple[_TopicRule, ...] = compile_topics(topics_file)
        self._by_slug = {t.slug: i for i, t in enumerate(self.topics)}
        self._disease_ids = tuple(i for i, t in enumerate(self.topics) if not t.aspect)
        self._aspect_ids = tuple(i for i, t in enumerate(self.topics) if t.aspect)
        phrases = compile_phrases(topics_file, self.topics)
        # Context words (require_context, deny_context) matter only beside an ambiguous abbreviation,
        # a few posts in a hundred: they get an index per topic, searched only then.
        self._index = PhraseIndex(p for p in phrases if p.kind not in _CONTEXT)
        self._context_index = tuple(
            PhraseIndex(p for p in phrases if p.kind in _CONTEXT and p.topic == i) for i in range(len(self.topics))
        )
        self._coverable = coverable(phrases, self.topics)
        self._unless_memo: UnlessMemo = {}
        self._term_memo: TermMemo = {}
        self._ancestry = ancestry(self.topics)

    @classmethod
    def from_topics(cls, topics_file: TopicsFile) -> Classifier:
        return cls(topics_file)

    # -- the decision ------------------------------------------------------

    def classify(self, title: str, summary: str, categories: Sequence[str] = ()) -> Classification:
        toks = Tokens(title or "", summary or "")
        post = collect(self._index, self._rules.negation_window, toks)
        if post.veto or not (post.topics or post.combo_topics or categories):
            return Classification(labels=(), why={})
        cats = self._categories(categories) if categories else {}
        labels = self._diseases(post, cats)
        if not labels:
            return Classification(labels=(), why={})
        overview(self.topics, labels, self._rules.overview_subtypes)
        imply_parents(self._ancestry, labels)
        scored: list[tuple[int, _Score]] = []
        topics, combo_topics = post.topics, post.combo_topics
        for i in self._aspect_ids:  # aspects only beside a disease label (LABELING.md)
            if i in topics or i in combo_topics or i in cats:
                s = self._score(i, post, cats)
                if s.score >= self.topics[i].threshold and i not in post.excluded:
                    scored.append((i, s))
        given: set[str] | None = None
        for i, s in scored:
            topic = self.topics[i]
            if topic.beside and not (s.key or s.strong):
                if given is None:
                    given = set(labels).union(self.topics[k].slug for k, _ in scored)
                if any(s.score < t for other, t in topic.beside if other in given):
                    continue  # e.g. drugs named as a study's finding: not a treatment post
            labels[topic.slug] = render(self._term_memo, toks, s.evidence)
        order = sorted(labels, key=self._by_slug.__getitem__)
        return Classification(labels=tuple(order), why={k: tuple(labels[k]) for k in order})

    def _diseases(self, post: _Post, cats: dict[int, list[str]]) -> dict[str, list[str]]:
        rules = self._rules
        labels: dict[str, list[str]] = {}
        mimic_only: dict[int, list[Evidence]] = {}
        topics, combo_topics, excluded = post.topics, post.combo_topics, post.excluded
        for i in self._disease_ids:
            if not (i in topics or i in combo_topics or i in cats) or i in excluded:
                continue
            s = self._score(i, post, cats)
            if s.mimic_only:
                mimic_only[i] = s.mimic_only
            if s.score < self.topics[i].threshold:
                continue
            if (
                len(s.mentions) == 1
                and not s.mentions[0][1] < post.toks.title_end
                and len(post.others) >= rules.passing_min_others
                and not s.strong
            ):
                continue  # one name inside a list of other diseases: a passing mention
            labels[self.topics[i].slug] = render(self._term_memo, post.toks, s.evidence)
        if not labels:
            # The misdiagnosis cue was the only disease named: it is the post's subject after all.
            for i, evidence in mimic_only.items():
                labels[self.topics[i].slug] = render(self._term_memo, post.toks, evidence)
        return labels

    def _score(self, i: int, post: _Post, cats: dict[int, list[str]]) -> _Score:
        """Score one topic from its matches, combos and categories, collecting the evidence."""
        rules = self._rules
        topic = self.topics[i]
        toks = post.toks
        title_end = toks.title_end
        aspect = topic.aspect
        # Aspects ignore negation and misdiagnosis cues: an empty set says so without a test per match.
        negated = _NO_TOKENS if aspect else post.negated
        mimicked = _NO_TOKENS if aspect else post.mimicked
        coverable = self._coverable[i]
        s = _Score()
        add_evidence = s.evidence.append
        add_mention = s.mentions.append
        seen: set[object] = set()
        score = 0.0
        for m in post.topics.get(i, ()):
            p, start, end = m
            if start in negated:
                continue
            key = p.key
            if coverable and key in coverable and covered(self._unless_memo, topic.unless, i, m, post):
                continue
            # A phrase scores once, however often it recurs, and a span once, whichever phrases
            # match it ('enroll*', 'enrol*'); matches come in text order, so the title's
            # (heavier) match is the one kept.
            span = (start, end)
            if key in seen or span in seen:
                if not aspect and start not in mimicked:
                    add_mention(m)
                continue
            kind = p.kind
            ev: Evidence = m  # a term's evidence is its match (see _render)
            if kind == AMBIG:
                if start > 0 and toks.tokens[start - 1].isdigit():
                    continue  # '7 PM', 'type 2 DM': a number before an abbreviation reads it otherwise
                found, deny = context(self._context_index[i], i, post)
                support = [c for c in found if c[1] != start]
                if len(support) <= deny:
                    continue
                ev = (_EV_ABBREV, start, end, support[0][1], support[0][2])
            if start in mimicked:
                s.mimic_only.append(ev)
                continue
            seen.add(key)
            seen.add(span)
            if kind == KEY:
                s.key = True
            score += p.weights[start < title_end]
            add_evidence(ev)
            add_mention(m)
        s.score = score
        evidence = s.evidence
        if i in post.combo_topics:
            for c in range(topic.combos):
                hits = [
                    combo_hit(self._unless_memo, topic.unless, coverable, i, post.combos.get((i, c, g)), post)
                    for g in range(topic.combo_groups[c])
                ]
                if all(h is not None for h in hits):
                    s.score += max(rules.term_weight, topic.threshold)  # a combo alone is enough
                    s.strong = True
                    evidence.append((_EV_COMBO, tuple((h[1], h[2]) for h in hits if h)))
        for raw in cats.get(i, ()):
            s.score += rules.term_weight * rules.title_weight  # a source's own tag says what the post is about
            s.strong = True
            evidence.append((_EV_CATEGORY, raw))
        return s

    def _categories(self, categories: Sequence[str]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for raw in categories:
            cat = _norm_category(str(raw))
            for i, topic in enumerate(self.topics):
                if cat in topic.categories:
                    out.setdefault(i, []).append(str(raw))
        return out
