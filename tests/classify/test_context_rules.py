"""Context rules (topics.toml `unless`, `threshold_beside`) and the '*stem' phrase syntax.

Sentences are invented for these tests; none comes from a scored data set.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from myofeed.classify import Classifier
from myofeed.classify.matcher import PhraseIndex, Tokens, compile_phrase
from myofeed.classify.phraseset import PhraseSet
from myofeed.config import TopicsFile


def test_leading_star_matches_a_stem() -> None:
    index = PhraseIndex([compile_phrase("*mab", "drug"), compile_phrase("trial of *mab", "trial")])
    found, _ = index.find(Tokens("A trial of Ravulizumab", "mab alone is not a drug name; nor is a lab."))
    assert [(p.source, s, e) for p, s, e in found] == [("trial of *mab", 1, 4), ("*mab", 3, 4)]


def test_phrase_set_probes_one_position() -> None:
    ps = PhraseSet([compile_phrase(x, None) for x in ("after", "time of", "monitor*")])
    toks = Tokens("", "at the time of diagnosis after monitoring").tokens
    assert ps.ends_at(toks, toks.index("diagnosis"))  # 'time of' ends right before it
    assert ps.starts_at(toks, toks.index("after"))
    assert ps.starts_at(toks, toks.index("monitoring"))
    assert not ps.ends_at(toks, toks.index("time"))


def test_diagnosis_as_a_point_in_time_is_not_diagnosis(classifier: Classifier) -> None:
    got = classifier.classify(
        "Anxiety in the first months after a dermatomyositis diagnosis",
        "A counselor on coping with worry and sleep after diagnosis, and when a support group helps.",
    )
    assert "dermatomyositis" in got.labels and "living-with" in got.labels
    assert "diagnosis" not in got.labels, got.why


def test_diagnostic_process_still_counts(classifier: Classifier) -> None:
    got = classifier.classify(
        "How my dermatomyositis diagnosis was made", "A skin biopsy and an MDA5 antibody test settled it."
    )
    assert "diagnosis" in got.labels


def test_measure_as_trial_outcome_is_not_diagnosis(classifier: Classifier) -> None:
    got = classifier.classify(
        "Infusion trial in polymyositis reports",
        "In a placebo-controlled trial of a monoclonal antibody, CK dropped by half and MRI stayed stable.",
    )
    assert {"polymyositis", "research", "treatment"} <= set(got.labels)
    assert "diagnosis" not in got.labels, got.why


def test_unfamiliar_drug_names_are_treatment(classifier: Classifier) -> None:
    got = classifier.classify("Zenvolimab for refractory dermatomyositis", "My rheumatologist added it last spring.")
    assert "treatment" in got.labels, got.why


def test_drugs_named_as_a_study_finding_are_not_treatment(classifier: Classifier) -> None:
    got = classifier.classify(
        "Myositis in rural areas: a registry study",
        "Researchers found that people far from a clinic were less often on steroid-sparing drugs.",
    )
    assert "research" in got.labels and "treatment" not in got.labels, got.why


def test_future_trials_are_not_a_trial_of_a_therapy(classifier: Classifier) -> None:
    got = classifier.classify(
        "Ten years of IBM: a natural history cohort",
        "Grip and knee strength declined steadily; the authors hope the data will help design future trials of treatment.",
    )
    assert "research" in got.labels and "treatment" not in got.labels, got.why


@pytest.mark.parametrize(
    "title,summary",
    [
        ("Back to work on light duties with IMNM", "My employer and occupational health set up a phased return."),
        ("A feeding tube and IMNM", "Night feeds through a PEG kept my weight up while my throat muscles recovered."),
        ("Cycling 300 km for myositis", "We rode for a week to raise money for a myositis charity."),
    ],
)
def test_daily_life_in_other_words_is_living_with(classifier: Classifier, title: str, summary: str) -> None:
    assert "living-with" in classifier.classify(title, summary).labels


def test_therapist_in_a_diagnosis_story_is_not_living_with(classifier: Classifier) -> None:
    got = classifier.classify(
        "It started with one step",
        "My physical therapist noticed I could not climb a step; a CK test and a biopsy showed polymyositis.",
    )
    assert "diagnosis" in got.labels and "living-with" not in got.labels, got.why


def test_subtype_named_for_comparison_is_not_labeled(classifier: Classifier) -> None:
    got = classifier.classify("Rashes in antisynthetase syndrome", "Skin changes are milder than dermatomyositis.")
    assert "antisynthetase-syndrome" in got.labels and "dermatomyositis" not in got.labels


def test_threshold_beside_must_name_a_topic(topics_file: TopicsFile) -> None:
    data = topics_file.model_dump()
    data["topics"][-1]["threshold_beside"] = {"no-such-topic": 5.0}
    with pytest.raises(ValidationError, match="threshold_beside"):
        TopicsFile.model_validate(data)


def test_operator_unless_rule_applies(topics_file: TopicsFile) -> None:
    """An operator adds a context rule: 'tests' right after 'stress' is not a diagnostic test.

    The rules alone (no [model]): the aspect model reads heart tests as diagnosis and would add it
    back, as it may for any aspect a rule stops (docs/classification.md)."""
    topics_file = topics_file.model_copy(update={"model": None})
    base = Classifier.from_topics(topics_file)
    title, summary = "Stress tests and MRI in myositis", "Why my cardiologist wanted stress tests."
    assert "diagnosis" in base.classify(title, summary).labels
    rule = TopicsFile.model_validate(topics_file.model_dump())  # deep copy
    topics = [
        t.model_copy(
            update={"unless": (*t.unless, t.Unless(terms=("tests", "MRI"), before=("stress", "and"), window=1))}
        )
        if t.slug == "diagnosis"
        else t
        for t in rule.topics
    ]
    edited = Classifier.from_topics(rule.model_copy(update={"topics": tuple(topics)}))
    assert "diagnosis" not in edited.classify(title, summary).labels
