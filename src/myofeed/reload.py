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


def _restart_only(config: Config) -> dict[str, object]:
    """What a running `run` read once at start: a change is taken only by a restart. The web server's
    socket and settings, and the database it holds open (the CLI beside it follows the file at once)."""
    return {"[web]": config.settings.web, "[storage] database": config.database}


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
        self._running = _restart_only(app.config)  # what this process uses until it restarts
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
        self._say_restart_only(current, new)
        topics_changed = new.topics_file != current.topics_file
        self.app.apply_config(new)
        self._seen = _snapshot(new)  # a changed `topics` key names another file to watch
        self._failures.ok()
        log.info("config reloaded from %s: %d sources, %d topics", new.path, len(new.sources), len(new.topics))
        if not self._stop.is_set():  # stopping: the scheduler it would wake is shut down
            self.on_applied(topics_changed)
        return True

    def _say_restart_only(self, current: Config, new: Config) -> None:
        """A warning per restart-only value this edit changed; a note when it went back to the running one."""
        before = _restart_only(current)
        for key, value in _restart_only(new).items():
            if value == before[key]:
                continue
            if value == self._running[key]:
                log.info("config: %s is back to what this `myofeed run` uses; nothing waits for a restart", key)
            elif key == "[storage] database":
                # the CLI follows the file at once: say it, or `posts hide` lands where the service never looks
                log.warning("config: %s changed to %s; this `myofeed run` keeps using %s until it restarts, "
                            "while commands run beside it use the new one", key, new.database,
                            self._running[key])
            else:
                log.warning("config: %s changed; it takes effect when `myofeed run` restarts", key)
