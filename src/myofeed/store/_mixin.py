"""What every storage mixin may rely on; SQLiteStorage provides it."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager


class MixinBase:
    @property
    def conn(self) -> sqlite3.Connection:  # one per thread
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def query(self, sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> list[sqlite3.Row]:
        raise NotImplementedError
