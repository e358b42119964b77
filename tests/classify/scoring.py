"""Scoring helpers for the data-driven classification tests (and the dev loop).

Gold records list direct labels only (LABELING.md); both sides are expanded to
their parents before scoring, as the evaluator does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from myofeed.types import Classification

LABELS = (
    "autoimmune-myopathy",
    "dermatomyositis",
    "polymyositis",
    "inclusion-body-myositis",
    "necrotizing-myopathy",
    "antisynthetase-syndrome",
    "diagnosis",
    "treatment",
    "living-with",
    "research",
)
PARENTS = {
    "dermatomyositis": "autoimmune-myopathy",
    "polymyositis": "autoimmune-myopathy",
    "inclusion-body-myositis": "autoimmune-myopathy",
    "necrotizing-myopathy": "autoimmune-myopathy",
    "antisynthetase-syndrome": "autoimmune-myopathy",
}
REPO = Path(__file__).resolve().parents[2]


def _shared() -> Path:
    """../shared beside the checkout; a worktree nested deeper (wt/NAME) finds it further up, as
    tests/conftest.py does (without this, a worktree skipped every topics-dev test)."""
    for parent in REPO.parents:
        if (parent / "shared" / "datasets").is_dir():
            return parent / "shared"
    return REPO.parent / "shared"


DATASETS = _shared() / "datasets"
DEV = DATASETS / "topics-dev.jsonl"
OWN = Path(__file__).resolve().parent / "data"


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def expand(labels: Iterable[str]) -> frozenset[str]:
    out = set(labels)
    out.update(PARENTS[x] for x in list(out) if x in PARENTS)
    return frozenset(out)


def held_out(record_id: str) -> bool:
    """A fixed third of topics-dev, chosen by hash: never looked at while writing rules."""
    return int(hashlib.md5(record_id.encode()).hexdigest(), 16) % 3 == 0


@dataclass
class Report:
    per_label: dict[str, tuple[float, float, float, int]]  # P, R, F1, support
    macro_f1: float
    offtopic_accuracy: float  # on/off-topic decision correct, over all posts
    offtopic_recall: float  # gold off-topic posts predicted off-topic
    n: int

    def table(self, name: str = "") -> str:
        lines = [f"{name} n={self.n}", f"{'label':<26}{'P':>6}{'R':>6}{'F1':>6}{'n':>5}"]
        for label, (p, r, f, s) in self.per_label.items():
            lines.append(f"{label:<26}{p:6.2f}{r:6.2f}{f:6.2f}{s:5d}")
        lines.append(
            f"macro-F1 {self.macro_f1:.3f}  off-topic accuracy {self.offtopic_accuracy:.3f}"
            f"  off-topic recall {self.offtopic_recall:.3f}"
        )
        return "\n".join(lines)


def score(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]]) -> Report:
    g = [expand(x) for x in gold]
    p = [expand(x) for x in pred]
    per: dict[str, tuple[float, float, float, int]] = {}
    for label in LABELS:
        tp = sum(1 for a, b in zip(g, p, strict=True) if label in a and label in b)
        fp = sum(1 for a, b in zip(g, p, strict=True) if label not in a and label in b)
        fn = sum(1 for a, b in zip(g, p, strict=True) if label in a and label not in b)
        prec = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
        rec = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[label] = (prec, rec, f1, tp + fn)
    macro = sum(v[2] for v in per.values()) / len(per)
    agree = sum(1 for a, b in zip(g, p, strict=True) if bool(a) == bool(b))
    off = [(a, b) for a, b in zip(g, p, strict=True) if not a]
    off_rec = sum(1 for a, b in off if not b) / len(off) if off else 1.0
    return Report(per, macro, agree / len(g) if g else 1.0, off_rec, len(g))


def errors(records: Sequence[Mapping], pred: Sequence[Iterable[str]]) -> list[str]:
    out = []
    for r, p in zip(records, pred, strict=True):
        g, q = expand(r["labels"]), expand(p)
        if g != q:
            out.append(f"{r['id']} missing={sorted(g - q)} extra={sorted(q - g)} | {r['title']}")
    return out


def assert_reads(got: Classification, want: set[str], evidence: tuple[str, str] | None) -> None:
    """A pattern case read as expected: exactly `want`, every label with its evidence, and where the case
    names one, that evidence line among its label's."""
    assert set(got.labels) == want, got.why
    assert all(got.why[label] for label in got.labels)  # every label keeps its evidence
    if evidence:
        label, text = evidence
        assert text in got.why[label], got.why[label]
