"""The storage contract, run on every backend (see conftest.py): dedup keys, fixed
publication dates, updates, corrections, transactions that leave nothing
half-written, typed results with aware datetimes, ids from the database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from myofeed._types import FetchOutcome, FetchRecord, PostWrite, SourceState
from myofeed.exceptions import ConflictError, NotFoundError, StorageError
from myofeed.store.base import Storage
from myofeed.types import Source, TopicStat

from .conftest import NOW

DAY = datetime(2025, 11, 20, tzinfo=timezone.utc)


def _post(key: str, title: str = "Dermatomyositis basics", **kw: object) -> PostWrite:
    base = dict(
        dedup_key=key, title=title, url=f"https://blog.example/{key}", author="Ada Example",
        published="2025-11-20", sort_key=DAY, comments=3, summary="About DM.",
        summary_html=None, guid=None, categories=(), labels=("dermatomyositis", "autoimmune-myopathy"),
        evidence={"dermatomyositis": ("term 'dermatomyositis'",), "autoimmune-myopathy": ("parent",)},
    )
    base.update(kw)
    return PostWrite(**base)  # type: ignore[arg-type]


def _ok(at: datetime = NOW, **kw: object) -> FetchOutcome:
    return FetchOutcome(ok=True, at=at, next_due=at + timedelta(hours=1), **kw)  # type: ignore[arg-type]


# --- posts -------------------------------------------------------------------------


def test_same_posts_twice_store_nothing_new(store: Storage) -> None:
    assert store.record_fetch("blog", _ok(), [_post("guid:1"), _post("guid:2", "Other")]) == (2, 0)
    assert store.record_fetch("blog", _ok(), [_post("guid:1"), _post("guid:2", "Other")]) == (0, 0)
    assert len(store.list_posts()) == 2


def test_record_fetches_stores_each_source_alone_in_one_transaction(store: Storage) -> None:
    """An ingest pass's writer stores many sources per transaction, a savepoint each: the source whose
    write fails (a post without a title breaks NOT NULL) is rolled back alone, the others are stored."""
    results = store.record_fetches([
        FetchRecord("blog", _ok(), [_post("guid:1"), _post("guid:2", "Other")]),
        FetchRecord("other", _ok(), [_post("guid:3"), _post("guid:4", None)]),  # type: ignore[arg-type]
        FetchRecord("other", _ok(), [_post("guid:5", "Polymyositis")]),
    ])
    assert results[0] == (2, 0) and results[2] == (1, 0)
    assert isinstance(results[1], StorageError)
    assert sorted(p.dedup_key for p in store.list_posts(include_hidden=True)) == ["guid:1", "guid:2", "guid:5"]
    state = store.source_state("blog")
    assert state is not None and state.last_success is not None and state.consecutive_failures == 0


def test_content_hashes_match_what_a_worker_computes(store: Storage) -> None:
    from myofeed.contenthash import content_hash

    post = _post("guid:1", categories=("news", "IVIG"), summary_html="<p>About DM.</p>")
    store.record_fetch("blog", _ok(), [post])
    assert store.content_hashes("blog") == {"guid:1": content_hash(
        post.title, post.url, post.author, post.comments, post.summary, post.summary_html, post.guid,
        post.categories)}
    assert store.content_hashes("other") == {}


def test_dedup_key_is_per_source(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("url:x")])
    assert store.record_fetch("other", _ok(), [_post("url:x")]) == (1, 0)


def test_the_same_post_twice_in_one_document_is_stored_once(store: Storage) -> None:
    assert store.record_fetch("blog", _ok(), [_post("guid:1"), _post("guid:1", "Second copy")]) == (1, 0)
    assert [p.title for p in store.list_posts()] == ["Dermatomyositis basics"]


def test_changed_title_updates_row_but_never_the_date(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("guid:1")])
    changed = _post("guid:1", "Dermatomyositis basics, revised", published="2026-01-01",
                    sort_key=datetime(2026, 1, 1, tzinfo=timezone.utc), comments=9)
    assert store.record_fetch("blog", _ok(NOW + timedelta(hours=1)), [changed]) == (0, 1)
    [p] = store.list_posts()
    assert p.title == "Dermatomyositis basics, revised"
    assert p.comments == 9
    assert p.published == "2025-11-20"
    assert p.first_seen == NOW and p.updated == NOW + timedelta(hours=1)


def test_an_unknown_date_is_filled_once(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("guid:1", published=None, sort_key=NOW)])
    later = datetime(2025, 11, 19, 10, 0, tzinfo=timezone.utc)
    store.record_fetch("blog", _ok(), [_post("guid:1", "New title", published="2025-11-19T10:00:00Z", sort_key=later)])
    [p] = store.list_posts()
    assert p.published == "2025-11-19T10:00:00Z"


def test_post_fields_round_trip_with_aware_datetimes(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("guid:1", categories=("Myositis", "Ärzte"), comments=None,
                                             summary_html="<p>About <b>DM</b></p>", guid="g-1")])
    [p] = store.list_posts()
    assert p.categories == ("Myositis", "Ärzte") and p.comments is None and p.guid == "g-1"
    assert p.summary_html == "<p>About <b>DM</b></p>"
    assert p.evidence == {"autoimmune-myopathy": ("parent",), "dermatomyositis": ("term 'dermatomyositis'",)}
    assert list(p.evidence) == sorted(p.evidence)  # one order whatever the backend keeps
    assert p.topics == ("autoimmune-myopathy", "dermatomyositis")
    assert p.first_seen.tzinfo is not None and p.first_seen == NOW
    assert store.get_post(p.id) == p


def test_naive_and_offset_datetimes_are_stored_as_the_same_instant(store: Storage) -> None:
    plus_one = timezone(timedelta(hours=1))
    store.record_fetch("blog", _ok(NOW.astimezone(plus_one)), [_post("guid:1")])
    [p] = store.list_posts()
    assert p.first_seen == NOW and p.first_seen.utcoffset() == timedelta(0)


def test_post_ids_come_from_the_database_in_document_order(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post(f"guid:{i}", f"Post {i}") for i in range(5)])
    by_key = {p.dedup_key: p.id for p in store.list_posts()}
    ids = [by_key[f"guid:{i}"] for i in range(5)]
    assert ids == sorted(ids) and len(set(ids)) == 5
    store.record_fetch("other", _ok(), [_post("guid:x", "Later")])
    [later] = store.list_posts(source="other")
    assert later.id > max(ids)


def test_list_posts_order_filters_and_limit(store: Storage) -> None:
    posts = [_post(f"guid:{i}", f"Post {i}", sort_key=DAY + timedelta(days=i)) for i in range(4)]
    store.record_fetch("blog", _ok(), posts)
    store.record_fetch("other", _ok(NOW + timedelta(days=2)), [_post("guid:o", "Other source", labels=(), evidence={})])
    assert [p.title for p in store.list_posts(limit=2)] == ["Post 3", "Post 2"]
    assert [p.title for p in store.list_posts(source="other")] == ["Other source"]
    assert len(store.list_posts(on_topic_only=True)) == 4
    assert [p.title for p in store.list_posts(since=NOW + timedelta(days=1))] == ["Other source"]
    assert [p.title for p in store.list_posts(since=NOW)] == ["Post 3", "Post 2", "Post 1", "Other source", "Post 0"]  # ties: newest id first


def test_iter_posts_walks_every_post_by_id(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post(f"guid:{i}", f"Post {i}") for i in range(1203)])
    ids = [p.id for p in store.iter_posts()]
    assert len(ids) == 1203 and ids == sorted(ids)


def test_topics_and_filters(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("guid:1"), _post("guid:2", "Off", labels=(), evidence={})])
    assert [p.title for p in store.list_posts(topic="autoimmune-myopathy")] == ["Dermatomyositis basics"]
    assert len(store.list_posts(on_topic_only=True)) == 1
    assert len(store.list_posts()) == 2
    stats = store.topic_stats()
    assert stats["dermatomyositis"] == TopicStat(1, DAY)
    assert stats["all"] == TopicStat(1, DAY)


def test_corrections_survive_reclassification(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("guid:1")])
    [p] = store.list_posts()
    store.label_post(p.id, ["treatment"], ["dermatomyositis"], NOW)
    assert set(store.get_post(p.id).topics) == {"treatment", "autoimmune-myopathy"}
    assert store.corrections(p.id) == {"dermatomyositis": "-", "treatment": "+"}
    store.set_topics([(p.id, ("dermatomyositis", "autoimmune-myopathy", "research"), {})])
    assert set(store.get_post(p.id).topics) == {"treatment", "autoimmune-myopathy", "research"}
    store.hide_post(p.id)
    assert store.list_posts() == []
    assert store.list_posts(include_hidden=True)[0].hidden
    assert store.topic_stats()["all"] == TopicStat(0, None)
    store.hide_post(p.id, False)
    assert not store.get_post(p.id).hidden


def test_missing_post_is_not_found(store: Storage) -> None:
    with pytest.raises(NotFoundError):
        store.get_post(999)
    with pytest.raises(NotFoundError):
        store.hide_post(999)
    with pytest.raises(NotFoundError):
        store.label_post(999, ["treatment"], [], NOW)


def test_failed_batch_leaves_nothing(store: Storage) -> None:
    bad = _post("guid:2", labels=("dermatomyositis", None))  # NULL topic violates NOT NULL
    with pytest.raises(ConflictError):
        store.record_fetch("blog", _ok(etag='"v2"'), [_post("guid:1"), bad])
    assert store.list_posts() == []
    state = store.source_state("blog")
    assert state is not None and state.etag is None  # the state update rolled back too


def test_a_post_of_an_unknown_source_is_refused(store: Storage) -> None:
    with pytest.raises(StorageError):
        store.record_fetch("nobody", _ok(), [_post("guid:1")])
    assert store.list_posts() == []


# --- sources -------------------------------------------------------------------------


def test_source_state_is_typed(store: Storage) -> None:
    state = store.source_state("blog")
    assert isinstance(state, SourceState)
    assert state.url == state.config_url == "https://blog.example/feed"
    assert state.created == NOW and state.next_due is None and state.fetches == 0 and not state.broken
    assert store.source_state("nobody") is None
    assert [s.name for s in store.source_states()] == ["blog", "other"]


def test_the_sources_table_is_read_page_by_page(store: Storage, monkeypatch: pytest.MonkeyPatch) -> None:
    """Passes over every source (sync, replan, hosts, states) read the table in pages by name, each
    source once, so that 2,000 sources are never one list in memory (issue 14); `source_states(names)`
    reads those named that have a row."""
    from myofeed.store import _mixin

    monkeypatch.setattr(_mixin, "SOURCE_PAGE", 2)
    names = [f"s{i:02d}" for i in range(7)]
    sources = [Source(n, f"https://{n}.example/feed") for n in names]
    store.sync_sources([*sources, Source("blog", "https://blog.example/feed"),
                        Source("other", "https://other.example/feed")], NOW)
    pages = list(store._source_rows("name", size=2))  # type: ignore[attr-defined]
    assert [r["name"] for r in pages] == sorted(["blog", "other", *names])
    due = list(store._source_rows("name", "name <> ?", ("s03",), size=3))  # type: ignore[attr-defined]
    assert [r["name"] for r in due] == sorted(["blog", "other", *names[:3], *names[4:]])
    assert [s.name for s in store.source_states()] == sorted(["blog", "other", *names])
    assert sorted(s.name for s in store.source_states(["s01", "s05", "nobody"])) == ["s01", "s05"]
    assert store.source_states([]) == []
    # a changed URL still resets the caching data, an unchanged config writes nothing
    store.record_fetch("s04", _ok(etag='"a"'), [])
    store.sync_sources([*sources[:4], Source("s04", "https://moved.example/feed"), *sources[5:]], NOW)
    moved = store.source_state("s04")
    assert moved is not None and moved.config_url == "https://moved.example/feed" and moved.etag is None
    store.sync_sources([*sources[:4], Source("s04", "https://moved.example/feed"), *sources[5:]], NOW)
    assert store.source_state("s06") is not None


def test_fetch_state_and_failures(store: Storage) -> None:
    store.record_fetch("blog", _ok(etag='"a"', last_modified="Thu, 20 Nov 2025 09:00:00 GMT",
                                   feed_links=("https://blog.example/atom",), count=4), [])
    fail = FetchOutcome(ok=False, at=NOW, next_due=NOW + timedelta(hours=2), error="HTTP 500",
                        retry_after_until=NOW + timedelta(hours=2))
    store.record_fetch("blog", fail, [])
    store.record_fetch("blog", fail, [])
    [s] = [x for x in store.source_statuses() if x.name == "blog"]
    assert s.consecutive_failures == 2 and s.last_error == "HTTP 500" and s.last_error_at == NOW
    assert s.next_fetch == NOW + timedelta(hours=2)
    state = store.source_state("blog")
    assert state is not None
    assert state.etag == '"a"' and state.last_count == 4 and state.feed_links == ("https://blog.example/atom",)
    assert state.retry_after_until == NOW + timedelta(hours=2) and state.fetches == 3
    store.record_fetch("blog", _ok(), [])
    [s] = [x for x in store.source_statuses() if x.name == "blog"]
    assert s.consecutive_failures == 0 and s.last_error is None and s.last_success == NOW


def test_broken_flag_is_set_by_a_reason_and_cleared_by_a_success(store: Storage) -> None:
    store.record_fetch("blog", FetchOutcome(ok=False, at=NOW, next_due=NOW, error="no posts",
                                            broken_reason="no posts"), [])
    state = store.source_state("blog")
    assert state is not None and state.broken and state.broken_reason == "no posts"
    store.record_fetch("blog", FetchOutcome(ok=False, at=NOW, next_due=NOW, error="HTTP 500"), [])
    state = store.source_state("blog")
    assert state is not None and state.broken  # an ordinary failure keeps the flag
    store.record_fetch("blog", _ok(), [])
    state = store.source_state("blog")
    assert state is not None and not state.broken and state.broken_reason is None


def test_due_sources(store: Storage) -> None:
    assert store.due_sources(NOW) == ["blog", "other"]  # never fetched: due at once
    store.record_fetch("blog", _ok(), [])  # next due in an hour
    assert store.due_sources(NOW) == ["other"]
    assert store.due_sources(NOW + timedelta(hours=1)) == ["other", "blog"]
    held = FetchOutcome(ok=False, at=NOW, next_due=NOW, error="HTTP 429", retry_after_until=NOW + timedelta(hours=3))
    store.record_fetch("other", held, [])
    assert store.due_sources(NOW + timedelta(hours=2)) == ["blog"]


def test_permanent_redirect_moves_the_fetch_url(store: Storage) -> None:
    store.record_fetch("blog", _ok(new_url="https://blog.example/moved"), [])
    state = store.source_state("blog")
    assert state is not None and state.url == "https://blog.example/moved"
    assert state.config_url == "https://blog.example/feed"
    store.sync_sources([Source("blog", "https://blog.example/feed")], NOW)  # same config: the move stays
    state = store.source_state("blog")
    assert state is not None and state.url == "https://blog.example/moved"


def test_changed_url_resets_caching(store: Storage) -> None:
    store.record_fetch("blog", _ok(etag='"a"'), [])
    store.sync_sources([Source("blog", "https://blog.example/new-feed")], NOW)
    state = store.source_state("blog")
    assert state is not None and state.etag is None and state.next_due is None
    assert state.url == state.config_url == "https://blog.example/new-feed"


def test_config_differing_in_anything_but_the_url_keeps_the_etag(store: Storage) -> None:
    """Two processes whose TOML differ in a kind or an interval must not undo each other's caching;
    the interval read last plans the next fetch from the last one (outside audit 3, deviation 3)."""
    store.record_fetch("blog", _ok(etag='"a"', last_modified="Thu, 20 Nov 2025 09:00:00 GMT"), [])
    store.sync_sources([Source("blog", "https://blog.example/feed", kind="feed", interval=60)], NOW)
    state = store.source_state("blog")
    assert state is not None and NOW + timedelta(minutes=1) <= state.next_due <= NOW + timedelta(minutes=1.1)
    store.sync_sources([Source("blog", "https://blog.example/feed", kind="auto", interval=7200)], NOW)
    store.sync_sources([Source("other", "https://other.example/")], NOW)  # a config without "blog"
    state = store.source_state("blog")
    assert state is not None and state.etag == '"a"' and state.last_modified == "Thu, 20 Nov 2025 09:00:00 GMT"
    assert NOW + timedelta(hours=2) <= state.next_due <= NOW + timedelta(hours=2.05)
    assert state.kind == "auto"


def test_a_removed_source_keeps_its_posts(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("guid:1")])
    store.sync_sources([Source("other", "https://other.example/")], NOW)
    assert len(store.list_posts(source="blog")) == 1


# --- subscribers and the ledger ----------------------------------------------------


def test_subscribers_and_tokens(store: Storage) -> None:
    sub, created = store.add_subscriber("reader@example.org", ["dermatomyositis"], "daily", confirmed=False, now=NOW)
    assert created and sub.state == "pending" and len(sub.confirm_token) >= 40 and sub.created == NOW
    assert store.subscriber_by_token("confirm", sub.confirm_token) == sub
    assert store.subscriber_by_token("confirm", sub.confirm_token[:-1] + "x") is None
    assert store.subscriber_by_token("unsubscribe", sub.unsubscribe_token) == sub
    again, created = store.add_subscriber("reader@example.org", ["treatment"], "weekly", confirmed=False, now=NOW)
    assert not created and again.topics == ("treatment",) and again.confirm_token == sub.confirm_token
    assert store.get_subscriber_by_id(sub.id) == again
    assert store.remove_subscriber("reader@example.org")
    assert store.get_subscriber("reader@example.org") is None
    assert not store.remove_subscriber("reader@example.org")


def test_addresses_compare_without_case(store: Storage) -> None:
    sub, _ = store.add_subscriber("Ada@Mail.Example", ["research"], "daily", confirmed=True, now=NOW)
    assert store.get_subscriber("ada@mail.example") == sub
    again, created = store.add_subscriber("ADA@mail.example", ["treatment"], "daily", confirmed=True, now=NOW)
    assert not created and again.id == sub.id and again.email == "Ada@Mail.Example"
    assert [s.email for s in store.list_subscribers()] == ["Ada@Mail.Example"]


def test_subscriber_states(store: Storage) -> None:
    sub, _ = store.add_subscriber("a@example.org", ["research"], "daily", confirmed=False, now=NOW)
    later = NOW + timedelta(hours=1)
    store.set_subscriber_state(sub.id, "confirmed", later)
    got = store.get_subscriber("a@example.org")
    assert got is not None and got.state == "confirmed" and got.confirmed_at == later
    store.set_subscriber_state(sub.id, "unsubscribed", later)
    resub, created = store.add_subscriber("a@example.org", ["research"], "daily", confirmed=False, now=later)
    assert not created and resub.state == "pending"
    store.update_subscriber(sub.id, topics=["treatment", "research"], cadence="weekly", bounces=2,
                            last_digest_at=later)
    got = store.get_subscriber("a@example.org")
    assert got is not None and got.topics == ("treatment", "research") and got.cadence == "weekly"
    assert got.bounces == 2 and got.last_digest_at == later
    with pytest.raises(ValueError):
        store.update_subscriber(sub.id, email="x@example.org")
    assert [s.email for s in store.list_subscribers("pending")] == ["a@example.org"]
    assert store.list_subscribers("confirmed") == []


def test_tokens_rotate_and_keys_are_replaced(store: Storage) -> None:
    """Confirming uses the confirm link up; unsubscribing replaces the preferences key; a new
    subscription of the same address gets new tokens (issue 10, item 9)."""
    sub, _ = store.add_subscriber("t@example.org", ["research"], "daily", confirmed=False, now=NOW)
    assert len(sub.prefs_key) >= 40 and len({sub.confirm_token, sub.unsubscribe_token, sub.prefs_key}) == 3
    store.set_subscriber_state(sub.id, "confirmed", NOW)
    confirmed = store.get_subscriber_by_id(sub.id)
    assert confirmed is not None and confirmed.confirm_token != sub.confirm_token
    assert store.subscriber_by_token("confirm", sub.confirm_token) is None
    assert confirmed.unsubscribe_token == sub.unsubscribe_token and confirmed.prefs_key == sub.prefs_key
    store.set_subscriber_state(sub.id, "confirmed", NOW)  # again: nothing more changes
    assert store.get_subscriber_by_id(sub.id) == confirmed
    store.set_subscriber_state(sub.id, "unsubscribed", NOW)
    left = store.get_subscriber_by_id(sub.id)
    assert left is not None and left.prefs_key != sub.prefs_key and left.unsubscribe_token == sub.unsubscribe_token
    again, _ = store.add_subscriber("t@example.org", ["research"], "daily", confirmed=False, now=NOW)
    assert again.state == "pending"
    assert again.confirm_token not in (sub.confirm_token, confirmed.confirm_token)
    assert again.unsubscribe_token != sub.unsubscribe_token and again.prefs_key != left.prefs_key
    assert store.subscriber_by_token("unsubscribe", sub.unsubscribe_token) is None


def test_digest_ledger(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post(f"guid:{i}", f"Post {i}") for i in range(3)])
    ids = sorted(p.id for p in store.list_posts())
    sub, _ = store.add_subscriber("a@example.org", ["dermatomyositis"], "daily", confirmed=True, now=NOW)
    store.update_subscriber(sub.id, bounces=1)
    store.record_digest(sub.id, ids[:2], NOW, "<m1@example.org>")
    store.record_digest(sub.id, ids[:2], NOW, "<m1@example.org>")  # idempotent
    assert store.delivered_post_ids(sub.id) == set(ids[:2])
    assert store.delivered_since(sub.id, ids[1]) == {ids[1]}
    got = store.get_subscriber("a@example.org")
    assert got is not None and got.last_digest_at == NOW and got.bounces == 0
    store.record_deliveries([(sub.id, ids[2], NOW, None)])
    assert store.delivered_post_ids(sub.id) == set(ids)
    store.remove_subscriber("a@example.org")
    assert store.delivered_post_ids(sub.id) == set()


def test_bounces_mark_an_address_bouncing_at_the_limit(store: Storage) -> None:
    sub, _ = store.add_subscriber("b@example.org", ["research"], "daily", confirmed=True, now=NOW)
    assert not store.record_bounce(sub.id, 2)
    assert store.record_bounce(sub.id, 2)
    got = store.get_subscriber("b@example.org")
    assert got is not None and got.state == "bouncing" and got.bounces == 2


def test_confirmation_slot_is_claimed_once_per_window(store: Storage) -> None:
    sub, _ = store.add_subscriber("c@example.org", ["research"], "daily", confirmed=False, now=NOW)
    day = timedelta(hours=24)
    assert store.claim_confirmation(sub.id, NOW, NOW - day) == (True, None)
    assert store.claim_confirmation(sub.id, NOW + timedelta(hours=1), NOW + timedelta(hours=1) - day) == (False, NOW)
    store.release_confirmation(sub.id, None)  # the send failed: the slot is free again
    assert store.claim_confirmation(sub.id, NOW, NOW - day) == (True, None)
    assert store.claim_confirmation(sub.id, NOW + 2 * day, NOW + day) == (True, NOW)
    store.set_subscriber_state(sub.id, "confirmed", NOW)
    assert store.claim_confirmation(sub.id, NOW + 4 * day, NOW + 3 * day) == (False, None)


# --- locks -------------------------------------------------------------------------------


def test_lock_is_exclusive_until_stale(store: Storage) -> None:
    assert store.acquire_lock("run", "a", NOW, 60)
    assert store.acquire_lock("run", "a", NOW, 60)  # ours: taken again
    assert not store.acquire_lock("run", "b", NOW, 60)
    assert store.lock_owner("run") == "a"
    store.heartbeat_lock("run", "a", NOW + timedelta(seconds=50))
    assert store.lock_owner("run", live_since=NOW + timedelta(seconds=40)) == "a"
    assert store.lock_owner("run", live_since=NOW + timedelta(seconds=50)) is None, "no beat since then"
    assert not store.acquire_lock("run", "b", NOW + timedelta(seconds=100), 60)  # the heartbeat kept it
    later = NOW.replace(hour=9)
    assert store.acquire_lock("run", "b", later, 60)
    assert store.lock_owner("run") == "b"
    store.release_lock("run", "a")  # not a's any more: nothing happens
    assert store.lock_owner("run") == "b"
    store.release_lock("run", "b")
    assert store.lock_owner("run") is None


def test_another_handle_sees_the_same_database(store: Storage) -> None:
    other = store.clone()
    assert other is not None and other.shareable and other.backend == store.backend
    try:
        store.record_fetch("blog", _ok(), [_post("guid:1")])
        assert [p.title for p in other.list_posts()] == ["Dermatomyositis basics"]
        assert other.acquire_lock("digest", "x", NOW, 60) and not store.acquire_lock("digest", "y", NOW, 60)
    finally:
        other.close()


# --- retention ---------------------------------------------------------------------


def test_prune_deletes_old_posts_but_kept_ids_and_leaves_tombstones(store: Storage) -> None:
    old = datetime(2024, 1, 5, tzinfo=timezone.utc)
    store.record_fetch("blog", _ok(), [
        _post("guid:old", "Old DM post", published="2024-01-05", sort_key=old),
        _post("guid:old-shown", "Old but still in a feed", published="2024-01-06", sort_key=old + timedelta(days=1)),
        _post("guid:new", "New DM post"),
    ])
    ids = {p.title: p.id for p in store.list_posts()}
    sub, _ = store.add_subscriber("ada@mail.example", ["dermatomyositis"], "daily", confirmed=True, now=NOW)
    store.record_digest(sub.id, [ids["Old DM post"]], NOW, None)
    store.label_post(ids["Old DM post"], ["treatment"], [], NOW)

    assert store.prune_posts(datetime(2025, 1, 1, tzinfo=timezone.utc), {ids["Old but still in a feed"]}, NOW) == 1
    assert {p.title for p in store.list_posts()} == {"Old but still in a feed", "New DM post"}
    assert store.delivered_post_ids(sub.id) == set()
    with pytest.raises(NotFoundError):
        store.get_post(ids["Old DM post"])
    # the source still lists it: it is not stored again, the others are untouched
    again = [_post("guid:old", "Old DM post", published="2024-01-05", sort_key=old), _post("guid:new", "New DM post")]
    assert store.record_fetch("blog", _ok(NOW + timedelta(hours=1)), again) == (0, 0)
    assert len(store.list_posts()) == 2
    assert store.record_fetch("other", _ok(), [_post("guid:old", sort_key=old)]) == (1, 0), "tombstones are per source"
    assert store.prune_posts(datetime(2025, 1, 1, tzinfo=timezone.utc), {ids["Old but still in a feed"]}, NOW) == 1
    assert "deleted_posts" in store.table_counts() and store.table_counts()["deleted_posts"] == 2
