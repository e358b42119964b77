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
