"""Words in angle brackets in a title ("Why <b>CK</b> matters" in a JSON Feed, "Using <Tab> in forms" on a
page) are the source's words: the parsers keep them as text, and every output shows them as text, escaped
by its own rules (outside audit 7, deviation 3, then audit 8, deviation 1: `extract` showed them, but
`posts --json` and every published file dropped them). Markup in fetched content is still sanitized, and
a feed's markup in an HTML-typed title is still markup. Real ingest, real files, real SQLite."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from ..conftest import write_config
from .test_cli_core import myofeed

ATOM = "{http://www.w3.org/2005/Atom}"
JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1", "title": "LT",
    "items": [
        {"id": "a", "url": "https://lt.example/a", "title": "Dermatomyositis: the <video> tag & a <3 heart",
         "content_html": "<p>Gottron papules <script>alert(1)</script><b>bold</b></p>",
         "date_published": "2026-11-20T10:00:00Z"},
        {"id": "b", "url": "https://lt.example/b", "title": "Why <b>CK</b> matters in dermatomyositis",
         "content_text": "Creatine kinase in dermatomyositis.", "date_published": "2026-11-19T10:00:00Z"},
        {"id": "c", "url": "https://lt.example/c", "title": "Die Rückkehr von <i> und <b>: Dermatomyositis",
         "content_text": "Dermatomyositis.", "date_published": "2026-11-18T10:00:00Z"},
    ],
}
ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<id>urn:x-lt:a</id><updated>2026-11-20T00:00:00Z</updated>
<entry><title type="text">Using &lt;Tab&gt; in dermatomyositis forms</title><id>urn:x-lt:1</id>
<link href="https://at.example/1"/><updated>2026-11-17T00:00:00Z</updated><summary>Dermatomyositis.</summary></entry>
<entry><title type="html">&lt;b&gt;Bold markup&lt;/b&gt; in a dermatomyositis title</title><id>urn:x-lt:2</id>
<link href="https://at.example/2"/><updated>2026-11-16T00:00:00Z</updated><summary>Dermatomyositis.</summary></entry>
</feed>"""
SHOWN = ["Dermatomyositis: the <video> tag & a <3 heart", "Why <b>CK</b> matters in dermatomyositis",
         "Die Rückkehr von <i> und <b>: Dermatomyositis", "Using <Tab> in dermatomyositis forms",
         "Bold markup in a dermatomyositis title"]  # newest first; the last was markup in an html-typed title


def test_titles_keep_their_angle_bracket_words_from_ingest_to_every_output(tmp_path: Path) -> None:
    (tmp_path / "lt.json").write_text(json.dumps(JSON_FEED), encoding="utf-8")
    (tmp_path / "lt.atom").write_text(ATOM_FEED, encoding="utf-8")
    cfg = write_config(tmp_path, f'[[sources]]\nname = "lt-json"\nurl = "{tmp_path / "lt.json"}"\n'
                                 f'[[sources]]\nname = "lt-atom"\nurl = "{tmp_path / "lt.atom"}"\n')
    extracted = [p["title"] for f in ("lt.json", "lt.atom")
                 for p in json.loads(myofeed(cfg, "extract", str(tmp_path / f)).stdout)]
    assert sorted(extracted) == sorted(SHOWN)
    assert myofeed(cfg, "ingest", "--all").returncode == 0
    listed = [json.loads(line) for line in myofeed(cfg, "posts", "--json").stdout.splitlines()]
    assert [p["title"] for p in listed] == SHOWN  # ingest == extract
    assert all(p["topics"] for p in listed)  # every one is published
    text = myofeed(cfg, "posts").stdout
    assert "lt-json: Why <b>CK</b> matters in dermatomyositis" in text

    assert myofeed(cfg, "publish").returncode == 0
    feeds = tmp_path / "feeds"
    items = json.loads((feeds / "all.json").read_text(encoding="utf-8"))["items"]
    assert [i["title"] for i in items] == SHOWN
    assert "<script" not in items[0]["content_html"] and "<b>bold</b>" in items[0]["content_html"]  # sanitized
    atom = etree.fromstring((feeds / "all.atom").read_bytes())
    assert [e.findtext(f"{ATOM}title") for e in atom.iter(f"{ATOM}entry")] == SHOWN
    assert all(e.find(f"{ATOM}title").get("type", "text") == "text" for e in atom.iter(f"{ATOM}entry"))
    rss_raw = (feeds / "all.rss").read_bytes()
    assert [i.findtext("title") for i in etree.fromstring(rss_raw).iter("item")] == SHOWN
    assert b"Why &#x3C;b&#x3E;CK&#x3C;/b&#x3E; matters" in rss_raw and b"&lt;" not in rss_raw  # the RSS Profile's form
    index = (feeds / "index.html").read_text(encoding="utf-8")
    assert "Why &lt;b&gt;CK&lt;/b&gt; matters in dermatomyositis" in index and "<b>CK</b>" not in index
    assert "Using &lt;Tab&gt; in dermatomyositis forms" in index
