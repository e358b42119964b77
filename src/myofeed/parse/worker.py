"""Parse documents in killable worker processes, each with a time budget.

A fetched document is hostile until parsed: a quadratic regex deep in a parser,
or a page built to be slow, can hold a CPU for minutes. In a thread it would
also hold the GIL (the web server stops answering) and nothing can stop it. So
every document is parsed in a worker process; one that takes longer than the
budget is killed (SIGKILL), its source gets a one-line `ParseTimeoutError`,
and the next document gets a fresh worker. `stop_all()` kills every worker at
once, so a stopping `myofeed run` never waits for a parse.

    workers = ParseWorkers(budget=30, size=2, initializer=f, initargs=(x,))
    result = await workers.call(parse_classify, result, source, now, kind)
    workers.close()

Workers start from a forkserver (not fork: `run` has threads, and forking
them can deadlock) with the parse modules preloaded, on demand: a pass where
every source answers 304 starts none.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from ..exceptions import ParseError, ParseTimeoutError

__all__ = ["ParseWorkers", "stop_all"]

_LIVE: weakref.WeakSet[ParseWorkers] = weakref.WeakSet()
_CONTEXT: Any = None
_CONTEXT_LOCK = threading.Lock()


def _context(preload: Sequence[str]) -> Any:
    global _CONTEXT
    with _CONTEXT_LOCK:
        if _CONTEXT is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(list(preload))
            _CONTEXT = ctx
        return _CONTEXT


def _serve(conn: Connection, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """Worker main loop: (fn, args) in, ("ok", value) or ("error", exception) out, until EOF."""
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", fn(*args))
        except Exception as exc:  # noqa: BLE001 - every error goes back to the caller, one line
            reply = ("error", exc)
        try:
            conn.send(reply)
        except Exception as exc:  # noqa: BLE001 - an exception or value that does not pickle
            conn.send(("error", ParseError(f"{type(exc).__name__}: {exc}")))


class _Worker:
    def __init__(self, ctx: Any, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, initializer, initargs), daemon=True,
                                   name="myofeed-parse")
        self.process.start()
        child.close()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        self.conn.close()  # EOF: the worker's loop returns
        self.process.join(1)
        if self.process.is_alive():
            self.kill()


class ParseWorkers:
    """Up to `size` worker processes; `call` runs one function in one of them within `budget` seconds."""

    def __init__(
        self, *, budget: float, size: int | None = None, initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (), preload: Sequence[str] = (),
    ) -> None:
        self.budget = budget
        self.size = max(1, size or min(os.cpu_count() or 2, 4))
        self._initializer = initializer
        self._initargs = initargs
        self._preload = preload
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._slots: asyncio.Semaphore | None = None
        # own threads wait on the pipes, so the loop's default executor (DNS lookups) is never starved
        self._threads = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="myofeed-parse-wait")
        self._closed = False
        _LIVE.add(self)

    async def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """fn(*args) in a worker; its exception is raised here. ParseTimeoutError when over budget."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.size)
        async with self._slots:
            loop = asyncio.get_running_loop()
            worker = self._idle.pop() if self._idle else await loop.run_in_executor(self._threads, self._spawn)
            ok = False
            try:
                status, value = await loop.run_in_executor(self._threads, self._roundtrip, worker, fn, args)
                ok = True
            finally:
                if ok and not self._closed:
                    self._idle.append(worker)
                else:  # over budget, dead, or cancelled mid-parse: never reuse it
                    self._discard(worker)
        if status == "error":
            raise value
        return value

    def _spawn(self) -> _Worker:
        if self._closed:
            raise ParseError("parsing stopped: myofeed is shutting down")
        worker = _Worker(_context(self._preload), self._initializer, self._initargs)
        self._all.add(worker)
        return worker

    def _roundtrip(self, worker: _Worker, fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str, Any]:
        try:
            worker.conn.send((fn, args))
            if not worker.conn.poll(self.budget):
                raise ParseTimeoutError(
                    f"parsing took longer than {self.budget:g}s and was stopped (a hostile or broken document?)"
                )
            return worker.conn.recv()  # type: ignore[no-any-return]
        except (EOFError, OSError) as exc:
            if self._closed:
                raise ParseError("parsing stopped: myofeed is shutting down") from exc
            raise ParseError(f"the parse worker died ({type(exc).__name__}): the document may be hostile") from exc

    def _discard(self, worker: _Worker) -> None:
        self._all.discard(worker)
        worker.kill()

    def close(self) -> None:
        """Stop idle workers; kill busy ones (nothing waits for a parse)."""
        self._closed = True
        idle, self._idle = self._idle, []
        for worker in idle:
            self._all.discard(worker)
            worker.stop()
        self.kill()
        self._threads.shutdown(wait=False)

    def kill(self) -> None:
        """Kill every worker now; calls in flight raise ParseError."""
        self._closed = True
        for worker in list(self._all):
            self._all.discard(worker)
            worker.kill()


def stop_all() -> None:
    """Kill every parse worker of this process (`myofeed run` stopping: SIGTERM waits for no parse)."""
    for pool in list(_LIVE):
        pool.kill()
