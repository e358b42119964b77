"""Two blind sets: posts written from LABELING.md by people who never saw the rules.

Held out, they scored macro-F1 0.955 and 0.951 (off-topic accuracy 1.000 both);
their error lists then prompted general rule fixes, so today they guard against
regressions rather than measure generalization. Run with -s for the tables.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from myofeed.classify import Classifier

from .scoring import LABELS, PARENTS, errors, load_jsonl, score

DATA = Path(__file__).resolve().parents[1] / "data"
SETS = {"blind1": DATA / "classify-blind" / "posts.jsonl", "blind2": DATA / "classify-blind2" / "posts.jsonl"}
FIELDS = {"id", "title", "summary", "author", "published", "comments", "source", "labels", "note"}
ASPECTS = {"diagnosis", "treatment", "living-with", "research"}
MIN_MACRO_F1 = 0.97  # the target is 0.92 on unseen posts
MIN_OFFTOPIC = 0.97  # target 0.95


@pytest.mark.parametrize("name", SETS)
def test_records_follow_the_labeling_rules(name: str) -> None:
    records = load_jsonl(SETS[name])
    assert len({r["id"] for r in records}) == len(records) >= 100
    for r in records:
        labels = set(r["labels"])
        assert set(r) == FIELDS and labels <= set(LABELS), r["id"]
        assert not labels & ASPECTS or labels - ASPECTS, f"{r['id']}: an aspect needs a disease label"
        assert not ("autoimmune-myopathy" in labels and labels & set(PARENTS)), f"{r['id']}: direct labels only"


@pytest.mark.parametrize("name", SETS)
def test_blind_scores(name: str, classifier: Classifier) -> None:
    records = load_jsonl(SETS[name])
    pred = [classifier.classify(r["title"], r["summary"]).labels for r in records]
    report = score([r["labels"] for r in records], pred)
    summary = report.table(name) + "\n" + "\n".join(errors(records, pred))
    print("\n" + summary)
    assert report.macro_f1 >= MIN_MACRO_F1, summary
    assert report.offtopic_accuracy >= MIN_OFFTOPIC, summary
