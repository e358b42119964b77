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


def _flat_linked(day: str | None, title: str, slug: str, time: str, count: str) -> str:
    head = f'<div class="dayhead"><h2><a href="/blog/{day.replace("-", "/")}">{day}</a></h2></div>' if day else ""
    return (head + f'<h3><a href="/blog/{slug}">{title}</a></h3>{BODY.format(slug.lower())}'
            f'<div class="foot"><small>(<a href="/blog/{slug}">{slug}</a>) &mdash; written at {time}; {count}'
            "</small></div>")


def test_a_day_heading_in_its_own_box_closes_the_flat_post_above() -> None:
    """day-heading-over-next in a box: a flat column of linked titles, a day heading in its own
    <div class="dayhead"> linked to the day's page. The last post of a day had taken the next day's
    heading into its card and its date (2023-02-27 for a post of 2023-03-02, its time lost)."""
    html = ("<html><body><div class='main'>"
            + _flat_linked("2023-03-02", "Why the backup host ran out of inodes", "InodeExhaustion", "16:05:12",
                           "(3 comments.)")
            + _flat_linked(None, "A puzzle with exit codes in pipelines", "PipelineExitCodes", "09:41:37",
                           "(One comment.)")
            + _flat_linked("2023-02-27", "Moving the mail server to new hardware", "MailServerMove", "22:10:05",
                           "(No comments.)") + "</div></body></html>")
    posts = _posts(html)
    assert [(p["url"], p["published"], p["comments"]) for p in posts] == [
        ("https://wiki.example/blog/InodeExhaustion", "2023-03-02T16:05:12", 3),
        ("https://wiki.example/blog/PipelineExitCodes", "2023-03-02T09:41:37", 1),
        ("https://wiki.example/blog/MailServerMove", "2023-02-27T22:10:05", 0),
    ]


def test_titles_after_footers_keep_unlinked_titles_beside_offsite_ones() -> None:
    """titles-after-footers: one flat column whose titles link to the story they are about on other
    sites, or link nowhere: the unlinked titles had been taken for section headings (two posts of four).
    The first heading after each footer is a title; a heading inside a post stays a section; the post's
    URL is its footer's permalink (permalink-beside-offsite-title)."""
    def post(title: str, slug: str, story: str | None, section: str = "") -> str:
        head = f'<a href="https://news.example/{story}">{title}</a>' if story else title
        inner = f"<h3>{section}</h3><p>More text under a section heading of the post.</p>" if section else ""
        return (f"<h3>{head}</h3>{BODY.format(slug)}{inner}<p><em>posted by Ann Lee at 10:43:12 AM</em> "
                f'<a href="/2006/06/{slug}.html">permalink</a> | <a href="/2006/06/{slug}.html#comments">'
                "comments (2)</a></p>")

    html = ("<html><body><div id='main'><h2>Wednesday, June 14, 2006</h2>"
            + post("Council votes to dredge the harbour", "dredge", "dredge-vote")
            + post("Ferry timetable, summer edition", "ferry", None, section="Sunday boats")
            + post("June tides are the highest of the year", "tides", "tides-june")
            + post("Fish market hours change in July", "fish", None) + "</div></body></html>")
    posts = _posts(html)
    assert [(p["title"], p["url"]) for p in posts] == [
        ("Council votes to dredge the harbour", "https://wiki.example/2006/06/dredge.html"),
        ("Ferry timetable, summer edition", "https://wiki.example/2006/06/ferry.html"),
        ("June tides are the highest of the year", "https://wiki.example/2006/06/tides.html"),
        ("Fish market hours change in July", "https://wiki.example/2006/06/fish.html"),
    ]
    assert {p["published"] for p in posts} == {"2006-06-14T10:43:12"}


def test_an_onsite_title_link_stays_the_url_beside_a_permalink() -> None:
    """permalink-beside-offsite-title fires only when the title leaves the blog's site: a title linked
    to the post's own page keeps its link."""
    cards = "".join(f'<div class="entry"><h3><a href="/blog/p{i}.html">Post number {i} of the blog</a></h3>'
                    f'{BODY.format(i)}<p>posted by Ann at 10:1{i} AM <a href="/archives/{i}.html">permalink</a></p>'
                    "</div>" for i in range(1, 4))
    posts = _posts(f"<html><body><div id='main'>{cards}</div></body></html>")
    assert [p["url"] for p in posts] == [f"https://wiki.example/blog/p{i}.html" for i in range(1, 4)]


def test_day_heading_over_title_boxes_dates_the_days_later_posts() -> None:
    """day-over-flat-posts with the title in a box of its own, the body and the footer in the boxes after
    it (<div class="entry-header"><h3>..</h3></div><div class="entry-body">..): the second post of a day
    had no date at all (the heading is more than two siblings above it)."""
    def post(title: str, slug: str, time: str) -> str:
        return (f'<div class="entry-header"><h3>{title}</h3></div><div class="entry-body">{BODY.format(slug)}</div>'
                f'<div class="entry-footer">posted by Ann Lee at {time} <a href="/2006/06/{slug}.html">permalink</a>'
                "</div>")

    html = ("<html><body><div id='main'><h2>Wednesday, June 14, 2006</h2>"
            + post("Council votes to dredge the harbour", "dredge", "10:43:12 AM")
            + post("Ferry timetable, summer edition", "ferry", "08:02:47 AM") + "<h2>Monday, June 12, 2006</h2>"
            + post("The lighthouse is for sale", "lighthouse", "09:15:00 PM")
            + post("Fish market hours change in July", "fish", "06:58:40 AM") + "</div></body></html>")
    assert [p["published"] for p in _posts(html)] == [
        "2006-06-14T10:43:12", "2006-06-14T08:02:47", "2006-06-12T21:15:00", "2006-06-12T06:58:40"]


def _linked_line_post(title: str, slug: str, ref: tuple[str, str] | None, time: str) -> str:
    ref_line = f'<p><a href="/blog/{ref[1]}">{ref[0]}</a></p>' if ref else ""
    return (f'<p class="head"><a href="/blog/{slug}">{title}</a></p>{BODY.format(slug.lower())}{ref_line}'
            f'<div class="foot"><small>(<a href="/blog/{slug}">{slug}</a>) &mdash; written at {time}; '
            "(2 comments.)</small></div>")


def test_references_between_footers_are_no_posts() -> None:
    """references-between-footers: titles as linked lines (no heading) in one flat column; a post's body
    links back to another post, or to itself, on a line of its own, of the titles' shape. Each post had
    come out twice (the reference taking the post's footer), with the in-text links as posts besides."""
    html = ("<html><body><div class='main'><h2>2023-03-02</h2>"
            + _linked_line_post("Why the backup host ran out of inodes", "InodeExhaustion",
                                ("A puzzle with exit codes in pipelines", "PipelineExitCodes#update"), "16:05:12")
            + _linked_line_post("A puzzle with exit codes in pipelines", "PipelineExitCodes",
                                ("A puzzle with exit codes in pipelines", "PipelineExitCodes"), "09:41:37")
            + _linked_line_post("Moving the mail server to new hardware", "MailServerMove",
                                ("Why the backup host ran out of inodes", "InodeExhaustion"), "08:10:05")
            + "</div></body></html>")
    posts = _posts(html)
    assert [(p["title"], p["url"], p["published"], p["comments"]) for p in posts] == [
        ("Why the backup host ran out of inodes", "https://wiki.example/blog/InodeExhaustion", "2023-03-02T16:05:12", 2),
        ("A puzzle with exit codes in pipelines", "https://wiki.example/blog/PipelineExitCodes",
         "2023-03-02T09:41:37", 2),
        ("Moving the mail server to new hardware", "https://wiki.example/blog/MailServerMove",
         "2023-03-02T08:10:05", 2),
    ]


def test_links_in_prose_leave_a_group_of_linked_lines() -> None:
    """links-in-prose-no-titles: in a group of links of one shape, those in the middle of a sentence are a
    post's references when others of the group stand alone on their line (the titles)."""
    from myofeed.parse.html import parse_tree
    from myofeed.parse.listing.sections import without_links_in_prose

    root = parse_tree('<html><body><div><p><a href="/a">First title</a></p><p>Some words come first here, then '
                      '<a href="/x">a reference</a> in the sentence.</p><p><a href="/b">Second title</a></p>'
                      '<p><a href="/c">Third title</a></p></div></body></html>')
    links = list(root.iter("a"))
    assert [a.get("href") for a in without_links_in_prose(links)] == ["/a", "/b", "/c"]
    assert without_links_in_prose(links[:2]) == links[:2]  # too few to tell


def test_a_saved_page_without_its_address_still_takes_the_footer_permalink() -> None:
    """permalink-beside-offsite-title on a saved copy (base a file: URL): the footer's permalink is on
    another host than the story the title links to, so it is the blog's own."""
    cards = "".join(f'<div class="entry"><h3><a href="https://news.example/story-{i}">Story number {i} of the day</a>'
                    f'</h3>{BODY.format(i)}<p>posted by Ann at 10:1{i} AM <a href="https://blog.example/{i}.html">'
                    "permalink</a></p></div>" for i in range(1, 4))
    html = f"<html><body><div id='main'>{cards}</div></body></html>"
    posts = parse_listing(html.encode(), base_url="file:///tmp/saved.html", now=NOW).posts
    assert [p.url for p in posts] == [f"https://blog.example/{i}.html" for i in range(1, 4)]


def test_an_early_weblog_with_icon_permalinks_and_anchors_between_posts() -> None:
    """Radio UserLand's front page: a day header, then posts each behind a named anchor (<a name="a811">),
    the footer an icon permalink (<img alt="Permalink">), the time with seconds and no "at" ("9:15:00 PM"),
    "comment [3]". The URL had been a link in the text, the later posts of a day undated, "9:15:00 PM" read
    as 15:00."""
    def post(anchor: str, title: str, time: str) -> str:
        return (f'<a name="{anchor}"></a><div class="item"><div class="itemTitle">{title}</div><div class="itemText">'
                f'{BODY.format(anchor)}</div><div class="itemFooter"><a href="/2006/06/14.html#{anchor}"><img '
                f'src="/images/permalink.gif" alt="Permalink"></a>&nbsp;{time}&nbsp;&nbsp;<a href="https://comments.'
                f'example/c?p={anchor}">comment [3]</a></div></div>')

    html = ('<html><body><div id="main"><div class="dayHeader"><b>Wednesday, June 14, 2006</b></div>'
            + post("a812", "Notes from the library board", "10:43:12 AM")
            + post("a811", "A new ferry timetable for June", "9:15:00 PM")
            + post("a810", "The lighthouse is for sale now", "8:02:47 AM") + "</div></body></html>")
    posts = _posts(html)
    assert [(p["url"], p["published"], p["comments"]) for p in posts] == [
        ("https://wiki.example/2006/06/14.html#a812", "2006-06-14T10:43:12", 3),
        ("https://wiki.example/2006/06/14.html#a811", "2006-06-14T21:15:00", 3),
        ("https://wiki.example/2006/06/14.html#a810", "2006-06-14T08:02:47", 3),
    ]


def test_an_archive_of_links_one_per_br_line_dated_beside_them() -> None:
    """date-beside-link-in-line: an old blog's archive page, "June 14, 2006: <a>Title</a><br />" (or the
    date after the link, in brackets): no element per item, the date is the line's text. A short title
    ("Fish") in the list's own box is one more line (it had been left out as a link beside a title)."""
    lines = [("June 14, 2006: ", "Council votes to dredge the inner harbour", "412", ""),
             ("", "Ferry timetable, summer edition", "411", " (2006-06-13)"),
             ("June 12, 2006: ", "The lighthouse is for sale", "409", ""),
             ("May 30, 2006: ", "Fish", "401", "")]
    body = "".join(f'{pre}<a href="/archives/{n}.html">{t}</a>{post}<br />' for pre, t, n, post in lines)
    posts = _posts(f'<html><body><div id="content"><h3>Archives</h3><div class="archive">{body}</div></div></body></html>')
    assert [(p["title"], p["published"]) for p in posts] == [
        ("Council votes to dredge the inner harbour", "2006-06-14"), ("Ferry timetable, summer edition", "2006-06-13"),
        ("The lighthouse is for sale", "2006-06-12"), ("Fish", "2006-05-30")]
