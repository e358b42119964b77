"""The static index page (feeds/index.html), also served by the web app at GET /.

`render_index` takes either per-topic stats or the posts themselves, so the
web server can call it with whatever it has at hand.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from ..config import Config
from ..types import Post
from .entries import EntryData, TopicStats, topic_stats

_TEMPLATES = Path(__file__).parent / "templates"
FEED_FORMATS = (
    ("atom", "Atom", "application/atom+xml"),
    ("rss", "RSS", "application/rss+xml"),
    ("json", "JSON", "application/feed+json"),
)


@dataclass(frozen=True)
class _Row:
    slug: str
    title: str
    description: str
    depth: int
    count: int
    newest: str | None  # YYYY-MM-DD (UTC) of the newest post


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("myofeed.publish", "templates"),
        autoescape=True,  # every value is data from config or third-party posts
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render_index(
    config: Config,
    stats: Mapping[str, TopicStats] | Sequence[Post] | None = None,
    *,
    csrf_token: str | None = None,
    counts: Mapping[str, int] | None = None,
    latest: Sequence[EntryData] = (),
    home: str | None = None,
    stylesheet: str | None = None,
    chosen: Collection[str] = (),
) -> str:
    """The index page: every topic with its feed links, counts, newest date, and the subscribe form.

    stats: per-slug TopicStats (key "all" for every post), or the visible posts
    (stats are computed from them), or None (no counts shown as 0).
    csrf_token: when given, a hidden <input name="csrf_token"> goes into the form.
    counts: overrides the post counts per slug (e.g. totals from the database).
    latest: the newest posts, listed with a link to each original and its site.
    home: where the page's links to the app's pages and forms point (default: base_url; the live page
    passes its own relative root). stylesheet: link this URL instead of inlining site.css.
    chosen: topics ticked in the subscribe form (a topic page's "by email" link asks for its topic).
    No clock and no randomness: the same input renders the same bytes.
    """
    if stats is None:
        per_topic: Mapping[str, TopicStats] = {}
    elif isinstance(stats, Mapping):
        per_topic = stats
    else:
        per_topic = topic_stats(list(stats), config.topics)
    base = config.settings.publish.base_url
    name = config.settings.publish.title
    rows = [_row(per_topic, counts, "all", "All topics", "Every on-topic post, whatever its topic.", 0)]
    depth = _depths(config)
    for t in config.topics:
        rows.append(_row(per_topic, counts, t.slug, t.title, t.description, 1 + depth.get(t.slug, 0)))
    return (
        _env()
        .get_template("index.html.j2")
        .render(
            site=name,
            base_url=base,
            demo=config.settings.publish.demo,
            rows=rows,
            topics=config.topics,
            formats=FEED_FORMATS,
            csrf_token=csrf_token,
            latest=[card(e) for e in latest],
            home=home or base,
            stylesheet=stylesheet,
            inline_css=None if stylesheet else site_css(),
            chosen=set(chosen),
        )
    )


@lru_cache(maxsize=1)
def site_css() -> str:
    """The one stylesheet of every page (templates/site.css): ours, so inlined as it is."""
    return (_TEMPLATES / "site.css").read_text(encoding="utf-8")


def _row(
    stats: Mapping[str, TopicStats], counts: Mapping[str, int] | None, slug: str, title: str, desc: str, depth: int
) -> _Row:
    st = stats.get(slug) or TopicStats()
    count = counts.get(slug, st.count) if counts is not None else st.count
    newest = st.newest.date().isoformat() if st.newest is not None else None
    return _Row(slug, title, desc, depth, count, newest)


def card(e: EntryData, topics: Collection[str] | None = None) -> dict[str, object]:
    """A post as every page's card shows it (templates/_posts.html.j2): plain text, a short excerpt,
    and why it is here: on a topic's page (`topics`: the topic and its subtypes) why it is in that topic."""
    from ..parse.sanitize import html_to_text
    from .why import as_text

    why = e.why if topics is None else tuple(r for r in e.why if r.slug in topics)

    text = html_to_text(e.summary_html)
    if len(text) > EXCERPT:
        text = text[:EXCERPT].rsplit(" ", 1)[0] + "…"
    return {
        "title": e.title, "link": e.link, "author": e.author, "source": e.source_title,
        "date": e.published.date().isoformat() if e.published else None, "comments": e.comments, "excerpt": text,
        "why": as_text(why),
        "also_at": [{"source": a.source_title, "link": a.link} for a in e.also_at],
    }


EXCERPT = 240


def _depths(config: Config) -> dict[str, int]:
    parents = {t.slug: t.parent for t in config.topics}
    out: dict[str, int] = {}
    for slug in parents:
        d, p, seen = 0, parents[slug], {slug}
        while p is not None and p not in seen:
            seen.add(p)
            d += 1
            p = parents.get(p)
        out[slug] = min(d, 3)
    return out
