"""The excerpt of one card, by named rules: summary markup or class, a subtitle heading under the title,
the card's paragraphs, the longest line of an old layout."""

from __future__ import annotations

import re

from ..dates import find_dates
from .dom import HEADINGS
from .excerpt import (
    content_block,
    marked_summary,
    stated_description,
    subtitle_heading,
    summary_paragraphs,
    summary_text_of,
)
from .model import Context
from .posterlines import poster_line_text
from .rules import Found, Rule, rule
from .scoring import FRONT_PAGE

__all__ = ["SUMMARY_RULES", "split_leading_date"]


def _without_person(v) -> set:
    return v.skip | v.person if v.person else v.skip


def _take(v, el) -> Found[str]:
    v.skip.update(el.iter())
    return Found(summary_text_of(el, [], v.roots, v.title, _without_person(v)), el)


@rule("summary-markup")
def summary_markup(v) -> Found[str] | None:
    """itemprop=description, p-summary, an *excerpt*/*teaser*/*summary* class."""
    el = marked_summary(v.summaries, v.title_el, _without_person(v))
    return _take(v, el) if el is not None else None


@rule("content-block")
def content(v) -> Found[str] | None:
    """The largest *content*/*body* block that holds no date, byline or comment link."""
    el = content_block(v.summaries, v.title_el, _without_person(v))
    return _take(v, el) if el is not None else None


@rule("description-meta")
def description_meta(v) -> Found[str] | None:
    """<meta itemprop="description" content="...">, when nothing visible is the excerpt."""
    el = stated_description(v.summaries, _without_person(v))
    return _take(v, el) if el is not None else None


@rule("subtitle-heading")
def subtitle(v) -> Found[str] | None:
    """A subtitle heading under the title heading (Medium-like cards)."""
    el = subtitle_heading(v.title_el, v.card)
    return _take(v, el) if el is not None else None


@rule("paragraphs")
def paragraphs(v) -> Found[str] | None:
    """The card's <p> elements that are not meta lines, joined."""
    paras = summary_paragraphs(v.summaries, _without_person(v), v.title)
    if not paras:
        return None
    paras = _with_inner_headings(paras, v.title_el)
    for p in paras:
        v.skip.update(p.iter())
    return Found(summary_text_of(None, paras, v.roots, v.title, _without_person(v)), paras[0])


def _with_inner_headings(paras: list, title_el) -> list:
    """A full post's body written straight into its box (no content wrapper): the section headings
    between its paragraphs are part of the text, as they are when a content block is the excerpt."""
    parent = paras[0].getparent()
    if len(paras) < 2 or parent is None or title_el is None or any(p.getparent() is not parent for p in paras):
        return paras
    if title_el.tag not in HEADINGS:  # the title's link inside its heading: the heading stands in the box
        title_el = next((h for h in title_el.iterancestors(*HEADINGS)), title_el)
    if title_el.getparent() is not parent:
        return paras  # the title stands apart from the body's box: the body is a wrapper of its own
    chosen = set(paras)
    out = []
    inside = False
    for child in parent:
        if child is paras[0]:
            inside = True
        if not inside:
            continue
        if child in chosen or (child.tag in HEADINGS and child is not title_el and title_el not in child.iter()):
            out.append(child)
        if child is paras[-1]:
            break
    return out


@rule("longest-line")
def longest_line(v) -> Found[str] | None:
    """No <p>: the longest line between <br>s and blocks that is not the title or a meta line."""
    # a link to a site's front page is a source's name ("Kitchen Table Rheumatology"), never the excerpt
    sources = {e for a in v.links if a.tag == "a" and FRONT_PAGE.match(a.get("href") or "") for e in a.iter()}
    text = summary_text_of(None, [], v.roots, v.title, _without_person(v) | sources)
    return Found(text) if text else None


SUMMARY_RULES: tuple[Rule[str], ...] = (
    summary_markup, poster_line_text, content, description_meta, subtitle, paragraphs, longest_line,
)

# cheap test before the date parser: a digit, or a word and a digit ("Jun 21", "21. Juni", "2025-06-21")
_DATE_START = re.compile(r"^(?:\d|[^\W\d_]{2,12}\.?,?\s+\d)")
_AFTER_DATE = re.compile(r"^\s*[|–—·•:-]\s+")


def split_leading_date(text: str, ctx: Context) -> tuple[str, str | None]:
    """'Jun 21, 2025 | Our December meeting...': (the excerpt without its leading date, the date)."""
    if not text or not _DATE_START.match(text):
        return text, None
    found = find_dates(text[:60], now=ctx.now, prefer_day_first=ctx.day_first, relative=False)
    if not found or found[0].start != 0 or not (m := _AFTER_DATE.match(text[found[0].end:])):
        return text, None
    return text[found[0].end + m.end():], found[0].value
