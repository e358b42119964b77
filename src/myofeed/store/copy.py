"""`db copy`: every table of one database into another, empty one, on any pair of
backends (SQLite -> PostgreSQL to move an installation, and back).

Rows cross as backend-neutral values (Storage.export_rows / import_rows): aware
datetimes, bools, decoded JSON. Ids are kept, so published entry ids, tokens and
the digest ledger mean the same thing afterwards; the target's id sequences move
past them. Tables go parents first, each in one transaction.

What only live processes hold (the `run` lock, the publisher lock, digest claims,
source leases) stays behind, as with `backup`: no process runs on the copy yet,
and a lock copied along would make `run` there refuse to start.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..exceptions import UsageError
from .base import Storage

# Tables whose rows belong to running processes, and columns that do
PROCESS_TABLES = frozenset({"locks", "digest_claims"})
PROCESS_COLUMNS = {"sources": frozenset({"lease_owner", "lease_until"})}


@dataclass(frozen=True)
class TableCopy:
    table: str
    source_rows: int
    target_rows: int
    left_behind: bool = False  # process state: not copied on purpose

    @property
    def complete(self) -> bool:
        return self.left_behind or self.source_rows == self.target_rows


def copy_database(source: Storage, target: Storage) -> list[TableCopy]:
    """Copy every table; the target must hold no rows. Returns each table's row counts on both sides
    (counted after the copy: equal when nothing wrote to the source meanwhile)."""
    if source.location == target.location:
        raise UsageError(f"db copy: FROM and TO are the same database ({source.location})")
    filled = {t: n for t, n in target.table_counts().items() if n}
    if filled:
        listed = ", ".join(f"{t}: {n}" for t, n in filled.items())
        raise UsageError(f"db copy: {target.location} is not empty ({listed} rows); copy into a new database")
    for table in source.table_counts():
        if table in PROCESS_TABLES:
            continue
        columns, rows = source.export_rows(table)
        if columns:
            target.import_rows(table, columns, _without_process_state(table, columns, rows))
    before, after = source.table_counts(), target.table_counts()
    return [TableCopy(t, before[t], after.get(t, 0), t in PROCESS_TABLES) for t in before]


def _without_process_state(table: str, columns: list[str], rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    cleared = PROCESS_COLUMNS.get(table)
    if not cleared:
        return rows
    at = [i for i, c in enumerate(columns) if c in cleared]
    return (tuple(None if i in at else v for i, v in enumerate(r)) for r in rows)
