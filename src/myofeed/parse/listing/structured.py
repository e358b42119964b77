"""Posts stated as data: JSON-LD and microdata (via extruct, on the shared lxml tree) and the JSON
state that JavaScript frameworks embed (Next.js `__NEXT_DATA__`, `window.__NUXT__`, Apollo/Redux
state, `<script type="application/json">`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..dates import normalize_machine_date
from ..text import clean, strip_read_more
from .dom import Element
from .jsstate import astro_props, nested_json, rsc_chunk, rsc_values, script_data

__all__ = ["DataPost", "best_list", "microdata_posts", "structured_posts"]

_POST_TYPES = {"blogposting", "article", "newsarticle", "posting", "socialmediaposting", "report", "scholarlyarticle",
               "medicalscholarlyarticle", "techarticle", "reportagenewsarticle", "analysisnewsarticle", "liveblogposting",
               "discussionforumposting", "creativework", "webpage", "medicalwebpage", "blog"}
_TITLE_KEYS = ("headline", "title", "name", "heading", "seoTitle")
_URL_KEYS = ("url", "permalink", "link", "href", "canonicalUrl", "canonical_url", "canonical", "mediumUrl", "uri",
             "fullUrl", "full_url", "absoluteUrl", "path", "_path", "pathname", "route")
_SLUG_KEYS = ("slug", "uniqueSlug", "handle", "full_slug", "fullSlug")
_DATE_KEYS = ("datePublished", "published_at", "publishedAt", "published", "publishDate", "publish_date",
              "publishedDate", "published_date", "pubDate", "firstPublishedAt", "first_published_at", "publicationDate",
              "date", "dateCreated", "createdAt", "created_at", "created", "releaseDate", "postedAt", "posted_at",
              "date_gmt", "timestamp")
_AUTHOR_KEYS = ("author", "authors", "creator", "byline", "writer", "author_name", "authorName", "primary_author",
                "user", "createdBy")
_COMMENT_KEYS = ("commentCount", "postResponses", "responsesCount", "comment_count", "comments_count", "commentsCount", "numComments", "num_comments",
                 "responsesCount", "responses_count", "replyCount", "reply_count", "totalComments", "comments")
_SUMMARY_KEYS = ("description", "excerpt", "summary", "subtitle", "dek", "teaser", "abstract", "snippet", "lead",
                 "intro", "previewText", "preview_text", "standfirst", "custom_excerpt", "blurb", "articleBody")
# when a post states no publication date at all, its modification date is the last resort (never before it)
_MODIFIED_KEYS = ("dateModified", "modified", "updatedAt", "updated_at", "modified_gmt", "lastModified")
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class DataPost:
    title: str = ""
    url: str | None = None  # absolute, relative or None
    slug: str | None = None
    author: str | None = None
    published: str | None = None
    modified: str | None = None  # dateModified: only when nothing states the publication date
    comments: int | None = None
    summary: str = ""
    categories: list[str] = field(default_factory=list)
    kind: str = "json-ld"  # where it was stated: json-ld, microdata, script-state


def structured_posts(root: Element, base_url: str, raw_html: str) -> list[DataPost]:
    """The best list of posts stated in scripts (JSON-LD, JSON state), in document order (may be empty).

    Must run before the scripts are stripped from the tree. Microdata is read separately
    (microdata_posts), only when the layout pass needs it: it costs more and the layout pass
    reads itemprops itself.
    """
    lists: list[list[DataPost]] = []
    if "ld+json" in raw_html:
        lists.append(_jsonld(root, base_url))
    if "<script" in raw_html or "<astro-island" in raw_html:
        lists.extend(_json_state(root))
    return best_list(lists)


def best_list(lists: list[list[DataPost]]) -> list[DataPost]:
    lists = [lst for lst in lists if lst]
    if not lists:
        return []
    return max(lists, key=lambda lst: (len(lst), sum(1 for p in lst if p.published)))


def microdata_posts(root: Element, base_url: str) -> list[DataPost]:
    """schema.org microdata posts (BlogPosting, Article, CreativeWork...) via extruct."""
    return _microdata(root, base_url)


# --- JSON-LD and microdata --------------------------------------------------------


def _jsonld(root: Element, base_url: str) -> list[DataPost]:
    from extruct.jsonld import JsonLdExtractor

    try:
        items = JsonLdExtractor().extract_items(root, base_url=base_url)
    except Exception:  # invalid JSON-LD is common; it must not cost us the page
        items = []
    items = _link_ids(items)
    posts: list[DataPost] = []
    for item in items:
        _walk_ld(item, posts, 0)
    return _distinct(posts)


def _distinct(posts: list[DataPost]) -> list[DataPost]:
    """Each post once: a @graph that lists its BlogPostings and an ItemList pointing at them by @id
    states every post twice."""
    seen: set[tuple[str, str]] = set()
    out: list[DataPost] = []
    for p in posts:
        key = (p.url or "", p.title)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _link_ids(items: list[Any]) -> list[Any]:
    """Replace {"@id": "#author-1"} references with the node of that @id (Yoast-style @graph)."""
    ids: dict[str, dict[str, Any]] = {}

    def collect(node: Any, depth: int) -> None:
        if depth > 6:
            return
        if isinstance(node, dict):
            if isinstance(node.get("@id"), str) and len(node) > 1:
                ids.setdefault(node["@id"], node)
            for v in node.values():
                collect(v, depth + 1)
        elif isinstance(node, list):
            for v in node:
                collect(v, depth + 1)

    def link(node: Any, depth: int) -> Any:
        if depth > 6:
            return node
        if isinstance(node, dict):
            if len(node) == 1 and isinstance(node.get("@id"), str) and node["@id"] in ids:
                return ids[node["@id"]]
            return {k: link(v, depth + 1) for k, v in node.items()}
        if isinstance(node, list):
            return [link(v, depth + 1) for v in node]
        return node

    collect(items, 0)
    return link(items, 0) if ids else items


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type") or obj.get("type") or []
    if isinstance(t, str):
        t = [t]
    return {str(x).rsplit("/", 1)[-1].lower() for x in t if x}


_LD_CHILDREN = ("@graph", "itemListElement", "item", "blogPost", "blogPosts", "mainEntity", "hasPart", "about",
                "children", "value")


def _walk_ld(obj: Any, out: list[DataPost], depth: int) -> None:
    """Posts in a JSON-LD (or extruct microdata) tree: a post-typed item with a title, or the posts
    inside @graph, ItemList, blogPost, mainEntity and their kin."""
    if depth > 8:
        return
    if isinstance(obj, list):
        for x in obj:
            _walk_ld(x, out, depth + 1)
        return
    if not isinstance(obj, dict):
        return
    props: dict[str, Any] = obj["properties"] if isinstance(obj.get("properties"), dict) else obj
    if "breadcrumblist" in _types(obj):
        return  # the page's own path, not posts
    if _types(obj) & (_POST_TYPES - {"blog", "webpage"}) and _first_str(props, _TITLE_KEYS):
        out.append(_to_post(props))
        return
    for key in _LD_CHILDREN:
        if key not in props:
            continue
        if key == "itemListElement" and isinstance(props[key], list):
            _walk_list_items(props[key], out, depth)
        else:
            _walk_ld(props[key], out, depth + 1)


def _walk_list_items(items: list[Any], out: list[DataPost], depth: int) -> None:
    """ItemList entries: a ListItem that is itself the post (url, no nested item; or its `item` the post's
    URL beside its `name`: listitem-url-name), or an item to walk."""
    for li in items:
        if isinstance(li, dict) and _types(li) & {"listitem"} and _first_str(li, _TITLE_KEYS):
            item = li.get("item")
            if item is None and li.get("url"):
                out.append(_to_post(li))
                continue
            if isinstance(item, str) and item.startswith(("http", "/")):
                out.append(_to_post({**li, "url": li.get("url") or item}))
                continue
        _walk_ld(li, out, depth + 1)


def _microdata(root: Element, base_url: str) -> list[DataPost]:
    from extruct.w3cmicrodata import LxmlMicrodataExtractor

    try:
        items = LxmlMicrodataExtractor(nested=True).extract_items(root, base_url)
    except Exception:  # malformed microdata must not cost us the page
        return []
    posts: list[DataPost] = []
    for item in items:
        _walk_ld(item, posts, 0)
    for p in posts:
        p.kind = "microdata"
    return posts


# --- embedded JSON state ------------------------------------------------------------


def _json_state(root: Element) -> list[list[DataPost]]:
    found: list[list[DataPost]] = []
    rsc: list[str] = []
    for script in root.iter("script"):
        if (chunk := rsc_chunk(script)) is not None:
            rsc.append(chunk)
            continue
        data = script_data(script)
        if data is not None and (best := _best_list(data)):
            found.append(best)
    if rsc and (best := _best_list(rsc_values("".join(rsc)))):
        found.append(best)
    for island in root.iter("astro-island"):
        if (data := astro_props(island)) is not None and (best := _best_list(data)):
            found.append(best)
    return found


def _best_list(data: Any) -> list[DataPost]:
    best: list[DataPost] = []
    budget = [60000]

    def visit(node: Any, depth: int) -> None:
        nonlocal best
        budget[0] -= 1
        if budget[0] < 0 or depth > 14:
            return
        if isinstance(node, dict):
            values = list(node.values())
            children = [v for v in values if isinstance(v, dict)]
            if len(children) >= 2:
                # a store keyed by id mixes types (Apollo: Post:1, User:7): consider each type apart
                by_type: dict[str, list[dict[str, Any]]] = {}
                for v in children:
                    by_type.setdefault(str(v.get("__typename", "")), []).append(v)
                for group in by_type.values():
                    if len(group) >= 2:
                        _consider(group)
            for v in values:
                if isinstance(v, (dict, list)):
                    visit(v, depth + 1)
                elif isinstance(v, str) and (inner := nested_json(v)) is not None:
                    visit(inner, depth + 1)
        elif isinstance(node, list):
            dicts = [x for x in node if isinstance(x, dict)]
            if len(dicts) >= 2:
                _consider(dicts)
            for x in node:
                if isinstance(x, (dict, list)):
                    visit(x, depth + 1)

    def _consider(dicts: list[dict[str, Any]]) -> None:
        nonlocal best
        posts = [_to_post(_unwrap(d)) for d in dicts if _post_like(_unwrap(d))]
        for p in posts:
            p.kind = "script-state"
        if len(posts) >= 2 and len(posts) >= 0.6 * len(dicts) and len(posts) > len(best):
            best = posts

    visit(data, 0)
    return best


def _unwrap(d: dict[str, Any]) -> dict[str, Any]:
    # GraphQL edges, Strapi attributes, search hits ({"document": ...}, Elasticsearch's "_source")
    for key in ("node", "attributes", "post", "article", "item", "data", "fields", "document", "_source", "doc",
                "entry", "result", "hit"):
        inner = d.get(key)
        if isinstance(inner, dict) and _post_like(inner):
            return inner
    return d


def _post_like(d: dict[str, Any]) -> bool:
    title = _first_str(d, _TITLE_KEYS)
    if not title or not (4 <= len(title) <= 300):
        return False
    has_url = any(isinstance(d.get(k), str) and d.get(k) for k in _URL_KEYS + _SLUG_KEYS)
    has_date = any(d.get(k) for k in _DATE_KEYS)
    return has_url and (has_date or any(d.get(k) for k in _SUMMARY_KEYS + _AUTHOR_KEYS))


# --- field mapping ------------------------------------------------------------------


def _first_str(d: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = d.get(k)
        if isinstance(v, list) and v:
            v = v[0]
        if isinstance(v, dict):
            v = v.get("rendered") or v.get("@value") or v.get("text") or v.get("value")
        if isinstance(v, str) and v.strip():
            return v.strip()
    return None


def _plain(value: str) -> str:
    if "<" in value:
        value = _TAGS.sub(" ", value)
    import html as _html

    return clean(_html.unescape(value))


def _person(value: Any, depth: int = 0) -> str | None:
    """A writer's name from a string, a Person object or a list of them (co-authors as a byline shows
    them: "Ann Lee and Bo Chen", "A, B and C"); a URL is no name. A relation wrapped as a CMS API returns it
    (Strapi's `{"data": {"id": 7, "attributes": {"firstName": ...}}}`, a GraphQL `node`) is read inside
    (`wrapped-person`: an Angular page's transfer cache holds the API's response as it came)."""
    if depth > 4:
        return None
    if isinstance(value, list):
        names = list(dict.fromkeys(n for n in (_person(v, depth + 1) for v in value) if n))
        if len(names) > 1:
            return ", ".join(names[:-1]) + " and " + names[-1]
        return names[0] if names else None
    if isinstance(value, dict):
        found = _person_object(value["properties"] if isinstance(value.get("properties"), dict) else value)
        if found is None:
            inner = next((value[k] for k in _PERSON_WRAPS if isinstance(value.get(k), (dict, list))), None)
            return _person(inner, depth + 1) if inner is not None else None
        return found
    if isinstance(value, str) and value.strip() and not value.strip().startswith(("http://", "https://", "/")):
        return clean(value)
    return None


_PERSON_WRAPS = ("data", "attributes", "node")
_NAME_KEYS = ("name", "displayName", "display_name", "fullName", "full_name", "title", "username", "login")


def _person_object(props: dict[str, Any]) -> str | None:
    for key in _NAME_KEYS:
        v = _first(props.get(key))
        if isinstance(v, str) and v.strip():
            return clean(v)
    first, last = props.get("firstName") or props.get("givenName"), props.get("lastName") or props.get("familyName")
    return clean(f"{first} {last}") if isinstance(first, str) and isinstance(last, str) else None


def _count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, dict):
        for key in ("totalCount", "count", "total", "length"):
            if isinstance(value.get(key), int):
                return int(value[key])
    return None


def _to_post(d: dict[str, Any]) -> DataPost:
    p = DataPost()
    p.title = _plain(_first_str(d, _TITLE_KEYS) or "")
    p.url = _url_of(d)
    p.slug = _first_str(d, _SLUG_KEYS)
    p.published = _date_of(d, _DATE_KEYS, epoch=True)
    if p.published is None:
        p.modified = _date_of(d, _MODIFIED_KEYS)
    p.author = next((name for k in _AUTHOR_KEYS if k in d and (name := _person(d[k]))), None)
    p.comments = _comments_of(d)
    summary = _first_str(d, _SUMMARY_KEYS)
    if summary is None and isinstance(d.get("previewContent"), dict):
        summary = _first_str(d["previewContent"], ("subtitle", "description", "text"))
    p.summary = strip_read_more(_plain(summary)) if summary else ""
    p.categories = _tags_of(d)
    return p


def _first(v: Any) -> Any:
    return v[0] if isinstance(v, list) and v else v


def _url_of(d: dict[str, Any]) -> str | None:
    """The post's URL: a url/permalink/link key, else an http @id or mainEntityOfPage."""
    for k in _URL_KEYS:
        v = _first(d.get(k))
        if isinstance(v, str) and v.strip() and not v.strip().startswith(("data:", "javascript:")):
            return v.strip()
    ident = d.get("@id") or d.get("mainEntityOfPage")
    if isinstance(ident, dict):
        ident = ident.get("@id") or ident.get("url")
    if not (isinstance(ident, str) and ident.startswith("http")):
        return None
    # id-fragment: "https://blog.example/post/#article" names the node in the page's graph; the page is the post
    return ident.split("#", 1)[0] if "#" in ident and not ident.split("#", 1)[1].startswith("/") else ident


def _date_of(d: dict[str, Any], keys: tuple[str, ...], epoch: bool = False) -> str | None:
    """The first of these keys that holds a date (ISO text, or with `epoch` a Unix timestamp)."""
    for k in keys:
        v = _first(d.get(k))
        if epoch and isinstance(v, (int, float)) and not isinstance(v, bool) and v > 10**9:
            v = str(int(v))
        if isinstance(v, str) and (norm := normalize_machine_date(v)):
            return norm
    return None


def _comments_of(d: dict[str, Any]) -> int | None:
    """commentCount and its kin, else a schema.org interactionStatistic of a comment type."""
    for k in _COMMENT_KEYS:
        if k in d and (n := _count(d[k])) is not None:
            return n
    stats = d.get("interactionStatistic")
    found = None
    for s in stats if isinstance(stats, list) else [stats]:
        if isinstance(s, dict) and "comment" in str(s.get("interactionType", "")).lower():
            found = _count(s.get("userInteractionCount"))
    return found


def _tags_of(d: dict[str, Any]) -> list[str]:
    tags = d.get("keywords") or d.get("tags") or d.get("categories") or []
    if isinstance(tags, str):
        tags = [t for t in re.split(r"\s*,\s*", tags) if t]
    if not isinstance(tags, list):
        return []
    return [t for t in (_person(t) if isinstance(t, dict) else t for t in tags) if isinstance(t, str)]
