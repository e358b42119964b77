"""Posts, their topic assignments and the operator's corrections."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime

from .._types import PostWrite
from ..exceptions import NotFoundError
from ..types import Post
from ._mixin import MixinBase
from ._util import dumps, iso, loads, parse_iso

_CONTENT = ("title", "url", "author", "comments", "summary", "summary_html", "guid")


class PostsMixin(MixinBase):
    # --- writes (inside the caller's transaction) ---------------------------

    def _write_posts(
        self, conn: sqlite3.Connection, source: str, posts: Sequence[PostWrite], at: str
    ) -> tuple[int, int]:
        existing = {
            r["dedup_key"]: r
            for r in conn.execute(
                "SELECT id, dedup_key, title, url, author, published, comments, summary, summary_html, guid,"
                " categories FROM posts WHERE source = ?",
                (source,),
            )
        }
        updated = 0
        seen: set[str] = set()
        inserts: list[tuple[object, ...]] = []
        topics: list[tuple[int, str]] = []
        # New posts get the ids SQLite would give them one by one (max + 1, in document order), chosen
        # here so posts and topics go in with one executemany each; the write lock (BEGIN IMMEDIATE) is held.
        next_id = 0
        for p in posts:
            if p.dedup_key in seen:  # the same post twice in one document: first wins
                continue
            seen.add(p.dedup_key)
            row = existing.get(p.dedup_key)
            if row is None:
                if not next_id:
                    next_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM posts").fetchone()[0]
                inserts.append((
                    next_id, source, p.dedup_key, p.guid, p.title, p.url, p.author, p.published, p.sort_key or at,
                    p.comments, p.summary, p.summary_html, dumps(list(p.categories)), _evidence(p.evidence), at, at,
                ))
                topics.extend((next_id, t) for t in p.labels)
                next_id += 1
                continue
            changed = any(row[k] != getattr(p, k) for k in _CONTENT) or loads(row["categories"], []) != list(
                p.categories
            )
            if not changed:
                continue
            # the published date is fixed once stored; only fill it if it was unknown
            conn.execute(
                "UPDATE posts SET title = ?, url = ?, author = ?, comments = ?, summary = ?, summary_html = ?,"
                " guid = ?, categories = ?, evidence = ?, updated = ?,"
                " published = COALESCE(published, ?), sort_key = CASE WHEN published IS NULL THEN ? ELSE sort_key END"
                " WHERE id = ?",
                (
                    p.title, p.url, p.author, p.comments, p.summary, p.summary_html, p.guid,
                    dumps(list(p.categories)), _evidence(p.evidence), at, p.published, p.sort_key, row["id"],
                ),
            )
            self._replace_topics(conn, row["id"], p.labels)
            updated += 1
        conn.executemany(
            "INSERT INTO posts (id, source, dedup_key, guid, title, url, author, published, sort_key, comments,"
            " summary, summary_html, categories, evidence, first_seen, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            inserts,
        )
        conn.executemany("INSERT INTO post_topics (post_id, topic) VALUES (?, ?)", topics)
        return len(inserts), updated

    def known_post_keys(self, source: str, keys: Sequence[str]) -> set[str]:
        """Which of these dedup keys the source's stored posts already have."""
        found: set[str] = set()
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), 500):  # within SQLite's bound-parameter limit
            chunk = unique[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.query(
                f"SELECT dedup_key FROM posts WHERE source = ? AND dedup_key IN ({marks})", (source, *chunk)))
        return found

    def _replace_topics(self, conn: sqlite3.Connection, post_id: int, labels: Sequence[str]) -> None:
        corrections = {
            r["topic"]: r["action"]
            for r in conn.execute("SELECT topic, action FROM post_labels WHERE post_id = ?", (post_id,))
        }
        final = {t for t in labels if corrections.get(t) != "-"} | {t for t, a in corrections.items() if a == "+"}
        conn.execute("DELETE FROM post_topics WHERE post_id = ?", (post_id,))
        conn.executemany("INSERT INTO post_topics (post_id, topic) VALUES (?, ?)", [(post_id, t) for t in sorted(final)])

    def set_topics(self, changes: Sequence[tuple[int, tuple[str, ...], dict[str, tuple[str, ...]]]]) -> None:
        """Store new classifications (reclassify); operator corrections still apply."""
        with self.transaction() as conn:
            for post_id, labels, evidence in changes:
                conn.execute("UPDATE posts SET evidence = ? WHERE id = ?", (_evidence(evidence), post_id))
                self._replace_topics(conn, post_id, labels)

    def label_post(self, post_id: int, add: Sequence[str], remove: Sequence[str], now: datetime) -> None:
        self.get_post(post_id)
        with self.transaction() as conn:
            for topic, action in [(t, "+") for t in add] + [(t, "-") for t in remove]:
                conn.execute(
                    "INSERT INTO post_labels (post_id, topic, action, created) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (post_id, topic) DO UPDATE SET action = excluded.action, created = excluded.created",
                    (post_id, topic, action, iso(now)),
                )
            ev = loads(conn.execute("SELECT evidence FROM posts WHERE id = ?", (post_id,)).fetchone()[0], {})
            labels = [t for t in ev if not t.startswith("_")]
            self._replace_topics(conn, post_id, labels)

    def corrections(self, post_id: int) -> dict[str, str]:
        return {r["topic"]: r["action"] for r in self.query(
            "SELECT topic, action FROM post_labels WHERE post_id = ?", (post_id,))}

    def hide_post(self, post_id: int, hidden: bool = True) -> None:
        self.get_post(post_id)
        with self.transaction() as conn:
            conn.execute("UPDATE posts SET hidden = ? WHERE id = ?", (1 if hidden else 0, post_id))

    # --- reads --------------------------------------------------------------

    def get_post(self, post_id: int) -> Post:
        rows = self.query(_SELECT + " WHERE p.id = ? GROUP BY p.id", (post_id,))
        if not rows:
            raise NotFoundError(f"no post with id {post_id}")
        return _post(rows[0])

    def list_posts(
        self,
        *,
        topic: str | None = None,
        source: str | None = None,
        limit: int | None = None,
        include_hidden: bool = False,
        on_topic_only: bool = False,
        since: str | None = None,
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
            where.append("p.hidden = 0")
        if on_topic_only:
            where.append("EXISTS (SELECT 1 FROM post_topics x WHERE x.post_id = p.id)")
        if since is not None:
            where.append("p.first_seen >= ?")
            params.append(since)
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " GROUP BY p.id"
        sql += " ORDER BY p.sort_key DESC, p.id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_post(r) for r in self.query(sql, tuple(params))]

    def iter_posts(self) -> Iterator[Post]:
        for r in self.query(_SELECT + " GROUP BY p.id ORDER BY p.id"):
            yield _post(r)

    def topic_stats(self) -> dict[str, tuple[int, str | None]]:
        rows = self.query(
            "SELECT t.topic, COUNT(*) AS n, MAX(p.sort_key) AS newest FROM post_topics t"
            " JOIN posts p ON p.id = t.post_id WHERE p.hidden = 0 GROUP BY t.topic"
        )
        stats = {r["topic"]: (r["n"], r["newest"]) for r in rows}
        total = self.query(
            "SELECT COUNT(*) AS n, MAX(p.sort_key) AS newest FROM posts p WHERE p.hidden = 0"
            " AND EXISTS (SELECT 1 FROM post_topics t WHERE t.post_id = p.id)"
        )[0]
        stats["all"] = (total["n"], total["newest"])  # every visible on-topic post, counted once
        return stats


_SELECT = (
    "SELECT p.*, group_concat(t.topic, ' ') AS topic_list FROM posts p"
    " LEFT JOIN post_topics t ON t.post_id = p.id"
)


def _evidence(evidence: dict[str, tuple[str, ...]]) -> str:
    return dumps({k: list(v) for k, v in evidence.items()})


def _post(r: sqlite3.Row) -> Post:
    first_seen = parse_iso(r["first_seen"])
    updated = parse_iso(r["updated"])
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
        categories=tuple(loads(r["categories"], [])),
        topics=tuple(sorted((r["topic_list"] or "").split())),
        evidence={k: tuple(v) for k, v in loads(r["evidence"], {}).items()},
        first_seen=first_seen,
        updated=updated,
        hidden=bool(r["hidden"]),
    )
