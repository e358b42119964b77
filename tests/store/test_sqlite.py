"""What only the SQLite backend has: pragmas, migrating version 1 files, in-memory databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from myofeed.exceptions import SchemaVersionError, StorageError
from myofeed.store import open_storage
from myofeed.store.schema import SCHEMA_VERSION, SQLITE_MIGRATIONS, statements
from myofeed.store.sqlite import SQLiteStorage


def test_pragmas_and_schema_version(tmp_path: Path) -> None:
    store = SQLiteStorage(tmp_path / "db" / "t.db")
    conn = store._raw()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.backend == "sqlite" and store.location == str(tmp_path / "db" / "t.db")
    store.close()


def test_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(SchemaVersionError, match="newer"):
        SQLiteStorage(path)
    assert issubclass(SchemaVersionError, StorageError)


def test_a_version_1_file_migrates_keeping_ids_and_children(tmp_path: Path) -> None:
    """Version 2 rebuilds `posts` (AUTOINCREMENT): every row, topic and delivery stays, and a new post
    never takes the id of one deleted before."""
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    for statement in statements(SQLITE_MIGRATIONS[0]):
        conn.execute(statement)
    t = "2025-11-20T00:00:00+00:00"
    conn.execute("INSERT INTO sources (name, url, config_url, created) VALUES ('blog', 'https://b.example/', "
                 "'https://b.example/', ?)", (t,))
    for pid in (3, 7):
        conn.execute("INSERT INTO posts (id, source, dedup_key, title, sort_key, first_seen, updated)"
                     " VALUES (?, 'blog', ?, 'T', ?, ?, ?)", (pid, f"k{pid}", t, t, t))
        conn.execute("INSERT INTO post_topics VALUES (?, 'research')", (pid,))
    conn.execute("INSERT INTO subscribers (email, topics, cadence, state, confirm_token, unsubscribe_token, created)"
                 " VALUES ('a@example.org', '[]', 'daily', 'confirmed', 'c', 'u', ?)", (t,))
    conn.execute("INSERT INTO deliveries VALUES (1, 7, ?, NULL)", (t,))
    conn.execute("DELETE FROM posts WHERE id = 7")  # cascades: the delivery goes too
    conn.execute("INSERT INTO deliveries VALUES (1, 3, ?, NULL)", (t,))
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()

    store = open_storage(path)
    [post] = store.list_posts()
    assert post.id == 3 and post.topics == ("research",)
    assert store.delivered_post_ids(1) == {3}
    from myofeed._types import FetchOutcome, PostWrite

    at = post.first_seen
    store.record_fetch("blog", FetchOutcome(ok=True, at=at, next_due=at), [PostWrite(
        dedup_key="new", title="New", url=None, author=None, published=None, sort_key=at, comments=None,
        summary="", summary_html=None, guid=None, categories=(), labels=(), evidence={})])
    new = next(p for p in store.list_posts() if p.dedup_key == "new")
    assert new.id == 4  # after the highest id present
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "AUTOINCREMENT" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'posts'").fetchone()[0]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_deleted_post_ids_are_never_reused(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from myofeed._types import FetchOutcome, PostWrite
    from myofeed.types import Source

    store = SQLiteStorage(tmp_path / "t.db")
    at = datetime(2025, 11, 20, tzinfo=UTC)
    store.sync_sources([Source("blog", "https://b.example/")], at)

    def write(key: str) -> int:
        store.record_fetch("blog", FetchOutcome(ok=True, at=at, next_due=at), [PostWrite(
            dedup_key=key, title=key, url=None, author=None, published=None, sort_key=at, comments=None,
            summary="", summary_html=None, guid=None, categories=(), labels=(), evidence={})])
        return next(p.id for p in store.list_posts() if p.dedup_key == key)

    first = write("a")
    store._raw().execute("DELETE FROM posts WHERE id = ?", (first,))  # what retention will do
    assert write("b") == first + 1
    store.close()


def test_in_memory_database_has_no_second_handle() -> None:
    store = open_storage(":memory:")
    assert not store.shareable and store.clone() is None
    store.close()


def test_version_4_gives_every_subscriber_its_own_preferences_key(tmp_path: Path) -> None:
    """Subscribers stored before signed preference links existed get a random key, one each."""
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path)
    for version in (0, 1, 2):
        for statement in statements(SQLITE_MIGRATIONS[version]):
            conn.execute(statement)
    t = "2025-11-20T00:00:00+00:00"
    for i in range(2):
        conn.execute("INSERT INTO subscribers (email, topics, cadence, state, confirm_token, unsubscribe_token,"
                     " created) VALUES (?, '[]', 'daily', 'confirmed', ?, ?, ?)", (f"s{i}@example.org", f"c{i}",
                                                                                    f"u{i}", t))
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    store = open_storage(path)
    keys = [s.prefs_key for s in store.list_subscribers()]
    assert len(keys) == 2 and all(len(k) == 64 for k in keys) and keys[0] != keys[1]
    store.close()


def test_a_full_disk_is_said_plainly(tmp_path: Path) -> None:
    # audit 4, minor 3: "database or disk is full" left the operator to guess which; SQLite's own
    # page limit stands in for the disk here (the same SQLITE_FULL a full disk gives)
    from datetime import UTC, datetime

    from myofeed.types import Source

    store = SQLiteStorage(tmp_path / "t.db")
    at = datetime(2025, 11, 20, tzinfo=UTC)
    pages = store._raw().execute("PRAGMA page_count").fetchone()[0]
    store._raw().execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StorageError) as info:
        store.sync_sources([Source(f"s{i}", f"https://{'x' * 3000}{i}.example/") for i in range(50)], at)
    assert str(info.value).startswith(f"database {tmp_path / 't.db'}: database or disk is full (disk full: ")
    store.close()
