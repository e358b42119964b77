"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) output.

Items are plain dicts built once per post and reused by every feed; the
serialization is deterministic (fixed key order, no clock) so unchanged input
gives unchanged bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..parse.sanitize import html_to_text
from .entries import EntryData
from .ext import atom_date
from .feeds import FeedMeta

VERSION = "https://jsonfeed.org/version/1.1"


def json_item(entry: EntryData) -> dict[str, Any]:
    item: dict[str, Any] = {"id": entry.id, "title": entry.title}
    if entry.link:
        item["url"] = entry.link
    item["content_html"] = entry.content_html
    if entry.summary_html:
        item["summary"] = html_to_text(entry.summary_html)
    if entry.published is not None:
        item["date_published"] = atom_date(entry.published)
    item["date_modified"] = atom_date(entry.updated)
    item["authors"] = [{"name": entry.author}]
    item["tags"] = list(entry.topics)
    item["_myofeed"] = {
        "source": entry.source,
        "source_title": entry.source_title,
        "source_url": entry.source_url,
        "comments": entry.comments,
    }
    if entry.also_at:
        item["_myofeed"]["also_at"] = [a.link for a in entry.also_at]
    if entry.why:
        item["_myofeed"]["why"] = {r.slug: list(r.because) for r in entry.why}
    return item


def render_json(meta: FeedMeta, items: Sequence[dict[str, Any]]) -> bytes:
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": meta.title,
        "home_page_url": meta.base_url,
        "feed_url": meta.url("json"),
        "description": meta.description,
        "language": "en",
        "authors": [{"name": meta.author, "url": meta.base_url}],
        "items": list(items),
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
