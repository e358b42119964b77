"""Readers' pages with 100,000 stored posts: GET /topics/<slug> and GET /search?q= answered by the
real `myofeed run --no-scheduler` over HTTP, one request after another on a keep-alive connection.

Target: p99 under 50 ms for every topic page and search case. References, measured in the same run
on the same database: the same server's answer for a static feed file (the floor of an HTTP answer
from this app), and, in process, the storage call each page makes against the same listing asked the
way a schema without topic_index and FTS would (post_topics joined to posts and sorted; LIKE over the
four columns), so the ratio says what the indexes buy.

    .venv/bin/python benchmarks/bench_pages.py [--posts 100000] [--requests 300]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
TARGET_P99_MS = 50.0
SOURCES = [f"bench-source-{i:02d}" for i in range(20)]
WORDS = ("myositis dermatomyositis rash muscle weakness ivig steroid trial study patient clinic exercise fatigue "
         "biopsy antibody lung skin treatment diagnosis research therapy gottron papules heliotrope creatine "
         "kinase swallowing").split()
FILLER = ("the a of and in to with for on is was new report about update from week day people care doctor team "
          "news story life family support group").split()
SUBTYPES = ["dermatomyositis", "polymyositis", "inclusion-body-myositis", "necrotizing-myopathy",
            "antisynthetase-syndrome"]
ASPECTS = ["diagnosis", "treatment", "living-with", "research"]


def write_config(tmp: Path, port: int) -> Path:
    (tmp / "topics.toml").write_text((REPO / "config" / "topics.toml").read_text())
    sources = "".join(f'\n[[sources]]\nname = "{s}"\nurl = "https://{s}.example/feed.xml"\n' for s in SOURCES)
    path = tmp / "myofeed.toml"
    path.write_text(f"""topics = "topics.toml"
[storage]
database = "data/bench.db"
[publish]
dir = "feeds"
base_url = "http://127.0.0.1:{port}/"
title = "myofeed bench"
[web]
host = "127.0.0.1"
port = {port}
[mail]
from = "digest@example.org"
outbox = "outbox"
{sources}""")
    (tmp / "feeds").mkdir(exist_ok=True)
    return path


def fill(config_path: Path, n: int) -> float:
    """n invented posts through Storage.record_fetch (the real write path, triggers included): 72% on
    topic (a subtype with its parent, half of them an aspect too), 2% research only, the rest off topic."""
    from myofeed._types import FetchOutcome, PostWrite
    from myofeed.config import load_config
    from myofeed.core import Myofeed

    rnd = random.Random(7)
    app = Myofeed(load_config(config_path))
    start = time.perf_counter()
    base = datetime(2020, 1, 1, tzinfo=UTC)
    now = datetime(2025, 11, 21, tzinfo=UTC)
    per_source = n // len(SOURCES)
    for s_index, source in enumerate(SOURCES):
        batch = []
        for i in range(per_source):
            when = base + timedelta(seconds=rnd.randint(0, 5 * 365 * 86400))
            r = rnd.random()
            labels: tuple[str, ...] = ()
            if r < 0.70:
                labels = ("autoimmune-myopathy", rnd.choice(SUBTYPES))
                if rnd.random() < 0.5:
                    labels += (rnd.choice(ASPECTS),)
            elif r < 0.72:
                labels = ("research",)
            batch.append(PostWrite(
                dedup_key=f"{s_index}-{i}", title=" ".join(rnd.choice(WORDS + FILLER * 3) for _ in range(8)),
                url=f"https://{source}.example/post/{i}", author=f"Author {rnd.randint(1, 300)}",
                published=when.date().isoformat(), sort_key=when, comments=rnd.choice([None, 0, 1, 2, 5, 12]),
                summary=" ".join(rnd.choice(WORDS + FILLER * 4) for _ in range(40)), summary_html=None, guid=None,
                categories=(), labels=labels, evidence={t: (f"term '{t}' in title",) for t in labels},
            ))
        outcome = FetchOutcome(ok=True, at=now, next_due=now + timedelta(hours=1))
        for k in range(0, len(batch), 1000):
            app.store.record_fetch(source, outcome, batch[k:k + 1000])
    elapsed = time.perf_counter() - start
    app.publish()
    app.close()
    return elapsed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(config_path: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "myofeed", "--config", str(config_path), "run", "--no-scheduler", "--port", str(port),
         "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=config_path.parent,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/feeds/all.atom", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
    proc.kill()
    raise SystemExit("server did not start")


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * len(ordered))) - 1)]
    return statistics.median(ordered), p99


def measure_http(client: httpx.Client, path: str, n: int) -> tuple[float, float]:
    for _ in range(20):  # warm-up: connection, caches, the first template compile
        client.get(path)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{path}: HTTP {r.status_code}")
    return percentiles(times)


def measure_call(call: Callable[[], object], n: int) -> tuple[float, float]:
    call()
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1000)
    return percentiles(times)


# The same listings without topic_index and posts_fts: the page's rows and the listing's total, asked
# of posts and post_topics alone (a topic joined and sorted; LIKE over the four columns).
_POST = "SELECT p.*, (SELECT group_concat(t.topic, ' ') FROM post_topics t WHERE t.post_id = p.id) AS topic_list"
NAIVE_TOPIC = (
    "SELECT COUNT(*) FROM post_topics t JOIN posts p ON p.id = t.post_id WHERE t.topic = ? AND p.hidden = 0",
    _POST + " FROM post_topics t JOIN posts p ON p.id = t.post_id WHERE t.topic = ? AND p.hidden = 0"
    " ORDER BY p.sort_key DESC, p.id DESC LIMIT 20",
)
_LIKE = (" FROM posts p WHERE p.hidden = 0 AND EXISTS (SELECT 1 FROM post_topics t WHERE t.post_id = p.id)"
         " AND (p.title LIKE ? OR p.summary LIKE ? OR p.author LIKE ? OR coalesce(p.source, '') LIKE ?)")
NAIVE_SEARCH = ("SELECT COUNT(*)" + _LIKE, _POST + _LIKE + " ORDER BY p.sort_key DESC, p.id DESC LIMIT 20")


def naive(db: Path, queries: tuple[str, str], params: tuple[object, ...]) -> Callable[[], object]:
    conn = sqlite3.connect(db)
    return lambda: [conn.execute(q, params).fetchall() for q in queries]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="myofeed-bench-pages-"))
    port = free_port()
    config_path = write_config(tmp, port)
    print(f"storing {args.posts:,} posts through Storage.record_fetch ...", flush=True)
    took = fill(config_path, args.posts)
    db = tmp / "data" / "bench.db"
    print(f"  stored in {took:.1f} s ({args.posts / took:,.0f} posts/s, FTS and topic_index triggers included);"
          f" database {db.stat().st_size / 1e6:.0f} MB")

    proc = start_server(config_path, port)
    failed = False
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
        floor = measure_http(client, "/feeds/all.atom", args.requests)
        cases = [
            ("topic page 1, large topic (~70% of posts)", "/topics/autoimmune-myopathy"),
            ("topic page 1, all", "/topics/all"),
            ("topic page 1, small topic (~2%)", "/topics/inclusion-body-myositis"),
            ("topic page 100, large topic", "/topics/autoimmune-myopathy?page=100"),
            ("search, common word", "/search?q=myositis"),
            ("search, two words", "/search?q=gottron+papules"),
            ("search, rare pair in a topic", "/search?q=author+17&topic=research"),
            ("search, no match", "/search?q=zzzzunknown"),
            ("search, page 10", "/search?q=rash&page=10"),
        ]
        print(f"\n{'GET':52s} {'p50 ms':>8s} {'p99 ms':>8s}  (n={args.requests}, sequential, keep-alive)")
        print(f"{'/feeds/all.atom (reference: a static file)':52s} {floor[0]:8.2f} {floor[1]:8.2f}")
        results = {}
        for label, path in cases:
            p50, p99 = measure_http(client, path, args.requests)
            results[label] = (p50, p99)
            mark = "ok" if p99 < TARGET_P99_MS else "OVER TARGET"
            print(f"{label + ': ' + path:52.52s} {p50:8.2f} {p99:8.2f}  {mark}  ({p50 / floor[0]:.1f}x the static file)")
            failed |= p99 >= TARGET_P99_MS
        client.close()
    finally:
        proc.terminate()
        proc.wait(10)

    print("\nreference in process, same database: the storage call each page makes (its 20 posts and the"
          " listing's total) vs. the same asked without topic_index and FTS (join and sort; LIKE)")
    from myofeed.search import search_words
    from myofeed.store import open_storage

    store = open_storage(db)
    n = max(20, args.requests // 5)
    pairs = [
        ("topic page 1, large topic", lambda: store.topic_page("autoimmune-myopathy", offset=0, limit=20),
         naive(db, NAIVE_TOPIC, ("autoimmune-myopathy",))),
        ("topic page 1, small topic", lambda: store.topic_page("inclusion-body-myositis", offset=0, limit=20),
         naive(db, NAIVE_TOPIC, ("inclusion-body-myositis",))),
        ("search, common word", lambda: store.search_posts(search_words("myositis"), topic=None, offset=0, limit=20),
         naive(db, NAIVE_SEARCH, ("%myositis%",) * 4)),
        ("search, rare words", lambda: store.search_posts(search_words("author 17"), topic=None, offset=0, limit=20),
         naive(db, NAIVE_SEARCH, ("%author 17%",) * 4)),
        ("search, no match", lambda: store.search_posts(search_words("zzzzunknown"), topic=None, offset=0, limit=20),
         naive(db, NAIVE_SEARCH, ("%zzzzunknown%",) * 4)),
    ]
    print(f"{'listing':28s} {'storage p50/p99 ms':>20s} {'without p50/p99 ms':>20s} {'p99 ratio':>10s}")
    for label, call, without in pairs:
        fast = measure_call(call, n)
        slow = measure_call(without, n)
        print(f"{label:28s} {fast[0]:9.2f} /{fast[1]:8.2f} {slow[0]:9.2f} /{slow[1]:8.2f} {slow[1] / max(fast[1], 1e-3):9.1f}x")
    store.close()
    print(f"\ntarget: p99 < {TARGET_P99_MS:.0f} ms for every topic page and search case: {'FAILED' if failed else 'met'}")
    if not os.environ.get("MYOFEED_BENCH_KEEP"):
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
