"""What every route shares: the facade, a DB connection of the web's own, templates, limits.

The web gets its own SQLite connection (and its own Myofeed facade over it):
the scheduler's ingest holds `Myofeed.lock` and a transaction on the main
connection for a whole pass, and a web request must neither wait for that
nor slip its statements into it. WAL lets both read and write side by side.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..core import Myofeed
from .security import ClientResolver, RateLimiter, origin_of

T = TypeVar("T")
_HERE = Path(__file__).parent


class WebState:
    def __init__(self, app: Myofeed) -> None:
        self.app = app
        self.config = app.config
        settings = app.config.settings
        self.base_url = settings.publish.base_url
        self.secure_cookies = self.base_url.startswith("https:")
        self.clients = ClientResolver(settings.web.trusted_proxies)
        self.limiter = RateLimiter(settings.web.subscribe_rate)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(_HERE / "templates"),
            autoescape=True,  # every template, whatever its name: user strings are always escaped
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(site_title=settings.publish.title, demo=settings.publish.demo)
        self._web: Myofeed | None = None
        self._db_lock = threading.Lock()

    # --- database ----------------------------------------------------------------

    @property
    def web(self) -> Myofeed:
        """The web's own facade (opened on first use, inside the DB lock)."""
        if self._web is None:
            if str(getattr(self.app.store, "path", ":memory:")) == ":memory:":
                self._web = self.app  # an in-memory DB exists only on its one connection
            else:
                from ..store import open_storage

                self._web = Myofeed(self.config, storage=open_storage(self.config.database))
        return self._web

    async def db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run fn(web_facade, ...) in a worker thread, one at a time on the web's connection."""

        def call() -> T:
            with self._db_lock:
                return fn(self.web, *args, **kwargs)

        return await run_in_threadpool(call)

    def close(self) -> None:
        with self._db_lock:
            if self._web is not None and self._web is not self.app:
                self._web.close()
            self._web = None

    # --- pages -------------------------------------------------------------------

    def allowed_origins(self, request: Request) -> list[str]:
        """Origins a form may be posted from: the public base URL and the address asked for."""
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        return [origin_of(self.base_url), own]

    def url(self, route: str) -> str:
        """A link for mails and pages: base_url joined with the route (SPEC)."""
        return self.base_url + route.lstrip("/")

    def render(self, name: str, status: int = 200, headers: dict[str, str] | None = None, **ctx: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(base_url=self.base_url, **ctx)
        return HTMLResponse(html, status_code=status, headers={"cache-control": "no-store", **(headers or {})})

    def topics(self) -> list[tuple[str, str]]:
        return [(t.slug, t.title) for t in self.config.topics]
