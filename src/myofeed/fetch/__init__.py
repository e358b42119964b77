"""Retrievers: get bytes and headers for a URL. A registry keyed by URL scheme.

Parsing is elsewhere (`myofeed.parse`): a retriever only fetches. A new source
kind is a new small module registered on the application's registry
(`Myofeed.retrievers.register(scheme, factory)`), not an `if` here.

    async with Retriever(settings) as r:
        result = await r.fetch(FetchRequest(url, etag=..., last_modified=...))
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from .._types import FetchRequest, FetchResult
from ..exceptions import FetchError

if TYPE_CHECKING:
    from ..config import FetchSettings

__all__ = ["Retriever", "Retrievers", "SchemeRetriever", "default_retrievers", "fetch_url", "schemes"]


class SchemeRetriever(Protocol):
    """What a per-scheme retriever provides; built once per `Retriever`, on first use."""

    async def fetch(self, request: FetchRequest) -> FetchResult: ...

    async def close(self) -> None: ...


Factory = Callable[..., SchemeRetriever]  # (settings, *, user_agent) -> SchemeRetriever


class Retrievers:
    """Retriever factories keyed by URL scheme; the application owns one (`Myofeed.retrievers`)."""

    def __init__(self, factories: dict[str, Factory] | None = None) -> None:
        self.factories: dict[str, Factory] = dict(factories or {})

    def register(self, scheme: str, factory: Factory) -> None:
        """Make `Retriever.fetch` handle `scheme:` URLs with `factory(settings, user_agent=...)`."""
        self.factories[scheme.lower()] = factory

    def get(self, scheme: str) -> Factory | None:
        return self.factories.get(scheme.lower())

    def schemes(self) -> tuple[str, ...]:
        return tuple(sorted(self.factories))


def _http(settings: FetchSettings, *, user_agent: str | None = None) -> SchemeRetriever:
    from .tls import import_aiohttp

    import_aiohttp()  # first, so that the CA bundle is read only when an https URL is fetched (tls.py)
    from .http import HTTPRetriever  # lazy: aiohttp import costs ~100 ms the CLI may not need

    return HTTPRetriever(settings, user_agent=user_agent)


def _file(settings: FetchSettings, *, user_agent: str | None = None) -> SchemeRetriever:
    from .tls import import_aiohttp

    import_aiohttp()  # file.py shares http.py's date format, and with it aiohttp (see _http)
    from .file import FileRetriever

    return FileRetriever(settings, user_agent=user_agent)


def default_retrievers() -> Retrievers:
    """A new registry with the built-in schemes: http, https (one aiohttp session), file."""
    return Retrievers({"http": _http, "https": _http, "file": _file})


_DEFAULT = default_retrievers()


def schemes() -> tuple[str, ...]:
    return _DEFAULT.schemes()


class Retriever:
    """Async context manager that fetches any registered scheme; owns the HTTP session(s).

    http and https share one `HTTPRetriever` (one aiohttp session, connection pool
    limited by `settings.concurrency` and `settings.per_host`).
    """

    def __init__(
        self, settings: FetchSettings, *, user_agent: str | None = None, retrievers: Retrievers | None = None
    ) -> None:
        self.settings = settings
        self.user_agent = user_agent
        self.registry = retrievers or _DEFAULT
        self._by_factory: dict[Factory, SchemeRetriever] = {}

    async def __aenter__(self) -> Retriever:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def _handler(self, url: str) -> SchemeRetriever:
        scheme = urlsplit(url).scheme.lower()
        factory = self.registry.get(scheme)
        if factory is None:
            known = ", ".join(self.registry.schemes())
            raise FetchError(f"{url}: unsupported URL scheme {scheme or '(none)'!r} (expected one of {known})")
        handler = self._by_factory.get(factory)
        if handler is None:
            handler = self._by_factory[factory] = factory(self.settings, user_agent=self.user_agent)
        return handler

    async def fetch(self, request: FetchRequest) -> FetchResult:
        """Fetch one URL; FetchError subclasses on failure, with a one-line message naming the URL."""
        return await self._handler(request.url).fetch(request)

    async def close(self) -> None:
        handlers, self._by_factory = list(self._by_factory.values()), {}
        for handler in handlers:
            await handler.close()


def fetch_url(url: str, settings: FetchSettings, *, request: FetchRequest | None = None) -> FetchResult:
    """Synchronous convenience for the CLI: one fetch in a fresh event loop.

    A bare path (no URL scheme) is read as a file: URL.
    """
    if "://" not in url and not url.startswith("file:"):
        url = Path(url).resolve().as_uri()

    async def run() -> FetchResult:
        async with Retriever(settings) as retriever:
            return await retriever.fetch(request or FetchRequest(url))

    return asyncio.run(run())
