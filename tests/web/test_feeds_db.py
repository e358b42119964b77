"""GET /feeds/<file> from the database: what a publisher stored is what every web process
serves (bytes, ETag, Last-Modified), whichever machine published it; a publish by another
process is seen within the poll interval, one by this process at once; a name the database
does not hold still comes from the publish directory."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.utils import formatdate
from typing import Any

from myofeed.store import open_storage

from .test_feeds import BODY, MTIME

WHEN = datetime(2025, 11, 21, 8, 0, tzinfo=UTC)
PLAIN = {"Accept-Encoding": "identity"}  # httpx asks for gzip by default: that body has an ETag of its own


def _other_process(srv: Any) -> Any:
    """A handle of its own on the same database: stands for a publisher on another machine."""
    return open_storage(srv.app.config.database)


def test_the_database_copy_wins_and_carries_its_validators(server_factory: Any) -> None:
    srv = server_factory(with_data=False)
    srv.publish_file("all.atom", b"<feed>stale local copy</feed>", MTIME)
    other = _other_process(srv)
    try:
        other.write_published_files([("all.atom", BODY, "application/atom+xml; charset=utf-8")], WHEN)
        [stored] = other.published_files(["all.atom"])
    finally:
        other.close()
    r = srv.client.get("/feeds/all.atom", headers=PLAIN)
    assert r.status_code == 200 and r.content == BODY
    assert r.headers["etag"] == stored.etag
    assert r.headers["last-modified"] == formatdate(WHEN.timestamp(), usegmt=True)
    assert r.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert srv.client.get("/feeds/all.atom", headers={"If-None-Match": stored.etag, **PLAIN}).status_code == 304
    gz = srv.client.get("/feeds/all.atom", headers={"Accept-Encoding": "gzip"})
    assert gz.content == BODY and gz.headers["content-encoding"] == "gzip"


def test_another_processs_publish_is_seen_within_the_poll(server_factory: Any) -> None:
    srv = server_factory(with_data=False)
    files = srv.web.files
    files._poll = 0.2  # noqa: SLF001 - a short poll for the test (1 s in service)
    other = _other_process(srv)
    try:
        other.write_published_files([("all.atom", b"<feed>1</feed>", "application/atom+xml")], WHEN)
        assert srv.client.get("/feeds/all.atom").content == b"<feed>1</feed>"
        other.write_published_files([("all.atom", b"<feed>2</feed>", "application/atom+xml")], WHEN)
        deadline = time.monotonic() + 5
        while srv.client.get("/feeds/all.atom").content != b"<feed>2</feed>":
            assert time.monotonic() < deadline, "the new bytes were never served"
            time.sleep(0.05)
        # removed from the database and absent locally: gone
        other.write_published_files([("all.rss", b"<rss/>", "application/rss+xml")], WHEN)
        deadline = time.monotonic() + 5
        while srv.client.get("/feeds/all.atom").status_code != 404:
            assert time.monotonic() < deadline, "a removed file is still served"
            time.sleep(0.05)
    finally:
        other.close()


def test_this_processs_publish_is_served_at_once(server_factory: Any) -> None:
    srv = server_factory()  # seeded posts
    srv.app.publish()
    first = srv.client.get("/feeds/all.atom", headers=PLAIN)
    assert first.status_code == 200
    [stored] = srv.app.published_files(["all.atom"])
    assert first.headers["etag"] == stored.etag and first.content == stored.body


def test_names_the_database_lacks_come_from_the_publish_directory(server_factory: Any) -> None:
    srv = server_factory(with_data=False)
    other = _other_process(srv)
    try:
        other.write_published_files([("all.atom", BODY, "application/atom+xml")], WHEN)
    finally:
        other.close()
    srv.publish_file("extra.opml", b"<opml/>", MTIME)
    assert srv.client.get("/feeds/all.atom").content == BODY
    r = srv.client.get("/feeds/extra.opml")
    assert r.status_code == 200 and r.content == b"<opml/>"
    assert srv.client.get("/feeds/../myofeed.toml").status_code == 404
