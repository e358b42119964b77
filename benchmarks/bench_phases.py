"""The first ingest's two sides, offline and in one process: what a post costs in the parse worker and
in the writer, without the network, the event loop or a second process in the way.

The corpus is bench_scale.py's (N feeds, deterministic). `parse`: the parse worker's job
(`parse.job.parse_classify`) on every document, as the worker runs it. `write`: the PostWrites it
made, stored with `record_fetches` 16 sources a transaction (as the ingest writer batches them) on a
fresh SQLite database. Printed: CPU per post, and for the writes user and system time apart (spilled
pages and commits are the kernel's) and the bytes written.

    .venv/bin/python benchmarks/bench_phases.py --feeds 300                # both sides
    .venv/bin/python benchmarks/bench_phases.py --feeds 300 --only write   # the writer alone (parses first, untimed)
    PYTHONPATH=/tmp/old/src .venv/bin/python benchmarks/bench_phases.py    # an export of another commit, to compare
    .venv/bin/python benchmarks/bench_phases.py --profile /tmp/w.prof --only write   # cProfile of that side
"""

from __future__ import annotations

import argparse
import cProfile
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_scale  # noqa: E402

from myofeed import make_app  # noqa: E402
from myofeed._types import FetchOutcome, FetchRecord, FetchResult  # noqa: E402
from myofeed.parse.job import init_worker, parse_classify  # noqa: E402

NOW = datetime(2026, 1, 1, tzinfo=UTC)
BATCH = 16  # sources a transaction


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--feeds", type=int, default=300)
    ap.add_argument("--only", choices=["parse", "write"])
    ap.add_argument("--profile", help="write a cProfile of the timed side(s) here")
    args = ap.parse_args()
    profile = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory(prefix="bench-phases-") as work:
        docs, _, _, _ = bench_scale.corpus(args.feeds, False)
        urls = [f"http://127.0.0.1:1/feed/{i}" for i in range(args.feeds)]
        app = make_app(str(bench_scale.myofeed_config(Path(work), urls, "auto")))
        init_worker(app.classifier, app.parsers)
        timed = args.only in (None, "parse")
        if profile and timed:
            profile.enable()
        start = time.process_time()
        parsed = []
        for url, (body, kind), source in zip(urls, docs, app.config.sources, strict=True):
            result = FetchResult(url=url, status=200, content=body, headers={"content-type": kind})
            parsed.append((source.name, parse_classify(result, source, NOW, "auto", None)[1]))
        spent = time.process_time() - start
        if profile and timed:
            profile.disable()
        posts = sum(len(writes) for _, writes in parsed)
        if timed:
            print(f"parse  {posts:,} posts  cpu {spent:6.2f}s  {1e6 * spent / posts:5.0f} us a post")
        if args.only in (None, "write"):
            outcome = FetchOutcome(ok=True, at=NOW, next_due=NOW + timedelta(hours=1))
            records = [FetchRecord(name, outcome, writes) for name, writes in parsed]
            before = resource.getrusage(resource.RUSAGE_SELF)
            if profile:
                profile.enable()
            for i in range(0, len(records), BATCH):
                for r in app.store.record_fetches(records[i:i + BATCH]):
                    if isinstance(r, BaseException):
                        raise r
            if profile:
                profile.disable()
            after = resource.getrusage(resource.RUSAGE_SELF)
            user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
            written = (after.ru_oublock - before.ru_oublock) * 512 / 1e6
            print(f"write  {posts:,} posts  cpu {user + system:6.2f}s  {1e6 * (user + system) / posts:5.0f} us a post"
                  f"  (user {user:.2f}s, system {system:.2f}s, {written:,.0f} MB written)")
        app.close()
    if profile:
        profile.dump_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
