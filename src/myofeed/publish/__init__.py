"""Publishing: topic feeds (Atom, RSS, JSON Feed), feeds.opml and index.html.

    result = publish_all(config, posts)

writes into config.publish_dir, atomically, only the files whose bytes changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from feedgen.entry import FeedEntry

from ..config import Config
from ..types import Post
from .entries import FALLBACK_DATE, EntryData, TopicStats, build_entries, stable_id, topic_stats
from .feeds import FeedMeta, make_entry, render_feeds
from .files import atomic_write, write_if_changed
from .index import render_index
from .jsonfeed import json_item, render_json
from .opml import render_opml

__all__ = [
    "PublishResult",
    "TopicStats",
    "atomic_write",
    "output_files",
    "publish_all",
    "render_index",
    "stable_id",
    "topic_stats",
    "write_if_changed",
]


@dataclass(frozen=True)
class PublishResult:
    """File names (relative to the publish dir) written vs. left untouched."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]


def output_files(config: Config) -> tuple[str, ...]:
    """Every file publish_all writes, in the order it writes them."""
    names = [f"{slug}.{ext}" for slug in ("all", *(t.slug for t in config.topics)) for ext in ("atom", "rss", "json")]
    return (*names, "feeds.opml", "index.html")


def publish_all(
    config: Config,
    posts: Sequence[Post],
    *,
    counts: Mapping[str, int] | None = None,
    source_urls: Mapping[str, str] | None = None,
) -> PublishResult:
    """Write every output feed, feeds.opml and index.html into config.publish_dir.

    posts: the visible posts (hidden and off-topic ones are skipped here too).
    counts: per-slug post totals for the index page (default: counted from posts).
    source_urls: source name -> URL, overriding the configured sources' URLs.
    """
    pub = config.settings.publish
    base = pub.base_url
    urls = {s.name: s.url for s in config.sources}
    urls.update(source_urls or {})
    titles = {s.name: s.title or s.name for s in config.sources}
    entries = build_entries(posts, source_urls=urls, source_titles=titles, base_url=base)
    labels = {t.slug: t.title for t in config.topics}

    # Each post's FeedEntry and JSON item are built once (lazily: only posts that
    # make some feed's cut) and shared by every feed that lists the post.
    fe_cache: dict[str, FeedEntry] = {}
    js_cache: dict[str, dict[str, Any]] = {}
    fallback = entries[0].date if entries else FALLBACK_DATE

    outputs: list[tuple[str, bytes]] = []
    feeds = [("all", f"{pub.title}: all topics", "Every on-topic post about myositis.")]
    feeds += [(t.slug, f"{pub.title}: {t.title}", t.description or f"Posts about {t.title}.") for t in config.topics]
    for slug, title, desc in feeds:
        chosen = _select(entries, slug, pub.items)
        meta = FeedMeta(
            slug=slug,
            title=title,
            description=f"{desc} Aggregated by {pub.title} from third-party sources; not medical advice.",
            base_url=base,
            author=pub.title,
            updated=_newest(chosen) or fallback,
        )
        fes = [fe_cache.get(e.id) or fe_cache.setdefault(e.id, make_entry(e, labels)) for e in chosen]
        items = [js_cache.get(e.id) or js_cache.setdefault(e.id, json_item(e)) for e in chosen]
        atom, rss = render_feeds(meta, fes)
        outputs += [(f"{slug}.atom", atom), (f"{slug}.rss", rss), (f"{slug}.json", render_json(meta, items))]

    outputs.append(("feeds.opml", render_opml(pub.title, base, [(s, t) for s, t, _ in feeds])))
    stats = topic_stats(entries, config.topics)
    outputs.append(("index.html", render_index(config, stats, counts=counts).encode("utf-8")))

    written: list[str] = []
    unchanged: list[str] = []
    for name, data in outputs:
        (written if write_if_changed(config.publish_dir / name, data) else unchanged).append(name)
    return PublishResult(tuple(written), tuple(unchanged))


def _select(entries: Sequence[EntryData], slug: str, limit: int) -> list[EntryData]:
    # entries are sorted newest first, so one pass with an early stop is enough.
    out: list[EntryData] = []
    for e in entries:
        if slug == "all" or slug in e.topics:
            out.append(e)
            if len(out) >= limit:
                break
    return out


def _newest(entries: Sequence[EntryData]) -> datetime | None:
    return max((e.date for e in entries), default=None)
