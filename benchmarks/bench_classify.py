"""Classification throughput: posts/second over topics-dev repeated (target >= 20,000/s).

The reference, measured in the same run, is a plain keyword-list classifier (one
lower-cased substring test per keyword per topic): the cheapest thing that could
work, so the ratio shows what the explainable rules cost on top of it.
"""

from __future__ import annotations

import json
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from myofeed.classify import Classifier
from myofeed.config import TopicsFile

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / ".." / "shared" / "datasets" / "topics-dev.jsonl"
OWN = REPO / "tests" / "classify" / "data" / "own-posts.jsonl"
TARGET = 20_000
N = 30_000

KEYWORDS = {
    "autoimmune-myopathy": ("myositis", "inflammatory myopathy", "autoimmune myopathy"),
    "dermatomyositis": ("dermatomyositis", "jdm", "heliotrope", "gottron"),
    "polymyositis": ("polymyositis",),
    "inclusion-body-myositis": ("inclusion body myositis", "ibm"),
    "necrotizing-myopathy": ("necrotizing myopathy", "imnm", "hmgcr", "srp"),
    "antisynthetase-syndrome": ("antisynthetase", "jo-1", "asys"),
    "diagnosis": ("diagnos", "biopsy", "emg", "mri", "antibod", "ck "),
    "treatment": ("treatment", "prednisone", "methotrexate", "ivig", "rituximab", "steroid"),
    "living-with": ("living with", "exercise", "fatigue", "work", "school", "support group"),
    "research": ("trial", "study", "registry", "researchers", "cohort"),
}


def keyword_classify(title: str, summary: str) -> tuple[str, ...]:
    text = (title + " " + summary).lower()
    return tuple(label for label, words in KEYWORDS.items() if any(w in text for w in words))


def rate(fn: Callable[[str, str], object], posts: list[tuple[str, str]]) -> float:
    best = 0.0
    for _ in range(3):  # best of three: the machine is shared
        start = time.perf_counter()
        for title, summary in posts:
            fn(title, summary)
        best = max(best, len(posts) / (time.perf_counter() - start))
    return best


def main() -> int:
    source = DEV if DEV.exists() else OWN
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    posts = [(r["title"], r["summary"]) for r in records]
    posts = (posts * (N // len(posts) + 1))[:N]
    with open(REPO / "config" / "topics.toml", "rb") as fh:
        topics = TopicsFile.model_validate(tomllib.load(fh))
    start = time.perf_counter()
    classifier = Classifier.from_topics(topics)
    build_ms = (time.perf_counter() - start) * 1000
    ours = rate(lambda t, s: classifier.classify(t, s), posts)
    ref = rate(keyword_classify, posts)
    print(f"posts: {len(records)} from {source.name}, repeated to {len(posts)}; rules compiled in {build_ms:.1f} ms")
    print(f"myofeed rules     {ours:10,.0f} posts/s   (target >= {TARGET:,})")
    print(f"keyword list ref  {ref:10,.0f} posts/s   ratio rules/ref = {ours / ref:.2f}x")
    return 0 if ours >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
