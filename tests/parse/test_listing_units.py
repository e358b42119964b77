"""Unit tests around parse_listing: comment counts, read-more markers, encodings, selectors, pagination."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from myofeed.exceptions import ParseError
from myofeed.parse.html import parse_listing, parse_tree
from myofeed.parse.listing.decode import decode_html
from myofeed.parse.listing.excerpt import looks_meta
from myofeed.parse.listing.jsstate import astro_props
from myofeed.parse.text import clean_author, parse_comment_count, strip_read_more
from myofeed.types import Selectors

NOW = datetime(2025, 11, 20, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "bare", "expected"),
    [
        ("14", True, (True, 14)),
        ("(14)", True, (True, 14)),
        ("14", False, (False, None)),
        ("14 Comments", False, (True, 14)),
        ("1 comment", False, (True, 1)),
        ("Comments (3)", False, (True, 3)),
        ("Comments: 12", False, (True, 12)),
        ("1,204 comments", False, (True, 1204)),
        ("No comments", False, (True, 0)),
        ("Leave a comment", False, (True, 0)),
        ("Post a Comment", False, (True, 0)),
        ("Be the first to comment", False, (True, 0)),
        ("Comments closed", False, (True, None)),
        ("Comments Off on Some title", False, (True, None)),
        ("3 Kommentare", False, (True, 3)),
        ("Keine Kommentare", False, (True, 0)),
        ("Kommentare (4)", False, (True, 4)),
        ("5 commentaires", False, (True, 5)),
        ("Aucun commentaire", False, (True, 0)),
        ("4 comentarios", False, (True, 4)),
        ("Sin comentarios", False, (True, 0)),
        ("23 responses", False, (True, 23)),
        ("2 replies", False, (True, 2)),
        ("\U0001F4AC 12", False, (True, 12)),
        ("November 7, 2025 1 Comment", False, (True, 1)),
        ("5 min read", False, (False, None)),
        ("3 komentáře", False, (True, 3)),
        ("6 komentářů", False, (True, 6)),
        ("1 komentář", False, (True, 1)),
        ("Žádné komentáře", False, (True, 0)),
        ("4 Σχόλια", False, (True, 4)),
        ("1 Σχόλιο", False, (True, 1)),
        ("Κανένα σχόλιο", False, (True, 0)),
        ("5 комментариев", False, (True, 5)),
        ("Нет комментариев", False, (True, 0)),
        ("2 коментарі", False, (True, 2)),
        ("12 yorum", False, (True, 12)),
        ("Yorum yok", False, (True, 0)),
        ("3 hozzászólás", False, (True, 3)),
        ("2 comentarii", False, (True, 2)),
        ("4 kommenttia", False, (True, 4)),
        ("Ei kommentteja", False, (True, 0)),
        ("Nejnovější komentáře", False, (False, None)),  # a widget heading, no count
        ("Add Comment", False, (True, 0)),  # a full-post blog's comment link before the first comment
        ("Two Comments", False, (True, 2)),
        ("Eleven responses", False, (True, 11)),
        ("Deux commentaires", False, (True, 2)),
        ("Drei Kommentare", False, (True, 3)),
        ("Due commenti", False, (True, 2)),
        ("Três comentários", False, (True, 3)),
    ],
)
def test_comment_counts(text: str, bare: bool, expected: tuple[bool, int | None]) -> None:
    assert parse_comment_count(text, bare=bare) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as the dose [&hellip;]", "as the dose"),
        ("as the dose […]", "as the dose"),
        ("frequent… ", "frequent"),
        ("comes next. ...", "comes next."),
        ("Short excerpt. Read more »", "Short excerpt."),
        ("Short excerpt. More Detail", "Short excerpt."),
        ("Short excerpt. Continue reading →", "Short excerpt."),
        ("Kurzer Text. Weiterlesen", "Kurzer Text."),
        ("Texte court. Lire la suite", "Texte court."),
        ("Texto corto. Leer más »", "Texto corto."),
        ("Is there more", "Is there more"),
        ("  spaced\n\tout  text  ", "spaced out text"),
    ],
)
def test_read_more_markers(text: str, expected: str) -> None:
    assert strip_read_more(text) == expected


# one spelling of every marker _TRAIL knows, in the case a page may write it
_EVERY_MARKER = (
    "Read more", "Read the full article", "Read the rest of this entry", "CONTINUE READING", "Keep reading",
    "See more", "Show more", "View more", "Read full story", "More details", "Learn more", "View post",
    "Full story", "Read on", "Weiterlesen", "Weiter lesen", "Mehr lesen", "Mehr erfahren", "Zum Artikel",
    "Lire la suite", "Lire plus", "En savoir plus", "Leer más", "Seguir leyendo", "Continuar leyendo",
    "Ver más", "Leggi tutto", "Leggi di più", "Continua a leggere", "Ler mais", "Continuar lendo", "Lees meer",
    "Verder lezen", "Läs mer", "Läs hela inlägget", "Les mer", "Læs mere", "Czytaj dalej", "Czytaj więcej",
    "Lue lisää", "Devamını oku", "Číst dále", "Citiți mai mult", "続きを読む", "続きはこちら", "詳しくはこちら",
    "詳細はこちら", "もっと見る", "阅读全文", "阅读更多", "查看更多", "더 보기", "자세히 보기",
)


@pytest.mark.parametrize("marker", _EVERY_MARKER)
def test_every_read_more_marker_passes_the_cheap_precheck(marker: str) -> None:
    """strip_read_more runs its costly pattern only on texts the keyword precheck lets through: each
    marker word, alone or after an ellipsis, with an arrow or a colon, is still cut off."""
    for tail in (marker, marker + " »", marker + ":", "… " + marker, marker.lower() + " →"):
        assert strip_read_more("The infusion took four hours. " + tail) == "The infusion took four hours.", tail
    assert strip_read_more("The nurse came at eight and stayed") == "The nurse came at eight and stayed"


def test_clean_author() -> None:
    assert clean_author("By Dana Morrow, PharmD") == "Dana Morrow, PharmD"
    assert clean_author("Oleh Rina Wulandari") == "Rina Wulandari"
    assert clean_author("Posted by  Gus ") == "Gus"
    assert clean_author("Von Sabine Krüger") == "Sabine Krüger"
    assert clean_author("Autorin: Dr. Petra Lehmann") == "Dr. Petra Lehmann"
    assert clean_author("   ") is None


@pytest.mark.parametrize(
    ("body", "ctype", "codec"),
    [
        ('<meta charset="iso-8859-1"><p>caf\xe9 \x93quoted\x94</p>'.encode("latin-1"), None, "cp1252"),
        (b"\xef\xbb\xbf<meta charset='iso-8859-1'><p>caf\xc3\xa9</p>", None, "utf-8"),
        ("<p>caf\xe9</p>".encode("cp1252"), "text/html; charset=latin1", "cp1252"),
        ("<p>café</p>".encode(), "text/html", "utf-8"),
        ("<p>caf\xe9</p>".encode("cp1252"), None, "cp1252"),  # undeclared and not UTF-8
    ],
)
def test_decoding(body: bytes, ctype: str | None, codec: str) -> None:
    text, used = decode_html(body, ctype)
    assert used == codec
    assert "café" in text


@pytest.mark.parametrize("label", ["gb2312", "shift_jis", "windows-1251", "euc-kr", "iso-8859-1"])
def test_a_stale_legacy_label_on_utf8_bytes_is_read_as_utf8(label: str) -> None:
    # a page re-saved (or a CMS moved) to UTF-8 that still declares its old charset: its text, not mojibake
    text = "关于基金新增销售机构的公告 · Миозит · 筋炎について · 근염 소식 · café"
    body = f'<html><head><meta charset="{label}"></head><body><p>{text}</p></body></html>'.encode()
    decoded, used = decode_html(body)
    assert used == "utf-8" and text in decoded


@pytest.mark.parametrize(("label", "text"), [("gb2312", "关于基金新增销售机构的公告"), ("shift_jis", "筋炎についてのお知らせ"),
                                             ("windows-1251", "Новости о миозите"), ("euc-kr", "근염 환자 모임 소식")])
def test_a_page_in_its_declared_legacy_charset_stays_in_it(label: str, text: str) -> None:
    body = f'<html><head><meta charset="{label}"></head><body><p>{text}</p></body></html>'.encode(label)
    decoded, used = decode_html(body)
    assert text in decoded and used != "utf-8"


def test_windows_1252_quotes_in_latin1_page() -> None:
    body = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body>'
        '<div class="post"><h2><a href="/a">\x93Smart\x94 quotes \x96 dashes</a></h2><p>Body text that is long enough here.</p></div>'
        '<div class="post"><h2><a href="/b">Second post title here</a></h2><p>Another body text that is long enough.</p></div>'
        "</body></html>"
    ).encode("latin-1")
    doc = parse_listing(body, base_url="https://x.example/", now=NOW)
    assert doc.posts[0].title == "\u201cSmart\u201d quotes \u2013 dashes"


CARDS = """<html lang="en"><head><title>T</title>
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" href="https://x.example/atom.xml">
</head><body>
<div class="list">
<div class="row"><span class="hed"><a href="/p/1">First custom post title</a></span><em class="who">Ann Lee</em>
<b class="when">2025|11|02</b><span class="n">7 people talked</span><div class="txt">First summary text of the post. Read more</div></div>
<div class="row"><span class="hed"><a href="/p/2">Second custom post title</a></span><em class="who">Bo Ek</em>
<b class="when">2025|10|01</b><span class="n">2 people talked</span><div class="txt">Second summary text of the post.</div></div>
</div>
<a class="next" href="/page/2">Older posts</a>
</body></html>"""


def test_selectors_override_every_field() -> None:
    sel = Selectors(item="div.row", title="span.hed", link="span.hed a", author="em.who", date="b.when",
                    comments="span.n", summary="div.txt", date_format="%Y|%m|%d")
    doc = parse_listing(CARDS.encode(), base_url="https://x.example/list/", now=NOW, selectors=sel)
    assert [p.to_json() for p in doc.posts] == [
        {"title": "First custom post title", "url": "https://x.example/p/1", "author": "Ann Lee",
         "published": "2025-11-02", "comments": 7, "summary": "First summary text of the post."},
        {"title": "Second custom post title", "url": "https://x.example/p/2", "author": "Bo Ek",
         "published": "2025-10-01", "comments": 2, "summary": "Second summary text of the post."},
    ]


def test_page_level_facts() -> None:
    doc = parse_listing(CARDS.encode(), base_url="https://x.example/list/", now=NOW)
    assert doc.kind == "html"
    assert doc.link == "https://x.example/list/"
    assert doc.title == "T"
    assert doc.feed_links == ("https://x.example/feed.xml", "https://x.example/atom.xml")
    assert doc.next_url == "https://x.example/page/2"
    assert [p.title for p in doc.posts] == ["First custom post title", "Second custom post title"]


def test_base_element_resolves_links() -> None:
    body = CARDS.replace("<title>T</title>", '<title>T</title><base href="https://cdn.example/blog/">')
    doc = parse_listing(body.encode(), base_url="https://x.example/list/", now=NOW)
    assert doc.posts[0].url == "https://cdn.example/p/1"
    assert doc.link == "https://x.example/list/"


def test_title_repeated_inside_card_is_not_in_summary() -> None:
    card = (
        '<div class="c"><h3>Repeated post title here</h3><a href="/x{n}">Repeated post title here</a>'
        "<p>The real excerpt of post {n}, long enough to count.</p></div>"
    )
    body = "<html><body>" + "".join(card.format(n=i) for i in range(3)) + "</body></html>"
    posts = parse_listing(body.encode(), base_url="https://x.example/", now=NOW).posts
    assert [p.title for p in posts] == ["Repeated post title here"] * 3
    assert posts[1].summary == "The real excerpt of post 1, long enough to count."
    assert posts[1].url == "https://x.example/x1"


def test_a_later_paragraph_naming_the_post_keeps_the_title_in_the_summary() -> None:
    """Only the excerpt's opening repeats the title to be dropped: a full post whose second paragraph
    starts with its own title ("<a>Scrub timing</a> is what our runbook links to") keeps those words."""
    card = ('<div class="c"><h3><a href="/p{n}">Scrub timing for pool {n}</a></h3><p>Scrubs and backups both read '
            'every block, so we moved the scrub.</p><p><a href="/p{n}">Scrub timing for pool {n}</a> is what our '
            "runbook links to now.</p></div>")
    body = "<html><body>" + "".join(card.format(n=i) for i in range(3)) + "</body></html>"
    posts = parse_listing(body.encode(), base_url="https://x.example/", now=NOW).posts
    assert posts[1].summary == ("Scrubs and backups both read every block, so we moved the scrub. "
                                "Scrub timing for pool 1 is what our runbook links to now.")

def test_empty_and_binary_input() -> None:
    with pytest.raises(ParseError):
        parse_listing(b"   ", base_url="https://x.example/", now=NOW)
    doc = parse_listing(b"\x00\x01\x02binary", base_url="https://x.example/", now=NOW)
    assert doc.posts == ()


def test_relative_date_with_naive_now_is_utc() -> None:
    body = CARDS.replace("2025|11|02", "yesterday").replace("2025|10|01", "3 days ago")
    doc = parse_listing(body.encode(), base_url="https://x.example/", now=datetime(2025, 11, 20, 1, 0))
    assert [p.published for p in doc.posts] == ["2025-11-19", "2025-11-17"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # WordPress: "Older posts" sits in div.nav-previous, "Newer posts" in div.nav-next
        ('<nav class="navigation posts-navigation"><div class="nav-previous"><a href="/page/3/">Older posts</a></div>'
         '<div class="nav-next"><a href="/">Newer posts</a></div></nav>', "https://x.example/page/3/"),
        ('<div class="alignleft"><a href="/page/3/">&laquo; Older Entries</a></div>'
         '<div class="alignright"><a href="/">Newer Entries &raquo;</a></div>', "https://x.example/page/3/"),
        ('<ul class="pager"><li class="previous"><a href="/?p=1">Prev</a></li><li class="next"><a href="/?p=3">&rsaquo;</a>'
         "</li></ul>", "https://x.example/?p=3"),
        ('<a class="blog-pager-older-link" href="/search?updated-max=x">More posts</a>', "https://x.example/search?updated-max=x"),
        ('<div class="seitennavigation"><a href="/seite/2/">Ältere Beiträge</a></div>', "https://x.example/seite/2/"),
        ('<p class="more"><a href="/archive/2015-04-09">Earlier days</a></p>', "https://x.example/archive/2015-04-09"),
        ('<div class="paginazione"><a href="/salute/pagina/2/">Pagina successiva</a></div>',
         "https://x.example/salute/pagina/2/"),
        # previous-entries: WordPress 2's Kubrick calls the older page "Previous Entries" (the back check took it)
        ('<div class="navigation"><div class="alignleft"><a href="/page/3/">&laquo; Previous Entries</a></div>'
         '<div class="alignright"><a href="/">Next Entries &raquo;</a></div></div>', "https://x.example/page/3/"),
        ('<div class="pager"><a href="/?page=1">&laquo; Previous page</a></div>', None),
        ("<p>No pager here at all.</p>", None),
    ],
)
def test_next_page_links(body: str, expected: str | None) -> None:
    doc = parse_listing(f"<html><body>{body}</body></html>".encode(), base_url="https://x.example/page/2/", now=NOW)
    assert doc.next_url == expected


def test_json_state_forms() -> None:
    from lxml import html

    from myofeed.parse.listing.jsstate import script_data

    def data(script: str) -> object:
        return script_data(html.fragment_fromstring(script))

    assert data('<script>window.__STATE__ = {"a": [1, 2]};\nwindow.x = 1;</script>') == {"a": [1, 2]}
    assert data('<script type="application/json">{&q;t&q;:&q;x&q;}</script>') == {"t": "x"}
    devalue = '[["ShallowReactive",1],{"data":2},{"posts":3},[4],{"title":5,"d":6},"Hello",["Date","2025-01-02"]]'
    assert data(f'<script type="application/json" id="__NUXT_DATA__">{devalue}</script>') == {
        "data": {"posts": [{"title": "Hello", "d": "2025-01-02"}]}
    }
    apollo = '{"Post:1": {"creator": {"__ref": "User:2"}}, "User:2": {"name": "Ann"}}'
    assert data(f"<script>window.__APOLLO_STATE__ = {apollo}</script>")["Post:1"]["creator"] == {"name": "Ann"}
    assert data("<script>console.log('hi')</script>") is None


def test_bare_number_beside_the_date_is_the_comment_count() -> None:
    card = ('<div class="item"><h3><a href="/p{n}">A post title number {n}</a></h3><ul class="meta"><li>Ann Lee</li>'
            "<li>Nov 3, 2025</li><li>{n}</li></ul><p>Some excerpt text for this post number {n}.</p></div>")
    body = "<html><body>" + "".join(card.format(n=n) for n in (4, 7)) + "</body></html>"
    posts = parse_listing(body.encode(), base_url="https://x.example/", now=NOW).posts
    assert [(p.author, p.published, p.comments) for p in posts] == [
        ("Ann Lee", "2025-11-03", 4), ("Ann Lee", "2025-11-03", 7)
    ]
    # a counter with its own icon or word is not a comment count
    viewed = body.replace("<li>4</li>", '<li class="views">4</li>').replace("<li>7</li>", '<li class="views">7</li>')
    assert [p.comments for p in parse_listing(viewed.encode(), base_url="https://x.example/", now=NOW).posts] == [
        None, None
    ]


def test_rich_main_list_beats_a_longer_unmarked_sidebar() -> None:
    main = "".join(
        f'<article class="entry"><h2><a href="/p/{i}">Main post number {i} about myositis</a></h2>'
        f"<p>Posted Nov {i}, 2025</p><p>Excerpt of the main post {i}, a couple of sentences long so that it reads "
        "like a real summary of the post.</p></article>"
        for i in (1, 2)
    )
    side = "".join(
        f'<li><h5><a href="/s/{i}">Sidebar recent post number {i}</a></h5><span>Oct {i}, 2025</span></li>'
        for i in range(1, 7)
    )
    page = f'<html><body><div class="row"><div class="col-md-8">{main}</div><div class="col-md-4"><ul>{side}</ul></div></div></body></html>'
    posts = parse_listing(page.encode(), base_url="https://x.example/", now=NOW).posts
    assert [p.url for p in posts] == ["https://x.example/p/1", "https://x.example/p/2"]
    assert [p.published for p in posts] == ["2025-11-01", "2025-11-02"]


def test_jsonld_author_by_id_reference() -> None:
    ld = (
        '{"@context":"https://schema.org","@graph":[{"@type":"Person","@id":"#p1","name":"Ann Lee"},'
        '{"@type":"BlogPosting","headline":"Post one title","url":"https://x.example/1","author":{"@id":"#p1"},'
        '"datePublished":"2025-11-03"},{"@type":"BlogPosting","headline":"Post two title","url":"https://x.example/2",'
        '"author":{"@id":"#p1"},"datePublished":"2025-10-03"}]}'
    )
    page = f'<html><head><script type="application/ld+json">{ld}</script></head><body><div id="app"></div></body></html>'
    posts = parse_listing(page.encode(), base_url="https://x.example/", now=NOW).posts
    assert [(p.title, p.author, p.published) for p in posts] == [
        ("Post one title", "Ann Lee", "2025-11-03"), ("Post two title", "Ann Lee", "2025-10-03")
    ]


def test_date_badges_and_data_attributes() -> None:
    card = ('<div class="item"><div class="badge"><span class="d">{n}</span><span class="m">Nov</span></div>'
            '<h3><a href="/p{n}">A post about myositis number {n}</a></h3>'
            "<p>Some excerpt text for this post number {n} goes here.</p>{extra}</div>")
    body = "<html><body>" + "".join(card.format(n=n, extra="") for n in (3, 4)) + "</body></html>"
    posts = parse_listing(body.encode(), base_url="https://x.example/", now=NOW).posts
    assert [p.published for p in posts] == ["2025-11-03", "2025-11-04"]  # year-less badge, this year
    stamp = '<span class="when" data-timestamp="1763630400"></span>'
    body = "<html><body>" + "".join(card.format(n=n, extra=stamp) for n in (3, 4)) + "</body></html>"
    posts = parse_listing(body.encode(), base_url="https://x.example/", now=NOW).posts
    assert [p.published for p in posts] == ["2025-11-20T09:20:00+00:00"] * 2  # machine-readable wins


def test_stale_legacy_label_on_utf8_bytes_and_wider_labels() -> None:
    assert decode_html('<meta charset="iso-8859-1"><p>café “x”</p>'.encode(), None) == (
        '<meta charset="iso-8859-1"><p>café “x”</p>', "utf-8")
    assert decode_html('<meta charset="gb2312"><p>肌炎</p>'.encode("gb18030"), None)[1] == "gb18030"


def test_visible_published_date_wins_over_updated_date_shown_first() -> None:
    card = ('<article class="post"><h2><a href="/p{n}">A post about myositis number {n}</a></h2>'
            '<span class="posted-on">Posted on <time class="updated">January 3, 2025</time>'
            '<time class="entry-date published">December {n}, 2024</time></span>'
            "<p>Some excerpt text for this post number {n} goes here.</p></article>")
    body = "<html><body>" + "".join(card.format(n=n) for n in (7, 8)) + "</body></html>"
    posts = parse_listing(body.encode(), base_url="https://x.example/", now=NOW).posts
    assert [p.published for p in posts] == ["2024-12-07", "2024-12-08"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It said dermatomyositis. Continue reading ““I thought it was the flu”: Renée’s story” »",
         "It said dermatomyositis."),
        ("As much as the medicine… Continue reading “José on IVIG”", "As much as the medicine"),
        ("Une liste honnête. Lire la suite de « Mon histoire » »", "Une liste honnête."),
        ("Leer más sobre «La dieta» →", ""),
        ("He wants more “freedom”", "He wants more “freedom”"),
        ("I read more about \"bones\" today.", "I read more about \"bones\" today."),
    ],
)
def test_read_more_markers_naming_the_post(text: str, expected: str) -> None:
    assert strip_read_more(text) == expected


def _cards(card: str, n: int = 3) -> bytes:
    items = "\n".join(card.format(i=i) for i in range(n))
    return f"<html><head><title>t</title></head><body><main>{items}</main></body></html>".encode()


def test_comment_links_are_never_the_post_and_card_headers_are_no_page_header() -> None:
    # Drupal: the title sits in the card's own <header>; "Add new comment" links repeat across cards
    card = """<article class="node node--view-mode-teaser"><header class="node__header"><h2 class="node__title">
      <a href="/news/post-{i}" rel="bookmark">A fairly long post title {i}</a></h2>
      <span class="node__pubdate"><span property="schema:dateCreated" content="2025-11-0{i}T14:32:17-06:00">
      Mon, 11/0{i}/2025 - 14:32</span></span></header>
      <div class="node__content"><p>The teaser text of post {i}, long enough to be an excerpt of its own.</p>
      <ul class="links inline"><li><a href="/comment/reply/node/4{i}/comment#comment-form">Add new comment</a></li></ul>
      </div></article>"""
    posts = parse_listing(_cards(card), base_url="https://x.example/tag", now=NOW).posts
    assert [p.url for p in posts] == [f"https://x.example/news/post-{i}" for i in range(3)]
    assert posts[1].published == "2025-11-01T14:32:17-06:00"  # the RDFa machine date, not the visible text
    assert posts[1].comments == 0


def test_co_authors_as_shown_and_a_year_less_date_in_time_datetime() -> None:
    card = """<div class="post-preview"><a class="post-preview-title" href="/p/post-{i}">A newsletter post {i}</a>
      <a class="post-preview-description" href="/p/post-{i}">What the post is about, in one sentence of its own.</a>
      <div class="post-preview-meta"><time datetime="2025-11-1{i}T13:02:11.000Z">Nov 1{i}</time> •
      <div><a href="https://substack.example/@ann">Ann Lee</a><span> and </span><a href="https://substack.example/@bo">Bo Chen</a></div>
      </div></div>"""
    posts = parse_listing(_cards(card), base_url="https://x.example/archive", now=NOW).posts
    assert [(p.author, p.published) for p in posts][0] == ("Ann Lee and Bo Chen", "2025-11-10T13:02:11+00:00")
    assert posts[2].summary == "What the post is about, in one sentence of its own."


def test_writer_name_beside_an_avatar() -> None:
    card = """<div class="a1"><div class="b2"><a href="/profile/x-{i}/profile"><img alt="Writer's picture" src="/a.png"></a>
      <div class="c3"><span class="d4">Admin</span></div><span class="e5">{i} days ago</span></div>
      <a href="/post/p-{i}" class="f6"><h2 class="g7">A post about something {i}</h2>
      <div class="h8">A description of the post that is long enough to be an excerpt.</div></a></div>"""
    posts = parse_listing(_cards(card), base_url="https://x.example/blog", now=NOW).posts
    assert [p.author for p in posts] == ["Admin"] * 3
    assert posts[2].published == "2025-11-18"


def test_date_header_and_footer_time_make_one_timestamp() -> None:
    card = """<h2 class="date-header">Friday, October 0{i}, 2025</h2><div class="entry" id="entry-{i}">
      <h3 class="entry-header"><a href="/archives/post-{i}.html">A journal entry number {i}</a></h3>
      <div class="entry-content"><div class="entry-body"><p>Some text of the entry, as a short excerpt here.</p></div></div>
      <p class="entry-footer"><span class="post-footers">Posted by Ann Lee at <a href="/archives/post-{i}.html">08:1{i} PM</a></span>
      | <a href="/archives/post-{i}.html#comments">Comments (5)</a></p></div>"""
    posts = parse_listing(_cards(card, 4)[:], base_url="https://x.example/", now=NOW).posts
    assert posts[1].published == "2025-10-01T20:11:00"
    assert posts[1].author == "Ann Lee"


def test_modification_date_is_only_the_last_resort() -> None:
    # Avada: a hidden "updated" span (the modified time) and the visible publication day with an ordinal
    card = """<article class="post"><h2 class="entry-title"><a href="/p-{i}">A post about muscle strength {i}</a></h2>
      <p class="meta">By <a href="/author/ann/" rel="author">Ann Lee</a> | <span>November 3rd, 2025</span></p>
      <div class="post-content"><p>An excerpt long enough to be the summary of post {i}.</p></div>
      <span class="updated rich-snippet-hidden">2025-11-2{i}T09:12:40+00:00</span></article>"""
    posts = parse_listing(_cards(card), base_url="https://x.example/tag/a/", now=NOW).posts
    assert [p.published for p in posts] == ["2025-11-03"] * 3
    # nothing but the modified time: it is used
    only = """<article class="post"><h2><a href="/q-{i}">Another post about weakness {i}</a></h2>
      <time class="updated" datetime="2025-10-1{i}T08:00:00+00:00">October 1{i}, 2025</time>
      <p>An excerpt long enough to be the summary of post {i}.</p></article>"""
    posts = parse_listing(_cards(only), base_url="https://x.example/tag/a/", now=NOW).posts
    assert posts[2].published == "2025-10-12T08:00:00+00:00"
    # JSON-LD dateModified never overrides a visible date, but dates a post that states nothing else
    ld = ('<script type="application/ld+json">{"@type": "ItemList", "itemListElement": ['
          + ",".join(f'{{"@type": "BlogPosting", "headline": "A third post about fatigue {i}", "url": "/r-{i}",'
                     f' "dateModified": "2025-09-0{i + 1}T10:00:00Z"}}' for i in range(3)) + "]}</script>")
    third = """<article class="post"><h2><a href="/r-{i}">A third post about fatigue {i}</a></h2>
      <p>An excerpt long enough to be the summary of post {i}.</p>""" + "{extra}</article>"
    cards = "".join(third.format(i=i, extra="<span>Posted August 1st, 2025</span>" if i == 0 else "") for i in range(3))
    body = f"<html><head>{ld}</head><body><main>{cards}</main></body></html>".encode()
    posts = parse_listing(body, base_url="https://x.example/", now=NOW).posts
    assert [p.published for p in posts] == ["2025-08-01", "2025-09-02T10:00:00+00:00", "2025-09-03T10:00:00+00:00"]


def test_person_author_gives_its_name_never_its_role_line() -> None:
    card = """<article itemprop="blogPost" itemscope itemtype="http://schema.org/BlogPosting">
      <meta itemprop="description" content="The stated description of post {i}, as plain text.">
      <h2 itemprop="headline"><a itemprop="url" href="/blog/post-{i}">A blog post title {i}</a></h2>
      <time datetime="2025-11-0{i}T14:20:00.000Z" itemprop="datePublished">November {i}, 2025</time>
      <div class="avatar__intro authorDetails_x1" itemprop="author" itemscope itemtype="https://schema.org/Person">
      <div class="avatar__name"><span itemprop="name">Dr. Aisha Bello</span></div>
      <small class="authorTitle_nd0D">Study coordinator</small></div></article>"""
    posts = parse_listing(_cards(card), base_url="https://x.example/blog/tags/a", now=NOW).posts
    assert [(p.author, p.summary) for p in posts][1] == ("Dr. Aisha Bello", "The stated description of post 1, as plain text.")
    plain = """<div class="card"><h2><a href="/c-{i}">A clinic column {i}</a></h2>
      <div class="post-author"><strong>Maria Santos</strong><small>MD, Rheumatologist</small></div>
      <p class="byline">By <a href="/team/chidi">Chidi Okonkwo</a> <small>Nurse specialist</small></p>
      <p>The column text of number {i}, long enough to be an excerpt.</p></div>"""
    posts = parse_listing(_cards(plain), base_url="https://x.example/blog", now=NOW).posts
    assert posts[0].author in ("Maria Santos", "Chidi Okonkwo")
    assert "MD" not in posts[0].author and "specialist" not in posts[0].author


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<span class="byline">By <span class="author-title">Ann Lee</span></span>', "By Ann Lee"),
        ('<div class="author"><h4 class="author-title">Ann Lee</h4><p class="author-role">Editor</p></div>', "Ann Lee"),
        ('<div class="author"><span class="title">Ann Lee</span> <span class="subtitle">Data scientist</span></div>',
         "Ann Lee"),
        ('<div class="author"><strong>Ann Lee</strong> <small>MD, Rheumatologist</small></div>', "Ann Lee"),
        ('<div class="authorDetails_x" itemprop="author"><span itemprop="name">Ann Lee</span> '
         '<span itemprop="jobTitle">Data scientist</span></div>', "Ann Lee"),
        ('<span class="author"><small>By</small> Ann Lee</span>', "Ann Lee"),
    ],
)
def test_role_line_is_not_part_of_the_name(markup: str, expected: str) -> None:
    from lxml import html

    from myofeed.parse.listing.cardtext import name_text

    assert name_text(html.fromstring(markup)) == expected


def test_featured_post_before_the_list_joins_it_and_popular_boxes_do_not() -> None:
    featured = """<aside id="featured"><article><h1 class="entry-title"><a href="/featured-post">The featured post of the
      week</a></h1><footer class="post-info"><abbr class="published" title="2025-11-18T10:00:00+00:00">Tue 18 November
      2025</abbr><p>In <a href="/category/treatment">treatment</a>.</p></footer>
      <p>A featured excerpt long enough to read as the summary of a real post on this page.</p></article></aside>"""
    popular = """<div class="box"><h3><a href="/popular-one">A popular post from last spring</a></h3>
      <span>May 3, 2025</span><p>A popular post's excerpt, long enough to look like a summary of a post.</p></div>"""
    card = """<article class="hentry"><h2><a href="/post-{i}">A listed post number {i}</a></h2>
      <footer class="post-info"><abbr class="published" title="2025-11-0{i}T10:00:00+00:00">Nov 0{i}</abbr>
      <p>In <a href="/category/treatment">treatment</a>.</p></footer>
      <p>The excerpt of listed post {i}, long enough to be an excerpt of its own.</p></article>"""
    items = "\n".join(card.format(i=i) for i in range(1, 4))
    page = f"<html><body>{featured}<section id='content'>{items}</section></body></html>".encode()
    posts = parse_listing(page, base_url="https://x.example/category/treatment", now=NOW).posts
    assert [p.url.rsplit("/", 1)[1] for p in posts] == ["featured-post", "post-1", "post-2", "post-3"]
    assert posts[0].published == "2025-11-18T10:00:00+00:00"
    assert posts[1].summary == "The excerpt of listed post 1, long enough to be an excerpt of its own."  # no "In ..."
    side = f"<html><body><div class='sidebar popular-posts'>{popular}</div><section>{items}</section></body></html>"
    posts = parse_listing(side.encode(), base_url="https://x.example/category/treatment", now=NOW).posts
    assert [p.url.rsplit("/", 1)[1] for p in posts] == ["post-1", "post-2", "post-3"]


def test_person_box_beside_the_excerpt_is_the_author_and_a_topic_pill_is_not() -> None:
    card = """<div class="flex flex-col"><div class="mt-8 flex text-xs"><time datetime="2025-11-1{i}">Nov 1{i}, 2025</time>
      <a href="/research?topic=jdm" class="rounded-full bg-gray-50 px-3">Juvenile DM</a></div>
      <div class="group relative"><h3><a href="/research/post-{i}">A research update number {i}</a></h3>
      <p class="mt-5 text-sm">What the study found, told in two plain sentences. It is only a start.</p></div>
      {person}</div>"""
    person = """<div class="relative mt-8 flex items-center gap-x-4"><img src="/p.jpg" alt="" class="h-10 w-10 rounded-full">
      <div class="text-sm"><p class="font-semibold"><a href="/team/ann-lee">Ann Lee</a></p><p>Volunteer scientist</p></div></div>"""
    items = "\n".join(card.format(i=i, person=person if i != 1 else "") for i in range(3))
    page = f"<html><body><div class='grid'>{items}</div></body></html>".encode()
    posts = parse_listing(page, base_url="https://x.example/research", now=NOW).posts
    assert [p.author for p in posts] == ["Ann Lee", None, "Ann Lee"]
    assert {p.summary for p in posts} == {"What the study found, told in two plain sentences. It is only a start."}


def test_sentence_mentioning_a_date_is_a_summary_not_a_date_line() -> None:
    card = """<div class="news-result"><div class="field-newsdate">October {d}, 2025</div>
      <h3 class="field-newstitle"><a href="/news/item-{i}">Company reports its quarter number {i}</a></h3>
      <div class="field-newstext">Revenue and pipeline update for the quarter ended September 30, 2025.</div></div>"""
    items = "\n".join(card.format(i=i, d=10 + i) for i in range(3))
    posts = parse_listing(_cards(items, 1), base_url="https://x.example/news", now=NOW).posts
    assert [p.summary for p in posts] == ["Revenue and pipeline update for the quarter ended September 30, 2025."] * 3


def test_excerpt_in_an_info_box_that_holds_the_title_is_kept() -> None:
    card = """<div class="card"><div class="card-info"><h3><a href="/post-{i}">A post in an info box {i}</a></h3>
      <p>The excerpt of post {i}, sitting in the same info box as the title.</p><span>Nov 1{i}, 2025</span></div></div>"""
    posts = parse_listing(_cards(card), base_url="https://x.example/blog", now=NOW).posts
    assert posts[2].summary == "The excerpt of post 2, sitting in the same info box as the title."


def test_featured_tiles_join_an_undated_grid_and_unlinked_intros_do_not() -> None:
    """featured-tiles: large cards before an undated grid, their headings linking into the grid's section,
    come first; an unlinked intro heading, a tile linking elsewhere and any dated grid leave them out."""
    tile = '<div class="tile"><a href="{href}"><img src="t.jpg" alt=""><h3>{title}</h3></a></div>'
    box = ('<div class="col"><div class="box"><h4 class="box-title"><a href="/stories/s{i}">SMALL STORY {i}</a>'
           '</h4><p class="box-text">A short teaser line {date}.</p></div></div>')
    tiles = "".join(tile.format(href=f"/stories/f{i}", title=f"FEATURED STORY NUMBER {i}") for i in (1, 2))

    def urls(top: str, date: str = "") -> list[str]:
        grid = "".join(box.format(i=i, date=date) for i in range(1, 5))
        page = (f"<html><body><div class='intro'><h1>Stories</h1><p>All our stories.</p></div><div class='wrap'>"
                f"<div class='row top'>{top}</div><div class='row grid'>{grid}</div></div></body></html>")
        return [p.url.rsplit("/", 1)[1] for p in parse_listing(page.encode(), base_url="https://x.example/stories",
                                                                now=NOW).posts]

    assert urls(tiles) == ["f1", "f2", "s1", "s2", "s3", "s4"]
    elsewhere = tiles + tile.format(href="/shop/mugs", title="BUY OUR CHARITY MUGS HERE")
    assert urls(elsewhere) == ["s1", "s2", "s3", "s4"]
    assert urls(tiles, date="of Nov 3, 2025") == ["s1", "s2", "s3", "s4"]


def test_section_headings_of_the_title_tag_stay_in_their_post() -> None:
    """Full posts whose body headings are <h2> like the linked title, with in-text links: one post per box,
    titled by its linked heading; unlinked section headings and in-text links are no posts."""
    post = ('<div class="post"><h2><a href="/p/{i}/">The post number {i} title</a></h2><p>Monday, May {i}, 2025</p>'
            '<p>An opening paragraph with <a href="https://other.example/x{i}">a link to elsewhere</a> in it.</p>'
            '<h2>A section of post {i}</h2><p>More text, and <a href="https://other.example/y{i}">another link</a>.'
            '</p>{more}</div>')
    more = '<h2>Another section</h2><p>Closing words of the post, long enough to read.</p>'
    page = "<html><body><div id='c'>" + "".join(post.format(i=i, more=more * (i % 2)) for i in (1, 2, 3))
    posts = parse_listing((page + "</div></body></html>").encode(), base_url="https://x.example/", now=NOW).posts
    assert [p.url for p in posts] == [f"https://x.example/p/{i}/" for i in (1, 2, 3)]
    assert [p.published for p in posts] == ["2025-05-01", "2025-05-02", "2025-05-03"]


def test_a_digest_takes_the_headline_not_the_linked_source_name() -> None:
    """Each item: the story's link and its source's front-page link; the third item of a day still takes
    the day's date from the date line before the items."""
    item = ('<div class="item"><a class="h" href="https://s{i}.example/2024/story-{i}">Story number {i} of the day'
            '</a> <a class="via" href="https://s{i}.example/">Source Site {i}</a></div>')
    day = '<div class="day"><div class="day-date">Thursday, 7 March 2024</div>{}</div>'
    page = f"<html><body><div id='s'>{day.format(''.join(item.format(i=i) for i in range(1, 5)))}</div></body></html>"
    posts = parse_listing(page.encode(), base_url="https://digest.example/", now=NOW).posts
    assert [p.url for p in posts] == [f"https://s{i}.example/2024/story-{i}" for i in range(1, 5)]
    assert {p.published for p in posts} == {"2024-03-07"}
    assert {p.summary for p in posts} == {""}


def test_day_headings_today_yesterday_and_yearless() -> None:
    """A digest under "Today", "Yesterday" and "Sunday, Nov 16" headings dates its items from them; a heading
    with other words besides ("Today's picks from the team") or an hour ("2 hours ago") dates nothing."""
    item = '<li><a href="https://s{n}.example/story-{n}">Story number {n} of this day</a> (Source {n})</li>'

    def dates(heads: list[str]) -> list[str | None]:
        body = "".join(f"<h2>{h}</h2><ul>{item.format(n=i * 2)}{item.format(n=i * 2 + 1)}</ul>"
                       for i, h in enumerate(heads))
        doc = parse_listing(f"<html><body><div id='m'>{body}</div></body></html>".encode(),
                            base_url="https://d.example/", now=NOW)
        return [p.published for p in doc.posts][::2]

    assert dates(["Today", "Yesterday", "Sunday, Nov 16"]) == ["2025-11-20", "2025-11-19", "2025-11-16"]
    assert dates(["Today's picks from the team", "2 hours ago", "Older links"]) == [None, None, None]


def test_undated_lists_of_one_section_join_and_related_boxes_do_not() -> None:
    """undated-lists: a row of small cards after an undated grid joins it when its titles link into the
    grid's section; under a "Related" heading, or linking to another section, it does not."""
    big = '<div class="big"><a href="/stories/b{i}"><h2>A BIG STORY NUMBER {i}</h2></a><p>Teaser of story {i}.</p></div>'
    small = '<div class="small"><h4><a href="/{sec}/s{i}">SMALL STORY {i}</a></h4></div>'

    def urls(head: str, sec: str) -> list[str]:
        page = (f"<html><body><main><section class='a'>{''.join(big.format(i=i) for i in (1, 2, 3))}</section>"
                f"<section class='c'>{head}{''.join(small.format(i=i, sec=sec) for i in (1, 2, 3))}</section></main>"
                "</body></html>")
        return [p.url.split("/", 3)[3] for p in parse_listing(page.encode(), base_url="https://x.example/stories",
                                                               now=NOW).posts]

    assert urls("", "stories") == ["stories/b1", "stories/b2", "stories/b3", "stories/s1", "stories/s2", "stories/s3"]
    assert urls("<h3>Related stories</h3>", "stories") == ["stories/b1", "stories/b2", "stories/b3"]
    assert urls("", "shop") == ["stories/b1", "stories/b2", "stories/b3"]


def test_unlinked_titles_open_their_post_box_and_topic_boxes_keep_every_post() -> None:
    """Full posts with unlinked <h2> titles and <h2> sections: the heading that opens each box is the
    title, the URL its permalink; a box of several posts with a read-more link each keeps every post."""
    post = ('<div class="entry"><h2>Title of post {i}</h2><p>Opening text with <a href="https://o.example/{i}">a link'
            '</a>, long enough.</p><h2>Section of post {i}</h2><p>More of the body text of the post.</p>'
            '<p><a href="/p/{i}.html">Permalink</a> <a href="/p/{i}.html#comments">2 comments</a></p></div>')
    page = f"<html><body><div id='c'>{''.join(post.format(i=i) for i in (1, 2, 3))}</div></body></html>"
    posts = parse_listing(page.encode(), base_url="https://x.example/", now=NOW).posts
    assert [(p.title, p.url) for p in posts] == [(f"Title of post {i}", f"https://x.example/p/{i}.html")
                                                for i in (1, 2, 3)]
    teaser = '<h2>Post {i} of the topic</h2><p>Teaser of post {i}, long enough to read.</p><a href="/t/{i}">Read more</a>'
    topics = "".join(f"<div class='topic'>{teaser.format(i=i)}{teaser.format(i=i + 10)}</div>" for i in (1, 2))
    posts = parse_listing(f"<html><body><div id='c'>{topics}</div></body></html>".encode(),
                          base_url="https://x.example/", now=NOW).posts
    assert [p.url.rsplit("/", 1)[1] for p in posts] == ["1", "11", "2", "12"]


def test_dated_lead_in_its_own_box_joins_a_dated_list() -> None:
    """featured-tiles beside a dated list: a lead story without an excerpt, in its own box before the list,
    joins when it links into the list's section and is dated; undated, it stays out."""
    item = '<div class="it"><h3><a href="/salute/{n}/">Titolo della notizia numero {n}</a></h3><span>{n} maggio 2024</span></div>'
    items = "".join(item.format(n=n) for n in range(10, 14))

    def urls(lead_date: str) -> list[str]:
        lead = f'<div class="lead"><h1><a href="/salute/20/">La notizia principale del giorno</a></h1>{lead_date}</div>'
        page = f"<html><body><main>{lead}<div class='list'>{items}</div></main></body></html>"
        return [p.url.rsplit("/", 2)[1] for p in parse_listing(page.encode(), base_url="https://x.example/salute/",
                                                                now=NOW).posts]

    assert urls("<span>20 maggio 2024</span>") == ["20", "10", "11", "12", "13"]
    assert urls("") == ["10", "11", "12", "13"]


def test_explain_names_the_rule_that_joined_a_card_to_the_list() -> None:
    """A card added beside the main list says by which rule, after its title's rule (no new _why key)."""
    data = Path(__file__).resolve().parents[1] / "data" / "listing"
    doc = parse_listing((data / "pattern-card-grid-three-sizes.html").read_bytes(),
                        base_url="https://myofriends.example/real-stories", now=NOW, explain=True)
    joined = [dict(p.why)["title"].rsplit(" + ", 1)[-1] for p in doc.posts]
    assert joined[:3] == [dict(doc.posts[0].why)["title"], dict(doc.posts[1].why)["title"], "undated-lists"]
    assert joined.count("undated-lists") == 7


def test_links_in_prose_are_no_titles_and_dated_headings_are_titles_in_a_flat_column() -> None:
    """One flat column of full posts with unlinked <h2> titles and <h2> sections: the headings right above
    a date line are the titles; the links in the middle of sentences are no titles."""
    post = ('<h2>The title of post {i}</h2><p>Posted on May {i}, 2025</p><p>Some text at first, and then <a '
            'href="https://o.example/{i}">a reference</a> in the middle of it all.</p><h2>Section of {i}</h2>'
            '<p>More text of the post body.</p><p><a href="/p/{i}.html">Permalink</a></p>')
    page = f"<html><body><div id='c'>{''.join(post.format(i=i) for i in (3, 2, 1))}</div></body></html>"
    posts = parse_listing(page.encode(), base_url="https://x.example/", now=NOW).posts
    assert [(p.title, p.url, p.published) for p in posts] == [
        (f"The title of post {i}", f"https://x.example/p/{i}.html", f"2025-05-0{i}") for i in (3, 2, 1)]


def test_a_date_linked_to_the_post_is_its_url_not_a_link_in_its_text() -> None:
    """Unlinked titles, a link in the text to another site, and the date linking to the post (date-link);
    a date linking to its day's archive is no post URL."""
    post = ('<div class="post"><h2>A tumble of thoughts number {i}</h2><p>Text with <a href="https://else.example/{i}">'
            'a link elsewhere</a> in the middle of it.</p><div class="meta"><a class="d" href="{href}">March {i}, 2020'
            '</a></div></div>')

    def urls(href: str) -> list[str]:
        page = "".join(post.format(i=i, href=href.format(i=i)) for i in (9, 8, 7))
        return [p.url for p in parse_listing(f"<html><body><div id='p'>{page}</div></body></html>".encode(),
                                             base_url="https://t.example/", now=NOW).posts]

    assert urls("/post/10{i}/tumble") == [f"https://t.example/post/10{i}/tumble" for i in (9, 8, 7)]
    assert "https://t.example/2020/03/09/" not in urls("/2020/03/0{i}/")


def test_thai_by_word_is_dropped_from_the_author() -> None:
    assert clean_author("โดย สมศรี ทองดี") == "สมศรี ทองดี"
    assert clean_author("เขียนโดย วิชัย แสงทอง") == "วิชัย แสงทอง"
    assert clean_author("Byron Lee") == "Byron Lee"  # "by" only as a word of its own
    assert clean_author("بقلم سارة الحربي") == "سارة الحربي"
    assert clean_author("نویسنده: نگار رضایی") == "نگار رضایی"
    assert clean_author("מאת דנה לוי") == "דנה לוי"


def test_a_thread_lists_last_activity_line_is_meta_not_an_excerpt() -> None:
    assert looks_meta("Last post by Pieter van L")
    assert looks_meta("Latest: bo_chen")
    assert not looks_meta("Lasting changes to the clinic's opening hours start in April")


def test_astro_island_props_are_decoded_from_type_value_pairs() -> None:
    """Astro serializes each prop as [type, value]: 0 a value (objects hold pairs again), 1 an array,
    3 a Date; a client-only island holds the page's only copy of its posts."""
    island = parse_tree('<html><body><astro-island props="{&quot;posts&quot;:[1,[[0,{&quot;title&quot;:[0,'
                        '&quot;Rest days&quot;],&quot;pubDate&quot;:[3,&quot;2024-03-06T18:30:00.000Z&quot;],'
                        '&quot;author&quot;:[0,{&quot;name&quot;:[0,&quot;Noor H&quot;]}]}]]],&quot;n&quot;:[0,10]}">'
                        '</astro-island></body></html>').find(".//astro-island")
    assert astro_props(island) == {"posts": [{"title": "Rest days", "pubDate": "2024-03-06T18:30:00.000Z",
                                              "author": {"name": "Noor H"}}], "n": 10}
    island.set("props", "not json at all, not json")
    assert astro_props(island) is None


def test_text_hidden_by_an_inline_style_is_no_field() -> None:
    """A forum row repeats its last poster and date in a display:none block for small screens: the row's
    date is the visible one (the topic's start), and the hidden line is no excerpt."""
    row = ('<li class="row"><a class="topictitle" href="/t/{i}">Topic number {i} about splints</a>'
           '<div style="display: none;">Last post by zed_{i} &laquo; Sat Mar 09, 2024 7:41 am</div>'
           '<div class="left-box">by <a class="username" href="/u/{i}">ann_{i}</a> &raquo; Mon Mar 0{i}, 2024 '
           '10:12 pm</div></li>')
    page = f"<html><body><ul>{''.join(row.format(i=i) for i in (4, 3, 2))}</ul></body></html>"
    posts = parse_listing(page.encode(), base_url="https://f.example/", now=NOW).posts
    assert [(p.author, p.published, p.summary) for p in posts] == [
        (f"ann_{i}", f"2024-03-0{i}T22:12:00", "") for i in (4, 3, 2)]


def test_a_boards_bracketed_count_and_nickname() -> None:
    """A community list: the count in brackets on a comment link ("[6]"), the writer in span.nickname."""
    row = ('<li class="article-item"><div><a class="article" href="/read?id={i}">Board post number {i} here</a> '
           '<a class="cmt" href="/read?id={i}&amp;focus=c">[<em>{i}</em>]</a></div><div class="td_name">'
           '<span class="nickname">봄날{i}</span></div><div class="td_date">2026.03.0{i}.</div></li>')
    page = f"<html lang='ko'><body><ul>{''.join(row.format(i=i) for i in (6, 5, 4))}</ul></body></html>"
    posts = parse_listing(page.encode(), base_url="https://c.example/", now=NOW).posts
    assert [(p.comments, p.author) for p in posts] == [(i, f"봄날{i}") for i in (6, 5, 4)]
    assert parse_comment_count("[14]", bare=True) == (True, 14)


def test_see_all_to_page_two_is_the_next_page() -> None:
    card = '<article class="gh-card"><a href="/p{i}/"><h3>Quad sets number {i}</h3><time datetime="2024-03-0{i}">x</time></a></article>'
    page = (f"<html><body><div class='gh-feed'>{''.join(card.format(i=i) for i in (7, 6, 5))}</div>"
            "<div class='gh-more'><a href='/page/2/'>See all</a></div><a href='/about/'>See all about us</a></body></html>")
    assert parse_listing(page.encode(), base_url="https://g.example/", now=NOW).next_url == "https://g.example/page/2/"


def test_material_icon_words_are_icons_not_text() -> None:
    """Material Icons draw a word ("chat_bubble_outline 14"): the word names the icon (comment-icon-number
    reads the count after it) and is never part of the text; the heart's count is no comment count."""
    card = ('<div class="card"><a href="/a{i}"><h2>Morning stiffness number {i}</h2></a><p>Warm water and slow starts '
            'for the first hour of the day.</p><div><span class="stat"><span class="material-icons">event</span>0{i} Mar '
            '2024</span><span class="stat"><span class="material-icons">favorite_border</span>40</span><span class="stat">'
            '<span class="material-icons">chat_bubble_outline</span>1{i}</span></div></div>')
    page = f"<html><body><main>{''.join(card.format(i=i) for i in (7, 6, 5))}</main></body></html>"
    posts = parse_listing(page.encode(), base_url="https://m.example/", now=NOW).posts
    assert [(p.comments, p.published) for p in posts] == [(10 + i, f"2024-03-0{i}") for i in (7, 6, 5)]


def test_a_threads_last_post_block_feeds_no_field() -> None:
    """last-activity-block: SMF shows a topic's starter but only its last post's date: the date stays
    empty rather than the last reply's, and the last poster is not the author."""
    row = ('<div class="windowbg"><div class="info"><span><a href="/t{i}">Heated gloves that work {i}</a></span>'
           '<p>Started by <a href="/index.php?action=profile;u={i}">kestrel{i}</a></p></div><div class="stats">'
           '<p>Replies: {i}<br>Views: 140</p></div><div class="lastpost"><p><a href="/t{i}#new">March 0{i}, 2024, '
           '08:10:00 AM</a><br>by <a href="/index.php?action=profile;u=9">pip_m</a></p></div></div>')
    page = f"<html><body><div id='topics'>{''.join(row.format(i=i) for i in (8, 7, 6))}</div></body></html>"
    posts = parse_listing(page.encode(), base_url="https://s.example/", now=NOW).posts
    assert [(p.author, p.published, p.summary) for p in posts] == [(f"kestrel{i}", None, "") for i in (8, 7, 6)]


def test_a_pager_of_numbers_alone_leads_to_the_number_after_the_current_one() -> None:
    """page-after-current: "1 2 3" with no Next link: page 2 follows the page marked current."""
    card = '<article><h2><a href="/p/{i}/">Stair test number {i}</a></h2><time datetime="2024-03-0{i}">x</time></article>'
    cards = "".join(card.format(i=i) for i in (5, 4, 3))
    for pager in ('<nav class="pagination"><span class="page-link current">1</span><a class="page-link" href="/page/2/">2'
                  '</a><a class="page-link" href="/page/3/">3</a></nav>',
                  '<ul class="pager"><li class="active"><a href="/">1</a></li><li><a href="/page/2/">2</a></li></ul>'):
        doc = parse_listing(f"<html><body><main>{cards}</main>{pager}</body></html>".encode(),
                            base_url="https://h.example/", now=NOW)
        assert doc.next_url == "https://h.example/page/2/"
