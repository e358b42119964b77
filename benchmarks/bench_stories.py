"""Cross-source duplicates: what finding a post's story costs, and where the threshold sits.

1. Per post: the fingerprint alone (normalizing, 2-shingles, MinHash in datasketch's scheme, 32 band keys), in
   microseconds.
2. Storing: record_fetch of batches of 50 new posts into a SQLite database already holding
   --stored posts of other sources, with story linking (band lookups, confirmation, primaries)
   against the same writes with linking switched off, in the same run: the ratio is what linking
   adds to the write.
3. The threshold: Jaccard of the 2-shingle sets of every pair of distinct labeled posts in the
   classifier's data sets (different stories) against copies with 3 and 5 words edited (the same
   story), so the chosen THRESHOLD can be checked against data.

    .venv/bin/python benchmarks/bench_stories.py [--stored N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from myofeed import stories
from myofeed._types import FetchOutcome, PostWrite
from myofeed.store import open_storage
from myofeed.store.stories import StoriesMixin
from myofeed.types import Source

REPO = Path(__file__).resolve().parents[1]
DATA = [REPO / ".." / "shared" / "datasets" / "topics-dev.jsonl",
        *sorted((REPO / "tests" / "data").glob("classify-blind*/posts.jsonl")),
        *sorted((REPO / "tests" / "classify" / "data").glob("*.jsonl"))]
NOW = datetime(2025, 11, 21, tzinfo=UTC)
BATCH = 50


def labeled_posts() -> list[tuple[str, str]]:
    out: dict[tuple[str, str], None] = {}
    for path in DATA:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                if "title" in d:
                    out[(d["title"], d.get("summary") or "")] = None
    return list(out)


def edit(words: list[str], n: int, rnd: random.Random) -> list[str]:
    out = list(words)
    for _ in range(n):
        op, at = rnd.random(), rnd.randrange(len(out))
        if op < 0.4:
            out[at] = f"x{rnd.random()}"
        elif op < 0.7 and len(out) > 1:
            del out[at]
        else:
            out.insert(at, f"y{rnd.random()}")
    return out


def thresholds(posts: list[tuple[str, str]]) -> None:
    sets = [stories.shingles(stories.words(t) + stories.words(s)) for t, s in posts]
    pairs = sorted(((stories.jaccard(sets[i], sets[j]), i, j) for i, j in itertools.combinations(range(len(sets)), 2)),
                   reverse=True)
    above = [(i, j) for v, i, j in pairs if v >= stories.THRESHOLD]
    merged = sum(stories.same_story(stories.fingerprint(*posts[i], None), stories.fingerprint(*posts[j], None))
                 for i, j in above)
    print(f"threshold: {len(posts)} distinct labeled posts, {len(pairs):,} pairs of different stories:"
          f" highest Jaccard {pairs[0][0]:.3f}, 10th {pairs[9][0]:.3f}; pairs at or above {stories.THRESHOLD}:"
          f" {len(above)}, of which one story by every rule (titles too): {merged}")
    rnd = random.Random(1)
    for n in (3, 5):
        same = sorted(stories.jaccard(s, stories.shingles(edit(stories.words(t) + stories.words(x), n, rnd)))
                      for (t, x), s in zip(posts, sets, strict=True) if len(s) >= 15)
        caught = sum(v >= stories.THRESHOLD for v in same) / len(same)
        print(f"threshold: copies with {n} words edited: 5th percentile {same[len(same) // 20]:.3f},"
              f" median {statistics.median(same):.3f}; at or above {stories.THRESHOLD}: {caught:.1%}")


def per_post(posts: list[tuple[str, str]]) -> float:
    stories.fingerprint("warm", "up the permutations", None)
    n = 0
    start = time.perf_counter()
    for _ in range(3):
        for title, summary in posts:
            stories.fingerprint(title, summary, "https://news.example/a?utm_source=x")
            n += 1
    return (time.perf_counter() - start) / n * 1e6


def writes(vocabulary: list[str], source: str, start: int, count: int) -> list[PostWrite]:
    """Posts of the labeled posts' words drawn at random: each its own story, as most posts are."""
    rnd = random.Random(start)
    out = []
    for i in range(start, start + count):
        title = " ".join(rnd.choices(vocabulary, k=8))
        summary = " ".join(rnd.choices(vocabulary, k=35))
        out.append(PostWrite(
            dedup_key=f"{source}-{i}", title=title, url=f"https://{source}.example/{i}", author=None,
            published=None, sort_key=NOW - timedelta(minutes=i), comments=None, summary=summary,
            summary_html=None, guid=None, categories=(), labels=("dermatomyositis",), evidence={},
            story=stories.story_print(title, summary, f"https://{source}.example/{i}")))  # as a parse worker sends it
    return out


def store_batches(vocabulary: list[str], stored: int, tmp: Path) -> tuple[float, float]:
    """Seconds per post of record_fetch for 20 batches of BATCH new posts after `stored` posts, with story
    linking and without (the reference): two databases, batches taken in turn, so a busy machine slows
    both alike."""
    original = StoriesMixin._link_stories
    stores = {linking: open_storage(tmp / f"{linking}.db") for linking in (True, False)}
    ok = FetchOutcome(ok=True, at=NOW, next_due=NOW)
    spent = {True: 0.0, False: 0.0}

    def linking_is(on: bool) -> None:
        StoriesMixin._link_stories = original if on else (lambda self, tx, ids, written=None: None)  # type: ignore[method-assign]

    try:
        for linking, store in stores.items():
            linking_is(linking)
            store.sync_sources([Source("old", "https://old.example/"), Source("new", "https://new.example/")], NOW)
            for start in range(0, stored, 1000):
                store.record_fetch("old", ok, writes(vocabulary, "old", start, 1000))
        for b in range(20):
            batch = writes(vocabulary, "new", 10_000_000 + b * BATCH, BATCH)
            for linking, store in stores.items():
                linking_is(linking)
                t = time.perf_counter()
                store.record_fetch("new", ok, batch)
                spent[linking] += time.perf_counter() - t
    finally:
        StoriesMixin._link_stories = original  # type: ignore[method-assign]
        for store in stores.values():
            store.close()
    return spent[True] / (20 * BATCH), spent[False] / (20 * BATCH)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stored", type=int, default=20_000)
    args = ap.parse_args()
    posts = labeled_posts()
    if not posts:
        print("no labeled posts found (../shared/datasets, tests/data)")
        return 1
    thresholds(posts)
    us = per_post(posts)
    print(f"fingerprint: {us:.0f} µs per post (MinHash, {stories.NUM_PERM} permutations,"
          f" {stories.BANDS} bands)")
    vocabulary = sorted({w for t, x in posts for w in stories.words(t + " " + x)})
    with tempfile.TemporaryDirectory() as tmp:
        on, off = store_batches(vocabulary, args.stored, Path(tmp))
    print(f"record_fetch after {args.stored:,} stored posts, batches of {BATCH} new posts:"
          f" {on * 1e6:.0f} µs per post with story linking, {off * 1e6:.0f} µs without (reference, same run):"
          f" x{on / off:.2f}, +{(on - off) * 1e6:.0f} µs per new post")
    return 0


if __name__ == "__main__":
    sys.exit(main())
