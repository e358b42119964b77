"""The settings tree of myofeed.toml: frozen pydantic models, validated key by key."""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator, model_validator

from ..parse.untrusted import clean_title
from .checks import (
    DEFAULT_BASE_URL,
    absolute_base_url,
    allow_host_problem,
    database_problem,
    malformed_url,
    one_line,
)
from .durations import parse_duration

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")  # fullmatch: "$" would let a trailing newline in
SOURCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # fullmatch, as _SLUG


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StorageSettings(_Model):
    # a SQLite path (relative to this file) or postgresql://USER:PASSWORD@HOST:PORT/DBNAME;
    # $MYOFEED_DATABASE overrides it
    database: str = "../data/myofeed.db"
    # retention: posts dated before now - keep, and in no output feed's newest `items`, are deleted
    # (with a tombstone: a later fetch never brings one back); None keeps everything
    keep: float | None = None

    @field_validator("keep", mode="before")
    @classmethod
    def _keep(cls, v: object) -> float | None:
        return None if v is None else parse_duration(v, minimum=86400, maximum=100 * 366 * 86400.0)

    @field_validator("database")
    @classmethod
    def _database(cls, v: str) -> str:
        problem = database_problem(v)
        if problem:
            raise ValueError(problem)
        return v


class PublishSettings(_Model):
    dir: str = "../feeds"
    base_url: str = DEFAULT_BASE_URL
    items: StrictInt = Field(50, ge=1, le=10000)
    title: str = "myofeed"  # prefix of every output feed's title
    demo: StrictBool = False  # show the "demo" label on the index page

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, v: str) -> str:
        return absolute_base_url(v)


class FetchSettings(_Model):
    timeout: float = 30.0
    max_bytes: StrictInt = Field(15 * 1024 * 1024, ge=1024)
    allow_hosts: tuple[str, ...] = ()
    max_redirects: StrictInt = Field(5, ge=0, le=20)
    concurrency: StrictInt = Field(16, ge=1, le=256)  # sources fetched at once
    per_host: StrictInt = Field(2, ge=1, le=32)  # politeness: connections per host
    user_agent: str | None = None  # default names myofeed and its version
    parse_timeout: float = 30.0  # CPU budget per document; the parse worker is killed past it
    max_new_posts: StrictInt = Field(500, ge=1, le=100000)  # new posts kept per source per fetch (rotating GUIDs)

    @field_validator("timeout", "parse_timeout", mode="before")
    @classmethod
    def _timeout(cls, v: object) -> float:
        return parse_duration(v, minimum=1, maximum=3600)

    @field_validator("user_agent")
    @classmethod
    def _user_agent(cls, v: str | None) -> str | None:
        # a CR/LF here made every request fail ("header injection"), found only at the first fetch
        return None if v is None else one_line(v)

    @field_validator("allow_hosts")
    @classmethod
    def _allow_hosts(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        # a URL or a blank here was silently ignored: the host the operator meant stayed guarded
        for entry in v:
            problem = allow_host_problem(entry)
            if problem:
                raise ValueError(problem)
        return v


class WebSettings(_Model):
    host: str = "127.0.0.1"
    port: StrictInt = Field(8080, ge=0, le=65535)
    operator_token: str | None = None  # GET /status and /metrics from non-local clients
    metrics_token: str | None = None  # GET /metrics only (a Prometheus scraper's token)
    subscribe_rate: StrictInt = Field(10, ge=3)  # POST /subscribe per client per minute
    trusted_proxies: tuple[str, ...] = ()  # reverse proxies (addresses or networks); their requests are never local
    proxy_header: Literal["x-forwarded-for", "forwarded", "x-real-ip"] = "x-forwarded-for"  # what they set
    header_timeout: float = 10.0  # a request's line and headers must arrive within this
    max_connections: StrictInt = Field(1000, ge=16, le=100_000)  # open connections; past it the oldest idle one is dropped
    # SPEC: GET /confirm/<token> confirms (HEAD never does). false: the link opens a page with a
    # Confirm button whose POST confirms, for readers whose mail scanners open every link.
    confirm_on_get: StrictBool = True
    # signs the CSRF tokens (web/security.py); unset: a random key of each process's own. Web
    # processes behind one address need the same one, or a form posted to another is refused once.
    secret: str | None = Field(None, min_length=16)

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        import ipaddress

        for p in v:
            try:
                ipaddress.ip_network(p, strict=False)
            except ValueError:
                raise ValueError(f"expected IP addresses or networks such as '127.0.0.1' or '10.0.0.0/8', got {p!r}") from None
        return v

    @field_validator("header_timeout", mode="before")
    @classmethod
    def _header_timeout(cls, v: object) -> float:
        return parse_duration(v, minimum=1, maximum=300)


class MailSettings(_Model):
    from_: str = Field("digest@example.org", alias="from")
    smtp_host: str | None = None
    smtp_port: StrictInt = Field(25, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_security: Literal["none", "starttls", "ssl"] = "none"
    smtp_timeout: float = 30.0
    outbox: str = "../data/outbox"  # used when smtp_host is unset
    # RFC 2919: the list's id lives in a domain its owner controls. Unset: "myofeed digest
    # <digest.DOMAIN>" with the domain of `from` (the operator's), filled in by _default_list_id
    list_id: str = ""
    unsubscribe_mailto: str | None = None
    # a PEM bundle trusted for STARTTLS/SSL besides the system store (a private mail relay's own CA)
    smtp_ca_file: str | None = None
    # DKIM (RFC 6376): all three or none; the key is a PEM file, relative to the config file
    dkim_domain: str | None = None
    dkim_selector: str | None = None
    dkim_private_key: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _dkim_all_or_none(self) -> MailSettings:
        keys = {"dkim_domain": self.dkim_domain, "dkim_selector": self.dkim_selector,
                "dkim_private_key": self.dkim_private_key}
        given = [k for k, v in keys.items() if v]
        if given and len(given) < 3:
            missing = ", ".join(k for k in keys if k not in given)
            raise ValueError(f"DKIM signing needs dkim_domain, dkim_selector and dkim_private_key; missing {missing}")
        return self

    @model_validator(mode="after")
    def _default_list_id(self) -> MailSettings:
        if not self.list_id:
            from email.utils import parseaddr

            domain = parseaddr(self.from_)[1].rpartition("@")[2].strip("[]").lower().rstrip(".")
            object.__setattr__(self, "list_id", f"myofeed digest <digest.{domain or 'example.org'}>")
        return self

    @field_validator("smtp_host")
    @classmethod
    def _smtp_host(cls, v: str | None) -> str | None:
        # "smtp://host" or "host:587" passed and failed at the first mail
        if v is not None and (not v.strip() or "://" in v or "/" in v or any(c.isspace() for c in v)
                              or (v.count(":") == 1 and not v.startswith("["))):
            raise ValueError(f"expected a host name or address such as 'smtp.example.org' (the port is "
                             f"smtp_port, the security smtp_security), got {v!r}")
        return v

    @field_validator("smtp_timeout", mode="before")
    @classmethod
    def _smtp_timeout(cls, v: object) -> float:
        return parse_duration(v, minimum=1, maximum=3600)

    @field_validator("from_")
    @classmethod
    def _from(cls, v: str) -> str:
        # checked here, not at the first send: a relay refuses a bad sender only when mail goes out
        from email.utils import parseaddr

        one_line(v)  # a line break would fold a second header into From
        address = parseaddr(v)[1]
        local, at, domain = address.rpartition("@")
        if not (at and local and domain) or any(c.isspace() for c in address):
            raise ValueError(f"expected an email address such as 'digest@example.org' or 'Digest <digest@example.org>', got {v!r}")
        return v


class DigestSettings(_Model):
    send_hour: StrictInt = Field(7, ge=0, le=23)
    timezone: str = "UTC"
    bounce_limit: StrictInt = Field(3, ge=1)  # 5xx answers before an address is 'bouncing'
    max_posts: StrictInt = Field(1000, ge=1)  # per digest; the rest go in the next one
    check_interval: float = 300.0  # how often `run` looks for due digests

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {v!r} (expected an IANA name such as 'Europe/Berlin')") from exc
        return v

    @field_validator("check_interval", mode="before")
    @classmethod
    def _check(cls, v: object) -> float:
        return parse_duration(v, minimum=10)


class WorkersSettings(_Model):
    """`run --role worker|all`: how workers share the sources (see docs/scaling.md)."""

    # a worker's claim on a source, renewed every third of it while the worker works; a worker that
    # dies holds its sources this long before another takes them over
    lease: float = 120.0
    batch: StrictInt = Field(50, ge=1, le=10000)  # sources a worker claims at a time
    tick: float = 30.0  # how often a worker looks for due sources (and for a dead worker's, once its lease expired)
    publish_check: float = 5.0  # how often a worker looks whether posts changed since the last publish
    # `run --role worker` serves its own GET /metrics on this port (unset: it listens on nothing): the
    # fetch, post and digest counters live in the process that does the work (docs/scaling.md)
    metrics_port: StrictInt | None = Field(None, ge=0, le=65535)

    @field_validator("tick", mode="before")
    @classmethod
    def _tick(cls, v: object) -> float:
        return parse_duration(v, minimum=1, maximum=3600)

    @field_validator("lease", mode="before")
    @classmethod
    def _lease(cls, v: object) -> float:
        return parse_duration(v, minimum=2, maximum=86400)

    @field_validator("publish_check", mode="before")
    @classmethod
    def _publish_check(cls, v: object) -> float:
        return parse_duration(v, minimum=1, maximum=3600)


class SelectorSettings(_Model):
    item: str | None = None
    title: str | None = None
    link: str | None = None
    author: str | None = None
    date: str | None = None
    comments: str | None = None
    summary: str | None = None
    date_format: str | None = None

    @model_validator(mode="after")
    def _compile(self) -> SelectorSettings:
        import soupsieve

        for key in ("item", "title", "link", "author", "date", "comments", "summary"):
            sel = getattr(self, key)
            if sel is None:
                continue
            try:
                soupsieve.compile(sel)
            except Exception as exc:  # soupsieve raises SelectorSyntaxError and others
                raise ValueError(f"{key}: invalid CSS selector {sel!r}: {exc}".splitlines()[0]) from exc
        return self


class SourceSettings(_Model):
    name: str
    url: str
    kind: Literal["auto", "feed", "html"] = "auto"
    interval: float = 3600.0
    pages: StrictInt = Field(1, ge=1, le=50)
    first_pages: StrictInt = Field(3, ge=1, le=50)
    title: str | None = None
    base_url: str | None = None  # resolve relative links against this (for file: copies of pages)
    selectors: SelectorSettings | None = None

    @field_validator("title")
    @classmethod
    def _title(cls, v: str | None) -> str | None:
        # shown in every feed, page and mail, and exported: cleaned as a fetched title is (a config
        # written by an older `sources add` may hold the page's controls and bidi overrides)
        return clean_title(v)

    @field_validator("base_url")
    @classmethod
    def _base(cls, v: str | None) -> str | None:
        if v is not None:
            if why := malformed_url(v):
                raise ValueError(f"expected an absolute http(s) URL, got {v!r} ({why})")
            parts = urlsplit(v)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValueError(f"expected an absolute http(s) URL, got {v!r}")
        return v

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not SOURCE_NAME.fullmatch(v):
            raise ValueError(f"expected letters, digits, '.', '_' or '-', got {v!r}")
        return v

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        if why := malformed_url(v):
            raise ValueError(f"expected an http(s):// or file: URL, or a path, got {v!r} ({why})")
        parts = urlsplit(v)
        if parts.scheme in ("http", "https") and parts.netloc:
            return v
        if parts.scheme == "file" or (not parts.scheme and v):
            return v  # resolved against the config directory by load_settings
        raise ValueError(f"expected an http(s):// or file: URL, or a path, got {v!r}")

    @field_validator("interval", mode="before")
    @classmethod
    def _interval(cls, v: object) -> float:
        return parse_duration(v, minimum=60)


class Settings(_Model):
    """The validated myofeed.toml, with paths made absolute."""

    topics: str = "topics.toml"
    storage: StorageSettings = StorageSettings()
    publish: PublishSettings = PublishSettings()
    fetch: FetchSettings = FetchSettings()
    web: WebSettings = WebSettings()
    mail: MailSettings = MailSettings()  # type: ignore[call-arg]
    digest: DigestSettings = DigestSettings()
    workers: WorkersSettings = WorkersSettings()
    sources: tuple[SourceSettings, ...] = ()

    @model_validator(mode="after")
    def _unique_names(self) -> Settings:
        seen: set[str] = set()
        for i, src in enumerate(self.sources):
            if src.name in seen:
                raise ValueError(f"sources[{i}].name: duplicate source name {src.name!r}")
            seen.add(src.name)
        return self


# --- topics.toml -----------------------------------------------------------
