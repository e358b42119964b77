"""The error patterns seen on real posts (issue 13), one test per pattern, on posts of our own
making that reproduce them (data/own-posts-6.jsonl and -7; invented titles and teasers written in
the styles real sites use: journal abstracts, case reports, trial news, patient blogs, association
notices). Every label must match, aspects included, unlike test_cases.py, which checks diseases
only. A record with "aspect_gap" documents a case the rules still get wrong (strict xfail).

Patterns:
- research-kind: a study not called "trial" or "study" (a retrospective review, a case series of
  four, one case report, a centre's experience, a review, a guideline, a drug development that stops);
- living-voice: personal stories and community notices without daily-life cue words;
- treatment-intent: treatment as the title's subject without a drug name, and incidental phrases
  ("amenable to immunosuppressive treatment", "response to treatment") that are not its subject;
- names: cue words inside names ("signal recognition particle", "no consensus", "American College
  of Rheumatology", "CAR T cells", "tired of waiting", "a car mechanic");
- comparison: subtypes named only in comparisons, antibody lists or lists of members;
- synonym: "inclusion myositis", plural and statin-named forms of necrotizing myopathy;
- near-miss: the same shapes (case reports, stories, guidelines, drug news) about other diseases;
- diagnosis-intent (data/own-posts-9.jsonl, second blind round): a myositis antibody as the result
  that names the disease, the specialists and the answer coming back, heart tests done to find
  involvement; not an antibody that only names the disease ("anti-SRP myopathy", "anti-Jo-1 syndrome");
- living-daily: swallowing trouble (dysphagia) as daily life, not when it is the sign that led to
  the diagnosis.

Third round (data/own-posts-10.jsonl, and -11 held out until the rules were done), the same patterns in
words that name no test, no first person and no drug: how a disease is recognized ("when to suspect",
"what doctors look for", "ruling out", "works up", "often missed", "presenting as"); daily life in
guides, carers' and family events, work, travel, aids and fatigue; therapy reviews and drugs in
development ("emerging therapies", orphan designation); a chart review at one centre, "a report on",
"an update"; and near misses of each shape (myasthenia, type 1 diabetes, myositis ossificans).

Seventh round (data/own-posts-15.jsonl: 190 posts written from LABELING.md and the lead's patterns in
general words; the round's untouched held-out third is not in the repository): explainer and reference
pages about a disease (diagnosis, and treatment when the page covers it; not research), a patient
association's meetings and greetings and a scientific meeting's report, public figures living and
working with the disease, and titles in Spanish, Italian, French, German and Swedish; with more of the
older patterns (cancer screening as diagnosis, pathology studies, drug development that stops,
overlap myositis, viral myositis of childhood by the virus's name).

Eleventh round (data/own-posts-16.jsonl, and -17 held out until the rules were done): living-with read the
way LABELING.md does, in every language the product sees: testimonies with no testimony word in the title
(a look back over a year, a family's year, a diary's entry, a Japanese 闘病 blog), daily life said in
Spanish, French, German, Italian, Portuguese, Dutch, Swedish and Japanese (work, driving, a rehab clinic,
an energy notebook, travelling with oxygen, patient days); and the near misses: a témoignage that tells how
the diagnosis came (diagnosis only), a heredity question (no aspect), a trial's eligibility (no living-with).

Twelfth round (data/own-posts-20.jsonl, and -20-held held out until the rules were done): explainer pages read by
their intent (an overview that lists therapies among its facets gets no treatment; a page about one sign,
antibody or test is diagnosis; one about a drug, an infusion, a taper or a dose is treatment), community life in
other languages (support-group meetings, members' days, disaster preparedness, back to school and sport,
sun-protective clothing), and a health plan's notice that names an acronym in another sense (off-topic).

Session 12 (data/own-posts-21.jsonl, and -21-held held out until the rules were done): a publication's aspects
are its subject (publication-intent): a case report's or a series' drugs and tests told in its teaser are the
case's course, a review that lists every facet is research alone; a case whose title names its therapy, a trial
of a therapy, a study or a review about a test, criteria or a misdiagnosis keep treatment or diagnosis.

Thirteenth round (data/own-posts-22.jsonl, and -22-held held out until the rules were done): English
first-person testimonies and community posts without cue words (a patient's story, a caregiver's account, a
member's letter, a portrait), look-alikes named "myositis" (CAR-T news across autoimmune diseases, pyomyositis
and other infections, viral childhood myositis, orbital myositis, myositis ossificans, animals, statin aches),
and subtypes named only as the alternatives of an open question or a differential.
"""

from __future__ import annotations

import pytest

from myofeed.classify import Classifier

from .scoring import OWN, expand, load_jsonl

PATTERNS = (
    "research-kind",
    "living-voice",
    "treatment-intent",
    "names",
    "comparison",
    "synonym",
    "near-miss",
    "diagnosis-intent",
    "living-daily",
    "explainer",
    "community",
    "public-life",
    "other-language",
    "publication-intent",
    "voice-english",
    "lookalike",
    "differential",
)
RECORDS = [r for path in sorted(OWN.glob("own-posts-*.jsonl")) for r in load_jsonl(path) if "pattern" in r]


def _params(pattern: str) -> list:
    return [
        pytest.param(r, id=r["id"], marks=pytest.mark.xfail(reason=r["aspect_gap"], strict=True))
        if "aspect_gap" in r
        else pytest.param(r, id=r["id"])
        for r in RECORDS
        if r["pattern"] == pattern
    ]


def _check(classifier: Classifier, record: dict) -> None:
    got = classifier.classify(record["title"], record["summary"])
    assert set(got.labels) == expand(record["labels"]), (record.get("note"), got.why)
    assert all(got.why[label] for label in got.labels)  # every label keeps its evidence


def test_every_record_names_a_known_pattern() -> None:
    assert RECORDS and {r["pattern"] for r in RECORDS} <= set(PATTERNS)
    for pattern in PATTERNS:
        assert any(r["pattern"] == pattern for r in RECORDS), pattern


@pytest.mark.parametrize("record", _params("research-kind"))
def test_research_by_kind_of_publication(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("living-voice"))
def test_living_with_by_personal_or_community_voice(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("treatment-intent"))
def test_treatment_by_the_posts_subject(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("names"))
def test_cue_words_inside_names(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("comparison"))
def test_subtypes_named_only_in_comparisons_or_lists(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("synonym"))
def test_synonyms(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("near-miss"))
def test_near_misses_of_the_same_shapes(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("diagnosis-intent"))
def test_diagnosis_by_the_posts_intent(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("living-daily"))
def test_living_with_swallowing_as_daily_life(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("explainer"))
def test_explainer_pages_are_read_as_diagnosis(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("community"))
def test_community_events_and_scientific_meetings(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("public-life"))
def test_public_figures_living_with_the_disease(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("other-language"))
def test_titles_in_other_languages(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("publication-intent"))
def test_a_publications_aspects_are_its_subject(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("voice-english"))
def test_living_with_by_the_english_voice_without_cue_words(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("lookalike"))
def test_look_alikes_named_myositis_are_off_topic(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)


@pytest.mark.parametrize("record", _params("differential"))
def test_subtypes_named_only_as_alternatives(classifier: Classifier, record: dict) -> None:
    _check(classifier, record)
