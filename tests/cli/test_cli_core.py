"""The SPEC commands through the real console entry point (subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import REPO, FixtureServer, Route
from ..test_ingest import rss


def myofeed(config: Path, *args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [sys.executable, "-m", "myofeed", "--config", str(config), *args],
        capture_output=True, text=True, input=stdin, env=env, timeout=120, cwd=cwd,
    )


def test_ingest_posts_status_publish(http_server: FixtureServer, config_file: Callable[..., Path]) -> None:
    http_server.routes["/feed"] = Route(rss([
        ("Dermatomyositis rash and muscle biopsy", "g1", "https://blog.example/1"),
        ("Why generic prices differ", "g2", "https://blog.example/2"),
    ]), headers={"Content-Type": "application/rss+xml"})
    http_server.routes["/gone"] = Route(b"", 404)
    cfg = config_file(
        f'[[sources]]\nname = "blog"\nurl = "{http_server.url("/feed")}"\n'
        f'[[sources]]\nname = "gone"\nurl = "{http_server.url("/gone")}"\n'
    )
    r = myofeed(cfg, "ingest")
    assert r.returncode == 1, "SPEC v2: ingest exits 1 when any source failed"
    assert "sources: 1 ok, 1 failed; posts: 2 new, 0 updated" in r.stdout
    assert "gone: FAILED" in r.stdout

    r = myofeed(cfg, "posts", "--json")
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 2, "every ingested post is stored, on-topic or not"
    assert set(rows[0]) == {"id", "source", "title", "url", "author", "published", "comments", "topics"}
    derm = next(x for x in rows if x["title"].startswith("Dermatomyositis"))
    assert "dermatomyositis" in derm["topics"] and "autoimmune-myopathy" in derm["topics"]
    assert derm["author"] == "Ada Example" and derm["comments"] == 2

    r = myofeed(cfg, "posts", "--topic", "dermatomyositis", "--json")
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == [derm["id"]]
    r = myofeed(cfg, "posts", "--topic", "nonsense")
    assert r.returncode == 2 and "unknown topic" in r.stderr and "Traceback" not in r.stderr

    r = myofeed(cfg, "status", "--json")
    status = {s["name"]: s for s in json.loads(r.stdout)}
    assert set(status["blog"]) >= {"name", "url", "last_success", "last_error", "consecutive_failures",
                                   "next_fetch", "posts", "broken"}
    assert status["blog"]["posts"] == 2 and status["gone"]["consecutive_failures"] == 1
    assert "404" in status["gone"]["last_error"]

    r = myofeed(cfg, "ingest")
    assert "nothing due" in r.stdout

    r = myofeed(cfg, "publish")
    assert r.returncode == 0, r.stderr
    feeds = cfg.parent / "feeds"
    assert (feeds / "dermatomyositis.atom").exists() and (feeds / "all.json").exists()
    before = {p.name: p.read_bytes() for p in feeds.iterdir()}
    myofeed(cfg, "publish")
    assert before == {p.name: p.read_bytes() for p in feeds.iterdir()}


def test_label_hide_show(http_server: FixtureServer, config_file: Callable[..., Path]) -> None:
    http_server.routes["/feed"] = Route(rss([("Dermatomyositis rash and muscle biopsy", "g1", "https://blog.example/1")]))
    cfg = config_file(f'[[sources]]\nname = "blog"\nurl = "{http_server.url("/feed")}"\n')
    myofeed(cfg, "ingest", "--all")
    pid = json.loads(myofeed(cfg, "posts", "--json").stdout.splitlines()[0])["id"]
    r = myofeed(cfg, "posts", "label", str(pid), "+treatment", "-diagnosis")
    assert r.returncode == 0, r.stderr
    shown = json.loads(myofeed(cfg, "posts", "show", str(pid)).stdout)
    assert "treatment" in shown["topics"] and "diagnosis" not in shown["topics"]
    assert any("operator" in e for e in shown["why"]["treatment"])
    r = myofeed(cfg, "reclassify")
    assert r.returncode == 0, r.stderr
    shown = json.loads(myofeed(cfg, "status", "--post", str(pid)).stdout)
    assert "treatment" in shown["topics"] and "diagnosis" not in shown["topics"]
    myofeed(cfg, "posts", "hide", str(pid))
    myofeed(cfg, "publish")
    assert b"Dermatomyositis rash" not in (cfg.parent / "feeds" / "all.atom").read_bytes()
    r = myofeed(cfg, "posts", "label", str(pid), "+nonsense")
    assert r.returncode == 2 and "unknown topic" in r.stderr


def test_help_has_examples(config_file: Callable[..., Path]) -> None:
    # every command and subcommand (SPEC: `--help` with examples on every command), found by walking
    # the command tree so that a new command without examples fails here
    import click
    from click.testing import CliRunner

    from myofeed.cli import cli

    cfg = config_file()
    ctx = click.Context(cli)

    def walk(group: click.Group, path: tuple[str, ...]) -> list[tuple[str, ...]]:
        out = []
        for name in group.list_commands(ctx):
            sub = group.get_command(ctx, name)
            out.append((*path, name))
            if isinstance(sub, click.Group):
                out += walk(sub, (*path, name))
        return out

    commands = walk(cli, ())
    assert {("run",), ("posts", "show"), ("posts", "hide"), ("sources", "add")} <= set(commands)
    missing = []
    for cmd in commands:
        r = CliRunner().invoke(cli, ["--config", str(cfg), *cmd, "--help"])
        assert r.exit_code == 0, (cmd, r.output)
        if "Example" not in r.output:
            missing.append(" ".join(cmd))
    assert not missing, f"--help without examples: {missing}"


def test_check_with_no_sources(config_file: Callable[..., Path]) -> None:
    r = myofeed(config_file(), "check")
    assert r.returncode == 0 and "0 sources" in r.stdout


@pytest.mark.sqlite_only  # the SQLite file's place; PostgreSQL answers at connect
def test_check_says_when_the_database_or_the_publish_dir_cannot_be_written(
    config_file: Callable[..., Path], tmp_path: Path
) -> None:
    # audit 4, minor 4: `check` said ok, then `run` failed at every publish
    cfg = config_file()
    (tmp_path / "blocker").write_text("a file where a directory should be")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "test.db").mkdir()  # a directory where the database file should be
    cfg.write_text(cfg.read_text().replace('dir = "feeds"', 'dir = "blocker/feeds"'))
    r = myofeed(cfg, "check")
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"storage.database: cannot write {tmp_path / 'data' / 'test.db'}: not a regular file" in r.stdout
    assert f"publish.dir: cannot write {tmp_path / 'blocker' / 'feeds'}: " in r.stdout
    assert "is not a directory" in r.stdout and "Traceback" not in r.stderr
    assert not list(tmp_path.rglob(".myofeed-check.*")), "the probe files are removed"


MARKUP_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://blog.example/</link>
<description>d</description>
<item><title>Undated dermatomyositis note</title><link>https://blog.example/undated</link>
<description>Dermatomyositis rash care.</description></item>
<item><title><![CDATA[<script>alert("t")</script> Dermatomyositis &amp; <b>bold</b> title]]></title>
<link>https://blog.example/dated</link><pubDate>Thu, 20 Nov 2025 09:30:00 +0000</pubDate>
<description>Dermatomyositis and a heliotrope rash.</description></item>
<item><title>Older dermatomyositis post</title><link>https://blog.example/older</link>
<pubDate>Mon, 17 Nov 2025 09:30:00 +0000</pubDate><description>Dermatomyositis.</description></item>
</channel></rss>"""


def test_posts_lists_plain_titles_newest_first_and_undated_last(tmp_path: Path, config_file: Callable[..., Path]) -> None:
    """Titles as every feed and page shows them (plain text, not the stored markup); an undated post
    has no place among the dated ones, newest first: it comes last."""
    feed = tmp_path / "feed.xml"
    feed.write_text(MARKUP_FEED, encoding="utf-8")
    cfg = config_file(f'[[sources]]\nname = "notes"\nurl = "{feed.as_uri()}"\n')
    assert myofeed(cfg, "ingest").returncode == 0
    rows = [json.loads(line) for line in myofeed(cfg, "posts", "--json").stdout.splitlines()]
    assert [r["title"] for r in rows] == [
        "Dermatomyositis & bold title", "Older dermatomyositis post", "Undated dermatomyositis note"]
    assert [json.loads(x)["title"] for x in myofeed(cfg, "posts", "--json", "--limit", "1").stdout.splitlines()] == [
        "Dermatomyositis & bold title"]
    text = myofeed(cfg, "posts").stdout
    assert "notes: Dermatomyositis & bold title" in text and "<b>" not in text
    shown = json.loads(myofeed(cfg, "posts", "show", str(rows[0]["id"])).stdout)
    assert shown["post"]["title"] == "Dermatomyositis & bold title"


def test_status_shows_configured_url_with_redirect_target(http_server: FixtureServer,
                                                          config_file: Callable[..., Path]) -> None:
    http_server.routes["/old"] = Route(b"", 301, {"Location": http_server.url("/new")})
    http_server.routes["/new"] = Route(rss([("IMNM", "n1", "https://blog.example/n")]))
    http_server.routes["/feed"] = Route(rss([("DM", "d1", "https://blog.example/d")]))
    cfg = config_file(f'[[sources]]\nname = "moved"\nurl = "{http_server.url("/old")}"\n'
                      f'[[sources]]\nname = "stays"\nurl = "{http_server.url("/feed")}"\n')
    assert myofeed(cfg, "ingest").returncode == 0
    status = {s["name"]: s for s in json.loads(myofeed(cfg, "status", "--json").stdout)}
    assert status["moved"]["url"] == http_server.url("/old"), "the URL sources list shows"
    assert status["moved"]["redirected_to"] == http_server.url("/new")
    assert status["stays"]["url"] == http_server.url("/feed") and status["stays"]["redirected_to"] is None
    assert set(status["moved"]) >= {"name", "url", "last_success", "last_error", "consecutive_failures",
                                    "next_fetch", "posts", "broken"}
    text = myofeed(cfg, "status").stdout
    assert f"moved [ok] {http_server.url('/old')} -> {http_server.url('/new')}\n" in text
    assert f"stays [ok] {http_server.url('/feed')}\n" in text


def test_status_shows_a_source_never_fetched_as_new_and_due_now(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    # outside audit 3, minor note 3: it read "[ok] ... next fetch: never" though the next ingest fetches it
    http_server.routes["/feed"] = Route(rss([("DM", "d1", "https://blog.example/d")]))
    cfg = config_file(f'[[sources]]\nname = "fresh"\nurl = "{http_server.url("/feed")}"\n')
    text = myofeed(cfg, "status").stdout
    assert f"fresh [new] {http_server.url('/feed')}\n" in text and "[ok]" not in text
    assert "next fetch: now (not fetched yet)" in text and "next fetch: never" not in text
    assert myofeed(cfg, "ingest").returncode == 0
    assert "fresh [ok]" in myofeed(cfg, "status").stdout


def test_an_ingest_freezes_its_start_up_only_in_a_process_of_its_own(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    """`myofeed ingest` moves what its start-up made out of the cyclic collector's sight (gc.freeze: no
    collection of the pass walks it again), in its own process only: `main([...])` called by a process that
    goes on (a test, a caller) freezes nothing, since what was frozen would never be collected."""
    import gc

    from myofeed.cli import main

    http_server.routes["/feed"] = Route(rss([("Dermatomyositis rash", "g1", "https://blog.example/1")]))
    cfg = config_file(f'[[sources]]\nname = "blog"\nurl = "{http_server.url("/feed")}"\n')
    frozen = gc.get_freeze_count()
    assert main(["--config", str(cfg), "ingest", "--all", "-q"]) in (0, None)
    assert gc.get_freeze_count() == frozen
    # the same command as a process of its own, asked at its end how much it froze (and that it stored the post)
    probe = ("import atexit, gc, sys; atexit.register(lambda: sys.stderr.write(f'frozen={gc.get_freeze_count()}'));"
             "from myofeed.cli import main; main()")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-c", probe, "--config", str(cfg), "ingest", "--all"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "blog: 0 new, 0 updated" in done.stdout or "blog: not modified" in done.stdout, done.stdout
    assert int(done.stderr.rsplit("frozen=", 1)[1]) > 10_000


def test_a_process_of_its_own_collects_no_garbage_during_an_ingests_start_up_and_collects_after_it(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    """The cyclic collector is off while a one-shot ingest imports and opens what lives to its end (from
    `main()` on, no collection before its start-up is frozen), and on for the pass after it; any other
    command turns it back on as soon as it is named (`status` here: its collections run, nothing frozen)."""
    http_server.routes["/feed"] = Route(rss([("Dermatomyositis rash", "g1", "https://blog.example/1")]))
    cfg = config_file(f'[[sources]]\nname = "blog"\nurl = "{http_server.url("/feed")}"\n')
    probe = ("import atexit, gc, sys; seen = []; from myofeed.cli import main; "
             "gc.callbacks.append(lambda phase, info: phase == 'start' and seen.append(gc.get_freeze_count() > 0)); "
             "atexit.register(lambda: sys.stderr.write(f'early={seen.count(False)} late={seen.count(True)} "
             "on={gc.isenabled()}')); main()")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}

    def run(*args: str) -> tuple[int, int, bool]:
        done = subprocess.run([sys.executable, "-c", probe, "--config", str(cfg), *args],
                              capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        tail = dict(part.split("=") for part in done.stderr.rsplit("early=", 1)[1].join(["early=", ""]).split())
        return int(tail["early"]), int(tail["late"]), tail["on"] == "True"

    early, late, on = run("ingest", "--all")
    assert early == 0 and on  # none before the freeze; the collector back on for the pass and at the end
    early, _, on = run("status")
    assert on and early > 0
