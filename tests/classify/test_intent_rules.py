"""The rules that read a post the way LABELING.md does (issue 13): the title's subject, the kind of
publication, the story's voice, lists of members, negation after a list, comparisons in a title,
and the phrase syntax they need ('#' numbers, ':' headings). Sentences are invented for these tests.
"""

from __future__ import annotations

import tomllib

import pytest

from myofeed.classify import Classifier
from myofeed.classify.matcher import PhraseIndex, Tokens, compile_phrase
from myofeed.config import TopicsFile

from ..conftest import TOPICS


def _found(phrase: str, title: str, summary: str) -> list[str]:
    index = PhraseIndex([compile_phrase(phrase, None)])
    toks = Tokens(title, summary)
    found, _ = index.find(toks)
    return [toks.text(s, e) for _, s, e in found]


def test_hash_matches_a_number_in_digits_or_words() -> None:
    assert _found("# patients", "", "We saw 23 patients, then four patients more.") == ["23 patients", "four patients"]
    assert _found("a # year old", "", "A 66-year-old man; a tall man; our 7-year-old.") == ["A 66-year-old"]
    assert _found("# patients", "", "Many patients and the patients' families.") == []


def test_a_colon_in_a_phrase_must_be_there() -> None:
    assert _found("methods:", "", "Methods: we reviewed charts.") == ["Methods:"]
    assert _found("methods:", "", "Three methods are compared.") == []


def _only(toml: str) -> Classifier:
    return Classifier.from_topics(TopicsFile.model_validate(tomllib.loads(toml)))


ENGINE = """
[rules]
subject_margin = 1.0
member = ["including"]
negation_after = ["were negative"]
mimic = ["suggested"]
[[topics]]
slug = "group"
title = "Group"
terms = ["myositis"]
[[topics]]
slug = "alpha"
title = "Alpha"
parent = "group"
terms = ["alphitis"]
[[topics]]
slug = "beta"
title = "Beta"
parent = "group"
terms = ["betitis"]
[[topics]]
slug = "care"
title = "Care"
aspect = true
subject = true
threshold = 3.0
key_name = "therapy"
key_terms = ["wonderdrug"]
title_terms = ["treatment"]
cues = ["dose", "pills", "side effects"]
[[topics]]
slug = "daily"
title = "Daily life"
aspect = true
subject = true
threshold = 3.0
terms = ["support group"]
cues = ["tips", "work"]
[topics.voice]
words = ["I", "my", "we", "our"]
titles = ["our story"]
min_words = 3
"""


@pytest.fixture(scope="module")
def engine() -> Classifier:
    return _only(ENGINE)


def test_a_title_term_is_the_subject_in_the_title_and_a_cue_in_the_summary(engine: Classifier) -> None:
    got = engine.classify("Treatment of alphitis", "An overview.")
    assert "care" in got.labels and got.why["care"] == ("subject of the title 'Treatment'",)
    assert "care" not in engine.classify("Alphitis", "Its response to treatment varies.").labels


def test_key_terms_carry_the_topics_name_in_evidence(engine: Classifier) -> None:
    got = engine.classify("Alphitis", "Wonderdrug helped.")
    assert got.why["care"] == ("therapy 'Wonderdrug'",)


def test_a_story_title_or_a_first_person_voice_gives_the_voice_topic_alone(engine: Classifier) -> None:
    assert engine.classify("Our story", "Alphitis came in spring.").why["daily"] == ("story title 'Our story'",)
    got = engine.classify("Ten years", "I have alphitis. My hands are weak but I paint, and we travel.")
    assert got.why["daily"] == ("personal or community voice 'I have alphitis'",)
    # too few first-person words, or a reader's question in the title: no voice
    assert "daily" not in engine.classify("Alphitis and my hands", "I paint on.").labels
    assert "daily" not in engine.classify("Is my alphitis in my genes, my doctor?", "A geneticist answers.").labels


def test_the_voice_gives_way_to_another_aspect(engine: Classifier) -> None:
    got = engine.classify("Our story", "I take wonderdrug for my alphitis and we are fine.")
    assert "care" in got.labels and "daily" not in got.labels  # a story title, no testimony: the drug is the subject


def test_a_testimony_beside_a_subject_aspect_gets_the_voice_topic_when_it_tells_daily_life() -> None:
    """Issue 13, eleventh round (LABELING.md: "how I finally got diagnosed" stories are diagnosis): beside a
    subject aspect the title names, a testimony (a story or testimony title, or the first-person voice)
    gets the voice topic when its own words reach the topic's threshold, without the subject margin, and
    the testimony comes first in the evidence; a testimony that tells only the drug (or the odyssey) does
    not; a relative's perspective (`carers`: caregiving) gets it beside a subject aspect, firm; a kind of
    publication (an aspect that is no subject: research) is no testimony."""
    toml = ENGINE.replace('titles = ["our story"]', 'titles = ["ten years"]\ntestimonies = ["our story"]\ncarers = ["my wife"]')
    engine = _only(toml + '[[topics]]\nslug = "study"\ntitle = "Study"\naspect = true\nkey_terms = ["case report"]\n')
    # the drug alone: no daily life told
    assert "daily" not in engine.classify("Our story", "I take wonderdrug for my alphitis and we are fine.").labels
    # the title names the drug; the summary's daily-life words reach 3, not 3 + the margin
    summary = "It is for my alphitis; a support group gave me tips."
    assert "daily" not in engine.classify("Wonderdrug", summary).labels  # no testimony: passing words
    got = engine.classify("Wonderdrug: our story", summary)
    assert got.why["care"] == ("therapy 'Wonderdrug' in title",)
    assert got.why["daily"] == ("story title 'Wonderdrug: our story'", "term 'support group'", "cue 'tips'")
    got = engine.classify("Wonderdrug", "I take it for my alphitis; our support group gave me tips.")
    assert got.why["daily"][0] == "personal or community voice 'I take it for'"  # the voice is a testimony too
    # a relative's perspective: caregiving, beside the drug too, and the learned layer keeps it
    got = engine.classify("My wife and wonderdrug", "She takes it for her alphitis.")
    assert got.why["daily"] == ("story title 'My wife and wonderdrug'",)
    assert "daily" in engine.firm_aspects("My wife and wonderdrug", "She takes it for her alphitis.")
    # a kind of publication is no testimony
    got = engine.classify("Wonderdrug: our story", "A case report: alphitis; a support group gave tips.")
    assert "study" in got.labels and "daily" not in got.labels
    assert engine.classify("Our story", "Alphitis came in spring.").why["daily"] == ("story title 'Our story'",)


def test_subtypes_listed_as_members_are_the_group(engine: Classifier) -> None:
    got = engine.classify("Myositis in adults", "Myositis, including alphitis and betitis, is rare.")
    assert got.labels == ("group",)
    # the list alone, with no group word: the parent, with evidence naming the list
    got = engine.classify("Rare muscle diseases", "Types including alphitis and betitis exist.")
    assert got.labels == ("group",) and got.why["group"][0] == "member of a list 'alphitis'"
    # a subtype named outside the list is still the subject
    assert "alpha" in engine.classify("Alphitis", "Myositis, including alphitis and betitis.").labels


def test_negation_after_cancels_the_sentence_before_it(engine: Classifier) -> None:
    got = engine.classify("Weak legs in a runner", "Tests for alphitis and betitis were negative. It was myositis.")
    assert got.labels == ("group",)


def test_a_title_comparison_is_dropped_when_the_summary_calls_it_the_misdiagnosis(engine: Classifier) -> None:
    got = engine.classify("Alphitis vs betitis", "My first biopsy suggested alphitis. The second showed betitis.")
    assert set(got.labels) == {"group", "beta"}


def test_the_titles_subject_raises_the_bar_for_passing_words(engine: Classifier) -> None:
    # 'support group' in the title is the subject; 'dose' and 'side effects' in passing are not treatment
    got = engine.classify("Alphitis support group", "Tips on work, the dose and side effects of pills.")
    assert "daily" in got.labels and "care" not in got.labels
    # without a subject in the title the same words are enough
    assert "care" in engine.classify("Alphitis", "The dose and side effects of pills.").labels


def test_evidence_quotes_text_with_an_apostrophe_in_double_quotes(engine: Classifier) -> None:
    assert engine.classify("Our story", "Alphitis, it's here.").why["daily"] == ("story title 'Our story'",)
    toml = ENGINE.replace('titles = ["our story"]', 'titles = ["\'s story"]')
    got = _only(toml).classify("Ann's story", "Alphitis came in spring.")
    assert got.why["daily"] == ('story title "Ann\'s story"',)  # the whole title, quoted


@pytest.fixture(scope="module")
def shipped() -> Classifier:
    with open(TOPICS, "rb") as fh:
        return Classifier.from_topics(TopicsFile.model_validate(tomllib.load(fh)))


def test_research_evidence_names_the_kind_of_publication_first(shipped: Classifier) -> None:
    got = shipped.classify(
        "Dermatomyositis outcomes in one centre: a retrospective review",
        "We reviewed the charts of twelve adults followed for five years.",
    )
    assert "research" in got.labels
    assert got.why["research"][0] == "kind of publication 'retrospective' in title"


def test_a_conditional_mention_is_not_a_subtype(shipped: Classifier) -> None:
    got = shipped.classify(
        "Yearly lung checks in myositis",
        "Everyone gets a breathing test at baseline, repeated yearly if Jo-1 or MDA5 antibodies are found.",
    )
    assert got.labels[0] == "autoimmune-myopathy"
    assert "antisynthetase-syndrome" not in got.labels and "dermatomyositis" not in got.labels


def test_a_referral_question_answered_by_another_disease_is_off_topic(shipped: Classifier) -> None:
    got = shipped.classify(
        "Thyroid myopathy behind a CK of 2,500",
        "We present a 61-year-old man referred for suspected myositis; levothyroxine brought his CK back to normal.",
    )
    assert got.labels == ()
    # ... but a title that names the other disease as the misdiagnosis is about ours
    got = shipped.classify(
        "When IBM is mistaken for ALS", "Slow finger and thigh weakness was called motor neurone disease for two years."
    )
    assert "inclusion-body-myositis" in got.labels
