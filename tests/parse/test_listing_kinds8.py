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


def test_a_year_in_brackets_stays_in_the_title() -> None:
    """"3: Title (2019)": a year is no reply count; it stays part of the title."""
    rows = "\n".join(f'<a href="/t/{i}">{i}: Demo film title {i} (20{10 + i})</a><br>' for i in range(1, 5))
    posts = _posts(f"<html><body><div>{rows}</div></body></html>")
    assert [(p.title, p.comments) for p in posts] == [(f"Demo film title {i} (20{10 + i})", None) for i in range(1, 5)]


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


# --- forum thread lists: the author / date slot, the reply count's slot

def _discuz72(rows: list[tuple[str, str, str, int, int]], header: bool = True) -> str:
    head = ('<thead><tr><td class="folder">&nbsp;</td><th>标题</th><td class="author">作者</td><td class="nums">回复/查看'
            '</td><td class="lastpost">最后发表</td></tr></thead>') if header else ""
    body = "".join(
        f'<tbody id="normalthread_{i}"><tr><td class="folder"><a href="viewthread.php?tid={i}"><img src="f.gif"></a></td>'
        f'<th class="subject common"><span id="thread_{i}"><a href="viewthread.php?tid={i}&amp;extra=page%3D1">{t}</a>'
        f'</span></th><td class="author"><cite><a href="space.php?uid={i}">{a}</a></cite><em>{d}</em></td><td '
        f'class="nums"><strong>{r}</strong> / <em>{v}</em></td><td class="lastpost"><em><a href="redirect.php?tid={i}'
        f'&amp;goto=lastpost#lastpost">2012-3-9 21:00</a></em><cite>by <a href="space.php?username=z">路人</a></cite>'
        f'</td></tr></tbody>' for i, (t, a, d, r, v) in enumerate(rows, 1))
    return f'<html><body><div id="threadlist"><table>{head}{body}</table></div></body></html>'


_THREADS = [("春季徒步路线推荐，欢迎补充", "山野行者", "2012-3-8", 47, 1203), ("求助：旧相机镜头发霉怎么处理？", "老周的相机", "2012-3-8", 0, 56),
            ("晒晒我做的木制书架", "木工阿明", "2012-3-7", 23, 880), ("周末读书会第十二期报名", "书虫小组", "2012-3-5", 8, 190)]


@pytest.mark.parametrize("header", [True, False])
def test_discuz_author_date_cell_and_replies_views(header: bool) -> None:
    """A Discuz!-like thread table: the "author / date" cell gives the name without the date (`table-author-column`
    under a header, `name-without-date` without one), the "replies / views" cell its first number; the last-post
    cell's poster is nobody's byline."""
    posts = _posts(_discuz72(_THREADS, header), base="https://bbs.kinds8.example/forumdisplay.php?fid=2", explain=True)
    assert [p.title for p in posts] == [t[0] for t in _THREADS]
    assert [p.author for p in posts] == [t[1] for t in _THREADS]
    assert [p.published for p in posts] == ["2012-03-08", "2012-03-08", "2012-03-07", "2012-03-05"]
    assert [p.comments for p in posts] == [t[3] for t in _THREADS]


@pytest.mark.parametrize("inside", [False, True])
def test_mobile_thread_list_span_by_and_num(inside: bool) -> None:
    """A forum's mobile list: `<li><span class="num">14</span><a>Title</a><span class="by">NAME</span></li>`, the
    writer's slot also inside the title link: the title without it, the name, the count."""
    items = [("Rainy season packing list", "fern_walker", 14), ("Photos from the ridge trail", "Oskar Lind", 3),
             ("Anyone selling a used tent?", "tentless", 0), ("Trail closure near the quarry", "Ranger Mae", 22)]

    def item(i: int, t: str, a: str, n: int) -> str:
        by = f'<span class="by">{a}</span>'
        link = f'<a href="forum.php?mod=viewthread&amp;tid={i}&amp;mobile=yes">{t}{by if inside else ""}</a>'
        return f'<li><span class="num">{n}</span>{link}{"" if inside else by}</li>'

    page = ('<html><body><div class="header"><h2><a href="forum.php?mobile=yes">Demo Hills Forum</a></h2></div>'
            '<div class="threadlist"><ul>' + "".join(item(i, *x) for i, x in enumerate(items, 1)) + "</ul></div></body></html>")
    posts = _posts(page, base="https://hills.kinds8.example/forum.php?mod=forumdisplay&fid=7&mobile=yes", explain=True)
    assert [p.title for p in posts] == [x[0] for x in items]  # the site's name in the page header is no post
    assert [p.author for p in posts] == [x[1] for x in items]
    assert [p.comments for p in posts] == [x[2] for x in items]
    assert _why(posts[0], "author").startswith("name-without-date")
    assert _why(posts[0], "comments").startswith("count-in-num-slot")


def test_num_slot_of_two_numbers_run_together() -> None:
    """Discuz! X's `<td class="num"><a>12</a><em>345</em></td>` (no header): the replies, not "12345"."""
    rows = "".join(f'<tbody id="normalthread_{i}"><tr><th class="common"><a href="forum.php?mod=viewthread&amp;tid={i}" '
                   f'class="s xst">Demo thread number {i} about hills</a></th><td class="by"><cite><a href="home.php?mod='
                   f'space&amp;uid={i}">walker_{i}</a></cite><em><span>2012-3-{i}</span></em></td><td class="num"><a href='
                   f'"forum.php?mod=viewthread&amp;tid={i}" class="xi2">{i * 3}</a><em>{i * 100}</em></td></tr></tbody>'
                   for i in range(1, 5))
    posts = _posts(f'<html><body><div id="threadlist"><table>{rows}</table></div></body></html>')
    assert [p.comments for p in posts] == [3, 6, 9, 12]
    assert [p.author for p in posts] == [f"walker_{i}" for i in range(1, 5)]


# --- mailing-list indexes: the sender after the subject, the nested replies

def test_mhonarc_sender_in_em_after_the_subject() -> None:
    lines = [("Build fails on the demo board", "Lea Marchetti"), ("Re: Build fails on the demo board", "Kofi Mensah"),
             ("Patch: quieter logging", "Sam O'Neill")]
    page = "<html><body><hr><strong>March 08, 2012</strong><ul>" + "".join(
        f'<li><strong><a name="{i:05d}" href="msg{i:05d}.html">{s}</a></strong>, <em>{a}</em></li>'
        for i, (s, a) in enumerate(lines)) + "</ul></body></html>"
    posts = _posts(page, base="https://lists.kinds8.example/2012-03/maillist.html", explain=True)
    assert [(p.title, p.author) for p in posts] == lines
    assert _why(posts[0], "author").startswith("name-after-subject <em>")


@pytest.mark.parametrize(("tail", "want"), [("(3 messages)", 3), ("[3 messages]", 3), ("<small>(3)</small>", 3),
                                          ("(2012)", None)])
def test_message_count_after_the_sender(tail: str, want: int | None) -> None:
    """MHonArc's follow-up count after the sender ("(3)", "(3 messages)"); a year in brackets is none."""
    page = "<html><body><ul>" + "".join(f'<li><strong><a href="msg{i:05d}.html">Demo subject number {i}</a></strong>, '
                                         f'<em>Sender {i}</em> {tail}</li>' for i in range(4)) + "</ul></body></html>"
    posts = _posts(page)
    assert [(p.author, p.comments) for p in posts] == [(f"Sender {i}", want) for i in range(4)]


def test_sender_after_a_dash_and_the_message_count() -> None:
    lines = [("Spring meetup venue", "Hana Kobayashi", 6), ("Bike lanes on Mill Road", "Piet de Vries", 14),
             ("Lost keys at the library", "Ana Souza", 3)]
    page = "<html><body><ul>" + "".join(f'<li><a href="msg{i}.html">{s}</a> - {a} <tt>[{n}]</tt></li>'
                                         for i, (s, a, n) in enumerate(lines)) + "</ul></body></html>"
    posts = _posts(page, base="https://lists.kinds8.example/2012-02/threads.html", explain=True)
    assert [(p.title, p.author, p.comments) for p in posts] == lines
    assert _why(posts[0], "comments").startswith("bracketed-count-after-name")


@pytest.mark.parametrize("text", ["(Rare News Daily)", "(updated Mar 02)", "Until 8pm from next week.", "March 3, 2012"])
def test_no_sender_from_a_source_a_note_or_a_date(text: str) -> None:
    """A link list's source in brackets, an update note, a teaser's sentence, a date: no sender's name."""
    page = "<html><body><ul>" + "".join(f'<li><a href="/p/{i}">A post title number {i} of the list</a> <em>{text}</em></li>'
                                         for i in range(4)) + "</ul></body></html>"
    assert all(p.author is None for p in _posts(page))


def _pipermail(subjects: list[tuple[str, list[str]]]) -> str:
    out, k = [], 0
    for subject, replies in subjects:
        k += 1
        out.append(f'<LI><A HREF="{k:06d}.html">[demo] {subject}\n</A><A NAME="{k}">&nbsp;</A>\n<I>Sender {k}\n</I>')
        if replies:
            out.append("<UL>")
            for reply in replies:
                k += 1
                out.append(f'<LI><A HREF="{k:06d}.html">[demo] {reply}\n</A><A NAME="{k}">&nbsp;</A>\n<I>Sender {k}\n</I>')
            out.append("</UL>")
    return "<html><body><h1>Archives by thread</h1><ul>" + "\n".join(out) + "</ul></body></html>"


def test_pipermail_nested_replies_are_posts() -> None:
    """nested-replies: every message of a Pipermail thread index is a post, in page order, each with its sender;
    the replies nested in a message's line are no part of its fields."""
    page = _pipermail([("Scheduler misses the first run", ["Re: Scheduler misses the first run",
                                                           "Re: Scheduler misses the first run"]),
                       ("How to export the archive?", []), ("Typo in the guide", ["Re: Typo in the guide"])])
    posts = _posts(page, base="https://lists.kinds8.example/pipermail/demo/2012-March/thread.html", explain=True)
    assert [p.url.rsplit("/", 1)[1] for p in posts] == [f"{k:06d}.html" for k in range(1, 7)]
    assert [p.author for p in posts] == [f"Sender {k}" for k in range(1, 7)]
    assert posts[1].title == "[demo] Re: Scheduler misses the first run"
    assert _why(posts[1], "title").endswith("+ nested-replies")
    assert posts[0].summary == ""


def test_nested_links_that_answer_nothing_stay_out() -> None:
    """A list of posts each with a sub-list of links ("Part 1", "Part 2") is no thread index."""
    page = "<html><body><ul>" + "".join(
        f'<li><a href="/p/{i}">A series about walking, number {i}</a><ul><li><a href="/p/{i}/a">Part one of it</a></li>'
        f'<li><a href="/p/{i}/b">Part two of it</a></li></ul></li>' for i in range(4)) + "</ul></body></html>"
    assert [p.title for p in _posts(page)] == [f"A series about walking, number {i}" for i in range(4)]


def test_mobile_thread_list_badges_inside_the_title_link() -> None:
    """Discuz! X's touch list puts the subject, a "置顶" (sticky) badge, the writer and the count in the link: the
    title is the subject alone."""
    ding = '<span class="icon icon_ding">置顶</span>'
    items = "".join(f'<li><a href="forum.php?mod=viewthread&amp;tid={i}"><span style="color:red">Demo thread {i} about '
                    f'the hills</span>{ding if i == 1 else ""}<span class="by">walker_{i}</span><span class="num '
                    f'iconcomment">{i * 2}</span></a></li>' for i in range(1, 5))
    posts = _posts(f'<html><body><div class="threadlist"><ul>{items}</ul></div></body></html>', explain=True)
    assert [(p.title, p.author, p.comments) for p in posts] == [
        (f"Demo thread {i} about the hills", f"walker_{i}", i * 2) for i in range(1, 5)]
    assert _why(posts[0], "title").startswith("repeated-element+text-without-by-slot")


def test_sender_under_a_from_label() -> None:
    """sender-label: Debian's MHonArc index nests "<em>From</em>: NAME <address>" under each subject."""
    subs = [("Build fails on arm64", "Lea Marchetti"), ("Re: Build fails on arm64", "Kofi Mensah"),
            ("Bug#1234: demo-tools: typo", "Sam O'Neill")]
    items = "".join(f'<li><strong><a href="msg{i:05d}.html">{s}</a></strong><ul><li><em>From</em>: {a} &lt;u{i}@lists.'
                    f'example&gt;</li></ul></li>' for i, (s, a) in enumerate(subs))
    posts = _posts(f"<html><body><strong>March 08, 2012</strong><ul>{items}</ul></body></html>", explain=True)
    assert [(p.title, p.author) for p in posts] == subs
    assert _why(posts[0], "author").startswith("sender-label <em>")


def test_mhonarc_thread_index_nested_in_strong() -> None:
    """nested-replies through MHonArc's `<li><strong><a>`: every reply is a post with its sender."""
    def li(n: int, s: str, kids: str = "") -> str:
        return f'<li><strong><a name="{n}" href="msg{n:05d}.html">{s}</a></strong>, <em>Sender {n}</em>{kids}</li>'

    page = ("<html><body><ul>" + li(1, "Release plan", "<ul>" + li(2, "Re: Release plan", "<ul>" + li(3, "Re: Release plan")
                                                                   + "</ul>") + li(4, "Re: Release plan") + "</ul>")
            + li(5, "Docs are out of date") + "</ul></body></html>")
    posts = _posts(page)
    assert [(p.url.rsplit("/", 1)[1], p.author) for p in posts] == [(f"msg{n:05d}.html", f"Sender {n}") for n in range(1, 6)]


@pytest.mark.parametrize("line", [
    '<li><a href="{n:04d}.html">{s}</a>&nbsp;<a name="{n}"><em>{a}</em></a>&nbsp;<em>(Mon Mar 05 2012 - 10:1{n}:33)</em></li>',
    '<li><dfn><a href="{n:04d}.html" id="msg{n}">{s}</a></dfn> <a id="m{n}"><em>{a}</em></a>&nbsp;<em>(Mon Mar 05 2012 '
    '- 10:1{n}:33)</em></li>',
])
def test_hypermail_sender_in_a_named_anchor(line: str) -> None:
    """Hypermail's index: the sender's `<em>` inside a named anchor after the subject; the date in brackets."""
    lines = [(1, "Build fails on the demo board", "Lea Marchetti"), (2, "Re: Build fails on the demo board", "Kofi Mensah"),
             (3, "Patch: quieter logging", "Sam O'Neill")]
    page = "<html><body><ul>" + "".join(line.format(n=n, s=s, a=a) for n, s, a in lines) + "</ul></body></html>"
    posts = _posts(page, base="https://lists.kinds8.example/2012/03/date.html")
    assert [(p.title, p.author, p.published) for p in posts] == [
        (s, a, f"2012-03-05T10:1{n}:33") for n, s, a in lines]


def test_replies_after_a_closed_line_and_with_the_same_subject() -> None:
    """A reply list set right after a closed `</li>`, replies that keep the subject without "Re:": every message
    is a post."""
    def li(n: int, s: str) -> str:
        return f'<li><a href="{n:06d}.html">{s}</a> <i>Sender {n}</i></li>'

    page = ("<html><body><ul>" + li(1, "[demo] Scheduler misses a run") + "<ul>" + li(2, "[demo] Scheduler misses a run")
            + "<ul>" + li(3, "[demo] Scheduler misses a run") + "</ul>" + li(4, "[demo] Scheduler misses a run") + "</ul>"
            + li(5, "[demo] Export the archive") + li(6, "[demo] Typo in the guide") + "<ul>"
            + li(7, "Re: [demo] Typo in the guide") + "</ul></ul></body></html>")
    posts = _posts(page, base="https://lists.kinds8.example/p/thread.html")
    assert [(p.url.rsplit("/", 1)[1], p.author) for p in posts] == [(f"{n:06d}.html", f"Sender {n}") for n in range(1, 8)]


def test_the_group_selection_and_structured_data_are_contained(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the group selection itself raises, the page keeps the posts its JSON-LD states; when reading the
    JSON-LD raises, the cards stay; each says which pass failed."""
    from myofeed.parse import html as parse_html

    ld = json.dumps({"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "position": i, "item": {"@type": "BlogPosting", "headline": f"Post number {i} of the demo blog",
                                                      "url": f"https://kinds8.example/p/{i}", "datePublished": f"2025-11-1{i}"}}
        for i in (1, 2, 3)]})
    page = _BLOG.replace("<body>", f'<head><script type="application/ld+json">{ld}</script></head><body>')
    monkeypatch.setattr(parse_html, "find_cards", _boom)
    doc = parse_listing(page.encode(), base_url="https://kinds8.example/", now=NOW)
    assert [p.title for p in doc.posts] == [f"Post number {i} of the demo blog" for i in (1, 2, 3)]
    assert any(w.startswith("pass card-groups failed (RuntimeError") for w in doc.warnings)
    monkeypatch.undo()
    monkeypatch.setattr(parse_html, "structured_posts", _boom)
    doc = parse_listing(page.encode(), base_url="https://kinds8.example/", now=NOW)
    assert [p.title for p in doc.posts] == [f"Post number {i} of the demo blog" for i in (1, 2, 3)]
    assert any(w.startswith("pass structured-posts failed") for w in doc.warnings)


def test_discuz_archiver_reply_count_in_brackets() -> None:
    """Discuz!'s archiver: "<a>Subject</a> (12 篇回复)": the count of replies after its number and counter."""
    items = "".join(f'<li><a href="?tid-{i}.html">演示主题第{i}号：周末去哪里徒步</a> ({i * 3} 篇回复)</li>' for i in range(1, 5))
    posts = _posts(f'<html><body><div id="content"><ul type="1" start="1">{items}</ul></div></body></html>',
                   base="https://bbs.kinds8.example/archiver/?fid-2.html")
    assert [p.comments for p in posts] == [3, 6, 9, 12]
