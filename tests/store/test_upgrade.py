"""Upgrading a populated database: a version 3 database (the schema of the first release with
retention), built with the v1-v3 migrations and filled with sources, posts, topics, labels,
subscribers, deliveries and tombstones as that release wrote them, then opened by the current code
on each backend. Every later migration (v4 preference keys, v5 topic index and search, v6 hosts,
claims, markers, published files, v7 stories, and whatever follows) must run over real rows, not
only over the empty databases every other test starts from."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from myofeed._types import FetchOutcome, PostWrite
from myofeed.links import check_preferences_token, preferences_token
from myofeed.store import open_storage
from myofeed.store.base import Storage
from myofeed.store.copy import copy_database
from myofeed.store.schema import POSTGRES_MIGRATIONS, SCHEMA_VERSION, SQLITE_MIGRATIONS, statements
from myofeed.types import Source

V3 = 3
T = datetime(2025, 11, 20, 9, 0, tzinfo=UTC)
SOURCES = [Source("clinic", "https://clinic.example/feed.xml"), Source("forum", "https://forum.example/tag/myositis")]
# (source, dedup_key, title, summary, topics, hidden)
POSTS = [
    ("clinic", "k1", "Dermatomyositis rash and the sun", "Sun protection for skin with dermatomyositis.",
     ["dermatomyositis", "autoimmune-myopathy"], False),
    ("clinic", "k2", "A trial for inclusion body myositis", "Recruiting in three centres.",
     ["inclusion-body-myositis", "research"], False),
    ("forum", "k3", "Hidden duplicate about polymyositis", "Hidden by the operator.", ["polymyositis"], True),
    ("forum", "k4", "Statins and muscle aches", "Off topic.", [], False),
]


class V3Writer:
    """Raw SQL on a version 3 database of either backend: what the v3 code stored, column for column."""

    def __init__(self, backend: str, conn: Any) -> None:
        self.backend, self.conn = backend, conn

    def run(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        if self.backend == "postgresql":
            sql = sql.replace("?", "%s")
        return self.conn.execute(sql, params)

    def when(self, at: datetime) -> Any:
        return at if self.backend == "postgresql" else at.isoformat()

    def flag(self, value: bool) -> Any:
        return value if self.backend == "postgresql" else int(value)

    def fill(self) -> dict[str, Any]:
        """The rows; returns the ids the database gave them."""
        for s in SOURCES:
            self.run("INSERT INTO sources (name, url, config_url, kind, etag, last_success, next_due, feed_links,"
                     " last_count, fetches, created) VALUES (?, ?, ?, 'auto', ?, ?, ?, ?, 2, 5, ?)",
                     (s.name, s.url, s.url, f'"{s.name}-etag"', self.when(T), self.when(T - timedelta(hours=1)),
                      json.dumps([s.url]), self.when(T - timedelta(days=30))))
        ids = []
        for i, (source, key, title, summary, topics, hidden) in enumerate(POSTS):
            at = T - timedelta(days=i)
            row = self.run(
                "INSERT INTO posts (source, dedup_key, guid, title, url, author, published, sort_key, comments,"
                " summary, categories, evidence, hidden, first_seen, updated)"
                " VALUES (?, ?, ?, ?, ?, 'Dr. Example', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (source, key, f"urn:{key}", title, f"https://{source}.example/{key}", at.date().isoformat(),
                 self.when(at), i, summary, json.dumps(["Myositis"]),
                 json.dumps({t: ["term: test"] for t in topics}), self.flag(hidden), self.when(at), self.when(at)),
            ).fetchone()
            ids.append(int(row[0]))
            for topic in topics:
                self.run("INSERT INTO post_topics (post_id, topic) VALUES (?, ?)", (ids[-1], topic))
        # a syndicated copy of the first post on another source, an hour later and on no topic (v7 makes
        # the two one story, shown once as the earlier)
        row = self.run(
            "INSERT INTO posts (source, dedup_key, title, url, sort_key, summary, first_seen, updated)"
            " VALUES ('forum', 'k1-copy', ?, 'https://clinic.example/k1', ?, ?, ?, ?) RETURNING id",
            (POSTS[0][2], self.when(T + timedelta(hours=1)), POSTS[0][3], self.when(T), self.when(T)),
        ).fetchone()
        copy = int(row[0])
        self.run("INSERT INTO post_labels (post_id, topic, action, created) VALUES (?, 'research', '+', ?)",
                 (ids[1], self.when(T)))
        subscribers = []
        for email, state in (("reader@example.org", "confirmed"), ("Pending@Example.org", "pending")):
            row = self.run(
                "INSERT INTO subscribers (email, topics, cadence, state, confirm_token, unsubscribe_token, created,"
                " confirmed_at, last_digest_at) VALUES (?, ?, 'weekly', ?, ?, ?, ?, ?, ?) RETURNING id",
                (email, json.dumps(["dermatomyositis", "research"]), state, f"confirm-{state}", f"unsub-{state}",
                 self.when(T - timedelta(days=9)), self.when(T) if state == "confirmed" else None,
                 self.when(T) if state == "confirmed" else None),
            ).fetchone()
            subscribers.append(int(row[0]))
        self.run("INSERT INTO deliveries (subscriber_id, post_id, sent_at, message_id) VALUES (?, ?, ?, '<m@x>')",
                 (subscribers[0], ids[0], self.when(T)))
        self.run("INSERT INTO deleted_posts (source, dedup_key, deleted_at) VALUES ('clinic', 'pruned', ?)",
                 (self.when(T),))
        return {"posts": ids, "copy": copy, "subscribers": subscribers}


def _sqlite_v3(path: Path) -> tuple[str, dict[str, Any]]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for version in range(V3):
        for statement in statements(SQLITE_MIGRATIONS[version]):
            conn.execute(statement)
    ids = V3Writer("sqlite", conn).fill()
    conn.execute(f"PRAGMA user_version = {V3}")
    conn.execute("COMMIT")
    conn.close()
    return str(path), ids


def _postgres_v3(url: str) -> tuple[str, dict[str, Any]]:
    import psycopg

    with psycopg.connect(url) as conn:  # one transaction, committed on leaving
        for version in range(V3):
            for statement in statements(POSTGRES_MIGRATIONS[version]):
                conn.execute(statement)  # type: ignore[arg-type]  # our own migration text
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (V3,))
        ids = V3Writer("postgresql", conn).fill()
    return url, ids


@pytest.fixture(params=["sqlite", "postgresql"])
def upgraded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Storage, dict[str, Any]]]:
    """A populated version 3 database, opened (and so migrated) by the current code."""
    if request.param == "sqlite":
        location, ids = _sqlite_v3(tmp_path / "v3.db")
    else:
        from tests.pg import fresh_database

        location, ids = _postgres_v3(fresh_database(request, empty=True))
    store = open_storage(location)
    yield store, ids
    store.close()


def _schema_version(store: Storage) -> int:
    if store.backend == "sqlite":
        return int(sqlite3.connect(store.location).execute("PRAGMA user_version").fetchone()[0])
    import psycopg

    with psycopg.connect(store.location) as conn:
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        assert row is not None
        return int(row[0])


def test_posts_topics_and_labels_survive(upgraded: tuple[Storage, dict[str, Any]]) -> None:
    store, ids = upgraded
    assert _schema_version(store) == SCHEMA_VERSION
    posts = {p.dedup_key: p for p in store.list_posts(include_hidden=True)}
    assert sorted(p.id for p in posts.values()) == sorted([*ids["posts"], ids["copy"]])
    for source, key, title, summary, topics, hidden in POSTS:
        post = posts[key]
        assert (post.source, post.title, post.summary, post.hidden) == (source, title, summary, hidden)
        assert sorted(post.topics) == sorted(topics) and post.first_seen.tzinfo is not None
        assert post.categories == ("Myositis",) and post.author == "Dr. Example"
    assert store.corrections(ids["posts"][1]) == {"research": "+"}
    # ids go on after the highest: a new post never takes an old one's id (published entry ids stay unique)
    store.record_fetch("clinic", FetchOutcome(ok=True, at=T, next_due=T), [PostWrite(
        dedup_key="new", title="New dermatomyositis post", url=None, author=None, published=None, sort_key=T,
        comments=None, summary="", summary_html=None, guid=None, categories=(), labels=("dermatomyositis",),
        evidence={})])
    new = next(p for p in store.iter_posts() if p.dedup_key == "new")
    assert new.id > max(ids["posts"])


def test_topic_pages_and_search_cover_the_old_posts(upgraded: tuple[Storage, dict[str, Any]]) -> None:
    """v5 filled topic_index and the full-text index from the posts already there."""
    store, ids = upgraded
    first, second, hidden, _ = ids["posts"]
    assert [p.id for p in store.topic_page(None, offset=0, limit=10).posts] == [first, second]  # newest first
    assert [p.id for p in store.topic_page("research", offset=0, limit=10).posts] == [second]
    assert store.topic_page("polymyositis", offset=0, limit=10).total == 0  # its one post is hidden
    assert store.topic_count("dermatomyositis") == 1
    stats = store.topic_stats()
    assert stats["dermatomyositis"].posts == 1 and stats["all"].posts == 2
    assert [p.id for p in store.search_posts(["rash"], topic=None, offset=0, limit=10).posts] == [first]
    assert [p.id for p in store.search_posts(["trials"], topic="research", offset=0, limit=10).posts] == [second]
    # the triggers keep working on the old rows
    store.hide_post(first)
    assert [p.id for p in store.topic_page(None, offset=0, limit=10).posts] == [second]
    store.hide_post(hidden, False)
    assert [p.id for p in store.topic_page("polymyositis", offset=0, limit=10).posts] == [hidden]


def test_subscribers_get_preference_keys_and_keep_their_history(upgraded: tuple[Storage, dict[str, Any]]) -> None:
    """v4 gave every subscriber a key of their own: their preference links work at once."""
    store, ids = upgraded
    subs = {s.email: s for s in store.list_subscribers()}
    assert set(subs) == {"reader@example.org", "Pending@Example.org"}
    keys = [s.prefs_key for s in subs.values()]
    assert all(k and len(k) == 64 for k in keys) and len(set(keys)) == 2
    reader = subs["reader@example.org"]
    assert check_preferences_token(preferences_token(reader, T), reader, T) == "ok"
    assert reader.state == "confirmed" and list(reader.topics) == ["dermatomyositis", "research"]
    assert reader.last_digest_at == T and reader.cadence == "weekly"
    assert store.get_subscriber("pending@example.org") is not None  # addresses still compare case-insensitively
    assert store.subscriber_by_token("unsubscribe", "unsub-confirmed") == reader
    assert store.delivered_post_ids(reader.id) == {ids["posts"][0]}


def test_tombstones_hold_and_workers_can_claim_the_old_sources(upgraded: tuple[Storage, dict[str, Any]]) -> None:
    """v3's tombstones keep pruned posts out; v6's hosts, leases, claims and markers work on old rows."""
    store, ids = upgraded
    state = store.source_state("clinic")
    assert state is not None and state.etag == '"clinic-etag"' and state.last_success == T
    assert state.feed_links == ("https://clinic.example/feed.xml",) and state.fetches == 5
    new, _ = store.record_fetch("clinic", FetchOutcome(ok=True, at=T, next_due=T), [PostWrite(
        dedup_key="pruned", title="Back from the dead", url=None, author=None, published=None, sort_key=T,
        comments=None, summary="", summary_html=None, guid=None, categories=(), labels=(), evidence={})])
    assert new == 0 and all(p.dedup_key != "pruned" for p in store.iter_posts())
    assert store.sync_hosts() == 2  # both old sources had no host yet
    claimed = store.claim_due_sources("w1", 10, 60.0, T, per_host=1)
    assert sorted(claimed) == ["clinic", "forum"]
    assert store.source_leases(T) == {"clinic": "w1", "forum": "w1"}
    reader = ids["subscribers"][0]
    assert store.claim_digest(reader, "w1", T, 60.0, last_digest_at=T)
    assert store.digest_claim_owner(reader, T) == "w1"
    assert store.marker("content") == 0 and store.published_files() == []  # v6's tables start empty


def test_an_upgraded_database_copies_to_the_other_backend(upgraded: tuple[Storage, dict[str, Any]],
                                                            request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """`db copy` of an upgraded database: every row arrives, and the target's own indexes find them."""
    store, ids = upgraded
    if store.backend == "sqlite":
        from tests.pg import fresh_database

        target = open_storage(fresh_database(request, empty=True))
    else:
        target = open_storage(str(tmp_path / "copy.db"))
    try:
        copied = copy_database(store, target)
        assert all(c.source_rows == c.target_rows for c in copied), copied
        assert {c.table: c.target_rows for c in copied}["posts"] == len(POSTS) + 1
        assert [p.id for p in target.search_posts(["rash"], topic=None, offset=0, limit=10).posts] == [ids["posts"][0]]
    finally:
        target.close()


def test_old_copies_become_one_story_in_the_one_time_pass(upgraded: tuple[Storage, dict[str, Any]]) -> None:
    """v7 (stories): posts stored before it are linked once, in batches; a copy already mailed as its
    twin counts as mailed."""
    store, ids = upgraded
    first, copy, reader = ids["posts"][0], ids["copy"], ids["subscribers"][0]
    assert store.story_copies([first]) == {}  # not yet linked
    linked = 0
    while n := store.link_pending(2):
        linked += n
    assert linked == len(POSTS) + 1 and store.link_pending() == 0
    [twin] = store.story_copies([first])[first]
    assert (twin.post_id, twin.source) == (copy, "forum")
    primary = {p.id for p in store.list_posts(primary_only=True, include_hidden=True)}
    assert first in primary and copy not in primary  # the earlier copy stands for the story
    assert store.reached_through_copies(reader, [copy]) == {copy}  # its twin went out in a digest
    assert [p.id for p in store.topic_page("dermatomyositis", offset=0, limit=10).posts] == [first]
