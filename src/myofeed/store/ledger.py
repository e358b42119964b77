"""The digest delivery ledger: (subscriber, post) rows written only after the
SMTP server accepted the mail that listed the post.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ._mixin import MixinBase


class LedgerMixin(MixinBase):
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

    # --- digest bookkeeping (digest/run.py, digest/confirm.py) --------------------

    def delivered_since(self, subscriber_id: int, min_post_id: int) -> set[int]:
        """Post ids at or above `min_post_id` already sent to this subscriber (a primary-key range scan)."""
        return {r[0] for r in self.conn.execute(
            "SELECT post_id FROM deliveries WHERE subscriber_id = ? AND post_id >= ?", (subscriber_id, min_post_id))}

    def record_digest(self, subscriber_id: int, post_ids: Sequence[int], sent_at: str, message_id: str | None) -> None:
        """After the server accepted one digest: its posts, last_digest_at and a clean bounce
        count, in one transaction, so a crash leaves all or nothing."""
        with self.transaction() as conn:
            # json_each keeps the per-row loop inside SQLite: about twice as fast as executemany
            conn.execute(
                "INSERT OR IGNORE INTO deliveries (subscriber_id, post_id, sent_at, message_id)"
                " SELECT ?, value, ?, ? FROM json_each(?)",
                (subscriber_id, sent_at, message_id, json.dumps([int(p) for p in post_ids])),
            )
            conn.execute("UPDATE subscribers SET last_digest_at = ?, bounces = 0 WHERE id = ?",
                         (sent_at, subscriber_id))

    def record_bounce(self, subscriber_id: int, limit: int) -> bool:
        """Count one 5xx answer; at `limit` the address becomes 'bouncing'. Returns True then."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE subscribers SET bounces = bounces + 1,"
                " state = CASE WHEN bounces + 1 >= ? AND state = 'confirmed' THEN 'bouncing' ELSE state END"
                " WHERE id = ?",
                (limit, subscriber_id),
            )
            row = conn.execute("SELECT state FROM subscribers WHERE id = ?", (subscriber_id,)).fetchone()
        return row is not None and row[0] == "bouncing"

    def claim_confirmation(self, subscriber_id: int, now: str, not_after: str) -> tuple[bool, str | None]:
        """Atomically take the right to mail a confirmation: only a pending address whose last
        confirmation was sent before `not_after` (or never). Returns (claimed, previous value)
        so a failed send can give the slot back."""
        with self.transaction() as conn:
            row = conn.execute("SELECT state, confirm_sent_at FROM subscribers WHERE id = ?",
                               (subscriber_id,)).fetchone()
            if row is None or row[0] != "pending":
                return False, None
            previous = row[1]
            if previous is not None and previous > not_after:
                return False, previous
            conn.execute("UPDATE subscribers SET confirm_sent_at = ? WHERE id = ?", (now, subscriber_id))
        return True, previous

    def release_confirmation(self, subscriber_id: int, previous: str | None) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE subscribers SET confirm_sent_at = ? WHERE id = ?", (previous, subscriber_id))
