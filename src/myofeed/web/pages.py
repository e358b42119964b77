"""GET /: the index page, rendered live from the database, with the subscribe form's CSRF token.

The published feeds/index.html comes from publish.index.render_index; when
that renderer is present the live page is the very same page (plus the
token), otherwise our own template stands in.
"""

from __future__ import annotations

import inspect
import logging
import time
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ..core import Myofeed
from .security import build_csp, csrf_token_for, inline_style_hashes, set_csrf_cookie
from .state import WebState

log = logging.getLogger(__name__)
_STATS_TTL = 5.0  # seconds: the index may lag the DB this much, so a burst of visits costs one query


@dataclass(frozen=True)
class IndexData:
    stats: dict[str, tuple[int, str | None]]
    latest: list[dict[str, str | None]]
    at: float


async def index(request: Request) -> Response:
    state: WebState = request.app.state.web
    token, new = csrf_token_for(request)
    data = await _data(state)
    html = _colleague_index(state, data, token)
    if html is None:
        response: Response = state.render(request, "index.html", **_context(state, data, token))
    else:
        headers = {"cache-control": "no-store"}
        hashes = inline_style_hashes(html.encode())
        if hashes:
            headers["content-security-policy"] = build_csp(state.base_url, hashes)
        response = HTMLResponse(html, headers=headers)
    if new:
        set_csrf_cookie(response, token, secure=state.secure_cookies)
    return response


async def _data(state: WebState) -> IndexData:
    cached: IndexData | None = state.index_cache
    if cached is not None and time.monotonic() - cached.at < _STATS_TTL:
        return cached

    def load(web: Myofeed) -> IndexData:
        latest = [
            {"title": p.title, "url": p.url, "source": p.source, "date": (p.published or "")[:10] or None}
            for p in web.store.list_posts(on_topic_only=True, limit=8)
            if p.url
        ]
        return IndexData(web.store.topic_stats(), latest, time.monotonic())

    data = await state.db(load)
    state.index_cache = data
    return data


def _context(state: WebState, data: IndexData, token: str) -> dict[str, Any]:
    topics = []
    for t in state.config.topics:
        count, newest = data.stats.get(t.slug, (0, None))
        topics.append(
            {"slug": t.slug, "title": t.title, "description": t.description, "parent": t.parent,
             "count": count, "newest": (newest or "")[:10] or None}
        )
    return {
        "topics": topics,
        "latest": data.latest,
        "feed_base": state.base_url + "feeds/",
        "csrf_token": token,
        "topic_choices": state.topic_choices(),
        "action": "subscribe",
    }


def _colleague_index(state: WebState, data: IndexData, token: str) -> str | None:
    """publish.index.render_index(config, stats, ..., csrf_token=...), when it exists and takes a token."""
    try:
        from ..publish.index import render_index  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        params = inspect.signature(render_index).parameters
        if "csrf_token" not in params:
            return None
        kwargs: dict[str, Any] = {"csrf_token": token}
        stats = _topic_stats(state, data)
        for name in params:
            if name in ("stats", "topic_stats"):
                kwargs[name] = stats
            elif name in ("counts",):
                kwargs[name] = {slug: n for slug, (n, _) in data.stats.items()}
        html = str(render_index(state.config, **kwargs))
        # the published page posts to the public base_url; the live one posts back to where it was
        # fetched from, where its CSRF cookie lives (e.g. `run --port` other than base_url's)
        return html.replace(f'action="{state.base_url}subscribe"', 'action="subscribe"')
    except Exception:  # a broken renderer must not take the home page down: fall back to ours
        log.exception("publish.index.render_index failed; serving the built-in index page")
        return None


def _topic_stats(state: WebState, data: IndexData) -> dict[str, Any]:
    """The DB's per-topic (count, newest sort key) as publish.entries.TopicStats, plus 'all'."""
    from ..publish.entries import TopicStats, parse_published

    out: dict[str, Any] = {}
    for t in state.config.topics:
        count, newest = data.stats.get(t.slug, (0, None))
        out[t.slug] = TopicStats(count, parse_published(newest) if newest else None)
    # 'all' is every on-topic post; the largest topic is a lower bound that avoids a full count per visit
    biggest = max(out.values(), key=lambda s: s.count, default=TopicStats())
    newest_all = max((s.newest for s in out.values() if s.newest), default=None)
    out["all"] = TopicStats(biggest.count, newest_all)
    return out
