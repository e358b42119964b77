"""Items 7, 12, 13: what a source says about a post is bounded before it is stored, published or printed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import FixtureServer, Route
from ._hostile import listing, myofeed, rss, source, status

JSONFEED = {"Content-Type": "application/feed+json"}
NOW = "2025-11-21T08:00:00Z"


def _jsonfeed(items: list[dict[str, object]]) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": items}).encode()


def _posts(config: Path) -> list[dict[str, object]]:
    out = myofeed(config, "posts", "--json")
    return [json.loads(line) for line in out.stdout.splitlines()]


# --- item 7: numbers and nesting ---------------------------------------------------------------


def test_an_absurd_comment_count_loses_nothing(http_server: FixtureServer, config_file: Callable[..., Path]) -> None:
    http_server.routes["/j"] = Route(_jsonfeed([
        {"id": "1", "url": "https://blog.example/1", "title": "Myositis one", "_myofeed": {"comments": 99999999999999999999}},
        {"id": "2", "url": "https://blog.example/2", "title": "Myositis two", "_myofeed": {"comments": 3}},
        {"id": "3", "url": "https://blog.example/3", "title": "Myositis three", "_myofeed": {"comments": -4}},
        {"id": "4", "url": "https://blog.example/4", "title": "Myositis four", "_myofeed": {"comments": 1e400}},
    ]).replace(b"Infinity", b"1e400"), headers=JSONFEED)
    config = config_file(source("j", http_server.url("/j")))
    run = myofeed(config, "ingest", "--all")
    assert "j: 4 new" in run.stdout, run.stdout + run.stderr
    assert {p["title"]: p["comments"] for p in _posts(config)} == {
        "Myositis one": None, "Myositis two": 3, "Myositis three": None, "Myositis four": None}


def test_deeply_nested_json_is_one_clear_error(http_server: FixtureServer, config_file: Callable[..., Path]) -> None:
    deep = b'{"version": "https://jsonfeed.org/version/1.1", "items": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    http_server.routes["/deep"] = Route(deep, headers=JSONFEED)
    config = config_file(source("deep", http_server.url("/deep")))
    run = myofeed(config, "ingest", "--all")
    assert "deep: FAILED:" in run.stdout and "nested too deeply" in run.stdout, run.stdout
    assert "Traceback" not in run.stderr and "unexpected error" not in run.stderr


# --- item 12: future dates and rotating GUIDs --------------------------------------------------


def test_a_post_dated_in_the_far_future_is_dated_at_the_fetch(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    http_server.routes["/j"] = Route(_jsonfeed([
        {"id": "f", "url": "https://blog.example/f", "title": "Myositis forever on top", "date_published": "9999-12-31T23:59:59Z"},
        {"id": "d", "url": "https://blog.example/d", "title": "Myositis date only", "date_published": "9999-12-31"},
        {"id": "t", "url": "https://blog.example/t", "title": "Myositis tomorrow", "date_published": "2025-11-22"},
        {"id": "n", "url": "https://blog.example/n", "title": "Myositis normal", "date_published": "2025-11-20T10:00:00Z"},
    ]), headers=JSONFEED)
    config = config_file(source("j", http_server.url("/j")))
    assert "j: 4 new" in myofeed(config, "ingest", "--all", "--now", NOW).stdout
    dates = {p["title"]: p["published"] for p in _posts(config)}
    assert dates == {
        "Myositis forever on top": "2025-11-21T08:00:00+00:00",
        "Myositis date only": "2025-11-21T08:00:00+00:00",
        "Myositis tomorrow": "2025-11-22",  # within the skew (a day): time zones ahead of UTC
        "Myositis normal": "2025-11-20T10:00:00+00:00",
    }
    myofeed(config, "publish")
    assert "9999" not in (config.parent / "feeds" / "all.atom").read_text()


def test_rotating_guids_are_capped_per_fetch_and_flag_the_source(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    calls = []

    def rotating(_: object) -> Route:
        calls.append(1)
        n = len(calls)
        return Route(rss([(f"Myositis item {i}", f"rot-{n}-{i}") for i in range(80)]),
                     headers={"Content-Type": "application/rss+xml"})

    http_server.routes["/rot"] = rotating
    http_server.routes["/big"] = Route(rss([(f"Myositis post {i}", f"big-{i}") for i in range(60)]),
                                       headers={"Content-Type": "application/rss+xml"})
    config = config_file(source("rot", http_server.url("/rot")) + source("big", http_server.url("/big")))
    config.write_text(config.read_text().replace('timeout = "5s"', 'timeout = "5s"\nmax_new_posts = 50'))
    first = myofeed(config, "ingest", "--all")
    assert "rot: 50 new" in first.stdout and "big: 50 new" in first.stdout, first.stdout + first.stderr
    assert "rot: BROKEN: the source sent 80 new posts in one fetch; kept the first 50" in first.stdout
    rows = status(config)
    assert rows["rot"]["broken"] and "max_new_posts" in rows["rot"]["broken_reason"]
    second = myofeed(config, "ingest", "--all")
    assert "rot: 50 new" in second.stdout and "rot: BROKEN" in second.stdout  # still flooding: still flagged
    assert "big: 10 new" in second.stdout and "big: BROKEN" not in second.stdout  # a big feed catches up
    assert not status(config)["big"]["broken"]


# --- item 13: terminal escapes and bidi controls ------------------------------------------------

ESCAPES = "\x1b]52;c;aGVsbG8=\x07\x1b]0;pwned\x07\x1b[2J\x9b31m\x85"
BIDI = "\u202egnp.exe\u202c\u2066\u200f"


def test_controls_and_bidi_marks_never_reach_titles_feeds_or_the_terminal(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    http_server.routes["/j"] = Route(_jsonfeed([
        {"id": "e", "url": "https://blog.example/e", "title": f"Myositis{ESCAPES} escapes",
         "authors": [{"name": f"Ann{BIDI}"}], "summary": f"Dermatomyositis{ESCAPES}{BIDI} summary",
         "content_html": f"<p>Myositis {BIDI}{ESCAPES} html</p>", "tags": [f"tag{BIDI}"]},
    ]), headers=JSONFEED)
    http_server.routes["/page"] = Route(listing("1", "2", base="https://blog.example",
                                                title_a=f"Myositis {BIDI} listing title"),
                                        headers={"Content-Type": "text/html; charset=utf-8"})
    config = config_file(source("j", http_server.url("/j")) + source("page", http_server.url("/page"), kind="html"))
    run = myofeed(config, "ingest", "--all")
    assert "j: 1 new" in run.stdout and "page: 2 new" in run.stdout, run.stdout + run.stderr
    titles = {p["title"] for p in _posts(config)}
    assert "Myositis escapes" in titles and "Myositis gnp.exe listing title" in titles
    text = myofeed(config, "posts").stdout + myofeed(config, "posts", "show", "1").stdout
    myofeed(config, "publish")
    published = "".join(p.read_text() for p in (config.parent / "feeds").iterdir() if p.is_file())
    for out in (text, published):
        for bad in ("\x1b", "\x07", "\x9b", "\x85", "\u202e", "\u202c", "\u2066", "\u200f"):
            assert bad not in out, (bad, out[:500])


@pytest.mark.sqlite_only  # writes an "older row" into the SQLite file directly
def test_the_cli_escapes_controls_it_finds_in_stored_text(tmp_path: Path, config_file: Callable[..., Path],
                                                          http_server: FixtureServer) -> None:
    """Older rows (stored before these bounds) are shown escaped, never obeyed by the terminal (a title as
    the feeds show it: C0 controls dropped, the others escaped)."""
    http_server.routes["/j"] = Route(_jsonfeed([{"id": "a", "url": "https://blog.example/a", "title": "Myositis a"}]),
                                     headers=JSONFEED)
    config = config_file(source("j", http_server.url("/j")))
    myofeed(config, "ingest", "--all")
    with sqlite3.connect(tmp_path / "data" / "test.db") as db:
        db.execute("UPDATE posts SET title = ?", (f"Myositis{ESCAPES}{BIDI}",))
    for args in (("posts",), ("posts", "--json"), ("posts", "show", "1")):
        out = myofeed(config, *args).stdout
        assert "\x1b" not in out and "\u202e" not in out and "\x9b" not in out, (args, out)
        assert "Myositis]52;c;aGVsbG8=]0;pwned[2J" in out, (args, out)
        assert ("\\x9b31m" in out or "\\u009b31m" in out) and "\\u202egnp.exe" in out, (args, out)


# --- lone surrogates (audit 4, deviation 1) ----------------------------------------------------
# JSON's "\ud800" and XML's &#xD800; decode to a str no UTF-8 encoder writes: one such entry failed its
# whole source (UnicodeEncodeError at the store) and made `extract` print a traceback.

_SURROGATE_RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><link>https://w.example/</link>'
    b"<description>d</description>"
    b"<item><title>Dermatomyositis ref &#xD800; here</title><link>https://w.example/1</link><guid>r1</guid>"
    b"<description>Dermatomyositis &#56320; text.</description><category>myo&#xdfff;</category></item>"
    b"<item><title>Dermatomyositis ok item</title><link>https://w.example/2</link><guid>r2</guid>"
    b"<description>Dermatomyositis ok.</description></item></channel></rss>"
)
_SURROGATE_JSON = (
    b'{"version":"https://jsonfeed.org/version/1.1","title":"W \\udc00","items":['
    b'{"id":"w1","url":"https://w.example/1?\\ud800","title":"Dermatomyositis lone \\ud800 here",'
    b'"content_text":"Dermatomyositis \\udfff end.","authors":[{"name":"Ann \\ud801"}],"tags":["x\\ud800"]},'
    b'{"id":"w2","url":"https://w.example/2","title":"Dermatomyositis two","content_text":"Dermatomyositis."}]}'
)
_SURROGATE_LDJSON = (
    b'<html><head><title>T</title><script type="application/ld+json">{"@context":"https://schema.org",'
    b'"@type":"ItemList","itemListElement":['
    b'{"@type":"BlogPosting","headline":"Dermatomyositis ld \\ud800 one","url":"https://w.example/a",'
    b'"author":{"@type":"Person","name":"Bo \\udc01"},"datePublished":"2025-11-02"},'
    b'{"@type":"BlogPosting","headline":"Dermatomyositis ld two","url":"https://w.example/b",'
    b'"datePublished":"2025-11-01"}]}</script></head><body><p>&#xD800; &#55296;</p></body></html>'
)


@pytest.mark.parametrize("path, body, ctype", [
    ("/w.rss", _SURROGATE_RSS, "application/rss+xml"),
    ("/w.json", _SURROGATE_JSON, "application/feed+json"),
])
def test_a_lone_surrogate_costs_one_character_not_the_source(
    http_server: FixtureServer, config_file: Callable[..., Path], path: str, body: bytes, ctype: str
) -> None:
    # and a header byte that is not UTF-8 (aiohttp decodes it with surrogateescape) reaches the store too
    http_server.routes[path] = Route(body, headers={"Content-Type": ctype, "ETag": '"v\xff1"'})
    config = config_file(source("w", http_server.url(path)))
    run = myofeed(config, "ingest", "--all")
    assert run.returncode == 0 and "w: 2 new" in run.stdout, run.stdout + run.stderr
    titles = [str(p["title"]) for p in _posts(config)]
    assert len(titles) == 2 and any("Dermatomyositis" in t and "\ufffd" in t for t in titles), titles
    assert status(config)["w"]["last_error"] is None
    assert myofeed(config, "publish").returncode == 0
    assert "\ufffd" in (config.parent / "feeds" / "all.atom").read_text(encoding="utf-8")
    out = myofeed(config, "extract", http_server.url(path))
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    printed = json.loads(out.stdout)
    assert len(printed) == 2 and "\ufffd" in printed[0]["title"]


def test_lone_surrogates_in_a_listing_pages_structured_data_are_replaced(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(_SURROGATE_LDJSON)
    out = myofeed(None, "extract", str(page), "--base-url", "https://w.example/")
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    posts = json.loads(out.stdout)
    assert [p["title"] for p in posts] == ["Dermatomyositis ld \ufffd one", "Dermatomyositis ld two"]
    assert posts[0]["author"] == "Bo \ufffd"
