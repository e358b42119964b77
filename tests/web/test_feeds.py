"""GET /feeds/<file> over HTTP against uvicorn: types, validators, 304s, gzip, traversal."""

from __future__ import annotations

import gzip
import http.client
import os
from email.utils import formatdate
from typing import Any

import pytest

BODY = b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">' + b"<!-- x -->" * 200 + b"</feed>\n"
MTIME = 1_763_600_000  # 2025-11-20


@pytest.fixture
def srv(server_factory: Any) -> Any:
    s = server_factory(with_data=False)
    s.publish_file("all.atom", BODY, MTIME)
    return s


@pytest.mark.parametrize(
    "name, ctype",
    [
        ("all.atom", "application/atom+xml"),
        ("dermatomyositis.rss", "application/rss+xml"),
        ("all.json", "application/feed+json"),
        ("feeds.opml", "text/x-opml"),
        ("index.html", "text/html"),
    ],
)
def test_content_types(srv: Any, name: str, ctype: str) -> None:
    srv.publish_file(name, b"<x/>")
    r = srv.client.get(f"/feeds/{name}")
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == ctype
    assert r.content == b"<x/>"


def test_validators_and_cache_control(srv: Any) -> None:
    r = srv.client.get("/feeds/all.atom", headers={"accept-encoding": "identity"})
    assert r.status_code == 200 and r.content == BODY
    etag = r.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")  # strong
    assert r.headers["last-modified"] == formatdate(MTIME, usegmt=True)
    assert r.headers["cache-control"] == "public, max-age=1800"  # shortest source interval: 30m
    assert "content-encoding" not in r.headers
    assert r.headers["vary"] == "Accept-Encoding"


def test_if_none_match_304(srv: Any) -> None:
    etag = srv.client.get("/feeds/all.atom").headers["etag"]
    r = srv.client.get("/feeds/all.atom", headers={"if-none-match": etag})
    assert r.status_code == 304 and r.content == b""
    assert r.headers["etag"] == etag
    r = srv.client.get("/feeds/all.atom", headers={"if-none-match": f'"nope", W/{etag}'})
    assert r.status_code == 304  # weak comparison, any of a list
    assert srv.client.get("/feeds/all.atom", headers={"if-none-match": "*"}).status_code == 304


def test_if_none_match_wins_over_if_modified_since(srv: Any) -> None:
    later = formatdate(MTIME + 3600, usegmt=True)
    r = srv.client.get("/feeds/all.atom", headers={"if-none-match": '"other"', "if-modified-since": later})
    assert r.status_code == 200  # a failing If-None-Match is not rescued by a date
    etag = r.headers["etag"]
    earlier = formatdate(MTIME - 3600, usegmt=True)
    r = srv.client.get("/feeds/all.atom", headers={"if-none-match": etag, "if-modified-since": earlier})
    assert r.status_code == 304


def test_if_modified_since(srv: Any) -> None:
    same = formatdate(MTIME, usegmt=True)
    assert srv.client.get("/feeds/all.atom", headers={"if-modified-since": same}).status_code == 304
    older = formatdate(MTIME - 1, usegmt=True)
    assert srv.client.get("/feeds/all.atom", headers={"if-modified-since": older}).status_code == 200
    assert srv.client.get("/feeds/all.atom", headers={"if-modified-since": "garbage"}).status_code == 200
    # later than the server's clock: invalid, ignored (RFC 9110 13.1.3; outside audit 8, note 7)
    future = "Fri, 01 Jan 2100 00:00:00 GMT"
    assert srv.client.get("/feeds/all.atom", headers={"if-modified-since": future}).status_code == 200


def test_if_match_and_if_unmodified_since_412(srv: Any) -> None:
    # outside audit 5, minor 10: both were ignored (200 where RFC 9110 13.2.2 says 412)
    etag = srv.client.get("/feeds/all.atom").headers["etag"]
    assert srv.client.get("/feeds/all.atom", headers={"if-match": etag}).status_code == 200
    assert srv.client.get("/feeds/all.atom", headers={"if-match": f'"other", {etag}'}).status_code == 200
    assert srv.client.get("/feeds/all.atom", headers={"if-match": "*"}).status_code == 200
    r = srv.client.get("/feeds/all.atom", headers={"if-match": '"other"'})
    assert r.status_code == 412 and r.headers["etag"] == etag and b"<feed" not in r.content
    assert srv.client.get("/feeds/all.atom", headers={"if-match": f"W/{etag}"}).status_code == 412  # strong only
    before, after = formatdate(MTIME - 60, usegmt=True), formatdate(MTIME + 60, usegmt=True)
    assert srv.client.get("/feeds/all.atom", headers={"if-unmodified-since": after}).status_code == 200
    assert srv.client.get("/feeds/all.atom", headers={"if-unmodified-since": before}).status_code == 412
    assert srv.client.get("/feeds/all.atom", headers={"if-unmodified-since": "garbage"}).status_code == 200
    # If-Match wins over If-Unmodified-Since
    assert srv.client.get("/feeds/all.atom", headers={"if-match": etag, "if-unmodified-since": before}).status_code == 200
    assert srv.client.head("/feeds/all.atom", headers={"if-match": '"other"'}).status_code == 412


def test_gzip_when_asked(srv: Any) -> None:
    r = srv.client.get("/feeds/all.atom", headers={"accept-encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    assert r.content == BODY  # httpx decodes
    raw_len = int(r.headers["content-length"])
    assert raw_len < len(BODY)
    gz_etag = r.headers["etag"]
    plain_etag = srv.client.get("/feeds/all.atom", headers={"accept-encoding": "identity"}).headers["etag"]
    assert gz_etag != plain_etag  # one strong ETag per representation
    # either representation's ETag validates the other (If-None-Match compares weakly)
    r = srv.client.get("/feeds/all.atom", headers={"accept-encoding": "gzip", "if-none-match": plain_etag})
    assert r.status_code == 304
    r = srv.client.get("/feeds/all.atom", headers={"accept-encoding": "gzip;q=0"})
    assert "content-encoding" not in r.headers


def test_gzip_bytes_are_gzip(srv: Any) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", int(srv.url.rsplit(":", 1)[1].strip("/")))
    conn.request("GET", "/feeds/all.atom", headers={"Accept-Encoding": "gzip, deflate"})
    resp = conn.getresponse()
    assert gzip.decompress(resp.read()) == BODY
    conn.close()


def test_republish_changes_etag_and_same_bytes_keep_it(srv: Any) -> None:
    etag = srv.client.get("/feeds/all.atom").headers["etag"]
    srv.publish_file("all.atom", BODY, MTIME + 60)  # same bytes, new mtime
    assert srv.client.get("/feeds/all.atom").headers["etag"] == etag
    srv.publish_file("all.atom", BODY + b"<!-- changed -->", MTIME + 120)
    r = srv.client.get("/feeds/all.atom", headers={"if-none-match": etag})
    assert r.status_code == 200 and r.content.endswith(b"<!-- changed -->")
    assert r.headers["etag"] != etag


def test_head_and_methods(srv: Any) -> None:
    r = srv.client.head("/feeds/all.atom", headers={"accept-encoding": "identity"})
    assert r.status_code == 200 and r.content == b"" and int(r.headers["content-length"]) == len(BODY)
    assert srv.client.post("/feeds/all.atom").status_code == 405


def _raw_get(srv: Any, path: str) -> int:
    """Send the path byte for byte (httpx would normalise '..' away)."""
    port = int(srv.url.rsplit(":", 1)[1].strip("/"))
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.endheaders()
    status = conn.getresponse().status
    conn.close()
    return status


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/../myofeed.toml",
        "/feeds/..%2fmyofeed.toml",
        "/feeds/%2e%2e/myofeed.toml",
        "/feeds/%2e%2e%2fmyofeed.toml",
        "/feeds/..%5cmyofeed.toml",
        "/feeds//etc/passwd",
        "/feeds/%2fetc%2fpasswd",
        "/feeds/.secret.atom",
        "/feeds/notes.toml",
        "/feeds/missing.atom",
        "/feeds/",
    ],
)
def test_traversal_and_unknown_files_refused(srv: Any, path: str) -> None:
    (srv.publish_dir / ".secret.atom").write_text("hidden")
    (srv.publish_dir / "notes.toml").write_text("x")
    assert _raw_get(srv, path) == 404


def test_symlink_out_of_publish_dir_refused(srv: Any, tmp_path: Any) -> None:
    outside = tmp_path / "outside.atom"
    outside.write_text("<secret/>")
    os.symlink(outside, srv.publish_dir / "leak.atom")
    assert srv.client.get("/feeds/leak.atom").status_code == 404


def test_published_index_gets_csp_hash_for_its_inline_style(srv: Any) -> None:
    srv.publish_file("index.html", b"<!doctype html><style>body{color:red}</style><p>hi</p>")
    r = srv.client.get("/feeds/index.html")
    csp = r.headers["content-security-policy"]
    assert "style-src 'self' 'sha256-" in csp and "script-src" not in csp and "default-src 'none'" in csp


def test_cache_keeps_bytes_in_memory_until_the_file_changes(tmp_path: Any) -> None:
    from myofeed.web.feeds import FeedFiles

    files = FeedFiles(tmp_path, max_age=300, base_url="http://127.0.0.1/")
    (tmp_path / "all.atom").write_bytes(BODY)
    first = files.lookup("all.atom")
    assert first is not None and files.lookup("all.atom") is first  # a hit: no re-read, no re-hash
    os.utime(tmp_path / "all.atom", (MTIME + 5, MTIME + 5))
    second = files.lookup("all.atom")
    assert second is not first and second is not None and second.etag == first.etag
    (tmp_path / "all.atom").unlink()
    assert files.lookup("all.atom") is None
