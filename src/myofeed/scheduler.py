"""APScheduler wiring for `myofeed run`. The schedule itself is data in the
database (sources.next_due), so a restart picks up where it left off; the
scheduler only ticks and asks the core what is due.

Logging, for operators: one INFO line per job that did something, with its
outcome and duration; ticks with nothing due are DEBUG.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler

    from .core import Myofeed
    from .digest.run import DigestReport
    from .reload import ConfigWatcher
    from .types import IngestReport, TopicStat

log = logging.getLogger("myofeed.scheduler")
TICK_SECONDS = 30
PRUNE_SECONDS = 3600  # retention runs at most hourly: it deletes by day-long ages


class Scheduler:
    def __init__(self, app: Myofeed, *, tick: float = TICK_SECONDS) -> None:
        self.app = app
        self.tick = tick
        self._sched: BackgroundScheduler | None = None
        self._busy = threading.Lock()
        self.last_tick: datetime | None = None
        self._watcher: ConfigWatcher | None = None
        # publish at the first tick whatever happened: the running config (base_url, topics) may
        # differ from the one the files on disk were written with
        self._stale = True
        self._last_prune: datetime | None = None
        self._published_stats: dict[str, TopicStat] | None = None

    def start(self, watcher: ConfigWatcher | None = None) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler

        sched = BackgroundScheduler(timezone=timezone.utc, job_defaults={"coalesce": True, "max_instances": 1})
        now = datetime.now(timezone.utc)
        # run at once on start: a fresh install ingests the demo sources immediately
        sched.add_job(self.ingest_due, "interval", seconds=self.tick, next_run_time=now, id="ingest")
        interval = self.app.config.settings.digest.check_interval
        sched.add_job(self.send_digests, "interval", seconds=interval, next_run_time=now, id="digest")
        sched.start()
        self._sched = sched
        if watcher is not None:
            self._watcher = watcher
            watcher.start()

    def stop(self, wait: bool = True) -> None:
        """Finish the running job (wait) or abandon it; the DB stays consistent either way."""
        if self._sched is not None:
            self._sched.shutdown(wait=wait)
            self._sched = None

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
        if self._sched is not None:
            self._sched.modify_job("ingest", next_run_time=datetime.now(timezone.utc))
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
            reports = self.app.ingest(now=now)
            if reports:
                log.info("%s (%.2fs)", ingest_line(reports), time.perf_counter() - start)
                for r in reports:
                    if not r.ok:
                        log.warning("ingest: %s: FAILED: %s", r.source, r.error)
                    elif r.broken_reason:
                        log.warning("ingest: %s: BROKEN: %s", r.source, r.broken_reason)
            else:
                log.debug("ingest: nothing due")
            changed = any(r.new or r.updated for r in reports)
            changed = self.prune(now) or changed
            # the CLI may have changed posts meanwhile (label, hide, reclassify): the live index shows it
            # at once, so the feeds it links to must follow; the per-topic stats are a cheap witness
            stats = self.app.topic_stats()
            if (changed or self._stale or stats != self._published_stats
                    or not (self.app.config.publish_dir / "index.html").exists()):
                self.publish()
                self._published_stats = stats
        except Exception:  # a failed tick must not kill the scheduler; the next tick retries
            log.exception("ingest tick failed")
        finally:
            self._busy.release()

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
        start = time.perf_counter()
        try:
            result = self.app.publish()
        except Exception:
            log.exception("publish failed")
            return
        self._stale = False
        removed = getattr(result, "removed", ())
        log.info(
            "publish: %d written, %d unchanged%s (%.2fs)", len(result.written), len(result.unchanged),
            f", {len(removed)} removed" if removed else "", time.perf_counter() - start,
        )

    def send_digests(self) -> None:
        start = time.perf_counter()
        try:
            from .digest import send_due

            report = send_due(self.app, now=datetime.now(timezone.utc))
        except Exception:
            log.exception("digest run failed")
            return
        line = digest_line(report)
        if report.sent or report.retried or report.bounced or report.failed or report.busy:
            log.log(logging.INFO if report.ok else logging.WARNING, "%s (%.2fs)", line, time.perf_counter() - start)
        else:
            log.debug("%s (%.2fs)", line, time.perf_counter() - start)


def ingest_line(reports: list[IngestReport]) -> str:
    """One readable line for an ingest pass."""
    ok = sum(r.ok for r in reports)
    broken = sum(1 for r in reports if r.broken_reason)
    return (
        f"ingest: {len(reports)} sources, {ok} ok, {len(reports) - ok} failed"
        + (f", {broken} broken" if broken else "")
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
    if report.unreachable:
        line += "; the SMTP server could not be reached"
    if report.errors:
        line += "; " + "; ".join(report.errors[:3])
    return line


def _update_lag(app: Myofeed, now: datetime) -> None:
    from .metrics import QUEUE_LAG, SOURCES_BROKEN

    statuses = app.status()
    overdue = [(now - s.next_fetch).total_seconds() for s in statuses if s.next_fetch and s.next_fetch < now]
    QUEUE_LAG.set(max(overdue, default=0.0))
    SOURCES_BROKEN.set(sum(1 for s in statuses if s.broken))
