"""Schema and migrations, one list per backend, the same version numbers on both.

Each migration is SQL run once, in order, in one transaction with the version
bump, so a crash mid-migration leaves the previous version intact. SQLite keeps
the version in PRAGMA user_version, PostgreSQL in the one-row table
`schema_version`. Append new migrations to BOTH lists; never edit a released one.

`TABLES` names every table in copy order (parents first) with the columns
whose values need converting between backends: `db copy` reads it.
"""

from __future__ import annotations

_SQLITE_V1 = """
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
)
"""

# v2: post ids from AUTOINCREMENT (never reused, even after deletions: published entry ids stay
# unique), lease columns for workers claiming sources, email lookups by lower(email) as on PostgreSQL.
# Rebuilding `posts` runs with foreign keys off (see _sqlite_migrate), so the children keep their rows.
_SQLITE_V2 = """
CREATE TABLE posts_v2 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO posts_v2 SELECT id, source, dedup_key, guid, title, url, author, published, sort_key, comments, summary,
    summary_html, categories, evidence, hidden, first_seen, updated FROM posts;
DROP TABLE posts;
ALTER TABLE posts_v2 RENAME TO posts;
CREATE INDEX posts_sort ON posts(sort_key DESC, id DESC);
CREATE INDEX posts_first_seen ON posts(first_seen);
ALTER TABLE sources ADD COLUMN lease_owner TEXT;
ALTER TABLE sources ADD COLUMN lease_until TEXT;
CREATE INDEX sources_next_due ON sources(next_due);
CREATE UNIQUE INDEX subscribers_email_lower ON subscribers(lower(email))
"""

_POSTGRES_V1 = """
CREATE TABLE sources (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    config_url TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'auto',
    etag TEXT,
    last_modified TEXT,
    last_success TIMESTAMPTZ,
    last_error TEXT,
    last_error_at TIMESTAMPTZ,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_due TIMESTAMPTZ,
    retry_after_until TIMESTAMPTZ,
    broken BOOLEAN NOT NULL DEFAULT FALSE,
    broken_reason TEXT,
    feed_links JSONB,
    last_count INTEGER,
    fetches INTEGER NOT NULL DEFAULT 0,
    created TIMESTAMPTZ NOT NULL
);
CREATE TABLE posts (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    source TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE,
    dedup_key TEXT NOT NULL,
    guid TEXT,
    title TEXT NOT NULL,
    url TEXT,
    author TEXT,
    published TEXT,
    sort_key TIMESTAMPTZ NOT NULL,
    comments INTEGER,
    summary TEXT NOT NULL DEFAULT '',
    summary_html TEXT,
    categories JSONB NOT NULL DEFAULT '[]',
    evidence JSONB NOT NULL DEFAULT '{}',
    hidden BOOLEAN NOT NULL DEFAULT FALSE,
    first_seen TIMESTAMPTZ NOT NULL,
    updated TIMESTAMPTZ NOT NULL,
    UNIQUE (source, dedup_key)
);
CREATE INDEX posts_sort ON posts(sort_key DESC, id DESC);
CREATE INDEX posts_first_seen ON posts(first_seen);
CREATE TABLE post_topics (
    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    PRIMARY KEY (post_id, topic)
);
CREATE INDEX post_topics_topic ON post_topics(topic, post_id);
CREATE TABLE post_labels (
    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('+', '-')),
    created TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (post_id, topic)
);
CREATE TABLE subscribers (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    email TEXT NOT NULL,
    topics JSONB NOT NULL,
    cadence TEXT NOT NULL CHECK (cadence IN ('daily', 'weekly')),
    state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'unsubscribed', 'bouncing')),
    confirm_token TEXT NOT NULL UNIQUE,
    unsubscribe_token TEXT NOT NULL UNIQUE,
    created TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ,
    last_digest_at TIMESTAMPTZ,
    confirm_sent_at TIMESTAMPTZ,
    bounces INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX subscribers_email_lower ON subscribers(lower(email));
CREATE TABLE deliveries (
    subscriber_id BIGINT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    sent_at TIMESTAMPTZ NOT NULL,
    message_id TEXT,
    PRIMARY KEY (subscriber_id, post_id)
);
CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    acquired TIMESTAMPTZ NOT NULL,
    heartbeat TIMESTAMPTZ NOT NULL
)
"""

_POSTGRES_V2 = """
ALTER TABLE sources ADD COLUMN lease_owner TEXT;
ALTER TABLE sources ADD COLUMN lease_until TIMESTAMPTZ;
CREATE INDEX sources_next_due ON sources(next_due)
"""

# v3: tombstones of posts deleted by retention ([storage].keep): a later fetch of the same
# (source, dedup_key) never stores the post again.
_SQLITE_V3 = """
CREATE TABLE deleted_posts (
    source TEXT NOT NULL,
    dedup_key TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    PRIMARY KEY (source, dedup_key)
) WITHOUT ROWID
"""

_POSTGRES_V3 = """
CREATE TABLE deleted_posts (
    source TEXT NOT NULL,
    dedup_key TEXT NOT NULL,
    deleted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, dedup_key)
)
"""

# v4: each subscriber's key for signed, expiring preference links (myofeed.links; issue 10, item 9).
# Stored, never mailed; replaced when the subscriber unsubscribes or the address subscribes anew,
# which revokes every link made with it. Existing rows get a random key here.
_SQLITE_V4 = """
ALTER TABLE subscribers ADD COLUMN prefs_key TEXT;
UPDATE subscribers SET prefs_key = lower(hex(randomblob(32)))
"""

_POSTGRES_V4 = """
ALTER TABLE subscribers ADD COLUMN prefs_key TEXT;
UPDATE subscribers SET prefs_key = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
"""



# v5: readers' pages (store/pages.py). `topic_index` holds each visible post once under each of its
# topics and once under "" (every visible on-topic post): the rows a topic page or a search pages
# through, in feed order, straight from one index. Full-text search: FTS5 over posts (external
# content) on SQLite, a GIN index over the same words on PostgreSQL. Triggers keep both in step
# with posts and post_topics, whoever writes them (ingest, reclassify, corrections, db copy);
# the migration fills them from the posts already stored. Statements one by one: trigger
# bodies hold semicolons.
_SQLITE_V5 = (
    """CREATE TABLE topic_index (
        topic TEXT NOT NULL,
        sort_key TEXT NOT NULL,
        post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        PRIMARY KEY (topic, sort_key, post_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX topic_index_post ON topic_index(post_id, topic)",
    """CREATE TRIGGER topic_index_add AFTER INSERT ON post_topics BEGIN
        INSERT OR IGNORE INTO topic_index (topic, sort_key, post_id)
            SELECT NEW.topic, sort_key, id FROM posts WHERE id = NEW.post_id AND hidden = 0;
        INSERT OR IGNORE INTO topic_index (topic, sort_key, post_id)
            SELECT '', sort_key, id FROM posts WHERE id = NEW.post_id AND hidden = 0;
    END""",
    """CREATE TRIGGER topic_index_remove AFTER DELETE ON post_topics BEGIN
        DELETE FROM topic_index WHERE post_id = OLD.post_id AND topic = OLD.topic;
        DELETE FROM topic_index WHERE post_id = OLD.post_id AND topic = ''
            AND NOT EXISTS (SELECT 1 FROM post_topics WHERE post_id = OLD.post_id);
    END""",
    """CREATE TRIGGER topic_index_post_changed AFTER UPDATE OF sort_key, hidden ON posts
        WHEN OLD.sort_key IS NOT NEW.sort_key OR OLD.hidden IS NOT NEW.hidden BEGIN
        DELETE FROM topic_index WHERE post_id = NEW.id;
        INSERT INTO topic_index (topic, sort_key, post_id)
            SELECT topic, NEW.sort_key, NEW.id FROM post_topics WHERE post_id = NEW.id AND NEW.hidden = 0;
        INSERT INTO topic_index (topic, sort_key, post_id)
            SELECT '', NEW.sort_key, NEW.id WHERE NEW.hidden = 0
            AND EXISTS (SELECT 1 FROM post_topics WHERE post_id = NEW.id);
    END""",
    """INSERT INTO topic_index (topic, sort_key, post_id)
        SELECT t.topic, p.sort_key, p.id FROM post_topics t JOIN posts p ON p.id = t.post_id WHERE p.hidden = 0""",
    """INSERT INTO topic_index (topic, sort_key, post_id)
        SELECT '', p.sort_key, p.id FROM posts p
        WHERE p.hidden = 0 AND EXISTS (SELECT 1 FROM post_topics t WHERE t.post_id = p.id)""",
    # porter: "treatments" finds "treatment"; remove_diacritics: "myosite" finds "myosité"
    """CREATE VIRTUAL TABLE posts_fts USING fts5(
        title, summary, author, source, content = 'posts', content_rowid = 'id',
        tokenize = 'porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER posts_fts_add AFTER INSERT ON posts BEGIN
        INSERT INTO posts_fts (rowid, title, summary, author, source)
            VALUES (NEW.id, NEW.title, NEW.summary, NEW.author, NEW.source);
    END""",
    """CREATE TRIGGER posts_fts_remove AFTER DELETE ON posts BEGIN
        INSERT INTO posts_fts (posts_fts, rowid, title, summary, author, source)
            VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.author, OLD.source);
    END""",
    """CREATE TRIGGER posts_fts_change AFTER UPDATE OF title, summary, author, source ON posts
        WHEN OLD.title IS NOT NEW.title OR OLD.summary IS NOT NEW.summary OR OLD.author IS NOT NEW.author
            OR OLD.source IS NOT NEW.source BEGIN
        INSERT INTO posts_fts (posts_fts, rowid, title, summary, author, source)
            VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.author, OLD.source);
        INSERT INTO posts_fts (rowid, title, summary, author, source)
            VALUES (NEW.id, NEW.title, NEW.summary, NEW.author, NEW.source);
    END""",
    "INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')",
)

# The words PostgreSQL searches: the same four columns, English stemming as porter does on SQLite and,
# as there, no stop words ("other", "about" are words a reader may look for): the configuration
# myofeed_search is english with a stop-word-free snowball stemmer. store/pages.py queries this very
# expression, so the GIN index serves it.
PG_SEARCH_CONFIG = "myofeed_search"
PG_SEARCH_VECTOR = (
    f"to_tsvector('{PG_SEARCH_CONFIG}'::regconfig,"
    " title || ' ' || summary || ' ' || coalesce(author, '') || ' ' || source)"
)

_POSTGRES_V5 = (
    """CREATE TABLE topic_index (
        topic TEXT NOT NULL,
        sort_key TIMESTAMPTZ NOT NULL,
        post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        PRIMARY KEY (topic, sort_key, post_id)
    )""",
    "CREATE INDEX topic_index_post ON topic_index(post_id, topic)",
    """CREATE FUNCTION myofeed_topic_index_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO topic_index (topic, sort_key, post_id)
            SELECT v.topic, p.sort_key, p.id FROM posts p, (VALUES (NEW.topic), ('')) AS v(topic)
            WHERE p.id = NEW.post_id AND NOT p.hidden
            ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER topic_index_add AFTER INSERT ON post_topics
        FOR EACH ROW EXECUTE FUNCTION myofeed_topic_index_add()""",
    """CREATE FUNCTION myofeed_topic_index_remove() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM topic_index WHERE post_id = OLD.post_id AND topic = OLD.topic;
        DELETE FROM topic_index WHERE post_id = OLD.post_id AND topic = ''
            AND NOT EXISTS (SELECT 1 FROM post_topics WHERE post_id = OLD.post_id);
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER topic_index_remove AFTER DELETE ON post_topics
        FOR EACH ROW EXECUTE FUNCTION myofeed_topic_index_remove()""",
    """CREATE FUNCTION myofeed_topic_index_post_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM topic_index WHERE post_id = NEW.id;
        IF NOT NEW.hidden THEN
            INSERT INTO topic_index (topic, sort_key, post_id)
                SELECT topic, NEW.sort_key, NEW.id FROM post_topics WHERE post_id = NEW.id;
            INSERT INTO topic_index (topic, sort_key, post_id)
                SELECT '', NEW.sort_key, NEW.id WHERE EXISTS (SELECT 1 FROM post_topics WHERE post_id = NEW.id);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER topic_index_post_changed AFTER UPDATE OF sort_key, hidden ON posts FOR EACH ROW
        WHEN (OLD.sort_key IS DISTINCT FROM NEW.sort_key OR OLD.hidden IS DISTINCT FROM NEW.hidden)
        EXECUTE FUNCTION myofeed_topic_index_post_changed()""",
    """INSERT INTO topic_index (topic, sort_key, post_id)
        SELECT t.topic, p.sort_key, p.id FROM post_topics t JOIN posts p ON p.id = t.post_id WHERE NOT p.hidden""",
    """INSERT INTO topic_index (topic, sort_key, post_id)
        SELECT '', p.sort_key, p.id FROM posts p
        WHERE NOT p.hidden AND EXISTS (SELECT 1 FROM post_topics t WHERE t.post_id = p.id)""",
    "CREATE TEXT SEARCH DICTIONARY myofeed_stem (TEMPLATE = snowball, LANGUAGE = english)",
    f"CREATE TEXT SEARCH CONFIGURATION {PG_SEARCH_CONFIG} (COPY = english)",
    f"""ALTER TEXT SEARCH CONFIGURATION {PG_SEARCH_CONFIG}
        ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH myofeed_stem""",
    f"CREATE INDEX posts_search ON posts USING gin ({PG_SEARCH_VECTOR})",
)

# v6: roles (store/leases.py, store/published.py): each source's host for politeness across
# workers, per-subscriber digest claims, change markers, and the published files themselves, so
# every `web` process serves the same bytes whatever machine it runs on. Tables start empty
# (markers are created on first use), so a migrated database is still empty for `db copy`.
_SQLITE_V6 = """
ALTER TABLE sources ADD COLUMN host TEXT;
CREATE INDEX sources_lease ON sources(lease_until);
CREATE TABLE digest_claims (
    subscriber_id INTEGER PRIMARY KEY REFERENCES subscribers(id) ON DELETE CASCADE,
    owner TEXT NOT NULL,
    until TEXT NOT NULL
);
CREATE TABLE markers (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL,
    changed TEXT NOT NULL
);
CREATE TABLE published_files (
    name TEXT PRIMARY KEY,
    body BLOB NOT NULL,
    etag TEXT NOT NULL,
    content_type TEXT NOT NULL,
    modified TEXT NOT NULL
)
"""

_POSTGRES_V6 = """
ALTER TABLE sources ADD COLUMN host TEXT;
CREATE INDEX sources_lease ON sources(lease_until);
CREATE TABLE digest_claims (
    subscriber_id BIGINT PRIMARY KEY REFERENCES subscribers(id) ON DELETE CASCADE,
    owner TEXT NOT NULL,
    until TIMESTAMPTZ NOT NULL
);
CREATE TABLE markers (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL,
    changed TIMESTAMPTZ NOT NULL
);
CREATE TABLE published_files (
    name TEXT PRIMARY KEY,
    body BYTEA NOT NULL,
    etag TEXT NOT NULL,
    content_type TEXT NOT NULL,
    modified TIMESTAMPTZ NOT NULL
)
"""

SQLITE_MIGRATIONS: list[str | tuple[str, ...]] = [_SQLITE_V1, _SQLITE_V2, _SQLITE_V3, _SQLITE_V4, _SQLITE_V5, _SQLITE_V6]
POSTGRES_MIGRATIONS: list[str | tuple[str, ...]] = [
    _POSTGRES_V1, _POSTGRES_V2, _POSTGRES_V3, _POSTGRES_V4, _POSTGRES_V5, _POSTGRES_V6,
]
SCHEMA_VERSION = len(SQLITE_MIGRATIONS)
assert len(POSTGRES_MIGRATIONS) == SCHEMA_VERSION, "every migration exists for both backends"

# Copy order (a table after those it references) and the columns that are not plain text or
# numbers: "time" (ISO text / timestamptz), "bool" (0/1 / boolean), "json" (text / jsonb).
# `identity` names the id column whose sequence must move past the copied ids. Derived tables
# (topic_index, posts_fts) are not copied: the target's triggers rebuild them from the copied rows.
TABLES: dict[str, dict[str, str]] = {
    "sources": {"last_success": "time", "last_error_at": "time", "next_due": "time", "retry_after_until": "time",
                "broken": "bool", "feed_links": "json", "created": "time", "lease_until": "time"},
    "posts": {"sort_key": "time", "categories": "json", "evidence": "json", "hidden": "bool", "first_seen": "time",
              "updated": "time"},
    "post_topics": {},
    "post_labels": {"created": "time"},
    "subscribers": {"topics": "json", "created": "time", "confirmed_at": "time", "last_digest_at": "time",
                    "confirm_sent_at": "time"},
    "deliveries": {"sent_at": "time"},
    "locks": {"acquired": "time", "heartbeat": "time"},
    "deleted_posts": {"deleted_at": "time"},
    "digest_claims": {"until": "time"},
    "markers": {"changed": "time"},
    "published_files": {"modified": "time"},
}
IDENTITY = {"posts": "id", "subscribers": "id"}
# each table's key: `db copy` reads rows in this order (a new table must say its key here too)
KEYS: dict[str, tuple[str, ...]] = {
    "sources": ("name",), "posts": ("id",), "post_topics": ("post_id", "topic"), "post_labels": ("post_id", "topic"),
    "subscribers": ("id",), "deliveries": ("subscriber_id", "post_id"), "locks": ("name",),
    "deleted_posts": ("source", "dedup_key"), "digest_claims": ("subscriber_id",), "markers": ("name",),
    "published_files": ("name",),
}
assert set(KEYS) == set(TABLES), "every table names its key"


def statements(script: str | tuple[str, ...]) -> list[str]:
    """One migration split into statements (executescript would COMMIT first; the migration stays one
    transaction). Comments are dropped: they may contain the separator. A tuple is statements already
    (a trigger's body holds semicolons)."""
    if isinstance(script, tuple):
        return [s.strip() for s in script]
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
