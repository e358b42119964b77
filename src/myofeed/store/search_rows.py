"""SQLite's search index rows of new posts (posts_fts, FTS5), written by the store (schema v9).

Until v9 a trigger added each post's row as it was inserted. FTS5 keeps the rows of a transaction in
memory and writes them to a new index segment whenever a savepoint opens: the writer's savepoint per
source, and every statement that may fail midway (most writes). So the ingest writer, storing 16
sources a transaction, wrote ~3 small segments a source and merged them again. Inside `_search_at_end`
the new posts' rows are added in one statement when the block ends: one segment a transaction.

Only new posts go through here. Changes and deletions keep their triggers, which need the old values;
a change to a post whose row is still waiting first writes the waiting rows (`_search_before_change`), so
the trigger always finds the row it removes. PostgreSQL's search vector is part of the post's own row:
nothing to do there.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager

from ._db import Tx, pow2_chunks
from ._mixin import MixinBase

_CHUNK = 256  # ids per IN (...) at most; fewer in power-of-two sizes (a few prepared statements: _db.pow2_chunks)


class SearchRowsMixin(MixinBase):
    _pending_search: dict[int, None] | None = None  # new posts whose rows wait for the end of the block

    def _index_new_posts(self, tx: Tx, post_ids: Collection[int]) -> None:
        """Give these just-inserted posts their search rows: now, or when `_search_at_end`'s block ends."""
        if not post_ids or self._db.dialect.name != "sqlite":
            return
        if self._pending_search is not None:
            self._pending_search.update(dict.fromkeys(post_ids))
        else:
            _insert_rows(tx, post_ids)

    def _search_before_change(self, tx: Tx, post_id: int) -> None:
        """Before a post's title, summary, author or source change (the change trigger removes its row
        by its old values): write the waiting rows if this post's is among them."""
        pending = self._pending_search
        if pending and post_id in pending:
            _insert_rows(tx, list(pending))
            pending.clear()

    @contextmanager
    def _search_at_end(self, tx: Tx) -> Iterator[None]:
        """New posts' search rows written once, in one statement, when the block ends (inside `tx`).

        A source rolled back to its savepoint inside the block leaves ids behind whose posts are gone:
        the rows are read from `posts` by id, so those add nothing (and an id SQLite hands out again
        after the rollback is one key of the dict, so its row is added once)."""
        self._pending_search = {}
        try:
            yield
            pending = list(self._pending_search)
        finally:
            self._pending_search = None
        _insert_rows(tx, pending)


def _insert_rows(tx: Tx, post_ids: Collection[int]) -> None:
    ids = list(post_ids)
    for chunk in pow2_chunks(ids, _CHUNK):
        tx.execute("INSERT INTO posts_fts (rowid, title, summary, author, source)"
                   f" SELECT id, title, summary, author, source FROM posts WHERE id IN ({', '.join('?' * len(chunk))})",
                   chunk)
