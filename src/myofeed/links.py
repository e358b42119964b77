"""Signed, expiring preference links: `preferences/<id>.<expiry>.<signature>`.

The unsubscribe token travels in every mail's List-Unsubscribe header, where
mail providers, forwarders and archives see it; it may unsubscribe (RFC 8058
wants exactly that) but must not open the subscriber's preferences. So the
preference link carries its own token: the subscriber's id, an expiry day
and an HMAC of both under the subscriber's `prefs_key`, a secret that is
stored, never mailed. A link works for PREFS_VALID after the mail; a new
key (on unsubscribe, or when the address subscribes anew) revokes them all.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from datetime import UTC, datetime, timedelta

from .types import Subscriber

PREFS_VALID = timedelta(days=45)  # a weekly digest's link outlives the next few digests
_TOKEN = re.compile(r"(\d{1,12})\.(\d{1,7})\.([A-Za-z0-9_-]{43})")
_DAY = 86400


def _day(when: datetime) -> int:
    return int(when.astimezone(UTC).timestamp()) // _DAY


def _signature(key: str, subscriber_id: int, expiry_day: int) -> str:
    mac = hmac.new(key.encode(), f"myofeed-preferences:{subscriber_id}:{expiry_day}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()).decode().rstrip("=")


def preferences_token(sub: Subscriber, now: datetime) -> str:
    """The token of a preference link mailed or shown to `sub` at `now`."""
    if not sub.prefs_key:
        raise ValueError(f"subscriber {sub.id} has no preferences key")
    expiry = _day(now + PREFS_VALID)
    return f"{sub.id}.{expiry}.{_signature(sub.prefs_key, sub.id, expiry)}"


def token_subscriber_id(token: str) -> int | None:
    """The subscriber id a well-formed token names (not yet checked), else None."""
    m = _TOKEN.fullmatch(token)
    return int(m.group(1)) if m else None


def check_preferences_token(token: str, sub: Subscriber, now: datetime) -> str:
    """'ok', 'expired' (a genuine link past its day) or 'invalid'."""
    m = _TOKEN.fullmatch(token)
    if m is None or not sub.prefs_key or int(m.group(1)) != sub.id:
        return "invalid"
    expiry = int(m.group(2))
    if not hmac.compare_digest(m.group(3), _signature(sub.prefs_key, sub.id, expiry)):
        return "invalid"
    return "ok" if _day(now) <= expiry else "expired"
