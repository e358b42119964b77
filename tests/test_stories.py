"""Cross-source duplicates end to end: two local sources served on 127.0.0.1, the real ingest, then
the published Atom/RSS/JSON feeds, the index, topic and search pages and a digest received by
aiosmtpd each show a story once, as its earliest copy, with the other copies as "also at".

All hosts are .example, all names and texts invented for these tests.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import feedparser
import httpx
import pytest
from aiosmtpd.controller import Controller

from myofeed.config import load_config
from myofeed.core import Myofeed
from myofeed.digest import send_due

from .conftest import FixtureServer, Route
from .digest.conftest import SinkHandler, free_port

NOW = datetime(2025, 11, 21, 8, 0, tzinfo=UTC)

TRIAL = "Dermatomyositis trial enrolls first patients"
TRIAL_TEXT = ("A phase 2 trial of an oral drug for adults with dermatomyositis has enrolled its first patients"
              " at twelve centres, the study team said on Monday.")
RESULTS = "Dermatomyositis trial reports results"
RESULTS_TEXT = ("An earlier phase 2 trial in dermatomyositis met its main goal: skin and muscle scores improved"
                " after six months of treatment, the investigators report.")
RELEASE = "Inclusion body myositis: new swallowing guidance from the Myositis Society"
RELEASE_TEXT = ("The Myositis Society has published new guidance on swallowing problems in inclusion body"
                " myositis, with advice on screening, speech therapy and when to refer patients for a"
                " specialist assessment.")
# the same press release syndicated with slight edits (a word changed, one added, one dropped)
RELEASE_B = "Inclusion body myositis: new swallowing guidance from Myositis Society"
RELEASE_TEXT_B = ("The Myositis Society has issued new guidance on swallowing problems in inclusion body"
                  " myositis, with practical advice on screening, speech therapy and when to refer patients for"
                  " specialist assessment.")
CLASS = "Polymyositis exercise class returns to the community hall"
CLASS_TEXT = ("Our weekly polymyositis exercise class returns to the community hall on Tuesday, with gentle"
              " strength work led by a physiotherapist and tea afterwards.")
CLASS_AGAIN = ("Our weekly polymyositis exercise class returns to the community hall on Thursday, with gentle"
               " strength work led by a physiotherapist and tea afterwards.")

TRIAL_A = "https://trials.example/dm-oral-2025?utm_source=newsletter&utm_medium=email&utm_campaign=nov#top"
TRIAL_B = "https://www.trials.example/dm-oral-2025/?fbclid=IwAR0example"
TRIAL_A_SHOWN = "https://trials.example/dm-oral-2025#top"  # "also at" links lose their tracking parameters
RELEASE_URL_A = "https://clinicwire.example/news/ibm-swallowing"
RELEASE_URL_B = "https://patientnews.example/2025/11/20/ibm-swallowing-guidance"


def rss(title: str, items: list[tuple[str, str, str, str, str]]) -> bytes:
    """An RSS 2.0 feed; items are (guid, title, link, RFC 822 date, description)."""
    body = "".join(
        f"<item><guid isPermaLink=\"false\">{g}</guid><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<pubDate>{d}</pubDate><description>{escape(text)}</description></item>"
        for g, t, link, d, text in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>https://{title.lower().replace(' ', '')}.example/</link><description>demo</description>"
            f"{body}</channel></rss>").encode()


def feed_a(release: tuple[str, str] = (RELEASE, RELEASE_TEXT)) -> bytes:
    return rss("Clinic Wire", [
        ("a-trial", TRIAL, TRIAL_A, "Tue, 18 Nov 2025 10:00:00 +0000", TRIAL_TEXT),
        ("a-release", release[0], RELEASE_URL_A, "Wed, 19 Nov 2025 09:00:00 +0000", release[1]),
        ("a-results", RESULTS, "https://trials.example/dm-earlier-results", "Mon, 17 Nov 2025 08:00:00 +0000",
         RESULTS_TEXT),
    ])


def feed_b() -> bytes:
    return rss("Patient News", [
        # the same trial story, dated a day earlier: it is the copy shown
        ("b-trial", TRIAL, TRIAL_B, "Mon, 17 Nov 2025 12:00:00 +0000",
         "Recruitment has started in a new dermatomyositis study."),
        ("b-release", RELEASE_B, RELEASE_URL_B, "Thu, 20 Nov 2025 07:00:00 +0000", RELEASE_TEXT_B),
        # one source's own near-duplicates are never merged
        ("b-class-1", CLASS, "https://patientnews.example/class-tuesday", "Fri, 14 Nov 2025 09:00:00 +0000",
         CLASS_TEXT),
        ("b-class-2", CLASS, "https://patientnews.example/class-thursday", "Sat, 15 Nov 2025 09:00:00 +0000",
         CLASS_AGAIN),
    ])


@pytest.fixture
def smtp() -> Iterator[tuple[SinkHandler, int]]:
    sink, port = SinkHandler(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


@pytest.fixture
def make(http_server: FixtureServer, config_file: Callable[..., Path],
         smtp: tuple[SinkHandler, int]) -> Iterator[Callable[[], Myofeed]]:
    http_server.routes["/a.xml"] = Route(feed_a(), headers={"Content-Type": "application/rss+xml"})
    http_server.routes["/b.xml"] = Route(feed_b(), headers={"Content-Type": "application/rss+xml"})
    apps: list[Myofeed] = []

    def build() -> Myofeed:
        body = (f'smtp_host = "127.0.0.1"\nsmtp_port = {smtp[1]}\n'
                f'[[sources]]\nname = "clinic-wire"\nurl = "{http_server.url("/a.xml")}"\ntitle = "Clinic Wire"\n'
                f'[[sources]]\nname = "patient-news"\nurl = "{http_server.url("/b.xml")}"\ntitle = "Patient News"\n')
        app = Myofeed(load_config(config_file(body)))
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.close()


def _ingest(app: Myofeed, *names: str) -> None:
    reports = app.ingest(list(names), now=NOW)
    assert all(r.ok for r in reports), reports


def _feeds(app: Myofeed) -> tuple[Any, Any, dict[str, Any]]:
    app.publish()
    out = app.config.publish_dir
    atom = feedparser.parse((out / "all.atom").read_bytes())
    rss_ = feedparser.parse((out / "all.rss").read_bytes())
    return atom, rss_, json.loads((out / "all.json").read_text())


def _by_title(entries: list[Any], title: str) -> list[Any]:
    return [e for e in entries if e["title"] == title]


def test_each_story_is_published_once_as_its_earliest_copy_with_also_at_links(make: Callable[[], Myofeed]) -> None:
    app = make()
    _ingest(app, "clinic-wire", "patient-news")
    atom, rss_, js = _feeds(app)

    # (a) the same link once tracking parameters are gone: Patient News' copy is the earlier one
    [trial] = _by_title(atom.entries, TRIAL)
    assert trial.link == TRIAL_B
    assert [ln.href for ln in trial.links if ln.rel == "related"] == [TRIAL_A_SHOWN]
    assert trial.source.title == "Patient News"
    [trial_rss] = _by_title(rss_.entries, TRIAL)
    assert f'Also at: <a href="{html.escape(TRIAL_A_SHOWN)}">Clinic Wire</a>' in trial_rss.content[0].value
    [trial_json] = _by_title(js["items"], TRIAL)
    assert trial_json["url"] == TRIAL_B and trial_json["_myofeed"]["also_at"] == [TRIAL_A_SHOWN]

    # (b) a syndicated press release at another address, slightly edited: Clinic Wire's is earlier
    assert _by_title(atom.entries, RELEASE_B) == []
    [release] = _by_title(atom.entries, RELEASE)
    assert release.link == RELEASE_URL_A
    assert [ln.href for ln in release.links if ln.rel == "related"] == [RELEASE_URL_B]
    [release_json] = _by_title(js["items"], RELEASE)
    assert release_json["_myofeed"]["also_at"] == [RELEASE_URL_B]
    assert "Also at:" in _by_title(rss_.entries, RELEASE)[0].content[0].value

    # false-positive controls: another trial story on the same disease, one source's own near-duplicates
    assert len(_by_title(atom.entries, RESULTS)) == 1
    assert "related" not in {ln.rel for ln in _by_title(atom.entries, RESULTS)[0].links}
    assert len(_by_title(atom.entries, CLASS)) == 2
    assert len(atom.entries) == len(rss_.entries) == len(js["items"]) == 5

    # each topic feed lists the story once too
    topic = feedparser.parse((app.config.publish_dir / "dermatomyositis.atom").read_bytes())
    assert [e.title for e in topic.entries].count(TRIAL) == 1


def test_a_later_copy_with_an_earlier_date_becomes_the_one_shown(make: Callable[[], Myofeed]) -> None:
    app = make()
    _ingest(app, "clinic-wire")
    atom, _, _ = _feeds(app)
    assert _by_title(atom.entries, TRIAL)[0].link == TRIAL_A
    _ingest(app, "patient-news")
    atom, _, _ = _feeds(app)
    [trial] = _by_title(atom.entries, TRIAL)
    assert trial.link == TRIAL_B and [ln.href for ln in trial.links if ln.rel == "related"] == [TRIAL_A_SHOWN]
    # hiding the copy shown brings the other one back, without "also at" a hidden post
    shown = next(p for p in app.posts() if p.url == TRIAL_B)
    app.hide_post(shown.id)
    atom, _, js = _feeds(app)
    [trial] = _by_title(atom.entries, TRIAL)
    assert trial.link == TRIAL_A and not [ln for ln in trial.links if ln.rel == "related"]
    assert "also_at" not in _by_title(js["items"], TRIAL)[0]["_myofeed"]


def test_an_edited_post_stays_with_its_story_until_it_is_another_story(
        make: Callable[[], Myofeed], http_server: FixtureServer) -> None:
    app = make()
    _ingest(app, "clinic-wire", "patient-news")
    edited = (RELEASE, RELEASE_TEXT.replace("new guidance", "updated guidance"))
    http_server.routes["/a.xml"] = Route(feed_a(edited))
    [report] = app.ingest(["clinic-wire"], now=NOW)
    assert report.updated == 1
    atom, _, _ = _feeds(app)
    assert len(_by_title(atom.entries, RELEASE)) == 1 and _by_title(atom.entries, RELEASE_B) == []
    # rewritten into another story: both copies are shown, neither lists the other
    other = ("Inclusion body myositis walking study needs volunteers",
             "Researchers are looking for adults with inclusion body myositis to take part in a walking study"
             " that measures stride and balance over one year at home.")
    http_server.routes["/a.xml"] = Route(feed_a(other))
    app.ingest(["clinic-wire"], now=NOW)
    atom, _, _ = _feeds(app)
    assert len(_by_title(atom.entries, other[0])) == 1 and len(_by_title(atom.entries, RELEASE_B)) == 1
    for title in (other[0], RELEASE_B):
        assert not [ln for ln in _by_title(atom.entries, title)[0].links if ln.rel == "related"]


def test_pages_and_search_show_each_story_once_with_its_also_at_links(make: Callable[[], Myofeed]) -> None:
    from tests.web.conftest import _serve, _stop, free_socket

    app = make()
    _ingest(app, "clinic-wire", "patient-news")
    sock = free_socket()
    server, thread = _serve(app, sock)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{sock.getsockname()[1]}", timeout=10) as client:
            pages = {path: client.get(path).text for path in
                     ("/", "/topics/dermatomyositis", "/topics/all", "/search?q=swallowing", "/search?q=trial")}
    finally:
        _stop(server, thread)
    for path, page in pages.items():
        titles = [html.unescape(t) for t in re.findall(r'<li class="post">\s*<h\d><a href="[^"]*" rel="noopener">'
                                                       r"([^<]*)</a>", page)]
        assert titles.count(TRIAL) <= 1 and titles.count(RELEASE) + titles.count(RELEASE_B) <= 1, path
    assert TRIAL in html.unescape(pages["/topics/dermatomyositis"])
    also = re.findall(r'Also at: (.*?)</p>', pages["/topics/dermatomyositis"])
    assert also == [f'<a href="{html.escape(TRIAL_A_SHOWN)}" rel="noopener">Clinic Wire</a>']
    search = html.unescape(pages["/search?q=swallowing"])
    assert RELEASE in search and RELEASE_B not in search and f'href="{RELEASE_URL_B}"' in search
    assert "1 post" in pages["/search?q=swallowing"] or "1 result" in pages["/search?q=swallowing"]
    index = html.unescape(pages["/"])
    assert index.count(TRIAL) == 1 and RELEASE_B not in index
    # counts follow: the index and the topic page count each story once
    assert app.topic_count(None) == 5 and app.topic_count("dermatomyositis") == 2


def test_a_digest_lists_each_story_once_and_never_mails_it_again_as_another_copy(
        make: Callable[[], Myofeed], smtp: tuple[SinkHandler, int]) -> None:
    sink, _ = smtp
    app = make()
    app.add_subscriber("ada@mail.example", ["dermatomyositis", "inclusion-body-myositis"], "daily", confirmed=True,
                       now=NOW - timedelta(days=1))
    _ingest(app, "clinic-wire")
    assert send_due(app, now=NOW + timedelta(hours=1)).sent == 1
    first = _text(sink.received[-1].content)
    assert first.count(TRIAL) == 1 and RELEASE in first
    # the other source's copies arrive; one is earlier and becomes the copy shown, but the story went out
    _ingest(app, "patient-news")
    report = send_due(app, now=NOW + timedelta(days=1, hours=1))
    assert report.sent == 0 and report.skipped == 1 and len(sink.received) == 1


def test_a_first_digest_shows_the_story_once_with_also_at(make: Callable[[], Myofeed],
                                                          smtp: tuple[SinkHandler, int]) -> None:
    sink, _ = smtp
    app = make()
    app.add_subscriber("bo@mail.example", ["dermatomyositis", "inclusion-body-myositis"], "daily", confirmed=True,
                       now=NOW - timedelta(days=1))
    _ingest(app, "clinic-wire", "patient-news")
    assert send_due(app, now=NOW + timedelta(hours=1)).sent == 1
    text = _text(sink.received[-1].content)
    assert text.count(TRIAL) == 1 and RELEASE_B not in text and text.count(RELEASE) == 1
    assert f"Also at: Clinic Wire <{TRIAL_A_SHOWN}>" in text
    html_part = _html(sink.received[-1].content)
    assert f'Also at: <a href="{html.escape(RELEASE_URL_B)}"' in html_part


def _text(raw: bytes) -> str:
    """The text part, its wrapped lines joined (whitespace collapsed)."""
    msg = message_from_bytes(raw, policy=policy.default)
    return re.sub(r"\s+", " ", str(msg.get_body(("plain",)).get_content()))  # type: ignore[union-attr]


def _html(raw: bytes) -> str:
    msg = message_from_bytes(raw, policy=policy.default)
    return str(msg.get_body(("html",)).get_content())  # type: ignore[union-attr]


def test_the_offline_demo_shows_its_shared_story_once(config_file: Callable[..., Path]) -> None:
    demo = Path(__file__).resolve().parents[1] / "config" / "demo"
    body = "".join(f'[[sources]]\nname = "{name}"\nurl = "{demo / file}"\n'
                   for name, file in (("demo-news", "myositis-news.rss"), ("demo-journal", "patient-journal.json")))
    app = Myofeed(load_config(config_file(body)))
    try:
        app.ingest(all=True, now=NOW)
        _, _, js = _feeds(app)
    finally:
        app.close()
    [trial] = [i for i in js["items"] if i["title"].startswith("Trial update: IVIG for dermatomyositis")]
    assert trial["url"] == "https://news.myositis-demo.example/2025/10/ivig-dm-trial"
    assert trial["_myofeed"]["also_at"] == ["https://news.myositis-demo.example/2025/10/ivig-dm-trial"]
