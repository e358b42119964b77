"""Newsletter subscribers: double opt-in state and their random tokens.

Addresses compare case-insensitively (lower(email), with a unique index on it
on both backends).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime

from ..types import Subscriber
from ._db import Json, Row, Tx, as_datetime, as_json
from ._mixin import MixinBase

_TOKEN_KINDS = {"confirm": "confirm_token", "unsubscribe": "unsubscribe_token"}
_FIELDS = {"topics", "cadence", "state", "confirmed_at", "last_digest_at", "confirm_sent_at", "bounces"}


def new_token() -> str:
    """Unguessable URL-safe token (256 bits)."""
    return secrets.token_urlsafe(32)


def spent_token(token: str) -> str:
    """What a confirm token becomes once it confirmed: derived from it, so that the link clicked again
    is recognised ("already confirmed" rather than "not found"), but never mailed, and no pending
    subscriber ever holds one, so it confirms nothing."""
    digest = hashlib.sha256(b"myofeed spent confirm token\0" + token.encode()).digest()
    return "spent." + base64.urlsafe_b64encode(digest).decode().rstrip("=")


class SubscribersMixin(MixinBase):
    def add_subscriber(
        self, email: str, topics: Sequence[str], cadence: str, *, confirmed: bool, now: datetime
    ) -> tuple[Subscriber, bool]:
        """Insert or update; returns (subscriber, created).

        An existing confirmed subscriber keeps its state (topics/cadence update);
        an unsubscribed one starts over as pending (or confirmed when the operator says so),
        with new tokens and key: whoever holds the old mails' links may be someone else by now;
        its confirmation mail is due at once (no earlier mail holds its new link).
        """
        with self._db.transaction() as tx:
            created = bool(tx.all(  # all(): read RETURNING to the end
                "INSERT INTO subscribers (email, topics, cadence, state, confirm_token, unsubscribe_token,"
                " prefs_key, created, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING RETURNING id",
                (email, Json(list(topics)), cadence, "confirmed" if confirmed else "pending",
                 new_token(), new_token(), new_token(), now, now if confirmed else None),
            ))
            if not created:
                self._refresh(tx, email, topics, cadence, confirmed=confirmed, now=now)
        sub = self.get_subscriber(email)
        assert sub is not None
        return sub, created

    def _refresh(self, tx: Tx, email: str, topics: Sequence[str], cadence: str, *, confirmed: bool,
                 now: datetime) -> None:
        row = tx.one("SELECT id, state, confirmed_at, topics, cadence, confirm_sent_at FROM subscribers"
                     " WHERE lower(email) = lower(?)" + self._db.dialect.for_update, (email,))
        assert row is not None  # the insert met this very row
        state, confirmed_at = row["state"], as_datetime(row["confirmed_at"])
        if (state == "pending" and not confirmed and row["confirm_sent_at"] is not None
                and (list(as_json(row["topics"], [])) != list(topics) or row["cadence"] != cadence)):
            # a pending address given another choice (the operator's `subscribers add`; the form only
            # after its 24 h): the mail already sent names the old choice, so its link must confirm
            # nothing, and the new choice gets its own mail, with a new link, at once (outside audit 8,
            # note 3: the old link confirmed topics its mail never named)
            tx.execute("UPDATE subscribers SET confirm_token = ?, confirm_sent_at = NULL WHERE id = ?",
                       (new_token(), row["id"]))
        if state == "unsubscribed":
            # a new subscription: the 24 h "nothing more" rule guards the pending mail of the old one,
            # whose link no longer opens anything, so the new one gets its own mail at once
            tx.execute("UPDATE subscribers SET confirm_token = ?, unsubscribe_token = ?, prefs_key = ?,"
                       " confirm_sent_at = NULL WHERE id = ?",
                       (new_token(), new_token(), new_token(), row["id"]))
            state = "pending"
        if confirmed and state != "confirmed":
            state, confirmed_at = "confirmed", now
        tx.execute("UPDATE subscribers SET topics = ?, cadence = ?, state = ?, confirmed_at = ? WHERE id = ?",
                   (Json(list(topics)), cadence, state, confirmed_at, row["id"]))

    def get_subscriber(self, email: str) -> Subscriber | None:
        row = self._db.one("SELECT * FROM subscribers WHERE lower(email) = lower(?)", (email,))
        return _subscriber(row) if row else None

    def get_subscriber_by_id(self, subscriber_id: int) -> Subscriber | None:
        row = self._db.one("SELECT * FROM subscribers WHERE id = ?", (subscriber_id,))
        return _subscriber(row) if row else None

    def subscriber_by_token(self, kind: str, token: str) -> Subscriber | None:
        column = _TOKEN_KINDS[kind]
        row = self._db.one(f"SELECT * FROM subscribers WHERE {column} = ?", (token,))
        # compare again in constant time: the index lookup is not the authority
        if row and secrets.compare_digest(row[column], token):
            return _subscriber(row)
        return None

    def list_subscribers(self, state: str | None = None) -> list[Subscriber]:
        if state is None:
            rows = self._db.all("SELECT * FROM subscribers ORDER BY email")
        else:
            rows = self._db.all("SELECT * FROM subscribers WHERE state = ? ORDER BY email", (state,))
        return [_subscriber(r) for r in rows]

    def set_subscriber_state(self, subscriber_id: int, state: str, now: datetime) -> None:
        """Confirming a pending subscriber uses up the confirm link (a never mailed token derived
        from it replaces it: spent_token); unsubscribing revokes every preference link (a new key)."""
        with self._db.transaction() as tx:
            if state == "confirmed":
                row = tx.one("SELECT confirm_token FROM subscribers WHERE id = ?" + self._db.dialect.for_update,
                             (subscriber_id,))
                tx.execute(
                    "UPDATE subscribers SET confirmed_at = COALESCE(confirmed_at, ?),"
                    " confirm_token = CASE WHEN state = 'pending' THEN ? ELSE confirm_token END, state = ?"
                    " WHERE id = ?",
                    (now, spent_token(row["confirm_token"]) if row else new_token(), state, subscriber_id),
                )
            elif state == "unsubscribed":
                tx.execute("UPDATE subscribers SET state = ?, prefs_key = ? WHERE id = ?",
                           (state, new_token(), subscriber_id))
            else:
                tx.execute("UPDATE subscribers SET state = ? WHERE id = ?", (state, subscriber_id))

    def update_subscriber(self, subscriber_id: int, **fields: object) -> None:
        """Set some of: topics, cadence, state, confirmed_at, last_digest_at, confirm_sent_at, bounces."""
        unknown = set(fields) - _FIELDS
        if unknown:
            raise ValueError(f"unknown subscriber fields: {sorted(unknown)}")
        values = {k: (Json(list(v)) if k == "topics" else v) for k, v in fields.items()}  # type: ignore[call-overload]
        sets = ", ".join(f"{k} = ?" for k in values)
        with self._db.transaction() as tx:
            tx.execute(f"UPDATE subscribers SET {sets} WHERE id = ?", (*values.values(), subscriber_id))

    def remove_subscriber(self, email: str) -> bool:
        """Erase the subscriber and their delivery ledger (data erasure, not a state)."""
        with self._db.transaction() as tx:
            return tx.execute("DELETE FROM subscribers WHERE lower(email) = lower(?)", (email,)) > 0


def _subscriber(r: Row) -> Subscriber:
    created = as_datetime(r["created"])
    assert created is not None
    return Subscriber(
        id=r["id"],
        email=r["email"],
        topics=tuple(as_json(r["topics"], [])),
        cadence=r["cadence"],
        state=r["state"],
        confirm_token=r["confirm_token"],
        unsubscribe_token=r["unsubscribe_token"],
        created=created,
        confirmed_at=as_datetime(r["confirmed_at"]),
        last_digest_at=as_datetime(r["last_digest_at"]),
        confirm_sent_at=as_datetime(r["confirm_sent_at"]),
        bounces=r["bounces"],
        prefs_key=r["prefs_key"] or "",
    )
