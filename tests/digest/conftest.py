"""Digest fixtures: a real SMTP server (aiosmtpd on 127.0.0.1), real SQLite files, demo posts.

All hosts are .example, all names invented.
"""

from __future__ import annotations

import email
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import TypeVar

import pytest
from aiosmtpd.controller import Controller

from myofeed._types import FetchOutcome, PostWrite
from myofeed.config import load_config
from myofeed.core import Myofeed
from myofeed.ingest import sort_key

TOPICS = """
[[topics]]
slug = "autoimmune-myopathy"
title = "Autoimmune myopathy"

[[topics]]
slug = "dermatomyositis"
title = "Dermatomyositis"
parent = "autoimmune-myopathy"

[[topics]]
slug = "inclusion-body-myositis"
title = "Inclusion body myositis"
parent = "autoimmune-myopathy"

[[topics]]
slug = "treatment"
title = "Treatment"
aspect = true

[[topics]]
slug = "research"
title = "Research"
aspect = true
"""

BASE_URL = "http://feeds.myofeed.example/"
T0 = datetime(2025, 11, 20, 9, 0, tzinfo=UTC)


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.content, policy=default_policy)  # type: ignore[return-value]


@dataclass
class SinkHandler:
    """Records accepted messages; answers RCPT for chosen addresses with a chosen reply."""

    received: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address -> "451 4.3.0 try later"
    rcpt_attempts: list[str] = field(default_factory=list)
    pipelining: bool = False  # advertise RFC 2920 PIPELINING (aiosmtpd reads commands in order anyway)
    eight_bit: bool = True  # advertise 8BITMIME
    mail_options: list[list[str]] = field(default_factory=list)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # noqa: N802
        self.mail_options.append(list(mail_options))
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        if not self.eight_bit:
            responses = [r for r in responses if "8BITMIME" not in r]
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        self.rcpt_attempts.append(address)
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 2.0.0 accepted"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


H = TypeVar("H", bound=SinkHandler)


def serving(handler: H) -> Iterator[tuple[H, int]]:
    """A real SMTP server (aiosmtpd) on a free 127.0.0.1 port for `handler`, for a fixture to yield from."""
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


@pytest.fixture(params=[False, True], ids=["sequential", "pipelining"])
def smtp(request: pytest.FixtureRequest) -> Iterator[tuple[SinkHandler, int]]:
    yield from serving(SinkHandler(pipelining=request.param))


def write_config(tmp_path: Path, *, smtp_port: int | None, extra: str = "") -> Path:
    (tmp_path / "topics.toml").write_text(TOPICS, encoding="utf-8")
    mail = f'smtp_host = "127.0.0.1"\nsmtp_port = {smtp_port}\n' if smtp_port else ""
    path = tmp_path / "myofeed.toml"
    path.write_text(
        'topics = "topics.toml"\n'
        '[storage]\ndatabase = "data/test.db"\n'
        f'[publish]\ndir = "feeds"\nbase_url = "{BASE_URL}"\ntitle = "myofeed"\n'
        '[mail]\nfrom = "myofeed digest <digest@myofeed.example>"\noutbox = "outbox"\n'
        'list_id = "myofeed digest <digest.myofeed.example>"\n' + mail + extra
        + '[[sources]]\nname = "clinic-blog"\nurl = "https://clinic.example/feed.xml"\ntitle = "Clinic Blog"\n'
        + '[[sources]]\nname = "patient-journal"\nurl = "https://journal.example/feed.json"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., Myofeed]]:
    apps: list[Myofeed] = []

    def make(*, smtp_port: int | None = None, extra: str = "") -> Myofeed:
        app = Myofeed(load_config(write_config(tmp_path, smtp_port=smtp_port, extra=extra)))
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()


def post(key: str, title: str, labels: tuple[str, ...], *, published: str = "2025-11-19", author: str | None = "Ada Example",
         comments: int | None = 2, summary: str = "A short summary of the post.") -> PostWrite:
    return PostWrite(
        dedup_key=key, title=title, url=f"https://clinic.example/posts/{key}", author=author,
        published=published, sort_key=sort_key(published, datetime(2025, 1, 1, tzinfo=UTC)),
        comments=comments, summary=summary, summary_html=None, guid=key, categories=(), labels=labels,
        evidence={label: ("test",) for label in labels},
    )


def store_posts(app: Myofeed, at: datetime, *posts: PostWrite, source: str = "clinic-blog") -> None:
    app.store.record_fetch(source, FetchOutcome(ok=True, at=at, next_due=at), list(posts))


DM = ("dermatomyositis", "autoimmune-myopathy")
IBM = ("inclusion-body-myositis", "autoimmune-myopathy")
