"""Newsletter subscribers: double opt-in state and their random tokens."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Sequence
from datetime import datetime

from ..types import Subscriber
from ._mixin import MixinBase
from ._util import dumps, iso, loads, parse_iso

_TOKEN_KINDS = {"confirm": "confirm_token", "unsubscribe": "unsubscribe_token"}
_FIELDS = {"topics", "cadence", "state", "confirmed_at", "last_digest_at", "confirm_sent_at", "bounces"}


def new_token() -> str:
    """Unguessable URL-safe token (256 bits)."""
    return secrets.token_urlsafe(32)


class SubscribersMixin(MixinBase):
    def add_subscriber(
        self, email: str, topics: Sequence[str], cadence: str, *, confirmed: bool, now: datetime
    ) -> tuple[Subscriber, bool]:
        """Insert or update; returns (subscriber, created).

        An existing confirmed subscriber keeps its state (topics/cadence update);
        an unsubscribed one starts over as pending (or confirmed when the operator says so).
        """
        with self.transaction() as conn:
            row = conn.execute("SELECT * FROM subscribers WHERE email = ?", (email,)).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO subscribers (email, topics, cadence, state, confirm_token, unsubscribe_token,"
                    " created, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        email, dumps(list(topics)), cadence, "confirmed" if confirmed else "pending",
                        new_token(), new_token(), iso(now), iso(now) if confirmed else None,
                    ),
                )
                created = True
            else:
                state = row["state"]
                confirmed_at = row["confirmed_at"]
                if confirmed and state != "confirmed":
                    state, confirmed_at = "confirmed", iso(now)
                elif state == "unsubscribed":
                    state = "pending"
                conn.execute(
                    "UPDATE subscribers SET topics = ?, cadence = ?, state = ?, confirmed_at = ? WHERE id = ?",
                    (dumps(list(topics)), cadence, state, confirmed_at, row["id"]),
                )
                created = False
        sub = self.get_subscriber(email)
        assert sub is not None
        return sub, created

    def get_subscriber(self, email: str) -> Subscriber | None:
        rows = self.query("SELECT * FROM subscribers WHERE email = ?", (email,))
        return _subscriber(rows[0]) if rows else None

    def get_subscriber_by_id(self, subscriber_id: int) -> Subscriber | None:
        rows = self.query("SELECT * FROM subscribers WHERE id = ?", (subscriber_id,))
        return _subscriber(rows[0]) if rows else None

    def subscriber_by_token(self, kind: str, token: str) -> Subscriber | None:
        column = _TOKEN_KINDS[kind]
        rows = self.query(f"SELECT * FROM subscribers WHERE {column} = ?", (token,))
        # compare again in constant time: the index lookup is not the authority
        if rows and secrets.compare_digest(rows[0][column], token):
            return _subscriber(rows[0])
        return None

    def list_subscribers(self, state: str | None = None) -> list[Subscriber]:
        if state is None:
            rows = self.query("SELECT * FROM subscribers ORDER BY email")
        else:
            rows = self.query("SELECT * FROM subscribers WHERE state = ? ORDER BY email", (state,))
        return [_subscriber(r) for r in rows]

    def set_subscriber_state(self, subscriber_id: int, state: str, now: datetime) -> None:
        with self.transaction() as conn:
            if state == "confirmed":
                conn.execute(
                    "UPDATE subscribers SET state = ?, confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?",
                    (state, iso(now), subscriber_id),
                )
            else:
                conn.execute("UPDATE subscribers SET state = ? WHERE id = ?", (state, subscriber_id))

    def update_subscriber(self, subscriber_id: int, **fields: object) -> None:
        unknown = set(fields) - _FIELDS
        if unknown:
            raise ValueError(f"unknown subscriber fields: {sorted(unknown)}")
        values = {k: (dumps(list(v)) if k == "topics" else iso(v) if isinstance(v, datetime) else v)  # type: ignore[call-overload]
                  for k, v in fields.items()}
        sets = ", ".join(f"{k} = ?" for k in values)
        with self.transaction() as conn:
            conn.execute(f"UPDATE subscribers SET {sets} WHERE id = ?", (*values.values(), subscriber_id))

    def remove_subscriber(self, email: str) -> bool:
        """Erase the subscriber and their delivery ledger (data erasure, not a state)."""
        with self.transaction() as conn:
            cur = conn.execute("DELETE FROM subscribers WHERE email = ?", (email,))
            return cur.rowcount > 0


def _subscriber(r: sqlite3.Row) -> Subscriber:
    created = parse_iso(r["created"])
    assert created is not None
    return Subscriber(
        id=r["id"],
        email=r["email"],
        topics=tuple(loads(r["topics"], [])),
        cadence=r["cadence"],
        state=r["state"],
        confirm_token=r["confirm_token"],
        unsubscribe_token=r["unsubscribe_token"],
        created=created,
        confirmed_at=parse_iso(r["confirmed_at"]),
        last_digest_at=parse_iso(r["last_digest_at"]),
        confirm_sent_at=parse_iso(r["confirm_sent_at"]),
        bounces=r["bounces"],
    )
