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
        assert got.why == want.why  # `extract --explain` names the same elements on both paths


@pytest.mark.parametrize("name", ["natasha.xml", "manton.rss", "4fsodonline.atom"])
def test_fast_path_taken_for_real_world_feeds(name: str) -> None:
    path = CORPORA / "real-world" / "rsparser" / name
    if not path.is_file():
        pytest.skip("corpus not available")
    assert parse_fast(path.read_bytes(), url=URL, headers={"content-type": "application/xml"}) is not None


WORDPRESS_ITEM = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
  xmlns:media="http://search.yahoo.com/mrss/" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<channel><title>Myositis Blog &#8211; news</title><atom:link href="https://m.example/feed/" rel="self"/>
<link>https://m.example</link><sy:updatePeriod>hourly</sy:updatePeriod>
<item><title>IBM &#038; exercise</title><link>https://m.example/ibm-exercise/?utm=1&amp;x=2</link>
<comments>https://m.example/ibm-exercise/#respond</comments><dc:creator><![CDATA[Sam Example]]></dc:creator>
<pubDate>Mon, 17 Nov 2025 08:00:00 +0000</pubDate><category><![CDATA[IBM]]></category>
<guid isPermaLink="false">https://m.example/?p=42</guid>
<description><![CDATA[<p>Walking helps.</p> <p>The post <a href="https://m.example/ibm-exercise/">IBM</a> appeared first.</p>]]></description>
<content:encoded><![CDATA[<p>Full <img src="/a.jpg" onerror="x()"></p>]]></content:encoded>
<wfw:commentRss>https://m.example/ibm-exercise/feed/</wfw:commentRss><slash:comments>3</slash:comments>
<media:content url="https://m.example/a.jpg" medium="image"/><media:thumbnail url="https://m.example/t.jpg"/>
<feedburner:origLink>https://m.example/ibm-exercise/</feedburner:origLink>
</item></channel></rss>"""


def test_fast_path_takes_typical_wordpress_items_identically() -> None:
    fast = parse_fast(WORDPRESS_ITEM, url=URL, headers={"content-type": "application/rss+xml; charset=UTF-8"})
    ref = parse_with_feedparser(WORDPRESS_ITEM, url=URL, headers={"content-type": "application/rss+xml; charset=UTF-8"})
    assert fast is not None and fast == ref
    post = fast.posts[0]
    assert (post.title, post.author, post.comments) == ("IBM & exercise", "Sam Example", 3)
    assert post.url == "https://m.example/ibm-exercise/?utm=1&x=2"
    with_group = WORDPRESS_ITEM.replace(
        b'medium="image"/>', b'medium="image"><media:title>x</media:title></media:content>'
    )
    assert parse_fast(with_group, url=URL, headers={}) is None  # media:title would be read as the title


def test_fast_path_declines_what_it_cannot_mirror() -> None:
    rss = '<?xml version="1.0" encoding="{enc}"?><rss version="2.0"><channel><title>t</title>{extra}</channel></rss>'
    ok = rss.format(enc="utf-8", extra="<item><title>a</title></item>").encode()
    assert parse_fast(ok, url=URL, headers={}) is not None
    declined = [
        rss.format(enc="iso-8859-1", extra="").encode("latin-1"),  # not UTF-8
        ok.replace(b"<channel>", b"<channel><item><title>a</b></item>"),  # not well-formed
        ok.replace(b'version="2.0"', b'version="0.91"'),  # older RSS: feedparser
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "x">]><rss version="2.0"><channel/></rss>',
        ok.replace(
            b"<item>",
            b'<item xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><itunes:summary>s</itunes:summary>',
        ),  # a namespace feedparser maps onto our fields
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
        print(
            f"\n[parse throughput] fast path {fast:,.0f} entries/s, feedparser {slow:,.0f} entries/s ({fast / slow:.1f}x)"
        )
    assert fast > slow


def test_fast_path_matches_feedparser_on_feedvalidator_cases() -> None:
    """A wider net: the W3C validator's ~1,800 test feeds (odd but mostly well-formed)."""
    files = sorted((CORPORA / "feedvalidator-testcases").rglob("*.xml")) if CORPORA.is_dir() else []
    if not files:
        pytest.skip("corpus not available")
    url = "http://www.feedvalidator.org/testcases/feed.xml"
    accepted, differ = 0, []
    for path in files:
        data = path.read_bytes()
        fast = parse_fast(data, url=url, headers={})
        if fast is None:
            continue
        accepted += 1
        if fast != parse_with_feedparser(data, url=url, headers={}):
            differ.append(_id(path))
    assert accepted > len(files) // 2
    assert differ == []


def test_the_fast_paths_copies_of_feedparsers_tables_are_the_installed_feedparsers() -> None:
    """feedparser_data spares a worker the feedparser import; its copies must not drift from feedparser."""
    import html.entities

    import feedparser.html
    import feedparser.mixin
    from feedparser.sanitizer import _HTMLSanitizer

    from myofeed.parse import feedparser_data
    from myofeed.parse.feed import THREAD_NS

    mixin = feedparser.mixin._FeedParserMixin
    uris = {u for u in mixin.namespaces if u} | {THREAD_NS}  # feed.py registers the threading namespace
    assert feedparser_data.KNOWN_NAMESPACES == frozenset("{" + u.lower() + "}" for u in uris)
    assert feedparser_data.CP1252 == feedparser.html._cp1252
    assert feedparser_data.ACCEPTABLE_ELEMENTS == frozenset(_HTMLSanitizer.acceptable_elements)
    samples = ["plain text", "a &amp; b", "a &bogus; b", "<b>bold</b>", "<b>open only", "<script>x</script>",
               "x</blink>", "&#8217; quote", "Tom &amp; Jerry <i>again</i>", "</P>", "<B>Up</B>", "&nbsp;",
               *sorted(html.entities.entitydefs)[:20]]
    for s in samples:
        assert feedparser_data.looks_like_html(s) == bool(mixin.looks_like_html(s)), s


@pytest.mark.parametrize(
    "text",
    [
        "caf\u00e9 \u2192 r\u00e9sum\u00e9",  # non-ASCII, no C1 control: left as it is
        "it\u0092s a \u0093quote\u0094 \u2013 caf\u00e9",  # C1 controls: read as cp1252, like feedparser
        "caf\u00c3\u00a9 \u0096 done",  # UTF-8 read as latin-1, then a C1 control
    ],
)
def test_fast_path_repairs_text_as_feedparser_does(text: str) -> None:
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>{text}</title><description>{text}</description>"
        "<link>https://m.example/a</link></item></channel></rss>"
    ).encode()
    fast = parse_fast(doc, url=URL, headers={"content-type": "application/rss+xml"})
    ref = parse_with_feedparser(doc, url=URL, headers={"content-type": "application/rss+xml"})
    assert fast is not None and fast == ref
