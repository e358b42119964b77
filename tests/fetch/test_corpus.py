"""feedparser-style data-driven test: corpus feeds served over local HTTP, fetched by
Retriever, parsed by parse_document. Every file must parse as a feed without crashing;
the real-world feeds must carry their authors, dates and comment counts.
"""

from __future__ import annotations

import asyncio
import csv
import re
from datetime import UTC, datetime

import pytest

from myofeed._types import FetchRequest, FetchResult
from myofeed.config import FetchSettings
from myofeed.fetch import Retriever
from myofeed.parse import parse_document
from myofeed.types import ParsedDocument

from .conftest import CORPORA, Server

NOW = datetime(2026, 1, 1, tzinfo=UTC)
SETTINGS = FetchSettings(allow_hosts=("127.0.0.1",), timeout=10)
SAMPLE_SIZE = 100


def _corpus_files() -> list[str]:
    if not CORPORA.is_dir():
        return []
    files = [
        str(p.relative_to(CORPORA))
        for p in sorted((CORPORA / "real-world").rglob("*"))
        if p.suffix in (".xml", ".rss", ".atom", ".json")
    ]
    files.append("rss-spec/rss2sample.xml")
    index = CORPORA / "feedparser-tests" / "INDEX.tsv"
    rows = list(csv.DictReader(index.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    pool = [r["path"] for r in rows if re.match(r"wellformed/(rss|atom10|atom)/", r["path"]) and not r["skip_unless"]]
    step = max(1, len(pool) // SAMPLE_SIZE)
    files += [f"feedparser-tests/{p}" for p in pool[::step][:SAMPLE_SIZE]]
    # Files whose comment carries HTTP response headers (served with them).
    files += [f"feedparser-tests/{r['path']}" for r in rows if r["headers"] and r["path"].startswith("wellformed/")]
    return files


FILES = _corpus_files()


def fetch_and_parse(server: Server, rel: str) -> tuple[FetchResult, ParsedDocument]:
    async def run() -> FetchResult:
        async with Retriever(SETTINGS) as r:
            return await r.fetch(FetchRequest(server.url("/corpus/" + rel)))

    result = asyncio.run(run())
    return result, parse_document(result, now=NOW)


@pytest.mark.skipif(not FILES, reason="shared corpora not available")
@pytest.mark.parametrize("rel", FILES)
def test_corpus_feed_parses(server: Server, rel: str) -> None:
    result, doc = fetch_and_parse(server, rel)
    assert result.status == 200
    assert doc.kind == "feed"
    for post in doc.posts:
        assert isinstance(post.title, str) and "\n" not in post.title
        assert post.url is None or re.match(r"^[a-z][a-z0-9+.-]*:", post.url), post.url
        assert post.published is None or re.match(r"^\d{4}-\d{2}-\d{2}", post.published), post.published
        assert post.comments is None or post.comments >= 0
        assert "\n" not in post.summary and "  " not in post.summary
        if post.content_html:
            assert "<script" not in post.content_html.lower() and " on" not in _attrs(post.content_html)


def _attrs(html: str) -> str:
    return " ".join(re.findall(r"<[a-z][^>]*>", html.lower()))


def _need(rel: str) -> None:
    if not (CORPORA / rel).is_file():
        pytest.skip(f"{rel} not available")


def test_natasha_slash_comments_authors_dates(server: Server) -> None:
    rel = "real-world/rsparser/natasha.xml"
    _need(rel)
    raw = (CORPORA / rel).read_text(encoding="utf-8")
    _, doc = fetch_and_parse(server, rel)
    assert doc.title == "Natasha The Robot" and doc.link == "https://www.natashatherobot.com"
    assert [p.comments for p in doc.posts] == [int(n) for n in re.findall(r"<slash:comments>(\d+)", raw)]
    assert [p.comments for p in doc.posts][:4] == [6, 3, 4, 13]
    assert {p.author for p in doc.posts} == {"Natasha Murashev"}
    first = doc.posts[0]
    assert first.published == "2017-07-07T11:06:10+00:00"
    assert first.url == "https://www.natashatherobot.com/url-apple-wallet-passkit-pass/"
    assert first.guid == "https://www.natashatherobot.com/?p=6602"
    assert first.categories[:2] == ("iPhone", "event")
    assert first.summary.startswith("For try! Swift NYC") and "[…]" not in first.summary


def test_4fsodonline_thr_total_and_offsets(server: Server) -> None:
    rel = "real-world/rsparser/4fsodonline.atom"
    _need(rel)
    raw = (CORPORA / rel).read_text(encoding="utf-8")
    _, doc = fetch_and_parse(server, rel)
    assert len(doc.posts) == 25
    assert [p.comments for p in doc.posts] == [int(n) for n in re.findall(r"<thr:total>(\d+)", raw)]
    assert doc.posts[3].comments == 1
    assert {p.author for p in doc.posts} == {"Anthony"}
    # The feed's own offset is kept (feedparser alone would give UTC).
    assert doc.posts[0].published == "2007-12-14T23:15:00-08:00"
    assert any(p.published and p.published.endswith("-07:00") for p in doc.posts)
    assert doc.posts[0].url == "http://4fsodonline.blogspot.com/2007/12/4fsod-documentary-bloopers-and-stuff.html"
    assert doc.posts[0].content_html and "<iframe" not in doc.posts[0].content_html


def test_3960_json_authors(server: Server) -> None:
    rel = "real-world/rsparser/3960.json"
    _need(rel)
    _, doc = fetch_and_parse(server, rel)
    assert len(doc.posts) == 20 and {p.author for p in doc.posts} == {"Frank Boës"}
    assert doc.posts[0].published == "2020-02-21T18:08:06+01:00"
    assert doc.posts[0].url == "https://journal.3960.org/posts/2020-02-21-lecker-lecker/"
    assert doc.posts[0].categories == ("Lustiges",)


def test_json_authors_precedence(server: Server) -> None:
    rel = "real-world/rsparser/authors.json"
    _need(rel)
    result, doc = fetch_and_parse(server, rel)
    # Every item is a bare id with empty content: nothing a reader could be shown, so none is
    # published (SPEC, Version 2: skipped and counted).
    assert doc.posts == () and doc.skipped == 4
    # The precedence itself, on the parser's entries: item authors[0] wins over the 1.0 `author`;
    # items without any inherit the feed's authors[0].
    from myofeed.parse.jsonfeed import parse_json_feed

    raw = parse_json_feed(result.content, url=result.url)
    assert [p.author for p in raw.posts] == ["Root Author 1", "Legacy Item Author", "Item Author 1", "Item Author 1"]


def test_rss2_spec_sample(server: Server) -> None:
    rel = "rss-spec/rss2sample.xml"
    _need(rel)
    _, doc = fetch_and_parse(server, rel)
    assert doc.title == "Liftoff News" and len(doc.posts) == 4
    star = doc.posts[0]
    assert star.title == "Star City" and star.published == "2003-06-03T09:39:21+00:00"
    assert star.url == "http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp" and star.author is None
    # An item without <link> but with a permalink guid links to the guid.
    assert doc.posts[1].url == "http://liftoff.msfc.nasa.gov/2003/05/30.html#item572"


# Content-Location from the served headers is the base for relative links (both parser paths).
HEADER_CASES = {
    "wellformed/base/http_entry_link_base_content_location.xml": lambda d: (
        d.posts[0].url == "http://example.com/relative/link"
    ),
    "wellformed/base/http_entry_summary_base_content_location.xml": lambda d: (
        'href="http://example.com/relative/uri"' in (d.posts[0].content_html or "")
    ),
    "wellformed/base/http_channel_link_base_content_location.xml": lambda d: (
        d.link == "http://example.com/relative/uri"
    ),
}


@pytest.mark.parametrize("rel", sorted(HEADER_CASES))
def test_content_location_header_is_base(server: Server, rel: str) -> None:
    _need("feedparser-tests/" + rel)
    result, doc = fetch_and_parse(server, "feedparser-tests/" + rel)
    assert result.headers.get("content-location") == "http://example.com/"
    assert HEADER_CASES[rel](doc), doc
