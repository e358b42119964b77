"""Check that a change to the classifier's code leaves every label and every evidence string as it was.

Classifies the same posts with the code of a git revision (exported to a temporary directory) and with
the working tree's, both with the working tree's config/topics.toml, and compares the outputs exactly:
topics-dev.jsonl, every .jsonl under tests/classify, and the bench's long posts (bench_scale's corpus).
For speed work, where the outputs must not move (docs/classification.md, Speed).

    .venv/bin/python scripts/classify_identity.py [REV]     # REV: default main; exit 1 on any difference
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from _identity import dumps_old_and_new

REPO = Path(__file__).resolve().parents[1]
LONG = 1_000


def posts() -> list[tuple[str, str, list[str]]]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_classify import DEV, long_posts

    files = [DEV, *sorted((REPO / "tests" / "classify").rglob("*.jsonl"))]
    out = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.append((r.get("title", ""), r.get("summary", ""), list(r.get("categories", ()))))
    return out + [(t, s, []) for t, s in long_posts(LONG)]


def dump(target: str) -> None:
    """Child mode: classify every post with the myofeed on sys.path, one JSON line each."""
    import tomllib

    from myofeed.classify import Classifier
    from myofeed.config import TopicsFile

    with open(REPO / "config" / "topics.toml", "rb") as fh:
        topics = TopicsFile.model_validate(tomllib.load(fh))
    # both the shipped setting (with the learned layer) and the rules alone
    classifiers = [Classifier.from_topics(topics), Classifier.from_topics(topics.model_copy(update={"model": None}))]
    with open(target, "w", encoding="utf-8") as out:
        for title, summary, cats in posts():
            for c in classifiers:
                got = c.classify(title, summary, cats)
                out.write(json.dumps([got.labels, got.why]) + "\n")


def main() -> int:
    rev = sys.argv[1] if len(sys.argv) > 1 else "main"
    old, new = dumps_old_and_new(__file__, rev)
    diffs = [k for k, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    print(
        f"{len(old)} classifications ({len(old) // 2} posts, with the layer and the rules alone): "
        f"{len(diffs)} differ from {rev}"
    )
    for k in diffs[:10]:
        print(f"  post {k // 2}:\n    {rev}: {old[k]}\n    now: {new[k]}")
    return 1 if diffs else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--dump"]:
        dump(sys.argv[2])
    else:
        sys.exit(main())
