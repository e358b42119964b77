"""Web security: response headers, CSRF (double submit), per-client rate limits, client identity.

Kept free of routing so each piece is a small value-in/value-out helper that
tests can exercise directly.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from starlette.requests import HTTPConnection, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "myofeed_csrf"
CSRF_FIELD = "csrf_token"
_LOCAL_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
_FORWARD_HEADERS = (b"forwarded", b"x-forwarded-for", b"x-real-ip")
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
        (b"referrer-policy", b"no-referrer"),
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


def csrf_token_for(request: Request) -> tuple[str, bool]:
    """The client's CSRF token (from its cookie) or a fresh one; (token, is_new)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if _well_formed(token):
        return token, False
    return secrets.token_urlsafe(32), True


def _well_formed(token: str) -> bool:
    return 32 <= len(token) <= 128 and re.fullmatch(r"[A-Za-z0-9_-]+", token) is not None


def csrf_valid(request: Request, submitted: str | None, allowed_origins: Sequence[str]) -> bool:
    """Double submit: the form field equals the cookie, and a browser's Origin (when sent) is ours.

    A cross-site page can neither read nor set our cookie, so it cannot
    produce a matching field; the Origin check is a second, independent wall.
    """
    origin = request.headers.get("origin")
    if origin is not None and origin != "null" and origin not in allowed_origins:
        return False
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not submitted or not _well_formed(cookie):
        return False
    return secrets.compare_digest(cookie.encode(), submitted.encode())


def set_csrf_cookie(response: object, token: str, *, secure: bool) -> None:
    # HttpOnly: the page carries the token in its form, scripts never need the cookie
    response.set_cookie(  # type: ignore[attr-defined]
        CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/", max_age=7 * 86400
    )


# --- who is the client -------------------------------------------------------------


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip().strip('"')
    if value.startswith("["):  # [v6]:port
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


class ClientResolver:
    """Who sent a request: the peer, or what a *trusted* proxy says the peer was."""

    def __init__(self, trusted_proxies: Sequence[str]) -> None:
        self.networks = [ipaddress.ip_network(p, strict=False) for p in trusted_proxies]

    def trusted(self, host: str | None) -> bool:
        ip = _ip(host or "")
        return ip is not None and any(ip in n for n in self.networks)

    def client_ip(self, conn: HTTPConnection) -> str:
        peer = conn.client.host if conn.client else ""
        if not self.trusted(peer):
            return peer
        # walk X-Forwarded-For from the right, skipping our own proxies: the first other hop is the client
        hops = [h.strip() for h in conn.headers.get("x-forwarded-for", "").split(",") if h.strip()]
        for hop in reversed(hops):
            if not self.trusted(hop):
                return hop
        return peer

    def is_local(self, conn: HTTPConnection) -> bool:
        """A request from this machine, not relayed by an untrusted proxy."""
        peer = conn.client.host if conn.client else ""
        forwarded = any(k in _FORWARD_HEADERS for k, _ in conn.scope.get("headers", []))
        if forwarded and not self.trusted(peer):
            # a local reverse proxy we were not told about may be relaying anyone: not local
            return False
        host = self.client_ip(conn) if forwarded else peer
        ip = _ip(host)
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 from a dual-stack socket
        return host in _LOCAL_HOSTS or (ip is not None and ip.is_loopback)


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
        addr = _ip(ip)
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is None:
            return str(ipaddress.ip_network(f"{addr}/64", strict=False))
        return str(addr.ipv4_mapped if isinstance(addr, ipaddress.IPv6Address) else addr) if addr else ip

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

    def _prune(self, now: float) -> None:
        stale = [k for k, d in self._hits.items() if not d or d[-1] <= now - self.window]
        for k in stale:
            del self._hits[k]
        if len(self._hits) >= self.max_keys:  # under a flood: forget the oldest half
            for k in list(self._hits)[: self.max_keys // 2]:
                del self._hits[k]
