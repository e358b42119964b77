"""Issue 13, eleventh round: the diagnosis aspect read the LABELING.md way, each pattern beside its near miss
(posts invented for these tests, in no training set). An encyclopedia page that names the disease's general
facets (causes, outlook) is an overview, about neither diagnosis nor treatment unless one outweighs the rest;
a page on signs, tests and work-up is diagnosis; a testimony whose title names its subject is that subject's
story; one drug named in a daily-life post is a passing word; reaching the diagnosis told in German, French,
Spanish, Italian and Japanese; the learned layer leaves posts in other languages to the rules."""

from __future__ import annotations

import pytest

from myofeed.classify import Classifier
from myofeed.classify.model import foreign
from myofeed.classify.tokens import Tokens

from .scoring import assert_reads

P, DM, PM, IBM = "autoimmune-myopathy", "dermatomyositis", "polymyositis", "inclusion-body-myositis"
NM, AS = "necrotizing-myopathy", "antisynthetase-syndrome"
D, T, L, R = "diagnosis", "treatment", "living-with", "research"
CASES = [
    # (title, summary, expected labels, (label, evidence it must show) or None)
    # -- overviews of the whole disease: the disease alone ...
    (
        "Inclusion body myositis: an overview",
        "What causes it, the first symptoms, how it is diagnosed, the treatments tried and the outlook.",
        {P, IBM},
        None,
    ),
    (
        "Polymyositis: Ursachen, Symptome und Behandlung",
        "Ein Überblick: wer bekommt sie, woran man sie erkennt und welche Medikamente helfen.",
        {P, PM},
        None,
    ),
    # ... unless one aspect outweighs the rest, or the page names no general facet (topics-dev's reading)
    (
        "Dermatomyositis: causes and diagnosis",
        "A line on its causes, then the rash, a raised CK, the antibody tests, MRI and the skin biopsy.",
        {P, DM, D},
        None,
    ),
    (
        "Antisynthetase syndrome: a guide for patients",
        "The antibody tests, the chest CT and lung function tests, and the medicines used to calm the lungs.",
        # twelfth round ("Explainer pages: one reading"): the medicines are one facet the page lists beside three
        # tests, which outweigh it: diagnosis alone (the eleventh round read a page without general facets as
        # about everything it names)
        {P, AS, D},
        None,
    ),
    (
        "Necrotizing myopathy: signs, tests and work-up",
        "Very high CK, anti-HMGCR or anti-SRP antibodies and a biopsy with necrotic fibres confirm it.",
        {P, NM, D},
        None,
    ),
    # -- a testimony whose title names its subject is that subject's story; a testimony clause of its own is one
    (
        "How we finally got answers for our granddaughter",
        "A year of tired legs and a knuckle rash before a children's hospital named juvenile dermatomyositis.",
        {P, DM, D},
        (D, "term 'finally got answers' in title"),
    ),
    # a testimony's title alone over the path to the diagnosis is a diagnosis story (LABELING.md; the merge
    # with classify10's living-with reading: living-with only when its words tell daily life, p16-012)
    (
        "Témoignage de Ninon",
        "Trois ans de fatigue, puis une prise de sang a montré des CK élevées et une biopsie a confirmé une dermatomyosite.",
        {P, DM, D},
        (D, "term 'biopsie'"),
    ),
    # -- one drug named in a daily-life post is a passing word; not in a case report, nor a drug's own post
    (
        "A weekend away with polymyositis",
        "A folding stool, a shower seat booked ahead and a grab rail; on methotrexate day I take it easy.",
        {P, PM, L},
        None,
    ),
    # (session 12: a case report's drug told in its teaser is the case's course, no treatment post; the title names
    # no therapy: research alone, docs/classification.md "Publications")
    (
        "Anti-SRP myopathy: a case with severe dysphagia",
        "A 58-year-old man with a CK of 12,000 could not swallow; he recovered with rituximab.",
        {P, NM, R},
        None,
    ),
    # -- reaching the diagnosis, in the languages feeds mix
    (
        "Così ho scoperto di avere la polimiosite",
        "Gli esami del sangue e la biopsia hanno dato la risposta.",
        {P, PM, D},
        None,
    ),
    (
        "Así supe que tenía miositis por cuerpos de inclusión",
        "El neurólogo pidió un electromiograma y una biopsia muscular.",
        {P, IBM, D},
        None,
    ),
    (
        "Die lange Suche nach der Diagnose Dermatomyositis",
        "Erst Neurodermitis, dann Allergie, bis eine Hautbiopsie es bestätigte.",
        {P, DM, D},
        None,
    ),
    ("多発性筋炎とわかるまで", "階段がつらくなり、血液検査と筋生検で多発性筋炎と診断されました。", {P, PM, D}, None),
    # near misses: another disease in the same shapes
    (
        "Myasthenia gravis: causes, symptoms and treatment",
        "Drooping eyelids; the antibody test and the drugs that help.",
        set(),
        None,
    ),
    ("Así supe que tenía esclerosis múltiple", "Hormigueo en las piernas y una resonancia magnética.", set(), None),
    (
        "Fibromialgia: cómo se diagnostica",
        "No hay prueba de sangre: el diagnóstico llega tras descartar otras enfermedades como la miositis.",
        set(),
        None,
    ),
]


@pytest.mark.parametrize(("title", "summary", "want", "evidence"), CASES, ids=[c[0][:40] for c in CASES])
def test_eleventh_round_patterns(classifier: Classifier, title: str, summary: str, want: set, evidence) -> None:
    assert_reads(classifier.classify(title, summary), want, evidence)


def test_the_layer_leaves_a_post_in_another_language_to_the_rules(classifier: Classifier) -> None:
    """The layer learned from English posts: a Spanish story's 'de', 'un', 'y' once read as research (p=0.70)."""
    title = "Mi camino hasta el diagnóstico de miositis por cuerpos de inclusión"
    summary = "Durante cinco años me dijeron que era la edad. Un neurólogo pidió una biopsia muscular y por fin tuve un nombre."
    assert foreign(Tokens(title, summary))
    assert set(classifier.classify(title, summary).labels) == {P, IBM, D}
    assert not foreign(Tokens("Life with IBM", "I use a cane, and de Vries the physio says my gait is better."))
