"""Operator views and security headers over HTTP: /status access rules, /status.json, /metrics."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import httpx
import pytest

from myofeed.core import utcnow
from myofeed.web import make_app

TOKEN = "s3cret-operator-token"


def remote_get(app: Any, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    """A request whose peer is not loopback and no proxy is involved (ASGI in-process)."""
    web = make_app(app)

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=web, client=("198.51.100.7", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://myofeed.example") as client:
            return await client.get(path, headers=headers)

    try:
        return asyncio.run(go())
    finally:
        web.state.web.close()


def test_status_open_to_localhost(server: Any) -> None:
    r = server.client.get("/status")
    assert r.status_code == 200
    assert "clinic-news" in r.text and "patient-forum" in r.text
    assert "broken" in r.text and "no posts found on the page (selectors?)" in r.text
    assert "HTTP 503 Service Unavailable" in r.text
    assert ">3<" in r.text  # consecutive failures


@pytest.mark.parametrize("header", ["x-forwarded-for", "forwarded", "x-real-ip"])
def test_status_via_untrusted_proxy_needs_token(server: Any, header: str) -> None:
    value = "for=203.0.113.9" if header == "forwarded" else "203.0.113.9"
    r = server.client.get("/status", headers={header: value})
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    # even a forwarded header claiming localhost: the proxy is not trusted
    assert server.client.get("/status", headers={"x-forwarded-for": "127.0.0.1"}).status_code == 401
    ok = server.client.get("/status", headers={header: value, "authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200 and "clinic-news" in ok.text
    assert server.client.get(f"/status?token={TOKEN}", headers={header: value}).status_code == 200
    wrong = server.client.get("/status", headers={header: value, "authorization": "Bearer wrong"})
    assert wrong.status_code == 403
    assert server.client.get("/status?token=wrong", headers={header: value}).status_code == 403


def test_status_from_remote_client(server: Any) -> None:
    assert remote_get(server.app, "/status").status_code == 401
    assert remote_get(server.app, "/status.json").status_code == 401
    assert remote_get(server.app, "/status", {"authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_status_without_configured_token_is_local_only(server_factory: Any) -> None:
    srv = server_factory()
    assert srv.client.get("/status").status_code == 200
    r = srv.client.get("/status", headers={"x-forwarded-for": "203.0.113.9", "authorization": "Bearer anything"})
    assert r.status_code == 403
    assert remote_get(srv.app, "/status").status_code == 403


def test_trusted_proxy(server_factory: Any) -> None:
    srv = server_factory(web='trusted_proxies = ["127.0.0.1"]\noperator_token = "t0ken-t0ken"')
    assert srv.client.get("/status", headers={"x-forwarded-for": "203.0.113.9"}).status_code == 401
    # through a proxy nothing is local: not even a client the proxy says is loopback
    assert srv.client.get("/status", headers={"x-forwarded-for": "127.0.0.1"}).status_code == 401
    spoofed = srv.client.get("/status", headers={"x-forwarded-for": "127.0.0.1, 203.0.113.9"})
    assert spoofed.status_code == 401
    ok = srv.client.get("/status", headers={"x-forwarded-for": "203.0.113.9", "authorization": "Bearer t0ken-t0ken"})
    assert ok.status_code == 200


def test_status_json_mirrors_cli(server: Any) -> None:
    r = server.client.get("/status.json")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    rows = {row["name"]: row for row in r.json()}
    assert set(rows) == {"clinic-news", "patient-forum"}
    for row in rows.values():
        assert {"name", "url", "last_success", "last_error", "consecutive_failures", "next_fetch", "posts",
                "broken"} <= set(row)
    assert rows["patient-forum"]["broken"] is True and rows["patient-forum"]["consecutive_failures"] == 3
    assert rows["clinic-news"]["posts"] >= 1 and rows["clinic-news"]["last_error"] is None


def test_metrics(server: Any) -> None:
    from myofeed.metrics import FETCHES

    FETCHES.labels(outcome="ok").inc()
    r = server.client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain; version=")
    assert "myofeed_fetches_total" in r.text and 'outcome="ok"' in r.text
    server.client.get("/feeds/missing.atom")
    text = server.client.get("/metrics").text
    assert 'myofeed_feed_requests_total{status="404"}' in text
    assert "myofeed_web_subscriptions_total" in text


@pytest.mark.parametrize(
    "method, path",
    [("GET", "/"), ("GET", "/feeds/all.atom"), ("GET", "/status"), ("GET", "/metrics"), ("GET", "/nope"),
     ("POST", "/subscribe"), ("GET", "/confirm/x"), ("DELETE", "/")],
)
def test_security_headers_everywhere(server: Any, method: str, path: str) -> None:
    server.publish_file("all.atom", b"<feed/>")
    r = server.client.request(method, path)
    csp = r.headers["content-security-policy"]
    for directive in ("default-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
                      "img-src 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "script-src" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"  # no-referrer would make forms send Origin: null
    assert r.headers["x-frame-options"] == "DENY"


def test_no_inline_script_or_style_attributes(server: Any) -> None:
    sub, _ = server.app.store.add_subscriber("p@example.org", ["research"], "daily", confirmed=True,
                                             now=utcnow())
    from myofeed.web.manage import preferences_link

    pending, _ = server.app.store.add_subscriber("q@example.org", ["research"], "daily", confirmed=False,
                                                 now=utcnow())
    pages = ["/", "/status", f"/unsubscribe/{sub.unsubscribe_token}", "/" + preferences_link(sub),
             f"/confirm/{pending.confirm_token}", "/nope"]
    for path in pages:
        html = server.client.get(path).text.lower()
        assert "<script" not in html and " style=" not in html and "javascript:" not in html, path


def test_index_is_the_live_page(server: Any) -> None:
    r = server.client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    text = r.text
    assert 'rel="alternate"' in text and "feeds/all.atom" in text
    assert "not medical advice" in text.lower()
    assert "Dermatomyositis" in text
    assert 'action="./subscribe"' in text  # posts back to this server, where the CSRF cookie was set
    # counts come from the database, not from a published file
    assert not (server.publish_dir / "index.html").exists()


def test_unknown_route_404_page(server: Any) -> None:
    r = httpx.get(server.url + "no/such/page")
    assert r.status_code == 404 and "Not found" in r.text


def test_stylesheet_served(server: Any) -> None:
    """One stylesheet for every page, asked for by its hash; a cached copy is confirmed with a 304."""
    page = server.client.get("/status").text
    m = re.search(r'<link rel="stylesheet" href="\./(static/site\.css\?v=[0-9a-f]+)">', page)
    assert m, "the status page links the shared stylesheet"
    r = server.client.get("/" + m.group(1))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    assert "x-content-type-options" in r.headers and "prefers-color-scheme: dark" in r.text
    assert server.client.get("/" + m.group(1), headers={"if-none-match": r.headers["etag"]}).status_code == 304
    link = re.compile(r'<link rel="stylesheet" href="(\./|(\.\./)+)' + re.escape(m.group(1)) + '">')
    for path in ("/", "/topics/all", "/search", "/no/such/page"):  # every page, the index and errors included
        assert link.search(server.client.get(path).text), path


def test_source_errors_are_escaped_on_the_status_page(server: Any) -> None:
    from myofeed._types import FetchOutcome

    at = utcnow()
    server.app.store.record_fetch("patient-forum", FetchOutcome(
        ok=False, at=at, next_due=at, error='HTTP 500: <script>alert("x")</script>'), [])
    text = server.client.get("/status").text
    assert "<script>" not in text and "&lt;script&gt;alert(" in text


def test_index_counts_come_live_from_the_database(server: Any) -> None:
    import re

    from myofeed._types import FetchOutcome, PostWrite

    def count(html: str, slug: str) -> int:
        m = re.search(rf'id="topic-{slug}".*?(\d+) posts?', html, re.S)
        assert m, slug
        return int(m.group(1))

    before = count(server.client.get("/").text, "dermatomyositis")
    at = utcnow()
    post = PostWrite(dedup_key="live", title="Juvenile dermatomyositis clinic", url="https://clinic.example/live",
                     author=None, published=None, sort_key=at, comments=None, summary="", summary_html=None, guid=None,
                     categories=(), labels=("dermatomyositis", "autoimmune-myopathy"),
                     evidence={"dermatomyositis": ("term: dermatomyositis",)})
    server.app.store.record_fetch("clinic-news", FetchOutcome(ok=True, at=at, next_due=at), [post])
    server.app_web_state().index_cache = None  # skip the few seconds the page may lag
    assert count(server.client.get("/").text, "dermatomyositis") == before + 1


def test_display_url() -> None:
    from pathlib import Path

    from myofeed.web.status import display_url

    assert display_url("file:///srv/myofeed/config/demo/a%20b.rss", Path("/srv/myofeed/config")) == "demo/a b.rss"
    assert display_url("file:///elsewhere/x.rss", Path("/srv/myofeed/config")) == "file:///elsewhere/x.rss"
    assert display_url("https://clinic.example/feed", Path("/srv")) == "https://clinic.example/feed"


def test_builtin_index_when_the_published_renderer_cannot_take_a_token(server: Any, monkeypatch: Any) -> None:
    import myofeed.publish.index

    monkeypatch.setattr(myofeed.publish.index, "render_index", lambda config, stats=None: "<p>published page</p>")
    r = server.client.get("/")
    assert r.status_code == 200 and "published page" not in r.text
    assert 'name="csrf_token"' in r.text and 'rel="alternate"' in r.text and "Dermatomyositis" in r.text
    assert "not medical advice" in r.text
    assert "Dermatomyositis rash &amp; sun &lt;care&gt;" in r.text  # latest posts, escaped, linking out


def test_status_names_files_under_the_config_dir_as_the_config_does(tmp_path: Any) -> None:
    from myofeed.web.status import _relative_paths

    demo = tmp_path / "demo" / "gone.html"
    assert _relative_paths(f"no such file {demo}", tmp_path) == "no such file demo/gone.html"
    assert _relative_paths(f"{demo.as_uri()}: HTTP 404", tmp_path) == "demo/gone.html: HTTP 404"
    assert _relative_paths("/elsewhere/x.html: gone", tmp_path) == "/elsewhere/x.html: gone"
    assert _relative_paths(None, tmp_path) is None


def test_status_shows_the_configured_url_and_a_permanent_redirect_beside_it(server: Any) -> None:
    from myofeed._types import FetchOutcome

    configured = {row["name"]: row["url"] for row in server.client.get("/status.json").json()}["clinic-news"]
    at = utcnow()
    server.app.store.record_fetch("clinic-news", FetchOutcome(
        ok=True, at=at, next_due=at, new_url="https://moved.example/feed.xml"), [])
    rows = {row["name"]: row for row in server.client.get("/status.json").json()}
    assert rows["clinic-news"]["url"] == configured, "the URL the config (and `sources list`) names"
    assert rows["clinic-news"]["redirected_to"] == "https://moved.example/feed.xml"
    assert rows["patient-forum"]["redirected_to"] is None
    page = server.client.get("/status").text
    assert "&rarr; https://moved.example/feed.xml" in page or "→ https://moved.example/feed.xml" in page
