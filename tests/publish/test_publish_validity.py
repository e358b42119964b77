"""Every published file against its format's rules (RFC 4287 RELAX NG, JSON Feed schema, RSS 2.0)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from _publish_checks import CORPORA, atom_schema, check_atom, check_html, check_json, check_rss, check_text
from _publish_helpers import BASE_URL, make_config, post
from lxml import etree

from myofeed.publish import publish_all

pytestmark = pytest.mark.skipif(not (CORPORA / "schemas" / "atom.rng").is_file(), reason="shared corpora absent")


def _varied_posts() -> list:  # type: ignore[type-arg]
    return [
        post(),
        post(author=None, comments=None, published=None, summary="", summary_html=None),
        post(source="tmf-blog", published="2025-10-01T12:00:00+02:00", comments=0, topics=("treatment",)),
        post(
            source="local-demo",
            url=None,
            title="<b>Bold</b> &amp;amp; title",
            summary_html='<p><a href="rel">x</a></p>',
        ),
        post(source="unconfigured", title="", summary="", topics=("research", "autoimmune-myopathy")),
        post(title="IgG < 5 & CK > 1000: Q&A", topics=("polymyositis", "autoimmune-myopathy")),
        post(
            published="2025-11-20T10:00:00+05:45",
            summary_html='<p onclick="x()" style="color:red">Hi <a href="/a b">link</a> <img src="i.png">'
            "<script>x()</script><object data=x></object><figure><figcaption>c</figcaption></figure></p>",
        ),
        post(title="&amp;lt;/b&amp;gt; &copy; &#169; Tom &amp; Jerry", author="&lt;i&gt;A&lt;/i&gt;"),
    ]


def _check_all(config) -> None:  # type: ignore[no-untyped-def]
    slugs = ["all", *(t.slug for t in config.topics)]
    for slug in slugs:
        for ext, check in (("atom", check_atom), ("rss", check_rss), ("json", check_json)):
            data = (config.publish_dir / f"{slug}.{ext}").read_bytes()
            assert check(data, f"{BASE_URL}feeds/{slug}.{ext}") == [], f"{slug}.{ext}"
            if ext != "json":  # feedparser 6.0 does not read JSON Feed
                assert not feedparser.parse(data).bozo, f"{slug}.{ext}"


def test_all_outputs_valid(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    publish_all(config, _varied_posts())
    _check_all(config)


def test_also_at_links_are_valid_in_every_format(tmp_path: Path) -> None:
    """A story with copies elsewhere (cross-source duplicates): Atom rel="related" links, the RSS and HTML
    content's "Also at" line, JSON Feed's _myofeed.also_at, all within their formats' rules."""
    from myofeed.types import Copy

    config = make_config(tmp_path)
    posts = _varied_posts()
    copies = {posts[0].id: (Copy(900, "tmf-blog", "https://tmf.example.org/blog/same story?utm_source=x&a=1", "T"),
                            Copy(901, "local-demo", None, "T"),  # no link of its own: its source's, else nothing
                            Copy(902, "unconfigured", "javascript:alert(1)", "T")),  # never a link
              posts[2].id: (Copy(903, "myositis-news", "https://news.example.com/other", "T"),)}
    publish_all(config, posts, copies=copies)
    _check_all(config)
    atom = feedparser.parse((config.publish_dir / "all.atom").read_bytes())
    related = {e.get("link"): [ln.href for ln in e.get("links", ()) if ln.rel == "related"] for e in atom.entries}
    assert related[posts[0].url] == ["https://tmf.example.org/blog/same%20story?a=1"]
    assert related[posts[2].url] == ["https://news.example.com/other"]
    import json

    items = json.loads((config.publish_dir / "all.json").read_text())["items"]
    assert [i["_myofeed"].get("also_at") for i in items if i.get("url") == posts[0].url] == [related[posts[0].url]]


def test_empty_topics_and_no_posts_are_valid(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    publish_all(config, [])
    _check_all(config)
    publish_all(config, [post(topics=("dermatomyositis",))])  # every other topic is empty
    _check_all(config)
    rss = etree.fromstring((config.publish_dir / "research.rss").read_bytes())
    assert rss.findtext("channel/lastBuildDate") == "Sat, 01 Jan 2000 00:00:00 +0000"  # constant: no churn


def test_many_posts_valid_and_cut_to_items(tmp_path: Path) -> None:
    config = make_config(tmp_path, items=20)
    posts = [
        post(published=datetime(2025, 1, 1 + i % 28, i % 24, tzinfo=UTC).isoformat(), comments=i) for i in range(60)
    ]
    publish_all(config, posts)
    _check_all(config)
    atom = etree.fromstring((config.publish_dir / "all.atom").read_bytes())
    assert len(atom.findall("{http://www.w3.org/2005/Atom}entry")) == 20


def test_checkers_catch_invalid_feeds() -> None:
    """The checks are only worth something if they fail on bad input."""
    bad_atom = (CORPORA / "validator-smoke" / "invalid.atom").read_bytes()
    assert check_atom(bad_atom, "http://example.org/feed.atom")
    good_atom = (CORPORA / "validator-smoke" / "valid.atom").read_bytes()
    assert atom_schema().validate(etree.fromstring(good_atom).getroottree())
    bad_rss = b"""<rss version="2.0"><channel><title>t</title><link>http://x.example/</link><description>d</description>
    <lastBuildDate>2025-11-20</lastBuildDate><item><title>a &lt;/b&gt;</title><source>s</source>
    <guid isPermaLink="true">tag:x,2025:1</guid></item></channel></rss>"""
    problems = " ".join(check_rss(bad_rss, "http://x.example/feed.rss"))
    for expected in ("RFC 822", "self", "HTML", "source url", "isPermaLink"):
        assert expected in problems
    assert check_json(b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": 1}]}', "x")
    assert check_html('<p onclick="x"><a href="/rel">r</a><script></script></p>', "d") != []
    assert check_text("a</b> &amp; b", "t") != [] and check_text("Q&A, R&D", "t") == []


@pytest.mark.parametrize(
    "testcase",
    ["rss20/introduction/rss-2.0-sample-noerror.xml"],
)
def test_rss_checker_accepts_validator_clean_sample(testcase: str) -> None:
    path = CORPORA / "feedvalidator-testcases" / testcase
    if not path.is_file():
        pytest.skip(f"{testcase} absent")
    problems = check_rss(path.read_bytes(), "http://example.invalid/never")
    assert [p for p in problems if "self" not in p] == []
