"""The connection layer under the storage mixins: one small interface, one
implementation per backend (sqlite.py, postgres.py).

The mixins write portable SQL with `?` placeholders and pass Python values:
aware datetimes, `Json(...)` for JSON columns, bools. Each backend adapts them
(SQLite: ISO text in UTC, JSON text, 0/1; PostgreSQL: timestamptz, jsonb,
boolean), so no date text format, JSON encoding or driver error leaves storage.
The few spellings that differ (string aggregation, row locks) are named in
`Dialect`.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
Params = Sequence[object]
Row = Mapping[str, Any]  # sqlite3.Row and psycopg's dict rows both read by column name


class Json:
    """A value for a JSON column (the backend encodes it: TEXT on SQLite, jsonb on PostgreSQL)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


class Tx(Protocol):
    """Statements on one connection (inside a transaction, or autocommitted reads)."""

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        ...

    def executemany(self, sql: str, rows: Iterable[Params]) -> None: ...

    def one(self, sql: str, params: Params = ()) -> Row | None: ...

    def all(self, sql: str, params: Params = ()) -> list[Row]: ...


@dataclass(frozen=True)
class Dialect:
    """The SQL spellings that differ between backends."""

    name: str  # "sqlite" or "postgresql"
    string_agg: str  # format with expr and sep: group_concat / string_agg
    for_update: str  # row lock on SELECT inside a write transaction ("" where the whole DB is locked)
    skip_locked: str  # for claiming work: rows another transaction holds are skipped

    def concat(self, expr: str, sep: str = "' '") -> str:
        return self.string_agg.format(expr=expr, sep=sep)


class Database(ABC):
    """Connections (one per thread), transactions and error wrapping for one database."""

    dialect: Dialect
    location: str  # for messages: the path, or the URL without its password
    shareable: bool = True  # False: the database exists only in this handle (in-memory SQLite)

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Tx]:
        """One write transaction, rolled back on any error; a nested call joins the outer one."""

    @abstractmethod
    def reader(self) -> Tx:
        """Autocommitted statements on this thread's connection (reads, and single-statement writes)."""

    @abstractmethod
    def clone(self) -> Database | None:
        """Another handle on the same database with its own connections (None: the database lives only
        in this handle, e.g. an in-memory SQLite)."""

    @abstractmethod
    def stream(self, sql: str, params: Params = ()) -> Iterator[Row]:
        """Rows of one query as they come (a whole table is never held in memory)."""

    @abstractmethod
    def reset_identity(self, tx: Tx, table: str, column: str) -> None:
        """After rows were inserted with explicit ids: make the next generated id follow them."""

    # One connection per thread: the scheduler thread and the web event loop each get their own, so
    # their transactions never interleave; every one is kept, so that close() reaches them all.

    def _init_connections(self) -> None:
        self._local = threading.local()  # .conn, and whatever per-thread state a backend keeps
        self._all: list[Any] = []
        self._guard = threading.Lock()

    def _keep(self, conn: Any) -> Any:
        """Make `conn` this thread's connection."""
        self._local.conn = conn
        with self._guard:
            self._all.append(conn)
        return conn

    def close(self) -> None:
        """Close every thread's connection; the next use on any thread opens a new one."""
        with self._guard:
            conns, self._all = self._all, []
        for conn in conns:
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - closing a broken connection: nothing left to do
                pass
        self._local = threading.local()

    def one(self, sql: str, params: Params = ()) -> Row | None:
        return self.reader().one(sql, params)

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        return self.reader().all(sql, params)


# --- values read back: the same Python values whatever the backend stored -------------


def as_datetime(value: object) -> datetime | None:
    """A stored instant (ISO text on SQLite, timestamptz on PostgreSQL) as an aware UTC datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    dt = datetime.fromisoformat(str(value))
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def as_json(value: object, default: Any) -> Any:
    """A stored JSON value (text on SQLite, decoded jsonb on PostgreSQL); objects with sorted keys,
    since jsonb does not keep the order they were written in."""
    if value is None or value == "":
        return default
    if isinstance(value, str | bytes):
        value = json.loads(value)
    if isinstance(value, dict):
        return dict(sorted(value.items()))
    return value


def utc_seconds(dt: datetime) -> datetime:
    """The precision both backends keep: UTC, whole seconds (naive input is read as UTC)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).replace(microsecond=0)


# one encoder, not one per call: json.dumps with options builds a new JSONEncoder each time
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def dumps(value: object) -> str:
    return _ENCODER.encode(value)


def chunks(rows: Iterable[Any], size: int = 1000) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def pow2_chunks(rows: Sequence[T], most: int) -> Iterator[Sequence[T]]:
    """`rows` in chunks of `most`, the rest in power-of-two sizes: a multi-row statement comes in a few
    shapes only, so the driver's statement cache holds a few (one prepared statement per chunk size)."""
    i = 0
    size = most
    while i < len(rows):
        while size > len(rows) - i:
            size //= 2
        yield rows[i:i + size]
        i += size
