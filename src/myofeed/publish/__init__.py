"""Publishing: topic feeds (Atom, RSS, JSON Feed), the OPML lists and index.html.

    result = publish_all(config, posts)

writes into config.publish_dir, atomically, only the files whose bytes changed,
and removes the outputs of topics that are no longer configured.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from feedgen.entry import FeedEntry

from ..config import Config
from ..exceptions import MyofeedError
from ..redact import without_userinfo
from ..types import Copy, Post
from .entries import (
    FALLBACK_DATE,
    EntryData,
    Ranked,
    TopicStats,
    build_entry,
    plain_text,
    rank_posts,
    stable_id,
    topic_stats,
)
from .feeds import FeedMeta, make_entry, render_feeds
from .files import atomic_write, content_type, remove_stale_temps, write_if_changed
from .index import render_index
from .jsonfeed import json_item, render_json
from .opml import LISTS, FeedRef, opml_files

__all__ = [
    "PublishResult",
    "TopicStats",
    "atomic_write",
    "content_type",
    "output_files",
    "publish_all",
    "render_index",
    "latest_entries",
    "stable_id",
    "topic_stats",
    "write_if_changed",
]


@dataclass(frozen=True)
class PublishResult:
    """File names (relative to the publish dir) written vs. left untouched."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...] = ()  # outputs of topics no longer in the config
    # every output's bytes, in order: what the publisher also stores in the database for `web` processes
    outputs: tuple[tuple[str, bytes], ...] = ()


def output_files(config: Config) -> tuple[str, ...]:
    """Every file publish_all writes, in the order it writes them."""
    names = [f"{slug}.{ext}" for slug in ("all", *(t.slug for t in config.topics)) for ext in ("atom", "rss", "json")]
    return (*names, *(name for _, name, _ in LISTS), "index.html")


# What the last publish wrote, so the next one can remove what it no longer writes (a removed
# topic's feeds) without touching anything else an operator keeps in the directory.
MANIFEST = ".myofeed-outputs"


LATEST_ON_INDEX = 10


def source_maps(
    config: Config, overrides: Mapping[str, str] | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """(source name -> public URL, source name -> display title) for entries."""
    # A file: source (the offline demo) names its public page in base_url.
    urls = {
        s.name: s.url if s.url.startswith(("http://", "https://")) else (s.base_url or s.url) for s in config.sources
    }
    urls.update(overrides or {})
    # a password in a source URL is for the fetcher; feeds are public (redact.py)
    urls = {name: without_userinfo(url) for name, url in urls.items()}
    titles = {s.name: s.title or s.name for s in config.sources}
    return urls, titles


def latest_entries(config: Config, posts: Sequence[Post],
                   copies: Mapping[int, Sequence[Copy]] | None = None) -> list[EntryData]:
    """The index page's "Latest posts", as EntryData (posts already newest first); `copies`: each
    post's other copies (Storage.story_copies), shown as "also at"."""
    urls, titles = source_maps(config)
    base = config.settings.publish.base_url
    labels = {t.slug: plain_text(t.title) or t.slug for t in config.topics}
    copies = copies or {}
    return [build_entry(p, source_urls=urls, source_titles=titles, base_url=base, topic_titles=labels,
                        copies=copies.get(p.id, ())) for p in posts]


def publish_all(
    config: Config,
    posts: Sequence[Post],
    *,
    counts: Mapping[str, int] | None = None,
    source_urls: Mapping[str, str] | None = None,
    copies: Mapping[int, Sequence[Copy]] | None = None,
) -> PublishResult:
    """Write every output feed, feeds.opml and index.html into config.publish_dir.

    posts: the visible posts (hidden and off-topic ones are skipped here too).
    counts: per-slug post totals for the index page (default: counted from posts).
    source_urls: source name -> URL, overriding the configured sources' URLs.
    copies: post id -> the other copies of its story (Storage.story_copies), listed as "also at";
    posts should be each story's primary copy only.
    """
    pub = config.settings.publish
    base = pub.base_url
    urls, titles = source_maps(config, source_urls)
    ranked = rank_posts(posts)
    labels = {t.slug: t.title for t in config.topics}

    # Only posts that make some feed's cut are rendered (sanitizing is the costly
    # part), each once: its EntryData, FeedEntry and JSON item are shared by
    # every feed that lists it.
    built: dict[int, tuple[EntryData, FeedEntry, dict[str, Any]]] = {}

    def render(r: Ranked) -> tuple[EntryData, FeedEntry, dict[str, Any]]:
        key = id(r.post)
        if key not in built:
            e = build_entry(r.post, source_urls=urls, source_titles=titles, base_url=base, topic_titles=labels,
                            copies=(copies or {}).get(r.post.id, ()))
            built[key] = (e, make_entry(e, labels), json_item(e))
        return built[key]

    outputs: list[tuple[str, bytes]] = []
    # Config text goes through plain_text too: markup in a feed title is a validator warning.
    site = plain_text(pub.title) or "myofeed"
    feeds = [("all", f"{site}: all topics", "Every on-topic post about myositis.")]
    feeds += [
        (t.slug, f"{site}: {plain_text(t.title) or t.slug}", plain_text(t.description) or f"Posts about {t.title}.")
        for t in config.topics
    ]
    for slug, title, desc in feeds:
        chosen = [render(r) for r in _select(ranked, slug, pub.items)]
        meta = FeedMeta(
            slug=slug,
            title=title,
            description=f"{desc} Aggregated by {site} from third-party sources; not medical advice.",
            base_url=base,
            author=site,
            # An empty feed gets a constant date: anything derived from other feeds'
            # posts would rewrite it whenever any post arrives.
            updated=max((e.updated for e, _, _ in chosen), default=FALLBACK_DATE),
        )
        atom, rss = render_feeds(meta, [fe for _, fe, _ in chosen])
        items = [item for _, _, item in chosen]
        outputs += [(f"{slug}.atom", atom), (f"{slug}.rss", rss), (f"{slug}.json", render_json(meta, items))]

    parents = {t.slug: t.parent for t in config.topics}
    outputs += opml_files(site, base, [FeedRef(s, t, parents.get(s)) for s, t, _ in feeds])
    stats = topic_stats(ranked, config.topics)
    latest = [render(r)[0] for r in _select(ranked, "all", LATEST_ON_INDEX)]
    outputs.append(("index.html", render_index(config, stats, counts=counts, latest=latest).encode("utf-8")))

    remove_stale_temps(config.publish_dir)
    written: list[str] = []
    unchanged: list[str] = []
    for name, data in outputs:
        path = config.publish_dir / name
        try:
            changed = write_if_changed(path, data)
        except OSError as exc:  # one clear line for the CLI instead of a traceback
            raise MyofeedError(f"cannot write {path}: {exc.strerror or exc}") from exc
        (written if changed else unchanged).append(name)
    removed = _remove_stale_outputs(config.publish_dir, [name for name, _ in outputs])
    return PublishResult(tuple(written), tuple(unchanged), removed, tuple(outputs))


def _remove_stale_outputs(directory: Path, names: Sequence[str]) -> tuple[str, ...]:
    """Delete what the previous publish wrote and this one did not; record this one's files."""
    manifest = directory / MANIFEST
    try:
        before = manifest.read_text(encoding="utf-8").split()
    except OSError:
        before = []
    keep = set(names)
    removed = []
    for name in before:
        if name not in keep and "/" not in name and not name.startswith("."):
            with contextlib.suppress(FileNotFoundError):
                (directory / name).unlink()
                removed.append(name)
    write_if_changed(manifest, ("\n".join(sorted(keep)) + "\n").encode())
    return tuple(removed)


def _select(ranked: Sequence[Ranked], slug: str, limit: int) -> list[Ranked]:
    # ranked is newest first, so one pass with an early stop is enough.
    out: list[Ranked] = []
    for r in ranked:
        if slug == "all" or slug in r.post.topics:
            out.append(r)
            if len(out) >= limit:
                break
    return out
