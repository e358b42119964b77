"""Storage: one interface (base.Storage), two backends on one implementation
(sql.SQLStorage over sqlite.SQLiteDatabase or postgres.PostgresDatabase)."""

from __future__ import annotations

from pathlib import Path

from .base import Storage


def is_database_url(location: str | Path) -> bool:
    """A PostgreSQL URL rather than a SQLite path."""
    return str(location).startswith(("postgresql://", "postgres://"))


def open_storage(location: str | Path) -> Storage:
    """Open (and migrate) the database at `location`: a SQLite path or ":memory:", or a
    `postgresql://USER:PASSWORD@HOST:PORT/DBNAME` URL."""
    if is_database_url(location):
        from .postgres import PostgresStorage

        return PostgresStorage(str(location))
    from .sqlite import SQLiteStorage

    return SQLiteStorage(location)


__all__ = ["Storage", "is_database_url", "open_storage"]
