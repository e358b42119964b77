"""The storage contract suite runs against every backend: the `store` fixture is
parametrized over SQLite (a real file) and PostgreSQL (a private cluster, see
tests/pg.py); one fresh database per test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from myofeed.store import open_storage
from myofeed.store.base import Storage
from myofeed.types import Source

NOW = datetime(2025, 11, 21, 8, 0, tzinfo=timezone.utc)
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each backend: a SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "db" / "t.db")
    from tests.pg import fresh_database

    return fresh_database(request)


@pytest.fixture
def store(database: str) -> Iterator[Storage]:
    s = open_storage(database)
    s.sync_sources([Source("blog", "https://blog.example/feed"), Source("other", "https://other.example/")], NOW)
    yield s
    s.close()
