"""Stories in storage, on every backend: copies of one story from several sources are grouped when
stored, one copy (the earliest visible, on-topic one) is the story's primary, and only primaries
are in topic_index (pages, counts, search). Plus the migration from a populated v6 database."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from myofeed._types import FetchOutcome, FetchRecord, PostWrite, StoryPrint
from myofeed.exceptions import StorageError
from myofeed.search import search_words
from myofeed.store.base import Storage
from myofeed.stories import BANDS, fingerprint, pack_bands, story_print, unpack_bands

from .conftest import NOW

DAY = datetime(2025, 11, 1, tzinfo=timezone.utc)
DM = ("dermatomyositis", "autoimmune-myopathy")
TEXT = ("The Myositis Society has published new guidance on swallowing problems in inclusion body myositis,"
        " with advice on screening, speech therapy and when to refer patients.")
EDITED = TEXT.replace("published", "issued").replace("with advice", "with practical advice")
OTHER = ("A walking study for adults with inclusion body myositis measures stride and balance at home for"
         " one year; volunteers are wanted in three cities.")


def _post(key: str, title: str, summary: str = TEXT, *, day: int = 0, url: str | None = None,
          labels: tuple[str, ...] = DM) -> PostWrite:
    return PostWrite(
        dedup_key=key, title=title, url=url or f"https://site.example/{key}", author=None, published=None,
        sort_key=DAY + timedelta(days=day), comments=None, summary=summary, summary_html=None, guid=None,
        categories=(), labels=labels, evidence={t: (f"term '{t}'",) for t in labels})


def _ok() -> FetchOutcome:
    return FetchOutcome(ok=True, at=NOW, next_due=NOW + timedelta(hours=1))


def _by_key(store: Storage) -> dict[str, object]:
    return {p.dedup_key: p for p in store.list_posts(include_hidden=True)}


def _shown(store: Storage) -> list[str]:
    return [p.dedup_key for p in store.topic_page(None, offset=0, limit=50).posts]


def test_copies_from_two_sources_are_one_story_shown_as_the_earliest(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("a", "Swallowing guidance", day=3)])
    store.record_fetch("other", _ok(), [_post("b", "Swallowing guidance", EDITED, day=1)])
    posts = _by_key(store)
    a, b = posts["a"], posts["b"]
    assert a.story == b.story == a.id  # type: ignore[attr-defined]
    assert (a.primary, b.primary) == (False, True)  # type: ignore[attr-defined]
    assert _shown(store) == ["b"] and store.topic_count(None) == 1 and store.topic_stats()["all"].posts == 1
    assert [p.dedup_key for p in store.list_posts(on_topic_only=True, primary_only=True)] == ["b"]
    assert [c.post_id for c in store.story_copies([b.id])[b.id]] == [a.id]  # type: ignore[attr-defined]
    words = search_words("swallowing")
    assert [p.dedup_key for p in store.search_posts(words, topic=None, offset=0, limit=20).posts] == ["b"]


def test_the_same_link_without_tracking_parameters_is_one_story(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("a", "Rash study", "Short.", day=1,
                                             url="https://news.example/rash?utm_source=rss&id=7")])
    store.record_fetch("other", _ok(), [_post("b", "Rash study opens", "Different words.", day=2,
                                              url="https://news.example/rash?id=7&fbclid=x#c")])
    store.record_fetch("other", _ok(), [_post("c", "Lung checks", "Short.", day=2,
                                              url="https://news.example/rash?id=8")])
    posts = _by_key(store)
    assert posts["a"].story == posts["b"].story != posts["c"].story  # type: ignore[attr-defined]
    assert sorted(_shown(store)) == ["a", "c"]


def test_different_stories_short_titles_and_one_sources_own_copies_stay_apart(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [
        _post("a", "Dermatomyositis trial enrolls first patients", ""),
        _post("a2", "Swallowing guidance", TEXT, day=1),
        _post("a3", "Swallowing guidance, again", EDITED, day=2),  # same source: never merged
    ])
    store.record_fetch("other", _ok(), [
        _post("b", "Dermatomyositis trial reports results", ""),  # short, similar titles: not one story
        _post("c", "Walking study", OTHER),
    ])
    stories = {k: p.story for k, p in _by_key(store).items()}  # type: ignore[attr-defined]
    assert len(set(stories.values())) == 5
    # a third source's copy joins one story only (the best match), never a second copy of one source
    store.record_fetch("other", _ok(), [_post("d", "Swallowing guidance", TEXT, day=5)])
    assert _by_key(store)["d"].story == stories["a2"]  # type: ignore[attr-defined]


def test_hidden_off_topic_and_deleted_copies_give_their_place_to_another(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("a", "Swallowing guidance", day=1, labels=())])  # off-topic
    store.record_fetch("other", _ok(), [_post("b", "Swallowing guidance", day=4)])
    assert _shown(store) == ["b"]  # the earliest copy is off-topic: the story stays in its feeds
    posts = _by_key(store)
    store.label_post(posts["a"].id, ["dermatomyositis"], [], NOW)  # type: ignore[attr-defined]
    assert _shown(store) == ["a"]
    store.hide_post(posts["a"].id)  # type: ignore[attr-defined]
    assert _shown(store) == ["b"] and store.story_copies([posts["b"].id]) == {}  # type: ignore[attr-defined]
    store.hide_post(posts["a"].id, False)  # type: ignore[attr-defined]
    assert _shown(store) == ["a"]
    assert store.prune_posts(DAY + timedelta(days=2), set(), NOW) == 1
    assert _shown(store) == ["b"]


def test_an_edited_copy_leaves_its_story_when_it_is_another_story(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("a", "Swallowing guidance", day=1)])
    store.record_fetch("other", _ok(), [_post("b", "Swallowing guidance", day=2)])
    store.record_fetch("blog", _ok(), [_post("a", "Swallowing guidance", EDITED, day=1)])  # still the story
    assert len(set(p.story for p in _by_key(store).values())) == 1  # type: ignore[attr-defined]
    store.record_fetch("blog", _ok(), [_post("a", "Walking study", OTHER, day=1)])  # now another story
    posts = _by_key(store)
    assert posts["a"].story != posts["b"].story and sorted(_shown(store)) == ["a", "b"]  # type: ignore[attr-defined]
    # the story it left keeps a label of its own: a third copy joins b, not a
    store.record_fetch("blog", _ok(), [_post("c", "Swallowing guidance", day=5)])
    posts = _by_key(store)
    assert posts["c"].story == posts["b"].story != posts["a"].story  # type: ignore[attr-defined]


def test_a_story_reached_a_subscriber_through_another_copy(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("a", "Swallowing guidance", day=3)])
    sub, _ = store.add_subscriber("ada@mail.example", ["dermatomyositis"], "daily", confirmed=True, now=NOW)
    a = _by_key(store)["a"]
    store.record_digest(sub.id, [a.id], NOW, None)  # type: ignore[attr-defined]
    store.record_fetch("other", _ok(), [_post("b", "Swallowing guidance", day=1), _post("c", "Walking", OTHER)])
    posts = _by_key(store)
    ids = [posts["b"].id, posts["c"].id]  # type: ignore[attr-defined]
    assert store.reached_through_copies(sub.id, ids) == {posts["b"].id}  # type: ignore[attr-defined]


def test_posts_stored_before_stories_are_linked_once_by_the_pending_pass(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("a", "Swallowing guidance", day=2)])
    store.record_fetch("other", _ok(), [_post("b", "Swallowing guidance", day=1)])
    raw = _raw_execute(store)
    store.record_fetch("blog", _ok(), [_post("c", "Rash study", "Short.", day=3, url="https://n.example/r?utm_source=x")])
    store.record_fetch("other", _ok(), [_post("d", "Rash study", "Other.", day=4, url="https://n.example/r")])
    raw = _raw_execute(store)
    raw("UPDATE posts SET story = NULL, is_primary = TRUE, canonical_url = NULL")
    raw("DELETE FROM post_bands")
    assert sorted(_shown(store)) == ["a", "b", "c", "d"]
    assert store.link_pending(1) == 1 and store.link_pending(10) == 3 and store.link_pending(10) == 0
    assert _shown(store) == ["c", "b"]  # newest first: each story once, as its earliest copy


def _bands(store: Storage, key: str) -> set[int]:
    rows = store._db.all("SELECT b.band FROM post_bands b JOIN posts p ON p.id = b.post_id"  # type: ignore[attr-defined]
                         " WHERE p.dedup_key = ?", (key,))
    return {int(r["band"]) for r in rows}


def test_the_parse_workers_fingerprint_is_stored_as_sent_and_groups_copies_alike(store: Storage) -> None:
    """A post arrives with its link and band keys (PostWrite.story, computed by the parse worker): the store
    writes those instead of fingerprinting the post again, and decides stories exactly as without them."""
    a = _post("a", "Swallowing guidance", day=3)
    b = _post("b", "Swallowing guidance", EDITED, day=1)
    marked = story_print(a.title, a.summary, a.url)
    assert unpack_bands(marked.bands) == fingerprint(a.title, a.summary, a.url).bands
    assert len(unpack_bands(marked.bands)) == BANDS and marked.url == "//site.example/a"
    store.record_fetch("blog", _ok(), [dataclasses.replace(a, story=marked)])
    store.record_fetch("other", _ok(), [dataclasses.replace(b, story=story_print(b.title, b.summary, b.url))])
    posts = _by_key(store)
    assert posts["a"].story == posts["b"].story == posts["a"].id  # type: ignore[attr-defined]
    assert _shown(store) == ["b"]
    c = _post("c", "Walking study", OTHER)
    keys = unpack_bands(story_print(c.title, c.summary, c.url).bands)
    store.record_fetch("blog", _ok(), [dataclasses.replace(c, story=StoryPrint("//site.example/c",
                                                                                pack_bands([k + 1 for k in keys])))])
    assert _bands(store, "c") == {k + 1 for k in keys}  # taken as sent: not computed again


def test_a_fingerprint_sent_for_other_text_than_stored_is_not_used() -> None:
    """Another writer may have stored the key first (ON CONFLICT DO NOTHING): the row stored is then not
    the one sent, and its fingerprint is computed from the row."""
    from myofeed.store.stories import _lookup_of

    sent = _post("a", "Swallowing guidance")
    sent = dataclasses.replace(sent, story=story_print(sent.title, sent.summary, sent.url))
    row = {"title": "Walking study", "summary": OTHER, "url": "https://site.example/w?utm_source=x"}
    assert _lookup_of(row, sent) == (
        "//site.example/w", fingerprint("Walking study", OTHER, "https://site.example/w").bands)
    row = {"title": sent.title, "summary": sent.summary, "url": sent.url}
    assert _lookup_of(row, sent) == ("//site.example/a", unpack_bands(sent.story.bands))  # type: ignore[union-attr]
    assert _lookup_of(row, None) == _lookup_of(row, sent)


def _raw_execute(store: Storage) -> object:
    def run(sql: str) -> None:
        with store._db.transaction() as tx:  # type: ignore[attr-defined]
            tx.execute(sql)
    return run


# --- migration from v6, with posts ------------------------------------------------------------


def _schema_at(execute: Any, migrations: Any, version: int) -> None:
    """An old database: the migrations up to `version`, as a release of that version left it."""
    from myofeed.store.schema import statements

    for v in range(version):
        for statement in statements(migrations[v]):
            execute(statement)


def _postgres_at(conn: Any, version: int) -> None:
    from myofeed.store.schema import POSTGRES_MIGRATIONS

    _schema_at(conn.execute, POSTGRES_MIGRATIONS, version)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (%s)", (version,))


def _v6_sqlite(path: object) -> None:
    import sqlite3

    from myofeed.store.schema import SQLITE_MIGRATIONS

    conn = sqlite3.connect(str(path))
    _schema_at(conn.execute, SQLITE_MIGRATIONS, 6)
    t = "2025-11-20T00:00:00+00:00"
    for name in ("blog", "other"):
        conn.execute("INSERT INTO sources (name, url, config_url, created) VALUES (?, 'u', 'u', ?)", (name, t))
    for pid, source, title, summary, day in _OLD:
        conn.execute("INSERT INTO posts (id, source, dedup_key, title, url, summary, sort_key, first_seen, updated)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (pid, source, f"k{pid}", title, f"https://{source}.example/{pid}", summary,
                      f"2025-11-0{day}T00:00:00+00:00", t, t))
        conn.execute("INSERT INTO post_topics VALUES (?, 'dermatomyositis')", (pid,))
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()


_OLD = [(1, "blog", "Swallowing guidance", TEXT, 3), (2, "other", "Swallowing guidance", EDITED, 2),
        (3, "other", "Walking study", OTHER, 1)]


def test_sqlite_migration_from_v6_keeps_every_post_then_links_them(tmp_path: object) -> None:
    from myofeed.store import open_storage

    path = tmp_path / "v6.db"  # type: ignore[operator]
    _v6_sqlite(path)
    store = open_storage(path)
    assert store.topic_count(None) == 3  # migrated: every post shown until the pending pass
    assert store.link_pending() == 3
    assert [p.id for p in store.topic_page(None, offset=0, limit=20).posts] == [2, 3]
    assert store.table_counts()["post_bands"] > 0
    store.close()


def test_postgresql_migration_from_v6_keeps_every_post_then_links_them(request: pytest.FixtureRequest) -> None:
    psycopg = pytest.importorskip("psycopg")
    from myofeed.store import open_storage
    from tests.pg import fresh_database

    url = fresh_database(request, empty=True)
    t = datetime(2025, 11, 20, tzinfo=timezone.utc)
    with psycopg.connect(url, autocommit=False) as conn:
        _postgres_at(conn, 6)
        for name in ("blog", "other"):
            conn.execute("INSERT INTO sources (name, url, config_url, created) VALUES (%s, 'u', 'u', %s)", (name, t))
        for pid, source, title, summary, day in _OLD:
            conn.execute("INSERT INTO posts (id, source, dedup_key, title, url, summary, sort_key, first_seen, updated)"
                         " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                         (pid, source, f"k{pid}", title, f"https://{source}.example/{pid}", summary,
                          t.replace(day=day), t, t))
            conn.execute("INSERT INTO post_topics VALUES (%s, 'dermatomyositis')", (pid,))
    store = open_storage(url)
    assert store.topic_count(None) == 3
    assert store.link_pending() == 3
    assert [p.id for p in store.topic_page(None, offset=0, limit=20).posts] == [2, 3]
    store.close()


def test_two_writers_storing_two_copies_at_once_find_each_other(store: Storage) -> None:
    """Two workers (two handles, two threads) store two copies of one story at the same moment, again
    and again: each time the copies end in one story (the story lock serializes the linking)."""
    import threading

    def write(s: Storage, barrier: threading.Barrier, source: str, key: str, round_: int) -> None:
        text = f"{TEXT} Round {round_}: " + " ".join(f"w{round_}x{i}" for i in range(12))
        barrier.wait()
        s.record_fetch(source, _ok(), [_post(key, f"Guidance {round_}", text, day=round_)])

    other = store.clone()
    assert other is not None
    try:
        for round_ in range(6):
            barrier = threading.Barrier(2)
            threads = [threading.Thread(target=write, args=(store, barrier, "blog", f"a{round_}", round_)),
                       threading.Thread(target=write, args=(other, barrier, "other", f"b{round_}", round_))]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            posts = _by_key(store)
            assert posts[f"a{round_}"].story == posts[f"b{round_}"].story, round_  # type: ignore[attr-defined]
    finally:
        other.close()


def _add_sources(store: Storage, names: list[str]) -> None:
    from myofeed.types import Source

    store.sync_sources([Source("blog", "https://blog.example/feed"), Source("other", "https://other.example/"),
                        *(Source(n, f"https://{n}.example/") for n in names)], NOW)


TEMPLATE = ("Our pharmacy team answers your questions about prescriptions, refills, opening hours and"
            " delivery. Call us or visit the counter for advice from a pharmacist near you today.")


def test_template_text_from_many_sources_costs_a_bounded_number_of_comparisons(
        store: Storage, monkeypatch: pytest.MonkeyPatch) -> None:
    """A boilerplate teaser shared by many posts makes every band key match all of them; each new post
    is still compared with at most CANDIDATES others (else storing grows with the database)."""
    from myofeed.store import stories as store_stories

    _add_sources(store, [f"pharmacy{i}" for i in range(40)] + ["pharmacy-late"])
    for i in range(40):  # forty sources, one boilerplate post each under one title: all one story
        store.record_fetch(f"pharmacy{i}", _ok(), [_post(f"t{i}", "Pharmacy news in brief", TEMPLATE)])
    compared: list[int] = []
    real = store_stories.similarity
    monkeypatch.setattr(store_stories, "similarity", lambda a, b: compared.append(1) or real(a, b))
    store.record_fetch("pharmacy-late", _ok(), [_post("late", "Pharmacy news in brief", TEMPLATE)])
    assert 0 < len(compared) <= store_stories.CANDIDATES


def test_a_real_copy_is_found_among_a_flood_of_template_posts(store: Storage) -> None:
    _add_sources(store, [f"pharmacy{i}" for i in range(60)])
    for i in range(30):
        store.record_fetch(f"pharmacy{i}", _ok(), [_post(f"t{i}", f"Branch {i} news in brief", TEMPLATE)])
    store.record_fetch("blog", _ok(), [_post("a", "Swallowing guidance", day=1)])
    for i in range(30, 60):
        store.record_fetch(f"pharmacy{i}", _ok(), [_post(f"t{i}", f"Branch {i} news in brief", TEMPLATE)])
    store.record_fetch("other", _ok(), [_post("b", "Swallowing guidance", EDITED, day=2)])
    posts = _by_key(store)
    assert posts["a"].story == posts["b"].story  # type: ignore[attr-defined]


def test_an_edited_or_deleted_post_takes_its_band_keys_along(store: Storage) -> None:
    """v8: post_bands has neither a foreign key nor an index on post_id; each post keeps its keys
    (posts.bands) and the store removes its rows by them: an edit replaces them, retention deletes them."""
    walk = _post("w", "Walking study", OTHER, day=5)
    store.record_fetch("blog", _ok(), [_post("a", "Swallowing guidance", day=1), walk])
    assert _bands(store, "a") == set(fingerprint("Swallowing guidance", TEXT, None).bands)
    edited = OTHER.replace("stride", "gait")
    store.record_fetch("blog", _ok(), [_post("a", "Walking trial", edited, day=1), walk])
    assert _bands(store, "a") == set(fingerprint("Walking trial", edited, None).bands)  # the old rows are gone
    a = _by_key(store)["a"].id  # type: ignore[attr-defined]
    assert store.prune_posts(DAY + timedelta(days=2), set(), NOW) == 1
    left = store._db.all("SELECT post_id, COUNT(*) AS n FROM post_bands GROUP BY post_id")  # type: ignore[attr-defined]
    assert {int(r["post_id"]): int(r["n"]) for r in left} == {_by_key(store)["w"].id: BANDS}  # type: ignore[attr-defined]
    assert a not in {int(r["post_id"]) for r in left}


def test_copies_stored_in_one_batch_find_each_other_before_their_band_rows_are_written(
        store: Storage, monkeypatch: pytest.MonkeyPatch) -> None:
    """An ingest batch writes its band rows once, in key order, at its end (store/stories.py, _bands_at_end):
    until then a later source's copy finds an earlier one's keys in memory, and a source rolled back to its
    savepoint takes its rows along (its post id may be given to the next post: no row of it may stay)."""
    from myofeed.store.stories import StoriesMixin

    _add_sources(store, ["middle"])
    real = StoriesMixin._write_fingerprints
    calls: list[int] = []

    def failing_second(self: Any, tx: Any, lookups: Any) -> None:  # "middle" fails after its keys went in
        real(self, tx, lookups)
        calls.append(1)
        if len(calls) == 2:
            raise ValueError("the second source breaks")

    monkeypatch.setattr(StoriesMixin, "_write_fingerprints", failing_second)
    results = store.record_fetches([
        FetchRecord("blog", _ok(), [_post("a", "Swallowing guidance", day=3)]),
        FetchRecord("middle", _ok(), [_post("m", "Walking study", OTHER)]),
        FetchRecord("other", _ok(), [_post("b", "Swallowing guidance", EDITED, day=1)]),
    ])
    assert results[0] == (1, 0) and results[2] == (1, 0) and isinstance(results[1], StorageError)
    posts = _by_key(store)
    assert sorted(posts) == ["a", "b"]
    assert posts["a"].story == posts["b"].story  # type: ignore[attr-defined]  # found through the pending keys
    assert _bands(store, "a") == set(fingerprint("Swallowing guidance", TEXT, None).bands)
    assert _bands(store, "b") == set(fingerprint("Swallowing guidance", EDITED, None).bands)
    assert store._db.one("SELECT COUNT(*) AS n FROM post_bands")["n"] == 2 * BANDS  # type: ignore[attr-defined,index]


def _v7_rows(execute: object, mark: str) -> None:
    """Two posts of a v7 database, linked, with their band rows (as v7 stored them)."""
    t = "2025-11-20T00:00:00+00:00"
    run = execute  # type: ignore[assignment]
    for name in ("blog", "other", "third"):
        run(f"INSERT INTO sources (name, url, config_url, created) VALUES ({mark}, 'u', 'u', {mark})", (name, t))
    for pid, source, title, summary, day in _OLD[:2]:
        run("INSERT INTO posts (id, source, dedup_key, title, url, summary, sort_key, first_seen, updated, story)"
            f" VALUES ({', '.join([mark] * 10)})",
            (pid, source, f"k{pid}", title, f"https://{source}.example/{pid}", summary, f"2025-11-0{day}T00:00:00+00:00",
             t, t, 1))
        for band in fingerprint(title, summary, None).bands:
            run(f"INSERT INTO post_bands (band, post_id) VALUES ({mark}, {mark})", (band, pid))


def _v8_kept_the_keys(store: Storage) -> None:
    posts = {p.id: p for p in store.list_posts(include_hidden=True)}
    for pid in (1, 2):
        row = store._db.one("SELECT bands FROM posts WHERE id = ?", (pid,))  # type: ignore[attr-defined]
        stored = {int(r["band"]) for r in store._db.all(  # type: ignore[attr-defined]
            "SELECT band FROM post_bands WHERE post_id = ?", (pid,))}
        assert set(map(int, row["bands"].split())) == stored == set(fingerprint(posts[pid].title, posts[pid].summary,
                                                                                 None).bands)
    # a copy stored now still finds the story by the migrated keys, and pruning takes their rows along
    store.record_fetch("third", _ok(), [_post("c", "Swallowing guidance", day=4)])
    assert _by_key(store)["c"].story == 1  # type: ignore[attr-defined]
    assert store.prune_posts(datetime(2025, 11, 3, tzinfo=timezone.utc), set(), NOW) == 1  # post 2 (Nov 2)
    assert not store._db.all("SELECT band FROM post_bands WHERE post_id = 2")  # type: ignore[attr-defined]


def test_sqlite_migration_from_v7_keeps_each_posts_band_keys(tmp_path: object) -> None:
    import sqlite3

    from myofeed.store import open_storage
    from myofeed.store.schema import SQLITE_MIGRATIONS

    path = tmp_path / "v7.db"  # type: ignore[operator]
    conn = sqlite3.connect(str(path))
    _schema_at(conn.execute, SQLITE_MIGRATIONS, 7)
    _v7_rows(conn.execute, "?")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    store = open_storage(path)
    _v8_kept_the_keys(store)
    indexes = {r["name"] for r in store._db.all("SELECT name FROM sqlite_master WHERE tbl_name = 'post_bands'")}  # type: ignore[attr-defined]
    assert indexes == {"post_bands"}  # the table alone: no index on post_id any more
    store.close()


def test_postgresql_migration_from_v7_keeps_each_posts_band_keys(request: pytest.FixtureRequest) -> None:
    psycopg = pytest.importorskip("psycopg")
    from myofeed.store import open_storage
    from tests.pg import fresh_database

    url = fresh_database(request, empty=True)
    with psycopg.connect(url, autocommit=False) as conn:
        _postgres_at(conn, 7)
        _v7_rows(conn.execute, "%s")
        conn.execute("SELECT setval(pg_get_serial_sequence('posts', 'id'), 10)")  # ids were given explicitly
    store = open_storage(url)
    _v8_kept_the_keys(store)
    store.close()


def _v1_keys(title: str, summary: str) -> list[int]:
    """A post's band keys as myofeed stored them before schema v10 (sketch version 1: datasketch's MinHash
    of 128 permutations, 32 bands of 4 values mixed into one key)."""
    import zlib

    np = pytest.importorskip("numpy")
    datasketch = pytest.importorskip("datasketch")
    text = fingerprint(title, summary, None, bands=False).text
    mh = datasketch.MinHash(num_perm=128, seed=1, hashfunc=zlib.crc32, scheme="affine32")
    mh.update_batch([s.encode() for s in text])
    mix = np.array([0x41835ef9bc91727f, 0x79a8cb5de0a95433, 0x1273d27b04760c67, 0x796d5857695637e9,
                    0x27ea17d01fe6b955], dtype=np.uint64)
    with np.errstate(over="ignore"):
        keys = (mh.hashvalues.astype(np.uint64).reshape(32, 4) * mix[:4]).sum(axis=1, dtype=np.uint64)
        keys += np.arange(32, dtype=np.uint64) * mix[4]
        keys ^= keys >> np.uint64(29)
        keys *= mix[0]
    return [int(k) for k in keys.view(np.int64)]


def _v9_rows(execute: Any, mark: str) -> None:
    """Two posts of a v9 database, each its own story, with sketch-v1 band keys (as v9 stored them)."""
    t = "2025-11-20T00:00:00+00:00"
    for name in ("blog", "other", "third"):
        execute(f"INSERT INTO sources (name, url, config_url, created) VALUES ({mark}, 'u', 'u', {mark})", (name, t))
    for pid, source, title, summary, day in (_OLD[0], _OLD[2]):
        keys = _v1_keys(title, summary)
        execute("INSERT INTO posts (id, source, dedup_key, title, url, summary, sort_key, first_seen, updated, story,"
                f" bands) VALUES ({', '.join([mark] * 11)})",
                (pid, source, f"k{pid}", title, f"https://{source}.example/{pid}", summary,
                 f"2025-11-0{day}T00:00:00+00:00", t, t, pid, " ".join(map(str, keys))))
        for band in keys:
            execute(f"INSERT INTO post_bands (band, post_id) VALUES ({mark}, {mark})", (band, pid))


def _v10_rekeyed(store: Storage) -> None:
    """Every post's keys are the new sketch's, in posts.bands and post_bands alike, none of the old left;
    and a copy stored now finds the story stored before the migration (its new keys share nothing with
    the old ones: without the migration it would stand alone)."""
    for pid, _source, title, summary, _day in (_OLD[0], _OLD[2]):
        new = set(fingerprint(title, summary, None).bands)
        row = store._db.one("SELECT bands FROM posts WHERE id = ?", (pid,))  # type: ignore[attr-defined]
        stored = {int(r["band"]) for r in store._db.all(  # type: ignore[attr-defined]
            "SELECT band FROM post_bands WHERE post_id = ?", (pid,))}
        assert set(map(int, row["bands"].split())) == stored == new and len(new) == BANDS
        assert not new & set(_v1_keys(title, summary))
    store.record_fetch("third", _ok(), [_post("c", "Swallowing guidance", EDITED, day=4)])
    assert _by_key(store)["c"].story == 1  # type: ignore[attr-defined]
    assert not set(fingerprint("Swallowing guidance", EDITED, None).bands) & set(_v1_keys(*_OLD[0][2:4]))


def test_sqlite_migration_to_v10_recomputes_band_keys_and_shows_its_progress(
        tmp_path: object, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    from myofeed.store import open_storage, rekey
    from myofeed.store.schema import SQLITE_MIGRATIONS

    path = tmp_path / "v9.db"  # type: ignore[operator]
    conn = sqlite3.connect(str(path))
    _schema_at(conn.execute, SQLITE_MIGRATIONS, 9)
    _v9_rows(conn.execute, "?")
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    monkeypatch.setattr(rekey, "REPORT_AT", 2)  # a long migration says what it does (from 5,000 posts)
    monkeypatch.setattr(rekey, "BATCH", 1)  # and reads the posts a batch at a time
    store = open_storage(path)
    assert store._db.one("PRAGMA user_version")[0] == len(SQLITE_MIGRATIONS)  # type: ignore[attr-defined]
    err = capfd.readouterr().err
    assert "recomputing the stories' band keys of 2 posts (schema v10)" in err and "2 posts done" in err
    _v10_rekeyed(store)
    store.close()


def test_postgresql_migration_to_v10_recomputes_band_keys(request: pytest.FixtureRequest) -> None:
    psycopg = pytest.importorskip("psycopg")
    from myofeed.store import open_storage
    from tests.pg import fresh_database

    url = fresh_database(request, empty=True)
    with psycopg.connect(url, autocommit=False) as conn:
        _postgres_at(conn, 9)
        _v9_rows(conn.execute, "%s")
        conn.execute("SELECT setval(pg_get_serial_sequence('posts', 'id'), 10)")  # ids were given explicitly
    store = open_storage(url)
    _v10_rekeyed(store)
    store.close()
