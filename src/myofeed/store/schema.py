"""Schema and migrations, one list per backend, the same version numbers on both.

Each migration is SQL run once, in order, in one transaction with the version
bump, so a crash mid-migration leaves the previous version intact; a migration may end with a step in
Python (`python_step`: v10 recomputes the stories' band keys). SQLite keeps
the version in PRAGMA user_version, PostgreSQL in the one-row table
`schema_version`. Append new migrations to BOTH lists; never edit a released one.

`TABLES` names every table in copy order (parents first) with the columns
whose values need converting between backends: `db copy` reads it.
"""

from __future__ import annotations

from . import schema_postgres as _pg
from . import schema_sqlite as _sq
from ._db import Tx
from .schema_postgres import PG_SEARCH_CONFIG, PG_SEARCH_VECTOR

__all__ = ["IDENTITY", "KEYS", "PG_SEARCH_CONFIG", "PG_SEARCH_VECTOR", "POSTGRES_MIGRATIONS", "SCHEMA_VERSION",
           "SQLITE_MIGRATIONS", "TABLES", "python_step", "statements"]

# one module per backend (schema_sqlite.py, schema_postgres.py), version n at index n - 1 of each list
SQLITE_MIGRATIONS: list[str | tuple[str, ...]] = [_sq.V1, _sq.V2, _sq.V3, _sq.V4, _sq.V5, _sq.V6, _sq.V7, _sq.V8, _sq.V9,
                                                  _sq.V10, _sq.V11]
POSTGRES_MIGRATIONS: list[str | tuple[str, ...]] = [_pg.V1, _pg.V2, _pg.V3, _pg.V4, _pg.V5, _pg.V6, _pg.V7, _pg.V8, _pg.V9,
                                                    _pg.V10, _pg.V11]
SCHEMA_VERSION = len(SQLITE_MIGRATIONS)
assert len(POSTGRES_MIGRATIONS) == SCHEMA_VERSION, "every migration exists for both backends"

# Copy order (a table after those it references) and the columns that are not plain text or
# numbers: "time" (ISO text / timestamptz), "bool" (0/1 / boolean), "json" (text / jsonb).
# `identity` names the id column whose sequence must move past the copied ids. Derived tables
# (topic_index, posts_fts) are not copied: the target's triggers (PostgreSQL) or import_rows (SQLite, v11) rebuild
# topic_index from the copied rows,
# and SQLite's search index is rebuilt once the posts are in (SQLStorage.import_rows).
TABLES: dict[str, dict[str, str]] = {
    "sources": {"last_success": "time", "last_error_at": "time", "next_due": "time", "retry_after_until": "time",
                "broken": "bool", "feed_links": "json", "created": "time", "lease_until": "time"},
    "posts": {"sort_key": "time", "categories": "json", "evidence": "json", "hidden": "bool", "first_seen": "time",
              "updated": "time", "is_primary": "bool"},
    "post_bands": {},
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
    "sources": ("name",), "posts": ("id",), "post_bands": ("band", "post_id"), "post_topics": ("post_id", "topic"),
    "post_labels": ("post_id", "topic"),
    "subscribers": ("id",), "deliveries": ("subscriber_id", "post_id"), "locks": ("name",),
    "deleted_posts": ("source", "dedup_key"), "digest_claims": ("subscriber_id",), "markers": ("name",),
    "published_files": ("name",),
}
assert set(KEYS) == set(TABLES), "every table names its key"


def python_step(version: int, tx: Tx, location: str) -> None:
    """What migration `version` (1-based) computes in Python after its SQL, in the same transaction: values
    SQL cannot compute (both backends run it)."""
    if version == 10:  # the stories' band keys of the new sketch (store/rekey.py)
        from .rekey import rekey

        rekey(tx, location)


def statements(script: str | tuple[str, ...]) -> list[str]:
    """One migration split into statements (executescript would COMMIT first; the migration stays one
    transaction). Comments are dropped: they may contain the separator. A tuple is statements already
    (a trigger's body holds semicolons)."""
    if isinstance(script, tuple):
        return [s.strip() for s in script]
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
