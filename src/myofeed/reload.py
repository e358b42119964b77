"""Live reload of the configuration by a running service.

`run` watches its config file and the topics file it names: when either's bytes
change (checked every few seconds, or at once on SIGHUP), the files are loaded
and validated again. A valid edit replaces the running config (sources, topics,
keys); an invalid one is logged and the running config stays. A reload that
failed for a reason outside the files (the database full or locked while the
sources table is brought in line, a file that could not be read) is tried again
at every poll until it succeeds, its failure logged once (oplog.Repeats).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .oplog import Repeats

if TYPE_CHECKING:
    from .config import Config
    from .core import Myofeed

log = logging.getLogger("myofeed.reload")
CHECK_SECONDS = 2.0
# keys the running web server read at start: a change is taken only by a restart
_RESTART_KEYS = ("web",)


def _snapshot(config: Config) -> dict[Path, bytes | None]:
    """The files' bytes; None for one that cannot be read now (a reload of it is retried)."""
    out: dict[Path, bytes | None] = {}
    for path in (config.path, config.topics_path):
        try:
            out[path] = path.read_bytes()
        except OSError:
            out[path] = None
    return out


class ConfigWatcher:
    """Polls the config files' bytes; `poke()` (SIGHUP) checks at once."""

    def __init__(
        self, app: Myofeed, *, transform: Callable[[Config], Config] = lambda c: c,
        on_applied: Callable[[bool], None] = lambda topics_changed: None,
        on_poke: Callable[[], None] = lambda: None, interval: float = CHECK_SECONDS,
    ) -> None:
        self.app = app
        self.transform = transform
        self.on_applied = on_applied
        self.on_poke = on_poke  # SIGHUP with the config unchanged: e.g. publish what the CLI changed
        self.interval = interval
        self._seen = _snapshot(app.config)
        self._failures = Repeats(log, "config reload failed, tried again at the next check")
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="myofeed-config", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _loop(self) -> None:
        while not self._stop.is_set():
            poked = self._wake.wait(self.interval)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                if not self.check() and poked and not self._stop.is_set():
                    self.on_poke()
            except Exception as exc:  # the watcher must outlive any one failure; check() retries it
                self._failures.failed(exc)

    def check(self) -> bool:
        """Reload when a file changed; True when a new config was applied."""
        from .config import load_config
        from .exceptions import ConfigError

        current = self.app.config
        snapshot = _snapshot(current)
        if snapshot == self._seen:
            log.debug("config unchanged")
            return False
        # _seen moves only when the edit was dealt with (applied, or reported as invalid): a reload that
        # raised (disk full, database locked) or a file that could not be read is tried again next time
        try:
            new = self.transform(load_config(current.path, apart=True))  # the service keeps no pydantic
        except ConfigError as exc:
            if None in snapshot.values():  # unreadable now (permissions, I/O): not the operator's edit
                raise
            self._seen = snapshot
            self._failures.ok()
            log.error("config not reloaded, the running config stays: %s", "; ".join(str(e) for e in exc.all))
            return False
        for key in _RESTART_KEYS:
            if getattr(new.settings, key) != getattr(current.settings, key):
                log.warning("config: [%s] changed; it takes effect when `myofeed run` restarts", key)
        topics_changed = new.topics_file != current.topics_file
        self.app.apply_config(new)
        self._seen = _snapshot(new)  # a changed `topics` key names another file to watch
        self._failures.ok()
        log.info("config reloaded from %s: %d sources, %d topics", new.path, len(new.sources), len(new.topics))
        if not self._stop.is_set():  # stopping: the scheduler it would wake is shut down
            self.on_applied(topics_changed)
        return True
