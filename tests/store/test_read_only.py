"""A read-only open (store.open_storage(read_only=True)) on both backends: it reads what is stored,
refuses every write, and never migrates (an older schema is an error that says so)."""

from __future__ import annotations

import pytest

from myofeed.exceptions import SchemaOutdatedError, StorageError, UsageError
from myofeed.store import open_storage
from myofeed.store.base import Storage
from myofeed.types import Source

from .conftest import NOW


def test_reads_what_is_stored_and_refuses_writes(store: Storage, database: str) -> None:
    reader = open_storage(database, read_only=True)
    try:
        assert [s.name for s in reader.source_statuses()] == ["blog", "other"]
        with pytest.raises(StorageError):  # SQLite: attempt to write a readonly database; PostgreSQL: READ ONLY
            reader.sync_sources([Source("new", "https://new.example/feed")], NOW)
        clone = reader.clone()
        assert clone is not None
        with pytest.raises(StorageError):
            clone.sync_sources([Source("new", "https://new.example/feed")], NOW)
        clone.close()
    finally:
        reader.close()
    assert [s.name for s in store.source_statuses()] == ["blog", "other"]


def test_an_older_schema_is_not_migrated(store: Storage, database: str) -> None:
    from myofeed.store.schema import SCHEMA_VERSION

    if store.backend == "sqlite":
        store._raw().execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")  # type: ignore[attr-defined]
    else:
        with store._db.transaction() as tx:  # type: ignore[attr-defined]
            tx.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION - 1,))
    with pytest.raises(SchemaOutdatedError, match="does not migrate") as info:
        open_storage(database, read_only=True)
    assert isinstance(info.value, UsageError)  # exit status 2
    if store.backend == "sqlite":
        assert store._raw().execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1  # type: ignore[attr-defined]
    else:
        assert store._db.one("SELECT version FROM schema_version")["version"] == SCHEMA_VERSION - 1  # type: ignore[attr-defined]
