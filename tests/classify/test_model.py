"""The learned layer for the aspect labels (classify/model.py, fitted by scripts/train_aspects.py).

What is checked: the fast feature lookup is the training features exactly; the layer adds an aspect
the rules missed and removes one they gave, on posts of our own making written for these tests (not
in the training data), with evidence a reader can follow; it never touches a disease label or an
off-topic post; on the held-out third of the training posts it beats the rules; and re-fitting from
the committed data gives the committed weights.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from myofeed.classify import Classifier
from myofeed.classify.matcher import Tokens
from myofeed.classify.model import MIN_WORDS, AspectModel, decide, features, load, probabilities
from myofeed.cli import cli
from myofeed.config import TopicsFile, load_topics
from myofeed.exceptions import ConfigError
from myofeed.publish.why import reasons

from ..conftest import TOPICS, write_config
from .scoring import DEV, OWN, REPO, load_jsonl, score

ASPECTS = ("diagnosis", "treatment", "living-with", "research")
TRAINING = REPO / "tests" / "classify" / "training"
SCRIPT = REPO / "scripts" / "train_aspects.py"
MODEL = load("aspects-v7")


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("train_aspects", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_aspects"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rules(topics_file: TopicsFile) -> Classifier:
    return Classifier.from_topics(topics_file.model_copy(update={"model": None}))


def _records() -> list[dict]:
    records = [r for path in sorted(OWN.glob("*.jsonl")) for r in load_jsonl(path)]
    records += [r for path in sorted(TRAINING.glob("*.jsonl")) for r in load_jsonl(path)]
    return records + (load_jsonl(DEV) if DEV.exists() else [])


def test_the_shipped_topics_turn_the_layer_on(classifier: Classifier, rules: Classifier) -> None:
    assert classifier.model is not None and classifier.model.name == "aspects-v7"
    assert rules.model is None


def test_fast_lookup_sees_the_training_features() -> None:
    """probabilities() sums weights through caches; the training script reads features(): the same
    numbers for every post we have, and for odd text (digits, apostrophes, no title, Unicode)."""
    odd = [("", "IBM: 61 people, 2 years"), ("Mechanic's hands", "anti-Jo-1 ... ASyS; ILD?"), ("Ünïcode ²", "x\u2019s")]
    posts = [(r["title"], r["summary"]) for r in _records()] + odd
    for _ in range(2):  # cold caches, then warm
        for title, summary in posts:
            toks = Tokens(title, summary)
            values = features(toks)
            sums = [
                b + sum(v * MODEL.weights[f][k] for f, v in values.items() if f in MODEL.weights)
                for k, b in enumerate(MODEL.bias)
            ]
            known = {f for f in values if f in MODEL.weights and not f.startswith("T:")}
            known |= {f[2:] for f in values if f in MODEL.weights and f.startswith("T:")}
            got = probabilities(MODEL, toks)
            if len(known) < MIN_WORDS:
                assert got is None, title
                continue
            assert got == pytest.approx([1 / (1 + math.exp(-x)) for x in sums], abs=1e-9), title


def test_decide_adds_above_and_removes_below() -> None:
    model = AspectModel(
        "t", ("diagnosis", "research"), (0.0, 0.0), {}, add_above=(0.7, 0.5), add_beside=(0.9, 0.5), remove_below=(0.1, 0.2)
    )
    assert decide(model, [0.75, 0.1], {"dermatomyositis"}) == ([0], [])  # nothing given: 0.75 >= 0.7
    assert decide(model, [0.75, 0.6], {"research"}) == ([], [])  # beside research, diagnosis needs 0.9
    assert decide(model, [0.95, 0.15], {"research"}) == ([0], [1])  # sure of diagnosis, research below 0.2
    assert decide(model, [0.05, 0.3], {"diagnosis", "research"}) == ([], [0])


def _toy(weights: dict[str, tuple[float, ...]], post: tuple[str, str], remove_below: float = 0.0) -> AspectModel:
    """A hand-made model over the four aspects (add at 0.5, remove below `remove_below`) that knows
    every word of `post` (a tiny weight against every aspect: it judges the post, and adds nothing
    by itself) and weighs `weights` on top."""
    known = {w: (-0.0001,) * 4 for w in features(Tokens(*post))}
    return AspectModel("toy", ASPECTS, (0.0,) * 4, {**known, **weights}, (0.5,) * 4, (0.5,) * 4, (remove_below,) * 4)


def test_weak_words_and_names_are_never_a_labels_evidence(topics_file: TopicsFile) -> None:
    """Pronouns, function words and numbers have no feature; the disease's names have weights but are
    not quoted, and an aspect only they would explain is not added."""
    post = (
        "My myositis and my life",
        "I have had inclusion body myositis for 12 years; my family, my garden and my choir keep me going most weeks.",
    )
    assert not {"my", "i", "and", "for", "#", "me"} & set(features(Tokens(*post)))
    assert probabilities(_toy({}, post), Tokens(*post)) is not None  # it judges this post
    rules_only = topics_file.model_copy(update={"model": None})
    names = {w: (0.0, 0.0, 0.0, 3.0) for w in ("myositis", "inclusion", "body", "T:myositis")}
    got = Classifier(rules_only, model=_toy(names, post)).classify(*post)
    assert "research" not in got.labels and not any(e.startswith("model") for v in got.why.values() for e in v), got.why
    readable = _toy({**names, "family": (0.0, 0.0, 0.0, 0.5)}, post)
    (evidence,) = Classifier(rules_only, model=readable).classify(*post).why["research"]
    assert evidence.startswith("model 'family' (p="), evidence  # the names weighed more, and are not quoted


def test_a_key_term_is_never_removed_by_the_model(topics_file: TopicsFile, rules: Classifier) -> None:
    """A named drug (a key term) or a trial-of-a-therapy combo is the rules' firmest evidence: a model
    sure the aspect is absent (probability 0.5, below a removal bar of 0.9) leaves it; an aspect from
    weaker words it removes."""
    rules_only = topics_file.model_copy(update={"model": None})
    drug = ("Rituximab for antisynthetase syndrome", "Two infusions two weeks apart, then every six months; what the nurse checks each time and why.")
    sure = Classifier(rules_only, model=_toy({}, drug, remove_below=0.9))
    assert "treatment" in rules.classify(*drug).labels and "treatment" in sure.firm_aspects(*drug)
    assert sure.classify(*drug).why["treatment"] == rules.classify(*drug).why["treatment"]
    weak = ("Dose questions for my polymyositis", "How do you remember the tablets on busy days? My routine keeps slipping when work gets hectic.")
    sure = Classifier(rules_only, model=_toy({}, weak, remove_below=0.9))
    assert "treatment" in rules.classify(*weak).labels and "treatment" not in sure.firm_aspects(*weak)
    assert "treatment" not in sure.classify(*weak).labels


# Posts of our own making, written for these tests (in no training set): the rules miss the aspect.
ADDED = [
    pytest.param(
        "We walked for myositis",
        "Forty members, one lake, and 3,000 raised for the association's family fund for inclusion body myositis.",
        "living-with",
        id="community-walk",
    ),
    pytest.param(
        # (no first person: "Ten things I pack ... my myositis ... I bring" is the rules' voice since the
        # thirteenth round, the title's words counted)
        "Ten things to pack for a hospital stay",
        "Long infusion days with myositis mean a blanket, chargers and snacks.",
        "living-with",
        id="packing-list",
    ),
    pytest.param(
        "Necrotizing myopathy after years of atorvastatin in an elderly man",
        # (no CK since session 12: with it, the rules give diagnosis, which the layer then drops beside the research it
        # adds, a case's presentation; this test is about an aspect added, every other label left as it was)
        "An 81-year-old developed proximal weakness and anti-HMGCR antibodies; he improved on IVIG.",
        "research",
        id="case-report-without-a-publication-word",
    ),
]


@pytest.mark.parametrize(("title", "summary", "aspect"), ADDED)
def test_the_model_adds_an_aspect_the_rules_missed(
    classifier: Classifier, rules: Classifier, title: str, summary: str, aspect: str
) -> None:
    before = rules.classify(title, summary)
    got = classifier.classify(title, summary)
    assert aspect not in before.labels and aspect in got.labels, got.why
    (evidence,) = got.why[aspect]
    found = re.fullmatch(r"model ((?:'[^']+'|\"[^\"]+\")(?:, (?:'[^']+'|\"[^\"]+\"))*) \(p=(0\.\d\d|1\.00)\)", evidence)
    assert found, evidence
    words = re.findall(r"'([^']+)'|\"([^\"]+)\"", found.group(1))
    for word in (a or b for a, b in words):
        assert word in title or word in summary, (word, evidence)  # quoted as the post wrote it
    # every other label as the rules gave it, evidence and all
    assert {k: v for k, v in got.why.items() if k != aspect} == {k: v for k, v in before.why.items() if k != aspect}


def test_the_model_removes_an_aspect_it_is_sure_is_absent(classifier: Classifier, rules: Classifier) -> None:
    title = "How I finally got a name for my weakness"
    summary = (
        "Two years of being told it was my age. Then a neurologist ordered a CK and a muscle biopsy, and the word"
        " was polymyositis. A research nurse later asked if I would join their registry."
    )
    before = rules.classify(title, summary)
    got = classifier.classify(title, summary)
    assert "research" in before.labels and "research" not in got.labels  # a registry named in passing
    assert got.why["diagnosis"] == before.why["diagnosis"]
    assert set(got.labels) == set(before.labels) - {"research"}


def test_a_headline_alone_is_the_rules_alone(classifier: Classifier, rules: Classifier) -> None:
    """Too few words for the model (fewer than MIN_WORDS it knows): it abstains. Fitted on teasers of
    1-3 sentences, it would read 'early' in a five-word headline as an early-phase trial."""
    title = "Dermatomyositis rash: an early note"
    assert probabilities(MODEL, Tokens(title, title)) is None
    assert classifier.classify(title, title) == rules.classify(title, title)


def test_diseases_and_off_topic_posts_are_the_rules_alone(classifier: Classifier, rules: Classifier) -> None:
    changed = 0
    for r in _records():
        got, before = classifier.classify(r["title"], r["summary"]), rules.classify(r["title"], r["summary"])
        if not before.labels:
            assert got.labels == () and got.why == {}, r["id"]
            continue
        assert [x for x in got.labels if x not in ASPECTS] == [x for x in before.labels if x not in ASPECTS], r["id"]
        assert all(got.why[x] for x in got.labels), r["id"]  # every label explained
        changed += got.labels != before.labels
    assert changed  # the layer does something


def test_why_here_and_the_cli_show_the_model_words(tmp_path: Path, classifier: Classifier) -> None:
    title, summary, _ = ADDED[0].values
    got = classifier.classify(title, summary)
    (reason,) = [r for r in reasons(got.why, got.labels, {}) if r.slug == "living-with"]
    assert reason.quoted and reason.because and all(w in summary or w in title for w in reason.because)
    cfg = write_config(tmp_path)
    line = json.dumps({"id": 7, "title": title, "summary": summary}) + "\n"
    out = CliRunner().invoke(cli, ["--config", str(cfg), "classify"], input=line)
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["why"]["living-with"] == list(got.why["living-with"])
    text = CliRunner().invoke(cli, ["--config", str(cfg), "classify", "--format", "text"], input=line)
    assert "living-with: model '" in text.stdout


@pytest.mark.parametrize("name", ["aspects-v99", "wordcount-v1", "aspects"])
def test_an_unknown_model_is_a_config_error_naming_the_key(tmp_path: Path, name: str) -> None:
    # a version newer than any shipped (a topics file from a later release), another family, no version
    path = tmp_path / "topics.toml"
    path.write_text(TOPICS.read_text(encoding="utf-8").replace('aspects = "aspects-v7"', f'aspects = "{name}"'))
    with pytest.raises(ConfigError, match=rf"model.*{name}"):
        load_topics(path)


@pytest.mark.parametrize("retired", ["aspects-v1", "aspects-v2", "aspects-v3", "aspects-v4", "aspects-v5", "aspects-v6"])
def test_a_retired_model_named_by_an_earlier_release_loads_its_successor(
        tmp_path: Path, retired: str, caplog: pytest.LogCaptureFixture) -> None:
    # an operator's topics file from an earlier release names the model it shipped: the upgrade must not
    # stop the service; the newest model of that family decides, and the log says what to write instead
    path = tmp_path / "topics.toml"
    path.write_text(TOPICS.read_text(encoding="utf-8").replace('aspects = "aspects-v7"', f'aspects = "{retired}"'))
    topics = load_topics(path)
    load.cache_clear()
    with caplog.at_level("WARNING", logger="myofeed.classify"):
        classifier = Classifier.from_topics(topics)
    assert classifier.model is not None and classifier.model.name == "aspects-v7"
    assert f"model '{retired}' is retired: using 'aspects-v7'" in caplog.text


def test_a_taxonomy_without_an_aspect_keeps_the_model_off_it(topics_file: TopicsFile) -> None:
    """An operator removes the living-with topic and keeps [model]: valid, and the model adds it nowhere."""
    topics = tuple(t for t in topics_file.topics if t.slug != "living-with")
    classifier = Classifier.from_topics(topics_file.model_copy(update={"topics": topics}))
    title, summary, _ = ADDED[0].values
    assert classifier.model is not None
    assert "living-with" not in classifier.classify(title, summary).labels
    assert classifier.model.add_above[2] == 2.0 and classifier.model.remove_below[2] == 0.0  # never reached
    assert classifier.model.add_above[:2] == MODEL.add_above[:2]


def test_on_the_held_out_thirds_the_combination_beats_the_rules(classifier: Classifier, rules: Classifier) -> None:
    """The held-out thirds of train-posts-4, -5 and -6 (never fitted or tuned on):
    scripts/train_aspects.py --evaluate. Measured with aspects-v4 (seventh round's rules), all 218
    together: rules 0.903 -> rules + model 0.928 (aspects-v3 on the sixth round's rules: 0.904 -> 0.928);
    train-posts-4's third alone 0.898 -> 0.917, train-posts-5's 0.927 -> 0.957. Aspects-v5 (eighth round's
    rules): train-posts-4's third 0.902 -> 0.919, -5's 0.927 -> 0.957, -6's 0.783 -> 0.830."""
    script = _script()
    test = [r for path in script.HELD for r in load_jsonl(path) if script.held_out(r["id"])]
    gold = [r["labels"] for r in test]
    alone = score(gold, [rules.classify(r["title"], r["summary"]).labels for r in test])
    both = score(gold, [classifier.classify(r["title"], r["summary"]).labels for r in test])
    assert len(test) >= 200
    assert both.macro_f1 >= alone.macro_f1 + 0.02, (alone.table(), both.table())
    assert both.offtopic_accuracy == alone.offtopic_accuracy
    gain = [both.per_label[a][2] - alone.per_label[a][2] for a in ASPECTS]
    assert sum(gain) / len(gain) >= 0.04, gain
    assert min(gain) >= 0.0, gain  # no aspect worse


@pytest.mark.slow
@pytest.mark.skipif(not DEV.exists(), reason="shared dataset topics-dev.jsonl (training data) not available")
def test_retraining_from_the_committed_data_reproduces_the_weights() -> None:
    pytest.importorskip("sklearn")
    script = _script()
    refit, _ = script.train()
    assert (refit.add_above, refit.add_beside, refit.remove_below) == (
        MODEL.add_above,
        MODEL.add_beside,
        MODEL.remove_below,
    )
    assert refit.bias == pytest.approx(MODEL.bias, abs=1e-3)
    assert set(refit.weights) == set(MODEL.weights)
    assert max(abs(a - b) for f, row in refit.weights.items() for a, b in zip(row, MODEL.weights[f], strict=True)) < 1e-3
    # the same decisions on every post of the dev set
    for r in load_jsonl(DEV):
        toks = Tokens(r["title"], r["summary"])
        new, old = probabilities(refit, toks), probabilities(MODEL, toks)
        assert (new is None) == (old is None), r["id"]
        for given in (set(), set(ASPECTS[:2]), set(ASPECTS[2:])):
            if new is not None and old is not None:
                assert decide(refit, new, given) == decide(MODEL, old, given), r["id"]
