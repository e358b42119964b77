"""GET /topics/<slug> and GET /search over HTTP: the feeds' posts as cards, paging with rel=prev/next,
clear 404s for unknown topics and pages, and any query string answered without error."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urljoin

import feedparser
import pytest

from ._pages import add_many_posts


def _titles(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'<li class="post">\s*<h\d><a href="[^"]*" rel="noopener">([^<]*)</a>', page)]


def _rel(page: str, rel: str) -> str | None:
    m = re.search(rf'<a href="([^"]*)" rel="{rel}">', page)
    return html.unescape(m.group(1)) if m else None


@pytest.fixture
def many(server: Any) -> Any:
    add_many_posts(server.app, "clinic-news", 45)  # + 1 seeded dermatomyositis post: 46, three pages
    return server


def test_topic_pages_page_through_the_feeds_posts(many: Any) -> None:
    client = many.client
    seen: list[str] = []
    url: str | None = "/topics/dermatomyositis"
    pages = 0
    while url:
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        titles = _titles(r.text)
        assert len(titles) == (20 if pages < 2 else 6)
        seen += titles
        pages += 1
        assert f"Page {pages} of 3" in r.text
        prev = _rel(r.text, "prev")
        assert (prev is None) == (pages == 1)
        assert ('<link rel="prev"' in r.text) == (prev is not None)
        nxt = _rel(r.text, "next")
        assert ('<link rel="next"' in r.text) == (nxt is not None)
        url = urljoin(str(r.url), nxt) if nxt else None
    assert pages == 3 and len(seen) == len(set(seen)) == 46
    # the very posts of the stored feed, in its order: the topic page is what the feed it links to holds
    expected = [p.title for p in many.app.store.list_posts(topic="dermatomyositis")]
    assert seen == [html.unescape(t) for t in expected]
    many.app.publish()
    feed = feedparser.parse((many.publish_dir / "dermatomyositis.atom").read_bytes())
    assert [e.title for e in feed.entries][:20] == seen[:20]


def test_a_card_says_who_where_when_how_many_comments_and_why(many: Any) -> None:
    page = many.client.get("/topics/dermatomyositis").text
    cards = re.findall(r'<li class="post">.*?</li>', page, re.S)
    [card] = [c for c in cards if "note 44" in c]
    [post] = [p for p in many.app.store.list_posts(topic="dermatomyositis") if "note 44" in p.title]
    assert f'href="{post.url}"' in card and html.escape(post.title, quote=False) in card
    assert "Demo Writer" in card and "clinic-news" in card  # author, source
    assert '<time datetime="2025-10-15">2025-10-15</time>' in card
    assert "2 comments" in card
    text = html.unescape(re.sub(r"<[^>]+>", "", card))
    assert 'Why here: Dermatomyositis: "dermatomyositis"' in text
    # on a subtype's page only its own reason: the parent topic's line is not repeated
    assert "Autoimmune myopathy" not in text


def test_all_topics_page_and_the_index_links(many: Any) -> None:
    index = many.client.get("/").text
    for slug in ("all", "dermatomyositis", "autoimmune-myopathy"):
        assert f'href="./topics/{slug}"' in index
    assert 'action="./search"' in index and 'role="search"' in index
    r = many.client.get("/topics/all")
    assert r.status_code == 200 and "All topics" in r.text and "48 posts" in r.text  # 46 + 2 other seeded; the off-topic one is not counted
    assert "Statin side effects" not in r.text  # the off-topic post is on no page


@pytest.mark.parametrize("page", ["0", "-1", "x", "1.5", "99999999999999999999", "%00", "1e3", "٣"])
def test_a_page_number_that_is_no_page_is_a_404(many: Any, page: str) -> None:
    r = many.client.get(f"/topics/dermatomyositis?page={page}")
    assert r.status_code == 404 and "No such page" in r.text and "numbered from 1" in r.text


def test_a_page_past_the_last_is_a_404_naming_the_last(many: Any) -> None:
    r = many.client.get("/topics/dermatomyositis?page=4")
    assert r.status_code == 404 and "the last page is 3" in r.text
    assert 'href="../topics/dermatomyositis?page=3"' in r.text
    empty = many.client.get("/topics/necrotizing-myopathy?page=1")  # an empty topic still has its page 1
    assert empty.status_code == 200 and "No posts yet" in empty.text and "0 posts" in empty.text


def test_unknown_topic_is_a_404(many: Any) -> None:
    for path in ("/topics/nope", "/topics/DERMATOMYOSITIS", "/topics/%3Cscript%3E", "/search?q=rash&topic=nope"):
        r = many.client.get(path)
        assert r.status_code == 404 and "No such topic" in r.text, path
        assert "<script>" not in r.text


def test_search_finds_pages_and_filters_by_topic(many: Any) -> None:
    r = many.client.get("/search", params={"q": "heliotrope rash"})
    assert r.status_code == 200
    titles = _titles(r.text)
    assert titles and all("heliotrope rash" in t for t in titles)
    assert "4 posts found" in r.text  # notes 5, 15, 25, 35
    r = many.client.get("/search", params={"q": "dermatomyositis"})
    assert "46 posts found" in r.text and "Page 1 of 3" in r.text
    nxt = _rel(r.text, "next")
    assert nxt and "q=dermatomyositis" in nxt and "page=2" in nxt
    r2 = many.client.get(urljoin(str(r.url), nxt))
    assert _titles(r2.text)[0] == [p.title for p in many.app.store.list_posts(topic="dermatomyositis")][20]
    assert many.client.get("/search", params={"q": "IBM trial"}).text.count('<li class="post">') == 1
    for q in ("heliotrope AND rash", "heliotrope OR rash", "heliotrope and rash", "NOT heliotrope rash"):
        assert "4 posts found" in many.client.get("/search", params={"q": q}).text, q  # README: AND etc. ignored
    r = many.client.get("/search", params={"q": "trial", "topic": "dermatomyositis"})
    assert "No posts found" in r.text and "search every topic" in r.text
    r = many.client.get("/search", params={"q": "dermatomyositis", "page": "9"})
    assert r.status_code == 404 and "the last page is 3" in r.text


def test_the_search_form_keeps_what_was_asked(many: Any) -> None:
    r = many.client.get("/search", params={"q": 'rash "care', "topic": "dermatomyositis"})
    assert 'value="rash &#34;care"' in r.text or 'value="rash &quot;care"' in r.text
    assert '<option value="dermatomyositis" selected>' in r.text
    assert 'id="site-q"' not in r.text  # no second search box in the header of the search page
    empty = many.client.get("/search").text
    assert "Search the titles" in empty and '<li class="post">' not in empty


@pytest.mark.parametrize("q", [
    '"', "'", "NEAR(", "title:x", "*", "AND OR NOT", "a" * 10_000, "rash\x00", "%", "<script>alert(1)</script>",
    "' OR 1=1 --", "{}", "\\", "😀", "ä" * 300,
])
def test_hostile_queries_answer_200(many: Any, q: str) -> None:
    r = many.client.get("/search", params={"q": q, "page": "1"})
    assert r.status_code == 200
    assert "<script>alert" not in r.text


def test_head_and_methods(many: Any) -> None:
    assert many.client.head("/topics/all").status_code == 200
    assert many.client.head("/search?q=rash").status_code == 200
    assert many.client.post("/topics/all").status_code == 405


def test_cards_follow_edits_and_reclassification(many: Any) -> None:
    """Cards are kept between requests, but never past a change to their post."""
    from datetime import timedelta

    from myofeed._types import FetchOutcome
    from myofeed.core import utcnow

    assert "Dermatomyositis rash &amp; sun" in many.client.get("/topics/all").text
    [post] = [p for p in many.app.store.list_posts() if p.dedup_key == "k0"]
    many.app.store.set_topics([(post.id, post.topics, {"dermatomyositis": ("cue 'Gottron papules' in title",)})])
    text = html.unescape(re.sub(r"<[^>]+>", "", many.client.get("/topics/all").text))
    assert 'Dermatomyositis: "Gottron papules"' in text
    from dataclasses import replace

    now = utcnow()  # the seeded post, retitled by a later fetch
    writes = [replace(_write_of(post), title="Dermatomyositis rash, revised")]
    many.app.store.record_fetch("clinic-news", FetchOutcome(ok=True, at=now, next_due=now + timedelta(hours=1)), writes)
    assert "Dermatomyositis rash, revised" in many.client.get("/topics/all").text


def _write_of(post: Any) -> Any:
    from myofeed._types import PostWrite

    return PostWrite(dedup_key=post.dedup_key, title=post.title, url=post.url, author=post.author,
                     published=post.published, sort_key=post.first_seen, comments=post.comments, summary=post.summary,
                     summary_html=post.summary_html, guid=post.guid, categories=post.categories, labels=post.topics,
                     evidence=dict(post.evidence))


def test_a_titles_angle_bracket_words_show_as_words_on_the_readers_pages(server: Any) -> None:
    """Outside audit 8, deviation 1: the parsers keep "Why <b>CK</b> matters" as text; the topic, all-topics
    and search pages show those words, escaped, never as markup and never dropped."""
    from datetime import UTC, datetime

    from myofeed._types import FetchOutcome, PostWrite
    from myofeed.core import utcnow

    title = "Why <b>CK</b> matters in dermatomyositis, and <Tab> too"
    when = datetime(2025, 11, 22, tzinfo=UTC)
    server.app.store.record_fetch("clinic-news", FetchOutcome(ok=True, at=utcnow(), next_due=utcnow()), [PostWrite(
        dedup_key="lt-1", title=title, url="https://lt.myositis-demo.example/1", author="Demo <Writer>",
        published="2025-11-22", sort_key=when, comments=None, summary="Creatine kinase (demo).", summary_html=None,
        guid=None, categories=(), labels=("dermatomyositis", "autoimmune-myopathy"),
        evidence={"dermatomyositis": ("term 'dermatomyositis' in title",)})])
    for url in ("/topics/dermatomyositis", "/topics/all", "/search?q=creatine"):
        page = server.client.get(url).text
        assert title in _titles(page), url
        assert "Why &lt;b&gt;CK&lt;/b&gt; matters" in page and "<b>CK</b>" not in page and "<Tab>" not in page, url
        assert "Demo &lt;Writer&gt;" in page, url
