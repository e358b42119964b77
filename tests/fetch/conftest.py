"""A real HTTP server on 127.0.0.1 (port 0, one per xdist worker) for the fetch tests.

It runs aiohttp in a background thread, so tests stay synchronous and drive
the Retriever with asyncio.run(). Corpus files are served under /corpus/ with
the `Header:` lines of their test comment as response headers.
"""

from __future__ import annotations

import asyncio
import gzip
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPORA = SHARED / "corpora"
_HEADER = re.compile(rb"^\s*Header:\s*([\w-]+):\s*(.*?)\s*$", re.MULTILINE)


def corpus_headers(data: bytes) -> dict[str, str]:
    """`Header: Name: value` lines from a feedparser test file's leading comment."""
    comment_end = data.find(b"-->")
    head = data[: comment_end if comment_end > 0 else 2048]
    return {m.group(1).decode(): m.group(2).decode("latin-1") for m in _HEADER.finditer(head)}


@dataclass
class Server:
    base: str  # http://127.0.0.1:PORT
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (path, headers)

    def url(self, path: str) -> str:
        return self.base + path

    def last_headers(self, path: str) -> dict[str, str]:
        return next(h for p, h in reversed(self.requests) if p == path)


FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>T</title><link>http://example.org/</link>
<item><title>One</title><link>http://example.org/1</link><guid>g1</guid></item></channel></rss>"""
ETAG = '"v1"'
LAST_MODIFIED = "Tue, 01 Dec 2026 10:00:00 GMT"


def _app(server: Server) -> web.Application:
    async def record(request: web.Request, handler):  # type: ignore[no-untyped-def]
        server.requests.append((request.path, dict(request.headers)))
        return await handler(request)

    app = web.Application(middlewares=[web.middleware(record)])
    r = app.router

    async def corpus(request: web.Request) -> web.StreamResponse:
        rel = request.match_info["path"]
        path = (CORPORA / rel).resolve()
        if not path.is_relative_to(CORPORA.resolve()) or not path.is_file():
            raise web.HTTPNotFound()
        data = path.read_bytes()
        headers = corpus_headers(data)
        if not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = "application/json" if path.suffix == ".json" else "application/xml"
        # Headers from the corpus may be arbitrary bytes: pass them as given.
        return web.Response(body=data, headers=headers)

    async def conditional(request: web.Request) -> web.Response:
        headers = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED, "Content-Type": "application/rss+xml"}
        if request.headers.get("If-None-Match") == ETAG or request.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return web.Response(status=304, headers=headers)
        return web.Response(body=FEED, headers=headers)

    async def redirect(request: web.Request) -> web.Response:
        code, left = int(request.match_info["code"]), int(request.match_info["n"])
        target = f"/redirect/{code}/{left - 1}" if left > 1 else "/feed"
        return web.Response(status=code, headers={"Location": target})

    async def mixed(request: web.Request) -> web.Response:
        # 301 -> 302 -> feed: not all permanent
        return web.Response(status=301, headers={"Location": "/redirect/302/1"})

    async def loop(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": "/loop"})

    async def to_private(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": request.query["to"]})

    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=FEED, content_type="application/rss+xml")

    async def gz(request: web.Request) -> web.Response:
        size = int(request.query.get("size", "100000"))
        body = FEED.replace(b"<title>T</title>", b"<title>T</title><!--" + b"x" * size + b"-->")
        return web.Response(
            body=gzip.compress(body), headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"}
        )

    async def big(request: web.Request) -> web.StreamResponse:
        size = int(request.query["size"])
        chunked = request.query.get("chunked") == "1"
        resp = web.StreamResponse(headers={"Content-Type": "application/xml"})
        if not chunked:
            resp.content_length = size
        await resp.prepare(request)
        for _ in range(size // 8192):
            await resp.write(b"a" * 8192)
        await resp.write(b"a" * (size % 8192))
        return resp

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(float(request.query.get("s", "5")))
        return web.Response(body=FEED)

    async def status(request: web.Request) -> web.Response:
        headers = {"Retry-After": request.query["retry"]} if "retry" in request.query else {}
        return web.Response(status=int(request.match_info["code"]), headers=headers, text="no")

    async def echo(request: web.Request) -> web.Response:
        return web.json_response(dict(request.headers))

    r.add_get("/corpus/{path:.+}", corpus)
    r.add_get("/cond", conditional)
    r.add_get("/redirect/{code:\\d+}/{n:\\d+}", redirect)
    r.add_get("/mixed", mixed)
    r.add_get("/loop", loop)
    r.add_get("/to", to_private)
    r.add_get("/feed", feed)
    r.add_get("/gzip", gz)
    r.add_get("/big", big)
    r.add_get("/slow", slow)
    r.add_get("/status/{code:\\d+}", status)
    r.add_get("/echo", echo)
    return app


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder: dict[str, object] = {}

    async def start() -> None:
        srv = Server(base="")
        runner = web.AppRunner(_app(srv), handle_signals=False, shutdown_timeout=0.1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        srv.base = f"http://127.0.0.1:{port}"
        holder.update(server=srv, runner=runner)

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="test-http-server", daemon=True)
    thread.start()
    assert started.wait(10), "test server did not start"
    yield holder["server"]  # type: ignore[misc]
    asyncio.run_coroutine_threadsafe(holder["runner"].cleanup(), loop).result(5)  # type: ignore[attr-defined]
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
