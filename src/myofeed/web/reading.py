"""Readers' pages: GET /topics/<slug> (and /topics/all) and GET /search?q=WORDS[&topic=SLUG].

Both list the feeds' own posts (visible, on-topic, parents holding their
subtypes) newest first, 20 a page (?page=N), as the cards the index shows:
title linking to the original, author, source, date, comments, excerpt and
why the post is here. Paging links carry rel=prev/next (also as <link> in the
head). A page number that is no page of the listing (0, -1, "x", past the
last) is a 404 naming the pages there are; an unknown topic is a 404 too.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from ..core import PER_PAGE, Myofeed
from ..exceptions import NotFoundError
from ..types import Post, PostPage, Topic
from .state import WebState, root_of

MAX_PAGE = 100_000  # 2 million posts deep: a larger number is no page, whatever the database holds
ALL = "all"


@dataclass(frozen=True)
class Pager:
    page: int
    pages: int | None  # None: more than a search counts
    prev: str | None
    next: str | None
    label: str = "Pages"


def _state(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


def page_number(raw: str | None) -> int | None:
    """?page=N as a number from 1 to MAX_PAGE (absent: 1); None when it is no page number at all."""
    if raw is None or raw == "":
        return 1
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        return None
    n = int(raw)
    return n if 1 <= n <= MAX_PAGE else None


def pages_for(total: int) -> int:
    return max(1, -(-total // PER_PAGE))


class ReadingCache:
    """What the readers' pages keep between requests (one per app, on WebState): each topic's count
    for a few seconds (counting a large topic reads its whole index range; the index page's counts
    lag as much), and the cards of recently shown posts (building one sanitizes and explains a post)."""

    COUNT_TTL = 5.0
    CARDS = 4096

    def __init__(self) -> None:
        self._counts: dict[str | None, tuple[float, int]] = {}
        self._cards: OrderedDict[tuple[object, ...], dict[str, object]] = OrderedDict()
        self._lock = threading.Lock()

    def count(self, web: Myofeed, topic: str | None) -> int:
        now = time.monotonic()
        with self._lock:
            hit = self._counts.get(topic)
        if hit is not None and now - hit[0] < self.COUNT_TTL:
            return hit[1]
        n = web.topic_count(topic)
        with self._lock:
            self._counts[topic] = (now, n)
        return n

    def cards(self, web: Myofeed, posts: Sequence[Post], topic: str | None) -> list[dict[str, object]]:
        """The posts' cards; on a topic's page each says why the post is in that topic (or a subtype of it)."""
        from ..publish import latest_entries
        from ..publish.index import card

        family = None if topic is None else frozenset(subtree(web.config.topics, topic))
        copies = web.story_copies(posts) if posts else {}  # "also at": a new copy may arrive any time
        keys = [(id(web.config), p.id, p.updated, p.topics, tuple(sorted(p.evidence.items())), family,
                 copies.get(p.id, ())) for p in posts]
        with self._lock:
            found = {k: self._cards[k] for k in keys if k in self._cards}
            for k in found:
                self._cards.move_to_end(k)
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            entries = latest_entries(web.config, [posts[i] for i in missing], copies)
            for i, e in zip(missing, entries, strict=True):
                found[keys[i]] = card(e, family)
            with self._lock:
                for k, c in found.items():
                    self._cards[k] = c
                while len(self._cards) > self.CARDS:
                    self._cards.popitem(last=False)
        return [found[k] for k in keys]


def subtree(topics: Sequence[Topic], slug: str) -> set[str]:
    """`slug` and every topic under it."""
    out = {slug}
    while True:
        more = {t.slug for t in topics if t.parent in out} - out
        if not more:
            return out
        out |= more


async def topic_page(request: Request) -> Response:
    state = _state(request)
    slug = request.path_params["slug"]
    topic = None if slug == ALL else _topic(state, slug)
    if slug != ALL and topic is None:
        return state.message(request, "No such topic", f"There is no topic called “{slug}”.", status=404,
                             links=[(f"{root_of(request)}#topics", "Every topic")])
    number = page_number(request.query_params.get("page"))
    if number is None:
        return _no_page(request, state, f"{root_of(request)}topics/{slug}", None)

    cache: ReadingCache = state.reading

    def load(web: Myofeed) -> tuple[PostPage, list[dict[str, object]]]:
        key = None if topic is None else topic.slug
        page = web.topic_page(key, number, total=cache.count(web, key))
        return page, cache.cards(web, page.posts, key)

    page, cards = await state.db(load)
    pages = pages_for(page.total)
    here = f"{root_of(request)}topics/{slug}"
    if number > pages:
        return _no_page(request, state, here, pages)
    pager = _pager(here, {}, number, pages, more=False)
    return state.render(
        request, "topic.html", slug=slug, topic=topic, title=topic.title if topic else "All topics",
        description=topic.description if topic else "Every on-topic post, whatever its topic.",
        subtopics=_children(state, topic), parent=_topic(state, topic.parent) if topic and topic.parent else None,
        total=page.total, cards=cards, pager=pager, first=(number - 1) * PER_PAGE + 1,
        feed_base=state.base_url + "feeds/", current="topics",
    )


async def search_page(request: Request) -> Response:
    state = _state(request)
    q = request.query_params.get("q", "")
    slug = request.query_params.get("topic", "") or None
    if slug == ALL:
        slug = None
    if slug is not None and _topic(state, slug) is None:
        return state.message(request, "No such topic", f"There is no topic called “{slug}” to search in.",
                             status=404, links=[(f"{root_of(request)}search?{urlencode({'q': q})}", "Search every topic")])
    number = page_number(request.query_params.get("page"))
    here = f"{root_of(request)}search"
    keep = {"q": q, **({"topic": slug} if slug else {})}
    if number is None:
        return _no_page(request, state, f"{here}?{urlencode(keep)}", None)

    cache: ReadingCache = state.reading

    def load(web: Myofeed) -> tuple[tuple[str, ...], PostPage, list[dict[str, object]]]:
        try:
            words, page = web.search(q, topic=slug, page=number)
        except NotFoundError:  # the topic went away in a config reload since the check above
            words, page = (), PostPage((), 0)
        return words, page, cache.cards(web, page.posts, slug)

    words, page, cards = await state.db(load)
    pages = pages_for(page.total) if page.exact else None
    if words and not page.posts and number > 1:
        return _no_page(request, state, f"{here}?{urlencode(keep)}", pages_for(page.total))
    pager = _pager(here, keep, number, pages, more=not page.exact, label="Result pages")
    return state.render(
        request, "search.html", q=q, words=words, topic_slug=slug or "", total=page.total, exact=page.exact,
        cards=cards, pager=pager, first=(number - 1) * PER_PAGE + 1, topic_choices=state.topic_choices(),
        topic_title=_topic(state, slug).title if slug else None,  # type: ignore[union-attr]
        current="search", search_box=False,
    )


# --- helpers -------------------------------------------------------------------------


def _topic(state: WebState, slug: str | None) -> Topic | None:
    return next((t for t in state.config.topics if t.slug == slug), None)


def _children(state: WebState, topic: Topic | None) -> list[Topic]:
    if topic is None:
        return [t for t in state.config.topics if t.parent is None]
    return [t for t in state.config.topics if t.parent == topic.slug]


def _pager(here: str, keep: dict[str, str], number: int, pages: int | None, *, more: bool,
           label: str = "Pages") -> Pager:
    def href(n: int) -> str:
        query = {**keep, **({"page": str(n)} if n > 1 else {})}
        return f"{here}?{urlencode(query)}" if query else here

    has_next = number < pages if pages is not None else more
    return Pager(number, pages, href(number - 1) if number > 1 else None, href(number + 1) if has_next else None,
                 label)


def _no_page(request: Request, state: WebState, first: str, pages: int | None) -> Response:
    asked = request.query_params.get("page", "")
    shown = asked if len(asked) <= 12 else asked[:12] + "…"
    if pages is None:
        text = f"“{shown}” is not a page number: pages are numbered from 1."
        links = [(first, "First page")]
    else:
        text = f"There is no page {shown} here: the last page is {pages}."
        sep = "&" if "?" in first else "?"
        links = [(first, "First page")] + ([(f"{first}{sep}page={pages}", f"Last page ({pages})")] if pages > 1 else [])
    return state.message(request, "No such page", text, status=404, links=links)
