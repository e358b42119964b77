"""Sources and their fetch state (conditional-GET data, health, schedule)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .._types import FetchOutcome, PostWrite, SourceState
from ..types import Source, SourceStatus
from ._db import Json, Row, Tx, as_datetime, as_json
from ._mixin import SOURCE_PAGE, MixinBase


class SourcesMixin(MixinBase):
    def sync_sources(self, sources: Sequence[Source], now: datetime) -> None:
        """Make the sources table match the config: new sources are due at once.

        Only a changed URL resets the caching data (ETag, Last-Modified, schedule, broken
        flag): processes whose configs differ in anything else (a kind, the order) never
        undo each other's fetch state. A changed interval moves the next fetch to the last
        fetch plus the new interval (`replan_sources`). Sources removed from the config keep
        their rows (and posts) so re-adding one does not re-announce old posts; they are
        simply never scheduled.
        """
        by_name = {s.name: s for s in sources}
        present: set[str] = set()
        differ: dict[str, Row] = {}  # rows whose URL or kind the config changed
        for r in self._source_rows("name, config_url, kind"):
            s = by_name.get(r["name"])
            if s is None:
                continue
            present.add(s.name)
            if r["config_url"] != s.url or r["kind"] != s.kind:
                differ[s.name] = r
        if not differ and len(present) == len(by_name):
            # nothing to write: no write transaction (and no lock) for an unchanged config
            self.replan_sources(sources)
            return
        self._sync_rows(sources, present, differ, now)
        self.replan_sources(sources)

    def replan_sources(self, sources: Sequence[Source]) -> None:
        """Recompute each fetched source's next due time from its last fetch and its configured
        interval; writes only the rows whose time moved (an interval changed since their last
        fetch), and only when no fetch was recorded meanwhile."""
        from ..schedule import planned_due

        intervals = {s.name: s.interval for s in sources}
        moved = []
        # only what planned_due reads (every run of every command: no conditional-GET data, feed links)
        rows = self._source_rows(
            "name, url, config_url, kind, created, last_success, last_error_at, consecutive_failures,"
            " next_due, retry_after_until, fetches", "next_due IS NOT NULL")
        for state in map(_schedule_state, rows):
            if state.name not in intervals or state.next_due is None:
                continue
            planned = planned_due(state, intervals[state.name])
            if planned is not None and planned != state.next_due:
                moved.append((planned, state.name, state.fetches))
        if not moved:
            return
        with self._db.transaction() as tx:
            for planned, name, fetches in moved:
                tx.execute("UPDATE sources SET next_due = ? WHERE name = ? AND fetches = ?", (planned, name, fetches))

    def _sync_rows(self, sources: Sequence[Source], present: set[str], differ: dict[str, Row],
                   now: datetime) -> None:
        """`present`: the sources that have a row; `differ`: those whose row has another URL or kind."""
        with self._db.transaction() as tx:
            for s in sources:
                if s.name in present and s.name not in differ:
                    continue
                row = differ.get(s.name)
                if row is None:
                    # next_due NULL: a new source is due at once, whatever clock --now sets
                    tx.execute(
                        "INSERT INTO sources (name, url, config_url, kind, created) VALUES (?, ?, ?, ?, ?)"
                        " ON CONFLICT (name) DO NOTHING",
                        (s.name, s.url, s.url, s.kind, now),
                    )
                elif row["config_url"] != s.url:
                    # the operator changed the address: old caching data no longer applies
                    tx.execute(
                        "UPDATE sources SET url = ?, config_url = ?, kind = ?, etag = NULL, last_modified = NULL,"
                        " next_due = NULL, broken = FALSE, broken_reason = NULL, last_count = NULL"
                        " WHERE name = ? AND config_url <> ?",
                        (s.url, s.url, s.kind, s.name, s.url),
                    )
                elif row["kind"] != s.kind:
                    tx.execute("UPDATE sources SET kind = ? WHERE name = ?", (s.kind, s.name))

    def source_state(self, name: str) -> SourceState | None:
        row = self._db.one("SELECT * FROM sources WHERE name = ?", (name,))
        return _state(row) if row else None

    def source_states(self, names: Sequence[str] | None = None) -> list[SourceState]:
        """Every source's state by name, or those of `names` (the ones that have a row, in no set order)."""
        if names is None:
            return [_state(r) for r in self._source_rows("*")]
        states: list[SourceState] = []
        for i in range(0, len(names), SOURCE_PAGE):
            chunk = list(names[i:i + SOURCE_PAGE])
            marks = ", ".join("?" * len(chunk))
            states += map(_state, self._db.all(f"SELECT * FROM sources WHERE name IN ({marks})", chunk))
        return states

    def due_sources(self, now: datetime) -> list[str]:
        rows = self._db.all(
            "SELECT name FROM sources WHERE (next_due IS NULL OR next_due <= ?)"
            " AND (retry_after_until IS NULL OR retry_after_until <= ?)"
            " ORDER BY next_due IS NOT NULL, next_due, name",
            (now, now),
        )
        return [r["name"] for r in rows]

    def record_fetch(self, source: str, outcome: FetchOutcome, posts: Sequence[PostWrite]) -> tuple[int, int]:
        """Store one fetch's posts and the source's new state in one transaction.

        Returns (new, updated). A crash anywhere leaves both or neither.
        """
        with self._db.transaction() as tx:
            new, updated = self._write_posts(tx, source, posts, outcome.at) if posts else (0, 0)  # type: ignore[attr-defined]
            if outcome.ok:
                _record_success(tx, source, outcome)
            else:
                _record_failure(tx, source, outcome)
        return new, updated

    def source_statuses(self) -> list[SourceStatus]:
        rows = self._db.all(
            "SELECT s.*, (SELECT COUNT(*) FROM posts p WHERE p.source = s.name) AS n FROM sources s ORDER BY s.name"
        )
        return [_status(r) for r in rows]


def _record_success(tx: Tx, source: str, o: FetchOutcome) -> None:
    tx.execute(
        "UPDATE sources SET etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),"
        " last_success = ?, consecutive_failures = 0, last_error = NULL, next_due = ?,"
        " retry_after_until = NULL, url = COALESCE(?, url), fetches = fetches + 1,"
        " broken = ?, broken_reason = ?, feed_links = ?, last_count = COALESCE(?, last_count)"
        " WHERE name = ?",
        (o.etag, o.last_modified, o.at, o.next_due, o.new_url, o.broken_reason is not None, o.broken_reason,
         Json(list(o.feed_links)), o.count, source),
    )


def _record_failure(tx: Tx, source: str, o: FetchOutcome) -> None:
    # a failure marks the source broken when it says why (a listing that stopped yielding posts);
    # any other failure keeps the flag as it was
    broken = ", broken = TRUE, broken_reason = ?" if o.broken_reason is not None else ""
    tx.execute(
        "UPDATE sources SET last_error = ?, last_error_at = ?, consecutive_failures = consecutive_failures + 1,"
        f" next_due = ?, retry_after_until = ?, fetches = fetches + 1{broken} WHERE name = ?",
        (o.error, o.at, o.next_due, o.retry_after_until, *([o.broken_reason] if broken else []), source),
    )


def _state(r: Row) -> SourceState:
    created = as_datetime(r["created"])
    assert created is not None
    return SourceState(
        name=r["name"], url=r["url"], config_url=r["config_url"], kind=r["kind"], created=created,
        etag=r["etag"], last_modified=r["last_modified"], last_success=as_datetime(r["last_success"]),
        last_error=r["last_error"], last_error_at=as_datetime(r["last_error_at"]),
        consecutive_failures=r["consecutive_failures"], next_due=as_datetime(r["next_due"]),
        retry_after_until=as_datetime(r["retry_after_until"]), broken=bool(r["broken"]),
        broken_reason=r["broken_reason"], feed_links=tuple(as_json(r["feed_links"], [])),
        last_count=r["last_count"], fetches=r["fetches"], lease_owner=r["lease_owner"],
        lease_until=as_datetime(r["lease_until"]),
    )


def _schedule_state(r: Row) -> SourceState:
    """A source's state with its schedule's columns only (`replan_sources`)."""
    created = as_datetime(r["created"])
    assert created is not None
    return SourceState(
        name=r["name"], url=r["url"], config_url=r["config_url"], kind=r["kind"], created=created,
        last_success=as_datetime(r["last_success"]), last_error_at=as_datetime(r["last_error_at"]),
        consecutive_failures=r["consecutive_failures"], next_due=as_datetime(r["next_due"]),
        retry_after_until=as_datetime(r["retry_after_until"]), fetches=r["fetches"],
    )


def _status(r: Row) -> SourceStatus:
    due = [d for d in (as_datetime(r["next_due"]), as_datetime(r["retry_after_until"])) if d is not None]
    return SourceStatus(
        name=r["name"],
        url=r["config_url"],
        redirected_to=r["url"] if r["url"] != r["config_url"] else None,
        last_success=as_datetime(r["last_success"]),
        last_error=r["last_error"],
        last_error_at=as_datetime(r["last_error_at"]),
        consecutive_failures=r["consecutive_failures"],
        next_fetch=max(due, default=None),
        posts=r["n"],
        broken=bool(r["broken"]),
        broken_reason=r["broken_reason"],
        feed_links=tuple(as_json(r["feed_links"], [])),
    )
