"""Old blog front pages of full posts: footer lines printed after each post's box (`footer-after-box`),
day headings over a flat column of posts (`day-over-flat-posts`), and a day heading that closes the post
above it (`day-heading-over-next`). Each page here is a few posts of our own making."""

from __future__ import annotations

from datetime import UTC, datetime

from myofeed.parse.html import parse_listing

NOW = datetime(2023, 3, 3, 8, tzinfo=UTC)
BASE = "https://wiki.example/blog/"
BODY = ("<p>A paragraph of the post's text, long enough to read as prose, with a reference to "
        '<a href="https://man.example/man1/{0}">the {0} manual page</a> and '
        '<a href="https://else.example/{0}">an article elsewhere</a> in it.</p>')


def _posts(html: str) -> list[dict]:
    return [p.to_json() for p in parse_listing(html.encode(), base_url=BASE, now=NOW).posts]


def _boxed(n: int, day: str, slug: str, time: str, count: str) -> str:
    return (f'<div class="day"><h2>{day}</h2></div>' if day else "") + (
        f'<div class="entry"><h2>Entry number {n} about {slug}</h2>{BODY.format(slug.lower())}</div>'
        f'<div class="foot"><small>(<a href="/blog/{slug}">{slug}</a>) &mdash; written at {time} | {count}</small>'
        "</div>")


def test_footer_after_box_joins_the_post_above() -> None:
    """The footer line after each post's box holds its address, time and comment count: without it the
    post's URL was a link in its text, its time and count were lost."""
    html = ("<html><body><div class='main'>" + _boxed(1, "2023-03-02", "InodeExhaustion", "16:05:12",
            "(3 comments.)") + _boxed(2, "", "PipelineExitCodes", "09:41:37", "(One comment.)")
            + _boxed(3, "2023-02-27", "MailServerMove", "22:10:05", "(No comments.)") + "</div></body></html>")
    posts = _posts(html)
    assert [(p["url"], p["published"], p["comments"]) for p in posts] == [
        ("https://wiki.example/blog/InodeExhaustion", "2023-03-02T16:05:12", 3),
        ("https://wiki.example/blog/PipelineExitCodes", "2023-03-02T09:41:37", 1),
        ("https://wiki.example/blog/MailServerMove", "2023-02-27T22:10:05", 0),
    ]


def _flat(day: str | None, title: str, slug: str, who: str, time: str) -> str:
    return ((f"<h2>{day}</h2>" if day else "") + f"<h3>{title}</h3>{BODY.format(slug)}"
            f'<p><em>posted by {who} at {time}</em> | <a href="/2006/06/{slug}.html">permalink</a> | '
            f'<a href="https://comments.example/t?p={slug}">comments</a></p>')


def test_day_headings_over_a_flat_column_of_posts() -> None:
    """A flat column (day heading, title, body, footer, ...): the second post of a day is of that day
    (day-over-flat-posts), and the next day's heading is not the post above's date (day-heading-over-next)."""
    html = ("<html><body><div id='main'>"
            + _flat("Wednesday, June 14, 2006", "Card catalogues we have loved", "cards", "Ann Ellery", "03:33:51 AM")
            + _flat(None, "Summer reading list, first draft", "summer", "Dan Okafor", "01:12:09 AM")
            + _flat("Monday, June 12, 2006", "The photocopier question", "copier", "Ann Ellery", "07:45:00 PM")
            + _flat("Friday, June 09, 2006", "Welcome to the reading room", "welcome", "Dan Okafor", "10:02:30 AM")
            + "</div></body></html>")
    posts = _posts(html)
    assert [(p["title"], p["published"]) for p in posts] == [
        ("Card catalogues we have loved", "2006-06-14T03:33:51"),
        ("Summer reading list, first draft", "2006-06-14T01:12:09"),
        ("The photocopier question", "2006-06-12T19:45:00"),
        ("Welcome to the reading room", "2006-06-09T10:02:30"),
    ]
    assert posts[0]["url"] == "https://wiki.example/2006/06/cards.html"


def test_a_box_without_footer_lines_is_left_alone() -> None:
    """Cards whose boxes hold their own meta: the sibling after a box (the next day's heading, an ad) is
    never taken as a footer."""
    cards = "".join(f'<h2>2023-03-0{i}</h2><div class="entry"><h3><a href="/p/{i}">Post number {i} here</a></h3>'
                    f'<p>Text of post {i}, long enough to be an excerpt of it.</p><p class="m">at 10:1{i} | '
                    f'<a href="/p/{i}#comments">{i} comments</a></p></div><div class="ad">Advertisement</div>'
                    for i in range(1, 4))
    posts = _posts(f"<html><body><div id='main'>{cards}</div></body></html>")
    assert [(p["url"], p["published"], p["comments"]) for p in posts] == [
        (f"https://wiki.example/p/{i}", f"2023-03-0{i}T10:1{i}:00", i) for i in range(1, 4)]


def test_linked_day_headings_of_the_titles_tag_are_no_posts() -> None:
    """day-headings-no-titles: the day heading links to the day's page and shares the titles' tag
    (<h2><a href="/2023/03/02">2023-03-02</a></h2> over <h2>Title</h2>): it had become the posts' title
    (the only headings that link), each post's body an untitled post. It heads the day's posts."""
    def day(d: str) -> str:
        return f'<div class="dayhead"><h2><a href="/blog/{d.replace("-", "/")}">{d}</a></h2></div>'

    html = ("<html><body><div class='main'>" + day("2023-03-02")
            + _boxed(1, "", "InodeExhaustion", "16:05:12", "(3 comments.)")
            + _boxed(2, "", "PipelineExitCodes", "09:41:37", "(One comment.)") + day("2023-02-27")
            + _boxed(3, "", "MailServerMove", "22:10:05", "(No comments.)") + "</div></body></html>")
    posts = _posts(html)
    assert [(p["title"], p["published"]) for p in posts] == [
        ("Entry number 1 about InodeExhaustion", "2023-03-02T16:05:12"),
        ("Entry number 2 about PipelineExitCodes", "2023-03-02T09:41:37"),
        ("Entry number 3 about MailServerMove", "2023-02-27T22:10:05"),
    ]
