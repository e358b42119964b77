"""The PostgreSQL backend (psycopg 3): for installations past one machine.

One connection per thread, in autocommit mode (reads take no transaction and
hold no snapshot); writes run in explicit transactions, READ COMMITTED, with
row locks (SELECT ... FOR UPDATE) where a read decides a write. Instants are
timestamptz, JSON is jsonb, flags are boolean. Migrations take an advisory
lock, so processes starting together migrate once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..exceptions import ConflictError, DatabaseUnavailableError, SchemaOutdatedError, SchemaVersionError, StorageError
from ._db import Database, Dialect, Json, Params, Row, Tx, dumps, utc_seconds
from .schema import POSTGRES_MIGRATIONS, SCHEMA_VERSION, python_step, statements
from .sql import SQLStorage

DIALECT = Dialect(name="postgresql", string_agg="string_agg({expr}, {sep})", for_update=" FOR UPDATE",
                  skip_locked=" FOR UPDATE SKIP LOCKED")
_MIGRATION_LOCK = 0x6D796F66  # "myof": pg_advisory_xact_lock key for migrations


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{netloc[-1]}"))


@lru_cache(maxsize=512)
def _sql(sql: str) -> str:
    """`?` placeholders -> psycopg's `%s` (a literal % doubled)."""
    return re.sub(r"\?", "%s", sql.replace("%", "%%"))


def _value(v: object) -> object:
    if isinstance(v, datetime):
        return utc_seconds(v)  # the precision SQLite keeps: both backends answer alike
    if isinstance(v, Json):
        from psycopg.types.json import Jsonb

        return Jsonb(v.value, dumps=dumps)
    return v


def _params(params: Params) -> tuple[object, ...]:
    return tuple(_value(v) for v in params)


def _error(location: str, exc: Exception) -> StorageError:
    import psycopg

    if isinstance(exc, psycopg.errors.IntegrityError):
        return ConflictError(f"database {location}: {_first_line(exc)}")
    if isinstance(exc, psycopg.OperationalError):
        return DatabaseUnavailableError(f"database {location}: {_first_line(exc)}")
    return StorageError(f"database {location}: {_first_line(exc)}")


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class _Tx:
    def __init__(self, conn: Any, location: str) -> None:
        self.conn = conn
        self.location = location

    def execute(self, sql: str, params: Params = ()) -> int:
        import psycopg

        try:
            with self.conn.cursor() as cur:
                cur.execute(_sql(sql), _params(params))
                return int(cur.rowcount)
        except psycopg.Error as exc:
            raise _error(self.location, exc) from exc

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        import psycopg

        batch = [_params(r) for r in rows]
        if not batch:
            return
        try:
            with self.conn.cursor() as cur:
                cur.executemany(_sql(sql), batch)
        except psycopg.Error as exc:
            raise _error(self.location, exc) from exc

    def one(self, sql: str, params: Params = ()) -> Row | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        import psycopg

        try:
            with self.conn.cursor() as cur:
                cur.execute(_sql(sql), _params(params))
                return cur.fetchall() if cur.description is not None else []
        except psycopg.Error as exc:
            raise _error(self.location, exc) from exc


class PostgresDatabase(Database):
    dialect = DIALECT

    def __init__(self, url: str, *, connect_timeout: int = 10, read_only: bool = False) -> None:
        self.url = url
        self.location = redact(url)
        self.connect_timeout = connect_timeout
        self.read_only = read_only
        self._init_connections()
        if read_only:
            _require_current(self, self.location)
        else:
            _migrate(self, self.location)

    @property
    def conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        return conn if conn is not None and not conn.closed else self._keep(self._connect())

    def _connect(self) -> Any:
        import psycopg
        from psycopg.rows import dict_row

        try:
            # read_only: the server refuses any write in this session (every transaction READ ONLY)
            options: dict[str, Any] = {"options": "-c default_transaction_read_only=on"} if self.read_only else {}
            return psycopg.connect(self.url, autocommit=True, row_factory=dict_row,
                                   connect_timeout=self.connect_timeout, application_name="myofeed", **options)
        except psycopg.Error as exc:
            raise DatabaseUnavailableError(f"cannot open database {self.location}: {_first_line(exc)}") from exc

    @contextmanager
    def transaction(self) -> Iterator[_Tx]:
        import psycopg

        conn = self.conn
        if getattr(self._local, "depth", 0):  # nested: join the outer transaction
            yield _Tx(conn, self.location)
            return
        self._local.depth = 1
        try:
            with conn.transaction():
                yield _Tx(conn, self.location)
        except psycopg.Error as exc:
            raise _error(self.location, exc) from exc
        finally:
            self._local.depth = 0

    def reader(self) -> _Tx:
        return _Tx(self.conn, self.location)

    def stream(self, sql: str, params: Params = ()) -> Iterator[Row]:
        import psycopg
        from psycopg.rows import dict_row

        # a connection of its own: a server-side cursor lives in a transaction, which must not
        # swallow the caller's other statements
        conn = self._connect()
        try:
            with conn.transaction(), conn.cursor(name="myofeed_stream", row_factory=dict_row) as cur:
                cur.itersize = 2000
                cur.execute(_sql(sql), _params(params))
                yield from cur
        except psycopg.Error as exc:
            raise _error(self.location, exc) from exc
        finally:
            conn.close()

    def reset_identity(self, tx: Tx, table: str, column: str) -> None:
        tx.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                   f" COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)")

    def clone(self) -> PostgresDatabase:
        return PostgresDatabase(self.url, connect_timeout=self.connect_timeout, read_only=self.read_only)


def _require_current(db: PostgresDatabase, location: str) -> None:
    """A read-only open never migrates: a schema older or newer than this code is said, not changed. A
    database with no schema at all (created empty for myofeed) gets it, as from any first command."""
    if db.one("SELECT to_regclass('schema_version') AS t")["t"] is None:  # type: ignore[index]
        db.close()  # this thread's connection is a read-only session
        db.read_only = False
        try:
            _migrate(db, location)
        finally:
            db.close()  # the next connection is read-only again
            db.read_only = True
        return
    row = db.one("SELECT version FROM schema_version")
    found = int(row["version"]) if row else 0
    if found > SCHEMA_VERSION:
        raise SchemaVersionError(f"database {location}: schema version {found} is newer than this myofeed supports"
                                 f" ({SCHEMA_VERSION}); upgrade myofeed")
    if found < SCHEMA_VERSION:
        raise SchemaOutdatedError(
            f"database {location}: schema version {found} is older than this myofeed's ({SCHEMA_VERSION}), and a"
            " read-only command does not migrate it: run a command that writes (`myofeed publish`) once, or"
            " read it with the myofeed that wrote it")


def _migrate(db: PostgresDatabase, location: str) -> int:
    """Bring the database to SCHEMA_VERSION under an advisory lock; returns the version found before."""
    with db.transaction() as tx:
        tx.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
        tx.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = tx.one("SELECT version FROM schema_version")
        found = int(row["version"]) if row else 0
        if found > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"database {location}: schema version {found} is newer than this myofeed supports"
                f" ({SCHEMA_VERSION}); upgrade myofeed"
            )
        for version in range(found, SCHEMA_VERSION):
            for statement in statements(POSTGRES_MIGRATIONS[version]):
                tx.execute(statement)
            python_step(version + 1, tx, location)
        if row is None:
            tx.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
        elif found != SCHEMA_VERSION:
            tx.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))
    return found


class PostgresStorage(SQLStorage):
    """Storage in a PostgreSQL database (15 or newer)."""

    def __init__(self, url: str, *, connect_timeout: int = 10, read_only: bool = False) -> None:
        super().__init__(PostgresDatabase(url, connect_timeout=connect_timeout, read_only=read_only))
