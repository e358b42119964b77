"""The lxml fast path must yield exactly the feedparser path's posts, on every corpus feed it accepts.

Also prints (with -s) entries/s of both paths over the same feeds.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from myofeed.parse.fastfeed import parse_fast
from myofeed.parse.feed import parse_feed, parse_with_feedparser

CORPORA = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"
URL = "http://127.0.0.1:8097/feed"
_HEADER = re.compile(rb"^\s*Header:\s*([\w-]+):\s*(.*?)\s*$", re.MULTILINE)


def _files() -> list[Path]:
    if not CORPORA.is_dir():
        return []
    out = [p for p in sorted((CORPORA / "real-world").rglob("*")) if p.suffix in (".xml", ".rss", ".atom")]
    out += sorted((CORPORA / "rss-spec").glob("*.xml"))
    for sub in ("rss", "atom10", "atom", "base", "http", "amp", "namespace", "node_precedence", "rdf", "xml"):
        out += sorted((CORPORA / "feedparser-tests" / "wellformed" / sub).glob("*.xml"))
    out += sorted((CORPORA / "feedparser-tests" / "illformed").rglob("*.xml"))
    out += sorted((CORPORA / "feedparser-tests" / "encoding").rglob("*.xml"))
    return out


FILES = _files()


def _headers(data: bytes) -> dict[str, str]:
    end = data.find(b"-->")
    return {m.group(1).decode().lower(): m.group(2).decode("latin-1") for m in _HEADER.finditer(data[: max(end, 0)])}


def _id(p: Path) -> str:
    return str(p.relative_to(CORPORA))


@pytest.mark.skipif(not FILES, reason="shared corpora not available")
@pytest.mark.parametrize("path", FILES, ids=_id)
def test_fast_path_matches_feedparser(path: Path) -> None:
    data = path.read_bytes()
    headers = _headers(data)
    fast = parse_fast(data, url=URL, headers=headers)
    if fast is None:
        return  # the fast path declined: feedparser handles it, nothing to compare
    ref = parse_with_feedparser(data, url=URL, headers=headers)
    assert fast.title == ref.title
    assert fast.link == ref.link
    assert len(fast.posts) == len(ref.posts)
    for got, want in zip(fast.posts, ref.posts, strict=True):
        assert got == want


@pytest.mark.parametrize("name", ["natasha.xml", "manton.rss", "4fsodonline.atom"])
def test_fast_path_taken_for_real_world_feeds(name: str) -> None:
    path = CORPORA / "real-world" / "rsparser" / name
    if not path.is_file():
        pytest.skip("corpus not available")
    assert parse_fast(path.read_bytes(), url=URL, headers={"content-type": "application/xml"}) is not None


def test_fast_path_declines_what_it_cannot_mirror() -> None:
    rss = '<?xml version="1.0" encoding="{enc}"?><rss version="2.0"><channel><title>t</title>{extra}</channel></rss>'
    ok = rss.format(enc="utf-8", extra="<item><title>a</title></item>").encode()
    assert parse_fast(ok, url=URL, headers={}) is not None
    declined = [
        rss.format(enc="iso-8859-1", extra="").encode("latin-1"),  # not UTF-8
        ok.replace(b"<channel>", b"<channel><item><title>a</b></item>"),  # not well-formed
        ok.replace(b'version="2.0"', b'version="0.91"'),  # older RSS: feedparser
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "x">]><rss version="2.0"><channel/></rss>',
        ok.replace(b"<item>", b'<item xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><itunes:summary>s'
                   b"</itunes:summary>"),  # a namespace feedparser maps onto our fields
        ok.replace(b"<item>", b"<item><summary>s</summary>"),  # unknown RSS element
    ]
    for data in declined:
        assert parse_fast(data, url=URL, headers={}) is None, data
    assert parse_fast(ok, url=URL, headers={"content-type": "text/xml; charset=iso-8859-1"}) is None


def test_throughput(capsys: pytest.CaptureFixture[str]) -> None:
    """entries/s of both paths on the real-world XML feeds (informative; asserts only a sane ratio)."""
    hdrs = {"content-type": "application/xml"}
    feeds = [p.read_bytes() for p in FILES if "real-world" in str(p) or "rss-spec" in str(p)]
    # Only feeds the fast path takes: the others run the same feedparser code either way.
    feeds = [data for data in feeds if parse_fast(data, url=URL, headers=hdrs) is not None]
    if not feeds:
        pytest.skip("corpus not available")

    def rate(fast: bool) -> float:
        n, start, rounds = 0, time.perf_counter(), 0
        while rounds < 3 or time.perf_counter() - start < 0.3:
            for data in feeds:
                n += len(parse_feed(data, url=URL, headers=hdrs, fast=fast).posts)
            rounds += 1
        return n / (time.perf_counter() - start)

    fast, slow = rate(True), rate(False)
    with capsys.disabled():
        print(f"\n[parse throughput] fast path {fast:,.0f} entries/s, feedparser {slow:,.0f} entries/s ({fast / slow:.1f}x)")
    assert fast > slow
