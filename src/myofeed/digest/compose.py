"""Digest and confirmation mail bodies: Jinja2 text + HTML, CSS inlined with css-inline.

A digest body is rendered once per distinct (topic set, post set); the parts
that differ per recipient (their address and the links carrying their token)
are left as placeholders that `message.MessageTemplate` fills in cheaply.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, tzinfo
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import css_inline
import jinja2
import nh3

from ..config import Config
from ..publish.entries import display_title, parse_published, plain_text
from ..publish.why import as_text, reasons
from ..redact import without_userinfo
from ..stories import other_copies
from ..types import Copy, Post, Subscriber, Topic

# per-recipient holes in a rendered body; URL-safe and markup-neutral, so they survive
# autoescaping, css-inline's re-serialisation and quoted-printable encoding unchanged
UNSUBSCRIBE_URL = "__MYOFEED_UNSUBSCRIBE_URL__"
PREFERENCES_URL = "__MYOFEED_PREFERENCES_URL__"
RECIPIENT = "__MYOFEED_RECIPIENT__"
PLACEHOLDERS = (UNSUBSCRIBE_URL, PREFERENCES_URL, RECIPIENT)
_MARK = "__MYOFEED_"

SUMMARY_CHARS = 280
_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class DigestItem:
    """One post as a digest shows it: plain values, safe to print in text or (escaped) HTML."""

    post_id: int
    title: str
    url: str | None  # http(s) only: never a javascript: or data: link in a mail
    author: str
    date: str
    comments: int | None
    summary: str
    # the text part's versions, wrapped at 72 with a two-space hanging indent (done once per post)
    text_title: str = ""
    text_summary: str = ""
    why: str = ""  # "Dermatomyositis: "Gottron"" from the stored evidence (publish.why)
    text_why: str = ""
    also_at: tuple[tuple[str, str], ...] = ()  # (source name, http(s) link) of the story's other copies
    text_also_at: str = ""
    topics: tuple[str, ...] = ()  # the post's topic slugs (what the subject and header name)


@dataclass(frozen=True)
class DigestSection:
    slug: str
    title: str
    items: tuple[DigestItem, ...]


MOST_DISCUSSED = 3


def most_discussed(sections: Sequence[DigestSection], limit: int = MOST_DISCUSSED) -> tuple[DigestItem, ...]:
    """The digest's posts with the most comments, when the sources give counts.

    Every post in a digest arrived since the subscriber's last one, so these are
    the most discussed since then. Only posts with more comments than the first
    one left out: when counts are missing, or equal, the list would single out
    nothing; a digest of `limit` posts or fewer would only repeat itself.
    """
    items = list({i.post_id: i for s in sections for i in s.items}.values())
    if len(items) <= limit:
        return ()
    items.sort(key=lambda i: (-(i.comments or 0), i.post_id))
    threshold = items[limit].comments or 0
    return tuple(i for i in items[:limit] if (i.comments or 0) > threshold)


@dataclass(frozen=True)
class RenderedBody:
    subject: str
    text: str
    html: str


# --- pure helpers --------------------------------------------------------------


def safe_url(url: str | None) -> str | None:
    if not url or _CONTROL.search(url) or any(c.isspace() for c in url):
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    # a feed must not smuggle in a placeholder: the recipient's address or token would
    # be filled into a third party's link
    return without_userinfo(url).replace(_MARK, "%5F%5F" + _MARK[2:])


def plain(text: str | None) -> str:
    """One line of plain text: control characters dropped, whitespace collapsed, no placeholders."""
    return _WS.sub(" ", _CONTROL.sub("", text or "")).strip().replace(_MARK, "__MYOFEED-")


def short_summary(post: Post, limit: int = SUMMARY_CHARS) -> str:
    """The post's plain summary (or its sanitized HTML stripped of every tag), cut at a word."""
    text = post.summary
    if not text and post.summary_html:
        text = html.unescape(nh3.clean(post.summary_html, tags=set()))
    text = plain(text)
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut.rstrip(" ,.;:-") + "…"


def display_date(post: Post, tz: tzinfo) -> str:
    """'20 Nov 2025': the day the source dated the post, as the feeds, the index and the topic pages show
    it (`parse_published`: a date-only post is that day, a timestamp the day at its own offset). Not moved
    into digest.timezone: "Sun, 06 Dec 2026 23:30:00 -0800" was 6 Dec on every page and 7 Dec in the
    digest (outside audit 8, note 4). A post its source left undated says when we found it ('found 21 Nov
    2025', our own clock, in the digest's zone), never passing that day off as its publication date."""
    published = parse_published(post.published)
    if published is not None:
        return published.strftime("%-d %b %Y")
    found = post.first_seen if post.first_seen.tzinfo is not None else post.first_seen.replace(tzinfo=UTC)
    return "found " + found.astimezone(tz).strftime("%-d %b %Y")


def section_for(post_topics: Sequence[str], chosen: Sequence[str], topics: Sequence[Topic]) -> str | None:
    """The subscriber's topic a post is listed under: the most specific one it matches.

    A post about dermatomyositis, for someone following both 'autoimmune-myopathy'
    and 'dermatomyositis', appears once, under the subtype.
    """
    order = {t.slug: i for i, t in enumerate(topics)}
    parent = {t.slug: t.parent for t in topics}

    def depth(slug: str) -> int:
        d, seen = 0, set()
        while (slug := parent.get(slug) or "") and slug not in seen:
            seen.add(slug)
            d += 1
        return d

    matched = [t for t in chosen if t in post_topics]
    if not matched:
        return None
    return min(matched, key=lambda s: (-depth(s), order.get(s, len(order)), s))


def _wrap(text: str) -> str:
    return "\n  ".join(textwrap.wrap(text, 72, break_long_words=False, break_on_hyphens=False)) if text else ""


def make_item(
    post: Post, tz: tzinfo, source_names: dict[str, str], topic_titles: dict[str, str] | None = None,
    copies: Sequence[Copy] = (),
) -> DigestItem:
    # titles and names as the feeds and pages show them (SPEC: plain text everywhere): markup a
    # source put in them is dropped, never mailed as escaped tags
    title = plain(display_title(post)) or "(untitled)"
    also = _also_at(post, copies, source_names)
    summary = short_summary(post)
    why = plain(as_text(reasons(post.evidence, post.topics, topic_titles))) if topic_titles else ""
    return DigestItem(
        post_id=post.id,
        title=title,
        url=safe_url(post.url),
        author=plain(plain_text(post.author)) or _source_name(post.source, source_names),
        date=display_date(post, tz),
        comments=post.comments,
        summary=summary,
        text_title=_wrap(title),
        text_summary=_wrap(summary),
        why=why,
        text_why=_wrap("Why here: " + why) if why else "",
        also_at=also,
        text_also_at=_wrap("Also at: " + ", ".join(f"{name} <{url}>" for name, url in also)) if also else "",
        topics=tuple(post.topics),
    )


def _also_at(post: Post, copies: Sequence[Copy], source_names: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The story's other copies a recipient can follow (links safe to mail only)."""
    return other_copies(copies, safe_url(post.url), lambda c: safe_url(c.url),
                        lambda c: _source_name(c.source, source_names))


def _source_name(source: str, source_names: dict[str, str]) -> str:
    return plain(plain_text(source_names.get(source, source))) or source


def build_sections(
    posts: Sequence[Post], chosen: Sequence[str], config: Config, items: dict[int, DigestItem] | None = None,
    copies: Mapping[int, Sequence[Copy]] | None = None,
) -> list[DigestSection]:
    """Posts (given newest first) grouped by the subscriber's topics, in config order; the order
    within each group is kept. `items` caches each post's DigestItem across many digests; `copies`:
    each post's other copies (Storage.story_copies), listed as "also at"."""
    tz = ZoneInfo(config.settings.digest.timezone)
    names = {s.name: s.title or s.name for s in config.sources}
    titles = {t.slug: t.title for t in config.topics}
    cache = items if items is not None else {}
    groups: dict[str, list[DigestItem]] = {}
    for post in posts:
        slug = section_for(post.topics, chosen, config.topics)
        if slug is None:
            continue
        item = cache.get(post.id)
        if item is None:
            item = cache[post.id] = make_item(post, tz, names, titles, (copies or {}).get(post.id, ()))
        groups.setdefault(slug, []).append(item)
    return [DigestSection(slug=t.slug, title=t.title, items=tuple(groups[t.slug]))
            for t in config.topics if t.slug in groups]


def covered_topics(config: Config, sections: Sequence[DigestSection], chosen: Sequence[str]) -> list[str]:
    """The titles of the subscriber's topics that the digest's posts are in, in the subscriber's order
    (a post listed once, under its most specific topic, still counts for each of them)."""
    titles = {t.slug: t.title for t in config.topics}
    present = {slug for s in sections for i in s.items for slug in i.topics}
    named = [titles.get(t, t) for t in chosen if t in present]
    return named or [s.title for s in sections]


def digest_subject(config: Config, sections: Sequence[DigestSection], names: Sequence[str] | None = None,
                   *, sample: bool = False) -> str:
    """'... digest: 3 new posts on A, B, C and 2 more': the topics the header names (`names`).
    sample (`digest preview --sample`): 'digest sample: 10 recent posts', which need not be new."""
    n = sum(len(s.items) for s in sections)
    names = list(names) if names is not None else [s.title for s in sections]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    kind, fresh = ("digest sample", "recent") if sample else ("digest", "new")
    return f"{config.settings.publish.title} {kind}: {n} {fresh} post{'s' if n != 1 else ''} on {shown}"


# --- rendering ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("myofeed.digest", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


@lru_cache(maxsize=1)
def _inliner() -> css_inline.CSSInliner:
    # never fetch remote stylesheets; keep @media rules in a <style> for clients that honour them
    return css_inline.CSSInliner(load_remote_stylesheets=False, keep_at_rules=True, minify_css=True)


def _html(template: str, **context: object) -> str:
    css = _env().get_template("mail.css").render()
    return _inliner().inline(_env().get_template(template).render(css=css, **context))


def _text(template: str, **context: object) -> str:
    return _env().get_template(template).render(**context)


def render_digest(config: Config, sections: Sequence[DigestSection], topics: Sequence[str], *,
                  sample: bool = False) -> RenderedBody:
    """Text and HTML for one (topic set, post set), with per-recipient placeholders. The subject and
    the header name the same topics: those of the subscriber's that the posts are in. sample: a
    `digest preview --sample` of recent posts, which says so rather than call them new."""
    titles = {t.slug: t.title for t in config.topics}
    covered = covered_topics(config, sections, topics)
    context = dict(
        site=config.settings.publish.title,
        base_url=config.settings.publish.base_url,
        sections=sections,
        count=sum(len(s.items) for s in sections),
        fresh="recent" if sample else "new",
        sample=sample,
        topics=[titles.get(t, t) for t in topics],
        covered=covered,
        discussed=most_discussed(sections),
        unsubscribe_url=UNSUBSCRIBE_URL,
        preferences_url=PREFERENCES_URL,
        recipient=RECIPIENT,
    )
    return RenderedBody(
        subject=digest_subject(config, sections, covered, sample=sample),
        text=_text("digest.txt", **context),
        html=_html("digest.html", **context),
    )


def render_confirmation(config: Config, subscriber: Subscriber) -> RenderedBody:
    """The double opt-in mail: the confirm link, the chosen topics, no posts."""
    titles = {t.slug: t.title for t in config.topics}
    base = config.settings.publish.base_url
    context = dict(
        site=config.settings.publish.title,
        base_url=base,
        confirm_url=base + "confirm/" + subscriber.confirm_token,
        topics=[titles.get(t, t) for t in subscriber.topics],
        cadence=subscriber.cadence,
        unsubscribe_url=UNSUBSCRIBE_URL,
        recipient=RECIPIENT,
        button=not config.settings.web.confirm_on_get,  # the link opens a page with a Confirm button
    )
    return RenderedBody(
        subject=f"Confirm your {config.settings.publish.title} digest subscription",
        text=_text("confirm.txt", **context),
        html=_html("confirm.html", **context),
    )
