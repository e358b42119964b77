"""The digest delivery ledger: (subscriber, post) rows written only after the
SMTP server accepted the mail that listed the post.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ._db import as_datetime
from ._mixin import MixinBase
from .subscribers import new_token


class LedgerMixin(MixinBase):
    def record_deliveries(self, rows: Sequence[tuple[int, int, datetime, str | None]]) -> None:
        """rows: (subscriber_id, post_id, sent_at, message_id); batched, idempotent."""
        with self._db.transaction() as tx:
            tx.executemany(
                "INSERT INTO deliveries (subscriber_id, post_id, sent_at, message_id) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                rows,
            )

    def delivered_post_ids(self, subscriber_id: int) -> set[int]:
        rows = self._db.all("SELECT post_id FROM deliveries WHERE subscriber_id = ?", (subscriber_id,))
        return {r["post_id"] for r in rows}

    # --- digest bookkeeping (digest/run.py, digest/confirm.py) --------------------

    def delivered_since(self, subscriber_id: int, min_post_id: int) -> set[int]:
        """Post ids at or above `min_post_id` already sent to this subscriber (a primary-key range scan)."""
        rows = self._db.all("SELECT post_id FROM deliveries WHERE subscriber_id = ? AND post_id >= ?",
                            (subscriber_id, min_post_id))
        return {r["post_id"] for r in rows}

    def record_digest(self, subscriber_id: int, post_ids: Sequence[int], sent_at: datetime,
                      message_id: str | None) -> None:
        """After the server accepted one digest: its posts, last_digest_at and a clean bounce
        count, in one transaction, so a crash leaves all or nothing."""
        with self._db.transaction() as tx:
            tx.executemany(
                "INSERT INTO deliveries (subscriber_id, post_id, sent_at, message_id) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                [(subscriber_id, int(p), sent_at, message_id) for p in post_ids],
            )
            tx.execute("UPDATE subscribers SET last_digest_at = ?, bounces = 0 WHERE id = ?", (sent_at, subscriber_id))

    def record_bounce(self, subscriber_id: int, limit: int) -> bool:
        """Count one 5xx answer; at `limit` the address becomes 'bouncing'. Returns True then."""
        with self._db.transaction() as tx:
            tx.execute(
                "UPDATE subscribers SET bounces = bounces + 1,"
                " state = CASE WHEN bounces + 1 >= ? AND state = 'confirmed' THEN 'bouncing' ELSE state END"
                " WHERE id = ?",
                (limit, subscriber_id),
            )
            row = tx.one("SELECT state FROM subscribers WHERE id = ?", (subscriber_id,))
        return row is not None and row["state"] == "bouncing"

    def claim_confirmation(self, subscriber_id: int, now: datetime,
                           not_after: datetime) -> tuple[bool, datetime | None]:
        """Atomically take the right to mail a confirmation: only a pending address whose last
        confirmation was sent before `not_after` (or never). Returns (claimed, previous value)
        so a failed send can give the slot back. Every mail after the first gets a new confirm token."""
        with self._db.transaction() as tx:
            row = tx.one("SELECT state, confirm_sent_at FROM subscribers WHERE id = ?" + self._db.dialect.for_update,
                         (subscriber_id,))
            if row is None or row["state"] != "pending":
                return False, None
            previous = as_datetime(row["confirm_sent_at"])
            if previous is not None and previous > not_after:
                return False, previous
            if previous is None:
                tx.execute("UPDATE subscribers SET confirm_sent_at = ? WHERE id = ?", (now, subscriber_id))
            else:
                # A new mail, a new link: the earlier mail's link named a choice (topics, cadence) that the
                # request behind this one may have changed, and may have expired; it must confirm neither.
                tx.execute("UPDATE subscribers SET confirm_sent_at = ?, confirm_token = ? WHERE id = ?",
                           (now, new_token(), subscriber_id))
        return True, previous

    def release_confirmation(self, subscriber_id: int, previous: datetime | None) -> None:
        with self._db.transaction() as tx:
            tx.execute("UPDATE subscribers SET confirm_sent_at = ? WHERE id = ?", (previous, subscriber_id))
