"""The topics file (config/topics.toml): frozen pydantic models of the taxonomy and its rules."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt, field_validator, model_validator

from .settings import _SLUG, _Model


class TopicSettings(_Model):
    """One topic and its rules, as operators edit them in topics.toml (read by classify.rules).

    Phrases are matched on word boundaries, case-insensitively, except that a word with two or
    more capitals ('DM', 'IBM', 'anti-HMGCR') must match its case exactly, so 'DM' never matches
    'dm'. A trailing '*' on a word matches any ending ('biops*' -> biopsy, biopsies).
    """

    class Unless(_Model):
        """One context rule: a match of `terms` for this topic does not count when one of `before`
        ends, or one of `after` starts, within `window` words of it in the same clause.

        For example 'diagnosis' right after 'after'/'at'/'on' is a point in time, not the
        diagnostic process; 'CK' beside 'fell'/'outcome'/'monitoring' is a measure, not a test.
        """

        terms: tuple[str, ...]  # phrases matched against the topic's own match ('diagnosis', 'CK')
        before: tuple[str, ...] = ()
        after: tuple[str, ...] = ()
        window: StrictInt = Field(default=3, ge=1, le=20)
        why: str = ""  # for operators: what the rule is for
        # the reading is final: where the rule fires and the aspect is not given, the learned layer does
        # not add it either (it would, for the very word: 'TV chef diagnosed with' is no diagnosis post)
        final: StrictBool = False

    class Voice(_Model):
        """The voice of a post: a personal or community story (living-with) when no other aspect is
        its subject. `titles` ('our story', 'journey') in the title, or `min_words` occurrences of
        `words` ('I', 'my', 'we', 'members'), give the topic when the post has a disease label and
        no other aspect label. Beside another subject aspect, such a story (a testimony) gets the topic
        when its own words tell daily life (the topic's threshold, without rules.subject_margin), and
        a relative's perspective (`carers`) gets it as caregiving."""

        words: tuple[str, ...] = ()  # first-person and community words; every occurrence counts
        titles: tuple[str, ...] = ()  # story titles: enough on their own, in the title only
        testimonies: tuple[str, ...] = ()  # testimony titles ("Témoignage de ..."): as `titles`
        # a relative's perspective ("A mother's view", "My wife has ..."): caregiving, so beside a
        # subject aspect too (not beside research), where the learned layer keeps it
        carers: tuple[str, ...] = ()
        min_words: StrictInt = Field(default=2, ge=1)
        why: str = ""

    slug: str
    title: str
    parent: str | None = None
    description: str = ""
    aspect: StrictBool = False  # aspect labels are given only beside a disease label
    terms: tuple[str, ...] = ()  # phrases that name the topic; each scores rules.term_weight
    key_terms: tuple[str, ...] = ()  # phrases that alone reach the threshold (a named drug -> treatment)
    key_name: str = "key term"  # what a key term is, in evidence: "therapy 'rituximab'", "kind of publication 'case report'"
    cues: tuple[str, ...] = ()  # weaker phrases; each scores rules.cue_weight
    # the post's subject when in the title (enough there, like a key term), a cue in the summary:
    # 'Pharmacologic treatment of ...' is a treatment post, '... response to treatment' is not
    title_terms: tuple[str, ...] = ()
    # title terms the learned layer never overrules, as it never overrules a key term: "Dermatomyositis
    # presenting as isolated dysphagia" is about recognizing it, whatever the teaser's words weigh
    title_key_terms: tuple[str, ...] = ()
    voice: Voice | None = None  # a personal or community story (see Voice)
    # an aspect that can be what a post is about (diagnosis, treatment, daily life; research is the
    # kind of publication instead): when the title names another subject aspect and not this one,
    # passing words in the summary need rules.subject_margin more than the threshold
    subject: StrictBool = False
    ambiguous: tuple[str, ...] = ()  # abbreviations/signs that count as terms only with context
    require_context: tuple[str, ...] = ()  # context for `ambiguous`: muscle/skin/rheumatology words
    deny_context: tuple[str, ...] = ()  # context against `ambiguous` ('diabetes', 'glucose')
    combos: tuple[tuple[str, ...], ...] = ()  # ["a|b", "c|d"]: one alternative of every group -> a term
    exclude: tuple[str, ...] = ()  # phrases that veto the topic when present anywhere in the post
    # phrases that keep the learned layer from adding the topic (an aspect) to the post, where it reads
    # their context as the topic's: a trial's eligibility ("aged 45 to 85", "must be able to walk")
    model_exclude: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # source tags/categories that map to this topic
    threshold: StrictFloat | None = None  # score needed for the label (default rules.threshold)
    unless: tuple[Unless, ...] = ()  # context rules that stop a term counting for this topic
    # { other label = threshold }: the threshold when the post also gets that label (a treatment
    # word inside a study that tests no therapy). A key term or a combo still suffices. Kept as
    # (label, threshold) pairs so the settings stay hashable.
    threshold_beside: tuple[tuple[str, float], ...] = ()
    # On an explainer or reference page about the disease (rules.explainer: "What is IBM?", "JDM:
    # symptoms, causes and treatment", a clinic's page titled with the disease's name), LABELING.md's
    # labelers read what the page covers: the aspect's threshold there (0: the page's kind is enough;
    # a key term or a combo still suffices). Unset: the usual threshold.
    threshold_explainer: StrictFloat | None = None
    # which kinds of this aspect's phrases, in the title, make the post no explainer: the title names
    # another subject ("Living with IBM: what is it like?"; "...: a review" is a review article)
    explainer_cancel: tuple[Literal["key term", "term", "title term"], ...] = ()
    # a subtype that is one part of an overlap form (rules.overlap: "scleroderma-polymyositis overlap",
    # MCTD, anti-PM/Scl): in a post that names an overlap, its mentions are the parent's (LABELING.md rule 3)
    overlap_part: StrictBool = False
    # beside these aspects (a daily-life post), this aspect named by one key term in the summary alone is a
    # passing word, not the post's subject: "... even on the days prednisone makes me restless"
    passing_beside: tuple[str, ...] = ()
    # beside these aspects (a kind of publication: a case report, a review, a cohort), this aspect counts only
    # as the publication's subject: named by the title, or by a combo (a trial of a therapy) or a source's
    # category; a drug its teaser tells is the case's course or a finding (LABELING.md rules 2 and 8)
    subject_beside: tuple[str, ...] = ()
    # beside these aspects, the learned layer adds this aspect only when the word that weighs most for it is
    # in the title: a case's presentation, tests and drugs told in its teaser are the case, not its subject
    model_title_beside: tuple[str, ...] = ()
    # in a case report (rules.case_report), this aspect counts only as the case's subject: named by the title, a
    # key term ('misdiagnosed') or a combo; the CK, biopsy and antibodies its teaser tells are the case itself
    subject_in_case: StrictBool = False
    # in a review (rules.review), this aspect counts only when the title names it: a review's teaser lists what it
    # covers ('the clinical features, the diagnostic work-up and the treatment options'), as an overview page does
    subject_in_review: StrictBool = False
    @field_validator("slug")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not _SLUG.fullmatch(v):
            raise ValueError(f"expected a lower-case slug such as 'dermatomyositis', got {v!r}")
        return v

    @field_validator("threshold_beside", mode="before")
    @classmethod
    def _beside(cls, v: object) -> object:
        return tuple(v.items()) if isinstance(v, dict) else v

    @field_validator("combos")
    @classmethod
    def _combos(cls, v: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        for i, combo in enumerate(v):
            if len(combo) < 2 or not all(g.strip(" |") for g in combo):
                raise ValueError(f"combos[{i}]: expected two or more groups such as ['statin', 'did not help|despite stopping']")
        return v


class TopicsFile(_Model):
    """The whole topics.toml: the taxonomy plus the global rules of classify.rules."""

    class Rules(_Model):
        """[rules]: what applies across topics. Every key has a default."""

        mask: tuple[str, ...] = ()  # look-alikes blanked before matching ('myositis ossificans')
        veto: tuple[str, ...] = ()  # phrases that make the whole post off-topic ('veterinary')
        negation: tuple[str, ...] = ()  # cues that cancel a disease mention right after them ('not')
        mimic: tuple[str, ...] = ()  # cues of a past misdiagnosis: cancel when another disease remains
        # cues after which the rest of the sentence lists members of a group ('IIM, including PM
        # and DM'): a subtype named only there is the group's member, the parent label's evidence
        member: tuple[str, ...] = ()
        # cues that cancel the disease mentions before them in the sentence ('anti-Jo-1 and
        # anti-SRP were negative')
        negation_after: tuple[str, ...] = ()
        negation_window: StrictInt = Field(default=4, ge=1, le=20)  # words after a cue, within one clause
        mimic_window: StrictInt | None = Field(default=None, ge=1, le=20)  # the same for mimic cues (default: negation_window)
        other_diseases: tuple[str, ...] = ()  # off-topic diseases, to spot passing mentions in lists
        passing_min_others: StrictInt = Field(default=2, ge=1)  # a single summary-only mention beside >= N others
        term_weight: StrictFloat = 2.0
        cue_weight: StrictFloat = 1.0
        title_weight: StrictFloat = 2.0  # multiplier for a match in the title: titles say what a post is about
        threshold: StrictFloat = 2.0
        overview_subtypes: StrictInt = Field(default=3, ge=2)  # this many subtypes named -> the parent label only
        subject_margin: StrictFloat = Field(default=0.0, ge=0)  # see TopicSettings.subject
        # in a title, within explainer_gap words of the disease's name, these make the post an explainer
        # or reference page about the disease ("What is", "symptoms, causes", "practice essentials"); a
        # title that is the disease's name alone is one too (see TopicSettings.threshold_explainer)
        explainer: tuple[str, ...] = ()
        explainer_gap: StrictInt = Field(default=2, ge=0, le=10)
        # what a page about the whole disease covers besides recognizing and treating it ('causes', 'risk
        # factors', 'outlook', 'who gets it'): on an explainer page each is a facet of an overview, which
        # diagnosis or treatment must outweigh to be the page's subject (TopicSettings.threshold_explainer)
        overview_facets: tuple[str, ...] = ()
        # the same facets in common words ('what it is', 'why it happens', 'who gets it'): matched on explainer
        # pages only, by an index of their own (in the main pass each would be a step wherever 'what' occurs)
        overview_facet_words: tuple[str, ...] = ()
        # overlap forms named anywhere in a post ('overlap syndrome', 'MCTD', 'PM/Scl'): a subtype with
        # overlap_part named there is a part of the overlap, and the post gets the parent label instead
        overlap: tuple[str, ...] = ()
        # the kinds of publication (research's phrases, as written there) that make a post a case report: one
        # patient or two ('case report', 'a # year old'); in one, an aspect with subject_in_case follows its title
        case_report: tuple[str, ...] = ()
        # the kinds of publication (research's phrases, as written there) that make a post a review ('narrative
        # review', 'an update'); in one, an aspect with subject_in_review follows its title
        review: tuple[str, ...] = ()
        # the kinds of publication (research's phrases, as written there) that make a post a trial: beside one, a
        # drug its teaser names is the drug the trial tests (LABELING.md rule 8), which subject_beside keeps
        trial: tuple[str, ...] = ()

    class Model(_Model):
        """[model]: the learned layer for the aspect labels (classify/model.py, docs/classification.md).

        Absent, the rules alone decide. `aspects` names a weights file shipped in the package
        ('aspects-v7'), which holds the thresholds it was tuned with.
        """

        aspects: str

        @field_validator("aspects")
        @classmethod
        def _shipped(cls, name: str) -> str:
            from ..classify.model import available, shipped_name

            if shipped_name(name) is None:
                raise ValueError(f"no model {name!r} is shipped (known: {', '.join(available()) or 'none'})")
            return name

    topics: tuple[TopicSettings, ...]
    rules: Rules = Rules()
    model: Model | None = None

    @model_validator(mode="after")
    def _hierarchy(self) -> TopicsFile:
        slugs = [t.slug for t in self.topics]
        for i, t in enumerate(self.topics):
            if slugs.count(t.slug) > 1:
                raise ValueError(f"topics[{i}].slug: duplicate topic {t.slug!r}")
            if t.parent is not None and t.parent not in slugs:
                raise ValueError(f"topics[{i}].parent: unknown parent topic {t.parent!r} (known: {', '.join(slugs)})")
            if t.parent == t.slug:
                raise ValueError(f"topics[{i}].parent: a topic cannot be its own parent")
            if t.slug in ("all",):
                raise ValueError(f"topics[{i}].slug: {t.slug!r} is reserved for the feed of every post")
            for other, _ in t.threshold_beside:
                if other not in slugs:
                    raise ValueError(f"topics[{i}].threshold_beside: unknown topic {other!r}")
            for key, others in (("subject_beside", t.subject_beside), ("model_title_beside", t.model_title_beside)):
                for other in others:
                    if other not in slugs:
                        raise ValueError(f"topics[{i}].{key}: unknown topic {other!r}")
        return self
