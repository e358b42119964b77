"""Item 1: a source's next-page link never makes myofeed read a local file (ingest or extract)."""

from __future__ import annotations

import json
import resource
from collections.abc import Callable
from pathlib import Path

from ..conftest import FixtureServer, Route
from ._hostile import listing, myofeed, source

HTML = {"Content-Type": "text/html; charset=utf-8"}


def _secret(tmp_path: Path) -> Path:
    """A local listing page: if ingest follows a link to it, its posts come out in the feeds."""
    secret = tmp_path / "secret" / "page.html"
    secret.parent.mkdir()
    secret.write_bytes(listing("s1", "s2", base="https://secret.example", title_a="SECRET-LOCAL-FILE myositis"))
    return secret


def test_ingest_never_follows_a_next_page_to_a_local_file(
    tmp_path: Path, http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    secret = _secret(tmp_path)
    http_server.routes["/tag"] = Route(listing("1", "2", next_href=secret.as_uri()), headers=HTML)
    config = config_file(source("hostile", http_server.url("/tag"), kind="html", first_pages=3))
    run = myofeed(config, "ingest", "--all")
    assert "hostile: 2 new" in run.stdout, run.stdout + run.stderr
    posts = myofeed(config, "posts", "--json")
    assert "SECRET-LOCAL-FILE" not in posts.stdout
    assert {json.loads(line)["url"] for line in posts.stdout.splitlines()} == {
        http_server.url("/posts/1"), http_server.url("/posts/2")}
    myofeed(config, "publish")
    published = "".join(p.read_text(errors="replace") for p in (tmp_path / "feeds").iterdir() if p.is_file())
    assert "SECRET-LOCAL-FILE" not in published


def test_ingest_follows_http_next_pages_under_the_guard(
    http_server: FixtureServer, config_file: Callable[..., Path]
) -> None:
    http_server.routes["/tag"] = Route(listing("1", "2", next_href="/tag/2"), headers=HTML)
    http_server.routes["/tag/2"] = Route(listing("3", "4"), headers=HTML)
    # the next page points to a loopback host that is not in allow_hosts: the guard refuses it
    http_server.routes["/guarded"] = Route(listing("5", "6", next_href="http://127.0.0.2:9/tag/2"), headers=HTML)
    config = config_file(source("ok", http_server.url("/tag"), kind="html", first_pages=3)
                         + source("guarded", http_server.url("/guarded"), kind="html", first_pages=3))
    run = myofeed(config, "ingest", "--all")
    assert "ok: 4 new" in run.stdout and "guarded: 2 new" in run.stdout, run.stdout + run.stderr


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))


def test_extract_url_pages_never_reads_dev_zero(http_server: FixtureServer, config_file: Callable[..., Path]) -> None:
    http_server.routes["/tag"] = Route(listing("1", "2", next_href="file:///dev/zero"), headers=HTML)
    run = myofeed(config_file(), "extract", http_server.url("/tag"), "--pages", "2", preexec=_limit_memory, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    assert [p["url"] for p in json.loads(run.stdout)] == [http_server.url("/posts/1"), http_server.url("/posts/2")]


def test_extract_local_page_stays_in_its_folder(tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    (site / "p1.html").write_bytes(listing("1", "2", next_href="p2.html", base="https://blog.example"))
    (site / "p2.html").write_bytes(listing("3", "4", next_href=secret.as_uri(), base="https://blog.example"))
    (site / "zero.html").write_bytes(listing("5", "6", next_href="file:///dev/zero", base="https://blog.example"))
    run = myofeed(None, "extract", str(site / "p1.html"), "--pages", "5")
    assert run.returncode == 0, run.stderr
    assert [p["url"].rsplit("/", 1)[1] for p in json.loads(run.stdout)] == ["1", "2", "3", "4"]
    assert "not following next page" in run.stderr
    run = myofeed(None, "extract", str(site / "zero.html"), "--pages", "2", preexec=_limit_memory, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    assert len(json.loads(run.stdout)) == 2


def test_file_sources_read_only_regular_files_within_max_bytes(tmp_path: Path, config_file: Callable[..., Path]) -> None:
    config = config_file(source("zero", "file:///dev/zero", kind="html"))
    run = myofeed(config, "ingest", "--all", preexec=_limit_memory, timeout=60)
    assert "zero: FAILED: file:///dev/zero: not a regular file" in run.stdout, run.stdout + run.stderr[-2000:]
