"""SPEC v2's one exit-status rule, through real `myofeed` processes: 0 all good, 1 the command
ran but something failed, 2 usage, configuration, an unknown name or a busy port."""

from __future__ import annotations

import json
import socket
import tomllib
from collections.abc import Callable
from pathlib import Path

from ..conftest import TOPICS, FixtureServer, Route
from ..test_ingest import rss
from .test_cli_core import myofeed

SLUGS = [t["slug"] for t in tomllib.loads(TOPICS.read_text(encoding="utf-8"))["topics"]]


def _one_post(http_server: FixtureServer, config_file: Callable[..., Path]) -> tuple[Path, int]:
    http_server.routes["/feed"] = Route(rss([("Dermatomyositis rash and muscle biopsy", "g1", "https://blog.example/1")]))
    cfg = config_file(f'[[sources]]\nname = "blog"\nurl = "{http_server.url("/feed")}"\n')
    assert myofeed(cfg, "ingest", "--all").returncode == 0
    return cfg, json.loads(myofeed(cfg, "posts", "--json").stdout.splitlines()[0])["id"]


def _topics(cfg: Path, pid: int) -> set[str]:
    return set(json.loads(myofeed(cfg, "posts", "show", str(pid)).stdout)["topics"])


def test_label_takes_every_shipped_slug_with_plus_and_minus(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    # "-research" once parsed as the short options -r -e -s -e -a -r -c -h: help, exit 0, nothing changed
    assert len(SLUGS) == 10 and "research" in SLUGS
    cfg, pid = _one_post(http_server, config_file)
    r = myofeed(cfg, "posts", "label", str(pid), *(f"-{s}" for s in SLUGS))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Usage" not in r.stdout and "topics now none" in r.stdout
    assert _topics(cfg, pid) == set()
    r = myofeed(cfg, "posts", "label", str(pid), *(f"+{s}" for s in SLUGS))
    assert r.returncode == 0, r.stderr
    assert _topics(cfg, pid) == set(SLUGS)
    for slug in ("research", "treatment", "dermatomyositis", "autoimmune-myopathy"):
        r = myofeed(cfg, "posts", "label", str(pid), f"-{slug}")
        assert r.returncode == 0 and "Usage" not in r.stdout, (slug, r.stdout, r.stderr)
        assert slug not in _topics(cfg, pid)
    r = myofeed(cfg, "posts", "label", str(pid), "+treatment", "-research")  # the README's example
    assert r.returncode == 0 and "treatment" in _topics(cfg, pid)
    r = myofeed(cfg, "posts", "label", "--help")
    assert r.returncode == 0 and "+slug" in r.stdout
    r = myofeed(cfg, "posts", "label", str(pid), "-nosuch")
    assert r.returncode == 2 and "unknown topic 'nosuch'" in r.stderr


def test_unknown_names_are_usage_errors(http_server: FixtureServer, config_file: Callable[..., Path]) -> None:
    cfg, pid = _one_post(http_server, config_file)
    for args, words in [
        (("posts", "--source", "nosuch"), "unknown source 'nosuch'"),
        (("posts", "--topic", "nosuch"), "unknown topic 'nosuch'"),
        (("ingest", "nosuch"), "unknown source 'nosuch'"),
        (("subscribers", "remove", "nobody@example.org"), "no subscriber"),
        (("digest", "preview", "nobody@example.org"), "no subscriber"),
        (("subscribers", "add", "a@example.org", "--topics", "nosuch"), "unknown topic 'nosuch'"),
        (("posts", "show", "999999"), "no post"),
    ]:
        r = myofeed(cfg, *args)
        assert r.returncode == 2, (args, r.returncode, r.stderr)
        assert words in r.stderr and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, args
    r = myofeed(cfg, "posts", "--source", "blog")
    assert r.returncode == 0 and "Dermatomyositis" in r.stdout


def test_ingest_exits_1_when_a_source_fails(http_server: FixtureServer, config_file: Callable[..., Path]) -> None:
    http_server.routes["/feed"] = Route(rss([("Dermatomyositis rash", "g1", "https://blog.example/1")]))
    http_server.routes["/gone"] = Route(b"", 404)
    good = f'[[sources]]\nname = "blog"\nurl = "{http_server.url("/feed")}"\n'
    cfg = config_file(good)
    assert myofeed(cfg, "ingest", "--all").returncode == 0
    cfg = config_file(good + f'[[sources]]\nname = "gone"\nurl = "{http_server.url("/gone")}"\n')
    r = myofeed(cfg, "ingest", "--all")
    assert r.returncode == 1 and "gone: FAILED" in r.stdout and "1 ok, 1 failed" in r.stdout
    assert myofeed(cfg, "ingest", "blog").returncode == 0


def test_a_source_waiting_out_retry_after_is_deferred_not_failed(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    # outside audit 3, minor note 4: cron saw exit 1 for the whole delay the server asked for
    http_server.routes["/feed"] = Route(rss([("Dermatomyositis rash", "g1", "https://blog.example/1")]))
    http_server.routes["/busy"] = Route(b"slow down", 429, {"Retry-After": "3600"})
    cfg = config_file(f'[[sources]]\nname = "blog"\nurl = "{http_server.url("/feed")}"\n'
                      f'[[sources]]\nname = "busy"\nurl = "{http_server.url("/busy")}"\n')
    assert myofeed(cfg, "ingest", "--all").returncode == 1  # the 429 itself is a failed fetch
    r = myofeed(cfg, "ingest", "--all")
    assert r.returncode == 0, r.stdout
    assert "busy: deferred until " in r.stdout and "FAILED" not in r.stdout
    assert "1 ok, 0 failed, 1 deferred" in r.stdout


def test_run_on_a_busy_port_is_one_line_and_exit_2(config_file: Callable[..., Path]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        cfg = config_file()
        r = myofeed(cfg, "run", "--port", str(port))
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stdout == "" and "serving" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and f"port {port}" in lines[0] and "already in use" in lines[0], lines
    assert not (cfg.parent / "feeds").exists(), "no job ran"


def test_ingest_exits_1_when_a_page_breaks(http_server: FixtureServer, config_file: Callable[..., Path]) -> None:
    from .test_sources import PAGE

    http_server.routes["/page"] = Route(PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
    cfg = config_file(f'[[sources]]\nname = "tag-page"\nurl = "{http_server.url("/page")}"\nkind = "html"\n')
    assert myofeed(cfg, "ingest", "--all").returncode == 0
    http_server.routes["/page"] = Route(b"<!doctype html><title>Tag</title><h1>Tag</h1><p>We moved.</p>",
                                        headers={"Content-Type": "text/html; charset=utf-8"})
    r = myofeed(cfg, "ingest", "--all")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "tag-page" in r.stdout and ("BROKEN" in r.stdout or "FAILED" in r.stdout)
    status = {s["name"]: s for s in json.loads(myofeed(cfg, "status", "--json").stdout)}
    assert status["tag-page"]["broken"] is True


def test_no_help_points_at_files_a_clone_lacks(config_file: Callable[..., Path]) -> None:
    cfg = config_file()
    for args in (("classify",), ("sources",), ("sources", "add"), ("init",), ("backup",), ("prune",), ("run",)):
        r = myofeed(cfg, *args, "--help")
        assert r.returncode == 0 and "Example" in r.stdout, args
        assert "../shared" not in r.stdout and "datasets/" not in r.stdout, args
