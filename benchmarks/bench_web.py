"""Conditional feed requests against `myofeed run`'s web app, from one server process.

A feed reader's poll is a GET with If-None-Match, answered 304. Target: at
least 2,000 requests/s from one uvicorn process (50 keep-alive connections
against 127.0.0.1, as fast as answers come: saturation), and p99 under 50 ms
while 2,000 requests/s are offered on a fixed schedule (paced).

The reference, measured in the same run on the same file, is a plain Starlette
app serving the publish directory with StaticFiles (which also answers 304).
Server and load generator are pinned to different CPUs when there are two.

    .venv/bin/python benchmarks/bench_web.py [--seconds 5] [--connections 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_RPS = 2000
TARGET_P99_MS = 50.0


# --- server side (run in a child process: `bench_web.py --serve KIND CONFIG PORT`) ---------------


def serve(kind: str, config_path: str, port: int) -> None:
    import uvicorn

    from myofeed.config import load_config

    config = load_config(config_path)
    if kind == "myofeed":
        from myofeed.core import Myofeed
        from myofeed.web import make_app

        app = make_app(Myofeed(config))
    else:
        from starlette.applications import Starlette
        from starlette.routing import Mount
        from starlette.staticfiles import StaticFiles

        app = Starlette(routes=[Mount("/feeds", StaticFiles(directory=config.publish_dir))])
    # as `myofeed run` serves: uvloop, and httptools with run's slowloris guard (web/server.py) for
    # myofeed; the reference gets uvicorn's plain httptools protocol
    from myofeed.web.server import server_options

    web = config.settings.web
    options = (server_options(web.header_timeout, web.max_connections, base_url=config.settings.publish.base_url)
               if kind == "myofeed" else {"http": "auto"})
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False, proxy_headers=False,
                lifespan="on", loop="auto", **options)


# --- set-up --------------------------------------------------------------------------------


def prepare(tmp: Path) -> Path:
    """A config with the demo sources ingested and published (a realistic all.atom)."""
    shutil.copy(REPO / "config" / "topics.toml", tmp / "topics.toml")
    demo = REPO / "config" / "demo"
    sources = ""
    if demo.is_dir():
        shutil.copytree(demo, tmp / "demo")
        text = (REPO / "config" / "myofeed.toml").read_text()
        sources = text[text.index("[[sources]]"):] if "[[sources]]" in text else ""
    path = tmp / "myofeed.toml"
    path.write_text(
        'topics = "topics.toml"\n[storage]\ndatabase = "data/myofeed.db"\n[publish]\ndir = "feeds"\n'
        f'[mail]\noutbox = "outbox"\n{sources}'
    )
    from myofeed.config import load_config
    from myofeed.core import Myofeed

    app = Myofeed(load_config(path))
    app.ingest(all=True)
    app.publish()
    app.close()
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(kind: str, config: Path, cpu: int | None) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    cmd = [sys.executable, __file__, "--serve", kind, str(config), str(port)]
    proc = subprocess.Popen(cmd, preexec_fn=(lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/feeds/all.atom", timeout=1).read()
            return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"{kind} server did not start")


def etag_of(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/feeds/all.atom") as r:
        return str(r.headers["etag"])


# --- load generator: raw asyncio keep-alive connections (cheaper than an HTTP client library) ----


async def _connection(port: int, request: bytes, stop: float, latencies: list[float], statuses: dict[int, int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            latencies.append(time.perf_counter() - t0)
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()


async def _paced_connection(
    port: int, request: bytes, start: float, stop: float, interval: float, latencies: list[float],
    statuses: dict[int, int],
) -> None:
    """Requests on a fixed schedule; latency counts from the scheduled time, so a stalled server
    is charged for the requests it delayed (no coordinated omission)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        k = 0
        while (due := start + k * interval) < stop:
            k += 1
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = next((int(line[15:]) for line in head.split(b"\r\n")
                           if line[:15].lower() == b"content-length:"), 0)
            if length:
                await reader.readexactly(length)
            latencies.append(time.perf_counter() - due)
            status = int(head[9:12])
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()


async def _load(
    port: int, request: bytes, seconds: float, connections: int, rate: float | None = None
) -> tuple[list[float], dict[int, int], float]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    t0 = time.perf_counter()
    stop = t0 + seconds
    if rate is None:
        jobs = [_connection(port, request, stop, latencies, statuses) for _ in range(connections)]
    else:
        interval = connections / rate
        jobs = [_paced_connection(port, request, t0 + i * interval / connections, stop, interval, latencies, statuses)
                for i in range(connections)]
    await asyncio.gather(*jobs)
    return latencies, statuses, time.perf_counter() - t0


def _runner() -> asyncio.Runner:
    """uvloop when installed: the load generator must not be the bottleneck it measures."""
    try:
        import uvloop
    except ImportError:
        return asyncio.Runner()
    return asyncio.Runner(loop_factory=uvloop.new_event_loop)


def measure(
    port: int, headers: dict[str, str], seconds: float, connections: int, rate: float | None = None
) -> dict[str, float]:
    lines = ["GET /feeds/all.atom HTTP/1.1", "Host: 127.0.0.1", "User-Agent: bench_web",
             *(f"{k}: {v}" for k, v in headers.items())]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    with _runner() as runner:
        runner.run(_load(port, request, min(1.0, seconds / 4), connections))  # warm-up
        latencies, statuses, elapsed = runner.run(_load(port, request, seconds, connections, rate))
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "count": len(latencies),
        "status": max(statuses, key=lambda s: statuses[s]),
        "other": sum(n for s, n in statuses.items() if s != max(statuses, key=lambda s: statuses[s])),
    }


def row(name: str, m: dict[str, float]) -> str:
    other = f", {int(m['other'])} other" if m["other"] else ""
    return (f"{name:<34} {m['rps']:>9,.0f} req/s   p50 {m['p50']:6.2f} ms   p99 {m['p99']:6.2f} ms"
            f"   [{int(m['count']):,} x {int(m['status'])}{other}]")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()

    cpus = sorted(os.sched_getaffinity(0))
    server_cpu, client_cpu = (cpus[0], cpus[1]) if len(cpus) >= 2 else (None, None)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        config = prepare(Path(tmp))  # before pinning: ingest may use every CPU
        if client_cpu is not None:
            os.sched_setaffinity(0, {client_cpu})
        size = (Path(tmp) / "feeds" / "all.atom").stat().st_size
        print(f"all.atom: {size:,} bytes; {args.connections} connections, {args.seconds:.0f} s per run, "
              f"server on CPU {server_cpu}, load on CPU {client_cpu}")
        for kind in ("myofeed", "reference"):
            proc, port = start(kind, config, server_cpu)
            try:
                tag = etag_of(port)
                # paced first, on the freshly warmed server: the saturation runs leave a backlog of closing sockets
                results[f"{kind} 304 paced"] = measure(port, {"If-None-Match": tag}, args.seconds, args.connections,
                                                       rate=TARGET_RPS)
                results[f"{kind} 304"] = measure(port, {"If-None-Match": tag}, args.seconds, args.connections)
                results[f"{kind} 200"] = measure(port, {}, args.seconds, args.connections)
                if kind == "myofeed":
                    results[f"{kind} 200 gzip"] = measure(port, {"Accept-Encoding": "gzip"}, args.seconds,
                                                          args.connections)
            finally:
                proc.terminate()
                proc.wait(10)
    print("saturation: every connection sends its next request as soon as the answer arrives")
    labels = {
        "myofeed 304": "myofeed  If-None-Match -> 304",
        "reference 304": "StaticFiles If-None-Match -> 304",
        "myofeed 200": "myofeed  full body 200",
        "reference 200": "StaticFiles full body 200",
        "myofeed 200 gzip": "myofeed  full body 200, gzip",
    }
    for key, label in labels.items():
        print(row(label, results[key]))
    print(f"paced: {TARGET_RPS:,} req/s offered on a fixed schedule, latency from the scheduled time")
    print(row("myofeed  If-None-Match -> 304", results["myofeed 304 paced"]))
    print(row("StaticFiles If-None-Match -> 304", results["reference 304 paced"]))
    m304, r304 = results["myofeed 304"], results["reference 304"]
    paced = results["myofeed 304 paced"]
    print(f"ratio myofeed/StaticFiles: 304 {m304['rps'] / r304['rps']:.2f}x the requests/s, "
          f"200 {results['myofeed 200']['rps'] / results['reference 200']['rps']:.2f}x, "
          f"paced p99 {results['reference 304 paced']['p99'] / paced['p99']:.2f}x lower")
    ok = (m304["rps"] >= TARGET_RPS and paced["p99"] < TARGET_P99_MS and m304["status"] == 304
          and not m304["other"] and paced["rps"] >= TARGET_RPS * 0.95)
    print(f"target >= {TARGET_RPS:,} req/s, p99 < {TARGET_P99_MS:.0f} ms at {TARGET_RPS:,} req/s: "
          f"{'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--serve":
        serve(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(main())
