"""A worker's leases stay its own while its batch runs longer than the lease (the heartbeat),
and lapse once it stops renewing them; one heartbeat thread per facade, however many batches."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from myofeed.config import load_config
from myofeed.core import Myofeed


def test_heartbeat_keeps_a_long_batch_and_stops_with_it(config_file: Callable[..., Path]) -> None:
    cfg = config_file('[[sources]]\nname = "a"\nurl = "https://a.example/feed"\n'
                      '[[sources]]\nname = "b"\nurl = "https://b.example/feed"\n')
    app = Myofeed(load_config(cfg))
    other = app.sibling()
    try:
        lease = 1.5
        assert app.store.claim_due_sources("w1", 10, lease, datetime.now(UTC)) == ["a", "b"]
        before = threading.active_count()
        with app.lease_keeper.holding("w1", ["a", "b"], lease):
            time.sleep(lease * 2)  # longer than the lease: renewed meanwhile
            assert other.store.claim_due_sources("w2", 10, lease, datetime.now(UTC)) == []
        with app.lease_keeper.holding("w1", ["a"], lease):  # a second batch: the same thread
            assert threading.active_count() <= before + 1
        time.sleep(lease + 0.5)  # no heartbeat any more: the leases run out
        assert other.store.claim_due_sources("w2", 10, lease, datetime.now(UTC)) == ["a", "b"]
    finally:
        other.close()
        app.close()
