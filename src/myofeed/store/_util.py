"""Row <-> value helpers shared by the mixins."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any


def iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    return dt.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    dt = datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


# one encoder, not one per call: json.dumps with options builds a new JSONEncoder each time
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def dumps(value: Any) -> str:
    return _ENCODER.encode(value)


def loads(value: str | None, default: Any) -> Any:
    if not value:
        return default
    return json.loads(value)
