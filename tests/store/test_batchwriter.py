"""The ingest pass's writer (batchwriter.py): results from many sources, stored from a thread of its
own in few transactions; a database that lives only in the caller's handle is written inline."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta
from pathlib import Path

from myofeed._types import FetchOutcome, FetchRecord, PostWrite
from myofeed.batchwriter import BatchWriter
from myofeed.store import open_storage
from myofeed.types import Source

from .conftest import NOW


def _post(source: str, i: int) -> PostWrite:
    return PostWrite(
        dedup_key=f"guid:{source}-{i}", title=f"Myositis note {i}", url=f"https://{source}.example/{i}",
        author=None, published=None, sort_key=NOW, comments=None, summary="Demo.", summary_html=None, guid=None,
        categories=(), labels=("myositis",), evidence={"myositis": ("demo",)},
    )


async def _write_all(writer: BatchWriter, names: list[str]) -> list[tuple[int, int]]:
    ok = FetchOutcome(ok=True, at=NOW, next_due=NOW + timedelta(hours=1))
    return list(await asyncio.gather(*(
        writer.write(FetchRecord(name, ok, [_post(name, i) for i in range(3)])) for name in names)))


def test_many_sources_are_written_by_the_writer_thread(tmp_path: Path) -> None:
    store = open_storage(tmp_path / "db.sqlite")
    names = [f"site{i}" for i in range(40)]
    store.sync_sources([Source(n, f"https://{n}.example/feed") for n in names], NOW)
    writer = BatchWriter(store)
    try:
        assert asyncio.run(_write_all(writer, names)) == [(3, 0)] * 40
    finally:
        writer.close()
    assert not any(t.name == "myofeed-ingest-writer" for t in threading.enumerate())
    assert len(store.list_posts(include_hidden=True)) == 120
    store.close()


def test_an_in_memory_database_is_written_inline() -> None:
    store = open_storage(":memory:")
    store.sync_sources([Source("blog", "https://blog.example/feed")], NOW)
    writer = BatchWriter(store)
    assert asyncio.run(_write_all(writer, ["blog"])) == [(3, 0)]
    writer.close()
    assert len(store.list_posts(include_hidden=True)) == 3
    store.close()


def _record(name: str) -> FetchRecord:
    ok = FetchOutcome(ok=True, at=NOW, next_due=NOW + timedelta(hours=1))
    return FetchRecord(name, ok, [_post(name, i) for i in range(3)])


def test_posts_wait_for_the_sources_still_coming_and_go_in_one_transaction(tmp_path: Path, monkeypatch) -> None:
    """Each commit rewrites every page it touched (a post's band keys touch 32 random ones): while more
    sources are being parsed, the writer waits for them (a while, never past `most` sources); when none
    are, it writes at once."""
    from myofeed import batchwriter

    monkeypatch.setattr(batchwriter, "_LINGER", 30.0)  # only `more_coming` ends the wait here
    store = open_storage(tmp_path / "db.sqlite")
    store.sync_sources([Source(n, f"https://{n}.example/feed") for n in "abcde"], NOW)
    batches: list[list[str]] = []
    real = type(store).record_fetches

    def spy(self, records):  # type: ignore[no-untyped-def]
        batches.append([r.source for r in records])
        return real(self, records)

    monkeypatch.setattr(type(store), "record_fetches", spy)
    coming = threading.Event()
    coming.set()
    writer = BatchWriter(store, most=2, more_coming=coming.is_set)

    async def run() -> list[tuple[int, int]]:
        a = asyncio.ensure_future(writer.write(_record("a")))
        await asyncio.sleep(0.1)
        assert not a.done()  # waiting for the next source
        b = asyncio.ensure_future(writer.write(_record("b")))
        c = asyncio.ensure_future(writer.write(_record("c")))  # past `most`: the next transaction
        await asyncio.wait_for(asyncio.gather(a, b), 10)
        coming.clear()  # nothing more is being parsed: c and later ones are written as they come
        await asyncio.wait_for(c, 10)
        d = await asyncio.wait_for(writer.write(_record("d")), 10)
        return [*(await asyncio.gather(a, b, c)), d]

    try:
        assert asyncio.run(run()) == [(3, 0)] * 4
    finally:
        writer.close()
    assert batches == [["a", "b"], ["c"], ["d"]]
    store.close()
