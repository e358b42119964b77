"""The storage contract for several processes at once, on every backend (see conftest.py):
source leases (claim, renew, expiry, takeover, release with the outcome, politeness per
host), digest claims, the publisher lock, change markers and published files. Racing
"processes" are handles of their own (Storage.clone), each on its own thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from myofeed._types import FetchOutcome, PostWrite
from myofeed.store.base import Storage
from myofeed.types import Source

from .conftest import NOW
from .test_contract import _ok, _post

LEASE = 60.0


def _sources(store: Storage, n: int, host: str = "h{i}.example") -> list[str]:
    srcs = [Source(f"s{i:03d}", f"https://{host.format(i=i)}/feed") for i in range(n)]
    store.sync_sources(srcs, NOW)
    return [s.name for s in srcs]


@pytest.fixture
def handles(store: Storage) -> Iterator[Callable[[int], list[Storage]]]:
    """n more handles on the same database, closed after the test."""
    opened: list[Storage] = []

    def make(n: int) -> list[Storage]:
        for _ in range(n):
            other = store.clone()
            assert other is not None
            opened.append(other)
        return opened[-n:]

    yield make
    for h in opened:
        h.close()


def _race(fns: list[Callable[[], object]]) -> list[object]:
    barrier = threading.Barrier(len(fns))

    def go(fn: Callable[[], object]) -> object:
        barrier.wait()
        return fn()

    with ThreadPoolExecutor(len(fns)) as pool:
        return list(pool.map(go, fns))


# --- source leases ---------------------------------------------------------------------


def test_claim_leases_due_sources_most_overdue_first(store: Storage) -> None:
    store.record_fetch("blog", _ok(at=NOW - timedelta(hours=2)), [])  # due an hour ago
    assert store.claim_due_sources("w1", 10, LEASE, NOW) == ["other", "blog"]  # never fetched first
    state = store.source_state("blog")
    assert state is not None and state.lease_owner == "w1" and state.lease_until == NOW + timedelta(seconds=LEASE)
    assert store.claim_due_sources("w2", 10, LEASE, NOW) == []  # leased: nobody else gets them
    assert store.source_leases(NOW) == {"blog": "w1", "other": "w1"}


def test_claim_respects_limit_names_and_schedule(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [])  # next due in an hour
    assert store.claim_due_sources("w1", 10, LEASE, NOW) == ["other"]
    store.release_sources("w1")
    assert store.claim_due_sources("w1", 10, LEASE, NOW, names=["blog"]) == []  # not due
    assert store.claim_due_sources("w1", 10, LEASE, NOW, names=[]) == []
    names = _sources(store, 5)
    assert store.claim_due_sources("w1", 3, LEASE, NOW, names=names) == names[:3]
    held = FetchOutcome(ok=False, at=NOW, next_due=NOW, error="HTTP 429", retry_after_until=NOW + timedelta(hours=1))
    store.record_fetch(names[3], held, [])
    assert store.claim_due_sources("w2", 10, LEASE, NOW, names=names) == [names[4]]  # Retry-After holds s003


def test_finishing_records_the_outcome_and_drops_the_lease(store: Storage) -> None:
    assert store.claim_due_sources("w1", 10, LEASE, NOW) == ["blog", "other"]
    assert store.finish_fetch("w1", "blog", _ok(), [_post("guid:1")]) == (1, 0)
    state = store.source_state("blog")
    assert state is not None and state.lease_owner is None and state.lease_until is None
    assert state.next_due == NOW + timedelta(hours=1) and [p.title for p in store.list_posts()] == [
        "Dermatomyositis basics"]
    # not due any more: a lease never outlives the fetch, and the schedule keeps it from a second one
    assert store.claim_due_sources("w2", 10, LEASE, NOW + timedelta(seconds=30)) == []  # "other": still w1's


def test_a_dead_workers_sources_are_taken_over_after_the_lease(store: Storage) -> None:
    assert store.claim_due_sources("dead", 10, LEASE, NOW) == ["blog", "other"]
    assert store.claim_due_sources("w2", 10, LEASE, NOW + timedelta(seconds=LEASE - 1)) == []
    later = NOW + timedelta(seconds=LEASE)
    assert store.claim_due_sources("w2", 10, LEASE, later) == ["blog", "other"]
    # the dead worker's late heartbeat finds nothing left, and its late release touches nothing
    assert store.renew_source_leases("dead", ["blog", "other"], LEASE, later) == []
    assert store.release_sources("dead") == 0
    assert store.source_leases(later) == {"blog": "w2", "other": "w2"}


def test_heartbeat_keeps_the_lease(store: Storage) -> None:
    store.claim_due_sources("w1", 10, LEASE, NOW)
    soon = NOW + timedelta(seconds=LEASE - 10)
    assert store.renew_source_leases("w1", ["blog", "other", "nope"], LEASE, soon) == ["blog", "other"]
    assert store.claim_due_sources("w2", 10, LEASE, NOW + timedelta(seconds=LEASE + 5)) == []
    assert store.claim_due_sources("w2", 10, LEASE, soon + timedelta(seconds=LEASE)) == ["blog", "other"]


def test_release_without_outcome_makes_sources_claimable_at_once(store: Storage) -> None:
    store.claim_due_sources("w1", 10, LEASE, NOW)
    assert store.release_sources("w1", ["blog"]) == 1
    assert store.claim_due_sources("w2", 10, LEASE, NOW) == ["blog"]
    assert store.release_sources("w1") == 1  # "other"
    assert store.claim_due_sources("w2", 10, LEASE, NOW) == ["other"]


def test_due_at_differs_from_the_lease_clock(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [])
    tomorrow = NOW + timedelta(days=1)
    assert store.claim_due_sources("w1", 10, LEASE, NOW, due_at=tomorrow) == ["other", "blog"]
    assert store.source_leases(NOW) == {"blog": "w1", "other": "w1"}


def test_politeness_per_host_holds_across_workers(store: Storage) -> None:
    names = _sources(store, 6, host="same.example")
    assert store.claim_due_sources("w1", 10, LEASE, NOW, names=names, per_host=2) == names[:2]
    assert store.claim_due_sources("w2", 10, LEASE, NOW, names=names, per_host=2) == []  # host full
    store.finish_fetch("w1", names[0], _ok(), [])
    assert store.claim_due_sources("w2", 10, LEASE, NOW, names=names, per_host=2) == [names[2]]
    # hosts the operator runs are exempt
    assert store.claim_due_sources("w3", 10, LEASE, NOW, names=names, per_host=2,
                                   exempt_hosts=["same.example"]) == names[3:]


def test_politeness_follows_a_permanent_redirect(store: Storage) -> None:
    store.claim_due_sources("w1", 1, LEASE, NOW, names=["blog"])
    store.finish_fetch("w1", "blog", FetchOutcome(ok=True, at=NOW - timedelta(hours=2), next_due=NOW,
                                                  new_url="https://other.example/blog"), [])
    # both sources are on other.example now: one slot, one source (the never fetched one first)
    assert store.claim_due_sources("w1", 10, LEASE, NOW, per_host=1) == ["other"]
    assert store.claim_due_sources("w2", 10, LEASE, NOW, per_host=1) == []
    assert store.claim_due_sources("w2", 10, LEASE, NOW, per_host=2) == ["blog"]


def test_file_sources_have_no_host_limit(store: Storage) -> None:
    store.sync_sources([Source(f"f{i}", f"file:///srv/demo/{i}.xml") for i in range(4)], NOW)
    names = [f"f{i}" for i in range(4)]
    assert store.claim_due_sources("w1", 10, LEASE, NOW, names=names, per_host=1) == names


def test_racing_claimers_never_share_a_source(store: Storage, handles: Callable[[int], list[Storage]]) -> None:
    names = _sources(store, 60, host="h{i}.example")
    workers = handles(4)
    got = _race([lambda h=h, i=i: h.claim_due_sources(f"w{i}", 20, LEASE, NOW, names=names)
                 for i, h in enumerate(workers)])
    claimed = [n for batch in got for n in batch]  # type: ignore[attr-defined]
    assert sorted(claimed) == sorted(set(claimed))  # no source twice
    assert len(claimed) == 60


def test_racing_claimers_keep_the_host_limit(store: Storage, handles: Callable[[int], list[Storage]]) -> None:
    names = _sources(store, 12, host="one.example")
    workers = handles(4)
    got = _race([lambda h=h, i=i: h.claim_due_sources(f"w{i}", 5, LEASE, NOW, names=names, per_host=3)
                 for i, h in enumerate(workers)])
    assert sum(len(batch) for batch in got) == 3  # type: ignore[arg-type]


# --- digest claims ------------------------------------------------------------------------


def test_a_due_digest_is_claimed_once(store: Storage) -> None:
    sub, _ = store.add_subscriber("a@example.org", ["research"], "daily", confirmed=True, now=NOW)
    assert store.claim_digest(sub.id, "w1", NOW, LEASE, None)
    assert store.claim_digest(sub.id, "w1", NOW, LEASE, None)  # ours: again
    assert not store.claim_digest(sub.id, "w2", NOW, LEASE, None)
    assert store.digest_claim_owner(sub.id, NOW) == "w1"
    store.record_digest(sub.id, [], NOW, "<m@example.org>")
    store.release_digest(sub.id, "w1")
    # w2 planned before w1 recorded: the digest it saw is gone
    assert not store.claim_digest(sub.id, "w2", NOW, LEASE, None)
    got = store.get_subscriber("a@example.org")
    assert got is not None and got.last_digest_at == NOW
    assert store.claim_digest(sub.id, "w2", NOW + timedelta(days=1), LEASE, NOW)  # the next one


def test_a_dead_workers_digest_claim_expires(store: Storage) -> None:
    sub, _ = store.add_subscriber("a@example.org", ["research"], "daily", confirmed=True, now=NOW)
    assert store.claim_digest(sub.id, "dead", NOW, LEASE, None)
    assert not store.claim_digest(sub.id, "w2", NOW + timedelta(seconds=LEASE - 1), LEASE, None)
    assert store.claim_digest(sub.id, "w2", NOW + timedelta(seconds=LEASE), LEASE, None)
    store.release_digest(sub.id, "dead")  # not its claim any more
    assert store.digest_claim_owner(sub.id, NOW + timedelta(seconds=LEASE)) == "w2"


def test_only_confirmed_subscribers_digests_are_claimed(store: Storage) -> None:
    sub, _ = store.add_subscriber("p@example.org", ["research"], "daily", confirmed=False, now=NOW)
    assert not store.claim_digest(sub.id, "w1", NOW, LEASE, None)
    store.set_subscriber_state(sub.id, "confirmed", NOW)
    assert store.claim_digest(sub.id, "w1", NOW, LEASE, None)
    store.release_digest(sub.id, "w1")
    store.set_subscriber_state(sub.id, "unsubscribed", NOW)
    assert not store.claim_digest(sub.id, "w1", NOW, LEASE, None)
    assert not store.claim_digest(99999, "w1", NOW, LEASE, None)


def test_racing_digest_claims_have_one_winner(store: Storage, handles: Callable[[int], list[Storage]]) -> None:
    subs = [store.add_subscriber(f"r{i}@example.org", ["research"], "daily", confirmed=True, now=NOW)[0]
            for i in range(10)]
    workers = handles(3)

    def claim_all(h: Storage, w: str) -> list[int]:
        return [s.id for s in subs if h.claim_digest(s.id, w, NOW, LEASE, None)]

    got = _race([lambda h=h, i=i: claim_all(h, f"w{i}") for i, h in enumerate(workers)])
    won = [i for batch in got for i in batch]  # type: ignore[attr-defined]
    assert sorted(won) == sorted(s.id for s in subs)


def test_erasing_a_subscriber_erases_its_claim(store: Storage) -> None:
    sub, _ = store.add_subscriber("e@example.org", ["research"], "daily", confirmed=True, now=NOW)
    assert store.claim_digest(sub.id, "w1", NOW, LEASE, None)
    assert store.remove_subscriber("e@example.org")
    assert store.digest_claim_owner(sub.id, NOW) is None


# --- the publisher, markers, published files -------------------------------------------------


def test_one_publisher_at_a_time(store: Storage, handles: Callable[[int], list[Storage]]) -> None:
    [other] = handles(1)
    assert store.try_publisher_lock("p1", NOW)
    assert not other.try_publisher_lock("p2", NOW)
    store.release_publisher_lock("p1")
    assert other.try_publisher_lock("p2", NOW)
    other.release_publisher_lock("p2")


def test_content_marker_moves_with_what_publish_shows(store: Storage) -> None:
    assert store.marker("content") == 0 and store.publish_needed()  # never published
    store.record_fetch("blog", _ok(), [_post("guid:1")])
    first = store.marker("content")
    assert first > 0
    store.record_fetch("blog", _ok(), [_post("guid:1")])  # nothing new: no move
    store.record_fetch("blog", FetchOutcome(ok=False, at=NOW, next_due=NOW, error="HTTP 500"), [])
    assert store.marker("content") == first
    store.write_published_files([("all.atom", b"<feed/>", "application/atom+xml")], NOW, covers=first)
    assert not store.publish_needed()
    [post] = store.list_posts()
    moves = [
        lambda: store.record_fetch("blog", _ok(), [_post("guid:1", "A new title")]),
        lambda: store.label_post(post.id, ["research"], [], NOW),
        lambda: store.hide_post(post.id, True),
        lambda: store.set_topics([(post.id, ("polymyositis",), {"polymyositis": ("term",)})]),
    ]
    for move in moves:
        before = store.marker("content")
        move()
        assert store.marker("content") == before + 1
        assert store.publish_needed()
    store.set_topics([])  # no change: no move
    assert store.marker("content") == first + len(moves)


def test_published_files_are_written_only_when_their_bytes_change(store: Storage) -> None:
    files = [("all.atom", b"<feed>1</feed>", "application/atom+xml; charset=utf-8"),
             ("index.html", b"<html></html>", "text/html; charset=utf-8")]
    first = store.write_published_files(files, NOW)
    assert first.written == ("all.atom", "index.html") and first.generation == 1
    again = store.write_published_files(files, NOW + timedelta(hours=1))
    assert again.written == () and again.unchanged == ("all.atom", "index.html") and again.generation == 1
    [atom, index] = store.published_files()
    assert atom.name == "all.atom" and atom.body == b"<feed>1</feed>" and atom.modified == NOW
    assert atom.etag.startswith('"') and atom.etag == store.published_etags()["all.atom"]
    assert atom.content_type == "application/atom+xml; charset=utf-8" and index.body == b"<html></html>"
    later = NOW + timedelta(hours=2)
    changed = store.write_published_files([("all.atom", b"<feed>2</feed>", files[0][2])], later)
    assert changed.written == ("all.atom",) and changed.removed == ("index.html",) and changed.generation == 2
    [atom2] = store.published_files(["all.atom"])
    assert atom2.modified == later and atom2.etag != atom.etag
    assert store.published_files([]) == [] and store.published_files(["nope"]) == []


def test_binary_bodies_round_trip(store: Storage) -> None:
    body = bytes(range(256)) * 4
    store.write_published_files([("blob.xml", body, "application/xml")], NOW)
    assert store.published_files(["blob.xml"])[0].body == body


def test_a_fresh_database_is_empty_for_db_copy(store: Storage) -> None:
    counts = store.table_counts()
    for table in ("digest_claims", "markers", "published_files"):
        assert counts[table] == 0


def _unused(_: PostWrite) -> None:  # keep the import for type checkers reading the helpers above
    pass


def test_retention_moves_the_content_marker(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("guid:1")])
    before = store.marker("content")
    assert store.prune_posts(NOW + timedelta(days=3650), set(), NOW) == 1
    assert store.marker("content") == before + 1
    assert store.prune_posts(NOW + timedelta(days=3650), set(), NOW) == 0  # nothing deleted: no move
    assert store.marker("content") == before + 1
