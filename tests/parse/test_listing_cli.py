"""`myofeed extract`: files and URLs, --pages, --now, --base-url, --source selectors, feeds, errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import FixtureServer, Route

from myofeed.cli import cli

PAGE = """<html lang="en"><head><title>Tag page</title>
<link rel="alternate" type="application/rss+xml" href="/tag/x/feed/">
{next}</head><body><main>
<article class="post"><h2><a href="/posts/{a}">Post {a} about living with myositis</a></h2>
<p class="meta">By Ann Lee · 3 days ago · 2 comments</p><p>Excerpt of post {a}, which is long enough to be a summary. Read more</p></article>
<article class="post"><h2><a href="/posts/{b}">Post {b} about treatment options</a></h2>
<p class="meta">By Bo Ek · Nov 2, 2025 · No comments</p><p>Excerpt of post {b}, which is long enough to be a summary.</p></article>
</main></body></html>"""


def _page(a: str, b: str, nxt: str | None = None) -> str:
    return PAGE.format(a=a, b=b, next=f'<link rel="next" href="{nxt}">' if nxt else "")


def _run(*args: str, config: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    argv = ["--config", str(config)] if config else ["--config", "/nonexistent/myofeed.toml"]
    result = runner.invoke(cli, [*argv, "extract", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_extract_local_file_without_config(tmp_path: Path) -> None:
    page = tmp_path / "tag.html"
    page.write_text(_page("1", "2"), encoding="utf-8")
    code, out, err = _run(str(page), "--base-url", "https://blog.example/tag/x/", "--now", "2025-11-20T12:00:00Z")
    assert code == 0, err
    posts = json.loads(out)
    assert posts == [
        {"title": "Post 1 about living with myositis", "url": "https://blog.example/posts/1", "author": "Ann Lee",
         "published": "2025-11-17", "comments": 2,
         "summary": "Excerpt of post 1, which is long enough to be a summary."},
        {"title": "Post 2 about treatment options", "url": "https://blog.example/posts/2", "author": "Bo Ek",
         "published": "2025-11-02", "comments": 0,
         "summary": "Excerpt of post 2, which is long enough to be a summary."},
    ]
    assert "note: this page announces a feed: https://blog.example/tag/x/feed/" in err


def test_extract_follows_next_pages_of_local_files(tmp_path: Path) -> None:
    (tmp_path / "p1.html").write_text(_page("1", "2", "p2.html"), encoding="utf-8")
    (tmp_path / "p2.html").write_text(_page("3", "4", "p3.html"), encoding="utf-8")
    (tmp_path / "p3.html").write_text(_page("5", "6"), encoding="utf-8")
    code, out, _ = _run(str(tmp_path / "p1.html"), "--pages", "2")
    assert code == 0
    urls = [p["url"] for p in json.loads(out)]
    assert [u.rsplit("/", 1)[1] for u in urls] == ["1", "2", "3", "4"]
    assert urls[0].startswith("file://")


def test_extract_url_through_the_fetch_guard(http_server: FixtureServer, config_file: Callable[..., Path]) -> None:
    http_server.routes["/tag/x/"] = Route(_page("1", "2", "/tag/x/page/2/").encode(),
                                          headers={"Content-Type": "text/html; charset=utf-8"})
    http_server.routes["/tag/x/page/2/"] = Route(_page("3", "4").encode(), headers={"Content-Type": "text/html"})
    code, out, err = _run(http_server.url("/tag/x/"), "--pages", "3", config=config_file())
    assert code == 0, err
    assert [p["url"] for p in json.loads(out)] == [http_server.url(f"/posts/{i}") for i in range(1, 5)]


def test_extract_refuses_loopback_without_allow_hosts(http_server: FixtureServer) -> None:
    http_server.routes["/x"] = Route(b"<html></html>")
    from myofeed.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["--config", "/nonexistent/myofeed.toml", "extract", http_server.url("/x")])
    assert exc.value.code == 1
    assert http_server.requests == []  # refused before connecting


def test_extract_with_source_selectors(tmp_path: Path, config_file: Callable[..., Path]) -> None:
    page = tmp_path / "odd.html"
    page.write_text(
        "<html><body>"
        + "".join(
            f'<div class="it"><span class="t"><a href="/o/{i}">Odd item {i}</a></span><i class="d">2025|11|0{i}</i></div>'
            for i in (1, 2)
        )
        + "</body></html>",
        encoding="utf-8",
    )
    cfg = config_file(
        f'[[sources]]\nname = "odd"\nurl = "{page}"\n'
        '[sources.selectors]\nitem = "div.it"\ntitle = "span.t"\ndate = "i.d"\ndate_format = "%Y|%m|%d"\n'
    )
    code, out, err = _run(str(page), "--source", "odd", "--base-url", "https://odd.example/", config=cfg)
    assert code == 0, err
    assert [(p["title"], p["published"]) for p in json.loads(out)] == [
        ("Odd item 1", "2025-11-01"),
        ("Odd item 2", "2025-11-02"),
    ]
    # audit 4, minor 8: --explain named no element for a configured selector ("source-selector" alone)
    code, out, err = _run(str(page), "--source", "odd", "--base-url", "https://odd.example/", "--explain",
                          config=cfg)
    assert code == 0, err
    why = json.loads(out)[0]["_why"]
    assert why["title"] == 'source-selector "span.t" <span.t>'
    assert why["published"] == 'source-selector "i.d" <i.d>'


def test_extract_reads_a_feed_as_a_feed(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>https://f.example/</link>'
        "<item><title>Feed item one</title><link>https://f.example/1</link>"
        "<pubDate>Thu, 20 Nov 2025 09:30:00 +0100</pubDate></item></channel></rss>",
        encoding="utf-8",
    )
    code, out, err = _run(str(feed))
    assert code == 0, err
    posts = json.loads(out)
    assert posts[0]["title"] == "Feed item one"
    assert posts[0]["url"] == "https://f.example/1"


def test_extract_usage_errors(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path / "missing.html"))
    assert code == 2
    assert "no such file" in err
    code, _, err = _run(str(tmp_path / "x.html"), "--now", "yesterday-ish")
    assert code == 2
    code, _, err = _run(str(tmp_path / "x.html"), "--pages", "0")
    assert code == 2


def test_extract_says_when_it_caps_pages(tmp_path: Path) -> None:
    # outside audit 3, minor note 8: the cap of 50 was undocumented and refused N > 50 as a usage error
    (tmp_path / "p1.html").write_text(_page("1", "2"), encoding="utf-8")
    code, out, err = _run(str(tmp_path / "p1.html"), "--pages", "80")
    assert code == 0, err
    assert "--pages 80 capped at 50 pages" in err and len(json.loads(out)) == 2
    assert "capped" not in _run(str(tmp_path / "p1.html"), "--pages", "50")[2]


def test_extract_help_has_an_example() -> None:
    code, out, _ = _run("--help")
    assert code == 0
    assert "Examples:" in out and "myofeed extract" in out


def test_extract_unknown_source_is_a_usage_error(tmp_path: Path, config_file: Callable[..., Path]) -> None:
    page = tmp_path / "p.html"
    page.write_text(_page("1", "2"), encoding="utf-8")
    code, _, err = _run(str(page), "--source", "nope", config=config_file())
    assert code == 2
    assert "unknown source 'nope'" in err


# --- the operator's debugging tool (issue 12) ---------------------------------------------------


def test_extract_explain_names_the_rule_of_every_field(tmp_path: Path) -> None:
    page = tmp_path / "tag.html"
    page.write_text(_page("1", "2"), encoding="utf-8")
    code, out, err = _run(str(page), "--base-url", "https://blog.example/tag/x/", "--explain",
                          "--now", "2025-11-20T12:00:00Z")
    assert code == 0, err
    why = json.loads(out)[0]["_why"]
    assert set(why) == {"title", "url", "author", "published", "comments", "summary"}
    assert why["url"].startswith("link-in-title <a")  # the h2 repeats; its link is the URL
    assert why["author"] == "by-line-in-meta"
    assert why["comments"] == "comment-words-in-meta"
    assert "_why" not in json.loads(_run(str(page))[1])[0]


RSS_ITEMS = """<?xml version="1.0" encoding="UTF-8"?>
{doctype}<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Demo feed</title>
<link>https://blog.example/</link><description>demo</description>
<item><title>Living with IBM (demo)</title><link>https://blog.example/a</link><dc:creator>Ann Lee</dc:creator>
<pubDate>Thu, 20 Nov 2025 10:00:00 GMT</pubDate><slash:comments>4</slash:comments>
<description>A demo post about daily life.</description></item>
<item><guid isPermaLink="true">https://blog.example/b</guid><dc:date>2025-11-19</dc:date>
<content:encoded><![CDATA[<p>A post without a title. It has text.</p>]]></content:encoded></item>
</channel></rss>"""
ATOM_ENTRY = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
<title>Demo</title><id>urn:demo</id><updated>2025-11-20T00:00:00Z</updated>
<entry><title>Research note (demo)</title><id>https://blog.example/c</id><updated>2025-11-18T09:00:00Z</updated>
<link rel="replies" href="https://blog.example/c#comments" thr:count="2"/>
<author><name>Bo Ek</name></author><content type="html">&lt;p&gt;Text.&lt;/p&gt;</content></entry></feed>"""


@pytest.mark.parametrize("doctype", ["", "<!DOCTYPE rss>\n"], ids=["fast-path", "feedparser"])
def test_extract_explain_names_each_feed_field_s_element(tmp_path: Path, doctype: str) -> None:
    # outside audit 3: `extract --explain` on a feed said only "feed-entry" for every field
    from myofeed.parse.fastfeed import parse_fast

    feed = tmp_path / "feed.xml"
    feed.write_text(RSS_ITEMS.format(doctype=doctype), encoding="utf-8")
    assert (parse_fast(feed.read_bytes(), url="https://blog.example/feed", headers={}) is None) == bool(doctype)
    code, out, err = _run(str(feed), "--explain")
    assert code == 0, err
    first, second = (p["_why"] for p in json.loads(out))
    assert first == {"title": "feed-entry <title>", "url": "feed-entry <link>",
                     "author": "feed-entry <author/dc:creator>", "published": "feed-entry <pubDate>",
                     "comments": "feed-entry <slash:comments>", "summary": "feed-entry <description>"}
    # named by the element the text came from (outside audit 8, m2: "<summary>" beside "<content:encoded>")
    assert second == {"title": "title-from-text <content:encoded>", "url": "feed-entry <guid isPermaLink>",
                      "author": "none", "published": "feed-entry <dc:date>", "comments": "none",
                      "summary": "feed-entry <content:encoded>"}
    atom = tmp_path / "feed.atom"
    atom.write_text(ATOM_ENTRY, encoding="utf-8")
    code, out, err = _run(str(atom), "--explain")
    assert code == 0, err
    assert json.loads(out)[0]["_why"] == {
        "title": "feed-entry <title>", "url": "feed-entry <id>", "author": "feed-entry <author>",
        "published": "feed-entry <updated>", "comments": "feed-entry <link rel=replies thr:count>",
        "summary": "feed-entry <content>"}


def test_extract_explain_names_each_json_feed_field_s_member(tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Demo",
                                "authors": [{"name": "Demo Desk"}], "items": [
                                    {"id": "1", "title": "A demo post", "external_url": "https://news.example/1",
                                     "date_modified": "2025-11-20T10:00:00Z", "content_html": "<p>Text.</p>"}]}),
                    encoding="utf-8")
    code, out, err = _run(str(feed), "--explain")
    assert code == 0, err
    assert json.loads(out)[0]["_why"] == {
        "title": "feed-entry <title>", "url": "feed-entry <external_url>",
        "author": "feed-entry <authors (the feed's)>", "published": "feed-entry <date_modified>",
        "comments": "none", "summary": "feed-entry <content_html>"}


def test_extract_without_base_url_takes_the_pages_canonical(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text(_page("1", "2").replace("<head>", '<head><link rel="canonical" href="https://saved.example/t/">'),
                    encoding="utf-8")
    code, out, _ = _run(str(page))
    assert code == 0
    assert [p["url"] for p in json.loads(out)] == ["https://saved.example/posts/1", "https://saved.example/posts/2"]
    og = tmp_path / "og.html"
    og.write_text(_page("1", "2").replace("<head>", '<head><meta property="og:url" content="https://og.example/t/">'),
                  encoding="utf-8")
    assert json.loads(_run(str(og))[1])[0]["url"] == "https://og.example/posts/1"
    # an explicit --base-url still wins
    assert json.loads(_run(str(page), "--base-url", "https://given.example/")[1])[0]["url"] == \
        "https://given.example/posts/1"


def test_extract_source_takes_its_base_url(tmp_path: Path, config_file: Callable[..., Path]) -> None:
    page = tmp_path / "copy.html"
    page.write_text(_page("1", "2"), encoding="utf-8")
    cfg = config_file(f'[[sources]]\nname = "copy"\nurl = "{page.as_uri()}"\nbase_url = "https://public.example/tag/"\n')
    code, out, err = _run(str(page), "--source", "copy", config=cfg)
    assert code == 0, err
    assert json.loads(out)[0]["url"] == "https://public.example/posts/1"


def test_extract_keeps_earlier_pages_when_a_later_page_fails(tmp_path: Path) -> None:
    (tmp_path / "p1.html").write_text(_page("1", "2", "p2.html"), encoding="utf-8")
    (tmp_path / "p2.html").write_text(_page("3", "4", "gone.html"), encoding="utf-8")
    code, out, err = _run(str(tmp_path / "p1.html"), "--pages", "3")
    assert code == 0, err
    assert [p["url"].rsplit("/", 1)[1] for p in json.loads(out)] == ["1", "2", "3", "4"]
    assert "page 3" in err and "failed, keeping the 4 posts" in err


def test_extract_says_why_nothing_was_found(tmp_path: Path) -> None:
    empty = tmp_path / "about.html"
    empty.write_text("<html><body><h1>About us</h1><p>" + "We are a support group. " * 20 + "</p>"
                     '<a href="/contact/">Contact</a></body></html>', encoding="utf-8")
    code, out, err = _run(str(empty))
    assert code == 0
    assert json.loads(out) == []
    assert "0 posts found: " in err and "no posts" not in out


def test_extract_says_how_many_post_like_blocks_it_left_out() -> None:
    page = Path(__file__).resolve().parents[1] / "data" / "listing" / "pattern-sidebar-link-lists.html"
    code, out, err = _run(str(page), "--base-url", "https://trust.example/digest/")
    assert code == 0
    assert len(json.loads(out)) == 3
    assert "note: 2 blocks that look like posts were left out" in err


# --- one base URL rule for extract and ingest (outside audit 3, deviation 2) ---------------------

CANONICAL = '<head><link rel="canonical" href="https://public.example/tag/x">'


def _stored_urls(config: Path, source: str) -> list[str]:
    from myofeed.config import load_config
    from myofeed.core import Myofeed

    app = Myofeed(load_config(config))
    try:
        [report] = app.ingest([source])
        assert report.ok, report
        return [p.url for p in sorted(app.posts(), key=lambda p: p.url or "")]
    finally:
        app.close()


def test_extract_url_resolves_against_the_url_fetched_as_ingest_does(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    # SPEC: --base-url defaults to the URL fetched; a canonical elsewhere does not move the links
    http_server.routes["/tag/x/"] = Route(_page("1", "2").replace("<head>", CANONICAL).encode(),
                                          headers={"Content-Type": "text/html"})
    based = _page("3", "4").replace("<head>", CANONICAL + '<base href="https://mirror.example/m/">')
    http_server.routes["/based/"] = Route(based.encode(), headers={"Content-Type": "text/html"})
    cfg = config_file(f'[[sources]]\nname = "tag"\nurl = "{http_server.url("/tag/x/")}"\nkind = "html"\n'
                      'base_url = "https://elsewhere.example/news/"\n')
    code, out, err = _run(http_server.url("/tag/x/"), config=cfg)
    assert code == 0, err
    assert [p["url"] for p in json.loads(out)] == [http_server.url("/posts/1"), http_server.url("/posts/2")]
    # --source applies the source's base_url where ingest does: to saved copies, not to fetched pages
    code, out, err = _run(http_server.url("/tag/x/"), "--source", "tag", config=cfg)
    assert code == 0, err
    assert sorted(p["url"] for p in json.loads(out)) == _stored_urls(cfg, "tag")
    assert _stored_urls(cfg, "tag") == [http_server.url("/posts/1"), http_server.url("/posts/2")]
    # the page's <base href> still applies, as HTML says
    code, out, _ = _run(http_server.url("/based/"), config=cfg)
    assert [p["url"] for p in json.loads(out)] == ["https://mirror.example/posts/3", "https://mirror.example/posts/4"]


def test_every_page_of_a_saved_listing_resolves_against_its_public_address(tmp_path: Path) -> None:
    # page 2 of a saved page names no canonical: it sits beside page 1, so it is public beside it too
    (tmp_path / "p1.html").write_text(_page("1", "2", "p2.html").replace("<head>", CANONICAL), encoding="utf-8")
    (tmp_path / "p2.html").write_text(_page("3", "4", "p3.html"), encoding="utf-8")
    (tmp_path / "p3.html").write_text(_page("5", "6").replace(
        "<head>", '<head><link rel="canonical" href="https://other.example/page/3">'), encoding="utf-8")
    code, out, err = _run(str(tmp_path / "p1.html"), "--pages", "3")
    assert code == 0, err
    urls = [p["url"] for p in json.loads(out)]
    assert urls == [f"https://public.example/posts/{i}" for i in (1, 2, 3, 4)] + [
        "https://other.example/posts/5", "https://other.example/posts/6"]  # a page's own canonical wins


def test_ingest_of_a_saved_page_without_base_url_stores_what_extract_shows(
    tmp_path: Path, config_file: Callable[..., Path]
) -> None:
    page = tmp_path / "saved.html"
    page.write_text(_page("1", "2").replace("<head>", CANONICAL), encoding="utf-8")
    bare = tmp_path / "bare.html"
    bare.write_text(_page("3", "4").replace("Post 3 about living", "Dermatomyositis: post 3 about living"),
                    encoding="utf-8")
    cfg = config_file(f'[[sources]]\nname = "saved"\nurl = "{page}"\nkind = "html"\n'
                      f'[[sources]]\nname = "bare"\nurl = "{bare}"\nkind = "html"\n')
    code, out, err = _run(str(page), "--source", "saved", config=cfg)
    assert code == 0, err
    shown = sorted(p["url"] for p in json.loads(out))
    assert shown == ["https://public.example/posts/1", "https://public.example/posts/2"]
    assert _stored_urls(cfg, "saved") == shown
    # no canonical: the file's own path, and such links are never published as links
    code, out, _ = _run(str(bare), "--source", "bare", config=cfg)
    assert all(p["url"].startswith("file:///posts/") for p in json.loads(out))
    from myofeed.cli import main

    assert main(["--config", str(cfg), "ingest", "bare"]) in (0, None)
    assert main(["--config", str(cfg), "publish"]) in (0, None)
    atom = (tmp_path / "feeds" / "all.atom").read_text(encoding="utf-8")
    assert "Dermatomyositis: post 3" in atom and "file:" not in atom


# --- outside audit 5: empty pages, a next page back to a file given as a path, bad --base-url --------


@pytest.mark.parametrize("body", [b"", b"  \n\t\r\n  ", b"\xef\xbb\xbf\n"])
def test_extract_of_an_empty_page_prints_an_empty_array(tmp_path: Path, body: bytes) -> None:
    page = tmp_path / "empty.html"
    page.write_bytes(body)
    code, out, err = _run(str(page))
    assert (code, json.loads(out)) == (0, [])  # stdout stays a JSON array, as for any page with 0 posts
    assert "0 posts found" in err and "empty" in err and str(page) in err


def test_extract_of_an_empty_url_prints_an_empty_array(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    http_server.routes["/empty"] = Route(b"", headers={"Content-Type": "text/html"})
    code, out, err = _run(http_server.url("/empty"), config=config_file())
    assert (code, json.loads(out)) == (0, [])
    assert "empty" in err and http_server.url("/empty") in err


def test_extract_pages_of_a_file_given_as_a_path_never_read_it_twice(tmp_path: Path) -> None:
    # page 2 links back to page 1 by its file: URL; page 1 was given as a relative or absolute path
    (tmp_path / "one.html").write_text(_page("1", "2", "two.html"), encoding="utf-8")
    (tmp_path / "two.html").write_text(_page("3", "4", "one.html"), encoding="utf-8")
    for target in (str(tmp_path / "one.html"), (tmp_path / "one.html").as_uri()):
        code, out, err = _run(target, "--pages", "10", "--now", "2025-11-20T12:00:00Z")
        assert code == 0, err
        assert [p["url"].rsplit("/", 1)[1] for p in json.loads(out)] == ["1", "2", "3", "4"], target


@pytest.mark.parametrize("bad", ["notaurl", "ftp://x.example/", "/tag/x/", "http://", "https:///path"])
def test_extract_base_url_must_be_an_absolute_http_url(tmp_path: Path, bad: str) -> None:
    page = tmp_path / "tag.html"
    page.write_text(_page("1", "2"), encoding="utf-8")
    code, out, err = _run(str(page), "--base-url", bad)
    assert code == 2 and out == ""
    assert "--base-url" in err and "absolute http(s) URL" in err


@pytest.mark.parametrize("bad", ["http://", "https://", "http:///x"])
def test_extract_of_a_url_without_a_host_is_a_usage_error(bad: str) -> None:
    code, out, err = _run(bad)
    assert code == 2 and out == ""
    assert "FILE_OR_URL" in err and "with a host" in err


@pytest.mark.parametrize(("page", "framed"), [
    ('<html><head><title>x</title></head><frameset cols="20%,80%"><frame src="nav.html"><frame src="posts.html">'
     "</frameset></html>", ["nav.html", "posts.html"]),
    ('<html><body><p>Our news</p><iframe src="https://news.example/list.html"></iframe></body></html>',
     ["https://news.example/list.html"]),
])
def test_extract_of_a_framed_page_names_the_pages_it_frames(tmp_path: Path, page: str, framed: list[str]) -> None:
    # outside audit 5, minor 11: a frameset page was said to be "rendered by script?"
    path = tmp_path / "frames.html"
    path.write_text(page, encoding="utf-8")
    code, out, err = _run(str(path))
    assert (code, json.loads(out)) == (0, [])
    assert "the page shows other pages in frames" in err and "rendered by script" not in err
    for name in framed:
        assert name in err


def test_a_time_with_its_own_offset_wins_over_the_day_shown(tmp_path: Path) -> None:
    # outside audit 8, note 1: <time datetime="...-08:00">November 29</time> gave "2026-11-29" (visible-day).
    # An offset other than UTC's names the site's zone itself, so the machine date wins whole (SPEC: "a
    # timestamp with its offset when the markup gives one"); a UTC time one day off still gives the day shown.
    card = ('<article class="post"><h2><a href="/p/{n}">Dermatomyositis note {n}</a></h2><p class="meta">By Ann Lee'
            ' · <time datetime="{dt}">{shown}</time></p><p>Excerpt of note {n}, long enough to be a summary.</p>'
            '</article>')
    page = tmp_path / "zones.html"
    page.write_text("<html><body><main>" + "".join([
        card.format(n=1, dt="2026-11-28T16:20:00-08:00", shown="November 29, 2026"),
        card.format(n=2, dt="2026-11-29T02:10:00Z", shown="November 28, 2026"),
        card.format(n=3, dt="2026-11-27T23:40:00+05:30", shown="November 27, 2026"),
    ]) + "</main></body></html>", encoding="utf-8")
    code, out, err = _run(str(page), "--base-url", "https://zones.example/", "--explain")
    assert code == 0, err
    got = [(p["published"], p["_why"]["published"].split()[0]) for p in json.loads(out)]
    assert got == [("2026-11-28T16:20:00-08:00", "machine-date"), ("2026-11-28", "visible-day"),
                   ("2026-11-27T23:40:00+05:30", "machine-date")]


def test_extract_explain_names_the_element_an_untitled_rss1_items_title_came_from(tmp_path: Path) -> None:
    # outside audit 8, m2: the title taken from an RSS 1.0 item's <description> said "title-from-text
    # <summary>" beside "summary": "feed-entry <description>"
    rdf = tmp_path / "fern.rdf"
    rdf.write_text("""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://fern.example/"><title>Fern</title>
<link>https://fern.example/</link><description>d</description></channel>
<item rdf:about="https://fern.example/1"><link>https://fern.example/1</link>
<description>Living with dermatomyositis: a fern garden that needs no kneeling.</description></item></rdf:RDF>""",
                   encoding="utf-8")
    code, out, err = _run(str(rdf), "--explain")
    assert code == 0, err
    [post] = json.loads(out)
    assert post["title"].startswith("Living with dermatomyositis")
    assert post["_why"]["summary"] == "feed-entry <description>"
    assert post["_why"]["title"] == "title-from-text <description>"
