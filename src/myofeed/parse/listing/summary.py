"""The excerpt of one card, by named rules: summary markup or class, a subtitle heading under the title,
the card's paragraphs, the longest line of an old layout."""

from __future__ import annotations

from .excerpt import subtitle_heading, summary_element, summary_paragraphs, summary_text_of
from .rules import Found, Rule, rule

__all__ = ["SUMMARY_RULES"]


def _without_person(v) -> set:
    return v.skip | v.person if v.person else v.skip


@rule("summary-markup")
def summary_markup(v) -> Found[str] | None:
    """itemprop=description, p-summary, an *excerpt*/*teaser* class, the largest *content* block."""
    el = summary_element(v.summaries, v.title_el, _without_person(v))
    if el is None:
        return None
    v.skip.update(el.iter())
    return Found(summary_text_of(el, [], v.roots, v.title, _without_person(v)), el)


@rule("subtitle-heading")
def subtitle(v) -> Found[str] | None:
    """A subtitle heading under the title heading (Medium-like cards)."""
    el = subtitle_heading(v.title_el, v.card)
    if el is None:
        return None
    v.skip.update(el.iter())
    return Found(summary_text_of(el, [], v.roots, v.title, _without_person(v)), el)


@rule("paragraphs")
def paragraphs(v) -> Found[str] | None:
    """The card's <p> elements that are not meta lines, joined."""
    paras = summary_paragraphs(v.summaries, _without_person(v), v.title)
    if not paras:
        return None
    for p in paras:
        v.skip.update(p.iter())
    return Found(summary_text_of(None, paras, v.roots, v.title, _without_person(v)), paras[0])


@rule("longest-line")
def longest_line(v) -> Found[str] | None:
    """No <p>: the longest line between <br>s and blocks that is not the title or a meta line."""
    text = summary_text_of(None, [], v.roots, v.title, _without_person(v))
    return Found(text) if text else None


SUMMARY_RULES: tuple[Rule[str], ...] = (summary_markup, subtitle, paragraphs, longest_line)
