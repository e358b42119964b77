"""Rule behaviour, case by case: hard negatives, abbreviations, hierarchy, aspects, evidence."""

from __future__ import annotations

import pytest

from myofeed.classify import Classifier
from myofeed.config import TopicsFile

HARD_NEGATIVES = {
    "statin myalgia": (
        "Statin aches: should you stop?",
        "Muscle aches on simvastatin are common. Our pharmacist explains switching statins, CoQ10 and CK checks.",
    ),
    "myositis ossificans": (
        "Myositis ossificans after a quad contusion",
        "A rugby bruise turned into bone inside the thigh muscle. Rest and gentle range of motion helped.",
    ),
    "viral myositis": (
        "Influenza myositis in kids: calf pain after flu",
        "Benign acute childhood myositis makes children refuse to walk; CK is high but it clears in days.",
    ),
    "DM = diabetes": (
        "Type 2 DM: new targets for blood sugar",
        "An endocrinologist explains HbA1c goals, metformin and skin checks for people with diabetes.",
    ),
    "DM foot care": (
        "DM foot care basics",
        "Check your skin and feet daily, keep nails trimmed, and see a podiatrist about calluses.",
    ),
    "methotrexate for psoriasis": (
        "Methotrexate for psoriasis: weekly dosing explained",
        "Our dermatologist explains liver tests and folic acid for people taking methotrexate for psoriasis.",
    ),
    "IVIG for CIDP": (
        "IVIG for CIDP: the maintenance phase",
        "Immunoglobulin infusions every three weeks keep many people with CIDP walking.",
    ),
    "exertional rhabdo": (
        "Rhabdo after a spin class",
        "Exertional rhabdomyolysis: dark urine, swollen thighs and a CK of 40,000 after a first workout.",
    ),
    "fibromyalgia": (
        "Fibromyalgia and muscle weakness",
        "People with fibromyalgia often feel weak, but CK and muscle biopsy are normal.",
    ),
    "veterinary": (
        "Masticatory myositis in dogs",
        "Your vet may test for 2M antibodies when a dog cannot open its jaw; steroids are the usual treatment.",
    ),
    "veterinary polymyositis": (
        "Canine polymyositis: signs owners miss",
        "Weakness, a stiff gait and a high CK in dogs can mean polymyositis; our veterinary team explains.",
    ),
    "PMR": (
        "Polymyalgia rheumatica is not polymyositis",
        "Stiff shoulders and hips in the morning, normal CK, and a fast response to prednisone.",
    ),
    "necrotizing fasciitis": (
        "Necrotizing fasciitis: act within hours",
        "A fast-spreading soft tissue infection that needs surgery and antibiotics.",
    ),
    "heliotrope plant": (
        "Heliotrope in pots",
        "The fragrant heliotrope plant needs sun and rich soil; pinch the tips for more flowers.",
    ),
    "pyomyositis": (
        "Pyomyositis in the tropics",
        "A bacterial infection of muscle treated with drainage and antibiotics.",
    ),
    "statin-induced myositis": (
        "Statin-induced myositis: when to stop the pill",
        "Muscle pain with a CK five times normal on atorvastatin settles within weeks of stopping it.",
    ),
    "streptococcal necrotizing myositis": (
        "Streptococcal necrotizing myositis after a minor cut",
        "A fast-spreading muscle infection that needs surgery and antibiotics within hours.",
    ),
    "passing mention": (
        "Meet our new rheumatologist",
        "Dr. Lee joins us with interests in lupus, gout, vasculitis and myositis.",
    ),
    "look-alike named only in the summary": (
        "When myositis follows the flu",
        "Benign acute childhood myositis makes children refuse to walk for a few days.",
    ),
    "orbital myositis": (
        "Eye muscle myositis and double vision",
        "Orbital myositis causes painful eye movements; steroids usually help.",
    ),
    "post-COVID myositis": (
        "Post-COVID myositis: calf pain after infection",
        "A few patients develop muscle inflammation after COVID-19 and recover with rest.",
    ),
    "PM as time": (
        "Pharmacy open until 9 PM",
        "From Monday our pharmacy stays open until 9 PM for prescriptions and flu shots.",
    ),
}


@pytest.mark.parametrize("title,summary", HARD_NEGATIVES.values(), ids=list(HARD_NEGATIVES))
def test_hard_negatives_are_off_topic(classifier: Classifier, title: str, summary: str) -> None:
    got = classifier.classify(title, summary)
    assert got.labels == () and got.why == {}, got.why


def test_subtype_implies_parent_with_evidence(classifier: Classifier) -> None:
    got = classifier.classify("Heliotrope rash at 40", "My dermatomyositis started with purple eyelids.")
    assert got.labels[:2] == ("autoimmune-myopathy", "dermatomyositis")
    assert "parent of dermatomyositis" in got.why["autoimmune-myopathy"]
    assert any(e.startswith("term 'dermatomyositis'") for e in got.why["dermatomyositis"])


def test_every_label_explained(classifier: Classifier) -> None:
    got = classifier.classify(
        "Rituximab trial in IBM opens", "A randomized trial will test rituximab in sporadic inclusion body myositis."
    )
    assert set(got.why) == set(got.labels)
    assert all(got.why[k] for k in got.labels)
    assert {"research", "treatment"} <= set(got.labels)


@pytest.mark.parametrize(
    "title,summary,label,evidence",
    [
        (
            "DM skin and the sun",
            "My rash flares after gardening; my rheumatologist adjusted my plan.",
            "dermatomyositis",
            "abbrev 'DM' with context",
        ),
        (
            "PM and my thighs",
            "Polymyositis-style weakness: my CK was 5,000 and the EMG was myopathic.",
            "polymyositis",
            "term",
        ),
        ("sIBM and stairs", "Climbing stairs got harder every year.", "inclusion-body-myositis", "term 'sIBM'"),
        ("New to IMNM", "Just diagnosed.", "necrotizing-myopathy", "term 'IMNM'"),
        ("Anti-Jo-1 and my cough", "What the antibody means.", "antisynthetase-syndrome", "term 'Anti-Jo-1'"),
    ],
)
def test_abbreviations(classifier: Classifier, title: str, summary: str, label: str, evidence: str) -> None:
    got = classifier.classify(title, summary)
    assert label in got.labels, got.why
    assert any(e.startswith(evidence) for e in got.why[label]), got.why[label]


def test_dm_without_context_is_not_dermatomyositis(classifier: Classifier) -> None:
    assert classifier.classify("DM update", "Registration for the annual meeting is open.").labels == ()


def test_negated_mention_does_not_count(classifier: Classifier) -> None:
    got = classifier.classify(
        "Anti-HMGCR myopathy and cancer", "The evidence for screening is weaker than for dermatomyositis."
    )
    assert "necrotizing-myopathy" in got.labels and "dermatomyositis" not in got.labels


def test_misdiagnosis_is_not_labeled(classifier: Classifier) -> None:
    got = classifier.classify(
        "Why prednisone didn't help my IBM", "I was first told it was polymyositis; a biopsy later showed IBM."
    )
    assert "inclusion-body-myositis" in got.labels and "polymyositis" not in got.labels


def test_statin_weakness_that_persists_is_imnm(classifier: Classifier) -> None:
    got = classifier.classify(
        "The statin that changed my life",
        "Eight months on atorvastatin and I could barely stand. Stopping it did not help; my CK was 9,000.",
    )
    assert "necrotizing-myopathy" in got.labels
    assert any(e.startswith("combo 'statin'") for e in got.why["necrotizing-myopathy"])


def test_overview_gets_parent_only(classifier: Classifier) -> None:
    got = classifier.classify(
        "Five types, one family",
        "Dermatomyositis, polymyositis, inclusion body myositis and necrotizing myopathy compared.",
    )
    assert "autoimmune-myopathy" in got.labels
    assert not {"dermatomyositis", "polymyositis", "inclusion-body-myositis", "necrotizing-myopathy"} & set(got.labels)
    assert got.why["autoimmune-myopathy"][0].startswith("overview of 4 subtypes")


def test_aspect_needs_a_disease(classifier: Classifier) -> None:
    assert classifier.classify("Diagnosing ALS", "EMG, nerve conduction studies and a muscle biopsy.").labels == ()


def test_physical_therapy_is_living_with_not_treatment(classifier: Classifier) -> None:
    got = classifier.classify(
        "Physical therapy with myositis", "My physical therapist built a home exercise plan for my myositis."
    )
    assert "living-with" in got.labels and "treatment" not in got.labels


def test_categories_count_as_evidence(classifier: Classifier) -> None:
    got = classifier.classify("Our spring update", "News from the clinic.", categories=["Dermatomyositis"])
    assert "dermatomyositis" in got.labels
    assert "category 'Dermatomyositis'" in got.why["dermatomyositis"]


def test_labels_are_ordered_and_stable(classifier: Classifier) -> None:
    a = classifier.classify("IBM trial results", "A placebo-controlled study of a drug in inclusion body myositis.")
    b = classifier.classify("IBM trial results", "A placebo-controlled study of a drug in inclusion body myositis.")
    assert a == b and list(a.labels) == sorted(a.labels, key=[t.slug for t in classifier.topics].index)


def test_empty_input(classifier: Classifier) -> None:
    assert classifier.classify("", "").labels == ()


def test_operator_rules_apply(topics_file: TopicsFile) -> None:
    """Editing topics.toml changes behaviour: an operator adds a term and a veto."""
    topics = [
        t.model_copy(update={"terms": (*t.terms, "muscle fire")}) if t.slug == "autoimmune-myopathy" else t
        for t in topics_file.topics
    ]
    rules = topics_file.rules.model_copy(update={"veto": (*topics_file.rules.veto, "press release")})
    edited = Classifier.from_topics(topics_file.model_copy(update={"topics": tuple(topics), "rules": rules}))
    assert "autoimmune-myopathy" in edited.classify("Living with muscle fire", "").labels
    assert edited.classify("Myositis press release", "Dermatomyositis news.").labels == ()


# Every name and abbreviation LABELING.md lists for a disease, in a neutral sentence.
SYNONYMS = {
    "dermatomyositis": [
        "dermatomyositis",
        "juvenile dermatomyositis",
        "JDM",
        "juvenile DM",
        "CADM",
        "amyopathic DM",
        "clinically amyopathic dermatomyositis",
        "anti-MDA5 disease",
        "anti-TIF1-gamma",
        "anti-Mi-2",
        "anti-NXP2",
        "anti-SAE",
        "heliotrope rash",
        "Gottron papules",
        "Gottron's papules",
    ],
    "polymyositis": ["polymyositis"],
    "inclusion-body-myositis": ["inclusion body myositis", "IBM", "sIBM", "sporadic IBM", "anti-cN1A", "NT5C1A"],
    "necrotizing-myopathy": [
        "immune-mediated necrotizing myopathy",
        "IMNM",
        "NAM",
        "necrotizing autoimmune myopathy",
        "anti-HMGCR myopathy",
        "statin-associated autoimmune myopathy",
        "anti-SRP myopathy",
        "seronegative IMNM",
    ],
    "antisynthetase-syndrome": [
        "antisynthetase syndrome",
        "anti-synthetase syndrome",
        "ASyS",
        "anti-Jo-1",
        "anti-PL-7",
        "anti-PL-12",
        "anti-EJ",
        "anti-OJ",
        "anti-KS",
    ],
    "autoimmune-myopathy": [
        "myositis",
        "idiopathic inflammatory myopathy",
        "IIM",
        "inflammatory myopathy",
        "autoimmune myopathy",
        "overlap myositis",
        "anti-PM/Scl overlap myositis",
    ],
}


@pytest.mark.parametrize(
    "label,name", [(label, name) for label, names in SYNONYMS.items() for name in names], ids=lambda x: str(x)
)
def test_labeling_vocabulary(classifier: Classifier, label: str, name: str) -> None:
    got = classifier.classify(f"Living with {name}", "Notes from my rheumatology clinic about muscle weakness.")
    assert label in got.labels, got.why


@pytest.mark.parametrize(
    "text", ["DM foot care", "type 2 DM", "gestational DM", "PMR flare", "7 PM class", "Mechanics' hands at work"]
)
def test_labeling_look_alikes(classifier: Classifier, text: str) -> None:
    assert classifier.classify(text, "Advice from our pharmacist.").labels == ()


def test_other_disease_as_past_misdiagnosis_keeps_the_post(classifier: Classifier) -> None:
    got = classifier.classify(
        "Told it was fibromyalgia for years",
        "My aches were filed under fibromyalgia until a CK test and a biopsy showed polymyositis.",
    )
    assert {"polymyositis", "diagnosis"} <= set(got.labels), got.why
