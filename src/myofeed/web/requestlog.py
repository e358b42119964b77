"""One log line per HTTP request, for operators: method, path, status, bytes, duration, client.

A plain ASGI wrapper around the whole app (feeds' fast path included), so every
request is counted once, whichever route answered it. Behind a reverse proxy listed in
`[web].trusted_proxies` the client is the one the proxy names (the rule the rate limits use),
not the proxy itself.
"""

from __future__ import annotations

import logging
import re
import time

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .clients import ClientResolver

log = logging.getLogger("myofeed.http")
# the mailed links' tokens are keys (confirm, unsubscribe, preferences): logs never hold them
_TOKEN_PATH = re.compile(r"^(/(?:confirm|unsubscribe|preferences)/)[^/]+")
# a forwarded address is a header value: one token of address characters on the line, no more
_NOT_ADDRESS = re.compile(r"[^0-9A-Za-z.:\[\]_-]")


def loggable_path(path: str) -> str:
    return _TOKEN_PATH.sub(r"\1…", path)


def client_for_log(scope: Scope, clients: ClientResolver | None) -> str:
    """The client's address as the rate limits see it; the peer when no proxy is trusted or a
    trusted proxy did not say whom it relays."""
    client = scope.get("client")
    peer = client[0] if client else "-"
    if clients is None or not clients.networks:
        return peer
    found = clients.client_ip(HTTPConnection(scope))
    return _NOT_ADDRESS.sub("?", found)[:64] if found else peer


class RequestLog:
    def __init__(self, app: ASGIApp, clients: ClientResolver | None = None) -> None:
        self.app = app
        self.clients = clients

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
            log.info(
                '%s "%s %s" %s %d %.1fms', client_for_log(scope, self.clients), scope["method"],
                loggable_path(scope["path"]),
                status or 500, size, (time.perf_counter() - start) * 1000,
            )

