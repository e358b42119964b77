"""Sources and their fetch state (conditional-GET data, health, schedule)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime

from .._types import FetchOutcome, PostWrite
from ..types import Source, SourceStatus
from ._mixin import MixinBase
from ._util import dumps, iso, loads, parse_iso


class SourcesMixin(MixinBase):
    def sync_sources(self, sources: Sequence[Source], now: datetime) -> None:
        """Make the sources table match the config: new sources are due at once.

        Sources removed from the config keep their rows (and posts) so re-adding
        one does not re-announce old posts; they are simply never scheduled.
        """
        with self.transaction() as conn:
            for s in sources:
                row = conn.execute("SELECT config_url, kind FROM sources WHERE name = ?", (s.name,)).fetchone()
                if row is None:
                    conn.execute(
                        # next_due NULL: a new source is due at once, whatever clock --now sets
                        "INSERT INTO sources (name, url, config_url, kind, created) VALUES (?, ?, ?, ?, ?)",
                        (s.name, s.url, s.url, s.kind, iso(now)),
                    )
                elif row["config_url"] != s.url or row["kind"] != s.kind:
                    # the operator changed the address: old caching data no longer applies
                    conn.execute(
                        "UPDATE sources SET url = ?, config_url = ?, kind = ?, etag = NULL, last_modified = NULL,"
                        " next_due = NULL, broken = 0, broken_reason = NULL, last_count = NULL WHERE name = ?",
                        (s.url, s.url, s.kind, s.name),
                    )

    def source_state(self, name: str) -> dict[str, object] | None:
        rows = self.query("SELECT * FROM sources WHERE name = ?", (name,))
        return dict(rows[0]) if rows else None

    def due_sources(self, now: datetime) -> list[str]:
        rows = self.query(
            "SELECT name FROM sources WHERE (next_due IS NULL OR next_due <= ?)"
            " AND (retry_after_until IS NULL OR retry_after_until <= ?) ORDER BY next_due IS NOT NULL, next_due",
            (iso(now), iso(now)),
        )
        return [r["name"] for r in rows]

    def record_fetch(self, source: str, outcome: FetchOutcome, posts: Sequence[PostWrite]) -> tuple[int, int]:
        """Store one fetch's posts and the source's new state in one transaction.

        Returns (new, updated). A crash anywhere leaves both or neither.
        """
        with self.transaction() as conn:
            new, updated = self._write_posts(conn, source, posts, outcome.at) if posts else (0, 0)  # type: ignore[attr-defined]
            if outcome.ok:
                conn.execute(
                    "UPDATE sources SET etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),"
                    " last_success = ?, consecutive_failures = 0, last_error = NULL, next_due = ?,"
                    " retry_after_until = NULL, url = COALESCE(?, url), fetches = fetches + 1,"
                    " broken = ?, broken_reason = ?, feed_links = ?, last_count = COALESCE(?, last_count)"
                    " WHERE name = ?",
                    (
                        outcome.etag, outcome.last_modified, outcome.at, outcome.next_due, outcome.new_url,
                        1 if outcome.broken_reason else 0, outcome.broken_reason,
                        dumps(list(outcome.feed_links)), outcome.count, source,
                    ),
                )
            else:
                conn.execute(
                    "UPDATE sources SET last_error = ?, last_error_at = ?, consecutive_failures ="
                    " consecutive_failures + 1, next_due = ?, retry_after_until = ?, fetches = fetches + 1,"
                    " broken = CASE WHEN ? IS NULL THEN broken ELSE 1 END,"
                    " broken_reason = COALESCE(?, broken_reason) WHERE name = ?",
                    (
                        outcome.error, outcome.at, outcome.next_due, outcome.retry_after_until,
                        outcome.broken_reason, outcome.broken_reason, source,
                    ),
                )
        return new, updated

    def source_statuses(self) -> list[SourceStatus]:
        rows = self.query(
            "SELECT s.*, (SELECT COUNT(*) FROM posts p WHERE p.source = s.name) AS n FROM sources s ORDER BY s.name"
        )
        return [_status(r) for r in rows]

    def iter_source_rows(self) -> Iterator[sqlite3.Row]:
        yield from self.query("SELECT * FROM sources ORDER BY name")


def _status(r: sqlite3.Row) -> SourceStatus:
    return SourceStatus(
        name=r["name"],
        url=r["url"],
        last_success=parse_iso(r["last_success"]),
        last_error=r["last_error"],
        last_error_at=parse_iso(r["last_error_at"]),
        consecutive_failures=r["consecutive_failures"],
        next_fetch=parse_iso(max(filter(None, (r["next_due"], r["retry_after_until"])), default=None)),
        posts=r["n"],
        broken=bool(r["broken"]),
        broken_reason=r["broken_reason"],
        feed_links=tuple(loads(r["feed_links"], [])),
    )
