"""The subscriber side of the facade: subscribers, the digest ledger and named leases.

Myofeed inherits it; it only forwards to storage (holding the facade's lock where a write must not
interleave with an ingest or publish), so the CLI, the web app and the digest have one object to call.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store.base import Storage
    from .types import Subscriber


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class SubscriberDesk:
    store: Storage
    lock: threading.RLock

    # --- subscribers -----------------------------------------------------------

    def subscriber(self, email: str) -> Subscriber | None:
        return self.store.get_subscriber(email)

    def subscriber_by_id(self, subscriber_id: int) -> Subscriber | None:
        return self.store.get_subscriber_by_id(subscriber_id)

    def subscriber_by_token(self, kind: str, token: str) -> Subscriber | None:
        """kind: "confirm" or "unsubscribe"."""
        return self.store.subscriber_by_token(kind, token)

    def used_confirm_link(self, token: str) -> Subscriber | None:
        """The subscriber a confirm link confirmed, when the link has been used and they still receive
        digests; else None (a link never mailed, or one whose subscription ended)."""
        from .store.subscribers import spent_token

        sub = self.store.subscriber_by_token("confirm", spent_token(token))
        return sub if sub is not None and sub.state not in ("pending", "unsubscribed") else None

    def subscribers(self, state: str | None = None) -> list[Subscriber]:
        return self.store.list_subscribers(state)

    def add_subscriber(self, email: str, topics: Sequence[str], cadence: str, *, confirmed: bool,
                       now: datetime | None = None) -> tuple[Subscriber, bool]:
        """Insert or update; returns (subscriber, created)."""
        return self.store.add_subscriber(email, topics, cadence, confirmed=confirmed, now=now or utcnow())

    def set_subscriber_state(self, subscriber_id: int, state: str, now: datetime | None = None) -> None:
        self.store.set_subscriber_state(subscriber_id, state, now or utcnow())

    def update_subscriber(self, subscriber_id: int, **fields: object) -> None:
        self.store.update_subscriber(subscriber_id, **fields)

    def remove_subscriber(self, email: str) -> bool:
        """Erase the subscriber and their delivery history; False when there was none."""
        return self.store.remove_subscriber(email)

    # --- digest ledger -----------------------------------------------------------

    def delivered_post_ids(self, subscriber_id: int) -> set[int]:
        return self.store.delivered_post_ids(subscriber_id)

    def delivered_since(self, subscriber_id: int, min_post_id: int) -> set[int]:
        return self.store.delivered_since(subscriber_id, min_post_id)

    def record_digest(self, subscriber_id: int, post_ids: Sequence[int], sent_at: datetime,
                      message_id: str | None) -> None:
        with self.lock:
            self.store.record_digest(subscriber_id, post_ids, sent_at, message_id)

    def record_bounce(self, subscriber_id: int, limit: int) -> bool:
        with self.lock:
            return self.store.record_bounce(subscriber_id, limit)

    def claim_digest(self, subscriber_id: int, owner: str, now: datetime, lease: float,
                     last_digest_at: datetime | None) -> bool:
        return self.store.claim_digest(subscriber_id, owner, now, lease, last_digest_at)

    def release_digest(self, subscriber_id: int, owner: str) -> None:
        self.store.release_digest(subscriber_id, owner)

    def digest_claim_owner(self, subscriber_id: int) -> str | None:
        return self.store.digest_claim_owner(subscriber_id, utcnow())

    def claim_confirmation(self, subscriber_id: int, now: datetime, not_after: datetime) -> tuple[bool, datetime | None]:
        return self.store.claim_confirmation(subscriber_id, now, not_after)

    def release_confirmation(self, subscriber_id: int, previous: datetime | None) -> None:
        self.store.release_confirmation(subscriber_id, previous)

    # --- named leases (one `run` per SQLite database, one digest run at a time) ---------

    def acquire_lock(self, name: str, owner: str, now: datetime, stale_after: float) -> bool:
        return self.store.acquire_lock(name, owner, now, stale_after)

    def heartbeat_lock(self, name: str, owner: str, now: datetime | None = None) -> None:
        self.store.heartbeat_lock(name, owner, now or utcnow())

    def release_lock(self, name: str, owner: str) -> None:
        self.store.release_lock(name, owner)

    def lock_owner(self, name: str, live_since: datetime | None = None) -> str | None:
        return self.store.lock_owner(name, live_since)
