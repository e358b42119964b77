"""Web security: response headers, CSRF (double submit of signed tokens), per-client rate limits
(clients.py: who the client is).

Kept free of routing so each piece is a small value-in/value-out helper that
tests can exercise directly.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .clients import parse_ip

CSRF_COOKIE = "myofeed_csrf"
CSRF_FIELD = "csrf_token"
_STYLE_RE = re.compile(rb"<style\b[^>]*>(.*?)</style>", re.S | re.I)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def build_csp(base_url: str, style_hashes: Iterable[str] = ()) -> str:
    """The strict policy every response carries; inline <style> blocks are allowed only by hash."""
    styles = " ".join(["'self'", *(f"'{h}'" for h in style_hashes)])
    return (
        f"default-src 'none'; style-src {styles}; img-src 'self'; "
        f"form-action 'self' {origin_of(base_url)}; base-uri 'none'; frame-ancestors 'none'"
    )


def inline_style_hashes(html: bytes) -> list[str]:
    """CSP hashes ('sha256-...') of every inline <style> block of a page."""
    out = []
    for m in _STYLE_RE.finditer(html):
        digest = base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode()
        out.append(f"sha256-{digest}")
    return out


def security_headers(base_url: str) -> list[tuple[bytes, bytes]]:
    """Every response's headers besides the CSP (which a page may extend with style hashes)."""
    headers = [
        (b"x-content-type-options", b"nosniff"),
        # same-origin, not no-referrer: under no-referrer browsers send `Origin: null` on our own
        # form posts, and the CSRF check refuses null (a sandboxed frame or data: page sends it too)
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
        (b"cross-origin-opener-policy", b"same-origin"),
        (b"permissions-policy", b"interest-cohort=(), camera=(), microphone=(), geolocation=()"),
    ]
    if base_url.startswith("https:"):
        headers.append((b"strict-transport-security", b"max-age=31536000"))
    return headers


class SecurityHeaders:
    """Pure ASGI middleware (no per-request objects: the feed path must stay cheap).

    A response that already sets Content-Security-Policy (a page with an
    allowed inline style) keeps its own, stricter-or-equal policy.
    """

    def __init__(self, app: ASGIApp, base_url: str) -> None:
        self.app = app
        self.csp = build_csp(base_url).encode()
        self.headers = security_headers(base_url)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                if not any(k == b"content-security-policy" for k, _ in raw):
                    raw.append((b"content-security-policy", self.csp))
                raw.extend(self.headers)
                message["headers"] = raw
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --- CSRF ------------------------------------------------------------------------
# A token is `<nonce>.<expiry>.<signature>`: an HMAC of nonce and expiry (Unix seconds) under the
# web's key ([web].secret), as preference links are signed (links.py). Only tokens the server issued
# pass, so a client (or a sibling site that can plant cookies on our host) cannot choose a pair of
# cookie and field of its own; a harvested token dies at its expiry.

CSRF_VALID = 8 * 86400  # longer than the cookie's 7 days: a browser drops the cookie before the token dies
_CSRF_TOKEN = re.compile(r"([A-Za-z0-9_-]{32})\.(\d{10,12})\.([A-Za-z0-9_-]{43})")


def _csrf_signature(key: bytes, nonce: str, expiry: int) -> str:
    mac = hmac.new(key, f"myofeed-csrf:{nonce}:{expiry}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()).decode().rstrip("=")


def new_csrf_token(key: bytes, now: float) -> str:
    """A fresh token, valid CSRF_VALID seconds from `now`."""
    nonce, expiry = secrets.token_urlsafe(24), int(now) + CSRF_VALID
    return f"{nonce}.{expiry}.{_csrf_signature(key, nonce, expiry)}"


def csrf_token_ok(token: str, key: bytes, now: float) -> bool:
    """Issued under `key` (the signature holds) and not yet expired."""
    m = _CSRF_TOKEN.fullmatch(token)
    if m is None:
        return False
    nonce, expiry = m.group(1), int(m.group(2))
    return hmac.compare_digest(m.group(3), _csrf_signature(key, nonce, expiry)) and now <= expiry


def csrf_token_for(request: Request, key: bytes) -> tuple[str, bool]:
    """The client's CSRF token (from its cookie, when we issued it) or a fresh one; (token, is_new)."""
    now = time.time()
    token = request.cookies.get(CSRF_COOKIE, "")
    if csrf_token_ok(token, key, now):
        return token, False
    return new_csrf_token(key, now), True


def csrf_valid(request: Request, submitted: str | None, allowed_origins: Sequence[str], key: bytes) -> bool:
    """Double submit: the form field equals the cookie, which we signed; a browser's Origin (when sent) is ours.

    A cross-site page can neither read nor set our cookie, so it cannot
    produce a matching field; nor can anyone make up a token we would take
    for ours; the Origin check is a further, independent wall.
    `Origin: null` (sandboxed frames, data: and file: pages, opaque redirects)
    is nobody's origin and is refused: our pages' referrer policy makes
    browsers send our real origin on our own forms.
    """
    origin = request.headers.get("origin")
    if origin is not None and origin not in allowed_origins:
        return False
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not submitted or not csrf_token_ok(cookie, key, time.time()):
        return False
    return secrets.compare_digest(cookie.encode(), submitted.encode())


def set_csrf_cookie(response: object, token: str, *, secure: bool) -> None:
    # HttpOnly: the page carries the token in its form, scripts never need the cookie
    response.set_cookie(  # type: ignore[attr-defined]
        CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/", max_age=7 * 86400
    )


# --- rate limit ------------------------------------------------------------------


class RateLimiter:
    """Sliding one-minute window per client key; bounded memory.

    IPv6 clients are keyed by their /64, which one household usually holds.
    """

    def __init__(self, per_minute: int, *, window: float = 60.0, max_keys: int = 50_000) -> None:
        self.per_minute = per_minute
        self.window = window
        self.max_keys = max_keys
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(ip: str) -> str:
        addr = parse_ip(ip)
        if isinstance(addr, ipaddress.IPv6Address):
            return str(ipaddress.ip_network(f"{addr}/64", strict=False))
        return str(addr) if addr else ip

    def hit(self, ip: str, now: float | None = None) -> float:
        """Record one request; 0 when allowed, else seconds until the next one would be."""
        now = time.monotonic() if now is None else now
        k = self.key(ip)
        with self._lock:
            hits = self._hits.get(k)
            if hits is None:
                if len(self._hits) >= self.max_keys:
                    self._prune(now)
                hits = self._hits[k] = deque()
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(hits[0] + self.window - now, 1.0)
            hits.append(now)
            return 0.0

    def blocked(self, ip: str, now: float | None = None) -> bool:
        """Would one more hit be refused? (Records nothing: for counting only failures.)"""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.get(self.key(ip))
            return hits is not None and sum(1 for t in hits if t > now - self.window) >= self.per_minute

    def _prune(self, now: float) -> None:
        stale = [k for k, d in self._hits.items() if not d or d[-1] <= now - self.window]
        for k in stale:
            del self._hits[k]
        if len(self._hits) >= self.max_keys:  # under a flood: forget the oldest half
            for k in list(self._hits)[: self.max_keys // 2]:
                del self._hits[k]
