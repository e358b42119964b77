"""Retention through real processes: `[storage].keep` deletes old posts that no output feed's
newest `items` shows, and a later fetch of the same source never brings them back."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..conftest import FixtureServer, Route
from .test_cli_core import myofeed

ITEMS = [  # (title, RSS date)
    ("Dermatomyositis rash diary", "Thu, 20 Nov 2025 09:00:00 +0000"),
    ("Dermatomyositis rash: a second note", "Sat, 02 Mar 2024 09:00:00 +0000"),
    ("Methotrexate for dermatomyositis: a patient's notes", "Thu, 04 May 2023 09:00:00 +0000"),
    ("Dermatomyositis rash: an early note", "Tue, 10 Jan 2023 09:00:00 +0000"),
]


def _feed() -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>https://blog.example/{i}</link><guid>g{i}</guid>"
        f"<pubDate>{d}</pubDate><description>{t}.</description></item>"
        for i, (t, d) in enumerate(ITEMS)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><link>https://blog.example/</link>'
            f"<description>d</description>{items}</channel></rss>").encode()


def test_keep_deletes_old_posts_outside_the_feeds_and_they_never_come_back(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    http_server.routes["/feed"] = Route(_feed(), headers={"Content-Type": "application/rss+xml"})
    source = f'[[sources]]\nname = "blog"\nurl = "{http_server.url("/feed")}"\n'
    cfg = config_file(source)
    assert myofeed(cfg, "ingest", "--all").returncode == 0
    assert myofeed(cfg, "prune").stdout.startswith("[storage].keep is not set")

    text = cfg.read_text(encoding="utf-8").replace('[storage]\n', '[storage]\nkeep = "365d"\n')
    cfg.write_text(text.replace('[publish]\n', '[publish]\nitems = 1\n'), encoding="utf-8")
    rows = [json.loads(x) for x in myofeed(cfg, "posts", "--json").stdout.splitlines()]  # newest first
    assert [r["title"] for r in rows] == [t for t, _ in ITEMS]
    assert "treatment" in rows[2]["topics"]
    # items = 1: each output feed (all, and every topic) shows its newest post, whatever its age
    shown = {rows[0]["title"]} | {next(r["title"] for r in rows if slug in r["topics"])
                                  for slug in {t for r in rows for t in r["topics"]}}
    assert "Methotrexate for dermatomyositis: a patient's notes" in shown, "the newest treatment post"
    expected = [r["title"] for r in rows if r["published"] >= "2025-01-01" or r["title"] in shown]
    assert "Dermatomyositis rash: an early note" not in expected

    r = myofeed(cfg, "prune", "--now", "2026-01-01T00:00:00Z")
    assert r.returncode == 0, r.stderr
    n = len(rows) - len(expected)
    assert f"deleted {n} post{'' if n == 1 else 's'} older than 365 days" in r.stdout
    left = [json.loads(x)["title"] for x in myofeed(cfg, "posts", "--json").stdout.splitlines()]
    assert left == expected

    r = myofeed(cfg, "ingest", "--all")
    assert r.returncode == 0 and "0 new" in r.stdout
    assert len(myofeed(cfg, "posts", "--json").stdout.splitlines()) == len(expected)
    assert myofeed(cfg, "publish").returncode == 0
    atom = (cfg.parent / "feeds" / "all.atom").read_text(encoding="utf-8")
    assert "Dermatomyositis rash diary" in atom and "an early note" not in atom
