"""Audit 4, deviations 4 and 5: `run`'s recurring jobs log an operational failure as one line, once,
then how often it repeated (oplog.Repeats); a config reload that failed outside the files is retried."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from myofeed.config import load_config
from myofeed.core import Myofeed
from myofeed.exceptions import StorageError
from myofeed.oplog import Repeats, one_line
from myofeed.reload import ConfigWatcher
from myofeed.scheduler import Scheduler
from myofeed.store.sqlite import SQLiteStorage

pytestmark = pytest.mark.sqlite_only  # the lock is SQLite's own: another process holding the file


def _source(name: str) -> str:
    return f'[[sources]]\nname = "{name}"\nurl = "https://{name}.example/feed"\n'


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """A write lock held by another connection, as a long CLI transaction or an outside tool would."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def _app(config: Path) -> Myofeed:
    (config.parent / "data").mkdir(exist_ok=True)
    return Myofeed(load_config(config), storage=SQLiteStorage(config.parent / "data" / "test.db", timeout=0.3))


def _lines(caplog: pytest.LogCaptureFixture, start: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage().startswith(start)]


def test_a_repeated_failure_is_said_once_then_counted_and_its_end_is_said() -> None:
    log = logging.getLogger("test.oplog")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    log.addHandler(handler)
    clock = [0.0]
    try:
        job = Repeats(log, "publish failed", every=300, clock=lambda: clock[0])
        full = OSError(28, "No space left on device", "/srv/feeds/all.atom")
        for _ in range(75):  # every 4 s for 5 minutes
            job.failed(full)
            clock[0] += 4
        job.failed(full)
        job.ok()
        job.ok()
    finally:
        log.removeHandler(handler)
    messages = [r.getMessage() for r in records]
    assert messages == [
        "publish failed: /srv/feeds/all.atom: No space left on device (said once; repeats are counted)",
        "publish failed: /srv/feeds/all.atom: No space left on device (again, 76 times in all)",
        "publish failed: working again after 76 failures (/srv/feeds/all.atom: No space left on device)",
    ]
    assert all(r.exc_info is None for r in records), "an operational failure has no traceback"


def test_a_bug_keeps_its_traceback_once() -> None:
    log = logging.getLogger("test.oplog.bug")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    log.addHandler(handler)
    try:
        job = Repeats(log, "digest run failed")
        for _ in range(3):
            try:
                {}["x"]  # noqa: B018
            except KeyError as exc:
                job.failed(exc)
    finally:
        log.removeHandler(handler)
    assert len(records) == 1 and records[0].exc_info is not None
    assert one_line(StorageError("database /d/a.db:\n database is locked")) == "database /d/a.db: database is locked"


def test_an_unwritable_publish_dir_is_one_line_per_failure_not_a_traceback_per_tick(
    config_file: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    config = config_file()
    (config.parent / "blocker").write_text("a file where a directory should be")
    config.write_text(config.read_text().replace('dir = "feeds"', 'dir = "blocker/feeds"'))
    app = Myofeed(load_config(config))
    sched = Scheduler(app, worker="test-worker")
    caplog.set_level(logging.INFO, logger="myofeed")
    try:
        for _ in range(5):
            sched.publish_due()
    finally:
        sched.stop()
        app.close()
    failed = _lines(caplog, "publish failed")
    assert len(failed) == 1, [r.getMessage() for r in caplog.records]
    assert str(config.parent / "blocker") in failed[0].getMessage()
    assert "Not a directory" in failed[0].getMessage() and failed[0].exc_info is None
    assert "Traceback" not in caplog.text


def test_a_database_locked_past_the_busy_timeout_fails_the_tick_in_one_line(
    config_file: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    config = config_file(_source("blog"))
    app = _app(config)
    sched = Scheduler(app, worker="test-worker")
    caplog.set_level(logging.INFO, logger="myofeed")
    try:
        with _locked(config.parent / "data" / "test.db"):
            sched.ingest_due()
            sched.ingest_due()
        failed = _lines(caplog, "ingest tick failed")
        assert len(failed) == 1 and failed[0].exc_info is None, [r.getMessage() for r in caplog.records]
        assert "database is locked" in failed[0].getMessage() and "test.db" in failed[0].getMessage()
        sched.ingest_due()
        assert _lines(caplog, "ingest tick failed: working again after 2 failures")
    finally:
        sched.stop()
        app.close()


def test_a_reload_that_failed_on_the_database_is_retried_until_it_applies(
    config_file: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    config = config_file(_source("blog"))
    app = _app(config)
    watcher = ConfigWatcher(app, interval=3600)
    try:
        config.write_text(config.read_text() + _source("added"))
        with _locked(config.parent / "data" / "test.db"):
            with pytest.raises(StorageError, match="locked"):
                watcher.check()
            assert [s.name for s in app.config.sources] == ["blog"], "the running config stays"
            with pytest.raises(StorageError):
                watcher.check()  # tried again at every poll while it fails
        assert watcher.check() is True, "the next poll applies it: the edit was never dealt with"
        assert [s.name for s in app.config.sources] == ["blog", "added"]
        assert {s.name for s in app.store.source_statuses()} == {"blog", "added"}
        assert watcher.check() is False
    finally:
        app.close()
