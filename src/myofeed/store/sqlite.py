"""The SQLite backend: the embedded default. WAL, busy timeout, foreign keys,
one connection per thread, BEGIN IMMEDIATE for writes (one writer at a time).

Instants are stored as ISO 8601 text in UTC to the second, which sorts and
compares like the instants themselves; JSON as text; booleans as 0/1.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..exceptions import ConflictError, DatabaseUnavailableError, SchemaOutdatedError, SchemaVersionError, StorageError
from ._db import Database, Dialect, Json, Params, Row, Tx, dumps
from .schema import SCHEMA_VERSION, SQLITE_MIGRATIONS, python_step, statements
from .sql import SQLStorage

DIALECT = Dialect(name="sqlite", string_agg="group_concat({expr}, {sep})", for_update="", skip_locked="")


def _value(v: object) -> object:
    if isinstance(v, datetime):
        return (v if v.tzinfo else v.replace(tzinfo=UTC)).astimezone(UTC).isoformat(timespec="seconds")
    if isinstance(v, Json):
        return dumps(v.value)
    return v


_CONVERTED = frozenset({datetime, Json})  # the types _value changes; everything else binds as it is


def _params(params: Params) -> Params:
    if _CONVERTED.isdisjoint(map(type, params)):  # checked in C: a multi-row INSERT binds thousands of ints
        return params
    return tuple(map(_value, params))


def _error(location: str, exc: sqlite3.Error) -> StorageError:
    kind = ConflictError if isinstance(exc, sqlite3.IntegrityError) else StorageError
    return kind(f"database {location}: {plain(location, exc)}")


def plain(location: str, exc: sqlite3.Error) -> str:
    """SQLite's words, and the operator's: "database or disk is full" and "unable to open database
    file" do not say which, nor that the mount is read-only."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    text = str(exc)
    if code == 13 or "disk is full" in text:  # SQLITE_FULL
        return f"{text} (disk full: free space on the disk that holds it)"
    if code in (8, 14) or "readonly" in text or "unable to open" in text:  # SQLITE_READONLY, SQLITE_CANTOPEN
        if location != ":memory:" and _read_only_mount(Path(location)):
            return f"{text} (read-only: the file system that holds it is mounted read-only)"
    return text


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite has already rolled back after some errors (SQLITE_FULL, SQLITE_IOERR): a ROLLBACK then
    # raises "no transaction is active" and hides the error that matters
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _read_only_mount(path: Path) -> bool:
    import os

    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


class _Tx:
    def __init__(self, conn: sqlite3.Connection, location: str) -> None:
        self.conn = conn
        self.location = location

    def execute(self, sql: str, params: Params = ()) -> int:
        try:
            return self.conn.execute(sql, _params(params)).rowcount
        except sqlite3.Error as exc:
            raise _error(self.location, exc) from exc

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        try:
            self.conn.executemany(sql, (_params(r) for r in rows))
        except sqlite3.Error as exc:
            raise _error(self.location, exc) from exc

    def one(self, sql: str, params: Params = ()) -> Row | None:
        try:
            row: Row | None = self.conn.execute(sql, _params(params)).fetchone()
        except sqlite3.Error as exc:
            raise _error(self.location, exc) from exc
        return row

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        try:
            return self.conn.execute(sql, _params(params)).fetchall()
        except sqlite3.Error as exc:
            raise _error(self.location, exc) from exc


class SQLiteDatabase(Database):
    dialect = DIALECT

    def __init__(self, path: str | Path, *, timeout: float = 30.0, read_only: bool = False) -> None:
        self.path = str(path)
        self.location = self.path
        self.shareable = self.path != ":memory:"
        self.timeout = timeout
        self.read_only = read_only
        self._init_connections()
        if read_only:
            # no directory made, no migration: a read command on a read-only mount or a full disk
            conn = self.conn
            _require_current(conn, self.path)
            return
        if self.path != ":memory:":
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailableError(f"cannot create the directory for database {self.path}: {exc}") from exc
        try:
            _migrate(self.conn, self.path)
        except sqlite3.Error as exc:
            raise DatabaseUnavailableError(f"cannot open database {self.path}: {plain(self.path, exc)}") from exc

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        return conn if conn is not None else self._keep(self._connect())

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            conn = connect_read_only(Path(self.path), timeout=self.timeout)
            conn.row_factory = sqlite3.Row
            return conn
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a batch is one transaction
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise DatabaseUnavailableError(f"cannot open database {self.path}: {plain(self.path, exc)}") from exc
        return conn

    @contextmanager
    def transaction(self) -> Iterator[_Tx]:
        conn = self.conn
        if conn.in_transaction:  # nested: join the outer transaction
            yield _Tx(conn, self.path)
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _error(self.path, exc) from exc
        try:
            yield _Tx(conn, self.path)
        except sqlite3.Error as exc:
            _rollback(conn)
            raise _error(self.path, exc) from exc
        except BaseException:
            _rollback(conn)
            raise
        else:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise _error(self.path, exc) from exc

    def reader(self) -> _Tx:
        return _Tx(self.conn, self.path)

    def stream(self, sql: str, params: Params = ()) -> Iterator[Row]:
        try:
            yield from self.conn.execute(sql, _params(params))
        except sqlite3.Error as exc:
            raise _error(self.path, exc) from exc

    def reset_identity(self, tx: Tx, table: str, column: str) -> None:
        pass  # AUTOINCREMENT already moved past every id inserted

    def clone(self) -> SQLiteDatabase | None:
        return None if self.path == ":memory:" else SQLiteDatabase(self.path, timeout=self.timeout,
                                                                     read_only=self.read_only)


# SQLITE_IOERR_SHMOPEN, _SHMSIZE, _SHMLOCK, _SHMMAP: the -shm cannot be made or grown (a full disk)
_SHM_ERRORS = frozenset({4618, 4874, 5130, 5386})


def connect_read_only(path: Path, *, timeout: float = 30.0) -> sqlite3.Connection:
    """A connection that cannot write `path` (mode=ro): no journal switch, no -wal or -shm written when
    they can be read as they are.

    A WAL database needs its -shm (the WAL index). Where it exists, even in a read-only directory, SQLite
    (3.22+) reads it, or builds the index in memory when it cannot map the file for writing. Where no -shm
    can be made (a read-only directory: "unable to open database file"; a full disk: "disk I/O error",
    SQLITE_IOERR_SHMSIZE) and the -wal is absent or empty, every committed page is in the main file (a
    clean close checkpoints and removes the -wal), and `immutable=1`, which reads the file alone without
    locks, reads the same data; it never writes either. A non-empty -wal that cannot be read is never skipped that way: immutable would ignore the
    changes it holds and show an older state, so the operator is told what to do instead."""
    if not path.exists():
        raise DatabaseUnavailableError(f"no database at {path} (nothing stored yet?)")
    uri = path.resolve().as_uri()
    try:
        conn = _probe(sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout, isolation_level=None,
                                      check_same_thread=False), timeout)
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", 0) or 0
        wal = Path(f"{path}-wal")
        if code & 0xFF not in (8, 13, 14) and code not in _SHM_ERRORS:  # not about making the WAL files
            raise DatabaseUnavailableError(f"cannot open database {path}: {plain(str(path), exc)}") from exc
        if wal.exists() and wal.stat().st_size > 0:
            raise DatabaseUnavailableError(
                f"cannot open database {path} read-only: {wal.name} holds changes not yet in the database and"
                f" its index ({path.name}-shm) cannot be read or made ({exc}); copy {path.name}, {wal.name} and"
                f" {path.name}-shm to a writable directory and point $MYOFEED_DATABASE at the copy") from exc
        try:
            conn = _probe(sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout,
                                          isolation_level=None, check_same_thread=False), timeout)
        except sqlite3.Error as exc2:
            raise DatabaseUnavailableError(f"cannot open database {path}: {plain(str(path), exc2)}") from exc2
    return conn


def _probe(conn: sqlite3.Connection, timeout: float) -> sqlite3.Connection:
    # opening is lazy: the first read is what opens the file and its WAL index
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _schema_version(conn: sqlite3.Connection, location: str) -> int:
    """The database's schema version; one newer than this code knows is refused (never read or migrated)."""
    found: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"database {location}: schema version {found} is newer than this myofeed supports ({SCHEMA_VERSION});"
            " upgrade myofeed"
        )
    return found


def _require_current(conn: sqlite3.Connection, location: str) -> None:
    """A read-only open never migrates: a schema older or newer than this code is said, not changed."""
    found = _schema_version(conn, location)
    if found < SCHEMA_VERSION:
        raise SchemaOutdatedError(
            f"database {location}: schema version {found} is older than this myofeed's ({SCHEMA_VERSION}), and a"
            " read-only command does not migrate it: run a command that writes (`myofeed publish`) once where"
            " the database is writable, or read it with the myofeed that wrote it"
        )


def _migrate(conn: sqlite3.Connection, location: str) -> int:
    """Bring the database to SCHEMA_VERSION; returns the version found before."""
    found = _schema_version(conn, location)
    if found == SCHEMA_VERSION:
        return found
    # rebuilding a table must not cascade into its children: foreign keys off for the migration
    # (a no-op inside a transaction, so before BEGIN), checked before COMMIT
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for version in range(found, SCHEMA_VERSION):
            conn.execute("BEGIN IMMEDIATE")
            try:
                if conn.execute("PRAGMA user_version").fetchone()[0] != version:  # another process migrated
                    conn.execute("ROLLBACK")
                    continue
                dangling = len(conn.execute("PRAGMA foreign_key_check").fetchall())
                for statement in statements(SQLITE_MIGRATIONS[version]):
                    conn.execute(statement)
                python_step(version + 1, _Tx(conn, location), location)
                if len(conn.execute("PRAGMA foreign_key_check").fetchall()) > dangling:
                    raise StorageError(f"database {location}: migration {version + 1} broke a foreign key")
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return found


class SQLiteStorage(SQLStorage):
    """Storage in one SQLite file (or ":memory:")."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0, read_only: bool = False) -> None:
        super().__init__(SQLiteDatabase(path, timeout=timeout, read_only=read_only))

    @property
    def path(self) -> str:
        return self._db.location

    def _raw(self) -> Any:  # tests only: the calling thread's sqlite3 connection
        assert isinstance(self._db, SQLiteDatabase)
        return self._db.conn
