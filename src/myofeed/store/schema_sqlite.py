"""SQLite migrations v1, v2, ...: SQL run once each, in order (see schema.py for the rules).
Every version here has its PostgreSQL twin in schema_postgres.py, under the same number."""

from __future__ import annotations

V1 = """
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
V2 = """
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

# v3: tombstones of posts deleted by retention ([storage].keep): a later fetch of the same
# (source, dedup_key) never stores the post again.
V3 = """
CREATE TABLE deleted_posts (
    source TEXT NOT NULL,
    dedup_key TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    PRIMARY KEY (source, dedup_key)
) WITHOUT ROWID
"""

# v4: each subscriber's key for signed, expiring preference links (myofeed.links; issue 10, item 9).
# Stored, never mailed; replaced when the subscriber unsubscribes or the address subscribes anew,
# which revokes every link made with it. Existing rows get a random key here.
V4 = """
ALTER TABLE subscribers ADD COLUMN prefs_key TEXT;
UPDATE subscribers SET prefs_key = lower(hex(randomblob(32)))
"""


# v5: readers' pages (store/pages.py). `topic_index` holds each visible post once under each of its
# topics and once under "" (every visible on-topic post): the rows a topic page or a search pages
# through, in feed order, straight from one index. Full-text search: FTS5 over posts (external
# content) on SQLite, a GIN index over the same words on PostgreSQL. Triggers keep both in step
# with posts and post_topics, whoever writes them (ingest, reclassify, corrections, db copy);
# the migration fills them from the posts already stored. Statements one by one: trigger
# bodies hold semicolons.
V5 = (
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

# v6: roles (store/leases.py, store/published.py): each source's host for politeness across
# workers, per-subscriber digest claims, change markers, and the published files themselves, so
# every `web` process serves the same bytes whatever machine it runs on. Tables start empty
# (markers are created on first use), so a migrated database is still empty for `db copy`.
V6 = """
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

# v7: cross-source duplicates (store/stories.py, myofeed/stories.py). `canonical_url` (the link without
# tracking parameters), `story` (the group's label: the id of its first-found post; NULL until the post
# is fingerprinted: posts stored before v7 are, by Storage.link_pending, once, in batches),
# `is_primary` (the copy the story is shown as), and `post_bands` (the LSH band keys of each post's
# MinHash: posts sharing one are candidates). topic_index now holds primary copies only, so pages,
# counts and search show each story once, as the feeds do.
V7 = (
    "ALTER TABLE posts ADD COLUMN canonical_url TEXT",
    "ALTER TABLE posts ADD COLUMN story INTEGER",
    "ALTER TABLE posts ADD COLUMN is_primary INTEGER NOT NULL DEFAULT 1",
    "CREATE INDEX posts_canonical_url ON posts(canonical_url) WHERE canonical_url IS NOT NULL",
    "CREATE INDEX posts_story ON posts(story)",
    """CREATE TABLE post_bands (
        band INTEGER NOT NULL,
        post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        PRIMARY KEY (band, post_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX post_bands_post ON post_bands(post_id)",
    "DROP TRIGGER topic_index_add",
    """CREATE TRIGGER topic_index_add AFTER INSERT ON post_topics BEGIN
        INSERT OR IGNORE INTO topic_index (topic, sort_key, post_id)
            SELECT NEW.topic, sort_key, id FROM posts WHERE id = NEW.post_id AND hidden = 0 AND is_primary = 1;
        INSERT OR IGNORE INTO topic_index (topic, sort_key, post_id)
            SELECT '', sort_key, id FROM posts WHERE id = NEW.post_id AND hidden = 0 AND is_primary = 1;
    END""",
    "DROP TRIGGER topic_index_post_changed",
    """CREATE TRIGGER topic_index_post_changed AFTER UPDATE OF sort_key, hidden, is_primary ON posts
        WHEN OLD.sort_key IS NOT NEW.sort_key OR OLD.hidden IS NOT NEW.hidden OR OLD.is_primary IS NOT NEW.is_primary
        BEGIN
        DELETE FROM topic_index WHERE post_id = NEW.id;
        INSERT INTO topic_index (topic, sort_key, post_id)
            SELECT topic, NEW.sort_key, NEW.id FROM post_topics
            WHERE post_id = NEW.id AND NEW.hidden = 0 AND NEW.is_primary = 1;
        INSERT INTO topic_index (topic, sort_key, post_id)
            SELECT '', NEW.sort_key, NEW.id WHERE NEW.hidden = 0 AND NEW.is_primary = 1
            AND EXISTS (SELECT 1 FROM post_topics WHERE post_id = NEW.id);
    END""",
)

# v8: band keys without a second index (store/stories.py). Each post_bands row cost two B-tree inserts
# (the key, and an index on post_id for the foreign key's cascade) plus the foreign key's parent check,
# 32 rows a post. The post now keeps its own keys (`posts.bands`, decimal, space-separated), and the store
# deletes a post's rows by them (an edit, retention); the table is its primary key alone. Existing posts get
# their keys from their rows, so no decision changes.
V8 = (
    "ALTER TABLE posts ADD COLUMN bands TEXT",
    "UPDATE posts SET bands = (SELECT group_concat(b.band, ' ') FROM post_bands b WHERE b.post_id = posts.id)",
    """CREATE TABLE post_bands_v8 (
        band INTEGER NOT NULL,
        post_id INTEGER NOT NULL,
        PRIMARY KEY (band, post_id)
    ) WITHOUT ROWID""",
    "INSERT INTO post_bands_v8 (band, post_id) SELECT band, post_id FROM post_bands",
    "DROP TABLE post_bands",
    "ALTER TABLE post_bands_v8 RENAME TO post_bands",
)

# v9: a new post's search row is written by the store (store/new_rows.py), not by a trigger on every
# posts INSERT. FTS5 writes what it holds in memory to a new index segment whenever a savepoint opens,
# and every statement that may fail midway opens one (besides the writer's savepoint per source): with
# the trigger, a batch of 16 sources flushed ~3 small segments a source. The writer now adds the
# batch's rows in one statement at its end: one flush a transaction (replaying the 300-feed bench's
# writes: CPU 529-570 -> 459 us a post). The delete and change triggers stay (they need the old values).
V9 = ("DROP TRIGGER posts_fts_add",)

# v10: the stories' band keys of sketch version 2 (sketch.py: one-permutation hashing, no numpy). The keys
# stored before are a MinHash's (version 1): the old rows go here, and schema.python_step (store/rekey.py)
# writes every fingerprinted post's new keys from its stored title and summary, in the same transaction.
V10 = ("DELETE FROM post_bands",)

# v11: a new post's topic_index rows are written by the store (store/new_rows.py), as its search row is since
# v9: the trigger on post_topics INSERT ran two statements a topic row (~12 a post), each row landing on a
# random page of topic_index and of its post_id index, source by source. The ingest writer now adds a batch's
# rows in one ordered statement at its end, and a post's topics replaced (an edit, reclassify, a correction)
# get theirs right after (replaying the 300-feed bench's writes: CPU -10-15%). The other topic_index triggers
# stay (they follow a post's date, visibility and primary flag, and topic rows deleted). Nothing stored moves.
V11 = ("DROP TRIGGER IF EXISTS topic_index_add",)
