"""The rule engine: topics.toml compiled into one phrase index, applied per post.

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
from dataclasses import dataclass, field

from ..config import TopicsFile
from ..types import Classification
from . import explain
from .matcher import Match, Phrase, PhraseIndex, PhraseSet, Tokens, compile_phrase

# Payload kinds attached to phrases
TERM, KEY, CUE, AMBIG = "term", "key term", "cue", "ambig"
CTX_POS, CTX_NEG, COMBO, EXCLUDE = "ctx+", "ctx-", "combo", "exclude"
MASK, VETO, NEG, MIMIC, OTHER = "mask", "veto", "neg", "mimic", "other"
_TOPIC_KINDS = frozenset((TERM, KEY, CUE, AMBIG))
_SHADOWABLE = frozenset((TERM, KEY, CUE, AMBIG, CTX_POS, COMBO))
_SHADOWING = frozenset((TERM, KEY, CUE, AMBIG, MASK))


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
    mimic_only: list[str] = field(default_factory=list)  # evidence held back by a misdiagnosis cue
    strong: bool = False  # a combo or a category fired: never a passing mention
    key: bool = False  # a key term fired


class _Post:
    """One post's matches, sorted by purpose (see Classifier._collect)."""

    __slots__ = (
        "toks",
        "topics",
        "ctx_pos",
        "ctx_neg",
        "combos",
        "combo_topics",
        "excluded",
        "negated",
        "mimicked",
        "others",
        "veto",
    )

    def __init__(self, toks: Tokens) -> None:
        self.toks = toks
        self.topics: dict[int, list[Match]] = {}
        self.ctx_pos: dict[int, list[Match]] = {}
        self.ctx_neg: dict[int, int] = {}
        self.combos: dict[tuple[int, int, int], list[Match]] = {}
        self.combo_topics: set[int] = set()
        self.excluded: set[int] = set()
        self.negated: set[int] = set()
        self.mimicked: set[int] = set()
        self.others: set[object] = set()
        self.veto = False


@dataclass(frozen=True)
class _Unless:
    """A compiled `unless` rule (see TopicSettings.Unless)."""

    terms: tuple[Phrase, ...]
    before: PhraseSet
    after: PhraseSet
    window: int


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


def _norm_category(value: str) -> str:
    return " ".join(value.replace("-", " ").replace("_", " ").lower().split())


class Classifier:
    """Multi-label, explainable topic classifier built from the topics configuration.

    `classify` returns labels in taxonomy order (the order of topics.toml), parents
    included, and evidence for every label. Safe to share between threads: the only
    mutable state is the matcher's per-word cache.
    """

    def __init__(self, topics_file: TopicsFile) -> None:
        self.topics_file = topics_file
        rules = topics_file.rules
        self._rules = rules
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
                is_subtype=t.parent is not None and t.slug not in parents,
                beside=t.threshold_beside,
                unless=tuple(
                    _Unless(_compile(u.terms), PhraseSet(_compile(u.before)), PhraseSet(_compile(u.after)), u.window)
                    for u in t.unless
                ),
            )
            for t in topics_file.topics
        )
        self._by_slug = {t.slug: i for i, t in enumerate(self.topics)}
        self._disease_ids = tuple(i for i, t in enumerate(self.topics) if not t.aspect)
        self._aspect_ids = tuple(i for i, t in enumerate(self.topics) if t.aspect)
        self._weights = tuple({TERM: rules.term_weight, CUE: rules.cue_weight, KEY: t.threshold} for t in self.topics)
        phrases: list[Phrase] = []
        scored: set[tuple[int, str]] = set()  # (topic, phrase) already listed with a heavier kind

        def add(items: Sequence[str], payload: _Payload) -> None:
            for text in items:
                p = compile_phrase(text, payload)
                if p is None:
                    continue
                if payload.kind in _TOPIC_KINDS:
                    # A phrase listed twice for one topic keeps its heaviest kind only.
                    if (payload.topic, p.key) in scored:
                        continue
                    scored.add((payload.topic, p.key))
                phrases.append(p)

        for i, t in enumerate(topics_file.topics):
            add(t.key_terms, _Payload(KEY, i))
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
        # Per topic, the keys of its phrases that some `unless` term could match: only their
        # matches pay for the context check.
        self._coverable: tuple[frozenset[str], ...] = tuple(
            frozenset(
                p.key
                for p in phrases
                if getattr(p.payload, "topic", -1) == i and any(_may_equal(p, q) for u in t.unless for q in u.terms)
            )
            for i, t in enumerate(self.topics)
        )
        self._unless_memo: dict[tuple[int, str], tuple[int, ...]] = {}  # (topic, matched text) -> rules naming it

    @classmethod
    def from_topics(cls, topics_file: TopicsFile) -> Classifier:
        return cls(topics_file)

    # -- the decision ------------------------------------------------------

    def classify(self, title: str, summary: str, categories: Sequence[str] = ()) -> Classification:
        toks = Tokens(title or "", summary or "")
        found, longs = self._index.find(toks)
        if not found and not categories:
            return Classification(labels=(), why={})
        post = self._collect(toks, _shadow(found, longs) if longs else found)
        if post.veto:
            return Classification(labels=(), why={})
        cats = self._categories(categories) if categories else {}
        labels = self._diseases(post, cats)
        if not labels:
            return Classification(labels=(), why={})
        self._overview(labels)
        self._imply_parents(labels)
        scored: list[tuple[int, _Score]] = []
        for i in self._aspect_ids:  # aspects only beside a disease label (LABELING.md)
            if i in post.topics or i in post.combo_topics or i in cats:
                s = self._score(i, post, cats)
                if s.score >= self.topics[i].threshold and i not in post.excluded:
                    scored.append((i, s))
        given = set(labels).union(self.topics[i].slug for i, _ in scored)
        for i, s in scored:
            topic = self.topics[i]
            if not (s.key or s.strong) and any(s.score < t for other, t in topic.beside if other in given):
                continue  # e.g. drugs named as a study's finding: not a treatment post
            labels[topic.slug] = s.evidence
        order = sorted(labels, key=self._by_slug.__getitem__)
        return Classification(labels=tuple(order), why={k: tuple(labels[k]) for k in order})

    def _collect(self, toks: Tokens, matches: list[Match]) -> _Post:
        """Sort one post's matches by what they are for."""
        post = _Post(toks)
        window = self._rules.negation_window
        for m in matches:
            pl: _Payload = m[0].payload  # type: ignore[assignment]
            kind = m[0].kind
            if kind in _TOPIC_KINDS:
                post.topics.setdefault(pl.topic, []).append(m)
            elif kind == CTX_POS:
                post.ctx_pos.setdefault(pl.topic, []).append(m)
            elif kind == CTX_NEG:
                post.ctx_neg[pl.topic] = post.ctx_neg.get(pl.topic, 0) + 1
            elif kind == COMBO:
                post.combos.setdefault((pl.topic, pl.combo, pl.group), []).append(m)
                post.combo_topics.add(pl.topic)
            elif kind == EXCLUDE:
                post.excluded.add(pl.topic)
            elif kind == NEG:
                post.negated.update(_window(toks, m[2], window))
            elif kind == MIMIC:
                post.mimicked.update(_window(toks, m[2], window))
            elif kind == OTHER:
                post.others.add(m[0].key)

            elif kind == VETO:
                post.veto = True
        return post

    def _diseases(self, post: _Post, cats: dict[int, list[str]]) -> dict[str, list[str]]:
        rules = self._rules
        labels: dict[str, list[str]] = {}
        mimic_only: dict[int, list[str]] = {}
        for i in self._disease_ids:
            if i in post.excluded or not (i in post.topics or i in post.combo_topics or i in cats):
                continue
            s = self._score(i, post, cats)
            if s.mimic_only:
                mimic_only[i] = s.mimic_only
            if s.score < self.topics[i].threshold:
                continue
            if (
                len(s.mentions) == 1
                and not post.toks.in_title(s.mentions[0][1])
                and len(post.others) >= rules.passing_min_others
                and not s.strong
            ):
                continue  # one name inside a list of other diseases: a passing mention
            labels[self.topics[i].slug] = s.evidence
        if not labels:
            # The misdiagnosis cue was the only disease named: it is the post's subject after all.
            for i, evidence in mimic_only.items():
                labels[self.topics[i].slug] = evidence
        return labels

    def _score(self, i: int, post: _Post, cats: dict[int, list[str]]) -> _Score:
        """Score one topic from its matches, combos and categories, collecting the evidence."""
        rules = self._rules
        topic = self.topics[i]
        toks = post.toks
        s = _Score()
        weights = self._weights[i]
        seen: set[object] = set()
        for m in post.topics.get(i, ()):
            pl: _Payload = m[0].payload  # type: ignore[assignment]
            if not topic.aspect and m[1] in post.negated:
                continue
            if m[0].key in self._coverable[i] and self._unless(i, m, post):
                continue
            # A phrase scores once, however often it recurs, and a span once, whichever phrases
            # match it ('enroll*', 'enrol*'); matches come in text order, so the title's
            # (heavier) match is the one kept.
            if m[0].key in seen or (m[1], m[2]) in seen:
                if not topic.aspect and m[1] not in post.mimicked:
                    s.mentions.append(m)
                continue
            in_title = toks.in_title(m[1])
            weight = rules.title_weight if in_title else 1.0
            if pl.kind == AMBIG:
                if m[1] > 0 and toks.tokens[m[1] - 1].isdigit():
                    continue  # '7 PM', 'type 2 DM': a number before an abbreviation reads it otherwise
                support = [c for c in post.ctx_pos.get(i, ()) if c[1] != m[1]]
                if len(support) <= post.ctx_neg.get(i, 0):
                    continue
                ev = explain.abbrev(toks.text(m[1], m[2]), toks.text(support[0][1], support[0][2]))
                weight *= rules.term_weight
            else:
                ev = explain.term(pl.kind, toks.text(m[1], m[2]), in_title)
                weight *= weights[pl.kind]
            if not topic.aspect and m[1] in post.mimicked:
                s.mimic_only.append(ev)
                continue
            seen.add(m[0].key)
            seen.add((m[1], m[2]))
            s.key = s.key or pl.kind == KEY
            s.score += weight
            s.evidence.append(ev)
            s.mentions.append(m)
        if i in post.combo_topics:
            for c in range(topic.combos):
                hits = [self._combo_hit(i, post.combos.get((i, c, g)), post) for g in range(topic.combo_groups[c])]
                if all(h is not None for h in hits):
                    s.score += max(rules.term_weight, topic.threshold)  # a combo alone is enough
                    s.strong = True
                    s.evidence.append(explain.combo([toks.text(h[1], h[2]) for h in hits if h]))
        for raw in cats.get(i, ()):
            s.score += rules.term_weight * rules.title_weight  # a source's own tag says what the post is about
            s.strong = True
            s.evidence.append(explain.category(raw))
        return s

    def _combo_hit(self, i: int, found: list[Match] | None, post: _Post) -> Match | None:
        """The first match of one combo group that no `unless` rule covers ('future trials')."""
        if not found:
            return None
        topic = self.topics[i]
        if not topic.unless:
            return found[0]
        cover = self._coverable[i]
        for m in found:
            if m[0].key not in cover:
                return m
            if not self._unless(i, m, post):
                return m
        return None

    def _unless(self, i: int, m: Match, post: _Post) -> bool:
        """True when one of topic i's `unless` rules covers this match: the match is one of the
        rule's terms, with a context phrase close before or after it in the same clause."""
        toks = post.toks
        start, end = m[1], m[2]
        text = toks.tokens[start] if end - start == 1 else " ".join(toks.tokens[start:end])
        memo = (i, text)
        rules = self._unless_memo.get(memo)
        if rules is None:  # which rules name this text: computed once per word, like the matcher's cache
            words = toks.tokens[start:end]
            rules = tuple(r for r, u in enumerate(self.topics[i].unless) if any(_spans(p, words) for p in u.terms))
            if len(self._unless_memo) >= 200_000:
                self._unless_memo.clear()
            self._unless_memo[memo] = rules
        tokens = toks.tokens
        for r in rules:
            u = self.topics[i].unless[r]
            # Context before: a phrase ending at e, with tokens e..start (fewer than `window`) in one clause.
            e = start
            while e > 0 and start - e < u.window:
                if u.before.ends_at(tokens, e):
                    return True
                e -= 1
                if toks.is_boundary(e):
                    break
            s = end
            while s < len(tokens) and s - end < u.window and not toks.is_boundary(s):
                if u.after.starts_at(tokens, s):
                    return True
                s += 1
        return False

    def _categories(self, categories: Sequence[str]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for raw in categories:
            cat = _norm_category(str(raw))
            for i, topic in enumerate(self.topics):
                if cat in topic.categories:
                    out.setdefault(i, []).append(str(raw))
        return out

    def _overview(self, labels: dict[str, list[str]]) -> None:
        subtypes = [t for t in self.topics if t.is_subtype and t.slug in labels]
        if len(subtypes) < self._rules.overview_subtypes:
            return
        by_parent: dict[str, list[str]] = {}
        for t in subtypes:
            by_parent.setdefault(t.parent or "", []).append(t.slug)
        for parent, slugs in by_parent.items():
            if len(slugs) < self._rules.overview_subtypes:
                continue
            # A subtype the title names is the post's subject; the others are its comparisons.
            titled = [s for s in slugs if any(e.endswith(" in title") for e in labels[s])]
            if 0 < len(titled) < self._rules.overview_subtypes:
                for slug in slugs:
                    if slug not in titled:
                        del labels[slug]
                continue
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


def _may_equal(p: Phrase, q: Phrase) -> bool:
    """Whether some text could match both phrases (conservative: wildcards make it likely)."""
    if len(p.words) != len(q.words):
        return False
    for a, b in zip(p.words, q.words, strict=True):
        x, y = a.text.lower(), b.text.lower()
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


def _spans(p: Phrase, words: list[str]) -> bool:
    """Whether phrase `p` matches exactly these tokens."""
    if len(p.words) != len(words):
        return False
    return all(w.matches(t, t.lower()) for w, t in zip(p.words, words, strict=True))


def _window(toks: Tokens, start: int, size: int) -> range:
    """Token indices a cue ending at `start` reaches: `size` words, stopping at a clause boundary."""
    end = start
    limit = min(len(toks.tokens), start + size)
    while end < limit and not toks.is_boundary(end):
        end += 1
    return range(start, end)


def _shadow(matches: list[Match], longs: list[Match]) -> list[Match]:
    """Drop matches inside a longer look-alike (mask) or a longer topic phrase.

    'myositis ossificans' is not myositis; 'physical therapy' is living-with, not therapy;
    'breathing tests' scores once, not also as 'tests'.
    """
    # Only a phrase of two or more words (`longs`) can contain another one.
    spans = [(s, e, p.kind) for p, s, e in longs if p.kind in _SHADOWING]
    if not spans:
        return matches
    lo = min(s for s, _, _ in spans)
    hi = max(e for _, e, _ in spans)
    out = []
    for m in matches:
        p, start, end = m
        kind = p.kind
        # Plain loops, not any(<generator>): this runs for every match of most posts.
        if start >= lo and end <= hi and kind in _SHADOWABLE:
            size = end - start
            topical = kind in _TOPIC_KINDS
            shadowed = False
            for s, e, k in spans:
                # Context and combo words are shadowed only by look-alikes, never by topic phrases.
                if s <= start and end <= e and e - s > size and (topical or k == MASK):
                    shadowed = True
                    break
            if shadowed:
                continue
        out.append(m)
    return out
