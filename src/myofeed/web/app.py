"""The Starlette application `myofeed run` serves (SPEC: "Web, served by myofeed run").

    make_app(app) -> Starlette

Routes live in small modules: feeds.py (published files), pages.py (index, stylesheet),
reading.py (topic pages, search), subscribe.py (POST /subscribe), manage.py (confirm, unsubscribe,
preferences), status.py (operator
views, metrics); security.py holds the headers, CSRF and rate limit.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..core import Myofeed
from . import manage, pages, reading, status, subscribe
from .feeds import FeedFiles
from .security import SecurityHeaders, security_headers
from .state import WebState

log = logging.getLogger(__name__)


def feed_max_age(app: Myofeed) -> int:
    """Cache-Control max-age for feeds: the shortest source interval, so clients poll about as often
    as publish can change anything; clamped to 1-60 minutes, 5 minutes without sources."""
    intervals = [s.interval for s in app.config.sources]
    if not intervals:
        return 300
    return int(min(max(min(intervals), 60), 3600))


class MyofeedWeb(Starlette):
    """Starlette, plus a fast path: /feeds/<file> (what feed readers poll all day) goes straight to
    the in-memory file cache, before routing and middleware; FeedFiles adds the security headers itself."""

    files: FeedFiles | None  # None: no /feeds/ here (a worker's metrics port)
    base_url: str

    def build_middleware_stack(self) -> ASGIApp:
        # the security headers go outermost: Starlette's ServerErrorMiddleware, which answers a 500,
        # sits outside every middleware given to it, and that answer needs them as much as any
        return SecurityHeaders(super().build_middleware_stack(), base_url=self.base_url)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.files is not None:
            path: str = scope["path"]
            if path.startswith("/feeds/"):
                await self.files.serve(scope, send, path[7:])
                return
        await super().__call__(scope, receive, send)


def make_app(app: Myofeed, *, metrics_only: bool = False) -> Starlette:
    """The web app over a Myofeed facade; it opens its own DB connections lazily and closes them on shutdown.
    metrics_only: GET /metrics alone, under the same access rules (a worker's --metrics-port)."""
    state = WebState(app)
    base_url = app.config.settings.publish.base_url
    files = FeedFiles(app.config.publish_dir, max_age=feed_max_age(app), base_url=base_url,
                      security_headers=security_headers(base_url), db=state.feeds.call)

    routes = [
        Route("/", pages.index, methods=["GET", "HEAD"]),
        Route("/topics/{slug}", reading.topic_page, methods=["GET", "HEAD"]),
        Route("/search", reading.search_page, methods=["GET", "HEAD"]),
        Route("/static/site.css", pages.stylesheet, methods=["GET", "HEAD"]),
        Route("/feeds/{name}", files),  # normally answered by MyofeedWeb's fast path first
        Route("/subscribe", subscribe.subscribe, methods=["POST"]),
        Route("/confirm/{token}", manage.confirm, methods=["GET", "HEAD", "POST"]),  # only the POST confirms
        Route("/unsubscribe/{token}", manage.unsubscribe, methods=["GET", "HEAD", "POST"]),
        Route("/preferences/{token}", manage.preferences, methods=["GET", "HEAD", "POST"]),
        Route("/status", status.status_page, methods=["GET", "HEAD"]),
        Route("/status.json", status.status_json, methods=["GET", "HEAD"]),
        Route("/metrics", status.metrics, methods=["GET", "HEAD"]),
    ]
    if metrics_only:
        routes = routes[-1:]

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            state.close()

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            return state.message(request, "Not found", "There is no page at this address.", status=404,
                                 links=[("/", "Back to the feeds")])
        if exc.status_code == 405:
            return state.message(request, "Method not allowed", "This address does not take that request.",
                                 status=405, headers=dict(exc.headers or {}))
        return state.message(request, "Error", str(exc.detail), status=exc.status_code,
                             headers=dict(exc.headers or {}))

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return state.message(request, "Something went wrong", "Please try again in a moment.", status=500)

    web = MyofeedWeb(
        routes=routes,
        exception_handlers={HTTPException: http_error, 500: server_error},
        lifespan=lifespan,
    )
    # `/status/` -> `/status` redirects are built from the Host header: any Host, any target
    # (an open redirect; a 307 keeps a POST). Every route has exactly one spelling: the rest is 404.
    web.router.redirect_slashes = False
    web.base_url = base_url  # for build_middleware_stack, which Starlette calls on the first request
    web.state.web = state
    web.files = None if metrics_only else files
    return web
