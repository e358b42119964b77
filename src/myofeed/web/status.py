"""Operator views: GET /status (HTML), GET /status.json (as `myofeed status --json`), GET /metrics.

All three are open to this machine and need a token from anywhere else
(clients.py decides what "this machine" is: never a request through a proxy).
/metrics also takes `[web].metrics_token`, so a scraper need not hold the operator's.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..config import display_url
from ..core import Myofeed, utcnow
from ..metrics import REGISTRY, refresh_gauges
from ..types import SourceStatus
from .state import WebState, format_when


def _state(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


def _presented_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.query_params.get("token") or None


def check_operator(request: Request, *, metrics: bool = False) -> Response | None:
    """None when the request may see operator pages, else the 401/403/429 answer.

    Open to a local request (clients.py says what is local); anyone else shows
    the operator token, or for /metrics the metrics token. Wrong tokens are
    rate limited per client, so a short token cannot be guessed at line speed.
    """
    state = _state(request)
    if state.clients.is_local(request):
        return None
    web = state.config.settings.web
    expected = [t for t in (web.operator_token, web.metrics_token if metrics else None) if t]
    presented = _presented_token(request)
    if expected and presented is not None:
        client = state.clients.client_ip(request) or "unidentified"
        if state.token_failures.blocked(client):
            return state.message(request, "Too many attempts", "Please wait a minute.", status=429,
                                 headers={"retry-after": "60"})
        # compare with every token, always: the time taken says nothing about which one is close
        matches = [secrets.compare_digest(presented.encode(), t.encode()) for t in expected]
        if any(matches):
            return None
        state.token_failures.hit(client)
    if expected and presented is None:
        return state.message(request, "Operator token needed",
                             "Send it as 'Authorization: Bearer TOKEN' or ?token=TOKEN.",
                             status=401, headers={"www-authenticate": 'Bearer realm="myofeed"'})
    return state.message(request, "Forbidden", "This page is for the operator.", status=403)


def _relative_paths(text: str | None, config_dir: Path) -> str | None:
    """An error naming a file under the config directory names it as the config does
    ('no such file demo/moved.html'), like the URL column."""
    if not text:
        return text
    prefix = str(config_dir).rstrip("/") + "/"
    return text.replace(config_dir.as_uri().rstrip("/") + "/", "").replace(prefix, "")


def source_row(s: SourceStatus, config_dir: Path) -> dict[str, Any]:
    if s.broken:
        label, css = "broken", "broken"
    elif s.consecutive_failures:
        label, css = f"failing ({s.consecutive_failures}×)", "failing"
    elif s.last_success is None:
        label, css = "not fetched yet", "new"
    else:
        label, css = "ok", "ok"
    return {
        "name": s.name, "url": display_url(s.url, config_dir), "state": label, "css": css,
        "redirected_to": s.redirected_to,
        "broken_reason": _relative_paths(s.broken_reason, config_dir),
        "last_success": format_when(s.last_success), "last_error": _relative_paths(s.last_error, config_dir),
        "last_error_at": format_when(s.last_error_at), "consecutive_failures": s.consecutive_failures,
        "next_fetch": format_when(s.next_fetch), "posts": s.posts,
    }


async def status_page(request: Request) -> Response:
    denied = check_operator(request)
    if denied is not None:
        return denied
    state = _state(request)
    statuses = await state.db(Myofeed.status)
    rows = [source_row(s, state.config.path.parent) for s in statuses]
    token = request.query_params.get("token")
    return state.render(
        request, "status.html", sources=rows, now=format_when(utcnow()),
        broken=sum(s.broken for s in statuses), failing=sum(1 for s in statuses if s.consecutive_failures),
        token_query=f"?token={quote(token)}" if token else "",
        # operators only: the public subscribe page never names server paths
        outbox=None if state.config.settings.mail.smtp_host else display_url(state.config.outbox.as_uri(),
                                                                              state.config.path.parent),
    )


async def status_json(request: Request) -> Response:
    denied = check_operator(request)
    if denied is not None:
        return denied
    statuses = await _state(request).db(Myofeed.status)
    return JSONResponse([s.to_json() for s in statuses], headers={"cache-control": "no-store"})


async def metrics(request: Request) -> Response:
    denied = check_operator(request, metrics=True)
    if denied is not None:
        return denied
    # the gauges are the database's state: read at the scrape, so a `web` process (no scheduler) shows them
    refresh_gauges(await _state(request).db(Myofeed.status), utcnow())
    # collecting walks every metric under prometheus-client's locks: keep it off the event loop
    body = await run_in_threadpool(generate_latest, REGISTRY)
    return Response(body, media_type=CONTENT_TYPE_LATEST, headers={"cache-control": "no-store"})
