"""nh3 sanitizing of feed HTML and flattening to plain text."""

from __future__ import annotations

import pytest

from myofeed.parse.sanitize import html_to_text, sanitize_html, strip_read_more

BASE = "https://blog.example/2025/11/post/"


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script><p>ok</p>",
        '<p onclick="alert(1)" onmouseover="x()">ok</p>',
        '<img src="x.png" onerror="alert(1)"><p>ok</p>',
        '<a href="javascript:alert(1)">ok</a>',
        "<style>p{color:red}</style><p>ok</p>",
        '<iframe src="https://evil.example/"></iframe><p>ok</p>',
        '<svg onload="alert(1)"><script>alert(1)</script></svg><p>ok</p>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">ok</a>',
        '<object data="x.swf"></object><embed src="x.swf"><p>ok</p>',
        '<p style="background:url(javascript:alert(1))">ok</p>',
    ],
)
def test_dangerous_markup_removed(dirty: str) -> None:
    clean = sanitize_html(dirty, BASE).lower()
    assert "ok" in clean
    for bad in (
        "<script",
        "onclick",
        "onerror",
        "onload",
        "onmouseover",
        "javascript:",
        "<style",
        "<iframe",
        "<svg",
        "data:",
        "<object",
        "<embed",
        "style=",
    ):
        assert bad not in clean, (bad, clean)


def test_links_made_absolute_with_rel() -> None:
    clean = sanitize_html('<p><a href="../other/">x</a> <img src="/img/a.png" alt="a"> <a href="#c">c</a></p>', BASE)
    assert 'href="https://blog.example/2025/11/other/"' in clean
    assert 'src="https://blog.example/img/a.png"' in clean
    assert 'href="https://blog.example/2025/11/post/#c"' in clean
    assert clean.count('rel="noopener nofollow"') == 2


def test_absolute_links_kept_and_relative_dropped_without_base() -> None:
    assert 'href="https://x.example/a"' in sanitize_html('<a href="https://x.example/a">a</a>')
    assert "href" not in sanitize_html('<a href="/a">a</a>')
    assert "href" not in sanitize_html('<a href="/a">a</a>', "file:///tmp/feed.xml")


def test_safe_formatting_survives() -> None:
    html = "<p><strong>bold</strong> <em>it</em><br><ul><li>one</li></ul><blockquote>q</blockquote></p>"
    clean = sanitize_html(html, BASE)
    for tag in ("<strong>", "<em>", "<br>", "<li>", "<blockquote>"):
        assert tag in clean


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Hello&nbsp;<b>world</b></p><p>next</p>", "Hello world next"),
        ("a &amp; b &lt;c&gt; &#8230; &hellip;", "a & b <c> … …"),
        ("<script>var x = 1;</script>visible<style>p{}</style>", "visible"),
        ("line\n\n  break\t tab", "line break tab"),
        ("one<br>two<br/>three", "one two three"),
        ("<ul><li>a</li><li>b</li></ul>", "a b"),
        ("plain text, no markup", "plain text, no markup"),
        ("", ""),
        ("<!-- comment -->after", "after"),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("The summary goes on […]", "The summary goes on"),
        ("The summary goes on [...]", "The summary goes on"),
        ("Something happened. Read more »", "Something happened."),
        ("Something happened. Continue reading Some Title →", "Something happened."),
        ("A study. More Detail", "A study."),
        ("Nothing to strip here", "Nothing to strip here"),
        ("We need more data", "We need more data"),
    ],
)
def test_strip_read_more(text: str, stripped: str) -> None:
    assert strip_read_more(text) == stripped
