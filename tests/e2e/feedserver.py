"""A local feed server for the multi-process tests and benchmarks: one asyncio
(aiohttp) server on 127.0.0.1 serving `n` generated RSS feeds at /feed/<i>.xml,
counting the requests (and their times) per feed. An optional delay per response
keeps fetches in flight long enough to kill a worker in the middle of them."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

TOPICS = ("Dermatomyositis", "Polymyositis", "Inclusion body myositis", "Necrotizing myopathy")


def rss(i: int, posts: int, base: str) -> bytes:
    """Feed `i`: `posts` items, each on a myositis topic, with stable guids and dates."""
    start = datetime(2025, 11, 1, tzinfo=UTC)
    items = []
    for j in range(posts):
        topic = TOPICS[(i + j) % len(TOPICS)]
        when = format_datetime(start + timedelta(hours=i * 7 + j * 13))
        items.append(
            f"<item><title>{escape(topic)} note {j} from clinic {i}</title>"
            f"<link>{base}/post/{i}/{j}</link><guid isPermaLink=\"false\">clinic-{i}-post-{j}</guid>"
            f"<pubDate>{when}</pubDate><author>team@clinic{i}.example (Clinic {i})</author>"
            f"<description>{escape(topic)}: what the clinic team learned this week about muscle"
            f" weakness, treatment and living with {escape(topic.lower())}.</description></item>"
        )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Clinic {i}</title>'
            f"<link>{base}/clinic/{i}</link><description>Clinic {i}</description>{''.join(items)}"
            "</channel></rss>").encode()


class FeedServer:
    def __init__(self, feeds: int, *, posts: int = 3, delay: float = 0.0) -> None:
        self.feeds, self.posts, self.delay = feeds, posts, delay
        self.requests: dict[int, list[float]] = defaultdict(list)  # feed -> monotonic times
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="feed-server", daemon=True)
        self._bodies: dict[int, bytes] = {}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, i: int) -> str:
        return f"{self.base}/feed/{i}.xml"

    def counts(self) -> dict[int, int]:
        return {i: len(self.requests.get(i, ())) for i in range(self.feeds)}

    async def _feed(self, request: web.Request) -> web.Response:
        try:
            i = int(request.match_info["n"])
        except ValueError:
            raise web.HTTPNotFound() from None
        if not 0 <= i < self.feeds:
            raise web.HTTPNotFound()
        self.requests[i].append(time.monotonic())
        if self.delay:
            await asyncio.sleep(self.delay)
        body = self._bodies.get(i)
        if body is None:
            body = self._bodies[i] = rss(i, self.posts, self.base)
        return web.Response(body=body, content_type="application/rss+xml")

    async def _start(self) -> int:
        app = web.Application()
        app.router.add_get("/feed/{n}.xml", self._feed)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        return int(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]

    def start(self) -> FeedServer:
        self._thread.start()
        self.port = asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(30)
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
