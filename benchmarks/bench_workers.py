"""Ingest throughput with several workers: 1, 2 and 4 `myofeed run --role worker`
processes on one PostgreSQL, and one worker on SQLite against one on PostgreSQL,
in the same run, on the same feeds.

Feeds are generated (RSS 2.0, myositis titles, stable guids) and served by one local
aiohttp server on 127.0.0.1 (tests/e2e/feedserver.py), with an optional delay per
response standing for the network. PostgreSQL is a private, thrown-away cluster
started here (tests/pg.py: Debian's server binaries, fsync off). Each scenario
gets a fresh database; its workers are started together, and the time runs from
the first request the feed server sees to the moment the database holds every
source's first success (polled every 50 ms), so interpreter start-up is left out.
Posts/s is the number of posts stored over that time; the ratios compare with one
worker on PostgreSQL. Best of the profile's repeat runs per scenario.

    .venv/bin/python benchmarks/bench_workers.py [--workers 1,2,4] [--only cpu-bound|network-bound]

Two profiles (PROFILES): cpu-bound (fast responses, 16 fetches at once per worker:
parsing, classifying and storing fill the cores) and network-bound (slow sites, 4
fetch slots per worker: fetching is the bottleneck). On 2 cores the workers share
the CPU with PostgreSQL and the feed server: more workers add fetch slots, not
cores. docs/scaling.md quotes these figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.e2e.feedserver import FeedServer  # noqa: E402
from tests.pg import Cluster, server_bin  # noqa: E402

TOPICS = REPO / "config" / "topics.toml"


def write_config(directory: Path, database: str, feeds: FeedServer, n: int, concurrency: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    sources = "".join(f'[[sources]]\nname = "clinic-{i:04d}"\nurl = "{feeds.url(i)}"\ninterval = "1h"\n'
                      for i in range(n))
    path = directory / "myofeed.toml"
    path.write_text(
        f'topics = "{TOPICS}"\n[storage]\ndatabase = "{database}"\n'
        '[publish]\ndir = "feeds"\nbase_url = "http://feeds.myofeed.example/"\n'
        f'[fetch]\ntimeout = "30s"\nallow_hosts = ["127.0.0.1"]\nconcurrency = {concurrency}\n'
        '[workers]\nlease = "60s"\nbatch = 25\ntick = "1s"\npublish_check = "30s"\n'
        '[digest]\ncheck_interval = "1h"\n[mail]\noutbox = "outbox"\n' + sources,
        encoding="utf-8",
    )
    return path


def pending(database: str, n: int) -> int:
    """Sources not stored yet (all `n` of them before the workers synced the config)."""
    from myofeed.store import open_storage

    store = open_storage(database)
    try:
        states = store.source_states()
        return n - len(states) + sum(1 for s in states if s.last_success is None)
    finally:
        store.close()


def run_once(database: str, workdir: Path, workers: int, feeds: FeedServer, n: int, timeout: float,
             concurrency: int) -> float:
    """Seconds from the first request to every source stored, with `workers` worker processes."""
    config = write_config(workdir, database, feeds, n, concurrency)
    feeds.requests.clear()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("MYOFEED_DATABASE", None)
    procs = [subprocess.Popen([sys.executable, "-m", "myofeed", "--config", str(config), "run", "--role", "worker",
                               "--log-level", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env=env, cwd=workdir) for _ in range(workers)]
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if pending(database, n) == 0:
                break
            for p in procs:
                if p.poll() is not None:
                    raise SystemExit(f"a worker exited: {p.stderr.read().decode() if p.stderr else ''}")
            time.sleep(0.05)
        else:
            raise SystemExit(f"not every source stored within {timeout}s")
        done = time.monotonic()
        first = min(t for times in feeds.requests.values() for t in times)
        return done - first
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()


# (name, feeds, entries per feed, seconds per response, fetch.concurrency per worker, repeat)
PROFILES = [
    # parsing, classifying and storing fill the cores: what more workers on one machine can (not) buy
    ("cpu-bound", 400, 25, 0.05, 16, 2),
    # slow sites, few fetch slots per worker: fetching is the bottleneck, workers add slots
    ("network-bound", 240, 10, 0.5, 4, 1),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--only", choices=[p[0] for p in PROFILES])
    ap.add_argument("--timeout", type=float, default=600)
    args = ap.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    if server_bin() is None:
        print("bench_workers: PostgreSQL is not installed (sh scripts/install-postgres.sh); skipped")
        return 0
    base = Path(tempfile.mkdtemp(prefix="myofeed-bench-workers-"))
    cluster = Cluster(server_bin())  # type: ignore[arg-type]
    cluster.start()
    try:
        for name, n, entries, delay, concurrency, repeat in PROFILES:
            if args.only and name != args.only:
                continue
            posts = n * entries
            print(f"-- {name}: {n} feeds x {entries} entries = {posts} posts, {delay * 1000:.0f} ms per response,"
                  f" fetch.concurrency {concurrency}, {os.cpu_count()} cores, best of {repeat}", flush=True)
            results: dict[str, float] = {}
            with FeedServer(n, posts=entries, delay=delay) as feeds:
                for backend, workers in [("sqlite", 1)] + [("postgresql", w) for w in counts]:
                    best = float("inf")
                    for r in range(repeat):
                        tag = f"{name}-{backend}-{workers}-{r}"
                        if backend == "sqlite":
                            database = str(base / tag / "myofeed.db")
                        else:
                            database = cluster.url(cluster.create_database())
                        best = min(best, run_once(database, base / tag, workers, feeds, n, args.timeout, concurrency))
                    results[f"{backend}, {workers} worker{'s' if workers > 1 else ''}"] = best
            reference = results["postgresql, 1 worker"]
            for key, seconds in results.items():
                print(f"  {key:<24} {seconds:7.2f}s {posts / seconds:8.0f} posts/s"
                      f"   x{reference / seconds:.2f} vs PostgreSQL, 1 worker", flush=True)
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
