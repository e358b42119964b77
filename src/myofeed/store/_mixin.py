"""What every storage mixin may rely on: the database it writes through (see _db.py)."""

from __future__ import annotations

from collections.abc import Iterator

from ._db import Database, Params, Row

# rows of the sources table read at once by the passes over every source (sync, replan, hosts, states):
# a config of 2,000 sources is read page by page, never held as one list (a pass's memory is bounded by its
# concurrency, not by the number of sources: issue 14)
SOURCE_PAGE = 256


class MixinBase:
    _db: Database

    def _source_rows(self, columns: str, where: str = "", params: Params = (), *,
                     size: int = SOURCE_PAGE) -> Iterator[Row]:
        """`SELECT columns FROM sources [WHERE where]`, in pages of `size` rows by name (keyset: each page
        one indexed range). `columns` must include name. Nothing is written between pages by the callers;
        a row written meanwhile is read once at most."""
        cond = f"({where}) AND " if where else ""
        rows = self._db.all(f"SELECT {columns} FROM sources{' WHERE ' + where if where else ''}"
                            f" ORDER BY name LIMIT {size}", params)
        while True:
            yield from rows
            if len(rows) < size:
                return
            rows = self._db.all(f"SELECT {columns} FROM sources WHERE {cond}name > ? ORDER BY name LIMIT {size}",
                                (*params, rows[-1]["name"]))
