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
from dataclasses import dataclass
from itertools import compress

from ..config import TopicsFile
from ..types import Classification
from . import explain
from .matcher import _BOUNDARY, Match, Phrase, PhraseIndex, PhraseSet, Tokens, _word_matches, compile_phrase

# Payload kinds attached to phrases
TERM, KEY, CUE, AMBIG = "term", "key term", "cue", "ambig"
CTX_POS, CTX_NEG, COMBO, EXCLUDE = "ctx+", "ctx-", "combo", "exclude"
MASK, VETO, NEG, MIMIC, OTHER = "mask", "veto", "neg", "mimic", "other"
_TOPIC_KINDS = frozenset((TERM, KEY, CUE, AMBIG))
_SHADOWABLE = frozenset((TERM, KEY, CUE, AMBIG, CTX_POS, COMBO))
_SHADOWING = frozenset((TERM, KEY, CUE, AMBIG, MASK))
_CONTEXT = frozenset((CTX_POS, CTX_NEG))
# What _collect does with a match, as a small int read off the phrase (Phrase.op).
_TOPIC, _COMBO, _EXCLUDE, _NEG, _MIMIC, _OTHER, _VETO, _MASK, _CTX = range(9)
_OPS = {
    TERM: _TOPIC,
    KEY: _TOPIC,
    CUE: _TOPIC,
    AMBIG: _TOPIC,
    COMBO: _COMBO,
    EXCLUDE: _EXCLUDE,
    NEG: _NEG,
    MIMIC: _MIMIC,
    OTHER: _OTHER,
    VETO: _VETO,
    MASK: _MASK,
    CTX_POS: _CTX,
    CTX_NEG: _CTX,
}
# Evidence is kept as a small tuple while scoring and rendered (explain.py) only for the labels a
# post ends up with: most scored topics never reach their threshold.
_EV_ABBREV, _EV_COMBO, _EV_CATEGORY = range(3)
_NO_TOKENS: frozenset[int] = frozenset()
Evidence = tuple  # a term's Match, or (_EV_*, ...): see Classifier._render


@dataclass(frozen=True)
class _Payload:
    kind: str
    topic: int = -1  # index into Classifier.topics
    combo: int = -1  # which combo of the topic
    group: int = -1  # which group of that combo


class _Score:
    __slots__ = ("score", "evidence", "mentions", "mimic_only", "strong", "key")

    def __init__(self) -> None:
        self.score = 0.0
        self.evidence: list[Evidence] = []
        self.mentions: list[Match] = []  # disease mentions, for the passing-mention rule
        self.mimic_only: list[Evidence] = []  # evidence held back by a misdiagnosis cue
        self.strong = False  # a combo or a category fired: never a passing mention
        self.key = False  # a key term fired


class _Post:
    """One post's matches, sorted by purpose (see Classifier._collect)."""

    __slots__ = (
        "toks",
        "topics",
        "spans",
        "context",
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
        self.spans: list[tuple[int, int, bool]] = []  # phrases that shadow shorter ones: (start, end, is mask)
        # topic -> (require_context matches, deny_context count), found only for a topic whose
        # ambiguous abbreviation needs them (see Classifier._context)
        self.context: dict[int, tuple[list[Match], int]] = {}
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
    mutable state is per-word caches (the matcher's, `_unless_memo`, `_term_memo`), each
    bounded and refilled on a miss.

    Speed (benchmarks/bench_classify.py): one pass over the tokens matches and files every
    phrase (_collect); context words for ambiguous abbreviations are only searched for when
    an abbreviation needs them (_context); evidence strings are rendered only for the labels
    a post gets (_render).
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
        for p in phrases:
            p.op = _OPS[p.kind]
            p.topic = getattr(p.payload, "topic", -1)
            p.shadowable = p.kind in _SHADOWABLE
            p.topical = p.kind in _TOPIC_KINDS
            if p.kind == COMBO:
                p.combo = (p.payload.topic, p.payload.combo, p.payload.group)  # type: ignore[attr-defined]
            elif p.topical:
                # The same products _score once computed per match: (1.0 or title_weight) * weight.
                weight = rules.term_weight if p.kind == AMBIG else self._weights[p.topic][p.kind]
                p.weights = (1.0 * weight, rules.title_weight * weight)
        # Context words (require_context, deny_context) matter only beside an ambiguous abbreviation,
        # a few posts in a hundred: they get an index per topic, searched only then.
        self._index = PhraseIndex(p for p in phrases if p.kind not in _CONTEXT)
        self._context_index = tuple(
            PhraseIndex(p for p in phrases if p.kind in _CONTEXT and p.topic == i) for i in range(len(self.topics))
        )
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
        self._unless_memo: dict[tuple[int, str], tuple[_Unless, ...]] = {}  # (topic, matched text) -> rules naming it
        self._term_memo: dict[tuple[str, str, bool], str] = {}  # explain.term's arguments -> its evidence string
        self._ancestry = {t.slug: self._ancestors(t.slug) for t in self.topics}

    @classmethod
    def from_topics(cls, topics_file: TopicsFile) -> Classifier:
        return cls(topics_file)

    # -- the decision ------------------------------------------------------

    def classify(self, title: str, summary: str, categories: Sequence[str] = ()) -> Classification:
        toks = Tokens(title or "", summary or "")
        post = self._collect(toks)
        if post.veto or not (post.topics or post.combo_topics or categories):
            return Classification(labels=(), why={})
        cats = self._categories(categories) if categories else {}
        labels = self._diseases(post, cats)
        if not labels:
            return Classification(labels=(), why={})
        self._overview(labels)
        self._imply_parents(labels)
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
            labels[topic.slug] = self._render(toks, s.evidence)
        order = sorted(labels, key=self._by_slug.__getitem__)
        return Classification(labels=tuple(order), why={k: tuple(labels[k]) for k in order})

    def _collect(self, toks: Tokens) -> _Post:
        """Match every phrase once and sort the matches by what they are for, in one pass over the
        tokens (PhraseIndex.find, with each match filed as it is found), leaving out those a longer
        phrase shadows: 'myositis ossificans' is not myositis; 'physical therapy' is living-with,
        not therapy; 'breathing tests' scores once, not also as 'tests'.

        A phrase can only be shadowed by one starting at or before it, so the longer phrases
        starting at a token are matched before that token's matches are filed.
        """
        post = _Post(toks)
        tokens = toks.tokens
        entries = self._index.entries(tokens)
        n = len(tokens)
        topics = post.topics
        combos = post.combos
        spans = post.spans
        cover = 0  # the furthest end of a shadowing phrase so far: nothing ending after it is shadowed
        for i in compress(range(n), entries):
            singles, longer = entries[i]  # type: ignore[misc]
            j = i + 1
            multi = None
            if longer is not None and j < n:
                # Phrases of two or more words, as in PhraseIndex.find.
                for p in longer[tokens[j]]:
                    rest = p.rest
                    end = j + len(rest)
                    if end > n:
                        continue
                    k = j
                    for text, exact, mode in rest:
                        probe = tokens[k] if exact else tokens[k].lower()
                        if not (probe == text if not mode else _word_matches(probe, text, mode)):
                            break
                        k += 1
                    else:
                        if multi is None:
                            multi = [(p, i, end)]
                        else:
                            multi.append((p, i, end))
                        if p.kind in _SHADOWING:
                            spans.append((i, end, p.op == _MASK))
                            if end > cover:
                                cover = end
            for p in singles:
                if j <= cover and p.shadowable and _shadowed(spans, i, j, p.topical):
                    continue
                op = p.op
                if op == _TOPIC:  # most matches, then combos: inline
                    found = topics.get(p.topic)
                    if found is None:
                        topics[p.topic] = [(p, i, j)]
                    else:
                        found.append((p, i, j))
                elif op == _COMBO:
                    found = combos.get(p.combo)
                    if found is None:
                        combos[p.combo] = [(p, i, j)]
                        post.combo_topics.add(p.topic)
                    else:
                        found.append((p, i, j))
                else:
                    self._file(post, (p, i, j))
            if multi:
                for m in multi:
                    p = m[0]
                    if m[2] <= cover and p.shadowable and _shadowed(spans, i, m[2], p.topical):
                        continue
                    self._file(post, m)
        return post

    def _file(self, post: _Post, m: Match) -> None:
        """File one match where it is used (see _Post)."""
        p = m[0]
        op = p.op
        if op == _TOPIC:
            post.topics.setdefault(p.topic, []).append(m)
        elif op == _COMBO:
            post.combos.setdefault(p.combo, []).append(m)
            post.combo_topics.add(p.topic)
        elif op == _EXCLUDE:
            post.excluded.add(p.topic)
        elif op == _NEG:
            post.negated.update(_window(post.toks, m[2], self._rules.negation_window))
        elif op == _MIMIC:
            post.mimicked.update(_window(post.toks, m[2], self._rules.negation_window))
        elif op == _OTHER:
            post.others.add(p.key)
        elif op == _VETO:
            post.veto = True

    def _context(self, i: int, post: _Post) -> tuple[list[Match], int]:
        """Topic i's require_context matches (those no look-alike shadows) and deny_context count."""
        got = post.context.get(i)
        if got is None:
            found, _ = self._context_index[i].find(post.toks)
            spans = post.spans
            support: list[Match] = []
            deny = 0
            for m in found:
                if m[0].kind == CTX_NEG:
                    deny += 1
                    continue
                _, start, end = m
                size = end - start
                if not any(mask and s <= start and end <= e and e - s > size for s, e, mask in spans):
                    support.append(m)
            got = post.context[i] = (support, deny)
        return got

    def _render(self, toks: Tokens, evidence: list[Evidence]) -> list[str]:
        out = []
        tokens = toks.tokens
        terms = self._term_memo
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
            labels[self.topics[i].slug] = self._render(post.toks, s.evidence)
        if not labels:
            # The misdiagnosis cue was the only disease named: it is the post's subject after all.
            for i, evidence in mimic_only.items():
                labels[self.topics[i].slug] = self._render(post.toks, evidence)
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
            if coverable and key in coverable and self._unless(i, m, post):
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
                found, deny = self._context(i, post)
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
                hits = [self._combo_hit(i, post.combos.get((i, c, g)), post) for g in range(topic.combo_groups[c])]
                if all(h is not None for h in hits):
                    s.score += max(rules.term_weight, topic.threshold)  # a combo alone is enough
                    s.strong = True
                    evidence.append((_EV_COMBO, tuple((h[1], h[2]) for h in hits if h)))
        for raw in cats.get(i, ()):
            s.score += rules.term_weight * rules.title_weight  # a source's own tag says what the post is about
            s.strong = True
            evidence.append((_EV_CATEGORY, raw))
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
        tokens = post.toks.tokens
        start, end = m[1], m[2]
        text = tokens[start] if end - start == 1 else " ".join(tokens[start:end])
        memo = (i, text)
        rules = self._unless_memo.get(memo)
        if rules is None:  # which rules name this text: computed once per word, like the matcher's cache
            words = tokens[start:end]
            rules = tuple(u for u in self.topics[i].unless if any(_spans(p, words) for p in u.terms))
            if len(self._unless_memo) >= 200_000:
                self._unless_memo.clear()
            self._unless_memo[memo] = rules
        for u in rules:
            # Context before: a phrase ending at e, with tokens e..start (fewer than `window`) in one clause.
            # The phrase sets' per-word memos are read inline: most words end and start no context phrase.
            e = start
            stop = max(0, start - u.window)
            before = u.before
            ends = before._end_memo
            while e > stop:
                if ends.get(tokens[e - 1], True) != () and before.ends_at(tokens, e):
                    return True
                e -= 1
                if tokens[e] in _BOUNDARY:
                    break
            s = end
            stop = min(len(tokens), end + u.window)
            after = u.after
            starts = after._start_memo
            while s < stop and tokens[s] not in _BOUNDARY:
                if starts.get(tokens[s], True) != () and after.starts_at(tokens, s):
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
        if len(labels) < self._rules.overview_subtypes:
            return  # too few labels to hold that many subtypes: most posts
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

    def _ancestors(self, slug: str) -> tuple[tuple[str, str], ...]:
        """(parent, evidence) up the hierarchy from one topic, nearest first."""
        out = []
        seen = {slug}
        parent = self.topics[self._by_slug[slug]].parent
        child = slug
        while parent and parent not in seen:
            out.append((parent, explain.parent_of(child)))
            seen.add(parent)
            child, parent = parent, self.topics[self._by_slug[parent]].parent
        return tuple(out)

    def _imply_parents(self, labels: dict[str, list[str]]) -> None:
        ancestors = self._ancestry
        for slug in list(labels):
            for parent, ev in ancestors[slug]:
                bucket = labels.setdefault(parent, [])
                if ev not in bucket:
                    bucket.append(ev)


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


def _shadowed(spans: list[tuple[int, int, bool]], start: int, end: int, topical: bool) -> bool:
    """Whether a longer look-alike (mask) or topic phrase contains the match start..end.

    Context and combo words are shadowed only by look-alikes, never by topic phrases.
    """
    size = end - start
    for s, e, mask in spans:
        if s <= start and end <= e and e - s > size and (topical or mask):
            return True
    return False
