"""The storage implementation shared by every backend: the domain mixins over
one `Database` (sqlite.py and postgres.py each provide a Database and nothing else)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ._db import Database, Json, as_datetime, as_json, chunks
from .ledger import LedgerMixin
from .pages import PagesMixin
from .published import PublishedMixin
from .schema import IDENTITY, KEYS, TABLES
from .subscribers import SubscribersMixin


class SQLStorage(PublishedMixin, PagesMixin, SubscribersMixin, LedgerMixin):
    """Sources, posts, leases and published files come in through PublishedMixin, which wraps the
    writes that move the `content` marker (see published.py)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def backend(self) -> str:
        return self._db.dialect.name

    @property
    def location(self) -> str:
        return self._db.location

    @property
    def shareable(self) -> bool:
        return self._db.shareable

    def clone(self) -> SQLStorage | None:
        db = self._db.clone()
        return None if db is None else type(self)._from_db(db)

    @classmethod
    def _from_db(cls, db: Database) -> SQLStorage:
        storage = cls.__new__(cls)
        SQLStorage.__init__(storage, db)
        return storage

    def close(self) -> None:
        self._db.close()

    # --- whole tables, for `db copy` ---------------------------------------------

    def table_counts(self) -> dict[str, int]:
        return {t: self._db.one(f"SELECT COUNT(*) AS n FROM {t}")["n"] for t in TABLES}  # type: ignore[index]

    def export_rows(self, table: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """A table's columns and rows as backend-neutral values (aware datetimes, bools, JSON values)."""
        kinds = TABLES[table]
        first = self._db.all(f"SELECT * FROM {table} LIMIT 1")
        if not first:
            return [], iter(())
        columns = list(first[0].keys())
        order = ", ".join(KEYS[table])

        def rows() -> Iterator[tuple[Any, ...]]:
            for r in self._db.stream(f"SELECT * FROM {table} ORDER BY {order}"):
                yield tuple(_neutral(kinds.get(c), r[c]) for c in columns)

        return columns, rows()

    def import_rows(self, table: str, columns: Sequence[str], rows: Iterator[tuple[Any, ...]]) -> int:
        """Insert rows exported by `export_rows` (ids kept); moves the id sequence past them."""
        kinds = TABLES[table]
        wrap = [kinds.get(c) == "json" for c in columns]
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        n = 0
        with self._db.transaction() as tx:
            for batch in chunks(rows, 1000):
                tx.executemany(sql, [tuple(Json(v) if w and v is not None else v for v, w in zip(r, wrap, strict=True))
                                     for r in batch])
                n += len(batch)
            if table in IDENTITY:
                self._db.reset_identity(tx, table, IDENTITY[table])
            if table == "posts" and self._db.dialect.name == "sqlite":  # no trigger adds search rows (v9)
                tx.execute("INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')")
            if table == "post_topics" and self._db.dialect.name == "sqlite":  # nor topic_index rows (v11)
                tx.execute(_TOPIC_INDEX_REBUILD_TOPICS)
                tx.execute(_TOPIC_INDEX_REBUILD_ALL)
        return n


# topic_index from the posts and topic rows (a copy's target starts empty: every row is new)
_TOPIC_INDEX_REBUILD_TOPICS = ("INSERT OR IGNORE INTO topic_index (topic, sort_key, post_id) SELECT t.topic, p.sort_key,"
                               " p.id FROM post_topics t JOIN posts p ON p.id = t.post_id"
                               " WHERE p.hidden = 0 AND p.is_primary = 1")
_TOPIC_INDEX_REBUILD_ALL = ("INSERT OR IGNORE INTO topic_index (topic, sort_key, post_id) SELECT '', p.sort_key, p.id"
                            " FROM posts p WHERE p.hidden = 0 AND p.is_primary = 1"
                            " AND EXISTS (SELECT 1 FROM post_topics t WHERE t.post_id = p.id)")


def _neutral(kind: str | None, value: Any) -> Any:
    if value is None:
        return None
    if kind == "time":
        return as_datetime(value)
    if kind == "bool":
        return bool(value)
    if kind == "json":
        return as_json(value, None)
    return value
