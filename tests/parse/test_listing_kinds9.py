"""Pages of our own making that reproduce patterns the last round's closing note reported from pages nobody had
tuned on (tests/data/listing-kinds9/: dates inside the link text, type badges taken as bylines, archives as
year > month > day trees, dates only in data attributes), and one small case for each rule they prompted.

The set's truth has the real set's shape (../shared/datasets/listing-pages-real/README.md) and is scored by that
set's own score.py through the installed `myofeed extract`; the first scores on main at f9bd73b are in the set's
README.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.parse._score import needs_score, score_set

from myofeed.parse.html import parse_listing
from myofeed.parse.listing.model import Context
from myofeed.parse.listing.person import type_label
from myofeed.parse.listing.titledates import split_title_date

KINDS9 = Path(__file__).resolve().parents[1] / "data" / "listing-kinds9"
NOW = datetime(2024, 3, 15, 12, tzinfo=UTC)


@needs_score
def test_kinds9_set_scores_full() -> None:
    got = score_set(KINDS9)
    assert got.pages == len(list(KINDS9.glob("*.truth.json"))) >= 6
    assert (got.micro, got.macro) == (1.0, 1.0), got.report


def _posts(html: str, base: str = "https://kinds9.example/", now: datetime = NOW):
    return parse_listing(html.encode(), base_url=base, now=now, explain=True).posts


def _why(post, field: str) -> str:
    return dict(post.why)[field]


def _ctx(day_first: bool | None = None, lang: str | None = None) -> Context:
    return Context(base_url="https://kinds9.example/", now=NOW, lang=lang, day_first=day_first)


@pytest.mark.parametrize(("text", "title", "day"), [
    ("[2013-06-12 12:31] Water supply notice", "Water supply notice", "2013-06-12T12:31:00"),
    ("2024.03.05 - Spring timetable", "Spring timetable", "2024-03-05"),
    ("2024-03-05 | Spring timetable", "Spring timetable", "2024-03-05"),
    ("05.03.2024: Fare changes", "Fare changes", "2024-03-05"),
    ("【2024.03.05】お知らせの題", "お知らせの題", "2024-03-05"),
    ("(12/03) Assemblée générale", "Assemblée générale", "2024-03-12"),
])
def test_split_title_date(text: str, title: str, day: str) -> None:
    """text-without-title-date / date-in-title-text: a day that opens the title, bracketed or before a separator."""
    assert split_title_date(text, _ctx(day_first=True)) == (title, day)


@pytest.mark.parametrize("text", [
    "2024 - The year in review",  # a year alone is a headline
    "(1/3) Part one of the series",  # a part counter, not a day
    "2024.03.05",  # nothing after the date
    "[2024-03-05] 2025",  # no word after it
    "10 things to do - in March",  # no date
    "2024.03.05 Spring timetable",  # no separator after an unbracketed date
    "Spring timetable (2024-03-05)",  # only a leading date
])
def test_no_title_date(text: str) -> None:
    assert split_title_date(text, _ctx(day_first=True)) is None


def test_title_dates_in_a_link_list() -> None:
    """A list of links whose texts open with their day: the title without it, the day the post's."""
    items = "".join(f'<li><a href="/n/{i}">[2024-03-0{i} 1{i}:30] Notice number {i} for the district</a></li>'
                    for i in range(1, 5))
    posts = _posts(f"<html><body><ul>{items}</ul></body></html>")
    assert [p.title for p in posts] == [f"Notice number {i} for the district" for i in range(1, 5)]
    assert [p.published for p in posts] == [f"2024-03-0{i}T1{i}:30:00" for i in range(1, 5)]
    assert "+text-without-title-date" in _why(posts[0], "title")
    assert _why(posts[0], "published").startswith("date-in-title-text")


def test_a_card_date_wins_over_the_title_date() -> None:
    """A card that shows its date apart keeps it (date-in-title-text comes after the card's own dates)."""
    cards = "".join(f'<article><h2><a href="/p/{i}">2024.01.0{i} - Notice number {i}</a></h2>'
                    f'<time datetime="2024-02-0{i}">Feb {i}, 2024</time></article>' for i in range(1, 4))
    posts = _posts(f"<html><body>{cards}</body></html>")
    assert [p.published for p in posts] == [f"2024-02-0{i}" for i in range(1, 4)]
    assert [p.title for p in posts] == [f"Notice number {i}" for i in range(1, 4)]


@pytest.mark.parametrize(("label", "kind"), [
    ("News", True), ("Pressemitteilung", True), ("Veranstaltung", True), ("Podcast", True), ("Événement", True),
    ("Actualités", True), ("Communiqué de presse", True), ("Nota de prensa", True), ("Comunicato stampa", True),
    ("Persbericht", True), ("Noticias", True), ("お知らせ", True),
    ("Harbour News", False), ("Anna Presser", False), ("Maren Osei", False), ("Jean Avisse", False)])
def test_type_labels_in_other_languages(label: str, kind: bool) -> None:
    """type-label-not-author: kinds of item in other languages, and a one-word section name ("News") alone."""
    assert type_label(label) is kind


def test_category_in_the_author_slot_is_no_author() -> None:
    cards = "".join(f'<article><h2><a href="/b/{i}/">Article numéro {i} du blog</a></h2><div class="footer">'
                    f'<span class="post-author">{k}</span> · <time datetime="2024-03-0{i}">0{i}/03/2024</time></div>'
                    f'</article>' for i, k in enumerate(["Actualités", "Événement", "Communiqué de presse"], 1))
    posts = _posts(f'<html lang="fr"><body>{cards}</body></html>')
    assert [p.author for p in posts] == [None, None, None]
    assert "type-label-not-author" in _why(posts[0], "author")


def _tree(months: dict[str, dict[str, list[tuple[str, str]]]]) -> str:
    out = []
    for year, by_month in months.items():
        out.append(f'<li><span class="y">{year}</span><ul>')
        for month, days in by_month.items():
            out.append(f'<li><span class="m">{month}</span><ul>')
            out += [f'<li><span class="d">{d}</span> <a href="/p/{t.lower().replace(" ", "-")}/">{t}</a></li>'
                    for d, t in days]
            out.append("</ul></li>")
        out.append("</ul></li>")
    return f'<html><body><ul class="archive">{"".join(out)}</ul></body></html>'


def test_archive_tree_day() -> None:
    """archive-tree-day: a year > month > day tree of nested lists dates each post by its ancestors' labels; a
    month's only post (its box the month's node, whose label and day read as a date) leaves no other month's
    posts out as undated (archive-tree-item)."""
    page = _tree({"2024": {"March": [("12", "Bridge railings repaired"), ("3", "A walk along the canal")],
                           "February": [("28", "Winter birds at the reservoir")]},
                  "2023": {"December": [("30", "Looking back on the year"), ("9", "Lights in the square")]}})
    posts = _posts(page)
    assert [p.published for p in posts] == ["2024-03-12", "2024-03-03", "2024-02-28", "2023-12-30", "2023-12-09"]
    assert _why(posts[0], "published").startswith("archive-tree-day")


@pytest.mark.parametrize(("month", "number"), [("Март", 3), ("Февраль", 2), ("Grudzień", 12), ("Μάρτιος", 3)])
def test_month_heading_day_in_other_scripts(month: str, number: int) -> None:
    """month-heading-day: month headings in scripts the ASCII fold drops, under a year heading and past the
    year's later months; a row's day may close on a colon ("12: <a>Title</a>")."""
    from myofeed.parse.listing.monthdays import month_of_heading

    assert month_of_heading(month) == (None, number)
    rows = "".join(f'<li>{d}: <a href="/p/{number}-{d}.html">Запись номер {d} в архиве</a></li>' for d in (9, 4))
    page = f"<html><body><h2>2023</h2><h3>{month}</h3><ul>{rows}</ul><h3>Январь</h3><ul>{rows.replace('/p/', '/q/')}</ul></body></html>"
    posts = _posts(page)
    assert [p.published for p in posts] == [f"2023-{number:02d}-09", f"2023-{number:02d}-04", "2023-01-09", "2023-01-04"]


_FULL = "".join(f'<div class="item"><h2><a href="/index.php/news/{30 - i}-item">Full item number {i} of the club</a></h2>'
                f'<dl class="article-info"><dd class="published"><time datetime="2025-11-1{i}">1{i} Nov 2025</time></dd>'
                f'</dl><p>Text of item {i}, a sentence or two about the club.</p></div>' for i in range(1, 4))
_MORE = "".join(f'<li><a href="/index.php/news/{20 - i}-older">Older item {i}</a></li>' for i in range(1, 4))


@pytest.mark.parametrize("more", [
    f'<div class="items-more"><h3>More Articles &hellip;</h3><ol class="nav nav-tabs nav-stacked">{_MORE}</ol></div>',
    f'<div class="com-content-category-blog__links"><ul class="com-content-blog__links">{_MORE}</ul></div>',
    f'<h3>Weitere Beiträge …</h3><ul class="nav">{_MORE}</ul>',
])
def test_more_articles_list(more: str) -> None:
    """more-articles-list: a category blog's title-only links after its full items are posts too, in page order,
    however the list is classed (Joomla 3's `nav nav-tabs`)."""
    posts = _posts(f'<html><body><main><div class="blog">{_FULL}{more}</div></main></body></html>')
    assert [p.title for p in posts] == [f"Full item number {i} of the club" for i in range(1, 4)] + [
        f"Older item {i}" for i in range(1, 4)]
    assert "more-articles-list" in _why(posts[-1], "title")


@pytest.mark.parametrize("more", [
    f'<h3>Related</h3><ul>{_MORE}</ul>',  # no more-articles heading
    f'<div class="items-more"><ol>{_MORE.replace("/index.php/news/", "/shop/item/")}</ol></div>',  # another section
])
def test_no_more_articles_list(more: str) -> None:
    posts = _posts(f'<html><body><main><div class="blog">{_FULL}{more}</div></main></body></html>')
    assert len(posts) == 3


@pytest.mark.parametrize(("author", "name"), [
    ({"data": {"id": 7, "attributes": {"firstName": "Mette", "lastName": "Holm"}}}, "Mette Holm"),
    ({"data": [{"attributes": {"name": "Ann Lee"}}, {"attributes": {"name": "Bo Chen"}}]}, "Ann Lee and Bo Chen"),
    ({"node": {"displayName": "Ida Lund"}}, "Ida Lund"),
])
def test_wrapped_person(author: object, name: str) -> None:
    """wrapped-person: a CMS relation as its API returns it (Strapi's data/attributes, a GraphQL node)."""
    from myofeed.parse.listing.structured import _person

    assert _person(author) == name


_EPISODES = "".join(f'<article class="episode"><div class="ep-meta"><span class="ep-number">#{n}</span><time datetime="2025-1'
                    f'1-{n:02d}">{n} Nov</time></div><h2 class="ep-title"><a href="/episodes/{n}/">Episode title number {n}'
                    f'</a></h2><p>Show notes of episode {n}.</p></article>' for n in (12, 11, 10, 9))
_TRAILER = ('<article class="episode episode--trailer"><div class="ep-meta"><span class="ep-type">Trailer</span></div>'
            '<h2 class="ep-title"><a href="/episodes/trailer/">Welcome to the show</a></h2><p>What it is about.</p>'
            '</article>')


@pytest.mark.parametrize("page", [_TRAILER + _EPISODES, _EPISODES + _TRAILER])
def test_podcast_trailer_is_an_episode(page: str) -> None:
    """A trailer (no number, no date, a modifier class on its box) is one of the episodes, first or last."""
    posts = _posts(f"<html><body><main>{page}</main></body></html>")
    assert len(posts) == 5 and "Welcome to the show" in [p.title for p in posts]


_STORIES = {k: f"Town story {k} about the river front" for k in "abcdefg"}


def _grid_card(k: str, dated: bool = True) -> str:
    day = f'<time datetime="2025-11-1{"abcdefg".index(k)}T08:00">1{"abcdefg".index(k)} Nov</time>' if dated else ""
    return (f'<article class="news-card"><h3 class="news-card__title"><a href="/news/{k}">{_STORIES[k]}</a></h3>{day}'
            f'<p>Teaser of story {k}.</p></article>')


def _slide(k: str, dated: bool = False) -> str:
    day = f'<span class="slide__time">1{"abcdefg".index(k)} Nov 2025, 08:00</span>' if dated else ""
    return (f'<div class="slide"><a href="/news/{k}"><img src="/i/{k}.jpg" alt=""><span class="kicker">Town</span>'
            f'<div class="slide__headline">{_STORIES[k]}</div>{day}</a></div>')


def _home(slides: str, grid: str) -> str:
    return (f'<html><body><header><a href="/">Paper</a></header><section class="hero"><div class="slider">{slides}'
            f'</div></section><section><h2>Latest</h2><div class="grid">{grid}</div></section></body></html>')


def test_hero_slider_stories_join_first() -> None:
    """hero-slider: every story of the slider before the grid joins first, in page order, the one shown only there
    too; a story the grid repeats is kept once, where it first appears, and takes the grid's date
    (repeated-story)."""
    posts = _posts(_home("".join(_slide(k) for k in "abc"), "".join(_grid_card(k) for k in "bdaefg")))
    assert [p.title for p in posts] == [_STORIES[k] for k in "abcdefg"]
    assert [p.published is not None for p in posts] == [True, True, False, True, True, True, True]
    assert "hero-slider" in _why(posts[0], "title")
    assert "repeated-story" in _why(posts[0], "published")


def test_dated_slider_is_not_the_list() -> None:
    """slider-not-the-list: dated slides weigh half, so the undated grid of the page's stories is the list; the
    slides join it first."""
    grid = "".join(_grid_card(k, dated=False).replace("Teaser of story", "Short teaser") for k in "bdaefg")
    posts = _posts(_home("".join(_slide(k, dated=True) for k in "abc"), grid))
    assert [p.title for p in posts] == [_STORIES[k] for k in "abcdefg"]


def test_a_services_hero_does_not_join() -> None:
    """A hero of services (links elsewhere than the list's section, none repeated in it) is no slider of stories."""
    hero = "".join(f'<div class="slide"><a href="/services/s{i}/"><h3>Service number {i} for offices</h3></a></div>'
                   for i in range(3))
    posts = _posts(_home(hero, "".join(_grid_card(k) for k in "abcd")))
    assert [p.title for p in posts] == [_STORIES[k] for k in "abcd"]


def test_a_slider_alone_is_still_the_list() -> None:
    posts = _posts(_home("".join(_slide(k, dated=True) for k in "abcd"), ""))
    assert [p.title for p in posts] == [_STORIES[k] for k in "abcd"]


_NEWSLETTER = [("The taper diary, week six", "Ten milligrams and the stairs still count as exercise, which surprised me"),
               ("Grip, again", "A physio's three exercises for hands that have forgotten how jars work"),
               ("Letters", "Your questions about infusions, fatigue and going back to work, answered"),
               ("On rest", "What a week of pacing taught me about mornings, and what it did not")]


def test_subtitle_link_is_no_title() -> None:
    """subtitle-link: a short title link, then a subtitle twice as long linked to the same post: the title is the
    first (however short: "Letters"), the subtitle no title candidate."""
    cards = "".join(f'<div class="p"><div><a class="x1" href="/p/{i}">{t}</a></div><div><a class="x2" href="/p/{i}">{s}</a>'
                    f'</div><div><time datetime="2024-03-0{i + 1}">Mar {i + 1}</time></div></div>'
                    for i, (t, s) in enumerate(_NEWSLETTER))
    posts = _posts(f"<html><body><main>{cards}</main></body></html>")
    assert [p.title for p in posts] == [t for t, _ in _NEWSLETTER]


def test_subtitle_link_after_a_kicker_stays() -> None:
    """After a kicker linked to the post, the longer link is the headline."""
    from lxml import html as lhtml

    from myofeed.parse.listing.candidates import subtitle_links

    page = ('<html><body><div><a class="kicker" href="/p/1">Opinion</a> <a href="/p/1">The harbour deserves a '
            'better plan than this one</a></div></body></html>')
    assert subtitle_links(lhtml.fromstring(page).find("body")) == {}


@pytest.mark.parametrize(("heading", "joins"), [("Start with the trailer", True), ("Related shows", False)])
def test_kin_box_beside(heading: str, joins: bool) -> None:
    """kin-box-beside: a box of the cards' shape alone in its own section before the list (past the list's own
    heading) joins it first; not under a heading naming another list."""
    page = (f"<html><body><main><section><h2>{heading}</h2>{_TRAILER}</section><h2>All episodes</h2>"
            f"<div class=\"list\">{_EPISODES}</div></main></body></html>")
    titles = [p.title for p in _posts(page)]
    assert (titles[0] == "Welcome to the show") is joins and len(titles) == (5 if joins else 4)
