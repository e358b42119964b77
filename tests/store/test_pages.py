"""Readers' pages in storage, on every backend: topic pages and search read the feeds' rows
(visible, on-topic, parents included) in the feeds' order, and stay in step with every write."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from myofeed._types import FetchOutcome, PostWrite
from myofeed.search import search_words
from myofeed.store import pages
from myofeed.store.base import Storage

from .conftest import NOW

DAY = datetime(2025, 11, 1, tzinfo=timezone.utc)
DM = ("dermatomyositis", "autoimmune-myopathy")
IBM = ("inclusion-body-myositis", "autoimmune-myopathy")


def _post(key: str, title: str, labels: tuple[str, ...] = DM, day: int = 0, **kw: object) -> PostWrite:
    base = dict(
        dedup_key=key, title=title, url=f"https://blog.example/{key}", author="Ada Example",
        published=None, sort_key=DAY + timedelta(days=day), comments=None, summary="", summary_html=None,
        guid=None, categories=(), labels=labels, evidence={t: (f"term '{t}'",) for t in labels},
    )
    base.update(kw)
    return PostWrite(**base)  # type: ignore[arg-type]


def _ok(at: datetime = NOW) -> FetchOutcome:
    return FetchOutcome(ok=True, at=at, next_due=at + timedelta(hours=1))


def _titles(page: object) -> list[str]:
    return [p.title for p in page.posts]  # type: ignore[attr-defined]


def _search(store: Storage, text: str, topic: str | None = None, offset: int = 0, limit: int = 20) -> list[str]:
    return _titles(store.search_posts(search_words(text), topic=topic, offset=offset, limit=limit))


# --- topic pages -----------------------------------------------------------------------


def test_topic_pages_are_the_feeds_rows_in_the_feeds_order(store: Storage) -> None:
    posts = [_post(f"k{i}", f"Post {i}", DM if i % 3 else IBM, day=i % 7) for i in range(45)]
    posts.append(_post("off", "Off topic", (), day=50))
    store.record_fetch("blog", _ok(), posts)
    for topic in ("dermatomyositis", "inclusion-body-myositis", "autoimmune-myopathy", None):
        feed = store.list_posts(topic=topic, on_topic_only=True)  # what publish reads, newest first
        pages_ = [store.topic_page(topic, offset=o, limit=20) for o in (0, 20, 40)]
        assert [p.id for pg in pages_ for p in pg.posts] == [p.id for p in feed], topic
        assert {pg.total for pg in pages_} == {len(feed)} and all(pg.exact for pg in pages_)
    assert store.topic_page("autoimmune-myopathy", offset=0, limit=20).total == 45  # parents hold their subtypes
    assert store.topic_page(None, offset=0, limit=20).total == 45  # every on-topic post once, the off-topic one never
    assert store.topic_page("research", offset=0, limit=20).total == 0


def test_a_page_past_the_end_is_empty_and_says_how_many_there_are(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post(f"k{i}", f"Post {i}") for i in range(3)])
    page = store.topic_page("dermatomyositis", offset=20, limit=20)
    assert page.posts == () and page.total == 3


def test_ties_on_the_date_go_newest_id_first(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post(f"k{i}", f"Post {i}") for i in range(3)])
    assert _titles(store.topic_page(None, offset=0, limit=20)) == ["Post 2", "Post 1", "Post 0"]


def test_pages_follow_hiding_corrections_reclassification_and_a_filled_date(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("a", "Alpha", day=1), _post("b", "Beta", day=2)])
    a = next(p for p in store.list_posts() if p.title == "Alpha")
    store.hide_post(a.id)
    assert _titles(store.topic_page("dermatomyositis", offset=0, limit=20)) == ["Beta"]
    assert store.topic_page(None, offset=0, limit=20).total == 1
    store.hide_post(a.id, False)
    assert _titles(store.topic_page(None, offset=0, limit=20)) == ["Beta", "Alpha"]

    store.label_post(a.id, ["research"], ["dermatomyositis", "autoimmune-myopathy"], NOW)
    assert _titles(store.topic_page("dermatomyositis", offset=0, limit=20)) == ["Beta"]
    assert _titles(store.topic_page("research", offset=0, limit=20)) == ["Alpha"]
    store.label_post(a.id, [], ["research"], NOW)  # no topic left: off every page, "all" included
    assert _titles(store.topic_page(None, offset=0, limit=20)) == ["Beta"]

    b = next(p for p in store.list_posts() if p.title == "Beta")
    store.set_topics([(b.id, IBM, {t: ("term",) for t in IBM})])
    assert _titles(store.topic_page("inclusion-body-myositis", offset=0, limit=20)) == ["Beta"]
    assert store.topic_page("dermatomyositis", offset=0, limit=20).total == 0

    # a post stored without a date sorts by when it was seen, until its date is known
    store.record_fetch("blog", _ok(), [_post("c", "Gamma", IBM, sort_key=NOW)])
    assert _titles(store.topic_page("inclusion-body-myositis", offset=0, limit=20)) == ["Gamma", "Beta"]
    store.record_fetch("blog", _ok(), [_post("c", "Gamma, dated", IBM, published="2025-10-01",
                                             sort_key=datetime(2025, 10, 1, tzinfo=timezone.utc))])
    assert _titles(store.topic_page("inclusion-body-myositis", offset=0, limit=20)) == ["Beta", "Gamma, dated"]
    assert store.list_posts(topic="inclusion-body-myositis")[-1].title == "Gamma, dated"  # the feed agrees


# --- search ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["rash AND trial", "rash OR trial", "rash and trial", "rash NOT trial", "trial AND"])
def test_query_operators_are_ignored_as_readme_says(store: Storage, text: str) -> None:
    """README: quotes, AND and other query syntax are ignored; the words left are all required."""
    store.record_fetch("blog", _ok(), [_post("1", "Rash trial results"), _post("2", "Rash care", day=1),
                                        _post("3", "Trial design", day=2)])
    expected = ["Rash trial results"] if text.startswith("rash") else ["Trial design", "Rash trial results"]
    assert _search(store, text) == expected


def test_search_reads_title_summary_author_and_source(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [
        _post("t", "Gottron papules explained", day=1),
        _post("s", "A clinic visit", day=2, summary="We talked about heliotrope rash."),
        _post("a", "Notes", day=3, author="Mira Quill"),
    ])
    store.record_fetch("other", _ok(), [_post("o", "Elsewhere", day=4)])
    assert _search(store, "gottron") == ["Gottron papules explained"]
    assert _search(store, "HELIOTROPE") == ["A clinic visit"]
    assert _search(store, "quill") == ["Notes"]
    assert _search(store, "other") == ["Elsewhere"]  # the source's name
    assert _search(store, "rash heliotrope") == ["A clinic visit"]  # every word, any order
    assert _search(store, "rash gottron") == []  # ... all of them required


def test_search_stems_and_folds_accents(store: Storage, database: str) -> None:
    store.record_fetch("blog", _ok(), [_post("t", "New treatments for myositis", day=1),
                                       _post("c", "Café meetings", day=2)])
    assert _search(store, "treatment") == ["New treatments for myositis"]
    if not database.startswith("postgres"):  # PostgreSQL's english configuration keeps accents
        assert _search(store, "cafe") == ["Café meetings"]


def test_search_is_published_posts_only_newest_first_and_by_topic(store: Storage, plan: str) -> None:
    store.record_fetch("blog", _ok(), [
        _post("1", "Rash care one", DM, day=1), _post("2", "Rash care two", IBM, day=3),
        _post("3", "Rash care three", DM, day=2), _post("off", "Rash care off topic", (), day=4),
    ])
    assert _search(store, "rash") == ["Rash care two", "Rash care three", "Rash care one"]
    assert _search(store, "rash", topic="dermatomyositis") == ["Rash care three", "Rash care one"]
    assert _search(store, "rash", topic="autoimmune-myopathy") == ["Rash care two", "Rash care three", "Rash care one"]
    hidden = next(p for p in store.list_posts() if p.title == "Rash care two")
    store.hide_post(hidden.id)
    assert _search(store, "rash") == ["Rash care three", "Rash care one"]


def test_search_follows_edited_posts(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("1", "Statins and myopathy")])
    store.record_fetch("blog", _ok(), [_post("1", "Anti-HMGCR myopathy")])
    assert _search(store, "statins") == []
    assert _search(store, "hmgcr") == ["Anti-HMGCR myopathy"]


@pytest.fixture(params=["few", "many"])
def plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways SQLite answers a search: from a rare query's matches, or walking the topic in order."""
    monkeypatch.setattr(pages, "FEW", 10_000 if request.param == "few" else 0)
    return str(request.param)


def test_search_pages_and_counts(store: Storage, monkeypatch: pytest.MonkeyPatch, plan: str) -> None:
    store.record_fetch("blog", _ok(), [_post(f"k{i}", f"Fatigue note {i}", day=i) for i in range(7)])
    page = store.search_posts(("fatigue",), topic=None, offset=0, limit=3)
    assert _titles(page) == ["Fatigue note 6", "Fatigue note 5", "Fatigue note 4"] and (page.total, page.exact) == (7, True)
    assert _titles(store.search_posts(("fatigue",), topic=None, offset=6, limit=3)) == ["Fatigue note 0"]
    past = store.search_posts(("fatigue",), topic=None, offset=9, limit=3)
    assert past.posts == () and past.total == 7
    if plan == "few" and store.backend == "sqlite":
        return  # a rare query's count is always exact
    monkeypatch.setattr(pages, "SEARCH_HORIZON", 4)  # more results than a search counts: a lower bound
    page = store.search_posts(("fatigue",), topic=None, offset=0, limit=3)
    assert (len(page.posts), page.total, page.exact) == (3, 4, False)
    page = store.search_posts(("fatigue",), topic=None, offset=3, limit=3)
    assert (len(page.posts), page.total, page.exact) == (3, 7, True)


@pytest.mark.parametrize("text", [
    '"', "'", '"unbalanced', "AND", "OR NOT", "NEAR(a b)", "title:rash", "rash*", "^rash", "-rash", "(", ")",
    "{title summary}: x", "a OR", "\\", "%", "_", "\x00", "rash\x00care", "🙂", "!!!", "a" * 5000, "word " * 400,
    "' OR 1=1 --", "'); DROP TABLE posts; --", "&amp;", "<script>", "rash & care | !x", "rash:*", "x <-> y",
])
def test_hostile_queries_are_words_and_never_errors(store: Storage, text: str) -> None:
    store.record_fetch("blog", _ok(), [_post("1", "Rash care AND title tips")])
    words = search_words(text)
    assert len(words) <= 8 and all(w and len(w) <= 40 for w in words)
    page = store.search_posts(words, topic=None, offset=0, limit=20)
    assert page.total == len(page.posts) <= 1
    assert store.topic_page(None, offset=0, limit=20).total == 1  # and the database is intact


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_searches_without_error(store: Storage, text: str) -> None:
    store.search_posts(search_words(text), topic="dermatomyositis", offset=0, limit=20)


def test_search_words() -> None:
    assert search_words('  "Gottron\'s"  papules AND (rash*) ') == ("gottron", "s", "papules", "rash")
    assert search_words("rash OR trial NOT x and y or Not z") == ("rash", "trial", "x", "y", "z")
    assert search_words("near NEAR(a b)") == ("near", "a", "b")  # FTS5's NEAR is written in capitals
    assert search_words("Rash rash RASH") == ("rash",)
    assert search_words("snake_case x") == ("snake", "case", "x")
    assert search_words("ＩＶＩＧ") == ("ivig",)  # fullwidth letters read as the plain ones
    assert search_words("") == () and search_words("*** -- ''") == ()
    assert len(search_words(" ".join(f"w{i}" for i in range(50)))) == 8
    assert search_words("x" * 100) == ("x" * 40,)


# --- SQLite: the migration fills the indexes; deletions and copies keep them in step -------------


def _file_before_pages(path: object) -> None:
    """A database at the schema version before readers' pages, holding posts."""
    import sqlite3

    from myofeed.store.schema import SQLITE_MIGRATIONS, statements

    pages_version = next(i for i, m in enumerate(SQLITE_MIGRATIONS) if "topic_index" in str(m))
    conn = sqlite3.connect(str(path))
    for version in range(pages_version):
        for statement in statements(SQLITE_MIGRATIONS[version]):
            conn.execute(statement)
    t = "2025-11-20T00:00:00+00:00"
    conn.execute("INSERT INTO sources (name, url, config_url, created) VALUES ('blog', 'u', 'u', ?)", (t,))
    rows = [(1, "Sunscreen for dermatomyositis", "2025-11-01T00:00:00+00:00", 0, ("dermatomyositis",)),
            (2, "Hidden sunscreen post", "2025-11-02T00:00:00+00:00", 1, ("dermatomyositis",)),
            (3, "Off-topic sunscreen", "2025-11-03T00:00:00+00:00", 0, ()),
            (4, "Swallowing with IBM", "2025-11-04T00:00:00+00:00", 0, ("inclusion-body-myositis", "research"))]
    for pid, title, sort_key, hidden, topics in rows:
        conn.execute("INSERT INTO posts (id, source, dedup_key, title, sort_key, hidden, first_seen, updated)"
                     " VALUES (?, 'blog', ?, ?, ?, ?, ?, ?)", (pid, f"k{pid}", title, sort_key, hidden, t, t))
        conn.executemany("INSERT INTO post_topics VALUES (?, ?)", [(pid, topic) for topic in topics])
    conn.execute(f"PRAGMA user_version = {pages_version}")
    conn.commit()
    conn.close()


def test_migration_backfills_pages_and_search_from_stored_posts(tmp_path: object) -> None:
    from myofeed.store import open_storage

    path = tmp_path / "old.db"  # type: ignore[operator]
    _file_before_pages(path)
    store = open_storage(path)
    assert _titles(store.topic_page(None, offset=0, limit=20)) == ["Swallowing with IBM", "Sunscreen for dermatomyositis"]
    assert _titles(store.topic_page("research", offset=0, limit=20)) == ["Swallowing with IBM"]
    assert _search(store, "sunscreen") == ["Sunscreen for dermatomyositis"]
    assert _search(store, "swallowing", topic="research") == ["Swallowing with IBM"]
    store.close()


def test_deleted_posts_leave_pages_and_search(tmp_path: object) -> None:
    from myofeed.store.sqlite import SQLiteStorage
    from myofeed.types import Source

    store = SQLiteStorage(tmp_path / "t.db")  # type: ignore[operator]
    store.sync_sources([Source("blog", "https://blog.example/")], NOW)
    store.record_fetch("blog", _ok(), [_post("a", "Rash diary", day=1), _post("b", "Rash photos", day=2)])
    gone = next(p.id for p in store.list_posts() if p.title == "Rash photos")
    store._raw().execute("DELETE FROM posts WHERE id = ?", (gone,))  # what retention does
    assert _titles(store.topic_page(None, offset=0, limit=20)) == ["Rash diary"]
    assert _search(store, "rash") == ["Rash diary"] and _search(store, "photos") == []
    conn = store._raw()
    assert conn.execute("SELECT COUNT(*) FROM topic_index WHERE post_id = ?", (gone,)).fetchone()[0] == 0
    conn.execute("INSERT INTO posts_fts (posts_fts, rank) VALUES ('integrity-check', 1)")  # raises when out of step
    store.close()


def test_a_copied_database_has_its_pages_and_search(tmp_path: object) -> None:
    from myofeed.store import open_storage
    from myofeed.store.schema import TABLES
    from myofeed.types import Source

    source = open_storage(tmp_path / "a.db")  # type: ignore[operator]
    source.sync_sources([Source("blog", "https://blog.example/")], NOW)
    source.record_fetch("blog", _ok(), [_post("a", "Rash diary", day=1), _post("b", "Lung checks", IBM, day=2)])
    target = open_storage(tmp_path / "b.db")  # type: ignore[operator]
    for table in TABLES:  # as `db copy` does: only the tables, the derived indexes rebuild themselves
        columns, rows = source.export_rows(table)
        if columns:
            target.import_rows(table, columns, rows)
    assert _titles(target.topic_page("inclusion-body-myositis", offset=0, limit=20)) == ["Lung checks"]
    assert _search(target, "rash") == ["Rash diary"]
    source.close()
    target.close()


def test_postgresql_migration_backfills_pages_and_search(request: pytest.FixtureRequest) -> None:
    """The PostgreSQL side of the migration, on a database that already holds posts."""
    psycopg = pytest.importorskip("psycopg")
    from myofeed.store import open_storage
    from myofeed.store.schema import POSTGRES_MIGRATIONS, statements
    from tests.pg import fresh_database

    url = fresh_database(request, empty=True)
    pages_version = next(i for i, m in enumerate(POSTGRES_MIGRATIONS) if "topic_index" in str(m))
    t = datetime(2025, 11, 20, tzinfo=timezone.utc)
    with psycopg.connect(url, autocommit=False) as conn:
        for version in range(pages_version):
            for statement in statements(POSTGRES_MIGRATIONS[version]):
                conn.execute(statement)
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO schema_version VALUES (%s)", (pages_version,))
        conn.execute("INSERT INTO sources (name, url, config_url, created) VALUES ('blog', 'u', 'u', %s)", (t,))
        for pid, title, day, hidden, topics in [(1, "Sunscreen for dermatomyositis", 1, False, ("dermatomyositis",)),
                                                (2, "Hidden sunscreen post", 2, True, ("dermatomyositis",)),
                                                (3, "Off-topic sunscreen", 3, False, ()),
                                                (4, "Swallowing with IBM", 4, False, ("research",))]:
            conn.execute("INSERT INTO posts (id, source, dedup_key, title, sort_key, hidden, first_seen, updated)"
                         " VALUES (%s, 'blog', %s, %s, %s, %s, %s, %s)",
                         (pid, f"k{pid}", title, t + timedelta(days=day), hidden, t, t))
            for topic in topics:
                conn.execute("INSERT INTO post_topics VALUES (%s, %s)", (pid, topic))
    store = open_storage(url)
    assert _titles(store.topic_page(None, offset=0, limit=20)) == ["Swallowing with IBM", "Sunscreen for dermatomyositis"]
    assert _search(store, "sunscreen") == ["Sunscreen for dermatomyositis"]
    assert _search(store, "swallowing", topic="research") == ["Swallowing with IBM"]
    store.close()
