"""SQLite's rows derived from new posts, written by the store: their search rows (posts_fts, FTS5,
schema v9) and their topic_index rows (schema v11).

Until v9 a trigger added each post's search row as it was inserted. FTS5 keeps the rows of a transaction
in memory and writes them to a new index segment whenever a savepoint opens: the writer's savepoint per
source, and every statement that may fail midway (most writes). So the ingest writer, storing 16 sources
a transaction, wrote ~3 small segments a source and merged them again.

Until v11 a trigger on post_topics added a post's topic_index rows as each topic row was inserted: two
statements a topic row (the topic's row, then the "" row, ignored from the second topic on), ~12 a post,
each landing on a random page of topic_index and of its post_id index, source by source. Inserted in
one ordered statement per batch, each page is changed once (replaying the 300-feed bench's writes:
CPU -10-15%, see docs/performance.md).

Inside `_new_rows_at_end` both kinds of rows of the new posts are added when the block ends: one
statement each a transaction. Outside it they are added at once. topic_index rows are computed from
what is stored when they are written (`INSERT OR IGNORE`: visible primary posts, each topic and ""), so
a post whose primary flag, date or topics changed meanwhile gets the rows it has then; the triggers that
remain keep those rows in step with every later change (a post's date, visibility or primary flag, a
topic row deleted).

Only new posts, and topic rows replaced (`_index_topics`), go through here: changes and deletions keep
their triggers, which need the old values; a change to a post whose search row is still waiting first
writes the waiting rows (`_rows_before_change`), so the trigger always finds the row it removes.
PostgreSQL keeps its triggers for both (its search vector is part of the post's own row): nothing to
do there.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from contextlib import contextmanager

from ._db import Tx, pow2_chunks
from ._mixin import MixinBase

_CHUNK = 256  # ids per IN (...) at most; fewer in power-of-two sizes (a few prepared statements: _db.pow2_chunks)

# One statement text whatever the number of posts (the ids as one JSON array): one prepared statement in
# the driver's cache, and the rows sorted once for the whole batch.
_TOPIC_ROWS = (
    "INSERT OR IGNORE INTO topic_index (topic, sort_key, post_id)"
    " SELECT t.topic, p.sort_key, p.id FROM posts p JOIN post_topics t ON t.post_id = p.id"
    " WHERE p.id IN (SELECT value FROM json_each(?1)) AND p.hidden = 0 AND p.is_primary = 1"
    " UNION ALL"
    " SELECT '', p.sort_key, p.id FROM posts p"
    " WHERE p.id IN (SELECT value FROM json_each(?1)) AND p.hidden = 0 AND p.is_primary = 1"
    " AND EXISTS (SELECT 1 FROM post_topics t WHERE t.post_id = p.id)"
    " ORDER BY 1, 2, 3"
)


class NewRowsMixin(MixinBase):
    _pending_rows: dict[int, None] | None = None  # new posts whose rows wait for the end of the block

    def _index_new_posts(self, tx: Tx, post_ids: Collection[int]) -> None:
        """Give these just-inserted posts (their topic rows inserted) their search and topic_index rows:
        now, or when `_new_rows_at_end`'s block ends."""
        if not post_ids or self._db.dialect.name != "sqlite":
            return
        if self._pending_rows is not None:
            self._pending_rows.update(dict.fromkeys(post_ids))
        else:
            _insert_rows(tx, post_ids)

    def _index_topics(self, tx: Tx, post_ids: Collection[int]) -> None:
        """After topic rows of these posts were inserted (outside `_index_new_posts`): their topic_index rows."""
        if post_ids and self._db.dialect.name == "sqlite":
            _insert_topic_rows(tx, post_ids)

    def _rows_before_change(self, tx: Tx, post_id: int) -> None:
        """Before a post's title, summary, author or source change (the change trigger removes its search
        row by its old values): write the waiting rows if this post's is among them."""
        pending = self._pending_rows
        if pending and post_id in pending:
            _insert_rows(tx, list(pending))
            pending.clear()

    @contextmanager
    def _new_rows_at_end(self, tx: Tx) -> Iterator[None]:
        """New posts' search and topic_index rows written once, one statement each, when the block ends
        (inside `tx`).

        A source rolled back to its savepoint inside the block leaves ids behind whose posts are gone:
        the rows are read from `posts` by id, so those add nothing (and an id SQLite hands out again
        after the rollback is one key of the dict, so its rows are added once)."""
        self._pending_rows = {}
        try:
            yield
            pending = list(self._pending_rows)
        finally:
            self._pending_rows = None
        _insert_rows(tx, pending)


def _insert_rows(tx: Tx, post_ids: Collection[int]) -> None:
    ids = list(post_ids)
    for chunk in pow2_chunks(ids, _CHUNK):
        tx.execute("INSERT INTO posts_fts (rowid, title, summary, author, source)"
                   f" SELECT id, title, summary, author, source FROM posts WHERE id IN ({', '.join('?' * len(chunk))})",
                   chunk)
    _insert_topic_rows(tx, ids)


def _insert_topic_rows(tx: Tx, post_ids: Collection[int]) -> None:
    if post_ids:
        tx.execute(_TOPIC_ROWS, (json.dumps(sorted(post_ids)),))
