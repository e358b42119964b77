"""Stories' band keys: does the sketch (sketch.py, one-permutation hashing, v2) find the near-duplicates
the MinHash of 128 permutations (datasketch's, v1: numpy) found, and no more candidates?

Pairs of posts of our own making, from the classifier's labeled posts (distinct real-world-like posts)
and the bench corpus's generated posts (benchmarks/bench_scale.py: sentences of a few templates, so
posts share phrases without being copies):

- the same story: copies with 3, 5 and 10 words edited; syndicated reposts (a site's name in the
  title, boilerplate before and after, the "read more" line changed); excerpts (the first 70% of the
  words);
- different stories: pairs of distinct labeled posts; pairs of bench posts (shared phrases).

For each pair: does it become a candidate (shares a band key) under v1 and under v2, and does the store
then call it one story (`stories.similarity` on the exact shingle sets: the decision itself does not
depend on the sketch, only whether the pair is ever compared). Printed: recall (one story found, among
pairs `similarity` calls one story) and candidates among different stories (work, not errors: each is
compared exactly), v1 against v2, and each sketch's CPU per post.

    .venv/bin/python benchmarks/bench_sketch.py [--bench-posts 3000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_stories import edit, labeled_posts  # noqa: E402

from myofeed import sketch, stories  # noqa: E402

# v1's band key mixing (minhash.py before sketch.py replaced it), for the comparison
_MIX_V1 = (0x41835ef9bc91727f, 0x79a8cb5de0a95433, 0x1273d27b04760c67, 0x796d5857695637e9, 0x27ea17d01fe6b955)


def v1_keys(text: frozenset[str]) -> set[int]:
    import numpy as np
    from datasketch import MinHash

    mh = MinHash(num_perm=128, seed=1, hashfunc=zlib.crc32, scheme="affine32")
    mh.update_batch([s.encode() for s in text])
    mix = np.array(_MIX_V1, dtype=np.uint64)
    rows = mh.hashvalues.astype(np.uint64).reshape(32, 4)
    with np.errstate(over="ignore"):
        keys = (rows * mix[:4]).sum(axis=1, dtype=np.uint64) + np.arange(32, dtype=np.uint64) * mix[4]
        keys ^= keys >> np.uint64(29)
        keys *= mix[0]
    return set(keys.view(np.int64).tolist())


def v2_keys(text: frozenset[str]) -> set[int]:
    return set(sketch.band_keys(text))


BOILER_BEFORE = ["This post first appeared on {site}.", "From the {site} newsroom:", "Syndicated from {site} with permission."]
BOILER_AFTER = ["Subscribe to the {site} newsletter for weekly updates on myositis research and care.",
                "The post {title} appeared first on {site}. Share it with someone who needs it.",
                "Read the full article on {site}. Comments are closed on this copy."]


def same_story_pairs(posts: list[tuple[str, str]], rnd: random.Random) -> dict[str, list[tuple[tuple[str, str], tuple[str, str]]]]:
    out: dict[str, list] = {"edited 3 words": [], "edited 5 words": [], "edited 10 words": [], "syndicated repost": [],
                            "excerpt (first 70%)": []}
    for title, summary in posts:
        body = stories.words(summary)
        if len(stories.words(title)) + len(body) < 15:
            continue
        for n in (3, 5, 10):
            out[f"edited {n} words"].append(((title, summary), (title, " ".join(edit(body, n, rnd)))))
        site = rnd.choice(["Muscle News", "Myositis Today", "Rare Disease Wire"])
        before = rnd.choice(BOILER_BEFORE).format(site=site)
        after = rnd.choice(BOILER_AFTER).format(site=site, title=title)
        out["syndicated repost"].append(((title, summary), (f"{title} - {site}", f"{before} {summary} {after}")))
        out["excerpt (first 70%)"].append(((title, summary), (title, " ".join(body[:max(8, len(body) * 7 // 10)]) + " ...")))
    return out


def bench_posts(n: int) -> list[tuple[str, str]]:
    """(title, summary) of the first n posts of bench_scale's corpus (its feeds' entries, in order)."""
    from bench_scale import entries_of

    out: list[tuple[str, str]] = []
    feed = 0
    while len(out) < n:
        out.extend((str(e["title"]), str(e["summary"])) for e in entries_of(feed, False))
        feed += 1
    return out[:n]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--different", type=int, default=20000, help="pairs of different stories drawn")
    args = ap.parse_args()
    rnd = random.Random(14)
    posts = labeled_posts()
    cache: dict[tuple[str, str], tuple[stories.Fingerprint, set[int], set[int]]] = {}

    def of(post: tuple[str, str]):  # type: ignore[no-untyped-def]
        if post not in cache:
            f = stories.fingerprint(post[0], post[1], None, bands=False)
            big = len(f.text) >= stories.MIN_SHINGLES
            cache[post] = (f, v1_keys(f.text) if big else set(), v2_keys(f.text) if big else set())
        return cache[post]

    print(f"{len(posts)} labeled posts")
    rows = []
    for kind, pairs in same_story_pairs(posts, rnd).items():
        truth = found1 = found2 = 0
        for a, b in pairs:
            (fa, a1, a2), (fb, b1, b2) = of(a), of(b)
            if stories.similarity(fa, fb) <= 0.0:
                continue  # not one story even when compared: not the sketch's business
            truth += 1
            found1 += bool(a1 & b1)
            found2 += bool(a2 & b2)
        rows.append((kind, len(pairs), truth, found1, found2))
    print(f"{'same story':24} {'pairs':>6} {'one story':>9} {'found v1':>9} {'found v2':>9}")
    for kind, n, truth, f1, f2 in rows:
        print(f"{kind:24} {n:6} {truth:9} {f1:9} ({f1 / max(truth, 1):.1%}) {f2:5} ({f2 / max(truth, 1):.1%})")
    # different stories: distinct labeled posts; and generated posts sharing phrases (bench_scale's sentences)
    generated = bench_posts(1500)
    for kind, pool in (("labeled posts", posts), ("bench posts (shared phrases)", generated)):
        cand1 = cand2 = merged = 0
        drawn = 0
        while drawn < args.different:
            a, b = rnd.sample(pool, 2)
            if a == b:
                continue
            drawn += 1
            (fa, a1, a2), (fb, b1, b2) = of(a), of(b)
            cand1 += bool(a1 & b1)
            cand2 += bool(a2 & b2)
            merged += stories.similarity(fa, fb) > 0.0
        print(f"different stories, {kind}: {drawn} pairs; candidates v1 {cand1}, v2 {cand2}; called one story {merged}")
    texts = [of(p)[0].text for p in posts + generated if len(of(p)[0].text) >= stories.MIN_SHINGLES]
    for name, fn in (("v1 (datasketch + numpy)", v1_keys), ("v2 (sketch.py)", v2_keys)):
        start = time.process_time()
        for t in texts:
            fn(t)
        print(f"{name}: {(time.process_time() - start) / len(texts) * 1e6:.0f} us a post (from a shingle set)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
