"""Parse documents in killable worker processes, each with a time budget.

A fetched document is hostile until parsed: a quadratic regex deep in a parser,
or a page built to be slow, can hold a CPU for minutes. In a thread it would
also hold the GIL (the web server stops answering) and nothing can stop it. So
every document is parsed in a worker process; one that takes longer than the
budget is killed (SIGKILL), its source gets a one-line `ParseTimeoutError`,
and the next document gets a fresh worker. `stop_all()` kills every worker at
once, so a stopping `myofeed run` never waits for a parse.

    workers = ParseWorkers(budget=30, initializer=f, initargs=(x,))
    result = await workers.call(parse_classify, result, source, now, kind)
    workers.close()

Each worker is a fresh interpreter (parse/child.py; not fork: `run` has
threads, and forking them can deadlock), importing only what parsing needs, so
it holds no copy of the parent's storage, HTTP client or web server. Workers
start on demand (a pass where every source answers 304 starts none), are reused
for every document of a pass, and are few: by default one core is left to the
parent, which fetches and writes while the workers parse.
"""

from __future__ import annotations

import asyncio
import os
import queue
import socket
import subprocess
import sys
import threading
import weakref
from collections.abc import Callable
from typing import Any

from ..exceptions import ParseError, ParseTimeoutError

__all__ = ["ParseWorkers", "stop_all"]

_LIVE: weakref.WeakSet[ParseWorkers] = weakref.WeakSet()
# seconds a fresh worker may take to start (interpreter, imports, initializer) before a document's budget
# begins: generous, for a loaded machine; only a worker that cannot start at all reaches it
STARTUP = 120.0


def default_size() -> int:
    """Workers for a pass: every core but one (the parent fetches, writes and serves), at least one, at most 3."""
    return max(1, min((os.cpu_count() or 2) - 1, 3))


class _Worker:
    def __init__(self, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
        mine, theirs = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "myofeed.parse.child", str(theirs.fileno())], pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
            )
        except OSError as exc:
            mine.close()
            raise ParseError(f"cannot start a parse worker: {exc}") from exc
        finally:
            theirs.close()
        from .channel import Channel  # pickle: imported by a pass that parses, not by an all-304 one

        self.conn = Channel(mine)
        try:
            self.conn.send(list(sys.path))
            self.conn.send((initializer, initargs))
        except OSError as exc:
            self.close()
            raise ParseError(f"the parse worker did not start: {exc}") from exc

    # The pipe belongs to the worker's dispatcher thread: only it closes it (`close`, `stop`). Any thread
    # may `kill` the process; the dispatcher then reads EOF and closes the pipe itself (closing it from
    # another thread could close a reused descriptor).

    def kill(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.kill()
            except OSError:  # it ended meanwhile
                pass

    def close(self) -> None:
        self.kill()
        _wait(self.process, 5)
        self.conn.close()

    def stop(self) -> None:
        self.conn.close()  # EOF: the worker's loop returns
        if not _wait(self.process, 1):
            self.kill()
            _wait(self.process, 5)


def _wait(process: subprocess.Popen[bytes], timeout: float) -> bool:
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        return False
    return True


class _Job:
    __slots__ = ("fn", "args", "future", "loop")

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], future: asyncio.Future[Any],
                 loop: asyncio.AbstractEventLoop) -> None:
        self.fn, self.args, self.future, self.loop = fn, args, future, loop

    def settle(self, status: str, value: Any) -> None:
        def done() -> None:
            if not self.future.done():
                if status == "ok":
                    self.future.set_result(value)
                else:
                    self.future.set_exception(value)

        try:
            self.loop.call_soon_threadsafe(done)
        except RuntimeError:  # the loop is closed: nobody waits any more
            pass


class ParseWorkers:
    """Up to `size` worker processes; `call` runs one function in one of them within `budget` seconds.

    One dispatcher thread per worker takes jobs from a shared queue, so a worker gets its next document
    without a trip through the event loop. (No second document waits in the pipe: a worker writing a large
    result while we write a large document would deadlock both.)
    """

    def __init__(
        self, *, budget: float, size: int | None = None, initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self.budget = budget
        self.size = max(1, size or default_size())
        self._initializer = initializer
        self._initargs = initargs
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._dispatchers: list[threading.Thread] = []
        self._idle_dispatchers = 0
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()
        self._closed = False
        _LIVE.add(self)

    async def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """fn(*args) in a worker; its exception is raised here. ParseTimeoutError when over budget."""
        if self._closed:
            raise ParseError("parsing stopped: myofeed is shutting down")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._jobs.put(_Job(fn, args, future, loop))
        with self._lock:  # a dispatcher (and so a worker) per queued job, up to `size`: started on demand
            if self._idle_dispatchers == 0 and len(self._dispatchers) < self.size:
                thread = threading.Thread(target=self._dispatch, name="myofeed-parse-dispatch", daemon=True)
                self._dispatchers.append(thread)
                thread.start()
        return await future

    def _dispatch(self) -> None:
        """One worker's feeder: one job at a time, a fresh worker after a kill or a death."""
        worker: _Worker | None = None
        while True:
            with self._lock:
                self._idle_dispatchers += 1
            job = self._jobs.get()
            with self._lock:
                self._idle_dispatchers -= 1
            if job is None or self._closed:
                if job is not None:
                    job.settle("error", ParseError("parsing stopped: myofeed is shutting down"))
                break
            try:
                if worker is None:
                    worker = self._spawn()
                    self._started(worker)
                worker.conn.send((job.fn, job.args))
                if not worker.conn.poll(self.budget):
                    self._discard(worker)
                    worker = None
                    job.settle("error", ParseTimeoutError(
                        f"parsing took longer than {self.budget:g}s and was stopped (a hostile or broken document?)"))
                    continue
                status, value = worker.conn.recv()
                job.settle(status, value)
            except (EOFError, OSError, ParseError) as exc:
                if worker is not None:
                    self._discard(worker)
                    worker = None
                if isinstance(exc, ParseError):
                    error = exc
                elif self._closed:
                    error = ParseError("parsing stopped: myofeed is shutting down")
                else:
                    error = ParseError(f"the parse worker died ({type(exc).__name__}): the document may be hostile")
                job.settle("error", error)
        if worker is not None:
            self._retire(worker)

    def _spawn(self) -> _Worker:
        if self._closed:
            raise ParseError("parsing stopped: myofeed is shutting down")
        worker = _Worker(self._initializer, self._initargs)
        with self._lock:
            self._all.add(worker)
        return worker

    def _started(self, worker: _Worker) -> None:
        """Until a fresh worker has started (its interpreter, imports and initializer: the classifier), so that
        the budget counts the document alone: the first document of a pass was charged with the start-up,
        and at load 13 a healthy feed was stopped at a 2 s budget. A ping (os.getpid: nothing to import)."""
        worker.conn.send((os.getpid, ()))
        limit = max(STARTUP, self.budget)
        if not worker.conn.poll(limit):
            raise ParseError(f"the parse worker did not start within {limit:g}s")
        status, value = worker.conn.recv()
        if status != "ok":
            raise ParseError(f"the parse worker did not start: {value}")

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.close()

    def close(self) -> None:
        """Stop every worker now (they are idle at the end of a pass; a busy one is not waited for)."""
        self.kill()

    def kill(self) -> None:
        """Kill every worker now; calls in flight or queued raise ParseError."""
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.kill()
        while True:  # queued jobs: nobody will run them
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                job.settle("error", ParseError("parsing stopped: myofeed is shutting down"))
        for _ in self._dispatchers:
            self._jobs.put(None)


def stop_all() -> None:
    """Kill every parse worker of this process (`myofeed run` stopping: SIGTERM waits for no parse)."""
    for pool in list(_LIVE):
        pool.kill()
