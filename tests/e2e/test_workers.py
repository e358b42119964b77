"""Roles end to end, with real processes on one PostgreSQL: 3 `run --role worker` and
2 `run --role web`, each with a publish directory of its own, 300 sources served
from 127.0.0.1 by one asyncio server that counts requests per source, 20 confirmed
subscribers and a local SMTP server (aiosmtpd).

It shows: every source fetched once per due period and every post stored once;
one worker killed with SIGKILL in the middle of its batch, and its sources fetched
by the others once its lease expired; both web processes serving the same bytes,
ETag and Last-Modified for /feeds/<file> with no shared filesystem; one digest per
subscriber, whatever the number of workers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from myofeed._types import PublishedFile
from myofeed.store import open_storage
from myofeed.store.base import Storage

from ..conftest import REPO, TOPICS
from ..digest.conftest import SinkHandler, free_port
from .feedserver import FeedServer

pytestmark = pytest.mark.slow

SOURCES = 300
POSTS = 3  # per source
SUBSCRIBERS = 20
LEASE = 4.0  # seconds: short, so the killed worker's sources come back within the test
DELAY = 0.25  # seconds per feed response: a worker's batch stays in flight long enough to be killed in


def _config(directory: Path, database: str, feeds: FeedServer, smtp_port: int) -> Path:
    """One process's config: the same everywhere but the publish directory (no shared filesystem)."""
    directory.mkdir(parents=True)
    sources = "".join(f'[[sources]]\nname = "clinic-{i:03d}"\nurl = "{feeds.url(i)}"\ninterval = "1h"\n'
                      for i in range(SOURCES))
    path = directory / "myofeed.toml"
    path.write_text(
        f'topics = "{TOPICS}"\n'
        f'[storage]\ndatabase = "{database}"\n'
        '[publish]\ndir = "feeds"\nbase_url = "http://feeds.myofeed.example/"\n'
        '[fetch]\ntimeout = "20s"\nallow_hosts = ["127.0.0.1"]\nconcurrency = 6\n'
        f'[workers]\nlease = "{LEASE:g}s"\nbatch = 15\ntick = "1s"\npublish_check = "3s"\n'
        '[digest]\ncheck_interval = "10s"\n'
        f'[mail]\nfrom = "digest@myofeed.example"\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp_port}\n'
        f'outbox = "outbox"\n{sources}',
        encoding="utf-8",
    )
    return path


class Proc:
    def __init__(self, name: str, config: Path, *args: str) -> None:
        self.name = name
        self.log = config.parent / "run.log"
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        env.pop("MYOFEED_DATABASE", None)
        with self.log.open("w") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "myofeed", "--config", str(config), "run", *args, "--log-level", "info"],
                stdout=out, stderr=subprocess.STDOUT, env=env, cwd=config.parent,
            )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def _until(check: Callable[[], object], timeout: float, what: str, procs: list[Proc],
           progress: Callable[[], object] | None = None, stalled: float = 180) -> None:
    """Until `check()` holds. The limits are generous, for a machine at load 20 (the test waits on the
    condition, not on the clock); with `progress`, it also fails sooner once what that returns has not
    changed for `stalled` seconds (stuck, not slow)."""
    start = time.monotonic()
    deadline = start + timeout
    last, moved = (progress() if progress else None), start
    while time.monotonic() < deadline:
        if check():
            return
        if progress is not None:
            now, seen = time.monotonic(), progress()
            if seen != last:
                last, moved = seen, now
            elif now - moved > stalled:
                break
        dead = [p for p in procs if p.proc.poll() is not None and p.name != "killed"]
        if dead:
            raise AssertionError(f"{dead[0].name} exited early:\n{dead[0].output()[-4000:]}")
        time.sleep(0.05)
    logs = "\n".join(f"--- {p.name}\n{p.output()[-3000:]}" for p in procs)
    waited = time.monotonic() - start
    raise AssertionError(f"not after {waited:.0f}s (at most {timeout:.0f}s, {stalled:.0f}s without progress): {what}\n{logs}")


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read(), {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as e:
        return e.code, e.read(), {k.lower(): v for k, v in e.headers.items()}


@pytest.fixture
def smtp() -> Iterator[SinkHandler]:
    handler = SinkHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port  # type: ignore[attr-defined]
    try:
        yield handler
    finally:
        controller.stop()


def _leased_by(store: Storage, pid: int) -> dict[str, datetime]:
    """The sources a process holds live leases on, with their expiry."""
    now = datetime.now(UTC)
    return {s.name: s.lease_until for s in store.source_states()
            if s.lease_owner and f":{pid}:" in s.lease_owner and s.lease_until and s.lease_until > now}


def test_three_workers_two_web_processes_one_postgresql(
    tmp_path: Path, request: pytest.FixtureRequest, smtp: SinkHandler
) -> None:
    from tests.pg import fresh_database

    database = fresh_database(request)
    store = open_storage(database)
    request.addfinalizer(store.close)
    procs: list[Proc] = []
    with FeedServer(SOURCES, posts=POSTS, delay=DELAY) as feeds:
        smtp_port = smtp.port  # type: ignore[attr-defined]
        configs = [_config(tmp_path / f"p{n}", database, feeds, smtp_port) for n in range(5)]
        # subscribers first: their first digest is due at once and holds what was stored since
        subscribed = datetime.now(UTC)
        for k in range(SUBSCRIBERS):
            store.add_subscriber(f"reader{k}@mail.example", ["autoimmune-myopathy"], "daily", confirmed=True,
                                 now=subscribed)
        try:
            workers = [Proc(f"worker{n}", configs[n], "--role", "worker") for n in range(3)]
            webs = [(Proc(f"web{n}", configs[3 + n], "--role", "web", "--port", str(port)), port)
                    for n, port in enumerate((free_port(), free_port()))]
            procs += workers + [w for w, _ in webs]

            # --- SIGKILL one worker while it holds leases on sources it is fetching --------------
            victim = workers[0]
            held: dict[str, datetime] = {}

            def victim_mid_batch() -> bool:
                nonlocal held
                held = _leased_by(store, victim.pid)
                done = sum(1 for s in store.source_states() if s.last_success is not None)
                return bool(held) and done >= 20

            _until(victim_mid_batch, 600, "the first worker holding leases mid-run", procs)
            victim.proc.send_signal(signal.SIGKILL)
            victim.proc.wait(10)
            killed_at, killed_wall = time.monotonic(), datetime.now(UTC)
            victim.name = "killed"
            held = {**held, **_leased_by(store, victim.pid)}  # a batch it claimed just before dying
            assert held

            # --- every source ingested, the victim's after its lease expired ----------------------
            def ingested() -> int:
                return sum(1 for s in store.source_states() if s.last_success is not None)

            _until(lambda: ingested() == SOURCES, 1200, "every source ingested", procs, progress=ingested)
            counts = feeds.counts()
            names = {f"clinic-{i:03d}": i for i in range(SOURCES)}
            for name, i in names.items():
                if name in held:
                    assert 1 <= counts[i] <= 2, (name, counts[i])  # fetched by the victim, maybe, then again
                else:
                    assert counts[i] == 1, (name, counts[i])  # once per due period, whatever the workers
            for name in held:  # a second fetch waited for the victim's lease to run out
                i = names[name]
                if counts[i] == 2:
                    expiry = killed_at + (held[name] - killed_wall).total_seconds()
                    assert feeds.requests[i][1] >= expiry - 0.5, (name, feeds.requests[i], expiry)
            posts = store.list_posts(include_hidden=True)
            assert len(posts) == SOURCES * POSTS  # every post stored once
            assert len({(p.source, p.dedup_key) for p in posts}) == SOURCES * POSTS
            assert all(s.lease_owner is None for s in store.source_states())  # finished: no lease left
            late = [s for s in store.source_states() if s.name in held]
            assert all(s.fetches == 1 for s in late)  # one recorded fetch: the victim recorded none of them

            # --- digests: one per subscriber, whatever the number of workers -----------------------
            def all_mailed() -> bool:
                return len({m.rcpt_tos[0] for m in smtp.received}) == SUBSCRIBERS

            _until(all_mailed, 600, "a digest for every subscriber", procs)
            mailed_at = time.monotonic()

            # --- publish settles; both web processes serve the same bytes and validators ------------
            files: dict[str, PublishedFile] = {}

            def both_current() -> bool:
                """The publisher caught up, and both web processes serve what it stored."""
                nonlocal files
                if store.publish_needed():
                    return False
                files = {f.name: f for f in store.published_files()}
                if "all.atom" not in files:
                    return False
                for _, port in webs:
                    status, _, headers = _get(f"http://127.0.0.1:{port}/feeds/all.atom")
                    if status != 200 or headers.get("etag") != files["all.atom"].etag:
                        return False
                return True

            _until(both_current, 600, "both web processes serving the published all.atom", procs)
            assert {"all.atom", "all.rss", "all.json", "index.html", "feeds.opml"} <= set(files)
            for name in ("all.atom", "all.rss", "all.json", "dermatomyositis.atom", "feeds.opml", "index.html"):
                answers = [_get(f"http://127.0.0.1:{port}/feeds/{name}") for _, port in webs]
                (s1, b1, h1), (s2, b2, h2) = answers
                assert s1 == s2 == 200, name
                assert b1 == b2 == files[name].body, name
                assert h1["etag"] == h2["etag"] == files[name].etag, name
                assert h1["last-modified"] == h2["last-modified"], name
                # a validator from one process is good at the other
                status, _, _ = _get(f"http://127.0.0.1:{webs[1][1]}/feeds/{name}", {"If-None-Match": h1["etag"]})
                assert status == 304, name
            for n in range(5):  # only the processes that published wrote their own directories
                assert not (tmp_path / f"p{n}" / "feeds" / "all.atom").exists() or n < 3
            entries = files["all.atom"].body.count(b"<entry>")
            assert entries == 50  # [publish].items newest of 900 posts

            time.sleep(max(0.0, mailed_at + 11 - time.monotonic()))  # one more digest check by every worker
            per_reader = Counter(m.rcpt_tos[0] for m in smtp.received)
            assert per_reader == {f"reader{k}@mail.example": 1 for k in range(SUBSCRIBERS)}
            assert all(s.last_digest_at is not None for s in store.list_subscribers("confirmed"))
        finally:
            for p in procs:
                p.stop()
    for p in procs:
        if p.name != "killed":
            assert p.proc.returncode == 0, f"{p.name}:\n{p.output()[-3000:]}"
            assert "Traceback" not in p.output(), f"{p.name}:\n{p.output()[-5000:]}"
