"""A hostile web client against a real uvicorn on 127.0.0.1 (issue 10, items 5, 6, 10, 11).

Each test names the hole it closes; each failed on the code before the fix.
A "proxy" here is the test client itself on 127.0.0.1, sending the headers a
reverse proxy would (or would not) add.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from myofeed.core import utcnow

from ._webutil import csrf_from
from .test_status import remote_get

TOKEN = "s3cret-operator-token"
TOPICS = ["dermatomyositis", "research"]


def _form(client: httpx.Client, email: str, **headers: str) -> dict[str, Any]:
    page = client.get("/", headers=headers)
    assert page.status_code == 200
    return {"csrf_token": csrf_from(page.text), "email": email, "topics": TOPICS, "cadence": "daily"}


def _subscribe(client: httpx.Client, email: str, **headers: str) -> httpx.Response:
    return client.post("/subscribe", data=_form(client, email, **headers), headers=headers)


# --- item 5: /metrics -----------------------------------------------------------------------------


def _series(text: str) -> dict[str, float]:
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            if not name.split("{")[0].endswith("_created"):  # when a label set was first seen
                out[name] = float(value)
    return out


def _delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {k: v - before.get(k, 0.0) for k, v in after.items() if v != before.get(k, 0.0)}


def _mask(delta: dict[str, float]) -> dict[str, float]:
    # the request counter of /metrics itself and timing histograms are not about the address
    return {k: v for k, v in delta.items() if "seconds" not in k}


def test_metrics_move_alike_for_known_and_unknown_addresses(server: Any, smtp: Any) -> None:
    server.app.store.add_subscriber("known@example.org", TOPICS, "daily", confirmed=True, now=utcnow())
    metrics = lambda: _series(server.client.get("/metrics").text)  # noqa: E731
    before = metrics()
    assert _subscribe(server.client, "known@example.org").status_code == 200
    time.sleep(0.5)
    known = _delta(before, metrics())
    before = metrics()
    assert _subscribe(server.client, "unknown@example.org").status_code == 200
    smtp.wait_for(1)  # the unknown address got its confirmation mail (in the background)
    time.sleep(0.5)
    unknown = _delta(before, metrics())
    assert len(smtp.messages) == 1
    assert _mask(known) == _mask(unknown), (known, unknown)
    assert any("myofeed_web_subscriptions_total" in k for k in known)


def test_metrics_need_a_token_from_anywhere_but_this_machine(server_factory: Any) -> None:
    srv = server_factory(web=f'operator_token = "{TOKEN}"\nmetrics_token = "scraper-token-0123456789"')
    assert srv.client.get("/metrics").status_code == 200  # localhost
    assert remote_get(srv.app, "/metrics").status_code == 401
    # relayed by a proxy we were not told about: somebody else
    assert srv.client.get("/metrics", headers={"x-forwarded-for": "203.0.113.9"}).status_code == 401
    for token in (TOKEN, "scraper-token-0123456789"):
        r = remote_get(srv.app, "/metrics", {"authorization": f"Bearer {token}"})
        assert r.status_code == 200 and "myofeed_fetches" in r.text
    # the metrics token opens /metrics only
    assert remote_get(srv.app, "/status", {"authorization": "Bearer scraper-token-0123456789"}).status_code == 403
    assert remote_get(srv.app, "/metrics", {"authorization": "Bearer wrong"}).status_code == 403


def test_metrics_without_tokens_are_local_only(server_factory: Any) -> None:
    srv = server_factory()
    assert srv.client.get("/metrics").status_code == 200
    assert remote_get(srv.app, "/metrics").status_code == 403


def test_wrong_tokens_are_rate_limited(server_factory: Any) -> None:
    srv = server_factory(web=f'operator_token = "{TOKEN}"')
    fwd = {"x-forwarded-for": "203.0.113.9"}  # not local
    codes = [srv.client.get("/status", headers={**fwd, "authorization": f"Bearer guess{i}"}).status_code
             for i in range(12)]
    assert codes[:10] == [403] * 10 and codes[10:] == [429, 429]
    # even the right token waits now: guessing cannot be told apart from knowing
    assert srv.client.get("/status", headers={**fwd, "authorization": f"Bearer {TOKEN}"}).status_code == 429


# --- item 6: proxies ------------------------------------------------------------------------------

PROXY = 'trusted_proxies = ["127.0.0.1"]\noperator_token = "t0ken-t0ken"\nsubscribe_rate = 3'


@pytest.mark.parametrize("headers", [
    {"x-real-ip": "203.0.113.9"},
    {"forwarded": "for=203.0.113.9"},
    {"forwarded": "for=127.0.0.1"},
    {"x-forwarded-for": "127.0.0.1"},
    {},  # a proxy that sends no forwarding header at all
])
def test_nothing_through_a_trusted_proxy_is_local(server_factory: Any, headers: dict[str, str]) -> None:
    srv = server_factory(web=PROXY)
    assert srv.client.get("/status", headers=headers).status_code == 401
    assert srv.client.get("/metrics", headers=headers).status_code == 401
    assert srv.client.get("/status", headers={**headers, "authorization": "Bearer t0ken-t0ken"}).status_code == 200


def test_untrusted_local_proxy_forwarding_the_public_host_is_not_local(server_factory: Any) -> None:
    srv = server_factory(web='operator_token = "t0ken-t0ken"')
    # e.g. nginx with `proxy_set_header Host $host` and no X-Forwarded-For, not listed in trusted_proxies
    for headers in ({"host": "feeds.example.org"}, {"via": "1.1 nginx"}, {"x-forwarded-proto": "https"}):
        assert srv.client.get("/status", headers=headers).status_code == 401, headers
    assert srv.client.get("/status").status_code == 200  # a local user asking for 127.0.0.1


@pytest.mark.parametrize("proxy_header, ident", [
    ("x-real-ip", lambda ip: {"x-real-ip": ip}),
    ("forwarded", lambda ip: {"forwarded": f'for="{ip}";proto=https'}),
    ("x-forwarded-for", lambda ip: {"x-forwarded-for": ip}),
])
def test_rate_limit_is_per_real_client_behind_a_proxy(server_factory: Any, proxy_header: str, ident: Any) -> None:
    srv = server_factory(web=PROXY + f'\nproxy_header = "{proxy_header}"')
    codes = [_subscribe(srv.client, f"a{i}@example.org", **ident("203.0.113.1")).status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
    # another client behind the same proxy still gets in: one client cannot lock out the site
    assert _subscribe(srv.client, "b@example.org", **ident("203.0.113.2")).status_code == 200


def test_rotating_client_headers_does_not_reset_the_rate_limit(server_factory: Any) -> None:
    srv = server_factory(web=PROXY)
    # the proxy appends the address it saw; whatever the client put in front changes nothing
    codes = [_subscribe(srv.client, f"r{i}@example.org", **{
        "x-forwarded-for": f"198.51.100.{i}, 203.0.113.1", "x-real-ip": f"192.0.2.{i}",
        "forwarded": f"for=192.0.2.{i}", "true-client-ip": f"192.0.2.{i}"}).status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
    # and without a trusted proxy no header names the client at all
    plain = server_factory(web="subscribe_rate = 3")
    codes = [_subscribe(plain.client, f"p{i}@example.org", **{
        "x-forwarded-for": f"198.51.100.{i}", "x-real-ip": f"198.51.100.{i}"}).status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]


def test_proxy_without_the_configured_header_gets_no_shared_quota(server_factory: Any) -> None:
    srv = server_factory(web=PROXY)  # proxy_header defaults to x-forwarded-for
    r = _subscribe(srv.client, "x@example.org", **{"x-real-ip": "203.0.113.1"})
    assert r.status_code == 400 and "did not say who is asking" in r.text
    assert srv.app.store.get_subscriber("x@example.org") is None
    # the limit was not spent: a properly relayed client gets in
    assert _subscribe(srv.client, "y@example.org", **{"x-forwarded-for": "203.0.113.1"}).status_code == 200


# --- item 10: Origin: null ------------------------------------------------------------------------


def test_csrf_refuses_origin_null(server: Any) -> None:
    data = _form(server.client, "null-origin@example.org")
    r = server.client.post("/subscribe", data=data, headers={"origin": "null"})
    assert r.status_code == 403
    assert server.app.store.get_subscriber("null-origin@example.org") is None
    sub, _ = server.app.store.add_subscriber("prefs@example.org", ["research"], "daily", confirmed=True, now=utcnow())
    url = _prefs_url(server, sub)
    page = server.client.get(url)
    r = server.client.post(url, data={"csrf_token": csrf_from(page.text), "topics": ["polymyositis"],
                                      "cadence": "weekly"}, headers={"origin": "null"})
    assert r.status_code == 403
    assert list(server.app.store.get_subscriber("prefs@example.org").topics) == ["research"]
    # our own origin still works, and our pages ask browsers to send it (not null)
    assert server.client.post("/subscribe", data=data, headers={"origin": server.url.rstrip("/")}).status_code == 200
    assert server.client.get("/").headers["referrer-policy"] == "same-origin"


def _prefs_url(server: Any, sub: Any) -> str:
    """The preferences link a subscriber gets (from the page their confirm link leads to)."""
    try:
        from myofeed.web.subscribe import preferences_link  # type: ignore[attr-defined]
    except ImportError:
        return f"/preferences/{sub.unsubscribe_token}"
    return "/" + preferences_link(server.app, sub)


# --- item 11: no redirect built from Host --------------------------------------------------------

EVIL = "evil.example"


@pytest.mark.parametrize("method, path", [
    ("GET", "/status/"), ("POST", "/subscribe/"), ("GET", "/feeds/"), ("GET", "/static"), ("GET", "/metrics/"),
    ("GET", "//evil.example/"), ("GET", "/\\evil.example/"), ("GET", "/confirm/x/"), ("HEAD", "/status/"),
    ("GET", "/unsubscribe/x/"), ("GET", "/%2fevil.example/"), ("GET", "/feeds/all.atom/"),
])
def test_no_redirect_to_the_host_header(server: Any, method: str, path: str) -> None:
    with httpx.Client(base_url=server.url, follow_redirects=False, timeout=10) as client:
        for headers in ({"host": EVIL}, {"x-forwarded-host": EVIL, "x-forwarded-proto": "https"}):
            r = client.request(method, path, headers=headers)
            assert not 300 <= r.status_code < 400, (path, r.status_code, r.headers.get("location"))
            assert EVIL not in str(dict(r.headers)) and EVIL not in r.text, (path, r.status_code)


def test_no_page_reflects_the_host_header(server: Any) -> None:
    """Cache poisoning via Host: nothing we answer is built from it."""
    sub, _ = server.app.store.add_subscriber("h@example.org", ["research"], "daily", confirmed=True, now=utcnow())
    server.publish_file("all.atom", b"<feed/>")
    paths = ["/", "/status", "/status.json", "/metrics", "/feeds/all.atom", "/static/style.css", "/nope",
             f"/confirm/{sub.confirm_token}", f"/unsubscribe/{sub.unsubscribe_token}"]
    for path in paths:
        for headers in ({"host": EVIL}, {"x-forwarded-host": EVIL}, {"x-original-url": f"http://{EVIL}/"}):
            r = server.client.get(path, headers=headers)
            assert EVIL not in r.text and EVIL not in str(dict(r.headers)), (path, headers)
    r = server.client.post("/subscribe", data=_form(server.client, "h2@example.org"), headers={"host": EVIL})
    assert EVIL not in r.text and "location" not in r.headers
