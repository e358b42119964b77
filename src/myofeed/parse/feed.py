"""Feeds (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1) -> ParsedDocument.

feedparser is the reference parser; it gets bytes and the response headers,
never a URL (it must not do HTTP). It runs with its own sanitizer off: nh3 in
`sanitize.py` is much faster and is applied to whatever we keep. JSON Feed is
read with `json` in `jsonfeed.py` (feedparser 6 does not read it reliably). Well-formed RSS
2.0 and Atom 1.0 first try the lxml fast path (`fastfeed.py`), which returns
None for anything it is not sure to read exactly like feedparser.

Everything here is synchronous and takes/returns plain picklable values, so a
caller can run `parse_feed` in a process pool.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit, uses_relative
from xml.sax import SAXException

from ..exceptions import ParseError
from ..types import ExtractedPost, ParsedDocument
from ._feedparser import load as load_feedparser
from .sanitize import collapse, html_to_text, sanitize_html, strip_read_more
from .text import title_from_text
from .untrusted import clean_document, no_surrogate_refs

THREAD_NS = "http://purl.org/syndication/thread/1.0"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^\s*(\d{1,9})\s*$")
_HAS_TIME = re.compile(r"\d:\d")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
# The RFC 822 dates nearly every RSS feed writes, read as email.utils.parsedate_to_datetime reads them.
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
_RFC822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?([0-9]{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"([1-9][0-9]{3}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) (?:([+-])([0-9]{2})([0-9]{2})|GMT|UTC?|Z)"
)
_DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y", "%Y/%m/%d", "%d.%m.%Y")
_EMAIL = r"[^\s()<>@]+@[^\s()<>]+"
_EMAIL_NAME = re.compile(rf"^(?:mailto:)?(?P<email>{_EMAIL})\s*\((?P<name>[^()]*)\)$")  # RSS: "jd@x.org (Jane)"
_NAME_EMAIL = re.compile(rf"^(?P<name>[^()<>]*?)\s*[(<]\s*(?:mailto:)?(?P<email>{_EMAIL})\s*[)>]$")  # "Jane <jd@x.org>"
# URLs urljoin returns unchanged whatever the (parsable) base: http(s) with a plain host, no ';' in the
# path (params), no empty '?' or '#' (urlunparse drops them), nothing urlsplit strips or removes.
_URL_CHARS = r"!$%&'()*+,\-./0-9:=@A-Z_a-z~"
_PLAIN_HTTP_URL = re.compile(
    rf"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[{_URL_CHARS}]*)?(?:\?[{_URL_CHARS};?]+)?(?:#[{_URL_CHARS};?#]+)?"
)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_RELATIVE_SCHEMES = frozenset(uses_relative)


def parse_feed(
    content: bytes, *, url: str, headers: Mapping[str, str] | None = None, fast: bool = True
) -> ParsedDocument:
    """Parse feed bytes fetched from `url`; ParseError when they are not a feed at all.

    `fast=False` forces the feedparser path (the tests compare both). Lone surrogates (`&#xD800;`, JSON
    "\\ud800") come out as U+FFFD: no encoder downstream could write them.
    """
    return clean_document(_parse_feed(no_surrogate_refs(content), url, headers, fast))


def _parse_feed(content: bytes, url: str, headers: Mapping[str, str] | None, fast: bool) -> ParsedDocument:
    hdrs = {k.lower(): v for k, v in (headers or {}).items()}
    if _looks_like_json(content):
        from .jsonfeed import parse_json_feed

        return showable(parse_json_feed(content, url=url))
    if fast:
        from .fastfeed import parse_fast

        doc = parse_fast(content, url=url, headers=hdrs)
        if doc is not None:
            return showable(doc)
    return showable(parse_with_feedparser(content, url=url, headers=hdrs))


def _looks_like_json(content: bytes) -> bool:
    head = content[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[")  # an array is no JSON Feed, but the JSON reader says so (not an XML parser)


def showable(doc: ParsedDocument) -> ParsedDocument:
    """Entries a reader can be shown: one without a title but with text takes a title from its text
    (else from its URL); one with neither (a bare id) is skipped and counted in `doc.skipped`."""
    if all(p.title for p in doc.posts):
        return doc
    posts: list[ExtractedPost] = []
    for p in doc.posts:
        if p.title:
            posts.append(p)
        elif title := (from_text := title_from_text(p.summary)) or (p.url or ""):
            # named by the element the text (or URL) came from, as that field's own rule says: an RSS 1.0
            # item's title from its <description> is "title-from-text <description>" (outside audit 8, m2)
            rule = (f"title-from-text {_element(p.why, 'summary')}" if from_text
                    else f"title-from-url {_element(p.why, 'url')}")
            posts.append(replace(p, title=title, why=tuple((f, rule if f == "title" else w) for f, w in p.why)))
    return replace(doc, posts=tuple(posts), skipped=doc.skipped + len(doc.posts) - len(posts))


def _element(why: tuple[tuple[str, str], ...], field: str) -> str:
    """'<description>' when `field` was read from a feed entry's <description>, else '<field>'."""
    rule = dict(why).get(field, "")
    return rule.removeprefix("feed-entry ") if rule.startswith("feed-entry <") else f"<{field}>"


# --- shared helpers (the fast path uses these too, so both paths agree) -----------------

FIELDS = ("title", "url", "author", "published", "comments", "summary")


def entry_why(values: tuple[object, ...], found: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """What `extract --explain` says of a feed entry: the element each field (`values`, in FIELDS'
    order) was read from. `found` names them in feedparser's terms, which both XML paths share (so
    the fast path and feedparser explain an entry alike); a field left empty is "none"."""
    return tuple((f, f"feed-entry <{found[f]}>" if v not in (None, "") and f in found else "none")
                 for f, v in zip(FIELDS, values, strict=True))


def first_date(*candidates: tuple[str | None, str]) -> tuple[str | None, str]:
    """The first of (raw date, element name) that reads as a date, and its element."""
    for raw, element in candidates:
        if (found := iso_date(raw)) is not None:
            return found, element
    return None, ""



def iso_date(raw: str | None) -> str | None:
    """A feed's date string -> ISO 8601, keeping the stated offset; date-only stays 'YYYY-MM-DD'.

    Naive timestamps are taken as UTC (as feedparser does). Sub-second parts are dropped.
    """
    if not raw:
        return None
    s = raw.strip()
    if not s:
        return None
    if _DATE_ONLY.match(s):
        return s
    dt: datetime | None = None
    if s[:4].isdigit():
        try:
            dt = datetime.fromisoformat(s.replace("z", "Z"))
        except ValueError:
            dt = None
    if dt is None:
        dt = _rfc822(s)
    if dt is None:
        import email.utils  # here: the dates above cover nearly every feed, and email.utils costs a parse
        # worker ~1.1 MB (email.charset, base64mime, quoprimime, random, socket) it need not hold

        try:
            dt = email.utils.parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            dt = None
    if dt is None:
        if not _HAS_TIME.search(s) and (day := _date_only(s)):
            return day  # "20 Nov 2025": a date without a time stays that calendar day
        return _feedparser_date(s)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.replace(microsecond=0).isoformat()


def _rfc822(s: str) -> datetime | None:
    """An RSS date like 'Thu, 20 Nov 2025 09:30:00 +0100' without email.utils' general parser, else None."""
    m = _RFC822.fullmatch(s)
    if m is None:
        return None
    day, month, year, hour, minute, second, sign, off_h, off_m = m.groups()
    offset = 0 if sign is None else (int(off_h) * 3600 + int(off_m) * 60) * (-1 if sign == "-" else 1)
    try:  # out-of-range fields ("31 Feb", "+2400"): the general parser's turn, and its errors
        tz = timezone(timedelta(seconds=offset))
        return datetime(int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second), tzinfo=tz)
    except ValueError:
        return None


def _date_only(s: str) -> str | None:
    text = _WEEKDAY.sub("", s).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _feedparser_date(s: str) -> str | None:
    """feedparser's many date formats, as a last resort; its answer is in UTC."""
    parsed = load_feedparser().datetimes._parse_date(s)
    if not parsed:
        return None
    try:
        y, mo, d, h, mi, sec = parsed[:6]
        return datetime(y, mo, d, h, mi, min(sec, 59), tzinfo=UTC).isoformat()
    except ValueError:
        return None


MAX_COUNT = 999_999_999  # larger counts are nonsense, and past 2**63 they overflow SQLite


def to_int(value: object) -> int | None:
    """A non-negative count up to MAX_COUNT from an int or a digit string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_COUNT else None
    if isinstance(value, str) and (m := _INT.match(value)):
        return int(m.group(1))
    return None


def author_name(raw: str | None) -> str | None:
    """The person's name from an author string: "jd@x.org (Jane)", "Jane <jd@x.org>", or as given."""
    s = collapse(raw)
    if not s:
        return None
    m = _EMAIL_NAME.match(s) or _NAME_EMAIL.match(s)
    if m:
        return collapse(m.group("name")) or m.group("email")
    return s


@lru_cache(maxsize=256)
def _parsable_base(base: str) -> bool:
    try:
        urlsplit(base)
    except ValueError:  # e.g. an unbalanced '[' in the host: urljoin raises, let it
        return False
    return True


def join_url(base: str, url: str) -> str:
    """`urljoin(base, url)`, without its cost for the URLs it would return unchanged."""
    if base and url and _parsable_base(base):
        if _PLAIN_HTTP_URL.fullmatch(url):
            return url
        # Another scheme urljoin never resolves against (urn:, tag:, mailto:...): returned as is.
        m = _SCHEME.match(url)
        if (
            m is not None
            and m.group(1).lower() not in _RELATIVE_SCHEMES
            and url[0] > " "  # urlsplit strips leading C0 controls and spaces,
            and not ("\t" in url or "\n" in url or "\r" in url)  # and removes these anywhere
            and not url.startswith("//", m.end())  # a netloc it would parse (and could reject)
        ):
            return url
    return urljoin(base, url)


def document_base(url: str, headers: Mapping[str, str]) -> str:
    """Base URI of a fetched document: Content-Location made absolute when it is http(s), else the URL."""
    location = headers.get("content-location")
    if location:
        joined = join_url(url, location.strip())
        if joined.startswith(("http://", "https://")):
            return joined
    return url


def http_url(base: str, link: str | None) -> str | None:
    """`link` made absolute; None unless http(s) (an Atom id like urn:x is not a post URL)."""
    if not link:
        return None
    url = join_url(base, link.strip())
    return url if url.startswith(("http://", "https://")) else None


def text_value(value: str | None, ctype: str | None) -> str:
    """Plain text of a title/summary whose type is html, xhtml or text."""
    if not value:
        return ""
    if ctype and ctype.lower() in HTML_TYPES:
        return html_to_text(value)
    return collapse(value)


def dedupe(values: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in values:
        if v and (v := v.strip()) and v not in seen:
            seen[v] = None
    return tuple(seen)


def make_post(
    *,
    title: str,
    url: str | None,
    author: str | None,
    published: str | None,
    comments: int | None,
    summary_value: str | None,
    summary_type: str | None,
    base: str,
    guid: str | None,
    categories: tuple[str, ...],
    url_is_id: bool = False,
    found: Mapping[str, str] | None = None,
) -> ExtractedPost:
    """The one place both XML paths turn fields into an ExtractedPost. `url_is_id`: the URL is the
    entry's id standing in for a missing link (an RSS permalink guid, an Atom id): with no title and
    no text either, the entry is a bare id, nothing a reader could be shown (SPEC V2), so it gets no
    URL and `showable` skips it, whatever the id looks like. `found`: each field's element, for
    `extract --explain`."""
    is_html = bool(summary_type and summary_type.lower() in HTML_TYPES)
    summary = strip_read_more(text_value(summary_value, summary_type))
    if url_is_id and not title.strip() and not summary.strip():
        url = None
    content_html = sanitize_html(summary_value, base) if is_html and summary_value else None
    url, name = url or None, author_name(author)
    return ExtractedPost(
        title=title,
        url=url,
        author=name,
        published=published,
        comments=comments,
        summary=summary,
        guid=guid or None,
        categories=categories,
        content_html=content_html or None,
        why=entry_why((title, url, name, published, comments, summary), found) if found else (),
    )


# --- feedparser path --------------------------------------------------------------------


def _register_thread_namespace() -> None:
    """Give RFC 4685 (Atom threading) a fixed prefix, so thr:total lands in 'thr_total'
    whatever prefix the document declared."""
    _FeedParserMixin = load_feedparser().mixin._FeedParserMixin
    _FeedParserMixin.namespaces.setdefault(THREAD_NS, "thr")
    if _FeedParserMixin._matchnamespaces:
        _FeedParserMixin._matchnamespaces.setdefault(THREAD_NS, "thr")


# Short fields (names, addresses, ids, dates, titles): feedparser runs regexes over them that are quadratic
# in their length (a 150 KB <author> in a feed with a DOCTYPE took minutes), so they are cut to FIELD_CAP
# bytes before it sees the document. Summaries and content are not short fields: nh3 reads them in linear time.
FIELD_CAP = 4096
_SHORT_FIELD = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(?:author|creator|name|email|uri|managingEditor|webMaster|publisher|contributor|"
    rb"title|category|guid|id|link|pubDate|published|updated|date|modified|issued|created|comments|total)"
    rb"(?:\s[^<>]*)?>",
    re.IGNORECASE,
)


def cap_short_fields(content: bytes, cap: int = FIELD_CAP) -> bytes:
    """The document with every short field's text cut to `cap` bytes (one linear pass; unchanged when none
    is longer). Cuts fall on a UTF-8 character start and never inside an entity or a CDATA section's end."""
    if len(content) <= cap or b"\x00" in content[:4]:  # UTF-16/32: nothing to cut safely at byte level
        return content
    out: list[bytes] = []
    pos = 0
    for m in _SHORT_FIELD.finditer(content):
        start = m.end()
        if start < pos:
            continue
        cdata = content.startswith(b"<![CDATA[", start)
        if cdata:
            start += 9
            end = content.find(b"]]>", start)
        else:
            end = content.find(b"<", start)
        if end < 0:
            end = len(content)
        if end - start <= cap:
            continue
        cut = start + cap
        while cut > start and 0x80 <= content[cut] < 0xC0:  # a UTF-8 continuation byte
            cut -= 1
        if not cdata and (amp := content.rfind(b"&", max(start, cut - 12), cut)) >= 0 and b";" not in content[amp:cut]:
            cut = amp
        out.append(content[pos:cut])
        pos = end
    if not out:
        return content
    out.append(content[pos:])
    return b"".join(out)


def parse_with_feedparser(content: bytes, *, url: str, headers: Mapping[str, str]) -> ParsedDocument:
    feedparser = load_feedparser()
    _register_thread_namespace()
    content = cap_short_fields(content)
    hdrs = dict(headers)
    hdrs["content-location"] = document_base(url, hdrs)  # feedparser's base URI for relative links
    hdrs.setdefault("content-type", "application/xml")  # absent header: let the XML declare its encoding
    # Neither sanitizing nor URI rewriting inside HTML: nh3 does both (faster) from the element's base,
    # and the fast path, which never sees feedparser's re-serialized HTML, stays byte-identical.
    try:
        d = feedparser.parse(content, response_headers=hdrs, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser should not raise, but a parser bug must not kill the pass
        raise ParseError(f"{url}: feed parser failed: {type(exc).__name__}: {exc}") from exc
    if not d.get("version") and not d.entries:
        why = f": {d.get('bozo_exception')}" if d.get("bozo") else ""
        raise ParseError(f"{url}: not an RSS, Atom or JSON feed{why}")
    feed = d.feed
    atom = str(d.get("version", "")).startswith("atom")
    rdf = str(d.get("version", "")) in ("rss090", "rss10")
    posts = tuple(_fp_post(e, url, atom, rdf) for e in d.entries)
    if d.get("bozo") and isinstance(d.get("bozo_exception"), SAXException) and not any(
            p.title or p.summary or p.url for p in posts):
        # broken XML that gave not one entry to show (a truncated download, a server's error page in
        # a feed's place) is a failed fetch the operator must see, not a feed that is merely empty
        raise ParseError(f"{url}: malformed feed, no entry could be read: {d.get('bozo_exception')}")
    warnings = (f"feedparser: {d.get('bozo_exception')}",) if d.get("bozo") else ()
    title_detail = feed.get("title_detail") or {}
    return ParsedDocument(
        kind="feed",
        posts=posts,
        title=text_value(feed.get("title"), title_detail.get("type")) or None,
        link=http_url(url, feed.get("link")),
        warnings=warnings,
    )


def _fp_post(e: Any, feed_url: str, atom: bool, rdf: bool = False) -> ExtractedPost:
    title_detail = e.get("title_detail") or {}
    author_detail = e.get("author_detail") or {}
    summary = e.get("summary_detail")
    body = ("summary" if atom else "description") if summary else ""
    if not summary and e.get("content"):
        summary = e["content"][0]
        body = "content" if atom else "content:encoded"
    summary = summary or {}
    base = summary.get("base") or title_detail.get("base") or feed_url
    url_is_id = bool(e.get("guidislink")) or (rdf and not e.get("link"))
    # dict.get: FeedParserDict.get("published") falls back to "updated" with a DeprecationWarning
    published, date_from = first_date((dict.get(e, "published"), "published" if atom else "pubDate"),
                                      (dict.get(e, "updated"), "updated" if atom else "dc:date"),
                                      (e.get("created"), "created"))
    comments, comments_from = _fp_comments(e)
    return make_post(
        title=text_value(e.get("title"), title_detail.get("type")),
        # RSS 1.0: an item's rdf:about names the item's own page when it has no <link>
        url=http_url(feed_url, e.get("link") or (e.get("id") if rdf else None)),
        url_is_id=url_is_id,
        # Atom's author_detail is structured; for RSS, feedparser's split of "email (Name)" is unreliable.
        author=(author_detail.get("name") or author_detail.get("email")) if atom else e.get("author"),
        published=published,
        comments=comments,
        summary_value=summary.get("value"),
        summary_type=summary.get("type"),
        base=base,
        guid=e.get("id"),
        categories=dedupe(t.get("term") for t in e.get("tags") or ()),
        found={"title": "title", "author": "author" if atom else "author/dc:creator", "published": date_from,
               "comments": comments_from, "summary": body,
               "url": ("link rel=alternate" if atom else "link") if _has_link(e)
               else "rdf:about" if rdf else "id" if atom else "guid isPermaLink"},
    )


def _has_link(e: Any) -> bool:
    # feedparser copies an id that may be a permalink into `link`; the links list holds only real links
    return any(link.get("rel", "alternate") == "alternate" for link in e.get("links") or ())


def _fp_comments(e: Any) -> tuple[int | None, str]:
    """The entry's comment count and the element it came from."""
    for key, element in (("slash_comments", "slash:comments"), ("thr_total", "thr:total")):
        if (n := to_int(e.get(key))) is not None:
            return n, element
    for link in e.get("links") or ():
        if link.get("rel") == "replies" and (n := to_int(link.get("count") or link.get("thr:count"))) is not None:
            return n, "link rel=replies thr:count"
    return None, ""
