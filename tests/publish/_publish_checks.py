"""Format checks for published files: what the W3C Feed Validation Service rejects or warns about.

Atom: RELAX NG from RFC 4287 (lxml) plus the rules the schema cannot express.
RSS 2.0: the spec's required elements, RFC 822 dates, guid, source@url,
declared namespaces, no blank elements, no markup in text elements.
JSON Feed: the 1.1 JSON Schema.
"""

from __future__ import annotations

import json
import re
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

CORPORA = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"
ATOM = "{http://www.w3.org/2005/Atom}"
THR = "{http://purl.org/syndication/thread/1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
SLASH = "{http://purl.org/rss/1.0/modules/slash/}"

RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}(:\d{2})? ([+-]\d{4}|GMT|UT|[ECMP][SD]T)$"
)
# The validator's stricter RFC 2822 form: zones other than +HH00/+HH30 are "problematical".
RFC2822_STRICT = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d\d:\d\d(:\d\d)? ([+-]?\d\d[03]0|UT|GMT|[ECMP][SD]T|Z)$"
)
# The validator's acceptable_elements (HTMLValidator), as far as sanitized summaries can reach.
SAFE_TAGS = set(
    "a abbr acronym address area article aside b bdi big blockquote br caption center cite code col colgroup data "
    "dd del details dfn div dl dt em figcaption figure footer font header h1 h2 h3 h4 h5 h6 hgroup hr i img ins "
    "kbd li main map mark nav ol p picture pre q rp rt ruby s samp section small span strike strong sub summary "
    "sup table tbody td tfoot th thead time tr tt u ul var wbr".split()
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# feedvalidator's ContainsHTML for what a publisher controls: an entity reference left in a text element's
# parsed value (text escaped twice). A title's literal "<b>" or "<Tab>" is its words: Atom says so with
# type="text", RSS with the RSS Profile's character references (&#x3C;, check_rss); an end tag among
# them draws the validator's ContainsHTML warning (a warning: the feed stays valid), the price of
# showing the words.
HTMLISH = re.compile(r"&(#\w+|[A-Za-z]+);")

RSS_CHANNEL = {
    "title",
    "link",
    "description",
    "language",
    "copyright",
    "managingEditor",
    "webMaster",
    "pubDate",
    "lastBuildDate",
    "category",
    "generator",
    "docs",
    "cloud",
    "ttl",
    "image",
    "rating",
    "textInput",
    "skipHours",
    "skipDays",
    "item",
}
RSS_ITEM = {"title", "link", "description", "author", "category", "comments", "enclosure", "guid", "pubDate", "source"}


def absolute_http(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@lru_cache(maxsize=1)
def atom_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(CORPORA / "schemas" / "atom.rng")))


@lru_cache(maxsize=1)
def json_validator():  # type: ignore[no-untyped-def]
    import jsonschema

    schema = json.loads((CORPORA / "jsonfeed" / "schema-v1.1.json").read_text())
    return jsonschema.Draft7Validator(schema)


def _no_blank_elements(root: etree._Element) -> list[str]:
    errors = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if len(el) == 0 and not el.attrib and not (el.text or "").strip():
            errors.append(f"blank element {el.tag}")
    return errors


def check_html(fragment: str, where: str) -> list[str]:
    """SecurityRisk / NotHtml / ContainsRelRef, as the validator applies them to descriptions."""
    if not fragment.strip():
        return []
    from lxml import html as lhtml

    errors = []
    for el in lhtml.fragment_fromstring(fragment, create_parent="div").iter():
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.tag not in SAFE_TAGS:
            errors.append(f"{where}: tag <{el.tag}>")
        for name, value in el.attrib.items():
            if name.startswith("on") or name == "style":
                errors.append(f"{where}: attribute {name}")
            if name in ("href", "src") and not re.match(r"\w+:", value):
                errors.append(f"{where}: relative URL {value!r}")
    return errors


def check_text(value: str, where: str) -> list[str]:
    """ContainsHTML for text elements: an entity reference in the parsed value (see HTMLISH)."""
    if HTMLISH.search(value):
        return [f"{where}: text looks like HTML: {value!r}"]
    return []


def check_atom(data: bytes, self_url: str) -> list[str]:
    """Problems in an Atom document (empty list: valid)."""
    root = etree.fromstring(data)
    errors: list[str] = []
    schema = atom_schema()
    if not schema.validate(root.getroottree()):
        errors += [f"RNG: {e.message} (line {e.line})" for e in schema.error_log]
    errors += _no_blank_elements(root)
    selfs = [ln.get("href") for ln in root.findall(f"{ATOM}link") if ln.get("rel") == "self"]
    if selfs != [self_url]:
        errors.append(f"self link {selfs} != {self_url}")
    feed_author = root.find(f"{ATOM}author") is not None
    ids = set()
    for entry in root.findall(f"{ATOM}entry"):
        eid = entry.findtext(f"{ATOM}id")
        if eid in ids:
            errors.append(f"duplicate id {eid}")
        ids.add(eid)
        if not feed_author and entry.find(f"{ATOM}author") is None:
            errors.append(f"entry {eid} without author")
        alternates = [ln for ln in entry.findall(f"{ATOM}link") if ln.get("rel", "alternate") == "alternate"]
        # RFC 4287 4.1.1.1: without <content> an entry must have an alternate link (the W3C
        # validator's MissingContentOrAlternate); a post that has no link of its own has none
        if alternates and (len(alternates) != 1 or not absolute_http(alternates[0].get("href"))):
            errors.append(f"entry {eid}: at most one alternate link, absolute")
        if not alternates and entry.find(f"{ATOM}content") is None:
            errors.append(f"entry {eid}: neither content nor an alternate link")
        title = entry.find(f"{ATOM}title")
        if title is None or title.get("type", "text") != "text" or HTMLISH.search(title.text or ""):
            errors.append(f"entry {eid}: title must be plain text")
        summary = entry.find(f"{ATOM}summary")
        if summary is None and entry.find(f"{ATOM}content") is None:
            errors.append(f"entry {eid}: neither summary nor content (MissingTextualContent)")
        elif summary is not None and summary.get("type") == "html":
            errors += check_html(summary.text or "", f"entry {eid} summary")
        for tag in ("updated", "published"):
            value = entry.findtext(f"{ATOM}{tag}")
            if value is not None and not RFC3339.match(value):
                errors.append(f"entry {eid}: {tag} {value!r} is not RFC 3339")
        source = entry.find(f"{ATOM}source")
        if source is not None:
            for tag in ("id", "title", "updated"):  # MissingSourceElement warnings otherwise
                if source.find(f"{ATOM}{tag}") is None:
                    errors.append(f"entry {eid}: source without {tag}")
        total = entry.findtext(f"{THR}total")
        if total is not None and not total.isdigit():
            errors.append(f"entry {eid}: thr:total {total!r}")
    return errors


def check_rss(data: bytes, self_url: str) -> list[str]:
    """Problems in an RSS 2.0 document (empty list: valid)."""
    root = etree.fromstring(data)  # raises on undeclared namespace prefixes
    errors: list[str] = []
    if root.tag != "rss" or root.get("version") != "2.0":
        return ["root is not <rss version=2.0>"]
    # RSS has no text type: "<" and ">" as the RSS Profile's hex character references tell aggregators
    # that a title's "<b>" is text, not HTML
    errors += [f"title {raw!r}: HTML-escaped; write < and > as hex character references (RSS Profile)"
               for raw in re.findall(rb"<title>([^<]*)</title>", data) if b"&lt;" in raw or b"&gt;" in raw]
    channels = root.findall("channel")
    if len(channels) != 1:
        return ["exactly one channel expected"]
    ch = channels[0]
    errors += _no_blank_elements(root)
    for tag in ("title", "link", "description"):
        if not (ch.findtext(tag) or "").strip():
            errors.append(f"channel without {tag}")
    if not absolute_http(ch.findtext("link")):
        errors.append("channel link is not an absolute URL")
    for el in ch:
        if isinstance(el.tag, str) and not el.tag.startswith("{") and el.tag not in RSS_CHANNEL:
            errors.append(f"unknown channel element {el.tag}")
    for tag in ("lastBuildDate", "pubDate"):
        value = ch.findtext(tag)
        if value is not None and not _rfc822(value):
            errors.append(f"channel {tag} {value!r} is not RFC 822")
    selfs = [ln.get("href") for ln in ch.findall(f"{ATOM}link") if ln.get("rel") == "self"]
    if selfs != [self_url]:
        errors.append(f"atom:link self {selfs} != {self_url}")
    guids = set()
    for item in ch.findall("item"):
        for el in item:
            if isinstance(el.tag, str) and not el.tag.startswith("{") and el.tag not in RSS_ITEM:
                errors.append(f"unknown item element {el.tag}")
        if item.find("title") is None and item.find("description") is None:
            errors.append("item without title and description")
        title = item.findtext("title") or ""
        if HTMLISH.search(title):
            errors.append(f"item title contains HTML: {title!r}")
        guid = item.find("guid")
        if guid is None or not (guid.text or "").strip():
            errors.append(f"item {title!r} without guid")
        else:
            if guid.text in guids:
                errors.append(f"duplicate guid {guid.text}")
            guids.add(guid.text)
            permalink = guid.get("isPermaLink", "true")
            if permalink not in ("true", "false") or (permalink == "true" and not absolute_http(guid.text)):
                errors.append(f"guid {guid.text!r} isPermaLink={permalink}")
        link = item.findtext("link")
        if link is not None and not absolute_http(link):
            errors.append(f"item link {link!r} not absolute")
        pub = item.findtext("pubDate")
        if pub is not None and not (_rfc822(pub) and RFC2822_STRICT.match(pub)):
            errors.append(f"item pubDate {pub!r} is not RFC 822")
        errors += check_html(item.findtext("description") or "", f"item {title!r} description")
        for tag in ("title", "category", "source", f"{DC}creator"):
            for el in item.findall(tag):
                errors += check_text(el.text or "", f"item {tag}")
        sources = item.findall("source")
        if len(sources) > 1:
            errors.append("more than one source")
        for src in sources:
            if not absolute_http(src.get("url")):
                errors.append(f"source url {src.get('url')!r} is not a full URL")
            if HTMLISH.search(src.text or ""):
                errors.append("source name contains HTML")
        if item.find("author") is not None and item.find(f"{DC}creator") is not None:
            errors.append("both author and dc:creator (DuplicateItemSemantics)")
        comments = item.findtext(f"{SLASH}comments")
        if comments is not None:
            if not comments.isdigit():
                errors.append(f"slash:comments {comments!r}")
            if ch.find("lastBuildDate") is None:
                errors.append("slash:comments without lastBuildDate (SlashDate)")
        for cat in item.findall("category"):
            if not (cat.text or "").strip():
                errors.append("blank category")
    return errors


def _rfc822(value: str) -> bool:
    if not RFC822.match(value):
        return False
    try:
        parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return False
    return True


def check_json(data: bytes, feed_url: str) -> list[str]:
    doc = json.loads(data)
    errors = [f"schema: {e.message} at {list(e.path)}" for e in json_validator().iter_errors(doc)]
    if doc.get("version") != "https://jsonfeed.org/version/1.1":
        errors.append("not JSON Feed 1.1")
    if doc.get("feed_url") != feed_url:
        errors.append(f"feed_url {doc.get('feed_url')} != {feed_url}")
    ids = [item["id"] for item in doc["items"]]
    if len(ids) != len(set(ids)):
        errors.append("duplicate item ids")
    for item in doc["items"]:
        ext = item.get("_myofeed")
        if not isinstance(ext, dict) or not ext.get("source") or "comments" not in ext:
            errors.append(f"item {item['id']}: _myofeed incomplete")
        for key in ("date_published", "date_modified"):
            if key in item and not RFC3339.match(item[key]):
                errors.append(f"item {item['id']}: {key} not RFC 3339")
    return errors
