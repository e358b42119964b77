"""Issue 13, thirteenth round (data set 22): a subtype named only as an alternative of an open question or a
differential, the English first-person and community voice without cue words, and look-alikes named
"myositis" (posts invented for these tests, in no data file), each reading beside its near miss.
docs/classification.md, "Thirteenth round"."""

from __future__ import annotations

import pytest

from myofeed.classify import Classifier
from myofeed.classify.alternatives import OR_WORDS, alternative_spans
from myofeed.classify.matcher import Tokens
from myofeed.config import TopicsFile

from .scoring import assert_reads

P, DM, PM, IBM = "autoimmune-myopathy", "dermatomyositis", "polymyositis", "inclusion-body-myositis"
NM, AS = "necrotizing-myopathy", "antisynthetase-syndrome"
D, T, L, R = "diagnosis", "treatment", "living-with", "research"
CASES = [
    # (title, summary, expected labels, (label, evidence it must show) or None)
    # -- two subtypes asked about beside something else: the question is about myositis, the group's label
    (
        "Stiff legs at 60: could it be polymyositis, IBM or a neuropathy?",
        "I am booked for an EMG and a muscle biopsy next month.",
        {P, D},
        (P, "alternative in a question 'polymyositis'"),
    ),
    (
        "Dermatomyositis, polymyositis or muscular dystrophy: which tests tell them apart?",
        "CK, antibodies, MRI and the biopsy, one by one.",
        {P, D},
        None,
    ),
    # the answer given in the summary is the post's disease; the other alternative is no label
    (
        "Is it polymyositis, IBM or a dystrophy?",
        "A 64-year-old man; rimmed vacuoles on the biopsy confirmed inclusion body myositis.",
        {P, IBM, D, R},
        None,
    ),
    # one subtype asked about is the subject ("Is it IBM or old age?" is an IBM post) ...
    ("Is it IBM or just getting older?", "My grip has been weakening for a year.", {P, IBM}, None),
    # ... unless the post names the other disease it turned out to be
    (
        "Adult Pompe disease: is it polymyositis, a dystrophy or something else?",
        "Weak hips and breathlessness; an enzyme test confirmed Pompe disease.",
        set(),
        None,
    ),
    # near misses: two subtypes that are the post's subjects (LABELING.md rule 3), and a comparison with another
    # disease, are no open question
    (
        "Polymyositis or dermatomyositis: what the biopsy shows",
        "The pattern of inflammation differs between the two.",
        {P, PM, DM, D},
        None,
    ),
    (
        "IBM or ALS: why the mix-up happens",
        "Both weaken the hands; the EMG and a muscle biopsy settle it.",
        {P, IBM, D},
        None,
    ),
    # -- the voice of a title that tells (not a question's), with no other aspect the subject
    (
        "What my wife's polymyositis taught me",
        "She still plans the garden every spring, and I dig where she points.",
        {P, PM, L},
        None,
    ),
    ("Is my myositis hereditary?", "My mother had it too and I worry about my son.", {P}, None),
    # story titles of an association's pages: a portrait, a member's letter, a relative's account
    (
        "Member spotlight: Aiko",
        "Aiko has had dermatomyositis since 2012 and teaches piano on Saturday mornings.",
        {P, DM, L},
        (L, "story title 'Member spotlight: Aiko'"),
    ),
    (
        "A mother writes",
        "Our daughter's JDM began at four; this is for the parents who are where we were.",
        {P, DM, L},
        None,
    ),
    ("Dad's antisynthetase syndrome", "He still walks to the paper shop, slower every year.", {P, AS, L}, None),
    # near miss: a portrait of someone with another disease
    ("Member spotlight: Carl", "Carl has had myasthenia gravis for a decade and still sails.", set(), None),
    # -- look-alikes named "myositis": infection, a pseudotumour, horses, autoimmune disease as a class
    ("Suppurative myositis of the thigh", "A collection drained under ultrasound; Staphylococcus grew.", set(), None),
    ("Proliferative myositis in the shoulder", "A benign lesion that looked like a sarcoma on MRI.", set(), None),
    ("Necrotizing myositis from group A strep", "A surgical emergency with a high mortality.", set(), None),
    (
        "Immune-mediated myositis in Quarter Horses",
        "Muscle wasting after strangles; dexamethasone helped.",
        set(),
        None,
    ),
    ("Statin myopathy: when to stop", "Muscle aches on statins; true myositis is rare.", set(), None),
    (
        "CAR T cells in autoimmune disease: from lupus to myositis",
        "Reports describe drug-free remission in patients with refractory disease.",
        set(),
        None,
    ),
    # near misses: one myositis subtype as the subject of the CAR-T news; statin-associated autoimmune myopathy
    (
        "CAR-T for refractory antisynthetase syndrome: first patient results",
        "A woman with anti-Jo-1 antibodies and progressive lung disease stopped all immunosuppressants.",
        {P, AS, T, R},
        None,
    ),
    (
        "Weakness that did not go away after the statin",
        "Six months after stopping simvastatin her CK was still 8,000 and anti-HMGCR antibodies were found.",
        {P, NM, D},
        None,
    ),
]


@pytest.mark.parametrize(("title", "summary", "want", "evidence"), CASES, ids=[c[0][:40] for c in CASES])
def test_round_22_patterns(classifier: Classifier, title: str, summary: str, want: set, evidence) -> None:
    assert_reads(classifier.classify(title, summary), want, evidence)


def _spans(title: str, summary: str, items: list[str], subtypes: list[str]) -> list[str]:
    """The sentences alternative_spans finds, as text; items and subtypes named by their first token."""
    toks = Tokens(title, summary)
    at = {t: k for k, t in reversed(list(enumerate(toks.tokens)))}
    starts = sorted(at[w] for w in items)
    ors = tuple(k for k, t in enumerate(toks.tokens) if t.lower() in OR_WORDS)
    return [toks.text(s, e) for s, e in alternative_spans(toks, starts, frozenset(at[w] for w in subtypes), ors)]


def test_an_open_question_a_differential_and_a_pair() -> None:
    # asks which one
    assert _spans("Is it polymyositis or IBM?", "", ["polymyositis", "IBM"], ["polymyositis", "IBM"]) == [
        "Is it polymyositis or IBM"
    ]
    # three alternatives, the last no subtype, no question asked
    assert _spans(
        "Polymyositis, IBM or dystrophy: how I found out", "", ["Polymyositis", "IBM"], ["Polymyositis", "IBM"]
    )
    # open-ended
    assert _spans("IBM or something else?", "", ["IBM"], ["IBM"])
    # a pair of subjects, and a comparison with one other disease, are not
    assert not _spans(
        "Polymyositis or dermatomyositis: how they differ",
        "",
        ["Polymyositis", "dermatomyositis"],
        ["Polymyositis", "dermatomyositis"],
    )
    assert not _spans("IBM or ALS: why the mix-up", "", ["IBM", "ALS"], ["IBM"])
    # no 'or': a list of members is another rule's (collect's `member`)
    assert not _spans("Polymyositis, IBM and dystrophies", "", ["Polymyositis", "IBM"], ["Polymyositis", "IBM"])


def test_title_voice_counts_only_when_no_other_aspect_is_the_subject(rules: Classifier) -> None:
    """A clinic's 'why we stopped prescribing' beside a treatment title is no testimony."""
    clinic = rules.classify(
        "IBM: why we stopped prescribing steroids",
        "Our experience shows no lasting benefit; we now recommend exercise.",
    )
    assert L not in clinic.labels


@pytest.fixture(scope="module")
def rules(topics_file: TopicsFile) -> Classifier:
    """The rules alone (the learned layer off)."""
    return Classifier.from_topics(topics_file.model_copy(update={"model": None}))
