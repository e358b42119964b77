"""Issue 13, session 12 (data set 21): a publication's aspects are its subject, not its teaser's words.
docs/classification.md, "Publications": research is the kind of publication (a case report, a series, a
review, a cohort, a trial); beside it, treatment and diagnosis follow the title. A case report's drugs told in
its teaser are the case's course ("she improved on prednisone"), its CK, biopsy and antibodies the case; a trial
of a therapy is treatment too (LABELING.md rule 8), and so is a case whose title names its therapy. Each reading
beside its near miss (posts invented for these tests, in no data file)."""

from __future__ import annotations

import tomllib

import pytest
from pydantic import ValidationError

from myofeed.classify import Classifier
from myofeed.classify.matcher import Tokens
from myofeed.classify.model import evidence, load
from myofeed.config import TopicsFile

from ..conftest import TOPICS
from .scoring import assert_reads

P, DM, PM, IBM = "autoimmune-myopathy", "dermatomyositis", "polymyositis", "inclusion-body-myositis"
NM, AS = "necrotizing-myopathy", "antisynthetase-syndrome"
D, T, L, R = "diagnosis", "treatment", "living-with", "research"
CASES = [
    # (title, summary, expected labels, (label, evidence it must show) or None)
    # -- a case report: its drugs are the case's course
    (
        "Dermatomyositis with a necrotic ulcer of the elbow: a case report",
        "A 48-year-old man had a deep ulcer over the olecranon; it healed over four months on prednisone and mycophenolate.",
        {P, DM, R},
        (R, "kind of publication 'case report' in title"),
    ),
    (
        "A case of polymyositis with a pericardial effusion",
        "The effusion resolved after intravenous methylprednisolone and azathioprine were started.",
        {P, PM, R},
        None,
    ),
    # the near miss: the title names the therapy, which is the case's point
    (
        "Rituximab for refractory polymyositis with a pericardial effusion: a case report",
        "The effusion and the weakness resolved within three months.",
        {P, PM, R, T},
        (T, "therapy 'Rituximab' in title"),
    ),
    # -- a series of outcomes: the drugs are findings
    (
        "Juvenile dermatomyositis in adolescence: a retrospective series of 22 patients",
        "Flares were common after the move to adult care; most were on methotrexate and hydroxychloroquine.",
        {P, DM, R},
        None,
    ),
    # -- a trial of a therapy stays treatment, named in the teaser or not (a combo: LABELING.md rule 8)
    (
        "A new study opens in inclusion body myositis",
        "The placebo-controlled trial gives an oral drug for 48 weeks to 120 patients.",
        {P, IBM, R, T},
        None,
    ),
    # a case report's tests are the case; a case whose title asks which disease it is, is about its diagnosis
    (
        "A 45-year-old woman with dermatomyositis and a violet rash",
        "A muscle MRI, the CK and a skin biopsy confirmed it: dermatomyositis.",
        {P, DM, R},
        None,
    ),
    (
        "A 45-year-old woman with a violet rash: dermatomyositis or lupus?",
        "A muscle MRI, the CK and a skin biopsy confirmed it: dermatomyositis.",
        {P, DM, R, D},
        (D, "term 'biopsy'"),
    ),
    # a trial's drug named in its teaser is the therapy it tests (rules.trial), a registry's is a finding
    ("Trial results in polymyositis announced", "Patients who took abatacept for a year kept their strength.", {P, PM, R, T}, None),
    ("Registry data in polymyositis", "Patients who took abatacept for a year kept their strength.", {P, PM, R}, None),
    # -- a post that is no publication keeps its teaser's drug
    (
        "Six months in: my polymyositis update",
        "The weakness is better since the neurologist added methotrexate to the prednisone, and the infusions stopped.",
        {P, PM, T},
        None,
    ),
]


@pytest.mark.parametrize(("title", "summary", "want", "evidence_line"), CASES, ids=[c[0][:40] for c in CASES])
def test_publication_aspects(classifier: Classifier, title: str, summary: str, want: set, evidence_line) -> None:
    assert_reads(classifier.classify(title, summary), want, evidence_line)


def test_the_layer_adds_diagnosis_to_a_case_report_only_for_a_title_word(classifier: Classifier) -> None:
    """A case's presentation told in its teaser weighs for diagnosis in the learned layer (it learned from
    case reports labeled both ways); beside research it adds diagnosis only when the word that weighs most is
    the title's and speaks for diagnosis more than for any other aspect ('review' speaks for research)."""
    case = (
        "Polymyositis with heart block: a case report",
        "A 52-year-old man had proximal weakness and a CK of 6,000 U/L; the biopsy showed inflammation and"
        " antibodies were positive.",
    )
    got = classifier.classify(*case)
    assert R in got.labels and D not in got.labels, got.why
    assert D in classifier.title_led_aspects(*case)


def test_evidence_title_led_needs_the_titles_word() -> None:
    model = load("aspects-v7")
    k = model.labels.index(D)
    toks = Tokens("Polymyositis: a case report", "CK was high, the biopsy and the antibodies were positive.")
    assert evidence(model, toks, k, 0.9) is not None  # the teaser's words weigh for it
    assert evidence(model, toks, k, 0.9, title_led=True) is None  # none of them is the title's
    titled = Tokens("Muscle biopsy in polymyositis: a case series", "CK was high, the antibodies were positive.")
    assert evidence(model, titled, k, 0.9, title_led=True) is not None


def test_rules_alone_read_the_publication_by_its_title(rules: Classifier) -> None:
    """The rules' half: beside research, treatment needs the title or a combo (`subject_beside`)."""
    teaser = "She improved on IVIG and rituximab after steroids failed."
    assert T not in rules.classify("Anti-SRP myopathy in a 30-year-old woman: a case report", teaser).labels
    assert T in rules.classify("IVIG and rituximab in anti-SRP myopathy: a case report", teaser).labels


@pytest.mark.parametrize("key", ["subject_beside", "model_title_beside"])
def test_an_unknown_topic_beside_is_a_config_error(key: str) -> None:
    with open(TOPICS, "rb") as fh:
        raw = tomllib.load(fh)
    treatment = next(t for t in raw["topics"] if t["slug"] == T)
    treatment[key] = ["reserch"]
    with pytest.raises(ValidationError, match=f"{key}: unknown topic 'reserch'"):
        TopicsFile.model_validate(raw)


@pytest.fixture(scope="module")
def rules(topics_file: TopicsFile) -> Classifier:
    """The rules alone (the learned layer off)."""
    return Classifier.from_topics(topics_file.model_copy(update={"model": None}))
