"""What only the PostgreSQL backend has: its schema version table, a server that is not
there, and several processes (here: handles with their own connections) racing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from myofeed.exceptions import DatabaseUnavailableError, SchemaVersionError
from myofeed.store import open_storage
from myofeed.store.postgres import PostgresStorage, redact
from myofeed.store.schema import SCHEMA_VERSION

from .conftest import NOW


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> str:
    from tests.pg import fresh_database

    return fresh_database(request, empty=True)


def _race(n: int, fn: Callable[[int], object]) -> list[object]:
    """n calls at once (a barrier releases them together), each on a thread of its own."""
    barrier = threading.Barrier(n)

    def go(i: int) -> object:
        barrier.wait()
        return fn(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(go, range(n)))


def test_schema_version_is_the_same_as_sqlite(pg_url: str) -> None:
    store = open_storage(pg_url)
    assert isinstance(store, PostgresStorage) and store.backend == "postgresql"
    assert store._db.one("SELECT version FROM schema_version") == {"version": SCHEMA_VERSION}  # type: ignore[attr-defined]
    store.close()


def test_newer_schema_refused(pg_url: str) -> None:
    store = open_storage(pg_url)
    store._db.reader().execute("UPDATE schema_version SET version = 999")  # type: ignore[attr-defined]
    store.close()
    with pytest.raises(SchemaVersionError, match="newer"):
        open_storage(pg_url)


def test_processes_starting_together_migrate_once(pg_url: str) -> None:
    stores = _race(4, lambda _: open_storage(pg_url))
    try:
        counts = stores[0]._db.one("SELECT COUNT(*) AS n FROM schema_version")  # type: ignore[attr-defined]
        assert counts == {"n": 1}
    finally:
        for s in stores:
            s.close()  # type: ignore[attr-defined]


def test_a_server_that_is_not_there_is_one_clear_error() -> None:
    with pytest.raises(DatabaseUnavailableError) as info:
        PostgresStorage("postgresql://myofeed:s3cret@127.0.0.1:9/myofeed", connect_timeout=2)
    assert "s3cret" not in str(info.value) and "127.0.0.1:9" in str(info.value)
    assert "\n" not in str(info.value)


def test_password_is_never_shown() -> None:
    assert redact("postgresql://ada:p%40ss@db.example:5432/feeds") == "postgresql://ada:***@db.example:5432/feeds"
    assert redact("postgresql://ada@db.example/feeds") == "postgresql://ada@db.example/feeds"


def test_one_lock_holder_among_racing_processes(pg_url: str) -> None:
    stores = [open_storage(pg_url) for _ in range(6)]
    try:
        won = _race(6, lambda i: stores[i].acquire_lock("digest", f"worker-{i}", NOW, 900))
        assert sum(bool(w) for w in won) == 1
        assert stores[0].lock_owner("digest") == f"worker-{won.index(True)}"
    finally:
        for s in stores:
            s.close()


def test_one_confirmation_mail_among_racing_sign_ups(pg_url: str) -> None:
    from datetime import timedelta

    stores = [open_storage(pg_url) for _ in range(6)]
    try:
        sub, _ = stores[0].add_subscriber("ada@mail.example", ["research"], "daily", confirmed=False, now=NOW)
        claims = _race(6, lambda i: stores[i].claim_confirmation(sub.id, NOW, NOW - timedelta(hours=24))[0])
        assert sum(bool(c) for c in claims) == 1
        subs = _race(6, lambda i: stores[i].add_subscriber("bo@mail.example", ["research"], "daily",
                                                           confirmed=False, now=NOW))
        assert sum(created for _, created in subs) == 1 and len({s.id for s, _ in subs}) == 1  # type: ignore[misc]
    finally:
        for s in stores:
            s.close()


def test_a_digest_recorded_while_a_claim_waits_is_not_claimed_again(pg_url: str) -> None:
    """Worker A records a digest and drops its claim while B's claim statement waits on that claim row:
    B's statement began before A's commit (READ COMMITTED: it still saw the old last digest), but once
    A's row is gone its INSERT goes through. B must not win a digest that was just sent."""
    import time
    from datetime import timedelta

    import psycopg

    a_store, b_store = open_storage(pg_url), open_storage(pg_url)
    try:
        sub, _ = a_store.add_subscriber("ada@mail.example", ["research"], "daily", confirmed=True, now=NOW)
        assert a_store.claim_digest(sub.id, "a", NOW, 900, None)
        got: list[bool] = []
        with psycopg.connect(pg_url, autocommit=False) as a:
            a.execute("UPDATE subscribers SET last_digest_at = %s WHERE id = %s", (NOW, sub.id))
            a.execute("DELETE FROM digest_claims WHERE subscriber_id = %s", (sub.id,))
            waiter = threading.Thread(target=lambda: got.append(
                b_store.claim_digest(sub.id, "b", NOW + timedelta(seconds=1), 900, None)))
            waiter.start()
            deadline = time.monotonic() + 10
            with psycopg.connect(pg_url, autocommit=True) as probe:
                while time.monotonic() < deadline:  # B is blocked on A's deleted claim row
                    row = probe.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                        " AND datname = current_database()").fetchone()
                    if row and row[0]:
                        break
                    time.sleep(0.02)
                else:
                    pytest.fail("the second claim never waited on the first one's row")
            a.commit()
            waiter.join(10)
        assert got == [False]
        assert b_store.digest_claim_owner(sub.id, NOW + timedelta(seconds=2)) is None
    finally:
        a_store.close()
        b_store.close()
