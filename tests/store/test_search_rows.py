"""New posts' search rows (store/search_rows.py, schema v9): the ingest writer adds a batch's rows in one
statement at its end, on every backend the posts a batch stored are found by their words, and on SQLite
the index holds exactly one row for each post, whatever the batch rolled back or edited on the way."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from myofeed._types import FetchOutcome, FetchRecord, PostWrite
from myofeed.exceptions import StorageError
from myofeed.search import search_words
from myofeed.store.base import Storage
from myofeed.types import Source

from .conftest import NOW

DAY = datetime(2025, 11, 20, tzinfo=timezone.utc)


def _post(key: str, title: str | None, summary: str = "Notes from the clinic.") -> PostWrite:
    return PostWrite(
        dedup_key=key, title=title, url=f"https://blog.example/{key}", author="Ada Example",  # type: ignore[arg-type]
        published="2025-11-20", sort_key=DAY, comments=None, summary=summary, summary_html=None, guid=None,
        categories=(), labels=("dermatomyositis",), evidence={"dermatomyositis": ("term 'dermatomyositis'",)},
    )


def _ok() -> FetchOutcome:
    return FetchOutcome(ok=True, at=NOW, next_due=NOW + timedelta(hours=1))


def _found(store: Storage, words: str) -> list[str]:
    page = store.search_posts(search_words(words), topic=None, offset=0, limit=50)
    return sorted(p.dedup_key for p in page.posts)


def _indexed_match_stored(store: Storage) -> None:
    """SQLite: one index row per stored post (FTS5's docsize table has a row per indexed rowid), and the
    index agrees with itself."""
    db = store._db  # type: ignore[attr-defined]
    if db.dialect.name != "sqlite":
        return
    indexed = sorted(int(r["id"]) for r in db.all("SELECT id FROM posts_fts_docsize"))
    stored = sorted(int(r["id"]) for r in db.all("SELECT id FROM posts"))
    assert indexed == stored
    with db.transaction() as tx:
        tx.execute("INSERT INTO posts_fts (posts_fts) VALUES ('integrity-check')")


def test_a_batch_with_a_failed_source_indexes_the_stored_posts_once(store: Storage) -> None:
    """The failing source's posts are rolled back with their pending rows' posts; SQLite may give their ids
    to the next source's posts, which are indexed once."""
    store.sync_sources([Source(n, f"https://{n}.example/feed") for n in ("blog", "middle", "other")], NOW)
    results = store.record_fetches([
        FetchRecord("blog", _ok(), [_post("a", "Swallowing guidance")]),
        FetchRecord("middle", _ok(), [_post("m1", "Sunscreen advice"), _post("m2", None)]),
        FetchRecord("other", _ok(), [_post("b", "Walking study", "Sunscreen matters too.")]),
    ])
    assert results[0] == (1, 0) and results[2] == (1, 0) and isinstance(results[1], StorageError)
    assert _found(store, "swallowing") == ["a"]
    assert _found(store, "sunscreen") == ["b"]
    _indexed_match_stored(store)


def test_a_post_edited_in_the_batch_that_stored_it_is_found_by_its_new_words_only(store: Storage) -> None:
    """The change trigger removes a post's row by its old words: a row still waiting is written first."""
    results = store.record_fetches([
        FetchRecord("blog", _ok(), [_post("a", "Sunscreen advice"), _post("c", "Fatigue diary")]),
        FetchRecord("blog", _ok(), [_post("a", "Swallowing guidance"), _post("c", "Fatigue diary")]),
        FetchRecord("other", _ok(), [_post("b", "Walking study")]),
    ])
    assert results == [(2, 0), (0, 1), (1, 0)]
    assert _found(store, "sunscreen") == []
    assert _found(store, "swallowing") == ["a"]
    assert _found(store, "fatigue") == ["c"]
    _indexed_match_stored(store)


def test_posts_stored_one_fetch_at_a_time_are_indexed_at_once(store: Storage) -> None:
    store.record_fetch("blog", _ok(), [_post("a", "Swallowing guidance")])
    assert _found(store, "swallowing") == ["a"]
    store.record_fetch("blog", _ok(), [_post("a", "Sunscreen advice")])
    assert _found(store, "swallowing") == [] and _found(store, "sunscreen") == ["a"]
    store.prune_posts(DAY + timedelta(days=1), set(), NOW)
    assert _found(store, "sunscreen") == []
    _indexed_match_stored(store)
