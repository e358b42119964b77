"""`db copy`: every table of one database into another, empty one, on any pair of
backends (SQLite -> PostgreSQL to move an installation, and back).

Rows cross as backend-neutral values (Storage.export_rows / import_rows): aware
datetimes, bools, decoded JSON. Ids are kept, so published entry ids, tokens and
the digest ledger mean the same thing afterwards; the target's id sequences move
past them. Tables go parents first, each in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..exceptions import UsageError
from .base import Storage


@dataclass(frozen=True)
class TableCopy:
    table: str
    source_rows: int
    target_rows: int


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
        columns, rows = source.export_rows(table)
        if columns:
            target.import_rows(table, columns, rows)
    before, after = source.table_counts(), target.table_counts()
    return [TableCopy(t, before[t], after.get(t, 0)) for t in before]
