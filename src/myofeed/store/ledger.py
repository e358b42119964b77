"""The digest delivery ledger: (subscriber, post) rows written only after the
SMTP server accepted the mail that listed the post.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager


class LedgerMixin:
    conn: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def record_deliveries(self, rows: Sequence[tuple[int, int, str, str | None]]) -> None:
        """rows: (subscriber_id, post_id, sent_at, message_id); batched, idempotent."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO deliveries (subscriber_id, post_id, sent_at, message_id) VALUES (?, ?, ?, ?)",
                rows,
            )

    def delivered_post_ids(self, subscriber_id: int) -> set[int]:
        return {r[0] for r in self.conn.execute(
            "SELECT post_id FROM deliveries WHERE subscriber_id = ?", (subscriber_id,))}
