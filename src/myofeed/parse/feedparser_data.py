"""What the feed fast path (fastfeed.py) needs of feedparser 6, copied, so that a parse worker reading
well-formed RSS 2.0 and Atom never imports feedparser: its package brings urllib.request,
http.client, ssl and OpenSSL with it, ~5.8 MB in every worker. feedparser stays the reference and
the path for every other document; tests/parse/test_feed_fastpath.py checks that each copy equals
the installed feedparser's.
"""

from __future__ import annotations

import html.entities
import re

from .feed import THREAD_NS

__all__ = ["CP1252", "KNOWN_NAMESPACES", "looks_like_html"]

# feedparser's _FeedParserMixin.namespaces (the URIs it gives a meaning to), with the Atom threading
# namespace that feed.py registers in it before feedparser parses a document
_NAMESPACE_URIS = (
    'http://backend.userland.com/blogChannelModule',
    'http://backend.userland.com/creativeCommonsRssModule',
    'http://backend.userland.com/rss',
    'http://blogs.law.harvard.edu/tech/rss',
    'http://creativecommons.org/ns#license',
    'http://cyber.law.harvard.edu/rss/creativeCommonsRssModule.html',
    'http://example.com/DTDs/PodCast-1.0.dtd',
    'http://example.com/necho',
    'http://example.com/newformat#',
    'http://freshmeat.net/rss/fm/',
    'http://hacks.benhammersley.com/rss/streaming/',
    'http://madskills.com/public/xml/rss/module/pingback/',
    'http://madskills.com/public/xml/rss/module/trackback/',
    'http://media.tangent.org/rss/1.0/',
    'http://my.netscape.com/rdf/simple/0.9/',
    'http://my.theinfo.org/changed/1.0/rss/',
    'http://podlove.org/simple-chapters',
    'http://postneo.com/icbm/',
    'http://prismstandard.org/namespaces/1.2/basic/',
    'http://purl.org/atom/ns#',
    'http://purl.org/dc/elements/1.1/',
    'http://purl.org/dc/terms/',
    'http://purl.org/echo/',
    'http://purl.org/pie/',
    'http://purl.org/rss/1.0/',
    'http://purl.org/rss/1.0/modules/aggregation/',
    'http://purl.org/rss/1.0/modules/annotate/',
    'http://purl.org/rss/1.0/modules/company',
    'http://purl.org/rss/1.0/modules/content/',
    'http://purl.org/rss/1.0/modules/email/',
    'http://purl.org/rss/1.0/modules/event/',
    'http://purl.org/rss/1.0/modules/image/',
    'http://purl.org/rss/1.0/modules/link/',
    'http://purl.org/rss/1.0/modules/reference/',
    'http://purl.org/rss/1.0/modules/richequiv/',
    'http://purl.org/rss/1.0/modules/rss091#',
    'http://purl.org/rss/1.0/modules/search/',
    'http://purl.org/rss/1.0/modules/servicestatus/',
    'http://purl.org/rss/1.0/modules/slash/',
    'http://purl.org/rss/1.0/modules/subscription/',
    'http://purl.org/rss/1.0/modules/syndication/',
    'http://purl.org/rss/1.0/modules/taxonomy/',
    'http://purl.org/rss/1.0/modules/textinput/',
    'http://purl.org/rss/1.0/modules/threading/',
    'http://purl.org/rss/1.0/modules/wiki/',
    'http://rssnamespace.org/feedburner/ext/1.0',
    'http://schemas.pocketsoap.com/rss/myDescModule/',
    'http://schemas.xmlsoap.org/soap/envelope/',
    'http://search.yahoo.com/mrss',
    'http://search.yahoo.com/mrss/',
    'http://web.resource.org/cc/',
    'http://webns.net/mvcb/',
    'http://wellformedweb.org/commentAPI/',
    'http://www.georss.org/georss',
    'http://www.itunes.com/DTDs/PodCast-1.0.dtd',
    'http://www.opengis.net/gml',
    'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
    'http://www.w3.org/1999/xhtml',
    'http://www.w3.org/1999/xlink',
    'http://www.w3.org/2000/01/rdf-schema#',
    'http://www.w3.org/2003/01/geo/wgs84_pos#',
    'http://www.w3.org/2005/Atom',
    'http://www.w3.org/XML/1998/namespace',
    'http://xmlns.com/foaf/0.1/',
    'uri/of/echo/namespace#',
)
KNOWN_NAMESPACES = frozenset("{" + uri.lower() + "}" for uri in (*_NAMESPACE_URIS, THREAD_NS))

# feedparser.html._cp1252: C1 controls read as the Windows-1252 characters they stand for
CP1252: dict[int, str] = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}

# feedparser.sanitizer._HTMLSanitizer.acceptable_elements
ACCEPTABLE_ELEMENTS = frozenset((
    "a abbr acronym address area article aside audio b big blockquote br button canvas caption center "
    "cite code col colgroup command datagrid datalist dd del details dfn dialog dir div dl dt em "
    "event-source fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 header hr i img input ins "
    "kbd keygen label legend li m map menu meter multicol nav nextid noscript ol optgroup option output p "
    "pre progress q s samp section select small sound source spacer span strike strong sub sup table "
    "tbody td textarea tfoot th thead time tr tt u ul var video"
).split())

_CLOSE_TAG = re.compile(r"</(\w+)>")
_ENTITY_REF = re.compile(r"&#?\w+;")
_TAG_NAME = re.compile(r"</?(\w+)")
_NAMED_ENTITY = re.compile(r"&(\w+);")


def looks_like_html(s: str) -> bool:
    """feedparser's _FeedParserMixin.looks_like_html: a close tag or an entity, every tag one it
    accepts, every named entity an HTML one."""
    if not (_CLOSE_TAG.search(s) or _ENTITY_REF.search(s)):
        return False
    if any(t.lower() not in ACCEPTABLE_ELEMENTS for t in _TAG_NAME.findall(s)):
        return False
    return all(e in html.entities.entitydefs for e in _NAMED_ENTITY.findall(s))
