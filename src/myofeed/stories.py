"""Cross-source duplicates: when two posts are the same story. Pure functions, no I/O.

Two posts from different sources are the same story when

- their links are the same page once tracking parameters, fragment, default port,
  `www.`, scheme and parameter order are set aside (`canonical_url`), and their
  titles agree (half their words in common: a link shared by every item of a careless
  listing page must not merge different posts); or
- their title and summary say nearly the same thing: word pairs (2-shingles) of the
  normalized text with a Jaccard similarity of at least THRESHOLD, both texts long
  enough (MIN_SHINGLES) for a similarity to mean something, and their titles nearly the
  same: one may add words to the other ("the", "its", a site's name) but they may not
  each hold words the other lacks ("Walk for myositis raises record sum" and "Walk for
  ALS raises record sum" are two stories told from one template), nor different numbers
  ("Week 3 update" and "Week 4 update", "Phase 2" and "Phase 3", the 2024 and 2025
  guidelines). Short titles alone never merge posts by text.

Candidates are found without reading every post: each post's sketch (sketch.py: one-permutation
hashing, a MinHash's estimate at one hash a shingle) is cut into BANDS bands of ROWS values, and each
band's hash is stored
(`post_bands`): posts sharing a band key are the candidates (LSH banding). A
candidate is then confirmed on the exact Jaccard of the two shingle sets, so the
estimate's noise never decides. Measured on the 681 distinct labeled posts of the
classifier's data sets: the most similar pair of different posts scores 0.36
("Phase 2 trial of a new oral drug for IMNM begins recruiting" vs "... a new
antibody in IMNM ...") among pairs that are not one template with the subject
swapped (those score up to 0.62 and are told apart by their titles, above); a copy
with 3 words edited scores 0.67 or more in 95 of 100 cases, with 5 words edited 0.65
in half of them (benchmarks/bench_stories.py repeats the measurement). THRESHOLD 0.5
sits between the two.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ._types import Fingerprint, StoryPrint
from .sketch import BANDS, ROWS, band_keys, bin_values, packed_band_keys, packed_keys, pair_hashes  # noqa: F401
from .types import Copy

THRESHOLD = 0.5  # Jaccard of the 2-shingle sets at or above which two texts are one story
TITLE_AGREEMENT = 0.5  # Jaccard of the title words two same-link posts must reach
SHINGLE = 2  # words per shingle
MIN_SHINGLES = 8  # fewer (a title of a few words, no summary): never matched on text alone

# Query parameters that only say how a reader arrived (analytics, mailing and social campaigns).
TRACKING = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
    "mc_cid", "mc_eid", "igshid", "igsh", "ref", "ref_src", "ref_url", "referrer", "cmpid",
    "_hsenc", "_hsmi", "_ga", "_gl", "hsctatracking", "mkt_tok", "oly_anon_id", "oly_enc_id", "rb_clickid",
    "s_cid", "vero_conv", "vero_id", "wickedid", "spm", "trk", "trkcampaign", "sr_share", "at_medium",
    "at_campaign", "ncid", "icid", "ito",
})
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "itm_", "stm_")
# words a syndicated title may swap without telling another story
STOP_WORDS = frozenset(
    "a an the its it their our your his her my this that these those of to in on at for from by with and or as"
    " is are was were be been new".split())
_DEFAULT_PORTS = {"http": 80, "https": 443}
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^<>]*>")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# bytes -> themselves when a word character (\w) in ASCII, uppercase letters lowercased (casefold), else a space
_WORD_BYTES = bytes(b if chr(b).isalnum() or b == 0x5F else 0x20 for b in range(128)).lower() + bytes(range(128, 256))
# links canonicalize_url leaves as they are: a lowercase ASCII host, a path of unreserved characters in
# segments that are not dot segments (no percent-encoding to normalize, nothing to resolve)
_PLAIN_HOST = re.compile(r"[a-z0-9]+(?:[.-]+[a-z0-9]+)*")
_PLAIN_PATH = re.compile(r"(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*/?")
# the same, read off the whole link when it is nothing else (no port, user, query or fragment; scheme and host
# lowercase): group 1 the host without `www.` (possessive: "www.-x" is not "-x"), group 2 the path without its
# last slash. One match instead of urlsplit, its hostname and port properties (each parses the netloc again)
# and parse_qsl: ~2 us a link against ~13.
_PLAIN_LINK = re.compile(r"https?://(?:www\.)?+([a-z0-9]+(?:[.-]+[a-z0-9]+)*)((?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*)/?")


def canonical_url(url: str | None) -> str | None:
    """The page a link names, written one way: `//host/path?sorted-params`, without tracking
    parameters, fragment, default port, `www.` or scheme (http and https name the same story), host
    lowercased, percent-encoding normalized (w3lib). None for no http(s) link or a site's home page
    (many posts link a home page; it names no story)."""
    if not url:
        return None
    if plain := _PLAIN_LINK.fullmatch(url):
        host, path = plain.groups()
        return f"//{host}{path}" if path else None
    return _split_canonical(url)


def _split_canonical(url: str) -> str | None:
    """canonical_url of any link, split into its parts."""
    try:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
            return None
        port = parts.port
    except ValueError:
        return None
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    host = parts.hostname.rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    netloc = host if port in (None, _DEFAULT_PORTS[parts.scheme.lower()]) else f"{host}:{port}"
    if not kept and _PLAIN_HOST.fullmatch(host) and _PLAIN_PATH.fullmatch(parts.path):
        # what canonicalize_url returns for it (most links): nothing to decode, re-encode, sort or resolve;
        # w3lib costs ~45 us a link (tests/test_story_rules.py compares the two on generated links)
        path = parts.path.rstrip("/")
        return f"//{netloc}{path}" if path else None
    return _canonicalized(netloc, parts.path, kept)


def _canonicalized(netloc: str, path: str, query: list[tuple[str, str]]) -> str | None:
    """canonical_url's general case: w3lib's canonicalize_url (percent-encoding, parameter order, dot
    segments)."""
    from w3lib.url import canonicalize_url

    try:
        clean = canonicalize_url(urlunsplit(("http", netloc, path, urlencode(query), "")))
    except ValueError:
        return None
    out = urlsplit(clean)
    path = out.path.rstrip("/")
    if not path and not out.query:
        return None
    return urlunsplit(("", out.netloc, path, out.query, ""))


def without_tracking(url: str) -> str:
    """The same link without tracking parameters (utm_*, fbclid, ...); everything else as written, so
    the "also at" links we publish carry no campaign tags of the site that syndicated the copy."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _tracking(k)]
    if len(kept) == len(pairs):
        return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), parts.fragment))


def other_copies(copies: Sequence[Copy], own: str | None, link_of: Callable[[Copy], str | None],
                 name_of: Callable[[Copy], str]) -> tuple[tuple[str, str], ...]:
    """(name, link) of the story's copies a reader can follow: `link_of` gives a copy's safe link for
    the output at hand (or None), tracking parameters are dropped, each link once, never `own`."""
    out: dict[str, str] = {}
    for c in copies:
        url = link_of(c)
        if not url or url == own:
            continue
        url = without_tracking(url)
        if url not in out:
            out[url] = name_of(c)
    return tuple((name, url) for url, name in out.items())


def _tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING or low.startswith(TRACKING_PREFIXES)


def words(text: str) -> list[str]:
    """Normalized words: markup and entities removed, Unicode compatibility forms folded, casefolded,
    punctuation dropped."""
    plain = text or ""
    if "<" in plain:  # most summaries are plain text already: skip the passes they do not need
        plain = _TAG.sub(" ", plain)
    if "&" in plain:
        from html import unescape  # html.entities: ~1 ms to import, for the texts that have an entity

        plain = unescape(plain)
    if not plain.isascii():  # NFKC changes no ASCII text
        plain = unicodedata.normalize("NFKC", plain)
    return _WORD.findall(plain.casefold())


def shingles(tokens: Sequence[str], size: int = SHINGLE) -> frozenset[str]:
    """Runs of `size` consecutive words (a text shorter than that: its words as one shingle)."""
    if not tokens:
        return frozenset()
    if len(tokens) < size:
        return frozenset({" ".join(tokens)})
    if size == 2:  # the one size used: pairs joined in C
        return frozenset(map(" ".join, zip(tokens[:-1], tokens[1:], strict=True)))
    return frozenset(" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def fingerprint(title: str, summary: str, url: str | None, *, canonical: str | None = None,
                bands: bool = True) -> Fingerprint:
    """What the decisions below need of one post. `canonical`: its canonical_url when already known;
    `bands`: False for a candidate that is only compared (its band keys are stored already)."""
    title_words = words(title)
    text = shingles(title_words + words(summary))
    keys = band_keys(text) if bands and len(text) >= MIN_SHINGLES else ()
    numbers = frozenset(w for w in title_words if w.isdigit())
    link = canonical if canonical is not None or not url else canonical_url(url)
    return Fingerprint(link, frozenset(title_words), text, keys, numbers)


def title_print(title: str, canonical: str | None) -> Fingerprint:
    """What `titles_allow` reads of a post (its canonical link, title words and numbers), no text shingled:
    the store rules most candidates out with it before it shingles their texts."""
    title_words = words(title)
    return Fingerprint(canonical, frozenset(title_words), frozenset(), (),
                       frozenset(w for w in title_words if w.isdigit()))


def story_print(title: str, summary: str, url: str | None) -> StoryPrint:
    """What the store needs of a new post's fingerprint (canonical link, band keys): computed where the
    post is parsed, so that the store's single writer only writes and looks up. The same link and keys
    as `fingerprint` (tests/test_story_rules.py), by a shorter road: see _utf8_words and _packed_bands."""
    return StoryPrint(canonical_url(url), _packed_bands(_utf8_words(title, summary)))


def _utf8_words(title: str, summary: str) -> list[bytes]:
    """words(title) + words(summary), UTF-8 encoded. Most texts are plain (no markup, no entity, nothing
    NFKC would change, every non-ASCII character a letter or digit): their words are then what is left
    between the bytes that are not word characters, split in C (~5x quicker than the regex); the rest
    take words() itself."""
    text = f"{title} {summary}"  # a space between them: no word runs across
    if "<" in text or "&" in text:
        return [w.encode() for w in words(title) + words(summary)]
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text):
            return [w.encode() for w in words(title) + words(summary)]
        text = text.casefold()
        # a non-ASCII character that is no word character (a typographic quote, a dash, a space of its own)
        # would be kept inside a word below: the regex decides for such texts
        if not all(c.isalnum() or c == "_" for c in set(_NON_ASCII.findall(text))):
            return [w.encode() for w in words(title) + words(summary)]
    return text.encode().translate(_WORD_BYTES).split()


def _packed_bands(tokens: Sequence[bytes]) -> bytes:
    """pack_bands(band_keys(shingles(words))) when there are at least MIN_SHINGLES distinct shingles, without
    building the set or going back to str: a shingle seen twice changes no minimum of the sketch."""
    if SHINGLE != 2 or len(tokens) <= MIN_SHINGLES:  # 8 words or fewer: fewer than 8 word pairs
        text = shingles([t.decode() for t in tokens])
        return pack_bands(band_keys(text) if len(text) >= MIN_SHINGLES else ())
    hashes = pair_hashes(tokens)
    # distinct hashes among the first few are almost always enough to know (distinct hashes are distinct
    # pairs); else the pairs themselves are counted, whole
    if len(set(hashes[:4 * MIN_SHINGLES])) < MIN_SHINGLES and (
            len(set(map(b" ".join, zip(tokens, tokens[1:], strict=False)))) < MIN_SHINGLES):
        return b""
    return packed_keys(bin_values(hashes))


def pack_bands(keys: Sequence[int]) -> bytes:
    return array("q", keys).tobytes()  # native signed 64-bit: it only crosses a pipe on one machine


def unpack_bands(packed: bytes) -> tuple[int, ...]:
    keys = array("q")
    keys.frombytes(packed)
    return tuple(keys)


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """How surely two posts are one story, 0 when they are not: the text similarity, or 1 for the
    same link with agreeing titles."""
    if a.url is not None and a.url == b.url and jaccard(a.title, b.title) >= TITLE_AGREEMENT:
        return 1.0
    if len(a.text) < MIN_SHINGLES or len(b.text) < MIN_SHINGLES:
        return 0.0
    if a.numbers and b.numbers and a.numbers != b.numbers:
        return 0.0  # a numbered series: part 2 is not part 1
    if (a.title - b.title - STOP_WORDS) and (b.title - a.title - STOP_WORDS):
        return 0.0  # a word replaced in the title: one template, two subjects
    score = jaccard(a.text, b.text)
    return score if score >= THRESHOLD else 0.0


def titles_allow(a: Fingerprint, b: Fingerprint) -> bool:
    """False when the titles and links alone rule out one story (similarity would be 0 whatever the
    texts): lets a caller skip shingling a candidate's text. Needs only url, title and numbers."""
    if a.url is not None and a.url == b.url and jaccard(a.title, b.title) >= TITLE_AGREEMENT:
        return True
    if a.numbers and b.numbers and a.numbers != b.numbers:
        return False
    return not ((a.title - b.title - STOP_WORDS) and (b.title - a.title - STOP_WORDS))


def same_story(a: Fingerprint, b: Fingerprint) -> bool:
    return similarity(a, b) > 0.0


def choose_primary(copies: Sequence[tuple[int, bool, bool, Any]]) -> int:
    """The copy a story is shown as: (post id, hidden, on topic, sort key) of each copy. A visible
    copy before a hidden one, an on-topic one before an off-topic one (so a story is never lost from
    its feeds because its first copy was classified off-topic), then the earliest (sort key: the
    publication date, else when first stored), then the lowest id."""
    return min(copies, key=lambda c: (c[1], not c[2], c[3], c[0]))[0]
