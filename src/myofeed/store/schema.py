"""Schema and migrations. PRAGMA user_version holds the schema version; each
migration is SQL run once, in order, in one transaction with the version bump,
so a crash mid-migration leaves the previous version intact.
"""

from __future__ import annotations

import sqlite3

from ..exceptions import StorageError

_V1 = """
CREATE TABLE sources (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL,               -- where we fetch: follows permanent redirects
    config_url TEXT NOT NULL,        -- what the operator configured
    kind TEXT NOT NULL DEFAULT 'auto',
    etag TEXT,
    last_modified TEXT,
    last_success TEXT,
    last_error TEXT,
    last_error_at TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_due TEXT,
    retry_after_until TEXT,
    broken INTEGER NOT NULL DEFAULT 0,
    broken_reason TEXT,
    feed_links TEXT,
    last_count INTEGER,
    fetches INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE,
    dedup_key TEXT NOT NULL,
    guid TEXT,
    title TEXT NOT NULL,
    url TEXT,
    author TEXT,
    published TEXT,
    sort_key TEXT NOT NULL,
    comments INTEGER,
    summary TEXT NOT NULL DEFAULT '',
    summary_html TEXT,
    categories TEXT NOT NULL DEFAULT '[]',
    evidence TEXT NOT NULL DEFAULT '{}',
    hidden INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (source, dedup_key)
);
CREATE INDEX posts_sort ON posts(sort_key DESC, id DESC);
CREATE INDEX posts_first_seen ON posts(first_seen);
CREATE TABLE post_topics (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    PRIMARY KEY (post_id, topic)
) WITHOUT ROWID;
CREATE INDEX post_topics_topic ON post_topics(topic, post_id);
CREATE TABLE post_labels (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('+', '-')),
    created TEXT NOT NULL,
    PRIMARY KEY (post_id, topic)
) WITHOUT ROWID;
CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    topics TEXT NOT NULL,
    cadence TEXT NOT NULL CHECK (cadence IN ('daily', 'weekly')),
    state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'unsubscribed', 'bouncing')),
    confirm_token TEXT NOT NULL UNIQUE,
    unsubscribe_token TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL,
    confirmed_at TEXT,
    last_digest_at TEXT,
    confirm_sent_at TEXT,
    bounces INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE deliveries (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    sent_at TEXT NOT NULL,
    message_id TEXT,
    PRIMARY KEY (subscriber_id, post_id)
) WITHOUT ROWID;
CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    acquired TEXT NOT NULL,
    heartbeat TEXT NOT NULL
);
"""

# Append new migrations; never edit a released one.
MIGRATIONS: list[str] = [_V1]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to SCHEMA_VERSION; returns the version found before."""
    found: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise StorageError(
            f"database schema version {found} is newer than this myofeed supports ({SCHEMA_VERSION}); upgrade myofeed"
        )
    for version in range(found, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return found


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT first; split so the migration stays one transaction
    return [s.strip() for s in script.split(";") if s.strip()]
