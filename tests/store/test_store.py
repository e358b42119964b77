"""Storage on a real SQLite file: dedup keys, fixed publication dates, updates,
corrections, transactions that leave nothing half-written."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from myofeed._types import FetchOutcome, PostWrite
from myofeed.exceptions import NotFoundError, StorageError
from myofeed.store.schema import SCHEMA_VERSION
from myofeed.store.sqlite import SQLiteStorage
from myofeed.types import Source

NOW = datetime(2025, 11, 21, 8, 0, tzinfo=timezone.utc)
AT = NOW.isoformat()


def _post(key: str, title: str = "Dermatomyositis basics", **kw: object) -> PostWrite:
    base = dict(
        dedup_key=key, title=title, url=f"https://blog.example/{key}", author="Ada Example",
        published="2025-11-20", sort_key="2025-11-20T00:00:00+00:00", comments=3, summary="About DM.",
        summary_html=None, guid=None, categories=(), labels=("dermatomyositis", "autoimmune-myopathy"),
        evidence={"dermatomyositis": ("term 'dermatomyositis'",), "autoimmune-myopathy": ("parent",)},
    )
    base.update(kw)
    return PostWrite(**base)  # type: ignore[arg-type]


def _ok(**kw: object) -> FetchOutcome:
    return FetchOutcome(ok=True, at=AT, next_due=AT, **kw)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStorage:
    s = SQLiteStorage(tmp_path / "db" / "t.db")
    s.sync_sources([Source("blog", "https://blog.example/feed"), Source("other", "https://other.example/")], NOW)
    yield s
    s.close()


def test_pragmas_and_schema_version(store: SQLiteStorage) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_same_posts_twice_store_nothing_new(store: SQLiteStorage) -> None:
    assert store.record_fetch("blog", _ok(), [_post("guid:1"), _post("guid:2", "Other")]) == (2, 0)
    assert store.record_fetch("blog", _ok(), [_post("guid:1"), _post("guid:2", "Other")]) == (0, 0)
    assert len(store.list_posts()) == 2


def test_dedup_key_is_per_source(store: SQLiteStorage) -> None:
    store.record_fetch("blog", _ok(), [_post("url:x")])
    assert store.record_fetch("other", _ok(), [_post("url:x")]) == (1, 0)


def test_changed_title_updates_row_but_never_the_date(store: SQLiteStorage) -> None:
    store.record_fetch("blog", _ok(), [_post("guid:1")])
    changed = _post("guid:1", "Dermatomyositis basics, revised", published="2026-01-01",
                    sort_key="2026-01-01T00:00:00+00:00", comments=9)
    assert store.record_fetch("blog", _ok(), [changed]) == (0, 1)
    [p] = store.list_posts()
    assert p.title == "Dermatomyositis basics, revised"
    assert p.comments == 9
    assert p.published == "2025-11-20"


def test_topics_and_filters(store: SQLiteStorage) -> None:
    store.record_fetch("blog", _ok(), [_post("guid:1"), _post("guid:2", "Off", labels=(), evidence={})])
    assert [p.title for p in store.list_posts(topic="autoimmune-myopathy")] == ["Dermatomyositis basics"]
    assert len(store.list_posts(on_topic_only=True)) == 1
    assert len(store.list_posts()) == 2
    assert store.topic_stats()["dermatomyositis"][0] == 1


def test_corrections_survive_reclassification(store: SQLiteStorage) -> None:
    store.record_fetch("blog", _ok(), [_post("guid:1")])
    [p] = store.list_posts()
    store.label_post(p.id, ["treatment"], ["dermatomyositis"], NOW)
    assert set(store.get_post(p.id).topics) == {"treatment", "autoimmune-myopathy"}
    store.set_topics([(p.id, ("dermatomyositis", "autoimmune-myopathy", "research"), {})])
    assert set(store.get_post(p.id).topics) == {"treatment", "autoimmune-myopathy", "research"}
    store.hide_post(p.id)
    assert store.list_posts() == []
    assert store.list_posts(include_hidden=True)[0].hidden


def test_failed_batch_leaves_nothing(store: SQLiteStorage) -> None:
    bad = _post("guid:2", labels=("dermatomyositis", None))  # NULL topic violates NOT NULL
    with pytest.raises(StorageError):
        store.record_fetch("blog", _ok(etag='"v2"'), [_post("guid:1"), bad])
    assert store.list_posts() == []
    assert store.source_state("blog")["etag"] is None  # the state update rolled back too


def test_fetch_state_and_failures(store: SQLiteStorage) -> None:
    store.record_fetch("blog", _ok(etag='"a"', last_modified="Thu, 20 Nov 2025 09:00:00 GMT"), [])
    fail = FetchOutcome(ok=False, at=AT, next_due=AT, error="HTTP 500")
    store.record_fetch("blog", fail, [])
    store.record_fetch("blog", fail, [])
    [s] = [x for x in store.source_statuses() if x.name == "blog"]
    assert s.consecutive_failures == 2 and s.last_error == "HTTP 500"
    assert store.source_state("blog")["etag"] == '"a"'
    store.record_fetch("blog", _ok(), [])
    [s] = [x for x in store.source_statuses() if x.name == "blog"]
    assert s.consecutive_failures == 0 and s.last_error is None


def test_changed_url_resets_caching(store: SQLiteStorage) -> None:
    store.record_fetch("blog", _ok(etag='"a"'), [])
    store.sync_sources([Source("blog", "https://blog.example/new-feed")], NOW)
    assert store.source_state("blog")["etag"] is None


def test_missing_post_is_not_found(store: SQLiteStorage) -> None:
    with pytest.raises(NotFoundError):
        store.get_post(999)


def test_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StorageError, match="newer"):
        SQLiteStorage(path)


def test_subscribers_and_tokens(store: SQLiteStorage) -> None:
    sub, created = store.add_subscriber("reader@example.org", ["dermatomyositis"], "daily", confirmed=False, now=NOW)
    assert created and sub.state == "pending" and len(sub.confirm_token) >= 40
    assert store.subscriber_by_token("confirm", sub.confirm_token) == sub
    assert store.subscriber_by_token("confirm", sub.confirm_token[:-1] + "x") is None
    again, created = store.add_subscriber("reader@example.org", ["treatment"], "weekly", confirmed=False, now=NOW)
    assert not created and again.topics == ("treatment",) and again.confirm_token == sub.confirm_token
    assert store.remove_subscriber("reader@example.org")
    assert store.get_subscriber("reader@example.org") is None


def test_lock_is_exclusive_until_stale(store: SQLiteStorage) -> None:
    assert store.acquire_lock("run", "a", NOW, 60)
    assert not store.acquire_lock("run", "b", NOW, 60)
    later = NOW.replace(hour=9)
    assert store.acquire_lock("run", "b", later, 60)
