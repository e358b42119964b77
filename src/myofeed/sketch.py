"""LSH band keys of a post's shingles (stories.py): one-permutation hashing with optimal densification.

A MinHash of 128 permutations hashes every shingle 128 times (numpy did it in the parse worker:
~12.5 MB a process, ~0.1 s to import). One-permutation hashing (Li, Owen, Zhang 2012) hashes each
shingle once: the hash's top 7 bits choose one of BINS bins, and each bin keeps its smallest hash.
Two texts' bins agree with probability their Jaccard similarity, as a MinHash's values do, for bins
that are not empty. A text with few shingles leaves bins empty; each empty bin takes the value of the
first filled bin in a fixed random order of the other bins, its own ("optimal densification",
Shrivastava 2017: the bin borrowed is uniform among the filled ones, and two texts follow the same
order, so a borrowed bin agrees with the probability of the bin it borrows). The bins are then cut
into BANDS bands of ROWS values, one 64-bit key each (LSH banding, as before).

Everything here is C-level passes over the shingles (crc32, a sort, a dict) and a few Python steps per
bin: no dependency. A library was considered: datasketch needs numpy; rensa (Rust, no numpy) changes
its digests between versions (0.5 re-did its algorithm), and the keys are stored: they must stay the
same across versions of anything installed. So the scheme is written out below and pinned by tests
(tests/test_sketch.py: known keys of a known text). Changing anything here changes every key: bump
VERSION, and the store migrates (store/rekey.py recomputes stored posts' keys).
"""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from itertools import repeat
from operator import and_, mul, rshift, xor

VERSION = 2  # 1: datasketch's MinHash (128 permutations, numpy); 2: this module
BINS = 128
# as before: pairs at Jaccard 0.5 share a band 87% of the time, at 0.6 99%, at 0.1 0.3%
BANDS, ROWS = 32, 4
_SHIFT = 32 - 7  # a crc32's top 7 bits: its bin (BINS = 2**7)
_MASK = (1 << 64) - 1
_BIG_ENDIAN = sys.byteorder == "big"
# a band's ROWS values (32 bits each) are read as one 128-bit integer, XORed with the band's own random
# 128-bit constant (equal values in two bands make two keys) and hashed to 64 bits by multiply-shift
# (Dietzfelbinger et al. 1997: the top 64 bits of an odd multiplier's product modulo 2**128; two different
# inputs collide with probability at most 2**-63)
_MULTIPLIER = 0xC2B2AE3D27D4EB4F165667B19E3779F9 | 1


def _splitmix64(x: int) -> int:
    """SplitMix64's output function (Steele, Lea, Flood 2014): a fixed, well-mixed hash of an integer."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


@lru_cache(maxsize=1)
def _orders() -> tuple[tuple[int, ...], ...]:
    """For each bin, the other bins in the fixed random order an empty bin tries them (a random
    permutation: its first filled bin is uniform among the filled ones, whichever they are). Made on
    first need (~10 ms): a process that densifies no text (the main process, mostly) never pays for it."""
    return tuple(tuple(sorted((c for c in range(BINS) if c != j), key=lambda c: _splitmix64(j * BINS + c)))
                 for j in range(BINS))


_BINS = tuple(range(BINS))
_ALL = frozenset(_BINS)


def bin_values(hashes: Collection[int]) -> list[int]:
    """The BINS values of a set of 32-bit shingle hashes (repeats allowed: a minimum does not change),
    densified; every bin 2**32 - 1 (no value) for an empty set."""
    if not hashes:
        return [0xFFFFFFFF] * BINS
    ordered = sorted(hashes, reverse=True)  # largest first: each bin's smallest is written last, and kept
    filled = dict(zip(map(rshift, ordered, repeat(_SHIFT)), ordered, strict=True))
    out = list(map(filled.get, _BINS))
    if len(filled) < BINS:
        orders = _orders()
        for j in _ALL.difference(filled):
            for c in orders[j]:
                if c in filled:
                    out[j] = filled[c]
                    break
    return out  # type: ignore[return-value]  # no bin is None any more


def _band_slices() -> tuple[slice, ...]:
    width = ROWS * 4  # bytes of a band's values
    return tuple(slice(b * width, (b + 1) * width) for b in range(BANDS))


_SLICES = _band_slices()
_OFFSETS = tuple(_splitmix64(2 * b + 1) << 64 | _splitmix64(2 * b + 2) for b in range(BANDS))


def packed_keys_by_band(values: Sequence[int]) -> bytes:
    """One 64-bit key per band of the BINS values, packed as stories.pack_bands packs them (native
    signed 64-bit integers: the same bytes as unsigned). The definition, band by band; `packed_keys`
    computes the same bytes at once."""
    rows = array("I", values)
    if _BIG_ENDIAN:  # the keys are stored: the same integers on every machine
        rows.byteswap()
    data = rows.tobytes()
    wide = map(xor, map(int.from_bytes, map(data.__getitem__, _SLICES)), _OFFSETS)
    return array("Q", map(and_, map(rshift, map(mul, wide, repeat(_MULTIPLIER)), repeat(64)), repeat(_MASK))).tobytes()


# `packed_keys` puts every band in its own 256-bit slot of one integer: a band's value and offset are under
# 2**128 and so is the multiplier, so each band's product stays inside its slot, and one multiplication of
# a 8,192-bit integer does the 32 (its ~160 operations on 128-bit integers, one object each, cost ~12 us a
# post; this ~5). Band b's slot is bits [256 b, 256 b + 256); its key is the product's bits [64, 128) there.
_SLOT_UNITS = 4  # 8-byte units a slot
assert ROWS * 4 == 16, "a band's values must be two 8-byte units"
_OFFSETS_AT_ONCE = sum(off << (256 * b) for b, off in enumerate(_OFFSETS))


def packed_keys(values: Sequence[int]) -> bytes:
    """packed_keys_by_band(values), every band at once (tests/test_sketch.py compares the two)."""
    rows = array("I", values)
    if _BIG_ENDIAN:  # the keys are stored: the same integers on every machine
        rows.byteswap()
    data = array("Q", rows.tobytes())  # band b: units 2b, 2b+1, read big-endian as one 128-bit value
    slots = array("Q", bytes(8 * _SLOT_UNITS * BANDS))
    # read big-endian below: the last band's slot comes first, its 16 bytes last in it (units 2 and 3)
    slots[2::_SLOT_UNITS] = data[-2::-2]
    slots[3::_SLOT_UNITS] = data[::-2]
    product = (int.from_bytes(slots.tobytes(), "big") ^ _OFFSETS_AT_ONCE) * _MULTIPLIER
    keys = array("Q", product.to_bytes(8 * _SLOT_UNITS * BANDS, "little"))
    if _BIG_ENDIAN:
        keys.byteswap()
    return keys[1::_SLOT_UNITS].tobytes()


def band_keys(text: Collection[str]) -> tuple[int, ...]:
    """The band keys of a set of shingles (str: hashed as UTF-8)."""
    keys = array("q")
    keys.frombytes(packed_keys(bin_values(list(map(zlib.crc32, map(str.encode, text))))))
    return tuple(keys)


def packed_band_keys(shingles: Iterable[bytes]) -> bytes:
    """band_keys of these UTF-8 encoded shingles (repeats allowed), as stories.pack_bands packs them:
    what the parse worker sends."""
    return packed_keys(bin_values(list(map(zlib.crc32, shingles))))


def pair_hashes(tokens: Sequence[bytes]) -> list[int]:
    """The shingle hashes of `tokens`' word pairs (b"a b"), each pair made, hashed and dropped in C."""
    return list(map(zlib.crc32, map(b" ".join, zip(tokens, tokens[1:], strict=False))))
