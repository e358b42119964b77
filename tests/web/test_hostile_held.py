"""What a hostile web client tried and found holding (issue 10): kept so, with tests.

Against a real uvicorn on 127.0.0.1; raw sockets where an HTTP client would
tidy the request up (dot segments, odd bytes) before sending it.
"""

from __future__ import annotations

import re
import socket
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from myofeed.core import utcnow

from ._webutil import csrf_from

TOPICS = ["dermatomyositis", "research"]


def raw(server: Any, request: bytes) -> bytes:
    """Send bytes as they are; the answer's bytes (the server closes: `Connection: close`)."""
    port = urlsplit(server.url).port
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    return out


def raw_get(server: Any, target: str, extra: str = "") -> tuple[int, bytes]:
    answer = raw(server, f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{extra}\r\n".encode())
    return int(answer.split(b" ", 2)[1]), answer


@pytest.mark.parametrize("target", [
    "/feeds/../myofeed.toml", "/feeds/..%2fmyofeed.toml", "/feeds/%2e%2e/myofeed.toml", "/feeds/.all.atom.tmp",
    "/feeds/..", "/feeds/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/feeds/all.atom%00.html", "/feeds//etc/passwd",
    "/static/../myofeed.toml", "/static/%2e%2e/%2e%2e/config.py", "/static/..%5c..%5cmyofeed.toml",
    "/feeds/link.atom",  # a symlink in the publish dir pointing out of it
])
def test_no_path_traversal(server: Any, target: str) -> None:
    secret = server.config_path.parent / "secret.atom"
    secret.write_text("<feed>SECRET-CONFIG-BYTES</feed>")
    (server.publish_dir / "link.atom").symlink_to(secret)
    server.publish_file(".all.atom.tmp", b"temp")
    status, answer = raw_get(server, target)
    assert status in (400, 404), (target, answer[:200])
    assert b"SECRET-CONFIG-BYTES" not in answer and b"[storage]" not in answer and b"root:" not in answer


@pytest.mark.parametrize("method, path, allowed", [
    ("PUT", "/subscribe", "POST"), ("DELETE", "/", "GET, HEAD"), ("PATCH", "/status", "GET, HEAD"),
    ("TRACE", "/", "GET, HEAD"), ("OPTIONS", "/subscribe", "POST"), ("POST", "/status", "GET, HEAD"),
    ("POST", "/metrics", "GET, HEAD"), ("HEAD", "/subscribe", "POST"), ("POST", "/feeds/all.atom", "GET, HEAD"),
    ("PUT", "/confirm/x", "GET, HEAD, POST"),
])
def test_method_confusion(server: Any, method: str, path: str, allowed: str) -> None:
    r = server.client.request(method, path)
    assert r.status_code == 405
    assert {a.strip() for a in r.headers["allow"].split(",")} == {a.strip() for a in allowed.split(",")}
    assert r.headers["x-frame-options"] == "DENY"


def test_method_override_headers_are_ignored(server: Any) -> None:
    sub, _ = server.app.store.add_subscriber("stay@example.org", TOPICS, "daily", confirmed=True, now=utcnow())
    for header in ("x-http-method-override", "x-method-override", "x-http-method"):
        r = server.client.get(f"/unsubscribe/{sub.unsubscribe_token}", headers={header: "POST"})
        assert r.status_code == 200
        r = server.client.get(f"/unsubscribe/{sub.unsubscribe_token}?_method=POST&List-Unsubscribe=One-Click")
        assert r.status_code == 200
    assert server.app.store.get_subscriber(sub.email).state == "confirmed"


def test_head_answers_have_no_body_and_change_nothing(server: Any) -> None:
    sub, _ = server.app.store.add_subscriber("head@example.org", TOPICS, "daily", confirmed=True, now=utcnow())
    server.publish_file("all.atom", b"<feed>" + b"x" * 2000 + b"</feed>")
    for path in ("/", "/status", "/feeds/all.atom", f"/unsubscribe/{sub.unsubscribe_token}", "/nope"):
        r = server.client.head(path, headers={"accept-encoding": "gzip"})
        assert r.content == b"", path
    assert server.app.store.get_subscriber(sub.email).state == "confirmed"


def test_range_requests(server: Any) -> None:
    server.publish_file("all.atom", b"<feed>" + b"x" * 2000 + b"</feed>")
    # feeds ignore Range: readers poll whole files, answered 200 or 304
    r = server.client.get("/feeds/all.atom", headers={"range": "bytes=0-9"})
    assert r.status_code == 200 and len(r.content) == 2013
    # the stylesheet: ranges ignored or honoured, but overlapping ones never multiply the body
    r = server.client.get("/static/site.css", headers={"range": "bytes=" + ",".join(["0-"] * 500)})
    size = len(server.client.get("/static/site.css").content)
    assert r.status_code in (200, 206, 416) and len(r.content) <= size + 1024
    r = server.client.get("/static/site.css", headers={"range": "bytes=99999999-"})
    assert r.status_code in (200, 416) and len(r.content) <= size


def test_no_compression_of_pages_or_errors(server: Any) -> None:
    """BREACH: pages carrying a CSRF token next to reflected input are never compressed."""
    gz = {"accept-encoding": "gzip, deflate, br"}
    for r in (server.client.get("/", headers=gz), server.client.get("/nope", headers=gz),
              server.client.post("/subscribe", data={"email": "<x>", "topics": ["x"]}, headers=gz)):
        assert "content-encoding" not in r.headers, r.request.url
    assert "content-encoding" not in server.client.get("/feeds/none.atom", headers=gz).headers


def test_set_cookie_is_never_built_from_request_bytes(server: Any) -> None:
    for bad in ("a" * 20, "x" * 40 + "%0d%0aSet-Cookie: admin=1", "x" * 40 + ";Domain=evil.example",
                "x" * 200, '"' + "x" * 40 + '"'):
        r = httpx.get(server.url, headers={"cookie": f"myofeed_csrf={bad}"})
        assert "evil" not in str(dict(r.headers)) and "admin" not in str(dict(r.headers))
        # none of them is a token we issued (not even the well-formed 40 x before `;`): a fresh one of ours
        m = re.fullmatch(r"myofeed_csrf=([A-Za-z0-9_-]{32}\.\d{10}\.[A-Za-z0-9_-]{43}); HttpOnly; Max-Age=604800; "
                         r"Path=/; SameSite=strict", r.headers.get("set-cookie", ""))
        assert m and m.group(1) == csrf_from(r.text), (bad, r.headers.get("set-cookie"))


def test_oversized_and_odd_bodies(server: Any) -> None:
    page = server.client.get("/")
    base = {"csrf_token": csrf_from(page.text), "email": "odd@example.org", "topics": TOPICS, "cadence": "daily"}

    def chunks() -> Any:
        for _ in range(100):
            yield b"x" * 1024

    # chunked, no Content-Length: counted as it arrives
    r = server.client.post("/subscribe", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    # a lying Content-Length
    assert raw(server, b"POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                       b"Content-Length: 99999999999999999999\r\n\r\n")[:12] in (b"HTTP/1.1 413", b"HTTP/1.1 400")
    # too many fields, files, odd encodings: refused, nothing stored
    many = {**base, **{f"f{i}": "1" for i in range(200)}}
    assert server.client.post("/subscribe", data=many).status_code in (400, 413)
    r = server.client.post("/subscribe", data=base, files={"upload": ("a.txt", b"x")})
    assert r.status_code in (400, 413)
    r = server.client.post("/subscribe", content=b"\xff\xfe" * 100, headers={"content-type": "text/plain"})
    assert r.status_code in (400, 403)
    assert server.app.store.get_subscriber("odd@example.org") is None


@pytest.mark.parametrize("email", [
    "victim@example.org\r\nBcc: everyone@example.org", "victim@example.org\nSubject: spam",
    "=?utf-8?q?victim=40example.org?=", "victim@example.org, other@example.org", "<victim@example.org>",
])
def test_no_mail_header_injection_through_the_form(server: Any, email: str) -> None:
    page = server.client.get("/")
    r = server.client.post("/subscribe", data={"csrf_token": csrf_from(page.text), "email": email,
                                               "topics": TOPICS, "cadence": "daily"})
    assert r.status_code == 400 and "valid email" in r.text
    assert server.app.store.list_subscribers() == []


def test_operator_token_in_a_query_string_is_not_echoed_elsewhere(server: Any) -> None:
    """The ?token= link of the status page stays on the status page (no Referer leaves: same-origin policy)."""
    r = server.client.get("/status?token=s3cret-operator-token", headers={"x-forwarded-for": "203.0.113.9"})
    assert r.status_code == 200
    assert r.headers["referrer-policy"] == "same-origin"
    links = re.findall(r'href="([^"]+)"', r.text)
    assert all("s3cret" not in href or href.startswith("./status.json") for href in links), links


def test_every_answer_refuses_framing(server: Any) -> None:
    sub, _ = server.app.store.add_subscriber("frame@example.org", TOPICS, "daily", confirmed=True, now=utcnow())
    pending, _ = server.app.store.add_subscriber("frame2@example.org", TOPICS, "daily", confirmed=False, now=utcnow())
    server.publish_file("index.html", b"<!doctype html><title>x</title>")
    answers = [server.client.get(p) for p in ("/", "/status", "/feeds/index.html", "/static/site.css", "/nope",
                                              f"/confirm/{pending.confirm_token}", f"/unsubscribe/{sub.unsubscribe_token}")]
    answers += [server.client.put("/"), server.client.post("/subscribe", content=b"x" * 40_000,
                                                           headers={"content-type": "application/x-www-form-urlencoded"})]
    for r in answers:
        assert r.headers["x-frame-options"] == "DENY", r.request.url
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], r.request.url


def test_stored_strings_are_escaped_on_every_token_page(server: Any) -> None:
    """The store takes what the operator's CLI gives it; every page escapes it (no script ever runs)."""
    from myofeed.web.manage import preferences_link

    evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>@example.org'
    sub, _ = server.app.store.add_subscriber(evil, TOPICS, "daily", confirmed=True, now=utcnow())
    pending, _ = server.app.store.add_subscriber("p" + evil, ["<b>bold</b>"], "daily", confirmed=False,
                                                 now=utcnow())
    for path in (f"/unsubscribe/{sub.unsubscribe_token}", "/" + preferences_link(sub),
                 f"/confirm/{pending.confirm_token}"):
        text = server.client.get(path).text
        assert "<script>" not in text and "<img" not in text and "<b>bold" not in text, path
        assert "&lt;script&gt;" in text, path


def test_a_server_error_carries_the_security_headers(server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 500 is answered by Starlette's outermost error handler: the walls must stand there too."""
    def broken(request: Any) -> tuple[str, bool]:
        raise RuntimeError("a bug in a page")

    monkeypatch.setattr(server.app_web_state(), "csrf_token", broken)
    r = server.client.get("/")
    assert r.status_code == 500 and "Something went wrong" in r.text and "a bug in a page" not in r.text
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["referrer-policy"] == "same-origin"
