"""Ingest at scale, whole processes: myofeed against lemon24's `reader` at 300 and 2,000 feeds.

One corpus, served from 127.0.0.1 by a local aiohttp server with ETag / Last-Modified:
synthetic RSS 2.0 and Atom 1.0 feeds of 20-50 myositis posts each, with 1-3 KB summaries.
Each tool runs as a subprocess on a fresh database, three times in a row:

  1. first ingest: every entry is new;
  2. unchanged run: every feed answers 304;
  3. 10%-changed run: one feed in ten answers 200 with 3 new entries and one edited summary.

Plus 200 HTML listing pages (blog tag archives, no feed) for myofeed alone (reader reads feeds only).

Printed per run: wall time, posts/s, CPU of the whole process tree and its PEAK MEMORY: the sum of
the RSS of the process and all its children (forkserver, parse workers), sampled with psutil every
10 ms, the main process's own peak beside it. Then the ratios against reader and the targets of
issue 14: first ingest >= 5x faster, unchanged >= 3x faster, tree memory <= 2x reader's, and
myofeed's tree memory at the largest size within 10% of the smallest.

myofeed: `python -m myofeed --config X ingest --all -q`, as an operator runs it ([fetch] allow_hosts
= ["127.0.0.1"], so per-host politeness does not serialize the local server). reader, at its best:
make_reader(db), add_feed(url) once, update_feeds(scheduled=False, workers=8).

    .venv/bin/python benchmarks/bench_scale.py [--sizes 300,2000] [--html 200] [--only myofeed]
    MYOFEED_BENCH_SIZES=100 make bench   # a quick run (the sizes `make bench` uses otherwise: 300,2000)
    MYOFEED_BENCH_PROFILE=/tmp/prof .venv/bin/python benchmarks/bench_scale.py --sizes 300 --html 0 --only myofeed
                                         # py-spy profiles of each run (times are then not comparable)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import (  # noqa: E402
    ANGLES,
    CONDITIONS,
    FIRST,
    LAST,
    OFFTOPIC,
    READER_SCRIPT,
    READER_WORKERS,
    SENTENCES,
    T0,
    TAGS,
    Server,
    feed_doc,
)

REPO = Path(__file__).resolve().parents[1]
TARGETS = {"first": 5.0, "unchanged": 3.0}
MEMORY_TARGET = 2.0  # tree peak at most 2x reader's
FLAT_TARGET = 0.10  # largest size's tree peak within 10% of the smallest's
CHANGED_EVERY = 10  # one feed in ten changes in the third run
PHASES = ("first", "unchanged", "changed")


# Sentences are put together from parts, so that two posts share a phrase now and then but are not copies
# of each other (a corpus of ten fixed sentences makes every post a near-copy of every other, which the
# cross-source duplicate detection then has to compare pairwise: see docs/performance.md).
WHO = ["Researchers in {city}", "The clinic team", "A rheumatologist in {city}", "Support group members",
       "Physiotherapists", "A patient from {city}", "The registry", "Nurses at the infusion unit",
       "A neurologist", "Parents of a child with {cond}", "The trial's investigators", "Dermatologists"]
DID = ["followed {n} patients with {cond} for {m} months and", "reported that", "asked {n} members whether",
       "described how", "compared two groups and found that", "explained at the {month} meeting that",
       "published data showing that", "wrote to the newsletter saying that"]
WHAT = ["muscle strength improved by {n} percent", "fatigue scores fell after {m} weeks of {drug}",
        "swallowing problems were found in {n} of them", "the rash cleared before the weakness did",
        "CK levels stayed high despite {drug}", "{drug} was stopped in {n} cases because of side effects",
        "lung involvement was seen on the first scan", "anti-{ab} antibodies were present in most",
        "home exercise twice a week was safe", "a {m}-minute walk test changed little",
        "school attendance recovered by the {month} term", "MRI showed oedema in the thighs"]
TAIL = ["", " The authors call for larger studies.", " More details follow in the {month} issue.",
        " Questions can go to the helpline.", " A second cohort starts in {month}.", ""]
CITIES = ["Leeds", "Lyon", "Porto", "Graz", "Utrecht", "Aarhus", "Bergen", "Cork", "Turin", "Kraków", "Basel"]
DRUGS = ["prednisone", "methotrexate", "IVIG", "rituximab", "mycophenolate", "tacrolimus", "azathioprine"]
ABS = ["Jo-1", "HMGCR", "SRP", "MDA5", "TIF1-gamma", "NXP2", "Mi-2", "PL-7"]
MONTHS = ["January", "March", "April", "June", "September", "October", "November"]


_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "di", "pa", "gu", "re", "to", "bi", "ham", "ver",
              "lin", "dor", "mel", "pos", "tur", "gan", "fel", "sor"]
# Writers' own words: real posts on one subject share phrases, not whole runs of words
VOCABULARY = sorted({"".join(random.Random(i).choices(_SYLLABLES, k=3)) for i in range(6000)})


def _sentence(rng: random.Random) -> str:
    fill = {"city": rng.choice(CITIES), "cond": rng.choice(CONDITIONS), "n": rng.randint(3, 400),
            "m": rng.randint(2, 36), "drug": rng.choice(DRUGS), "ab": rng.choice(ABS), "month": rng.choice(MONTHS)}
    text = f"{rng.choice(WHO)} {rng.choice(DID)} {rng.choice(WHAT)}.{rng.choice(TAIL)}"
    if rng.random() < 0.2:
        text += " " + rng.choice(SENTENCES)
    words = text.format(**fill).split()
    for k in range(len(words) - 1, 0, -3):  # a word of the writer's own every third word
        words.insert(k, rng.choice(VOCABULARY))
    return " ".join(words)


def _entry(rng: random.Random, feed: int, j: int) -> dict[str, object]:
    title = rng.choice(OFFTOPIC) if rng.random() < 0.15 else f"{rng.choice(ANGLES).capitalize()} {rng.choice(CONDITIONS)}"
    title = f"{title} (part {j + 1})"
    target = rng.randint(1000, 3000)  # 1-3 KB of summary text
    paras: list[str] = []
    size = 0
    while size < target:
        para = " ".join(_sentence(rng).format(n=rng.randint(20, 400)) for _ in range(rng.randint(2, 5)))
        paras.append(para)
        size += len(para) + 7
    slug = "-".join(title.lower().replace("(", "").replace(")", "").replace("'", "").split())[:60]
    link = f"https://site{feed}.example/{2025 - j // 40}/{slug}-{j}"
    summary = "".join(f"<p>{escape(p)}</p>" for p in paras)
    summary += f'<p><a href="{link}#more">Read more</a> about <em>{escape(rng.choice(CONDITIONS))}</em>.</p>'
    return {
        "title": title, "link": link, "guid": f"urn:site{feed}:post:{10_000 - j}", "summary": summary,
        "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "date": T0 - timedelta(hours=j * 7 + feed % 5, minutes=j),
        "comments": rng.randint(0, 60), "tags": rng.sample(TAGS, rng.randint(1, 3)),
    }


def entries_of(i: int, changed: bool) -> list[dict[str, object]]:
    """Feed i's entries: 20-50 of them; changed: 3 new ones on top and the first old one's summary edited."""
    rng = random.Random(i * 7919)
    n = rng.randint(20, 50)
    items = [_entry(rng, i, j) for j in range(3, n + 3)]  # indexes 0-2 are the changed run's new entries
    if changed:
        fresh = [_entry(random.Random(i * 31 + j), i, j) for j in range(3)]
        for e in fresh:
            e["date"] = T0 + timedelta(hours=1)
        items[0] = {**items[0], "summary": str(items[0]["summary"]) + "<p>Updated: the clinic added a note.</p>"}
        items = fresh + items
    return items


def listing_doc(i: int, items: list[dict[str, object]]) -> tuple[bytes, str]:
    """A blog tag archive with no feed: repeated post cards (title link, date, byline, excerpt, comments)."""
    cards = "".join(
        f'<article class="post type-post"><h2 class="entry-title"><a href="{e["link"]}" rel="bookmark">'
        f"{escape(str(e['title']))}</a></h2>"
        f'<div class="entry-meta">Posted on <time class="entry-date published" datetime="{e["date"].isoformat()}">'  # type: ignore[attr-defined]
        f"{e['date'].strftime('%B %d, %Y')}</time> by "  # type: ignore[attr-defined]
        f'<span class="author vcard"><a class="url fn n" href="https://blog{i}.example/author/x">'
        f"{escape(str(e['author']))}</a></span></div>"
        f'<div class="entry-summary">{str(e["summary"]).split("</p>")[0]}</p></div>'
        f'<footer class="entry-footer"><a href="{e["link"]}#comments">{e["comments"]} Comments</a></footer>'
        "</article>"
        for e in items[:15]
    )
    doc = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Myositis - Blog {i} (demo)</title></head>'
        f'<body><header><a href="https://blog{i}.example/">Blog {i}</a><nav><a href="/">Home</a>'
        f'<a href="/about">About</a></nav></header><main id="main"><h1>Tag: myositis</h1>{cards}</main>'
        "<aside><h3>Recent comments</h3><ul><li>A reader on a post</li></ul></aside>"
        "<footer>Demo blog on an .example host</footer></body></html>"
    )
    return doc.encode(), "text/html; charset=utf-8"


class Corpus(Server):
    """The bench server, with a second version of every document for the 10%-changed run."""

    def __init__(self, plain: list[tuple[bytes, str]], changed: dict[int, tuple[bytes, str]]) -> None:
        super().__init__(list(plain))
        self.plain, self.changed_docs = list(plain), changed
        self.plain_etags = list(self.etags)

    def set_changed(self, on: bool) -> None:
        self.feeds = list(self.plain)
        self.etags = list(self.plain_etags)
        if on:
            for i, doc in self.changed_docs.items():
                self.feeds[i] = doc
                self.etags[i] = '"' + hashlib.sha1(doc[0]).hexdigest()[:16] + '"'


@dataclass
class Measure:
    wall: float
    cpu: float
    tree_mb: float
    main_mb: float
    posts: int = 0


def measured(cmd: list[str], cwd: Path) -> Measure:
    """Run cmd to its end: wall time, CPU seconds and peak RSS of the whole tree (psutil, every 10 ms)."""
    tree_peak = main_peak = 0
    cpu: dict[int, float] = {}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            total = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                procs = []
            for p in procs:
                try:
                    with p.oneshot():
                        rss = p.memory_info().rss
                        t = p.cpu_times()
                except psutil.Error:
                    continue
                total += rss
                cpu[p.pid] = max(cpu.get(p.pid, 0.0), t.user + t.system)
                if p.pid == proc.pid:
                    main_peak = max(main_peak, rss)
            tree_peak = max(tree_peak, total)
            time.sleep(0.01)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            out.seek(0)
            sys.exit(f"FAILED ({proc.returncode}): {' '.join(cmd)}\n{out.read()[-4000:].decode(errors='replace')}")
    return Measure(wall, sum(cpu.values()), tree_peak / 2**20, main_peak / 2**20)


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def myofeed_config(work: Path, urls: list[str], kind: str) -> Path:
    lines = [f'topics = "{REPO / "config" / "topics.toml"}"', "[storage]", 'database = "myofeed.db"',
             "[publish]", 'dir = "feeds"', "[mail]", 'outbox = "outbox"', "[fetch]", 'allow_hosts = ["127.0.0.1"]', ""]
    for i, url in enumerate(urls):
        lines += ["[[sources]]", f'name = "site-{i}"', f'url = "{url}"', 'interval = "60m"']
        lines += [f'kind = "{kind}"', ""] if kind != "auto" else [""]
    path = work / "myofeed.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run_tool(tool: str, server: Corpus, urls: list[str], posts: dict[str, int], keep: str | None,
             kind: str = "auto") -> dict[str, Measure]:
    """The three runs on one fresh database; checks each did the work (statuses, stored counts)."""
    if keep is not None:
        Path(keep).mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"bench-scale-{tool}-", dir=keep))
    try:
        if tool == "myofeed":
            cfg = myofeed_config(work, urls, kind)
            cmd = [sys.executable, "-m", "myofeed", "--config", str(cfg), "ingest", "--all", "-q"]
            db, table = work / "myofeed.db", "posts"
        else:
            (work / "urls.txt").write_text("\n".join(urls), encoding="utf-8")
            (work / "run_reader.py").write_text(READER_SCRIPT, encoding="utf-8")
            db, table = work / "reader.sqlite", "entries"
            cmd = [sys.executable, "run_reader.py", str(db), "urls.txt", str(READER_WORKERS)]
        got: dict[str, Measure] = {}
        n = len(urls)
        expect = {"first": (200, n), "unchanged": (304, n), "changed": (200, len(server.changed_docs))}
        for phase in PHASES:
            server.set_changed(phase == "changed")
            server.statuses.clear()
            m = measured(profiled(cmd, tool, phase, n), work)
            status, want = expect[phase]
            if server.statuses[status] != want:
                sys.exit(f"{tool} {phase}: expected {want} answers {status}; server: {dict(server.statuses)}")
            stored = count(db, table)
            if stored != posts[phase]:
                sys.exit(f"{tool} {phase}: {stored} entries stored, expected {posts[phase]}")
            m.posts = posts["first"] if phase == "first" else posts[phase] - posts["first"] + 0
            got[phase] = m
        return got
    finally:
        server.set_changed(False)
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def profiled(cmd: list[str], tool: str, phase: str, n: int) -> list[str]:
    """cmd under py-spy (the whole process tree, raw collapsed stacks) when MYOFEED_BENCH_PROFILE names a
    directory: <dir>/<tool>-<n>-<phase>.raw, e.g. for `flamegraph.pl` or a grep. Times are then not comparable."""
    where = os.environ.get("MYOFEED_BENCH_PROFILE")
    if not where:
        return cmd
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    out = Path(where).resolve() / f"{tool}-{n}-{phase}.raw"
    out.parent.mkdir(parents=True, exist_ok=True)
    return [spy, "record", "--subprocesses", "--threads", "-r", "200", "-f", "raw", "-o", str(out), "--", *cmd]


def report(label: str, runs: dict[str, Measure], changed_posts: int, total: int) -> None:
    for phase in PHASES:
        m = runs[phase]
        handled = total if phase == "first" else (0 if phase == "unchanged" else changed_posts)
        rate = f"{handled / m.wall:8,.0f} posts/s" if handled else " " * 15
        print(f"  {label:<8} {phase:<10} {m.wall:7.2f}s {rate}  cpu {m.cpu:6.2f}s  "
              f"tree {m.tree_mb:6.1f} MB (main {m.main_mb:5.1f} MB)", flush=True)


def corpus(n: int, html: bool) -> tuple[list[tuple[bytes, str]], dict[int, tuple[bytes, str]], dict[str, int], int]:
    """(documents, changed documents, expected stored counts per phase, new posts of the changed run)."""
    make = listing_doc if html else feed_doc
    docs, changed = [], {}
    first = new = 0
    for i in range(n):
        items = entries_of(i, False)
        docs.append(make(i, items))
        first += min(len(items), 15) if html else len(items)
        if i % CHANGED_EVERY == 0:
            changed[i] = make(i, entries_of(i, True))
            new += 3
    return docs, changed, {"first": first, "unchanged": first, "changed": first + new}, new + len(changed)


def compiled() -> None:
    """Write the bytecode of the myofeed being measured, as an installed package has it. pip compiles a
    wheel's modules when it installs them (reader's are); a source checkout is compiled on first import,
    except where PYTHONDONTWRITEBYTECODE is set (as on the project's machine), where every run and every
    parse worker would compile ~60 modules again (~0.1 s of an unchanged run)."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("myofeed")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--sizes", default=os.environ.get("MYOFEED_BENCH_SIZES", "300,2000"),
                    help="feed counts, comma-separated (env MYOFEED_BENCH_SIZES)")
    ap.add_argument("--html", type=int, default=int(os.environ.get("MYOFEED_BENCH_HTML", "200")),
                    help="HTML listing pages, myofeed alone (0: none)")
    ap.add_argument("--only", choices=["myofeed", "reader"])
    ap.add_argument("--keep", help="leave the work directories under this directory")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    tools = [args.only] if args.only else ["myofeed", "reader"]
    results: dict[int, dict[str, dict[str, Measure]]] = {}
    failed: list[str] = []
    compiled()
    for n in sizes:
        t0 = time.perf_counter()
        docs, changed, posts, changed_posts = corpus(n, html=False)
        size = sum(len(b) for b, _ in docs)
        print(f"{n} feeds, {posts['first']:,} posts ({size / 1e6:.1f} MB), generated in "
              f"{time.perf_counter() - t0:.1f}s; changed run: {len(changed)} feeds, {changed_posts} new/edited posts",
              flush=True)
        results[n] = {}
        with Corpus(docs, changed) as server:
            urls = [server.url(i) for i in range(n)]
            for tool in tools:
                results[n][tool] = run_tool(tool, server, urls, posts, args.keep)
                report(tool, results[n][tool], changed_posts, posts["first"])
        if len(tools) == 2:
            mine, ref = results[n]["myofeed"], results[n]["reader"]
            for phase in PHASES:
                ratio = ref[phase].wall / mine[phase].wall
                target = TARGETS.get(phase)
                verdict = "" if target is None else f"(target >= {target:g}x: {'met' if ratio >= target else 'NOT met'})"
                if target is not None and ratio < target:
                    failed.append(f"{n} {phase} {ratio:.2f}x")
                print(f"  ratio reader/myofeed {phase:<10} wall {ratio:5.2f}x {verdict}")
            mem = max(m.tree_mb for m in mine.values()) / max(m.tree_mb for m in ref.values())
            ok = mem <= MEMORY_TARGET
            failed += [] if ok else [f"{n} memory {mem:.2f}x"]
            print(f"  tree memory myofeed/reader      {mem:5.2f}x (target <= {MEMORY_TARGET:g}x: "
                  f"{'met' if ok else 'NOT met'})", flush=True)
    if "myofeed" in tools and len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        a = max(m.tree_mb for m in results[small]["myofeed"].values())
        b = max(m.tree_mb for m in results[large]["myofeed"].values())
        growth = b / a - 1
        ok = growth <= FLAT_TARGET
        failed += [] if ok else [f"memory growth {growth:.0%}"]
        print(f"myofeed tree memory {large} vs {small} sources: {b:.1f} vs {a:.1f} MB, {growth:+.0%} "
              f"(target <= +{FLAT_TARGET:.0%}: {'met' if ok else 'NOT met'})")
    if args.html and args.only != "reader":
        docs, changed, posts, changed_posts = corpus(args.html, html=True)
        print(f"{args.html} HTML listing pages, {posts['first']:,} posts, myofeed alone", flush=True)
        with Corpus(docs, changed) as server:
            urls = [server.url(i) for i in range(args.html)]
            report("myofeed", run_tool("myofeed", server, urls, posts, args.keep, kind="html"), changed_posts,
                   posts["first"])
    if failed:
        print("targets not met: " + "; ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
