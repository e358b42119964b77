"""APScheduler wiring for `myofeed run` (roles `all` and `worker`). The schedule
itself is data in the database (sources.next_due), so a restart picks up where it
left off; the scheduler only ticks and asks the core what is due.

Three jobs, the same in one process or in many on many machines:

- ingest: claim due sources in batches (leases, see store/leases.py) and ingest them
  until none is left, so any number of workers share the sources without fetching
  one twice;
- publish: when the database's change marker moved since the last publish (or this
  process's config changed), become the one publisher and write the feeds (into
  [publish].dir and into the database, for every `web` process);
- digests: send the due digests, each claimed per subscriber.

Logging, for operators: one INFO line per job that did something, with its
outcome and duration; ticks with nothing due are DEBUG. A job that fails logs one
line naming the path and the reason, once, then how often it repeated
(oplog.Repeats): a read-only publish dir or a locked database is no flood.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from .oplog import Repeats

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler

    from .core import Myofeed
    from .digest.run import DigestReport
    from .publish import PublishResult
    from .reload import ConfigWatcher
    from .types import IngestReport

log = logging.getLogger("myofeed.scheduler")
PRUNE_SECONDS = 3600  # retention runs at most hourly: it deletes by day-long ages


class Scheduler:
    def __init__(self, app: Myofeed, *, tick: float | None = None, worker: str | None = None) -> None:
        from .core import worker_id

        self.app = app
        self.tick = tick if tick is not None else app.config.settings.workers.tick
        self.worker = worker or worker_id()  # what this process's leases and claims are held by
        self._sched: BackgroundScheduler | None = None
        self._busy = threading.Lock()
        self._publishing = threading.Lock()
        self._stopping = threading.Event()
        self.last_tick: datetime | None = None
        self._watcher: ConfigWatcher | None = None
        # publish and digests on facades of their own (own connections and lock): neither waits
        # behind an ingest batch of this process, nor does one batch after another starve them
        self._siblings: dict[str, Myofeed] = {}
        # publish at the first chance whatever happened: the running config (base_url, topics) may
        # differ from the one the files were written with
        self._stale = True
        self._last_prune: datetime | None = None
        self._ingest_failures = Repeats(log, "ingest tick failed")
        self._publish_failures = Repeats(log, "publish failed")
        self._digest_failures = Repeats(log, "digest run failed")

    def start(self, watcher: ConfigWatcher | None = None) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler

        sched = BackgroundScheduler(timezone=timezone.utc, job_defaults={"coalesce": True, "max_instances": 1})
        now = datetime.now(timezone.utc)
        # run at once on start: a fresh install ingests the demo sources immediately
        sched.add_job(self.ingest_due, "interval", seconds=self.tick, next_run_time=now, id="ingest")
        interval = self.app.config.settings.digest.check_interval
        sched.add_job(self.send_digests, "interval", seconds=interval, next_run_time=now, id="digest")
        # other workers' ingests move the change marker too: look at it between our own ticks
        sched.add_job(self.publish_due, "interval", seconds=self.app.config.settings.workers.publish_check,
                      id="publish")
        sched.start()
        self._sched = sched
        if watcher is not None:
            self._watcher = watcher
            watcher.start()

    def _facade(self, job: str) -> Myofeed:
        """The facade job `job` runs on: a sibling of the main one, following its config reloads."""
        other = self._siblings.get(job)
        if other is None:
            other = self._siblings[job] = self.app.sibling()
        if other.config is not self.app.config:
            other.use_config(self.app.config)
        return other

    def stopping(self) -> None:
        """Told to stop (a signal handler calls it): the job in hand asks no more of its list (a digest
        run sends the mail in hand and no other), while the process closes the rest; `stop` follows."""
        self._stopping.set()

    def stop(self, wait: bool = True) -> None:
        """Finish the running job (wait) or abandon it; the DB stays consistent either way. No new batch
        is claimed once stopping, and the leases left are dropped, so other workers take over at once."""
        self._stopping.set()
        if self._sched is not None:
            self._sched.shutdown(wait=wait)
            self._sched = None
        try:
            self.app.release_claims(self.worker)
        except Exception:  # noqa: BLE001 - the database is away: the leases expire by themselves
            log.warning("could not release the leases of %s", self.worker, exc_info=True)
        for other in self._siblings.values():
            if other is not self.app:
                other.close()
        self._siblings.clear()

    def config_changed(self, topics_changed: bool) -> None:
        """After a reload: new topic rules re-label the stored posts; the feeds are published
        again (new and removed topics, titles), and new sources are fetched without waiting."""
        if topics_changed:
            start = time.perf_counter()
            changed = self.app.reclassify()
            log.info("reclassify: %d posts changed topics (%.2fs)", changed, time.perf_counter() - start)
        self._stale = True
        self.wake()

    def wake(self) -> None:
        """Run the ingest tick now (SIGHUP): due sources, and a publish if the stored posts changed."""
        sched = self._sched
        if self._stopping.is_set():
            return  # a reload or SIGHUP that lands while stopping: nothing to wake
        if sched is not None:
            from apscheduler.jobstores.base import JobLookupError

            now = datetime.now(timezone.utc)
            try:
                sched.modify_job("ingest", next_run_time=now)
                # and the publish check, in case the ingest tick is busy: what the CLI changed moved the marker
                sched.modify_job("publish", next_run_time=now)
            except JobLookupError:  # shut down between the check above and here
                log.debug("wake: the scheduler stopped meanwhile")
        else:
            self.publish()

    def ingest_due(self) -> None:
        if not self._busy.acquire(blocking=False):
            return
        try:
            now = datetime.now(timezone.utc)
            self.last_tick = now
            _update_lag(self.app, now)
            start = time.perf_counter()
            reports = self.app.ingest_claimed(self.worker, stop=self._stopping.is_set)
            if reports:
                log.info("%s (%.2fs)", ingest_line(reports), time.perf_counter() - start)
                for r in reports:
                    if not r.ok:
                        log.warning("ingest: %s: FAILED: %s", r.source, r.error)
                    elif r.broken_reason:
                        log.warning("ingest: %s: BROKEN: %s", r.source, r.broken_reason)
            else:
                log.debug("ingest: nothing due")
            self.prune(now)  # deleted posts move the change marker: the publish below sees it
            self._ingest_failures.ok()
        except Exception as exc:  # a failed tick must not kill the scheduler; the next tick retries
            self._ingest_failures.failed(exc)
        finally:
            self._busy.release()
        self.publish_due()

    def publish_due(self) -> None:
        """Publish when posts changed since the last publish (whoever ingested them), or when this process
        must (its config changed, or its publish directory has no index yet): one publisher at a time."""
        if self._stopping.is_set() or not self._publishing.acquire(blocking=False):
            return
        try:
            force = self._stale or not (self.app.config.publish_dir / "index.html").exists()
            start = time.perf_counter()
            try:
                result = self._facade("publish").publish_if_needed(self.worker, force=force)
            except Exception as exc:
                self._publish_failures.failed(exc)
                return
            self._publish_failures.ok()
            if result is None:
                return
            self._stale = False
            _log_publish(result, time.perf_counter() - start)
        finally:
            self._publishing.release()

    def prune(self, now: datetime) -> bool:
        """Retention, at most once per PRUNE_SECONDS; True when posts were deleted (publish again)."""
        if self.app.config.settings.storage.keep is None or (
            self._last_prune is not None and (now - self._last_prune).total_seconds() < PRUNE_SECONDS
        ):
            return False
        self._last_prune = now
        start = time.perf_counter()
        deleted = self.app.prune(now)
        if deleted:
            log.info("retention: %d posts older than [storage].keep deleted (%.2fs)", deleted,
                     time.perf_counter() - start)
        return deleted > 0

    def publish(self) -> None:
        """Publish now (a reload without the scheduler running)."""
        start = time.perf_counter()
        try:
            result = self.app.publish()
        except Exception as exc:
            self._publish_failures.failed(exc)
            return
        self._publish_failures.ok()
        self._stale = False
        _log_publish(result, time.perf_counter() - start)

    def send_digests(self) -> None:
        start = time.perf_counter()
        try:
            from .digest import send_due

            # a stop (SIGTERM) waits for the mail in hand only, not for every due digest
            report = send_due(self._facade("digest"), now=datetime.now(timezone.utc), stop=self._stopping.is_set)
        except Exception as exc:
            self._digest_failures.failed(exc)
            return
        self._digest_failures.ok()
        line = digest_line(report)
        if report.sent or report.retried or report.bounced or report.failed or report.busy or report.stopped:
            log.log(logging.INFO if report.ok else logging.WARNING, "%s (%.2fs)", line, time.perf_counter() - start)
        else:
            log.debug("%s (%.2fs)", line, time.perf_counter() - start)


def _log_publish(result: PublishResult, seconds: float) -> None:
    removed = result.removed
    log.info(
        "publish: %d written, %d unchanged%s (%.2fs)", len(result.written), len(result.unchanged),
        f", {len(removed)} removed" if removed else "", seconds,
    )


def ingest_line(reports: list[IngestReport]) -> str:
    """One readable line for an ingest pass."""
    deferred = sum(r.deferred_until is not None for r in reports)
    ok = sum(r.ok for r in reports) - deferred
    broken = sum(1 for r in reports if r.broken_reason)
    return (
        f"ingest: {len(reports)} sources, {ok} ok, {len(reports) - ok - deferred} failed"
        + (f", {deferred} deferred" if deferred else "") + (f", {broken} broken" if broken else "")
        + f"; posts: {sum(r.new for r in reports)} new, {sum(r.updated for r in reports)} updated"
    )


def digest_line(report: DigestReport) -> str:
    """One readable line for a digest run (the CLI prints the same words)."""
    if report.busy:
        return "digests: another run is sending; skipped"
    line = (
        f"digests: {report.sent} sent, {report.retried} left for retry, {report.bounced} refused, "
        f"{report.failed} failed, {report.skipped} due with nothing new, {report.not_due} not due"
    )
    if report.elsewhere:
        line += f", {report.elsewhere} sent by another worker at the same time"
    if report.stopped:
        line += f", {report.stopped} left for the next run (stopping)"
    if report.unreachable:
        line += "; the SMTP server could not be reached"
    if report.errors:
        line += "; " + "; ".join(report.errors[:3])
    return line


def _update_lag(app: Myofeed, now: datetime) -> None:
    from .metrics import refresh_gauges

    refresh_gauges(app.status(), now)
