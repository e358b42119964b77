"""`Config`: the validated settings plus derived absolute paths and domain objects."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import unquote, urlsplit

from ..exceptions import ConfigError
from ..frozen import Frozen, plain
from ..redact import without_userinfo
from ..types import Selectors, Source, Topic
from .checks import DEFAULT_BASE_URL, absolute_base_url, database_problem

if TYPE_CHECKING:
    from .settings import Settings
    from .topics import TopicsFile

DEFAULT_CONFIG = "config/myofeed.toml"

class Config:
    """Settings plus the derived, absolute paths and domain objects.

    `settings` and `topics_file` are the validated values as plain read-only tables (frozen.py), with
    the models' attribute names; given as pydantic models, they are turned into those. The sources are
    kept once, as `sources` (types.Source): `settings` holds no `sources` table.
    """

    def __init__(self, path: Path, settings: Settings | Frozen, topics_file: TopicsFile | Frozen, *,
                 base_follows: bool | None = None, sources: tuple[Source, ...] | None = None) -> None:
        base = path.parent
        tree = plain(settings)
        if sources is None:
            sources = tuple(source_of(s.as_dict(), base) for s in tree.sources)
            tree = Frozen({k: v for k, v in tree.__dict__.items() if k != "sources"})
        # read as the models they were validated by (the same attributes, read-only)
        settings = cast("Settings", tree)
        topics_file = cast("TopicsFile", plain(topics_file))
        if base_follows is None:
            # publish.base_url left at its default: links name the address [web] serves on, so a
            # `publish` or a mail sent from the command line points where `run` listens
            base_follows = settings.publish.base_url == DEFAULT_BASE_URL
            if base_follows and settings.web.port:  # port 0: `run` picks one and says which
                settings = _with_base(settings, absolute_base_url(listen_url(settings.web.host, settings.web.port)))
        self.base_follows = base_follows  # False: the operator set base_url, and it wins everywhere
        self.path = path
        self.settings = settings
        self.topics_file = topics_file
        # a Path for SQLite, the URL as given for PostgreSQL ($MYOFEED_DATABASE wins over the key)
        self.database: Path | str = database_location(os.environ.get("MYOFEED_DATABASE") or None,
                                                      settings.storage.database, base)
        self.publish_dir = (base / settings.publish.dir).resolve()
        self.outbox = (base / settings.mail.outbox).resolve()
        mail = settings.mail
        self.smtp_ca_file = (base / mail.smtp_ca_file).resolve() if mail.smtp_ca_file else None
        self.dkim_private_key = (base / mail.dkim_private_key).resolve() if mail.dkim_private_key else None
        self.topics_path = (base / settings.topics).resolve()
        self.topics: tuple[Topic, ...] = tuple(
            Topic(slug=t.slug, title=t.title, parent=t.parent, description=t.description, aspect=t.aspect)
            for t in topics_file.topics
        )
        self.sources: tuple[Source, ...] = sources
        self._by_name = {s.name: s for s in self.sources}  # `source(name)` for each of 2,000 sources: no scan

    def with_base_url(self, base_url: str) -> Config:
        """The same configuration with another publish.base_url (validated like the key), as set by
        the operator."""
        return Config(self.path, _with_base(self.settings, absolute_base_url(base_url)), self.topics_file,
                      base_follows=False, sources=self.sources)

    def follow_listen_address(self, host: str, port: int) -> Config:
        """`run --host/--port`: while publish.base_url is the default, every link the product makes
        points at the address the service actually listens on; a base_url the operator set wins."""
        return self.follow_url(listen_url(host, port))

    def follow_url(self, url: str) -> Config:
        """The same, following a service's address given as its URL (see `follow_listen_address`)."""
        if not self.base_follows:
            return self
        return Config(self.path, _with_base(self.settings, absolute_base_url(url)), self.topics_file,
                      base_follows=True, sources=self.sources)

    def source(self, name: str) -> Source:
        found = self._by_name.get(name)
        if found is not None:
            return found
        from ..exceptions import NotFoundError

        known = ", ".join(s.name for s in self.sources) or "none configured"
        raise NotFoundError(f"unknown source {name!r} (known: {known})")

    def topic(self, slug: str) -> Topic:
        for t in self.topics:
            if t.slug == slug:
                return t
        from ..exceptions import NotFoundError

        raise NotFoundError(f"unknown topic {slug!r} (known: {', '.join(t.slug for t in self.topics)})")


def resolve_url(url: str, base: Path) -> str:
    """A source's url as configured -> an absolute URL: paths and file: URLs against `base`."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        p = Path(parts.path)
        url = (base / p).resolve().as_uri() if not p.is_absolute() or parts.netloc else p.as_uri()
        if parts.netloc and parts.netloc not in ("", "localhost"):
            url = (base / parts.netloc / parts.path.lstrip("/")).resolve().as_uri()
    elif not parts.scheme:
        url = (base / url).resolve().as_uri()
    return url


def display_url(url: str, config_dir: Path) -> str:
    """file: sources under the config directory read as the config writes them ('demo/feed.rss');
    an http(s) URL without the password it may carry (redact.py)."""
    if url.startswith("file:"):
        path = Path(unquote(urlsplit(url).path))
        if path.is_relative_to(config_dir):
            return str(path.relative_to(config_dir))
    return without_userinfo(url)


def source_of(s: dict[str, Any], base: Path) -> Source:
    """A source's validated values (SourceSettings' `model_dump()`) -> the Source the program uses."""
    selectors = s["selectors"]
    return Source(
        name=s["name"],
        url=resolve_url(s["url"], base),
        kind=s["kind"],
        interval=s["interval"],
        pages=s["pages"],
        first_pages=max(s["first_pages"], s["pages"]),
        selectors=Selectors(**selectors) if selectors is not None else None,
        title=s["title"],
        base_url=s["base_url"],
    )


def config_path(explicit: str | None) -> Path:
    """--config, else $MYOFEED_CONFIG, else ./config/myofeed.toml."""
    return Path(explicit or os.environ.get("MYOFEED_CONFIG") or DEFAULT_CONFIG)


def database_location(override: str | None, configured: str, base: Path) -> Path | str:
    """Where the database is: the environment's override (relative paths from the working
    directory) or the configured value (relative to the config file)."""
    if override is not None:
        problem = database_problem(override)
        if problem:
            raise ConfigError("$MYOFEED_DATABASE", "", problem)
        value, base = override, Path.cwd()
    else:
        value = configured
    if "://" in value:
        return value
    return value if value == ":memory:" else (base / value).resolve()


def listen_url(host: str, port: int) -> str:
    """The http URL that names a listening address."""
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"  # a wildcard is no address a link can name; `run` says to set base_url
    netloc = f"[{host}]" if ":" in host else host
    return f"http://{netloc}:{port}/"


def _with_base(settings: Settings, base_url: str) -> Settings:
    """`settings` with publish.base_url = `base_url` (checked by the caller: `absolute_base_url`)."""
    tree: Any = settings
    return cast("Settings", tree.replace(publish=tree.publish.replace(base_url=base_url)))
