"""lxml fast path for plain, well-formed UTF-8 RSS 2.0 and Atom 1.0.

feedparser is the reference; this module reads only documents it is sure to
read exactly as feedparser would (the corpus tests compare the two on every
feed), and returns None for anything else so the caller falls back:
non-UTF-8 or ambiguous encodings, DOCTYPEs, XML errors, XHTML or base64
content, and elements that feedparser maps onto the fields we use from a
namespace we do not read here (iTunes, Media RSS, more of Dublin Core...).

The field rules mirror feedparser's: the last of repeated elements wins,
RSS titles are HTML when they "look like" HTML, a permalink guid stands in for
a missing link, an Atom id for a missing alternate link, and text gets the
same latin-1/UTF-8 and cp1252 repairs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from lxml import etree

from ..types import ExtractedPost, ParsedDocument
from .feed import (
    THREAD_NS,
    dedupe,
    document_base,
    first_date,
    http_url,
    join_url,
    make_post,
    text_value,
    to_int,
)
from .feedparser_data import CP1252, KNOWN_NAMESPACES, looks_like_html

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
SLASH = "{http://purl.org/rss/1.0/modules/slash/}"
THR = "{" + THREAD_NS + "}"
WFW = "{http://wellformedweb.org/CommentAPI/}"

# Item children whose meaning we know; other elements in these namespaces make us bail.
_RSS_ITEM = frozenset(
    "title link description author category comments enclosure guid pubDate source".split()
    + [CONTENT + "encoded", DC + "creator", DC + "date", SLASH + "comments", WFW + "commentRss", WFW + "comment"]
)
_ATOM_ENTRY = frozenset(
    ATOM + n
    for n in "id title link published updated author contributor category summary content rights source".split()
) | {THR + "total", THR + "in-reply-to"}
_RSS_CHANNEL = frozenset(
    "title link description language copyright managingEditor webMaster pubDate lastBuildDate category generator "
    "docs cloud ttl image rating textInput skipHours skipDays item".split()
)
_MEDIA = "{http://search.yahoo.com/mrss/}"
_CHANNEL_BAIL = frozenset([DC + "title", ATOM + "title", ATOM + "entry", ATOM + "id", _MEDIA + "title"])
_ATOM_FEED = frozenset(
    ATOM + n
    for n in "author category contributor generator icon id link logo rights subtitle title updated entry".split()
)
_HARMLESS_LEAVES = frozenset(
    [_MEDIA + "content", _MEDIA + "thumbnail", "{http://rssnamespace.org/feedburner/ext/1.0}origLink"]
)
_RSS_CONTAINERS = frozenset(["image", "textInput", "cloud", "skipHours", "skipDays"])
_ATOM_PERSONS = frozenset([ATOM + "author", ATOM + "contributor"])
# Fields where a duplicate makes feedparser's choice (first or last) hard to mirror: bail.
_SINGLE = frozenset(
    ["title", "description", "guid", CONTENT + "encoded"] + [ATOM + n for n in ("title", "summary", "content", "id")]
)
_FEED_BAIL = frozenset([DC + "title", _MEDIA + "title"])
# Atom text construct types feedparser treats as text or HTML (XHTML and other MIME types: bail).
_TEXT_TYPES = {None: "text/plain", "text": "text/plain", "text/plain": "text/plain"} | {
    "html": "text/html",
    "text/html": "text/html",
}
_DECL_ENCODING = re.compile(rb"^<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_CHARSET = re.compile(r"charset\s*=\s*\"?([\w.-]+)", re.IGNORECASE)
_LINK_ENTITY = re.compile(r"&([A-Za-z0-9_]+);")
# The C1 controls CP1252 maps: str.translate with a dict costs ~0.4 ms on a 3 KB summary even when it
# changes nothing (a Python-level look-up per character), a search for them ~10 us; most text has none.
_C1 = re.compile("[\x80-\x9f]")


class _Bail(Exception):
    """Raised inside the walk when feedparser might read the document differently."""


def _eligible(content: bytes, headers: Mapping[str, str]) -> bool:
    """UTF-8 (declared or implied), no other BOM, no DOCTYPE, no HTTP charset disagreement."""
    if content[:2] in (b"\xff\xfe", b"\xfe\xff") or content[:4] == b"\x00\x00\xfe\xff":
        return False
    head = content[3:1027] if content.startswith(b"\xef\xbb\xbf") else content[:1024]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        return False
    m = _DECL_ENCODING.match(head.lstrip())
    if m and m.group(1).lower() not in (b"utf-8", b"utf8"):
        return False
    ctype = headers.get("content-type", "")
    charset = _CHARSET.search(ctype)
    if charset:
        return charset.group(1).lower() in ("utf-8", "utf8")
    # RFC 3023: text/* without a charset is us-ascii to feedparser; identical only for ASCII bytes.
    return not ctype.lower().startswith("text/") or content.isascii()


def parse_fast(content: bytes, *, url: str, headers: Mapping[str, str]) -> ParsedDocument | None:
    """A ParsedDocument identical to the feedparser path's, or None (use feedparser)."""
    if not _eligible(content, headers):
        return None
    base = document_base(url, headers)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(content, parser, base_url=base)
    except (etree.XMLSyntaxError, ValueError):
        return None
    try:
        if root.tag == "rss" and root.get("version") == "2.0":
            return _rss(root, base)
        if root.tag == ATOM + "feed":
            return _atom(root, base)
    except _Bail:
        return None
    return None


# --- text exactly as feedparser's pop() leaves it -------------------------------------------


def _fix(text: str) -> str:
    """feedparser's repairs: strip, UTF-8-read-as-latin-1 undone, C1 controls mapped as cp1252."""
    text = text.strip()
    if not text.isascii():
        try:
            text = text.encode("iso-8859-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
        if _C1.search(text):
            text = text.translate(CP1252)
    return text


def _text(el: Any) -> str:
    if len(el):  # child elements inside a text field: feedparser would serialize them
        raise _Bail
    return _fix(el.text or "")


def _check_ns(el: Any, allowed: frozenset[str]) -> None:
    tag = el.tag
    if tag in allowed or not isinstance(tag, str):
        return
    if tag in _HARMLESS_LEAVES and not len(el):
        return  # media:content / media:thumbnail without children touch none of our fields
    ns = tag[: tag.index("}") + 1].lower() if tag.startswith("{") else ""
    if not ns or ns in KNOWN_NAMESPACES:
        raise _Bail  # an element feedparser has a meaning for that we don't read


# --- RSS 2.0 ----------------------------------------------------------------------------------


def _rss(root: Any, base: str) -> ParsedDocument | None:
    channels = root.findall("channel")
    if len(channels) != 1 or root.find("item") is not None:
        return None
    channel = channels[0]
    title_el = link = None
    posts = []
    for child in channel:
        tag = child.tag
        if tag == "item":
            posts.append(_rss_item(child))
        elif tag == "title":
            if title_el is not None:
                raise _Bail  # feedparser keeps the first of duplicates for some fields, the last for others
            title_el = child
        elif tag == "link":
            link = _rss_link(child)
        elif len(child) and tag not in _RSS_CONTAINERS:
            raise _Bail  # feedparser looks inside unknown elements (a nested <item> or <title> counts)
        elif tag == ATOM + "link":
            if child.get("rel", "alternate") == "alternate":
                raise _Bail
        elif isinstance(tag, str) and (tag in _CHANNEL_BAIL or (tag[0] != "{" and tag not in _RSS_CHANNEL)):
            raise _Bail
    title = _rss_title(title_el) if title_el is not None else ""
    return ParsedDocument(kind="feed", posts=tuple(posts), title=title or None, link=http_url(base, link))


def _rss_link(el: Any) -> str:
    value = _text(el)
    if value:
        value = join_url(el.base, value)
    # feedparser undoes '&amp;' left in link text
    return _LINK_ENTITY.sub(r"&\1", value.replace("&amp;", "&"))


def _rss_title(el: Any) -> str:
    """An RSS title: HTML when it "looks like" HTML, as feedparser decides."""
    raw = _text(el)
    return text_value(raw, "text/html" if looks_like_html(raw) else "text/plain")


def _rss_guid(el: Any) -> tuple[str, bool]:
    """(guid, is a permalink): a permalink is resolved against xml:base, and stands in for a missing link."""
    is_link = el.get("isPermaLink", el.get("ispermalink", "true")) == "true"
    guid = _text(el)
    return (join_url(el.base, guid) if guid and is_link else guid), is_link


def _element(el: Any) -> Any:
    return el


# Each item child we read: the field it sets and how it is read (a later one of the same field wins).
_RSS_FIELDS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "title": ("title", _rss_title),
    "link": ("link", _rss_link),
    "description": ("description", _element),  # elements: only the one used is read (content is long)
    CONTENT + "encoded": ("content", _element),
    "author": ("author", _text),
    DC + "creator": ("author", _text),
    "pubDate": ("published", _text),
    DC + "date": ("updated", _text),
    "guid": ("guid", _rss_guid),
    SLASH + "comments": ("comments", _text),
}
_RSS_LISTS: dict[str, Callable[[Any], Any]] = {"category": _text}  # every one counts


def _fields(parent: Any, allowed: frozenset[str], readers: Mapping[str, tuple[str, Callable[[Any], Any]]],
            lists: Mapping[str, Callable[[Any], Any]], *, nested: frozenset[str] = frozenset(),
            refused: frozenset[str] = frozenset()) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """Read an item's or entry's children: {field: value} by `readers`, and {tag: [values]} of the
    repeatable `lists` (categories, links). Bail on what feedparser might read its own way: elements
    of a namespace it knows that we do not read, `refused` ones, nested markup (but in `nested`), and
    a second one of the _SINGLE fields."""
    fields: dict[str, Any] = {}
    repeated: dict[str, list[Any]] = {tag: [] for tag in lists}
    seen: set[str] = set()
    for child in parent:
        tag = child.tag
        _check_ns(child, allowed)
        if tag in seen or tag in refused or (len(child) and tag not in nested):
            raise _Bail
        if tag in _SINGLE:
            seen.add(tag)
        if tag in lists:
            repeated[tag].append(lists[tag](child))
        elif tag in readers:
            name, read = readers[tag]
            fields[name] = read(child)
    return fields, repeated


def _rss_item(item: Any) -> ExtractedPost:
    fields, repeated = _fields(item, _RSS_ITEM, _RSS_FIELDS, _RSS_LISTS)
    guid, guid_is_link = fields.get("guid", (None, False))
    link = fields.get("link")
    url_is_id = link is None and guid_is_link and bool(guid)
    if url_is_id:
        link = guid
    body = fields.get("description", fields.get("content"))  # the description, else content:encoded
    published, date_from = first_date((fields.get("published"), "pubDate"), (fields.get("updated"), "dc:date"))
    return make_post(
        title=fields.get("title", ""),
        url=http_url(item.base, link),
        author=fields.get("author"),
        published=published,
        comments=to_int(fields.get("comments")),
        summary_value=_text(body) if body is not None else None,
        summary_type="text/html" if body is not None else None,
        base=body.base if body is not None else item.base,
        guid=guid,
        categories=dedupe(repeated["category"]),
        url_is_id=url_is_id,
        found={"title": "title", "url": "guid isPermaLink" if url_is_id else "link", "author": "author/dc:creator",
               "published": date_from, "comments": "slash:comments",
               "summary": "description" if "description" in fields else "content:encoded"},
    )


# --- Atom 1.0 ---------------------------------------------------------------------------------


def _atom_text(el: Any) -> tuple[str, str]:
    """(value, feedparser content type) of an Atom text construct; bail on XHTML/base64/src."""
    ctype = _TEXT_TYPES.get(el.get("type"))
    if ctype is None or el.get("src") is not None or el.get("mode") is not None:
        raise _Bail
    return _text(el), ctype


def _atom_alternate(el: Any) -> str | None:
    if el.get("href") is None or len(el) or (el.text or "").strip():
        raise _Bail  # feedparser reads a link's text when there is no href
    rel = el.get("rel", "alternate")
    ctype = (el.get("type") or "text/html").lower()
    href = el.get("href")
    if rel == "alternate" and ctype in ("text/html", "application/xhtml+xml") and href is not None:
        return join_url(el.base, href.strip())
    return None


def _atom(root: Any, base: str) -> ParsedDocument:
    title = link = feed_id = None
    posts = []
    for child in root:
        tag = child.tag
        if tag == ATOM + "entry":
            posts.append(_atom_entry(child))
        elif len(child) and tag not in _ATOM_PERSONS:
            raise _Bail
        elif tag == ATOM + "title":
            if title is not None:
                raise _Bail
            title = text_value(*_atom_text(child))
        elif tag == ATOM + "link":
            link = _atom_alternate(child) or link
        elif tag == ATOM + "id":
            feed_id = _text(child)
            feed_id = join_url(child.base, feed_id) if feed_id else None
        elif isinstance(tag, str) and (
            tag in _FEED_BAIL or tag[0] != "{" or (tag.startswith(ATOM) and tag not in _ATOM_FEED)
        ):
            raise _Bail  # feedparser reads e.g. a bare <item> in an Atom feed as an entry
    # feedparser: an id stands in for a missing alternate link, at feed level too
    return ParsedDocument(kind="feed", posts=tuple(posts), title=title or None, link=http_url(base, link or feed_id))


def _atom_person(el: Any) -> str | None:
    name = email = None
    for child in el:
        if child.tag == ATOM + "name":
            name = _text(child)
        elif child.tag == ATOM + "email":
            email = _text(child)
    return name or email


def _atom_title(el: Any) -> str:
    return text_value(*_atom_text(el))


def _atom_id(el: Any) -> str:
    value = _text(el)
    return join_url(el.base, value) if value else value


def _atom_body(el: Any) -> tuple[str, str, Any]:
    """(value, feedparser content type, xml:base) of a summary or content."""
    return (*_atom_text(el), el.base)


def _thread_count(el: Any) -> int | None:
    return to_int(_text(el))


def _term(el: Any) -> str:
    return el.get("term") or ""


_ATOM_FIELDS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    ATOM + "title": ("title", _atom_title),
    ATOM + "id": ("guid", _atom_id),
    ATOM + "author": ("author", _atom_person),
    ATOM + "published": ("published", _text),
    ATOM + "updated": ("updated", _text),
    ATOM + "summary": ("summary", _atom_body),
    ATOM + "content": ("content", _atom_body),
    THR + "total": ("comments", _thread_count),
}
_ATOM_LISTS: dict[str, Callable[[Any], Any]] = {ATOM + "link": _element, ATOM + "category": _term}
_ATOM_REFUSED = frozenset([ATOM + "source"])  # another feed's metadata: feedparser reads it its own way


def _atom_links(links: list[Any]) -> tuple[str | None, int | None]:
    """(the last alternate link, the first comment count of a rel=replies link: thr:count)."""
    link = replies = None
    for el in links:
        link = _atom_alternate(el) or link
        if replies is None and el.get("rel") == "replies":
            replies = to_int(el.get(THR + "count"))
    return link, replies


def _atom_entry(entry: Any) -> ExtractedPost:
    fields, repeated = _fields(entry, _ATOM_ENTRY, _ATOM_FIELDS, _ATOM_LISTS, nested=_ATOM_PERSONS,
                               refused=_ATOM_REFUSED)
    link, replies = _atom_links(repeated[ATOM + "link"])
    guid = fields.get("guid")
    body = fields.get("summary", fields.get("content"))  # the summary, else the content
    comments = fields.get("comments")
    published, date_from = first_date((fields.get("published"), "published"), (fields.get("updated"), "updated"))
    return make_post(
        title=fields.get("title", ""),
        url=http_url(entry.base, link or guid),
        author=fields.get("author"),
        published=published,
        comments=comments if comments is not None else replies,
        summary_value=body[0] if body else None,
        summary_type=body[1] if body else None,
        base=body[2] if body else entry.base,
        guid=guid,
        categories=dedupe(repeated[ATOM + "category"]),
        url_is_id=not link,
        found={"title": "title", "url": "link rel=alternate" if link else "id", "author": "author",
               "published": date_from, "comments": "thr:total" if comments is not None else "link rel=replies thr:count",
               "summary": "summary" if "summary" in fields else "content"},
    )
