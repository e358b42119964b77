"""Storage: one interface (base.Storage), one SQLite implementation."""

from __future__ import annotations

from pathlib import Path

from .base import Storage


def open_storage(path: str | Path) -> Storage:
    from .sqlite import SQLiteStorage

    return SQLiteStorage(path)  # type: ignore[return-value]


__all__ = ["Storage", "open_storage"]
