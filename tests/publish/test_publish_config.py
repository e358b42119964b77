"""publish_all with a Config from load_config: real TOML files, a file: demo source with base_url."""

from __future__ import annotations

from pathlib import Path

from _publish_helpers import post
from lxml import etree

from myofeed.config import load_config
from myofeed.publish import publish_all

TOML = """
topics = "topics.toml"
[publish]
dir = "out"
base_url = "https://myo.example.org/sub"
items = 2
title = "Myo <Feed>"
demo = true
[[sources]]
name = "demo-news"
url = "demo/news.rss"
base_url = "https://news.example/"
"""

TOPICS = """
[[topics]]
slug = "autoimmune-myopathy"
title = "Autoimmune myopathy"
[[topics]]
slug = "dermatomyositis"
title = "Dermatomyositis"
parent = "autoimmune-myopathy"
"""


def test_publish_with_loaded_config(tmp_path: Path) -> None:
    (tmp_path / "myofeed.toml").write_text(TOML)
    (tmp_path / "topics.toml").write_text(TOPICS)
    config = load_config(tmp_path / "myofeed.toml")
    posts = [post(source="demo-news", url=f"https://news.example/{i}", published=f"2025-11-{10 + i}") for i in range(3)]
    result = publish_all(config, posts)
    out = tmp_path / "out"
    assert (out / "index.html").is_file() and "feeds.opml" in result.written
    rss = etree.fromstring((out / "dermatomyositis.rss").read_bytes())
    items = rss.findall("channel/item")
    assert [i.findtext("pubDate")[:16] for i in items] == ["Wed, 12 Nov 2025", "Tue, 11 Nov 2025"]  # items = 2
    assert items[0].find("source").get("url") == "https://news.example/"  # base_url of the file: source
    assert rss.findtext("channel/title") == "Myo <Feed>: Dermatomyositis"  # not an HTML tag: kept as text
    self_link = rss.find("channel/{http://www.w3.org/2005/Atom}link").get("href")
    assert self_link == "https://myo.example.org/sub/feeds/dermatomyositis.rss"
    assert 'class="demo"' in (out / "index.html").read_text()
