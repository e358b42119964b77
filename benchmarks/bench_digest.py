"""Digest run at scale: 10,000 confirmed subscribers over 500 new posts, composed, handed to a
local SMTP sink on 127.0.0.1 and recorded in the ledger. Target: under 30 s on a 2-core machine.

The reference, measured in the same run, is the naive way (rss2email / TT-RSS style): render
and pack every subscriber's mail from scratch with Jinja2, css-inline and the email package,
timed on a sample and extrapolated. It excludes SMTP and ledger time, so the ratio is conservative.

    .venv/bin/python benchmarks/bench_digest.py [--subscribers N] [--posts N] [--sink minimal|aiosmtpd]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import socket
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from myofeed._types import FetchOutcome, PostWrite
from myofeed.config import load_config
from myofeed.core import Myofeed
from myofeed.digest import send_due
from myofeed.digest.compose import build_sections, render_digest
from myofeed.digest.message import personalise
from myofeed.digest.run import _Renderer, plan

DISEASES = ["dermatomyositis", "polymyositis", "inclusion-body-myositis", "necrotizing-myopathy",
            "antisynthetase-syndrome"]
ASPECTS = ["diagnosis", "treatment", "living-with", "research"]
ALL = ["autoimmune-myopathy", *DISEASES, *ASPECTS]
T0 = datetime(2025, 11, 20, 6, 0, tzinfo=UTC)


def _minimal_sink(sock: socket.socket, counts: Any) -> None:
    """Just enough SMTP to accept mail fast: reads DATA in large chunks up to CRLF.CRLF."""
    while True:
        conn, _ = sock.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as mail servers do for pipelined replies
        f = conn.makefile("rb")
        conn.sendall(b"220 sink.example ESMTP\r\n")
        for line in f:
            cmd = line[:4].upper()
            if cmd in (b"EHLO", b"HELO"):
                conn.sendall(b"250-sink.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n")
            elif cmd == b"DATA":
                conn.sendall(b"354 go ahead\r\n")
                tail, size = b"", 0
                while True:
                    chunk = f.read1(1 << 20)  # type: ignore[attr-defined]
                    size += len(chunk)
                    window = tail + chunk
                    if window.endswith(b"\r\n.\r\n") or window == b".\r\n":
                        break
                    tail = window[-5:]
                with counts.get_lock():
                    counts[0] += 1
                    counts[1] += size
                conn.sendall(b"250 2.0.0 queued\r\n")
            elif cmd == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                break
            else:  # MAIL, RCPT, RSET, NOOP
                conn.sendall(b"250 OK\r\n")
        conn.close()


class MinimalSink:
    """The sink in its own process, as a real mail server would be (no shared GIL)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.counts = multiprocessing.Array("q", 2)
        self.proc = multiprocessing.Process(target=_minimal_sink, args=(self.sock, self.counts), daemon=True)
        self.proc.start()

    @property
    def messages(self) -> int:
        return int(self.counts[0])

    @property
    def bytes(self) -> int:
        return int(self.counts[1])

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.join()


def _aiosmtpd_sink(port: int, counts: Any) -> None:
    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            with counts.get_lock():
                counts[0] += 1
                counts[1] += len(envelope.original_content or b"")
            return "250 2.0.0 queued"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    threading.Event().wait()


class AiosmtpdSink(MinimalSink):
    """aiosmtpd, also in its own process; it parses DATA line by line in Python, so at
    ~1 GB per run the sink, not the sender, sets the pace."""

    def __init__(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.counts = multiprocessing.Array("q", 2)
        self.proc = multiprocessing.Process(target=_aiosmtpd_sink, args=(self.port, self.counts), daemon=True)
        self.proc.start()
        for _ in range(100):  # wait until it listens
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)


def build(tmp: Path, port: int, n_subs: int, n_posts: int) -> Myofeed:
    topics = "\n".join(
        f'[[topics]]\nslug = "{slug}"\ntitle = "{slug.replace("-", " ").capitalize()}"\n'
        + ('parent = "autoimmune-myopathy"\n' if slug in DISEASES else "")
        + ("aspect = true\n" if slug in ASPECTS else "")
        for slug in ALL
    )
    (tmp / "topics.toml").write_text(topics, encoding="utf-8")
    (tmp / "myofeed.toml").write_text(
        'topics = "topics.toml"\n[storage]\ndatabase = "bench.db"\n'
        '[publish]\nbase_url = "https://digest.myofeed.example/"\n'
        f'[mail]\nfrom = "digest@myofeed.example"\nsmtp_host = "127.0.0.1"\nsmtp_port = {port}\n'
        '[[sources]]\nname = "bench-blog"\nurl = "https://bench.example/feed.xml"\n',
        encoding="utf-8",
    )
    app = Myofeed(load_config(tmp / "myofeed.toml"))
    rng = random.Random(7)
    for i in range(n_subs):  # one transaction each, like `subscribers add`: setup, not timed
        chosen = rng.sample(ALL, rng.choice((1, 1, 2, 2, 3)))
        app.add_subscriber(f"reader{i:05d}@mail.example", chosen, rng.choice(("daily", "weekly")),
                             confirmed=True, now=T0)
    posts = []
    for i in range(n_posts):
        disease = rng.choice(DISEASES)
        labels = (disease, "autoimmune-myopathy", *rng.sample(ASPECTS, rng.choice((0, 1, 1, 2))))
        day = f"2025-11-{1 + i % 19:02d}"
        posts.append(PostWrite(
            dedup_key=f"guid:{i}", title=f"Post {i}: notes on {disease.replace('-', ' ')}",
            url=f"https://bench.example/posts/{i}", author=rng.choice(["Ada Example", "Bo Sample", None]),
            published=day, sort_key=datetime.fromisoformat(day).replace(tzinfo=UTC), comments=rng.choice([None, 0, 3, 12]),
            summary=("A patient story about muscle weakness, tests and treatment. " * 4).strip(),
            summary_html=None, guid=f"guid:{i}", categories=(), labels=labels,
            evidence={label: ("bench",) for label in labels},
        ))
    at = T0 + timedelta(hours=1)
    app.store.record_fetch("bench-blog", FetchOutcome(ok=True, at=at, next_due=at), posts)
    return app


def naive_per_subscriber(app: Myofeed, sample: int) -> float:
    """Seconds per subscriber when every mail is rendered, inlined and packed from scratch."""
    subs = app.subscribers("confirmed")[:sample]
    renderer = _Renderer(app)
    digests = plan(app, subs)
    start = time.perf_counter()
    for d in digests:
        topics = [t.slug for t in app.config.topics if t.slug in d.subscriber.topics]
        body = personalise(render_digest(app.config, build_sections(d.posts, topics, app.config), topics),
                           renderer.lists, to=d.subscriber.email, token=d.subscriber.unsubscribe_token)
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = "digest@myofeed.example", d.subscriber.email, body.subject
        msg.set_content(body.text)
        msg.add_alternative(body.html, subtype="html")
        msg.as_bytes()
    return (time.perf_counter() - start) / len(digests)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--subscribers", type=int, default=10_000)
    ap.add_argument("--posts", type=int, default=500)
    ap.add_argument("--sink", choices=("minimal", "aiosmtpd"), default="minimal")
    ap.add_argument("--sample", type=int, default=100, help="subscribers rendered the naive way (reference)")
    args = ap.parse_args()
    sink = MinimalSink() if args.sink == "minimal" else AiosmtpdSink()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        app = build(Path(tmp), sink.port, args.subscribers, args.posts)
        print(f"setup: {args.subscribers} subscribers, {args.posts} posts in {time.perf_counter() - t:.1f} s")
        naive = naive_per_subscriber(app, args.sample)
        start = time.perf_counter()
        report = send_due(app, now=T0 + timedelta(hours=2))
        elapsed = time.perf_counter() - start
        rows = app.store.table_counts()["deliveries"]
        app.close()
    time.sleep(0.2)  # let the sink count the last message
    sink.stop()
    assert report.sent == sink.messages, (report, sink.messages)
    print(f"digest run: {report.sent} mails ({sink.bytes / 1e6:.0f} MB) to the {args.sink} sink,"
          f" {rows} ledger rows, {report.skipped} with nothing new, in {elapsed:.2f} s"
          f" ({report.sent / elapsed:.0f} mails/s); target < 30 s: {'OK' if elapsed < 30 else 'MISSED'}")
    reference = naive * report.sent
    print(f"reference: naive per-subscriber rendering {naive * 1000:.1f} ms/mail on {args.sample} subscribers,"
          f" extrapolated {reference:.1f} s for rendering alone; ratio {reference / elapsed:.1f}x faster")
    return 0 if elapsed < 30 else 1


if __name__ == "__main__":
    sys.exit(main())
