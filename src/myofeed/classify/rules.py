"""The rule engine: topics.toml compiled into one phrase index (and one per topic for context words), applied per post.

Order of decisions for one post (each step is what LABELING.md asks for):
1. match every phrase once; look-alikes listed in [rules].mask ('myositis
   ossificans') shadow the words inside them, and a longer topic phrase shadows any
   shorter one inside it ('physical therapy' over the treatment cue 'therapy';
   'signal recognition particle' over the diagnosis cue 'recogni*');
2. a veto ('veterinary') makes the post off-topic;
3. disease topics score their key terms, terms, cues, context-checked
   abbreviations and combos (a phrase once, a title match double). A mention right after a
   negation cue ('is not polymyositis', 'much like polymyositis'), or in a sentence ending
   in one ('anti-Jo-1 and anti-SRP were negative'), does not count; a mention after a
   misdiagnosis or condition cue ('first told', 'if ... antibodies are found') counts only
   when no other disease is left; a subtype named only in a list of a group's members
   ('IIM, including PM and DM') is the group's; a subtype the title compares but the summary
   calls the misdiagnosis ('Polymyositis vs IBM') is dropped; and a lone mention inside a
   list of other diseases (in the summary, or in a title that names them) is a passing mention;
4. three or more subtypes make an overview: the parent label only;
5. parents are implied; aspect labels are scored only when a disease label exists,
   with a higher threshold: the post must be substantially about the aspect. A title term
   ('Pharmacologic treatment of ...') makes an aspect the title's subject; when the title
   names one subject aspect, another found only in the summary's passing words needs
   rules.subject_margin more ('steroid side effects' in a support group's notice). A topic's
   `unless` rules stop a term counting in a given context ('diagnosis' right after 'after'
   is a point in time; 'CK' beside 'fell' is a measured outcome), and `threshold_beside`
   raises an aspect's threshold beside another label (drugs named as a study's finding)
   unless a key term, a combo or the title names it; beside a kind of publication, treatment and diagnosis
   follow its title (a case report's drugs and tests told in its teaser are its course, a review's teaser
   lists what it covers: `subject_beside`, `subject_in_case`, `subject_in_review`);
6. a post with a disease label and no aspect label that is a story ('Our story') or speaks
   in the first person or a community's voice gets the topic with a [topics.voice] rule
   (living-with);
7. with a `[model]` in topics.toml, the learned layer (model.py) adds an aspect the rules
   missed when it is sure of it, and drops a rule's aspect it is sure is absent, unless a key
   term or a combo gave it (a named drug, a kind of publication: the rules' firmest evidence); beside a kind
   of publication it adds diagnosis or treatment only for a title's word (`model_title_beside`).

Each job has its module: scoring one topic (score.py), the disease decisions of step 3 (diseases.py),
the voice rule of step 6 (voice.py); this one compiles the rules and makes the aspect decisions.

Every label carries the evidence that made it (see explain.py), an aspect's strongest first.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import TYPE_CHECKING

from ..types import Classification
from .alternatives import OR_WORDS
from .collect import _Post, collect
from .compiled import _CONTEXT, CUE, FACET, KEY, TITLE, _Payload, _TopicRule, compile_phrases, compile_topics, coverable
from .context import UnlessMemo
from .diseases import DiseaseRules
from .evidence import Evidence, TermMemo, render, strongest_first
from .hierarchy import ancestry, imply_parents, overview
from .matcher import PhraseIndex, Tokens, compile_phrase
from .model import AspectModel, combine, load
from .reference import explainer_page, overview_subjects
from .score import _Score
from .voice import VoiceRules

if TYPE_CHECKING:
    from ..config import TopicsFile

_NAME_ONLY = 6  # tokens a title that is a disease's name alone can have: 'Juvenile dermatomyositis ( JDM )'


class Classifier(DiseaseRules, VoiceRules):
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

    def __init__(self, topics_file: TopicsFile, model: AspectModel | None = None) -> None:
        """`model` overrides topics.toml's [model] (the training script passes the model it fits)."""
        self.topics_file = topics_file
        self._rules = topics_file.rules
        self._windows = (self._rules.negation_window, self._rules.mimic_window or self._rules.negation_window)
        self.topics: tuple[_TopicRule, ...] = compile_topics(topics_file)
        self._by_slug = {t.slug: i for i, t in enumerate(self.topics)}
        self._disease_ids = tuple(i for i, t in enumerate(self.topics) if not t.aspect)
        self._aspect_ids = tuple(i for i, t in enumerate(self.topics) if t.aspect)
        self._voice_ids = tuple(i for i, t in enumerate(self.topics) if t.voice_min and t.aspect)
        phrases = compile_phrases(topics_file, self.topics)
        # Context words (require_context, deny_context) matter only beside an ambiguous abbreviation,
        # a few posts in a hundred: they get an index per topic, searched only then.
        self._index = PhraseIndex(p for p in phrases if p.kind not in _CONTEXT)
        self._context_index = tuple(
            PhraseIndex(p for p in phrases if p.kind in _CONTEXT and p.topic == i) for i in range(len(self.topics))
        )
        self._coverable = coverable(phrases, self.topics)
        # the overview facets of common words ('what it is', 'who gets it'), matched on explainer pages only
        facet_words = [p for p in (compile_phrase(t, _Payload(FACET)) for t in self._rules.overview_facet_words) if p]
        self._facet_words = PhraseIndex(facet_words) if facet_words else None
        self._unless_memo: UnlessMemo = {}
        self._term_memo: TermMemo = {}
        self._ancestry = ancestry(self.topics)
        self._case_report = frozenset(self._rules.case_report)
        self._review = frozenset(self._rules.review)
        self._trial = frozenset(self._rules.trial)
        # (slug, labels) of the aspects the learned layer adds beside those labels only for a title's word
        self._title_led = tuple((t.slug, t.model_title_beside) for t in self.topics if t.aspect and t.model_title_beside)
        # the topics that are a kind of publication (research): those subject_beside and model_title_beside name
        named = {o for t in self.topics for o in (*t.subject_beside, *t.model_title_beside)}
        self._kind_ids = frozenset(k for k, t in enumerate(self.topics) if t.slug in named)
        model = model if model is not None else _configured_model(topics_file)
        # a label the taxonomy has no aspect topic for (an operator removed 'living-with') is left alone
        self._model = model.only({t.slug for t in self.topics if t.aspect}) if model is not None else None

    @classmethod
    def from_topics(cls, topics_file: TopicsFile) -> Classifier:
        return cls(topics_file)

    def __getstate__(self) -> dict[str, object]:
        """What a parse worker receives: the compiled rules, without the validated topics file (its
        model classes would make every worker import the config's validation); the global rules
        travel as plain attributes, which is all `classify` reads of them."""
        from types import SimpleNamespace

        state = dict(self.__dict__)
        state["topics_file"] = None
        state["_rules"] = SimpleNamespace(**dict(self._rules))
        return state

    # -- the decision ------------------------------------------------------

    def classify(self, title: str, summary: str, categories: Sequence[str] = ()) -> Classification:
        toks = Tokens(title or "", summary or "")
        found = self._by_rules(toks, categories)
        if found is None:
            return Classification(labels=(), why={})
        labels, firm, explainer, denied, title_led = found
        if self._model is not None and not explainer:
            # an explainer page's aspects are the rules' reading of the page's kind: the word model,
            # fitted on posts of every kind, would read its 'approach' and 'testing' as a study's
            combine(self._model, toks, labels, firm, denied, title_led)
        order = sorted(labels, key=self._by_slug.__getitem__)
        return Classification(labels=tuple(order), why={k: tuple(labels[k]) for k in order})

    def firm_aspects(self, title: str, summary: str) -> frozenset[str]:
        """The aspects the rules give a post by a key term or a combo (a named drug, a kind of
        publication, a trial of a therapy): the learned layer never removes them. For the training
        script, which tunes the layer's thresholds on the decisions `classify` makes."""
        found = self._by_rules(Tokens(title or "", summary or ""), ())
        return frozenset(found[1]) if found else frozenset()

    def denied_aspects(self, title: str, summary: str) -> frozenset[str]:
        """The aspects the rules did not give because a `final` context rule read their words otherwise
        ('TV chef diagnosed with': a diagnosis disclosed as news): the learned layer does not add them
        for those words either. For the training script, as firm_aspects."""
        found = self._by_rules(Tokens(title or "", summary or ""), ())
        return frozenset(found[3]) if found else frozenset()

    def title_led_aspects(self, title: str, summary: str) -> frozenset[str]:
        """The aspects the learned layer may add only for a word of the title (beside a kind of publication,
        `subject_beside`: a case report's drug or test told in its teaser is the case's course). For the
        training script, as firm_aspects."""
        found = self._by_rules(Tokens(title or "", summary or ""), ())
        return frozenset(slug for slug, _ in self._title_led if slug in found[4]) if found else frozenset()

    def explainer(self, title: str, summary: str) -> bool:
        """Whether the rules read the post as an explainer page about the disease (the learned layer
        leaves such a post alone). For the training script, as firm_aspects."""
        found = self._by_rules(Tokens(title or "", summary or ""), ())
        return bool(found and found[2])

    def _by_rules(
        self, toks: Tokens, categories: Sequence[str]
    ) -> tuple[dict[str, list[str]], set[str], bool, set[str], Container[str]] | None:
        """The rules' labels with their evidence, the aspects among them that rest on a key term
        or a combo, whether the post is an explainer page, the aspects not given whose words a
        `final` context rule read otherwise, and the aspects the learned layer may add only for a
        title's word (beside a kind of publication: `subject_beside`); None for an off-topic post."""
        post = collect(self._index, self._windows, toks)
        if post.veto or not (post.topics or post.combo_topics or categories):
            return None
        cats = self._categories(categories) if categories else {}
        labels = self._diseases(post, cats)
        if not labels:
            return None
        overview(self.topics, labels, self._rules.overview_subtypes)
        imply_parents(self._ancestry, labels)
        scored: list[tuple[int, _Score]] = []
        denied: set[str] = set()
        topics, combo_topics = post.topics, post.combo_topics
        # an explainer page needs explainer words in its title, or a title short enough to be a name
        explainer = (
            explainer_page(self.topics, self._disease_ids, self._aspect_ids, self._rules.explainer_gap, post, labels)
            if post.explainer or toks.title_end <= _NAME_ONLY
            else None
        )
        if explainer is None:
            for i in self._aspect_ids:  # aspects only beside a disease label (LABELING.md)
                if not (i in topics or i in combo_topics or i in cats) or i in post.excluded:
                    continue
                s = self._score(i, post, cats)
                if s.score >= self.topics[i].threshold:
                    scored.append((i, s))
                elif s.denied:
                    denied.add(self.topics[i].slug)
        else:
            for i in self._aspect_ids:
                topic = self.topics[i]
                if not (i in topics or i in combo_topics or i in cats) or i in post.excluded:
                    if topic.explainer == 0.0 and i not in post.excluded:
                        scored.append((i, _Score()))  # the page's kind alone: "What is IBM?" is about recognizing it
                    continue
                s = self._score(i, post, cats)
                if topic.explainer is not None:
                    if s.score >= topic.explainer or s.named or s.strong:
                        scored.append((i, s))
                elif s.score >= topic.threshold:
                    scored.append((i, s))
            if scored and (post.facets or self._facet_words is not None):
                scored = overview_subjects(self.topics, scored, post, self._facet_words)
        given: set[str] | None = None
        passing: list[str] = []
        aspects = 0
        firm: set[str] = set()
        # The title names the post's subject (diagnosis, treatment or daily life): another subject
        # aspect found only in passing words of the summary needs a margin more ('steroid side
        # effects' in a support group's notice). The kind of publication (research) is no subject.
        titled = scored and any(s.titled and self.topics[i].subject for i, s in scored)  # no generator for none
        margin = self._rules.subject_margin if titled else 0.0
        for i, s in scored:
            topic = self.topics[i]
            if explainer is not None and topic.explainer is not None:
                # what an explainer page covers, read with the explainer's threshold: no margin, no
                # 'beside' (a reference page names its drugs and tests as its subject)
                ev = strongest_first(s.evidence, toks.title_end)
                if s.score < topic.threshold and not (s.named or s.strong):
                    ev.insert(0, explainer)  # the page's kind is what gave it
                labels[topic.slug] = render(self._term_memo, toks, ev)
                aspects += 1
                firm.add(topic.slug)
                continue
            told: Evidence | None = None
            if margin and topic.subject and not (s.titled or s.key or s.strong) and s.score < topic.threshold + margin:
                # A testimony (a story's title, a first-person or community voice) tells its daily life in
                # the summary, not in passing: no margin for the voice topic there, unless the post is a
                # kind of publication ("A patient's story: a case report").
                if not topic.voice_min or any(not self.topics[k].subject for k, _ in scored):
                    continue
                told = self._voice(i, post)
                if told is None:
                    continue
            if topic.publication and not s.titled and self._publications_course(i, s, scored, post):
                continue  # a publication's subject is in its title: what its teaser tells is the case or a list
            if topic.passing_beside and len(s.evidence) == 1 and s.key and not (s.titled or s.strong):
                passing.append(topic.slug)  # one drug named in the summary: decided when the others are
            if topic.beside and not (s.key or s.strong):
                if given is None:
                    given = set(labels).union(self.topics[k].slug for k, _ in scored)
                if any(s.score < t for other, t in topic.beside if other in given):
                    continue  # e.g. drugs named as a study's finding: not a treatment post
            ev = strongest_first(s.evidence, toks.title_end)
            if told is not None:
                ev.insert(0, told)  # the testimony is what made its daily-life words count
            labels[topic.slug] = render(self._term_memo, toks, ev)
            aspects += 1
            if s.named or s.strong:
                firm.add(topic.slug)
        for slug in passing:
            beside = self.topics[self._by_slug[slug]].passing_beside
            if all(self.topics[k].slug in beside or self.topics[k].slug == slug for k, _ in scored) and any(
                self.topics[k].slug in beside
                and self.topics[k].slug in labels
                and (o.titled or o.score >= self.topics[k].threshold + self._rules.subject_margin)
                for k, o in scored
            ):
                # a drug named once in a post substantially about daily life and nothing else ('my pill
                # organiser with methotrexate day marked'); not beside one passing word of it, nor in a case
                # report, whose drug is the case's course ('... severe dysphagia; he recovered with rituximab')
                del labels[slug]
                firm.discard(slug)
                aspects -= 1
        if not aspects:
            if post.voice or post.story:
                # A personal or community story with no other aspect as its subject: living with it.
                self._give_voice(post, labels, firm, carers_only=False)
        elif post.story and all(
            self.topics[k].subject and not (s.titled and not s.named)
            for k, s in scored
            if self.topics[k].slug in labels
        ):
            # A relative's perspective ("A mother's view", "My wife has ...") is caregiving, beside the
            # odyssey or the drug it tells too; not beside a kind of publication (research), nor beside a
            # subject the title tells in words ("How we finally got answers for our son", "Our daughter's
            # road to a JDM diagnosis": the diagnosis told, p12-022 and p13-007), where a drug the title only
            # names ("My wife and methotrexate") leaves it caregiving. A testimony's title alone ("Témoignage
            # de ...", "Priya's story", "Planning a baby after methotrexate: a JDM survivor's story", b2-004) is
            # not: one that tells how the diagnosis came is a diagnosis story (LABELING.md), living-with only
            # when it tells daily life (above).
            self._give_voice(post, labels, firm, carers_only=True)
        # beside a publication the layer adds these aspects for a title's word only: worked out when it adds one
        title_led: Container[str] = _NONE
        for k, _ in scored:
            if k in self._kind_ids:  # only beside a kind of publication; most posts are none
                title_led = _TitleLed(self.topics, self._title_led, scored, toks.title_end)
                break
        if post.excluded or post.model_excluded:
            # an aspect the post vetoes, or whose context the layer would misread ('aged 45 to 85' in a
            # trial's eligibility): the learned layer does not add it either
            denied.update(self.topics[k].slug for k in post.excluded | post.model_excluded if self.topics[k].aspect)
        return labels, firm, explainer is not None, denied, title_led

    def _publications_course(self, i: int, s: _Score, scored: list[tuple[int, _Score]], post: _Post) -> bool:
        """Whether aspect i, scored s and not named by the title, is only what a publication's teaser tells (issue
        13's reading, docs/classification.md "Publications"): in a review whose teaser lists other facets too
        (subject_in_review); in a case report, unless a key term or a combo names it (subject_in_case: a case
        'misdiagnosed as ...'); beside a kind of publication, unless a combo names it (subject_beside: a trial of
        a therapy) or it is a trial that names its drug (rules.trial). Asked only for the aspects with one of those
        settings."""
        kinds = [(k, ks) for k, ks in scored if k in self._kind_ids]  # the kind of publication's own score
        if not kinds:
            return False
        topic = self.topics[i]
        title_end = post.toks.title_end
        if topic.subject_in_review and _kind_of(kinds, self._review, title_end) and self._lists_facets(i, post):
            return True
        if s.strong:
            return False
        if (
            topic.subject_in_case
            and not s.named
            and _kind_of(kinds, self._case_report, title_end)
            and not _asks_which(post.toks.tokens, title_end)
        ):
            return True
        if not topic.subject_beside or topic.subject_beside.isdisjoint(_publications(self.topics, kinds, title_end)):
            return False
        # a trial's drug named in its teaser is the therapy it tests (LABELING.md rule 8), not a case's course
        return not (s.named and _kind_of(kinds, self._trial, title_end))

    def _lists_facets(self, i: int, post: _Post) -> bool:
        """Whether the post names another facet beside aspect i: a general one ('pathogenesis', 'outlook':
        rules.overview_facets) or another subject aspect's words ('the diagnostic work-up' beside 'the treatment
        options'). A review whose teaser names one aspect alone is about it ('topical agents, methotrexate,
        IVIG and JAK inhibitors'), as an explainer page is (reference.overview_subjects)."""
        if post.facets:
            return True
        topics = post.topics
        return any(
            k != i and self.topics[k].subject and any(m[0].kind != CUE for m in topics.get(k, ()))
            for k in self._aspect_ids
        )

    @property
    def model(self) -> AspectModel | None:
        """The learned layer for the aspect labels, when one is on."""
        return self._model


_NONE: frozenset[str] = frozenset()
_OR_WORDS = frozenset(OR_WORDS)
_LEAD = 40  # the teaser's lead, in words: where an abstract, a case report or a review says what it is


class _TitleLed:
    """The aspects the learned layer may add only for a title's word (`model_title_beside`: beside a kind of
    publication), as a container worked out on its first question: the layer asks only about the aspects it
    would add, on a few posts in a hundred, so most posts never pay for it."""

    __slots__ = ("_topics", "_beside", "_scored", "_title_end", "_kinds")

    def __init__(
        self,
        topics: tuple[_TopicRule, ...],
        beside: tuple[tuple[str, frozenset[str]], ...],
        scored: list[tuple[int, _Score]],
        title_end: int,
    ) -> None:
        self._topics, self._beside, self._scored, self._title_end = topics, beside, scored, title_end
        self._kinds: set[str] | None = None

    def __contains__(self, slug: object) -> bool:
        for aspect, labels in self._beside:
            if aspect == slug:
                if self._kinds is None:
                    self._kinds = _publications(self._topics, self._scored, self._title_end)
                return not labels.isdisjoint(self._kinds)
        return False


def _publications(topics: tuple[_TopicRule, ...], scored: list[tuple[int, _Score]], title_end: int) -> set[str]:
    """The aspects given by the kind of a publication: a term of it in the title ('... : a case report', 'A
    9-year-old boy with ...', '...: a review'), or a key term or a term in the teaser's lead (its first _LEAD
    words: 'We report a 45-year-old ...', 'A 28-year-old presented with ...', 'Background:'); not the words a long
    post's body says further on ('a multicentre study found ...'), which a treatment post citing a study says too."""
    lead = title_end + _LEAD
    return {
        topics[k].slug
        for k, s in scored
        if s.titled
        or any(len(ev) == 3 and (ev[1] == title_end + 1 and ev[0].kind != CUE or ev[1] <= lead and ev[0].kind == KEY) for ev in s.evidence)
    }




def _asks_which(tokens: list[str], title_end: int) -> bool:
    """Whether the title asks which disease it is ('Case: polymyositis, IBM or a metabolic myopathy?', 'Limb-girdle
    weakness in a 40-year-old: polymyositis or dystrophy?'): a case report whose point is its diagnosis."""
    title = tokens[:title_end]
    return "?" in title and any(t.lower() in _OR_WORDS for t in title)


def _kind_of(scored: list[tuple[int, _Score]], kinds: frozenset[str], title_end: int) -> bool:
    """Whether an aspect was given by one of these kinds of publication (rules.case_report: 'case report',
    'a # year old'; rules.review: 'narrative review'), by the phrase as topics.toml writes it, a title term in
    the title only ("JDM: an update" is a review, "... and an update on two drugs" in a congress report is not);
    read only when an aspect asks."""
    return any(
        len(ev) == 3 and ev[0].source in kinds and (ev[0].kind != TITLE or ev[1] < title_end)
        for _, s in scored
        for ev in s.evidence
    )


def _configured_model(topics_file: TopicsFile) -> AspectModel | None:
    """topics.toml's [model]: the shipped weights it names."""
    settings = getattr(topics_file, "model", None)
    return None if settings is None else load(settings.aspects)
