"""Keeps a worker's source leases alive while its batches run (one thread per facade)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from .oplog import Repeats

if TYPE_CHECKING:
    from .store.base import Storage

log = logging.getLogger("myofeed.core")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class LeaseKeeper:
    """Renews a worker's leases every third of the lease while its batches run: one thread per facade,
    started on first use and living as long as the facade (its database connection is opened once,
    not once per batch). `holding(worker, names, lease)` covers one batch."""

    def __init__(self, store: Storage) -> None:
        self.store = store
        self._held: dict[tuple[str, float], set[str]] = {}
        self._guard = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._failures = Repeats(log, "could not renew the leases")  # a locked database: once, then counted

    def holding(self, worker: str, names: Sequence[str], lease: float) -> _Holding:
        return _Holding(self, worker, names, lease)

    def _add(self, key: tuple[str, float], names: Sequence[str]) -> None:
        with self._guard:
            self._held.setdefault(key, set()).update(names)
            if self._thread is None:
                self._thread = threading.Thread(target=self._beat, name="myofeed-leases", daemon=True)
                self._thread.start()
        self._wake.set()  # a new lease length may call for a shorter beat

    def _remove(self, key: tuple[str, float], names: Sequence[str]) -> None:
        with self._guard:
            held = self._held.get(key)
            if held is not None:
                held.difference_update(names)
                if not held:
                    del self._held[key]

    def _beat(self) -> None:
        while not self._stop.is_set():
            with self._guard:
                work = {key: sorted(names) for key, names in self._held.items()}
            every = min((lease for _, lease in work), default=30.0) / 3
            self._wake.wait(max(every, 0.5))
            self._wake.clear()
            if self._stop.is_set():
                return
            for (worker, lease), names in work.items():
                try:
                    held = self.store.renew_source_leases(worker, names, lease, utcnow())
                except Exception as exc:  # noqa: BLE001 - the next beat tries again; an expired lease is taken over
                    self._failures.failed(exc)
                    continue
                self._failures.ok()
                # finished sources dropped their lease with their result: not renewed, and no loss;
                # one taken over after its lease expired is the other worker's now
                gone = set(names) - set(held)
                if gone:
                    self._remove((worker, lease), sorted(gone))

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(5)


class _Holding:
    def __init__(self, keeper: LeaseKeeper, worker: str, names: Sequence[str], lease: float) -> None:
        self.keeper, self.key, self.names = keeper, (worker, lease), list(names)

    def __enter__(self) -> _Holding:
        self.keeper._add(self.key, self.names)
        return self

    def __exit__(self, *exc: object) -> None:
        self.keeper._remove(self.key, self.names)
