"""An ingest pass's writes, from a thread of their own, many sources per transaction.

Storing a feed's posts is the pass's biggest single cost after parsing (the
posts, their topics, the search index, one commit each). Done on the event loop
it stops fetching and feeding the parse workers while it runs; done here, the
driver works (sqlite3 and psycopg release the GIL) while the loop goes on. The
thread takes every result queued meanwhile and writes them in one transaction,
a savepoint per source (`Storage.record_fetches`): a busy pass commits rarely, a
quiet one at once.

Each commit writes every page the transaction touched, and a post's 32 band keys
(stories) land on 32 random pages of their index: committing one or two sources at
a time (what arrives while the previous commit runs) rewrote most of that index
every few dozen posts. So while more sources are still being fetched or parsed
(`more_coming`), the thread waits a little for more before it writes posts: up to
_GATHER posts, `most` sources (the sources that can be waiting at once) or
_LINGER seconds, whichever comes first.

    writer = BatchWriter(store)
    new, updated = await writer.write(FetchRecord(name, outcome, posts))
    writer.close()

The thread has its own storage handle (`Storage.clone`), closed with it. A
database that lives only in the caller's handle (in-memory SQLite) is written
inline instead.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .exceptions import MyofeedError, StorageError

if TYPE_CHECKING:
    from ._types import FetchRecord
    from .store.base import Storage

__all__ = ["BatchWriter"]

log = logging.getLogger("myofeed.ingest")
_BATCH = 32  # sources per transaction at most: a transaction holds SQLite's write lock (web writes wait)
_GATHER = 512  # posts a transaction waits for (while more are coming)
_LINGER = 0.25  # seconds at most it waits for them


class BatchWriter:
    def __init__(self, store: Storage, *, most: int = _BATCH, more_coming: Callable[[], bool] | None = None) -> None:
        """`most`: sources per transaction at most; `more_coming`: whether more sources may still arrive
        (called from the writer thread; None: never wait for them)."""
        self._store = store
        self._most = max(1, min(most, _BATCH))
        self._more_coming = more_coming
        self._own: Storage | None = None
        self._queue: queue.SimpleQueue[tuple[FetchRecord, asyncio.Future[Any], asyncio.AbstractEventLoop] | None]
        self._queue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    async def write(self, record: FetchRecord) -> tuple[int, int]:
        """Store one source's fetch; (new, updated). Raises the StorageError of this source's write."""
        if self._thread is None:
            with self._lock:
                if self._thread is None and not self._start():
                    return self._inline(record)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._queue.put((record, future, loop))
        result = await future
        if isinstance(result, BaseException):
            raise result
        return result  # type: ignore[no-any-return]

    def _inline(self, record: FetchRecord) -> tuple[int, int]:
        result = self._store.record_fetches([record])[0]
        if isinstance(result, BaseException):
            raise result
        return result

    def _start(self) -> bool:
        own = self._store.clone() if self._store.shareable else None
        if own is None:
            return False
        self._own = own
        self._thread = threading.Thread(target=self._run, name="myofeed-ingest-writer", daemon=True)
        self._thread.start()
        return True

    def _run(self) -> None:
        assert self._own is not None
        from .heap import Trimmer

        trim = Trimmer()  # free pages back to the system after a batch, now and then (heap.py)
        done = False
        while not done:
            item = self._queue.get()
            if item is None:
                break
            batch, done = self._gather(item)
            results: list[Any]
            try:
                results = list(self._own.record_fetches([r for r, _, _ in batch]))
            except MyofeedError as exc:  # the batch's commit failed: every source in it gets the error
                results = [exc] * len(batch)
            except Exception as exc:  # noqa: BLE001 - a bug must reach the waiting sources, not kill the thread
                log.error("the ingest writer failed", exc_info=exc)
                results = [StorageError(f"{type(exc).__name__}: {exc}")] * len(batch)
            for (_, future, loop), result in zip(batch, results, strict=True):
                try:
                    loop.call_soon_threadsafe(_settle, future, result)
                except RuntimeError:  # the loop is closed: nobody waits any more
                    pass
            del batch, results
            trim()

    def _gather(self, first: tuple[FetchRecord, Any, Any]) -> tuple[list[Any], bool]:
        """The batch starting with `first`: what is queued, then (posts in it, more coming) what arrives
        within _LINGER, up to _GATHER posts or `most` sources. True: the queue is closed."""
        batch = [first]
        posts = len(first[0].posts)
        deadline = time.monotonic() + _LINGER
        while len(batch) < self._most:
            try:
                more = self._queue.get_nowait()
            except queue.Empty:
                left = deadline - time.monotonic()
                if not posts or posts >= _GATHER or left <= 0 or self._more_coming is None or not self._more_coming():
                    break
                try:  # short waits: `more_coming` may turn false without anything being queued
                    more = self._queue.get(timeout=min(left, 0.02))
                except queue.Empty:
                    continue
            if more is None:
                return batch, True
            batch.append(more)
            posts += len(more[0].posts)
        return batch, False

    def close(self) -> None:
        """Write what is queued, stop the thread, close its storage handle."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        if self._own is not None:
            self._own.close()
            self._own = None


def _settle(future: asyncio.Future[Any], result: Any) -> None:
    if not future.done():
        future.set_result(result)
