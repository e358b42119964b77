"""One post -> the format-neutral data every output feed needs, computed once per publish.

Atom, RSS, JSON Feed and the index page all read `EntryData`; nothing here
knows about XML. Pure functions: values in, values out.
"""

from __future__ import annotations

import html
import re
import threading
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import nh3

from ..parse.sanitize import strip_read_more_html
from ..redact import without_userinfo
from ..stories import other_copies
from ..types import Copy, Post, Topic
from .why import Reason, as_html, reasons

# Fixed namespace: ids depend only on (source, dedup_key), never on config,
# base_url or the DB rowid, so a post keeps its id forever.
ID_NAMESPACE = uuid.UUID("6f1d6f3e-5b0c-5b7e-9a57-6d796f666565")

# An empty feed still needs a stable, plausible "updated": now() would break
# byte-identical re-publishing, and the W3C validator flags very old dates.
FALLBACK_DATE = datetime(2000, 1, 1, tzinfo=UTC)

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A character reference in stored text ("&amp;", "&#8217;", "&lt;b&gt;") says it was never decoded: markup
# a parser took for text (an RSS title in CDATA that feedparser calls text/plain), or text a source escaped
# twice. Decoded text holds none ("Q&A" is no reference).
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# In such markup, the tags of HTML elements (those the W3C validator knows, plus a few) and comments go:
# "IgG < 5 and > 3" or "<Feed>" among them survives.
_HTML_NAMES = (
    "a abbr acronym address applet area article aside audio b base basefont bdi bdo big blockquote body br button "
    "canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed "
    "fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i "
    "iframe img input ins kbd label legend li link main map mark menu meta meter nav noframes noscript object ol "
    "optgroup option output p param picture pre progress q rp rt ruby s samp script section select small source "
    "span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr "
    "track tt u ul var video wbr xmp"
).split()
_TAG = re.compile(
    r"<!--.*?-->|</?(?:" + "|".join(sorted(_HTML_NAMES, key=len, reverse=True)) + r")(?:\s[^<>]*)?/?>",
    re.S | re.I,
)
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)  # their text is code, not title
_INLINE = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|em|font|i|kbd|mark|q|s|small|span|strong|sub|sup|u)\b[^<>]*>", re.I
)
_END_TAG = re.compile(r"</\w+\s*>")
_WS = re.compile(r"\s+")
# Characters XML 1.0 forbids (lxml refuses them outright), plus lone surrogates.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Everything a URI may hold verbatim; the rest (spaces, non-ASCII) gets percent-encoded.
# Brackets are left out: the W3C validator's URI pattern rejects them outside an IPv6 host.
_URL_SAFE = ":/?#@!$&'()*+,;=%~"
# nh3's defaults minus what the W3C validator reports as "Non-html tag" (NotHtml).
_HTML_TAGS = frozenset(nh3.ALLOWED_TAGS) - {"rtc"}
_URL_ATTRS = frozenset({"href", "src", "cite", "longdesc"})


@dataclass(frozen=True)
class EntryData:
    """A post as every output format shows it."""

    id: str  # urn:uuid:..., stable for (source, dedup_key)
    title: str  # plain text
    # absolute http(s) URL of the original post; None when the post has none (a feed entry without a
    # usable link): outputs then carry no link, since any stand-in (the source's feed, our home page)
    # would send a reader somewhere that is not the post
    link: str | None
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
    why: tuple[Reason, ...] = ()  # why the post is in its topics, from the stored evidence
    also_at: tuple[AlsoAt, ...] = ()  # the story's other copies, from other sources (stories.py)
    # Atom <updated>, JSON date_modified: `date`, or when the source last changed the post (a new
    # title, summary, link, count) if later, so readers that go by it take the new version
    modified: datetime | None = None

    @property
    def updated(self) -> datetime:
        return self.modified if self.modified is not None and self.modified > self.date else self.date

    @property
    def content_html(self) -> str:
        """The summary plus a line naming the comment count and the source, an "Also at" line naming the
        story's other copies, and a "Why here" line.

        Feed clients show full content but not slash:comments / thr:total, so
        the count travels in the text too; `summary` itself stays untouched.
        """
        parts = []
        if self.comments is not None:
            word = "comment" if self.comments == 1 else "comments"
            parts.append(f"{self.comments} {word}")
        name = html.escape(self.source_title, quote=False)
        parts.append(f'from <a href="{html.escape(self.link)}">{name}</a>' if self.link else f"from {name}")
        why = f"<p><small>Why here: {as_html(self.why)}</small></p>" if self.why else ""
        return f"{self.summary_html}<p><small>{' · '.join(parts)}</small></p>{self.also_at_html}{why}"

    @property
    def also_at_html(self) -> str:
        if not self.also_at:
            return ""
        links = ", ".join(f'<a href="{html.escape(a.link)}">{html.escape(a.source_title, quote=False)}</a>'
                          for a in self.also_at)
        return f"<p><small>Also at: {links}</small></p>"


@dataclass(frozen=True)
class AlsoAt:
    """Another copy of an entry's story: where a reader finds it too."""

    source_title: str
    link: str  # absolute http(s) URL


@dataclass(frozen=True)
class TopicStats:
    """What the index page shows for one topic (or "all")."""

    count: int = 0
    newest: datetime | None = None


def stable_id(source: str, dedup_key: str) -> str:
    """The post's permanent id: a name-based (v5) UUID URN of source and dedup key."""
    return uuid.uuid5(ID_NAMESPACE, f"post\n{source}\n{dedup_key}").urn


@lru_cache(maxsize=1024)
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
        return _valid_offset(_parse_loose(text))
    return _valid_offset(dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC))


def _valid_offset(dt: datetime | None) -> datetime | None:
    """Same instant; in UTC when the offset is not whole or half hours (+05:45).

    The W3C validator flags RFC 822 zones other than +HH00/+HH30 as problematical.
    """
    if dt is None:
        return None
    offset = dt.utcoffset()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    return dt if seconds % 1800 == 0 else dt.astimezone(UTC)


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
    """Text for titles, names and categories, as every output shows it: the stored text itself.

    What the parsers store is text: they turned a feed's markup into text and kept what a source wrote
    as text ("Why <b>CK</b> matters" in a JSON Feed or an Atom type="text" title, "Using <Tab> in forms"
    on a page) as its words, so nothing that looks like a tag is removed from it (it was, and those words
    went missing from every feed, page and mail); each format escapes it by its own rules. Stored text
    that still holds a character reference was never decoded (`_REFERENCE`): that is markup, and reads
    as it always did (`_markup_text`). Characters XML cannot carry and runs of whitespace go either way.
    """
    text = xml_safe(value or "")
    if "&" in text and _REFERENCE.search(text):
        text = _markup_text(text)
    return xml_safe(_WS.sub(" ", text).strip())


def _markup_text(text: str) -> str:
    """The text of markup: tags dropped, references decoded, until stable (double-escaped input,
    "&amp;lt;b&amp;gt;", otherwise comes back as markup the W3C validator reports as ContainsHTML)."""
    for _ in range(4):
        before = text
        text = html.unescape(_TAG.sub(" ", _INLINE.sub("", _SCRIPT.sub(" ", text))))
        if text == before:
            break
    text = _TAG.sub(" ", _INLINE.sub("", _SCRIPT.sub(" ", text)))  # markup revealed by the last unescape
    # Any end tag left ("</Feed>") reads as markup to the validator (ContainsUndeclaredHTML).
    return _END_TAG.sub(" ", text)


def xml_safe(text: str) -> str:
    return _XML_INVALID.sub("", text)


def clean_url(url: str) -> str:
    """Percent-encode what RSS readers and the validator reject in a link (spaces, non-ASCII)."""
    url = xml_safe(url.strip())
    try:
        parts = urlsplit(url)
    except ValueError:
        return quote(url, safe=_URL_SAFE)
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            netloc = netloc.encode("idna").decode("ascii")
        except UnicodeError:
            netloc = quote(netloc, safe=_URL_SAFE)
    path, query, frag = (quote(x, safe=_URL_SAFE) for x in (parts.path, parts.query, parts.fragment))
    return urlunsplit((parts.scheme, netloc, path, query, frag))


class _Base(threading.local):
    url: str | None = None  # the post URL links resolve against, while its summary is cleaned


_BASE = _Base()


def _absolutize(tag: str, attr: str, value: str) -> str | None:
    if attr not in _URL_ATTRS:
        return value
    base = _BASE.url
    try:
        if base:
            return urljoin(base, value)
        return value if urlsplit(value).scheme else None  # relative with no base: drop it
    except ValueError:  # malformed URL: drop the attribute rather than the post
        return None


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    # One Cleaner for every post: building one is most of what nh3.clean() costs (~0.15-0.3 ms), and a
    # Cleaner per post URL never met the same URL twice. The filter reads the post's URL from _BASE: nh3
    # calls it on the thread that called clean(), so each thread's post is its own.
    return nh3.Cleaner(tags=set(_HTML_TAGS), attribute_filter=_absolutize)


def sanitize_html(fragment: str, base: str | None) -> str:
    """nh3 again (defence in depth), with relative URLs made absolute against the post URL."""
    _BASE.url = base
    try:
        return xml_safe(_cleaner().clean(xml_safe(fragment)).strip())
    finally:
        _BASE.url = None


def summary_html(post: Post) -> str:
    """The post's summary as feeds carry it: sanitized, and without a trailing read-more marker (the
    plain summary lost it at parse time; the HTML kept it, so feeds showed 'Read more' where extract
    and digests did not)."""
    if post.summary_html and post.summary_html.strip():
        return strip_read_more_html(sanitize_html(post.summary_html, _http(post.url)))
    text = _WS.sub(" ", xml_safe(post.summary or "")).strip()
    return html.escape(text, quote=False) if text else ""


def _http(url: str | None) -> str | None:
    try:
        parts = urlsplit(url or "")
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    if not (url and parts.scheme in ("http", "https") and parts.netloc):
        return None
    return clean_url(without_userinfo(url))  # a source's password never reaches a feed (redact.py)


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
    topic_titles: Mapping[str, str] | None = None,
    copies: Sequence[Copy] = (),
) -> EntryData:
    """Everything an output needs about one post; computed once, shared by every feed. `copies`: the
    other copies of its story (Storage.story_copies), listed as "also at"."""
    published = parse_published(post.published)
    date_ = published or aware(post.first_seen)
    source_title = plain_text(source_titles.get(post.source) or post.source) or post.source
    link = _http(post.url)
    # RSS requires <source url>, and a file: or missing URL is useless to readers:
    # fall back to the post's site, then to our own home page.
    src_url = _http(source_urls.get(post.source)) or _site_root(post.url) or base_url
    title = display_title(post)
    topics = tuple(dict.fromkeys(t for t in post.topics if t))
    return EntryData(
        id=stable_id(post.source, post.dedup_key),
        title=title,
        link=link,
        author=plain_text(post.author) or source_title,
        published=published,
        date=date_,
        summary_html=summary_html(post),
        topics=topics,
        comments=post.comments if post.comments is not None and post.comments >= 0 else None,
        source=post.source,
        source_title=source_title,
        source_url=src_url,
        source_id=source_id(post.source),
        post_id=post.id,
        why=reasons(post.evidence, topics, topic_titles or {}) if topic_titles is not None else (),
        also_at=also_at(copies, link, source_urls, source_titles),
        # stored as first seen until a later fetch changes the post (store/posts.py)
        modified=aware(post.updated) if aware(post.updated) > aware(post.first_seen) else None,
    )


def also_at(copies: Sequence[Copy], link: str | None, source_urls: Mapping[str, str],
            source_titles: Mapping[str, str]) -> tuple[AlsoAt, ...]:
    """The copies a reader can follow: an http(s) link (the copy's, else its source's)."""
    return tuple(AlsoAt(name, url) for name, url in other_copies(
        copies, link,
        lambda c: _http(c.url) or _http(source_urls.get(c.source)),
        lambda c: plain_text(source_titles.get(c.source) or c.source) or c.source,
    ))


def display_title(post: Post) -> str:
    """A post's title as every output shows it: plain text, else the start of its summary."""
    return plain_text(post.title) or _fallback_title(post)


def _fallback_title(post: Post) -> str:
    # Microblog posts have no title; a blank title is invalid in RSS and useless in a reader.
    words = plain_text(post.summary).split()
    if words:
        short = " ".join(words[:12])
        return short + ("…" if len(words) > 12 else "")
    return "(untitled)"


class Ranked(NamedTuple):
    """A post with the date it sorts by: cheap to compute for every post."""

    date: datetime  # published, else first_seen
    post: Post


def rank_posts(posts: Iterable[Post]) -> list[Ranked]:
    """Visible on-topic posts, newest first by publication date (first_seen when missing).

    Ties break on rowid then (source, dedup_key), so the order never depends on
    the input order; a repeated (source, dedup_key) keeps only its first post,
    because duplicate ids make feeds invalid (RSS guid DuplicateValue).
    """
    ranked = [
        Ranked(parse_published(p.published) or aware(p.first_seen), p) for p in posts if p.topics and not p.hidden
    ]
    ranked.sort(key=lambda r: (-r.date.timestamp(), -r.post.id, r.post.source, r.post.dedup_key))
    seen: set[tuple[str, str]] = set()
    out: list[Ranked] = []
    for r in ranked:
        key = (r.post.source, r.post.dedup_key)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def topic_stats(
    items: Sequence[Ranked] | Sequence[EntryData] | Sequence[Post], topics: Sequence[Topic]
) -> dict[str, TopicStats]:
    """Per-topic post count and newest date, plus "all"; for the index page."""
    counts: dict[str, int] = {}
    newest: dict[str, datetime] = {}
    for item in items:
        if isinstance(item, Ranked):
            labels, when = item.post.topics, item.date
        elif isinstance(item, EntryData):
            labels, when = item.topics, item.date
        else:
            if not item.topics or item.hidden:
                continue
            labels, when = item.topics, parse_published(item.published) or aware(item.first_seen)
        for slug in ("all", *dict.fromkeys(labels)):
            counts[slug] = counts.get(slug, 0) + 1
            if slug not in newest or when > newest[slug]:
                newest[slug] = when
    slugs = ["all", *(t.slug for t in topics)]
    return {s: TopicStats(counts.get(s, 0), newest.get(s)) for s in slugs}


def post_json(p: Post) -> dict[str, Any]:
    """The shape `posts --json` prints (SPEC): the title and author as the feeds and pages show them
    (plain text)."""
    return {
        "id": p.id,
        "source": p.source,
        "title": display_title(p),
        "url": p.url,
        "author": plain_text(p.author) or None,
        "published": p.published,
        "comments": p.comments,
        "topics": list(p.topics),
    }
