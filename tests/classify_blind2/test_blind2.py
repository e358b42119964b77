"""Second independent blind evaluation of the topic classifier.

Gold data: tests/data/classify-blind2/posts.jsonl (120 hand-written records,
direct labels per /work/shared/datasets/LABELING.md). Scoring mirrors the
evaluator: gold and predicted subtypes are both expanded to include the
parent `autoimmune-myopathy`, then per-label P/R/F1 over the ten labels,
macro-F1, and off-topic accuracy.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "classify-blind2" / "posts.jsonl"
CONFIG = "/work/main/config/myofeed.toml"

PARENT = "autoimmune-myopathy"
SUBTYPES = [
    "dermatomyositis",
    "polymyositis",
    "inclusion-body-myositis",
    "necrotizing-myopathy",
    "antisynthetase-syndrome",
]
ASPECTS = ["diagnosis", "treatment", "living-with", "research"]
LABELS = [PARENT, *SUBTYPES, *ASPECTS]

MIN_MACRO_F1 = 0.97  # held out it scored 0.951; tuned since
MIN_OFFTOPIC_ACC = 0.97


def _expand(labels) -> set[str]:
    s = {l for l in labels if l in LABELS}
    if s & set(SUBTYPES):
        s.add(PARENT)
    return s


def _load_records() -> list[dict]:
    with DATA.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def results():
    from myofeed.classify import Classifier
    from myofeed.config import load_config

    config = load_config(CONFIG)
    clf = Classifier.from_topics(config.topics_file)
    out = []
    for rec in _load_records():
        pred = clf.classify(rec["title"], rec["summary"]).labels
        out.append((rec, _expand(rec["labels"]), _expand(pred)))
    return out


def _score(results):
    table = {}
    for lab in LABELS:
        tp = sum(1 for _, g, p in results if lab in g and lab in p)
        fp = sum(1 for _, g, p in results if lab not in g and lab in p)
        fn = sum(1 for _, g, p in results if lab in g and lab not in p)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        table[lab] = (tp, fp, fn, prec, rec, f1)
    macro = sum(v[5] for v in table.values()) / len(LABELS)
    off = [(g, p) for _, g, p in results if not g]
    off_acc = sum(1 for _, p in off if not p) / len(off) if off else 1.0
    return table, macro, off_acc


def _report(results, table, macro, off_acc) -> str:
    lines = [f"{'label':26s} {'tp':>3s} {'fp':>3s} {'fn':>3s} {'P':>6s} {'R':>6s} {'F1':>6s}"]
    for lab, (tp, fp, fn, p, r, f) in table.items():
        lines.append(f"{lab:26s} {tp:3d} {fp:3d} {fn:3d} {p:6.3f} {r:6.3f} {f:6.3f}")
    lines.append(f"macro-F1 = {macro:.4f}   off-topic accuracy = {off_acc:.4f}")
    exact = sum(1 for _, g, p in results if g == p)
    lines.append(f"exact-match records = {exact}/{len(results)}")
    lines.append("misclassified records:")
    for rec, g, p in results:
        if g != p:
            lines.append(
                f"  {rec['id']}: missing={sorted(g - p)} extra={sorted(p - g)} | {rec['title']}"
            )
    return "\n".join(lines)


def test_dataset_shape():
    recs = _load_records()
    assert len(recs) == 120
    assert len({r["id"] for r in recs}) == 120
    for r in recs:
        assert set(r) == {"id", "title", "summary", "author", "published",
                          "comments", "source", "labels", "note"}
        assert set(r["labels"]) <= set(LABELS), r["id"]
        if set(r["labels"]) & set(ASPECTS):
            assert set(r["labels"]) & ({PARENT} | set(SUBTYPES)), r["id"]


def test_blind2_scores(results):
    table, macro, off_acc = _score(results)
    print()
    print(_report(results, table, macro, off_acc))
    assert macro >= MIN_MACRO_F1, f"macro-F1 {macro:.4f} < {MIN_MACRO_F1}"
    assert off_acc >= MIN_OFFTOPIC_ACC, f"off-topic accuracy {off_acc:.4f} < {MIN_OFFTOPIC_ACC}"
