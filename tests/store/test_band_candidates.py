"""The stories' band candidates (store/stories.band_candidates) against their definition: every key of
the batch gets a list of its posts (stored ones, then the batch's in order, cut to the BAND_READ newest),
and each post's candidates are the CANDIDATES others it shares most keys with."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from myofeed.store.stories import BAND_READ, CANDIDATES, band_candidates


def _by_definition(stored: Mapping[int, list[int]], bands: Mapping[int, Sequence[int]]) -> dict[int, set[int]]:
    by_band = {b: list(posts) for b, posts in stored.items()}
    for pid, keys in bands.items():
        for b in dict.fromkeys(keys):
            posts = by_band.setdefault(b, [])
            if pid not in posts:
                posts.append(pid)
    for b, posts in by_band.items():
        if len(posts) > BAND_READ:
            by_band[b] = sorted(posts, reverse=True)[:BAND_READ]
    out = {}
    for pid, keys in bands.items():
        shared = Counter(c for b in keys for c in by_band.get(b, ()) if c != pid)
        best = set(sorted(shared, key=lambda c: (-shared[c], -c))[:CANDIDATES])
        if best:
            out[pid] = best
    return out


KEYS = st.integers(min_value=-(2**63), max_value=2**63 - 1)
# few distinct keys, so that posts share them often (in the batch, and with stored posts); a post may
# hold one key twice (two bands with one key)
SMALL_KEYS = st.one_of(st.integers(min_value=0, max_value=40), KEYS)


@st.composite
def _batches(draw: st.DrawFn) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    # stored posts from a few ids: one post on several keys, so that counts differ and cutting a key's list
    # to its newest posts changes who ranks first
    stored_posts = st.lists(st.integers(min_value=1, max_value=40), max_size=BAND_READ + 8, unique=True)
    stored = draw(st.dictionaries(SMALL_KEYS, stored_posts, max_size=12))
    stored = {b: posts for b, posts in stored.items() if posts}
    pids = draw(st.lists(st.integers(min_value=501, max_value=700), max_size=30, unique=True))
    bands = {pid: draw(st.lists(SMALL_KEYS, max_size=8)) for pid in pids}
    return stored, bands


@settings(max_examples=600, deadline=None)
@given(_batches())
def test_band_candidates_as_defined(batch: tuple[dict[int, list[int]], dict[int, list[int]]]) -> None:
    stored, bands = batch
    assert band_candidates(stored, bands) == _by_definition(stored, bands)


def test_a_key_shared_by_many_keeps_the_newest() -> None:
    # 20 stored posts on key 7: its look-up keeps the BAND_READ newest, this batch's post 100 among them
    stored = {7: list(range(1, 21)), 8: [5], 9: [6]}
    bands = {100: [7, 8, 9], 101: [9]}
    got = band_candidates(stored, bands)
    assert got == _by_definition(stored, bands)
    # 6 is on key 7's newest and on key 9 (two keys): first; 5 is on key 8 alone (1..5 cut from key 7), and
    # the newest with one key each come before it
    assert got[100] == {6, 101} | set(range(11, 21))
    assert got[101] == {6, 100}
