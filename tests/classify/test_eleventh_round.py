"""Issue 13, eleventh round: living-with read the way LABELING.md does, each reading beside its near miss
(posts invented for these tests, in no training set). A testimony is living-with when daily life is its
subject, not when it tells only how the diagnosis came; daily life in the product's languages; a heredity
question has no aspect; a trial's recruitment is no daily life, for the rules or the learned layer."""

from __future__ import annotations

import pytest

from myofeed.classify import Classifier

from .scoring import assert_reads

P, DM, PM, IBM = "autoimmune-myopathy", "dermatomyositis", "polymyositis", "inclusion-body-myositis"
NM, AS = "necrotizing-myopathy", "antisynthetase-syndrome"
D, T, L, R = "diagnosis", "treatment", "living-with", "research"
CASES = [
    # (title, summary, expected labels, (label, evidence it must show) or None)
    # -- a testimony beside the diagnosis it tells: living-with only when it tells daily life too
    (
        "Témoignage de Marc, atteint de myosite",
        "Marc raconte les premiers symptômes, les examens et le jour où le diagnostic est tombé.",
        {P, D},
        None,
    ),
    (
        "Témoignage : ma vie avec une dermatomyosite",
        "Le travail, les enfants, la fatigue et le soleil : comment je m'organise.",
        {P, DM, L},
        (L, "term 'travail'"),
    ),
    (
        # a look back is a testimony like the others: over the year's daily life, beside its diagnosis
        "A year ago I had never heard of dermatomyositis",
        "Then the biopsy. Since then: a stool in the shower and rest days.",
        {P, DM, D, L},
        (L, "story title 'A year ago I had never heard of dermatomyositis'"),
    ),
    # a relative's perspective is caregiving (LABELING.md), beside nothing else too
    ("My mother's dermatomyositis", "How we care for her at home after the stroke.", {P, DM, L}, None),
    # -- daily life in other languages, and a Japanese illness blog
    ("Ein Jahr mit Polymyositis", "Was sich im Beruf und zu Hause verändert hat.", {P, PM, L}, (L, "term 'Beruf'")),
    ("Um ano com dermatomiosite", "O trabalho, o cansaço e a família.", {P, DM, L}, None),
    ("Een jaar met dermatomyositis", "Over werk, vermoeidheid en mijn gezin.", {P, DM, L}, None),
    ("多発性筋炎 闘病日記 3日目", "今日は少し歩けました。", {P, PM, L}, (L, "story title '多発性筋炎 闘病日記 3日目'")),
    ("Att leva med myasteni", "Om trötthet, jobbet och familjen.", set(), None),  # near miss: myasthenia
    # -- heredity: the disease alone (LABELING.md rule 1), however personal
    ("Myositis and my genes", "I'm the third person in my family with antisynthetase syndrome. What does that mean for my children?", {P, AS}, None),
    ("Is IBM hereditary?", "A reader asks whether her children should be tested.", {P, IBM}, None),
    # -- a trial's recruitment: who may take part, not daily life (the learned layer added it for these words)
    (
        "Trial for people with IBM aged 45 to 85 opens in three cities",
        "Participants must be able to stand from a chair; travel and hotel costs are paid.",
        {P, IBM, R},
        None,
    ),
    ("People living with dermatomyositis aged 18 to 80 sought for a study", "We will follow participants for two years.", {P, DM, R}, None),
    # an exercise study is still daily life and research (LABELING.md rule 9)
    (
        "Adults with polymyositis needed for a trial of home exercise",
        "Participants must be able to walk 50 metres; twelve weeks of strength training at home.",
        {P, PM, L, R},
        (L, "term 'home exercise' in title"),
    ),
]


# Cases the shipped weights get wrong, each with its reason (strict: a fix shows as a pass to record).
LAYER_GAPS = {
    "A year ago I had never heard of dermatomyositis": (
        "aspects-v7 (session 12) drops the diagnosis the title's 'never heard of' gives (p=0.21 below its remove_below"
        " 0.25; aspects-v6: p=0.43): relabelled case reports taught it that a teaser's 'biopsy' is no diagnosis post;"
        " the rules alone read it right"
    ),
}
PARAMS = [
    pytest.param(*c, id=c[0][:40], marks=pytest.mark.xfail(reason=LAYER_GAPS[c[0]], strict=True))
    if c[0] in LAYER_GAPS
    else pytest.param(*c, id=c[0][:40])
    for c in CASES
]


@pytest.mark.parametrize(("title", "summary", "want", "evidence"), PARAMS)
def test_eleventh_round_patterns(classifier: Classifier, title: str, summary: str, want: set, evidence) -> None:
    assert_reads(classifier.classify(title, summary), want, evidence)


def test_a_trials_recruitment_keeps_the_layer_from_adding_living_with(classifier: Classifier) -> None:
    """`model_exclude`: the aspect is denied to the learned layer, which read 'people', 'chair', 'stand' as
    daily life (p=0.84); the rules alone never gave it."""
    title, summary = "Trial for people with IBM aged 45 to 85 opens in three cities", "Participants must be able to stand from a chair."
    assert L in classifier.denied_aspects(title, summary)
    assert L not in classifier.classify(title, summary).labels
