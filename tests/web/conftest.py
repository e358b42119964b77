"""Fixtures for the web tests: a temp config, demo data, a real uvicorn on 127.0.0.1, an SMTP sink."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from myofeed._types import FetchOutcome, PostWrite
from myofeed.config import load_config
from myofeed.core import Myofeed
from myofeed.web import make_app

REPO = Path(__file__).resolve().parents[2]
MINIMAL_TOPICS = """
[[topics]]
slug = "autoimmune-myopathy"
title = "Autoimmune myopathy"
terms = ["myositis"]

[[topics]]
slug = "dermatomyositis"
title = "Dermatomyositis"
parent = "autoimmune-myopathy"
terms = ["dermatomyositis"]
"""


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def write_config(tmp: Path, *, port: int, smtp_port: int | None = None, web: str = "", sources: bool = True) -> Path:
    topics = REPO / "config" / "topics.toml"
    if topics.exists():
        shutil.copy(topics, tmp / "topics.toml")
    else:
        (tmp / "topics.toml").write_text(MINIMAL_TOPICS)
    mail = f'smtp_host = "127.0.0.1"\nsmtp_port = {smtp_port}\nsmtp_timeout = "5s"\n' if smtp_port else ""
    text = f"""
topics = "topics.toml"
[storage]
database = "data/myofeed.db"
[publish]
dir = "feeds"
base_url = "http://127.0.0.1:{port}/"
title = "myofeed test"
[web]
host = "127.0.0.1"
port = {port}
{web}
[mail]
from = "digest@example.org"
outbox = "outbox"
{mail}
"""
    if sources:
        text += """
[[sources]]
name = "clinic-news"
url = "https://clinic.example/feed.xml"
interval = "30m"

[[sources]]
name = "patient-forum"
url = "https://forum.example/tag/myositis"
kind = "html"
interval = "2h"
"""
    (tmp / "feeds").mkdir(exist_ok=True)
    path = tmp / "myofeed.toml"
    path.write_text(text)
    return path


def seed(app: Myofeed, now: datetime | None = None) -> None:
    """Demo data through the storage interface: two sources' fetches, one healthy, one broken."""
    now = now or datetime(2025, 11, 20, 9, 30, tzinfo=UTC)
    at = now
    posts = [
        PostWrite(
            dedup_key=f"k{i}", title=title, url=f"https://clinic.example/posts/{i}", author="Dr. Example",
            published=f"2025-11-{10 + i:02d}", sort_key=datetime(2025, 11, 10 + i, tzinfo=UTC), comments=i,
            summary="A post about myositis.", summary_html=None, guid=None, categories=(), labels=labels,
            evidence={label: ("term: test",) for label in labels},
        )
        for i, (title, labels) in enumerate([
            ("Dermatomyositis rash & sun <care>", ("dermatomyositis", "autoimmune-myopathy")),
            ("New IBM trial recruiting", ("inclusion-body-myositis", "autoimmune-myopathy", "research")),
            ("Living with polymyositis", ("polymyositis", "autoimmune-myopathy", "living-with")),
            ("Statin side effects in diabetes", ()),
        ])
    ]
    if app.config.topics and "inclusion-body-myositis" not in {t.slug for t in app.config.topics}:
        posts = posts[:1]
    ok = FetchOutcome(ok=True, at=at, next_due=now + timedelta(minutes=30), count=len(posts))
    app.store.record_fetch("clinic-news", ok, posts)
    for _ in range(3):
        bad = FetchOutcome(
            ok=False, at=at, next_due=now + timedelta(hours=2), error="HTTP 503 Service Unavailable",
            broken_reason="no posts found on the page (selectors?)",
        )
        app.store.record_fetch("patient-forum", bad, [])


@dataclass
class SMTPSink:
    """aiosmtpd on 127.0.0.1 keeping every message it accepts."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.messages)

    def links(self, msg: EmailMessage, route: str) -> list[str]:
        body = msg.get_body(("plain",))
        text = body.get_content() if body is not None else msg.as_string()
        return re.findall(rf"https?://\S+/{route}/[A-Za-z0-9_-]+", text)


@pytest.fixture
def smtp() -> Iterator[SMTPSink]:
    from aiosmtpd.controller import Controller

    sink = SMTPSink(0)

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            sink.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
            return "250 OK"

    for attempt in range(5):  # aiosmtpd needs a fixed port: another process may grab the free one first
        sock = free_socket()
        sink.port = sock.getsockname()[1]
        sock.close()
        controller = Controller(Handler(), hostname="127.0.0.1", port=sink.port)
        try:
            controller.start()
            break
        except Exception:
            if attempt == 4:
                raise
    try:
        yield sink
    finally:
        controller.stop()


@dataclass
class Server:
    url: str
    app: Myofeed
    config_path: Path
    client: httpx.Client
    publish_dir: Path

    web: Any = None  # the Starlette app uvicorn serves

    def app_web_state(self) -> Any:
        return self.web.state.web

    def publish_file(self, name: str, body: bytes, mtime: float | None = None) -> Path:
        path = self.publish_dir / name
        tmp = self.publish_dir / f".{name}.tmp"
        tmp.write_bytes(body)
        tmp.replace(path)  # as publish does: atomic rename
        if mtime is not None:
            import os

            os.utime(path, (mtime, mtime))
        return path


def _serve(app: Myofeed, sock: socket.socket) -> tuple[uvicorn.Server, threading.Thread]:
    config = uvicorn.Config(make_app(app), log_level="warning", lifespan="on", proxy_headers=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started, "uvicorn did not start"
    return server, thread


def _stop(server: uvicorn.Server, thread: threading.Thread) -> None:
    server.should_exit = True
    thread.join(3)
    if thread.is_alive():  # a connection or background task still open: don't wait for it
        server.force_exit = True
        thread.join(5)


@pytest.fixture
def server_factory(tmp_path: Path, smtp: SMTPSink) -> Iterator[Any]:
    # depends on smtp so the SMTP sink outlives the servers: a confirmation still being sent in
    # the background at the end of a test must find it listening
    started: list[tuple[uvicorn.Server, threading.Thread, Myofeed, httpx.Client]] = []

    def start(*, smtp_port: int | None = None, web: str = "", with_data: bool = True) -> Server:
        sock = free_socket()
        port = sock.getsockname()[1]
        path = write_config(tmp_path, port=port, smtp_port=smtp_port, web=web)
        app = Myofeed(load_config(path))
        if with_data:
            seed(app)
        srv, thread = _serve(app, sock)
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
        started.append((srv, thread, app, client))
        return Server(f"http://127.0.0.1:{port}/", app, path, client, app.config.publish_dir, srv.config.app)

    yield start
    for srv, thread, app, client in started:
        client.close()
        _stop(srv, thread)
        app.close()


@pytest.fixture
def server(server_factory: Any, smtp: SMTPSink) -> Server:
    return server_factory(smtp_port=smtp.port, web='operator_token = "s3cret-operator-token"\nsubscribe_rate = 5')


@pytest.fixture
def demo_server(tmp_path: Path) -> Iterator[Server]:
    """The shipped demo config (config/demo sources), ingested and published, plus one failing source."""
    if not (REPO / "config" / "demo").is_dir():
        pytest.skip("config/demo is missing")
    shutil.copytree(REPO / "config" / "demo", tmp_path / "demo")
    shutil.copy(REPO / "config" / "topics.toml", tmp_path / "topics.toml")
    sock = free_socket()
    port = sock.getsockname()[1]
    text = (REPO / "config" / "myofeed.toml").read_text()
    text = text.replace("../data/myofeed.db", "data/myofeed.db").replace('"../feeds"', '"feeds"')
    text = text.replace("../data/outbox", "outbox").replace("http://127.0.0.1:8080/", f"http://127.0.0.1:{port}/")
    # two unhealthy sources, so the status page shows what an operator must act on
    (tmp_path / "demo" / "redesigned.html").write_text(
        "<!doctype html><title>News</title><h1>News</h1><p>Our site has a new look: posts are coming back soon.</p>"
    )
    for name, url in (("demo-moved-page", "demo/moved-away.html"), ("demo-redesigned-page", "demo/redesigned.html")):
        text += f'\n[[sources]]\nname = "{name}"\nurl = "{url}"\nkind = "html"\ninterval = "6h"\n'
    path = tmp_path / "myofeed.toml"
    path.write_text(text)
    app = Myofeed(load_config(path))
    app.ingest(all=True)
    app.publish()
    srv, thread = _serve(app, sock)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
    try:
        yield Server(f"http://127.0.0.1:{port}/", app, path, client, app.config.publish_dir, srv.config.app)
    finally:
        client.close()
        _stop(srv, thread)
        app.close()


CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture
def browser() -> Iterator[Any]:
    os.environ["SE_OFFLINE"] = "true"  # selenium must never fetch a driver or a browser
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="myofeed-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # CSP violations land in the console log
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,900", f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
