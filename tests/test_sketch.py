"""The stories' sketch (myofeed.sketch): bins that agree as often as the texts' Jaccard similarity says,
band keys that find near-duplicates and leave different texts apart, the same keys whatever the order
or repeats of the shingles."""

from __future__ import annotations

import random
import zlib
from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from myofeed import sketch, stories

_WORDS = [f"w{i}" for i in range(3000)]


def _text(rnd: random.Random, n: int) -> list[str]:
    return [rnd.choice(_WORDS) for _ in range(n)]


def _hashes(text: frozenset[str]) -> list[int]:
    return [zlib.crc32(s.encode()) for s in text]


def _edit(words: list[str], n: int, rnd: random.Random) -> list[str]:
    out = list(words)
    for _ in range(n):
        at = rnd.randrange(len(out))
        if rnd.random() < 0.5:
            out[at] = f"x{rnd.random()}"
        else:
            out.insert(at, f"y{rnd.random()}")
    return out


def test_bins_agree_as_often_as_the_jaccard_similarity_long_and_short_texts() -> None:
    """One-permutation hashing estimates Jaccard like a MinHash; densified short texts too (most of
    their bins borrowed)."""
    rnd = random.Random(7)
    for length in (300, 25):  # ~300 shingles: few empty bins; ~25: ~100 of 128 borrowed
        errors = []
        for _ in range(40):
            a = _text(rnd, length)
            b = _edit(a, rnd.randint(1, length // 3), rnd)
            sa, sb = stories.shingles(a), stories.shingles(b)
            va, vb = sketch.bin_values(_hashes(sa)), sketch.bin_values(_hashes(sb))
            agree = sum(x == y for x, y in zip(va, vb, strict=True)) / sketch.BINS
            errors.append(agree - stories.jaccard(sa, sb))
        assert abs(sum(errors) / len(errors)) < 0.03, length  # unbiased
        assert max(map(abs, errors)) < 0.2, length  # 128 bins: standard error ~0.044 at J = 0.5


def test_band_keys_find_near_duplicates_and_leave_different_texts_apart() -> None:
    rnd = random.Random(11)
    found = pairs = 0
    for _ in range(200):
        a = _text(rnd, rnd.randint(40, 300))
        b = _edit(a, max(1, len(a) // 40), rnd)  # a copy with a few words edited: Jaccard >= ~0.8
        sa, sb = stories.shingles(a), stories.shingles(b)
        assert stories.jaccard(sa, sb) >= 0.6
        pairs += 1
        found += bool(set(sketch.band_keys(sa)) & set(sketch.band_keys(sb)))
    assert found == pairs  # at Jaccard 0.6 a pair shares a band 99% of the time; these are closer
    shared = 0
    for _ in range(500):
        a, b = _text(rnd, rnd.randint(40, 300)), _text(rnd, rnd.randint(40, 300))
        b[: len(b) // 10] = a[: len(b) // 10]  # a shared phrase: Jaccard ~0.05
        shared += bool(set(sketch.band_keys(stories.shingles(a))) & set(sketch.band_keys(stories.shingles(b))))
    assert shared <= 2  # ~0.001% expected at Jaccard 0.1


def test_every_bin_of_a_short_text_holds_one_of_its_hashes() -> None:
    text = stories.shingles("a short post of only ten words in all".split())
    values = sketch.bin_values(_hashes(text))
    assert len(values) == sketch.BINS and set(values) <= set(_hashes(text))
    assert len(set(values)) == len(text)  # each hash is the smallest in its own bin at least


def test_keys_do_not_depend_on_the_order_or_repeats_of_the_shingles() -> None:
    rnd = random.Random(3)
    text = stories.shingles(_text(rnd, 120))
    shuffled = [s.encode() for s in text] * 2
    rnd.shuffle(shuffled)
    keys = array("q")
    keys.frombytes(sketch.packed_band_keys(shuffled))
    assert tuple(keys) == sketch.band_keys(text)
    assert len(set(keys)) == sketch.BANDS  # the band's number is mixed in: no two bands share a key


@settings(max_examples=1000)
@given(st.one_of(
    st.lists(st.integers(0, 2**32 - 1), min_size=sketch.BINS, max_size=sketch.BINS),
    st.lists(st.sampled_from([0, 1, 2**31, 2**32 - 1, 0x12345678]), min_size=sketch.BINS, max_size=sketch.BINS),
))
def test_keys_of_every_band_at_once_are_the_keys_band_by_band(values: list[int]) -> None:
    assert sketch.packed_keys(values) == sketch.packed_keys_by_band(values)
