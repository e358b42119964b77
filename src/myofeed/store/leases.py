"""Work shared by several processes: workers claiming due sources with leases, digests
claimed per subscriber, and the one-publisher-at-a-time lock.

Sources. A worker claims a batch of due sources (`claim_due_sources`): each gets
`lease_owner` = the worker and `lease_until` = now + lease. While it works it renews
the batch (`renew_source_leases`, a heartbeat); it finishes each source with its
fetch outcome and posts in one transaction that also drops the lease
(`finish_fetch`). A worker that dies stops renewing: once `lease_until` has passed,
the source is claimable again and another worker fetches it. A lease never blocks
a source that is not due, and finishing moves `next_due` one interval on, so each
due source is fetched by one worker per due period (only a worker dying between
its fetch and `finish_fetch` repeats one fetch).

Politeness across workers: at most `per_host` sources of one host are leased at
once, whoever holds them (the same limit each worker's HTTP client keeps for
connections); hosts the operator runs (fetch.allow_hosts) and file: sources
(host '') are exempt.

Claims are one statement, serialized between claimers: PostgreSQL takes a
transaction advisory lock first (so two claimers never both see a host's last
free slot) and locks candidates `FOR UPDATE SKIP LOCKED` (a row some other
transaction is writing is skipped, never waited for); SQLite gets the same from
BEGIN IMMEDIATE, which admits one writer at a time.

Digests. `claim_digest` takes one subscriber's due digest: only while the
subscriber is confirmed and `last_digest_at` is still what the caller saw (so a
digest another worker has just recorded is never sent again), and only when no
live claim of another owner exists. The claim is dropped after the ledger write
(or the failure); a dead worker's claim expires after its lease.

Publisher. PostgreSQL: a session advisory lock on the caller's connection, which
the server drops when the process dies. SQLite: a named lease in `locks`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from ._db import Json, Tx
from .locks import LocksMixin

PUBLISHER_LOCK = 0x6D796670  # "myfp": pg_try_advisory_lock key of the one publisher
CLAIM_LOCK = 0x6D796663  # "myfc": pg_advisory_xact_lock key serializing source claims
PUBLISHER_STALE = 600.0  # SQLite: seconds before a publisher that stopped is ignored


def host_of(url: str) -> str:
    """The host politeness is counted by: lower-case, no port; '' for file: and paths (no network)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return ""
    return (parts.hostname or "").lower()


class LeasesMixin(LocksMixin):
    # --- list parameters: one spelling per backend ----------------------------------

    def _in(self, column: str) -> str:
        """`column` is one of a list given as one parameter (see `_list`)."""
        if self._db.dialect.name == "postgresql":
            return f"{column} = ANY(?)"
        return f"{column} IN (SELECT value FROM json_each(?))"

    def _list(self, values: Sequence[str]) -> object:
        return list(values) if self._db.dialect.name == "postgresql" else Json(list(values))

    # --- sources ---------------------------------------------------------------------

    def sync_hosts(self) -> int:
        """Fill in each source's host where it is missing or its URL moved to another host.
        Returns how many rows changed."""
        stale = [(host, r["name"]) for r in self._source_rows("name, url, host")
                 if r["host"] != (host := host_of(r["url"]))]
        if stale:
            with self._db.transaction() as tx:
                tx.executemany("UPDATE sources SET host = ? WHERE name = ?", stale)
        return len(stale)

    def claim_due_sources(
        self, worker_id: str, limit: int, lease: float, now: datetime, *, names: Sequence[str] | None = None,
        per_host: int | None = None, exempt_hosts: Sequence[str] = (), due_at: datetime | None = None,
    ) -> list[str]:
        """Lease up to `limit` due sources to `worker_id` until now + `lease` seconds; returns their names,
        most overdue first.

        Due at `due_at` (default `now`): never fetched, or next_due and any Retry-After passed; free: no
        lease, or one that expired (its worker died). `names`: only these sources (the configured ones).
        `per_host`: at most that many sources of one host leased at once across all workers, hosts in
        `exempt_hosts` (and file: sources) excepted.
        """
        if limit <= 0 or (names is not None and not names):
            return []
        due = due_at or now
        until = now + timedelta(seconds=lease)
        pg = self._db.dialect.name == "postgresql"
        only = f" AND {self._in('name')}" if names is not None else ""
        cap = per_host if per_host is not None else 1_000_000
        # the candidates: more than `limit`, so sources held back by their host do not starve the rest
        sql = (
            "WITH cand AS ("
            " SELECT name, host, next_due FROM sources"
            " WHERE (next_due IS NULL OR next_due <= ?) AND (retry_after_until IS NULL OR retry_after_until <= ?)"
            f" AND (lease_until IS NULL OR lease_until <= ?){only}"
            " ORDER BY next_due IS NOT NULL, next_due, name LIMIT ?"
            f"{self._db.dialect.skip_locked}"
            "), busy AS ("
            " SELECT host, COUNT(*) AS n FROM sources WHERE lease_until > ? GROUP BY host"
            "), ranked AS ("
            " SELECT c.name, c.host, c.next_due,"
            " ROW_NUMBER() OVER (PARTITION BY c.host ORDER BY c.next_due IS NOT NULL, c.next_due, c.name) AS rn"
            " FROM cand c"
            "), chosen AS ("
            " SELECT r.name FROM ranked r LEFT JOIN busy b ON b.host = r.host"
            f" WHERE COALESCE(r.host, '') = '' OR {self._in('r.host')} OR r.rn + COALESCE(b.n, 0) <= ?"
            " ORDER BY r.next_due IS NOT NULL, r.next_due, r.name LIMIT ?"
            ")"
            " UPDATE sources SET lease_owner = ?, lease_until = ? WHERE name IN (SELECT name FROM chosen)"
            " RETURNING name"
        )
        params: list[object] = [due, due, now]
        if names is not None:
            params.append(self._list(names))
        params += [max(limit * 4, limit + 64), now, self._list(exempt_hosts), cap, limit, worker_id, until]
        with self._db.transaction() as tx:
            if pg:
                tx.execute("SELECT pg_advisory_xact_lock(?)", (CLAIM_LOCK,))
            claimed = {r["name"] for r in tx.all(sql, params)}
            if not claimed:
                return []
            order = tx.all(
                f"SELECT name FROM sources WHERE {self._in('name')} ORDER BY next_due IS NOT NULL, next_due, name",
                (self._list(sorted(claimed)),),
            )
        return [r["name"] for r in order]

    def renew_source_leases(self, worker_id: str, names: Sequence[str], lease: float, now: datetime) -> list[str]:
        """Extend `worker_id`'s leases on `names` to now + `lease`; returns the names it still holds
        (a source missing here was taken over after the lease expired: its result is late)."""
        if not names:
            return []
        # rows locked in name order, as record_fetches takes them: two orders could wait in a cycle
        with self._db.transaction() as tx:
            if self._db.dialect.for_update:  # SQLite's transaction holds the whole database already
                tx.all(f"SELECT name FROM sources WHERE lease_owner = ? AND {self._in('name')} ORDER BY name"
                       f"{self._db.dialect.for_update}", (worker_id, self._list(names)))
            rows = tx.all(
                f"UPDATE sources SET lease_until = ? WHERE lease_owner = ? AND {self._in('name')} RETURNING name",
                (now + timedelta(seconds=lease), worker_id, self._list(names)),
            )
        return sorted(r["name"] for r in rows)

    def release_sources(self, worker_id: str, names: Sequence[str] | None = None) -> int:
        """Drop `worker_id`'s leases (on `names`, or all of them) without recording a fetch: the sources
        are claimable again at once (a worker stopping, a source it could not start)."""
        if names is not None and not names:
            return 0
        only = f" AND {self._in('name')}" if names is not None else ""
        params: tuple[object, ...] = (worker_id, self._list(names)) if names is not None else (worker_id,)
        return self._db.reader().execute(
            f"UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?{only}", params
        )

    def _drop_lease(self, tx: Tx, worker_id: str, source: str) -> None:
        tx.execute("UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE name = ? AND lease_owner = ?",
                   (source, worker_id))

    def source_leases(self, now: datetime) -> dict[str, str]:
        """Live leases: source name -> the worker holding it."""
        rows = self._db.all("SELECT name, lease_owner FROM sources WHERE lease_until > ? ORDER BY name", (now,))
        return {r["name"]: r["lease_owner"] for r in rows}

    # --- digests ---------------------------------------------------------------------

    def claim_digest(self, subscriber_id: int, owner: str, now: datetime, lease: float,
                     last_digest_at: datetime | None) -> bool:
        """Take the right to send this subscriber's due digest: True when the subscriber is confirmed, their
        last digest is still `last_digest_at` (what the caller planned from), and no other owner holds a
        live claim. Of racing workers exactly one wins: one INSERT takes the claim, then a second statement
        re-reads the last digest (see below)."""
        last = "s.last_digest_at IS NULL" if last_digest_at is None else "s.last_digest_at = ?"
        rows = self._db.reader().all(
            "INSERT INTO digest_claims (subscriber_id, owner, until)"
            f" SELECT s.id, ?, ? FROM subscribers s WHERE s.id = ? AND s.state = 'confirmed' AND {last}"
            " ON CONFLICT (subscriber_id) DO UPDATE SET owner = excluded.owner, until = excluded.until"
            " WHERE digest_claims.until <= ? OR digest_claims.owner = excluded.owner"
            " RETURNING subscriber_id",
            (owner, now + timedelta(seconds=lease), subscriber_id,
             *([] if last_digest_at is None else [last_digest_at]), now),
        )
        if not rows:
            return False
        # PostgreSQL: the INSERT may have waited on another worker's claim row that was dropped after that
        # worker recorded the digest; its SELECT still read the old last_digest_at (snapshot taken at the
        # start of the statement). A new statement sees that commit, so check again before sending.
        params = (subscriber_id, *([] if last_digest_at is None else [last_digest_at]))
        if self._db.reader().one(
                f"SELECT 1 AS ok FROM subscribers s WHERE s.id = ? AND s.state = 'confirmed' AND {last}", params):
            return True
        self.release_digest(subscriber_id, owner)
        return False

    def release_digest(self, subscriber_id: int, owner: str) -> None:
        self._db.reader().execute("DELETE FROM digest_claims WHERE subscriber_id = ? AND owner = ?",
                                  (subscriber_id, owner))

    def digest_claim_owner(self, subscriber_id: int, now: datetime) -> str | None:
        """Who holds a live claim on this subscriber's digest, if anyone."""
        row = self._db.one("SELECT owner FROM digest_claims WHERE subscriber_id = ? AND until > ?",
                           (subscriber_id, now))
        return row["owner"] if row else None

    # --- the one publisher -------------------------------------------------------------

    def try_publisher_lock(self, owner: str, now: datetime) -> bool:
        """Become the publisher, unless another process is publishing. Release with `release_publisher_lock`
        on the same thread (PostgreSQL holds it on this thread's connection)."""
        if self._db.dialect.name == "postgresql":
            row = self._db.reader().one("SELECT pg_try_advisory_lock(?) AS ok", (PUBLISHER_LOCK,))
            return bool(row and row["ok"])
        return self.acquire_lock("publish", owner, now, PUBLISHER_STALE)

    def release_publisher_lock(self, owner: str) -> None:
        if self._db.dialect.name == "postgresql":
            self._db.reader().one("SELECT pg_advisory_unlock(?) AS ok", (PUBLISHER_LOCK,))
            return
        self.release_lock("publish", owner)
