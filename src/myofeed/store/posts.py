"""Posts, their topic assignments and the operator's corrections."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import datetime

from .._types import PostWrite
from ..contenthash import content_hash
from ..exceptions import NotFoundError
from ..types import Post, TopicStat
from ._db import Json, Row, Tx, as_datetime, as_json, pow2_chunks
from .new_rows import NewRowsMixin
from .stories import StoriesMixin

_POST_ROWS = 64  # rows per multi-row INSERT at most: 960 parameters, within every backend's limit
_TOPIC_ROWS = 256
_IN_ROWS = 256  # keys per IN (...) at most, fewer in power-of-two sizes (a few prepared statements)
_CONTENT = ("title", "url", "author", "comments", "summary", "summary_html", "guid")
_STORY = ("title", "summary", "url")  # what a post's story is decided on (stories.py)


class PostsMixin(StoriesMixin, NewRowsMixin):
    # --- writes (inside the caller's transaction) ---------------------------

    def _write_posts(self, tx: Tx, source: str, posts: Sequence[PostWrite], at: datetime) -> tuple[int, int]:
        if posts:
            # before any row lock: a story write may touch another source's rows (stories.py)
            self._story_lock(tx)
        existing = {
            r["dedup_key"]: r
            for r in tx.all(
                "SELECT id, dedup_key, title, url, author, comments, summary, summary_html, guid, categories"
                " FROM posts WHERE source = ?",
                (source,),
            )
        }
        # posts retention deleted stay deleted, however often the source still lists them
        seen: set[str] = {r["dedup_key"] for r in tx.all("SELECT dedup_key FROM deleted_posts WHERE source = ?",
                                                          (source,))}
        updated = 0
        relink: list[int] = []  # posts whose story must be decided again (title, summary or link changed)
        written: dict[int, PostWrite] = {}  # what was stored of them (its fingerprint comes with it, see _link_stories)
        new: dict[str, PostWrite] = {}
        refresh: list[int] = []  # posts whose story stays, but its primary may change (topics, date)
        inserts: list[tuple[object, ...]] = []
        topics: list[tuple[str, str]] = []
        for p in posts:
            if p.dedup_key in seen:  # the same post twice in one document: first wins
                continue
            seen.add(p.dedup_key)
            row = existing.get(p.dedup_key)
            if row is None:
                inserts.append((
                    source, p.dedup_key, p.guid, p.title, p.url, p.author, p.published, p.sort_key or at,
                    p.comments, p.summary, p.summary_html, Json(list(p.categories)), _evidence(p.evidence), at, at,
                ))
                topics.extend((t, p.dedup_key) for t in p.labels)
                new[p.dedup_key] = p
                continue
            changed = any(row[k] != getattr(p, k) for k in _CONTENT) or as_json(row["categories"], []) != list(
                p.categories
            )
            if not changed:
                continue
            self._rows_before_change(tx, int(row["id"]))
            # the published date is fixed once stored; only fill it if it was unknown
            tx.execute(
                "UPDATE posts SET title = ?, url = ?, author = ?, comments = ?, summary = ?, summary_html = ?,"
                " guid = ?, categories = ?, evidence = ?, updated = ?,"
                " sort_key = CASE WHEN published IS NULL THEN ? ELSE sort_key END, published = COALESCE(published, ?)"
                " WHERE id = ?",
                (
                    p.title, p.url, p.author, p.comments, p.summary, p.summary_html, p.guid,
                    Json(list(p.categories)), _evidence(p.evidence), at, p.sort_key, p.published, row["id"],
                ),
            )
            self._replace_topics(tx, row["id"], p.labels)
            updated += 1
            changed_story = any(row[k] != getattr(p, k) for k in _STORY)
            (relink if changed_story else refresh).append(int(row["id"]))
            written[int(row["id"])] = p
        # ids come from the database (AUTOINCREMENT / IDENTITY), in document order; the topic rows find
        # their post by its key. ON CONFLICT: a post another writer stored meanwhile is not stored twice.
        # Many rows per statement: one driver round trip (and one GIL release) per chunk, not per row.
        for chunk in pow2_chunks(inserts, _POST_ROWS):
            tx.execute(
                "INSERT INTO posts (source, dedup_key, guid, title, url, author, published, sort_key, comments,"
                " summary, summary_html, categories, evidence, first_seen, updated) VALUES "
                + ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(chunk))
                + " ON CONFLICT (source, dedup_key) DO NOTHING",
                [v for row in chunk for v in row],
            )
        for pairs in pow2_chunks(topics, _TOPIC_ROWS):
            tx.execute(
                "WITH t (topic, dedup_key) AS (VALUES " + ", ".join(["(?, ?)"] * len(pairs)) + ")"
                " INSERT INTO post_topics (post_id, topic) SELECT p.id, t.topic FROM t"
                " JOIN posts p ON p.dedup_key = t.dedup_key WHERE p.source = ? ON CONFLICT DO NOTHING",
                [*(v for pair in pairs for v in pair), source],
            )
        fresh: dict[int, Row] = {}  # the rows just inserted, as stored: _link_stories need not read them back
        if inserts:
            inserted = self._ids_of(tx, source, list(new))
            for r in inserted:
                pid = int(r["id"])
                p = new[r["dedup_key"]]
                relink.append(pid)
                written[pid] = p
                fresh[pid] = {"id": pid, "source": source, "story": None, "title": p.title, "summary": p.summary,
                              "url": p.url, "canonical_url": None, "bands": None}
            self._index_new_posts(tx, list(fresh))
        self._link_stories(tx, relink, written, fresh)
        self._refresh_stories_of(tx, refresh)
        return len(inserts), updated

    def _ids_of(self, tx: Tx, source: str, keys: Sequence[str]) -> list[Row]:
        rows: list[Row] = []
        for chunk in pow2_chunks(keys, _IN_ROWS):
            rows += tx.all(f"SELECT id, dedup_key FROM posts WHERE source = ? AND dedup_key IN ({','.join('?' * len(chunk))})"
                           " AND story IS NULL", (source, *chunk))
        return rows

    def prune_posts(self, older_than: datetime, keep: Collection[int], now: datetime) -> int:
        """Retention: delete the posts whose date (sort key) is before `older_than`, except the ids
        in `keep`, leaving a tombstone for each so that no later fetch stores it again; their topics,
        corrections, ledger rows and band keys go with them. Returns how many were deleted."""
        with self._db.transaction() as tx:
            rows = tx.all("SELECT id, source, dedup_key, story, bands FROM posts WHERE sort_key < ?", (older_than,))
            doomed = [r for r in rows if r["id"] not in keep]
            if doomed:
                self._story_lock(tx)
            self._drop_fingerprints(tx, {int(r["id"]): r["bands"] for r in doomed})
            stories = {int(r["story"]) for r in doomed if r["story"] is not None}
            tx.executemany(
                "INSERT INTO deleted_posts (source, dedup_key, deleted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(r["source"], r["dedup_key"], now) for r in doomed],
            )
            tx.executemany("DELETE FROM posts WHERE id = ?", [(r["id"],) for r in doomed])
            self._refresh_primaries(tx, stories)  # a deleted primary leaves its place to another copy
        return len(doomed)

    def known_post_keys(self, source: str, keys: Sequence[str]) -> set[str]:
        """Which of these dedup keys the source already has: stored posts and posts retention deleted."""
        found: set[str] = set()
        unique = list(dict.fromkeys(keys))
        for chunk in pow2_chunks(unique, _IN_ROWS):  # within every backend's bound-parameter limit
            marks = ",".join("?" * len(chunk))
            for table in ("posts", "deleted_posts"):
                found.update(r["dedup_key"] for r in self._db.all(
                    f"SELECT dedup_key FROM {table} WHERE source = ? AND dedup_key IN ({marks})", (source, *chunk)))
        return found

    def content_hashes(self, source: str, limit: int = 500) -> dict[str, str]:
        """dedup key -> content_hash of the source's newest `limit` stored posts (the ones a feed still lists)."""
        rows = self._db.all(
            "SELECT dedup_key, title, url, author, comments, summary, summary_html, guid, categories FROM posts"
            " WHERE source = ? ORDER BY id DESC LIMIT ?", (source, limit))
        return {r["dedup_key"]: content_hash(r["title"], r["url"], r["author"], r["comments"], r["summary"],
                                             r["summary_html"], r["guid"], as_json(r["categories"], []))
                for r in rows}

    def _replace_topics(self, tx: Tx, post_id: int, labels: Sequence[str]) -> None:
        corrections = {
            r["topic"]: r["action"] for r in tx.all("SELECT topic, action FROM post_labels WHERE post_id = ?", (post_id,))
        }
        final = {t for t in labels if corrections.get(t) != "-"} | {t for t, a in corrections.items() if a == "+"}
        tx.execute("DELETE FROM post_topics WHERE post_id = ?", (post_id,))
        tx.executemany("INSERT INTO post_topics (post_id, topic) VALUES (?, ?)", [(post_id, t) for t in sorted(final)])
        self._index_topics(tx, [post_id])

    def set_topics(self, changes: Sequence[tuple[int, tuple[str, ...], dict[str, tuple[str, ...]]]]) -> None:
        """Store new classifications (reclassify); operator corrections still apply."""
        with self._db.transaction() as tx:
            if changes:
                self._story_lock(tx)
            for post_id, labels, evidence in changes:
                tx.execute("UPDATE posts SET evidence = ? WHERE id = ?", (_evidence(evidence), post_id))
                self._replace_topics(tx, post_id, labels)
            self._refresh_stories_of(tx, [c[0] for c in changes])

    def label_post(self, post_id: int, add: Sequence[str], remove: Sequence[str], now: datetime) -> None:
        with self._db.transaction() as tx:
            self._story_lock(tx)
            row = tx.one("SELECT evidence FROM posts WHERE id = ?" + self._db.dialect.for_update, (post_id,))
            if row is None:
                raise NotFoundError(f"no post with id {post_id}")
            for topic, action in [(t, "+") for t in add] + [(t, "-") for t in remove]:
                tx.execute(
                    "INSERT INTO post_labels (post_id, topic, action, created) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (post_id, topic) DO UPDATE SET action = excluded.action, created = excluded.created",
                    (post_id, topic, action, now),
                )
            labels = [t for t in as_json(row["evidence"], {}) if not t.startswith("_")]
            self._replace_topics(tx, post_id, labels)
            self._refresh_stories_of(tx, [post_id])

    def corrections(self, post_id: int) -> dict[str, str]:
        rows = self._db.all("SELECT topic, action FROM post_labels WHERE post_id = ? ORDER BY topic", (post_id,))
        return {r["topic"]: r["action"] for r in rows}

    def hide_post(self, post_id: int, hidden: bool = True) -> None:
        with self._db.transaction() as tx:
            self._story_lock(tx)
            if not tx.execute("UPDATE posts SET hidden = ? WHERE id = ?", (hidden, post_id)):
                raise NotFoundError(f"no post with id {post_id}")
            self._refresh_stories_of(tx, [post_id])  # a hidden post is never its story's primary

    # --- reads --------------------------------------------------------------

    def _select(self) -> str:
        topics = self._db.dialect.concat("t.topic")
        return f"SELECT p.*, (SELECT {topics} FROM post_topics t WHERE t.post_id = p.id) AS topic_list FROM posts p"

    def get_post(self, post_id: int) -> Post:
        row = self._db.one(self._select() + " WHERE p.id = ?", (post_id,))
        if row is None:
            raise NotFoundError(f"no post with id {post_id}")
        return _post(row)

    def list_posts(
        self,
        *,
        topic: str | None = None,
        source: str | None = None,
        limit: int | None = None,
        include_hidden: bool = False,
        on_topic_only: bool = False,
        since: datetime | None = None,
        primary_only: bool = False,
        undated_last: bool = False,
    ) -> list[Post]:
        where: list[str] = []
        params: list[object] = []
        if topic is not None:
            where.append("p.id IN (SELECT post_id FROM post_topics WHERE topic = ?)")
            params.append(topic)
        if source is not None:
            where.append("p.source = ?")
            params.append(source)
        if not include_hidden:
            where.append("p.hidden = FALSE")
        if on_topic_only:
            where.append("EXISTS (SELECT 1 FROM post_topics x WHERE x.post_id = p.id)")
        if primary_only:
            where.append("p.is_primary = TRUE")
        if since is not None:
            where.append("p.first_seen >= ?")
            params.append(since)
        sql = self._select() + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY " + ("(p.published IS NULL), " if undated_last else "") + "p.sort_key DESC, p.id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_post(r) for r in self._db.all(sql, params)]

    def iter_posts(self) -> Iterator[Post]:
        """Every post, oldest id first, read in batches (a large database never sits in memory whole)."""
        last = 0
        while True:
            rows = self._db.all(self._select() + " WHERE p.id > ? ORDER BY p.id LIMIT 500", (last,))
            if not rows:
                return
            yield from (_post(r) for r in rows)
            last = rows[-1]["id"]

    def topic_stats(self) -> dict[str, TopicStat]:
        # topic_index (pages.py) holds exactly the visible posts per topic, and under "" each visible
        # on-topic post once: one scan of one index instead of joining every topic row to its post
        rows = self._db.all("SELECT topic, COUNT(*) AS n, MAX(sort_key) AS newest FROM topic_index GROUP BY topic")
        stats = {r["topic"] or "all": TopicStat(r["n"], as_datetime(r["newest"])) for r in rows}
        stats.setdefault("all", TopicStat(0, None))
        return stats


def _evidence(evidence: dict[str, tuple[str, ...]]) -> Json:
    return Json({k: list(v) for k, v in evidence.items()})


def _post(r: Row) -> Post:
    first_seen = as_datetime(r["first_seen"])
    updated = as_datetime(r["updated"])
    assert first_seen is not None and updated is not None
    return Post(
        id=r["id"],
        source=r["source"],
        dedup_key=r["dedup_key"],
        title=r["title"],
        url=r["url"],
        author=r["author"],
        published=r["published"],
        comments=r["comments"],
        summary=r["summary"],
        summary_html=r["summary_html"],
        guid=r["guid"],
        categories=tuple(as_json(r["categories"], [])),
        topics=tuple(sorted((r["topic_list"] or "").split())),
        evidence={k: tuple(v) for k, v in as_json(r["evidence"], {}).items()},
        first_seen=first_seen,
        updated=updated,
        hidden=bool(r["hidden"]),
        story=r["story"],
        primary=bool(r["is_primary"]),
    )
