"""TOML -> validated settings (pydantic). Every mistake names the file and the key.

Configuration is data: `Settings` is a frozen tree the rest of the program
reads; nothing else parses TOML.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .exceptions import ConfigError
from .types import Selectors, Source, Topic

DEFAULT_CONFIG = "config/myofeed.toml"
_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")  # fullmatch: "$" would let a trailing newline in
DEFAULT_BASE_URL = "http://127.0.0.1:8080/"


MAX_DURATION = 366 * 86400.0  # a year: longer is a typo, and unbounded ones overflow datetime arithmetic


def parse_duration(value: object, *, minimum: float = 0.0, maximum: float = MAX_DURATION) -> float:
    """'30s', '60m', '2h', '1d' -> seconds. Bare numbers are seconds. NaN, infinities and
    anything above `maximum` are refused."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as '30s', '60m', '2h' or '1d'")
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str) and (m := _DURATION.fullmatch(value)):
        seconds = float(m.group(1)) * _UNITS[m.group(2)]
    else:
        raise ValueError(f"expected a duration such as '30s', '60m', '2h' or '1d', got {value!r}")
    if not math.isfinite(seconds):
        raise ValueError(f"expected a finite duration such as '30s', '60m', '2h' or '1d', got {value!r}")
    if seconds < minimum:
        raise ValueError(f"must be at least {int(minimum)}s, got {value!r}")
    if seconds > maximum:
        raise ValueError(f"must be at most {_human(maximum)}, got {value!r}")
    return seconds


def _human(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


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


def database_problem(value: str) -> str | None:
    """Why `value` is neither a SQLite path nor a PostgreSQL URL, else None."""
    if not value.strip():
        return "expected a SQLite path or a postgresql:// URL, got an empty string"
    if "://" not in value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("postgresql", "postgres"):
        return f"expected a SQLite path or a postgresql://USER:PASSWORD@HOST:PORT/DBNAME URL, got {parts.scheme}://"
    if not parts.hostname or not parts.path.strip("/"):
        return "expected postgresql://USER:PASSWORD@HOST:PORT/DBNAME (a host and a database name)"
    return None


class PublishSettings(_Model):
    dir: str = "../feeds"
    base_url: str = DEFAULT_BASE_URL
    items: int = Field(50, ge=1, le=10000)
    title: str = "myofeed"  # prefix of every output feed's title
    demo: bool = False  # show the "demo" label on the index page

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, v: str) -> str:
        parts = urlsplit(v)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"expected an absolute http(s) URL, got {v!r}")
        return v if v.endswith("/") else v + "/"


class FetchSettings(_Model):
    timeout: float = 30.0
    max_bytes: int = Field(15 * 1024 * 1024, ge=1024)
    allow_hosts: tuple[str, ...] = ()
    max_redirects: int = Field(5, ge=0, le=20)
    concurrency: int = Field(16, ge=1, le=256)  # sources fetched at once
    per_host: int = Field(2, ge=1, le=32)  # politeness: connections per host
    user_agent: str | None = None  # default names myofeed and its version
    parse_timeout: float = 30.0  # CPU budget per document; the parse worker is killed past it
    max_new_posts: int = Field(500, ge=1, le=100000)  # new posts kept per source per fetch (rotating GUIDs)

    @field_validator("timeout", "parse_timeout", mode="before")
    @classmethod
    def _timeout(cls, v: object) -> float:
        return parse_duration(v, minimum=1, maximum=3600)


class WebSettings(_Model):
    host: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)
    operator_token: str | None = None  # GET /status and /metrics from non-local clients
    metrics_token: str | None = None  # GET /metrics only (a Prometheus scraper's token)
    subscribe_rate: int = Field(10, ge=3)  # POST /subscribe per client per minute
    trusted_proxies: tuple[str, ...] = ()  # reverse proxies (addresses or networks); their requests are never local
    proxy_header: Literal["x-forwarded-for", "forwarded", "x-real-ip"] = "x-forwarded-for"  # what they set
    header_timeout: float = 10.0  # a request's line and headers must arrive within this
    max_connections: int = Field(1000, ge=16, le=100_000)  # open connections; past it the oldest idle one is dropped
    # SPEC v1 confirmed on GET /confirm/<token>; mail scanners that open links then confirm for
    # the recipient, so a GET now shows a Confirm button. true restores the old one-step link.
    confirm_on_get: bool = False
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
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_security: Literal["none", "starttls", "ssl"] = "none"
    smtp_timeout: float = 30.0
    outbox: str = "../data/outbox"  # used when smtp_host is unset
    list_id: str = "myofeed digest <digest.myofeed.example>"
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

    @field_validator("smtp_timeout", mode="before")
    @classmethod
    def _smtp_timeout(cls, v: object) -> float:
        return parse_duration(v, minimum=1, maximum=3600)


class DigestSettings(_Model):
    send_hour: int = Field(7, ge=0, le=23)
    timezone: str = "UTC"
    bounce_limit: int = Field(3, ge=1)  # 5xx answers before an address is 'bouncing'
    max_posts: int = Field(1000, ge=1)  # per digest; the rest go in the next one
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
    batch: int = Field(50, ge=1, le=10000)  # sources a worker claims at a time
    tick: float = 30.0  # how often a worker looks for due sources (and for a dead worker's, once its lease expired)
    publish_check: float = 5.0  # how often a worker looks whether posts changed since the last publish

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
    pages: int = Field(1, ge=1, le=50)
    first_pages: int = Field(3, ge=1, le=50)
    title: str | None = None
    base_url: str | None = None  # resolve relative links against this (for file: copies of pages)
    selectors: SelectorSettings | None = None

    @field_validator("base_url")
    @classmethod
    def _base(cls, v: str | None) -> str | None:
        if v is not None:
            parts = urlsplit(v)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValueError(f"expected an absolute http(s) URL, got {v!r}")
        return v

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", v):
            raise ValueError(f"expected letters, digits, '.', '_' or '-', got {v!r}")
        return v

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
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


class TopicSettings(_Model):
    """One topic and its rules, as operators edit them in topics.toml (read by classify.rules).

    Phrases are matched on word boundaries, case-insensitively, except that a word with two or
    more capitals ('DM', 'IBM', 'anti-HMGCR') must match its case exactly, so 'DM' never matches
    'dm'. A trailing '*' on a word matches any ending ('biops*' -> biopsy, biopsies).
    """

    class Unless(_Model):
        """One context rule: a match of `terms` for this topic does not count when one of `before`
        ends, or one of `after` starts, within `window` words of it in the same clause.

        For example 'diagnosis' right after 'after'/'at'/'on' is a point in time, not the
        diagnostic process; 'CK' beside 'fell'/'outcome'/'monitoring' is a measure, not a test.
        """

        terms: tuple[str, ...]  # phrases matched against the topic's own match ('diagnosis', 'CK')
        before: tuple[str, ...] = ()
        after: tuple[str, ...] = ()
        window: int = Field(default=3, ge=1, le=20)
        why: str = ""  # for operators: what the rule is for

    class Voice(_Model):
        """The voice of a post: a personal or community story (living-with) when no other aspect is
        its subject. `titles` ('our story', 'journey') in the title, or `min_words` occurrences of
        `words` ('I', 'my', 'we', 'members'), give the topic when the post has a disease label and
        no other aspect label."""

        words: tuple[str, ...] = ()  # first-person and community words; every occurrence counts
        titles: tuple[str, ...] = ()  # story titles: enough on their own, in the title only
        min_words: int = Field(default=2, ge=1)
        why: str = ""

    slug: str
    title: str
    parent: str | None = None
    description: str = ""
    aspect: bool = False  # aspect labels are given only beside a disease label
    terms: tuple[str, ...] = ()  # phrases that name the topic; each scores rules.term_weight
    key_terms: tuple[str, ...] = ()  # phrases that alone reach the threshold (a named drug -> treatment)
    key_name: str = "key term"  # what a key term is, in evidence: "therapy 'rituximab'", "kind of publication 'case report'"
    cues: tuple[str, ...] = ()  # weaker phrases; each scores rules.cue_weight
    # the post's subject when in the title (enough there, like a key term), a cue in the summary:
    # 'Pharmacologic treatment of ...' is a treatment post, '... response to treatment' is not
    title_terms: tuple[str, ...] = ()
    voice: Voice | None = None  # a personal or community story (see Voice)
    # an aspect that can be what a post is about (diagnosis, treatment, daily life; research is the
    # kind of publication instead): when the title names another subject aspect and not this one,
    # passing words in the summary need rules.subject_margin more than the threshold
    subject: bool = False
    ambiguous: tuple[str, ...] = ()  # abbreviations/signs that count as terms only with context
    require_context: tuple[str, ...] = ()  # context for `ambiguous`: muscle/skin/rheumatology words
    deny_context: tuple[str, ...] = ()  # context against `ambiguous` ('diabetes', 'glucose')
    combos: tuple[tuple[str, ...], ...] = ()  # ["a|b", "c|d"]: one alternative of every group -> a term
    exclude: tuple[str, ...] = ()  # phrases that veto the topic when present anywhere in the post
    categories: tuple[str, ...] = ()  # source tags/categories that map to this topic
    threshold: float | None = None  # score needed for the label (default rules.threshold)
    unless: tuple[Unless, ...] = ()  # context rules that stop a term counting for this topic
    # { other label = threshold }: the threshold when the post also gets that label (a treatment
    # word inside a study that tests no therapy). A key term or a combo still suffices. Kept as
    # (label, threshold) pairs so the settings stay hashable.
    threshold_beside: tuple[tuple[str, float], ...] = ()

    @field_validator("slug")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not _SLUG.fullmatch(v):
            raise ValueError(f"expected a lower-case slug such as 'dermatomyositis', got {v!r}")
        return v

    @field_validator("threshold_beside", mode="before")
    @classmethod
    def _beside(cls, v: object) -> object:
        return tuple(v.items()) if isinstance(v, dict) else v

    @field_validator("combos")
    @classmethod
    def _combos(cls, v: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        for i, combo in enumerate(v):
            if len(combo) < 2 or not all(g.strip(" |") for g in combo):
                raise ValueError(f"combos[{i}]: expected two or more groups such as ['statin', 'did not help|despite stopping']")
        return v


class TopicsFile(_Model):
    """The whole topics.toml: the taxonomy plus the global rules of classify.rules."""

    class Rules(_Model):
        """[rules]: what applies across topics. Every key has a default."""

        mask: tuple[str, ...] = ()  # look-alikes blanked before matching ('myositis ossificans')
        veto: tuple[str, ...] = ()  # phrases that make the whole post off-topic ('veterinary')
        negation: tuple[str, ...] = ()  # cues that cancel a disease mention right after them ('not')
        mimic: tuple[str, ...] = ()  # cues of a past misdiagnosis: cancel when another disease remains
        # cues after which the rest of the sentence lists members of a group ('IIM, including PM
        # and DM'): a subtype named only there is the group's member, the parent label's evidence
        member: tuple[str, ...] = ()
        # cues that cancel the disease mentions before them in the sentence ('anti-Jo-1 and
        # anti-SRP were negative')
        negation_after: tuple[str, ...] = ()
        negation_window: int = Field(default=4, ge=1, le=20)  # words after a cue, within one clause
        mimic_window: int | None = Field(default=None, ge=1, le=20)  # the same for mimic cues (default: negation_window)
        other_diseases: tuple[str, ...] = ()  # off-topic diseases, to spot passing mentions in lists
        passing_min_others: int = Field(default=2, ge=1)  # a single summary-only mention beside >= N others
        term_weight: float = 2.0
        cue_weight: float = 1.0
        title_weight: float = 2.0  # multiplier for a match in the title: titles say what a post is about
        threshold: float = 2.0
        overview_subtypes: int = Field(default=3, ge=2)  # this many subtypes named -> the parent label only
        subject_margin: float = Field(default=0.0, ge=0)  # see TopicSettings.subject

    class Model(_Model):
        """[model]: the learned layer for the aspect labels (classify/model.py, docs/classification.md).

        Absent, the rules alone decide. `aspects` names a weights file shipped in the package
        ('aspects-v1'), which holds the thresholds it was tuned with.
        """

        aspects: str

        @field_validator("aspects")
        @classmethod
        def _shipped(cls, name: str) -> str:
            from .classify.model import available

            if name not in available():
                raise ValueError(f"no model {name!r} is shipped (known: {', '.join(available()) or 'none'})")
            return name

    topics: tuple[TopicSettings, ...]
    rules: Rules = Rules()
    model: Model | None = None

    @model_validator(mode="after")
    def _hierarchy(self) -> TopicsFile:
        slugs = [t.slug for t in self.topics]
        for i, t in enumerate(self.topics):
            if slugs.count(t.slug) > 1:
                raise ValueError(f"topics[{i}].slug: duplicate topic {t.slug!r}")
            if t.parent is not None and t.parent not in slugs:
                raise ValueError(f"topics[{i}].parent: unknown parent topic {t.parent!r} (known: {', '.join(slugs)})")
            if t.parent == t.slug:
                raise ValueError(f"topics[{i}].parent: a topic cannot be its own parent")
            if t.slug in ("all",):
                raise ValueError(f"topics[{i}].slug: {t.slug!r} is reserved for the feed of every post")
            for other, _ in t.threshold_beside:
                if other not in slugs:
                    raise ValueError(f"topics[{i}].threshold_beside: unknown topic {other!r}")
        if self.model is not None:
            from .classify.model import load

            aspects = {t.slug for t in self.topics if t.aspect}
            unknown = [slug for slug in load(self.model.aspects).labels if slug not in aspects]
            if unknown:
                raise ValueError(f"model.aspects: {self.model.aspects!r} labels {', '.join(unknown)}, not aspect topics here")
        return self


class Config:
    """Settings plus the derived, absolute paths and domain objects."""

    def __init__(self, path: Path, settings: Settings, topics_file: TopicsFile) -> None:
        self.path = path
        self.settings = settings
        self.topics_file = topics_file
        base = path.parent
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
        self.sources: tuple[Source, ...] = tuple(_to_source(s, base) for s in settings.sources)
        self._by_name = {s.name: s for s in self.sources}  # `source(name)` for each of 2,000 sources: no scan

    def with_base_url(self, base_url: str) -> Config:
        """The same configuration with another publish.base_url (validated like the key)."""
        publish = PublishSettings.model_validate({**self.settings.publish.model_dump(), "base_url": base_url})
        return Config(self.path, self.settings.model_copy(update={"publish": publish}), self.topics_file)

    def follow_listen_address(self, host: str, port: int) -> Config:
        """`run --host/--port`: while publish.base_url is the default, every link the product makes
        points at the address the service actually listens on; a base_url the operator set wins."""
        if self.settings.publish.base_url != DEFAULT_BASE_URL:
            return self
        if host in ("", "0.0.0.0", "::"):
            host = "127.0.0.1"  # a wildcard is no address a link can name; `run` says to set base_url
        netloc = f"[{host}]" if ":" in host else host
        return self.with_base_url(f"http://{netloc}:{port}/")

    def source(self, name: str) -> Source:
        found = self._by_name.get(name)
        if found is not None:
            return found
        from .exceptions import NotFoundError

        known = ", ".join(s.name for s in self.sources) or "none configured"
        raise NotFoundError(f"unknown source {name!r} (known: {known})")

    def topic(self, slug: str) -> Topic:
        for t in self.topics:
            if t.slug == slug:
                return t
        from .exceptions import NotFoundError

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
    """file: sources under the config directory read as the config writes them ('demo/feed.rss')."""
    if url.startswith("file:"):
        path = Path(unquote(urlsplit(url).path))
        if path.is_relative_to(config_dir):
            return str(path.relative_to(config_dir))
    return url


def _to_source(s: SourceSettings, base: Path) -> Source:
    url = resolve_url(s.url, base)
    sel = None
    if s.selectors is not None:
        sel = Selectors(**s.selectors.model_dump())
    return Source(
        name=s.name,
        url=url,
        kind=s.kind,
        interval=s.interval,
        pages=s.pages,
        first_pages=max(s.first_pages, s.pages),
        selectors=sel,
        title=s.title,
        base_url=s.base_url,
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


def load_config(path: str | Path | None = None, *, check_files: bool = False) -> Config:
    """Read and validate myofeed.toml and its topics file; ConfigError on any mistake, carrying
    every mistake found (`exc.all`) so that `check` lists them at once. `check_files`: local
    sources must exist (what `check` asks; a run only reports the source as failing)."""
    p = config_path(str(path) if path is not None else None)
    data = _read_toml(p)
    problems: list[ConfigError] = []
    settings = _validate(Settings, data, p, problems)
    topics_name = settings.topics if settings else data.get("topics")
    topics_path = (p.parent / (topics_name if isinstance(topics_name, str) else "topics.toml")).resolve()
    topics: TopicsFile | None = None
    try:
        topics = _validate(TopicsFile, _read_toml(topics_path, key="topics"), topics_path, problems)
    except ConfigError as exc:
        problems.append(exc)
    problems += _check_paths(data, p, check_files)
    config = Config(p.resolve(), settings, topics) if settings is not None and topics is not None else None
    if config is not None:
        problems += _check_mail_files(config)
    if problems or config is None:
        first, *others = problems
        raise ConfigError(first.file, first.key, first.message, others=tuple(others))
    return config


def _check_mail_files(config: Config) -> list[ConfigError]:
    """Key and CA files named in [mail] must be readable PEM now, not at the first send."""
    problems = []
    for key, path in (("mail.dkim_private_key", config.dkim_private_key), ("mail.smtp_ca_file", config.smtp_ca_file)):
        if path is None:
            continue
        try:
            head = path.read_bytes()[:65536]
        except OSError as exc:
            problems.append(ConfigError(str(config.path), key, f"cannot read {path}: {exc.strerror or exc}"))
            continue
        if b"-----BEGIN " not in head:
            problems.append(ConfigError(str(config.path), key, f"{path} is not a PEM file (expected '-----BEGIN ...')"))
    return problems


def load_topics(path: Path) -> TopicsFile:
    """A topics.toml on its own (`classify --topics`); ConfigError with every mistake."""
    problems: list[ConfigError] = []
    topics = _validate(TopicsFile, _read_toml(path), path, problems)
    if topics is None:
        first, *others = problems
        raise ConfigError(first.file, first.key, first.message, others=tuple(others))
    return topics


def _read_toml(path: Path, key: str = "") -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(str(path), key, "file not found") from None
    except IsADirectoryError:
        raise ConfigError(str(path), key, "is a directory, expected a TOML file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), "", f"invalid TOML: {exc}") from None


def _validate(model: type[_M], data: dict[str, Any], path: Path, problems: list[ConfigError]) -> _M | None:
    """The validated model, or None with every mistake appended to `problems`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        seen: set[tuple[str, str]] = set()
        for err in exc.errors():
            key, msg = _key(err["loc"], data), _message(err)
            if not key and (m := re.match(r"^([\w\[\].-]+): (.*)$", msg)):
                key, msg = m.group(1), m.group(2)
            if err.get("type") == "extra_forbidden" and (near := _nearest_key(model, err["loc"])):
                msg += f" (did you mean {near!r}?)"
            if (key, msg) not in seen:
                seen.add((key, msg))
                problems.append(ConfigError(str(path), key, msg))
        return None


def _nearest_key(model: type[BaseModel], loc: tuple[int | str, ...]) -> str | None:
    """The known key closest to a misspelt one, in the table the misspelt key sits in."""
    import difflib

    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(str(part)) or next(
            (f for f in current.model_fields.values() if f.alias == part), None
        )
        current = _model_of(field.annotation) if field is not None else None
    if current is None:
        return None
    names = [f.alias or name for name, f in current.model_fields.items()]
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    return close[0] if close else None


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as `tuple[SourceSettings, ...]` or `X | None`."""
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _check_paths(data: dict[str, Any], path: Path, check_files: bool) -> list[ConfigError]:
    """A web address written without its scheme ('example.org/feed.xml' reads as a file path that
    is not there) is an error with a hint; with check_files, every local source must exist.
    Reads the raw table, so these come beside any other mistake in the same source."""
    problems = []
    sources = data.get("sources")
    for i, raw in enumerate(sources if isinstance(sources, list) else []):
        url = raw.get("url") if isinstance(raw, dict) else None
        if not isinstance(url, str) or not url:
            continue
        scheme = urlsplit(url).scheme
        if scheme not in ("", "file"):
            continue
        local = Path(unquote(urlsplit(resolve_url(url, path.parent)).path))
        if local.exists():
            continue
        msg = f"no such file {local}"
        host = url.split("/", 1)[0]
        if not scheme and "." in host.strip(".") and not url.startswith((".", "/", "~")):
            msg += f"; a web address needs its scheme: url = \"https://{url}\""
        elif not check_files:
            continue
        problems.append(ConfigError(str(path), f"sources[{i}].url", msg))
    return problems


from typing import TypeVar  # noqa: E402

_M = TypeVar("_M", bound=BaseModel)


def _key(loc: tuple[int | str, ...], data: dict[str, Any]) -> str:
    """pydantic's loc -> a TOML key path: ('sources', 0, 'url') -> 'sources[0].url'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + ("from" if part == "from_" else str(part))
    return out


def _message(err: Any) -> str:
    kind = err.get("type", "")
    msg: str = err.get("msg", "invalid value")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "missing required key"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    inp = err.get("input")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"{msg.lower()}, got {inp!r}"
    return msg
