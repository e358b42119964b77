"""One post -> the format-neutral data every output feed needs, computed once per publish.

Atom, RSS, JSON Feed and the index page all read `EntryData`; nothing here
knows about XML. Pure functions: values in, values out.
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urljoin, urlsplit

import nh3

from ..types import Post, Topic

# Fixed namespace: ids depend only on (source, dedup_key), never on config,
# base_url or the DB rowid, so a post keeps its id forever.
ID_NAMESPACE = uuid.UUID("6f1d6f3e-5b0c-5b7e-9a57-6d796f666565")

# When nothing at all has a date, feeds still need a stable, plausible "updated"
# (the W3C validator flags dates before ~1990 as implausible; now() would break
# byte-identical re-publishing).
FALLBACK_DATE = datetime(2000, 1, 1, tzinfo=UTC)

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Only what looks like a tag or comment: "IgG < 5 and > 3" in a plain-text title must survive.
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>", re.S)
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)  # their text is code, not title
_INLINE = re.compile(r"</?(?:a|abbr|b|bdi|bdo|cite|code|em|font|i|kbd|mark|q|s|small|span|strong|sub|sup|u)\b[^<>]*>", re.I)
_WS = re.compile(r"\s+")
_URL_ATTRS = frozenset({"href", "src", "cite", "longdesc"})


@dataclass(frozen=True)
class EntryData:
    """A post as every output format shows it."""

    id: str  # urn:uuid:..., stable for (source, dedup_key)
    title: str  # plain text
    link: str  # absolute URL of the original post
    author: str  # the post's author, else the source's display name
    published: datetime | None  # original publication instant (date-only -> 00:00 UTC that day)
    date: datetime  # published, else first_seen: what sorting and "updated" use
    summary_html: str  # sanitized HTML ("" when the post has no summary)
    topics: tuple[str, ...]
    comments: int | None
    source: str  # configured source name (machine id)
    source_title: str  # display name
    source_url: str  # absolute http(s) URL for RSS <source url> / Atom <source><link>
    source_id: str  # stable id for Atom <source><id>
    post_id: int


@dataclass(frozen=True)
class TopicStats:
    """What the index page shows for one topic (or "all")."""

    count: int = 0
    newest: datetime | None = None


def stable_id(source: str, dedup_key: str) -> str:
    """The post's permanent id: a name-based (v5) UUID URN of source and dedup key."""
    return uuid.uuid5(ID_NAMESPACE, f"post\n{source}\n{dedup_key}").urn


def source_id(source: str) -> str:
    return uuid.uuid5(ID_NAMESPACE, f"source\n{source}").urn


def feed_id(base_url: str, slug: str) -> str:
    # base_url makes two installations' feeds distinct; stable while the config is.
    return uuid.uuid5(ID_NAMESPACE, f"feed\n{base_url}\n{slug}").urn


def parse_published(value: str | None) -> datetime | None:
    """ISO 8601 as stored -> an aware datetime keeping its offset.

    A date-only value is 00:00 UTC that day, so it stays the same calendar day
    in every output; a timestamp without an offset is taken as UTC.
    """
    if not value:
        return None
    text = value.strip()
    try:
        if _DATE_ONLY.match(text):
            d = date.fromisoformat(text)
            return datetime(d.year, d.month, d.day, tzinfo=UTC)
        dt = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return _parse_loose(text)
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def _parse_loose(text: str) -> datetime | None:
    # Reduced precision ("2025-11", "2025") or odd forms: dateutil (a feedgen dependency).
    try:
        from dateutil import parser

        dt = parser.isoparse(text)
    except (ValueError, OverflowError, ImportError):
        return None
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def plain_text(value: str | None) -> str:
    """Text for titles, names and categories: no tags, no entity-looking residue.

    Unescape and strip until stable, because double-escaped input ("&amp;lt;b&amp;gt;")
    otherwise comes back as markup the W3C validator reports as ContainsHTML.
    """
    text = value or ""
    for _ in range(4):
        before = text
        text = html.unescape(_TAG.sub(" ", _INLINE.sub("", _SCRIPT.sub(" ", text))))
        if text == before:
            break
    text = _TAG.sub(" ", _INLINE.sub("", _SCRIPT.sub(" ", text)))  # markup revealed by the last unescape
    return _WS.sub(" ", text).strip()


def sanitize_html(fragment: str, base: str | None) -> str:
    """nh3 again (defence in depth), with relative URLs made absolute against the post URL."""

    def absolutize(tag: str, attr: str, value: str) -> str | None:
        if attr not in _URL_ATTRS:
            return value
        if base:
            return urljoin(base, value)
        return value if urlsplit(value).scheme else None  # relative with no base: drop it

    return nh3.clean(fragment, attribute_filter=absolutize).strip()


def summary_html(post: Post) -> str:
    if post.summary_html and post.summary_html.strip():
        return sanitize_html(post.summary_html, _http(post.url))
    text = _WS.sub(" ", post.summary or "").strip()
    return html.escape(text, quote=False) if text else ""


def _http(url: str | None) -> str | None:
    if url and urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc:
        return url
    return None


def _site_root(url: str | None) -> str | None:
    u = _http(url)
    if u is None:
        return None
    parts = urlsplit(u)
    return f"{parts.scheme}://{parts.netloc}/"


def build_entry(
    post: Post,
    *,
    source_urls: Mapping[str, str],
    source_titles: Mapping[str, str],
    base_url: str,
) -> EntryData:
    """Everything an output needs about one post; computed once, shared by every feed."""
    published = parse_published(post.published)
    date_ = published or aware(post.first_seen)
    source_title = plain_text(source_titles.get(post.source) or post.source) or post.source
    link = _http(post.url) or _http(source_urls.get(post.source)) or base_url
    # RSS requires <source url>, and a file: or missing URL is useless to readers:
    # fall back to the post's site, then to our own home page.
    src_url = _http(source_urls.get(post.source)) or _site_root(post.url) or base_url
    title = plain_text(post.title) or _fallback_title(post)
    return EntryData(
        id=stable_id(post.source, post.dedup_key),
        title=title,
        link=link,
        author=plain_text(post.author) or source_title,
        published=published,
        date=date_,
        summary_html=summary_html(post),
        topics=tuple(dict.fromkeys(t for t in post.topics if t)),
        comments=post.comments if post.comments is not None and post.comments >= 0 else None,
        source=post.source,
        source_title=source_title,
        source_url=src_url,
        source_id=source_id(post.source),
        post_id=post.id,
    )


def _fallback_title(post: Post) -> str:
    # Microblog posts have no title; a blank title is invalid in RSS and useless in a reader.
    words = plain_text(post.summary).split()
    if words:
        short = " ".join(words[:12])
        return short + ("…" if len(words) > 12 else "")
    return "(untitled)"


def sort_key(entry: EntryData) -> tuple[float, int, str]:
    """Newest first by publication date (first_seen when missing); ties broken stably."""
    return (-entry.date.timestamp(), -entry.post_id, entry.id)


def build_entries(
    posts: Iterable[Post],
    *,
    source_urls: Mapping[str, str],
    source_titles: Mapping[str, str],
    base_url: str,
) -> list[EntryData]:
    """Entries of every on-topic post, newest first, one per stable id."""
    seen: set[str] = set()
    out: list[EntryData] = []
    for post in posts:
        if not post.topics or post.hidden:
            continue
        entry = build_entry(post, source_urls=source_urls, source_titles=source_titles, base_url=base_url)
        if entry.id in seen:  # duplicate ids make feeds invalid (RSS guid DuplicateValue)
            continue
        seen.add(entry.id)
        out.append(entry)
    out.sort(key=sort_key)
    return out


def topic_stats(
    entries_or_posts: Sequence[EntryData] | Sequence[Post], topics: Sequence[Topic]
) -> dict[str, TopicStats]:
    """Per-topic post count and newest date, plus "all"; for the index page."""
    counts: dict[str, int] = {}
    newest: dict[str, datetime] = {}
    for item in entries_or_posts:
        if isinstance(item, EntryData):
            labels, when = item.topics, item.date
        else:
            if not item.topics or item.hidden:
                continue
            labels, when = item.topics, parse_published(item.published) or aware(item.first_seen)
        for slug in ("all", *labels):
            counts[slug] = counts.get(slug, 0) + 1
            if slug not in newest or when > newest[slug]:
                newest[slug] = when
    slugs = ["all", *(t.slug for t in topics)]
    return {s: TopicStats(counts.get(s, 0), newest.get(s)) for s in slugs}
