"""New posts' search rows and topic_index rows (store/new_rows.py, schema v9 and v11): the ingest writer adds a batch's rows in one
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


def _topic_index_is_derived(store: Storage) -> None:
    """topic_index holds exactly each visible primary post under each of its topics, and under "" once when
    it has any (what the triggers kept before v11, and what pages, counts and publish read)."""
    db = store._db  # type: ignore[attr-defined]
    held = sorted((r["topic"], int(r["post_id"])) for r in db.all("SELECT topic, post_id FROM topic_index"))
    shown = "p.hidden = FALSE AND p.is_primary = TRUE"
    derived = sorted([(r["topic"], int(r["id"])) for r in db.all(
        f"SELECT t.topic, p.id FROM post_topics t JOIN posts p ON p.id = t.post_id WHERE {shown}")]
        + [("", int(r["id"])) for r in db.all(
            f"SELECT p.id FROM posts p WHERE {shown} AND EXISTS (SELECT 1 FROM post_topics t WHERE t.post_id = p.id)")])
    assert held == derived
    stale = db.all("SELECT i.post_id FROM topic_index i JOIN posts p ON p.id = i.post_id WHERE i.sort_key <> p.sort_key")
    assert stale == []


def _labelled(key: str, title: str, labels: tuple[str, ...], summary: str = "Notes from the clinic.",
              url: str | None = None) -> PostWrite:
    p = _post(key, title, summary)
    return PostWrite(**{**p.__dict__, "labels": labels, "url": url or p.url,
                        "evidence": {t: ("term",) for t in labels}})


def test_topic_index_follows_a_batch_with_a_failed_source_an_edit_and_a_copy_of_a_story(store: Storage) -> None:
    """v11: a batch's topic rows are indexed at its end; what it rolled back, edited, or made a copy of another
    source's story (not primary: not listed) is indexed as it is stored, and later changes follow."""
    store.sync_sources([Source(n, f"https://{n}.example/feed") for n in ("blog", "middle", "other")], NOW)
    text = "Sunscreen advice for dermatomyositis: what the clinic tells patients about ultraviolet light every day."
    results = store.record_fetches([
        FetchRecord("blog", _ok(), [_labelled("a", "Swallowing guidance", ("dysphagia", "treatment")),
                                    _labelled("s", "Sunscreen advice", ("dermatomyositis",), text,
                                              "https://news.example/sunscreen")]),
        FetchRecord("middle", _ok(), [_labelled("m1", "Fatigue", ("fatigue",)), _post("m2", None)]),
        FetchRecord("other", _ok(), [_labelled("b", "Walking study", ("exercise",)),
                                     _labelled("s2", "Sunscreen advice", ("dermatomyositis", "skin"), text,
                                               "https://news.example/sunscreen")]),
        FetchRecord("blog", _ok(), [_labelled("a", "Swallowing guidance, updated", ("dysphagia",)),
                                    _labelled("s", "Sunscreen advice", ("dermatomyositis",), text,
                                              "https://news.example/sunscreen")]),
    ])
    assert isinstance(results[1], StorageError) and results[0] == (2, 0) and results[2] == (2, 0)
    posts = {p.dedup_key: p for p in store.list_posts(include_hidden=True)}
    assert posts["s"].story == posts["s2"].story and posts["s"].primary != posts["s2"].primary
    _topic_index_is_derived(store)
    assert store.topic_stats()["all"].posts == 3  # a, b and one copy of the story
    store.set_topics([(posts["b"].id, ("exercise", "treatment"), {"exercise": ("term",), "treatment": ("term",)})])
    store.label_post(posts["a"].id, ["fatigue"], ["dysphagia"], NOW)
    store.hide_post(posts["b"].id)
    _topic_index_is_derived(store)
    store.record_fetch("blog", _ok(), [_labelled("c", "Rash diary", ("skin",))])
    _topic_index_is_derived(store)
    assert store.topic_stats()["skin"].posts == 1 + posts["s2"].primary
