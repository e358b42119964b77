"""Listing pages without a feed (blog tag archives, newsrooms) -> posts, with zero configuration.

The page is parsed once with lxml.html; the structured-data pass (JSON-LD,
microdata, embedded JSON state) and the layout pass (repeated post cards) share
that tree. Layout posts are enriched from structured data matched by URL or
title; when the layout finds nothing the structured posts are used alone.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from datetime import UTC, datetime

from lxml import etree, html

from ..exceptions import ParseError
from ..types import ExtractedPost, ParsedDocument, Selectors
from .dates import prefers_day_first
from .listing.blocks import Card, cards_from_roots, find_cards
from .listing.choice import LayoutSigns, layout_signs
from .listing.decode import decode_html
from .listing.dom import Element, text_cache, text_of
from .listing.fields import Context, Fields, data_dated, extract_fields, has_year_headings
from .listing.hrefs import absolute_url
from .listing.merge import apply_selectors, merge, select_all
from .listing.page import (
    copyright_year,
    empty_reason,
    feed_links,
    framed_pages,
    framed_reason,
    next_url,
    page_base,
    page_canonical,
    page_lang,
    page_title,
)
from .listing.prepare import prepare
from .listing.repeats import fill_from_repeats
from .listing.roc import roc_page, with_gregorian_years
from .listing.rules import contained
from .listing.structured import DataPost, best_list, microdata_posts, structured_posts
from .listing.view import last_blocks
from .listing.yearless import in_page_order, pair_order_votes, year_markers
from .untrusted import clean_document, no_surrogate_refs

__all__ = ["parse_listing", "parse_tree"]

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# \b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b, the boundary tested behind the first digit: a pattern that opens with
# a character class is searched by re's C-level scan for that class, one opening with \b tries a match at
# every position (17x slower over a page's card texts)
_NUMERIC_DATE = re.compile(r"\d(?<=\b\d)\d?[./-]\d{1,2}[./-]\d{2,4}\b")


class _Parsers(threading.local):
    parser: html.HTMLParser | None = None


_PARSERS = _Parsers()


def _parser() -> html.HTMLParser:
    """An HTML parser whose elements are all HtmlElement, chosen in C: lxml.html's default per-tag lookup
    calls back into Python for every element the passes touch. One per thread (parsers are not shareable)."""
    if _PARSERS.parser is None:
        parser = html.HTMLParser()
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction,
                entity=html.HtmlEntity,
            )
        )
        _PARSERS.parser = parser
    return _PARSERS.parser


def parse_tree(text: str) -> Element:
    """lxml.html tree of a decoded page; ParseError when there is no document at all."""
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise ParseError("empty page")
    try:
        return html.document_fromstring(text, parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"not an HTML page: {exc}") from exc


def parse_listing(
    body: bytes,
    *,
    base_url: str,
    now: datetime,
    content_type: str | None = None,
    selectors: Selectors | None = None,
    base_from_page: bool = False,
    explain: bool = False,
    public_url: str | None = None,
) -> ParsedDocument:
    """The posts of one listing page, in page order, with the page's title, next page and feeds.

    base_from_page: base_url is where a saved copy was read (its file: URL, which still resolves
    its next page); the page's own <link rel="canonical"> or og:url, when absolute, resolves its
    links, else `public_url` (what the page before said this one's address is), else base_url.
    explain: each post's `why` names the element every field came from, besides the rule."""
    text, _codec = decode_html(no_surrogate_refs(body), content_type)
    root = parse_tree(text)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    fetched_base = page_base(root, base_url)  # where the page was read: its next page is read from there too
    if base_from_page and (own := page_canonical(root) or public_url):
        base_url = own
    base = page_base(root, base_url)
    lang = page_lang(root)
    failed: dict[str, str] = {}  # failed-pass: a page-level pass that raised, and why
    data: list[DataPost] = contained("structured-posts", lambda _: structured_posts(root, base, text), [], failed)
    feeds = feed_links(root, base)
    title = page_title(root)
    frames = framed_pages(root, base)
    prepare(root, text)
    if roc_page(lang, base):  # roc-calendar: 115.03.19 is 2026.03.19 on a Taiwanese page
        contained("roc-calendar", _gregorian, root, failed)
    with text_cache():
        doc = _extract(root, text, base_url, base, now, lang, data, feeds, title, selectors, explain, failed)
    if fetched_base != base and doc.next_url:
        doc = replace(doc, next_url=next_url(root, fetched_base))
    if frames and not doc.posts:  # "rendered by script?" was the note: the posts are in the framed pages
        doc = replace(doc, warnings=tuple(framed_reason(frames) if w.startswith("0 posts found") else w
                                          for w in doc.warnings))
    return clean_document(doc)  # JSON-LD's "\ud800" and the like: lone surrogates made U+FFFD


def _extract(root: Element, raw: str, base_url: str, base: str, now: datetime, lang: str | None,
             data: list[DataPost], feeds: tuple[str, ...], title: str | None,
             selectors: Selectors | None, explain: bool = False,
             failed: dict[str, str] | None = None) -> ParsedDocument:
    nxt = next_url(root, base)
    notes: list[str] = []
    failed = {} if failed is None else failed  # failed-pass: a page-level pass that raised, and why

    if selectors is not None and selectors.item:
        cards = cards_from_roots(select_all(root, selectors.item))
    else:
        none: list[Card] = []  # the group selection failing leaves the structured data's posts, if any
        cards = contained("card-groups", lambda _: find_cards(root, notes, now, failed), none, failed)
    year_headings = has_year_headings(root)
    ctx = Context(base_url=base, now=now, lang=lang, date_format=selectors.date_format if selectors else None,
                  data_dated=data_dated(root, raw), explain=explain, year_headings=year_headings,
                  year_markers=year_markers(root, year_headings, raw), last_blocks=last_blocks(root, raw),
                  year_cap=copyright_year(raw))
    ctx.day_first = contained("day-first", lambda _: _day_first(root, cards, lang, now, raw), None, failed)
    layout = contained("page-order", _in_page_order, [extract_fields(card, ctx) for card in cards], failed)
    if selectors is not None:
        layout = [apply_selectors(f, card, selectors, ctx) for f, card in zip(layout, cards, strict=True)]
    if selectors is None or not selectors.item:
        signs = layout_signs(root, [c.roots[0] for c in cards], raw)
        layout = contained("structured-data", lambda lo: _with_data(root, raw, base, lo, data, signs, notes), layout,
                           failed)
    if failed and explain:  # every post came through the page's passes: each names the ones skipped
        for f in layout:
            f.why["title"] = f.why.get("title", "none") + "".join(
                f" [failed pass: {name}: {reason}]" for name, reason in failed.items())
    posts = _finish(contained("repeated-story", fill_from_repeats, layout, failed), {base, base_url})
    warnings = tuple(notes) + _warnings(root, cards, layout, posts, feeds) + _failed_rules(ctx) + _failed_passes(failed)
    return ParsedDocument(kind="html", posts=posts, title=title, link=base_url, next_url=nxt, feed_links=feeds,
                          warnings=warnings)


def _gregorian(root: Element) -> Element:
    with_gregorian_years(root)
    return root


def _in_page_order(layout: list[Fields]) -> list[Fields]:
    """numeric-day-month dates follow the page's order (newest first: a later date is a year older)."""
    # a date whose year a post id's Unix time stated (epoch-in-url) keeps it
    marked = [f.published if (why := f.why.get("published", "")).startswith("numeric-day-month")
              and "epoch-in-url" not in why else None for f in layout]
    if sum(1 for m in marked if m) < 3:
        return layout
    for f, value in zip(layout, in_page_order(marked), strict=True):
        if value and value != f.published:
            f.published = value
            f.why["published"] += " + page-order"  # a year back: the page lists newest first
    return layout


def _with_data(root: Element, raw: str, base: str, layout: list[Fields], data: list[DataPost],
               signs: LayoutSigns, notes: list[str]) -> list[Fields]:
    """The layout's posts enriched from structured data (microdata only when the layout lacks dates or
    authors), or the structured posts alone when the layout found too little."""
    if "itemscope" in raw and (len(layout) < 2 or any(not f.published or not f.author for f in layout)):
        data = best_list([data, microdata_posts(root, base)])
    if not data:
        return layout

    def anchors() -> list[str]:
        return [u for a in root.iter("a") if (u := absolute_url(a.get("href"), base))]

    return merge(layout, data, anchors, base, signs, notes)


def _warnings(root: Element, cards: list[Card], layout: list[Fields], posts: tuple[ExtractedPost, ...],
              feeds: tuple[str, ...]) -> tuple[str, ...]:
    if not posts:
        titled = sum(1 for f in layout if f.title and f.url)
        return ("0 posts found: " + empty_reason(root, len(cards), titled, feeds),)
    if all(p.published is None for p in posts):
        return ("no post on the page has a date",)
    return ()


def _failed_rules(ctx: Context) -> tuple[str, ...]:
    """failed-rule: one line per rule that raised, so an operator sees which heuristic broke and why."""
    return tuple(f"rule {name} failed on {n} post{'s' if n != 1 else ''} ({reason}): left out there, the other "
                 f"rules went on" for name, (n, reason) in ctx.failures.items())


def _failed_passes(failed: dict[str, str]) -> tuple[str, ...]:
    """failed-pass: one line per page-level pass that raised: the page went on without it."""
    return tuple(f"pass {name} failed ({reason}): skipped, the page's other passes went on"
                 for name, reason in failed.items())


# a day and month alone between two tags ("> 7/12<"): only then are the posts' date cells counted
_RAW_PAIR = re.compile(r">\s*\d{1,2}[./]\d{1,2}\s*<")


def _day_first(root: Element, cards: list[Card], lang: str | None, now: datetime, raw: str = "") -> bool | None:
    """dd/mm or mm/dd for the whole page: its posts' numeric dates, then every numeric date on the page
    (an archive widget's 24/09/2025 settles it too), then its locale."""
    texts = []
    for card in cards:
        for r in card.roots:
            t = text_of(r)
            if _NUMERIC_DATE.search(t):
                texts.append(t)
    if not texts:  # no numeric date with a year in the posts: their day-month cells ("12/30"), else the locale
        votes = pair_order_votes([r for card in cards for r in card.roots]) if _RAW_PAIR.search(raw) else 0
        return votes > 0 if votes else prefers_day_first([], lang)
    found = prefers_day_first(texts, None, now=now)
    if found is None:
        body = root.find("body")
        found = prefers_day_first([text_of(body if body is not None else root)], lang, now=now)
    return found


_EXPLAINED = ("title", "url", "author", "published", "comments", "summary")


def _finish(fields: list[Fields], pages: set[str]) -> tuple[ExtractedPost, ...]:
    """Drop cards without a title or a URL of their own (intro cards link the page itself), but for posts whose
    poster's line marks them as posts without a link (`linkless`); keep the first of duplicate URLs."""
    seen: set[str] = set()
    out: list[ExtractedPost] = []
    own = {p.split("#")[0].rstrip("/") for p in pages}
    for f in fields:
        if not f.title or (not f.url and not f.linkless):
            continue
        if f.url and (f.url.split("#")[0].rstrip("/") in own or f.url in seen):
            continue
        if f.url:
            seen.add(f.url)
        out.append(
            ExtractedPost(
                title=f.title,
                url=f.url,
                author=f.author or None,
                published=f.published,
                comments=f.comments,
                summary=f.summary or "",
                categories=tuple(f.categories),
                why=tuple((k, f.why.get(k, "none")) for k in _EXPLAINED),
            )
        )
    return tuple(out)
