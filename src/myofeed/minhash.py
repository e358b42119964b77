"""MinHash band keys of a post's shingles (stories.py): datasketch's MinHash, computed with numpy alone.

datasketch's MinHash (scheme "affine32", hashfunc crc32) is, per shingle s and permutation k:
h = fmix32(crc32(s)) (MurmurHash3's finalizer), value_k = min over s of (a_k * h + b_k) mod 2**32,
with a_k, b_k drawn from np.random.RandomState(SEED). It is computed here the same way, bit for bit
(tests/test_story_rules.py compares it with datasketch's own MinHash), without importing datasketch
(its package imports its LSH modules and with them scipy: ~58 MB and ~0.3 s per process). The drawn
constants are written out below (the same test draws them again): numpy.random alone is ~7 MB per
process. numpy is imported on first use only: the main process, which only stores keys, never loads it.
Stored band keys stay valid across versions because the scheme and the constants are fixed.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import Any

NUM_PERM = 128
# datasketch's own choice for NUM_PERM permutations and a detection threshold of 0.4
# (MinHashLSH(threshold=0.4, num_perm=128).b, .r; tests/test_story_rules.py checks it): pairs at 0.5 share
# a band 87% of the time, at 0.6 99%, at 0.1 0.3%
BANDS, ROWS = 32, 4
SEED = 1
SCHEME = "affine32"  # fixed: stored band keys must be comparable across datasketch versions

# datasketch's MinHash._init_permutations for NUM_PERM and SEED: RandomState(SEED) draws
# a = randint(0, 2**31, NUM_PERM) * 2 + 1 (odd: a bijection), then b = randint(0, 2**32, NUM_PERM)
_PERM_A = (
    0xd583e84b, 0xfe8f01d7, 0x70ce5f19, 0xdd782891, 0x000efdff, 0x41998713, 0x9acb5597, 0xff823d0b,
    0x4b23969f, 0x78e0a781, 0x2f470121, 0xcb0ca103, 0x5f5d7f99, 0xc69c3c8f, 0xb0ed55db, 0x56e8f3f9,
    0xcb251b0d, 0xdefefa33, 0x13dfc965, 0xb14faa29, 0xd6a0a9fd, 0xa06562cb, 0x5ed51725, 0x0c9193a9,
    0x68adf717, 0xe30c41f9, 0xc1989bd5, 0x758b2539, 0x0e05bf3b, 0x119eb31d, 0x57478465, 0xd3f2d489,
    0xd5a8f9af, 0xea16bfaf, 0x1e0c97d3, 0xdc8485e3, 0x47e0cbef, 0xe0d55bbd, 0x656d8ec1, 0x8e8908ad,
    0x99fb311b, 0x6e93afd3, 0xefbffb13, 0x9b03080f, 0xa079227f, 0x2f83967b, 0x62781c2d, 0x094b4a73,
    0xc0b61403, 0xbae3ef01, 0xca09e279, 0xa885f1a3, 0x2b8aea11, 0xa8c1c5b1, 0x13fefd1b, 0x8bcd34e7,
    0x56f4035f, 0x1e551fd5, 0xc19be4f3, 0x574f7391, 0x325a843d, 0x2fa6488f, 0xd79b6b07, 0x57e30b8d,
    0xea707f2b, 0xd2d5dc63, 0x10fb0a73, 0x65256407, 0x623db789, 0x944a5631, 0xa18b43e3, 0x48c3f857,
    0x5f7d0c99, 0x910e9835, 0xab540e69, 0xd3384aa1, 0x095d14db, 0x117ee6e7, 0x8012ea53, 0x3f80dba5,
    0xfa4c001f, 0x523ed881, 0x7f0f9189, 0x98d46033, 0x8f965adf, 0xe46bbdc5, 0x941c6baf, 0x71ba4f0f,
    0x34da0a35, 0x258ffd33, 0xe5524cd1, 0xf040082d, 0xd1336e13, 0x313d7d87, 0x965497cf, 0xce8688fd,
    0x93574a2f, 0x3d2ddafb, 0x42931ac9, 0x0cb28137, 0x09ea774b, 0x2ad0a273, 0x5b9054a7, 0xd56ed94d,
    0x6c5a8511, 0xd2264a41, 0x87f5bb45, 0x990d5e15, 0xfbaf7a2f, 0x2b350d1f, 0x1b5255df, 0x21bf38af,
    0x25f2be33, 0x3a561f8f, 0x4b2001e7, 0xe9bf0ab9, 0x2db97495, 0x859f097d, 0x6646ba5d, 0x7647a741,
    0x34652db1, 0x1120292f, 0xd3ff256f, 0xe65e4a83, 0x63886ae3, 0xfc724e9b, 0xd40f4e07, 0x14c99701,
)
_PERM_B = (
    0x0cc9bff8, 0xc3f6d4fd, 0x893081cd, 0x0b9bc706, 0xa9ee7234, 0x23d4d1d5, 0x83cfc5c6, 0xcadaf602,
    0xf1d0f64c, 0x07a10fdb, 0x96287895, 0xe21482cb, 0xe7455907, 0x8a71184d, 0x23318ac8, 0x72aed44b,
    0x23a79d4c, 0xe463042b, 0xceb13214, 0x60a95e1e, 0x65ce2624, 0x89d63367, 0x2a54a707, 0xa6fd0f2d,
    0xed7133c4, 0x5c7b9a39, 0x59072ef0, 0x922d9dfc, 0xc03538d2, 0xa3494060, 0xb9db010d, 0x20562c0a,
    0xe2205917, 0xb0b13f7c, 0x9fa8fb51, 0xa5d2e787, 0xc03dc379, 0x5a9bc098, 0x595166ca, 0xc3633ddc,
    0x4519fe94, 0x5b45a9a0, 0xe558cc8c, 0xc0b6bcc1, 0x6d97625e, 0xe19f9e3c, 0xf6ffc1e9, 0x02fcc098,
    0xa9d74d52, 0x7f841373, 0x9f277361, 0x12e40882, 0x1d5ffdec, 0xc975a6dc, 0xf311ba67, 0x1066b762,
    0x732d710a, 0x5af59eb6, 0x94115760, 0xf11c39e9, 0x687ba752, 0x613ac9d6, 0x3cadccc6, 0xc34ebac2,
    0xe743e147, 0xc5873fe7, 0x92dca8b0, 0x4d25f636, 0x00bc1c0f, 0xc5d23b85, 0x9dfd3591, 0x272668aa,
    0x539f0014, 0x94215a76, 0x86ed47b0, 0x024e5916, 0xe2cd19e5, 0xb583cf8d, 0x5b7607f1, 0x787bea72,
    0xe895c261, 0xc3bc56b5, 0x9f948754, 0x77a70c0a, 0x040cdc60, 0x44dd40b7, 0xedef993d, 0xd4e9ce38,
    0xb0de9ed9, 0x8d23a195, 0xff508ce7, 0x11f0dc60, 0x2c1e81f9, 0x78f41fd3, 0x231b5419, 0xbe25d5f1,
    0xeebe938e, 0x3124088d, 0xb262acd4, 0x76dd1e74, 0x10e5632b, 0x3af90e86, 0xc16606cd, 0x821c82b8,
    0xc0fe07bb, 0x3564bb8f, 0xec4b5618, 0x0c9f33fb, 0xb6267c89, 0x84d421c2, 0x1fd038c7, 0x2c1a6f35,
    0x0516dd45, 0x6574c9a4, 0x06b5c365, 0x1b7c4af8, 0x073f1815, 0x8282ed28, 0x3f07b04d, 0x1a2588db,
    0xdc2acab1, 0x49e96971, 0x89f0d52f, 0x3b5485cd, 0x8d85bda8, 0xf7b915ce, 0xd78f562d, 0x473fe757,
)
# odd 64-bit multipliers folding a band's ROWS values (and its number) into one key:
# np.random.default_rng(SEED).integers(1, 2**63, size=ROWS + 1, dtype=uint64) | 1
_MIX = (
    0x41835ef9bc91727f, 0x79a8cb5de0a95433, 0x1273d27b04760c67,
    0x796d5857695637e9, 0x27ea17d01fe6b955,
)


@lru_cache(maxsize=1)
def _arrays() -> tuple[Any, Any, Any]:
    import numpy as np

    return (np.array(_PERM_A, dtype=np.uint32), np.array(_PERM_B, dtype=np.uint32),
            np.array(_MIX, dtype=np.uint64))


def minhash(text: Collection[str]) -> Any:
    """The NUM_PERM MinHash values (numpy uint32) of a set of shingles: datasketch's
    MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, scheme="affine32").hashvalues.
    A sequence with repeats gives its set's values (a minimum does not change with a repeat)."""
    import numpy as np

    if not text:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    # crc32: stable across processes and ~10x quicker than datasketch's default sha1; str.encode: UTF-8
    return _values(np.fromiter(map(zlib.crc32, map(str.encode, text)), dtype=np.uint32, count=len(text)))


def _values(hv: Any) -> Any:
    """The MinHash values of shingles whose crc32 are `hv` (a fresh numpy uint32 array, changed in place)."""
    import numpy as np

    a, b, _ = _arrays()
    hv ^= hv >> np.uint32(16)  # MurmurHash3's 32-bit finalizer (datasketch's _fmix)
    hv *= np.uint32(0x85EBCA6B)
    hv ^= hv >> np.uint32(13)
    hv *= np.uint32(0xC2B2AE35)
    hv ^= hv >> np.uint32(16)
    values = np.multiply.outer(hv, a)  # uint32 arithmetic: wrapping is the modulo 2**32
    values += b
    return values.min(axis=0)


def band_keys(text: Collection[str]) -> tuple[int, ...]:
    """One signed 64-bit key per LSH band of the text's MinHash (the band number mixed in, so equal
    values in different bands never collide)."""
    return tuple(_keys(minhash(text)).tolist())


def packed_band_keys(shingles: Sequence[bytes]) -> bytes:
    """band_keys of these UTF-8 encoded shingles (repeats allowed), as stories.pack_bands packs them:
    what the parse worker sends (no str, no tuple of ints on the way)."""
    import numpy as np

    if not shingles:
        return bytes(_keys(minhash(())).tobytes())
    return bytes(_keys(_values(np.fromiter(map(zlib.crc32, shingles), dtype=np.uint32, count=len(shingles)))).tobytes())


def _keys(values: Any) -> Any:
    """The BANDS keys (numpy int64) of NUM_PERM MinHash values."""
    import numpy as np

    mix = _arrays()[2]
    rows = values.astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        keys = (rows * mix[:ROWS]).sum(axis=1, dtype=np.uint64) + np.arange(BANDS, dtype=np.uint64) * mix[ROWS]
        keys ^= keys >> np.uint64(29)
        keys *= mix[0]
    return keys.view(np.int64)
