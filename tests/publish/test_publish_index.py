"""index.html and feeds.opml: what a person (or a reader's import) sees."""

from __future__ import annotations

import html.parser
from datetime import UTC, datetime
from pathlib import Path

from _publish_helpers import BASE_URL, TOPICS, make_config, post
from lxml import etree

from myofeed.config import TopicSettings
from myofeed.publish import TopicStats, publish_all, render_index, topic_stats


class _Collect(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    c = _Collect()
    c.feed(page)
    return c.tags


def test_index_lists_every_topic_with_feed_links(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    publish_all(config, [post(published="2025-11-19"), post(published="2025-11-20", topics=("treatment",))])
    page = (config.publish_dir / "index.html").read_text()
    hrefs = {a.get("href") for t, a in _tags(page) if t == "a"}
    for slug in ["all", *(t.slug for t in TOPICS)]:
        for ext in ("atom", "rss", "json"):
            assert f"{BASE_URL}feeds/{slug}.{ext}" in hrefs
    assert f"{BASE_URL}feeds/feeds.opml" in hrefs
    for t in TOPICS:
        assert t.title in page
    assert "2 posts" in page and "1 post " in page  # all / treatment
    assert '<time datetime="2025-11-20">2025-11-20</time>' in page
    assert "not medical advice" in page


def test_index_alternate_links_and_no_script(tmp_path: Path) -> None:
    page = render_index(make_config(tmp_path), [])
    alternates = {(a.get("type"), a.get("href")) for t, a in _tags(page) if t == "link" and a.get("rel") == "alternate"}
    assert alternates == {
        ("application/atom+xml", f"{BASE_URL}feeds/all.atom"),
        ("application/rss+xml", f"{BASE_URL}feeds/all.rss"),
        ("application/feed+json", f"{BASE_URL}feeds/all.json"),
    }
    assert "<script" not in page
    assert any(t == "meta" and a.get("name") == "viewport" for t, a in _tags(page))


def test_subscribe_form(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    page = render_index(config, {})
    tags = _tags(page)
    (form,) = [a for t, a in tags if t == "form" and a["method"] == "post"]
    assert form["action"] == f"{BASE_URL}subscribe"
    (search,) = [a for t, a in tags if t == "form" and a["method"] == "get"]  # the search box in the header
    assert search["action"] == f"{BASE_URL}search" and search["role"] == "search"
    inputs = [a for t, a in tags if t == "input" and a.get("name") != "q"]
    assert any(a["name"] == "email" and a["type"] == "email" for a in inputs)
    assert sorted(a["value"] for a in inputs if a["name"] == "topics" and a["type"] == "checkbox") == sorted(
        t.slug for t in TOPICS
    )
    assert {a["value"] for a in inputs if a["name"] == "cadence"} == {"daily", "weekly"}
    assert not [a for a in inputs if a["type"] == "hidden"]


def test_csrf_field_only_when_given(tmp_path: Path) -> None:
    page = render_index(make_config(tmp_path), {}, csrf_token='tok"<en>')
    hidden = [a for t, a in _tags(page) if t == "input" and a.get("type") == "hidden"]
    assert hidden == [{"type": "hidden", "name": "csrf_token", "value": 'tok"<en>'}]
    assert 'tok"<en>' not in page  # escaped in the markup


def test_demo_label(tmp_path: Path) -> None:
    assert 'class="demo"' not in render_index(make_config(tmp_path), {})
    assert 'class="demo"' in render_index(make_config(tmp_path, demo=True), {})


def test_index_escapes_config_text(tmp_path: Path) -> None:
    topics = (TopicSettings(slug="x", title="<img src=x onerror=alert(1)>", description="a & b"),)
    page = render_index(make_config(tmp_path, topics=topics), {})
    assert "<img" not in page and "&lt;img" in page


def test_render_index_accepts_posts_or_stats(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    posts = [post(published="2025-11-01"), post(published="2025-11-03", topics=("dermatomyositis",))]
    from_posts = render_index(config, posts)
    stats = topic_stats(posts, config.topics)
    assert stats["all"] == TopicStats(2, datetime(2025, 11, 3, tzinfo=UTC))
    assert stats["dermatomyositis"].count == 2 and stats["polymyositis"].count == 0
    assert render_index(config, stats) == from_posts
    assert "57 posts" in render_index(config, stats, counts={"all": 57})


def test_opml_lists_each_topic_once_nested_under_its_parent(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    publish_all(config, [])
    parents = {t.slug: t.parent for t in TOPICS}
    for name, ext in (("feeds.opml", "atom"), ("feeds-rss.opml", "rss"), ("feeds-json.opml", "json")):
        root = etree.fromstring((config.publish_dir / name).read_bytes())
        assert root.tag == "opml" and root.get("version") == "2.0"
        assert root.findtext("head/title")
        outlines = root.findall(".//outline")
        urls = [o.get("xmlUrl") for o in outlines]
        expected = [f"{BASE_URL}feeds/{s}.{ext}" for s in ["all", *(t.slug for t in TOPICS)]]
        assert sorted(urls) == sorted(expected), "every feed of this format once, no other format"
        for o in outlines:
            slug = o.get("xmlUrl").rsplit("/", 1)[1].rsplit(".", 1)[0]
            # each topic's own reading page (audit 4, minor 7: it was the site root for every topic)
            assert o.get("type") == "rss" and o.get("text") and o.get("title")
            assert o.get("htmlUrl") == f"{BASE_URL}topics/{slug}"
            up = o.getparent()
            if parents.get(slug):
                assert up.get("xmlUrl") == f"{BASE_URL}feeds/{parents[slug]}.{ext}", slug
            else:
                assert up.tag == "body", slug


def test_render_index_as_the_web_app_calls_it(tmp_path: Path) -> None:
    # web/pages.py passes keyword arguments: stats, counts (per topic, without "all"), csrf_token.
    config = make_config(tmp_path)
    stats = {"dermatomyositis": TopicStats(3, datetime(2025, 11, 2, 9, tzinfo=UTC)), "all": TopicStats(3, None)}
    page = render_index(config, stats=stats, counts={"dermatomyositis": 5}, csrf_token="t0k")
    assert 'name="csrf_token" value="t0k"' in page
    assert "5 posts" in page and "2025-11-02" in page


def test_index_credits_the_latest_posts_to_their_sites(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    old = post(title="Older <b>post</b>", published="2025-01-02", comments=1)
    new = post(title="Newer post", published="2025-11-20", summary="x " * 400, comments=None, author=None)
    publish_all(config, [old, new])
    page = (config.publish_dir / "index.html").read_text(encoding="utf-8")
    latest = page[page.index('id="latest-heading"'):]
    # newest first; the stored title's "<b>" is its words, escaped (never markup, never dropped)
    assert latest.index("Newer post") < latest.index("Older &lt;b&gt;post&lt;/b&gt;") and "<b>post" not in latest
    assert f'href="{new.url}"' in latest and f'href="{old.url}"' in latest
    assert "Read it on" in latest and "1 comment" in latest
    assert "x " * 200 not in latest  # excerpts are short
