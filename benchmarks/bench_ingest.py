"""Ingest, whole process: myofeed against lemon24's `reader` on the same feeds.

Feeds are generated deterministically (RSS 2.0 and Atom 1.0, realistic titles,
summaries, authors, dates, categories and comment counts on .example links) and
served by a local aiohttp server on 127.0.0.1 with ETag / Last-Modified support.
Each tool runs as a subprocess and is timed from start to exit (interpreter
start, imports, config, DB, fetch, parse, store), on a fresh database:

  1. first full ingest of every feed (every entry is new);
  2. a second run on the same database, where every feed answers 304.

myofeed: `python -m myofeed --config X ingest --all -q` (it syncs its sources from the
config on every run). reader, at its best: make_reader(db), add_feed(url) for each feed
on the first run only, update_feeds(scheduled=False, workers=W) (scheduled=False so the
second run fetches at all; W threads: see READER_WORKERS).
Best of --repeat runs; the spread (max/min - 1) is printed as the noise figure. CPU is
the user + system time of the whole process tree (pool workers included), sampled
from /proc: steadier than wall time on a shared machine.
Target (later): myofeed at least 5x faster than reader, whole process.

    .venv/bin/python benchmarks/bench_ingest.py [--feeds 200] [--entries 50] [--repeat 3]
        [--reader-workers 8] [--concurrency 64] [--only myofeed|reader] [--keep DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import email.utils
import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
TARGET = 5.0
# reader.update_feeds(workers=...): threads that retrieve and parse. On the 2-core machine (200 x 50 feeds,
# best of 3, first run / all 304): 1 -> 11.4 / 0.94 s, 4 -> 10.8 / 0.98 s, 8 -> 9.0 / 0.75 s, 16 -> 10.4 / 1.05 s.
# Its CPU is ~8-9 s whatever the count (one process, the GIL). Override: --reader-workers.
READER_WORKERS = 8
T0 = datetime(2025, 11, 20, 9, 0, tzinfo=UTC)

CONDITIONS = ["dermatomyositis", "polymyositis", "inclusion body myositis", "necrotizing myopathy",
              "antisynthetase syndrome", "juvenile dermatomyositis", "myositis", "IMNM", "sIBM"]
ANGLES = ["new trial results for", "living well with", "what a muscle biopsy shows in", "IVIG and",
          "methotrexate dosing in", "exercise programmes for", "fatigue and", "early signs of",
          "a patient's year with", "registry data on", "rituximab outcomes in", "diagnosing"]
OFFTOPIC = ["Weekend bake sale raises funds for the clinic", "Parking changes at the north entrance",
            "Our volunteers of the month", "New opening hours over the holidays", "Staff picnic photos"]
SENTENCES = [
    "Researchers followed {n} patients for two years and reported changes in muscle strength.",
    "The team measured CK levels, MRI findings and patient-reported fatigue at every visit.",
    "Support group members shared practical tips for school, work and daily activities.",
    "Prednisone remains a first-line treatment, often combined with a steroid-sparing drug.",
    "The study adds to growing evidence on antibodies such as anti-Jo-1, HMGCR and SRP.",
    "Physiotherapists recommend a gradual exercise plan agreed with the care team.",
    "Skin signs such as Gottron papules and the heliotrope rash can come before weakness.",
    "Enrolment for the next cohort opens in the spring; details are on the trial page.",
    "Swallowing problems deserve early attention from a speech and language therapist.",
    "The clinic thanks everyone who joined the awareness walk last month.",
]
FIRST = ["Ada", "Grace", "Alan", "Maya", "Lin", "Omar", "Sofia", "Jonas", "Priya", "Kenji", "Nora", "Tom√°s"]
LAST = ["Example", "Lovelace", "Turing", "Okafor", "Nakamura", "Haddad", "Rossi", "Berg", "Iyer", "Dubois"]
TAGS = ["research", "treatment", "diagnosis", "living with myositis", "news", "events", "IVIG", "exercise"]


def _entry(rng: random.Random, feed: int, j: int) -> dict[str, object]:
    if rng.random() < 0.15:
        title = rng.choice(OFFTOPIC)
    else:
        title = f"{rng.choice(ANGLES).capitalize()} {rng.choice(CONDITIONS)}"
    title = f"{title} (part {j + 1})" if rng.random() < 0.3 else title
    paras = [" ".join(rng.choice(SENTENCES).format(n=rng.randint(20, 400)) for _ in range(rng.randint(2, 4)))
             for _ in range(rng.randint(1, 3))]
    slug = "-".join(title.lower().replace("(", "").replace(")", "").replace("'", "").split())[:60]
    link = f"https://site{feed}.example/{2025 - j // 40}/{slug}-{j}"
    summary = "".join(f"<p>{escape(p)}</p>" for p in paras)
    summary += f'<p><a href="{link}#more">Read more</a> about <em>{escape(rng.choice(CONDITIONS))}</em>.</p>'
    return {
        "title": title, "link": link, "guid": f"urn:site{feed}:post:{10_000 - j}", "summary": summary,
        "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "date": T0 - timedelta(hours=j * 7 + feed % 5, minutes=j),
        "comments": rng.randint(0, 60), "tags": rng.sample(TAGS, rng.randint(1, 3)),
    }


def make_feed(i: int, entries: int) -> tuple[bytes, str]:
    """Feed number i: (body, content type)."""
    rng = random.Random(i * 7919 + entries)
    return feed_doc(i, [_entry(rng, i, j) for j in range(entries)])


def feed_doc(i: int, items: list[dict[str, object]]) -> tuple[bytes, str]:
    """Even numbers are RSS 2.0, odd ones Atom 1.0."""
    site = f"https://site{i}.example/"
    if i % 2 == 0:
        body = "".join(
            f"<item><title>{escape(str(e['title']))}</title><link>{e['link']}</link>"
            f'<guid isPermaLink="false">{e["guid"]}</guid><dc:creator>{escape(str(e["author"]))}</dc:creator>'
            f"<pubDate>{email.utils.format_datetime(e['date'])}</pubDate>"  # type: ignore[arg-type]
            + "".join(f"<category>{escape(t)}</category>" for t in e["tags"])  # type: ignore[attr-defined]
            + f"<description>{escape(str(e['summary']))}</description>"
            f"<comments>{e['link']}#comments</comments><slash:comments>{e['comments']}</slash:comments></item>"
            for e in items
        )
        doc = (
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:slash="http://purl.org/rss/1.0/modules/slash/"><channel>'
            f"<title>Myositis site {i}</title><link>{site}</link><description>News from site {i}</description>"
            f"<language>en</language><lastBuildDate>{email.utils.format_datetime(T0)}</lastBuildDate>"
            f"{body}</channel></rss>"
        )
        return doc.encode(), "application/rss+xml; charset=utf-8"
    body = "".join(
        f"<entry><title>{escape(str(e['title']))}</title>"
        f'<link rel="alternate" type="text/html" href="{e["link"]}"/><id>{e["guid"]}</id>'
        f"<published>{e['date'].isoformat()}</published>"  # type: ignore[attr-defined]
        f"<updated>{e['date'].isoformat()}</updated>"  # type: ignore[attr-defined]
        f"<author><name>{escape(str(e['author']))}</name></author>"
        + "".join(f'<category term="{escape(t)}"/>' for t in e["tags"])  # type: ignore[attr-defined]
        + f'<summary type="html">{escape(str(e["summary"]))}</summary>'
        f"<thr:total>{e['comments']}</thr:total></entry>"
        for e in items
    )
    doc = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'
        ' xmlns:thr="http://purl.org/syndication/thread/1.0">'
        f'<title>Myositis site {i}</title><link rel="alternate" href="{site}"/><id>{site}</id>'
        f"<updated>{T0.isoformat()}</updated>{body}</feed>"
    )
    return doc.encode(), "application/atom+xml; charset=utf-8"


class Server:
    """aiohttp on 127.0.0.1 in a thread: /feed/<i>, with ETag and Last-Modified, counting statuses."""

    def __init__(self, feeds: list[tuple[bytes, str]]) -> None:
        self.feeds = feeds
        self.etags = ['"' + hashlib.sha1(body).hexdigest()[:16] + '"' for body, _ in feeds]
        self.modified = email.utils.format_datetime(T0, usegmt=True)
        self.statuses: Counter[int] = Counter()
        self.port = 0
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Server:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.port}/feed/{i}"

    async def _handle(self, request: object) -> object:
        from aiohttp import web

        i = int(request.match_info["i"])  # type: ignore[attr-defined]
        headers = {"ETag": self.etags[i], "Last-Modified": self.modified}
        inm = request.headers.get("If-None-Match")  # type: ignore[attr-defined]
        ims = request.headers.get("If-Modified-Since")  # type: ignore[attr-defined]
        if (inm and self.etags[i] in inm) or (inm is None and ims == self.modified):
            self.statuses[304] += 1
            return web.Response(status=304, headers=headers)
        self.statuses[200] += 1
        body, ctype = self.feeds[i]
        return web.Response(body=body, headers={**headers, "Content-Type": ctype})

    def _run(self) -> None:
        from aiohttp import web

        loop = self._loop = asyncio.new_event_loop()
        app = web.Application()
        app.router.add_get("/feed/{i}", self._handle)  # type: ignore[arg-type]
        runner = web.AppRunner(app, access_log=None)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
        loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._ready.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())


READER_SCRIPT = """\
import sys
from reader import make_reader
db, urls, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
reader = make_reader(db)
if not reader.get_feed_counts().total:  # feeds are added once, as a reader user would
    for url in open(urls).read().split():
        reader.add_feed(url)
reader.update_feeds(scheduled=False, workers=workers)
reader.close()
"""


def myofeed_config(work: Path, urls: list[str], concurrency: int) -> Path:
    topics = REPO / "config" / "topics.toml"
    lines = [
        f'topics = "{topics}"', "[storage]", 'database = "myofeed.db"', "[publish]", 'dir = "feeds"',
        "[mail]", 'outbox = "outbox"',
        "[fetch]", 'allow_hosts = ["127.0.0.1"]', f"concurrency = {concurrency}", "",
    ]
    for i, url in enumerate(urls):
        lines += ["[[sources]]", f'name = "site-{i}"', f'url = "{url}"', 'interval = "60m"', ""]
    path = work / "myofeed.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _tree_cpu(root: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds (user + system) of `root` and its descendants, from /proc (Linux only)."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK)
    tree = {root}
    for _ in range(8):  # a few levels: main -> forkserver -> workers
        tree |= {pid for pid, (ppid, _) in stats.items() if ppid in tree}
    for pid in tree & stats.keys():
        seen[pid] = max(seen.get(pid, 0.0), stats[pid][1])


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the whole process tree, sampled: the last few ms of each process are missed)."""
    seen: dict[int, float] = {}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:  # a file, not a pipe: a chatty child never blocks
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        sampling = os.path.isdir("/proc")
        while proc.poll() is None:
            if sampling:
                _tree_cpu(proc.pid, seen)
            time.sleep(0.02)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            out.seek(0)
            sys.exit(f"FAILED ({proc.returncode}): {' '.join(cmd)}\n{out.read()[-4000:].decode(errors='replace')}")
    return elapsed, sum(seen.values())


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


Timing = tuple[float, float]  # wall seconds, CPU seconds


def run_tool(tool: str, server: Server, urls: list[str], args: argparse.Namespace, rep: int) -> tuple[Timing, Timing]:
    """One fresh database: timings of the first ingest and of the all-304 run; checks both did the work."""
    work = Path(tempfile.mkdtemp(prefix=f"bench-ingest-{tool}-", dir=args.keep))
    try:
        if tool == "myofeed":
            cfg = myofeed_config(work, urls, args.concurrency)
            cmd = [sys.executable, "-m", "myofeed", "--config", str(cfg), "ingest", "--all", "-q"]
            db, table = work / "myofeed.db", "posts"
        else:
            (work / "urls.txt").write_text("\n".join(urls), encoding="utf-8")
            (work / "run_reader.py").write_text(READER_SCRIPT, encoding="utf-8")
            db, table = work / "reader.sqlite", "entries"
            cmd = [sys.executable, "run_reader.py", str(db), "urls.txt", str(args.reader_workers)]
        server.statuses.clear()
        first = timed(cmd, work)
        got, want = count(db, table), len(urls) * args.entries
        if got != want or server.statuses[200] != len(urls):
            sys.exit(f"{tool} run {rep}: {got} entries stored (expected {want}); server: {dict(server.statuses)}")
        server.statuses.clear()
        second = timed(cmd, work)
        if server.statuses[304] != len(urls) or count(db, table) != want:
            sys.exit(f"{tool} run {rep}: second run was not all 304: {dict(server.statuses)}")
        return first, second
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--entries", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--reader-workers", type=int, default=READER_WORKERS)
    ap.add_argument("--concurrency", type=int, default=64, help="myofeed [fetch] concurrency")
    ap.add_argument("--only", choices=["myofeed", "reader"])
    ap.add_argument("--keep", help="leave the work directories under this directory")
    args = ap.parse_args()
    try:
        import reader  # noqa: F401
    except ImportError:
        print("reader is not installed: pip install -e '.[bench]' (make bench does)")
        return 1
    start = time.perf_counter()
    feeds = [make_feed(i, args.entries) for i in range(args.feeds)]
    size = sum(len(b) for b, _ in feeds)
    print(f"{args.feeds} feeds x {args.entries} entries ({size / 1e6:.1f} MB) generated in "
          f"{time.perf_counter() - start:.1f}s; best of {args.repeat}, whole process, fresh DB each time")
    tools = [args.only] if args.only else ["myofeed", "reader"]
    times: dict[str, list[tuple[Timing, Timing]]] = {t: [] for t in tools}
    with Server(feeds) as server:
        urls = [server.url(i) for i in range(args.feeds)]
        for rep in range(args.repeat):
            for tool in tools:  # interleaved, so a burst of load elsewhere hits both
                times[tool].append(run_tool(tool, server, urls, args, rep))
    entries = args.feeds * args.entries
    best: dict[str, list[Timing]] = {}
    for tool, runs in times.items():
        label = f"{tool} (workers={args.reader_workers})" if tool == "reader" else f"{tool} (concurrency={args.concurrency})"
        print(label)
        best[tool] = []
        for k, (name, n, unit) in enumerate((("first ingest", entries, "entries"), ("all 304", args.feeds, "feeds"))):
            walls, cpus = [r[k][0] for r in runs], [r[k][1] for r in runs]
            best[tool].append((min(walls), min(cpus)))
            print(f"  {name:<13} best {min(walls):6.2f}s ({n / min(walls):7,.0f} {unit}/s)  cpu {min(cpus):5.2f}s  "
                  f"runs {', '.join(f'{x:.2f}' for x in walls)}  spread {max(walls) / min(walls) - 1:.0%}")
    if len(best) < 2:
        return 0
    for k, name in enumerate(("first ingest", "all 304")):
        wall, cpu = (best["reader"][k][i] / best["myofeed"][k][i] for i in (0, 1))
        print(f"ratio reader/myofeed, {name:<12}: wall {wall:5.2f}x  cpu {cpu:5.2f}x   (target >= {TARGET:g}x wall)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
