"""APScheduler wiring for `myofeed run`. The schedule itself is data in the
database (sources.next_due), so a restart picks up where it left off; the
scheduler only ticks and asks the core what is due.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler

    from .core import Myofeed

log = logging.getLogger("myofeed.scheduler")
TICK_SECONDS = 30


class Scheduler:
    def __init__(self, app: Myofeed, *, tick: float = TICK_SECONDS) -> None:
        self.app = app
        self.tick = tick
        self._sched: BackgroundScheduler | None = None
        self._busy = threading.Lock()
        self.last_tick: datetime | None = None

    def start(self) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler

        sched = BackgroundScheduler(timezone=timezone.utc, job_defaults={"coalesce": True, "max_instances": 1})
        now = datetime.now(timezone.utc)
        # run at once on start: a fresh install ingests the demo sources immediately
        sched.add_job(self.ingest_due, "interval", seconds=self.tick, next_run_time=now, id="ingest")
        interval = self.app.config.settings.digest.check_interval
        sched.add_job(self.send_digests, "interval", seconds=interval, next_run_time=now, id="digest")
        sched.start()
        self._sched = sched

    def stop(self, wait: bool = True) -> None:
        """Finish the running job (wait) or abandon it; the DB stays consistent either way."""
        if self._sched is not None:
            self._sched.shutdown(wait=wait)
            self._sched = None

    def ingest_due(self) -> None:
        if not self._busy.acquire(blocking=False):
            return
        try:
            now = datetime.now(timezone.utc)
            self.last_tick = now
            _update_lag(self.app, now)
            reports = self.app.ingest(now=now)
            changed = any(r.new or r.updated for r in reports)
            for r in reports:
                if not r.ok:
                    log.warning("%s: %s", r.source, r.error)
            if changed or not (self.app.config.publish_dir / "index.html").exists():
                result = self.app.publish()
                log.info("published: %d written, %d unchanged", len(result.written), len(result.unchanged))
        except Exception:  # a failed tick must not kill the scheduler; the next tick retries
            log.exception("ingest tick failed")
        finally:
            self._busy.release()

    def send_digests(self) -> None:
        try:
            from .digest import send_due

            report = send_due(self.app, now=datetime.now(timezone.utc))
            log.info("digests: %s", report)
        except Exception:
            log.exception("digest run failed")


def _update_lag(app: Myofeed, now: datetime) -> None:
    from .metrics import QUEUE_LAG, SOURCES_BROKEN

    statuses = app.status()
    overdue = [(now - s.next_fetch).total_seconds() for s in statuses if s.next_fetch and s.next_fetch < now]
    QUEUE_LAG.set(max(overdue, default=0.0))
    SOURCES_BROKEN.set(sum(1 for s in statuses if s.broken))
