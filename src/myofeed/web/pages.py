"""GET /: the index page, rendered live from the database, with the subscribe form's CSRF token.

The published feeds/index.html comes from publish.index.render_index; when
that renderer is present the live page is the very same page (plus the
token), otherwise our own template stands in.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ..core import Myofeed
from ..types import TopicStat
from .security import build_csp, inline_style_hashes, set_csrf_cookie
from .state import WebState

log = logging.getLogger(__name__)
LATEST = 10
_STATS_TTL = 5.0  # seconds: the index may lag the DB this much, so a burst of visits costs one query


@dataclass(frozen=True)
class IndexData:
    stats: dict[str, TopicStat]
    latest: list[Any]  # publish.entries.EntryData, newest first
    at: float


async def index(request: Request) -> Response:
    state: WebState = request.app.state.web
    token, new = state.csrf_token(request)
    data = await _data(state)
    known = {t.slug for t in state.config.topics}
    chosen = [t for t in request.query_params.getlist("topics") if t in known]  # a topic page's "by email" link
    html = _colleague_index(state, data, token, chosen)
    if html is None:
        response: Response = state.render(request, "index.html", **_context(state, data, token), form_topics=chosen)
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
        from ..publish import latest_entries

        recent = web.recent_posts(LATEST)
        latest = latest_entries(web.config, recent, web.story_copies(recent))
        return IndexData(web.topic_stats(), latest, time.monotonic())

    data = await state.db(load)
    state.index_cache = data
    return data


def _context(state: WebState, data: IndexData, token: str) -> dict[str, Any]:
    topics = []
    for t in state.config.topics:
        stat = data.stats.get(t.slug, TopicStat(0))
        topics.append(
            {"slug": t.slug, "title": t.title, "description": t.description, "parent": t.parent,
             "count": stat.posts, "newest": stat.newest.date().isoformat() if stat.newest else None}
        )
    from ..publish.index import card

    return {
        "topics": topics,
        "latest": [card(e) for e in data.latest],
        "feed_base": state.base_url + "feeds/",
        "csrf_token": token,
        "topic_choices": state.topic_choices(),
    }


def _colleague_index(state: WebState, data: IndexData, token: str, chosen: list[str]) -> str | None:
    """The published index page (publish.render_index) with live counts and the CSRF token."""
    from ..publish.index import render_index

    try:
        # the published page links and posts to the public base_url; the live one to where it was
        # fetched from (home "./"), where its CSRF cookie lives (e.g. `run --port` other than base_url's),
        # and links the stylesheet the other pages share rather than carrying it inline
        return render_index(state.config, _topic_stats(state, data), csrf_token=token, latest=data.latest,
                            home="./", stylesheet="./" + state.stylesheet.path, chosen=chosen)
    except Exception:  # a broken renderer must not take the home page down: fall back to ours
        log.exception("publish.index.render_index failed; serving the built-in index page")
        return None


def _topic_stats(state: WebState, data: IndexData) -> dict[str, Any]:
    """The DB's per-topic (count, newest sort key) as publish.entries.TopicStats, plus 'all'."""
    from ..publish.entries import TopicStats

    out: dict[str, Any] = {}
    for slug in [t.slug for t in state.config.topics] + ["all"]:  # "all": every visible on-topic post, once
        stat = data.stats.get(slug, TopicStat(0))
        out[slug] = TopicStats(stat.posts, stat.newest)
    return out


async def stylesheet(request: Request) -> Response:
    """GET /static/site.css: the one stylesheet; pages ask for it by its hash (?v=), so it may be kept long."""
    sheet = request.app.state.web.stylesheet
    etag = f'"{sheet.etag}"'
    headers = {"etag": etag, "cache-control": "public, max-age=86400", "content-type": "text/css; charset=utf-8"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(sheet.body, headers=headers)  # the server sends no body for HEAD
