"""A password written into a source URL (`http://user:secret@host/feed`) is for the fetcher only:
it reads a feed behind HTTP Basic auth, and no feed, page, export, status or message shows it
(audit5 #1: it was in every <source>, every relative post link and index.html)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

from ..conftest import FixtureServer, Route
from .test_cli_core import myofeed

SECRET = "s3cretPW"
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Members' news</title>
<link>/members/</link><description>x</description>
<item><title>Dermatomyositis rash and muscle biopsy explained</title><link>/p/relative-post</link>
<guid isPermaLink="false">g1</guid><pubDate>Thu, 20 Nov 2025 09:30:00 +0100</pubDate>
<description>Dermatomyositis: a test post about the rash.</description></item>
</channel></rss>"""


def _all_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


def test_a_source_password_is_used_and_never_published(
    http_server: FixtureServer, config_file: Callable[..., Path], tmp_path: Path
) -> None:
    http_server.routes["/members/feed"] = Route(FEED, headers={"Content-Type": "application/rss+xml"})
    url = http_server.url("/members/feed").replace("http://", f"http://feeduser:{SECRET}@")
    cfg = config_file(f'[[sources]]\nname = "members"\nurl = "{url}"\n')

    checked = myofeed(cfg, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "members: note: its url carries a user and password" in checked.stdout
    assert SECRET not in checked.stdout + checked.stderr

    r = myofeed(cfg, "ingest", "--all")
    assert r.returncode == 0, r.stderr
    sent = dict(http_server.requests)["/members/feed"]
    assert sent["authorization"] == "Basic " + base64.b64encode(f"feeduser:{SECRET}".encode()).decode()
    assert myofeed(cfg, "publish").returncode == 0

    published = _all_text(tmp_path / "feeds")
    assert "relative-post" in published and "/members/feed" in published  # the links are there...
    assert SECRET not in published and "feeduser" not in published  # ...bare
    # the post link, resolved against the source URL, is stored without the password too
    posts = myofeed(cfg, "posts", "--json")
    assert posts.returncode == 0, posts.stderr
    assert [p["url"] for p in map(json.loads, posts.stdout.splitlines())] == [http_server.url("/p/relative-post")]
    for args in (("sources", "list"), ("sources", "export"), ("status",)):
        out = myofeed(cfg, *args)
        assert out.returncode == 0, (args, out.stderr)
        assert SECRET not in out.stdout + out.stderr, args
        assert "/members/feed" in out.stdout, args


def test_a_failed_fetch_names_the_url_without_its_password(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    http_server.routes["/members/feed"] = Route(b"no", 401)
    url = http_server.url("/members/feed").replace("http://", f"http://feeduser:{SECRET}@")
    cfg = config_file(f'[[sources]]\nname = "members"\nurl = "{url}"\n')
    r = myofeed(cfg, "ingest", "--all")
    assert r.returncode == 1
    assert "HTTP 401" in r.stdout + r.stderr
    assert SECRET not in r.stdout + r.stderr
    status = myofeed(cfg, "status")
    assert "HTTP 401" in status.stdout and SECRET not in status.stdout
