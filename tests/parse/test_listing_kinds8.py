"""Pages of our own making that reproduce patterns issue 12 reported from the last blind round
(tests/data/listing-kinds8/: board subject lists of numbered lines, forum and mailing-list indexes), one small
case for each rule they prompted, and the containment of page-level passes (`failed-pass`).

The set's truth has the real set's shape (../shared/datasets/listing-pages-real/README.md) and is scored by
that set's own score.py through the installed `myofeed extract`; the first scores on main are in the set's
README.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.parse._score import needs_score, score_set

from myofeed.cli import cli
from myofeed.parse.html import parse_listing
from myofeed.parse.listing import blocks

KINDS8 = Path(__file__).resolve().parents[1] / "data" / "listing-kinds8"
NOW = datetime(2025, 12, 7, 12, tzinfo=UTC)


@needs_score
def test_kinds8_set_scores_full() -> None:
    got = score_set(KINDS8)
    assert got.pages == len(list(KINDS8.glob("*.truth.json"))) >= 2
    assert (got.micro, got.macro) == (1.0, 1.0), got.report


def _posts(html: str, base: str = "https://kinds8.example/board/", explain: bool = False):
    return parse_listing(html.encode(), base_url=base, now=NOW, explain=explain).posts


def _why(post, field: str) -> str:
    return dict(post.why)[field]


# --- numbered-subject-line: "12: title (45)", one link a line

_SUBJECTS = [("Lantern repair, share your tips [ID:aB3dE]", 123), ("Which kettle for a cold campsite?", 45),
             ("Maps", 7), ("1999", 2), ("デモのスレッド：春の山歩き (初心者歓迎)", 64), ("Trading spare tent pegs", 0)]


def _subject_list(line: str, sep: str = "\n", wrap: str = "{}") -> str:
    rows = sep.join(wrap.format(line.format(k=k + 1, id=1764900000 - k * 7001, t=t, n=n))
                    for k, (t, n) in enumerate(_SUBJECTS))
    return f'<html><body><p>Demo board</p><small id="trad">{rows}</small><a href="kako/">Old threads</a></body></html>'


@pytest.mark.parametrize(("line", "sep", "wrap"), [
    ('<a href="{id}/l50">{k}: {t} ({n})</a>', "\n", "{}"),
    ('<a href="{id}/l50">{k}: {t} ({n})</a>', "<br>\n", "{}"),
    ('<a href="{id}/l50">{k}：{t}（{n}）</a>', "\n", "{}"),
    ('<a href="{id}/l50">{k}: {t}</a> ({n})', "<br>", "{}"),
    ('<a href="{id}/l50">{k}: {t} ({n})</a>', "", "<li>{}</li>"),
])
def test_numbered_subject_lines(line: str, sep: str, wrap: str) -> None:
    """A 2ch/5ch-style subject list: the title is the link's text without its line number and its reply count
    (inside the link or right after it), the count is the comments; a title that is a number stays."""
    posts = _posts(_subject_list(line, sep, wrap), explain=True)
    assert [p.title for p in posts] == [t for t, _ in _SUBJECTS]
    assert [p.comments for p in posts] == [n for _, n in _SUBJECTS]
    assert posts[0].url == "https://kinds8.example/board/1764900000/l50"
    assert _why(posts[0], "title").startswith("repeated-element+numbered-subject-line")
    assert _why(posts[0], "comments").startswith("count-after-subject")


def test_a_lone_numbered_headline_keeps_its_text() -> None:
    """One "1: ... (2)" link among titles written otherwise is no subject list: its text stays whole."""
    items = ["1: Ten trails for a wet spring (2)", "Walking the old railway line in May",
             "How the hut wardens keep the logbook", "Notes from a night at the lighthouse"]
    page = "<html><body><ul>" + "".join(f'<li><a href="/p/{i}">{t}</a></li>' for i, t in enumerate(items)) + \
        "</ul></body></html>"
    posts = _posts(page)
    assert [p.title for p in posts] == items
    assert posts[0].comments is None


def test_a_long_subject_list_keeps_every_line() -> None:
    """A board of 760 threads: every line is a post, each read by the same rules (the rule looks at the lines
    next to its own only)."""
    rows = "\n".join(f'<a href="{1765000000 - k * 3541}/l50">{k + 1}: デモのスレッド 番号{k} について ({k % 1000})</a>'
                     for k in range(760))
    posts = _posts(f'<html lang="ja"><body><small id="trad">\n{rows}\n</small></body></html>')
    assert len(posts) == 760
    assert posts[759].title == "デモのスレッド 番号759 について"
    assert posts[759].comments == 759


# --- failed-pass: a page-level pass that raises is skipped; the page goes on

_BLOG = "<html><body><main>" + "".join(
    f'<article><h2><a href="/p/{i}">Post number {i} of the demo blog</a></h2><p>By Ann Lee on <time '
    f'datetime="2025-11-1{i}">Nov 1{i}, 2025</time> · {i} comments</p><p>A teaser of the post, long enough.</p></article>'
    for i in range(1, 4)) + "</main></body></html>"


def _boom(*args: object) -> object:
    raise RuntimeError("boom\nat the kin boxes")


def test_a_pass_that_raises_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """failed-pass: the kin-box pass raises: the page keeps its posts and fields, one warning names the pass and
    why, and --explain's title rule says which pass was skipped."""
    monkeypatch.setattr(blocks, "with_kin_boxes", _boom)
    doc = parse_listing(_BLOG.encode(), base_url="https://kinds8.example/", now=NOW, explain=True)
    assert [(p.title, p.author, p.comments) for p in doc.posts] == [
        (f"Post number {i} of the demo blog", "Ann Lee", i) for i in (1, 2, 3)]
    assert all(_why(p, "title").endswith("[failed pass: kin-box: RuntimeError: boom at the kin boxes]")
               for p in doc.posts)
    assert [w for w in doc.warnings if "kin-box" in w] == [
        "pass kin-box failed (RuntimeError: boom at the kin boxes): skipped, the page's other passes went on"]


def test_the_poster_line_pass_and_the_page_order_pass_are_contained(monkeypatch: pytest.MonkeyPatch) -> None:
    from myofeed.parse import html as parse_html

    monkeypatch.setattr(blocks, "with_poster_line_posts", _boom)
    monkeypatch.setattr(parse_html, "_in_page_order", _boom)
    doc = parse_listing(_BLOG.encode(), base_url="https://kinds8.example/", now=NOW)
    assert len(doc.posts) == 3
    assert {w.split(" failed")[0] for w in doc.warnings if w.startswith("pass ")} == {
        "pass poster-line-posts", "pass page-order"}


def test_extract_reports_the_failed_pass_and_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blocks, "with_featured_tiles", _boom)
    page = tmp_path / "blog.html"
    page.write_text(_BLOG, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", "/nonexistent/myofeed.toml", "extract", str(page), "--base-url",
                                      "https://kinds8.example/", "--now", "2025-11-20T12:00:00Z", "--explain"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    posts = json.loads(result.stdout)
    assert len(posts) == 3
    assert all("[failed pass: featured-tiles: RuntimeError" in p["_why"]["title"] for p in posts)
    assert [ln for ln in result.stderr.splitlines() if "featured-tiles" in ln] == [
        "note: pass featured-tiles failed (RuntimeError: boom at the kin boxes): skipped, the page's other passes "
        "went on"]


# --- heading-above-post-box is named by --explain where it fired

def test_explain_names_heading_above_post_box() -> None:
    page = (KINDS8.parent / "listing-kinds7" / "community-weblog-h2-unlinked-titles.html").read_bytes()
    doc = parse_listing(page, base_url="https://commonslog.example/", now=datetime(2026, 5, 7, 18, tzinfo=UTC),
                        explain=True)
    assert doc.posts
    assert all(_why(p, "title").endswith("+ heading-above-post-box") for p in doc.posts)


def test_plain_blog_names_no_heading_above_post_box() -> None:
    doc = parse_listing(_BLOG.encode(), base_url="https://kinds8.example/", now=NOW, explain=True)
    assert not any("heading-above-post-box" in _why(p, "title") for p in doc.posts)


def test_poster_line_posts_taken_by_their_headings_name_the_rule() -> None:
    """When the poster's-line posts replace the list found, each one its heading stands for says so too."""
    from lxml import html as lhtml

    from myofeed.parse.listing.posterlines import with_poster_line_posts

    boxes = "".join(f'<h2 class="posttitle">Post title number {i}</h2><div class="copy">Some text about <a href="https://'
                    f'e{i}.example/">a thing</a>, and <a href="https://e{i}.example/b">another</a>.<br /><span>posted by '
                    f'<a href="https://w.example/user/{i}">user{i}</a> at <a href="https://w.example/{90 - i}/p">10:1{i} '
                    f'AM</a> - <a href="https://w.example/{90 - i}/p#comments">{i} comments</a></span></div><br>'
                    for i in range(4))
    body = lhtml.fromstring(f"<html><body><div>{boxes}</div></body></html>").find("body")
    cards = with_poster_line_posts(body, [])
    assert [c.joined_by for c in cards] == ["poster-line-posts + heading-above-post-box"] * 4
