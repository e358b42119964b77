"""What every route shares: the facade, DB connections of the web's own, templates, limits.

The web gets its own database connections (each under its own Myofeed facade, `Myofeed.sibling`):
the scheduler's ingest holds `Myofeed.lock` and a transaction on the main
connection for a whole pass, and a web request must neither wait for that
nor slip its statements into it. WAL lets them read and write side by side.
Pages and mail sending get one connection each, so a slow SMTP server never
stalls a page.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..config import Config
from ..core import Myofeed
from .clients import ClientResolver
from .security import CSRF_FIELD, RateLimiter, csrf_token_for, csrf_valid, origin_of

T = TypeVar("T")
_HERE = Path(__file__).parent
MAX_FORM_BYTES = 16 * 1024  # our forms are a few hundred bytes


class FormRefused(Exception):
    """A posted form we will not read: the answer's status, heading and text."""

    status, heading, text = 400, "Bad request", ""
    close = False  # end the connection after the answer (the rest of the body is not worth waiting for)


class FormTooLarge(FormRefused):
    status, heading, text = 413, "Request too large", "That form was larger than any of ours."


class FormTooSlow(FormRefused):
    status, heading, text = 408, "Request too slow", "That form took too long to arrive. Please try again."
    close = True


class _Connection:
    """A Myofeed facade over its own SQLite connection, used by one thread at a time."""

    def __init__(self, app: Myofeed, lock: threading.Lock | None = None) -> None:
        self.main = app
        self.facade: Myofeed | None = None
        self.lock = lock or threading.Lock()

    def get(self) -> Myofeed:
        if self.facade is not None and self.facade.config is not self.main.config:
            self.facade.use_config(self.main.config)  # the service reloaded its config
        if self.facade is None:
            # its own connections and lock (an in-memory DB exists only on its one connection: shared)
            self.facade = self.main.sibling()
        return self.facade

    def call(self, fn: Callable[[Myofeed], T]) -> T:
        """fn(facade), on the calling (worker) thread."""
        with self.lock:
            return fn(self.get())

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        def call() -> T:
            with self.lock:
                return fn(self.get(), *args, **kwargs)

        return await run_in_threadpool(call)

    def close(self) -> None:
        with self.lock:
            if self.facade is not None and self.facade is not self.main:
                self.facade.close()
            self.facade = None


class WebState:
    def __init__(self, app: Myofeed) -> None:
        self.app = app
        settings = app.config.settings
        self.base_url = settings.publish.base_url
        self.secure_cookies = self.base_url.startswith("https:")
        self.clients = ClientResolver(settings.web.trusted_proxies, settings.web.proxy_header)
        self.limiter = RateLimiter(settings.web.subscribe_rate)
        self.token_failures = RateLimiter(10)  # wrong operator/metrics tokens per client per minute
        # CSRF tokens are signed with this key: [web].secret, shared by every web process behind one
        # address; unset, a key of this process only (tokens then die with a restart: a form asks once more)
        self.csrf_key = settings.web.secret.encode() if settings.web.secret else secrets.token_bytes(32)
        self.env = jinja2.Environment(
            # our pages, then publish's: the one page shell (_layout.html.j2) and the post cards every page shares
            loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(_HERE / "templates"),
                                        jinja2.PackageLoader("myofeed.publish", "templates")]),
            autoescape=True,  # every template, whatever its name: user strings are always escaped
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.stylesheet = Stylesheet.load()
        self.env.globals.update(site_title=settings.publish.title, site=settings.publish.title,
                                demo=settings.publish.demo)
        shared = threading.Lock() if app.shares_one_connection else None  # one connection: one lock for both users
        self.index_cache: Any = None  # pages.IndexData: topic stats for GET /, refreshed every few seconds
        from .reading import ReadingCache

        self.reading = ReadingCache()  # topic counts and post cards for the readers' pages
        self.pages = _Connection(app, shared)
        self.mail = _Connection(app, shared)
        self.feeds = _Connection(app, shared)  # /feeds/<file>: the published files' marker and bytes

    @property
    def config(self) -> Config:
        """The running config: `run` replaces it when the config file changes."""
        return self.app.config

    async def db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run fn(facade, ...) in a worker thread on the pages' connection."""
        return await self.pages.run(fn, *args, **kwargs)

    def close(self) -> None:
        self.pages.close()
        self.mail.close()
        self.feeds.close()

    # --- requests ----------------------------------------------------------------

    def allowed_origins(self, request: Request) -> list[str]:
        """Origins a form may be posted from: the public base URL and the address asked for."""
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        return [origin_of(self.base_url), own]

    def csrf_token(self, request: Request) -> tuple[str, bool]:
        """The token for a page's form: the client's own when we issued it, else a new one; (token, is_new)."""
        return csrf_token_for(request, self.csrf_key)

    def csrf_passed(self, request: Request, form: FormData) -> bool:
        """Did this posted form come from one of our pages (security.csrf_valid)?"""
        submitted = form.get(CSRF_FIELD)
        return csrf_valid(request, submitted if isinstance(submitted, str) else None, self.allowed_origins(request),
                          self.csrf_key)

    async def read_form(self, request: Request) -> FormData:
        """The posted form, refusing bodies larger than any of our forms could be."""
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_FORM_BYTES):
            raise FormTooLarge()
        body = b""
        try:
            # a form trickled a byte at a time would hold the connection: the whole body has the
            # same deadline as the headers before it
            async with asyncio.timeout(self.config.settings.web.header_timeout):
                async for chunk in request.stream():
                    body += chunk
                    if len(body) > MAX_FORM_BYTES:
                        raise FormTooLarge()
        except TimeoutError:
            raise FormTooSlow() from None
        request._body = body  # Starlette's own cache: form() parses these bytes, not the spent stream
        return await request.form(max_files=0, max_fields=64)

    # --- pages -------------------------------------------------------------------

    def render(
        self, request: Request, name: str, status: int = 200, headers: dict[str, str] | None = None,
        background_task: BackgroundTask | None = None, **ctx: Any,
    ) -> HTMLResponse:
        root = root_of(request)
        html = self.env.get_template(name).render(
            base_url=self.base_url, root=root, home=root, stylesheet=f"{root}{self.stylesheet.path}", **ctx
        )
        return HTMLResponse(
            html, status_code=status, headers={"cache-control": "no-store", **(headers or {})}, background=background_task
        )

    def message(
        self, request: Request, heading: str, *paragraphs: str, status: int = 200,
        links: list[tuple[str, str]] | None = None, headers: dict[str, str] | None = None,
        background_task: BackgroundTask | None = None,
    ) -> HTMLResponse:
        return self.render(
            request, "message.html", status, headers, background_task,
            heading=heading, paragraphs=paragraphs, links=links or [],
        )

    def topic_choices(self) -> list[tuple[str, str]]:
        return [(t.slug, t.title) for t in self.config.topics]


def root_of(request: Request) -> str:
    """The app's root relative to this page ("./", "../"): links stay right when a proxy mounts the app
    under a path prefix."""
    return "../" * max(request.url.path.count("/") - 1, 0) or "./"


@dataclass(frozen=True)
class Stylesheet:
    """The one stylesheet (publish/templates/site.css), served at static/site.css; pages link it with
    its hash in the query, so a browser may keep it for a long time yet sees each new version."""

    body: bytes
    etag: str

    @classmethod
    def load(cls) -> Stylesheet:
        from ..publish.index import site_css

        body = site_css().encode("utf-8")
        return cls(body, hashlib.sha256(body).hexdigest()[:16])

    @property
    def path(self) -> str:
        return f"static/site.css?v={self.etag}"


def format_when(value: datetime | None) -> str:
    """A timestamp for people: to the minute, in UTC (pages say so once, not in every cell)."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M")
