"""One log line per HTTP request, for operators: method, path, status, bytes, duration, client.

A plain ASGI wrapper around the whole app (feeds' fast path included), so every
request is counted once, whichever route answered it.
"""

from __future__ import annotations

import logging
import re
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("myofeed.http")
# the mailed links' tokens are keys (confirm, unsubscribe, preferences): logs never hold them
_TOKEN_PATH = re.compile(r"^(/(?:confirm|unsubscribe|preferences)/)[^/]+")


def loggable_path(path: str) -> str:
    return _TOKEN_PATH.sub(r"\1…", path)


class RequestLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0
        size = 0

        async def counting(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, counting)
        finally:
            client = scope.get("client")
            log.info(
                '%s "%s %s" %s %d %.1fms', client[0] if client else "-", scope["method"], loggable_path(scope["path"]),
                status or 500, size, (time.perf_counter() - start) * 1000,
            )

