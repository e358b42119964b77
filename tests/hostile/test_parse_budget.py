"""Item 3: parsing hostile documents is bounded. Short fields are cut before feedparser sees them (its author
regex is quadratic); each document has a CPU budget in a killable worker, so one slow document fails alone,
the web server keeps answering, and SIGTERM never waits for a parse."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from ..conftest import FixtureServer, Route
from ._hostile import myofeed, rss, source, status

FEED = {"Content-Type": "application/rss+xml"}
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _attribute_bomb(n: int = 200_000) -> bytes:
    """One element with n attributes: libxml2's duplicate check is quadratic (minutes of CPU, 3 MB)."""
    attrs = " ".join(f'a{i}="{i}"' for i in range(n))
    return f"<html><body><main><div {attrs}>x</div></main></body></html>".encode()


def _quadratic_author_feed(size: int = 150_000) -> bytes:
    return (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "y">]><rss version="2.0"><channel><title>T</title>'
        "<link>https://blog.example/</link><item><title>Dermatomyositis update</title>"
        f"<link>https://blog.example/1</link><guid>a1</guid><author>{'a' * size}</author></item></channel></rss>"
    ).encode()


def test_a_huge_author_is_cut_before_feedparser_sees_it(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    http_server.routes["/author"] = Route(_quadratic_author_feed(), headers=FEED)
    config = config_file(source("author", http_server.url("/author")))
    run = myofeed(config, "ingest", "--all", timeout=60)  # before: over a minute of CPU in feedparser
    assert "author: 1 new" in run.stdout, run.stdout + run.stderr
    [post] = [json.loads(line) for line in myofeed(config, "posts", "--json").stdout.splitlines()]
    assert post["title"] == "Dermatomyositis update" and 0 < len(post["author"]) <= 200


def test_a_document_over_its_budget_is_killed_and_the_others_go_on(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    http_server.routes["/bomb"] = Route(_attribute_bomb(), headers=HTML)
    http_server.routes["/good"] = Route(rss([("Myositis good", "g1")]), headers=FEED)
    config = config_file(source("bomb", http_server.url("/bomb"), kind="html") + source("good", http_server.url("/good")))
    config.write_text(config.read_text().replace('timeout = "5s"', 'timeout = "5s"\nparse_timeout = "2s"'))
    started = time.monotonic()
    run = myofeed(config, "ingest", "--all", timeout=120)
    assert time.monotonic() - started < 60
    assert "good: 1 new" in run.stdout, run.stdout + run.stderr
    assert "bomb: FAILED: parsing took longer than 2s and was stopped" in run.stdout, run.stdout
    rows = status(config)
    assert rows["bomb"]["consecutive_failures"] == 1 and "longer than 2s" in rows["bomb"]["last_error"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 5) -> int:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return int(r.status)


def test_run_keeps_answering_during_a_slow_parse_and_sigterm_does_not_wait_for_it(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    http_server.routes["/bomb"] = Route(_attribute_bomb(), headers=HTML)
    config = config_file(source("bomb", http_server.url("/bomb"), kind="html"))
    config.write_text(config.read_text().replace('timeout = "5s"', 'timeout = "5s"\nparse_timeout = "600s"'))
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "myofeed", "--config", str(config), "run", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while not any(p == "/bomb" for p, _ in http_server.requests):  # the pass has fetched the bomb
            assert time.monotonic() < deadline and proc.poll() is None, "run never fetched the page"
            time.sleep(0.2)
        time.sleep(2)  # the parse is under way
        slowest, answered = 0.0, 0
        for _ in range(10):  # the web server answers while the parse runs (it holds no GIL of ours)
            t = time.monotonic()
            try:
                assert _get(f"http://127.0.0.1:{port}/") == 200
            except OSError:
                assert proc.poll() is None
                time.sleep(0.3)
                continue
            slowest = max(slowest, time.monotonic() - t)
            answered += 1
            time.sleep(0.2)
        assert answered >= 5 and slowest < 2.0, (answered, slowest)
        proc.send_signal(signal.SIGTERM)
        t = time.monotonic()
        out, _ = proc.communicate(timeout=30)
        assert time.monotonic() - t < 15, "SIGTERM waited for the parse"
        assert proc.returncode == 0, out[-3000:]
        assert "myofeed: stopped" in out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
