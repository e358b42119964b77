"""publish_all: what readers' clients get, read back with feedparser, lxml and json."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from _publish_helpers import BASE_URL, make_config, post
from lxml import etree

from myofeed.publish import MANIFEST, PublishResult, output_files, publish_all, stable_id

ATOM = "{http://www.w3.org/2005/Atom}"


def read(config, name: str) -> bytes:  # type: ignore[no-untyped-def]
    return (config.publish_dir / name).read_bytes()


def fp(config, name: str):  # type: ignore[no-untyped-def]
    parsed = feedparser.parse(read(config, name))
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def jfeed(config, name: str) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(read(config, name))


def test_writes_every_output_file(config) -> None:  # type: ignore[no-untyped-def]
    result = publish_all(config, [post()])
    assert isinstance(result, PublishResult)
    expected = {f"{s}.{e}" for s in ["all", *(t.slug for t in config.topics)] for e in ("atom", "rss", "json")}
    expected |= {"index.html", "feeds.opml", "feeds-rss.opml", "feeds-json.opml"}
    assert set(result.written) == expected == set(output_files(config))
    assert result.unchanged == ()
    # no temp files left behind; the manifest records what to remove when a topic goes
    assert {p.name for p in config.publish_dir.iterdir()} == expected | {MANIFEST}


def test_rss_entry_fields_read_back(config) -> None:  # type: ignore[no-untyped-def]
    p = post(
        title="Skin signs of dermatomyositis", comments=7, source="tmf-blog", url="https://tmf.example.org/blog/skin"
    )
    publish_all(config, [p])
    d = fp(config, "dermatomyositis.rss")
    assert d.version == "rss20"
    assert d.feed.title == "myofeed: Dermatomyositis"
    (e,) = d.entries
    assert e.title == "Skin signs of dermatomyositis"
    assert e.link == "https://tmf.example.org/blog/skin"
    assert e.author == "Dr. Jane Roe"
    assert e.id == stable_id("tmf-blog", p.dedup_key)
    assert e.guidislink is False
    assert e.published_parsed[:6] == (2025, 11, 20, 0, 0, 0)
    assert e.slash_comments == "7"
    assert [t.term for t in e.tags] == ["autoimmune-myopathy", "dermatomyositis"]
    assert e.source.title == "The Myositis Forum"
    assert e.source.href == "https://tmf.example.org/blog/"


def test_atom_entry_fields_read_back(config) -> None:  # type: ignore[no-untyped-def]
    p = post(comments=0, author=None)
    publish_all(config, [p])
    d = fp(config, "autoimmune-myopathy.atom")
    assert d.version == "atom10"
    (e,) = d.entries
    assert e.title == p.title and e.title_detail.type == "text/plain"
    assert e.link == p.url
    assert e.author == "myositis-news"  # the source's name when the post names none
    assert e.id == stable_id(p.source, p.dedup_key)
    assert e.published == "2025-11-20T00:00:00Z" == e.updated
    assert e.thr_total == "0"
    assert {t.term for t in e.tags} == {"autoimmune-myopathy", "dermatomyositis"}
    assert {t.label for t in e.tags} == {"Autoimmune myopathy", "Dermatomyositis"}
    assert e.source.title == "myositis-news"
    assert e.source.link == "https://news.example.com/feed/"
    assert e.summary == p.summary


def test_json_entry_fields(config) -> None:  # type: ignore[no-untyped-def]
    p = post(comments=12)
    q = post(comments=None, published=None, topics=("polymyositis",))
    publish_all(config, [p, q])
    items = {i["id"]: i for i in jfeed(config, "all.json")["items"]}
    a, b = items[stable_id(p.source, p.dedup_key)], items[stable_id(q.source, q.dedup_key)]
    assert a["title"] == p.title and a["url"] == p.url
    assert a["authors"] == [{"name": "Dr. Jane Roe"}]
    assert a["date_published"] == "2025-11-20T00:00:00Z"
    assert a["tags"] == ["autoimmune-myopathy", "dermatomyositis"]
    assert a["_myofeed"]["source"] == "myositis-news" and a["_myofeed"]["comments"] == 12
    assert b["_myofeed"]["comments"] is None
    assert "date_published" not in b and b["date_modified"] == "2025-11-21T08:00:00Z"  # first_seen


def test_feed_level_metadata(config) -> None:  # type: ignore[no-untyped-def]
    publish_all(config, [post(published="2025-11-18"), post(published="2025-11-19T22:15:00-05:00")])
    atom = etree.fromstring(read(config, "dermatomyositis.atom"))
    assert atom.findtext(f"{ATOM}updated") == "2025-11-19T22:15:00-05:00"  # newest entry, not now()
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert atom.findtext(f"{ATOM}generator") == "myofeed"
    assert atom.findtext(f"{ATOM}author/{ATOM}name") == "myofeed"
    rss = etree.fromstring(read(config, "dermatomyositis.rss"))
    ch = rss.find("channel")
    assert ch.findtext("lastBuildDate") == "Wed, 19 Nov 2025 22:15:00 -0500"
    assert ch.findtext("language") == "en"
    assert ch.findtext("description")
    j = jfeed(config, "dermatomyositis.json")
    assert j["home_page_url"] == BASE_URL
    assert j["feed_url"] == f"{BASE_URL}feeds/dermatomyositis.json"
    assert j["language"] == "en"


def test_self_links(config) -> None:  # type: ignore[no-untyped-def]
    publish_all(config, [post()])
    for slug in ("all", "treatment"):
        atom = etree.fromstring(read(config, f"{slug}.atom"))
        self_links = [ln.get("href") for ln in atom.findall(f"{ATOM}link") if ln.get("rel") == "self"]
        assert self_links == [f"{BASE_URL}feeds/{slug}.atom"]
        rss = etree.fromstring(read(config, f"{slug}.rss"))
        rss_self = rss.find(f"channel/{ATOM}link")
        assert rss_self.get("rel") == "self" and rss_self.get("href") == f"{BASE_URL}feeds/{slug}.rss"
        assert rss.findtext("channel/link") == BASE_URL


def test_date_only_stays_the_same_calendar_day(config) -> None:  # type: ignore[no-untyped-def]
    publish_all(config, [post(published="2025-11-20")])
    rss = etree.fromstring(read(config, "all.rss"))
    assert rss.findtext("channel/item/pubDate") == "Thu, 20 Nov 2025 00:00:00 +0000"
    atom = etree.fromstring(read(config, "all.atom"))
    assert atom.findtext(f"{ATOM}entry/{ATOM}published") == "2025-11-20T00:00:00Z"
    assert jfeed(config, "all.json")["items"][0]["date_published"] == "2025-11-20T00:00:00Z"


def test_timestamps_keep_their_instant(config) -> None:  # type: ignore[no-untyped-def]
    publish_all(config, [post(published="2025-11-20T23:30:00-08:00")])
    e = fp(config, "all.rss").entries[0]
    assert datetime(*e.published_parsed[:6], tzinfo=UTC) == datetime(2025, 11, 21, 7, 30, tzinfo=UTC)
    a = fp(config, "all.atom").entries[0]
    assert a.published == "2025-11-20T23:30:00-08:00"


def test_newest_items_by_publication_date(tmp_path: Path) -> None:
    config = make_config(tmp_path, items=3)
    posts = [
        post(title="old", published="2024-01-01", first_seen=datetime(2025, 12, 1, tzinfo=UTC)),
        post(title="newest", published="2025-11-30T10:00:00+00:00"),
        post(title="undated-seen-late", published=None, first_seen=datetime(2025, 11, 25, tzinfo=UTC)),
        post(title="mid", published="2025-06-01"),
        post(title="undated-seen-early", published=None, first_seen=datetime(2020, 1, 1, tzinfo=UTC)),
    ]
    publish_all(config, posts)
    for name in ("all.rss", "all.atom"):
        assert [e.title for e in fp(config, name).entries] == ["newest", "undated-seen-late", "mid"]
    assert [i["title"] for i in jfeed(config, "all.json")["items"]] == ["newest", "undated-seen-late", "mid"]


def test_topic_feeds_filter_by_topic(config) -> None:  # type: ignore[no-untyped-def]
    dm = post(title="dm", topics=("autoimmune-myopathy", "dermatomyositis"))
    ibm = post(title="ibm", topics=("autoimmune-myopathy", "inclusion-body-myositis", "research"))
    off = post(title="off-topic", topics=())
    publish_all(config, [dm, ibm, off])
    titles = lambda name: sorted(e.title for e in fp(config, name).entries)  # noqa: E731
    assert titles("all.atom") == ["dm", "ibm"]
    assert titles("autoimmune-myopathy.rss") == ["dm", "ibm"]
    assert titles("dermatomyositis.atom") == ["dm"]
    assert titles("research.rss") == ["ibm"]
    assert titles("polymyositis.atom") == []


def test_stable_ids(tmp_path: Path) -> None:
    a = post(id=1, dedup_key="k-a")
    b = post(id=2, dedup_key="k-b")
    c1 = make_config(tmp_path / "one")
    c2 = make_config(tmp_path / "two")
    publish_all(c1, [a, b])
    # Same posts with other rowids and titles in another run: ids must not move.
    publish_all(c2, [post(id=99, dedup_key="k-a", title="edited"), post(id=98, dedup_key="k-b")])
    ids1 = [e.id for e in fp(c1, "all.atom").entries]
    ids2 = [e.id for e in fp(c2, "all.atom").entries]
    assert sorted(ids1) == sorted(ids2)
    assert len(set(ids1)) == 2
    assert stable_id("myositis-news", "k-a") != stable_id("tmf-blog", "k-a")
    assert stable_id("myositis-news", "k-a").startswith("urn:uuid:")


ATOM_NS = "{http://www.w3.org/2005/Atom}"


def test_html_is_neutralized(config) -> None:  # type: ignore[no-untyped-def]
    """Markup in fetched content is sanitized. Stored text still holding a character reference was never
    decoded: it is markup (a feed's CDATA title), and its tags go, script and all. Stored text without one
    is the source's words: the author's "<em>" is shown as text in every format, escaped by its rules."""
    p = post(
        title='<script>alert("t")</script>Myositis &amp; <b>IVIG</b> &lt;i&gt;news&lt;/i&gt;',
        summary_html='<p onclick="x()">See <a href="/more">the clinic notes</a><script>alert(1)</script>'
        '<img src="x.png" onerror="alert(2)"><iframe src="https://evil.example"></iframe></p>',
        author="<em>Ann</em> Author",
    )
    publish_all(config, [p])
    for name in ("all.atom", "all.rss", "all.json"):
        raw = read(config, name).decode()
        assert "<script" not in raw.lower() and "&lt;script" not in raw.lower() and "alert(" not in raw
        assert "onerror" not in raw and "onclick" not in raw and "iframe" not in raw
    e = fp(config, "all.rss").entries[0]
    assert e.title == "Myositis & IVIG news"
    rss = etree.fromstring(read(config, "all.rss")).find("channel/item")
    assert rss.findtext("{http://purl.org/dc/elements/1.1/}creator") == "<em>Ann</em> Author"
    assert b"&#x3C;em&#x3E;Ann&#x3C;/em&#x3E; Author" in read(config, "all.rss")  # text, in the RSS Profile's form
    atom = etree.fromstring(read(config, "all.atom")).find(f"{ATOM_NS}entry")
    assert atom.findtext(f"{ATOM_NS}author/{ATOM_NS}name") == "<em>Ann</em> Author"
    item = jfeed(config, "all.json")["items"][0]
    assert item["title"] == "Myositis & IVIG news" and item["authors"] == [{"name": "<em>Ann</em> Author"}]
    # Relative links in summaries become absolute (the validator warns about relative ones).
    assert 'href="https://news.example.com/more"' in item["content_html"]


def test_angle_bracket_words_in_titles_reach_every_output_as_words(config) -> None:  # type: ignore[no-untyped-def]
    """Last round's audit (and audit 8, deviation 1): the parsers keep "Why <b>CK</b> matters" and "Using
    <Tab> in forms" as text, and the output side then dropped the words in angle brackets from every feed,
    page and `posts --json`. Read back through the published files."""
    titles = ["Why <b>CK</b> matters in dermatomyositis", "Using <Tab> in forms", "the <video> tag & a <3 heart",
              "Die Rückkehr von <i> und <b>"]
    publish_all(config, [post(title=t, published=f"2025-11-2{n}") for n, t in enumerate(titles)])
    newest_first = titles[::-1]
    atom = etree.fromstring(read(config, "all.atom"))
    assert [e.findtext(f"{ATOM_NS}title") for e in atom.iter(f"{ATOM_NS}entry")] == newest_first
    assert [e.title for e in fp(config, "all.atom").entries] == newest_first  # as a feed reader gets them
    rss = etree.fromstring(read(config, "all.rss"))
    assert [i.findtext("title") for i in rss.iter("item")] == newest_first
    assert b"Why &#x3C;b&#x3E;CK&#x3C;/b&#x3E; matters" in read(config, "all.rss")  # text, as the RSS Profile writes it
    assert [i["title"] for i in jfeed(config, "all.json")["items"]] == newest_first
    page = read(config, "index.html").decode()
    assert "Why &lt;b&gt;CK&lt;/b&gt; matters in dermatomyositis" in page and "Using &lt;Tab&gt; in forms" in page
    assert "<b>CK</b>" not in page and "<Tab>" not in page


def test_read_more_markers_leave_feed_summaries(config) -> None:  # type: ignore[no-untyped-def]
    """As extract and digests drop them from the text, so feeds from the HTML they carry (a marker as a
    link, as text after one, as an ellipsis in brackets), the link left empty going with it."""
    posts = [
        post(summary_html='<p>Heliotrope rash &amp; Gottron papules. <a href="/p/1">Read more »</a></p>'),
        post(summary_html="<p>Exercise helps in IBM [&hellip;]</p>"),
        post(summary_html="<p>Read more about trials below: the first opens in May.</p>"),
    ]
    publish_all(config, posts)
    summaries = sorted(i["summary"] for i in jfeed(config, "all.json")["items"])
    assert summaries == ["Exercise helps in IBM", "Heliotrope rash & Gottron papules.",
                         "Read more about trials below: the first opens in May."]
    atom = read(config, "all.atom").decode()
    assert "Read more »" not in atom and "[…]" not in atom and "/p/1" not in atom
    assert "Read more about trials" in atom  # words, not a marker at the end: kept


def test_plain_summary_is_escaped(config) -> None:  # type: ignore[no-untyped-def]
    publish_all(config, [post(summary="IgG < 5 & <b>not bold</b>", summary_html=None)])
    item = jfeed(config, "all.json")["items"][0]
    assert item["content_html"].startswith("IgG &lt; 5 &amp; &lt;b&gt;not bold&lt;/b&gt;<p>")
    assert item["summary"] == "IgG < 5 & <b>not bold</b>"
    atom = etree.fromstring(read(config, "all.atom"))
    summary = atom.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "html" and summary.text == "IgG &lt; 5 &amp; &lt;b&gt;not bold&lt;/b&gt;"
    content = atom.find(f"{ATOM}entry/{ATOM}content")
    assert content.get("type") == "html" and content.text == item["content_html"]
    assert "4 comments" in content.text


def test_source_url_fallbacks(config) -> None:  # type: ignore[no-untyped-def]
    unknown = post(source="not-configured", url="https://elsewhere.example.net/a/b", title="Elsewhere")
    local = post(source="local-demo", url=None, title="Linkless")
    publish_all(config, [unknown, local])
    rss = etree.fromstring(read(config, "all.rss"))
    urls = {i.findtext("source"): i.find("source").get("url") for i in rss.iter("item")}
    assert urls["not-configured"] == "https://elsewhere.example.net/"
    assert urls["local-demo"] == BASE_URL  # a file: URL is never published
    links = {i.findtext("source"): i.findtext("link") for i in rss.iter("item")}
    # a post without a link of its own is published without one: neither our home page nor its
    # source's feed is "the original post" (SPEC), and a reader would land somewhere else
    assert links == {"not-configured": "https://elsewhere.example.net/a/b", "local-demo": None}
    atom = etree.fromstring(read(config, "all.atom"))
    alternates = {e.findtext(f"{ATOM}title"): [ln.get("href") for ln in e.findall(f"{ATOM}link")
                                               if ln.get("rel", "alternate") == "alternate"] for e in atom.iter(f"{ATOM}entry")}
    assert alternates == {"Linkless": [], "Elsewhere": ["https://elsewhere.example.net/a/b"]}
    assert all(e.find(f"{ATOM}content") is not None for e in atom.iter(f"{ATOM}entry"))  # RFC 4287 4.1.1.1
    items = {i["_myofeed"]["source"]: i for i in jfeed(config, "all.json")["items"]}
    assert "url" not in items["local-demo"] and items["not-configured"]["url"] == "https://elsewhere.example.net/a/b"
    assert "from <a " not in items["local-demo"]["content_html"]


def test_source_urls_parameter_overrides(config) -> None:  # type: ignore[no-untyped-def]
    publish_all(config, [post(source="local-demo")], source_urls={"local-demo": "https://demo.example/list"})
    rss = etree.fromstring(read(config, "all.rss"))
    assert rss.find("channel/item/source").get("url") == "https://demo.example/list"


def test_hidden_and_duplicate_posts_are_skipped(config) -> None:  # type: ignore[no-untyped-def]
    a = post(dedup_key="same")
    publish_all(config, [a, post(dedup_key="same", id=a.id + 1000), post(hidden=True)])
    assert len(fp(config, "all.atom").entries) == 1


def test_untitled_post_gets_a_title(config) -> None:  # type: ignore[no-untyped-def]
    publish_all(config, [post(title="", summary="A short microblog note about muscle weakness.")])
    assert fp(config, "all.rss").entries[0].title == "A short microblog note about muscle weakness."


@pytest.mark.parametrize("published", ["2025-11", "2025-11-20T09:30:00", "2025-11-20T09:30:00.123Z", "garbage"])
def test_odd_dates_do_not_break_publishing(config, published: str) -> None:  # type: ignore[no-untyped-def]
    publish_all(config, [post(published=published)])
    assert len(fp(config, "all.rss").entries) == 1


def test_xml_invalid_characters_and_odd_urls(config) -> None:  # type: ignore[no-untyped-def]
    p = post(
        title="Form\x0cfeed\x00 title",
        summary="tab\x0b and \x1f",
        summary_html="<p>ctrl\x08 <a href='http://[broken/x'>bad link</a></p>",
        author="A\x01uthor",
        url="https://exämple.org/a path/ü?q=a b",
    )
    publish_all(config, [p])  # lxml refuses control characters outright: they must be gone
    e = fp(config, "all.rss").entries[0]
    assert e.title == "Formfeed title"
    assert e.author == "Author"
    assert e.link == "https://xn--exmple-cua.org/a%20path/%C3%BC?q=a%20b"
    assert "\x08" not in read(config, "all.json").decode()


def test_odd_offsets_become_utc_same_instant(config) -> None:  # type: ignore[no-untyped-def]
    # RFC 822 zones other than whole or half hours are "problematical" for the W3C validator.
    publish_all(config, [post(published="2025-11-20T10:00:00+05:45"), post(published="2025-11-19T10:00:00+05:30")])
    pubs = [i.findtext("pubDate") for i in etree.fromstring(read(config, "all.rss")).iter("item")]
    assert pubs == ["Thu, 20 Nov 2025 04:15:00 +0000", "Wed, 19 Nov 2025 10:00:00 +0530"]


def test_entry_without_summary_still_has_textual_content(config) -> None:  # type: ignore[no-untyped-def]
    publish_all(config, [post(title="Only a title", summary="", summary_html=None)])
    atom = etree.fromstring(read(config, "all.atom"))
    assert atom.findtext(f"{ATOM}entry/{ATOM}summary") == "Only a title"
    item = jfeed(config, "all.json")["items"][0]
    assert "summary" not in item and item["content_html"].startswith("<p><small>")


def test_summary_html_keeps_only_validator_safe_markup(config) -> None:  # type: ignore[no-untyped-def]
    html_in = (
        '<div style="color:red"><ruby>漢<rtc>kan</rtc></ruby><form><input name=x></form>'
        '<svg><circle/></svg><a href="page.html" target="_blank">rel</a><img src="//cdn.example/x.png"></div>'
    )
    publish_all(config, [post(summary_html=html_in)])
    item = jfeed(config, "all.json")["items"][0]["content_html"]
    for bad in ("style=", "<rtc", "<form", "<input", "<svg", "target="):
        assert bad not in item
    assert 'href="https://news.example.com/page.html"' in item
    assert 'src="https://cdn.example/x.png"' in item


def test_rss_writes_ampersand_and_angle_brackets_as_hex_references(config) -> None:  # type: ignore[no-untyped-def]
    # RSS Profile: "AT&#x26;T" and "A &#x3C; B" keep the W3C validator from reading text as HTML.
    publish_all(config, [post(title="Pam & Jim: alpha&omega, I <3 CK < 1000, Myo <Feed>")])
    raw = read(config, "all.rss")
    assert b"Pam &#x26; Jim: alpha&#x26;omega, I &#x3C;3 CK &#x3C; 1000, Myo &#x3C;Feed&#x3E;" in raw
    assert b"&amp;" not in raw and b"&lt;" not in raw
    assert fp(config, "all.rss").entries[0].title == "Pam & Jim: alpha&omega, I <3 CK < 1000, Myo <Feed>"


def test_a_post_the_source_edited_moves_its_updated(config) -> None:  # type: ignore[no-untyped-def]
    # outside audit 5, minor 9: after a source changed a post's title, the Atom <updated>, the feed's
    # <updated> and RSS lastBuildDate stayed at the publication time, so readers kept the old title
    edited_at = datetime(2025, 11, 23, 10, 0, tzinfo=UTC)
    edited = post(published="2025-11-20T09:30:00+00:00", updated=edited_at)
    untouched = post(published="2025-11-19T09:30:00+00:00")
    publish_all(config, [edited, untouched])
    atom = fp(config, "all.atom")
    entries = {e.id: e for e in atom.entries}
    e_edited = entries[stable_id(edited.source, edited.dedup_key)]
    e_untouched = entries[stable_id(untouched.source, untouched.dedup_key)]
    assert e_edited.updated_parsed[:5] == (2025, 11, 23, 10, 0)
    assert e_edited.published_parsed[:5] == (2025, 11, 20, 9, 30)  # the publication date stays
    assert e_untouched.updated_parsed[:5] == (2025, 11, 19, 9, 30)
    assert atom.feed.updated_parsed[:5] == (2025, 11, 23, 10, 0)
    assert fp(config, "all.rss").feed.updated_parsed[:5] == (2025, 11, 23, 10, 0)  # lastBuildDate
    items = {i["id"]: i for i in jfeed(config, "all.json")["items"]}
    assert items[stable_id(edited.source, edited.dedup_key)]["date_modified"].startswith("2025-11-23T10:00:00")
