"""file: URLs: read in place, size-capped, typed by extension, conditional like HTTP."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from myofeed._types import FetchRequest, FetchResult
from myofeed.config import FetchSettings
from myofeed.exceptions import FetchError, ResponseTooLargeError
from myofeed.fetch import Retriever, fetch_url


def fetch(request: FetchRequest, settings: FetchSettings | None = None) -> FetchResult:
    async def run() -> FetchResult:
        async with Retriever(settings or FetchSettings()) as r:
            return await r.fetch(request)

    return asyncio.run(run())


@pytest.mark.parametrize(
    ("name", "ctype"),
    [
        ("a.atom", "application/atom+xml"),
        ("a.rss", "application/rss+xml"),
        ("a.json", "application/json"),
        ("a.xml", "application/xml"),
        ("a.html", "text/html; charset=utf-8"),
    ],
)
def test_reads_file_with_type(tmp_path: Path, name: str, ctype: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"<x/>")
    result = fetch_url(path.as_uri(), FetchSettings())
    assert result.status == 200 and result.content == b"<x/>" and result.content_type == ctype
    assert result.url == path.as_uri() and result.etag and result.last_modified


def test_unchanged_file_is_304(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(b"<rss/>")
    first = fetch(FetchRequest(path.as_uri()))
    again = fetch(FetchRequest(path.as_uri(), etag=first.etag, last_modified=first.last_modified))
    assert again.status == 304 and again.content is None
    path.write_bytes(b"<rss version='2.0'/>")
    assert fetch(FetchRequest(path.as_uri(), etag=first.etag)).status == 200


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="no such file"):
        fetch(FetchRequest((tmp_path / "nope.xml").as_uri()))
    with pytest.raises(FetchError, match="is a directory"):
        fetch(FetchRequest(tmp_path.as_uri()))
    with pytest.raises(FetchError, match="another host"):
        fetch(FetchRequest("file://server.example/share/feed.xml"))


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(b"a" * 5000)
    with pytest.raises(ResponseTooLargeError, match="max_bytes"):
        fetch(FetchRequest(path.as_uri()), FetchSettings(max_bytes=4096))
    assert fetch(FetchRequest(path.as_uri()), FetchSettings(max_bytes=5000)).content == b"a" * 5000


def test_fetch_url_accepts_a_bare_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "feed.atom").write_bytes(b"<feed/>")
    monkeypatch.chdir(tmp_path)
    result = fetch_url("feed.atom", FetchSettings())
    assert result.content == b"<feed/>" and result.url == (tmp_path / "feed.atom").as_uri()
