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
