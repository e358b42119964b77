"""Frozen outputs: every label and evidence string for ~1,300 inputs, as the classifier gave them
when the fixture was made (frozen/outputs.json, against the frozen rules frozen/topics.toml).

Speed work on the matcher and the rule engine must not change a single result. A deliberate
change of behaviour regenerates the fixture with frozen/make_outputs.py (and says so in the commit).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from myofeed.classify import Classifier

from .frozen.make_outputs import load_topics

FROZEN = Path(__file__).resolve().parent / "frozen"


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return json.loads((FROZEN / "outputs.json").read_text(encoding="utf-8"))


def _run(classifier: Classifier, case: dict) -> dict:
    got = classifier.classify(case["title"], case["summary"], case.get("categories", ()))
    return {"labels": list(got.labels), "why": {k: list(v) for k, v in got.why.items()}}


def test_outputs_are_unchanged(cases: list[dict]) -> None:
    classifier = Classifier.from_topics(load_topics())
    for _ in range(2):  # a cold pass, then one with the per-word caches warm
        diffs = [
            (n, c, got)
            for n, c in enumerate(cases)
            if (got := _run(classifier, c)) != {k: c[k] for k in ("labels", "why")}
        ]
        assert not diffs, (
            f"{len(diffs)} of {len(cases)} changed; first: case {diffs[0][0]} {diffs[0][1]} -> {diffs[0][2]}"
        )


def test_fixture_covers_every_kind_of_evidence(cases: list[dict]) -> None:
    evidence = [e for c in cases for items in c["why"].values() for e in items]
    prefixes = ("term ", "cue ", "abbrev ", "combo ", "category ", "parent of ", "overview of ")
    prefixes += ("therapy ", "kind of publication ", "daily life ", "subject of the title ", "story title ")
    prefixes += ("personal or community voice ", "member of a list ")
    for prefix in prefixes:
        assert any(e.startswith(prefix) for e in evidence), prefix
    assert any(e.endswith(" in title") for e in evidence)
    assert sum(1 for c in cases if not c["labels"]) > 100  # off-topic inputs stay off-topic
